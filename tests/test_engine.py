"""One test per way a declaration can disagree with the archived text.

Each builds the synthetic source of conftest.py over a previous good build and
checks (1) the one-line message names this file and the declaring line, the
quote and, where relevant, both readings, and (2) the previous tables survive
byte for byte, with no temporary folder left behind.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import BODY, HEADER, TEXT, good_dismissed, good_figures, make_source, snapshot, stub_scan
from extract.declare import dismiss, figure
from extract.engine import BuildError, check_source, figure_id, sentence_around, where

# Errors name files relative to the repository root.
HERE = Path(__file__).resolve().relative_to(Path(__file__).resolve().parents[1]).as_posix()


def refused(repo, figures=None, dismissed=None, **kw) -> str:
    """Build, expect a BuildError, check the previous tables survived; return the message lines."""
    with pytest.raises(BuildError) as info:
        repo.build(figures, dismissed, **kw)
    assert snapshot(repo.out) == repo.previous, "a refused build changed the previous tables"
    leftovers = [p.name for p in repo.out.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == [], f"temporary folders left behind: {leftovers}"
    assert all("\n" not in e for e in info.value.errors), "each error must be one line"
    return "\n".join(info.value.errors)


def replace(index: int, new) -> list:
    figs = good_figures()
    figs[index] = new
    return figs


def test_good_declarations_build(built):
    assert {"coverage.parquet", "entities.parquet", "figures.parquet", "manifest.json", "metrics.parquet",
            "source_references.parquet", "sources.parquet"} <= set(built.previous)


# The good declarations of conftest.py that a case starts from (as keyword arguments of figure()).
REVENUE = dict(quote="甲公司营收达到1.5亿元，同比", value_text="1.5亿元", entity="jia", metric="revenue",
               period="2024", scope="China", value=1.5e8, unit="CNY")                   # good_figures()[0]
GROWTH = dict(quote="同比增长12.5%", value_text="12.5%", entity="jia", metric="revenue_growth",
              period="2024", scope="China", value=12.5, unit="percent")                 # [1]
USERS = dict(quote="乙公司月活跃用户超过3000万人", value_text="超过3000万人", entity="yi", metric="mau",
             period="2024", scope="China", value=3e7, unit="persons")                   # [2]
ORDERS = dict(quote="甲公司日订单约248万单", value_text="约248万单", entity="jia", metric="daily_orders",
              period="2024", scope="China", value=2.48e6, unit="orders", qualifier="approx")  # [4]
RANGE = dict(quote="行业增速为10-15%", value_text="10-15%", entity="market", metric="revenue_growth",
             period="2024", scope="China", value=10, unit="percent")                    # [5]
AMBIGUOUS = "营收达到1.5亿元"

# (id, which good figure the bad one replaces (None: added), the bad figure, what the error says
# after "file:line: ", other parts of the message)
BAD_FIGURES = [
    ("quote_not_found", 0, REVENUE | dict(quote="甲公司营收达到2.5亿元", value_text="2.5亿元", value=2.5e8),
     "quote not found",
     # The near-miss hint shows what the text has where the quote starts to differ.
     ['"甲公司营收达到2.5亿元"', "甲公司营收达到1.5"]),
    ("ambiguous_quote", 0, REVENUE | dict(quote=AMBIGUOUS),
     f'ambiguous quote "{AMBIGUOUS}": occurs 2 times', [f"offsets {TEXT.index(AMBIGUOUS)}, {TEXT.rindex(AMBIGUOUS)}"]),
    ("quote_nth_out_of_range", 1, GROWTH | dict(quote_nth=2),
     'quote_nth=2 but quote "同比增长12.5%" occurs 1 time(s)', []),
    ("quote_outside_body", None, REVENUE | dict(quote="扫码领取100元红包", value_text="100元", value=100),
     f'quote "扫码领取100元红包" at 3-13 is not wholly inside the body [{len(HEADER)},', []),
    ("value_scale_differs", 0, REVENUE | dict(value=1.5e4),  # read as 万 instead of 亿
     'value mismatch in quote "甲公司营收达到1.5亿元，同比": declared 15000 CNY exact, '
     'parsed "1.5亿元" as 150000000 CNY exact', []),
    ("unit_mismatch", 0, REVENUE | dict(unit="USD"),
     "unit mismatch", ['declared 150000000 USD exact, parsed "1.5亿元" as 150000000 CNY exact']),
    ("unit_implied_when_the_text_states_the_unit", 0, REVENUE | dict(unit_implied=True),
     "unit_implied=True but the text states the unit 'CNY'", []),
    ("qualifier_mismatch", 2, USERS | dict(qualifier="approx"),
     'qualifier mismatch in quote "乙公司月活跃用户超过3000万人": declared 30000000 persons '
     'approx, parsed "超过3000万人" as 30000000 persons at_least', []),
    ("unknown_qualifier", 2, USERS | dict(qualifier="more_than"), "unknown qualifier 'more_than'", []),
    ("unknown_entity_suggests_closest_id", 4, ORDERS | dict(entity="jiaa"),
     "unknown entity 'jiaa' (did you mean 'jia'?) in quote \"甲公司日订单约248万单\"", []),
    ("unknown_entity_given_by_name_points_to_id", 4, ORDERS | dict(entity="甲公司"),
     "unknown entity '甲公司' ('甲公司' is a name of 'jia'; use the id)", []),
    ("unknown_metric", 4, ORDERS | dict(metric="daily_order"),
     "unknown metric 'daily_order' (did you mean 'daily_orders'?) in quote \"甲公司日订单约248万单\"", []),
    ("unit_not_allowed_for_metric", 0, REVENUE | dict(metric="mau"),
     "unit 'CNY' is not allowed for metric 'mau' (allowed: persons) in quote \"甲公司营收达到1.5亿元，同比\"", []),
    ("period_ends_before_it_starts", 1, GROWTH | dict(period="backwards"),
     "period 'backwards' resolves to backwards which ends 2024-01-01 before it starts 2024-12-31", []),
    ("period_that_cannot_be_resolved", 1, GROWTH | dict(period="someday"),
     "cannot resolve period 'someday' (published 2024-06-01): cannot read period 'someday'", []),
    ("figure_claiming_a_non_figure_kind", None,
     REVENUE | dict(quote="2024年，甲公司", value_text="2024年", value=2024, unit_implied=True),
     'value_text "2024年" is a date mention, not a figure', []),
    ("value_text_that_is_not_a_whole_mention", 0, REVENUE | dict(value_text="1.5亿"),
     'value_text "1.5亿" at 27-31',
     ['is not a scanner mention; the scanner reads "1.5亿元" at 27-32 (quantity, 150000000 CNY exact)']),
    ("range_declared_as_one_number", 5, RANGE,
     "the text gives a range; declare value and value_high", ['parsed "10-15%" as 10-15 percent exact']),
    ("range_high_end_differs", 5, RANGE | dict(value_high=16),
     "value mismatch", ['declared 10-16 percent exact, parsed "10-15%" as 10-15 percent exact']),
    ("reference_missing_from_the_sources_list", 1, GROWTH | dict(reference="[7]"),
     "reference [7] is not in the reference list", []),
]


@pytest.mark.parametrize("replaces, args, says, also", [pytest.param(*case[1:], id=case[0]) for case in BAD_FIGURES])
def test_a_bad_figure_is_refused_naming_its_line(built, replaces, args, says, also):
    bad = figure(**args)
    at = where(bad.declared)
    assert at.startswith(f"{HERE}:"), at  # the declaring file, not the engine's or declare's own
    msg = refused(built, [*good_figures(), bad] if replaces is None else replace(replaces, bad))
    assert f"{at}: {says}" in msg
    for part in also:
        assert part in msg


# (id, the bad dismissal's quote, value_text and reason, whether the good dismissals stay,
# what the error says after "file:line: ", other parts of the message)
BAD_DISMISSALS = [
    ("matching_no_mention", ("同比增长12.5%", "2.5%", "not_business_figure"), True,
     'dismissal matches no scanner mention: value_text "2.5%"', ['in quote "同比增长12.5%"; the scanner reads "12.5%"']),
    ("with_unknown_reason", ("重要的事说两遍：营收达到1.5亿元", "1.5亿元", "duplicated"), False,
     "unknown dismissal reason 'duplicated' (did you mean 'duplicate'?)", []),
    ("of_a_claimed_mention", ("同比增长12.5%", "12.5%", "not_business_figure"), True,
     'dismisses "12.5%"', ["which figure"]),
]


@pytest.mark.parametrize("args, keep, says, also", [pytest.param(*case[1:], id=case[0]) for case in BAD_DISMISSALS])
def test_a_bad_dismissal_is_refused_naming_its_line(built, args, keep, says, also):
    quote, value_text, reason = args
    bad = dismiss(quote, value_text, reason=reason)
    at = where(bad.declared)
    assert at.startswith(f"{HERE}:"), at
    msg = refused(built, None, [*good_dismissed(), bad] if keep else [bad])
    assert f"{at}: {says}" in msg
    for part in also:
        assert part in msg


def test_a_declaration_records_the_line_it_was_written_on():
    # What the tables above rely on: where(declared) is the line of the figure()/dismiss() call.
    line = sys._getframe().f_lineno + 1
    fig, dis = figure(**REVENUE), dismiss("同比增长12.5%", "12.5%", reason="not_business_figure")
    assert where(fig.declared) == where(dis.declared) == f"{HERE}:{line}"


def test_ambiguous_quote_resolved_by_quote_nth(repo):
    # quote_nth=1 given explicitly picks the first of two occurrences.
    figs = replace(0, figure("营收达到1.5亿元", "1.5亿元", entity="jia", metric="revenue", period="2024",
                             scope="China", value=1.5e8, unit="CNY", quote_nth=1))
    report = repo.build(figs)
    row = next(r for r in report.results[repo.source.source_id].figures if r["metric"] == "revenue")
    assert row["quote_start"] == TEXT.index("营收达到1.5亿元")


def test_quote_spanning_body_end(built):
    # The quote starts in the body and runs into the footer.
    tail = BODY[-8:] + "\n广告"
    bad = figure(tail, "1.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e8, unit="CNY")
    at = where(bad.declared)
    msg = refused(built, [*good_figures(), bad], [])
    assert f"{at}: quote" in msg and "is not wholly inside the body" in msg


def test_value_within_relative_tolerance_is_accepted(repo):
    figs = replace(0, figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue",
                             period="2024", scope="China", value=1.5e8 * (1 + 1e-12), unit="CNY"))
    assert repo.build(figs).rows["figures"] == 6


def test_bare_magnitude_needs_unit_implied(built):
    # '20%' has a unit; make a source where the number is bare: use the stub's '第3' neighbour instead.
    text = HEADER + "甲公司营收达到9000万。" + "\n广告：关注领50元"
    src = make_source(built.root / "bare", text)
    bad = figure("甲公司营收达到9000万", "9000万", entity="jia", metric="revenue", period="2024",
                 scope="China", value=9e7, unit="CNY")
    at = where(bad.declared)
    msg = refused(built, [bad], [], sources=[src])
    assert f"{at}: unit mismatch: the text gives a bare magnitude; set unit_implied=True" in msg
    ok = figure("甲公司营收达到9000万", "9000万", entity="jia", metric="revenue", period="2024",
                scope="China", value=9e7, unit="CNY", unit_implied=True)
    report = built.build([ok], [], sources=[src], out=built.root / "other")
    assert report.results[src.source_id].figures[0]["unit_implied"] is True


def test_period_resolved_with_the_entitys_fiscal_year(repo):
    seen = []

    def resolver(expr, published, fye):
        seen.append(fye)
        from conftest import stub_resolve_period
        return stub_resolve_period(expr, published, fye)

    repo.build(resolve_period=resolver)
    assert "03-31" in seen  # entity yi ends its fiscal year in March


def test_unaccounted_mention(built):
    figs = [f for f in good_figures() if f.value_text != "约248万单"]
    msg = refused(built, figs)
    offset = TEXT.index("约248万单")
    assert f"{built.source.path.name}:2 (offset {offset}): unaccounted mention \"约248万单\"" in msg
    assert "(quantity, 2480000 orders approx)" in msg
    assert 'in "第3季度，甲公司日订单约248万单。"' in msg
    assert "claim it with figure() or dismiss() it" in msg


def test_every_error_is_reported_not_just_the_first(built):
    figs = good_figures()
    figs[0] = figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue", period="2024",
                     scope="China", value=1.5e4, unit="CNY")
    figs[2] = figure("乙公司月活跃用户超过3000万人", "超过3000万人", entity="nobody", metric="mau",
                     period="2024", scope="China", value=3e7, unit="persons", qualifier="at_least")
    msg = refused(built, figs, [])
    assert "value mismatch" in msg and "unknown entity 'nobody'" in msg
    assert 'unaccounted mention "1.5亿元"' in msg  # the dropped dismissal
    # A failing figure's own mention is not reported a second time as unaccounted.
    assert 'unaccounted mention "超过3000万人"' not in msg


def test_duplicate_figure_id(built):
    first = figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue", period="2024",
                   scope="China", value=1.5e8, unit="CNY")
    first_at = where(first.declared)
    second = figure("2024年，甲公司营收达到1.5亿元", "1.5亿元", entity="jia", metric="revenue",
                    period="2024", scope="China", value=1.5e8, unit="CNY")
    second_at = where(second.declared)
    msg = refused(built, [*replace(0, first), second])
    assert f"{second_at}: duplicate figure_id" in msg and f"as {first_at}" in msg
    assert "entity 'jia' and metric 'revenue'" in msg


def test_one_mention_may_carry_figures_for_two_entities(repo):
    figs = [*good_figures(),
            figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="yi", metric="revenue", period="2024",
                   scope="China", value=1.5e8, unit="CNY", note="shared")]
    report = repo.build(figs)
    cov = [c for c in report.results[repo.source.source_id].coverage if c["text"] == "1.5亿元"]
    assert len(cov[0]["figure_ids"].split("; ")) == 2


def test_ambiguous_value_text_inside_quote(built):
    text = HEADER + "甲公司营收增长15%，乙公司营收增长5%。" + "\n广告：关注领50元"
    src = make_source(built.root / "amb", text)
    figs = [figure("甲公司营收增长15%，乙公司营收增长5%", "5%", entity="yi", metric="revenue_growth",
                   period="2024", scope="China", value=5, unit="percent"),
            figure("甲公司营收增长15%", "15%", entity="jia", metric="revenue_growth",
                   period="2024", scope="China", value=15, unit="percent")]
    # '5%' occurs twice in the quote, but only once as a whole mention: no value_nth needed.
    report = built.build(figs, [], sources=[src], out=built.root / "other")
    row = next(r for r in report.results[src.source_id].figures if r["entity_id"] == "yi")
    assert text[row["value_start"]:row["value_end"]] == "5%" and row["value_start"] == text.index("长5%") + 1


def test_mention_straddling_the_body_boundary(built):
    # Cut the body inside '1.5亿元': the metadata is wrong, and the build says so.
    cut = TEXT.index("1.5亿元", len(HEADER)) + 2
    src = make_source(built.root / "cut", body_end=cut)
    msg = refused(built, [], [], sources=[src])
    assert "straddles the body range" in msg and "fix body_start/body_end" in msg


def test_check_source_without_build_returns_rows_and_counts(repo):
    res = check_source(repo.source, good_figures(), good_dismissed(), entities=__import__("conftest").ENTITIES,
                       metrics=__import__("conftest").METRICS, scan=stub_scan,
                       resolve_period=__import__("conftest").stub_resolve_period)
    body = [m for m in stub_scan(TEXT) if repo.source.body_start <= m.start and m.end <= repo.source.body_end]
    assert res.errors == []
    assert res.counts == {"mentions": len(body), "claimed": len(good_figures()), "unreviewed": 0,
                          "dismissed": len(good_dismissed()), "auto": sum(m.kind in ("date", "ordinal") for m in body),
                          "unaccounted": 0}
    for row in res.figures:
        assert TEXT[row["quote_start"]:row["quote_end"]] == row["quote"]
        assert TEXT[row["value_start"]:row["value_end"]] == row["value_text"]


def test_check_source_reports_every_problem_in_its_result_without_raising(repo):
    """The one path: the engine returns rows, statuses and errors; the build raises, review renders."""
    figs = good_figures()
    drafted = figs.pop(0)
    figs.append(figure(drafted.quote, drafted.value_text, entity="jia", metric="revenue", period="2024",
                       scope="China", value=1.5e8, unit="CNY", reviewed=False))
    wrong = figure("同比增长12.5%", "12.5%", entity="jia", metric="revenue_growth", period="2024",
                   scope="China", value=13.5, unit="percent")
    at = where(wrong.declared)
    figs[0] = wrong
    res = check_source(repo.source, figs, [], entities=__import__("conftest").ENTITIES,
                       metrics=__import__("conftest").METRICS, scan=stub_scan,
                       resolve_period=__import__("conftest").stub_resolve_period)
    status = {(r["start"], r["end"]): r["status"] for r in res.coverage}
    q = TEXT.index(drafted.quote) + drafted.quote.index(drafted.value_text)
    assert status[(q, q + len(drafted.value_text))] == "unreviewed"
    assert any(e.startswith(f"{at}: value mismatch") for e in res.errors)
    assert any("unreviewed claim" in e for e in res.errors)
    # The dismissal left out: the duplicate 1.5亿元 at the end is unaccounted, in the statuses and the errors.
    assert "unaccounted" in status.values() and any("unaccounted mention" in e for e in res.errors)
    assert res.counts["unreviewed"] == 1
    assert res.claims[(q, q + len(drafted.value_text))][0]["reviewed"] is False


def test_figure_id_is_stable_and_depends_only_on_identity():
    a = figure_id("s", 10, 15, "jia", "revenue")
    assert a == figure_id("s", 10, 15, "jia", "revenue")
    assert len(a) == 12 and int(a, 16) >= 0
    assert len({a, figure_id("s", 10, 15, "yi", "revenue"), figure_id("s", 10, 16, "jia", "revenue"),
                figure_id("t", 10, 15, "jia", "revenue"), figure_id("s", 10, 15, "jia", "mau")}) == 5


def test_sentence_around_stops_at_punctuation():
    text = "第一句。第二句有248万单，还有别的。第三句"
    s = text.index("248万单")
    assert sentence_around(text, s, s + 6) == "第二句有248万单，还有别的。"


def test_quote_in_simplified_form_of_a_traditional_text(built):
    pytest.importorskip("extract.textlayer")
    text = HEADER + "阿里雲營收達到1.5億元。" + "\n广告：关注领50元"
    src = make_source(built.root / "hant", text)
    bad = figure("阿里云营收达到1.5亿元", "1.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e8, unit="CNY")
    at = where(bad.declared)
    msg = refused(built, [bad], [], sources=[src], scan=lambda t: [])
    assert f'{at}: quote not found' in msg
    assert 'it matches the normalised text, the original reads "阿里雲營收達到1.5億元"' in msg


def test_an_id_typed_short_suggests_the_id_it_begins():
    from extract.engine import _suggest_entity

    entities = {"tencent": None, "tencent_fintech_business_services": None, "alibaba_group": None}
    assert _suggest_entity("tencent_fintech", entities) == " (did you mean 'tencent_fintech_business_services'?)"
    assert _suggest_entity("alibaba_grp", entities) == " (did you mean 'alibaba_group'?)"
