"""Fuzzing ``extract.scanner.scan`` with hypothesis, beyond test_figures_properties.py.

That file fuzzes 400-character windows and bare sentences; this one fuzzes what
the archive actually holds and what unseen articles will: whole articles with
edits anywhere, the same text in full-width characters or in traditional script,
and a figure rendered in every form the scanner supports (Arabic, grouped,
full-width digits, Chinese numerals, 两/兩, 萬/億, financial capitals, mixed
``1.55亿``) placed inside real article sentences.

The contract checked on every example (:func:`check_contract`): no exception;
every mention's ``text == source[start:end]``; mentions sorted and non-overlapping;
kind, unit and qualifier from the documented sets; ``value`` typed by kind.
Runs in about 15 s (``max_examples`` per test below).
"""
from __future__ import annotations

import math
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.scanner import KINDS, QUALIFIERS, UNITS, scan

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789%.,+-~:()$"}


def check_contract(source: str) -> list:
    """Scan ``source`` and assert the scanner's contract; return the mentions."""
    mentions = scan(source)
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(source), m
        assert source[m.start:m.end] == m.text, m
        assert m.start >= last_end, f"overlapping or unsorted: {m} after end {last_end}"
        last_end = m.end
        assert m.kind in KINDS and m.unit in UNITS and m.qualifier in QUALIFIERS, m
        if m.kind == "quantity":
            assert isinstance(m.value, float) and math.isfinite(m.value), m
        elif m.kind == "range":
            low, high = m.value
            assert math.isfinite(low) and math.isfinite(high) and low < high, m
        else:
            # design.md says float or None; a duration range (三到五年) carries (low, high): reported.
            assert m.value is None or isinstance(m.value, float) or (
                isinstance(m.value, tuple) and len(m.value) == 2 and m.value[0] < m.value[1]), m
        assert set(m.as_dict()) == {"text", "start", "end", "value", "unit", "qualifier", "kind"}
    return mentions


def signature(mentions) -> list[tuple]:
    return [(m.start, m.end, m.kind, m.value, m.unit, m.qualifier) for m in mentions]


# ---------------------------------------------------------------- arbitrary text

# Characters the scanner treats specially, plus ones that change length under Unicode
# normalisation (ligatures, combining marks, the Kelvin sign, astral CJK) to stress the offset map.
_TRICKY = ("0123456789０１２３４５６７８９一二两兩三四五六七八九十百千万亿萬億零〇壹贰叁肆伍陆柒捌玖拾佰仟"
           "点.．,，、%％‰-~～—至到约近超逾多余左右以上+＋年月日季度个家人元亿美港$¥￥[]【】()（）"
           "ﬁ\u0301\u200b\u3000\ufeff\u212a𠀀\U0001f600\n\r\t ")


@QUICK
@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=120))
def test_arbitrary_unicode_keeps_the_contract(text):
    check_contract(text)


# ---------------------------------------------------------------- real articles, edited


@st.composite
def edited_article(draw):
    text = draw(st.sampled_from(ARTICLES))
    for _ in range(draw(st.integers(1, 12))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "fullwidth", "traditional"]))
        piece = draw(st.text(alphabet=st.sampled_from(_TRICKY), min_size=1, max_size=5))
        if op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + len(piece):]
        elif op == "replace":
            text = text[:i] + piece + text[i + len(piece):]
        elif op == "fullwidth":
            j = i + draw(st.integers(1, 200))
            text = text[:i] + "".join(_FULLWIDTH.get(c, c) for c in text[i:j]) + text[j:]
        else:
            j = i + draw(st.integers(1, 200))
            text = text[:i] + _to_traditional(text[i:j]) + text[j:]
    return text


_S2T = None


def _to_traditional(text: str) -> str:
    global _S2T
    if _S2T is None:
        import opencc

        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


@FAST
@given(edited_article())
def test_whole_articles_with_random_edits_keep_the_contract(text):
    check_contract(text)


# ---------------------------------------------------------------- same text, other script/width


@st.composite
def article_window(draw, size=600):
    text = draw(st.sampled_from(ARTICLES))
    start = draw(st.integers(0, max(0, len(text) - size)))
    # Start and end at a line break so no window cuts a figure in half.
    start = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start + size)
    return text[start:] if end == -1 else text[start:end]


@FAST
@given(article_window())
def test_fullwidth_text_reads_the_same(window):
    wide = "".join(_FULLWIDTH.get(c, c) for c in window)
    assert signature(check_contract(wide)) == signature(check_contract(window))


@FAST
@given(article_window())
def test_traditional_text_reads_the_same(window):
    trad = _to_traditional(window)
    if len(trad) != len(window):  # a phrase-level conversion changed the length: offsets differ by design
        return
    assert signature(check_contract(trad)) == signature(check_contract(window))


# ---------------------------------------------------------------- numbers in every form

_LOWER = "零一二三四五六七八九"
_FINANCIAL = "零壹贰叁肆伍陆柒捌玖"


def chinese(n: int, digits: str = _LOWER, marks=("十", "百", "千"), wan="万", yi="亿") -> str:
    """0 <= n < 10^12 in Chinese numerals, written independently of the scanner."""
    def section(k: int) -> str:
        out, zero = "", False
        for place, mark in ((1000, marks[2]), (100, marks[1]), (10, marks[0]), (1, "")):
            d = k // place % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += digits[0]
                zero = False
            out += digits[d] + mark
        return out

    if n == 0:
        return digits[0]
    hi, rest = divmod(n, 10**8)
    mid, low = divmod(rest, 10**4)
    s = section(hi) + yi if hi else ""
    if mid:
        s += (digits[0] if s and mid < 1000 else "") + section(mid) + wan
    if low:
        s += (digits[0] if s and low < 1000 else "") + section(low)
    return s


def render(n: int, form: str) -> str:
    if form == "arabic":
        return str(n)
    if form == "grouped":
        return f"{n:,}"
    if form == "fullwidth":
        return "".join(_FULLWIDTH[c] for c in f"{n:,}")
    if form == "chinese":
        return chinese(n)
    if form == "traditional":
        return chinese(n, wan="萬", yi="億")
    if form == "financial":
        return chinese(n, digits=_FINANCIAL, marks=("拾", "佰", "仟"))
    if form == "mixed":  # 1.55亿 / 320万: the way business prose writes big numbers
        if n >= 10**8 and n % 10**6 == 0:
            return f"{n / 10**8:g}亿"
        if n >= 10**4 and n % 100 == 0:
            return f"{n / 10**4:g}万"
        return str(n)
    raise AssertionError(form)


FORMS = ["arabic", "grouped", "fullwidth", "chinese", "traditional", "financial", "mixed"]
amounts = st.one_of(st.integers(1, 10**6), st.integers(1, 10**4).map(lambda k: k * 10**6),
                    st.integers(1, 99).map(lambda k: k * 10**4))


@st.composite
def sentence_slot(draw):
    """A position right after a full stop in a real article: a figure placed there starts a sentence."""
    text = draw(st.sampled_from(ARTICLES))
    stops = [i + 1 for i, c in enumerate(text) if c == "。"]
    at = draw(st.sampled_from(stops))
    return text[max(0, at - 300):at], text[at:at + 300]


@QUICK
@given(amounts, st.sampled_from(FORMS), sentence_slot())
def test_an_amount_in_any_form_reads_back_inside_an_article(n, form, slot):
    before, after = slot
    figure = render(n, form) + "元"
    text = f"{before}该公司营收{figure}。{after}"
    start = len(before) + len("该公司营收")
    hits = [m for m in check_contract(text) if (m.start, m.end) == (start, start + len(figure))]
    assert len(hits) == 1, ([m.describe() for m in scan(text) if m.end > start - 5][:3], figure)
    m = hits[0]
    assert m.kind == "quantity" and m.unit == "CNY" and m.qualifier == "exact"
    assert math.isclose(m.value, n, rel_tol=1e-12), (figure, m.value)


@QUICK
@given(st.integers(1, 9999), st.sampled_from([("%", 1), ("％", 1), ("个百分点", 1)]),
       st.sampled_from(["arabic", "decimal", "fullwidth"]), sentence_slot())
def test_a_percentage_in_any_form_reads_back_inside_an_article(k, mark, form, slot):
    before, after = slot
    word, _ = mark
    number = {"arabic": str(k % 100 or 1), "decimal": f"{k / 100:g}",
              "fullwidth": "".join(_FULLWIDTH.get(c, c) for c in f"{k / 100:g}")}[form]
    expected = float({"arabic": str(k % 100 or 1), "decimal": f"{k / 100:g}", "fullwidth": f"{k / 100:g}"}[form])
    figure = number + word
    text = f"{before}市场份额提升{figure}。{after}"
    start = len(before) + len("市场份额提升")
    hits = [m for m in check_contract(text) if (m.start, m.end) == (start, start + len(figure))]
    assert len(hits) == 1, ([m.describe() for m in scan(text) if m.end > start - 5][:3], figure)
    unit = "percentage_points" if word == "个百分点" else "percent"
    assert hits[0].unit == unit and math.isclose(hits[0].value, expected, rel_tol=1e-12)


# ---------------------------------------------------------------- numerals, units, qualifiers, list marks

# The pieces a number is written with, in both scripts, and the punctuation of lists around
# them: any sequence of these must scan without an exception (（三五十）, 一二十、这是列表,
# 4万3000, 十二兆三千億, 三块五毛, 5又四分之三 …).
_PIECES = (
    list("零〇一二两兩三四五六七八九十百千万萬亿億兆壹贰貳叁參肆伍陆陸柒捌玖拾佰仟参点點又负負")
    + list("0123456789０１２３４５６７８９.,，%％‰+-~～")
    + ["分之", "百分之", "万分之", "元", "块", "塊", "角", "毛", "分", "便士", "英镑", "美元", "日元", "瑞士法郎",
       "$", "¥", "折", "打", "对折", "半价", "家", "人", "个", "斤", "双", "倍", "成", "年", "月", "日", "季度"]
    + ["约", "近", "超过", "逾", "不到", "多", "余", "来", "几", "左右", "以上", "以下", "级", "半", "数", "上"]
    + ["、", "（", "）", "(", ")", "\n", "。", "；", "：", "第", "商户", "股票代码", "代码：", " ", "\t"]
)


@QUICK
@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join))
def test_numeral_soup_with_list_punctuation_keeps_the_contract(text):
    check_contract(text)


@FAST
@given(st.text(alphabet="零一二三四五六七八九十百千两", min_size=1, max_size=3),
       st.sampled_from(["{}、", "\n{}、内容", "{}.", "（{}）", "({})", "第{}、", "{}、这是列表"]))
def test_list_marks_of_any_numerals_keep_the_contract(numeral, form):
    check_contract(form.format(numeral))
