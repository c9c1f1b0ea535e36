"""Charts: checked through their artists (bars, texts, labels), never through pixels."""
from __future__ import annotations

import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")  # before pyplot: tests never open a window

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import ai_consumer_metrics  # noqa: E402
from ai_consumer_metrics import plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def data():
    """Small tables shaped like the packaged ones; values taken from the seed articles."""
    sources = pd.DataFrame({
        "source_id": ["2025-05-liuhai", "2026-01-30-yilan", "2026-02-10-ginlix", "2024-09-20-qunmai"],
        "title": ["A", "B", "C", "D"],
        "publisher": ["Liuhai Review", "Yilan Business", "Ginlix AI", "群脉SCRM"],
        "published": pd.to_datetime(["2025-05-01", "2026-01-30", "2026-02-10", "2024-09-20"]),
        "published_precision": ["month", "day", "day", "day"],
        "published_estimated": [True, False, False, False],
        "publisher_en": [None, None, None, "Qunmai SCRM"],
    })
    entities = pd.DataFrame({
        "entity_id": ["alibaba_group", "taobao", "taobao_tmall_group", "jd", "pdd", "douyin",
                      "others", "doubao", "qwen_app", "tencent"],
        "name_en": ["Alibaba Group", "Taobao", "Taobao & Tmall Group", "JD.com", "PDD Holdings",
                    "Douyin E-commerce", "Others", "Doubao", "Qwen app", "Tencent"],
        "name_zh": ["阿里巴巴集团", "淘宝", "淘天集团", "京东", "拼多多", "抖音电商", "其他",
                    "豆包", "千问", "腾讯"],
        "parent": [None, "taobao_tmall_group", "alibaba_group", None, None, None, None, None,
                   "alibaba_group", None],
    })
    market_shares = pd.DataFrame({
        "entity_id": ["taobao_tmall_group", "jd", "pdd", "douyin", "others", "taobao",
                      "alibaba_group", "jd"],
        "market": ["China e-commerce"] * 8,
        "period": ["2024"] * 5 + ["2007", "2017", "2024"],
        "period_start": pd.to_datetime(["2024-01-01"] * 5 + ["2007-01-01", "2017-01-01", "2024-01-01"]),
        "period_end": pd.to_datetime(["2024-12-31"] * 5 + ["2007-12-31", "2017-12-31", "2024-12-31"]),
        "share_pct": [33.0, 17.0, 19.0, 18.0, 13.0, 83.6, 70.0, 16.0],
        "qualifier": ["exact", "exact", "exact", "exact", "exact", "exact", "approx", "at_most"],
        "source_id": ["2025-05-liuhai"] * 7 + ["2026-01-30-yilan"],
        "figure_id": ["ms1", "ms2", "ms3", "ms4", "ms5", "ms6", "ms7", "ms8"],
    })
    # One figure a row, as the analysis tables hold them.
    user_metrics = pd.DataFrame([
        ("doubao", "mau", 1.55e8, "2025-12", "approx", "2026-01-30-yilan", "um1"),
        ("qwen_app", "mau", 1.0e8, "2026-01", "at_least", "2026-02-10-ginlix", "um2"),
        ("doubao", "dau", 5.0e7, "2025-12", "exact", "2026-01-30-yilan", "um3"),
        ("qwen_app", "wau", 3.0e7, "2026-01", "exact", "2026-02-10-ginlix", "um4"),
    ], columns=["entity_id", "metric", "user_count", "period", "qualifier", "source_id", "figure_id"])
    financials = pd.DataFrame([
        ("alibaba_group", "capex_plan", 3.8e11, "CNY", "2025-2027", "at_least", "2026-02-10-ginlix", "fi1"),
        ("alibaba_group", "capex", 7.7e10, "CNY", "FY2025", "approx", "2024-09-20-qunmai", "fi2"),
        ("tencent", "capex", 7.67e10, "CNY", "2024", "exact", "2024-09-20-qunmai", "fi3"),
        ("alibaba_group", "revenue", 2.1e10, "USD", "FY2025Q1", "exact", "2024-09-20-qunmai", "fi4"),
        ("tencent", "revenue", 1.6e11, "CNY", "2024Q2", "exact", "2024-09-20-qunmai", "fi5"),
    ], columns=["entity_id", "metric", "amount", "currency", "period", "qualifier", "source_id", "figure_id"])
    figures = pd.DataFrame({
        "figure_id": ["ms1", "ms2", "ms3", "ms4", "ms5", "ms6", "ms7", "ms8",
                      "um1", "um2", "um3", "um4", "fi1", "fi2", "fi3", "fi4", "fi5"],
        "source_id": ["2025-05-liuhai"] * 7 + ["2026-01-30-yilan"]
        + ["2026-01-30-yilan", "2026-02-10-ginlix", "2026-01-30-yilan", "2026-02-10-ginlix"]
        + ["2026-02-10-ginlix"] + ["2024-09-20-qunmai"] * 4,
        "attributed_to": [None] * 5 + ["iResearch"] + [None] * 3 + ["QuestMobile"] + [None] * 7,
    })
    metrics = pd.DataFrame({
        "metric_id": ["market_share", "mau", "dau", "wau", "capex", "capex_plan", "revenue"],
        "name": ["Market share", "Monthly active users", "Daily active users",
                 "Weekly active users", "Capital expenditure", "Planned capital expenditure",
                 "Revenue"],
    })
    return {"sources": sources, "entities": entities, "figures": figures, "metrics": metrics,
            "market_shares": market_shares, "user_metrics": user_metrics,
            "financials": financials}


def bar_lengths(ax):
    return [round(p.get_width(), 9) for p in ax.patches]


def tick_texts(ax, axis="y"):
    """Tick labels in reading order: top to bottom for bars, left to right for periods."""
    if axis == "y":
        ticks = sorted(zip(ax.get_yticks(), ax.get_yticklabels()), key=lambda t: -t[0])
        return [label.get_text() for _, label in ticks]
    return [t.get_text() for t in ax.get_xticklabels()]


def value_labels(ax):
    return [t.get_text() for t in ax.texts if t.get_gid() != "acm-footnote"]


def assert_bars(ax, title, xlabel, ticks, lengths, values):
    """A bar chart shows this title and axis label, and these bars top to bottom: tick, length, label."""
    assert ax.get_title() == title
    assert ax.get_xlabel() == xlabel
    assert tick_texts(ax) == ticks
    assert bar_lengths(ax) == lengths
    assert value_labels(ax) == values


def render(ax, tmp_path, name="chart.png"):
    path = tmp_path / name
    ax.figure.savefig(path, bbox_inches="tight")
    assert path.stat().st_size > 1000
    return path


# --------------------------------------------------------------------------- market shares


def test_market_shares_bar_draws_the_table(data, tmp_path):
    ax = plot.market_shares("China e-commerce", "2024", data=data)
    render(ax, tmp_path)
    # Largest first, "others" last; two articles, so each bar names its article.
    assert_bars(ax, "Market shares: China e-commerce, 2024", "Share of market (%)",
                ["Taobao & Tmall Group [1]", "PDD Holdings [1]", "Douyin E-commerce [1]", "JD.com [1]",
                 "JD.com [2]", "Others [1]"],
                [33.0, 19.0, 18.0, 17.0, 16.0, 13.0], ["33%", "19%", "18%", "17%", "≤16%", "13%"])
    note = plot.footnote(ax)
    assert note.startswith("Sources: [1] Liuhai Review, 2025-05 (est.); [2] Yilan Business, 2026-01-30")


def test_market_shares_latest_period_by_default_and_one_source_needs_no_numbers(data):
    one_source = dict(data, market_shares=data["market_shares"].iloc[:7])
    ax = plot.market_shares("china e-commerce", data=one_source)  # case-insensitive market
    assert ax.get_title().endswith(", 2024")
    assert "[1]" not in " ".join(tick_texts(ax))
    assert plot.footnote(ax) == "Source: Liuhai Review, 2025-05 (est.)"
    early = plot.market_shares("China e-commerce", "2007", data=one_source)
    assert plot.footnote(early) == "Source: Liuhai Review, 2025-05 (est.), citing iResearch"


def test_market_shares_stacked_one_bar_per_article(data, tmp_path):
    ax = plot.market_shares("China e-commerce", "2024", kind="stacked", data=data)
    render(ax, tmp_path)
    by_row: dict[float, list[float]] = {}
    for patch in ax.patches:
        by_row.setdefault(round(patch.get_y() + patch.get_height() / 2, 6), []).append(patch.get_width())
    assert sorted(sorted(v) for v in by_row.values()) == [[13.0, 17.0, 18.0, 19.0, 33.0], [16.0]]
    assert ax.get_xlim() == (0.0, 100.0)
    assert sorted(tick_texts(ax)) == ["[1]", "[2]"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "Taobao & Tmall Group" and legend[-1] == "Others"
    assert "≤16%" in value_labels(ax)


def test_market_shares_unknown_market_or_period_lists_choices(data):
    with pytest.raises(plot.PlotError, match="choose one of: China e-commerce"):
        plot.market_shares("China cloud", data=data)
    with pytest.raises(plot.PlotError, match="2007, 2017, 2024"):
        plot.market_shares("China e-commerce", "2031", data=data)
    with pytest.raises(plot.PlotError, match="kind"):
        plot.market_shares("China e-commerce", kind="pie", data=data)


def test_market_share_trend_follows_an_entity_and_its_units(data, tmp_path):
    ax = plot.market_share_trend("China e-commerce", "alibaba_group", data=data)
    render(ax, tmp_path)
    (line,) = ax.get_lines()
    assert list(line.get_ydata()) == [83.6, 70.0, 33.0]
    assert tick_texts(ax, "x") == ["2007", "2017", "2024"]
    assert value_labels(ax) == ["Taobao 83.6%", "≈70%", "Taobao & Tmall Group 33%"]
    assert ax.get_title() == "Alibaba Group: share of China e-commerce"
    assert ax.get_ylabel() == "Share of market (%)"
    assert "Liuhai Review, 2025-05 (est.)" in plot.footnote(ax)


def test_market_share_trend_x_axis_is_proportional_to_time(data):
    ax = plot.market_share_trend("China e-commerce", "alibaba_group", data=data)
    (line,) = ax.get_lines()
    x = list(line.get_xdata())
    rows = data["market_shares"].set_index("figure_id").loc[["ms6", "ms7", "ms1"]]  # 2007, 2017, 2024
    middle = rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2
    gaps = [(b - a).days for a, b in zip(middle, middle[1:])]
    assert [round(b - a) for a, b in zip(x, x[1:])] == gaps       # ten years, then seven
    ticks = dict(zip(tick_texts(ax, "x"), ax.get_xticks()))
    assert list(ticks) == ["2007", "2017", "2024"]
    assert [round(ticks[p] - x0, 6) for p, x0 in zip(ticks, x)] == [0, 0, 0]   # ticks at the points
    assert ax.get_xlabel() == "Time (each point at the middle of its period)"


def test_a_trend_point_without_period_dates_is_an_error_not_a_guess(data):
    shares = data["market_shares"].copy()
    shares.loc[shares.figure_id == "ms7", "period_start"] = pd.NaT
    with pytest.raises(plot.PlotError, match="period.s. 2017 have no start and end dates"):
        plot.market_share_trend("China e-commerce", data=dict(data, market_shares=shares))


def test_trend_follows_the_group_column_where_the_table_has_one(data):
    shares = data["market_shares"].assign(**{plot.GROUP_COLUMN: None})
    shares.loc[shares.entity_id.isin(["taobao", "taobao_tmall_group"]), plot.GROUP_COLUMN] = "alibaba_group"
    entities = data["entities"].assign(parent=None)   # no parent chain: only the column can join them
    ax = plot.market_share_trend("China e-commerce", "alibaba_group",
                                 data=dict(data, market_shares=shares, entities=entities))
    (line,) = ax.get_lines()
    assert list(line.get_ydata()) == [83.6, 70.0, 33.0]


def test_market_share_trend_all_entities_has_a_legend(data):
    ax = plot.market_share_trend("China e-commerce", data=data)
    assert len(ax.get_lines()) == 7  # one line per entity
    assert "JD.com" in [t.get_text() for t in ax.get_legend().get_texts()]
    with pytest.raises(plot.PlotError, match="no market_shares rows for 'tencent'"):
        plot.market_share_trend("China e-commerce", "tencent", data=data)


# --------------------------------------------------------------------------- user metrics


def test_user_metrics_one_metric_in_millions(data, tmp_path):
    ax = plot.user_metrics("mau", data=data)
    render(ax, tmp_path)
    assert_bars(ax, "Monthly active users (MAU)", "Monthly active users (MAU), millions",
                ["Doubao, 2025-12 [1]", "Qwen app, 2026-01 [2]"], [155.0, 100.0], ["≈155", "≥100"])
    note = plot.footnote(ax)
    for publisher, date in [("Yilan Business", "2026-01-30"), ("Ginlix AI", "2026-02-10")]:
        assert f"{publisher}, {date}" in note
    assert "citing QuestMobile" in note


def test_user_metrics_never_mixes_metrics(data):
    with pytest.raises(plot.PlotError, match="one metric per chart"):
        plot.user_metrics(["mau", "dau"], data=data)
    ax = plot.user_metrics("mau", data=data)
    with pytest.raises(plot.PlotError, match="already shows"):
        plot.user_metrics("dau", ax=ax, data=data)
    with pytest.raises(plot.PlotError, match="choose one of: dau, mau, wau"):
        plot.user_metrics("monthly", data=data)


def test_user_metrics_filters_entities_and_period(data):
    ax = plot.user_metrics("mau", entities=["qwen_app"], period="2026-01", data=data)
    assert bar_lengths(ax) == [100.0]
    assert tick_texts(ax) == ["Qwen app, 2026-01"]
    assert plot.footnote(ax) == "Source: Ginlix AI, 2026-02-10, citing QuestMobile"
    with pytest.raises(plot.PlotError, match="doubao, qwen_app"):
        plot.user_metrics("mau", entities=["kimi"], data=data)


def test_axes_passthrough(data, tmp_path):
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    got = plot.user_metrics("mau", ax=right, data=data)
    assert got is right
    assert len(left.patches) == 0 and len(right.patches) == 2
    assert plot.market_shares("China e-commerce", ax=left, data=data) is left
    render(got, tmp_path)


# --------------------------------------------------------------------------- financials


def test_financials_scales(data, tmp_path):
    ax = plot.financials("capex", data=data)
    render(ax, tmp_path)
    assert_bars(ax, "Capital expenditure (CNY)", "Capital expenditure, CNY 100 million",
                ["Alibaba Group, FY2025", "Tencent, 2024"], [770.0, 767.0], ["≈770", "767"])
    assert plot.footnote(ax) == "Source: Qunmai SCRM, 2024-09-20"  # publisher_en, font or not
    bn = plot.financials("capex_plan", scale="bn", data=data)
    assert bar_lengths(bn) == [380.0]
    assert value_labels(bn) == ["≥380"]
    assert bn.get_xlabel().endswith("CNY bn")


def test_financials_refuses_mixed_currencies(data):
    with pytest.raises(plot.PlotError, match="mixes currencies CNY, USD"):
        plot.financials("revenue", data=data)
    ax = plot.financials("revenue", currency="USD", data=data)
    assert bar_lengths(ax) == [210.0]
    with pytest.raises(plot.PlotError, match="already shows"):
        plot.financials("revenue", currency="CNY", ax=ax, data=data)
    with pytest.raises(plot.PlotError, match="scale"):
        plot.financials("revenue", scale="wan", data=data)


def test_missing_source_is_an_error_not_a_blank_footnote(data):
    broken = dict(data, sources=data["sources"].iloc[1:])
    with pytest.raises(plot.PlotError, match="2025-05-liuhai"):
        plot.market_shares("China e-commerce", "2017", data=broken)


# --------------------------------------------------------------------------- fonts


def _glyph_warnings(records):
    return [str(r.message) for r in records if "missing from font" in str(r.message)]


@pytest.fixture
def font_list(monkeypatch):
    """matplotlib's font list, restored after the test (with its lookup cache)."""
    from matplotlib import font_manager as fm

    monkeypatch.setattr(fm.fontManager, "ttflist", list(fm.fontManager.ttflist))
    fm.fontManager._findfont_cached.cache_clear()
    yield fm.fontManager
    monkeypatch.undo()
    fm.fontManager._findfont_cached.cache_clear()


def _draws_chinese(entry) -> bool:
    from matplotlib import font_manager as fm

    try:
        return bool(fm.get_font(entry.fname).get_char_index(ord("中")))
    except (OSError, RuntimeError):
        return False


@pytest.fixture
def without_cjk_font(font_list):
    """Whatever this machine has installed, matplotlib knows no font with Chinese glyphs."""
    font_list.ttflist = [e for e in font_list.ttflist if not _draws_chinese(e)]
    font_list._findfont_cached.cache_clear()
    assert plot.cjk_font() is None
    return font_list


@pytest.fixture
def with_cjk_font(without_cjk_font, tmp_path_factory):
    """Exactly one CJK font, made by the test (tests/_fonts.py), whatever the machine has."""
    import _fonts

    path = _fonts.cjk_font(tmp_path_factory.mktemp("fonts") / "acm-test-cjk.ttf")
    without_cjk_font.addfont(str(path))
    assert plot.cjk_font() == _fonts.FAMILY
    return _fonts.FAMILY


def _draw_quietly(make, tmp_path, caplog):
    """Draw and save a chart; return it with every warning and every log line matplotlib gave."""
    import logging

    with warnings.catch_warnings(record=True) as records, caplog.at_level(logging.WARNING, "matplotlib"):
        warnings.simplefilter("always")
        caplog.clear()
        ax = make()
        render(ax, tmp_path)
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    return ax, [str(r.message) for r in records], logged


def test_zh_with_a_cjk_font_draws_chinese_without_a_warning(data, with_cjk_font, tmp_path, caplog):
    ax, warned, logged = _draw_quietly(
        lambda: plot.market_shares("China e-commerce", "2024", lang="zh", data=data), tmp_path, caplog)
    assert warned == [] and logged == []          # no findfont line, no missing glyph
    assert "京东 [2]" in tick_texts(ax) and ax.get_xlabel() == "市场份额（%）"
    assert with_cjk_font in ax.get_yticklabels()[0].get_fontfamily()
    ax, warned, logged = _draw_quietly(lambda: plot.financials("capex", lang="en", data=data), tmp_path, caplog)
    assert warned == [] and logged == []
    assert plot.footnote(ax) == "Source: Qunmai SCRM, 2024-09-20"  # publisher_en first in English
    ax, warned, logged = _draw_quietly(
        lambda: plot.market_share_trend("China e-commerce", lang="zh", data=data), tmp_path, caplog)
    assert warned == [] and logged == [] and "（估计）" in plot.footnote(ax)


def test_zh_without_a_cjk_font_falls_back_to_english_with_one_warning(data, without_cjk_font, tmp_path,
                                                                      caplog):
    ax, warned, logged = _draw_quietly(
        lambda: plot.market_shares("China e-commerce", "2024", lang="zh", data=data), tmp_path, caplog)
    assert logged == [] and len(warned) == 1 and "needs a CJK font" in warned[0]
    assert "JD.com [2]" in tick_texts(ax)
    ax, warned, logged = _draw_quietly(lambda: plot.financials("capex", lang="en", data=data), tmp_path, caplog)
    assert warned == [] and logged == []
    assert plot.footnote(ax) == "Source: Qunmai SCRM, 2024-09-20"


def test_zh_labels_when_a_cjk_font_draws_them(data, monkeypatch):
    # No CJK font is installed in CI: pretend one is, to check the Chinese labels chosen.
    monkeypatch.setattr(plot, "_find_cjk_font", lambda: "DejaVu Sans")
    monkeypatch.setattr(plot._Style, "drawable", lambda self, text: True)
    ax = plot.market_shares("China e-commerce", "2024", lang="zh", data=data)
    assert tick_texts(ax)[0] == "淘天集团 [1]"
    assert ax.get_xlabel() == "市场份额（%）"
    assert plot.footnote(ax).startswith("来源：[1] Liuhai Review，2025-05（估计）")
    assert ax.get_yticklabels()[0].get_fontfamily()[-1] == "DejaVu Sans"
    fin = plot.financials("capex", lang="zh", data=data)
    assert fin.get_xlabel() == "资本开支（亿元）"
    assert "群脉SCRM" in plot.footnote(fin)


def test_bad_lang(data):
    with pytest.raises(plot.PlotError, match="lang"):
        plot.user_metrics("mau", lang="fr", data=data)


# --------------------------------------------------------------------------- command line


@pytest.fixture
def packaged(data, monkeypatch):
    """The command line reads the packaged tables: serve the small ones instead."""
    def fake_load(name, data_dir=None):
        if name not in data:
            raise ai_consumer_metrics.UnknownTableError(name, list(data))
        return data[name]
    monkeypatch.setattr(ai_consumer_metrics, "load", fake_load)
    return data


def test_plot_command_writes_each_chart(packaged, tmp_path, capsys):
    runs = [
        ["market-shares", "--market", "China e-commerce", "--period", "2024"],
        ["market-shares", "--market", "China e-commerce", "--kind", "stacked"],
        ["market-share-trend", "--market", "China e-commerce", "--entity", "alibaba_group"],
        ["user-metrics", "--metric", "mau", "--entities", "doubao,qwen_app"],
        ["financials", "--metric", "capex", "--scale", "bn", "--currency", "CNY"],
    ]
    for n, argv in enumerate(runs):
        out = tmp_path / f"c{n}.png"
        assert plot.plot_command([*argv, "-o", str(out)]) == 0, argv
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert plt.get_fignums() == []  # the command closes what it opened


def test_plot_command_errors(packaged, tmp_path, capsys):
    out = str(tmp_path / "x.png")
    assert plot.plot_command(["market-shares", "--market", "Mars", "-o", out]) == 2
    assert "choose one of: China e-commerce" in capsys.readouterr().err
    assert plot.plot_command(["financials", "--metric", "revenue", "-o", out]) == 2
    assert "mixes currencies" in capsys.readouterr().err
    assert plot.plot_command(["user-metrics", "--metric", "mau"]) == 2  # no -o
    assert plot.plot_command(["--help"]) == 0
    bad_dir = str(tmp_path / "missing" / "x.png")
    assert plot.plot_command(["user-metrics", "-o", bad_dir]) == 1


def test_acm_plot_subcommand(packaged, tmp_path, capsys):
    from ai_consumer_metrics.cli import main

    out = tmp_path / "shares.png"
    assert main(["plot", "market-shares", "--market", "China e-commerce", "-o", str(out)]) == 0
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert main(["plot", "--help"]) == 0
    assert "market-shares" in capsys.readouterr().out
    assert main(["plot", "user-metrics", "--metric", "mau,dau", "-o", str(out)]) == 2
    assert "one metric per chart" in capsys.readouterr().err


def test_importing_the_package_does_not_import_matplotlib():
    code = "import sys, ai_consumer_metrics; assert 'matplotlib' not in sys.modules, 'eager import'"
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- the shipped data


def _packaged_tables():
    try:
        return {name: ai_consumer_metrics.load(name) for name in ("market_shares", "sources")}
    except Exception as exc:  # noqa: BLE001 - not built yet
        pytest.skip(f"packaged tables not available: {exc}")


def test_every_packaged_market_and_period_plots(tmp_path):
    tables = _packaged_tables()
    shares, sources = tables["market_shares"], tables["sources"].set_index("source_id")
    assert len(shares) > 0
    for (market, period), rows in shares.groupby(["market", "period"]):
        ax = plot.market_shares(market, period)
        assert sorted(bar_lengths(ax)) == sorted(rows["share_pct"].round(9).tolist())
        note = plot.footnote(ax)
        for sid in rows["source_id"].unique():
            assert f"{sources.loc[sid, 'published']:%Y-%m}" in note
        render(ax, tmp_path, "real.png")
        plt.close(ax.figure)


@pytest.mark.parametrize("dtype", [ai_consumer_metrics.store.string_dtype(), pd.StringDtype()],
                         ids=["load's str (NaN)", "string (pd.NA)"])
def test_tables_typed_like_load_with_missing_values(data, dtype):
    """load()'s string dtype, and pandas' "string" (pd.NA) a user may build frames with, both plot."""
    def as_load_returns(df):
        text = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])
                and not pd.api.types.is_datetime64_any_dtype(df[c])
                and not pd.api.types.is_bool_dtype(df[c])]
        return df.astype({c: dtype for c in text})

    shares = data["market_shares"]
    extra = shares.iloc[[0]].assign(market=None, figure_id="ms9")
    typed = {name: as_load_returns(df) for name, df in data.items()}
    typed["market_shares"] = as_load_returns(pd.concat([shares, extra], ignore_index=True))
    assert typed["market_shares"]["market"].isna().sum() == 1
    assert typed["market_shares"]["market"].dtype == dtype
    ax = plot.market_shares("China e-commerce", "2024", data=typed)
    assert bar_lengths(ax) == [33.0, 19.0, 18.0, 17.0, 16.0, 13.0]
    with pytest.raises(plot.PlotError, match="choose one of: China e-commerce$"):
        plot.market_shares("nowhere", data=typed)


# --------------------------------------------------------------------------- English footnotes


@pytest.fixture
def no_cjk_font(without_cjk_font):
    """Whatever this machine has installed, draw as if no font had Chinese glyphs."""
    return without_cjk_font


def _draw_without_boxes(make, tmp_path):
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        warnings.filterwarnings("error", message=r"Glyph .* missing from font")
        ax = make()
        render(ax, tmp_path)
    assert _glyph_warnings(records) == []
    return ax


def _assert_names_its_sources(note: str, rows: pd.DataFrame, sources: pd.DataFrame) -> None:
    """Every article behind the plotted ``rows`` is in ``note``, and no other: by its English
    publisher and date, or by its id where the text names no publisher; an estimated date says so."""
    sids = list(dict.fromkeys(rows["source_id"]))
    assert sids, "nothing plotted"
    assert note.startswith("Source: " if len(sids) == 1 else "Sources: "), note
    if len(sids) > 1:
        assert f"[{len(sids)}] " in note and f"[{len(sids) + 1}] " not in note, note
    for sid in sids:
        src = sources.loc[sid]
        if pd.notna(src["publisher_en"]):
            assert f"{src['publisher_en']}, {pd.Timestamp(src['published']):%Y-%m}" in note, (sid, note)
            assert sid not in note  # named by its publisher, not by the fallback id
        elif pd.isna(src["publisher"]):
            assert f"{sid} (publisher not named)" in note, (sid, note)
        if bool(src["published_estimated"]):
            assert "(est.)" in note, (sid, note)


def test_packaged_footnotes_name_their_sources_in_english(no_cjk_font, tmp_path):
    """On the shipped tables, whatever they hold: each chart's footnote names the articles it draws."""
    sources = _packaged_tables()["sources"].set_index("source_id")
    users = ai_consumer_metrics.load("user_metrics")
    metric = users["metric"].value_counts().index[0]  # (the metric with the most rows: several articles)
    ax = _draw_without_boxes(lambda: plot.user_metrics(metric), tmp_path)
    _assert_names_its_sources(plot.footnote(ax), users[users["metric"] == metric], sources)
    money = ai_consumer_metrics.load("financials")
    metric = money["metric"].value_counts().index[0]
    rows = money[money["metric"] == metric]
    currency = rows["currency"].value_counts().index[0]  # one currency per chart
    fin = _draw_without_boxes(lambda: plot.financials(metric, currency=currency), tmp_path)
    _assert_names_its_sources(plot.footnote(fin), rows[rows["currency"] == currency], sources)
    shares = _packaged_tables()["market_shares"]
    for (market, period), rows in shares.groupby(["market", "period"], sort=True):
        ax = _draw_without_boxes(lambda: plot.market_shares(market, period), tmp_path)
        _assert_names_its_sources(plot.footnote(ax), rows, sources)


def test_footnote_credits_are_translated_counted_or_kept(data, no_cjk_font, tmp_path):
    figures = data["figures"].copy()
    figures.loc[figures["figure_id"] == "um1", "attributed_to"] = "36氪"
    figures.loc[figures["figure_id"] == "um2", "attributed_to"] = "某某数据研究院"
    ax = _draw_without_boxes(lambda: plot.user_metrics("mau", data=dict(data, figures=figures)),
                             tmp_path)
    note = plot.footnote(ax)
    assert "[1] Yilan Business, 2026-01-30, citing 36Kr" in note
    # no English name known and no font to draw it: counted rather than dropped or boxed
    assert note.endswith("[2] Ginlix AI, 2026-02-10, citing a source named in Chinese")


def test_without_publisher_en_a_chinese_publisher_falls_back_to_a_known_name_or_the_id(
        data, no_cjk_font, tmp_path):
    sources = data["sources"].drop(columns="publisher_en")
    sources.loc[sources["source_id"] == "2026-02-10-ginlix", "publisher"] = "虎嗅"
    ax = _draw_without_boxes(lambda: plot.financials(
        "capex", data=dict(data, sources=sources)), tmp_path)
    assert plot.footnote(ax) == "Source: 2024-09-20-qunmai, 2024-09-20"
    ax = _draw_without_boxes(lambda: plot.user_metrics(
        "mau", data=dict(data, sources=sources)), tmp_path)
    assert "[2] Huxiu, 2026-02-10" in plot.footnote(ax)


def test_chinese_footnote_keeps_chinese_credits(data, monkeypatch):
    monkeypatch.setattr(plot, "_find_cjk_font", lambda: "DejaVu Sans")
    monkeypatch.setattr(plot._Style, "drawable", lambda self, text: True)
    figures = data["figures"].copy()
    figures.loc[figures["figure_id"] == "um1", "attributed_to"] = "36氪"
    data = dict(data, figures=figures)
    assert "援引36氪" in plot.footnote(plot.user_metrics("mau", lang="zh", data=data))
    # English labels with a CJK font: the English name where one is known
    assert "citing 36Kr" in plot.footnote(plot.user_metrics("mau", data=data))


def test_english_names():
    from ai_consumer_metrics.names_en import english_name, registry_names

    entities = pd.DataFrame({"name_en": ["Ant Group", "Alipay"], "name_zh": ["蚂蚁集团", "支付宝"],
                             "aliases": ["蚂蚁; 蚂蚁金服", "支付宝App"]})
    known = registry_names(entities)
    assert known["蚂蚁金服"] == "Ant Group" and known["支付宝App"] == "Alipay"
    assert english_name("新浪财经") == "Sina Finance"
    assert english_name("QuestMobile") == "QuestMobile"
    assert english_name("蚂蚁集团", known) == "Ant Group"
    assert english_name("支付宝平台商业活力报告（2024.4）", known) == "Alipay report (2024.4)"
    assert english_name("36氪研究院2025年报告") == "36Kr Research report (2025)"
    assert english_name("蚂蚁集团", {}) is None  # not a document title, not a known name
    assert english_name("某某咨询") is None and english_name(" ") is None


# --------------------------------------------------------------------------- readable labels


def _value_label_boxes(ax):
    renderer = ax.figure.canvas.get_renderer()
    ax.figure.draw_without_rendering()  # the layout engine places the axes first
    # Text's own extent: an Annotation's includes its leader line, which may cross others.
    return [(t.get_text(), Text.get_window_extent(t, renderer)) for t in ax.texts
            if t.get_gid() == "acm-value-label"]


def _assert_apart(boxes):
    assert len(boxes) > 1
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1:]:
            assert not a.overlaps(b), f"labels {text_a!r} and {text_b!r} overlap: {a} {b}"


@pytest.mark.parametrize("size", [(8, 4.8), (5, 3)])
def test_trend_labels_of_close_points_do_not_overlap(data, size):
    ax = plot.market_share_trend("China e-commerce", data=data)
    ax.figure.set_size_inches(*size)
    boxes = _value_label_boxes(ax)
    assert len(boxes) == len(data["market_shares"])  # every point keeps its label
    _assert_apart(boxes)
    # stacked labels keep the points' top-to-bottom order
    at_2024 = [(t, b.y0) for t, b in boxes if t in ("33% [1]", "19% [1]", "18% [1]", "17% [1]",
                                                    "13% [1]", "≤16% [2]")]
    assert [t for t, _ in sorted(at_2024, key=lambda tb: -tb[1])] == [
        "33% [1]", "19% [1]", "18% [1]", "17% [1]", "≤16% [2]", "13% [1]"]


def test_packaged_trend_labels_do_not_overlap():
    shares = _packaged_tables()["market_shares"]
    for market in shares["market"].unique():
        ax = plot.market_share_trend(market)
        boxes = _value_label_boxes(ax)
        assert len(boxes) == (shares["market"] == market).sum()
        if len(boxes) > 1:
            _assert_apart(boxes)
        plt.close(ax.figure)


def test_a_trend_draws_one_line_per_group_across_reorganisations():
    """Without an entity, a group whose units report in different periods is one connected line."""
    shares = ai_consumer_metrics.load("market_shares")
    for market, rows in shares.groupby("market"):
        ax = plot.market_share_trend(market)
        points = {line.get_label(): len(line.get_xdata()) for line in ax.lines}
        for group, g in rows.groupby("group_id"):
            if g["period"].is_unique and g["entity_id"].nunique() > 1:
                assert sorted(points.values()).count(len(g)) >= 1 and len(g) in points.values(), (market, group)
        assert sum(points.values()) == len(rows)
        plt.close("all")
