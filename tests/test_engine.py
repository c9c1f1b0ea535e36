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
from extract.engine import BuildError, check_source, figure_id, sentence_around

# Errors name files relative to the repository root.
HERE = Path(__file__).resolve().relative_to(Path(__file__).resolve().parents[1]).as_posix()


def next_line() -> str:
    """``test_engine.py:N`` for the line after the caller's: where the next figure() is called."""
    return f"{HERE}:{sys._getframe(1).f_lineno + 1}"


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


def test_quote_not_found(built):
    at = next_line()
    bad = figure("甲公司营收达到2.5亿元", "2.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=2.5e8, unit="CNY")
    msg = refused(built, replace(0, bad))
    assert f"{at}: quote not found" in msg
    assert '"甲公司营收达到2.5亿元"' in msg
    # The near-miss hint shows what the text has where the quote starts to differ.
    assert "甲公司营收达到1.5" in msg


def test_ambiguous_quote(built):
    at = next_line()
    bad = figure("营收达到1.5亿元", "1.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e8, unit="CNY")
    msg = refused(built, replace(0, bad))
    first, second = TEXT.index("营收达到1.5亿元"), TEXT.rindex("营收达到1.5亿元")
    assert f'{at}: ambiguous quote "营收达到1.5亿元": occurs 2 times' in msg
    assert f"offsets {first}, {second}" in msg


def test_ambiguous_quote_resolved_by_quote_nth(repo):
    # quote_nth=1 given explicitly picks the first of two occurrences.
    figs = replace(0, figure("营收达到1.5亿元", "1.5亿元", entity="jia", metric="revenue", period="2024",
                             scope="China", value=1.5e8, unit="CNY", quote_nth=1))
    report = repo.build(figs)
    row = next(r for r in report.results[repo.source.source_id].figures if r["metric"] == "revenue")
    assert row["quote_start"] == TEXT.index("营收达到1.5亿元")


def test_quote_nth_out_of_range(built):
    at = next_line()
    bad = figure("同比增长12.5%", "12.5%", entity="jia", metric="revenue_growth", period="2024",
                 scope="China", value=12.5, unit="percent", quote_nth=2)
    assert f"{at}: quote_nth=2 but quote \"同比增长12.5%\" occurs 1 time(s)" in refused(built, replace(1, bad))


def test_quote_outside_body(built):
    at = next_line()
    bad = figure("扫码领取100元红包", "100元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=100, unit="CNY")
    msg = refused(built, [*good_figures(), bad])
    assert f'{at}: quote "扫码领取100元红包" at 3-13 is not wholly inside the body [{len(HEADER)},' in msg


def test_quote_spanning_body_end(built):
    # The quote starts in the body and runs into the footer.
    tail = BODY[-8:] + "\n广告"
    at = next_line()
    bad = figure(tail, "1.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e8, unit="CNY")
    msg = refused(built, [*good_figures(), bad], [])
    assert f"{at}: quote" in msg and "is not wholly inside the body" in msg


def test_value_scale_differs(built):
    at = next_line()
    bad = figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e4, unit="CNY")  # read as 万 instead of 亿
    msg = refused(built, replace(0, bad))
    assert (f'{at}: value mismatch in quote "甲公司营收达到1.5亿元，同比": declared 15000 CNY exact, '
            f'parsed "1.5亿元" as 150000000 CNY exact') in msg


def test_value_within_relative_tolerance_is_accepted(repo):
    figs = replace(0, figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue",
                             period="2024", scope="China", value=1.5e8 * (1 + 1e-12), unit="CNY"))
    assert repo.build(figs).rows["figures"] == 6


def test_unit_mismatch(built):
    at = next_line()
    bad = figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e8, unit="USD")
    msg = refused(built, replace(0, bad))
    assert f"{at}: unit mismatch" in msg
    assert 'declared 150000000 USD exact, parsed "1.5亿元" as 150000000 CNY exact' in msg


def test_bare_magnitude_needs_unit_implied(built):
    # '20%' has a unit; make a source where the number is bare: use the stub's '第3' neighbour instead.
    text = HEADER + "甲公司营收达到9000万。" + "\n广告：关注领50元"
    src = make_source(built.root / "bare", text)
    at = next_line()
    bad = figure("甲公司营收达到9000万", "9000万", entity="jia", metric="revenue", period="2024",
                 scope="China", value=9e7, unit="CNY")
    msg = refused(built, [bad], [], sources=[src])
    assert f"{at}: unit mismatch: the text gives a bare magnitude; set unit_implied=True" in msg
    ok = figure("甲公司营收达到9000万", "9000万", entity="jia", metric="revenue", period="2024",
                scope="China", value=9e7, unit="CNY", unit_implied=True)
    report = built.build([ok], [], sources=[src], out=built.root / "other")
    assert report.results[src.source_id].figures[0]["unit_implied"] is True


def test_unit_implied_when_the_text_states_the_unit(built):
    at = next_line()
    bad = figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e8, unit="CNY", unit_implied=True)
    assert f"{at}: unit_implied=True but the text states the unit 'CNY'" in refused(built, replace(0, bad))


def test_qualifier_mismatch(built):
    at = next_line()
    bad = figure("乙公司月活跃用户超过3000万人", "超过3000万人", entity="yi", metric="mau", period="2024",
                 scope="China", value=3e7, unit="persons", qualifier="approx")
    msg = refused(built, replace(2, bad))
    assert (f'{at}: qualifier mismatch in quote "乙公司月活跃用户超过3000万人": declared 30000000 persons '
            f'approx, parsed "超过3000万人" as 30000000 persons at_least') in msg


def test_unknown_qualifier(built):
    at = next_line()
    bad = figure("乙公司月活跃用户超过3000万人", "超过3000万人", entity="yi", metric="mau", period="2024",
                 scope="China", value=3e7, unit="persons", qualifier="more_than")
    assert f"{at}: unknown qualifier 'more_than'" in refused(built, replace(2, bad))


def test_unknown_entity_suggests_closest_id(built):
    at = next_line()
    bad = figure("甲公司日订单约248万单", "约248万单", entity="jiaa", metric="daily_orders", period="2024",
                 scope="China", value=2.48e6, unit="orders", qualifier="approx")
    msg = refused(built, replace(4, bad))
    assert f"{at}: unknown entity 'jiaa' (did you mean 'jia'?) in quote \"甲公司日订单约248万单\"" in msg


def test_unknown_entity_given_by_name_points_to_id(built):
    bad = figure("甲公司日订单约248万单", "约248万单", entity="甲公司", metric="daily_orders", period="2024",
                 scope="China", value=2.48e6, unit="orders", qualifier="approx")
    assert "unknown entity '甲公司' ('甲公司' is a name of 'jia'; use the id)" in refused(built, replace(4, bad))


def test_unknown_metric(built):
    at = next_line()
    bad = figure("甲公司日订单约248万单", "约248万单", entity="jia", metric="daily_order", period="2024",
                 scope="China", value=2.48e6, unit="orders", qualifier="approx")
    msg = refused(built, replace(4, bad))
    assert f"{at}: unknown metric 'daily_order' (did you mean 'daily_orders'?) in quote \"甲公司日订单约248万单\"" in msg


def test_unit_not_allowed_for_metric(built):
    at = next_line()
    bad = figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="mau", period="2024",
                 scope="China", value=1.5e8, unit="CNY")
    msg = refused(built, replace(0, bad))
    assert (f"{at}: unit 'CNY' is not allowed for metric 'mau' (allowed: persons) "
            f"in quote \"甲公司营收达到1.5亿元，同比\"") in msg


def test_period_ends_before_it_starts(built):
    at = next_line()
    bad = figure("同比增长12.5%", "12.5%", entity="jia", metric="revenue_growth", period="backwards",
                 scope="China", value=12.5, unit="percent")
    msg = refused(built, replace(1, bad))
    assert f"{at}: period 'backwards' resolves to backwards which ends 2024-01-01 before it starts 2024-12-31" in msg


def test_period_that_cannot_be_resolved(built):
    at = next_line()
    bad = figure("同比增长12.5%", "12.5%", entity="jia", metric="revenue_growth", period="someday",
                 scope="China", value=12.5, unit="percent")
    msg = refused(built, replace(1, bad))
    assert f"{at}: cannot resolve period 'someday' (published 2024-06-01): cannot read period 'someday'" in msg


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


def test_dismissal_matching_no_mention(built):
    at = next_line()
    bad = dismiss("同比增长12.5%", "2.5%", reason="not_business_figure")
    msg = refused(built, None, [*good_dismissed(), bad])
    assert f'{at}: dismissal matches no scanner mention: value_text "2.5%"' in msg
    assert 'in quote "同比增长12.5%"; the scanner reads "12.5%"' in msg


def test_dismissal_with_unknown_reason(built):
    at = next_line()
    bad = dismiss("重要的事说两遍：营收达到1.5亿元", "1.5亿元", reason="duplicated")
    assert f"{at}: unknown dismissal reason 'duplicated' (did you mean 'duplicate'?)" in refused(built, None, [bad])


def test_dismissal_of_a_claimed_mention(built):
    at = next_line()
    bad = dismiss("同比增长12.5%", "12.5%", reason="not_business_figure")
    msg = refused(built, None, [*good_dismissed(), bad])
    assert f'{at}: dismisses "12.5%"' in msg and "which figure" in msg


def test_duplicate_figure_id(built):
    first_at = next_line()
    first = figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue", period="2024",
                   scope="China", value=1.5e8, unit="CNY")
    second_at = next_line()
    second = figure("2024年，甲公司营收达到1.5亿元", "1.5亿元", entity="jia", metric="revenue",
                    period="2024", scope="China", value=1.5e8, unit="CNY")
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


def test_figure_claiming_a_non_figure_kind(built):
    at = next_line()
    bad = figure("2024年，甲公司", "2024年", entity="jia", metric="revenue", period="2024",
                 scope="China", value=2024, unit="CNY", unit_implied=True)
    msg = refused(built, [*good_figures(), bad])
    assert f'{at}: value_text "2024年" is a date mention, not a figure' in msg


def test_value_text_that_is_not_a_whole_mention(built):
    at = next_line()
    bad = figure("甲公司营收达到1.5亿元，同比", "1.5亿", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e8, unit="CNY")
    msg = refused(built, replace(0, bad))
    assert f'{at}: value_text "1.5亿" at 27-31' in msg
    assert 'is not a scanner mention; the scanner reads "1.5亿元" at 27-32 (quantity, 150000000 CNY exact)' in msg


def test_range_declared_as_one_number(built):
    at = next_line()
    bad = figure("行业增速为10-15%", "10-15%", entity="market", metric="revenue_growth", period="2024",
                 scope="China", value=10, unit="percent")
    msg = refused(built, replace(5, bad))
    assert f"{at}: the text gives a range; declare value and value_high" in msg
    assert 'parsed "10-15%" as 10-15 percent exact' in msg


def test_range_high_end_differs(built):
    bad = figure("行业增速为10-15%", "10-15%", entity="market", metric="revenue_growth", period="2024",
                 scope="China", value=10, value_high=16, unit="percent")
    assert "declared 10-16 percent exact, parsed \"10-15%\" as 10-15 percent exact" in refused(built, replace(5, bad))


def test_reference_missing_from_the_sources_list(built):
    at = next_line()
    bad = figure("同比增长12.5%", "12.5%", entity="jia", metric="revenue_growth", period="2024",
                 scope="China", value=12.5, unit="percent", reference="[7]")
    assert f"{at}: reference [7] is not in the reference list" in refused(built, replace(1, bad))


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
    at = next_line()
    wrong = figure("同比增长12.5%", "12.5%", entity="jia", metric="revenue_growth", period="2024",
                   scope="China", value=13.5, unit="percent")
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
    at = next_line()
    bad = figure("阿里云营收达到1.5亿元", "1.5亿元", entity="jia", metric="revenue", period="2024",
                 scope="China", value=1.5e8, unit="CNY")
    msg = refused(built, [bad], [], sources=[src], scan=lambda t: [])
    assert f'{at}: quote not found' in msg
    assert 'it matches the normalised text, the original reads "阿里雲營收達到1.5億元"' in msg
