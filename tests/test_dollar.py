"""A bare ``$`` is a dollar of a kind the context decides (docs/design.md, "A bare $").

The scanner reads it as ``dollar``; letters before the sign (US$, HK$, NT$, S$ ...)
or a dollar word after the number say whose. A figure declares the dollar the
context means only with ``unit_implied=True``, and the analysis tables flag it as
a currency in doubt.
"""
from __future__ import annotations

import sys
from dataclasses import replace as dc_replace
from pathlib import Path

import pandas as pd
import pytest

from conftest import HEADER, METRICS, make_source
from extract.analysis import currency_doubt
from extract.declare import figure
from extract.engine import BuildError
from extract.scanner import scan
from ai_consumer_metrics.vocabulary import CURRENCIES, DOLLAR, DOLLAR_CURRENCIES, UNITS

HERE = Path(__file__).resolve().relative_to(Path(__file__).resolve().parents[1]).as_posix()

# (sentence, the mention, value, unit): simplified and traditional, full-width signs
# as a Hong Kong or Taiwan page types them.
DOLLAR_CASES = [
    ("阿里巴巴股价从低点$77.35上涨", "$77.35", 77.35, DOLLAR),
    ("阿里巴巴股價從低點$77.35上漲", "$77.35", 77.35, DOLLAR),
    ("種子輪融資＄5M", "＄5M", 5e6, DOLLAR),
    ("该股收报$164.21元", "$164.21元", 164.21, DOLLAR),
    ("公司年收入US$5亿", "US$5亿", 5e8, "USD"),
    ("公司年收入US＄5億", "US＄5億", 5e8, "USD"),
    ("港股募资HK$120亿", "HK$120亿", 1.2e10, "HKD"),
    ("港股募資HK$120億", "HK$120億", 1.2e10, "HKD"),
    ("台湾地区营收NT$300亿", "NT$300亿", 3e10, "TWD"),
    ("臺灣地區營收NT$300億", "NT$300億", 3e10, "TWD"),
    ("新加坡门店月租S$8,000", "S$8,000", 8000, "SGD"),
    ("新加坡門店月租S$8,000", "S$8,000", 8000, "SGD"),
    ("悉尼办公室年租A$120万", "A$120万", 1.2e6, "AUD"),
    ("多伦多分公司营收C$3亿", "C$3亿", 3e8, "CAD"),
    ("澳门门票MOP$250", "MOP$250", 250, "MOP"),
    # a dollar word after the number says whose
    ("会员价$5港元", "$5港元", 5, "HKD"),
    ("會員價$5美元", "$5美元", 5, "USD"),
    ("两档会员价分别为$30，450美元", "$30", 30, "USD"),
]


@pytest.mark.parametrize("text,span,value,unit", DOLLAR_CASES, ids=[c[0] for c in DOLLAR_CASES])
def test_dollar_signs(text, span, value, unit):
    found = [m for m in scan(text) if m.text == span]
    assert len(found) == 1, [m.describe() for m in scan(text)]
    m = found[0]
    assert (m.value, m.unit, m.kind) == (value, unit, "quantity")


@pytest.mark.parametrize("text,span", [("产品型号ABS$5", "$5"), ("USS$5的价格", "$5")])
def test_letters_that_are_no_dollar_mark_leave_the_dollar_bare(text, span):
    """S$ after another letter (ABS$5) is not a Singapore dollar."""
    m = next(m for m in scan(text) if m.is_figure)
    assert (m.text, m.unit) == (span, DOLLAR)


def test_dollar_is_a_scanner_unit_not_a_currency():
    assert DOLLAR in UNITS and DOLLAR not in CURRENCIES and DOLLAR_CURRENCIES <= CURRENCIES


# -- the engine -----------------------------------------------------------------

PRICE_TEXT = HEADER + "甲公司(9988.HK)股价收于$77.35。" + "\n广告：关注领50元"
PRICE_METRICS = {**METRICS, "revenue": dc_replace(METRICS["revenue"], allowed_units=("CNY", "USD", "HKD"))}


def next_line() -> str:
    """``test_dollar.py:N`` for the line after the caller's: where the next figure() is called."""
    return f"{HERE}:{sys._getframe(1).f_lineno + 1}"


def price(unit: str, implied: bool):
    return dict(entity="jia", metric="revenue", period="2024", scope="China", value=77.35, unit=unit,
                unit_implied=implied, note="HK$ is meant; USD (US$) is unlikely")


def _build(built, fig, out=None):
    src = make_source(built.root / "price", PRICE_TEXT)
    return built.build([fig], [], sources=[src], metrics=PRICE_METRICS, scan=scan, out=out)


def _refused(built, fig) -> str:
    with pytest.raises(BuildError) as info:
        _build(built, fig)
    return "\n".join(info.value.errors)


def test_a_declared_dollar_for_a_bare_dollar_needs_unit_implied(built):
    at = next_line()
    msg = _refused(built, figure("甲公司(9988.HK)股价收于$77.35", "$77.35", **price("HKD", False)))
    assert (f"{at}: the text writes a bare '$', which does not say whose dollar; set unit_implied=True "
            f"to read it as 'HKD' from context") in msg
    assert 'parsed "$77.35" as 77.35 dollar exact' in msg


@pytest.mark.parametrize("unit,expected", [
    ("CNY", "unit mismatch: a bare '$' is a dollar"),
    (DOLLAR, "unit 'dollar' is the scanner's reading of a bare '$', not a currency"),
])
def test_a_bare_dollar_is_not_any_currency(built, unit, expected):
    at = next_line()
    msg = _refused(built, figure("甲公司(9988.HK)股价收于$77.35", "$77.35", **price(unit, True)))
    assert f"{at}: {expected}" in msg


def test_a_currency_read_from_context_is_recorded(built):
    report = _build(built, figure("甲公司(9988.HK)股价收于$77.35", "$77.35", **price("HKD", True)),
                    out=built.root / "other")
    row = next(iter(report.results.values())).figures[0]
    assert (row["unit"], row["unit_implied"]) == ("HKD", True)


# -- the analysis tables -----------------------------------------------------------

def test_currency_doubt_is_a_currency_read_from_context():
    f = pd.DataFrame({"unit": ["HKD", "USD", "HKD", "CNY", "CNY", "persons"],
                      "unit_implied": [True, False, False, True, False, True],
                      "value_text": ["$77.35", "US$5亿", "HK$100", "9000亿", "约1200亿元", "7.5亿"]})
    assert currency_doubt(f).tolist() == [True, False, False, True, False, False]


def test_shipped_bare_dollar_prices_are_flagged():
    """Every shipped figure whose mention is a bare $ has a dollar currency read from context."""
    import ai_consumer_metrics as acm

    figs = acm.load("figures")
    bare = figs[figs.value_text.map(lambda t: any(m.unit == DOLLAR for m in scan(t)))]
    assert len(bare) > 0
    assert bare.unit.isin(DOLLAR_CURRENCIES).all() and bare.unit_implied.all()
    ids = set(bare.figure_id)
    flagged = pd.concat([acm.load(t)[lambda d: d.currency_doubt] for t in ("financials", "other_figures")])
    assert ids <= set(flagged.figure_id)
