"""壹览商业, 《蚂蚁集团“全面进攻”阿里巴巴?》 (李彦), on 鸟哥笔记, published 2026-01-30.

Simplified script. The body is the article only: the share / rating buttons, the
"羽毛" reward offers (Xinstall 15天, 30天会员, 20元优惠券 ...), the author card
(发表文章825) and the site's long community rules after "壹览商业 / 分享到朋友圈"
are page furniture outside the body and are not read here.

Relative dates resolve against the publication date: 去年双11 is Double 11 of 2025.
Figures with no date in the text ("即便是现在", "已能成为") are read as of publication.
"""
from extract.declare import dismiss, figure


# Present-tense statements carry no date of their own; the article's date is the best bound.
AS_OF_PUBLICATION = "as of 2026-01-30"

FIGURES = [
    figure(
        "在去年双11期间,天天秒杀”创下日销248万单的最高日销售纪录",
        "248万单",
        entity="alipay_tiantian_miaosha", metric="daily_orders", period="Double 11 2025",  # 去年双11期间
        scope="China e-commerce: Alipay 天天秒杀 flash-sale channel",
        value=2_480_000, unit="orders",
        note="Record single-day orders of the 天天秒杀 channel inside Alipay, run jointly by "
             "淘工厂 and Alipay; not Alipay-wide orders. The source has an unmatched closing "
             "quote (天天秒杀”) kept verbatim.",
    ),
    figure(
        "几乎都已售出上万件",
        "上万件",
        entity="alipay_tiantian_miaosha", metric="units_sold_per_listing", period=AS_OF_PUBLICATION,
        scope="China e-commerce: Alipay 天天秒杀 flash-sale channel",
        value=10_000, unit="pieces", qualifier="at_least",
        note="壹览商业's own observation of the channel's listings: 'almost all' of the "
             "single-digit-price daily goods show over ten thousand pieces sold. A per-listing "
             "count, not channel sales; 几乎都 means some listings fall short.",
    ),
    figure(
        "淘宝大会员的钻石会员享有18+项权益",
        "18+项",
        entity="taobao_membership", metric="member_benefits", period=AS_OF_PUBLICATION,
        scope="淘宝大会员 membership programme, diamond tier",
        value=18, unit="items", qualifier="at_least",
        note="Number of benefits of the diamond tier of 淘宝大会员; '18+' read as at least 18.",
    ),
    figure(
        "支付宝会员享有41项权益",
        "41项",
        entity="alipay_membership", metric="member_benefits", period=AS_OF_PUBLICATION,
        scope="支付宝会员 membership programme, diamond tier",
        value=41, unit="items",
        note="Number of benefits of the diamond tier of 支付宝会员 (以钻石会员为例).",
    ),
    # One mention, two figures: 均破亿 says both monthly and daily actives passed 100 million.
    figure(
        "豆包已能成为国内首个月活、日活均破亿的AI应用",
        "破亿",
        entity="doubao", metric="mau", period=AS_OF_PUBLICATION,
        scope="China AI apps",
        value=100_000_000, unit="persons", unit_implied=True, qualifier="at_least",
        attributed_to="36氪",
        note="月活、日活均破亿: monthly actives passed 100 million (the same mention carries the "
             "DAU row). The article gives no date for 36氪's report; read as of publication. "
             "'已能成为' (can already become) is ambiguous between has become and is about to.",
    ),
    figure(
        "豆包已能成为国内首个月活、日活均破亿的AI应用",
        "破亿",
        entity="doubao", metric="dau", period=AS_OF_PUBLICATION,
        scope="China AI apps",
        value=100_000_000, unit="persons", unit_implied=True, qualifier="at_least",
        attributed_to="36氪",
        note="月活、日活均破亿: daily actives passed 100 million (the same mention carries the "
             "MAU row). The article gives no date for 36氪's report; read as of publication. "
             "'已能成为' (can already become) is ambiguous between has become and is about to.",
    ),
    figure(
        "即便是现在,阿里仍有蚂蚁33%的股份",
        "33%",
        entity="alibaba_group", metric="equity_stake", period=AS_OF_PUBLICATION,  # 现在
        scope="equity held in Ant Group",
        value=33, unit="percent",
        note="Ownership stake that Alibaba Group holds in Ant Group (阿里仍有蚂蚁33%的股份), "
             "not a market share.",
    ),
]

# Only the quantity/range mentions the scanner reports need an entry; dates, durations,
# ordinals and identifiers are accounted for by their scanner kind. The three product
# claims below are durations the engine would account for anyway; they are dismissed by
# hand so the coverage table says why they are not figures.
DISMISSED = [
    dismiss(
        "蚂蚁集团和阿里巴巴,这两家兄弟公司", "两家",
        reason="not_business_figure", note="the two companies the article is about, a small count",
    ),
    dismiss(
        "可以看到大量仅需个位数即可拿下的日用百货商品", "个位数",
        reason="not_business_figure",
        note="price tier that picks out which goods are meant (single-digit yuan), not a measured "
             "figure; the per-listing sales figure of the same goods is 上万件",
    ),
    dismiss(
        "以“用自然语言能在手机端30秒生成小应用”为卖点", "30秒",
        reason="not_business_figure", note="product claim of 灵光, a marketing slogan",
    ),
    dismiss(
        "支持用户在30秒内通过自然语言生成日常生活小应用", "30秒",
        reason="not_business_figure", note="product claim of 灵光闪应用",
    ),
    dismiss(
        "阿里和蚂蚁集团在48小时内先后发布了千问及灵光", "48小时",
        reason="not_business_figure", note="launch timing of two apps, not a business figure",
    ),
    dismiss(
        "壹览商业对比两款应用界面的第一感知", "两款",
        reason="not_business_figure", note="the two apps compared (千问, 灵光), a small count",
    ),
]
