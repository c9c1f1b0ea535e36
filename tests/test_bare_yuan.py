"""A bare 元 is the renminbi's unit and, in their own writing, the Taiwan, Hong Kong and Macau dollars'.

The scanner reads it as CNY (the mainland's reading); a figure from a Taiwan or Hong Kong
article declares its own currency only with ``unit_implied=True``, and the analysis tables
flag it as a currency in doubt (docs/design.md, "A bare 元"). A 元 that names the renminbi
(人民币, RMB, ¥) is not open to another reading.
"""
from __future__ import annotations

import sys
from dataclasses import replace as dc_replace
from pathlib import Path

import pytest

from conftest import HEADER, METRICS, make_source
from extract.declare import figure
from extract.engine import BuildError
from extract.scanner import bare_yuan, scan
from ai_consumer_metrics.vocabulary import CURRENCIES, YUAN_CURRENCIES

HERE = Path(__file__).resolve().relative_to(Path(__file__).resolve().parents[1]).as_posix()

# (sentence, the mention, bare): either script, full-width signs as a Hong Kong or Taiwan page types them
YUAN_CASES = [
    ("台積電去年營收達2.16兆元", "2.16兆元", True),
    ("公司全年营收500亿元", "500亿元", True),
    ("每股盈餘為3.21圓", "3.21圓", True),
    ("一份早餐十塊", "十塊", True),
    ("收入為人民幣1,234百萬元", "人民幣1,234百萬元", False),
    ("营收人民币500亿元", "人民币500亿元", False),
    ("营收500亿元人民币", "500亿元人民币", False),
    ("售價￥99元", "￥99元", False),
    ("募资RMB 5亿元", "RMB 5亿元", False),
]


@pytest.mark.parametrize("sentence,text,bare", YUAN_CASES, ids=[c[1] for c in YUAN_CASES])
def test_bare_yuan(sentence, text, bare):
    (m,) = [m for m in scan(sentence) if m.is_figure]
    assert (m.text, m.unit, bare_yuan(m)) == (text, "CNY", bare)


def test_yuan_currencies_are_scanner_currencies():
    assert YUAN_CURRENCIES <= CURRENCIES and "CNY" in YUAN_CURRENCIES


# -- the engine -----------------------------------------------------------------

REVENUE_TEXT = HEADER + "臺灣甲公司去年營收500億元，大陸子公司營收人民幣3億元。" + "\n广告：关注领50元"
REVENUE_METRICS = {**METRICS, "revenue": dc_replace(METRICS["revenue"], allowed_units=("CNY", "TWD", "HKD", "USD"))}


def next_line() -> str:
    """``test_bare_yuan.py:N`` for the line after the caller's: where the next figure() is called."""
    return f"{HERE}:{sys._getframe(1).f_lineno + 1}"


def revenue(value: float, unit: str, implied: bool) -> dict:
    return dict(entity="jia", metric="revenue", period="2024", scope="Taiwan", value=value, unit=unit,
                unit_implied=implied, note="a Taiwan article: its 元 is the New Taiwan dollar")


def _build(built, figs, out=None):
    src = make_source(built.root / "tw", REVENUE_TEXT)
    return built.build(figs, [], sources=[src], metrics=REVENUE_METRICS, scan=scan, out=out)


def _refused(built, figs) -> str:
    with pytest.raises(BuildError) as info:
        _build(built, figs)
    return "\n".join(info.value.errors)


RMB = figure("大陸子公司營收人民幣3億元", "人民幣3億元", **revenue(3e8, "CNY", False))


def test_another_yuan_for_a_bare_yuan_needs_unit_implied(built):
    at = next_line()
    msg = _refused(built, [figure("去年營收500億元", "500億元", **revenue(5e10, "TWD", False)), RMB])
    assert (f"{at}: the text writes a bare 元, which the scanner reads as CNY; set unit_implied=True to read "
            f"it as 'TWD' from context") in msg


def test_another_yuan_read_from_context_is_recorded(built):
    twd = figure("去年營收500億元", "500億元", **revenue(5e10, "TWD", True))
    report = _build(built, [twd, RMB], out=built.root / "other")
    rows = {r["value_text"]: r for r in next(iter(report.results.values())).figures}
    assert (rows["500億元"]["unit"], rows["500億元"]["unit_implied"]) == ("TWD", True)
    assert (rows["人民幣3億元"]["unit"], rows["人民幣3億元"]["unit_implied"]) == ("CNY", False)


def test_a_named_renminbi_is_not_another_yuan(built):
    at = next_line()
    rmb_as_twd = figure("大陸子公司營收人民幣3億元", "人民幣3億元", **revenue(3e8, "TWD", True))
    msg = _refused(built, [figure("去年營收500億元", "500億元", **revenue(5e10, "TWD", True)), rmb_as_twd])
    assert f"{at}: unit mismatch" in msg


def test_a_bare_yuan_is_not_any_currency(built):
    at = next_line()
    msg = _refused(built, [figure("去年營收500億元", "500億元", **revenue(5e10, "USD", True)), RMB])
    assert f"{at}: unit mismatch" in msg


def test_a_currency_the_metric_does_not_allow_says_where_to_allow_it(built):
    at = next_line()
    fig = figure("去年營收500億元", "500億元", **revenue(5e10, "TWD", True))
    with pytest.raises(BuildError) as info:
        built.build([fig, RMB], [], sources=[make_source(built.root / "tw", REVENUE_TEXT)], metrics=METRICS, scan=scan)
    msg = "\n".join(info.value.errors)
    assert (f"{at}: unit 'TWD' is not allowed for metric 'revenue' (allowed: CNY, USD)") in msg
    assert "add 'TWD' to its allowed_units in data/metrics.toml" in msg
