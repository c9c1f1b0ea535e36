"""Context for a drafted claim: the period and the entity a figure's surroundings give it.

:mod:`extract.guess` reads the words right around a number; this module reads the
article around the sentence, the way a person does:

* **The reported period of a results article.** ``第三季業績``, ``截至2025年6月30日止
  三個月``, ``2026财年第二季度`` in the title or the opening sentences set the period
  the article reports on (:func:`report_period`); ``期内``, ``本季``, ``按年``/``同比``
  (a change *in* that period), ``上季``, ``次季``, ``去年同期`` are resolved against it
  and the entity's fiscal year end.
* **Governing phrases.** ``截至2025年9月,`` at the start of a paragraph, and a short
  dated heading line (``2025年10月AI应用月活榜``), are carried to the sentences they govern.
* **Festival windows.** ``今年双十一``, ``618`` in a sales roundup.
* **Flows are never "as of".** Revenue, profit, GMV, MAU and growth cover a span; an
  ``as of`` reading (``截至6月底``) becomes the month for a monthly metric and is left
  ``TODO`` (with the candidates) for a flow whose span the text does not give.
* **Entities from the sentence.** ``分别/依次/各`` lists are aligned in order; the name in
  the figure's own clause wins; the subject of an earlier clause or the paragraph's
  opening sentence is carried to figures that name no one; a name the registry lacks is
  *proposed* (:class:`EntityGuess` with ``proposed=True``), never replaced by a known
  name further away.

Everything works on the normalised text (:mod:`extract.textlayer`: simplified script,
ASCII punctuation), so Hong Kong and Taiwan usage (期內, 按年, 純利) meets the same rules.

Example::

    >>> from datetime import date
    >>> rp = report_period("网易公布第二季业绩,期内净收入为279亿元", date(2025, 8, 20))
    >>> rp.start, rp.end, rp.phrase
    (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30), '第二季业绩')
    >>> label_for(rp.start, rp.end, "12-31")
    '2025Q2'
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["EntityGuess", "PeriodGuess", "ReportPeriod", "ArticleContext", "label_for", "report_period",
           "is_flow", "resolve_phrase"]

SENTENCE_STOPS = "。！？!?；;\n"
CLAUSE_STOPS = ",，:：;；。！？!?\n"
LIST_SEPS = "、"

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
       "十二": 12}


def _n(s: str) -> int:
    return int(s) if s.isdigit() else _CN[s]


# ------------------------------------------------------------------ date arithmetic on month grids


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _shift(y: int, m: int, k: int) -> tuple[int, int]:
    # Month arithmetic on pandas' monthly periods: the calendar is pandas' to get right.
    import pandas as pd

    p = pd.Period(year=y, month=m, freq="M") + k
    return p.year, p.month


def _span_months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def shift_span(start: date, end: date, months: int) -> tuple[date, date]:
    """The whole-month span ``[start, end]`` moved by ``months`` (negative: earlier).

    Example::

        >>> shift_span(date(2025, 4, 1), date(2025, 6, 30), -12)
        (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))
    """
    sy, sm = _shift(start.year, start.month, months)
    ey, em = _shift(end.year, end.month, months)
    return date(sy, sm, 1), _month_end(ey, em)


def label_for(start: date, end: date, fiscal_year_end: str = "12-31") -> str:
    """The canonical label (:mod:`extract.periods`) of a whole-month span.

    A quarter, half or year on an entity's fiscal grid is named on that grid
    (``FY2026Q2`` for July-September 2025 when the fiscal year ends in March);
    else calendar labels; else an explicit ``YYYY-MM/YYYY-MM`` span.

    Example::

        >>> label_for(date(2025, 7, 1), date(2025, 9, 30), "03-31"), label_for(date(2025, 7, 1), date(2025, 9, 30))
        ('FY2026Q2', '2025Q3')
        >>> label_for(date(2025, 1, 1), date(2025, 9, 30)), label_for(date(2025, 10, 1), date(2025, 10, 31))
        ('2025-01/2025-09', '2025-10')
    """
    months = _span_months(start, end)
    fye_month = int(fiscal_year_end[:2]) if fiscal_year_end else 12
    if months == 1:
        return f"{start.year:04d}-{start.month:02d}"
    if months in (3, 6, 12):
        offset = (start.month - 1 - fye_month) % 12  # months since the fiscal year began
        if offset % months == 0:
            n = offset // months + 1
            fy = end.year if end.month <= fye_month else end.year + 1
            if fye_month == 12:
                return {3: f"{start.year}Q{n}", 6: f"{start.year}H{n}", 12: f"{start.year}"}[months]
            return {3: f"FY{fy}Q{n}", 6: f"FY{fy}H{n}", 12: f"FY{fy}"}[months]
        if months == 3 and start.month % 3 == 1:
            return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return f"{start.year:04d}-{start.month:02d}/{end.year:04d}-{end.month:02d}"


# ------------------------------------------------------------------ the period a results article reports on


@dataclass(frozen=True)
class ReportPeriod:
    """The span a results article reports on, and the words that said so.

    ``fiscal`` is True when the article counts on the company's fiscal grid
    (``财年``); ``quarter_only`` when only the quarter number was given and the year
    was taken as the latest such quarter ended before publication.

    Example::

        >>> ReportPeriod(date(2025, 4, 1), date(2025, 6, 30), "第二季业绩").months
        3
    """

    start: date
    end: date
    phrase: str
    fiscal: bool = False
    quarter_only: bool = False

    @property
    def months(self) -> int:
        """Length in months (3 a quarter, 6 a half, 12 a year).

        Example::

            >>> ReportPeriod(date(2025, 1, 1), date(2025, 6, 30), "上半年业绩").months
            6
        """
        return _span_months(self.start, self.end)


_Q = r"[一二三四1-4]"
_RESULTS = r"(?:业绩|财报|季报|年报|中报|财务报告|业绩报告|财务业绩|未经审核|营运数据|经营数据)"
_REPORT_PATTERNS = (
    # 截至2025年6月30日止三个月 / 止第二季 / 止年度 / 止六个月
    re.compile(r"截至(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日止(?:的)?(?:第" + _Q + r"季度?|(?P<len>三|3|六|6|九|9|十二|12)个月|"
               r"(?P<q>季度|季)|(?P<h>半年|中期)|(?P<yr>年度|全年|财年|财政年度))"),
    re.compile(r"(?P<fy>\d{4})\s*财年\s*(?:第\s*(?P<fq>" + _Q + r")\s*(?:财季|季度|季)|(?P<fh>上半年|中期)|(?P<fyr>全年|年度)?)"),
    re.compile(r"(?:(?P<y>\d{4})\s*年?\s*)?(?:第\s*(?P<q>" + _Q + r")\s*(?:季度|季)|(?P<q2>" + _Q +
               r")\s*季度|Q(?P<q3>[1-4]))\s*" + _RESULTS),
    re.compile(r"(?P<y>\d{4})\s*年?\s*(?:(?P<yr>全年|年度|全年度)|(?P<h>上半年|中期|半年度)|(?P<nine>前三季度|首三季))\s*" + _RESULTS),
)


def report_period(head: str, published: date, fiscal_year_end: str = "12-31") -> ReportPeriod | None:
    """The reported period named in ``head`` (the title and opening sentences, normalised).

    Only phrases tied to results (``业绩``, ``财报``, ``截至…止三个月``) count: a
    passing ``第三季度`` elsewhere does not make an article a results article.

    Example::

        >>> report_period("阿里巴巴公布截至2025年9月30日止季度业绩", date(2025, 11, 26)).end
        datetime.date(2025, 9, 30)
        >>> report_period("腾讯2025财年第三季度财报", date(2025, 11, 13), "12-31").start
        datetime.date(2025, 7, 1)
        >>> report_period("豆包月活破亿", date(2025, 11, 13)) is None
        True
    """
    fye_month = int(fiscal_year_end[:2])
    for i, rx in enumerate(_REPORT_PATTERNS):
        m = rx.search(head)
        if not m:
            continue
        g = m.groupdict()
        phrase = m.group()
        if i == 0:
            end = date(int(g["y"]), int(g["m"]), 1)
            months = (_n(g["len"]) if g["len"] else 6 if g["h"] else 12 if g["yr"] else 3)
            sy, sm = _shift(end.year, end.month, 1 - months)
            return ReportPeriod(date(sy, sm, 1), _month_end(end.year, end.month), phrase)
        if i == 1:
            fy = int(g["fy"])
            fy_start_y, fy_start_m = _shift(fy, fye_month, -11)
            if g["fq"]:
                k, size = _n(g["fq"]) - 1, 3
            elif g["fh"]:
                k, size = 0, 6
            else:
                k, size = 0, 12
            sy, sm = _shift(fy_start_y, fy_start_m, k * size)
            ey, em = _shift(sy, sm, size - 1)
            return ReportPeriod(date(sy, sm, 1), _month_end(ey, em), phrase, fiscal=True)
        if i == 2:
            q = _n(g["q"] or g["q2"] or g["q3"])
            if g["y"]:
                y, only = int(g["y"]), False
            else:
                # The latest quarter q that had ended when the article appeared: results follow the quarter.
                y = published.year if _month_end(published.year, 3 * q) < published else published.year - 1
                only = True
            return ReportPeriod(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), phrase, quarter_only=only)
        y = int(g["y"])
        if g["yr"]:
            return ReportPeriod(date(y, 1, 1), date(y, 12, 31), phrase)
        if g["h"]:
            return ReportPeriod(date(y, 1, 1), date(y, 6, 30), phrase)
        return ReportPeriod(date(y, 1, 1), date(y, 9, 30), phrase)
    return None


# ------------------------------------------------------------------ flows and stocks

#: Metrics measured at a moment (a count standing at a date). Everything else a figure
#: measures is a flow over a span and never gets an ``as of`` period.
STOCK_METRICS = frozenset({
    "users", "merchants", "hospitals", "employees", "enterprise_customers", "equity_stake", "share_price",
    "market_cap", "regions_covered", "features", "member_benefits", "registered_users", "cumulative_users",
    "stores", "cash", "headcount", "valuation", "paying_users",
})
#: Flows counted per month: an "as of" month end names the month itself.
MONTHLY_METRICS = frozenset(f"{base}{change}" for base in ("mau", "wau", "dau") for change in ("", "_growth"))


def is_flow(metric: str | None) -> bool | None:
    """True for a flow (revenue, MAU, growth), False for a stock, None when the metric is unknown.

    Example::

        >>> is_flow("revenue"), is_flow("users"), is_flow(None)
        (True, False, None)
    """
    if metric is None:
        return None
    return metric not in STOCK_METRICS


# ------------------------------------------------------------------ the resolver, old API or new


def resolve_phrase(phrase: str, published: date, fiscal_year_end: str = "12-31"):
    """``(label, start, end)`` for an article phrase or a canonical label, or None when it does not resolve.

    Uses :func:`extract.periods.resolve_phrase` (older checkouts: ``resolve_period``);
    either way the label returned is canonical.

    Example::

        >>> resolve_phrase("今年双十一", date(2025, 11, 12))[0]
        'Double 11 2025'
        >>> resolve_phrase("期内", date(2025, 11, 12)) is None
        True
    """
    from extract import periods

    resolve = getattr(periods, "resolve_phrase", None) or periods.resolve_period
    try:
        p = resolve(phrase, published, fiscal_year_end)
    except (ValueError, KeyError, TypeError):
        return None
    return p.label, p.start, p.end


# ------------------------------------------------------------------ guesses


@dataclass(frozen=True)
class PeriodGuess:
    """What the draft writes for ``period``: a canonical ``label`` with the article's ``phrase``,
    or ``label=None`` (TODO) with the ``candidates`` a reviewer picks from.

    Example::

        >>> PeriodGuess(None, "截至6月底", ("2025-06", "2025H1")).label is None
        True
    """

    label: str | None
    phrase: str
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityGuess:
    """Who a figure is about: a registry ``entity_id`` or, when ``proposed``, a name the registry lacks.

    Example::

        >>> EntityGuess(None, "知乎", proposed=True).proposed
        True
    """

    entity_id: str | None
    name: str
    proposed: bool = False
    how: str = ""


# Connectors and framing words that open a clause before its subject.
_LEADING = re.compile(
    r"^(?:在[^,]{1,15}?(?:中|内|里|上|方面)(?:的)?|按业务划分|按分部划分|按业务|分业务看|分业务|分板块看|累计|合计|竞争对手|对手|同业方面|同业|友商|投后|投前|经调整|"
    r"非国际财务报告准则下|非通用会计准则下|用户方面|业务方面|财务方面|同口径|剔除[^,]*影响|"
    r"归属于[\u4e00-\u9fff]{0,8}?股东的|归母|其旗下产品|旗下产品|其产品|其旗下|[^,]{1,12}旗下(?=.)|其中|此外|另外|同时|与此同时|相比之下|相较之下|而且|而|但是|但|不过|然而|并且|并|且|以及|及|和|与|则|也|亦|"
    r"其|据|根据|数据显示|显示|报告显示|财报显示|公告显示|统计显示|在|对于|至于|就|从|截至目前|目前|如今|当前|"
    r"期内|本季度|本季|季内|去年同期|上年同期|同期|今年|去年|全年|年内|报告期内|第[一二三四1-4]季度?|"
    r"[0-9]{4}年(?:[0-9]{1,2}月)?(?:份)?(?:底|末|初)?|[0-9]{1,2}月(?:份)?)+")
# Where a subject ends: a verb, a particle or a measure word before the figure.
_SUBJECT_END = re.compile(
    r"(?:的|分别|依次|各自|各|则|也|亦|仍|均|都|共|总|已|将|在|以|于|较|比|同比|环比|按年|按季|为|是|达到|达|录得|实现|"
    r"增长|增加|增|上升|升|下降|下跌|下滑|减少|跌|降|占|约|超过|超|突破|逾|近|月活|日活|周活|旗下|方面|去年|今年|全年|"
    r"期内|同期|第[一二三四1-4]季|收入|营收|净利|利润|毛利|GMV|用户|市场|份额|销售|成交|交易|研发|资本|经营|盈利|亏损|"
    r"溢利|纯利|下载|排名|位列|排|拿下|贡献|带动|推动|公布|发布|宣布|披露|表示|称|指出|预期|预计|透露|预告|交出|上线|公测|推出|上市|"
    r"本季|上季|下季|次季|上一季|期内|同期|今年|去年|上半年|下半年|全年|年度|第[一二三四1-4]季|主要|由于|因为|双11|双十一|618|大促|"
    r"(?:上|共|拥|还)?有(?=超|近|约|逾|[0-9]|$)|海外|国内|全球|近日|日前|完成|获得|有效|活跃|付费|注册|每股|"
    r"(?<=[\u4e00-\u9fff])[0-9])", re.I)
# Words that fill a subject slot without naming anyone.
GENERIC = frozenset("""
公司 集团 企业 平台 行业 市场 全球 中国 国内 海外 整体 总体 我们 他们 它们 该公司 本公司 该集团 对方 双方 各方 前者 后者
业务 产品 应用 服务 用户 品牌 商家 厂商 玩家 头部 头部企业 头部平台 龙头 巨头 大厂 互联网 电商 云 广告 游戏 金融科技
本地生活 国际 在线 线上 线下 会员 订阅 直播 音乐 视频 社交 营销 商品 外卖 到店 酒旅 出行 支付 理财 核心 主营 其他 其它
收入 营收 利润 净利 毛利 现金 费用 成本 开支 投入 规模 总额 总量 数量 人数 比例 比重 份额 增速 增幅 排名 榜单 数据 报告
财报 业绩 季度 年度 同期 期间 截至 今年 去年 明年 全年 上半年 下半年 AI 人工智能 大模型 模型 智能体 机构 分析师 投资者
下同 累计 应用 整体 商业化 人民币 港币 港元 美元 同比 环比 按年 按季 预期 预计 合计 累计 单季 当季 首位 第一 第二 第三
""".split())
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·&.\-]+")
_LINE_OF_BUSINESS = ("业务", "产品", "收入", "用户", "市场", "行业", "平台", "服务", "广告", "游戏", "电商", "支付",
                     "板块", "部门", "分部", "方面", "数据", "报告", "机构")
_GENERIC_SUFFIX = ("集团", "公司", "控股", "有限公司", "股份", "App", "APP", "app", "平台", "官方")


# A clause that only frames what follows (据星图数据统计, QuestMobile数据显示): its name is a source.
_FRAMING = re.compile(r"^据|^根据|(?:显示|统计|表示|指出|称|报道|介绍|透露|认为|发现)$")
_ONLY_WHEN = re.compile(r"(?:截至|截止到|截止|到|今年|去年)?(?:[0-9年月日时底末初至到\-()~]|双十一|双11|618|期间|当天|大促)+")
_COMPANY_WORDS = ("公司", "该公司", "集团", "该集团", "其")


_TOPIC_NEXT = re.compile(
    r"(?:\([^)]{0,12}\))?(?:则|也|亦|同样|的|方面|旗下|、|宣布|表示|公布|发布|录得|完成|获得|称|披露|预计|预期|第|本季|期内|"
    r"今年|去年|上半年|下半年|全年|前三|近日|日前|海外|国内|全球|有效|活跃|付费|注册|累计|[0-9])")


def _stands_as_subject(name: str, clause: str, opening: bool) -> bool:
    """Whether a name the registry lacks stands where a subject does, not making up the whole clause (分业务看).

    Opening a sentence, a metric cue or a verb may follow it (知乎用户量…); later in the
    sentence only a topic marker, a period or a reporting verb (美图则…, 蝦皮第三季…) or a
    name in Latin letters (可灵AI, PChome) marks a new subject: 商业化收入 is not one.
    """
    from extract.guess import CUE_RE

    if not clause.startswith(name):
        return False
    after = clause[len(name):]
    if not after:
        return False
    if _TOPIC_NEXT.match(after):
        return True
    if opening or re.search(r"[A-Za-z]", name):
        return bool(CUE_RE.match(after) or re.match(r"(?:达到|达|为|是|超过|超|突破|增长|下降|占)", after))
    return False


class _Blocked(str):
    """A subject slot that holds names, but not one the draft may take (微信及WeChat): TODO, not carried."""


def _clean_subject(raw: str) -> str | None:
    """The name a clause opens with, or None when the slot holds no plausible name
    (a :class:`_Blocked` string when it holds several)."""
    s = raw.strip(" \"'“”《》「」()（）[]")
    s = _LEADING.sub("", s)
    from extract.guess import CUE_RE

    ends = [m.start() for m in (_SUBJECT_END.search(s), CUE_RE.search(s)) if m]
    if ends:
        s = s[:min(ends)]
    s = s.strip(" \"'“”《》「」()（）")
    if not s or not _NAME_CHARS.fullmatch(s):
        return None
    if s in GENERIC or s.isdigit() or len(s) < 2 or len(s) > 12:
        return None
    if re.search(r"[及和与]", s):
        return _Blocked(s)  # 微信及WeChat: two names, not one
    if s.endswith(_LINE_OF_BUSINESS):
        return None  # 增值服务, 网络广告: a line of business of the subject, not a firm
    return s


class ArticleContext:
    """Context for every figure of one article (normalised text, body bounds, publication date).

    ``names`` maps case-folded registry names and aliases to ``entity_id``;
    ``fye`` maps an ``entity_id`` to its fiscal year end.

    Example::

        >>> text = "网易公布第二季业绩。期内净收入为279亿元,按年增9%。"
        >>> ctx = ArticleContext(text, 0, len(text), date(2025, 8, 20), "", {"网易": "netease"}, {})
        >>> ctx.entity(text.index("279")).entity_id, ctx.period(text.index("279"), "revenue", "netease").label
        ('netease', '2025Q2')
    """

    def __init__(self, text: str, lo: int, hi: int, published: date, title: str, names: dict[str, str],
                 fye: dict[str, str], figures: list[tuple[int, int]] = (), dates: list[tuple[int, int]] = (),
                 durations: list[tuple[int, int]] = ()):
        self.text, self.lo, self.hi, self.published = text, lo, hi, published
        self.names, self.fye = names, fye
        self.figures = sorted(figures)
        self.dates = sorted(dates)
        self.durations = sorted(durations)
        self._name_re = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)),
                                   re.I) if names else None
        # The title and the lead paragraph name what a results article reports on.
        head = title + "。" + text[lo:min(hi, lo + 300)]
        self.subject = self._first_entity(head)
        subject_fye = self.fye.get(self.subject.entity_id or "", "12-31") if self.subject else "12-31"
        self.report = report_period(head, published, subject_fye)
        self.festival = self._festival(title + "。" + text[lo:hi])
        first_line = text.find("\n", lo, hi)
        self._headline_end = hi if first_line == -1 else first_line

    # -- text structure ------------------------------------------------------
    def _sentence_start(self, at: int) -> int:
        i = at
        while i > self.lo and self.text[i - 1] not in SENTENCE_STOPS:
            i -= 1
        return i

    def _sentence_end(self, at: int) -> int:
        i = at
        while i < self.hi and self.text[i] not in SENTENCE_STOPS:
            i += 1
        return i

    def _clause(self, at: int, stops: str = CLAUSE_STOPS) -> tuple[int, int]:
        s = at
        while s > self.lo and self.text[s - 1] not in stops:
            s -= 1
        e = at
        while e < self.hi and self.text[e] not in stops:
            e += 1
        return s, e

    def _paragraph(self, at: int) -> tuple[int, int]:
        s = self.text.rfind("\n", self.lo, at) + 1 or self.lo
        s = max(s, self.lo)
        e = self.text.find("\n", at, self.hi)
        return s, (self.hi if e == -1 else e)

    def _headings_before(self, at: int) -> list[tuple[int, int]]:
        """Short lines without a full stop before ``at`` (nearest first): headings."""
        out = []
        ps, _ = self._paragraph(at)
        while ps > self.lo:
            prev_end = ps - 1
            s = self.text.rfind("\n", self.lo, prev_end) + 1 or self.lo
            s = max(s, self.lo)
            line = self.text[s:prev_end].strip()
            if line and len(line) <= 40 and not any(c in line for c in "。！？!?"):
                out.append((s, prev_end))
            ps = s
        return out

    # -- entities --------------------------------------------------------------
    def _opening(self, ss: int, cs: int) -> bool:
        """True when the clause at ``cs`` opens its sentence: after a colon, or only framing and dates before it."""
        before = self.text[ss:cs].rstrip()
        if not before or before[-1] in ":：":
            return True
        for part in re.split(f"[{re.escape(CLAUSE_STOPS)}]", before):
            rest = _LEADING.sub("", part.strip())
            if rest and not _FRAMING.search(rest) and not _ONLY_WHEN.fullmatch(rest):
                return False
        return True

    def _known(self, a: int, b: int) -> list[tuple[int, int, str]]:
        if self._name_re is None:
            return []
        return [(m.start(), m.end(), self.names[m.group().casefold()]) for m in self._name_re.finditer(self.text, a, b)]

    def _name_at(self, a: int, b: int, opening: bool = True, listed: bool = False) -> EntityGuess | None:
        """The name a stretch of text opens with: a registry name unless it is only the head of a longer name.

        A name the registry lacks is taken only where a subject stands: at the opening of a
        sentence (``opening``), or marked as a new topic (美图则…, 海螺AI的…), or in Latin script.
        """
        raw = self.text[a:b]
        subject = _clean_subject(raw)
        lead = len(raw) - len(_LEADING.sub("", raw.strip(" \"'“”《》「」()（）[]"))) if raw else 0
        known = self._known(a, b)
        if known:
            ks, ke, eid = known[0]
            # 腾讯音乐 is not 腾讯; 淘天集团客户管理 (a line of business described) is 淘天集团.
            rest = subject[ke - ks:] if subject else ""
            if subject and subject.startswith(self.text[ks:ke]) and 0 < len(rest) <= 3 and \
                    not rest.startswith(_GENERIC_SUFFIX) and not any(rest.startswith(g) for g in GENERIC if len(g) > 1):
                return EntityGuess(None, subject, proposed=True, how="name the registry lacks")
            return EntityGuess(eid, self.text[ks:ke], how="named")
        if isinstance(subject, _Blocked):
            return EntityGuess(None, subject, how="several names")
        if _FRAMING.search(raw.strip()):
            return None
        if subject and (listed or _stands_as_subject(subject, _LEADING.sub("", raw.strip(" \"'“”《》「」()（）[]")), opening)):
            return EntityGuess(None, subject, proposed=True, how="name the registry lacks")
        return None

    def _first_entity(self, head: str) -> EntityGuess | None:
        parts = [p for p in re.split(f"[{re.escape(CLAUSE_STOPS)}]", head) if p.strip()]
        for part in parts:
            if self._name_re is not None and (m := self._name_re.search(part)):
                return EntityGuess(self.names[m.group().casefold()], m.group(), how="article subject")
        # A name the registry lacks only where a subject stands: the opening clause.
        s = _clean_subject(parts[0]) if parts else None
        if s and not isinstance(s, _Blocked) and _stands_as_subject(s, _LEADING.sub("", parts[0].strip()), True):
            return EntityGuess(None, s, proposed=True, how="article subject")
        return None

    def _list_names(self, ss: int, k: int) -> list[EntityGuess] | None:
        """The names listed before the keyword at ``k`` (within its clause), or None."""
        cs = k
        while cs > ss and self.text[cs - 1] not in ",，;；:：":
            cs -= 1
        stretch = re.sub(r"(?:的)?(?:月活跃用户|月活|日活|周活|用户规模|用户数|收入|营收|市场份额|份额|市占率|GMV|成交额|净利润|"
                         r"规模|增速|增长|估值|下载量)(?:数|量)?$", "", self.text[cs:k]).rstrip("的")
        items = [x for x in re.split(r"[、,/]|以及|和|与|及", _LEADING.sub("", stretch)) if x.strip()]
        if len(items) < 2:
            return None
        guesses = []
        for item in items:
            i0 = self.text.find(item, cs, k)
            g = self._name_at(i0, i0 + len(item), listed=True) if i0 >= 0 else None
            if g is None:
                return None
            guesses.append(g)
        return guesses

    def _list_entity(self, at: int) -> EntityGuess | None | bool:
        """Align a ``分别/依次/各`` list; False when the sentence has no such list before ``at``."""
        ss, se = self._sentence_start(at), self._sentence_end(at)
        kws = [ss + m.start() for m in re.finditer(r"分别|依次|各自|各为|各达", self.text[ss:se]) if ss + m.start() < at]
        if not kws:
            return False
        k = kws[-1]
        # The values the keyword distributes: figures after it, up to the next keyword.
        values = [f[0] for f in self.figures if k < f[0] < se]
        if at not in values:
            return False
        # 环比分别增长8.1%、下降2.3%: a later list of the sentence shares the names of the first.
        names = None
        for kw in reversed(kws):
            names = self._list_names(ss, kw)
            if names:
                break
        if not names or len(values) < len(names):
            return None
        idx = values.index(at)
        if idx >= len(names):
            return None
        g = names[idx]
        return EntityGuess(g.entity_id, g.name, g.proposed, how="分别 list")

    def entity(self, at: int) -> EntityGuess:
        """The entity for the figure starting at ``at`` (an empty guess when nothing fits).

        Example::

            >>> t = "快手、小红书的月活跃用户分别达到4.1亿、3.2亿。"
            >>> ctx = ArticleContext(t, 0, len(t), date(2025, 8, 20), "", {"快手": "kuaishou"}, {},
            ...                      figures=[(16, 20), (21, 25)])
            >>> ctx.entity(16).entity_id, ctx.entity(21).name, ctx.entity(21).proposed
            ('kuaishou', '小红书', True)
        """
        listed = self._list_entity(at)
        if listed is not False:
            return listed or EntityGuess(None, "", how="分别 list that does not align")
        # The item of a 、 list or the clause that holds the figure, then the clause.
        ss = self._sentence_start(at)
        for stops in (CLAUSE_STOPS + LIST_SEPS, CLAUSE_STOPS):
            cs, _ = self._clause(at, stops)
            known = self._known(cs, at)
            if known:
                ks, ke, eid = known[-1]
                g = self._name_at(ks, at)
                if g and g.proposed and g.name.startswith(self.text[ks:ke]):
                    return g
                return EntityGuess(eid, self.text[ks:ke], how="named in the clause")
            # A clause parallel to one before it (A营收增长5%,B用户量增长8%) opens a subject of its own.
            parallel = cs > ss and self._figures_between(self._clause(cs - 1)[0], cs)
            g = self._name_at(cs, at, opening=self._opening(ss, cs) or parallel)
            if g is not None:
                return g
        # A name-like word heads the clause but does not stand as a subject: say TODO, never
        # carry a name from further away over it.
        cs, _ = self._clause(at)
        slot = _clean_subject(self.text[cs:at])
        if slot:
            return EntityGuess(None, str(slot), how="unsure whether this names a firm")
        # Carried: the nearest earlier clause of the sentence that names someone.
        cs, _ = self._clause(at)
        pos = cs - 1
        while pos > ss:
            ps, _ = self._clause(pos - 1)
            g = self._name_at(ps, pos, opening=self._opening(ss, ps))
            slot = _LEADING.sub("", self.text[cs:at].strip())
            owner = re.match(r"(.{2,12}?)旗下", self.text[ps:pos].strip())
            if g is not None and owner and slot.startswith(_COMPANY_WORDS):
                # X旗下Y…,公司…: 公司 is X, the owner, not the product Y.
                o = self._name_at(ps, ps + owner.end(1), listed=True)
                if o is not None:
                    return EntityGuess(o.entity_id, o.name, o.proposed, how="owner named before 旗下")
            if g is not None:
                return EntityGuess(g.entity_id, g.name, g.proposed, how="subject of the sentence")
            if self._figures_between(ps, pos) and not _ONLY_WHEN.fullmatch(_LEADING.sub("", self.text[ps:pos].strip())):
                break  # an earlier clause with its own figure and no subject: the chain is broken
            pos = ps - 1
        # The paragraph's opening sentence, then the article's subject.
        ps, _ = self._paragraph(at)
        if ps < ss:
            g = self._first_entity(self.text[ps:self._sentence_end(ps)])
            if g is not None:
                return EntityGuess(g.entity_id, g.name, g.proposed, how="subject of the paragraph")
        if self.subject is not None and self.report is not None:
            return EntityGuess(self.subject.entity_id, self.subject.name, self.subject.proposed,
                               how="subject of the results article")
        return EntityGuess(None, "")

    def _figures_between(self, a: int, b: int) -> bool:
        return any(a <= f[0] < b for f in self.figures)

    # -- periods ---------------------------------------------------------------
    def _festival(self, text: str) -> tuple[str, tuple[str, date, date]] | None:
        found = list(re.finditer(r"(今年|去年|\d{4}年)?(双十一|双11|618)", text))
        if not found:
            return None
        for m in found:
            # 今年双十一期间(10月20日至11月11日): the article's own window for the campaign.
            w = re.match(r"[^,。]{0,4}\((\d{1,2}月\d{1,2}日(?:至|到|-)\d{1,2}月\d{1,2}日)\)", text[m.end():])
            if w and (r := resolve_phrase(w[1], self.published)):
                return w[1], r
        m = found[0]
        r = resolve_phrase(m.group() if m[1] else ("今年" + m[2]), self.published)
        return (m.group(), r) if r else None

    def _phrases(self, a: int, b: int) -> list[tuple[int, str]]:
        """Period phrases in ``text[a:b]``: scanner dates widened to 截至…/…止, and relative words."""
        out = []
        for s, e in self.dates:
            if a <= s and e <= b:
                ps = s
                # (民国: Taiwan's calendar, which the scanner leaves outside the year it reads)
                pre = re.search(r"(?:截至|截止到|截止至|截止|到|至|今年|去年|前年|明年|民国)$", self.text[max(a, s - 4):s])
                if pre:
                    ps = s - len(pre.group())
                post = re.match(r"(?:底|末|初|止|为止|期间|当天|以来|全年|上半年|下半年|前三季度)?", self.text[e:b]).group()
                out.append((ps, self.text[ps:e + len(post)]))
        merged: list[tuple[int, str]] = []
        for ps, phrase in out:
            # 10月20日至11月11日: two dates joined by 至 are one span.
            joiner = self.text[merged[-1][0] + len(merged[-1][1]):ps] if merged else ""
            # 民國114年第3季: a year and the quarter right after it are one period.
            if merged and (re.fullmatch(r"\s*(?:至|到|-|—|–|~)\s*", joiner) or
                           (joiner == "" and phrase[:1] in "至到") or
                           (joiner == "" and resolve_phrase(merged[-1][1] + phrase, self.published) is not None)):
                start = merged[-1][0]
                merged[-1] = (start, self.text[start:ps + len(phrase)])
            else:
                merged.append((ps, phrase))
        out = merged
        for m in re.finditer(r"截至目前|截止目前|至今|目前|今年上半年|今年下半年|去年上半年|去年下半年|上半年|下半年|"
                             r"(?:累计)?(?:前三季度?|首三季|前三个季度)|今年(?!同期)|去年(?!同期)|全年|前年|上个月|上月|本月|(?:过去|近|最近|未来)[0-9一二三四五六七八九十两]+个?(?:季度|月|年|天)|"
                             r"(?:过去|近|最近)(?:一年|半年)", self.text[a:b]):
            s = a + m.start()
            if not any(ps <= s < ps + len(p) for ps, p in out):
                out.append((s, m.group()))
        return sorted(out)

    def _resolve(self, phrase: str, fye: str):
        if m := re.fullmatch(r"第?([一二三四1-4])季度?|Q([1-4])", phrase):
            # A quarter without a year: the reported year, else the latest such quarter ended.
            q = _n(m[1] or m[2])
            if self.report is None or self.report.fiscal:
                return None  # 一季度 outside a results article: this year's or last year's? The reviewer says.
            y = self.report.end.year
            start, end = date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
            return label_for(start, end, fye), start, end
        if self.festival is not None and re.search(r"双十一|双11|618", phrase):
            # An article that defines its campaign window (10月20日至11月11日) means it by 双十一期间.
            day = resolve_phrase(phrase, self.published, fye)
            label, start, end = self.festival[1]
            if day is not None and start != end and day[2] == end:
                return self.festival[1]
        if re.fullmatch(r"(?:累计)?(?:前三季度?|首三季|前三个季度)", phrase):
            y = self.report.end.year if self.report is not None else self.published.year
            return label_for(date(y, 1, 1), date(y, 9, 30), fye), date(y, 1, 1), date(y, 9, 30)
        if phrase == "全年" and self.report is None:
            phrase = "今年"
        if phrase in ("上半年", "下半年"):
            phrase = "今年" + phrase if self.published.month > (6 if phrase == "上半年" else 12) else "去年" + phrase
        return resolve_phrase(phrase, self.published, fye)

    def _fit(self, r, phrase: str, metric: str | None, fye: str) -> PeriodGuess:
        label, start, end = r
        flow = is_flow(metric)
        if label.startswith("as of"):
            if flow is False:
                return PeriodGuess(label, phrase)
            if metric in MONTHLY_METRICS and end == _month_end(end.year, end.month):
                return PeriodGuess(label_for(date(end.year, end.month, 1), end, fye), phrase)
            cands = (label_for(date(end.year, end.month, 1), end, fye),
                     label_for(date(end.year, 1, 1), end, fye))
            return PeriodGuess(None, phrase, tuple(dict.fromkeys(cands)) + (label,))
        if start == end and flow is not False and not label.startswith(("Double 11", "618")):
            return PeriodGuess(None, phrase, (label,))
        if flow is False and start != end:
            # A count standing at a date, given a span: most likely its end, but the reviewer says.
            return PeriodGuess(None, phrase, (f"as of {end.isoformat()}", label))
        return PeriodGuess(label, phrase)

    def _relative(self, a: int, b: int, fye: str) -> PeriodGuess | None:
        """Words that name a span relative to the article's reported period."""
        rp = self.report
        if rp is None:
            return None
        clause = self.text[a:b]
        span = None
        if m := re.search(r"(?:次季|下季度|下一季度?|下个季度)", clause):
            span = shift_span(rp.start, rp.end, 3) if rp.months == 3 else None
        elif m := re.search(r"(?:上季|上一季度?|上个季度|前一季度?)(?!度?(?:增|升|降|跌|减))", clause):
            if re.search(r"(?:较|比|相比|按季|环比)(?:上季|上一季|上个季度|前一季)", clause):
                return None  # 较上季下滑: a change in the reported period
            if a < self._headline_end:
                # A headline's 上季 is the quarter just reported (the one before publication).
                return PeriodGuess(label_for(rp.start, rp.end, fye), m.group())
            span = shift_span(rp.start, rp.end, -3) if rp.months == 3 else None
        elif m := re.search(r"(?:去年|上年)同期", clause):
            if re.search(r"(?:较|比|相比|相较|对比|同比|与)\s*(?:去年|上年)同期", clause):
                return None  # 较去年同期上升: a change in the reported period
            span = shift_span(rp.start, rp.end, -12)
        elif m := re.search(r"全年", clause):
            if rp.months < 12:
                ys = date(rp.end.year, 1, 1) if not rp.fiscal else None
                if ys is None:
                    return None
                span = (ys, date(rp.end.year, 12, 31))
        if m is None:
            return None
        if span is None:
            return PeriodGuess(None, m.group(), ())
        return PeriodGuess(label_for(span[0], span[1], fye), m.group())

    def period(self, at: int, metric: str | None, entity: str | None) -> PeriodGuess:
        """The period for the figure starting at ``at`` with the guessed ``metric`` and ``entity``.

        Example::

            >>> t = "截至2025年9月,平台用户达3亿。"
            >>> ctx = ArticleContext(t, 0, len(t), date(2025, 11, 1), "", {}, {}, dates=[(2, 9)])
            >>> ctx.period(t.index("3亿"), "users", None).label, ctx.period(t.index("3亿"), "revenue", None).label
            ('as of 2025-09-30', None)
        """
        fye = self.fye.get(entity or "", "12-31")
        unsure_fy = entity is None or entity not in self.fye
        ss, se = self._sentence_start(at), self._sentence_end(at)
        cs, ce = self._clause(at)

        def take(phrases):
            # Nearest before the figure first, then the first after it in the same clause.
            before = [p for p in phrases if p[0] < at]
            after = [p for p in phrases if p[0] > at and p[0] < ce]
            for _, phrase in sorted(before, key=lambda p: -p[0]) + after:
                if "财年" in phrase and unsure_fy:
                    return PeriodGuess(None, phrase, ())
                r = self._resolve(phrase, fye)
                if r is not None:
                    return self._fit(r, phrase, metric, fye)
            return None

        # 0. an explicit span (截至2025年6月30日止三个月) in the sentence.
        if m := _REPORT_PATTERNS[0].search(self.text, ss, se):
            rp = report_period(m.group(), self.published, fye)
            if rp is not None:
                return PeriodGuess(label_for(rp.start, rp.end, fye), m.group())
        # 1. the figure's clause, 2. its sentence.
        for a, b in ((cs, ce), (ss, se)):
            got = take(self._phrases(a, b))
            if got is not None:
                return got
            rel = self._relative(a, at if b == se else b, fye)
            if rel is not None:
                return rel
            word = re.search(r"期内|本季度|本季|季内|报告期内", self.text[a:b])
            if word and self.report is not None and not (self.report.fiscal and unsure_fy):
                return PeriodGuess(label_for(self.report.start, self.report.end, fye), word.group())
        # A length of time in the clause (上线一周下载量…): a window the draft cannot place.
        window = [d for d in self.durations if cs <= d[0] < at]
        if window:
            return PeriodGuess(None, self.text[window[-1][0]:window[-1][1]], ())
        # 3. a governing phrase opening the paragraph (截至…, 2025年10月,), 4. a dated heading.
        ps, _ = self._paragraph(at)
        if ps < ss:
            # A phrase opening a clause of the paragraph's first sentence: 用户方面,截至9月底,…
            opening = [p for p in self._phrases(ps, self._sentence_end(ps))
                       if p[0] == ps or self.text[p[0] - 1] in CLAUSE_STOPS]
            got = take(opening[:1])
            if got is not None and got.label is not None:  # 11月25日,公司公布…: a date, not a span it governs
                return got
        for hs, he in self._headings_before(at)[:1]:
            phrases = self._phrases(hs, he)
            if phrases:
                got = take([(hs, phrases[0][1])])
                if got is not None and got.label is not None:
                    return got
        # 5. the reported period of a results article (期内, 按年: or nothing said).
        if self.report is not None:
            rp = self.report
            if rp.fiscal and unsure_fy:
                return PeriodGuess(None, rp.phrase, ())
            if flow_or_unknown(metric):
                return PeriodGuess(label_for(rp.start, rp.end, fye), _period_word(self.text[ss:se]) or rp.phrase)
            return PeriodGuess(None, rp.phrase, (f"as of {rp.end.isoformat()}",))
        # 6. a festival roundup.
        if self.festival is not None and is_flow(metric):
            phrase, (label, _, _) = self.festival
            return PeriodGuess(label, phrase)
        if is_flow(metric) is False:
            return PeriodGuess(None, "", (f"as of {self.published.isoformat()}",))
        return PeriodGuess(None, "", ())


def flow_or_unknown(metric: str | None) -> bool:
    """True unless the metric is known to be a stock.

    Example::

        >>> flow_or_unknown("users"), flow_or_unknown("revenue")
        (False, True)
    """
    return is_flow(metric) is not False


def _period_word(sentence: str) -> str | None:
    m = re.search(r"期内|本季度|本季|季内|报告期内|按年|按季|同比|环比", sentence)
    return m.group() if m else None
