"""The build: tables, dtypes, manifest, determinism, atomic swap, extractor discovery, CLI."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import ai_consumer_metrics as acm
from ai_consumer_metrics import DataIntegrityError, UnknownTableError
from conftest import ENTITIES, TEXT, good_dismissed, good_figures, snapshot, stub_scan
from extract import build as build_mod
from extract.build import BuildError, summary
from extract.corpus import Corpus, read_extractor, stray_extractors

REPO = Path(__file__).resolve().parents[1]
CORE = ["figures", "sources", "source_references", "entities", "metrics", "coverage"]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


# -- what is written -------------------------------------------------------------

def test_core_tables_in_manifest_with_matching_files(repo):
    repo.build()
    manifest = json.loads((repo.out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {"dataset", "version", "format", "tables", "sources"}
    assert manifest["version"] == "0.0.test"
    assert list(manifest["tables"])[:6] == CORE
    for name, entry in manifest["tables"].items():
        data = (repo.out / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert pq.read_metadata(repo.out / entry["file"]).num_rows == entry["rows"], name
    assert manifest["sources"] == {repo.source.source_id: {
        "file": f"data/sources/{repo.source.source_id}.txt",
        "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest()}}


def test_figures_rows_point_at_the_text_and_are_sorted(repo):
    repo.build()
    figs = acm.load("figures", data_dir=repo.out)
    assert len(figs) == 6
    for row in figs.itertuples():
        assert TEXT[row.quote_start:row.quote_end] == row.quote
        assert TEXT[row.value_start:row.value_end] == row.value_text
    assert list(figs["value_start"]) == sorted(figs["value_start"])
    rng = figs[figs["value_text"] == "10-15%"].iloc[0]
    assert (rng["value"], rng["value_high"]) == (10.0, 15.0)
    assert figs.loc[figs["value_text"] != "10-15%", "value_high"].isna().all()
    mau = figs[figs["metric"] == "mau"].iloc[0]
    assert (mau["value"], mau["unit"], mau["qualifier"], mau["attributed_to"]) == (3e7, "persons", "at_least", "QuestMobile")


def test_load_dtypes_are_as_documented(repo):
    repo.build()
    dtypes = {c: str(t) for c, t in acm.load("figures", data_dir=repo.out).dtypes.items()}
    assert dtypes == {
        "figure_id": "str", "source_id": "str", "entity_id": "str", "metric": "str",
        "value": "float64", "value_high": "float64", "unit": "str", "unit_implied": "bool",
        "qualifier": "str", "period": "str", "period_start": "datetime64[ms]",
        "period_end": "datetime64[ms]", "scope": "str", "quote": "str", "quote_start": "int64",
        "quote_end": "int64", "value_text": "str", "value_start": "int64", "value_end": "int64",
        "attributed_to": "str", "via": "str", "reference": "str", "note": "str",
    }
    src = acm.load("sources", data_dir=repo.out).iloc[0]
    assert src["authors"] == "张三; 李四" and src["n_figures"] == 6 and bool(src["published_estimated"]) is False


def test_coverage_table_accounts_for_every_body_mention(repo):
    repo.build()
    cov = acm.load("coverage", data_dir=repo.out)
    body = [m for m in stub_scan(TEXT) if repo.source.body_start <= m.start and m.end <= repo.source.body_end]
    assert list(zip(cov["start"], cov["end"])) == [(m.start, m.end) for m in body]
    assert dict(cov["status"].value_counts()) == {"claimed": 6, "dismissed": 1, "auto": 2}
    assert set(cov.loc[cov["status"] == "auto", "reason"]) == {"date", "ordinal"}
    dismissed = cov[cov["status"] == "dismissed"].iloc[0]
    assert dismissed["reason"] == "duplicate" and dismissed["start"] == TEXT.rindex("1.5亿元")
    figs = acm.load("figures", data_dir=repo.out)
    assert set(cov["figure_ids"].dropna()) == set(figs["figure_id"])


def test_registries_as_tables(repo):
    repo.build()
    ent = acm.load("entities", data_dir=repo.out)
    assert list(ent["entity_id"]) == sorted(ENTITIES)
    assert ent.set_index("entity_id").loc["jia", "aliases"] == "甲"
    met = acm.load("metrics", data_dir=repo.out).set_index("metric_id")
    assert met.loc["revenue", "allowed_units"] == "CNY; USD"


def test_arrow_field_metadata_carries_the_schema_descriptions(repo):
    from ai_consumer_metrics.schemas import fields, table_description

    repo.build()
    for name in CORE:
        schema = pq.read_schema(repo.out / f"{name}.parquet")
        assert schema.metadata[b"description"].decode() == table_description(name)
        for f in fields(name):
            meta = schema.field(f["name"]).metadata
            assert meta[b"description"].decode() == f["description"], (name, f["name"])
            assert meta.get(b"unit", b"").decode() == (f["unit"] or "")
        assert b"pandas" not in (schema.metadata or {})


def test_every_schema_field_is_documented():
    from ai_consumer_metrics.schemas import SCHEMAS, fields

    for name in SCHEMAS:
        for f in fields(name):
            assert f["description"] and len(f["description"]) > 10, (name, f["name"])
            assert "unit" in SCHEMAS[name].to_schema().columns[f["name"]].metadata


def test_schema_checks_catch_bad_rows(repo):
    from ai_consumer_metrics.schemas import validate_tables

    repo.build()
    frames = {n: acm.load(n, data_dir=repo.out) for n in acm.tables(data_dir=repo.out)["name"]}
    assert validate_tables(frames) == []
    bad = frames["figures"].copy()
    bad.loc[0, "quote_end"] = bad.loc[0, "quote_start"]
    bad.loc[1, "qualifier"] = "roughly"
    bad.loc[2, "figure_id"] = bad.loc[3, "figure_id"]
    errors = "\n".join(validate_tables({**frames, "figures": bad}))
    assert "quote_end must be greater than quote_start" in errors
    assert "roughly" in errors and "figure_id" in errors


# -- determinism ------------------------------------------------------------------

def test_rebuild_is_byte_identical(repo, tmp_path):
    repo.build()
    first = snapshot(repo.out)
    repo.build()
    assert snapshot(repo.out) == first
    repo.build(out=tmp_path / "elsewhere")
    assert snapshot(tmp_path / "elsewhere") == first


def test_declaration_order_changes_nothing(repo, tmp_path):
    repo.build()
    repo.build(list(reversed(good_figures())), out=tmp_path / "reversed")
    assert snapshot(tmp_path / "reversed") == snapshot(repo.out)


# -- atomicity --------------------------------------------------------------------

def test_failing_write_leaves_previous_tables(built, monkeypatch):
    calls = []
    real = build_mod._write_parquet

    def disk_full(table, path):
        calls.append(path.name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(table, path)

    monkeypatch.setattr(build_mod, "_write_parquet", disk_full)
    with pytest.raises(OSError, match="No space left"):
        built.build()
    assert len(calls) == 3
    assert snapshot(built.out) == built.previous
    assert leftovers(built.out) == []


def test_failing_first_build_leaves_nothing(repo, monkeypatch):
    monkeypatch.setattr(build_mod, "_write_manifest", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        repo.build()
    assert not repo.out.exists() and leftovers(repo.out) == []


def test_failing_validation_leaves_previous_tables(built, monkeypatch):
    import ai_consumer_metrics.schemas as schemas

    monkeypatch.setattr(schemas, "validate_tables", lambda frames: ["figures: something is off"])
    with pytest.raises(BuildError, match="validation: figures: something is off"):
        built.build()
    assert snapshot(built.out) == built.previous and leftovers(built.out) == []


def test_tampered_written_file_is_caught_before_the_swap(built, monkeypatch):
    real = build_mod._write_manifest

    def tamper(path, manifest):
        real(path, manifest)
        with open(path.parent / "figures.parquet", "ab") as fh:
            fh.write(b"x")

    monkeypatch.setattr(build_mod, "_write_manifest", tamper)
    with pytest.raises(BuildError, match="figures.parquet: sha256"):
        built.build()
    assert snapshot(built.out) == built.previous


def test_failing_swap_puts_the_old_folder_back(built, monkeypatch):
    real = os.rename
    calls = []

    def rename(src, dst):
        calls.append((Path(src).name, Path(dst).name))
        if len(calls) == 2:  # old folder already set aside; moving the new one in fails
            raise OSError("rename failed")
        real(src, dst)

    monkeypatch.setattr(build_mod.os, "rename", rename)
    with pytest.raises(OSError, match="rename failed"):
        built.build(list(reversed(good_figures())))
    assert snapshot(built.out) == built.previous and leftovers(built.out) == []


def _dead_pid() -> int:
    pid = 999_999
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1


def test_build_killed_between_renames_is_repaired(built):
    pid = _dead_pid()
    aside = built.out.parent / f".{built.out.name}.old-{pid}-abcd1234"
    stale = built.out.parent / f".{built.out.name}.build-{pid}-beef0000"
    os.rename(built.out, aside)
    stale.mkdir()
    (stale / "figures.parquet").write_bytes(b"half")
    build_mod._recover(built.out)
    assert snapshot(built.out) == built.previous
    assert leftovers(built.out) == []


def test_refuses_to_replace_a_folder_that_is_not_a_dataset(repo):
    repo.out.mkdir()
    (repo.out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(BuildError, match="refusing to replace a folder that holds no manifest.json"):
        repo.build()
    assert (repo.out / "thesis.docx").read_bytes() == b"precious" and leftovers(repo.out) == []


def test_foreign_files_survive_a_rebuild(built):
    (built.out / ".gitkeep").write_bytes(b"")
    (built.out / "README.md").write_bytes(b"hello")
    built.build()
    assert (built.out / ".gitkeep").exists() and (built.out / "README.md").read_bytes() == b"hello"


# -- load / tables ------------------------------------------------------------------

def test_tables_lists_names_descriptions_rows(built):
    t = acm.tables(data_dir=built.out)
    assert list(t.columns) == ["name", "description", "rows"]
    assert list(t["name"])[:6] == CORE
    assert dict(zip(t["name"], t["rows"]))["figures"] == 6
    assert t["description"].str.len().min() > 10
    assert str(t["rows"].dtype) == "int64"


def test_unknown_table_suggests_the_closest(built):
    with pytest.raises(UnknownTableError) as info:
        acm.load("figure", data_dir=built.out)
    assert isinstance(info.value, ValueError)
    assert "did you mean 'figures'?" in str(info.value) and "coverage" in str(info.value)
    with pytest.raises(UnknownTableError):
        acm.load("../manifest", data_dir=built.out)


def test_tampered_table_is_a_data_integrity_error(built):
    path = built.out / "figures.parquet"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(DataIntegrityError, match="figures.parquet: sha256"):
        acm.load("figures", data_dir=built.out)


def test_manifest_pointing_outside_the_folder_is_refused(built):
    manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["figures"]["file"] = "../../etc/passwd"
    (built.out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(DataIntegrityError, match="invalid file"):
        acm.load("figures", data_dir=built.out)


def test_missing_manifest(tmp_path):
    with pytest.raises(DataIntegrityError, match="no manifest"):
        acm.tables(data_dir=tmp_path)


def test_import_is_light():
    code = ("import sys, ai_consumer_metrics; "
            "print(sorted(m for m in ('pandas', 'pandera', 'pyarrow', 'matplotlib', 'opencc') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- extractors ----------------------------------------------------------------------

def _write_step(folder: Path, stem: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD_STEP = '''
from extract.declare import figure, dismiss
FIGURES = [figure("同比增长12.5%", "12.5%", entity="jia", metric="revenue_growth", period="2024",
                  scope="China", value=12.5, unit="percent")]
DISMISSED = []
'''


def test_an_extractors_source_id_is_its_file_name(tmp_path):
    sid = "2024-06-01-test-source"
    path = _write_step(tmp_path, sid, GOOD_STEP)
    found = read_extractor(Corpus.at(tmp_path).override(extractors=tmp_path).extractor(sid))
    assert found.source_id == sid and found.file == path and found.figures[0].declared.line == 3
    assert str(found.figures[0].declared.file) == str(path)


def test_extractor_errors_name_the_file(tmp_path):
    a = _write_step(tmp_path, "2024-06-01-a", "FIGURES = [1]\n")
    b = _write_step(tmp_path, "2024-06-01-b", "FIGURES = []\nx = 1 / 0\n")
    c = _write_step(tmp_path, "2024-06-01-c", "SOURCE_ID = '2024-06-01-c'\n" + GOOD_STEP)
    _write_step(tmp_path, "2099-01-01-ghost", GOOD_STEP)
    assert read_extractor(a).endswith("2024-06-01-a.py: FIGURES must be a list of figure(...) declarations")
    assert read_extractor(b).endswith("2024-06-01-b.py:2: cannot import: ZeroDivisionError: division by zero")
    assert read_extractor(c).endswith("2024-06-01-c.py: remove SOURCE_ID: an extractor's source id is its "
                                      "file name ('2024-06-01-c')")
    assert read_extractor(tmp_path / "2024-06-01-d.py").endswith(
        "2024-06-01-d.py: missing: source '2024-06-01-d' has no extractor")
    stray = stray_extractors(["2024-06-01-a", "2024-06-01-b", "2024-06-01-c"], tmp_path)
    assert len(stray) == 1 and "2099-01-01-ghost.py: no archived source '2099-01-01-ghost'" in stray[0]


def test_build_from_the_archive_with_real_reader_and_registry(tmp_path, monkeypatch, repo):
    """The glue of build(): real read_source / registry readers, extractors imported from files."""
    import extract.engine as engine

    sid = repo.source.source_id
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / f"{sid}.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "src" / f"{sid}.json").write_text(json.dumps(repo.source.meta, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "entities.toml").write_text(
        '[jia]\nname_en = "Jia"\nname_zh = "甲公司"\nkind = "company"\n', encoding="utf-8")
    (tmp_path / "metrics.toml").write_text(
        '[revenue_growth]\nname = "Growth"\ndescription = "YoY growth."\n'
        'allowed_units = ["percent"]\ntable = "growth"\n', encoding="utf-8")
    steps = tmp_path / "extractors"
    dismissed = ["营收达到1.5亿元，同比", "乙公司月活跃用户超过3000万人", "约占市场的20%", "日订单约248万单", "行业增速为10-15%"]
    body = [m for m in stub_scan(TEXT) if repo.source.body_start <= m.start and m.end <= repo.source.body_end]
    value_of = {q: next(m.text for m in body if m.text in q) for q in dismissed}
    _write_step(steps, sid, GOOD_STEP.replace(
        "DISMISSED = []", "DISMISSED = [" + "".join(
            f"dismiss({q!r}, {value_of[q]!r}, reason='not_business_figure'), " for q in dismissed)
        + " dismiss('说两遍：营收达到1.5亿元', '1.5亿元', reason='duplicate')]"))
    monkeypatch.setattr(engine, "_default_scan", lambda: stub_scan)
    report = build_mod.build(tmp_path / "out", sources_root=tmp_path / "src", extractors_dir=steps,
                             entities_path=tmp_path / "entities.toml", metrics_path=tmp_path / "metrics.toml",
                             version="9.9.9")
    assert report.rows["figures"] == 1
    auto = sum(m.kind in ("date", "ordinal") for m in body)
    assert report.results[sid].counts == {"mentions": len(body), "claimed": 1, "unreviewed": 0,
                                          "dismissed": len(dismissed) + 1, "auto": auto, "unaccounted": 0}
    assert "9.9.9" in summary(report)


# -- command line ---------------------------------------------------------------------

def test_main_prints_errors_and_exits_1(monkeypatch, capsys, tmp_path):
    def refuse(out):
        raise BuildError(["extract/extractors/s.py:12: value mismatch", "data/sources/x.txt:3 (offset 9): unaccounted"])

    monkeypatch.setattr(build_mod, "build", refuse)
    assert build_mod.main(argparse.Namespace(out=str(tmp_path))) == 1
    err = capsys.readouterr().err
    assert "error: extract/extractors/s.py:12: value mismatch" in err
    assert "build failed: 2 error(s)" in err and "untouched" in err


def test_main_prints_summary_and_exits_0(monkeypatch, capsys, repo):
    report = repo.build()
    monkeypatch.setattr(build_mod, "build", lambda out: report)
    assert build_mod.main(argparse.Namespace(out=str(repo.out))) == 0
    out = capsys.readouterr().out
    assert repo.source.source_id in out
    line = next(l for l in out.splitlines() if l.startswith(repo.source.source_id))
    c = report.results[repo.source.source_id].counts
    assert line.split()[1:] == [str(n) for n in (len(good_figures()), c["mentions"], c["claimed"], c["dismissed"],
                                                 c["auto"], c["unaccounted"])]
    assert "revenue_growth 2" in out and str(repo.out) in out


def test_missing_required_metadata_is_a_build_error_not_a_traceback(built):
    built.source.meta["title"] = None
    # The archive reader refuses it before any table is written, naming the file and the key.
    with pytest.raises(BuildError, match=r"2024-06-01-test-source\.json: .*'?title'?"):
        built.build()
    assert snapshot(built.out) == built.previous
