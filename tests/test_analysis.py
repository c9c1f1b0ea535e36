"""The analysis tables: routing, columns, units, growth basis, and the share-sum checks."""
from __future__ import annotations

import pandas as pd
import pytest

import _synthetic as syn
from ai_consumer_metrics.consistency import AnalysisError, analysis_problems, check_market_shares, half_ulp
from ai_consumer_metrics.schemas import ANALYSIS_SCHEMAS
from extract.analysis import ANALYSIS_TABLES, arrow_tables, derive, growth_basis


@pytest.fixture
def figures():
    return syn.figures()


def _derive(figures, **kw):
    return derive(figures, syn.entities(), syn.metrics(), syn.sources(), **kw)


def _share_rows(*rows, market="China e-commerce", start="2024-01-01", end="2024-12-31"):
    """Figures rows for shares: (n, source_id, entity_id, value, value_text, qualifier)."""
    out = []
    for n, source_id, entity_id, value, value_text, qualifier in rows:
        out.append(syn._figure(n, source_id, entity_id, "market_share", value, "percent",
                               f"占比{value_text}", value_text, scope=market, start=start, end=end,
                               qualifier=qualifier))
    return pd.DataFrame(out)


def _check(fig_df):
    tables = derive(fig_df, syn.entities(), syn.metrics(), check=False)
    check_market_shares(tables["market_shares"], figures=fig_df, entities=syn.entities())


# ---------------------------------------------------------------- routing and columns


def test_every_figure_lands_in_exactly_one_table_by_its_metric(figures):
    tables = _derive(figures)
    assert list(tables) == list(ANALYSIS_TABLES)
    placed = {fid: name for name, t in tables.items() for fid in t["figure_id"]}
    assert sorted(placed) == sorted(figures["figure_id"])
    for fid, metric in zip(figures["figure_id"], figures["metric"]):
        assert placed[fid] == syn.METRIC_TABLES[metric]
    assert analysis_problems({"figures": figures, **tables}) == []


def test_tables_validate_against_their_pandera_schemas(figures):
    tables = _derive(figures)
    for name, model in ANALYSIS_SCHEMAS.items():
        model.validate(tables[name])
        assert list(tables[name].columns) == list(model.to_schema().columns)


def test_rows_repeat_their_figure(figures):
    t = _derive(figures)
    mau = t["user_metrics"].set_index("metric").loc["mau"]
    assert mau["user_count"] == 155_000_000.0 and mau["unit"] == "persons" and mau["qualifier"] == "approx"
    capex = t["financials"].set_index("metric").loc["capex_plan"]
    assert capex["amount"] == 3.8e11 and capex["currency"] == "CNY" and capex["qualifier"] == "at_least"
    shares = t["market_shares"]
    assert set(shares.loc[shares.market == "China e-commerce", "entity_id"]) == {
        "taotian_group", "jd_com", "pinduoduo", "douyin_ecommerce", "others"}
    assert t["other_figures"].iloc[0]["unit"] == "establishments"


def test_output_does_not_depend_on_input_order(figures):
    a = _derive(figures)
    b = _derive(figures.sample(frac=1, random_state=7).reset_index(drop=True))
    for name in ANALYSIS_TABLES:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_tampered_analysis_row_is_reported(figures):
    tables = _derive(figures)
    tables["financials"].loc[0, "amount"] = 1.0
    problems = analysis_problems({"figures": figures, **tables})
    assert any("amount is 1.0" in p for p in problems), problems


def test_figure_in_no_table_is_reported(figures):
    tables = _derive(figures)
    tables["other_figures"] = tables["other_figures"].iloc[0:0]
    assert any("is in no analysis table" in p for p in analysis_problems({"figures": figures, **tables}))


# ---------------------------------------------------------------- refusals


def test_unit_that_does_not_fit_the_table_is_refused_naming_the_figure(figures):
    figures.loc[figures["metric"] == "revenue", "unit"] = "percent"
    bad = figures.loc[figures["metric"] == "revenue", "figure_id"].iloc[0]
    with pytest.raises(AnalysisError, match=rf"(?s)financials wants an ISO 4217.*{bad}"):
        _derive(figures)


def test_share_not_in_percent_is_refused(figures):
    figures.loc[0, "unit"] = "persons"
    with pytest.raises(AnalysisError, match=figures.loc[0, "figure_id"]):
        _derive(figures)


def test_unknown_metric_and_entity_are_refused(figures):
    figures.loc[0, "metric"] = "market_shar"
    figures.loc[1, "entity_id"] = "jd"
    with pytest.raises(AnalysisError) as exc:
        _derive(figures)
    assert "unknown metric 'market_shar'" in str(exc.value) and "unknown entity 'jd'" in str(exc.value)


def test_metric_with_an_unknown_table_is_refused(figures):
    metrics = syn.metrics()
    metrics.loc[metrics.metric_id == "merchants", "table"] = "counts"
    with pytest.raises(AnalysisError, match="merchants → 'counts'"):
        derive(figures, syn.entities(), metrics)


def test_arrow_tables_reports_analysis_errors_as_build_errors(figures):
    import pyarrow as pa

    from extract.engine import BuildError

    figures.loc[0, "unit"] = "persons"
    tables = {"figures": pa.Table.from_pandas(figures), "sources": pa.Table.from_pandas(syn.sources())}
    with pytest.raises(BuildError) as exc:
        arrow_tables(tables, syn.entities(), syn.metrics())
    assert any(figures.loc[0, "figure_id"] in e for e in exc.value.errors)


def test_arrow_tables_carry_the_schema_metadata_only(figures):
    import pyarrow as pa

    tables = {"figures": pa.Table.from_pandas(figures), "sources": pa.Table.from_pandas(syn.sources())}
    out = arrow_tables(tables, syn.entities(), syn.metrics())
    shares = out["market_shares"]
    assert shares.schema.field("share_pct").metadata[b"unit"] == b"percent"
    assert b"pandas" not in (shares.schema.metadata or {})
    assert str(shares.schema.field("period_start").type) == "date32[day]"


# ---------------------------------------------------------------- share sums


def test_complete_split_with_others_passes():
    _check(_share_rows((1, "a", "taotian_group", 33, "33%", "exact"), (2, "a", "jd_com", 17, "17%", "exact"),
                       (3, "a", "pinduoduo", 19, "19%", "exact"), (4, "a", "douyin_ecommerce", 18, "18%", "exact"),
                       (5, "a", "others", 13, "13%", "exact")))


def test_shares_over_100_fail_naming_market_period_and_figures():
    rows = _share_rows((1, "a", "taotian_group", 60, "60%", "exact"), (2, "a", "jd_com", 45, "45%", "exact"))
    with pytest.raises(AnalysisError) as exc:
        _check(rows)
    msg = str(exc.value)
    assert "'China e-commerce'" in msg and "2024-01-01..2024-12-31" in msg
    assert syn.fid(1) in msg and syn.fid(2) in msg and "105%" in msg


def test_rounding_tolerance_follows_the_printed_digits():
    # Three shares printed to whole percent may overshoot by up to 1.5 points.
    _check(_share_rows((1, "a", "taotian_group", 34, "34%", "exact"), (2, "a", "jd_com", 34, "34%", "exact"),
                       (3, "a", "pinduoduo", 33, "33%", "exact")))
    # Printed to a tenth, the same overshoot is an error (tolerance floor 0.5).
    with pytest.raises(AnalysisError):
        _check(_share_rows((1, "a", "taotian_group", 34, "34.0%", "exact"),
                           (2, "a", "jd_com", 34, "34.0%", "exact"), (3, "a", "pinduoduo", 33, "33.0%", "exact")))
    assert half_ulp("83.6%") == 0.05 and half_ulp("３３％") == 0.5 and half_ulp("三分之一") == 0.5


def test_others_row_must_complete_the_split():
    rows = _share_rows((1, "a", "taotian_group", 33, "33%", "exact"), (2, "a", "jd_com", 17, "17%", "exact"),
                       (3, "a", "others", 13, "13%", "exact"))
    with pytest.raises(AnalysisError, match=r"'others' row add up to 63%.*source a"):
        _check(rows)


def test_parent_and_child_shares_are_not_added():
    # Alibaba Group's 70% contains Taotian's 33%: no double counting.
    _check(_share_rows((1, "a", "alibaba_group", 70, "70%", "exact"),
                       (2, "a", "taotian_group", 33, "33%", "exact"), (3, "a", "jd_com", 20, "20%", "exact")))


def test_same_entity_from_two_sources_is_not_added_but_disagreement_still_caught():
    _check(_share_rows((1, "a", "taotian_group", 60, "60%", "exact"), (2, "b", "taotian_group", 62, "62%", "exact"),
                       (3, "b", "jd_com", 30, "30%", "exact")))
    with pytest.raises(AnalysisError):
        _check(_share_rows((1, "a", "taotian_group", 70, "70%", "exact"), (2, "b", "jd_com", 40, "40%", "exact")))


def test_at_most_counts_as_zero_and_at_least_as_its_value():
    _check(_share_rows((1, "a", "taotian_group", 90, "90%", "exact"), (2, "a", "jd_com", 20, "20%", "at_most")))
    with pytest.raises(AnalysisError):
        _check(_share_rows((1, "a", "taotian_group", 90, "90%", "exact"), (2, "a", "jd_com", 20, "20%", "at_least")))


def test_different_periods_and_markets_are_checked_apart():
    rows = pd.concat([
        _share_rows((1, "a", "taotian_group", 60, "60%", "exact")),
        _share_rows((2, "a", "jd_com", 60, "60%", "exact"), start="2023-01-01", end="2023-12-31"),
        _share_rows((3, "a", "pinduoduo", 60, "60%", "exact"), market="China C2C e-commerce"),
    ], ignore_index=True)
    _check(rows)


def test_derive_runs_the_share_check(figures):
    figures.loc[figures.entity_id == "jd_com", "value"] = 40.0
    with pytest.raises(AnalysisError, match="add up to 123%.*China e-commerce"):
        _derive(figures)


# ---------------------------------------------------------------- growth basis


@pytest.mark.parametrize("metric, quote, value_text, expected", [
    ("revenue_growth", "阿里云收入虽同比增长34%至398.24亿元", "34%", "yoy"),
    ("revenue_growth", "營收同(tóng)比(bǐ)增長12%", "12%", "yoy"),
    ("revenue_growth", "營收同比增長12%", "12%", "yoy"),
    ("revenue_growth", "收入同比增长10%,环比增长5%", "5%", "sequential"),
    ("revenue_growth", "收入同比增长10%,环比增长5%", "10%", "yoy"),
    ("revenue_growth", "较去年同期增长8%", "8%", "yoy"),
    ("revenue_growth", "期內總收入按年增長9%", "9%", "yoy"),
    ("capex_growth", "資本開支按年跌24%", "24%", "yoy"),
    ("mau_growth", "月活躍用戶較上季增長約一倍", "一倍", "sequential"),
    ("revenue_growth", "收入按季增长3%", "3%", "sequential"),
    ("revenue_growth", "營收較上年同期增長15%", "15%", "yoy"),
    ("gmv_growth", "过去三年年复合增长率达到25%", "25%", "cagr"),
    ("ctr_growth", "点击率提升了20%", "20%", "unspecified"),
    ("revenue_growth_qoq", "收入增长5%", "5%", "sequential"),
    # Taiwan's short forms: 年增/年減 year on year, 季增/季減 and 月增 sequential
    ("revenue_growth", "第三季營收季增6.8%，年增23.4%", "6.8%", "sequential"),
    ("revenue_growth", "第三季營收季增6.8%，年增23.4%", "23.4%", "yoy"),
    ("net_profit_growth", "稅後淨利年增近三成", "近三成", "yoy"),
    ("revenue_growth", "营收年减5%", "5%", "yoy"),
    ("revenue_growth", "10月營收月增率3.2%", "3.2%", "sequential"),
    # a year's or a quarter's growth without a basis word stays unspecified
    ("revenue_growth", "2024年增长12%", "12%", "unspecified"),
    ("revenue_growth", "第三季增5%", "5%", "unspecified"),
])
def test_growth_basis_from_the_words_nearest_the_figure(metric, quote, value_text, expected):
    assert growth_basis(metric, quote, quote.index(value_text)) == expected


def test_growth_basis_falls_back_to_scope_note_then_registry_note():
    assert growth_basis("ai_revenue_growth", "三位数增长", 0, "AI business, year-on-year") == "yoy"
    assert growth_basis("x_growth", "增长20%", 2, None, "compared with the previous quarter, sequential") \
        == "sequential"
    assert growth_basis("x_growth", "增长20%", 2, None, None, "Year on year unless the figure says otherwise.") \
        == "yoy"
    assert growth_basis("x_growth", "增长20%", 2, "China", "read as relative growth", None) == "unspecified"


def test_growth_table_records_basis_and_unit(figures):
    g = _derive(figures)["growth"].set_index("metric")
    assert g.loc["revenue_growth", "basis"] == "yoy" and g.loc["revenue_growth", "change_unit"] == "percent"
    assert g.loc["ctr_growth", "basis"] == "unspecified"


# ---------------------------------------------------------------- boundaries


def test_extract_uses_only_public_names_of_the_package():
    """The pipeline reads the package through its public API (store, schemas, ...), never its
    private helpers, so the package can change them without breaking the build."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "extract"
    private = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ai_consumer_metrics"):
                parts = node.module.split(".") + [a.name for a in node.names]
                private += [f"{path.name}:{node.lineno} {node.module}.{p}" for p in parts if p.startswith("_")]
    assert not private, "extract imports private names of the package:\n" + "\n".join(private)


def test_the_analysis_tables_are_listed_once():
    """The registry's metric tables, the consistency checks and the schemas share one list."""
    from ai_consumer_metrics import consistency, vocabulary
    from extract import registry

    assert registry.METRIC_TABLES is vocabulary.ANALYSIS_TABLES is consistency.ANALYSIS_TABLES
    assert tuple(ANALYSIS_SCHEMAS) == vocabulary.ANALYSIS_TABLES


# ---------------------------------------------------------------- signs, doubts, groups


def _growth_rows(*rows):
    """Figures rows for growth: (n, quote, value_text, value, value_high, qualifier)."""
    return pd.DataFrame([syn._figure(n, syn.GINLIX, "taotian_group", "revenue_growth", value, "percent", quote,
                                     value_text, value_high=high, qualifier=qualifier, scope="revenue")
                         for n, quote, value_text, value, high, qualifier in rows])


def test_a_fall_is_a_negative_change_and_figures_keep_the_printed_number():
    figs = _growth_rows((1, "淘天集团收入同比下滑 1%", "1%", 1, None, "exact"),
                        (2, "营收同比增长34%", "34%", 34, None, "exact"),
                        (3, "利潤同比減少3-5%", "3-5%", 3, 5, "exact"),
                        (4, "净利润下降超过50%", "超过50%", 50, None, "at_least"))
    growth = _derive(figs, check=False)["growth"].set_index("figure_id")
    assert growth.loc[syn.fid(1), "change"] == -1.0
    assert growth.loc[syn.fid(2), "change"] == 34.0
    assert (growth.loc[syn.fid(3), "change"], growth.loc[syn.fid(3), "change_high"]) == (-5.0, -3.0)
    # "fell by more than 50%": the signed change is at most -50.
    assert (growth.loc[syn.fid(4), "change"], growth.loc[syn.fid(4), "qualifier"]) == (-50.0, "at_most")
    assert list(figs["value"]) == [1.0, 34.0, 3.0, 50.0]


def test_signed_rows_agree_with_their_figures_and_a_tampered_size_is_caught():
    figs = _growth_rows((1, "收入同比下滑 1%", "1%", 1, None, "exact"), (3, "利润减少3-5%", "3-5%", 3, 5, "at_least"))
    frames = {"figures": figs, "entities": syn.entities(), **_derive(figs, check=False)}
    assert analysis_problems(frames) == []
    frames["growth"] = frames["growth"].assign(change=frames["growth"]["change"] * 2)
    assert any("change is" in p for p in analysis_problems(frames))


def test_rows_carry_the_note_the_top_group_and_the_period_basis(figures):
    t = _derive(figures)
    shares = t["market_shares"].set_index("entity_id")
    assert shares.loc["taotian_group", "group_id"] == "alibaba_group"
    assert shares.loc["pinduoduo", "group_id"] == "pinduoduo"
    notes = dict(zip(figures["figure_id"], figures["note"]))
    for name in ANALYSIS_TABLES:
        table = t[name]
        assert {"group_id", "note", "period_basis"} <= set(table.columns)
        for fid, note in zip(table["figure_id"], table["note"]):
            assert (pd.isna(note) and pd.isna(notes[fid])) or note == notes[fid]
    frames = {"figures": figures, "entities": syn.entities(), **t}
    assert analysis_problems(frames) == []
    frames["market_shares"] = frames["market_shares"].assign(group_id="someone_else")
    assert any("group_id is 'someone_else'" in p for p in analysis_problems(frames))


@pytest.mark.parametrize("quote, start, end, published, expected", [
    ("2023年蚂蚁集团研发投入高达211.9亿元", "2023-01-01", "2023-12-31", "2024-06-18", "stated"),
    ("截至2023年已有5.3亿人使用", "2023-12-31", "2023-12-31", "2024-06-18", "stated"),
    ("2025財年第一季度,集團收入同比增長4%", "2024-04-01", "2024-06-30", "2024-09-20", "stated"),
    ("到今年4月已经有1200万用户", "2024-04-30", "2024-04-30", "2024-06-18", "stated"),
    ("千问已实现400多项办事功能", "2026-02-10", "2026-02-10", "2026-02-10", "publication"),
    ("但集团经营利润骤降85%", "2025-07-01", "2025-09-30", "2026-02-10", "context"),
    ("站在2025年回望,市值在16个月内缩水三分之二", "2014-09-01", "2025-04-30", "2025-05-20", "context"),
])
def test_period_basis_says_whether_the_text_states_the_period(quote, start, end, published, expected):
    from extract.analysis import period_basis

    fiscal = "03-31" if "財年" in quote else "12-31"
    assert period_basis(quote, start, end, published, "day", fiscal) == expected


def test_currency_doubt_marks_a_bare_dollar_and_an_implied_currency():
    from extract.analysis import currency_doubt

    # A bare $ read as HKD and a bare magnitude read as CNY are both unit_implied (the
    # engine refuses a currency for a bare $ without it); US$ and HK$ say whose dollar.
    f = pd.DataFrame({"unit": ["HKD", "USD", "HKD", "CNY", "CNY", "persons"],
                      "unit_implied": [True, False, False, True, False, True],
                      "value_text": ["$77.35", "US$5亿", "HK$100", "9000亿", "约1200亿元", "7.5亿"]})
    assert currency_doubt(f).tolist() == [True, False, False, True, False, False]
