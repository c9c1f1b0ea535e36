"""Ginlix AI, 《阿里千问AI票务功能战略深度分析》, published 2026-02-10.

An AI-written investment note that cites a numbered reference list ([1]-[9], kept
inside the body). Every figure comes from one of those references, so each row
carries ``reference``; ``attributed_to`` is the original data publisher where the
text names one (QuestMobile, 艾瑞咨询), with the reference's publisher as ``via``,
and the reference's publisher itself where the text names no one else.

Simplified script with ASCII commas (,) — quotes copy them exactly.

Periods the text leaves open are bound to the cited reference's date where its
URL shows one ([3] 2026-02-09, [7] 2026-01-28), else to this article's date, and
the note says so. Doubts kept in notes: the bare $ prices of 9988.HK are read as
HKD from context (a Hong Kong listing trades in HKD; unit_implied, the note gives
USD as the other reading); 过去四个季度 read as the quarters
reported by the date of reference [4] (2026-01-15); the 三分之一 of a three-year
plan whose amount (3800亿, dated 2024年2月 by 2025-05-liuhai-alibaba-ai-rebuild)
is not given here.
"""
from extract.declare import dismiss, figure


AS_OF_PUBLICATION = "as of 2026-02-10"
# Reference [3] (新浪财经) is dated 2026-02-09 in its URL; undated statements citing it are bound to that day.
AS_OF_REF3 = "as of 2026-02-09"

_LATEST_RESULTS_NOTE = (
    "The text says 最新财报 (latest results) without a period; as of reference [7] "
    "(新浪财经, 2026-01-28) and of this article (2026-02-10) Alibaba's latest reported quarter "
    "was July-September 2025 (FY2026Q2, fiscal year ending 31 March), whose results these "
    "figures appear to match. Growth is year on year (同比)."
)
# 过去四个季度 in a sentence citing reference [4] (21世纪经济报道, dated 2026-01-15).
_PAST_FOUR_QUARTERS_NOTE = (
    "过去四个季度 (the past four quarters) is read as the four quarters Alibaba had reported by "
    "the date of reference [4] (2026-01-15): 2024Q4-2025Q3 (FY2025Q3-FY2026Q2), the latest "
    "reported quarter ending 2025-09-30. Counted back from this article's date (2026-02-10) "
    "they would be 2025Q1-2025Q4, for which no results were out yet."
)
_PRICE_NOTE = (
    "The text writes a bare '$' for the price of 9988.HK, which does not say whose dollar; "
    "shares listed in Hong Kong trade in HKD, so HK$ is meant and the unit is HKD, read from "
    "context (unit_implied). The other reading, USD (US$), is unlikely: BABA, the US listing, "
    "trades in USD at a different price per share."
)

FIGURES = [
    figure(
        "阿里巴巴在中国AI云市场占据35.8%的市场份额,位居首位[8]",
        "35.8%",
        entity="alibaba_cloud", metric="market_share", period="2025H1",  # undated; reference [8]'s title (note)
        scope="China AI cloud",
        value=35.8, unit="percent",
        attributed_to="维科网", reference="[8]",
        note="The text says 阿里巴巴; the share of the AI cloud market is Alibaba Cloud's. The text "
             "gives no period: 2025H1 comes from the title of reference [8] (2025年上半年中国AI云市场"
             "竞争格局), whose URL is an image dated 2025-05-16, before that half-year ended. The "
             "original research firm is not named.",
    ),
    figure(
        "QuestMobile数据显示,2025年1月元宝月活仅275万,排名垫底[3]",
        "275万",
        entity="yuanbao", metric="mau", period="2025-01",  # 2025年1月
        scope="China AI apps",
        value=2_750_000, unit="persons", unit_implied=True,
        attributed_to="QuestMobile", via="新浪财经", reference="[3]",
        note="排名垫底: last in the ranking compared (the ranking itself is not given).",
    ),
    figure(
        "虽然周活达1.55亿,但缺乏阿里式的完整服务生态支撑[3]",
        "1.55亿",
        entity="doubao", metric="wau", period=AS_OF_REF3,
        scope="China AI apps",
        value=155_000_000, unit="persons", unit_implied=True,
        attributed_to="新浪财经", reference="[3]",
        note="The text gives no week or date; bound to the date of reference [3] (2026-02-09), "
             "so it is the latest weekly figure reported by then, week not stated.",
    ),
    figure(
        "30亿元红包计划结束后,用户是否仍愿使用存疑[3]",
        "30亿元",
        entity="qwen_app", metric="subsidy_plan", period=AS_OF_REF3,
        scope="Qwen app red-envelope (红包) campaign",
        value=3_000_000_000, unit="CNY",
        attributed_to="新浪财经", reference="[3]",
        note="Budget of the 千问 red-envelope plan; the text gives no dates for it (the paragraph "
             "speaks of Spring Festival DAU and post-holiday retention, i.e. the 2026 Spring "
             "Festival campaign). Bound to the date of reference [3].",
    ),
    figure(
        "过去四个季度,阿里在AI+云基础设施的资本开支约1200亿元[4]",
        "约1200亿元",
        entity="alibaba_group", metric="capex", period="2024Q4/2025Q3",  # 过去四个季度, as reported by reference [4] (note)
        scope="AI + cloud infrastructure",
        value=120_000_000_000, unit="CNY", qualifier="approx",
        attributed_to="21世纪经济报道", reference="[4]",
        note=_PAST_FOUR_QUARTERS_NOTE,
    ),
    figure(
        "已占此前宣布的三年总计划的三分之一",
        "三分之一",
        entity="alibaba_group", metric="capex_plan_progress", period="2024Q4/2025Q3",  # 过去四个季度 (note)
        scope="AI + cloud infrastructure, three-year plan",
        value=100 / 3, unit="percent",
        attributed_to="21世纪经济报道", reference="[4]",
        note=_PAST_FOUR_QUARTERS_NOTE + " "
             "约1200亿元 spent is 三分之一 of the previously announced three-year plan. The plan's "
             "amount is not given here; the 超3800亿元 plan (dated 2024年2月 by "
             "2025-05-liuhai-alibaba-ai-rebuild, announced February 2025 per other reporting) "
             "would make 1200亿 31.6%, so 三分之一 is a rounding.",
    ),
    figure(
        "阿里云收入虽同比增长34%至398.24亿元",
        "34%",
        entity="alibaba_cloud", metric="revenue_growth", period="FY2026Q2",  # 最新财报 (note)
        scope="Alibaba Cloud Intelligence Group revenue, year on year",
        value=34, unit="percent",
        attributed_to="新浪财经", reference="[7]",
        note=_LATEST_RESULTS_NOTE,
    ),
    figure(
        "阿里云收入虽同比增长34%至398.24亿元",
        "398.24亿元",
        entity="alibaba_cloud", metric="revenue", period="FY2026Q2",  # 最新财报 (note)
        scope="Alibaba Cloud Intelligence Group revenue",
        value=39_824_000_000, unit="CNY",
        attributed_to="新浪财经", reference="[7]",
        note=_LATEST_RESULTS_NOTE,
    ),
    figure(
        "但集团经营利润骤降85%",
        "85%",
        entity="alibaba_group", metric="operating_profit_growth", direction="fall", period="FY2026Q2",  # 最新财报 (note)
        scope="Alibaba Group operating profit (经营利润), year on year",
        value=85, unit="percent",
        attributed_to="新浪财经", reference="[7]",
        note="骤降85%: a fall of 85%. " + _LATEST_RESULTS_NOTE,
    ),
    figure(
        "净利润降53%,自由现金流净流出[7]",
        "53%",
        entity="alibaba_group", metric="net_profit_growth", direction="fall", period="FY2026Q2",  # 最新财报 (note)
        scope="Alibaba Group net profit, year on year",
        value=53, unit="percent",
        attributed_to="新浪财经", reference="[7]",
        note="降53%: a fall of 53%. " + _LATEST_RESULTS_NOTE,
    ),
    figure(
        "艾瑞咨询数据显示,中国城市家庭平均每周点餐3.2次",
        "3.2次",
        entity="china_urban_households", metric="usage_frequency", period=AS_OF_REF3,
        scope="food ordering (点餐) per household per week",
        value=3.2, unit="times",
        attributed_to="艾瑞咨询", via="新浪财经", reference="[3]",
        note="Average times an urban household orders food per week. The survey's date is not "
             "given; bound to the date of reference [3]. The article uses it to argue that "
             "ticketing is high-frequency, though the figure is about food ordering.",
    ),
    figure(
        "千问已实现400多项办事功能",
        "400多项",
        entity="qwen_app", metric="features", period=AS_OF_PUBLICATION,
        scope="task-completing functions (办事功能) of the Qwen app",
        value=400, unit="items", qualifier="at_least",
        attributed_to="财联社", reference="[6]",
        note="400多项: more than 400. Reference [6] is undated; read as of this article.",
    ),
    figure(
        "股价从2024年9月的低点$77.35",
        "$77.35",
        entity="alibaba_group", metric="share_price", period="2024-09",  # 2024年9月
        scope="9988.HK, low of the month",
        value=77.35, unit="HKD", unit_implied=True,
        attributed_to="金灵API", reference="[9]",
        note="The low of September 2024 in reference [9]'s data (2024-09-30 to 2026-02-10). " + _PRICE_NOTE,
    ),
    figure(
        "上涨至2026年2月的$160.40",
        "$160.40",
        entity="alibaba_group", metric="share_price", period="2026-02",  # 2026年2月
        scope="9988.HK, price in February 2026",
        value=160.40, unit="HKD", unit_implied=True,
        attributed_to="金灵API", reference="[9]",
        note="Reference [9]'s data run to 2026-02-10, so this is a price on or before that day. " + _PRICE_NOTE,
    ),
    figure(
        "涨幅超过100%[9]",
        "超过100%",
        entity="alibaba_group", metric="share_price_change", period="2024-09/2026-02",  # 从2024年9月…至2026年2月
        scope="9988.HK share price, from the September 2024 low",
        value=100, unit="percent", qualifier="at_least",
        attributed_to="金灵API", reference="[9]",
        note="Consistent with the two prices printed: 160.40 / 77.35 - 1 = 107%.",
    ),
    figure(
        "该股目前位于20日均线($164.21)",
        "$164.21",
        entity="alibaba_group", metric="share_price_moving_average", period=AS_OF_PUBLICATION,  # 目前
        scope="9988.HK, 20-day moving average",
        value=164.21, unit="HKD", unit_implied=True,
        attributed_to="金灵API", reference="[9]",
        note=_PRICE_NOTE,
    ),
    figure(
        "和50日均线($155.46)之间[9]",
        "$155.46",
        entity="alibaba_group", metric="share_price_moving_average", period=AS_OF_PUBLICATION,  # 目前
        scope="9988.HK, 50-day moving average",
        value=155.46, unit="HKD", unit_implied=True,
        attributed_to="金灵API", reference="[9]",
        note=_PRICE_NOTE,
    ),
]

# Every other number in the body is a date, duration, ordinal, list number, reference
# mark or identifier (9988.HK, 21世纪 of 21世纪经济报道), accounted for by its scanner kind.
DISMISSED: list = []
