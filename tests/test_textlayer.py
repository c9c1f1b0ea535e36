"""The text layer: what it normalises, what it keeps, and that its offset map is exact."""
from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.textlayer import TextLayer, _find_glosses, _normalize_with, normalize

_TONE = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
SOURCES = sorted((Path(__file__).resolve().parents[1] / "data" / "sources").glob("*.txt"))


def _seed_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_bytes().decode("utf-8")) for p in SOURCES]


# --- what is normalised -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("構(gòu)", "构"),
        ("內(nèi)容", "内容"),
        ("數(shù)據(jù)", "数据"),
        ("阿里想靠AI重構(gòu)阿里", "阿里想靠AI重构阿里"),
        ("重構（gòu）", "重构"),  # full-width parentheses
        ("重構（gòu)", "重构"),  # mixed widths
        ("數據(shù jù)顯示", "数据显示"),  # one gloss for a two-syllable word
        ("嗯(ń)", "嗯"),
        ("綠(lu\u0308\u0300)", "绿"),  # combining diaeresis + combining grave
        ("市場占有率高達83.6％", "市场占有率高达83.6%"),
        ("１２３，４５６。", "123,456。"),
        ("（職級P11）", "(职级P11)"),
        ("人民幣￥１００", "人民币¥100"),
        ("7\u00a0亿\u3000元\u202f整", "7 亿 元 整"),
        ("萬億", "万亿"),
        ("5.8億", "5.8亿"),
        ("", ""),
        ("plain ASCII (gòu) stays", "plain ASCII (gòu) stays"),
    ],
)
def test_normalized_form(text, expected):
    assert normalize(text).normalized == expected


@pytest.mark.parametrize(
    "text",
    [
        "壹览商业(yilanshangye)",  # no tone mark: a handle, not a gloss
        "數(shu)",  # toneless: kept on purpose (could be a name or abbreviation)
        "岱宗(職級P11)",
        "鏈接(https://mp.weixin.qq.com/s/abc)",
        "AI(gòu)",  # not after a CJK character
        "構 (gòu)",  # not directly after
        "構(gòu",  # unclosed
        "構(GDP)",
        "構()",
    ],
)
def test_other_parentheses_are_kept(text):
    layer = normalize(text)
    assert "(" in layer.normalized and len(layer.normalized) == len(text)


def test_003_has_no_pinyin_left_and_keeps_its_parentheses():
    text = next(t for name, t in _seed_texts() if "liuhai" in name)
    layer = normalize(text)
    assert "(gòu)" in text and not _TONE.search(layer.normalized)
    assert "(职级P11)" in layer.normalized and "电商(远场)与外卖(近场)" in layer.normalized
    assert "阿里想靠AI重构阿里" in layer.normalized
    assert "数据显示" in layer.normalized and "高达83.6%" in layer.normalized
    assert sum(e - s for s, e in _find_glosses(text)) == len(text) - len(layer.normalized)


def test_000_keeps_the_handle_in_parentheses():
    text = next(t for name, t in _seed_texts() if "yilan" in name)
    assert "壹览商业(yilanshangye)" in normalize(text).normalized


def test_length_preserved_without_glosses():
    text = "淘寶天貓，２０２４年ＧＭＶ\u3000超過１萬億元（約）"
    layer = normalize(text)
    assert len(layer.normalized) == len(text)
    assert layer.to_original(3, 10) == (3, 10)
    assert layer.normalized == "淘宝天猫,2024年GMV 超过1万亿元(约)"


def test_ascii_text_does_not_load_opencc():
    code = (
        "import sys\n"
        "from extract.textlayer import normalize\n"
        "assert normalize('GMV 1,200 (approx)').normalized == 'GMV 1,200 (approx)'\n"
        "assert 'opencc' not in sys.modules, 'opencc imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


def test_bad_input_and_bad_spans():
    layer = normalize("數(shù)據(jù)")
    with pytest.raises(TypeError):
        normalize(b"abc")  # type: ignore[arg-type]
    for span in [(-1, 1), (2, 1), (0, 3)]:
        with pytest.raises(ValueError, match="not within the normalized text"):
            layer.to_original(*span)
    with pytest.raises(ValueError, match="not within the original text"):
        layer.to_normalized(0, 99)
    with pytest.raises(AttributeError):
        layer.normalized = "x"  # type: ignore[misc]


# --- the offset map ------------------------------------------------------------------


def test_glosses_at_the_edges_are_excluded_inside_included():
    text = "重構(gòu)阿里"
    layer = normalize(text)
    assert layer.normalized == "重构阿里"
    assert text[slice(*layer.to_original(0, 2))] == "重構"
    assert text[slice(*layer.to_original(2, 4))] == "阿里"
    assert text[slice(*layer.to_original(1, 3))] == "構(gòu)阿"
    assert layer.to_normalized(2, 8) == (2, 3)  # starts inside the gloss
    assert layer.to_normalized(2, 7) == (2, 2)  # all gloss: empty, at its place
    assert layer.to_original(2, 2) == (2, 2)  # empty span: just after 構


def _check_span(layer: TextLayer, s: int, e: int, norm=lambda t: normalize(t).normalized) -> None:
    o_s, o_e = layer.to_original(s, e)
    piece = layer.original[o_s:o_e]
    assert 0 <= o_s <= o_e <= len(layer.original)
    assert norm(piece) == layer.normalized[s:e], (s, e, o_s, o_e, piece)
    if e > s:
        # minimal: one character less at either end produces something else
        assert norm(piece[1:]) != layer.normalized[s:e]
        assert norm(piece[:-1]) != layer.normalized[s:e]
        assert layer.to_normalized(o_s, o_e) == (s, e)


def _check_original_span(layer: TextLayer, a: int, b: int) -> None:
    """An original span not cutting a gloss normalises to the span it maps to."""
    s, e = layer.to_normalized(a, b)
    assert layer.normalized[s:e] == normalize(layer.original[a:b]).normalized
    if e > s:
        o_s, o_e = layer.to_original(s, e)
        assert a <= o_s and o_e <= b


def _cuts_gloss(glosses, a, b):
    """Whether [a, b) splits a gloss or separates it from the character it glosses."""
    return any(gs - 1 < a < ge or gs < b < ge for gs, ge in glosses)


@pytest.mark.parametrize("name, text", _seed_texts(), ids=[p.stem for p in SOURCES])
def test_every_seed_span_maps_back_exactly(name, text):
    layer = normalize(text)
    n = len(layer.normalized)
    for i in range(n):  # every character
        _check_span(layer, i, i + 1)
    rng = random.Random(name)
    for _ in range(400):
        s = rng.randrange(n + 1)
        _check_span(layer, s, min(n, s + rng.randrange(60)))
    glosses = _find_glosses(text)
    for _ in range(400):
        a = rng.randrange(len(text) + 1)
        b = min(len(text), a + rng.randrange(60))
        if not _cuts_gloss(glosses, a, b):
            _check_original_span(layer, a, b)


def test_seed_spans_around_every_gloss():
    text = next(t for name, t in _seed_texts() if "liuhai" in name)
    layer = normalize(text)
    for gs, ge in _find_glosses(text):
        s, e = layer.to_normalized(gs - 1, ge + 1)  # 構(gòu)阿 → 构阿
        assert e - s == 2
        assert layer.to_original(s, e) == (gs - 1, ge + 1)
        assert layer.to_original(s, s + 1) == (gs - 1, gs)  # gloss at the end: out
        assert layer.to_original(s + 1, e) == (ge, ge + 1)  # gloss at the start: out


# Generated text: traditional and simplified characters, glosses (real and false),
# full-width forms, odd spaces, parentheses of both widths, and arbitrary Unicode.
_TOKENS = [
    "構(gòu)", "內(nèi)", "數(shù)", "據(jù)", "業(yè)（yè）", "網(wǎng)(wǎng）", "數據(shù jù)", "(gòu)", "（gòu）",
    "(yilanshangye)", "(職級P11)", "(shu)", "(https://a.b/c)", "(", ")", "（", "）",
    "萬", "億", "兩", "億元", "乾", "著", "於", "臺", "發", "髮", "后", "後",
    "１", "２", "０", "％", "，", "．", "＋", "￥", "Ａ", "\u3000", "\u00a0", "\u202f",
    "阿里", "电商", "1,200", "7 亿", "3.5", "%", "ā", "ǚ", "gòu", "a", " ", "\n",
    "\U00020000", "\u0301", "〇",
]
_text = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.characters(exclude_categories=("Cs",))), max_size=40
).map("".join)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=_text, data=st.data())
def test_generated_spans_map_back_exactly(text, data):
    layer = normalize(text)
    n = len(layer.normalized)
    s = data.draw(st.integers(0, n))
    e = data.draw(st.integers(s, n))
    _check_span(layer, s, e)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    if not _cuts_gloss(_find_glosses(text), a, b):
        _check_original_span(layer, a, b)


@settings(max_examples=200, deadline=None)
@given(text=_text)
def test_generated_every_single_character(text):
    layer = normalize(text)
    for i in range(len(layer.normalized)):
        _check_span(layer, i, i + 1)


# A converter whose characters expand or vanish (OpenCC 1.4.2 has none, a future
# dictionary might): such characters become atomic segments and the map stays exact.
_ODD_TABLE = {ord("A"): "xyz", ord("B"): "", ord("萬"): "万", ord("Ｃ"): "C"}


def _odd(t: str) -> str:
    return _normalize_with(t, _ODD_TABLE, one_to_one=False).normalized


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["A", "B", "萬", "Ｃ", "c", "構(gòu)", "(gòu)", "字"]), max_size=25).map("".join), data=st.data())
def test_expanding_and_vanishing_characters(text, data):
    layer = _normalize_with(text, _ODD_TABLE, one_to_one=False)
    assert layer.normalized == _odd(text)
    n = len(layer.normalized)
    s = data.draw(st.integers(0, n))
    e = data.draw(st.integers(s, n))
    if e == s:
        return
    o_s, o_e = layer.to_original(s, e)
    piece = _odd(text[o_s:o_e])
    # An expansion is atomic: a span touching part of "xyz" takes the whole "A".
    ns, ne = layer.to_normalized(o_s, o_e)
    assert ns <= s and e <= ne and piece == layer.normalized[ns:ne]
    if e > s and "xyz" not in layer.normalized[max(0, s - 2) : e + 2]:
        _check_span(layer, s, e, norm=_odd)


def test_expansion_example():
    layer = _normalize_with("1A2B3", _ODD_TABLE, one_to_one=False)
    assert layer.normalized == "1xyz23"
    assert layer.to_original(2, 3) == (1, 2)  # "y" comes from "A"
    assert layer.to_normalized(1, 2) == (1, 4)
    assert layer.to_original(5, 6) == (4, 5)  # "3"; the vanished "B" at the edge is out
    assert layer.to_original(4, 6) == (2, 5)  # "B" inside is in
