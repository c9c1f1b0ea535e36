"""劉海, 《阿里想靠AI重構(gòu)阿里》, publication date estimated 2025-05 (month precision).

Traditional script with the pinyin glosses of the archived page kept in the text
(重構(gòu), 數(shù)據(jù)); quotes copy them exactly. The page mixes in simplified forms
where the original did (占比, 其余, 用于), so quotes are copied byte for byte, not
converted. The text itself carries no date: the archive's estimate 2025-05-01
anchors 今年5月 and 過去一年 to 2025.

Doubts are kept in notes and the figures stay as the source prints them:
the 3800億 AI+cloud plan is dated 2024年2月 here, though it was announced in
February 2025 (another archived article, 2026-02-10-ginlix-qwen-ticketing, speaks
of the three-year plan without a date); "2024財年財報" with six consecutive
quarters of triple-digit AI growth does not match that fiscal year's reporting;
and the 4982億元 of 雙十一 2020 is given for the day itself.
"""
from extract.declare import dismiss, figure


# The text has no date; present-tense figures are bound to the estimated publication month.
AS_OF_PUBLICATION = "as of 2025-05"

CHINA_ECOMMERCE = "China e-commerce"

_SHARES_2024_NOTE = (
    "One of five shares that sum to 100% (淘天33, 京東17, 拼多多19, 抖音電商18, 其余13); "
    "the article names no source for this split."
)

FIGURES = [
    figure(
        "讓擁有超12萬員工的超級航母",
        "超12萬員工",
        entity="alibaba_group", metric="employees", period=AS_OF_PUBLICATION,
        scope="Alibaba Group headcount",
        value=120_000, unit="persons", qualifier="at_least",
        note="超12萬員工: the article's present-tense headcount; no date or source given.",
    ),
    figure(
        "站在2025年回望阿里巴巴的發(fā)展歷程,它曾登頂巔峰,也曾經(jīng)歷市值在短短16個月內(nèi)縮水三分之二",
        "三分之二",
        entity="alibaba_group", metric="market_cap_change", direction="fall", period="2014-09/2025-05",  # 短短16個月內, undated: the widest span (note)
        scope="Alibaba Group market capitalisation, from its peak",
        value=200 / 3, unit="percent",
        note="Market value shrank by two thirds within 16 months (短短16個月內). The article does "
             "not date the 16 months, so the period is only the widest span the text allows: "
             "from Alibaba's listing (Sept 2014, the first day it had a market value) to the "
             "article's estimated publication; the 16 months lie somewhere inside it.",
    ),
    figure(
        "2007年淘寶市場占有率高達83.6%",
        "83.6%",
        entity="taobao", metric="market_share", period="2007",  # 2007年
        scope="China C2C e-commerce",
        value=83.6, unit="percent",
        attributed_to="艾瑞咨询",
        note="The sentence before names C2C電商市場; 艾瑞咨詢數據顯示 introduces the figure.",
    ),
    figure(
        "2020年“雙十一”當天,阿里系的GMV定格在4982億元",
        "4982億元",
        entity="alibaba_group", metric="gmv", period="Double 11 2020",  # 2020年“雙十一”當天
        scope="China e-commerce: Double 11 (雙十一) shopping festival",
        value=498_200_000_000, unit="CNY",
        note="The article says 雙十一當天 (the day itself); the 4982億元 Tmall Double 11 total of "
             "2020 was reported for the 1-11 November window, so the period may be the whole "
             "festival rather than one day. Kept as the source says.",
    ),
    figure(
        "到2017年,阿里在電商市場的份額已經(jīng)下滑至70%",
        "70%",
        entity="alibaba_group", metric="market_share", period="2017",  # 到2017年
        scope=CHINA_ECOMMERCE,
        value=70, unit="percent",
        note="No source named for this share.",
    ),
    figure(
        "截至2024年,中國電商市場格局已發(fā)生巨大變化,阿里淘天占比33%",
        "33%",
        entity="taotian_group", metric="market_share", period="2024",  # 截至2024年
        scope=CHINA_ECOMMERCE,
        value=33, unit="percent",
        note="截至2024年 (as of 2024). " + _SHARES_2024_NOTE,
    ),
    figure(
        "京東17%",
        "17%",
        entity="jd_com", metric="market_share", period="2024",  # 截至2024年
        scope=CHINA_ECOMMERCE,
        value=17, unit="percent",
        note=_SHARES_2024_NOTE,
    ),
    figure(
        "拼多多19%",
        "19%",
        entity="pinduoduo", metric="market_share", period="2024",  # 截至2024年
        scope=CHINA_ECOMMERCE,
        value=19, unit="percent",
        note=_SHARES_2024_NOTE,
    ),
    figure(
        "抖音電商18%",
        "18%",
        entity="douyin_ecommerce", metric="market_share", period="2024",  # 截至2024年
        scope=CHINA_ECOMMERCE,
        value=18, unit="percent",
        note=_SHARES_2024_NOTE,
    ),
    figure(
        "其余13%則由視頻號、小紅書、唯品會等新興平臺瓜分",
        "13%",
        entity="others", metric="market_share", period="2024",  # 截至2024年
        scope=CHINA_ECOMMERCE,
        value=13, unit="percent",
        note="Residual share of all other platforms: the article names 視頻號 (WeChat Channels), "
             "小紅書 (Xiaohongshu), 唯品會 (Vipshop) 等新興平臺. " + _SHARES_2024_NOTE,
    ),
    figure(
        "過去一年品牌在小紅書上的種草筆記點擊率提升了20%",
        "20%",
        entity="xiaohongshu", metric="ctr_growth", period="2024-05/2025-04",  # 過去一年
        scope="brand seeding notes (種草筆記) on Xiaohongshu",
        value=20, unit="percent",
        note="數據顯示 without a named source. 提升了20% is read as relative growth of the "
             "click-through rate; the text does not rule out percentage points.",
    ),
    figure(
        "互動率增長了109%",
        "109%",
        entity="xiaohongshu", metric="engagement_rate_growth", period="2024-05/2025-04",  # 過去一年
        scope="brand seeding notes (種草筆記) on Xiaohongshu",
        value=109, unit="percent",
        note="數據顯示 without a named source; same sentence as the 20% click-through growth. "
             "Read as relative growth of the interaction rate.",
    ),
    figure(
        "阿里宣布三年內(nèi)投入超3800億元用于云和AI基礎設施建設",
        "超3800億元",
        entity="alibaba_group", metric="capex_plan", period="3 years from 2024-02",  # 三年內, from 2024年2月 (note)
        scope="cloud and AI infrastructure, three-year plan",
        value=380_000_000_000, unit="CNY", qualifier="at_least",
        note="Period: three years (三年內) from the announcement month as this article gives it "
             "(2024年2月). The plan was announced in February 2025 according to other reporting, and another "
             "archived article (2026-02-10-ginlix-qwen-ticketing) speaks of the three-year plan "
             "without a date. The article adds that the sum exceeds the past ten years' "
             "investment and nearly equals two and a half years of net profit.",
    ),
    figure(
        "阿里云的AI相關業(yè)務已連續(xù)六個季度實現(xiàn)三位數(shù)增長",
        "三位數",
        entity="alibaba_cloud", metric="ai_revenue_growth", period="FY2024",  # 2024財年財報 (note)
        scope="AI-related business of Alibaba Cloud, year-on-year",
        value=100, unit="percent", qualifier="at_least",
        note="三位數增長 (triple-digit growth) read as at least 100% year on year, six quarters "
             "running. The article places it in the 2024財年財報; Alibaba reported a sixth "
             "consecutive quarter of triple-digit AI-related product revenue growth for the "
             "quarter ended December 2024 (fiscal 2025), so the fiscal year may be off. The "
             "article says 業務 growth, not explicitly revenue.",
    ),
]

DISMISSED = [
    dismiss(
        "兩位最高領導的發(fā)言", "兩位",
        reason="not_business_figure", note="the two leaders quoted (吳泳銘, 蔡崇信), a small count",
    ),
    dismiss(
        "宣布分拆六大業(yè)務的這兩年里", "六大",
        reason="not_business_figure",
        note="count of business groups in the 1+6+N split, an org-chart detail",
    ),
    dismiss(
        "在電商(遠場)與外賣(近場)兩個賽道之中統(tǒng)一了", "兩個",
        reason="not_business_figure", note="two tracks (far-field e-commerce, near-field delivery), rhetoric",
    ),
    dismiss(
        "阿里正試圖在組織和生態(tài)兩個維度構(gòu)建新的增長基礎", "兩個",
        reason="not_business_figure", note="two dimensions (organisation, ecosystem), rhetoric",
    ),
]
