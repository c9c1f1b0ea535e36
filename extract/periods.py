"""Periods: what time a figure is about, as a stable label with start and end dates.

Two entry points with one job each:

* :func:`parse_label` reads a **canonical label** (below). Declarations write only
  labels, so the engine calls this at every build; it needs no publication date.
* :func:`resolve_phrase` reads the **article's words** (去年双11期间, 2025財年第一季度,
  過去四個季度 ...) against the publication date and the entity's fiscal year end,
  and returns the period with its canonical label. The draft (``python -m extract
  new``) and ``python -m extract period PHRASE --published DATE`` use it to tell a
  person which label to write; the declaration keeps the phrase as a comment::

      entity="alipay_tiantian_miaosha", metric="daily_orders", period="Double 11 2025",  # 去年双11期间

Calendar arithmetic (month ends, leap years, fiscal quarters on a year ending in
any month) is :class:`pandas.Period`'s: fiscal quarters and years are periods of
frequency ``Q-MAR`` / ``Y-MAR`` (``Q-JUN``, ``Y-SEP`` ...), whose year is the one
the fiscal year ends in, which is how FY labels are named here. Script conversion is
the text layer's OpenCC (:func:`extract.textlayer.normalize`), Chinese digits are
:mod:`extract.numerals`'.

Canonical labels
    ``2023`` calendar year · ``2024-04`` month · ``2024-06-13`` day ·
    ``2024Q2`` quarter · ``2024H1`` half · ``FY2025``, ``FY2025Q1``, ``FY2025H1``
    fiscal year named by the calendar year it **ends** in (fiscal year end
    ``03-31``: FY2025 = 2024-04-01..2025-03-31, FY2025Q1 = 2024-04-01..2024-06-30) ·
    ``as of 2023-12-31`` a stock measured at a day (start = end); ``as of 2025-05``
    / ``as of 2025`` a stock measured at an unknown day of that month / year (the
    span says how uncertain the day is) · ``2024-09/2026-02`` explicit span between
    two labels (neither a span, an ``as of`` nor a horizon) · ``Double 11 2025`` and
    ``618 2024`` the shopping-festival days (11 November, 18 June) · ``spring 2023``
    (Mar-May; summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb) · ``early 2025``
    (January-March) · ``3 years from 2024-02`` (``1 year from ...``) a plan horizon:
    starts with the anchor, runs 3 years.

Chinese expressions (simplified, traditional, Hong Kong and Taiwan usage; full-width or not)
    ``2023年`` ``2023年度`` ``2024年2月`` ``2024年6月13日`` ``二〇二三年十二月``
    ``2025年上半年`` ``2025年第一季度``/``一季度``/``Q1``/``首季`` ``2025年前三季度``
    ``2025年初`` (early 2025) ``2023年春`` ``2023年底``/``年末`` and ``截至2023年``/
    ``截至2023年底`` (as of 2023-12-31) ``截至2024年3月``/``到今年4月`` (as of the
    month's last day) ``2025财年``/``2025财年第一季度``/``FY25`` ``2020年双十一当天``
    ``2024—2026年``; Taiwan's 民國 years (``民國113年`` = 2024); the Hong Kong report
    forms ``截至2024年3月31日止年度`` (the twelve months ending that day: FY2024 for a
    year ending in March), ``截至2024年6月30日止六個月``, ``…止九個月``, ``…止三個月``
    and ``2024年中期`` (the interim half); quarter and half ends ``2024年一季度末``
    (as of 2024-03-31), ``2025财年第二季度末``, ``2024年上半年末``;
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
    >>> resolve_phrase("去年双11期间", date(2026, 1, 30))
    Period(label='Double 11 2025', start=datetime.date(2025, 11, 11), end=datetime.date(2025, 11, 11))
    >>> parse_label("FY2025Q1", "03-31") == resolve_phrase("2025財年第一季度", date(2024, 9, 20), "03-31")
    True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from extract.numerals import CN_DIGITS, CN_SMALL_SCALES, parse_number

__all__ = ["Period", "PeriodError", "NotALabel", "parse_label", "resolve_phrase", "resolve_period",
           "declared_period"]


class PeriodError(ValueError):
    """A period expression cannot be resolved; the message names the expression."""


@dataclass(frozen=True)
class Period:
    """A labelled, closed date interval: ``start`` and ``end`` are both included."""

    label: str
    start: date
    end: date


class NotALabel(PeriodError):
    """A declaration's period is the article's phrase, not a canonical label.

    ``suggestion`` is the :class:`Period` the phrase resolves to; its ``label`` is
    what the declaration should say, with the phrase as a comment.

    Example::

        >>> print(NotALabel("今年4月", Period("2024-04", date(2024, 4, 1), date(2024, 4, 30))))
        period '今年4月' is the article's phrase; write period="2024-04"  # 今年4月
    """

    def __init__(self, phrase: str, suggestion: Period):
        self.phrase, self.suggestion = phrase, suggestion
        super().__init__(f"period {phrase!r} is the article's phrase; "
                         f'write period="{suggestion.label}"  # {phrase}')


# ------------------------------------------------------------------ calendar blocks (pandas)

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@lru_cache(maxsize=None)
def _fye(fiscal_year_end: str) -> str:
    """``"03-31"`` → ``"MAR"``, the month pandas anchors ``Q-``/``Y-`` frequencies on."""
    m = re.fullmatch(r"(\d\d)-(\d\d)", fiscal_year_end or "") if isinstance(fiscal_year_end, str) else None
    if not m:
        raise PeriodError(f"fiscal_year_end {fiscal_year_end!r} is not MM-DD")
    month, day = int(m[1]), int(m[2])
    # 2001 is not a leap year: a February year end is the 28th.
    if not 1 <= month <= 12 or day != pd.Period(year=2001, month=month, freq="M").days_in_month:
        raise PeriodError(f"fiscal_year_end {fiscal_year_end!r} must be the last day of a month")
    return _MONTHS[month - 1]


def _of(label: str, first: pd.Period, last: pd.Period | None = None) -> Period:
    """The days from the start of ``first`` to the end of ``last`` (default ``first``)."""
    # The last day as a daily period: half the time of ``end_time``, which builds a nanosecond Timestamp.
    end = (first if last is None else last).asfreq("D", how="end")
    return Period(label, first.start_time.date(), date(end.year, end.month, end.day))


def _month_p(y: int, m: int) -> pd.Period:
    date(y, m, 1)  # pandas rolls month 13 into the next year; a date refuses it
    return pd.Period(year=y, month=m, freq="M")


def _month_label(p: pd.Period) -> str:
    return f"{p.year:04d}-{p.month:02d}"


def _month(y: int, m: int) -> Period:
    p = _month_p(y, m)
    return _of(_month_label(p), p)


def _months(first: pd.Period, n: int) -> Period:
    """``n`` months starting with ``first``, labelled as a month or a month span."""
    last = first + (n - 1)
    label = _month_label(first) if n == 1 else f"{_month_label(first)}/{_month_label(last)}"
    return _of(label, first, last)


def _year(y: int) -> Period:
    return _of(f"{y:04d}", pd.Period(year=y, freq="Y-DEC"))


def _quarter(y: int, q: int) -> Period:
    return _of(f"{y:04d}Q{q}", pd.Period(year=y, quarter=q, freq="Q-DEC"))


def _half(y: int, h: int) -> Period:
    first = pd.Period(year=y, quarter=2 * h - 1, freq="Q-DEC")
    return _of(f"{y:04d}H{h}", first, first + 1)


def _fiscal(fy: int, fye: str, part: str | None = None, n: int = 0) -> Period:
    """FY``fy`` (quarter or half ``n``) of a year ending in month ``fye`` of calendar year ``fy``."""
    if part is None:
        return _of(f"FY{fy}", pd.Period(year=fy, freq=f"Y-{fye}"))
    if not 1 <= n <= (4 if part == "Q" else 2):
        raise ValueError(f"no {part}{n} in a fiscal year")
    if part == "Q":
        return _of(f"FY{fy}Q{n}", pd.Period(year=fy, quarter=n, freq=f"Q-{fye}"))
    first = pd.Period(year=fy, quarter=2 * n - 1, freq=f"Q-{fye}")
    return _of(f"FY{fy}H{n}", first, first + 1)


def _fiscal_year_of(d: date, fye: str) -> int:
    return pd.Period(d, freq=f"Y-{fye}").year


def _add_months(d: date, k: int) -> date:
    """``d`` moved ``k`` months, the day clipped to the month's length (31 Mar - 1 month = 29 Feb)."""
    return (pd.Timestamp(d) + pd.DateOffset(months=k)).date()


def _day(d: date) -> Period:
    return Period(d.isoformat(), d, d)


def _as_of(d: date) -> Period:
    return Period(f"as of {d.isoformat()}", d, d)


def _span(a: Period, b: Period) -> Period:
    if b.end < a.start:
        raise ValueError(f"span runs backwards: {a.label} is after {b.label}")
    return Period(f"{a.label}/{b.label}", a.start, b.end)


_SEASON_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def _season(y: int, name: str) -> Period:
    first = _month_p(y, _SEASON_FIRST_MONTH[name])
    return _of(f"{name} {y}", first, first + 2)


def _early(y: int) -> Period:
    return _of(f"early {y}", pd.Period(year=y, quarter=1, freq="Q-DEC"))


def _festival(name: str, y: int, month: int, day: int) -> Period:
    d = date(y, month, day)
    return Period(f"{name} {y}", d, d)


_UNIT_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def _horizon(n: int, unit: str, anchor: Period) -> Period:
    if n < 1:
        raise ValueError("a horizon must be at least one unit long")
    end = _add_months(anchor.start, n * _UNIT_MONTHS[unit]) - timedelta(days=1)
    return Period(f"{n} {unit}{'s' if n != 1 else ''} from {anchor.label}", anchor.start, end)


# ------------------------------------------------------------------ canonical labels


def _simple_label(s: str, fye: str) -> Period | None:
    """A label that is neither a span, an ``as of`` nor a horizon; None if ``s`` is none."""
    if m := re.fullmatch(r"(\d{4})", s):
        return _year(int(m[1]))
    if m := re.fullmatch(r"(\d{4})-(\d\d)", s):
        return _month(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", s):
        return _day(date(int(m[1]), int(m[2]), int(m[3])))
    if m := re.fullmatch(r"(\d{4})Q(\d)", s):
        if not 1 <= int(m[2]) <= 4:
            raise ValueError(f"no quarter {m[2]}")
        return _quarter(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})H(\d)", s):
        if int(m[2]) not in (1, 2):
            raise ValueError(f"no half {m[2]}")
        return _half(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"FY(\d{4})(?:([QH])(\d))?", s):
        return _fiscal(int(m[1]), fye, m[2], int(m[3] or 0))
    if m := re.fullmatch(r"Double 11 (\d{4})", s):
        return _festival("Double 11", int(m[1]), 11, 11)
    if m := re.fullmatch(r"618 (\d{4})", s):
        return _festival("618", int(m[1]), 6, 18)
    if m := re.fullmatch(r"(spring|summer|autumn|winter) (\d{4})", s):
        return _season(int(m[2]), m[1])
    if m := re.fullmatch(r"early (\d{4})", s):
        return _early(int(m[1]))
    return None


def _label(s: str, fye: str) -> Period | None:
    if m := re.fullmatch(r"as of (.+)", s):
        inner = _simple_label(m[1], fye)
        if inner is None or not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", inner.label):
            raise ValueError("'as of' takes a day, month or year")
        return _as_of(inner.start) if inner.start == inner.end else Period(s, inner.start, inner.end)
    if m := re.fullmatch(r"(\d+) (year|quarter|month)(s?) from (.+)", s):
        anchor = _simple_label(m[4], fye)
        if anchor is None:
            raise ValueError(f"cannot read the anchor {m[4]!r}")
        return _horizon(int(m[1]), m[2], anchor)
    if "/" in s:
        left, _, right = s.partition("/")
        a, b = _simple_label(left, fye), _simple_label(right, fye)
        return None if a is None or b is None else _span(a, b)
    return _simple_label(s, fye)


@lru_cache(maxsize=4096)
def parse_label(label: str, fiscal_year_end: str = "12-31") -> Period:
    """Read a canonical label (``2024``, ``2024Q2``, ``FY2026Q2``, ``as of 2023-12-31`` ...).

    Only the canonical spelling is accepted: the period's ``label`` is ``label``
    itself. ``fiscal_year_end`` (``"MM-DD"``, the last day of a month) places FY
    labels. Raises :class:`PeriodError` naming the label otherwise; an article's
    phrase goes through :func:`resolve_phrase` instead.

    Example::

        >>> parse_label("FY2026Q2", "03-31")
        Period(label='FY2026Q2', start=datetime.date(2025, 7, 1), end=datetime.date(2025, 9, 30))
        >>> parse_label("2024-09/2026-02").end
        datetime.date(2026, 2, 28)
        >>> parse_label("fy26q2", "03-31")
        Traceback (most recent call last):
        ...
        extract.periods.PeriodError: period 'fy26q2' is not a canonical label (2024, 2024-04, 2024-06-13, 2024Q2, 2024H1, FY2025Q1, as of 2023-12-31, 2024-09/2026-02, Double 11 2025, 618 2024, spring 2023, early 2025, 3 years from 2024-02)
    """
    if not isinstance(label, str) or not label.strip():
        raise PeriodError(f"period {label!r}: empty period label")
    try:
        period = _label(label, _fye(fiscal_year_end))
    except ValueError as exc:  # PeriodError is a ValueError too
        raise PeriodError(f"period {label!r}: {exc}") from None
    if period is None or period.label != label:
        raise PeriodError(
            f"period {label!r} is not a canonical label (2024, 2024-04, 2024-06-13, 2024Q2, 2024H1, FY2025Q1, "
            "as of 2023-12-31, 2024-09/2026-02, Double 11 2025, 618 2024, spring 2023, early 2025, "
            "3 years from 2024-02)")
    return period


def _loose_label(s: str) -> str:
    """A label written loosely (``fy25q1``, ``Spring 2023``, ``2 year from 2025``) spelt canonically."""
    t = s.lower()
    t = re.sub(r"\bfy\s*(\d{4}|\d{2})(?:\s*([qh])\s*(\d))?",
               lambda m: f"FY{int(m[1]) + (2000 if len(m[1]) == 2 else 0)}{(m[2] or '').upper()}{m[3] or ''}", t)
    t = re.sub(r"(\d{4})([qh])(\d)", lambda m: f"{m[1]}{m[2].upper()}{m[3]}", t)
    t = re.sub(r"\bdouble 11\b", "Double 11", t)
    return re.sub(r"\b(\d+) (year|quarter|month)s? from\b",
                  lambda m: f"{m[1]} {m[2]}{'s' if int(m[1]) != 1 else ''} from", t)


# ------------------------------------------------------------------ Chinese numbers and text


_DIGITS = "".join(CN_DIGITS)
_NUM = f"[0-9{_DIGITS}{''.join(CN_SMALL_SCALES)}]+"


def _int(s: str) -> int:
    """A whole number as written in dates and counts: 12, 十二, 二十, 两, 二〇二三."""
    value = parse_number(s)
    if value != int(value) or value < 0:
        raise ValueError(f"{s!r} is not a whole number")
    return int(value)


_QUOTES = dict.fromkeys(map(ord, "“”\"'‘’「」『』《》"), None)


def _clean(expr: str) -> str:
    """Simplified script, ASCII width, no quotes, and no inner spaces in Chinese expressions."""
    from extract.textlayer import normalize  # OpenCC: loaded only when a phrase is read

    s = normalize(expr).normalized.translate(_QUOTES)
    s = " ".join(s.split())
    # Chinese expressions never need inner spaces ("2025 年 4 月"); canonical ones keep theirs.
    if re.search(r"[\u4e00-\u9fff]", s) and not re.search(r"[A-Za-z]{2}", s):
        s = s.replace(" ", "")
    return s


# ------------------------------------------------------------------ the grammar


@dataclass(frozen=True)
class _Ctx:
    published: date
    fye: str  # pandas month abbreviation of the fiscal year end


_YEAR_WORDS = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1,
               "下一年": 1, "后年": 2}
_YEAR_HEAD = re.compile(
    rf"(?:(?P<y>\d{{4}}|[{_DIGITS}]{{4}})年|民国(?P<roc>{_NUM})年|(?P<ry>{'|'.join(sorted(_YEAR_WORDS, key=len, reverse=True))}))"
    r"(?P<rest>.*)"
)
# Taiwan's 民國 calendar: year 1 is 1912.
_ROC_OFFSET = 1911
_SEASONS = {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}
# 首季 is Hong Kong and Taiwan usage for the first quarter.
_QUARTER_CN = r"(?:(?:第)?(?P<q>[一二三四1-4])(?:季度|季)|Q(?P<qq>[1-4])|(?P<first>首)(?:季度|季))"
_DOUBLE11 = r"(?:双11|双十一|双11购物节|双十一购物节)(?:期间|当天|当日|大促|大促期间)?"
_618 = r"618(?:期间|当天|当日|大促|大促期间|购物节)?"
_UNITS_CN = {"年": "year", "季度": "quarter", "月": "month"}


def _quarter_no(m: re.Match) -> int:
    return 1 if m["first"] else _int(m["q"] or m["qq"])


def _year_rest(y: int, rest: str, ctx: _Ctx) -> Period | None:
    """What follows a year: nothing, a month, a quarter, a half, a season, a festival ..."""
    if rest in ("", "度", "全年", "年度", "整年", "全年度"):
        return _year(y)
    if rest in ("上半年", "上半年度", "H1", "中期"):  # 中期: the interim (first-half) report
        return _half(y, 1)
    if rest in ("下半年", "下半年度", "H2"):
        return _half(y, 2)
    if m := re.fullmatch(_QUARTER_CN + r"(?:度)?", rest):
        return _quarter(y, _quarter_no(m))
    if m := re.fullmatch(_QUARTER_CN + r"(?:度)?(?:末|底)", rest):
        return _as_of(_quarter(y, _quarter_no(m)).end)
    if m := re.fullmatch(r"([上下])半年(?:度)?(?:末|底)", rest):
        return _as_of(_half(y, 1 if m[1] == "上" else 2).end)
    if m := re.fullmatch(r"前([二两三2-3])(?:个)?季度?", rest):
        return _span(_quarter(y, 1), _quarter(y, _int(m[1])))
    if m := re.fullmatch(rf"({_NUM})月(?:份)?", rest):
        return _month(y, _int(m[1]))
    if m := re.fullmatch(rf"({_NUM})月({_NUM})[日号]", rest):
        return _day(date(y, _int(m[1]), _int(m[2])))
    if m := re.fullmatch(rf"({_NUM})月(?:底|末)", rest):
        return _as_of(_month(y, _int(m[1])).end)
    if rest in ("底", "末", "年底", "年末"):
        return _as_of(date(y, 12, 31))
    if rest in ("初", "年初"):
        return _early(y)
    if m := re.fullmatch(r"(?:年)?([春夏秋冬])(?:天|季|季度)?", rest):
        return _season(y, _SEASONS[m[1]])
    if re.fullmatch(_DOUBLE11, rest):
        return _festival("Double 11", y, 11, 11)
    if re.fullmatch(_618, rest):
        return _festival("618", y, 6, 18)
    return None


def _quarters_label(first: pd.Period, n: int) -> Period:
    """``n`` quarters of the fiscal grid starting with ``first``, labelled by calendar quarters where they are ones."""
    last = first + (n - 1)
    if first.start_time.month % 3 != 1:  # an off-calendar grid (year ending in January, say): name the months
        return _months(pd.Period(first.start_time, freq="M"), 3 * n)
    a, b = (pd.Period(q.start_time, freq="Q-DEC") for q in (first, last))
    qa, qb = _quarter(a.year, a.quarter), _quarter(b.year, b.quarter)
    return qa if n == 1 else _span(qa, qb)


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
            return _months(pd.Period(pub, freq="M") - months, months)
        if unit == "季度":
            return _quarters_label(pd.Period(pub, freq=f"Q-{ctx.fye}") - n, n)
        if unit in ("周", "星期"):
            this_monday = pub - timedelta(days=pub.weekday())
            return _span(_day(this_monday - timedelta(weeks=n)), _day(this_monday - timedelta(days=1)))
        return _span(_day(pub - timedelta(days=n)), _day(pub - timedelta(days=1)))
    # Rolling windows end on the publication day.
    if unit in ("年", "季度", "月"):
        start = _add_months(pub, -n * {"年": 12, "季度": 3, "月": 1}[unit]) + timedelta(days=1)
    elif unit in ("周", "星期"):
        start = pub - timedelta(weeks=n) + timedelta(days=1)
    else:
        start = pub - timedelta(days=n) + timedelta(days=1)
    return _span(_day(start), _day(pub))


def _anchor(p: Period) -> Period:
    """A horizon or span end given as a stock (截至2024年底) is read as its day."""
    return _day(p.start) if p.label.startswith("as of ") and p.start == p.end else p


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
    anchor = _resolve(m["anchor"], ctx) if m["anchor"] else _day(ctx.published)
    if anchor is None:
        return None
    return _horizon(_int(m["n1"] or m["n2"]), _UNITS_CN[m["u1"] or m["u2"]], _anchor(anchor))


_NOW_WORDS = ("至今", "目前", "当前", "现在", "迄今", "如今", "截至目前", "截至发稿", "截至发稿时", "截止目前",
              "到目前为止", "截至当前")
_MONTH_WORDS = {"上月": -1, "上个月": -1, "上一个月": -1, "本月": 0, "当月": 0, "这个月": 0, "下月": 1, "下个月": 1}
_QUARTER_WORDS = {"上季度": -1, "上个季度": -1, "上一季度": -1, "上一个季度": -1, "本季度": 0, "当季": 0,
                  "这个季度": 0, "下季度": 1, "下个季度": 1}
_FISCAL_WORDS = {"本": 0, "上": -1, "上一": -1, "下": 1, "下一": 1}


def _relative_bare(s: str, ctx: _Ctx) -> Period | None:
    pub = ctx.published
    if s in _NOW_WORDS:
        return _as_of(pub)
    if s in _MONTH_WORDS:
        return _months(pd.Period(pub, freq="M") + _MONTH_WORDS[s], 1)
    if s in _QUARTER_WORDS:
        q = pd.Period(pub, freq="Q-DEC") + _QUARTER_WORDS[s]
        return _quarter(q.year, q.quarter)
    if m := re.fullmatch(r"(本|上一?|下一?)财年(.*)", s):
        return _fiscal_rest(_fiscal_year_of(pub, ctx.fye) + _FISCAL_WORDS[m[1]], m[2], ctx)
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
            return _as_of(_month(y, month).end)
        return _month(y, month)
    if re.fullmatch(_DOUBLE11, s):
        return _festival("Double 11", pub.year if (pub.month, pub.day) >= (11, 11) else pub.year - 1, 11, 11)
    return None


def _fiscal_rest(fy: int, rest: str, ctx: _Ctx) -> Period | None:
    if rest in ("", "度", "全年"):
        return _fiscal(fy, ctx.fye)
    if m := re.fullmatch(_QUARTER_CN + r"(?:度)?", rest):
        return _fiscal(fy, ctx.fye, "Q", _quarter_no(m))
    if m := re.fullmatch(_QUARTER_CN + r"(?:度)?(?:末|底)", rest):
        return _as_of(_fiscal(fy, ctx.fye, "Q", _quarter_no(m)).end)
    if rest in ("上半年", "H1", "上半财年", "中期"):
        return _fiscal(fy, ctx.fye, "H", 1)
    if rest in ("下半年", "H2", "下半财年"):
        return _fiscal(fy, ctx.fye, "H", 2)
    return None


_ENDED_MONTHS = {"财政年度": 12, "年度": 12, "财年": 12, "年": 12, "十二个月": 12, "12个月": 12, "九个月": 9,
                 "9个月": 9, "六个月": 6, "6个月": 6, "半年": 6, "三个月": 3, "3个月": 3, "季度": 3}


def _ended(end: date, months: int, ctx: _Ctx) -> Period:
    """The ``months`` months ending on ``end`` (Hong Kong reports: 截至…止年度 / 六個月 / 三個月).

    Named as the year, half or quarter they are when they are one (fiscal where
    the entity's year does not end in December), else as a span of quarters where
    they lie on the fiscal quarter grid (labelled as :func:`_quarters_label` does
    for 过去N个季度), else as a span of months.
    """
    last = pd.Period(end, freq="M")
    if end != last.end_time.date():
        raise ValueError(f"a period ended {end} does not end on a month end")
    q = pd.Period(end, freq=f"Q-{ctx.fye}")
    on_grid = q.end_time.date() == end
    calendar = ctx.fye == "DEC"
    if months == 12 and on_grid and q.quarter == 4:
        return _year(q.qyear) if calendar else _fiscal(q.qyear, ctx.fye)
    if months == 6 and on_grid and q.quarter % 2 == 0:
        return _half(q.qyear, q.quarter // 2) if calendar else _fiscal(q.qyear, ctx.fye, "H", q.quarter // 2)
    if months == 3 and on_grid:
        return _quarter(q.qyear, q.quarter) if calendar else _fiscal(q.qyear, ctx.fye, "Q", q.quarter)
    if months % 3 == 0 and on_grid:
        return _quarters_label(q - (months // 3 - 1), months // 3)
    return _months(last - (months - 1), months)


def _resolve(s: str, ctx: _Ctx) -> Period | None:
    if not s:
        return None
    if (p := _label(_loose_label(s) if s.isascii() else s, ctx.fye)) is not None:
        return p
    # 截至2024年3月31日止年度 / 六个月 / 三个月: a flow over the months ending that day.
    if m := re.fullmatch(rf"(?:截至|截止到|截止至|截止|至)(.+?)止(?:的)?({'|'.join(_ENDED_MONTHS)})", s):
        inner = _resolve(m[1], ctx)
        if inner is None:
            return None
        return _ended(inner.end, _ENDED_MONTHS[m[2]], ctx)
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
        if m["y"]:
            y = _int(m["y"])
        elif m["roc"]:
            y = _int(m["roc"]) + _ROC_OFFSET
        else:
            y = ctx.published.year + _YEAR_WORDS[m["ry"]]
        if (p := _year_rest(y, m["rest"], ctx)) is not None:
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
            right = _resolve(m[2], _Ctx(date(left.start.year, 12, 31), ctx.fye))
            if right is not None:
                return _span(_anchor(left), _anchor(right))
    return None


def resolve_phrase(phrase: str, published: date, fiscal_year_end: str = "12-31") -> Period:
    """Resolve the article's words (or a canonical label) to a :class:`Period`.

    ``phrase`` is a Chinese expression from the article (``去年双11期间``,
    ``今年4月``, ``過去四個季度``, ``截至2023年底``, ``2025财年第一季度`` ...) or a
    label, even a loosely written one (``fy25q1``). It is read against
    ``published`` (the article's publication date) and ``fiscal_year_end``
    (``"MM-DD"``, the last day of a month, of the entity the figure is about). The
    result's ``label`` is what a declaration writes; ``parse_label`` reads it back
    to the same period. See the module docstring for every form and for how windows
    such as 过去四个季度 and 近两月 are defined.

    Raises :class:`PeriodError` naming the phrase when it cannot be resolved.

    Example::

        >>> from datetime import date
        >>> resolve_phrase("今年4月", date(2024, 6, 18))
        Period(label='2024-04', start=datetime.date(2024, 4, 1), end=datetime.date(2024, 4, 30))
        >>> p = resolve_phrase("過去四個季度", date(2026, 2, 10))
        >>> p.label, p.start, p.end
        ('2025Q1/2025Q4', datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
        >>> resolve_phrase("截至2024年3月31日止年度", date(2024, 5, 20), "03-31").label
        'FY2024'
        >>> parse_label(p.label) == p
        True
    """
    if not isinstance(phrase, str) or not phrase.strip():
        raise PeriodError(f"period {phrase!r}: empty period expression")
    if not isinstance(published, date):
        raise PeriodError(f"period {phrase!r}: published must be a datetime.date, got {published!r}")
    try:
        ctx = _Ctx(published, _fye(fiscal_year_end))
        period = _resolve(_clean(phrase), ctx)
    except (ValueError, KeyError) as exc:  # PeriodError is a ValueError too
        raise PeriodError(f"period {phrase!r} (published {published.isoformat()}): {exc}") from None
    if period is None:
        raise PeriodError(
            f"period {phrase!r} (published {published.isoformat()}): not a known form; "
            "use a canonical label (2024, 2024-04, 2024Q2, FY2025Q1, as of 2023-12-31, 2024-09/2026-02) "
            "or a supported Chinese expression (see extract/periods.py)"
        )
    return period


def resolve_period(expr: str, published: date, fiscal_year_end: str = "12-31") -> Period:
    """A label or the article's words to a :class:`Period`: :func:`resolve_phrase` under its older name.

    Example::

        >>> from datetime import date
        >>> resolve_period("2024Q2", date(2024, 9, 1)).end
        datetime.date(2024, 6, 30)
    """
    return resolve_phrase(expr, published, fiscal_year_end)


def declared_period(expr: str, published: date, fiscal_year_end: str = "12-31") -> Period:
    """The period a declaration names: its canonical label; an article's phrase is refused.

    The engine's resolver. A phrase that resolves raises :class:`NotALabel`, whose
    message says which label to write; anything else raises the
    :class:`PeriodError` of :func:`parse_label`.

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
        if isinstance(expr, str) and isinstance(published, date):
            try:
                suggestion = resolve_phrase(expr, published, fiscal_year_end)
            except PeriodError:
                raise not_label from None
            raise NotALabel(expr, suggestion) from None
        raise
