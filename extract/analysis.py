"""Analysis tables derived from ``figures``: one tidy table per kind of figure.

Every figure lands in exactly one table, chosen by its metric's ``table`` field in
``data/metrics.toml``; every row keeps its ``figure_id``, so ``acm.cite(row)`` gives
its source. The tables and their columns:

=================  ==========================================================
``market_shares``  entity_id, group_id, market (the figure's scope), share_pct
``user_metrics``   entity_id, group_id, metric (mau, dau, wau, users, ...),
                   user_count, unit
``financials``     entity_id, group_id, metric (revenue, capex, gmv, ...), amount,
                   currency, currency_doubt
``growth``         entity_id, group_id, metric, change (signed), change_unit, basis
``other_figures``  everything else (merchants, hospitals, benefits, orders, ...):
                   entity_id, group_id, metric, value, unit, currency_doubt — the
                   figure as the source gives it
=================  ==========================================================

All tables also carry ``period``, ``period_start``, ``period_end``,
``period_basis`` (stated / context / publication: :func:`period_basis`),
``qualifier``, ``note`` (the curator's note: doubts travel with the number),
``source_id`` and ``figure_id``; all but ``market_shares`` carry ``scope`` (in
``market_shares`` the scope *is* the ``market``). ``group_id`` is the top of the
entity's parent chain (:func:`ai_consumer_metrics.consistency.top_of`: taotian_group → alibaba_group), so a
series spans reorganisations. A figure given as a range keeps its upper end in
the ``*_high`` column.

Signs: figures keep the number the text prints (下滑1% is 1.0); the analysis
tables sign a change that the text words as a fall (-1.0), for every metric of
the growth table and every ``*_change`` metric (:mod:`extract.direction`; the
engine has checked the declaration's ``direction`` against the same word). A
bound on the size of a fall flips: 下降超过5% is ``at_most`` -5.

Cross-row check (:func:`check_market_shares`): within one market and period the
shares must not add up to more than 100 % plus a rounding tolerance, and where a
source completes its split with an ``others`` row, that source's shares must add
up to about 100 %.

Example::

    >>> import ai_consumer_metrics as acm
    >>> tables = derive(acm.load("figures"), acm.load("entities"), acm.load("metrics"), acm.load("sources"))
    >>> shares = tables["market_shares"].query("market == 'China e-commerce'")
    >>> bool(shares.figure_id.isin(acm.load("figures").figure_id).all())
    True
"""
from __future__ import annotations

import re
from typing import Any, Mapping

import pandas as pd

from ai_consumer_metrics.consistency import (
    ANALYSIS_TABLES,
    GROWTH_BASES,
    GROWTH_UNITS,
    PERIOD_BASES,
    AnalysisError,
    check_market_shares,
    entity_parents,
    top_of,
)
from extract.direction import is_signed, signed, text_direction
from extract.registry import unknown_markets

__all__ = ["ANALYSIS_TABLES", "GROWTH_BASES", "PERIOD_BASES", "AnalysisError", "check_market_shares",
           "currency_doubt", "derive", "growth_basis", "period_basis"]

_ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")
_PERIOD_COLUMNS = ("period", "period_start", "period_end")
_STRING_COLUMNS = ("entity_id", "group_id", "market", "metric", "unit", "currency", "change_unit", "basis",
                   "period", "period_basis", "scope", "qualifier", "note", "source_id", "figure_id")

# Growth basis, from the words in the quote next to the figure (normalised to
# simplified script by the text layer before matching). Longer phrases first so
# that 较去年同期 wins over a bare 去年.
_BASIS_WORDS = (
    ("年复合增长", "cagr"),
    ("复合增长率", "cagr"),
    ("复合年增长", "cagr"),
    ("年均复合", "cagr"),
    ("年均增长", "cagr"),
    ("较去年同期", "yoy"),
    ("比去年同期", "yoy"),
    ("与去年同期相比", "yoy"),
    ("去年同期", "yoy"),
    ("上年同期", "yoy"),
    ("同比", "yoy"),
    ("按年", "yoy"),       # Hong Kong usage: 收入按年增长9%
    ("环比", "sequential"),
    ("按季", "sequential"),
    ("较上季度", "sequential"),
    ("较上季", "sequential"),  # 較上季增長: HK/TW drop the 度
    ("按月", "sequential"),
    ("较上月", "sequential"),
)
# Taiwan's short forms, 年增23.4%, 季減5%, 月增率: the basis right before the change and its
# number. Patterns, not words: 2024年增长, 去年增, 第三季增 are a year's or a quarter's growth
# with no basis said.
_BASIS_PATTERNS = (
    (re.compile(r"(?<![\d〇零一二三四五六七八九十今去明前后全每当近整])年(?:增|减)(?=率|\s?[\d约近逾超达将])"), "yoy"),
    (re.compile(r"(?<![\d一二三四第前后上下本每当])季(?:增|减)(?=率|\s?[\d约近逾超达将])"), "sequential"),
    (re.compile(r"(?<![\d一二三四五六七八九十上下本每当])月(?:增|减)(?=率|\s?[\d约近逾超达将])"), "sequential"),
)
# The same, in the English a person writes in a metric id, a scope or a note.
_BASIS_ENGLISH = (
    (re.compile(r"\b(cagr|compound annual)\b", re.I), "cagr"),
    (re.compile(r"\b(yoy|year[- ]on[- ]year|year[- ]over[- ]year)\b", re.I), "yoy"),
    (re.compile(r"\b(qoq|quarter[- ]on[- ]quarter|quarter[- ]over[- ]quarter|sequential)\b", re.I),
     "sequential"),
    (re.compile(r"\b(month[- ]on[- ]month|month[- ]over[- ]month)\b", re.I), "sequential"),
)


# ---------------------------------------------------------------- public API


def derive(
    figures: pd.DataFrame,
    entities: Any,
    metrics: Any,
    sources: pd.DataFrame | None = None,
    *,
    check: bool = True,
) -> dict[str, pd.DataFrame]:
    """Split ``figures`` into the analysis tables, routed by each metric's ``table``.

    ``entities`` and ``metrics`` are the registries, either as the built tables
    (DataFrames with ``entity_id``/``parent`` and ``metric_id``/``table``) or as the
    dicts :func:`extract.registry.load_entities` / ``load_metrics`` return.
    ``sources`` (optional) is checked to hold every figure's ``source_id``, and its
    publication dates decide ``period_basis`` = ``publication`` (without it a period
    the quote does not state is ``context``).
    With ``check=True`` the market-share sums are checked (:func:`check_market_shares`).

    Raises :class:`AnalysisError` naming the figure when a metric or entity is
    unknown, a metric names no known table, or a unit does not fit its table.

    Example::

        >>> figures = acm.load("figures")
        >>> tables = derive(figures, acm.load("entities"), acm.load("metrics"), acm.load("sources"))
        >>> sorted(tables)
        ['financials', 'growth', 'market_shares', 'other_figures', 'user_metrics']
        >>> sum(len(t) for t in tables.values()) == len(figures)
        True
    """
    routes, metric_notes = _metric_tables(metrics)
    parents = entity_parents(entities)
    _check_references(figures, routes, parents, sources)

    ctx = _Context(routes, metric_notes, parents, sources, entities)
    table_of = figures["metric"].map(routes)
    build = {"market_shares": _market_shares, "user_metrics": _user_metrics, "financials": _financials,
             "growth": _growth, "other_figures": _other_figures}
    built = {name: make(figures[table_of == name], ctx) for name, make in build.items()}
    shares = built["market_shares"]
    unknown = unknown_markets(zip(shares["figure_id"], shares["source_id"], shares["market"]), entities)
    if unknown:  # markets come from the registry (data/entities.toml market_name)
        raise AnalysisError("cannot build the analysis tables:\n  " + "\n  ".join(unknown))
    placed = sum(len(t) for t in built.values())
    if placed != len(figures):  # every figure in exactly one table, or the routing is broken
        raise AnalysisError(f"{len(figures)} figures but {placed} analysis rows")
    if check:
        check_market_shares(built["market_shares"], figures=figures, entities=entities)
    return {name: built[name] for name in ANALYSIS_TABLES}


def growth_basis(metric: str, quote: str, value_offset: int | None, scope: str | None = None,
                 note: str | None = None, metric_note: str | None = None) -> str:
    """The basis of a growth figure: ``yoy``, ``sequential``, ``cagr`` or ``unspecified``.

    Looked up in this order, first hit wins: the metric id (``revenue_growth_yoy``);
    the basis word in the quote nearest the figure (同比, 环比, 年复合增长率, … in
    either script; ``value_offset`` is where the figure starts inside the quote);
    the declaration's scope; its note; the metric's note in ``data/metrics.toml``
    (a registry default such as "Year on year unless the figure says otherwise").
    Nothing found → ``unspecified``: a row never claims a basis that neither its
    source nor a person wrote down.

    Example::

        >>> growth_basis("revenue_growth", "阿里云收入同比增长34%", 9)
        'yoy'
        >>> growth_basis("ctr_growth", "点击率提升了20%", 6)
        'unspecified'
        >>> growth_basis("revenue_growth", "第三季營收季增6.8%，年增23.4%", 7), growth_basis("revenue_growth", "2024年增长12%", 7)
        ('sequential', 'unspecified')
    """
    hit = _english_basis(metric.replace("_", " "))
    if hit:
        return hit
    hit = _quote_basis(quote, value_offset)
    if hit:
        return hit
    for text in (scope, note, metric_note):
        hit = _english_basis(text if isinstance(text, str) else "")
        if hit:
            return hit
    return "unspecified"


# ---------------------------------------------------------------- the tables


def _market_shares(f: pd.DataFrame, ctx: "_Context") -> pd.DataFrame:
    _require_units(f, {"percent"}, "market_shares", "a share in percent")
    _require_scope(f)
    out = pd.DataFrame({
        **ctx.who(f),
        "market": f["scope"],
        "share_pct": f["value"].astype("float64"),
        "share_pct_high": f["value_high"].astype("float64"),
        **ctx.when(f),
        **ctx.cited(f),
    })
    return _finish(out, ["market", "period_start", "period_end", "entity_id"])


def _measured(f: pd.DataFrame, ctx: "_Context", value: str, unit: str, **between: pd.Series) -> pd.DataFrame:
    """The shape shared by user_metrics, financials, growth and other_figures: who and
    what, the value under the table's own name (``value``, ``value_high``; signed for
    a signed metric, see :mod:`extract.direction`), its unit column, any ``between``
    columns, then period, scope and the citation keys."""
    low, high, qualifier = ctx.signed(f)
    out = pd.DataFrame({
        **ctx.who(f),
        "metric": f["metric"],
        value: low,
        f"{value}_high": high,
        unit: f["unit"],
        **between,
        **ctx.when(f),
        "scope": f["scope"],
        **ctx.cited(f, qualifier),
    })
    return _finish(out, ["entity_id", "metric", "period_start", "period_end"])


def _user_metrics(f: pd.DataFrame, ctx: "_Context") -> pd.DataFrame:
    bad = f["unit"].isin(GROWTH_UNITS) | _currency(f)
    _reject(f[bad], "user_metrics", "a count of users (persons, person_times, ...)")
    return _measured(f, ctx, "user_count", "unit")


def _financials(f: pd.DataFrame, ctx: "_Context") -> pd.DataFrame:
    _reject(f[~_currency(f)], "financials", "an ISO 4217 currency code (CNY, USD, HKD, ...)")
    return _measured(f, ctx, "amount", "currency", currency_doubt=currency_doubt(f))


def _growth(f: pd.DataFrame, ctx: "_Context") -> pd.DataFrame:
    _require_units(f, set(GROWTH_UNITS), "growth", "percent, percentage_points or multiple")
    bases = [
        growth_basis(r.metric, r.quote, _value_offset(r), _opt(r.scope), _opt(r.note),
                     ctx.metric_notes.get(r.metric))
        for r in f.itertuples(index=False)
    ]
    return _measured(f, ctx, "change", "change_unit", basis=pd.Series(bases, index=f.index, dtype="object"))


def _other_figures(f: pd.DataFrame, ctx: "_Context") -> pd.DataFrame:
    return _measured(f, ctx, "value", "unit", currency_doubt=currency_doubt(f))


def currency_doubt(figures: pd.DataFrame) -> pd.Series:
    """True where a figure's currency is a reading, not a word of the text.

    That is: the unit is a currency the curator read from context
    (``unit_implied``): a bare magnitude (9000亿的GMV read as CNY), or a bare
    ``$``, which names a dollar without saying whose (``$77.35`` on a Hong Kong
    listing read as HKD; US$, HK$ and NT$ do say). The engine refuses a currency
    for a bare ``$`` unless it is declared so, so the flag is all it takes.

    Example::

        >>> f = pd.DataFrame({"unit": ["HKD", "USD", "CNY", "persons"], "unit_implied": [True, False, True, True],
        ...                   "value_text": ["$77.35", "US$5亿", "9000亿", "7.5亿"]})
        >>> currency_doubt(f).tolist()
        [True, False, True, False]
    """
    return (_currency(figures) & figures["unit_implied"].astype(bool)).astype(bool)


def period_basis(quote: str, period_start: Any, period_end: Any, published: Any,
                 precision: str | None = "day", fiscal_year_end: str = "12-31") -> str:
    """Where a figure's period comes from: ``stated``, ``publication`` or ``context``.

    ``stated``: the quote itself writes a date whose span holds the figure's period
    (2023年 for 2023, 截至2023年 for "as of 2023-12-31", 2025财年第一季度, 今年4月),
    as the scanner finds it and :func:`extract.periods.resolve_period` reads it
    against the publication date. ``publication``: it does not, and the period ends
    on the article's publication date (its month, where only the month is known): a
    present-tense figure read as of the article. ``context``: neither; the period
    comes from elsewhere in the article, a reference, or the curator's reading of a
    phrase such as 最新财报 or 过去四个季度 (the note says which).

    Example::

        >>> period_basis("2023年蚂蚁集团研发投入高达211.9亿元", "2023-01-01", "2023-12-31", "2024-06-18")
        'stated'
        >>> period_basis("千问已实现400多项办事功能", "2026-02-10", "2026-02-10", "2026-02-10")
        'publication'
        >>> period_basis("但集团经营利润骤降85%", "2025-07-01", "2025-09-30", "2026-02-10")
        'context'
        >>> period_basis("站在2025年回望,市值在16个月内缩水三分之二", "2014-09-01", "2025-05-31", "2025-05-01")
        'context'
    """
    from extract.periods import resolve_period  # build time only
    from extract.scanner import scan

    def known(v: Any) -> bool:
        return v is not None and not (not isinstance(v, str) and pd.isna(v))

    if not (known(period_start) and known(period_end)):
        return "context"
    start, end = pd.Timestamp(period_start), pd.Timestamp(period_end)
    pub = pd.Timestamp(published) if known(published) else None
    for m in scan(quote):
        if m.kind != "date" or pub is None:
            continue
        try:
            span = resolve_period(m.text, pub.date(), fiscal_year_end)
        except ValueError:  # PeriodError too: a date word the period grammar does not read states no period
            continue
        if pd.Timestamp(span.start) <= start and end <= pd.Timestamp(span.end):
            return "stated"
    if pub is not None and (end == pub or (precision in ("month", "year")
                                           and end.to_period("M") == pub.to_period("M"))):
        return "publication"
    return "context"


class _Context:
    """What every analysis table derives from the registries and sources, for its rows."""

    def __init__(self, routes: Mapping[str, str], metric_notes: Mapping[str, str | None],
                 parents: Mapping[str, str | None], sources: pd.DataFrame | None, entities: Any):
        self.routes, self.metric_notes, self.parents = routes, metric_notes, parents
        self.fiscal = _fiscal_year_ends(entities)
        self.published: dict[str, tuple[Any, str | None]] = {}
        if sources is not None and "published" in sources.columns:
            precision = sources["published_precision"] if "published_precision" in sources.columns \
                else pd.Series("day", index=sources.index)
            self.published = {sid: (pub, prec) for sid, pub, prec in
                              zip(sources["source_id"], sources["published"], precision)}

    def who(self, f: pd.DataFrame) -> dict[str, pd.Series]:
        return {"entity_id": f["entity_id"],
                "group_id": f["entity_id"].map(lambda e: top_of(e, self.parents))}

    def when(self, f: pd.DataFrame) -> dict[str, pd.Series]:
        bases = [period_basis(q, start, end, *self.published.get(sid, (None, None)),
                              self.fiscal.get(eid, "12-31"))
                 for q, start, end, sid, eid in zip(f["quote"], f["period_start"], f["period_end"],
                                                    f["source_id"], f["entity_id"])]
        return {**{c: f[c] for c in _PERIOD_COLUMNS},
                "period_basis": pd.Series(bases, index=f.index, dtype="object")}

    def cited(self, f: pd.DataFrame, qualifier: pd.Series | None = None) -> dict[str, pd.Series]:
        return {"qualifier": f["qualifier"] if qualifier is None else qualifier, "note": f["note"],
                "source_id": f["source_id"], "figure_id": f["figure_id"]}

    def signed(self, f: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
        """(low, high, qualifier) with falls negative; a bound on the size of a fall
        (下降超过5%) is the opposite bound on the signed change (at most -5)."""
        low, high, qualifier = [], [], []
        for r in f.itertuples(index=False):
            v = float(r.value)
            h = None if pd.isna(r.value_high) else float(r.value_high)
            fall = False
            if is_signed(r.metric, self.routes.get(r.metric)):
                found = text_direction(r.quote, _value_offset(r))
                fall = found is not None and found[0] == "fall"
            lo, hi = signed(v, h, "fall" if fall else None)
            low.append(lo)
            high.append(float("nan") if hi is None else hi)
            qualifier.append(_FLIPPED.get(r.qualifier, r.qualifier) if fall else r.qualifier)
        index = f.index
        return (pd.Series(low, index=index, dtype="float64"), pd.Series(high, index=index, dtype="float64"),
                pd.Series(qualifier, index=index, dtype="object"))


_FLIPPED = {"at_least": "at_most", "at_most": "at_least"}


def _fiscal_year_ends(entities: Any) -> dict[str, str]:
    if entities is None:
        return {}
    if isinstance(entities, pd.DataFrame):
        if "fiscal_year_end" not in entities.columns:
            return {}
        return {e: f for e, f in zip(entities["entity_id"], entities["fiscal_year_end"]) if isinstance(f, str)}
    out = {}
    for k, e in dict(entities).items():
        f = e.get("fiscal_year_end") if isinstance(e, Mapping) else getattr(e, "fiscal_year_end", None)
        if isinstance(f, str):
            out[k] = f
    return out


def _finish(out: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    # The documented dtypes (ai_consumer_metrics/store.py): strings are pandas
    # ``string`` (missing = NA), dates datetime64[ms], numbers float64.
    for col in out.columns:
        if col in _STRING_COLUMNS:
            out[col] = out[col].astype("string")
        elif col in ("period_start", "period_end"):
            out[col] = pd.to_datetime(out[col]).astype("datetime64[ms]")
    # figure_id last in the sort key makes the order total, so rebuilds are byte-identical.
    out = out.sort_values(order + ["figure_id"], na_position="last", kind="stable")
    return out.reset_index(drop=True)


def _opt(v: Any) -> str | None:
    return v if isinstance(v, str) else None


# ---------------------------------------------------------------- registry lookups


def _metric_tables(metrics: Any) -> tuple[dict[str, str], dict[str, str | None]]:
    if isinstance(metrics, pd.DataFrame):
        id_col = "metric_id" if "metric_id" in metrics.columns else "metric"
        ids = list(metrics[id_col])
        routes = dict(zip(ids, metrics["table"]))
        notes = dict(zip(ids, metrics["note"])) if "note" in metrics.columns else {}
    else:
        items = dict(metrics).items()
        get = lambda m, k: m.get(k) if isinstance(m, Mapping) else getattr(m, k, None)  # noqa: E731
        routes = {k: get(m, "table") for k, m in items}
        notes = {k: get(m, "note") for k, m in items}
    bad = {k: t for k, t in routes.items() if t not in ANALYSIS_TABLES}
    if bad:
        listed = ", ".join(f"{k} → {t!r}" for k, t in sorted(bad.items()))
        raise AnalysisError(
            f"data/metrics.toml: a metric's table must be one of {', '.join(ANALYSIS_TABLES)}; got {listed}")
    return routes, {k: (v if isinstance(v, str) else None) for k, v in notes.items()}


def _check_references(figures: pd.DataFrame, routes: dict, parents: dict,
                      sources: pd.DataFrame | None) -> None:
    problems = []
    for r in figures[["figure_id", "metric", "entity_id", "source_id"]].itertuples(index=False):
        if r.metric not in routes:
            problems.append(f"{r.figure_id}: unknown metric {r.metric!r} (not in data/metrics.toml)")
        if parents and r.entity_id not in parents:
            problems.append(f"{r.figure_id}: unknown entity {r.entity_id!r} (not in data/entities.toml)")
    if sources is not None:
        known = set(sources["source_id"])
        for fid, sid in zip(figures["figure_id"], figures["source_id"]):
            if sid not in known:
                problems.append(f"{fid}: unknown source {sid!r} (not in the sources table)")
    if problems:
        raise AnalysisError("cannot build the analysis tables:\n  " + "\n  ".join(problems))


# ---------------------------------------------------------------- unit checks


def _currency(f: pd.DataFrame) -> pd.Series:
    """True where the figure's unit is an ISO 4217 code (CNY, USD, HKD, ...)."""
    return pd.Series([isinstance(u, str) and bool(_ISO_CURRENCY.match(u)) for u in f["unit"]],
                     index=f.index, dtype=bool)


def _require_units(f: pd.DataFrame, allowed: set[str], table: str, wanted: str) -> None:
    _reject(f[~f["unit"].isin(allowed)], table, wanted)


def _reject(bad: pd.DataFrame, table: str, wanted: str) -> None:
    if bad.empty:
        return
    lines = [f"{r.figure_id} (metric {r.metric}, source {r.source_id}): unit {r.unit!r}"
             for r in bad.itertuples(index=False)]
    raise AnalysisError(
        f"{table} wants {wanted}; fix the metric's table in data/metrics.toml or the declaration:\n  "
        + "\n  ".join(lines))


def _require_scope(f: pd.DataFrame) -> None:
    missing = f[f["scope"].isna() | (f["scope"].astype("str").str.strip() == "")]
    if not missing.empty:
        raise AnalysisError(
            "a market share needs its market in `scope`: " + ", ".join(missing["figure_id"]))


# ---------------------------------------------------------------- growth basis


def _value_offset(r: Any) -> int | None:
    try:
        return int(r.value_start) - int(r.quote_start)
    except (TypeError, ValueError, AttributeError):
        return None


def _english_basis(text: str) -> str | None:
    for pattern, basis in _BASIS_ENGLISH:
        if pattern.search(text):
            return basis
    return None


def _quote_basis(quote: str, value_offset: int | None) -> str | None:
    if not isinstance(quote, str) or not quote:
        return None
    from extract.textlayer import normalize  # opencc: build time only

    layer = normalize(quote)
    text = layer.normalized
    anchor = 0
    if value_offset is not None and 0 <= value_offset <= len(quote):
        anchor = layer.to_normalized(value_offset, value_offset)[0]
    hits = []
    found = [(m, basis) for word, basis in _BASIS_WORDS for m in re.finditer(re.escape(word), text)]
    found += [(m, basis) for pattern, basis in _BASIS_PATTERNS for m in pattern.finditer(text)]
    for m, basis in found:
        # A basis word before the figure binds tighter than one after it (同比增长34%).
        distance = anchor - m.end() if m.end() <= anchor else (m.start() - anchor) + len(text)
        hits.append((distance, -(m.end() - m.start()), basis))
    return min(hits)[2] if hits else None


# ---------------------------------------------------------------- build hook


def arrow_tables(tables: Mapping[str, Any], entities: Any, metrics: Any) -> dict[str, Any]:
    """The analysis tables as Arrow tables with their fixed schemas, for the build.

    ``tables`` holds the build's Arrow tables (``figures`` and ``sources`` are
    read); they are converted exactly as :func:`ai_consumer_metrics.load` converts
    them, so the derivation sees what users see. An :class:`AnalysisError` is
    re-raised as the build's ``BuildError`` so the build reports it like any other.

    Example::

        >>> from ai_consumer_metrics.store import read_arrow
        >>> built = {n: read_arrow(n) for n in ("figures", "sources")}
        >>> out = arrow_tables(built, acm.load("entities"), acm.load("metrics"))
        >>> out["growth"].equals(read_arrow("growth"))  # what the build wrote
        True
    """
    import pyarrow as pa

    from ai_consumer_metrics.store import to_pandas
    from ai_consumer_metrics.schemas import arrow_schema
    from extract.engine import BuildError

    try:
        frames = derive(to_pandas(tables["figures"]), entities, metrics, to_pandas(tables["sources"]))
    except AnalysisError as exc:
        raise BuildError([f"analysis tables: {line}" for line in str(exc).splitlines()]) from None
    out = {}
    for name, df in frames.items():
        schema = arrow_schema(name)
        table = pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)
        # Drop the pandas metadata from_pandas adds: the build's files carry only the schema's own.
        out[name] = table.replace_schema_metadata(schema.metadata)
    return out
