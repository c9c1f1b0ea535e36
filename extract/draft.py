"""Draft an extractor for a newly archived source: one unreviewed claim per figure mention.

:func:`draft_extractor` scans the source's body, and for every ``quantity`` or
``range`` mention writes a ``figure(...)`` with the sentence around it as the
quote (cut to its clauses, lengthened until it is unique in the source), the
scanner's value, unit and qualifier, and the guesses of :mod:`extract.guess` for
metric, entity and period. Every claim carries ``reviewed=False``: the build
refuses it until a person has checked it against the text.

Example::

    >>> from extract.sources import read_source
    >>> code = draft_extractor(read_source("2024-06-18-huxiu-ant-grows-outward"),
    ...                        load_entities(), load_metrics())   # doctest: +SKIP
    >>> compile(code, "draft.py", "exec") and "reviewed=False" in code  # doctest: +SKIP
    True
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ai_consumer_metrics.vocabulary import FIGURE_KINDS
from extract.guess import Guesser

_SENTENCE_STOPS = "。！？!?；;\n"
# ASCII "(" and ")" are left out: traditional-script sources carry pinyin glosses 發(fā).
_CLAUSE_STOPS = "，、：；（）,:;"
#: A quote longer than this is cut down to the clauses around the number.
MAX_QUOTE = 70
MIN_QUOTE = 12

HEADER = '''"""{title} ({publisher}, {published}). DRAFT written by `python -m extract new`.

How to review (python -m extract review {source_id} -o review.html shows the text):
  * Every figure() below was drafted from a number the scanner found, with
    reviewed=False: the build refuses it until you have checked it.
  * For each one: read the quote in the article; correct entity, metric, period
    (guessed from cue words and dates: often wrong), fill in scope, attributed_to
    and a note where useful; then delete `reviewed=False`.
  * A number that is not a business figure (a product claim, a small count, a
    repeat of another row): replace the figure() by a dismiss() in DISMISSED with a
    reason from extract/declare.py DISMISS_REASONS.
  * Never change value/unit/qualifier to what you think is right: the engine
    checks them against the text; record doubts in note.
  * Dates, ordinals, list numbers and the like are accounted for automatically.
Then run `python -m extract build` until it passes.
"""
'''


@dataclass(frozen=True)
class Claim:
    """One drafted claim: where the quote and value lie, and what was guessed.

    Example::

        >>> claims(read_source("2026-02-10-ginlix-qwen-ticketing"), load_entities(), load_metrics())[0].value_text  # doctest: +SKIP
        '1.55亿'
    """

    quote: str
    quote_nth: int | None
    value_text: str
    value_nth: int | None
    value: float
    value_high: float | None
    unit: str
    unit_implied: bool
    qualifier: str
    entity: str | None
    metric: str | None
    period: str
    start: int


def _lit(s: str | None) -> str:
    # JSON string syntax is valid Python and keeps Chinese readable (ensure_ascii=False).
    return "None" if s is None else json.dumps(s, ensure_ascii=False)


def _num(v: float) -> str:
    if float(v).is_integer() and abs(v) < 1e18:
        return f"{int(v):_}"
    return repr(float(v))


def _span(text: str, lo: int, hi: int, start: int, end: int, stops: str) -> tuple[int, int]:
    s = start
    while s > lo and text[s - 1] not in stops:
        s -= 1
    e = end
    while e < hi and text[e] not in stops:
        e += 1
    return s, e


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _clause_stop(text: str, i: int) -> bool:
    # "1,000" and "10:30" are numbers, not clause breaks.
    if text[i] not in _CLAUSE_STOPS:
        return False
    return not (text[i] in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())


def quote_span(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int, int | None]:
    """(start, end, quote_nth) of the quote for the mention ``text[start:end]``.

    The sentence, cut to the clauses around the mention when it is long, lengthened
    clause by clause while the quote occurs more than once; ``quote_nth`` only when
    even the whole sentence repeats.

    Example::

        >>> t = "甲。阿里月活达9亿，同比增长5%。"
        >>> s, e, nth = quote_span(t, 0, len(t), 7, 9)
        >>> t[s:e], nth
        ('阿里月活达9亿，同比增长5%。', None)
    """
    ss, se = _span(text, lo, hi, start, end, _SENTENCE_STOPS)
    if se < hi and text[se] != "\n":
        se += 1  # keep the full stop: it makes the quote a readable sentence
    ss, se = _strip(text, ss, se)
    if se - ss <= MAX_QUOTE:
        s, e = ss, se
    else:
        # Clause boundaries inside the sentence; the quote runs from one to another.
        cuts = sorted({ss, se, *(i + 1 for i in range(ss, se) if _clause_stop(text, i))})
        left = max(c for c in cuts if c <= start)
        right = min(c for c in cuts if c >= end)
        while (right - left < MIN_QUOTE or text.count(text[left:right]) > 1) and (left > ss or right < se):
            earlier = [c for c in cuts if c < left]
            later = [c for c in cuts if c > right]
            # Grow towards the side with less context; the words before a number usually name it.
            if earlier and (not later or start - left <= right - end):
                left = earlier[-1]
            else:
                right = later[0]
        s, e = _strip(text, left, right)
    quote = text[s:e]
    nth = None
    if text.count(quote) > 1:
        hits, i = [], text.find(quote)
        while i != -1:
            hits.append(i)
            i = text.find(quote, i + 1)
        nth = hits.index(s) + 1
    return s, e, nth


def claims(source, entities: dict, metrics: dict, scan=None) -> list[Claim]:
    """The drafted claims for every figure mention in the source's body, in text order.

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> from extract.sources import read_source
        >>> found = claims(read_source("2026-02-10-ginlix-qwen-ticketing"), load_entities(), load_metrics())  # doctest: +SKIP
        >>> found[0].entity, found[0].metric  # doctest: +SKIP
        ('qwen_app', 'mau')
    """
    from extract.textlayer import normalize

    if scan is None:
        from extract.scanner import scan
    text, lo, hi = source.text, source.body_start, source.body_end
    layer = normalize(text)
    norm = layer.normalized
    guesser = Guesser(entities, metrics)
    mentions = [m for m in scan(text) if lo <= m.start and m.end <= hi]
    dates = [m for m in mentions if m.kind == "date"]
    out: list[Claim] = []
    for m in mentions:
        if m.kind not in FIGURE_KINDS:
            continue
        qs, qe, nth = quote_span(text, lo, hi, m.start, m.end)
        quote = text[qs:qe]
        ss, se = _span(text, lo, hi, m.start, m.end, _SENTENCE_STOPS)
        ns, ne = layer.to_normalized(ss, se)
        nat, _ = layer.to_normalized(m.start, m.end)
        sentence = norm[ns:ne]
        at = nat - ns
        metric = guesser.metric(sentence, at, m.unit)
        entity = guesser.entity(sentence, at)
        fye = entities[entity].fiscal_year_end if entity in entities else "12-31"
        in_sentence = [(d.text, d.start) for d in dates if ss <= d.start and d.end <= se]
        period = guesser.period(sentence, at, in_sentence, source.published, fye or "12-31")
        unit, implied = m.unit, False
        if unit == "" and metric is not None:
            unit, implied = metrics[metric].allowed_units[0], True
        low, high = (m.value if isinstance(m.value, (tuple, list)) else (m.value, None))
        occurrences = [i for i in range(len(quote)) if quote.startswith(m.text, i)]
        vnth = None
        if len(occurrences) > 1:
            aligned = [i for i in occurrences if any(x.start == qs + i and x.end == qs + i + len(m.text)
                                                     for x in mentions)]
            if len(aligned) > 1:
                vnth = occurrences.index(m.start - qs) + 1
        out.append(Claim(quote, nth, m.text, vnth, float(low), None if high is None else float(high),
                         unit, implied, m.qualifier, entity, metric, period, m.start))
    return out


def render_claim(c: Claim, entities: dict, metrics: dict) -> str:
    """One ``figure(...)`` call as the draft writes it.

    Example::

        >>> print(render_claim(found[0], entities, metrics))  # doctest: +SKIP
            figure(  # 千问
                "...",
                "1.55亿",
                entity="qwen_app", metric="mau", period="至今",
                ...
                reviewed=False,
            ),
    """
    guessed = []
    if c.entity is None:
        guessed.append("no entity named nearby")
    if c.metric is None:
        guessed.append("no metric cue found")
    comment = f"  # {'; '.join(guessed)}" if guessed else ""
    name = entities[c.entity].name_zh if c.entity in entities else None
    lines = [
        "    figure(",
        f"        {_lit(c.quote)},",
        f"        {_lit(c.value_text)},",
        f"        entity={_lit(c.entity or 'TODO')}, metric={_lit(c.metric or 'TODO')}, "
        f"period={_lit(c.period)},{comment}",
        '        scope="",',
        f"        value={_num(c.value)}, unit={_lit(c.unit)}, qualifier={_lit(c.qualifier)},",
    ]
    extra = []
    if c.value_high is not None:
        extra.append(f"value_high={_num(c.value_high)}")
    if c.unit_implied:
        extra.append("unit_implied=True")
    if c.quote_nth is not None:
        extra.append(f"quote_nth={c.quote_nth}")
    if c.value_nth is not None:
        extra.append(f"value_nth={c.value_nth}")
    if extra:
        lines.append("        " + ", ".join(extra) + ",")
    lines.append("        reviewed=False,")
    lines.append("    ),")
    if name:
        lines[0] += f"  # {name}"
    return "\n".join(lines)


def draft_extractor(source, entities: dict, metrics: dict, scan=None) -> str:
    """The source code of the drafted extractor module (valid Python; see the module example).

    Example::

        >>> code = draft_extractor(read_source("2026-02-10-ginlix-qwen-ticketing"), load_entities(),
        ...                        load_metrics())  # doctest: +SKIP
        >>> compile(code, "draft.py", "exec") is not None  # doctest: +SKIP
        True
    """
    meta = source.meta
    found = claims(source, entities, metrics, scan=scan)
    header = HEADER.format(title=meta.get("title", ""), publisher=meta.get("publisher") or "unknown publisher",
                           published=meta.get("published"), source_id=source.source_id)
    body = "\n".join(render_claim(c, entities, metrics) for c in found)
    return (header + "from extract.declare import dismiss, figure  # noqa: F401  (dismiss: for DISMISSED)\n\n"
            "FIGURES = [\n" + (body + "\n" if body else "") + "]\n\n"
            "DISMISSED = [\n"
            '    # dismiss("quote", "value_text", reason="not_business_figure", note="why"),\n'
            "]\n")
