"""虎嗅APP, 《蚂蚁向外生长》 (reposted by ByteAILab), dated 2024-06-18.

A reading of Ant Group's 2023 sustainability (ESG) report, released 2024-06-13.
Full-width punctuation (，；：（）); quotes copy it exactly. The archived text is
truncated mid-sentence (``目前有超150家基``): that last mention is dismissed.

Attribution: ``attributed_to`` names a report only where the sentence or its
paragraph does (最新的ESG报告里 / 最新ESG报告显示 / ESG报告还首度披露 /
《支付宝平台商业活力报告》（2024.4）); the other figures are the article's own
statements, most of them probably drawn from the same ESG report, and their
notes say so. Relative dates resolve against 2024-06-18 (今年4月 = 2024-04).
"""
from extract.declare import dismiss, figure


ESG_REPORT = "蚂蚁集团2023年度可持续发展报告"
ALIPAY_REPORT = "支付宝平台商业活力报告（2024.4）"

MEDICAL = "medical appointments and medical-insurance payments (预约看病和用医保支付) on Alipay"
_UNNAMED = ("The sentence names no source; the article is a reading of Ant's 2023 ESG report, "
            "which is the likely origin.")

FIGURES = [
    figure(
        "2023年蚂蚁集团研发投入高达211.9亿元",
        "211.9亿元",
        entity="ant_group", metric="rd_spend", period="2023",  # 2023年
        scope="Ant Group R&D investment",
        value=21_190_000_000, unit="CNY",
        attributed_to=ESG_REPORT,
        note="最新的ESG报告里: from Ant's 2023 sustainability report. 高达 (as high as) is emphasis, "
             "not a bound. The next sentence restates it as 超过200亿 (dismissed as a duplicate).",
    ),
    figure(
        "已经为浙江省内的近百家医院提供了超过150万人次的服务",
        "近百家",
        entity="anzhener", metric="hospitals", period="as of 2024-06-18",  # 至今
        scope="hospitals in Zhejiang served by the 安诊儿 AI medical assistant",
        value=100, unit="establishments", qualifier="approx",
        note="近百家: nearly a hundred (just under 100). Cumulative since the 2023 launch, to the "
             "article's date. " + _UNNAMED,
    ),
    figure(
        "已经为浙江省内的近百家医院提供了超过150万人次的服务",
        "超过150万人次",
        entity="anzhener", metric="person_times_served", period="as of 2024-06-18",  # 至今
        scope="services (consultation, triage, reports, insurance) by the 安诊儿 AI medical assistant",
        value=1_500_000, unit="person_times", qualifier="at_least",
        note="人次: uses, not distinct people. Cumulative since the 2023 launch, to the article's "
             "date. " + _UNNAMED,
    ),
    figure(
        "截至2023年已有5.3亿人用支付宝预约看病和用医保支付",
        "5.3亿人",
        entity="alipay", metric="users", period="as of 2023-12-31",  # 截至2023年
        scope=MEDICAL,
        value=530_000_000, unit="persons",
        note="People who have used Alipay for medical appointments or medical-insurance payment "
             "(cumulative). Repeated later in the article (dismissed as a duplicate). " + _UNNAMED,
    ),
    figure(
        "比上年增长约1亿人",
        "约1亿人",
        entity="alipay", metric="user_change", period="2023",  # 比上年 (the year before 2023; note)
        scope=MEDICAL,
        value=100_000_000, unit="persons", qualifier="approx",
        note="Increase over the previous year in the 5.3亿 users of Alipay's medical services. "
             + _UNNAMED,
    ),
    figure(
        "到今年4月已经有1200万用户体验过",
        "1200万用户",
        entity="zhixiaobao", metric="users", period="as of 2024-04-30",  # 到今年4月
        scope="users who have tried the 支小宝 AI financial assistant (cumulative)",
        value=12_000_000, unit="persons",
        note="Cumulative users who tried 支小宝 by April 2024. A later sentence gives the same "
             "1200万 for 支小宝2.0 (dismissed as a duplicate); the two may or may not be one figure.",
    ),
    figure(
        "OceanBase服务的企业用户数，从2022年底的400家",
        "400家",
        entity="oceanbase", metric="enterprise_customers", period="as of 2022-12-31",  # 2022年底
        scope="enterprise customers of OceanBase distributed database",
        value=400, unit="establishments",
        attributed_to=ESG_REPORT,
        note="The paragraph cites the latest ESG report (最新ESG报告显示).",
    ),
    figure(
        "增至2023年底的超1000家",
        "超1000家",
        entity="oceanbase", metric="enterprise_customers", period="as of 2023-12-31",  # 2023年底
        scope="enterprise customers of OceanBase distributed database",
        value=1000, unit="establishments", qualifier="at_least",
        attributed_to=ESG_REPORT,
        note="The paragraph cites the latest ESG report (最新ESG报告显示).",
    ),
    figure(
        "ESG报告还首度披露，蚂蚁数字科技板块已累计服务13000家企业",
        "13000家",
        entity="ant_digital_technologies", metric="enterprise_customers", period="as of 2023-12-31",  # undated; the ESG report's year end (note)
        scope="enterprises served by Ant Digital Technologies (cumulative)",
        value=13_000, unit="establishments",
        attributed_to=ESG_REPORT,
        note="累计服务: cumulative. The text gives no date; bound to the end of 2023, the period "
             "the ESG report covers.",
    ),
    figure(
        "支付宝的生活服务用户依旧有数亿规模",
        "数亿",
        entity="alipay", metric="users", period="as of 2024-06-18",  # 至今
        scope="users of Alipay's life services, leaving payment use aside",
        value=100_000_000, unit="persons", unit_implied=True, qualifier="at_least",
        note="数亿 (several hundred million): recorded as at least 1亿, the only bound the word "
             "guarantees. Present tense, read as of the article. " + _UNNAMED,
    ),
    figure(
        "支付宝已经上线了全国31个省级行政单位的“一网通办”服务",
        "31个",
        entity="alipay", metric="regions_covered", period="as of 2023-12-31",  # 截至2023年底
        scope="provincial-level regions with 一网通办 government services on Alipay",
        value=31, unit="units",
        note=_UNNAMED,
    ),
    figure(
        "累计服务用户数超6亿",
        "超6亿",
        entity="alipay", metric="users", period="as of 2023-12-31",  # 截至2023年底
        scope="一网通办 government services on Alipay (cumulative users served)",
        value=600_000_000, unit="persons", unit_implied=True, qualifier="at_least",
        note=_UNNAMED,
    ),
    figure(
        "超过8亿人用支付宝处理公共服务事项",
        "超过8亿人",
        entity="alipay", metric="users", period="as of 2023-12-31",  # 截至2023年底
        scope="public services on Alipay (social security, housing fund, utility bills, transit)",
        value=800_000_000, unit="persons", qualifier="at_least",
        note=_UNNAMED,
    ),
    figure(
        "支付宝商家小程序的年成交额，在2022、2023两年高速增长，增幅分别为49.2%",
        "49.2%",
        entity="alipay", metric="gmv_growth", period="2022",  # 2022、2023两年 (the first)
        scope="annual transaction value of merchant mini-programs on Alipay, year on year",
        value=49.2, unit="percent",
        note="增幅分别为49.2%、68%: 2022 and 2023 respectively. " + _UNNAMED,
    ),
    figure(
        "增幅分别为49.2%、68%",
        "68%",
        entity="alipay", metric="gmv_growth", period="2023",  # 2022、2023两年 (the second)
        scope="annual transaction value of merchant mini-programs on Alipay, year on year",
        value=68, unit="percent",
        note="增幅分别为49.2%、68%: 2022 and 2023 respectively. " + _UNNAMED,
    ),
    figure(
        "至今有427万商家通过小程序等平台工具实现数字化运营的提升",
        "427万商家",
        entity="alipay", metric="merchants", period="as of 2024-06-18",  # 至今
        scope="merchants digitising operations through Alipay mini-programs and other tools",
        value=4_270_000, unit="establishments",
        note="至今: to the article's date. " + _UNNAMED,
    ),
    figure(
        "在最近半年内，泛财商主题的短视频播放量增长了18倍",
        "18倍",
        entity="alipay", metric="video_views_growth", period="2023-11/2024-04",  # 最近半年内, read against the report of 2024.4 (note)
        scope="plays of short videos on wealth and business (泛财商) topics on Alipay",
        value=18, unit="multiple",
        attributed_to=ALIPAY_REPORT,
        note="最近半年 is relative to the report (2024.4), not to the article: taken as the six "
             "months to April 2024; the report's exact window is not given. 增长了18倍 is kept "
             "as printed; whether plays reached 18x or 19x the base is ambiguous.",
    ),
]

_SMALL_COUNT = "a count of directions, businesses or units in the prose, not a business figure"

DISMISSED = [
    dismiss("蚂蚁的技术战略，未来十年都将聚焦上述两个方向", "两个", reason="not_business_figure", note=_SMALL_COUNT),
    dismiss("在三个核心方向，推出大模型商业化应用", "三个", reason="not_business_figure", note=_SMALL_COUNT),
    dismiss("这三个方向分别是金融服务", "三个", reason="not_business_figure", note=_SMALL_COUNT),
    dismiss("蚂蚁数科和OceanBase这两块主要的技术商业化业务", "两块", reason="not_business_figure", note=_SMALL_COUNT),
    dismiss("为蚂蚁数字科技、OceanBase、蚂蚁国际三个业务设置独立的董事会", "三个", reason="not_business_figure",
            note=_SMALL_COUNT),
    dismiss(
        "超过200亿的研发投入去了哪里", "超过200亿",
        reason="duplicate", note="restates the 211.9亿元 R&D spend of 2023 (rd_spend row) in round figures",
    ),
    dismiss(
        "最新测试的“支小宝2.0”，已经有1200万用户体验", "1200万用户",
        reason="duplicate",
        note="the same 1200万 as the zhixiaobao users row (到今年4月已经有1200万用户体验过)",
    ),
    dismiss(
        "；5.3亿人用支付宝预约看病和用医保支付", "5.3亿人",
        reason="duplicate", note="repeats the 5.3亿人 of the alipay users row (截至2023年…预约看病和用医保支付)",
    ),
    dismiss(
        "目前有超150家基", "超150家",
        reason="truncated", note="the archived text ends mid-word (基…, probably 基金公司): what the 150 count is cannot be read",
    ),
]
