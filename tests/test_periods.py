"""Period expressions resolve to the right dates, labels are stable, and bad input names the expression.

Phrases go through ``resolve_phrase`` (the draft's path); the label it returns must
read back through the strict ``parse_label`` (the engine's path) to the same period.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, strategies as st

from extract.periods import (NotALabel, Period, PeriodError, declared_period, parse_label, resolve_period,
                             resolve_phrase)

D = date


def check(expr, published, label, start, end, fye="12-31"):
    p = resolve_phrase(expr, published, fye)
    assert p == Period(label, start, end), expr
    # The label is canonical: the engine's strict reader gives the same period back.
    assert parse_label(p.label, fye) == p, p.label
    # ... and so does the phrase reader, which accepts labels too.
    assert resolve_phrase(p.label, published, fye) == p, p.label
    return p


# ------------------------------------------------------------------ the examples, exactly


def test_last_double_11_in_an_article_of_2026_01_30():
    check("去年双11期间", D(2026, 1, 30), "Double 11 2025", D(2025, 11, 11), D(2025, 11, 11))
    check("去年双11", D(2026, 1, 30), "Double 11 2025", D(2025, 11, 11), D(2025, 11, 11))


def test_april_this_year_in_an_article_of_2024_06_18():
    check("今年4月", D(2024, 6, 18), "2024-04", D(2024, 4, 1), D(2024, 4, 30))


def test_past_four_quarters_are_the_complete_quarters_before_publication():
    check("过去四个季度", D(2026, 2, 10), "2025Q1/2025Q4", D(2025, 1, 1), D(2025, 12, 31))
    # Alibaba's fiscal quarters (year end 03-31) sit on the calendar-quarter grid.
    check("过去四个季度", D(2026, 2, 10), "2025Q1/2025Q4", D(2025, 1, 1), D(2025, 12, 31), "03-31")
    # Published on the first day of a quarter: that quarter has not happened yet.
    check("过去四个季度", D(2025, 4, 1), "2024Q2/2025Q1", D(2024, 4, 1), D(2025, 3, 31))
    check("过去一个季度", D(2025, 4, 1), "2025Q1", D(2025, 1, 1), D(2025, 3, 31))


def test_past_quarters_follow_an_off_calendar_fiscal_grid():
    # Fiscal year ending 31 January: quarters run Feb-Apr, May-Jul, Aug-Oct, Nov-Jan.
    check("过去四个季度", D(2026, 1, 10), "2024-11/2025-10", D(2024, 11, 1), D(2025, 10, 31), "01-31")


# ------------------------------------------------------------------ canonical labels


@pytest.mark.parametrize(
    "label,start,end,fye",
    [
        ("2023", D(2023, 1, 1), D(2023, 12, 31), "12-31"),
        ("2024-04", D(2024, 4, 1), D(2024, 4, 30), "12-31"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "12-31"),
        ("2024-06-13", D(2024, 6, 13), D(2024, 6, 13), "12-31"),
        ("2024Q2", D(2024, 4, 1), D(2024, 6, 30), "12-31"),
        ("2024H1", D(2024, 1, 1), D(2024, 6, 30), "12-31"),
        ("2024H2", D(2024, 7, 1), D(2024, 12, 31), "12-31"),
        ("FY2025", D(2024, 4, 1), D(2025, 3, 31), "03-31"),
        ("FY2025Q1", D(2024, 4, 1), D(2024, 6, 30), "03-31"),
        ("FY2025Q4", D(2025, 1, 1), D(2025, 3, 31), "03-31"),
        ("FY2025H2", D(2024, 10, 1), D(2025, 3, 31), "03-31"),
        ("FY2025", D(2025, 1, 1), D(2025, 12, 31), "12-31"),
        ("FY2025Q1", D(2024, 7, 1), D(2024, 9, 30), "06-30"),
        ("as of 2023-12-31", D(2023, 12, 31), D(2023, 12, 31), "12-31"),
        ("as of 2025-05", D(2025, 5, 1), D(2025, 5, 31), "12-31"),
        ("2024-09/2026-02", D(2024, 9, 1), D(2026, 2, 28), "12-31"),
        ("2025Q1/2025Q4", D(2025, 1, 1), D(2025, 12, 31), "12-31"),
        ("2023-10-31/2024-04-30", D(2023, 10, 31), D(2024, 4, 30), "12-31"),
        ("Double 11 2025", D(2025, 11, 11), D(2025, 11, 11), "12-31"),
        ("618 2024", D(2024, 6, 18), D(2024, 6, 18), "12-31"),
        ("spring 2023", D(2023, 3, 1), D(2023, 5, 31), "12-31"),
        ("winter 2023", D(2023, 12, 1), D(2024, 2, 29), "12-31"),
        ("early 2025", D(2025, 1, 1), D(2025, 3, 31), "12-31"),
        ("3 years from 2024-02", D(2024, 2, 1), D(2027, 1, 31), "12-31"),
    ],
)
def test_canonical_labels(label, start, end, fye):
    check(label, D(2026, 2, 10), label, start, end, fye)
    # The label alone, without a publication date, is enough.
    assert parse_label(label, fye) == Period(label, start, end)


@pytest.mark.parametrize("loose,label", [
    ("fy25q1", "FY2025Q1"), ("FY25", "FY2025"), ("fy2025h2", "FY2025H2"), ("2024q2", "2024Q2"),
    ("Spring 2023", "spring 2023"), ("double 11 2025", "Double 11 2025"), ("AS OF 2023-12-31", "as of 2023-12-31"),
    ("3 year from 2024-02", "3 years from 2024-02"), ("1 years from 2025", "1 year from 2025"),
])
def test_loose_labels_are_read_by_the_phrase_reader_and_refused_by_the_label_reader(loose, label):
    assert resolve_phrase(loose, D(2024, 9, 20), "03-31").label == label
    with pytest.raises(PeriodError, match="not a canonical label"):
        parse_label(loose, "03-31")


# ------------------------------------------------------------------ Chinese expressions


CHINESE_EXPRESSIONS = [
    ("去年", D(2024, 6, 18), "2023", D(2023, 1, 1), D(2023, 12, 31), "12-31"),
    ("今年", D(2024, 6, 18), "2024", D(2024, 1, 1), D(2024, 12, 31), "12-31"),
    ("明年", D(2024, 6, 18), "2025", D(2025, 1, 1), D(2025, 12, 31), "12-31"),
    ("前年", D(2024, 6, 18), "2022", D(2022, 1, 1), D(2022, 12, 31), "12-31"),
    ("4年前", D(2024, 6, 18), "2020", D(2020, 1, 1), D(2020, 12, 31), "12-31"),
    ("2023年", D(2024, 6, 18), "2023", D(2023, 1, 1), D(2023, 12, 31), "12-31"),
    ("2023年度", D(2024, 6, 18), "2023", D(2023, 1, 1), D(2023, 12, 31), "12-31"),
    ("2024年2月", D(2025, 5, 1), "2024-02", D(2024, 2, 1), D(2024, 2, 29), "12-31"),
    ("2025年1月", D(2026, 2, 10), "2025-01", D(2025, 1, 1), D(2025, 1, 31), "12-31"),
    ("2024年6月13日", D(2024, 6, 18), "2024-06-13", D(2024, 6, 13), D(2024, 6, 13), "12-31"),
    ("2025年上半年", D(2026, 2, 10), "2025H1", D(2025, 1, 1), D(2025, 6, 30), "12-31"),
    ("今年下半年", D(2026, 2, 10), "2026H2", D(2026, 7, 1), D(2026, 12, 31), "12-31"),
    ("2025年第一季度", D(2026, 2, 10), "2025Q1", D(2025, 1, 1), D(2025, 3, 31), "12-31"),
    ("去年四季度", D(2026, 2, 10), "2025Q4", D(2025, 10, 1), D(2025, 12, 31), "12-31"),
    ("2025年Q3", D(2026, 2, 10), "2025Q3", D(2025, 7, 1), D(2025, 9, 30), "12-31"),
    ("2025年前三季度", D(2026, 2, 10), "2025Q1/2025Q3", D(2025, 1, 1), D(2025, 9, 30), "12-31"),
    ("2025年初", D(2025, 5, 1), "early 2025", D(2025, 1, 1), D(2025, 3, 31), "12-31"),
    ("2023年春", D(2025, 5, 1), "spring 2023", D(2023, 3, 1), D(2023, 5, 31), "12-31"),
    ("截至2023年底", D(2024, 6, 18), "as of 2023-12-31", D(2023, 12, 31), D(2023, 12, 31), "12-31"),
    ("截至2023年", D(2024, 6, 18), "as of 2023-12-31", D(2023, 12, 31), D(2023, 12, 31), "12-31"),
    ("2022年底", D(2024, 6, 18), "as of 2022-12-31", D(2022, 12, 31), D(2022, 12, 31), "12-31"),
    ("去年年末", D(2024, 6, 18), "as of 2023-12-31", D(2023, 12, 31), D(2023, 12, 31), "12-31"),
    ("截至2024年3月", D(2024, 6, 18), "as of 2024-03-31", D(2024, 3, 31), D(2024, 3, 31), "12-31"),
    ("到今年4月", D(2024, 6, 18), "as of 2024-04-30", D(2024, 4, 30), D(2024, 4, 30), "12-31"),
    ("截至目前", D(2024, 6, 18), "as of 2024-06-18", D(2024, 6, 18), D(2024, 6, 18), "12-31"),
    ("至今", D(2024, 6, 18), "as of 2024-06-18", D(2024, 6, 18), D(2024, 6, 18), "12-31"),
    ("2025财年第一季度", D(2024, 9, 20), "FY2025Q1", D(2024, 4, 1), D(2024, 6, 30), "03-31"),
    ("2025财年", D(2024, 9, 20), "FY2025", D(2024, 4, 1), D(2025, 3, 31), "03-31"),
    ("本财年", D(2024, 9, 20), "FY2025", D(2024, 4, 1), D(2025, 3, 31), "03-31"),
    ("上一财年", D(2024, 9, 20), "FY2024", D(2023, 4, 1), D(2024, 3, 31), "03-31"),
    ("2020年“双十一”当天", D(2025, 5, 1), "Double 11 2020", D(2020, 11, 11), D(2020, 11, 11), "12-31"),
    ("今年618", D(2024, 6, 18), "618 2024", D(2024, 6, 18), D(2024, 6, 18), "12-31"),
    ("2024—2026 年", D(2024, 6, 18), "2024/2026", D(2024, 1, 1), D(2026, 12, 31), "12-31"),
    ("2024年2月至5月", D(2024, 6, 18), "2024-02/2024-05", D(2024, 2, 1), D(2024, 5, 31), "12-31"),
    ("2023年10月到2024年3月", D(2024, 6, 18), "2023-10/2024-03", D(2023, 10, 1), D(2024, 3, 31), "12-31"),
    ("上个月", D(2024, 1, 5), "2023-12", D(2023, 12, 1), D(2023, 12, 31), "12-31"),
    ("上季度", D(2024, 1, 5), "2023Q4", D(2023, 10, 1), D(2023, 12, 31), "12-31"),
]


def test_traditional_script_and_full_width():
    check("過去一年", D(2025, 5, 1), "2024-05/2025-04", D(2024, 5, 1), D(2025, 4, 30))
    check("２０２５財年第一季度", D(2024, 9, 20), "FY2025Q1", D(2024, 4, 1), D(2024, 6, 30), "03-31")
    check("2020年“雙十一”當天", D(2025, 5, 1), "Double 11 2020", D(2020, 11, 11), D(2020, 11, 11))


def test_chinese_numerals_in_dates():
    check("二〇二三年十二月", D(2024, 6, 18), "2023-12", D(2023, 12, 1), D(2023, 12, 31))
    check("今年四月", D(2024, 6, 18), "2024-04", D(2024, 4, 1), D(2024, 4, 30))


# ------------------------------------------------------------------ windows, bare dates, horizons


def test_past_year_is_the_twelve_complete_months_before_publication():
    check("过去一年", D(2026, 2, 10), "2025-02/2026-01", D(2025, 2, 1), D(2026, 1, 31))
    check("过去12个月", D(2026, 2, 10), "2025-02/2026-01", D(2025, 2, 1), D(2026, 1, 31))
    check("过去半年", D(2026, 2, 10), "2025-08/2026-01", D(2025, 8, 1), D(2026, 1, 31))


def test_recent_months_are_a_rolling_window_ending_on_publication():
    check("近两月", D(2026, 1, 30), "2025-12-01/2026-01-30", D(2025, 12, 1), D(2026, 1, 30))
    check("近两个月", D(2026, 1, 30), "2025-12-01/2026-01-30", D(2025, 12, 1), D(2026, 1, 30))
    check("最近半年", D(2024, 4, 30), "2023-10-31/2024-04-30", D(2023, 10, 31), D(2024, 4, 30))
    check("近30天", D(2024, 4, 30), "2024-04-01/2024-04-30", D(2024, 4, 1), D(2024, 4, 30))


def test_bare_month_takes_the_most_recent_such_month():
    check("4月30日", D(2025, 5, 10), "2025-04-30", D(2025, 4, 30), D(2025, 4, 30))
    check("12月", D(2026, 1, 30), "2025-12", D(2025, 12, 1), D(2025, 12, 31))


def test_bare_double_11_is_the_most_recent_one():
    check("双十一当天", D(2025, 11, 10), "Double 11 2024", D(2024, 11, 11), D(2024, 11, 11))
    check("双11", D(2025, 11, 11), "Double 11 2025", D(2025, 11, 11), D(2025, 11, 11))


def test_plan_horizons():
    check("未来三年", D(2024, 6, 18), "3 years from 2024-06-18", D(2024, 6, 18), D(2027, 6, 17))
    check("三年内", D(2025, 2, 24), "3 years from 2025-02-24", D(2025, 2, 24), D(2028, 2, 23))
    check("2024年2月起三年内", D(2025, 5, 1), "3 years from 2024-02", D(2024, 2, 1), D(2027, 1, 31))
    check("从2025年起未来两年", D(2025, 5, 1), "2 years from 2025", D(2025, 1, 1), D(2026, 12, 31))


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    "expr",
    ["", "   ", "sometime", "去年某月", "2024-13", "2024Q5", "FY2025Q5", "2024年13月", "2026-02/2024-09",
     "未来三到五年", "as of 2024-09/2026-02", "近半月"],
)
def test_bad_expressions_raise_naming_the_expression(expr):
    for read in (lambda: resolve_phrase(expr, D(2026, 2, 10)), lambda: parse_label(expr),
                 lambda: declared_period(expr, D(2026, 2, 10))):
        with pytest.raises(PeriodError) as info:
            read()
        assert repr(expr) in str(info.value)
        assert not isinstance(info.value, NotALabel)


@pytest.mark.parametrize("fye", ["3-31", "03-30", "13-31", "", "02-29"])
def test_fiscal_year_end_must_be_a_month_end(fye):
    with pytest.raises(PeriodError) as info:
        resolve_phrase("FY2025", D(2026, 2, 10), fye)
    assert "'FY2025'" in str(info.value) and "fiscal_year_end" in str(info.value)
    with pytest.raises(PeriodError, match="fiscal_year_end"):
        parse_label("FY2025", fye)


def test_published_must_be_a_date():
    with pytest.raises(PeriodError, match="published"):
        resolve_phrase("2023", "2024-06-18")  # type: ignore[arg-type]


# ------------------------------------------------------------------ properties


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))
fyes = st.sampled_from(["12-31", "03-31", "06-30", "09-30", "01-31"])


@given(published=days, fye=fyes, expr=st.sampled_from(
    ["去年", "今年4月", "过去四个季度", "过去一年", "近两月", "去年双11期间", "截至去年底", "本财年",
     "上季度", "未来三年", "今年上半年", "最近半年", "去年初", "至今"]))
def test_relative_periods_are_well_formed_and_stable(published, fye, expr):
    p = resolve_phrase(expr, published, fye)
    assert p.start <= p.end
    assert parse_label(p.label, fye) == p


@given(published=days, n=st.integers(1, 8))
def test_past_quarters_end_before_the_publication_quarter(published, n):
    p = resolve_phrase(f"过去{n}个季度", published)
    quarter_start = D(published.year, 3 * ((published.month - 1) // 3) + 1, 1)
    assert p.end == quarter_start - timedelta(days=1)
    assert (p.end.year * 12 + p.end.month) - (p.start.year * 12 + p.start.month) + 1 == 3 * n


@given(published=days, fy=st.integers(2000, 2040), fye=fyes)
def test_fiscal_quarters_tile_the_fiscal_year(published, fy, fye):
    year = parse_label(f"FY{fy}", fye)
    quarters = [parse_label(f"FY{fy}Q{q}", fye) for q in range(1, 5)]
    assert quarters == [resolve_phrase(f"{fy}财年第{'一二三四'[q - 1]}季度", published, fye) for q in range(1, 5)]
    assert quarters[0].start == year.start and quarters[-1].end == year.end
    for a, b in zip(quarters, quarters[1:]):
        assert b.start == a.end + timedelta(days=1)
    assert year.end.strftime("%m-%d") == fye


def test_resolve_period_is_the_phrase_reader_under_its_older_name():
    for expr in ("去年双11期间", "FY2025Q1", "過去一年"):
        assert resolve_period(expr, D(2026, 1, 30), "03-31") == resolve_phrase(expr, D(2026, 1, 30), "03-31")


# ------------------------------------------------------------------ Hong Kong, Taiwan and fiscal years


REGIONAL_AND_FISCAL_EXPRESSIONS = [
    # Hong Kong annual and interim reports: the months ended on a day.
    ("截至2024年3月31日止年度", D(2024, 5, 20), "FY2024", D(2023, 4, 1), D(2024, 3, 31), "03-31"),
    ("截至二〇二四年三月三十一日止年度", D(2024, 5, 20), "FY2024", D(2023, 4, 1), D(2024, 3, 31), "03-31"),
    ("截至2023年12月31日止年度", D(2024, 3, 20), "2023", D(2023, 1, 1), D(2023, 12, 31), "12-31"),
    ("截至2024年6月30日止六個月", D(2024, 8, 20), "2024H1", D(2024, 1, 1), D(2024, 6, 30), "12-31"),
    ("截至2024年9月30日止六個月", D(2024, 11, 20), "FY2025H1", D(2024, 4, 1), D(2024, 9, 30), "03-31"),
    ("截至2024年6月30日止三個月", D(2024, 8, 20), "FY2025Q1", D(2024, 4, 1), D(2024, 6, 30), "03-31"),
    # Months that are not one fiscal half or year: quarters where they lie on the grid, else months.
    ("截至2024年6月30日止六個月", D(2024, 8, 20), "2024Q1/2024Q2", D(2024, 1, 1), D(2024, 6, 30), "03-31"),
    ("截至2024年6月30日止年度", D(2024, 8, 20), "2023Q3/2024Q2", D(2023, 7, 1), D(2024, 6, 30), "12-31"),
    ("截至2024年7月31日止六個月", D(2024, 8, 20), "2024-02/2024-07", D(2024, 2, 1), D(2024, 7, 31), "12-31"),
    ("截至2024年6月30日止年度", D(2024, 8, 20), "FY2024", D(2023, 7, 1), D(2024, 6, 30), "06-30"),
    ("截至2024年9月30日止九個月", D(2024, 11, 20), "2024Q1/2024Q3", D(2024, 1, 1), D(2024, 9, 30), "12-31"),
    ("截至2024年8月31日止九個月", D(2024, 11, 20), "2023-12/2024-08", D(2023, 12, 1), D(2024, 8, 31), "12-31"),
    ("截至2024年3月31日止財政年度", D(2024, 5, 20), "FY2024", D(2023, 4, 1), D(2024, 3, 31), "03-31"),
    ("2024年中期", D(2024, 8, 20), "2024H1", D(2024, 1, 1), D(2024, 6, 30), "12-31"),
    ("2025財年中期", D(2024, 11, 20), "FY2025H1", D(2024, 4, 1), D(2024, 9, 30), "03-31"),
    # Quarter and half ends: stocks.
    ("截至2024年一季度末", D(2024, 5, 20), "as of 2024-03-31", D(2024, 3, 31), D(2024, 3, 31), "12-31"),
    ("2025财年第二季度末", D(2024, 11, 20), "as of 2024-09-30", D(2024, 9, 30), D(2024, 9, 30), "03-31"),
    ("2024年上半年末", D(2024, 8, 20), "as of 2024-06-30", D(2024, 6, 30), D(2024, 6, 30), "12-31"),
    # Taiwan: 民國 years, 第1季, 首季.
    ("民國113年", D(2024, 8, 20), "2024", D(2024, 1, 1), D(2024, 12, 31), "12-31"),
    ("民國一一三年第一季", D(2024, 8, 20), "2024Q1", D(2024, 1, 1), D(2024, 3, 31), "12-31"),
    ("民國112年12月", D(2024, 8, 20), "2023-12", D(2023, 12, 1), D(2023, 12, 31), "12-31"),
    ("2024年第1季", D(2024, 8, 20), "2024Q1", D(2024, 1, 1), D(2024, 3, 31), "12-31"),
    ("2024年首季", D(2024, 8, 20), "2024Q1", D(2024, 1, 1), D(2024, 3, 31), "12-31"),
    ("2025財年首季", D(2024, 8, 20), "FY2025Q1", D(2024, 4, 1), D(2024, 6, 30), "03-31"),
    # Traditional script throughout.
    ("去年雙十一期間", D(2026, 1, 30), "Double 11 2025", D(2025, 11, 11), D(2025, 11, 11), "12-31"),
    ("過去四個季度", D(2026, 2, 10), "2025Q1/2025Q4", D(2025, 1, 1), D(2025, 12, 31), "12-31"),
    ("近兩個月", D(2026, 1, 30), "2025-12-01/2026-01-30", D(2025, 12, 1), D(2026, 1, 30), "12-31"),
    ("上個季度", D(2024, 1, 5), "2023Q4", D(2023, 10, 1), D(2023, 12, 31), "12-31"),
    ("本財年下半年", D(2024, 9, 20), "FY2025H2", D(2024, 10, 1), D(2025, 3, 31), "03-31"),
    ("截至2023年年底", D(2024, 6, 18), "as of 2023-12-31", D(2023, 12, 31), D(2023, 12, 31), "12-31"),
    ("２０２５ 年 ４ 月", D(2025, 6, 1), "2025-04", D(2025, 4, 1), D(2025, 4, 30), "12-31"),
    ("2023年全年度", D(2024, 6, 18), "2023", D(2023, 1, 1), D(2023, 12, 31), "12-31"),
    # Fiscal years ending in June and September.
    ("2025财年", D(2024, 9, 20), "FY2025", D(2024, 7, 1), D(2025, 6, 30), "06-30"),
    ("2024财年第四季度", D(2024, 11, 20), "FY2024Q4", D(2024, 7, 1), D(2024, 9, 30), "09-30"),
    ("本财年", D(2024, 10, 5), "FY2025", D(2024, 10, 1), D(2025, 9, 30), "09-30"),
    ("上一财年", D(2024, 10, 5), "FY2024", D(2023, 10, 1), D(2024, 9, 30), "09-30"),
    ("过去四个季度", D(2024, 8, 15), "2023Q3/2024Q2", D(2023, 7, 1), D(2024, 6, 30), "06-30"),
    ("FY2024H1", D(2024, 8, 15), "FY2024H1", D(2023, 10, 1), D(2024, 3, 31), "09-30"),
    # Span ends given as stocks are the days themselves.
    ("2023年底至2024年底", D(2025, 1, 5), "2023-12-31/2024-12-31", D(2023, 12, 31), D(2024, 12, 31), "12-31"),
]


@pytest.mark.parametrize("expr,published,label,start,end,fye", CHINESE_EXPRESSIONS + REGIONAL_AND_FISCAL_EXPRESSIONS)
def test_chinese_expressions(expr, published, label, start, end, fye):
    check(expr, published, label, start, end, fye)


@pytest.mark.parametrize("expr,why", [
    ("截至2024年3月15日止年度", "month end"),
    ("首季", "not a known form"),
    ("2024财年第五季度", "not a known form"),
])
def test_bad_hong_kong_and_taiwan_forms(expr, why):
    with pytest.raises(PeriodError, match=why):
        resolve_phrase(expr, D(2024, 6, 1), "03-31")


# ------------------------------------------------------------------ the label reader is strict


@pytest.mark.parametrize("text", [
    "2023年", "去年", "过去四个季度", "FY25", "fy2025q1", "2024q2", "Spring 2023", " 2024", "2024 ",
    "as of 2024Q2", "as of 2023-12-31/2024", "2024/2025/2026", "as of 2024-09/2026-02", "3 year from 2024-02",
    "1 years from 2024", "3 years from as of 2024-02-01", "3 years from 2024/2025",
])
def test_parse_label_refuses_what_is_not_canonical(text):
    with pytest.raises(PeriodError) as info:
        parse_label(text, "03-31")
    assert repr(text) in str(info.value)


def test_declared_period_refuses_a_phrase_with_the_label_to_write():
    with pytest.raises(NotALabel) as info:
        declared_period("去年双11期间", D(2026, 1, 30))
    assert str(info.value) == ("period '去年双11期间' is the article's phrase; "
                               'write period="Double 11 2025"  # 去年双11期间')
    assert info.value.suggestion == parse_label("Double 11 2025")
    with pytest.raises(NotALabel, match='write period="FY2025Q1"  # 2025財年第一季度'):
        declared_period("2025財年第一季度", D(2024, 9, 20), "03-31")


def test_the_engine_names_the_declaration_and_the_label_to_write():
    from types import SimpleNamespace

    from extract.declare import figure
    from extract.engine import check_source, where

    fig = figure("去年双11期间日均订单超百万", "百万", entity="e", metric="m", period="去年双11期间",
                 scope="China", value=1e6, unit="orders")
    src = SimpleNamespace(source_id="s", text="", body_start=0, body_end=0, published=D(2026, 1, 30), meta={})
    errors = check_source(src, [fig], [], entities={}, metrics={}, scan=lambda t: []).errors
    assert f"{where(fig.declared)}: period '去年双11期间' is the article's phrase; " \
           'write period="Double 11 2025"  # 去年双11期间' in errors


def test_period_command_prints_label_start_and_end(capsys):
    from extract.__main__ import main

    assert main(["period", "2025財年第一季度", "--published", "2024-09-20", "--fiscal-year-end", "03-31"]) == 0
    assert capsys.readouterr().out.split() == ["label", "FY2025Q1", "start", "2024-04-01", "end", "2024-06-30"]
    assert main(["period", "某个时候", "--published", "2024-09-20"]) == 1
    assert "'某个时候'" in capsys.readouterr().err


def test_every_shipped_period_reads_back_from_its_label():
    from ai_consumer_metrics import load

    entities = load("entities").set_index("entity_id")
    figures = load("figures")
    assert len(figures)
    for row in figures.itertuples():
        p = parse_label(row.period, entities.at[row.entity_id, "fiscal_year_end"])
        assert (p.start, p.end) == (row.period_start.date(), row.period_end.date()), row.period


# ------------------------------------------------------------------ properties of labels


years = st.integers(1990, 2060)
fye_months = st.integers(1, 12)


def month_end(y, m):
    return D(y, m, calendar.monthrange(y, m)[1])


def fye_of(m):
    return f"{m:02d}-{calendar.monthrange(2001, m)[1]:02d}"


@st.composite
def simple_labels(draw):
    y = draw(years)
    kind = draw(st.sampled_from(["year", "month", "day", "quarter", "half", "fy", "fest", "season", "early"]))
    if kind == "year":
        return f"{y}"
    if kind == "month":
        return f"{y}-{draw(st.integers(1, 12)):02d}"
    if kind == "day":
        return draw(st.dates(D(y, 1, 1), D(y, 12, 31))).isoformat()
    if kind == "quarter":
        return f"{y}Q{draw(st.integers(1, 4))}"
    if kind == "half":
        return f"{y}H{draw(st.integers(1, 2))}"
    if kind == "fy":
        return f"FY{y}" + draw(st.sampled_from(["", "Q1", "Q2", "Q3", "Q4", "H1", "H2"]))
    if kind == "fest":
        return draw(st.sampled_from([f"Double 11 {y}", f"618 {y}"]))
    if kind == "season":
        return f"{draw(st.sampled_from(['spring', 'summer', 'autumn', 'winter']))} {y}"
    return f"early {y}"


@st.composite
def labels(draw):
    form = draw(st.sampled_from(["simple", "as of", "span", "horizon"]))
    if form == "simple":
        return draw(simple_labels())
    if form == "as of":
        y = draw(years)
        return "as of " + draw(st.sampled_from([f"{y}", f"{y}-{draw(st.integers(1, 12)):02d}",
                                                draw(st.dates(D(y, 1, 1), D(y, 12, 31))).isoformat()]))
    if form == "horizon":
        n = draw(st.integers(1, 10))
        unit = draw(st.sampled_from(["year", "quarter", "month"]))
        return f"{n} {unit}{'s' if n != 1 else ''} from {draw(simple_labels())}"
    return f"{draw(simple_labels())}/{draw(simple_labels())}"


@given(label=labels(), m=fye_months)
def test_a_label_reads_back_to_itself(label, m):
    fye = fye_of(m)
    try:
        p = parse_label(label, fye)
    except PeriodError as exc:
        # Only a span running backwards is refused among well-formed labels.
        assert "/" in label and "runs backwards" in str(exc)
        return
    assert p.label == label and p.start <= p.end
    assert resolve_phrase(label, D(2026, 2, 10), fye) == p


@given(y=years, m=st.integers(1, 12))
def test_months_end_on_their_last_day(y, m):
    assert parse_label(f"{y}-{m:02d}") == Period(f"{y}-{m:02d}", D(y, m, 1), month_end(y, m))


@given(fy=years, m=fye_months, part=st.sampled_from(["Q1", "Q2", "Q3", "Q4", "H1", "H2"]))
def test_a_fiscal_quarter_or_half_lies_within_its_fiscal_year(fy, m, part):
    fye = fye_of(m)
    year, sub = parse_label(f"FY{fy}", fye), parse_label(f"FY{fy}{part}", fye)
    # FY named by the year it ends in: it ends on the fiscal year end of calendar year fy.
    assert year.end == month_end(fy, m)
    assert year.start <= sub.start <= sub.end <= year.end
    months = (sub.end.year - sub.start.year) * 12 + sub.end.month - sub.start.month + 1
    assert months == (3 if part[0] == "Q" else 6)


@given(fy=years, m=fye_months)
def test_a_fiscal_year_is_the_twelve_months_ending_on_its_year_end(fy, m):
    p = parse_label(f"FY{fy}", fye_of(m))
    start_y, start_m = (fy, 1) if m == 12 else (fy - 1, m + 1)
    assert (p.start, p.end) == (D(start_y, start_m, 1), month_end(fy, m))
    assert resolve_phrase(f"截至{fy}年{m}月{month_end(fy, m).day}日止年度", D(2061, 1, 1), fye_of(m)).end == p.end


# ------------------------------------------------------------------ properties of phrases


CN = "〇一二三四五六七八九"


def cn_small(n):
    """1..31 in Chinese, written here independently of extract.numerals."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else CN[tens] + "十")) + (CN[ones] if ones else "")


def cn_year(y):
    return "".join(CN[int(c)] for c in str(y))


@given(day=st.dates(D(1990, 1, 1), D(2060, 12, 31)), chinese=st.booleans(), traditional=st.booleans(),
       published=days)
def test_written_dates_resolve_to_their_day_month_and_year(day, chinese, traditional, published):
    y, m, d = (cn_year(day.year), cn_small(day.month), cn_small(day.day)) if chinese else \
        (str(day.year), str(day.month), str(day.day))
    check(f"{y}年{m}月{d}日", published, day.isoformat(), day, day)
    check(f"{y}年{m}月", published, f"{day:%Y-%m}", day.replace(day=1), month_end(day.year, day.month))
    check(f"截至{y}年{m}月底", published, f"as of {month_end(day.year, day.month)}",
          month_end(day.year, day.month), month_end(day.year, day.month))
    double11 = "雙十一當天" if traditional else "双十一当天"
    check(f"{y}年{double11}", published, f"Double 11 {day.year}", D(day.year, 11, 11), D(day.year, 11, 11))


@given(published=days, month=st.integers(1, 12))
def test_a_bare_month_is_the_latest_one_not_after_publication(published, month):
    p = resolve_phrase(f"{cn_small(month)}月", published)
    assert p.start.month == month and p.start <= published
    assert p.start > published.replace(day=1) - timedelta(days=366)


@given(published=days, n=st.integers(1, 24), fye=fyes)
def test_rolling_windows_end_on_publication_and_past_windows_before_it(published, n, fye):
    rolling = resolve_phrase(f"近{n}个月", published, fye)
    assert rolling.end == published and rolling.start <= published
    past = resolve_phrase(f"过去{n}个月", published, fye)
    assert past.end == published.replace(day=1) - timedelta(days=1)
    assert past.start.day == 1 and past.end < rolling.end


@given(published=days, phrase=st.sampled_from(
    ["今年", "去年", "明年", "今年上半年", "去年四季度", "本财年", "上一财年下半年", "上个月", "下季度", "至今",
     "截至去年底", "过去两个季度", "近三年", "未来五年", "三个月内", "去年双11", "今年618", "去年春天", "今年初"]),
    m=fye_months, traditional=st.booleans())
def test_relative_phrases_resolve_to_canonical_ordered_periods(published, phrase, m, traditional):
    from extract.textlayer import normalize

    p = resolve_phrase(phrase, published, fye_of(m))
    assert p.start <= p.end and parse_label(p.label, fye_of(m)) == p
    # Writing the same words in traditional script changes nothing.
    trad = phrase.translate(str.maketrans("财个季来过两", "財個季來過兩"))
    assume(normalize(trad).normalized == phrase)
    assert resolve_phrase(trad, published, fye_of(m)) == p
