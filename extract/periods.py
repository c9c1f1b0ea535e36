"""Periods: what time a figure is about, as a stable label with start and end dates.

A declaration names its period either with a canonical label or in the article's
own words; :func:`resolve_period` turns both into a :class:`Period`. Relative
words (去年, 今年4月, 过去四个季度) are resolved against the article's publication
date, and fiscal labels (FY2025, 2025财年第一季度) against the entity's fiscal
year end. The label of the result is itself a canonical expression: resolving it
again (same publication date and fiscal year end) gives the same period.

Canonical labels
    ``2023`` calendar year · ``2024-04`` month · ``2024-06-13`` day ·
    ``2024Q2`` quarter · ``2024H1`` half · ``FY2025``, ``FY2025Q1``, ``FY2025H1``
    fiscal year named by the calendar year it **ends** in (fiscal year end
    ``03-31``: FY2025 = 2024-04-01..2025-03-31, FY2025Q1 = 2024-04-01..2024-06-30) ·
    ``as of 2023-12-31`` a stock measured at a day (start = end); ``as of 2025-05``
    / ``as of 2025`` a stock measured at an unknown day of that month / year (the
    span says how uncertain the day is) · ``2024-09/2026-02`` explicit span between
    any two labels · ``Double 11 2025`` and ``618 2024`` the shopping-festival days
    (11 November, 18 June) · ``spring 2023`` (Mar-May; summer Jun-Aug, autumn
    Sep-Nov, winter Dec-Feb) · ``early 2025`` (January-March) ·
    ``3 years from 2024-02`` a plan horizon: starts with the anchor, runs 3 years.

Chinese expressions (simplified or traditional, full-width or not)
    ``2023年`` ``2023年度`` ``2024年2月`` ``2024年6月13日`` ``2025年上半年``
    ``2025年第一季度``/``一季度``/``Q1`` ``2025年前三季度`` ``2025年初`` (early 2025)
    ``2023年春`` ``2023年底``/``年末`` and ``截至2023年``/``截至2023年底`` (as of
    2023-12-31) ``截至2024年3月``/``到今年4月`` (as of the month's last day)
    ``2025财年``/``2025财年第一季度`` ``2020年双十一当天`` ``2024—2026年``;
    relative to publication: ``今年`` ``去年`` ``前年`` ``明年`` ``后年`` ``4年前``
    ``今年4月`` ``去年底`` ``去年双11期间`` ``上个月`` ``上季度`` ``本财年``
    ``至今``/``目前``/``截至目前`` (as of the publication date); bare ``4月``/
    ``5月7日``: the most recent such month not after the publication month (Chinese
    news omits the current year); bare ``双11``: the most recent Double 11 on or
    before publication.

Windows, decided and documented here because writers use them loosely
    ``过去N个季度`` / ``过去N个月`` / ``过去一年`` (= 12 months) / ``过去半年``: the
    N **complete** quarters or months before the one the article was published in
    (过去四个季度 in an article of 2026-02-10 → 2025Q1/2025Q4; quarters follow the
    fiscal-year grid, which for year ends in March, June, September or December is
    the calendar-quarter grid). ``近两月`` / ``最近半年`` / ``近一年`` / ``近30天``: a
    **rolling** window ending on the publication date (近两月 in an article of
    2026-01-30 → 2025-12-01/2026-01-30). ``未来三年`` / ``三年内`` / ``2024年2月起三年内``:
    a plan horizon starting on the anchor (the publication date when none is
    given) and running that long (``3 years from 2024-02`` = 2024-02-01..2027-01-31).

Example::

    >>> from datetime import date
    >>> resolve_period("去年双11期间", date(2026, 1, 30))
    Period(label='Double 11 2025', start=datetime.date(2025, 11, 11), end=datetime.date(2025, 11, 11))
    >>> resolve_period("2025财年第一季度", date(2024, 9, 20), "03-31").label
    'FY2025Q1'
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Period", "PeriodError", "NotALabel", "parse_label", "resolve_phrase", "resolve_period", "declared_period"]


class PeriodError(ValueError):
    """A period expression cannot be resolved; the message names the expression."""


class NotALabel(PeriodError):
    """A declaration's period is the article's phrase, not a canonical label.

    ``suggestion`` is the :class:`Period` the phrase resolves to (its ``label`` is
    what the declaration should say).
    """

    def __init__(self, phrase: str, suggestion: "Period"):
        self.phrase, self.suggestion = phrase, suggestion
        super().__init__(f"period {phrase!r} is the article's phrase; "
                         f"write period=\"{suggestion.label}\"  # {phrase}")


@dataclass(frozen=True)
class Period:
    """A labelled, closed date interval: ``start`` and ``end`` are both included."""

    label: str
    start: date
    end: date


# ------------------------------------------------------------------ small date arithmetic


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _add_months(d: date, k: int) -> date:
    y, m = _shift_month(d.year, d.month, k)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _month(y: int, m: int) -> Period:
    return Period(f"{y:04d}-{m:02d}", date(y, m, 1), _month_end(y, m))


def _months(y: int, m: int, n: int) -> Period:
    """n months starting with (y, m), labelled as a month or a month span."""
    if n == 1:
        return _month(y, m)
    ey, em = _shift_month(y, m, n - 1)
    return Period(f"{y:04d}-{m:02d}/{ey:04d}-{em:02d}", date(y, m, 1), _month_end(ey, em))


def _year(y: int) -> Period:
    return Period(f"{y:04d}", date(y, 1, 1), date(y, 12, 31))


def _quarter(y: int, q: int) -> Period:
    return Period(f"{y:04d}Q{q}", date(y, 3 * q - 2, 1), _month_end(y, 3 * q))


def _half(y: int, h: int) -> Period:
    return Period(f"{y:04d}H{h}", date(y, 6 * h - 5, 1), _month_end(y, 6 * h))


def _day(d: date) -> Period:
    return Period(d.isoformat(), d, d)


def _as_of(d: date) -> Period:
    return Period(f"as of {d.isoformat()}", d, d)


def _span(a: Period, b: Period) -> Period:
    if b.end < a.start:
        raise ValueError(f"span runs backwards: {a.label} is after {b.label}")
    return Period(f"{a.label}/{b.label}", a.start, b.end)


def _fye(fiscal_year_end: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d\d)-(\d\d)", fiscal_year_end or "")
    if not m:
        raise PeriodError(f"fiscal_year_end {fiscal_year_end!r} is not MM-DD")
    month, day = int(m[1]), int(m[2])
    if not 1 <= month <= 12 or day != calendar.monthrange(2001, month)[1]:
        raise PeriodError(f"fiscal_year_end {fiscal_year_end!r} must be the last day of a month")
    return month, day


def _fiscal(fy: int, fye_month: int, part: str | None = None, n: int = 0) -> Period:
    """FY``fy`` ends in calendar year ``fy`` on the last day of ``fye_month``."""
    start_y, start_m = _shift_month(fy, fye_month, -11)
    if part is None:
        return Period(f"FY{fy}", date(start_y, start_m, 1), _month_end(fy, fye_month))
    size = 3 if part == "Q" else 6
    y, m = _shift_month(start_y, start_m, size * (n - 1))
    ey, em = _shift_month(y, m, size - 1)
    return Period(f"FY{fy}{part}{n}", date(y, m, 1), _month_end(ey, em))


def _fiscal_year_of(d: date, fye_month: int) -> int:
    return d.year if d.month <= fye_month else d.year + 1


# ------------------------------------------------------------------ Chinese numbers and text


_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9〇零一二两三四五六七八九十]+"


def _int(s: str) -> int:
    """Small integers as written in dates and counts: 12, 十二, 二十, 四, 二〇二三."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        if not all(c in _CN_DIGIT for c in s):
            raise ValueError(s)
        value = 0
        for c in s:
            value = value * 10 + _CN_DIGIT[c]
        return value
    tens, _, ones = s.partition("十")
    if (tens and tens not in _CN_DIGIT) or (ones and ones not in _CN_DIGIT):
        raise ValueError(s)
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


# Characters a traditional-script article uses in period words, mapped to the simplified
# forms the grammar below is written in. A fixed table keeps period parsing independent
# of OpenCC; the text layer handles whole articles.
_TRAD = str.maketrans({
    "財": "财", "雙": "双", "當": "当", "間": "间", "內": "内", "來": "来", "過": "过",
    "個": "个", "兩": "两", "後": "后", "從": "从", "開": "开", "週": "周", "為": "为",
    "麼": "么", "屆": "届", "於": "于", "閒": "闲", "際": "际",
})
_QUOTES = dict.fromkeys(map(ord, "“”\"'‘’「」『』《》"), None)


def _clean(expr: str) -> str:
    s = unicodedata.normalize("NFKC", expr).translate(_TRAD).translate(_QUOTES)
    s = " ".join(s.split())
    # Chinese expressions never need inner spaces ("2025 年 4 月"); canonical ones keep theirs.
    if re.search(r"[\u4e00-\u9fff]", s) and not re.search(r"[A-Za-z]{2}", s):
        s = s.replace(" ", "")
    return s


# ------------------------------------------------------------------ the grammar


_YEAR_WORDS = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1, "下一年": 1, "后年": 2}
_YEAR_HEAD = re.compile(
    r"^(?:(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年|(?P<ry>今年|本年|当年|去年|上一年|上年|前年|明年|下一年|后年))(?P<rest>.*)$"
)
_SEASONS = {"春": ("spring", 3), "夏": ("summer", 6), "秋": ("autumn", 9), "冬": ("winter", 12)}
_SEASON_EN = {name: month for name, month in _SEASONS.values()}
_QUARTER_CN = r"(?:(?:第)?(?P<q>[一二三四1-4])(?:季度|季)|Q(?P<qq>[1-4]))"
_DOUBLE11 = r"(?:双11|双十一|双11购物节|双十一购物节)(?:期间|当天|当日|大促|大促期间)?"
_618 = r"618(?:期间|当天|当日|大促|大促期间|购物节)?"
_UNITS_EN = {"year": 12, "quarter": 3, "month": 1}


def _season(y: int, name: str, first_month: int) -> Period:
    ey, em = _shift_month(y, first_month, 2)
    return Period(f"{name} {y}", date(y, first_month, 1), _month_end(ey, em))


def _early(y: int) -> Period:
    return Period(f"early {y}", date(y, 1, 1), date(y, 3, 31))


def _double11(y: int) -> Period:
    return Period(f"Double 11 {y}", date(y, 11, 11), date(y, 11, 11))


def _six18(y: int) -> Period:
    return Period(f"618 {y}", date(y, 6, 18), date(y, 6, 18))


class _Ctx:
    def __init__(self, published: date, fye_month: int):
        self.published = published
        self.fye_month = fye_month


def _canonical(s: str, ctx: _Ctx) -> Period | None:
    if m := re.fullmatch(r"(\d{4})", s):
        return _year(int(m[1]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
        return _month(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        return _day(date(int(m[1]), int(m[2]), int(m[3])))
    if m := re.fullmatch(r"(\d{4})Q([1-4])", s):
        return _quarter(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})H([12])", s):
        return _half(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"FY(\d{4}|\d{2})(?:([QH])(\d))?", s, re.I):
        fy = int(m[1]) + (2000 if len(m[1]) == 2 else 0)
        part = m[2].upper() if m[2] else None
        if part and not 1 <= int(m[3]) <= (4 if part == "Q" else 2):
            raise ValueError(f"no {part}{m[3]} in a fiscal year")
        return _fiscal(fy, ctx.fye_month, part, int(m[3] or 0))
    if m := re.fullmatch(r"as of (.+)", s, re.I):
        inner = _canonical(m[1], ctx)
        if inner is None or "/" in inner.label or inner.label.startswith("as of"):
            raise ValueError("'as of' takes a day, month or year")
        if inner.start == inner.end:
            return _as_of(inner.start)
        return Period(f"as of {inner.label}", inner.start, inner.end)
    if m := re.fullmatch(r"Double 11 (\d{4})", s, re.I):
        return _double11(int(m[1]))
    if m := re.fullmatch(r"618 (\d{4})", s):
        return _six18(int(m[1]))
    if m := re.fullmatch(r"(spring|summer|autumn|winter) (\d{4})", s, re.I):
        return _season(int(m[2]), m[1].lower(), _SEASON_EN[m[1].lower()])
    if m := re.fullmatch(r"early (\d{4})", s, re.I):
        return _early(int(m[1]))
    if m := re.fullmatch(r"(\d+) (year|quarter|month)s? from (.+)", s, re.I):
        anchor = _canonical(m[3], ctx)
        if anchor is None:
            raise ValueError(f"cannot read the anchor {m[3]!r}")
        return _horizon(int(m[1]), _UNITS_EN[m[2].lower()], m[2].lower(), anchor)
    if "/" in s:
        left, _, right = s.partition("/")
        a, b = _canonical(left, ctx), _canonical(right, ctx)
        if a is None or b is None:
            return None
        return _span(a, b)
    return None


def _horizon(n: int, months_per_unit: int, unit: str, anchor: Period) -> Period:
    if n < 1:
        raise ValueError("a horizon must be at least one unit long")
    start = anchor.start
    end = _add_months(start, n * months_per_unit) - timedelta(days=1)
    anchor_label = anchor.label[len("as of "):] if anchor.label.startswith("as of ") else anchor.label
    return Period(f"{n} {unit}{'s' if n != 1 else ''} from {anchor_label}", start, end)


def _year_rest(y: int, rest: str, ctx: _Ctx) -> Period | None:
    """What follows a year: nothing, a month, a quarter, a half, a season, a festival ..."""
    if rest in ("", "度", "全年", "年度", "整年"):
        return _year(y)
    if rest in ("上半年", "上半年度", "H1"):
        return _half(y, 1)
    if rest in ("下半年", "下半年度", "H2"):
        return _half(y, 2)
    if m := re.fullmatch(_QUARTER_CN + r"(?:度)?", rest):
        return _quarter(y, _int(m["q"] or m["qq"]))
    if m := re.fullmatch(r"前([二两三2-3])(?:个)?季度", rest):
        return _span(_quarter(y, 1), _quarter(y, _int(m[1])))
    if m := re.fullmatch(rf"({_NUM})月(?:份)?", rest):
        return _month(y, _int(m[1]))
    if m := re.fullmatch(rf"({_NUM})月({_NUM})[日号]", rest):
        return _day(date(y, _int(m[1]), _int(m[2])))
    if m := re.fullmatch(rf"({_NUM})月(?:底|末)", rest):
        return _as_of(_month_end(y, _int(m[1])))
    if rest in ("底", "末", "年底", "年末"):
        return _as_of(date(y, 12, 31))
    if rest in ("初", "年初"):
        return _early(y)
    if m := re.fullmatch(r"(?:年)?([春夏秋冬])(?:天|季|季度)?", rest):
        name, first = _SEASONS[m[1]]
        return _season(y, name, first)
    if re.fullmatch(_DOUBLE11, rest):
        return _double11(y)
    if re.fullmatch(_618, rest):
        return _six18(y)
    return None


def _window(s: str, ctx: _Ctx) -> Period | None:
    """过去N个季度 (complete units before publication), 近N月 (rolling to publication)."""
    pub = ctx.published
    m = re.fullmatch(rf"(过去|最近|近期|近)({_NUM}|半)(?:个)?(年|季度|月|周|星期|天|日)(?:内|以来|来|里)?", s)
    if not m:
        return None
    word, n_text, unit = m.groups()
    if n_text == "半":
        if unit != "年":
            raise ValueError(f"半{unit} is not a whole number of months")
        n, unit = 6, "月"
    else:
        n = _int(n_text)
    if n < 1:
        raise ValueError("a window must be at least one unit long")
    if word == "过去":
        if unit in ("年", "月"):
            months = n * 12 if unit == "年" else n
            y, mth = _shift_month(pub.year, pub.month, -months)
            return _months(y, mth, months)
        if unit == "季度":
            # The current quarter on the fiscal grid; its first month is offset from January.
            offset = ctx.fye_month % 3
            qy, first = _shift_month(pub.year, pub.month, -((pub.month - 1 - offset) % 3))
            y, mth = _shift_month(qy, first, -3 * n)
            if offset == 0:
                first_q = _quarter(y, (mth - 1) // 3 + 1)
                if n == 1:
                    return first_q
                ly, lm = _shift_month(y, mth, 3 * (n - 1))
                return _span(first_q, _quarter(ly, (lm - 1) // 3 + 1))
            return _months(y, mth, 3 * n)
        if unit in ("周", "星期"):
            this_monday = pub - timedelta(days=pub.weekday())
            start = this_monday - timedelta(weeks=n)
            return _span(_day(start), _day(this_monday - timedelta(days=1)))
        start = pub - timedelta(days=n)
        return _span(_day(start), _day(pub - timedelta(days=1)))
    # Rolling windows end on the publication day.
    if unit in ("年", "季度", "月"):
        months = n * {"年": 12, "季度": 3, "月": 1}[unit]
        start = _add_months(pub, -months) + timedelta(days=1)
    elif unit in ("周", "星期"):
        start = pub - timedelta(weeks=n) + timedelta(days=1)
    else:
        start = pub - timedelta(days=n) + timedelta(days=1)
    return _span(_day(start), _day(pub))


def _horizon_cn(s: str, ctx: _Ctx) -> Period | None:
    if re.fullmatch(
        rf".*?(?:(?:未来|今后){_NUM}(?:到|至|-){_NUM}(?:个)?(?:年|季度|月)(?:内)?|{_NUM}(?:到|至|-){_NUM}(?:个)?(?:年|季度|月)内)", s
    ):
        raise ValueError("a horizon of 'N to M' units has no single end; name one")
    m = re.fullmatch(
        rf"(?:(?:从)?(?P<anchor>.+?)(?:起|开始))?(?:(?:未来|今后)(?P<n1>{_NUM})(?:个)?(?P<u1>年|季度|月)(?:内)?|(?P<n2>{_NUM})(?:个)?(?P<u2>年|季度|月)内)",
        s,
    )
    if not m:
        return None
    n = _int(m["n1"] or m["n2"])
    unit = m["u1"] or m["u2"]
    anchor = _resolve(m["anchor"], ctx) if m["anchor"] else _day(ctx.published)
    en = {"年": "year", "季度": "quarter", "月": "month"}[unit]
    return _horizon(n, _UNITS_EN[en], en, anchor)


def _relative_bare(s: str, ctx: _Ctx) -> Period | None:
    pub = ctx.published
    if s in ("至今", "目前", "当前", "现在", "迄今", "如今", "截至目前", "截至发稿", "截至发稿时", "截止目前", "到目前为止", "截至当前"):
        return _as_of(pub)
    months = {"上月": -1, "上个月": -1, "上一个月": -1, "本月": 0, "当月": 0, "这个月": 0, "下月": 1, "下个月": 1}
    if s in months:
        y, m = _shift_month(pub.year, pub.month, months[s])
        return _month(y, m)
    quarters = {"上季度": -1, "上个季度": -1, "上一季度": -1, "上一个季度": -1, "本季度": 0, "当季": 0, "这个季度": 0, "下季度": 1, "下个季度": 1}
    if s in quarters:
        y, m = _shift_month(pub.year, pub.month, 3 * quarters[s])
        return _quarter(y, (m - 1) // 3 + 1)
    if m := re.fullmatch(r"(本|上一?|下一?)财年(.*)", s):
        fy = _fiscal_year_of(pub, ctx.fye_month) + {"本": 0, "上": -1, "上一": -1, "下": 1, "下一": 1}[m[1]]
        return _fiscal_rest(fy, m[2], ctx)
    if m := re.fullmatch(rf"({_NUM})年前", s):
        return _year(pub.year - _int(m[1]))
    # Bare months and days: the most recent such month not after the publication month.
    if m := re.fullmatch(rf"({_NUM})月(?:份)?|({_NUM})月({_NUM})[日号]|({_NUM})月(?:底|末)", s):
        month = _int(m[1] or m[2] or m[4])
        if not 1 <= month <= 12:
            raise ValueError(f"no month {month}")
        y = pub.year if month <= pub.month else pub.year - 1
        if m[2]:
            return _day(date(y, month, _int(m[3])))
        if m[4]:
            return _as_of(_month_end(y, month))
        return _month(y, month)
    if re.fullmatch(_DOUBLE11, s):
        return _double11(pub.year if (pub.month, pub.day) >= (11, 11) else pub.year - 1)
    return None


def _fiscal_rest(fy: int, rest: str, ctx: _Ctx) -> Period | None:
    if rest in ("", "度", "全年"):
        return _fiscal(fy, ctx.fye_month)
    if m := re.fullmatch(_QUARTER_CN + r"(?:度)?", rest):
        return _fiscal(fy, ctx.fye_month, "Q", _int(m["q"] or m["qq"]))
    if rest in ("上半年", "H1", "上半财年"):
        return _fiscal(fy, ctx.fye_month, "H", 1)
    if rest in ("下半年", "H2", "下半财年"):
        return _fiscal(fy, ctx.fye_month, "H", 2)
    return None


def _resolve(s: str, ctx: _Ctx) -> Period | None:
    if not s:
        return None
    if (p := _canonical(s, ctx)) is not None:
        return p
    # 截至 / 到 X: a stock measured at the end of X.
    if m := re.fullmatch(r"(?:截至|截止到|截止至|截止|到)(.+?)(?:为止|止)?", s):
        if m[1] in ("目前", "当前", "现在", "发稿", "发稿时", "今"):
            return _as_of(ctx.published)
        inner = _resolve(m[1], ctx)
        if inner is None:
            return None
        return inner if inner.label.startswith("as of ") and inner.start == inner.end else _as_of(inner.end)
    if m := re.fullmatch(r"(\d{4})财年(.*)", s):
        return _fiscal_rest(int(m[1]), m[2], ctx)
    if m := _YEAR_HEAD.fullmatch(s):
        y = _int(m["y"]) if m["y"] else ctx.published.year + _YEAR_WORDS[m["ry"]]
        rest = m["rest"]
        if (p := _year_rest(y, rest, ctx)) is not None:
            return p
    for rule in (_relative_bare, _window, _horizon_cn):
        if (p := rule(s, ctx)) is not None:
            return p
    # Spans in words: 2024年2月至5月, 2024—2026年, 2023年10月到2024年3月.
    if m := re.fullmatch(r"(\d{4})\s*[-–—~至到]\s*(\d{4})年?(?:度)?", s):
        return _span(_year(int(m[1])), _year(int(m[2])))
    if m := re.fullmatch(r"(.+?)(?:至|到|—|–|~)(.+)", s):
        left = _resolve(m[1], ctx)
        if left is not None:
            # A right end without a year ("至5月") takes the left end's year.
            right = _resolve(m[2], _Ctx(date(left.start.year, 12, 31), ctx.fye_month))
            if right is not None:
                return _span(left, right)
    return None


def resolve_phrase(expr: str, published: date, fiscal_year_end: str = "12-31") -> Period:
    """Resolve a period expression to a :class:`Period` (label, start, end).

    ``expr`` is a canonical label (``2024Q2``, ``FY2025``, ``as of 2023-12-31``,
    ``2024-09/2026-02`` ...) or a Chinese expression from the article (``去年双11期间``,
    ``今年4月``, ``过去四个季度``, ``截至2023年底``, ``2025财年第一季度`` ...), resolved
    against ``published`` (the article's publication date) and ``fiscal_year_end``
    (``"MM-DD"``, the last day of a month). See the module docstring for every form
    and for how windows such as 过去四个季度 and 近两月 are defined.

    Raises :class:`PeriodError` naming the expression when it cannot be resolved.

    Example::

        >>> from datetime import date
        >>> resolve_period("今年4月", date(2024, 6, 18))
        Period(label='2024-04', start=datetime.date(2024, 4, 1), end=datetime.date(2024, 4, 30))
        >>> p = resolve_period("过去四个季度", date(2026, 2, 10))
        >>> p.label, p.start, p.end
        ('2025Q1/2025Q4', datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    """
    if not isinstance(expr, str) or not expr.strip():
        raise PeriodError(f"period {expr!r}: empty period expression")
    if not isinstance(published, date):
        raise PeriodError(f"period {expr!r}: published must be a datetime.date, got {published!r}")
    try:
        ctx = _Ctx(published, _fye(fiscal_year_end)[0])
        period = _resolve(_clean(expr), ctx)
    except (ValueError, KeyError) as exc:  # PeriodError is a ValueError too
        raise PeriodError(f"period {expr!r} (published {published.isoformat()}): {exc}") from None
    if period is None:
        raise PeriodError(
            f"period {expr!r} (published {published.isoformat()}): not a known form; "
            "use a canonical label (2024, 2024-04, 2024Q2, FY2025Q1, as of 2023-12-31, 2024-09/2026-02) "
            "or a supported Chinese expression (see extract/periods.py)"
        )
    return period


def resolve_period(expr: str, published: date, fiscal_year_end: str = "12-31") -> Period:
    """Same as :func:`resolve_phrase` (kept for callers of the old name).

    Example::

        >>> from datetime import date
        >>> resolve_period("2024Q2", date(2024, 9, 1)).end
        datetime.date(2024, 6, 30)
    """
    return resolve_phrase(expr, published, fiscal_year_end)


def parse_label(label: str, fiscal_year_end: str = "12-31") -> Period:
    """Read a canonical label (``2024``, ``2024Q2``, ``FY2026Q2``, ``as of 2023-12-31`` ...).

    Only the canonical spelling is accepted: the returned period's ``label`` equals
    ``label``. Raises :class:`PeriodError` otherwise.

    Example::

        >>> parse_label("FY2026Q2", "03-31")
        Period(label='FY2026Q2', start=datetime.date(2025, 7, 1), end=datetime.date(2025, 9, 30))
    """
    if not isinstance(label, str) or not label:
        raise PeriodError(f"period {label!r}: empty period label")
    try:
        period = _canonical(label, _Ctx(date(2000, 1, 1), _fye(fiscal_year_end)[0]))
    except (ValueError, KeyError) as exc:
        raise PeriodError(f"period {label!r}: {exc}") from None
    if period is None or period.label != label:
        raise PeriodError(f"period {label!r} is not a canonical label")
    return period


def declared_period(expr: str, published: date, fiscal_year_end: str = "12-31") -> Period:
    """The period a declaration names: a canonical label, or :class:`NotALabel` for a phrase.

    Example::

        >>> from datetime import date
        >>> declared_period("Double 11 2025", date(2026, 1, 30)).start
        datetime.date(2025, 11, 11)
        >>> declared_period("去年双11期间", date(2026, 1, 30))
        Traceback (most recent call last):
        ...
        extract.periods.NotALabel: period '去年双11期间' is the article's phrase; write period="Double 11 2025"  # 去年双11期间
    """
    try:
        return parse_label(expr, fiscal_year_end)
    except PeriodError as not_label:
        try:
            suggestion = resolve_phrase(expr, published, fiscal_year_end)
        except PeriodError:
            raise not_label from None
        raise NotALabel(expr, suggestion) from None


# ------------------------------------------------------------------ command line


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def main(args) -> int:
    """``python -m extract period PHRASE --published DATE``: print the label, start and end.

    Example::

        >>> from types import SimpleNamespace
        >>> main(SimpleNamespace(phrase="去年双11期间", published=date(2026, 1, 30), fiscal_year_end="12-31"))
        label   Double 11 2025
        start   2025-11-11
        end     2025-11-11
        0
    """
    import sys

    try:
        p = resolve_phrase(args.phrase, args.published, args.fiscal_year_end)
    except PeriodError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"label   {p.label}\nstart   {p.start.isoformat()}\nend     {p.end.isoformat()}")
    return 0


def add_parser(sub) -> None:
    """Register ``period`` on the ``python -m extract`` command line.

    Example::

        >>> import argparse
        >>> sub = argparse.ArgumentParser(prog="python -m extract").add_subparsers()
        >>> add_parser(sub)
        >>> sub.choices["period"].parse_args(["今年4月", "--published", "2024-06-18"]).published
        datetime.date(2024, 6, 18)
    """
    p = sub.add_parser("period", help="resolve an article's period phrase to the canonical label a declaration writes")
    p.add_argument("phrase", help="the article's words (去年双11期间, 2025财年第一季度) or a canonical label")
    p.add_argument("--published", type=_date_arg, required=True, metavar="YYYY-MM-DD",
                   help="the article's publication date, against which relative words are read")
    p.add_argument("--fiscal-year-end", default="12-31", metavar="MM-DD",
                   help="the entity's fiscal year end, for FY labels and 财年 (default 12-31)")
    p.set_defaults(func=main)
