"""``acm.conflicts()``: on the shipped figures, and on real rows copied as if from another source."""
from __future__ import annotations

import pandas as pd
import pytest

import ai_consumer_metrics as acm
from ai_consumer_metrics.conflicts import COLUMNS, conflicts

OTHER = "2026-03-01-other-source"


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return acm.load("figures")


def _row(figures, value_text: str) -> pd.Series:
    hit = figures[figures["value_text"] == value_text]
    assert len(hit) == 1, value_text
    return hit.iloc[0].copy()


def test_shipped_data_has_no_conflict_because_no_two_sources_share_a_figure(figures):
    found = acm.conflicts()
    assert list(found.columns) == COLUMNS
    # Why it is empty, computed independently: no entity/metric/unit is covered by two sources.
    shared = figures.groupby(["entity_id", "metric", "unit"])["source_id"].nunique()
    assert (shared > 1).sum() == 0
    assert found.empty


def test_disagreement_between_sources_on_the_same_period(figures):
    mau = _row(figures, "7.5亿")            # Pinduoduo MAU, 2022-06, QuestMobile via 群脉
    other = mau.copy()
    other["source_id"], other["figure_id"], other["value"] = OTHER, "x" * 12, 6.0e8
    found = conflicts(pd.concat([figures, other.to_frame().T], ignore_index=True))
    assert found["kind"].tolist() == ["disagreement"]
    row = found.iloc[0]
    assert (row["entity_id"], row["metric"], row["source_id_b"]) == ("pinduoduo", "mau", OTHER)
    assert row["rel_diff"] == pytest.approx(0.2)
    # Within the tolerance it is no conflict at all.
    other["value"] = 7.6e8
    assert conflicts(pd.concat([figures, other.to_frame().T], ignore_index=True), tolerance=0.05).empty
    assert conflicts(pd.concat([figures, other.to_frame().T], ignore_index=True), tolerance=0.001)["kind"] \
        .tolist() == ["disagreement"]


def test_qualifiers_are_bounds_not_values(figures):
    rd = _row(figures, "211.9亿元")          # Ant's R&D 2023, exact
    bound = rd.copy()
    bound["source_id"], bound["figure_id"] = OTHER, "y" * 12
    bound["value"], bound["qualifier"] = 2.0e10, "at_least"   # 超过200亿: consistent with 211.9亿
    assert conflicts(pd.concat([figures, bound.to_frame().T], ignore_index=True)).empty
    bound["value"] = 2.5e10                                    # 超过250亿: contradicts 211.9亿
    assert conflicts(pd.concat([figures, bound.to_frame().T], ignore_index=True))["kind"].tolist() \
        == ["disagreement"]


def test_same_plan_dated_differently(figures):
    plan = _row(figures, "超3800億元")       # dated 2024年2月 by 2025-05-liuhai
    assert plan["period"] == "3 years from 2024-02"
    other = plan.copy()
    other["source_id"], other["figure_id"] = OTHER, "z" * 12
    other["value"], other["qualifier"] = 3.8e11, "approx"
    other["period"] = "3 years from 2025-02"
    other["period_start"], other["period_end"] = pd.Timestamp("2025-02-01"), pd.Timestamp("2028-01-31")
    found = conflicts(pd.concat([figures, other.to_frame().T], ignore_index=True))
    assert found["kind"].tolist() == ["dated_differently"]
    row = found.iloc[0]
    assert {row["period_a"], row["period_b"]} == {"3 years from 2024-02", "3 years from 2025-02"}
    assert "超3800億元" in row["quote_a"] + row["quote_b"]


def test_same_source_and_other_entities_never_conflict(figures):
    # Two Alibaba share-price rows of one source differ wildly: not a conflict.
    prices = figures[figures["metric"] == "share_price"]
    assert prices["source_id"].nunique() == 1 and prices["value"].max() > 2 * prices["value"].min()
    assert conflicts(prices).empty
    # A parent's figure does not conflict with its child's.
    cloud = _row(figures, "35.8%")
    parent = cloud.copy()
    parent["source_id"], parent["figure_id"], parent["entity_id"], parent["value"] = OTHER, "w" * 12, \
        "alibaba_group", 10.0
    assert conflicts(pd.concat([figures, parent.to_frame().T], ignore_index=True)).empty


def test_bad_tolerance_and_empty_input():
    with pytest.raises(ValueError, match="tolerance"):
        conflicts(acm.load("figures"), tolerance=1.5)
    assert list(conflicts(acm.load("figures").iloc[0:0]).columns) == COLUMNS


def test_lazy_export_keeps_import_light():
    import subprocess
    import sys

    code = ("import sys, ai_consumer_metrics as acm; assert 'pandas' not in sys.modules; "
            "import ai_consumer_metrics.conflicts; assert len(acm.conflicts()) == 0")
    subprocess.run([sys.executable, "-c", code], check=True)
