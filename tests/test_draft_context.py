"""Draft guesses from context (extract/context.py, extract/guess.py): sentences written here in the
forms results articles, rankings and roundups take, in simplified and traditional script."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.context import ArticleContext, label_for, report_period, shift_span
from extract.draft import draft
from extract.guess import Guesser
from extract.periods import resolve_period
from extract.registry import load_entities, load_metrics

ENTITIES = load_entities()
METRICS = load_metrics()


def _draft(text: str, published: str, title: str = ""):
    src = SimpleNamespace(text=text, body_start=0, body_end=len(text), published=date.fromisoformat(published),
                          meta={"title": title, "publisher": "测试", "published": published}, source_id="t")
    d = draft(src, ENTITIES, METRICS)
    return {c.value_text: c for c in d.claims}, d


def _known(name: str) -> str:
    """The registry id of a name, found in the data rather than written here."""
    from extract.registry import alias_index

    return alias_index(ENTITIES)[name.casefold()]


# ------------------------------------------------------------------ periods


def test_results_quarter_is_carried_to_every_figure_with_hk_words():
    text = ("網易公佈第二季業績\n\n網易昨日公佈截至2025年6月30日止第二季業績，期內淨收入為人民幣279億元，按年增9.4%。"
            "\n\n經營溢利為86億元，按季上升3%。集團預期次季收入介乎280億元至290億元。去年同期淨收入則為255億元。")
    c, _ = _draft(text, "2025-08-21")
    for v in ("人民幣279億元", "9.4%", "86億元", "3%"):
        assert c[v].period == "2025Q2", (v, c[v].period)
    assert c["280億元至290億元"].period == "2025Q3"
    assert c["255億元"].period == "2024Q2"
    assert c["9.4%"].metric == "revenue_growth" and c["3%"].metric == "operating_profit_growth"
    assert c["人民幣279億元"].period_phrase in ("期內", "截至2025年6月30日止第二季")


def test_fiscal_year_company_gets_fiscal_labels_and_dates_that_match():
    fiscal = next(e for e in ENTITIES.values() if e.fiscal_year_end != "12-31" and e.kind == "company")
    text = f"{fiscal.name_zh}公布截至2025年9月30日止季度业绩，本季度收入为2478亿元，同比增长5%。"
    c, _ = _draft(text, "2025-11-26")
    label = c["2478亿元"].period
    p = resolve_period(label, date(2025, 11, 26), fiscal.fiscal_year_end)
    assert (p.start, p.end) == (date(2025, 7, 1), date(2025, 9, 30)) and label.startswith("FY")


def test_as_of_heading_is_carried_and_a_flow_never_gets_an_as_of_date():
    text = "截至2025年9月底，平台注册用户达3亿，月活跃用户为1.2亿，全年收入为50亿元。"
    c, _ = _draft(text, "2025-10-15")
    assert c["3亿"].period.startswith("as of 2025-09-30")
    assert c["1.2亿"].period == "2025-09"  # a monthly metric: the month, not a day
    assert c["50亿元"].period is None or not c["50亿元"].period.startswith("as of")


def test_paragraph_opening_date_governs_the_sentences_after_it():
    text = "2025年10月，豆包月活达1.72亿。元宝月活为0.41亿，DeepSeek为1.45亿。\n\n另有报道称夸克月活为1.49亿。"
    c, _ = _draft(text, "2025-11-20")
    assert c["1.72亿"].period == c["0.41亿"].period == "2025-10"
    assert c["1.49亿"].period is None  # a new paragraph with no date of its own


def test_taiwan_roc_year_with_its_quarter_is_one_period():
    text = "momo公布民國114年第3季財報，單季營收為新台幣280億元，年增8%。民國113年全年營收為1,100億元。"
    c, _ = _draft(text, "2025-11-10")
    assert c["新台幣280億元"].period == "2025Q3", c["新台幣280億元"].period_phrase
    assert c["1,100億元"].period == "2024", c["1,100億元"].period_phrase


def test_festival_window_of_a_roundup():
    text = "双十一战报\n\n今年双十一期间，全网销售额达16950亿元。其中，直播电商销售额为2380亿元。"
    c, _ = _draft(text, "2025-11-12")
    assert c["16950亿元"].period == c["2380亿元"].period == "Double 11 2025"


def test_unsure_period_is_todo_with_candidates():
    text = "截至6月底，某平台收入达到5亿元。"
    c, _ = _draft(text, "2025-08-01")
    assert c["5亿元"].period is None and c["5亿元"].period_candidates


# ------------------------------------------------------------------ entities


def test_fenbie_list_is_aligned_in_order_with_names_the_registry_lacks_proposed():
    text = "快手、小红书、哔哩哔哩的月活跃用户分别达到4.1亿、3.2亿、1.1亿。"
    c, d = _draft(text, "2025-11-01")
    assert c["4.1亿"].entity == _known("快手") and c["3.2亿"].entity == _known("小红书")
    assert c["1.1亿"].entity_proposed and c["1.1亿"].entity_name == "哔哩哔哩"
    assert [c[v].metric for v in ("4.1亿", "3.2亿", "1.1亿")] == ["mau"] * 3


def test_second_list_of_a_sentence_shares_the_names_and_keeps_each_sign():
    text = "豆包、元宝的月活分别为1.72亿、0.41亿，环比分别增长8.1%、下降2.3%。"
    c, _ = _draft(text, "2025-11-20")
    assert (c["8.1%"].entity, c["8.1%"].metric, c["8.1%"].direction) == (_known("豆包"), "mau_growth", None)
    assert (c["2.3%"].entity, c["2.3%"].metric, c["2.3%"].direction) == (_known("元宝"), "mau_growth", "fall")


def test_name_in_the_clause_wins_over_a_known_name_further_away():
    text = "阿里巴巴营收同比增长5%，知乎用户量同比增长了8%，美图则下降了1.2%。"
    c, d = _draft(text, "2025-11-01")
    assert c["5%"].entity == _known("阿里巴巴")
    assert c["8%"].entity_proposed and c["8%"].entity_name == "知乎"
    assert c["1.2%"].entity_proposed and c["1.2%"].entity_name == "美图"
    assert {name for name, _ in d.proposed_entities.values()} == {"知乎", "美图"}


def test_subject_is_carried_within_the_sentence_and_from_the_paragraph():
    text = "腾讯公布第三季业绩。\n\n期内总收入为1928亿元，按年增长15%；经营利润为728亿元。"
    c, _ = _draft(text, "2025-11-14")
    assert {c[v].entity for v in ("1928亿元", "15%", "728亿元")} == {_known("腾讯")}


def test_nothing_named_stays_todo_rather_than_a_guess():
    c, _ = _draft("本文共1500字。下单即送20元优惠券。", "2025-11-14")
    assert c["1500字"].entity is None and c["20元"].entity is None


def test_framing_and_lines_of_business_are_not_proposed_as_firms():
    text = "据星图数据统计，按业务划分，增值服务收入为959亿元，网络广告收入为362亿元。"
    _, d = _draft(text, "2025-11-14")
    assert not d.proposed_entities


# ------------------------------------------------------------------ metrics


@pytest.mark.parametrize("sentence, value, unit, metric", [
    ("期內淨收入為279億元，按年增9.4%", "9.4%", "percent", "revenue_growth"),
    ("股東應佔溢利為631億元", "631億元", "CNY", "net_profit"),
    ("經營溢利為86億元，按年跌5%", "5%", "percent", "operating_profit_growth"),  # a fall: direction="fall"
    ("資本開支為130億元", "130億元", "CNY", "capex"),
    ("市佔率為23.6%", "23.6%", "percent", "market_share"),
    ("日活躍用戶為4200萬", "4200萬", "", "dau"),
    ("收入增至300亿元", "300亿元", "CNY", "revenue"),  # 增至: a level, not a change
])
def test_metric_cues_in_simplified_traditional_and_hk_usage(sentence, value, unit, metric):
    from extract.textlayer import normalize

    norm = normalize(sentence).normalized
    at = norm.index(normalize(value).normalized)
    assert Guesser(ENTITIES, METRICS).metric(norm, at, unit) == metric


def test_a_metric_the_registry_lacks_is_proposed_with_an_entry():
    g = Guesser(ENTITIES, METRICS)
    assert g.metric("期内毛利为1086亿元", 5, "CNY") == "gross_profit"
    name, description, units, table = g.proposals["gross_profit"]
    assert table in ("financials",) and "CNY" in units and description


# ------------------------------------------------------------------ labels and spans


@settings(max_examples=200, deadline=None)
@given(year=st.integers(2000, 2040), month=st.integers(1, 12), months=st.sampled_from([1, 3, 6, 12]),
       fye=st.sampled_from(["12-31", "03-31", "06-30", "09-30"]))
def test_label_for_names_exactly_the_span_it_was_given(year, month, months, fye):
    start = date(year, month, 1)
    _, end = shift_span(start, start, months - 1)
    label = label_for(start, end, fye)
    p = resolve_period(label, date(2041, 1, 1), fye)
    assert (p.start, p.end) == (start, end), label


@given(q=st.integers(1, 4), year=st.integers(2015, 2035))
def test_report_period_of_a_quarter_named_with_its_year(q, year):
    rp = report_period(f"公司公布{year}年第{'一二三四'[q - 1]}季度业绩", date(year + 1, 1, 1))
    assert (rp.start, rp.months) == (date(year, 3 * q - 2, 1), 3)


def test_bare_quarter_in_a_results_headline_is_the_latest_one_ended():
    rp = report_period("某公司公布第三季业绩", date(2025, 11, 14))
    assert (rp.start, rp.end, rp.quarter_only) == (date(2025, 7, 1), date(2025, 9, 30), True)
    assert report_period("某公司公布第四季业绩", date(2025, 11, 14)).end == date(2024, 12, 31)


def test_context_works_without_a_registry():
    text = "美团第三季收入为955亿元。"
    ctx = ArticleContext(text, 0, len(text), date(2025, 11, 29), "", {}, {})
    g = ctx.entity(text.index("955"))
    assert g.proposed and g.name == "美团"


# ------------------------------------------------------------------ currencies


def test_a_taiwan_articles_bare_yuan_is_drafted_as_its_own_dollar():
    text = ("雲閣數位第三季業績\n\n雲閣數位第三季合併營收達新台幣152.6億元，年增23.4%。"
            "稅後淨利8.45億元，研發費用612,350仟元。")
    c, d = _draft(text, "2025-11-20")
    assert (c["新台幣152.6億元"].unit, c["新台幣152.6億元"].unit_implied) == ("TWD", False)  # the text says so
    assert c["新台幣152.6億元"].metric == "revenue"
    for v in ("8.45億元", "612,350仟元"):
        assert (c[v].unit, c[v].unit_implied) == ("TWD", True), v
        assert "names 新台幣 and not the renminbi" in c[v].unit_note
    assert 'unit="TWD", unit_implied=True,  # a bare 元 read as TWD' in d.code


def test_a_currency_the_metric_does_not_list_yet_keeps_the_metric():
    """Revenue in TWD where the registry lists no TWD: still revenue (the build then asks for the currency)."""
    from dataclasses import replace

    revenue = METRICS["revenue"]
    metrics = {**METRICS, "revenue": replace(revenue, allowed_units=tuple(u for u in revenue.allowed_units if u != "TWD"))}
    guesser = Guesser(ENTITIES, metrics)
    # (the guesser reads the normalised text: simplified script)
    assert guesser.metric("第三季合并营收达新台币152.6亿元", 9, "TWD") == "revenue"
    assert guesser.metric("月活跃用户达新台币3亿元", 6, "TWD") is None  # a currency is no count of users


def test_a_bare_yuan_stays_cny_where_the_article_names_the_renminbi_or_two_dollars():
    hk = "騰訊第三季收入為人民幣1,928億元，按年增長15%。經營溢利為700億元，股價收報港元600元。"
    c, _ = _draft(hk, "2025-11-20")
    assert (c["700億元"].unit, c["700億元"].unit_implied, c["700億元"].unit_note) == ("CNY", False, "")
    both = "台灣業務營收新台幣30億元，香港業務營收港元5億元，合計利潤2億元。"
    c, _ = _draft(both, "2025-11-20")
    assert (c["2億元"].unit, c["2億元"].unit_implied) == ("CNY", False)
    # a mainland (simplified-script) article that names 港元 once still means CNY by 元
    mainland = "星河科技第三季度营收86.4亿元，同比增长12%。其港股股价收报3.6港元，市值约1.2万亿元。"
    c, _ = _draft(mainland, "2025-11-20")
    for v in ("86.4亿元", "约1.2万亿元"):
        assert (c[v].unit, c[v].unit_implied, c[v].unit_note) == ("CNY", False, ""), v


def test_a_number_the_text_signs_is_drafted_without_a_direction():
    text = "豆包的月活环比增长8.1%，元宝的月活跌幅介乎-5%至-3%之間。"
    c, _ = _draft(text, "2025-11-20")
    fall = c["-5%至-3%"]
    assert (fall.value, fall.value_high, fall.direction) == (-5.0, -3.0, None)
