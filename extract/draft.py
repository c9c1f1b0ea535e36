"""Draft an extractor for a newly archived source: one unreviewed claim per figure mention.

:func:`draft_extractor` scans the source's body, and for every ``quantity`` or
``range`` mention writes a ``figure(...)`` with the sentence around it as the
quote (cut to its clauses, lengthened until it is unique in the source), the
scanner's value, unit and qualifier, and the guesses of :mod:`extract.guess` for
metric, entity and period. Every claim carries ``reviewed=False``: the build
refuses it until a person has checked it against the text.

Entities and periods come from the article's context (:mod:`extract.context`);
``period`` is written as a canonical label with the article's words as a comment
(``period="2025Q3",  # 第三季業績``), or ``"TODO"`` with the candidates. A name or a
metric the registry lacks is proposed (:class:`Draft`), and ``python -m extract new``
adds an ``unreviewed = true`` stub for it to the registry file.

Example::

    >>> from extract.registry import load_entities, load_metrics
    >>> from extract.sources import read_source
    >>> code = draft_extractor(read_source("2024-06-18-huxiu-ant-grows-outward"), load_entities(), load_metrics())
    >>> compile(code, "draft.py", "exec") is not None and "reviewed=False" in code
    True
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from ai_consumer_metrics.vocabulary import FIGURE_KINDS, YUAN_CURRENCIES
from extract.guess import Guesser

_SENTENCE_STOPS = "。！？!?；;\n"
_FULL_STOPS = "。！？!?\n"
# ASCII "(" and ")" are left out: traditional-script sources carry pinyin glosses 發(fā).
_CLAUSE_STOPS = "，、：；（）,:;"
#: A quote longer than this is cut down to the clauses around the number.
MAX_QUOTE = 70
MIN_QUOTE = 12

HEADER = '''"""{title} ({publisher}, {published}). DRAFT written by `python -m extract new`.

How to review (python -m extract review {source_id} -o review.html shows the text):
  * Every figure() below was drafted from a number the scanner found, with
    reviewed=False: the build refuses it until you have checked it.
  * For each one: read the quote in the article; check entity, metric and period
    (guessed from the sentence and its context; each comment says from what), replace
    every "TODO" (period comments list the candidates), fill in scope, attributed_to
    and a note where useful; then delete `reviewed=False`.
  * An entity or metric marked PROPOSED was added to data/entities.toml or
    data/metrics.toml with `unreviewed = true`: check that entry (names, kind, parent;
    rename a proposed_xxxxxx id here and there), then delete its `unreviewed = true`.
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

    ``entity`` is a registry id, a proposed id (``entity_proposed``: the draft adds a
    stub to ``data/entities.toml``) or None (TODO); ``period`` is a canonical label or
    None (TODO, with ``period_candidates``); ``period_phrase`` is the article's words.

    Example::

        >>> c = Claim("豆包月活达3亿。", None, "3亿", None, 3e8, None, "persons", True, "exact",
        ...           "doubao", "豆包", False, "mau", False, "2026-02", "2026年2月", (), 5)
        >>> c.period, c.period_phrase
        ('2026-02', '2026年2月')
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
    entity_name: str
    entity_proposed: bool
    metric: str | None
    metric_proposed: bool
    period: str | None
    period_phrase: str
    period_candidates: tuple[str, ...]
    start: int
    direction: str | None = None
    unit_note: str = ""


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



def proposed_entity_id(name: str) -> str:
    """A registry id for a name the registry lacks: its ASCII spelling, else ``proposed_`` and a hash.

    The reviewer renames a hashed id (in ``data/entities.toml`` and the extractor)
    when confirming the entry; the hash only keeps two proposals apart.

    Example::

        >>> proposed_entity_id("MiniMax"), proposed_entity_id("知乎")
        ('minimax', 'proposed_5e311c')
    """
    spelled = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")
    if name.isascii() and re.match(r"[a-z]", spelled):
        return spelled
    return "proposed_" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


@dataclass
class Draft:
    """A drafted extractor: its code, its claims, and the registry entries it proposes.

    ``proposed_entities`` maps a proposed id to (name_zh, the quote that named it);
    ``proposed_metrics`` maps a metric id to (name, description, allowed_units, table).

    Example::

        >>> Draft("FIGURES = []\\n", [], {}, {}).proposed_entities
        {}
    """

    code: str
    claims: list[Claim]
    proposed_entities: dict[str, tuple[str, str]]
    proposed_metrics: dict[str, tuple[str, str, tuple[str, ...], str]]


def claims(source, entities: dict, metrics: dict, scan=None, proposals: dict | None = None,
           guesser: Guesser | None = None) -> list[Claim]:
    """The drafted claims for every figure mention in the source's body, in text order.

    ``proposals`` (a dict, filled in) collects the entities named that the registry lacks.

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> from extract.sources import read_source
        >>> found = claims(read_source("2026-02-10-ginlix-qwen-ticketing"), load_entities(), load_metrics())
        >>> found[0].value_text, found[0].metric
        ('35.8%', 'market_share')
    """
    from extract.context import ArticleContext
    from extract.direction import is_signed, text_direction, value_offset
    from extract.scanner import bare_yuan
    from extract.textlayer import normalize

    if scan is None:
        from extract.scanner import scan
    text, lo, hi = source.text, source.body_start, source.body_end
    layer = normalize(text)
    norm = layer.normalized
    guesser = guesser or Guesser(entities, metrics)
    proposals = {} if proposals is None else proposals
    mentions = [m for m in scan(text) if lo <= m.start and m.end <= hi]
    to_norm = {id(m): layer.to_normalized(m.start, m.end) for m in mentions}
    names: dict[str, str] = {}
    for e in entities.values():
        if e.kind == "other":
            continue  # 其他, 其余: a row of a share table, and an everyday word everywhere else
        for name in (e.name_zh, e.name_en, *e.aliases):
            # One-character names (the 阿 of nothing) would match everywhere.
            if name and len(name) >= 2:
                names.setdefault(normalize(name).normalized.casefold(), e.entity_id)
    nlo, nhi = layer.to_normalized(lo, hi)
    ctx = ArticleContext(norm, nlo, nhi, source.published, normalize(source.meta.get("title") or "").normalized,
                         names, {e.entity_id: e.fiscal_year_end or "12-31" for e in entities.values()},
                         figures=[to_norm[id(m)] for m in mentions if m.kind in FIGURE_KINDS],
                         dates=[to_norm[id(m)] for m in mentions if m.kind == "date"],
                         durations=[to_norm[id(m)] for m in mentions if m.kind == "duration"])
    # Only a traditional-script article (Taiwan, Hong Kong, Macau) writes its own dollar as 元:
    # a mainland article that names 港元 once (a Hong Kong share price) still means CNY by 元.
    script = source.meta.get("script")
    if script is None:
        from extract.textlayer import detect_script

        script = detect_script(text[lo:hi])
    local = local_yuan(norm[nlo:nhi]) if script == "Hant" else None
    out: list[Claim] = []
    for m in mentions:
        if m.kind not in FIGURE_KINDS:
            continue
        qs, qe, nth = quote_span(text, lo, hi, m.start, m.end)
        quote = text[qs:qe]
        # The metric's cue may sit before a ；: 总收入为…,按年增长15%;按季则上升5%.
        ss, se = _span(text, lo, hi, m.start, m.end, _FULL_STOPS)
        ns, ne = layer.to_normalized(ss, se)
        nat, _ = to_norm[id(m)]
        metric = guesser.metric(norm[ns:ne], nat - ns, m.unit)
        eg = ctx.entity(nat)
        entity = eg.entity_id
        if eg.proposed:
            entity = proposed_entity_id(eg.name)
            proposals.setdefault(entity, (eg.name, quote))
        pg = ctx.period(nat, metric, eg.entity_id)
        phrase = _original_phrase(layer, pg.phrase, nat) if pg.phrase else ""
        unit, implied, unit_note = m.unit, False, ""
        if unit == "" and metric is not None:
            units = metrics[metric].allowed_units if metric in metrics else guesser.proposals[metric][2]
            unit, implied = units[0], True
        if local is not None and (bare_yuan(m) or (implied and unit == "CNY")):
            # A Taiwan or Hong Kong article's own 元 (or bare amount) is its own dollar.
            unit, implied = local[0], True
            unit_note = (f"a bare 元 read as {local[0]}: the article names {_original_phrase(layer, local[1], nat)} "
                         f"and not the renminbi")
        low, high = (m.value if isinstance(m.value, (tuple, list)) else (m.value, None))
        occurrences = [i for i in range(len(quote)) if quote.startswith(m.text, i)]
        vnth = None
        if len(occurrences) > 1:
            aligned = [i for i in occurrences if any(x.start == qs + i and x.end == qs + i + len(m.text)
                                                     for x in mentions)]
            if len(aligned) > 1:
                vnth = occurrences.index(m.start - qs) + 1
        direction = None
        if metric is not None:
            table = metrics[metric].table if metric in metrics else guesser.proposals[metric][3]
            if is_signed(metric, table) and low >= 0:
                # The sign comes from the text's own word, as the engine will check it (a number the
                # text signs itself, 跌幅介乎-5%至-3%, carries its sign and no direction).
                read = text_direction(quote, value_offset(quote, m.text, vnth))
                direction = "fall" if read and read[0] == "fall" else None
        out.append(Claim(quote, nth, m.text, vnth, float(low), None if high is None else float(high),
                         unit, implied, m.qualifier, entity, _original_phrase(layer, eg.name, nat) if eg.name else "",
                         eg.proposed, metric, metric is not None and metric not in metrics,
                         pg.label, phrase, pg.candidates, m.start, direction, unit_note))
    return out


def local_yuan(body: str) -> tuple[str, str] | None:
    """(code, word) of the one non-renminbi yuan currency ``body`` names, if it names no renminbi.

    A draft of a traditional-script article reads a bare 元 as that currency: a Taiwan
    article that writes 新台幣 once means it by every 元. An article naming two of them, or
    the renminbi too (a Hong Kong report of a mainland company), is left to the reviewer:
    the bare 元 stays CNY.

    Example::

        >>> local_yuan("营收达新台币152亿元，净利8亿元"), local_yuan("收入人民币52亿元，股价港元8元")
        (('TWD', '新台币'), None)
    """
    from extract.scanner import named_currencies

    named = named_currencies(body)
    local = {code: w for code, w in named.items() if code in YUAN_CURRENCIES and code != "CNY"}
    return next(iter(local.items())) if len(local) == 1 and "CNY" not in named else None


def _original_phrase(layer, phrase: str, near: int) -> str:
    """The article's own characters for a phrase found in the normalised text, nearest ``near``."""
    norm = layer.normalized
    hits = [i for i in (norm.rfind(phrase, 0, near + 1), norm.find(phrase, near)) if i != -1]
    if not hits:
        return phrase
    i = min(hits, key=lambda h: abs(h - near))
    s, e = layer.to_original(i, i + len(phrase))
    return layer.original[s:e]


def render_claim(c: Claim, entities: dict, metrics: dict) -> str:
    """One ``figure(...)`` call as the draft writes it: guesses first, a comment on each
    saying where it came from; defaults (``qualifier="exact"``) left out.

    Example::

        >>> c = Claim("豆包月活达3亿。", None, "3亿", None, 3e8, None, "persons", True, "exact",
        ...           "doubao", "豆包", False, "mau", False, None, "截至6月底", ("2026-06", "2026H1"), 5)
        >>> print(render_claim(c, {}, {}))
            figure(
                "豆包月活达3亿。",
                "3亿",
                entity="doubao",  # 豆包
                metric="mau",
                period="TODO",  # 截至6月底: one of 2026-06, 2026H1
                scope="",
                value=300_000_000, unit="persons", unit_implied=True,
                reviewed=False,
            ),
    """
    if c.entity is None:
        entity_note = "no entity named nearby"
    elif c.entity_proposed:
        entity_note = f"{c.entity_name}: PROPOSED in data/entities.toml (unreviewed), check it there"
    else:
        entity_note = c.entity_name
    metric_note = ("no metric cue found" if c.metric is None else
                   "PROPOSED in data/metrics.toml (unreviewed), check it there" if c.metric_proposed else "")
    if c.period is not None:
        period_note = c.period_phrase
    else:
        options = ", ".join(c.period_candidates)
        period_note = ("; ".join(x for x in (c.period_phrase, f"one of {options}" if options else
                                             "no period found") if x)).replace(f"{c.period_phrase}; one", f"{c.period_phrase}: one")

    def line(key: str, value: str | None, note: str) -> str:
        return f"        {key}={_lit(value or 'TODO')}," + (f"  # {note}" if note else "")

    lines = [
        "    figure(",
        f"        {_lit(c.quote)},",
        f"        {_lit(c.value_text)},",
        line("entity", c.entity, entity_note),
        line("metric", c.metric, metric_note),
        line("period", c.period, period_note),
        '        scope="",',
    ]
    reading = [f"value={_num(c.value)}"]
    if c.value_high is not None:
        reading.append(f"value_high={_num(c.value_high)}")
    reading.append(f"unit={_lit(c.unit)}")
    if c.qualifier != "exact":
        reading.append(f"qualifier={_lit(c.qualifier)}")
    if c.direction is not None:
        reading.append(f"direction={_lit(c.direction)}")
    if c.unit_implied:
        reading.append("unit_implied=True")
    lines.append("        " + ", ".join(reading) + "," + (f"  # {c.unit_note}" if c.unit_note else ""))
    extra = []
    if c.quote_nth is not None:
        extra.append(f"quote_nth={c.quote_nth}")
    if c.value_nth is not None:
        extra.append(f"value_nth={c.value_nth}")
    if extra:
        lines.append("        " + ", ".join(extra) + ",")
    lines.append("        reviewed=False,")
    lines.append("    ),")
    return "\n".join(lines)


def draft(source, entities: dict, metrics: dict, scan=None) -> Draft:
    """The drafted extractor for ``source``: code, claims and proposed registry entries.

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> from extract.sources import read_source
        >>> d = draft(read_source("2026-02-10-ginlix-qwen-ticketing"), load_entities(), load_metrics())
        >>> compile(d.code, "draft.py", "exec") is not None and "reviewed=False" in d.code
        True
    """
    meta = source.meta
    proposals: dict[str, tuple[str, str]] = {}
    guesser = Guesser(entities, metrics)
    found = claims(source, entities, metrics, scan=scan, proposals=proposals, guesser=guesser)
    header = HEADER.format(title=meta.get("title", ""), publisher=meta.get("publisher") or "unknown publisher",
                           published=meta.get("published"), source_id=source.source_id)
    body = "\n".join(render_claim(c, entities, metrics) for c in found)
    code = (header + "from extract.declare import dismiss, figure  # noqa: F401  (dismiss: for DISMISSED)\n\n"
            "FIGURES = [\n" + (body + "\n" if body else "") + "]\n\n"
            "DISMISSED = [\n"
            '    # dismiss("quote", "value_text", reason="not_business_figure", note="why"),\n'
            "]\n")
    used = {c.metric for c in found}
    return Draft(code, found, proposals, {k: v for k, v in guesser.proposals.items() if k in used})


def draft_extractor(source, entities: dict, metrics: dict, scan=None) -> str:
    """The source code of the drafted extractor module (valid Python; see :func:`draft`).

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> from extract.sources import read_source
        >>> code = draft_extractor(read_source("2026-02-10-ginlix-qwen-ticketing"), load_entities(), load_metrics())
        >>> code.count("reviewed=False") > 0
        True
    """
    return draft(source, entities, metrics, scan=scan).code
