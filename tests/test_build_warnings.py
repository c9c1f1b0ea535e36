"""The build summary's warnings: what builds but would trap an analyst (extract.build.figure_warnings)."""
from __future__ import annotations

from conftest import HEADER, make_source
from extract.build import figure_warnings, summary
from extract.declare import figure
from extract.scanner import scan

TEXT = HEADER + "甲公司去年营收达到1.5亿元。据最新公告，甲公司去年营收修正为1.6亿元。乙公司营收2亿元。" + "\n广告：关注领50元"


def _revenue(quote: str, value_text: str, value: float, entity: str = "jia", scope: str = "China"):
    return figure(quote, value_text, entity=entity, metric="revenue", period="2024", scope=scope, value=value,
                  unit="CNY")


def _build(built, figs):
    return built.build(figs, [], sources=[make_source(built.root / "w", TEXT)], scan=scan, out=built.root / "o")


def test_two_readings_of_one_point_and_an_empty_scope_are_named(built):
    report = _build(built, [_revenue("甲公司去年营收达到1.5亿元", "1.5亿元", 1.5e8),
                            _revenue("甲公司去年营收修正为1.6亿元", "1.6亿元", 1.6e8),
                            _revenue("乙公司营收2亿元", "2亿元", 2e8, entity="yi", scope="")])
    text = summary(report)
    (sid,) = report.results
    twice = [line for line in text.splitlines() if line.startswith(f"warning: {sid} gives jia revenue 2024")]
    assert len(twice) == 1 and '"1.5亿元"' in twice[0] and '"1.6亿元"' in twice[0], text
    assert "dismiss the repeat or say which is revised in its note" in twice[0]
    assert any(line.startswith(f"warning: {sid} has 1 figure(s) with an empty scope") for line in text.splitlines())


def test_readings_told_apart_by_scope_are_no_warning(built):
    report = _build(built, [_revenue("甲公司去年营收达到1.5亿元", "1.5亿元", 1.5e8, scope="China, first report"),
                            _revenue("甲公司去年营收修正为1.6亿元", "1.6亿元", 1.6e8, scope="China, revised"),
                            _revenue("乙公司营收2亿元", "2亿元", 2e8, entity="yi")])
    assert figure_warnings(report.results) == []
    assert "warning:" not in summary(report)


YEARS = HEADER + "甲公司2026年将投入逾20亿元研发。甲公司研发投入2025年为15亿元。" + "\n广告：关注领50元"


def _rd(quote, value_text, value, period, **extra):
    return figure(quote, value_text, entity="jia", metric="revenue", period=period, scope="China", value=value,
                  unit="CNY", **extra)


def test_a_period_that_none_of_the_quotes_years_hold_is_named(built):
    figs = [_rd("甲公司2026年将投入逾20亿元研发", "逾20亿元", 2e9, "2024", qualifier="at_least"),
            _rd("甲公司研发投入2025年为15亿元", "15亿元", 1.5e9, "2025")]
    report = built.build(figs, [], sources=[make_source(built.root / "w", YEARS)], scan=scan, out=built.root / "o")
    lines = [line for line in summary(report).splitlines() if "but its quote writes" in line]
    assert len(lines) == 1 and "period 2024" in lines[0] and "2026" in lines[0] and "note" in lines[0], lines


def test_a_period_explained_in_the_note_is_no_warning(built):
    figs = [_rd("甲公司2026年将投入逾20亿元研发", "逾20亿元", 2e9, "2024", qualifier="at_least",
                note="the plan was announced in 2024"),
            _rd("甲公司研发投入2025年为15亿元", "15亿元", 1.5e9, "2025")]
    report = built.build(figs, [], sources=[make_source(built.root / "w", YEARS)], scan=scan, out=built.root / "o")
    assert "but its quote writes" not in summary(report)
