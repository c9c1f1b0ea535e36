"""Citations: text, Markdown and BibTeX, from an id or a row, with the attribution chain."""
from __future__ import annotations

import re
from collections import namedtuple

import pytest

import _synthetic as syn
from ai_consumer_metrics import store as _data
from ai_consumer_metrics.citation import CitationError, attribution_chain, cite


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return syn.write_dataset(tmp_path_factory.mktemp("acm"))


MAU = syn.fid(6)      # QuestMobile, via 新浪财经 [3], in Ginlix AI
DAU = syn.fid(7)      # reference [2] only: the publisher comes from the reference list
TAOBAO = syn.fid(12)  # 艾瑞咨询, in an undated (estimated) article with authors and a platform


def test_text_citation_has_every_part(data_dir):
    text = cite(MAU, data_dir=data_dir)
    for part in ("Ginlix AI", "“千问接入大麦:一句话买票”", "2026-02-10", "https://example.org/ginlix",
                 "“千问月活跃用户约1.55亿”", "QuestMobile, via 新浪财经 [3], via Ginlix AI", MAU):
        assert part in text, part
    assert "estimated" not in text


def test_estimated_date_authors_and_platform(data_dir):
    text = cite(TAOBAO, data_dir=data_dir)
    assert "2025-05 (date estimated)" in text
    assert "by 刘海, 王五" in text
    assert "Attribution: 艾瑞咨询, via 刘海, via 知乎." in text
    assert "https://" not in text  # no URL known: none invented


def test_reference_mark_resolves_through_the_reference_list(data_dir):
    assert "Attribution: 网易新闻 [2], via Ginlix AI." in cite(DAU, data_dir=data_dir)


def test_attribution_chain_without_any_attribution_is_the_publisher():
    assert attribution_chain({}, {"publisher": "壹览商业", "platform": "鸟哥笔记"}) == "壹览商业, via 鸟哥笔记"


def test_markdown_citation(data_dir):
    md = cite(MAU, style="markdown", data_dir=data_dir)
    assert md.startswith("> 千问月活跃用户约1.55亿\n")
    assert "[*千问接入大麦:一句话买票*](https://example.org/ginlix)" in md
    assert "QuestMobile, via 新浪财经 \\[3\\], via Ginlix AI" in md
    assert f"`{MAU}`" in md


def test_bibtex_is_a_well_formed_misc_entry(data_dir):
    bib = cite(TAOBAO, style="bibtex", data_dir=data_dir)
    assert bib.startswith(f"@misc{{{TAOBAO},\n") and bib.endswith("\n}")
    depth = 0
    for ch in re.sub(r"\\[{}]", "", bib):  # escaped braces do not nest
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
    fields = dict(re.findall(r"^  (\w+) = (.*?),?$", bib, flags=re.M))
    assert fields["author"] == "{刘海 and 王五}"
    assert fields["year"] == "{2025}" and fields["month"] == "may"
    assert "83.6\\%" in fields["note"] and "Publication date estimated" in fields["note"]
    assert "market\\_share" in fields["note"]


def test_bibtex_corporate_author_and_url(data_dir):
    bib = cite(MAU, style="bibtex", data_dir=data_dir)
    assert "  author = {{Ginlix AI}}," in bib
    assert "  url = {https://example.org/ginlix}," in bib


def test_rows_from_any_table_cite_like_their_id(data_dir):
    expected = cite(MAU, data_dir=data_dir)
    row = _data.load("user_metrics", data_dir).set_index("metric").loc["mau"].copy()
    row["figure_id"] = MAU
    assert cite(row, data_dir=data_dir) == expected
    assert cite({"figure_id": MAU, "anything": 1}, data_dir=data_dir) == expected
    Row = namedtuple("Row", "entity_id figure_id")
    assert cite(Row("qwen_app", MAU), data_dir=data_dir) == expected


def test_every_row_of_every_analysis_table_resolves(data_dir):
    for name in ("market_shares", "user_metrics", "financials", "growth", "other_figures"):
        for _, row in _data.load(name, data_dir).iterrows():
            assert row["figure_id"] in cite(row, data_dir=data_dir)


def test_unknown_id_suggests_close_ids(data_dir):
    with pytest.raises(CitationError, match=rf"unknown figure id '{MAU[:-1]}x'.*closest: {MAU}"):
        cite(MAU[:-1] + "x", data_dir=data_dir)


def test_row_without_figure_id_and_bad_style_are_errors(data_dir):
    with pytest.raises(CitationError, match="figure_id"):
        cite({"entity_id": "x"}, data_dir=data_dir)
    with pytest.raises(CitationError, match="text, markdown, bibtex"):
        cite(MAU, style="apa", data_dir=data_dir)


def test_cite_from_dataframes_in_memory():
    text = cite(MAU, figures=syn.figures(), sources=syn.sources(), references=syn.references())
    assert "QuestMobile, via 新浪财经 [3], via Ginlix AI" in text


def test_installed_dataset_every_analysis_row_cites():
    """On the built dataset shipped in the package (skipped only before the first build)."""
    try:
        names = _data.table_names()
    except _data.DataIntegrityError:
        pytest.skip("the dataset has not been built yet (python -m extract build)")
    from ai_consumer_metrics.consistency import ANALYSIS_TABLES

    assert set(ANALYSIS_TABLES) <= set(names)
    figures, sources = _data.load("figures"), _data.load("sources")
    references = _data.load("source_references")
    for name in ANALYSIS_TABLES:
        for _, row in _data.load(name).iterrows():
            text = cite(row, figures=figures, sources=sources, references=references)
            assert f"figure_id {row['figure_id']}" in text


def test_article_without_publisher_is_credited_to_its_authors():
    figures, sources = syn.figures(), syn.sources()
    sources.loc[sources.source_id == syn.LIUHAI, ["publisher", "platform"]] = None
    text = cite(TAOBAO, figures=figures, sources=sources)
    assert "Attribution: 艾瑞咨询, via 刘海, 王五." in text
    bib = cite(TAOBAO, style="bibtex", figures=figures, sources=sources)
    assert "organization" not in bib and "  author = {刘海 and 王五}," in bib


def _vikeji_row():
    """The shipped figure 阿里巴巴…占据35.8%…[8], credited to 维科网, which is also reference [8]'s publisher."""
    try:
        figures = _data.load("figures")
    except _data.DataIntegrityError:
        pytest.skip("the dataset has not been built yet (python -m extract build)")
    hit = figures[(figures["attributed_to"] == "维科网") & (figures["reference"] == "[8]")]
    assert len(hit) == 1, hit
    row = hit.iloc[0]
    refs = _data.load("source_references")
    entry = refs[(refs["source_id"] == row["source_id"]) & (refs["n"] == 8)].iloc[0]
    assert entry["publisher"] == "维科网"
    return row, entry


def test_attribution_names_the_reference_publisher_once_on_the_real_row():
    row, entry = _vikeji_row()
    text = cite(row["figure_id"])
    assert "Attribution: 维科网 [8], via Ginlix AI." in text
    assert text.count("维科网, via 维科网") == 0
    assert f"Reference [8]: 维科网, “{entry['title']}”, {entry['url']}\n" in text
    assert entry["title"] == "2025年上半年中国AI云市场竞争格局"


def test_markdown_and_bibtex_show_the_reference_entry_on_the_real_row():
    row, entry = _vikeji_row()
    md = cite(row["figure_id"], style="markdown")
    assert "Attribution: 维科网 \\[8\\], via Ginlix AI." in md
    assert f"Reference \\[8\\]: 维科网, *{entry['title']}*, <{entry['url']}>" in md
    bib = cite(row["figure_id"], style="bibtex")
    note = re.search(r"^  note = \{(.*)\}$", bib, re.M).group(1)
    assert "Attribution: 维科网 [8], via Ginlix AI." in note
    assert f"Reference [8]: 维科网, ``{entry['title']}'', " in note and entry["url"].split("/")[2] in note


def test_credit_to_another_outlet_than_the_reference_keeps_both():
    fig = {"attributed_to": "QuestMobile", "reference": "[8]"}
    src = {"publisher": "Ginlix AI", "references": [{"n": 8, "publisher": "维科网"}]}
    assert attribution_chain(fig, src) == "QuestMobile, via 维科网 [8], via Ginlix AI"
    assert attribution_chain({**fig, "attributed_to": "维科网"}, src) == "维科网 [8], via Ginlix AI"


# ---------------------------------------------------------------- the Citation object


def _with_note(note):
    figures = syn.figures()
    figures.loc[figures.figure_id == TAOBAO, "note"] = note
    return figures


def test_a_citation_is_its_text_and_renders_itself_in_a_notebook():
    note = "The article gives no year; 2024 is the curator's reading of “今年”."
    c = cite(TAOBAO, figures=_with_note(note), sources=syn.sources())
    assert isinstance(c, str) and str(c) == c and repr(c) == str(c)
    assert f"Note: {note}" in c.splitlines()
    fig = syn.figures().set_index("figure_id").loc[TAOBAO]
    before, value = fig["quote"].split(fig["value_text"])[0], fig["value_text"]
    md = c._repr_markdown_()
    assert f"> {before}**{value}**" in md and "2025-05 (date estimated)" in md and note in md
    html = c._repr_html_()
    assert f"{before}<mark>{value}</mark>" in html
    assert "2025-05 (date estimated)" in html and "刘海" in html and "<p>Note: " in html


def test_the_note_is_in_every_style_and_escaped_for_it():
    figures = _with_note("Maybe HK$, not US$ & <b>not</b> 100%")
    text = cite(TAOBAO, figures=figures, sources=syn.sources())
    assert "Note: Maybe HK$, not US$ & <b>not</b> 100%" in text
    md = cite(TAOBAO, style="markdown", figures=figures, sources=syn.sources())
    assert "Note: Maybe HK$, not US$ & \\<b\\>not\\</b\\> 100%" in md
    bib = cite(TAOBAO, style="bibtex", figures=figures, sources=syn.sources())
    assert "Curator's note: Maybe HK\\$, not US\\$ \\& <b>not</b> 100\\%" in bib
    html = cite(TAOBAO, figures=figures, sources=syn.sources())._repr_html_()
    assert "&lt;b&gt;not&lt;/b&gt;" in html and "<b>" not in html


def test_without_a_note_there_is_no_note_line():
    c = cite(MAU, figures=syn.figures(), sources=syn.sources(), references=syn.references())
    assert "Note:" not in c and "Note:" not in c._repr_html_() and "Note:" not in c._repr_markdown_()


def test_a_citation_survives_copy_and_pickle():
    import copy
    import pickle

    c = cite(MAU, figures=syn.figures(), sources=syn.sources())
    for other in (copy.deepcopy(c), pickle.loads(pickle.dumps(c))):
        assert other == c and other._repr_html_() == c._repr_html_()


def test_the_mark_falls_back_to_the_value_text_when_offsets_are_missing():
    figures = syn.figures()
    figures["quote_start"] = figures["quote_start"].astype("float64")
    figures.loc[figures.figure_id == MAU, "quote_start"] = float("nan")
    html = cite(MAU, figures=figures, sources=syn.sources())._repr_html_()
    assert "<mark>约1.55亿</mark>" in html


def test_every_shipped_figure_marks_exactly_its_value_text():
    try:
        figures = _data.load("figures")
    except _data.DataIntegrityError:
        pytest.skip("the dataset has not been built yet (python -m extract build)")
    sources = _data.load("sources")
    for _, row in figures.iterrows():
        html = cite(row, figures=figures, sources=sources)._repr_html_()
        from html import escape

        assert f"<mark>{escape(row['value_text'])}</mark>" in html
        if isinstance(row["note"], str):
            assert "Note: " in cite(row, figures=figures, sources=sources)


def test_bibtex_notes_have_no_doubled_full_stop():
    """The note's parts may end with their own full stop (a reference line, a curator's sentence)."""
    import ai_consumer_metrics as acm

    for fid in acm.load("figures")["figure_id"]:
        text = str(acm.cite(fid, "bibtex"))
        assert ".. " not in text and "''.." not in text, (fid, text)
