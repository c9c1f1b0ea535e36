"""The Chinese figure scanner: forms one at a time, then every archived source read by hand."""
from __future__ import annotations

import json
import math

import pytest

from extract.scanner import FIGURE_KINDS, KINDS, QUALIFIERS, UNITS, Mention, parse_number, scan
from extract.sources import read_source


def one(text: str) -> Mention:
    ms = scan(text)
    assert len(ms) == 1, f"{text!r} gave {[m.describe() for m in ms]}"
    return ms[0]


def close(a, b) -> bool:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return isinstance(a, tuple) and isinstance(b, tuple) and all(close(x, y) for x, y in zip(a, b))
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# --------------------------------------------------------------------------- #
# parse_number
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("s, value", [
    ("1.55亿", 155_000_000), ("211.9亿", 21_190_000_000), ("3万亿", 3e12), ("7 亿", 7e8),
    ("1,200", 1200), ("1，200", 1200), ("1,234,567.5", 1234567.5), ("１２", 12),
    ("一千二百", 1200), ("两", 2), ("十二万", 120_000), ("三千八百亿", 3.8e11), ("零", 0),
    ("十", 10), ("二十", 20), ("一百零八", 108), ("一千零五", 1005), ("一万二", 12_000),
    ("三百五", 350), ("一亿二千万", 1.2e8), ("三点五亿", 3.5e8), ("十二萬", 120_000), ("5.8億", 5.8e8),
    ("壹佰贰拾", 120), ("二〇二四", 2024), ("百万", 1e6), ("万亿", 1e12), ("-3.2", -3.2), ("负5", -5),
])
def test_parse_number(s, value):
    assert close(parse_number(s), value)


@pytest.mark.parametrize("s", ["", "千问", "3二", "十百", "万万", "abc", "1.2.3", "点"])
def test_parse_number_rejects(s):
    with pytest.raises(ValueError):
        parse_number(s)


# --------------------------------------------------------------------------- #
# Single forms: (input, mention text, value, unit, qualifier, kind)
# --------------------------------------------------------------------------- #

FORMS = [
    # Arabic, separators, scales
    ("1,200亿元", "1,200亿元", 1.2e11, "CNY", "exact", "quantity"),
    ("1，200亿元", "1，200亿元", 1.2e11, "CNY", "exact", "quantity"),
    ("有7 亿用户", "7 亿用户", 7e8, "persons", "exact", "quantity"),
    ("5.8億", "5.8億", 5.8e8, "", "exact", "quantity"),
    ("7.5亿", "7.5亿", 7.5e8, "", "exact", "quantity"),
    ("211.9亿元", "211.9亿元", 2.119e10, "CNY", "exact", "quantity"),
    ("3万亿", "3万亿", 3e12, "", "exact", "quantity"),
    ("营收１２３亿元", "１２３亿元", 1.23e10, "CNY", "exact", "quantity"),
    # Chinese numerals
    ("一千二百", "一千二百", 1200, "", "exact", "quantity"),
    ("十二万", "十二万", 120_000, "", "exact", "quantity"),
    ("三千八百亿", "三千八百亿", 3.8e11, "", "exact", "quantity"),
    ("三点五亿", "三点五亿", 3.5e8, "", "exact", "quantity"),
    ("一亿", "一亿", 1e8, "", "exact", "quantity"),
    # bare scales after a qualifier
    ("月活、日活均破亿", "破亿", 1e8, "", "at_least", "quantity"),
    ("突破了万亿大关", "突破了万亿", 1e12, "", "at_least", "quantity"),
    ("近百家医院", "近百家", 100, "establishments", "approx", "quantity"),
    ("售出上万件", "上万件", 10_000, "pieces", "at_least", "quantity"),
    ("逾千家", "逾千家", 1000, "establishments", "at_least", "quantity"),
    ("百余家", "百余家", 100, "establishments", "at_least", "quantity"),
    ("数亿规模", "数亿", 1e8, "", "at_least", "quantity"),
    ("数十亿元", "数十亿元", 1e9, "CNY", "at_least", "quantity"),
    ("几十万人", "几十万人", 1e5, "persons", "at_least", "quantity"),
    ("十几亿", "十几亿", 1e9, "", "at_least", "quantity"),
    ("两百多万", "两百多万", 2e6, "", "at_least", "quantity"),
    # money
    ("$77.35", "$77.35", 77.35, "dollar", "exact", "quantity"),  # a bare $: whose dollar, the context says
    ("US$5亿", "US$5亿", 5e8, "USD", "exact", "quantity"),
    ("HK$100", "HK$100", 100, "HKD", "exact", "quantity"),
    ("100港元", "100港元", 100, "HKD", "exact", "quantity"),
    ("200港币", "200港币", 200, "HKD", "exact", "quantity"),
    ("50亿美元", "50亿美元", 5e9, "USD", "exact", "quantity"),
    ("3亿美金", "3亿美金", 3e8, "USD", "exact", "quantity"),
    ("人民币100亿元", "人民币100亿元", 1e10, "CNY", "exact", "quantity"),
    ("100亿元人民币", "100亿元人民币", 1e10, "CNY", "exact", "quantity"),
    ("￥100", "￥100", 100, "CNY", "exact", "quantity"),
    ("RMB100", "RMB100", 100, "CNY", "exact", "quantity"),
    ("20元优惠券", "20元", 20, "CNY", "exact", "quantity"),
    ("1000日元", "1000日元", 1000, "JPY", "exact", "quantity"),
    ("30欧元", "30欧元", 30, "EUR", "exact", "quantity"),
    # percent and relatives
    ("35.8%的份额", "35.8%", 35.8, "percent", "exact", "quantity"),
    ("增长12％", "12％", 12, "percent", "exact", "quantity"),
    ("百分之三十", "百分之三十", 30, "percent", "exact", "quantity"),
    ("百分之3.5", "百分之3.5", 3.5, "percent", "exact", "quantity"),
    ("8.1个百分点", "8.1个百分点", 8.1, "percentage_points", "exact", "quantity"),
    ("两个百分点", "两个百分点", 2, "percentage_points", "exact", "quantity"),
    ("六成", "六成", 60, "percent", "exact", "quantity"),
    ("近三成", "近三成", 30, "percent", "approx", "quantity"),
    ("三分之二", "三分之二", 200 / 3, "percent", "exact", "quantity"),
    ("超过三分之一", "超过三分之一", 100 / 3, "percent", "at_least", "quantity"),
    ("千分之五", "千分之五", 0.5, "percent", "exact", "quantity"),
    ("5‰", "5‰", 0.5, "percent", "exact", "quantity"),
    ("一半", "一半", 50, "percent", "exact", "quantity"),
    ("过半", "过半", 50, "percent", "at_least", "quantity"),
    ("超过半数", "超过半数", 50, "percent", "at_least", "quantity"),
    ("18倍", "18倍", 18, "multiple", "exact", "quantity"),
    ("增长一倍", "一倍", 1, "multiple", "exact", "quantity"),
    ("2.5x", "2.5x", 2.5, "multiple", "exact", "quantity"),
    ("翻倍", "翻倍", 2, "multiple", "exact", "quantity"),
    ("翻了一番", "翻了一番", 2, "multiple", "exact", "quantity"),
    ("翻两番", "翻两番", 4, "multiple", "exact", "quantity"),
    ("每周点餐3.2次", "3.2次", 3.2, "times", "exact", "quantity"),
    ("同比-3.2%", "-3.2%", -3.2, "percent", "exact", "quantity"),
    ("三位数增长", "三位数", 100, "percent", "at_least", "quantity"),
    ("两位数增长", "两位数", 10, "percent", "at_least", "quantity"),
    ("个位数", "个位数", 9, "", "at_most", "quantity"),
    # counts
    ("1200万用户", "1200万用户", 1.2e7, "persons", "exact", "quantity"),
    ("200万名用户", "200万名用户", 2e6, "persons", "exact", "quantity"),
    ("5.3亿人", "5.3亿人", 5.3e8, "persons", "exact", "quantity"),
    ("超12萬員工", "超12萬員工", 120_000, "persons", "at_least", "quantity"),
    ("150万人次", "150万人次", 1.5e6, "person_times", "exact", "quantity"),
    ("13000家企业", "13000家", 13_000, "establishments", "exact", "quantity"),
    ("427万商家", "427万商家", 4.27e6, "establishments", "exact", "quantity"),
    ("41项权益", "41项", 41, "items", "exact", "quantity"),
    ("248万单", "248万单", 2.48e6, "orders", "exact", "quantity"),
    ("1000笔交易", "1000笔", 1000, "orders", "exact", "quantity"),
    ("31个省级", "31个", 31, "units", "exact", "quantity"),
    ("3678字", "3678字", 3678, "units", "exact", "quantity"),
    ("两家兄弟公司", "两家", 2, "establishments", "exact", "quantity"),
    ("三个核心方向", "三个", 3, "units", "exact", "quantity"),
    ("六大业务", "六大", 6, "units", "exact", "quantity"),
    ("两位最高领导", "两位", 2, "persons", "exact", "quantity"),
    ("两三家", "两三家", (2, 3), "establishments", "exact", "range"),
    # qualifiers
    ("超过200亿", "超过200亿", 2e10, "", "at_least", "quantity"),
    ("约1200亿元", "约1200亿元", 1.2e11, "CNY", "approx", "quantity"),
    ("大约3%", "大约3%", 3, "percent", "approx", "quantity"),
    ("将近5万", "将近5万", 5e4, "", "approx", "quantity"),
    ("接近2亿", "接近2亿", 2e8, "", "approx", "quantity"),
    ("1200亿元左右", "1200亿元左右", 1.2e11, "CNY", "approx", "quantity"),
    ("5万上下", "5万上下", 5e4, "", "approx", "quantity"),
    ("400多项", "400多项", 400, "items", "at_least", "quantity"),
    ("30余家", "30余家", 30, "establishments", "at_least", "quantity"),
    ("18+项", "18+项", 18, "items", "at_least", "quantity"),
    ("逾30%", "逾30%", 30, "percent", "at_least", "quantity"),
    ("1000家以上", "1000家以上", 1000, "establishments", "at_least", "quantity"),
    ("至少5家", "至少5家", 5, "establishments", "at_least", "quantity"),
    ("不少于100家", "不少于100家", 100, "establishments", "at_least", "quantity"),
    ("突破100万", "突破100万", 1e6, "", "at_least", "quantity"),
    ("不到10%", "不到10%", 10, "percent", "at_most", "quantity"),
    ("不足百人", "不足百人", 100, "persons", "at_most", "quantity"),
    ("10%以下", "10%以下", 10, "percent", "at_most", "quantity"),
    ("至多3家", "至多3家", 3, "establishments", "at_most", "quantity"),
    ("最多3次", "最多3次", 3, "times", "at_most", "quantity"),
    ("可达500万", "可达500万", 5e6, "", "at_most", "quantity"),
    ("5000元以内", "5000元以内", 5000, "CNY", "at_most", "quantity"),
    ("高达83.6%", "83.6%", 83.6, "percent", "exact", "quantity"),
    ("仅275万", "275万", 2.75e6, "", "exact", "quantity"),
    ("达到3%", "3%", 3, "percent", "exact", "quantity"),
    # ranges
    ("3-5亿", "3-5亿", (3e8, 5e8), "", "exact", "range"),
    ("3~5亿", "3~5亿", (3e8, 5e8), "", "exact", "range"),
    ("3～5亿", "3～5亿", (3e8, 5e8), "", "exact", "range"),
    ("3至5亿", "3至5亿", (3e8, 5e8), "", "exact", "range"),
    ("3到5亿元", "3到5亿元", (3e8, 5e8), "CNY", "exact", "range"),
    ("3亿-5亿元", "3亿-5亿元", (3e8, 5e8), "CNY", "exact", "range"),
    ("30%-40%", "30%-40%", (30, 40), "percent", "exact", "range"),
    ("30-40%", "30-40%", (30, 40), "percent", "exact", "range"),
    ("约3-5亿", "约3-5亿", (3e8, 5e8), "", "approx", "range"),
    ("6~500个字", "6~500个", (6, 500), "units", "exact", "range"),
    # durations
    ("六个季度", "六个季度", 6, "quarters", "exact", "duration"),
    ("16个月", "16个月", 16, "months", "exact", "duration"),
    ("48小时", "48小时", 48, "hours", "exact", "duration"),
    ("30秒", "30秒", 30, "seconds", "exact", "duration"),
    ("8分钟", "8分钟", 8, "minutes", "exact", "duration"),
    ("30天", "30天", 30, "days", "exact", "duration"),
    ("两周", "两周", 2, "weeks", "exact", "duration"),
    ("十年", "十年", 10, "years", "exact", "duration"),
    ("两年半", "两年半", 2.5, "years", "exact", "duration"),
    ("半年", "半年", 0.5, "years", "exact", "duration"),
    ("一年多", "一年多", 1, "years", "at_least", "duration"),
    ("两个多月", "两个多月", 2, "months", "at_least", "duration"),
    ("近两月", "近两月", 2, "months", "approx", "duration"),
    ("三到五年", "三到五年", (3, 5), "years", "exact", "duration"),
    ("三五年", "三五年", (3, 5), "years", "exact", "duration"),
    ("20日均线", "20日", 20, "days", "exact", "duration"),
]


@pytest.mark.parametrize("source, text, value, unit, qualifier, kind", FORMS, ids=[f[0] for f in FORMS])
def test_form(source, text, value, unit, qualifier, kind):
    m = one(source)
    assert (m.text, m.unit, m.qualifier, m.kind) == (text, unit, qualifier, kind), m.describe()
    assert close(m.value, tuple(float(v) for v in value) if isinstance(value, tuple) else float(value)), m.describe()
    assert source[m.start:m.end] == m.text


NON_FIGURES = [
    # (input, kind of the only mention, its text)
    ("2024年", "date", "2024年"), ("2024年9月", "date", "2024年9月"), ("5月10日", "date", "5月10日"),
    ("9月12日", "date", "9月12日"), ("2024年09月20日", "date", "2024年09月20日"),
    ("2026-01-30", "date", "2026-01-30"), ("2024—2026 年", "date", "2024—2026 年"), ("2024.4", "date", "2024.4"),
    ("2025财年", "date", "2025财年"), ("2025财年第一季度", "date", "2025财年第一季度"),
    ("2023年度", "date", "2023年度"), ("3月底", "date", "3月底"), ("2025年初", "date", "2025年初"),
    ("2022年底", "date", "2022年底"), ("2025年上半年", "date", "2025年上半年"), ("一季度", "date", "一季度"),
    ("Q3", "date", "Q3"), ("2024Q1", "date", "2024Q1"), ("FY2025", "date", "FY2025"),
    ("二〇二四年", "date", "二〇二四年"), ("90年代", "date", "90年代"), ("21世纪", "date", "21世纪"),
    ("双十一", "date", "双十一"), ("双11", "date", "双11"), ("五一期间", "date", "五一"),
    ("510阿里日", "date", "510"), ("10:52:38", "time", "10:52:38"), ("下午3点", "time", "下午3点"),
    ("第三极", "ordinal", "第三"), ("第一", "ordinal", "第一"), ("首次", "ordinal", "首"),
    ("前三名", "ordinal", "前三"), ("TOP10", "ordinal", "TOP10"),
    ("[3]", "reference", "[3]"), ("【12】", "reference", "【12】"),
    ("9988.HK", "identifier", "9988.HK"), ("00700.HK", "identifier", "00700.HK"),
    ("600519.SH", "identifier", "600519.SH"), ("Qwen3", "identifier", "Qwen3"), ("P11", "identifier", "P11"),
    ("1+6+N", "identifier", "1+6+N"), ("1688", "identifier", "1688"), ("5G", "identifier", "5G"),
    ("GPT-4", "identifier", "GPT-4"), ("90后", "identifier", "90后"), ("36氪", "identifier", "36氪"),
    ("支小宝2.0", "identifier", "2.0"),
    ("①", "list_number", "①"),
]


@pytest.mark.parametrize("source, kind, text", NON_FIGURES, ids=[n[0] for n in NON_FIGURES])
def test_non_figure(source, kind, text):
    m = one(source)
    assert (m.kind, m.text) == (kind, text), m.describe()
    assert not m.is_figure


@pytest.mark.parametrize("source", [
    "千问", "通义千问", "百度", "百货", "千行百业", "千人千面", "千人一面", "一键", "一致", "一直", "之一",
    "统一", "唯一", "一些", "万物", "三位一体", "一书一课", "一网通办", "一个", "一家", "一款", "一次", "一起",
    "半壁江山", "半导体", "三超多强", "两分天下", "新四小龙之一", "BABA", "https://cls.cn/subject/1321",
    "foo@bar123.com", "www.163.com", "文心一言", "十分重要", "万一", "千万不要", "年末", "去年",
])
def test_no_figure(source):
    assert [m for m in scan(source) if m.is_figure] == []


@pytest.mark.parametrize("source, marks", [
    ("1. 实现服务闭环", ["1."]),
    ("一、AI商业化", ["一、"]),
    ("  1) 反对宪法", ["1)"]),
    ("（一）总则", ["（一）"]),
    ("取决于:1)用户习惯;2)技术", ["1)", "2)"]),
    ("Part.1\n当电商巨人失速", ["Part.1"]),
])
def test_list_numbers(source, marks):
    found = [m.text for m in scan(source) if m.kind == "list_number"]
    assert found == marks


def test_range_split_when_units_differ():
    ms = scan("阿里云收入同比增长34%至398.24亿元")
    assert [(m.text, m.unit, m.kind) for m in ms] == [("34%", "percent", "quantity"), ("398.24亿元", "CNY", "quantity")]


def test_date_and_time_apart():
    ms = scan("2026-01-30 10:52:38")
    assert [(m.text, m.kind) for m in ms] == [("2026-01-30", "date"), ("10:52:38", "time")]


def test_year_list_and_duration():
    ms = scan("在2022、2023两年高速增长")
    assert [(m.text, m.kind) for m in ms] == [("2022", "date"), ("2023", "date"), ("两年", "duration")]


def test_bare_year_is_date():
    ms = scan("3月底2025天猫超级品牌私享会")
    assert [(m.text, m.kind) for m in ms] == [("3月底", "date"), ("2025", "date")]


def test_pinyin_gloss_inside_mention_maps_back():
    src = "投入超3800億(yì)元用于云"
    m = one(src)
    assert m.text == "超3800億(yì)元" and m.unit == "CNY" and m.value == 3.8e11 and m.qualifier == "at_least"


def test_offsets_are_python_indexes_with_astral_characters():
    src = "😀𠀀 增长12%"
    m = one(src)
    assert src[m.start:m.end] == "12%"


def test_mention_api():
    m = one("约1200亿元")
    assert m.as_dict() == {"text": "约1200亿元", "start": 0, "end": 7, "value": 1.2e11, "unit": "CNY",
                           "qualifier": "approx", "kind": "quantity"}
    assert list(m.as_dict()) == ["text", "start", "end", "value", "unit", "qualifier", "kind"]
    r = one("3-5亿").as_dict()
    assert r["value"] == [3e8, 5e8]
    json.dumps(r)
    assert "约1200亿元" in m.describe() and "CNY" in m.describe() and "approx" in m.describe()
    with pytest.raises(AttributeError):
        m.value = 1  # frozen
    with pytest.raises(TypeError):
        scan(b"12%")  # type: ignore[arg-type]


def test_mentions_sorted_and_disjoint():
    text = "2024年营收约1200亿元，增长34%至398亿元；近百家医院、超过150万人次，Qwen3、9988.HK [3]"
    ms = scan(text)
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    for m in ms:
        assert text[m.start:m.end] == m.text
        assert m.kind in KINDS and m.unit in UNITS and m.qualifier in QUALIFIERS


# --------------------------------------------------------------------------- #
# Each archived source, read by hand
# --------------------------------------------------------------------------- #

def source_body(source_id: str) -> str:
    """The article body from the archive (data/sources), verified as the build reads it."""
    return read_source(source_id).body


# (mention text, value, unit, qualifier) a reader sees in the body
EXPECTED = {
    "2026-01-30-yilan-ant-vs-alibaba": [
        ("两家", 2, "establishments", "exact"),
        ("上万件", 10_000, "pieces", "at_least"),
        ("248万单", 2_480_000, "orders", "exact"),
        ("18+项", 18, "items", "at_least"),
        ("41项", 41, "items", "exact"),
        ("破亿", 1e8, "", "at_least"),
        ("33%", 33, "percent", "exact"),
        ("个位数", 9, "", "at_most"),
        ("两款", 2, "units", "exact"),
    ],
    "2026-02-10-ginlix-qwen-ticketing": [
        ("35.8%", 35.8, "percent", "exact"),
        ("275万", 2_750_000, "", "exact"),
        ("1.55亿", 155_000_000, "", "exact"),
        ("约1200亿元", 1.2e11, "CNY", "approx"),
        ("三分之一", 100 / 3, "percent", "exact"),
        ("34%", 34, "percent", "exact"),
        ("398.24亿元", 3.9824e10, "CNY", "exact"),
        ("85%", 85, "percent", "exact"),
        ("53%", 53, "percent", "exact"),
        ("3.2次", 3.2, "times", "exact"),
        ("400多项", 400, "items", "at_least"),
        ("30亿元", 3e9, "CNY", "exact"),
        ("$77.35", 77.35, "dollar", "exact"),
        ("$160.40", 160.40, "dollar", "exact"),
        ("超过100%", 100, "percent", "at_least"),
        ("$164.21", 164.21, "dollar", "exact"),
        ("$155.46", 155.46, "dollar", "exact"),
    ],
    "2024-09-20-qunmai-tencent-alibaba": [
        ("3678字", 3678, "units", "exact"),
        ("7.5亿", 7.5e8, "", "exact"),
        ("7.49亿", 7.49e8, "", "exact"),
        ("突破了万亿", 1e12, "", "at_least"),
        ("9000亿", 9e11, "", "exact"),
        ("4%", 4, "percent", "exact"),
        ("1%", 1, "percent", "exact"),
        ("两大", 2, "units", "exact"),
    ],
    "2025-05-liuhai-alibaba-ai-rebuild": [
        ("超12萬員工", 120_000, "persons", "at_least"),
        ("三分之二", 200 / 3, "percent", "exact"),
        ("83.6%", 83.6, "percent", "exact"),
        ("4982億元", 4.982e11, "CNY", "exact"),
        ("70%", 70, "percent", "exact"),
        ("33%", 33, "percent", "exact"),
        ("17%", 17, "percent", "exact"),
        ("19%", 19, "percent", "exact"),
        ("18%", 18, "percent", "exact"),
        ("13%", 13, "percent", "exact"),
        ("超3800億元", 3.8e11, "CNY", "at_least"),
        ("20%", 20, "percent", "exact"),
        ("109%", 109, "percent", "exact"),
        ("三位數", 100, "percent", "at_least"),
        ("兩位", 2, "persons", "exact"),
        ("六大", 6, "units", "exact"),
    ],
    "2024-06-18-huxiu-ant-grows-outward": [
        ("211.9亿元", 2.119e10, "CNY", "exact"),
        ("超过200亿", 2e10, "", "at_least"),
        ("近百家", 100, "establishments", "approx"),
        ("超过150万人次", 1.5e6, "person_times", "at_least"),
        ("5.3亿人", 5.3e8, "persons", "exact"),
        ("约1亿人", 1e8, "persons", "approx"),
        ("1200万用户", 1.2e7, "persons", "exact"),
        ("数亿", 1e8, "", "at_least"),
        ("超6亿", 6e8, "", "at_least"),
        ("超过8亿人", 8e8, "persons", "at_least"),
        ("49.2%", 49.2, "percent", "exact"),
        ("68%", 68, "percent", "exact"),
        ("427万商家", 4.27e6, "establishments", "exact"),
        ("18倍", 18, "multiple", "exact"),
        ("超150家", 150, "establishments", "at_least"),
        ("400家", 400, "establishments", "exact"),
        ("超1000家", 1000, "establishments", "at_least"),
        ("13000家", 13_000, "establishments", "exact"),
        ("31个", 31, "units", "exact"),
        ("三个", 3, "units", "exact"),
    ],
}

# Every figure-kind mention in each body, as a multiset of texts: the whole reading,
# so a new false positive (or a lost figure) fails here.
ALL_FIGURES = {
    "2026-01-30-yilan-ant-vs-alibaba": [
        "两家", "个位数", "上万件", "248万单", "18+项", "41项", "两款", "破亿", "33%",
    ],
    "2026-02-10-ginlix-qwen-ticketing": [
        "35.8%", "275万", "1.55亿", "30亿元", "约1200亿元", "三分之一", "34%", "398.24亿元", "85%", "53%",
        "3.2次", "400多项", "$77.35", "$160.40", "超过100%", "$164.21", "$155.46",
    ],
    "2024-09-20-qunmai-tencent-alibaba": [
        "两大", "3678字", "两大", "7.5亿", "7.49亿", "突破了万亿", "9000亿", "两个", "4%", "1%", "4%", "两个",
    ],
    "2025-05-liuhai-alibaba-ai-rebuild": [
        "超12萬員工", "兩位", "三分之二", "83.6%", "4982億元", "70%", "33%", "17%", "19%", "18%", "13%",
        "六大", "兩個", "20%", "109%", "兩個", "超3800億元", "三位數",
    ],
    "2024-06-18-huxiu-ant-grows-outward": [
        "211.9亿元", "超过200亿", "两个", "三个", "三个", "近百家", "超过150万人次", "5.3亿人", "约1亿人",
        "1200万用户", "1200万用户", "两块", "400家", "超1000家", "13000家", "三个", "数亿", "31个", "超6亿",
        "超过8亿人", "5.3亿人", "49.2%", "68%", "427万商家", "18倍", "超150家",
    ],
}

NAMES = {
    "2026-01-30-yilan-ant-vs-alibaba": ["千问", "百度", "百货", "双11", "36氪"],
    "2026-02-10-ginlix-qwen-ticketing": ["9988.HK", "千问", "20日均线"],
    "2024-09-20-qunmai-tencent-alibaba": ["千人千面", "千人一面", "半壁江山", "三超多强", "第三极"],
    "2025-05-liuhai-alibaba-ai-rebuild": ["1688", "雙十一", "五一", "510阿里日", "Qwen3", "P11", "1+6+N", "三位一體"],
    "2024-06-18-huxiu-ant-grows-outward": ["千行百业", "一网通办", "支小宝2.0", "2B"],
}


@pytest.mark.parametrize("source_id", list(EXPECTED))
def test_source_expected_figures(source_id):
    body = source_body(source_id)
    ms = [m for m in scan(body) if m.is_figure]
    for text, value, unit, qual in EXPECTED[source_id]:
        hits = [m for m in ms if m.text == text]
        assert hits, f"{source_id}: {text!r} not found; got {[m.text for m in ms]}"
        m = hits[0]
        assert close(m.value, float(value)) and m.unit == unit and m.qualifier == qual, m.describe()


@pytest.mark.parametrize("source_id", list(ALL_FIGURES))
def test_source_whole_reading(source_id):
    body = source_body(source_id)
    got = sorted(m.text for m in scan(body) if m.is_figure)
    assert got == sorted(ALL_FIGURES[source_id])


@pytest.mark.parametrize("source_id", list(NAMES))
def test_source_names_give_no_figure(source_id):
    body = source_body(source_id)
    ms = scan(body)
    for name in NAMES[source_id]:
        i = body.find(name)
        assert i >= 0, f"{name!r} not in {source_id}"
        while i >= 0:
            for m in ms:
                if m.start < i + len(name) and i < m.end:
                    assert not m.is_figure, f"{name!r} in {source_id} read as {m.describe()}"
            i = body.find(name, i + 1)


def test_traditional_source_durations():
    body = source_body("2025-05-liuhai-alibaba-ai-rebuild")
    d = {m.text: m for m in scan(body) if m.kind == "duration"}
    assert d["六個季度"].value == 6 and d["六個季度"].unit == "quarters"
    assert d["16個月"].value == 16 and d["16個月"].unit == "months"
    assert d["兩年半"].value == 2.5 and d["兩年半"].unit == "years"
    assert d["三到五年"].value == (3.0, 5.0)


def test_reference_marks_in_ginlix():
    body = source_body("2026-02-10-ginlix-qwen-ticketing")
    refs = [m for m in scan(body) if m.kind == "reference"]
    assert refs and all(m.text.startswith("[") and m.text.endswith("]") for m in refs)
    assert {m.value for m in refs} >= {1.0, 3.0, 4.0, 9.0}


def test_every_kind_and_unit_is_in_the_vocabulary():
    for source_id in EXPECTED:
        for m in scan(source_body(source_id)):
            assert m.kind in KINDS and m.unit in UNITS and m.qualifier in QUALIFIERS, m.describe()
            assert (m.kind in FIGURE_KINDS) == m.is_figure
