"""Period expressions resolve to the right dates, labels are stable, and bad input names the expression."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from extract.periods import Period, PeriodError, resolve_period

D = date


def check(expr, published, label, start, end, fye="12-31"):
    p = resolve_period(expr, published, fye)
    assert p == Period(label, start, end), expr
    # The label is itself an expression that resolves to the same period.
    assert resolve_period(p.label, published, fye) == p, p.label
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


def test_fy_two_digit_and_lowercase_are_accepted_but_labelled_canonically():
    assert resolve_period("fy25q1", D(2024, 9, 20), "03-31").label == "FY2025Q1"


# ------------------------------------------------------------------ Chinese expressions


@pytest.mark.parametrize(
    "expr,published,label,start,end,fye",
    [
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
    ],
)
def test_chinese_expressions(expr, published, label, start, end, fye):
    check(expr, published, label, start, end, fye)


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
    with pytest.raises(PeriodError) as info:
        resolve_period(expr, D(2026, 2, 10))
    assert repr(expr) in str(info.value)


@pytest.mark.parametrize("fye", ["3-31", "03-30", "13-31", "", "02-29"])
def test_fiscal_year_end_must_be_a_month_end(fye):
    with pytest.raises(PeriodError) as info:
        resolve_period("FY2025", D(2026, 2, 10), fye)
    assert "'FY2025'" in str(info.value) and "fiscal_year_end" in str(info.value)


def test_published_must_be_a_date():
    with pytest.raises(PeriodError, match="published"):
        resolve_period("2023", "2024-06-18")  # type: ignore[arg-type]


# ------------------------------------------------------------------ properties


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))
fyes = st.sampled_from(["12-31", "03-31", "06-30", "09-30", "01-31"])


@given(published=days, fye=fyes, expr=st.sampled_from(
    ["去年", "今年4月", "过去四个季度", "过去一年", "近两月", "去年双11期间", "截至去年底", "本财年",
     "上季度", "未来三年", "今年上半年", "最近半年", "去年初", "至今"]))
def test_relative_periods_are_well_formed_and_stable(published, fye, expr):
    p = resolve_period(expr, published, fye)
    assert p.start <= p.end
    assert resolve_period(p.label, published, fye) == p


@given(published=days, n=st.integers(1, 8))
def test_past_quarters_end_before_the_publication_quarter(published, n):
    p = resolve_period(f"过去{n}个季度", published)
    quarter_start = D(published.year, 3 * ((published.month - 1) // 3) + 1, 1)
    assert p.end == quarter_start - timedelta(days=1)
    assert (p.end.year * 12 + p.end.month) - (p.start.year * 12 + p.start.month) + 1 == 3 * n


@given(published=days, fy=st.integers(2000, 2040), fye=fyes)
def test_fiscal_quarters_tile_the_fiscal_year(published, fy, fye):
    year = resolve_period(f"FY{fy}", published, fye)
    quarters = [resolve_period(f"FY{fy}Q{q}", published, fye) for q in range(1, 5)]
    assert quarters[0].start == year.start and quarters[-1].end == year.end
    for a, b in zip(quarters, quarters[1:]):
        assert b.start == a.end + timedelta(days=1)
    assert year.end.strftime("%m-%d") == fye
