"""Questions an analyst asks, each answered in at most three lines of the public API.

Every answer is checked against the archived article itself, not against the
tables: the expected number is what a person reads in the text (the phrase as it
stands in the archive, in the article's own script), and the test finds that
phrase in ``data/sources/*.txt`` and checks that the answering row comes from the
article that prints it. No source id is named; the phrases are the hand reading.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ai_consumer_metrics as acm

ARCHIVE = Path(__file__).resolve().parents[1] / "data" / "sources"


def printed_in(phrase: str) -> set[str]:
    """The ids of the archived articles whose text prints ``phrase``; fails if none does."""
    hits = {p.stem for p in sorted(ARCHIVE.glob("*.txt")) if phrase in p.read_text("utf-8")}
    assert hits, f"no archived article prints {phrase!r}: the hand reading no longer holds"
    return hits


def row_for(table: pd.DataFrame, phrase: str, **match) -> pd.Series:
    """The one row of ``table`` matching ``match`` whose article prints ``phrase``."""
    rows = table[table["source_id"].isin(printed_in(phrase))]
    for col, value in match.items():
        rows = rows[rows[col] == value]
    assert len(rows) == 1, f"{len(rows)} rows for {phrase!r} with {match}"
    return rows.iloc[0]


def test_latest_mau_of_each_ai_assistant_with_its_source():
    assistants = acm.load("entities").query("category == 'ai_assistant'").entity_id
    um = acm.load("user_metrics")
    latest = um[(um.metric == "mau") & um.entity_id.isin(assistants)].sort_values("period_end").groupby("entity_id").tail(1)

    # 元宝月活仅275万 (QuestMobile, January 2025); 豆包 月活、日活均破亿 (passed 100 million).
    yuanbao = row_for(latest, "元宝月活仅275万", entity_id="yuanbao")
    assert yuanbao.user_count == 2_750_000 and yuanbao.period == "2025-01"
    doubao = row_for(latest, "月活、日活均破亿", entity_id="doubao")
    assert doubao.user_count == 100_000_000 and doubao.qualifier == "at_least"
    assert "Quote:" in acm.cite(yuanbao) and "元宝月活仅275万" in acm.cite(yuanbao)
    assert not latest.entity_id.isin(["alipay", "taobao", "pinduoduo"]).any()  # super-apps and shops are not assistants


def test_every_fall_in_profit_in_the_latest_quarter():
    g = acm.load("growth")
    profit = g[g.metric.str.contains("profit") & (g.change < 0)]
    # (the quarter is the one the article reports: a later article may add a later quarter)
    quarter = row_for(profit, "骤降85%", metric="operating_profit_growth").period_end
    falls = profit[profit.period_end == quarter]

    # 但集团经营利润骤降85%; 净利润降53%.
    assert row_for(falls, "骤降85%", metric="operating_profit_growth").change == -85.0
    assert row_for(falls, "净利润降53%", metric="net_profit_growth").change == -53.0
    assert (falls.change < 0).all()


def test_a_fall_in_revenue_sorts_below_every_rise():
    g = acm.load("growth")
    revenue = g[g.metric == "revenue_growth"].sort_values("change")

    # 淘天集团收入同比下滑 1%: the article prints 1%, worded as a fall; the table signs it.
    # (other falls may sort below it as the data grows: every rise must sort above it)
    taotian = row_for(revenue, "下滑 1%", entity_id="taotian_group")
    assert taotian.change == -1.0
    assert acm.load("figures").set_index("figure_id").loc[taotian.figure_id, "value"] == 1.0
    order = list(revenue.figure_id)
    rises = revenue[revenue.change > 0].figure_id
    assert len(rises) and all(order.index(taotian.figure_id) < order.index(f) for f in rises)


def test_china_ecommerce_shares_2024_add_up_to_100():
    ms = acm.load("market_shares")
    split = ms[(ms.market == "China e-commerce") & (ms.period == "2024")]

    # 阿里淘天占比33%, 京東17%, 拼多多19%, 抖音電商18%, 其余13%.
    read = {"taotian_group": ("阿里淘天占比33%", 33), "jd_com": ("京東17%", 17), "pinduoduo": ("拼多多19%", 19),
            "douyin_ecommerce": ("抖音電商18%", 18), "others": ("其余13%", 13)}
    for entity, (phrase, share) in read.items():
        assert row_for(split, phrase, entity_id=entity).share_pct == share
    assert split.share_pct.sum() == sum(share for _, share in read.values()) == 100


def test_alibabas_ecommerce_share_across_reorganisations():
    ms = acm.load("market_shares")
    series = ms[(ms.group_id == "alibaba_group") & (ms.market == "China e-commerce")].sort_values("period_end")

    # 到2017年,阿里在電商市場的份額已經(jīng)下滑至70% (the group); 阿里淘天占比33% in 2024 (its unit).
    assert row_for(series, "下滑至70%", period="2017").entity_id == "alibaba_group"
    assert row_for(series, "阿里淘天占比33%", period="2024").entity_id == "taotian_group"
    assert list(series.share_pct) == sorted(series.share_pct, reverse=True)  # one line, falling


def test_figures_credited_to_questmobile_directly_or_via_another_publisher():
    f = acm.load("figures")
    qm = f[(f.attributed_to == "QuestMobile") | (f.via == "QuestMobile")]

    # 2022年6月,拼多多月活跃用户数达到7.5亿 ... 阿里巴巴的7.49亿 (QuestMobile); 元宝月活仅275万 via 新浪财经.
    assert row_for(qm, "7.5亿", entity_id="pinduoduo").value == 750_000_000
    assert row_for(qm, "7.49亿", entity_id="alibaba_group").value == 749_000_000
    via = row_for(qm, "元宝月活仅275万", entity_id="yuanbao")
    assert via.via == "新浪财经" and via.value == 2_750_000


def test_join_figures_with_sources_in_duckdb():
    import duckdb

    sql = (f"SELECT f.figure_id, f.source_id, f.value, s.publisher, s.published FROM '{acm.path('figures')}' f "
           f"JOIN '{acm.path('sources')}' s USING (source_id) WHERE f.metric = 'rd_spend'")
    joined = duckdb.sql(sql).df()

    # 2023年蚂蚁集团研发投入高达211.9亿元.
    ant = row_for(joined, "研发投入高达211.9亿元")
    assert ant.value == 21_190_000_000 and isinstance(ant.publisher, str)


def test_alibaba_clouds_latest_quarterly_revenue_and_its_growth():
    fin, g = acm.load("financials"), acm.load("growth")
    revenue = fin[(fin.entity_id == "alibaba_cloud") & (fin.metric == "revenue")].sort_values("period_end")
    latest = revenue.iloc[-1]
    # (the quarter the archive reports; a later article may report a later one)
    rev = row_for(revenue, "398.24亿元")
    assert latest.period_end >= rev.period_end
    growth = g[(g.figure_id != rev.figure_id) & (g.entity_id == "alibaba_cloud") & (g.period == rev.period)]

    # 阿里云收入虽同比增长34%至398.24亿元.
    assert rev.amount == 39_824_000_000 and rev.currency == "CNY"
    assert row_for(growth, "同比增长34%至398.24亿元", metric="revenue_growth").change == 34.0


def test_leader_of_the_china_ai_cloud_market():
    ms = acm.load("market_shares")
    # (in the period the article reports: another year may have another leader)
    period = row_for(ms, "35.8%的市场份额", market="China AI cloud").period
    leader = ms[(ms.market == "China AI cloud") & (ms.period == period)].sort_values("share_pct").iloc[-1]

    # 阿里巴巴在中国AI云市场占据35.8%的市场份额,位居首位.
    assert leader.share_pct == 35.8 and leader.group_id == "alibaba_group"
    assert leader.source_id in printed_in("35.8%的市场份额")


def test_ecommerce_gmv_whose_year_the_text_states_and_whose_currency_is_implied():
    fin = acm.load("financials")
    gmv = fin[(fin.metric == "gmv") & (fin.period_basis == "stated") & fin.currency_doubt]

    # 抖音电商GMV在2021年就突破了万亿大关; 快手电商 ... 在2022年实现了9000亿的GMV (no currency word).
    assert row_for(gmv, "万亿大关", entity_id="douyin_ecommerce").amount == 1e12
    assert row_for(gmv, "9000亿的GMV", entity_id="kuaishou_ecommerce").amount == 9e11


def test_share_prices_whose_currency_is_in_doubt_carry_the_note():
    of = acm.load("other_figures")
    prices = of[(of.metric == "share_price") & of.currency_doubt]

    # 股价从2024年9月的低点$77.35 ... 上涨至2026年2月的$160.40: a bare $ on a Hong Kong listing.
    for phrase, price in (("$77.35", 77.35), ("$160.40", 160.40)):
        row = row_for(prices, phrase, value=price)
        assert "HK$" in row.note and row.period_basis == "stated"


def test_capex_over_the_past_four_quarters_and_the_other_reading():
    fin = acm.load("financials")
    capex = fin[(fin.metric == "capex") & (fin.group_id == "alibaba_group")]

    # 过去四个季度,阿里在AI+云基础设施的资本开支约1200亿元[4].
    row = row_for(capex, "资本开支约1200亿元")
    assert row.amount == 120_000_000_000 and row.qualifier == "approx"
    assert row.period_basis == "context" and "2025Q1-2025Q4" in row.note  # the alternative travels with it
    assert row.period_end < pd.Timestamp("2026-01-15")  # quarters reported by the cited report's date


def test_weekly_actives_of_doubao_with_a_period_the_text_does_not_state():
    um = acm.load("user_metrics")
    wau = um[(um.metric == "wau") & (um.period_basis != "stated")]

    # 虽然周活达1.55亿 (no week given).
    row = row_for(wau, "周活达1.55亿", entity_id="doubao")
    assert row.user_count == 155_000_000 and row.note


@pytest.mark.parametrize("table", ["market_shares", "user_metrics", "financials", "growth", "other_figures"])
def test_every_answer_cites_back_to_its_article(table):
    rows = acm.load(table)
    quotes = acm.load("figures").set_index("figure_id").loc[rows.figure_id, "quote"]

    for sid, quote in zip(rows.source_id, quotes):
        assert sid in printed_in(quote)
