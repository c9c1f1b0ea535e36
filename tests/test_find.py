"""acm.find(): figures by words, in either script, with or without pinyin glosses, in Chinese or English.

The package ships what a search needs as data (search_index.json, written by the build
with extract/search_index.py): these tests build an index of their own tables with the
same code, and check the shipped one against the shipped tables.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ai_consumer_metrics as acm
from _folders import write_folder
from ai_consumer_metrics import store
from extract.search_index import INDEX_FILE, write_search_index

# Sentences written for these tests, in the forms articles use: traditional script with a
# pinyin gloss after a character, full-width digits, English names inside Chinese text.
TRADITIONAL = "去年第四季度，該平臺月活躍用戶數(shù)突破３億，廣告收入同比下降12%"
SIMPLIFIED = "据QuestMobile统计，豆包日活跃用户已超过1亿"
FIGURES = [
    ("f_trad_mau", "pingtai", "mau", TRADITIONAL, "３億", "2025Q4", None),
    ("f_trad_ads", "pingtai", "ad_revenue_growth", TRADITIONAL, "12%", "2025Q4", None),
    ("f_doubao", "doubao", "dau", SIMPLIFIED, "1亿", "2025-12", "QuestMobile"),
]


def _write(folder, tables: dict[str, pa.Table]):
    write_search_index(folder, tables, write_folder(folder, tables))
    return folder


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    figures = pa.table({
        "figure_id": [f[0] for f in FIGURES], "entity_id": [f[1] for f in FIGURES],
        "metric": [f[2] for f in FIGURES], "quote": [f[3] for f in FIGURES],
        "value_text": [f[4] for f in FIGURES], "period": [f[5] for f in FIGURES],
        "attributed_to": pa.array([f[6] for f in FIGURES], pa.string()),
    })
    entities = pa.table({"entity_id": ["pingtai", "doubao"], "name_en": ["Some Platform", "Doubao"],
                         "name_zh": ["某平台", "豆包"], "aliases": [None, "豆包App; Doubao app"]})
    metrics = pa.table({"metric_id": ["mau", "dau", "ad_revenue_growth"],
                        "name": ["Monthly active users", "Daily active users", "Advertising revenue growth"]})
    return _write(tmp_path_factory.mktemp("find"), {"figures": figures, "entities": entities, "metrics": metrics})


def ids(query, data_dir):
    return acm.find(query, data_dir=data_dir).figure_id.tolist()


@pytest.mark.parametrize("query, expected", [
    ("月活跃用户数", ["f_trad_mau", "f_trad_ads"]),       # simplified words, traditional quote with a gloss
    ("月活躍用戶數", ["f_trad_mau", "f_trad_ads"]),       # the same words in traditional script
    ("用戶數(shù)突破", ["f_trad_mau", "f_trad_ads"]),     # copied from the article, gloss and all
    ("用户数（shù）突破", ["f_trad_mau", "f_trad_ads"]),  # full-width parentheses
    ("突破3亿", ["f_trad_mau", "f_trad_ads"]),            # full-width digits in the quote
    ("豆包", ["f_doubao"]), ("doubao DAU", ["f_doubao"]), ("Daily Active", ["f_doubao"]),
    ("questmobile", ["f_doubao"]), ("某平台 mau", ["f_trad_mau"]), ("advertising", ["f_trad_ads"]),
    ("ad revenue growth", ["f_trad_ads"]), ("豆包app", ["f_doubao"]), ("2025q4", ["f_trad_mau", "f_trad_ads"]),
    ("豆包 月活", []),                                    # every word must match one figure
])
def test_queries_in_either_script_language_and_width(own, query, expected):
    assert ids(query, own) == expected


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_piece_of_a_quote_finds_its_figure(own, data):
    plain = TRADITIONAL.replace("(shù)", "")
    i = data.draw(st.integers(0, len(plain) - 1))
    j = data.draw(st.integers(i + 1, len(plain)))
    piece = plain[i:j]
    if piece.strip(" ，"):
        assert "f_trad_mau" in ids(piece, own)


def test_results_are_figures_rows_and_cite(own):
    hits = acm.find("豆包", data_dir=own)
    assert list(hits.columns) == list(acm.load("figures", own).columns)
    assert hits.attributed_to.dtype == store.string_dtype()


def test_bad_queries_say_what_to_do(own):
    for bad in ("", "   ", None):
        with pytest.raises(ValueError, match="non-empty query"):
            acm.find(bad, data_dir=own)


def test_a_missing_or_stale_index_is_a_data_integrity_error(own, tmp_path):
    copy = shutil.copytree(own, tmp_path / "stale")
    manifest = json.loads((copy / "manifest.json").read_text("utf-8"))
    manifest["tables"]["figures"]["sha256"] = "0" * 64
    (copy / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(store.DataIntegrityError, match="another build's 'figures' table; rebuild"):
        acm.find("豆包", data_dir=copy)
    (copy / INDEX_FILE).unlink()
    with pytest.raises(store.DataIntegrityError, match="no search index; rebuild the dataset"):
        acm.find("豆包", data_dir=copy)
    (copy / INDEX_FILE).write_text("{not json", "utf-8")
    with pytest.raises(store.DataIntegrityError, match="not a valid search index"):
        acm.find("豆包", data_dir=copy)


def test_polars_backend(own):
    pl = pytest.importorskip("polars")
    hits = acm.find("豆包", data_dir=own, backend="polars")
    assert isinstance(hits, pl.DataFrame) and hits["figure_id"].to_list() == ["f_doubao"]


# ---------------------------------------------------------------- the shipped index


def test_every_shipped_figure_is_found_by_its_quote_value_and_names():
    import opencc

    to_traditional = opencc.OpenCC("s2t").convert
    figures, entities = acm.load("figures"), acm.load("entities").set_index("entity_id")
    for _, fig in figures.iterrows():
        for query in (fig["quote"], fig["value_text"], to_traditional(fig["quote"])):
            assert fig["figure_id"] in set(acm.find(query).figure_id), query
    for entity_id, group in figures.groupby("entity_id"):
        ent = entities.loc[entity_id]
        for query in (ent["name_en"], ent["name_zh"], to_traditional(ent["name_zh"]), entity_id):
            assert set(group.figure_id) <= set(acm.find(query).figure_id), query


def test_find_needs_neither_opencc_nor_the_build_code():
    code = """
import sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("opencc", "extract"):
            raise ImportError(f"{name} must not be imported by the package")
sys.meta_path.insert(0, Refuse())
import ai_consumer_metrics as acm
hits = acm.find("騰訊 發(fā)展")
print(len(acm.find("豆包")), sorted(m for m in sys.modules if m.split(".")[0] in ("opencc", "extract")))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    count, modules = out.stdout.split(" ", 1)
    assert int(count) > 0 and modules.strip() == "[]"


def test_a_group_name_finds_the_figures_of_the_entities_under_it():
    """字节跳动 finds Doubao's figures: a figure's search text holds the names of its groups too."""
    figures, entities = acm.load("figures"), acm.load("entities").set_index("entity_id")
    parents = entities["parent"].dropna()
    child = figures[figures.entity_id.isin(parents.index)]
    if child.empty:
        pytest.skip("no shipped figure is about an entity with a parent")
    row = child.iloc[0]
    group = entities.loc[parents[row.entity_id]]
    for name in (group.name_en, group.name_zh):
        assert row.figure_id in set(acm.find(name)["figure_id"]), name


def test_a_chinese_metric_word_finds_the_metric():
    from extract.guess import METRIC_CUES

    figures = acm.load("figures")
    cue, metric = next((c, m) for c, m in METRIC_CUES.items() if m in set(figures.metric) and c.isascii() is False)
    found = acm.find(cue)
    assert set(figures.loc[figures.metric == metric, "figure_id"]) <= set(found["figure_id"])
