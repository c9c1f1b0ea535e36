"""What a person writes in an extractor: :func:`figure` and :func:`dismiss`.

Both record the file and line they were called from, so the engine's errors can
point a maintainer at the exact declaration that disagrees with the text.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

#: Reasons a scanner mention may be dismissed instead of claimed as a figure.
DISMISS_REASONS = {
    "date": "a calendar date or year, not a quantity",
    "time": "a clock time",
    "duration": "a length of time used as a period, not a business figure",
    "ordinal": "a rank or order (第三)",
    "identifier": "a name, code or product version (9988.HK, 1688, Qwen3)",
    "reference": "a citation mark such as [3]",
    "list_number": "the number of a list item",
    "page_furniture": "site chrome inside the body: word counts, reading time, captions",
    "not_business_figure": "a number in the prose that is not a business fact (product claims, rhetoric, small counts)",
    "duplicate": "the same figure as another row (name it in the note)",
    "truncated": "the archived text breaks off inside the sentence; the figure cannot be read whole",
}


@dataclass(frozen=True)
class Declared:
    """Where a declaration was written: file and line of the call."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def _caller() -> Declared:
    frame = sys._getframe(2)
    return Declared(frame.f_code.co_filename, frame.f_lineno)


@dataclass(frozen=True)
class Figure:
    """One figure as a person read it. See :func:`figure`."""

    quote: str
    value_text: str
    entity: str
    metric: str
    period: str
    scope: str
    value: float
    unit: str
    qualifier: str
    value_high: float | None
    unit_implied: bool
    attributed_to: str | None
    via: str | None
    reference: str | None
    note: str | None
    quote_nth: int | None
    value_nth: int | None
    declared: Declared
    reviewed: bool = True
    direction: str | None = None


@dataclass(frozen=True)
class Dismissal:
    """A scanner mention that is not a figure, with the reason. See :func:`dismiss`."""

    quote: str
    value_text: str
    reason: str
    note: str | None
    quote_nth: int | None
    value_nth: int | None
    declared: Declared
    reviewed: bool = True


def figure(
    quote: str,
    value_text: str,
    *,
    entity: str,
    metric: str,
    period: str,
    scope: str,
    value: float,
    unit: str,
    qualifier: str = "exact",
    value_high: float | None = None,
    unit_implied: bool = False,
    attributed_to: str | None = None,
    via: str | None = None,
    reference: str | None = None,
    note: str | None = None,
    quote_nth: int | None = None,
    value_nth: int | None = None,
    reviewed: bool = True,
    direction: str | None = None,
) -> Figure:
    """Declare one figure.

    ``quote`` is a verbatim substring of the archived original (its ``quote_nth``
    occurrence, counted from 1, where it is not unique: leaving ``quote_nth`` out
    asserts the quote is unique, and the engine refuses an ambiguous one); ``value_text`` is the
    scanner mention inside the quote that carries the figure (its ``value_nth``
    occurrence inside the quote). ``value``, ``unit`` and ``qualifier`` are what
    the person read; the engine refuses to build if the scanner reads otherwise.
    ``unit_implied=True`` says the unit comes from context, not from the text: a
    bare magnitude (``9000亿的GMV``), or a bare ``$`` (``$77.35``), which says
    "a dollar" and not whose, so ``unit`` is the dollar the context means (HKD for
    a Hong Kong listing) and the note gives the other reading, or a Taiwan or Hong
    Kong article's bare 元 (``營收500億元``), which the scanner reads as CNY, declared
    as TWD, HKD or MOP; the row records it (and the analysis tables' ``currency_doubt``).
    Without the flag the engine refuses a currency for a bare ``$`` or another
    yuan for a bare 元, as it refuses a unit for a bare magnitude.
    ``attributed_to`` is who the article credits for the number (``QuestMobile``),
    ``via`` the intermediate publisher (``新浪财经``), ``reference`` the article's
    own reference-list entry (``[3]``). ``reviewed=False`` marks a claim drafted
    by ``python -m extract new``: the build refuses it until a person has checked
    it against the text and removed the flag (or turned it into a dismissal).
    ``direction="fall"`` says the text words a change as a fall (下滑1%: ``value=1``);
    the engine checks it against the text (:mod:`extract.direction`) and the
    analysis tables sign the change.

    Example::

        >>> f = figure("拼多多月活跃用户数达到7.5亿", "7.5亿",
        ...            entity="pinduoduo", metric="mau", period="2022-06",
        ...            scope="China e-commerce apps", value=750_000_000,
        ...            unit="persons", unit_implied=True, attributed_to="QuestMobile")
        >>> f.value, f.qualifier, f.direction
        (750000000.0, 'exact', None)
        >>> figure("阿里巴巴(9988.HK)股价$77.35", "$77.35", entity="alibaba_group", metric="share_price",
        ...        period="2024-09", scope="s", value=77.35, unit="HKD", unit_implied=True).unit_implied
        True
        >>> figure("收入同比下滑1%", "1%", entity="x", metric="revenue_growth", period="2024",
        ...        scope="s", value=1, unit="percent", direction="fall").direction
        'fall'
    """
    return Figure(
        quote, value_text, entity, metric, period, scope, float(value), unit,
        qualifier, None if value_high is None else float(value_high), unit_implied,
        attributed_to, via, reference, note, quote_nth, value_nth, _caller(), bool(reviewed), direction,
    )


def dismiss(
    quote: str,
    value_text: str,
    *,
    reason: str,
    note: str | None = None,
    quote_nth: int | None = None,
    value_nth: int | None = None,
    reviewed: bool = True,
) -> Dismissal:
    """Declare that a scanner mention is not a figure, and why.

    ``reason`` is one of :data:`DISMISS_REASONS`. ``reviewed=False`` (a draft)
    makes the build refuse it, as for :func:`figure`.

    Example::

        >>> dismiss("全文共3678字", "3678字", reason="page_furniture").reason
        'page_furniture'
    """
    return Dismissal(quote, value_text, reason, note, quote_nth, value_nth, _caller(), bool(reviewed))
