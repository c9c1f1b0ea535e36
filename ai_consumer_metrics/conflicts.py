"""Where sources disagree: ``acm.conflicts()``.

Two kinds of pair, always between figures of *different* sources on the same
``entity_id``, ``metric`` and ``unit`` (parents and children are not merged: a
group's figure and its app's figure measure different things):

``disagreement``
    the periods are substantially the same (their overlap covers at least
    ``min_overlap`` of the longer one's days) but the values cannot both be true
    within ``tolerance``. Qualifiers count: ``超过200亿`` (at_least) does not
    contradict ``250亿``; a range contradicts only values outside it.
``dated_differently``
    one event that the sources date differently: the 3,800亿 three-year AI+cloud
    plan, announced 2024年2月 by one article, dated a year later by another. Only
    for metrics that name a one-off event (:data:`EVENT_METRICS`: announced plans,
    budgets), where the amount identifies the event; a metric tracked over time
    (``mau``, ``revenue``) takes a new value every period, so two sources giving
    close values for two months are two readings, not one event misdated. The two
    figures must also be the *same reading*: both points (exact or approx) within
    ``tolerance`` of each other, or both the same one-sided bound (超3800亿 and
    超3800亿). A bound and a point (破亿 and 1.72亿) are merely compatible, which
    never shows that they are one figure. A person decides whether it is one event.

Example::

    >>> import ai_consumer_metrics as acm
    >>> acm.conflicts().columns[:4].tolist()
    ['kind', 'entity_id', 'metric', 'unit']
"""
from __future__ import annotations

import math
import sys
import types
from collections.abc import Iterable

COLUMNS = ["kind", "entity_id", "metric", "unit",
           "figure_id_a", "source_id_a", "value_a", "qualifier_a", "period_a", "quote_a",
           "figure_id_b", "source_id_b", "value_b", "qualifier_b", "period_b", "quote_b",
           "rel_diff", "message"]


#: Metrics whose figures are one-off events (an announced plan or budget): the same
#: amount from two sources at two dates is likely one event dated differently.
#: Mirrors ``event = true`` in ``data/metrics.toml`` (a test checks they agree); kept
#: here because the installed package does not ship the registry.
EVENT_METRICS = frozenset({"capex_plan", "subsidy_plan"})

#: How a qualifier bounds the truth: exact and approx both state a point (or range).
_SIDE = {"exact": 0, "approx": 0, "at_least": 1, "at_most": 2}


def _span(value: float, high) -> tuple[float, float]:
    """The (low, high) a figure states; ``high`` is missing (None, NaN, NA) for a single number."""
    try:
        high = float(high)
    except (TypeError, ValueError):
        return value, value
    if math.isnan(high):
        return value, value
    return min(value, high), max(value, high)


def _bounds(value: float, high, qualifier: str, tol: float) -> tuple[float, float]:
    """The values a figure allows, widened by the relative tolerance."""
    lo, hi = _span(value, high)
    lo_t, hi_t = lo - abs(lo) * tol, hi + abs(hi) * tol
    if qualifier == "at_least":
        return lo_t, math.inf
    if qualifier == "at_most":
        return -math.inf, hi_t
    return lo_t, hi_t


def _close(a: float, b: float, tol: float) -> bool:
    # Multiplied, not divided, so that count_conflicts' numpy gives the same answer bit for bit.
    return abs(a - b) <= tol * max(abs(a), abs(b))


def _same_reading(a: dict, b: dict, tol: float) -> bool:
    """Both figures print the same number the same way: points within ``tol``, or equal bounds
    of the same side. Compatibility is not enough: 破亿 allows 1.72亿 without being it."""
    if _SIDE.get(a["qualifier"], -1) != _SIDE.get(b["qualifier"], -2):
        return False
    (la, ha), (lb, hb) = _span(float(a["value"]), a.get("value_high")), _span(float(b["value"]), b.get("value_high"))
    return _close(la, lb, tol) and _close(ha, hb, tol)


def _days(start, end) -> int:
    return (end - start).days + 1


def _overlap(a, b) -> tuple[int, int]:
    """(days both periods share, days of the longer period); periods count both ends."""
    s, e = max(a[0], b[0]), min(a[1], b[1])
    shared = _days(s, e) if e >= s else 0
    return shared, max(_days(*a), _days(*b))


def _rel_diff(a: float, b: float) -> float:
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale


def _row(kind: str, a: dict, b: dict, message: str) -> dict:
    out = {"kind": kind, "entity_id": a["entity_id"], "metric": a["metric"], "unit": a["unit"]}
    for side, r in (("a", a), ("b", b)):
        out.update({f"figure_id_{side}": r["figure_id"], f"source_id_{side}": r["source_id"],
                    f"value_{side}": float(r["value"]), f"qualifier_{side}": r["qualifier"],
                    f"period_{side}": r["period"], f"quote_{side}": r["quote"]})
    out["rel_diff"] = _rel_diff(float(a["value"]), float(b["value"]))
    out["message"] = message
    return out


def _event_metrics(tolerance: float, events: Iterable[str] | None) -> frozenset[str]:
    """Check ``tolerance`` and return the event metrics: the arguments both entry points share."""
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be a relative difference in [0, 1), got {tolerance!r}")
    return EVENT_METRICS if events is None else frozenset(events)


def conflicts(figures=None, tolerance: float = 0.05, min_overlap: float = 0.5,
              events: Iterable[str] | None = None):
    """Pairs of figures from different sources that disagree, or give one event different dates.

    ``figures`` is a figures table (default: ``acm.load("figures")``); returns a
    DataFrame with :data:`COLUMNS`, one row per pair (``a`` is the earlier source
    id), sorted. ``events`` names the event-like metrics (default
    :data:`EVENT_METRICS`). See the module docstring for the two kinds.

    Example::

        >>> pairs = conflicts(tolerance=0.05)
        >>> set(pairs.kind) <= {"disagreement", "dated_differently"}
        True
        >>> len(conflicts(tolerance=0.5)) <= len(pairs)  # a wider tolerance forgives more
        True
    """
    import pandas as pd

    if figures is None:
        from .store import load

        figures = load("figures")
    events = _event_metrics(tolerance, events)
    if len(figures) == 0:
        return pd.DataFrame(columns=COLUMNS)
    frame = figures.copy()
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    rows: list[dict] = []
    for (_, metric, _), group in frame.groupby(["entity_id", "metric", "unit"], sort=True):
        event = metric in events
        recs = group.sort_values(["source_id", "figure_id"]).to_dict("records")
        for i, a in enumerate(recs):
            for b in recs[i + 1:]:
                if a["source_id"] == b["source_id"]:
                    continue
                pa, pb = (a["period_start"], a["period_end"]), (b["period_start"], b["period_end"])
                shared, longer = _overlap(pa, pb)
                la, ha = _bounds(float(a["value"]), a.get("value_high"), a["qualifier"], tolerance)
                lb, hb = _bounds(float(b["value"]), b.get("value_high"), b["qualifier"], tolerance)
                compatible = la <= hb and lb <= ha
                if shared >= min_overlap * longer and not compatible:
                    rows.append(_row("disagreement", a, b,
                                     f"{a['source_id']} says {a['value']:g} ({a['qualifier']}, {a['period']}), "
                                     f"{b['source_id']} says {b['value']:g} ({b['qualifier']}, {b['period']})"))
                elif event and pa != pb and _same_reading(a, b, tolerance):
                    rows.append(_row("dated_differently", a, b,
                                     f"same {a['metric']} {a['value']:g}~{b['value']:g} {a['unit']} "
                                     f"({a['qualifier']}/{b['qualifier']}) dated "
                                     f"{a['period']} by {a['source_id']} and {b['period']} by {b['source_id']}"))
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(["kind", "entity_id", "metric", "figure_id_a", "figure_id_b"],
                           ignore_index=True)


#: Pair comparisons held in memory at once by :func:`count_conflicts` (rows × columns of a block).
_BLOCK_CELLS = 4_000_000


def count_conflicts(figures, tolerance: float = 0.05, min_overlap: float = 0.5,
                    events: Iterable[str] | None = None) -> dict[str, int]:
    """How many pairs :func:`conflicts` would return, by kind, without building them.

    The same pairs and the same rules as :func:`conflicts`, compared with numpy a
    block of pairs at a time within each ``entity_id``/``metric``/``unit`` group.
    The build prints this count: the pairs grow with the square of the figures per
    group, so at ten thousand articles the rows themselves would not fit in memory,
    while counting them stays a small part of the build.

    Example::

        >>> counts = count_conflicts(acm.load("figures"))
        >>> sorted(counts)
        ['dated_differently', 'disagreement']
        >>> sum(counts.values()) == len(conflicts())
        True
    """
    import numpy as np
    import pandas as pd

    events = _event_metrics(tolerance, events)
    counts = {"dated_differently": 0, "disagreement": 0}
    if len(figures) == 0:
        return counts
    frame = pd.DataFrame(figures) if not isinstance(figures, pd.DataFrame) else figures
    source = pd.factorize(frame["source_id"])[0]
    start = pd.to_datetime(frame["period_start"]).to_numpy("datetime64[D]").astype("int64")
    end = pd.to_datetime(frame["period_end"]).to_numpy("datetime64[D]").astype("int64")
    value = frame["value"].to_numpy("float64")
    high = pd.to_numeric(frame["value_high"], errors="coerce").to_numpy("float64")
    high = np.where(np.isnan(high), value, high)
    lo, hi = np.minimum(value, high), np.maximum(value, high)
    lo_t, hi_t = lo - np.abs(lo) * tolerance, hi + np.abs(hi) * tolerance
    qualifier = frame["qualifier"].to_numpy(object)
    low_b = np.where(qualifier == "at_most", -np.inf, lo_t)
    high_b = np.where(qualifier == "at_least", np.inf, hi_t)
    side = np.array([_SIDE.get(q, -1) for q in qualifier], dtype="int64")
    for (_, metric, _), rows in frame.groupby(["entity_id", "metric", "unit"], sort=False).indices.items():
        n = len(rows)
        if n < 2:
            continue
        event = metric in events
        step = max(1, _BLOCK_CELLS // n)
        src, s, e, la, ha = source[rows], start[rows], end[rows], low_b[rows], high_b[rows]
        pl, ph, sd = lo[rows], hi[rows], side[rows]
        days = e - s + 1
        for r0 in range(0, n - 1, step):
            i = slice(r0, min(n, r0 + step))
            # Each unordered pair once: column j after row i.
            upper = np.arange(r0, min(n, r0 + step))[:, None] < np.arange(n)[None, :]
            pair = upper & (src[i, None] != src[None, :])
            shared = np.minimum(e[i, None], e[None, :]) - np.maximum(s[i, None], s[None, :]) + 1
            shared = np.where(shared > 0, shared, 0)
            longer = np.maximum(days[i, None], days[None, :])
            compatible = (la[i, None] <= ha[None, :]) & (la[None, :] <= ha[i, None])
            same_period = (s[i, None] == s[None, :]) & (e[i, None] == e[None, :])
            disagree = pair & (shared >= min_overlap * longer) & ~compatible
            counts["disagreement"] += int(disagree.sum())
            if event:
                same_reading = ((sd[i, None] == sd[None, :]) & (sd[i, None] >= 0)
                                & _np_close(pl[i, None], pl[None, :], tolerance)
                                & _np_close(ph[i, None], ph[None, :], tolerance))
                counts["dated_differently"] += int((pair & ~disagree & same_reading & ~same_period).sum())
    return counts


def _np_close(a, b, tol: float):
    """:func:`_close` on arrays."""
    import numpy as np

    return np.abs(a - b) <= tol * np.maximum(np.abs(a), np.abs(b))


class _CallableModule(types.ModuleType):
    """Importing ``ai_consumer_metrics.conflicts`` binds the package attribute ``conflicts``
    to this module, shadowing the lazily exported function; calling the module calls it,
    so ``acm.conflicts()`` works whichever happened first."""

    def __call__(self, *args, **kwargs):
        return conflicts(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
