"""``count_conflicts`` (what the build prints) counts exactly the rows ``conflicts`` lists."""
from __future__ import annotations

import datetime as dt
import importlib
import random

import pandas as pd
import pytest

from ai_consumer_metrics.conflicts import conflicts, count_conflicts

# The module, not the function the package exports under the same name.
conflicts_mod = importlib.import_module("ai_consumer_metrics.conflicts")

QUALIFIERS = ("exact", "exact", "approx", "at_least", "at_most")
PERIODS = [(dt.date(2024, 1, 1), dt.date(2024, 12, 31)), (dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
           (dt.date(2024, 4, 1), dt.date(2025, 3, 31)), (dt.date(2024, 9, 30), dt.date(2024, 9, 30)),
           (dt.date(2024, 1, 1), dt.date(2024, 6, 30)), (dt.date(2023, 1, 1), dt.date(2023, 12, 31))]


# capex_plan is an event (dated_differently applies), mau and revenue are not.
METRICS = ("mau", "revenue", "capex_plan", "capex_plan")


def random_figures(seed: int, n: int) -> pd.DataFrame:
    """Figures crowded on few entities, metrics, sources and periods, so that every rule is exercised."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        start, end = rng.choice(PERIODS)
        value = rng.choice((100.0, 102.0, 104.9, 110.0, 50.0, 0.0, -20.0))
        high = value * rng.choice((1.1, 1.5)) if rng.random() < 0.15 else float("nan")
        rows.append({"figure_id": f"{i:012x}", "source_id": f"s{rng.randrange(6)}",
                     "entity_id": rng.choice(("a", "b")), "metric": rng.choice(METRICS),
                     "unit": rng.choice(("CNY", "CNY", "USD")), "value": value, "value_high": high,
                     "qualifier": rng.choice(QUALIFIERS), "period": f"{start}/{end}",
                     "period_start": start, "period_end": end, "quote": "q"})
    return pd.DataFrame(rows)


def listed(frame: pd.DataFrame, **kw) -> dict[str, int]:
    counts = conflicts(frame, **kw)["kind"].value_counts().to_dict()
    return {"dated_differently": counts.get("dated_differently", 0),
            "disagreement": counts.get("disagreement", 0)}


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("kw", [{}, {"tolerance": 0.0}, {"tolerance": 0.3, "min_overlap": 0.1},
                                {"min_overlap": 1.0}, {"events": {"mau", "capex_plan"}}, {"events": ()}])
def test_count_matches_the_listed_pairs(seed, kw):
    frame = random_figures(seed, 60)
    counted = count_conflicts(frame, **kw)
    assert counted == listed(frame, **kw)


def test_both_kinds_occur_in_the_random_figures():
    # The control for the comparison above: it compares non-trivial counts.
    frame = random_figures(0, 60)
    counted = count_conflicts(frame)
    assert counted["disagreement"] > 10 and counted["dated_differently"] > 3
    # Only event metrics are dated differently, and only between the same readings.
    found = conflicts(frame)
    dated = found[found["kind"] == "dated_differently"]
    assert set(dated["metric"]) == {"capex_plan"}
    points = {"exact", "approx"}
    assert all((a in points and b in points) or a == b
               for a, b in zip(dated["qualifier_a"], dated["qualifier_b"]))
    assert count_conflicts(frame, events=())["dated_differently"] == 0


def test_blocks_do_not_change_the_count(monkeypatch):
    frame = random_figures(3, 80)
    whole = count_conflicts(frame)
    monkeypatch.setattr(conflicts_mod, "_BLOCK_CELLS", 7)  # a few rows per block
    assert count_conflicts(frame) == whole


def test_rows_as_dicts_and_empty_input():
    frame = random_figures(1, 30)
    assert count_conflicts(frame.to_dict("records")) == count_conflicts(frame)
    assert count_conflicts([]) == {"dated_differently": 0, "disagreement": 0}
    with pytest.raises(ValueError, match="tolerance"):
        count_conflicts(frame, tolerance=1.0)


def test_the_committed_dataset():
    import ai_consumer_metrics as acm

    figures = acm.load("figures")
    assert count_conflicts(figures) == listed(figures)
