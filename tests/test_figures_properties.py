"""Property tests for the figure parser and scanner (hypothesis).

A number rendered as Arabic, with thousands separators, as Chinese numerals or in
the mixed form (``1.55亿``) reads back to itself; no text, however odd, makes the
scanner raise or report a span that is not the text it claims.
"""
from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.scanner import KINDS, QUALIFIERS, UNITS, parse_number, scan

SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_DIGITS = "零一二三四五六七八九"


def _cn_section(n: int) -> str:
    """1..9999 in Chinese, written out independently of the code under test."""
    out, zero = [], False
    for place, mark in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + mark)
    return "".join(out)


def cn_int(n: int) -> str:
    """A non-negative integer below 10^16 in standard Chinese numerals (一亿零五百万)."""
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    s = ""
    if yi:
        s += cn_int(yi) + "亿"
    if wan:
        if s and wan < 1000:
            s += "零"
        s += _cn_section(wan) + "万"
    if low:
        if s and low < 1000:
            s += "零"
        s += _cn_section(low)
    return s


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


integers = st.integers(min_value=0, max_value=10**12)
scales = st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("千", 10**3), ("百万", 10**6)])
decimals = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2)


@SETTINGS
@given(integers)
def test_arabic_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", "，")) == n


@SETTINGS
@given(integers)
def test_chinese_round_trip(n):
    assert parse_number(cn_int(n)) == n


@SETTINGS
@given(decimals, scales)
def test_mixed_round_trip(d, scale):
    word, factor = scale
    text = f"{d.normalize():f}{word}"
    assert close(parse_number(text), float(d * factor)), text


@SETTINGS
@given(st.integers(min_value=1, max_value=9999), st.sampled_from([("万", 10**4), ("亿", 10**8)]))
def test_chinese_with_scale_round_trip(n, scale):
    word, factor = scale
    assert parse_number(cn_int(n) + word) == n * factor


@SETTINGS
@given(integers, st.sampled_from(["arabic", "grouped", "chinese"]))
def test_scan_reads_a_rendered_amount(n, form):
    rendered = {"arabic": str(n), "grouped": f"{n:,}", "chinese": cn_int(n)}[form]
    text = f"公司营收{rendered}元。"
    ms = [m for m in scan(text) if m.is_figure]
    assert len(ms) == 1, [m.describe() for m in scan(text)]
    m = ms[0]
    assert m.text == f"{rendered}元" and m.unit == "CNY" and m.value == n


@SETTINGS
@given(decimals, st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
       st.sampled_from([("约", "approx"), ("超过", "at_least"), ("不到", "at_most"), ("", "exact")]))
def test_scan_reads_a_mixed_amount(d, scale, qual):
    word, factor = scale
    q, expected = qual
    num = f"{d.normalize():f}{word}"
    text = f"用户规模{q}{num}人，"
    ms = [m for m in scan(text) if m.is_figure]
    assert len(ms) == 1
    m = ms[0]
    assert m.text == f"{q}{num}人" and m.unit == "persons" and m.qualifier == expected
    assert close(m.value, float(d * factor))


@SETTINGS
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=10, max_value=999),
       st.sampled_from(["万", "萬", "千", "亿", "億"]), st.sampled_from(["家", "人", "元", "个"]))
def test_digits_short_of_the_places_are_two_numbers(a, b, scale, unit):
    """A scale followed by digits that neither fill its places nor are one digit: two figures, none lost."""
    if scale == "千" and b >= 100:
        b //= 10  # 3千500 fills the places below 千: one number
    text = f"新增{a}{scale}{b}{unit}，"
    assert [m.text for m in scan(text) if m.is_figure] == [f"{a}{scale}", f"{b}{unit}"], text


@SETTINGS
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=9),
       st.integers(min_value=0, max_value=9), st.booleans(), st.sampled_from(["元", "人", ""]))
def test_a_run_of_place_values_after_digits_is_one_number(a, b, c, traditional, unit):
    """5亿2千万元, 1亿2千5百万: digits and place values alternate, the last place a run (千万, 百万)."""
    text = f"{a}亿{b}千{c}百万{unit}" if c else f"{a}亿{b}千万{unit}"
    value = a * 10**8 + b * 10**7 + c * 10**6
    sentence = f"全年新增{text}，"
    if traditional:
        sentence = sentence.replace("亿", "億").replace("万", "萬")
    ms = [m for m in scan(sentence) if m.is_figure]
    assert [m.value for m in ms] == [value], sentence


@SETTINGS
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1000, max_value=9999))
def test_thousands_separators_after_a_place_value(a, b):
    """1億2,000萬: the digits after 亿 keep their separator and fill the places down to 万."""
    sentence = f"營收{a}億{b:,}萬元，"
    ms = [m for m in scan(sentence) if m.is_figure]
    assert [(m.text, m.value) for m in ms] == [(f"{a}億{b:,}萬元", a * 10**8 + b * 10**4)], sentence


def _check_spans(text: str) -> None:
    ms = scan(text)
    last = 0
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last
        last = m.end
        assert m.kind in KINDS and m.unit in UNITS and m.qualifier in QUALIFIERS
        if m.kind == "range":
            assert isinstance(m.value, tuple) and m.value[0] < m.value[1]
        m.as_dict()
        m.describe()


@SETTINGS
@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    _check_spans(text)


_ALPHABET = st.sampled_from(list("0123456789一二两三四五六七八九十百千万亿萬億兩零点.,，%％-~至到约超近多余+年月日个家人元$¥[]()（）(gòu) \n第半翻双"))


@SETTINGS
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_number_soup_never_raises(text):
    _check_spans(text)


def _bodies() -> list[str]:
    root = Path(__file__).resolve().parents[1] / "data" / "sources"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))]
    if not texts:
        seeds = Path("/work/shared/seeds")
        texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    return texts


BODIES = _bodies()


@SETTINGS
@given(st.data())
def test_edited_articles_never_raise(data):
    if not BODIES:
        return
    text = data.draw(st.sampled_from(BODIES))
    start = data.draw(st.integers(0, max(0, len(text) - 400)))
    piece = text[start:start + 400]
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(piece)))
        op = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        s = data.draw(st.text(alphabet=_ALPHABET, min_size=1, max_size=4) | st.text(min_size=1, max_size=3))
        if op == "insert":
            piece = piece[:i] + s + piece[i:]
        elif op == "delete":
            piece = piece[:i] + piece[i + len(s):]
        else:
            piece = piece[:i] + s + piece[i + len(s):]
    _check_spans(piece)
