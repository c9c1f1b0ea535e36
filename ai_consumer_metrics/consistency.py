"""Cross-row and cross-table checks of the analysis tables.

The pandera schemas check each table on its own; these checks need several rows
or several tables at once, and run both at build time (``extract/analysis.py``)
and in ``acm validate`` on the installed tables. Pure pandas: no pandera here.

* :func:`check_market_shares`: within one market and period the shares can add up
  (at most 100 % plus rounding tolerance; about 100 % where an ``others`` row
  completes a source's split).
* :func:`analysis_problems`: every figure sits in exactly one analysis table, each
  analysis row agrees with its figure, and the share sums hold.

Example::

    >>> from ai_consumer_metrics.consistency import analysis_problems
    >>> analysis_problems({n: acm.load(n) for n in acm.tables().name})
    []
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from .vocabulary import ANALYSIS_TABLES  # noqa: F401  (one definition; imported from here too)

#: Entity ids that stand for "everyone else" in a market split.
OTHERS_ENTITY_IDS = frozenset({"others"})
#: Units of ``growth.change``: a relative change, a change of a percentage, a multiple.
GROWTH_UNITS = ("percent", "percentage_points", "multiple")
#: Values of ``growth.basis``.
GROWTH_BASES = ("yoy", "sequential", "cagr", "unspecified")
#: Values of ``period_basis`` in every analysis table: where the period comes from.
PERIOD_BASES = ("stated", "context", "publication")
#: Smallest tolerance (percentage points) of the share-sum check: sources round each
#: share on their own, and floats carry noise.
MIN_SHARE_TOLERANCE = 0.5

#: For each analysis table: its value column, its upper-end column and the figures
#: column its unit column mirrors (None where the table has no unit column).
VALUE_COLUMNS = {
    "market_shares": ("share_pct", "share_pct_high", None),
    "user_metrics": ("user_count", "user_count_high", "unit"),
    "financials": ("amount", "amount_high", "currency"),
    "growth": ("change", "change_high", "change_unit"),
    "other_figures": ("value", "value_high", "unit"),
}


class AnalysisError(ValueError):
    """A figure cannot be placed in an analysis table, or the tables disagree with each other."""


@dataclass(frozen=True)
class _Share:
    figure_id: str
    source_id: str
    entity_id: str
    low: float
    high: float
    half_ulp: float


def check_market_shares(
    shares: pd.DataFrame,
    *,
    figures: pd.DataFrame | None = None,
    entities: Any = None,
    min_tolerance: float = MIN_SHARE_TOLERANCE,
) -> None:
    """Check that the shares of one market and period can add up; raise :class:`AnalysisError` if not.

    The tolerance is half a unit in the last digit each source printed, summed over
    the rows involved (``33%`` → 0.5, ``83.6%`` → 0.05, read from
    ``figures.value_text`` when ``figures`` is given, else 0.5 a row), and never
    less than ``min_tolerance``. A period is its start and end dates.

    1. Across all sources, for each (market, period): the smallest share any source
       gives each entity, summed, is at most 100 + tolerance. Sources may disagree;
       taking each entity's smallest reading flags only sums no choice of sources
       could make add up. An entity whose parent or other ancestor (``entities.parent``)
       is in the same group is left out: its share is inside its parent's.
       ``at_most`` shares count as 0 here, ``at_least`` as their value.
    2. Per source, where its split includes an ``others`` row: the shares add up to
       100 ± tolerance (``at_least``/``at_most`` rows widen the interval).

    The error names the market, the period and the figure_ids.

    Example::

        >>> check_market_shares(acm.load("market_shares"), figures=acm.load("figures"),
        ...                     entities=acm.load("entities"))
        >>> split = pd.DataFrame({"figure_id": ["a", "b"], "source_id": "s", "entity_id": ["x", "y"],
        ...                       "market": "m", "period": "2024", "period_start": pd.Timestamp("2024-01-01"),
        ...                       "period_end": pd.Timestamp("2024-12-31"), "share_pct": [70.0, 40.0],
        ...                       "share_pct_high": float("nan"), "qualifier": "exact"})
        >>> check_market_shares(split)
        Traceback (most recent call last):
        ...
        ai_consumer_metrics.consistency.AnalysisError: market shares add up to 110% ...
    """
    if shares.empty:
        return
    ulp = _half_ulps(figures) if figures is not None else {}
    parents = entity_parents(entities)
    rows = shares.assign(_key=_period_key(shares))
    for (market, key), group in rows.groupby(["market", "_key"], sort=True, dropna=False):
        items = [_share_of(r, ulp) for r in group.itertuples(index=False)]
        _check_upper_bound(market, key, items, parents, min_tolerance)
        by_source: dict[str, list[_Share]] = {}
        for it in items:
            by_source.setdefault(it.source_id, []).append(it)
        for source_id, part in sorted(by_source.items()):
            if any(it.entity_id in OTHERS_ENTITY_IDS for it in part):
                _check_complete(market, key, source_id, part, parents, min_tolerance)


def analysis_problems(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    """Problems between the analysis tables and ``figures``; empty when all agree.

    Checks that every figure_id sits in exactly one analysis table, that each
    analysis row names a figure that exists and repeats its entity, period,
    qualifier, note, source, value, upper end and unit, that its ``group_id`` is the
    top of the entity's parent chain, and that the market shares add up
    (:func:`check_market_shares`). A signed change (negative: the text words a
    fall) repeats the figure's printed size, its range ends swapped and a bound
    flipped (下降超过5%: figure 5 at_least, row -5 at_most). Never raises on bad data.

    Example::

        >>> frames = {n: acm.load(n) for n in acm.tables().name}
        >>> analysis_problems(frames)
        []
        >>> frames["growth"] = frames["growth"].iloc[1:]
        >>> analysis_problems(frames)
        ['figures: ... is in no analysis table']
    """
    problems: list[str] = []
    missing = [n for n in ("figures", *ANALYSIS_TABLES) if n not in frames]
    if missing:
        return [f"{n}: table missing" for n in missing]
    figures = frames["figures"].set_index("figure_id", drop=False)
    parents = entity_parents(frames.get("entities"))
    seen: dict[str, str] = {}
    for name in ANALYSIS_TABLES:
        table = frames[name]
        value_col, high_col, unit_col = VALUE_COLUMNS[name]
        for row in table.to_dict("records"):
            fid = row["figure_id"]
            if fid in seen:
                problems.append(f"{name}: figure {fid} is also in {seen[fid]}")
                continue
            seen[fid] = name
            if fid not in figures.index:
                problems.append(f"{name}: figure {fid} is not in figures")
                continue
            fig = figures.loc[fid]
            if fig["value"] > 0:  # a figure printed negative (-5%) is stored as printed
                row = _unsigned(row, value_col, high_col)
            pairs = [("entity_id", "entity_id"), ("period", "period"), ("period_start", "period_start"),
                     ("period_end", "period_end"), ("qualifier", "qualifier"), ("source_id", "source_id"),
                     ("note", "note"), (value_col, "value"), (high_col, "value_high")]
            pairs.append(("market", "scope") if name == "market_shares" else ("scope", "scope"))
            if name != "market_shares":
                pairs.append(("metric", "metric"))
            if unit_col:
                pairs.append((unit_col, "unit"))
            for col, fcol in pairs:
                if not _same(row.get(col), fig[fcol]):
                    problems.append(f"{name}: figure {fid}: {col} is {row.get(col)!r} but figures.{fcol} "
                                    f"is {fig[fcol]!r}")
            if parents and row.get("group_id") != top_of(fig["entity_id"], parents):
                problems.append(f"{name}: figure {fid}: group_id is {row.get('group_id')!r} but the top of "
                                f"{fig['entity_id']}'s parent chain is {top_of(fig['entity_id'], parents)!r}")
    for fid in sorted(set(figures.index) - set(seen)):
        problems.append(f"figures: {fid} is in no analysis table")
    try:
        check_market_shares(frames["market_shares"], figures=frames["figures"],
                            entities=frames.get("entities"))
    except AnalysisError as exc:
        problems.append(f"market_shares: {exc}")
    return problems


def entity_parents(entities: Any) -> dict[str, str | None]:
    """entity_id → parent entity_id (or None), from the entities table or registry dict.

    Example::

        >>> entity_parents(acm.load("entities"))["alipay"]
        'ant_group'
    """
    if entities is None:
        return {}
    if isinstance(entities, pd.DataFrame):
        if "parent" not in entities.columns:
            return {e: None for e in entities["entity_id"]}
        return {e: (p if isinstance(p, str) and p else None)
                for e, p in zip(entities["entity_id"], entities["parent"])}
    out: dict[str, str | None] = {}
    for k, e in dict(entities).items():
        p = e.get("parent") if isinstance(e, Mapping) else getattr(e, "parent", None)
        out[k] = p or None
    return out


def top_of(entity_id: str, parents: Mapping[str, str | None]) -> str:
    """The top of ``entity_id``'s parent chain (the entity itself where it has no parent).

    Example::

        >>> top_of("taotian_group", entity_parents(acm.load("entities")))
        'alibaba_group'
    """
    seen = {entity_id}
    while parents.get(entity_id) and parents[entity_id] not in seen:
        entity_id = parents[entity_id]
        seen.add(entity_id)
    return entity_id


# ---------------------------------------------------------------- helpers


_FLIPPED = {"at_least": "at_most", "at_most": "at_least"}


def _unsigned(row: dict, value_col: str, high_col: str) -> dict:
    """An analysis row as its figure prints it: a negative (fall) made the printed size again."""
    value = row.get(value_col)
    if not isinstance(value, float) or not value < 0:
        return row
    high = row.get(high_col)
    out = dict(row)
    if high is None or pd.isna(high):
        out[value_col] = -value
    else:
        out[value_col], out[high_col] = -high, -value
    out["qualifier"] = _FLIPPED.get(row.get("qualifier"), row.get("qualifier"))
    return out



def _same(a: Any, b: Any) -> bool:
    a_na = a is None or (not isinstance(a, str) and pd.isna(a))
    b_na = b is None or (not isinstance(b, str) and pd.isna(b))
    if a_na or b_na:
        return a_na and b_na
    if isinstance(a, float) or isinstance(b, float):
        return float(a) == float(b)
    if isinstance(a, pd.Timestamp) or isinstance(b, pd.Timestamp):
        return pd.Timestamp(a) == pd.Timestamp(b)
    return a == b


def _period_key(df: pd.DataFrame) -> pd.Series:
    def key(label: Any, start: Any, end: Any) -> str:
        if pd.notna(start) and pd.notna(end):
            return f"{pd.Timestamp(start).date()}..{pd.Timestamp(end).date()}"
        return str(label)
    return pd.Series([key(*t) for t in zip(df["period"], df["period_start"], df["period_end"])],
                     index=df.index, dtype="object")


def _half_ulps(figures: pd.DataFrame) -> dict[str, float]:
    if "value_text" not in figures.columns:
        return {}
    return {fid: half_ulp(vt) for fid, vt in zip(figures["figure_id"], figures["value_text"])}


def half_ulp(value_text: Any) -> float:
    """Half a unit in the last digit printed: ``'33%'`` → 0.5, ``'83.6%'`` → 0.05; words → 0.5.

    Example::

        >>> half_ulp("８３.６％")
        0.05
    """
    if not isinstance(value_text, str):
        return 0.5
    m = re.search(r"\d+(?:\.(\d+))?", unicodedata.normalize("NFKC", value_text))
    if not m:
        return 0.5
    return 0.5 * 10.0 ** -len(m.group(1) or "")


def _share_of(r: Any, ulp: Mapping[str, float]) -> _Share:
    value = float(r.share_pct)
    high = r.share_pct_high
    if r.qualifier == "at_most":
        low, up = 0.0, value
    elif r.qualifier == "at_least":
        low, up = value, 100.0
    else:
        low, up = value, (float(high) if pd.notna(high) else value)
    return _Share(r.figure_id, r.source_id, r.entity_id, low, up, ulp.get(r.figure_id, 0.5))


def _without_nested(items: list[_Share], parents: Mapping[str, str | None]) -> list[_Share]:
    present = {it.entity_id for it in items}

    def ancestor_present(eid: str) -> bool:
        seen: set[str] = set()
        p = parents.get(eid)
        while p and p not in seen:
            if p in present:
                return True
            seen.add(p)
            p = parents.get(p)
        return False

    return [it for it in items if not ancestor_present(it.entity_id)]


def _check_upper_bound(market: Any, key: str, items: list[_Share], parents: Mapping,
                       min_tolerance: float) -> None:
    for it in items:
        # One share above 100 % is wrong on its own; say so rather than report a "sum".
        if it.low > 100.0 + it.half_ulp:
            raise AnalysisError(
                f"market share {it.low:g}% of {it.entity_id!r} is above 100% in market {market!r}, "
                f"period {key}; figure_id: {it.figure_id}")
    smallest: dict[str, _Share] = {}
    for it in _without_nested(items, parents):
        if it.entity_id not in smallest or it.low < smallest[it.entity_id].low:
            smallest[it.entity_id] = it
    total = sum(it.low for it in smallest.values())
    tol = max(min_tolerance, sum(it.half_ulp for it in smallest.values()))
    if total > 100.0 + tol:
        ids = ", ".join(sorted(it.figure_id for it in items))
        raise AnalysisError(
            f"market shares add up to {total:g}% (more than 100% + {tol:g} tolerance) in market "
            f"{market!r}, period {key}; figure_ids: {ids}")


def _check_complete(market: Any, key: str, source_id: str, items: list[_Share], parents: Mapping,
                    min_tolerance: float) -> None:
    kept = _without_nested(items, parents)
    low = sum(it.low for it in kept)
    high = sum(it.high for it in kept)
    tol = max(min_tolerance, sum(it.half_ulp for it in kept))
    if low > 100.0 + tol or high < 100.0 - tol:
        ids = ", ".join(sorted(it.figure_id for it in items))
        total = f"{low:g}%" if low == high else f"{low:g}–{high:g}%"
        raise AnalysisError(
            f"market shares completed by an 'others' row add up to {total}, not 100% (± {tol:g}) "
            f"in market {market!r}, period {key}, source {source_id}; figure_ids: {ids}")
