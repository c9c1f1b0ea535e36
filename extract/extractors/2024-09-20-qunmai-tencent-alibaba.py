"""群脉SCRM, 《腾讯阿里联手,是共赢还是新一轮“圈地运动”?》, published 2024-09-20.

A marketing-firm blog post on Taobao accepting WeChat Pay. Simplified script with
ASCII commas (,); quotes copy them exactly (including the space in ``仅为 4%``).
Only the MAU comparison names a source (QuestMobile); the other figures are the
article's own statements (``attributed_to=None``).

Doubts kept in notes, figures as printed: 2025财年第一季度 is Alibaba's fiscal
quarter April-June 2024 (fiscal year ending 31 March), not a 2025 quarter; the
QuestMobile 7.5亿 vs 7.49亿 comparison rests on a 0.01亿 difference and does not
say which Alibaba app is counted; Tencent's 4% carries no period of its own.
"""
from extract.declare import dismiss, figure


CHINA_ECOMMERCE = "China e-commerce"

_MAU_NOTE = (
    "QuestMobile measures apps; the text compares 拼多多 with 阿里巴巴 without saying which "
    "Alibaba app(s) the 7.49亿 counts (probably 淘宝). The lead is 0.01亿 (about 1 million, "
    "0.13%), within the rounding of the printed figures, so 超过 is a thin claim."
)
_FY2025Q1_NOTE = (
    "2025财年第一季度 is Alibaba's fiscal quarter April-June 2024 (fiscal year ends 31 March), "
    "the latest reported when the article appeared."
)

FIGURES = [
    figure(
        "2022年6月,拼多多月活跃用户数达到7.5亿",
        "7.5亿",
        entity="pinduoduo", metric="mau", period="2022-06",  # 2022年6月
        scope="China e-commerce apps",
        value=750_000_000, unit="persons", unit_implied=True,
        attributed_to="QuestMobile",
        note=_MAU_NOTE,
    ),
    figure(
        "超过了阿里巴巴的7.49亿",
        "7.49亿",
        entity="alibaba_group", metric="mau", period="2022-06",  # 2022年6月
        scope="China e-commerce apps",
        value=749_000_000, unit="persons", unit_implied=True,
        attributed_to="QuestMobile",
        note=_MAU_NOTE,
    ),
    figure(
        "抖音电商GMV在2021年就突破了万亿大关",
        "突破了万亿",
        entity="douyin_ecommerce", metric="gmv", period="2021",  # 2021年
        scope=CHINA_ECOMMERCE,
        value=1_000_000_000_000, unit="CNY", unit_implied=True, qualifier="at_least",
        note="突破了万亿大关: passed one trillion (currency implied: CNY). No source named.",
    ),
    figure(
        "快手电商也紧随其后,在2022年实现了9000亿的GMV",
        "9000亿",
        entity="kuaishou_ecommerce", metric="gmv", period="2022",  # 2022年
        scope=CHINA_ECOMMERCE,
        value=900_000_000_000, unit="CNY", unit_implied=True,
        note="Currency implied: CNY. No source named.",
    ),
    figure(
        "2025财年第一季度,阿里集团收入同比增长仅为 4%",
        "4%",
        entity="alibaba_group", metric="revenue_growth", period="FY2025Q1",  # 2025财年第一季度
        scope="Alibaba Group revenue, year on year",
        value=4, unit="percent",
        note=_FY2025Q1_NOTE + " No source named.",
    ),
    figure(
        "其中核心电商业务淘天集团收入同比下滑 1%",
        "1%",
        entity="taotian_group", metric="revenue_growth", direction="fall", period="FY2025Q1",  # 2025财年第一季度
        scope="Taobao and Tmall Group revenue, year on year",
        value=1, unit="percent",
        note="下滑 1%: a fall of 1%. " + _FY2025Q1_NOTE + " No source named.",
    ),
    figure(
        "而腾讯的金融科技及企业服务增速也仅保持在了4%",
        "4%",
        entity="tencent_fintech_business_services", metric="revenue_growth", period="2024Q2",  # undated; the quarter the sentence pairs it with (note)
        scope="Tencent FinTech and Business Services segment revenue, year on year",
        value=4, unit="percent",
        note="The text gives no period or basis; the sentence pairs it with Alibaba's April-June "
             "2024 quarter, and Tencent's matching report is calendar 2024Q2 (Tencent's fiscal "
             "year is the calendar year). 增速 read as year-on-year revenue growth. No source named.",
    ),
]

_RHETORIC = "a count in the prose (two giants, two ecosystems, two aspects), not a business figure"

DISMISSED = [
    dismiss("全文共3678字", "3678字", reason="page_furniture", note="word count of the page, inside the body range"),
    dismiss("这意味着,中国互联网的两大巨头", "两大", reason="not_business_figure", note=_RHETORIC),
    dismiss("阿里巴巴凭借淘宝和天猫两大平台", "两大", reason="not_business_figure", note=_RHETORIC),
    dismiss("将中国互联网分割成两个相对封闭的生态系统", "两个", reason="not_business_figure", note=_RHETORIC),
    dismiss("主要体现在以下两个方面", "两个", reason="not_business_figure", note=_RHETORIC),
]
