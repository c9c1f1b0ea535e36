"""The shared vocabulary: mention kinds, qualifiers, units and table names, in one light module.

The scanner (:mod:`extract.scanner`) compiles large patterns when it is
imported; the extract pipeline, the registries and the schemas need only these
names, so they import them from here and stay quick to import.

Example::

    >>> from ai_consumer_metrics.vocabulary import QUALIFIERS, CURRENCIES
    >>> QUALIFIERS[0], "HKD" in CURRENCIES, DOLLAR in CURRENCIES, DOLLAR_CURRENCIES <= CURRENCIES
    ('exact', True, False, True)
"""
from __future__ import annotations

#: Kinds an extractor must claim or dismiss: the figures.
FIGURE_KINDS = frozenset({"quantity", "range"})
#: Kinds the build accounts for by itself (dates, identifiers, ... are never figures).
AUTO_KINDS = frozenset({"date", "time", "duration", "ordinal", "identifier", "reference", "list_number"})
KINDS = FIGURE_KINDS | AUTO_KINDS
#: How a text hedges a number, in the order documents list them.
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
#: ISO 4217 codes the scanner reads.
CURRENCIES = frozenset({"CNY", "USD", "HKD", "JPY", "EUR", "GBP", "KRW", "TWD", "MOP", "CHF", "SGD", "RUB", "AUD",
                        "CAD", "NZD", "THB", "INR", "VND", "IDR", "MYR", "PHP", "MXN", "BRL", "ZAR", "TRY", "AED",
                        "SAR", "SEK", "NOK", "DKK"})
#: A bare ``$``: a dollar whose kind (US, Hong Kong, Taiwan, Singapore ...) the text does not
#: say. The scanner reads it; a figure declares one of :data:`DOLLAR_CURRENCIES` instead,
#: with ``unit_implied=True`` (docs/design.md, "A bare $").
DOLLAR = "dollar"
#: The currencies a ``$`` sign stands for in Chinese business writing.
DOLLAR_CURRENCIES = frozenset({"USD", "HKD", "TWD", "SGD", "AUD", "CAD", "NZD", "MOP"})
#: The currencies whose unit Chinese writes 元 (圓, 块): the renminbi, and in their own
#: writing the New Taiwan, Hong Kong and Macau dollars. The scanner reads a bare 元 as CNY; a
#: figure from a Taiwan or Hong Kong article declares its own with ``unit_implied=True``
#: (docs/design.md, "A bare 元").
YUAN_CURRENCIES = frozenset({"CNY", "TWD", "HKD", "MOP"})
DURATION_UNITS = frozenset({"years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds"})
COUNT_UNITS = frozenset({"persons", "person_times", "establishments", "items", "orders", "pieces", "shares", "units", "times"})
#: Every unit a mention can carry; ``""`` is a bare magnitude (5.8亿).
UNITS = frozenset({"", DOLLAR, "percent", "percentage_points", "multiple"}) | CURRENCIES | COUNT_UNITS | DURATION_UNITS
#: The analysis tables a metric's figures land in, in the order they are built and listed.
ANALYSIS_TABLES = ("market_shares", "user_metrics", "financials", "growth", "other_figures")
