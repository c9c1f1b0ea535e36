"""``acm.conflicts()``: on the shipped figures, and on real rows copied as if from another source."""
from __future__ import annotations

import pandas as pd
import pytest

import ai_consumer_metrics as acm
from ai_consumer_metrics.conflicts import COLUMNS, EVENT_METRICS, conflicts, count_conflicts

OTHER = "2026-03-01-other-source"


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return acm.load("figures")


def _row(figures, value_text: str) -> pd.Series:
    hit = figures[figures["value_text"] == value_text]
    assert len(hit) == 1, value_text
    return hit.iloc[0].copy()


def _from_other(row: pd.Series, fid: str, **fields) -> pd.Series:
    """A copy of ``row`` as if another source had printed it, with ``fields`` changed."""
    out = row.copy()
    out["source_id"], out["figure_id"] = OTHER, fid * 12
    for key, value in fields.items():
        out[key] = value
    if "period_start" in fields:
        out["period_start"], out["period_end"] = pd.Timestamp(fields["period_start"]), \
            pd.Timestamp(fields["period_end"])
    return out


def _with(figures, *rows) -> pd.DataFrame:
    """The figures of the sources ``rows`` were copied from (their index labels say which), plus ``rows``.

    Other sources' figures are left out, so what a test expects cannot change as the
    dataset grows (a new article on the same company would add its own conflicts).
    """
    sources = set(figures.loc[[r.name for r in rows], "source_id"])
    base = figures[figures["source_id"].isin(sources)]
    return pd.concat([base, *(r.to_frame().T for r in rows)], ignore_index=True)


def test_shipped_conflicts_are_only_where_two_sources_share_a_figure(figures):
    found = acm.conflicts()
    assert list(found.columns) == COLUMNS
    # Computed independently: a conflict needs an entity/metric/unit that two sources cover.
    shared = figures.groupby(["entity_id", "metric", "unit"])["source_id"].nunique()
    shared = {(e, m) for (e, m, _), n in shared.items() if n > 1}
    assert set(zip(found["entity_id"], found["metric"])) <= shared
    if not shared:
        assert found.empty


def test_disagreement_between_sources_on_the_same_period(figures):
    mau = _row(figures, "7.5亿")            # Pinduoduo MAU, 2022-06, QuestMobile via 群脉
    other = mau.copy()
    other["source_id"], other["figure_id"], other["value"] = OTHER, "x" * 12, 6.0e8
    found = conflicts(_with(figures, other))
    assert found["kind"].tolist() == ["disagreement"]
    row = found.iloc[0]
    assert (row["entity_id"], row["metric"], row["source_id_b"]) == ("pinduoduo", "mau", OTHER)
    assert row["rel_diff"] == pytest.approx(0.2)
    # Within the tolerance it is no conflict at all.
    other["value"] = 7.6e8
    assert conflicts(_with(figures, other), tolerance=0.05).empty
    assert conflicts(_with(figures, other), tolerance=0.001)["kind"].tolist() == ["disagreement"]


def test_qualifiers_are_bounds_not_values(figures):
    rd = _row(figures, "211.9亿元")          # Ant's R&D 2023, exact
    bound = rd.copy()
    bound["source_id"], bound["figure_id"] = OTHER, "y" * 12
    bound["value"], bound["qualifier"] = 2.0e10, "at_least"   # 超过200亿: consistent with 211.9亿
    assert conflicts(_with(figures, bound)).empty
    bound["value"] = 2.5e10                                    # 超过250亿: contradicts 211.9亿
    assert conflicts(_with(figures, bound))["kind"].tolist() == ["disagreement"]


def _count(frame, **kw) -> dict:
    return count_conflicts(frame, **kw)


def test_same_plan_dated_differently(figures):
    plan = _row(figures, "超3800億元")       # dated 2024年2月 by 2025-05-liuhai
    assert (plan["metric"], plan["qualifier"], plan["period"]) == ("capex_plan", "at_least", "3 years from 2024-02")
    # Another article prints the same 超过3800亿 but dates the plan a year later.
    other = _from_other(plan, "z", value=3.8e11, period="3 years from 2025-02",
                        period_start="2025-02-01", period_end="2028-01-31")
    frame = _with(figures, other)
    found = conflicts(frame)
    assert found["kind"].tolist() == ["dated_differently"]
    row = found.iloc[0]
    assert {row["period_a"], row["period_b"]} == {"3 years from 2024-02", "3 years from 2025-02"}
    assert "超3800億元" in row["quote_a"] + row["quote_b"]
    assert _count(frame) == {"dated_differently": 1, "disagreement": 0}
    # 约3800亿 is allowed by 超3800亿 but is not the same reading: no proof of one event.
    other["qualifier"] = "approx"
    assert conflicts(_with(figures, other)).empty


def test_same_budget_exactly_announced_in_different_months(figures):
    budget = _row(figures, "30亿元")          # Qwen's 30亿 red-envelope plan, as of 2026-02-09
    assert (budget["metric"], budget["qualifier"]) == ("subsidy_plan", "exact")
    early = _from_other(budget, "v", period="2026-01", period_start="2026-01-01", period_end="2026-01-31")
    found = conflicts(_with(figures, early))
    assert found["kind"].tolist() == ["dated_differently"]
    assert {found.iloc[0]["period_a"], found.iloc[0]["period_b"]} == {"2026-01", budget["period"]}
    # Within the tolerance it is the same amount; beyond it, a different budget.
    early["value"] = 3.1e9
    assert conflicts(_with(figures, early), tolerance=0.05)["kind"].tolist() == ["dated_differently"]
    assert conflicts(_with(figures, early), tolerance=0.01).empty
    # The same date is no dating conflict.
    same_day = _from_other(budget, "u")
    assert conflicts(_with(figures, same_day)).empty


def test_metrics_tracked_over_time_are_never_one_event(figures):
    """The auditor's case (issue 6): an article saying 2025年12月豆包月活跃用户达到1.72亿…周活超过9000万
    was reported as two events dated differently against 破亿 (MAU, 2026-01-30) and 1.55亿 (WAU, 2026-02-09)."""
    mau = figures[(figures["entity_id"] == "doubao") & (figures["metric"] == "mau")].iloc[0]
    wau = figures[(figures["entity_id"] == "doubao") & (figures["metric"] == "wau")].iloc[0]
    assert (mau["value_text"], mau["qualifier"], wau["value_text"]) == ("破亿", "at_least", "1.55亿")
    december = {"period": "2025-12", "period_start": "2025-12-01", "period_end": "2025-12-31"}
    new_mau = _from_other(mau, "m", value=1.72e8, qualifier="exact", value_text="1.72亿", **december)
    new_wau = _from_other(wau, "n", value=9.0e7, qualifier="at_least", value_text="9000万", **december)
    frame = _with(figures, new_mau, new_wau)
    assert conflicts(frame).empty
    assert _count(frame) == {"dated_differently": 0, "disagreement": 0}
    # Even were MAU and WAU one-off events, a bound and a point are two readings.
    assert conflicts(frame, events={"mau", "wau"}).empty
    assert _count(frame, events={"mau", "wau"}) == {"dated_differently": 0, "disagreement": 0}
    # The control: the same bound (破亿) at another date does count once mau is declared an event.
    same_bound = _from_other(mau, "k", **december)
    assert conflicts(_with(figures, same_bound), events={"mau"})["kind"].tolist() == ["dated_differently"]
    assert conflicts(_with(figures, same_bound)).empty


def test_bounds_in_disagreements(figures):
    wau = _row(figures, "1.55亿")             # Doubao WAU, exact, as of 2026-02-09
    at_least = _from_other(wau, "p", value=1.0e8, qualifier="at_least")   # 周活破亿: true of 1.55亿
    assert conflicts(_with(figures, at_least)).empty
    at_most = _from_other(wau, "q", value=1.0e8, qualifier="at_most")     # 周活不足1亿: cannot be 1.55亿
    found = conflicts(_with(figures, at_most))
    assert found["kind"].tolist() == ["disagreement"]
    assert _count(_with(figures, at_most)) == {"dated_differently": 0, "disagreement": 1}
    # Two bounds disagree only when nothing satisfies both.
    mau = figures[(figures["entity_id"] == "doubao") & (figures["metric"] == "mau")].iloc[0]
    assert (mau["value_text"], mau["qualifier"]) == ("破亿", "at_least")   # MAU ≥ 1亿, as of 2026-01-30
    below = _from_other(mau, "r", value=1.2e8, qualifier="at_most")
    assert conflicts(_with(figures, below)).empty
    below["value"] = 0.8e8
    assert conflicts(_with(figures, below))["kind"].tolist() == ["disagreement"]


def test_event_metrics_mirror_the_registry():
    from extract.registry import load_metrics

    metrics = load_metrics()
    assert EVENT_METRICS == {m.metric_id for m in metrics.values() if m.event}
    assert not {"mau", "dau", "wau", "revenue", "gmv", "capex"} & EVENT_METRICS


def test_registry_event_flag_must_be_a_boolean(tmp_path):
    from extract.registry import RegistryError, load_metrics

    bad = tmp_path / "metrics.toml"
    bad.write_text('[capex_plan]\nname = "n"\ndescription = "d"\nallowed_units = ["CNY"]\n'
                   'table = "financials"\nevent = "yes"\n', encoding="utf-8")
    with pytest.raises(RegistryError, match=r"\[capex_plan\] event must be true or false"):
        load_metrics(bad)


def test_same_source_and_other_entities_never_conflict(figures):
    # Two rows of one source never conflict, however far apart (one article's share price at
    # its low and at its high): a twin of a real row, same source, three times the value.
    cloud = _row(figures, "35.8%")
    twin = cloud.copy()
    twin["figure_id"], twin["value"] = "t" * 12, cloud["value"] * 3
    assert conflicts(_with(figures, twin)).empty
    # A parent's figure does not conflict with its child's.
    parent = _from_other(cloud, "w", entity_id="alibaba_group", value=10.0)
    assert conflicts(_with(figures, parent)).empty
    # The control: the same row as the child's from another source does conflict.
    assert conflicts(_with(figures, _from_other(cloud, "c", value=10.0)))["kind"].tolist() == ["disagreement"]


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
