"""The integrity catalogue: every bad input and fault we promise to survive, counted.

:data:`CATALOGUE` lists each case once: its id, the guarantee, the message it must
produce (a regular expression, used by the test below that proves the case) and
the test that proves it. Where an existing test already proves a case exactly
(message *and* the previous tables surviving), the catalogue points at it and
``test_referenced_tests_exist_and_check_the_message`` keeps that pointer honest.
``docs/integrity.md`` lists the same ids; ``test_document_lists_every_case``
fails when the two drift apart.

Every refused build here runs into a folder that already holds a good build and
proves it survives: every file hashed before and after, no ``.<out>.build-*`` or
``.<out>.old-*`` folder left behind. Nothing touches the repository's data: the
archive and the tables are copied into ``tmp_path`` first.
"""
from __future__ import annotations

import ast
import contextlib
import errno
import hashlib
import io
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import ai_consumer_metrics as acm
from ai_consumer_metrics import DataIntegrityError, UnknownTableError
from ai_consumer_metrics.cli import main as acm_main
from conftest import ENTITIES, TEXT, StubEntity, good_figures, make_source
from extract import build as build_mod
from extract.declare import figure
from extract.engine import BuildError
from extract.sources import DEFAULT_ROOT, ArchiveError, list_sources, read_source

REPO = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
SID = list_sources()[0]  # any archived source: the faults below are made to it
#: Figures in the committed build (the real builds below reproduce it): derived, so adding a source keeps these true.
N_FIGURES = json.loads((REPO / "ai_consumer_metrics" / "data" / "manifest.json").read_text("utf-8"))["tables"]["figures"]["rows"]
SHA_MISMATCH = (rf"{SID}\.txt: sha256 mismatch: expected {read_source(SID).meta['sha256'][:12]}…, got [0-9a-f]{{12}}… "
                r"\(the archive must hold the article's bytes unchanged; line endings and encoding count\)")


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    guarantee: str
    message: str   # regular expression the error must match
    test: str      # file::function that proves it


def _c(id, group, guarantee, message, test=None):
    return Case(id, group, guarantee, message, test or f"test_integrity.py::test_{id.replace('-', '_')}")


CATALOGUE: list[Case] = [
    # -- the archive: read through the real build, into a folder holding the previous build
    _c("archive-byte-changed", "archive", "one changed byte in an archived article refuses the build",
       SHA_MISMATCH, "test_integrity.py::test_archive_fault"),
    _c("archive-truncated", "archive", "an article cut short refuses the build",
       SHA_MISMATCH, "test_integrity.py::test_archive_fault"),
    _c("archive-gbk", "archive", "an article re-encoded as GBK refuses the build",
       rf"{SID}\.txt: not valid UTF-8: byte 0x[0-9a-f]{{2}} at offset \d+ \(line \d+\): invalid",
       "test_integrity.py::test_archive_fault"),
    _c("archive-bom", "archive", "a byte-order mark refuses the build",
       rf"{SID}\.txt: starts with a UTF-8 byte-order mark \(BOM\); archive files must be UTF-8 without a BOM",
       "test_integrity.py::test_archive_fault"),
    _c("archive-crlf", "archive", "CRLF line endings refuse the build (offsets would shift)",
       SHA_MISMATCH, "test_integrity.py::test_archive_fault"),
    _c("meta-missing-field", "archive", "metadata missing a key refuses the build",
       rf"{SID}\.json: missing key\(s\): published$", "test_integrity.py::test_archive_fault"),
    _c("meta-malformed-date", "archive", "a malformed publication date refuses the build",
       rf"{SID}\.json: published must be an ISO date YYYY-MM-DD, got '2026/01/30'$",
       "test_integrity.py::test_archive_fault"),
    # -- declarations, checked by the engine (synthetic source over a previous build)
    _c("quote-twice", "declarations", "a quote found twice is refused, with both offsets",
       r'ambiguous quote ".*": occurs 2 times', "test_engine.py::test_ambiguous_quote"),
    _c("quote-spans-body-end", "declarations", "a quote running past body_end is refused",
       r"is not wholly inside the body", "test_engine.py::test_quote_spanning_body_end"),
    _c("value-wrong-scale", "declarations", "a value declared in 万 where the text says 亿 is refused",
       r"value mismatch in quote .*: declared 15000 CNY exact, parsed \"1.5亿元\" as 150000000 CNY exact",
       "test_engine.py::test_value_scale_differs"),
    _c("unknown-entity", "declarations", "an entity not in the registry is refused, closest id suggested",
       r"unknown entity 'jiaa' \(did you mean 'jia'\?\)", "test_engine.py::test_unknown_entity_suggests_closest_id"),
    _c("unknown-metric", "declarations", "a metric not in the registry is refused, closest id suggested",
       r"unknown metric 'daily_order' \(did you mean 'daily_orders'\?\)", "test_engine.py::test_unknown_metric"),
    _c("unknown-unit", "declarations", "a unit no metric allows (RMB for CNY) is refused, both readings shown",
       r"unit 'RMB' is not allowed for metric 'revenue' \(allowed: CNY, USD\).*\n.*unit mismatch in quote "
       r".*declared 150000000 RMB exact, parsed \"1.5亿元\" as 150000000 CNY exact"),
    _c("unknown-qualifier", "declarations", "a qualifier outside exact/approx/at_least/at_most is refused",
       r"unknown qualifier 'more_than'", "test_engine.py::test_unknown_qualifier"),
    _c("period-ends-before-start", "declarations", "a period ending before it starts is refused",
       r"period 'backwards' resolves to backwards which ends 2024-01-01 before it starts 2024-12-31",
       "test_engine.py::test_period_ends_before_it_starts"),
    _c("duplicate-figure-id", "declarations", "two declarations with one figure_id in a source are refused",
       r"duplicate figure_id", "test_engine.py::test_duplicate_figure_id"),
    _c("duplicate-figure-id-across-sources", "declarations",
       "one figure_id in two sources (a hash collision) is refused",
       r"^duplicate figure_id [0-9a-f]{12} in 2024-06-01-b and 2024-06-01-a$"),
    _c("share-above-100", "declarations", "a market share above 100 % is refused",
       r"^analysis tables: market share 120% of 'yi' is above 100% in market 'China', "
       r"period 2024-06-01\.\.2024-06-30; figure_id: [0-9a-f]{12}$"),
    _c("shares-sum-over-100", "declarations", "shares of one market and period adding up past 100 % are refused",
       r"^analysis tables: market shares add up to 130% \(more than 100% \+ 1 tolerance\) in market 'China', "
       r"period 2024-06-01\.\.2024-06-30; figure_ids: [0-9a-f]{12}, [0-9a-f]{12}$"),
    # -- the written tables, read by load() and acm validate/show
    _c("table-truncated", "tables", "a truncated Parquet file is a data integrity error naming it",
       r"figures\.parquet: sha256 [0-9a-f]{12}… does not match the manifest's [0-9a-f]{12}…; "
       r"the file was changed after the build", "test_integrity.py::test_table_fault"),
    _c("table-replaced", "tables", "a Parquet file swapped for another table is a data integrity error",
       r"figures\.parquet: sha256 [0-9a-f]{12}… does not match the manifest's", "test_integrity.py::test_table_fault"),
    _c("table-replaced-rehashed", "tables",
       "another table under the name, with the manifest's hash forged, is still refused (columns)",
       r"figures\.parquet: columns \['source_id', 'title', .*\] differ from the manifest's \['figure_id', ",
       "test_integrity.py::test_table_fault"),
    _c("table-column-dropped", "tables", "a column dropped (hash forged) is a data integrity error",
       r"figures\.parquet: columns \[.*'reference'\] differ from the manifest's \[.*'reference', 'note'\]",
       "test_integrity.py::test_table_fault"),
    _c("table-corrupt-hash-forged", "tables", "bytes that are not Parquet, hash forged, are a data integrity error",
       r"growth\.parquet: not a readable Parquet file",
       "test_cli.py::test_corrupt_parquet_with_matching_hash_is_a_data_integrity_error"),
    _c("table-column-dropped-manifest-rewritten", "tables",
       "a column dropped with the manifest rewritten to match fails acm validate (schema)",
       r"figures: column Figures failed column_in_dataframe: 'note'"),
    _c("manifest-rows-disagree", "tables", "a manifest row count that disagrees is a data integrity error",
       rf"figures\.parquet: {N_FIGURES} rows, the manifest says {N_FIGURES + 1}", "test_integrity.py::test_table_fault"),
    _c("manifest-file-missing", "tables", "a table the manifest lists but the folder lacks is named",
       r"figures\.parquet: missing \(listed in the manifest\)", "test_integrity.py::test_table_fault"),
    _c("manifest-table-unlisted", "tables", "a table file the manifest does not list fails acm validate",
       r"growth\.parquet: not listed in manifest\.json"),
    _c("manifest-not-json", "tables", "a manifest that is not JSON is a data integrity error naming it",
       r"manifest\.json: manifest is not valid JSON", "test_integrity.py::test_table_fault"),
    _c("manifest-columns-not-a-list", "tables", "a manifest whose columns entry is not a list is named",
       r"manifest\.json: table 'figures' has no list of columns", "test_integrity.py::test_table_fault"),
    # -- faults while writing
    _c("disk-full", "faults", "ENOSPC from the Parquet writer leaves the previous tables",
       r"No space left", "test_build.py::test_failing_write_leaves_previous_tables"),
    _c("disk-full-command", "faults", "python -m extract build on a full disk: one line, exit 1, no traceback",
       r"^error: cannot write the tables: .*figures\.parquet: No space left on device\n"
       r"build failed; the tables in .* are untouched\n$"),
    _c("interrupted-mid-write", "faults",
       "KeyboardInterrupt or SystemExit in any writer leaves the previous tables and no temp folder",
       r"KeyboardInterrupt|SystemExit"),
    _c("killed-mid-write", "faults", "a build killed (SIGKILL) while writing leaves the previous tables; "
       "the next build clears its temp folder", r"-9"),
    _c("killed-between-renames", "faults", "a build killed between the two renames of the swap is repaired "
       "by the next build: the previous tables come back byte for byte", r"-9"),
    _c("swap-fails", "faults", "a failing rename during the swap puts the old folder back",
       r"rename failed", "test_build.py::test_failing_swap_puts_the_old_folder_back"),
    # -- security basics
    _c("no-unsafe-calls", "security", "no eval/exec/pickle/marshal/unsafe yaml/os.system/shell=True in the code",
       r"unsafe call"),
    _c("source-id-escape", "security", "source ids cannot leave data/sources (../, absolute, nested)",
       r"is not a safe slug"),
    _c("table-name-escape", "security", "table names cannot leave the data folder in load, acm show, acm describe",
       r"no table '.*'(; did you mean '[a-z_]+'\? Tables|; tables): figures, sources, "),
    _c("figure-id-escape", "security", "cite and acm cite treat a path as an unknown figure id",
       rf"unknown figure id '.*' \({N_FIGURES} known\)"),
    _c("manifest-file-escape", "security", "a manifest naming a file outside the folder is refused",
       r"invalid file", "test_build.py::test_manifest_pointing_outside_the_folder_is_refused"),
    _c("parquet-metadata-not-executed", "security",
       "pandas metadata and a pickled extension type in a Parquet file are never interpreted",
       r"marker file never created"),
    _c("where-cannot-run-code", "security", "acm show --where accepts only filters: no calls, dunders, @vars",
       r"calls are limited", "test_cli.py::test_where_refuses_anything_but_a_filter"),
]
MESSAGE = {c.id: c.message for c in CATALOGUE}


# ---------------------------------------------------------------- helpers


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def assert_untouched(out: Path, before: dict[str, str]) -> None:
    assert digest(out) == before, "a refused build or a failed read changed the previous tables"
    assert leftovers(out) == [], f"temporary folders left behind: {leftovers(out)}"


def one_of(errors: list[str], case_id: str) -> str:
    """The error line matching the case's promised message (every line must be one line)."""
    assert all("\n" not in e for e in errors), errors
    text = "\n".join(errors)
    assert re.search(MESSAGE[case_id], text, re.M), f"{case_id}: {MESSAGE[case_id]!r} not in:\n{text}"
    return text


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> Path:
    """The real dataset (five archived articles, real extractors), built once into a tmp folder."""
    out = tmp_path_factory.mktemp("real") / "data"
    build_mod.build(out, version="0.0.0-integrity")
    return out


@pytest.fixture
def previous(real_build, tmp_path) -> Path:
    """A private copy of the real build: the 'previous tables' a failure must not lose."""
    return Path(shutil.copytree(real_build, tmp_path / "data"))


@pytest.fixture
def archive(tmp_path) -> Path:
    return Path(shutil.copytree(DEFAULT_ROOT, tmp_path / "sources"))


# ---------------------------------------------------------------- the archive


def _text(root):
    return root / f"{SID}.txt"


def _one_digit_changed(raw: bytes) -> bytes:
    i = re.search(rb"[0-8]", raw).start()
    return raw[:i] + bytes([raw[i] + 1]) + raw[i + 1:]


def _edit_meta(root, key, value=None, delete=False):
    path = root / f"{SID}.json"
    meta = json.loads(path.read_text("utf-8"))
    if delete:
        del meta[key]
    else:
        meta[key] = value
    path.write_text(json.dumps(meta, ensure_ascii=False), "utf-8")


ARCHIVE_FAULTS = {
    "archive-byte-changed": lambda r: _text(r).write_bytes(_one_digit_changed(_text(r).read_bytes())),
    "archive-truncated": lambda r: _text(r).write_text(_text(r).read_text("utf-8")[:-200], "utf-8"),
    "archive-gbk": lambda r: _text(r).write_bytes(_text(r).read_text("utf-8").encode("gbk", errors="replace")),
    "archive-bom": lambda r: _text(r).write_bytes(b"\xef\xbb\xbf" + _text(r).read_bytes()),
    "archive-crlf": lambda r: _text(r).write_bytes(_text(r).read_bytes().replace(b"\n", b"\r\n")),
    "meta-missing-field": lambda r: _edit_meta(r, "published", delete=True),
    "meta-malformed-date": lambda r: _edit_meta(r, "published", "2026/01/30"),
}


@pytest.mark.parametrize("case_id", sorted(ARCHIVE_FAULTS))
def test_archive_fault(case_id, archive, previous):
    ARCHIVE_FAULTS[case_id](archive)
    before = digest(previous)
    with pytest.raises(BuildError) as info:
        build_mod.build(previous, sources_root=archive, version="0.0.0-integrity")
    one_of(info.value.errors, case_id)
    assert len(info.value.errors) == 1  # only the damaged source is reported
    assert_untouched(previous, before)


def test_undamaged_archive_copy_builds_byte_identical(archive, previous, tmp_path):
    # The control for test_archive_fault: the same call on an undamaged copy succeeds.
    out = tmp_path / "again"
    build_mod.build(out, sources_root=archive, version="0.0.0-integrity")
    assert digest(out) == digest(previous)


# ---------------------------------------------------------------- declarations


def refused(repo, case_id, figures=None, **kw) -> str:
    before = digest(repo.out)
    with pytest.raises(BuildError) as info:
        repo.build(figures, **kw)
    assert_untouched(repo.out, before)
    return one_of(info.value.errors, case_id)


def test_unknown_unit(built):
    figs = good_figures()
    figs[0] = figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue", period="2024",
                     scope="China", value=1.5e8, unit="RMB")
    msg = refused(built, "unknown-unit", figs)
    assert "test_integrity.py:" in msg  # the declaration's file:line


def test_duplicate_figure_id_across_sources(built, monkeypatch):
    import extract.engine as engine

    # Two sources whose ids collide: force the collision the hash makes vanishingly rare.
    real = engine.figure_id
    monkeypatch.setattr(engine, "figure_id", lambda sid, *rest: real("collide", *rest))
    a = make_source(built.root / "a", source_id="2024-06-01-a")
    b = make_source(built.root / "b", source_id="2024-06-01-b")
    refused(built, "duplicate-figure-id-across-sources", sources=[a, b])


def _shares_source(repo, text):
    return make_source(repo.root / "shares", text=TEXT.replace("约占市场的20%", text))


def test_share_above_100(built):
    figs = good_figures()
    figs[3] = figure("约占市场的120%", "120%", entity="yi", metric="market_share", period="2024-06",
                     scope="China", value=120, unit="percent")
    refused(built, "share-above-100", figs, sources=[_shares_source(built, "约占市场的120%")])


def test_shares_sum_over_100(built):
    entities = {**ENTITIES, "bing": StubEntity("bing", "Bing Co", "丙公司")}
    figs = good_figures()
    figs[3] = figure("约占市场的70%", "70%", entity="yi", metric="market_share", period="2024-06",
                     scope="China", value=70, unit="percent")
    figs.append(figure("丙公司占60%", "60%", entity="bing", metric="market_share", period="2024-06",
                       scope="China", value=60, unit="percent"))
    refused(built, "shares-sum-over-100", figs, entities=entities,
            sources=[_shares_source(built, "约占市场的70%，丙公司占60%")])


def test_shares_of_a_parent_and_its_child_are_not_summed(built):
    # The control for the sum check: yi's parent is jia, so 70 % + 60 % is not a contradiction.
    figs = good_figures()
    figs[3] = figure("约占市场的70%", "70%", entity="yi", metric="market_share", period="2024-06",
                     scope="China", value=70, unit="percent")
    figs.append(figure("甲公司占60%", "60%", entity="jia", metric="market_share", period="2024-06",
                       scope="China", value=60, unit="percent"))
    built.build(figs, sources=[_shares_source(built, "约占市场的70%，甲公司占60%")])


# ---------------------------------------------------------------- the written tables


def _forge_hash(data: Path, name: str) -> None:
    path = data / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    manifest["tables"][name]["sha256"] = hashlib.sha256((data / f"{name}.parquet").read_bytes()).hexdigest()
    path.write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def _edit_manifest(data: Path, edit) -> None:
    path = data / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def _truncate(d):
    (d / "figures.parquet").write_bytes((d / "figures.parquet").read_bytes()[:-500])


def _replace(d):
    shutil.copy(d / "sources.parquet", d / "figures.parquet")


def _replace_rehashed(d):
    _replace(d)
    _forge_hash(d, "figures")


def _drop_column(d):
    pq.write_table(pq.read_table(d / "figures.parquet").drop_columns(["note"]), d / "figures.parquet")
    _forge_hash(d, "figures")


TABLE_FAULTS = {
    "table-truncated": _truncate,
    "table-replaced": _replace,
    "table-replaced-rehashed": _replace_rehashed,
    "table-column-dropped": _drop_column,
    "manifest-rows-disagree": lambda d: _edit_manifest(d, lambda m: m["tables"]["figures"].update(rows=N_FIGURES + 1)),
    "manifest-file-missing": lambda d: (d / "figures.parquet").unlink(),
    "manifest-not-json": lambda d: (d / "manifest.json").write_text("{not json", "utf-8"),
    "manifest-columns-not-a-list": lambda d: _edit_manifest(
        d, lambda m: m["tables"]["figures"].update(columns="figure_id")),
}


def run_acm(data: Path, *argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = acm_main(["--data-dir", str(data), *argv])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case_id", sorted(TABLE_FAULTS))
def test_table_fault(case_id, previous):
    TABLE_FAULTS[case_id](previous)
    damaged = digest(previous)
    with pytest.raises(DataIntegrityError) as info:
        acm.load("figures", data_dir=previous)
    assert re.search(MESSAGE[case_id], str(info.value)), str(info.value)
    assert str(previous) in str(info.value)  # names the file with its folder
    for command in (["validate"], ["show", "figures"], ["describe", "figures"]):
        if command[0] == "describe" and case_id != "manifest-not-json":
            continue  # describe reads the manifest's table list and the schema, not the table file
        code, out, err = run_acm(previous, *command)
        assert code == 1, (command, err)
        assert "data integrity error: " in err and re.search(MESSAGE[case_id], err), (command, err)
        assert "Traceback" not in err and out == ""
    assert digest(previous) == damaged  # reading never writes


def test_table_column_dropped_manifest_rewritten(previous):
    _drop_column(previous)
    _edit_manifest(previous, lambda m: m["tables"]["figures"].update(
        columns=[c for c in m["tables"]["figures"]["columns"] if c["name"] != "note"]))
    # load() trusts a manifest that agrees with the file (it is the cheap check) ...
    assert "note" not in acm.load("figures", data_dir=previous).columns
    # ... validate re-checks the schema and the data package, and refuses.
    code, _, err = run_acm(previous, "validate")
    assert code == 1 and re.search(MESSAGE["table-column-dropped-manifest-rewritten"], err), err
    assert "datapackage.json: resource 'figures' does not match the manifest's sha256" in err
    assert "Traceback" not in err


def test_manifest_table_unlisted(previous):
    _edit_manifest(previous, lambda m: m["tables"].pop("growth"))
    code, _, err = run_acm(previous, "validate")
    assert code == 1 and "data integrity error: " in err, err
    assert re.search(MESSAGE["manifest-table-unlisted"], err) and str(previous) in err
    code, _, err = run_acm(previous, "show", "growth")
    assert code == 2 and "no table 'growth'" in err


def test_undamaged_tables_validate(previous):
    # The control for the table faults: the same commands on the undamaged copy succeed.
    assert len(acm.load("figures", data_dir=previous)) == N_FIGURES
    code, out, err = run_acm(previous, "validate")
    assert code == 0 and out.startswith("ok: "), err


# ---------------------------------------------------------------- faults while writing


def test_disk_full_command(built, monkeypatch):
    real = build_mod._write_parquet

    def full(table, path):
        if path.name == "figures.parquet":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(table, path)

    monkeypatch.setattr(build_mod, "_write_parquet", full)
    monkeypatch.setattr(build_mod, "build", lambda out: built.build(out=out))
    before = digest(built.out)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = build_mod.main(__import__("argparse").Namespace(out=str(built.out)))
    assert code == 1
    assert re.search(MESSAGE["disk-full-command"], err.getvalue()), err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert_untouched(built.out, before)


@pytest.mark.parametrize("where", ["_write_parquet", "_write_manifest", "_write_datapackage"])
@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit])
def test_interrupted_mid_write(built, monkeypatch, where, exc):
    real = getattr(build_mod, where)

    def interrupted(*args):
        real(*args)  # the file is (half) written, then the process is told to stop
        raise exc()

    monkeypatch.setattr(build_mod, where, interrupted)
    before = digest(built.out)
    with pytest.raises(exc):
        built.build(list(reversed(good_figures())))
    assert re.search(MESSAGE["interrupted-mid-write"], exc.__name__)
    assert_untouched(built.out, before)


KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path[:0] = [{repo!r}, {tests!r}]
    from pathlib import Path
    from conftest import Repo
    from extract import build as build_mod

    calls = []
    def kill_at(fn, n):
        def wrapper(*args):
            calls.append(args)
            if len(calls) == n:
                os.kill(os.getpid(), signal.SIGKILL)
            return fn(*args)
        return wrapper

    if {where!r} == "write":
        build_mod._write_parquet = kill_at(build_mod._write_parquet, 3)
    else:  # the second rename of the swap: the old folder is aside, the new one not yet in
        build_mod.os.rename = kill_at(build_mod.os.rename, 2)
    Repo(Path({root!r})).build()
""")


def _kill_build(built, where: str) -> subprocess.CompletedProcess:
    script = KILLER.format(repo=str(REPO), tests=str(TESTS), root=str(built.root), where=where)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


def test_killed_mid_write(built):
    before = digest(built.out)
    proc = _kill_build(built, "write")
    assert re.fullmatch(MESSAGE["killed-mid-write"], str(proc.returncode)), proc.stderr
    assert digest(built.out) == before
    stale = leftovers(built.out)
    assert len(stale) == 1 and stale[0].startswith(".data.build-"), stale
    built.build()  # the next build clears the dead build's folder
    assert leftovers(built.out) == [] and digest(built.out) == before


def test_killed_between_renames(built):
    before = digest(built.out)
    proc = _kill_build(built, "rename")
    assert re.fullmatch(MESSAGE["killed-between-renames"], str(proc.returncode)), proc.stderr
    aside = [p for p in built.out.parent.iterdir() if p.name.startswith(".data.old-")]
    assert not built.out.exists() and len(aside) == 1 and digest(aside[0]) == before
    built.build()  # puts the set-aside tables back first, then builds over them
    assert leftovers(built.out) == [] and digest(built.out) == before


# ---------------------------------------------------------------- security basics


UNSAFE_CALLS = {"eval", "exec", "__import__", "pickle.load", "pickle.loads", "pickle.Unpickler",
                "marshal.load", "marshal.loads", "shelve.open", "os.system", "os.popen",
                "pandas.read_pickle", "pd.read_pickle", "dill.load", "dill.loads", "yaml.unsafe_load",
                "yaml.full_load"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def unsafe_calls(source: str, name: str) -> list[str]:
    """Calls that run code or unpickle data, and yaml.load without SafeLoader or shell=True."""
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if not isinstance(node, ast.Call):
            continue
        func = _dotted(node.func)
        kw = {k.arg: k.value for k in node.keywords}
        bad = func in UNSAFE_CALLS or func.endswith((".read_pickle", "pickle.loads", "pickle.load"))
        if func in ("yaml.load", "yaml.load_all") and "Safe" not in _dotted(kw.get("Loader", ast.Name("?"))):
            bad = True
        shell = kw.get("shell")
        if isinstance(shell, ast.Constant) and shell.value is True:
            bad = True
        if bad:
            found.append(f"{name}:{node.lineno}: unsafe call {func}(...)")
    return found


def test_no_unsafe_calls():
    files = sorted([*(REPO / "ai_consumer_metrics").rglob("*.py"), *(REPO / "extract").rglob("*.py")])
    assert len(files) >= 15
    found = [f for p in files for f in unsafe_calls(p.read_text("utf-8"), str(p.relative_to(REPO)))]
    assert not [f for f in found if re.search(MESSAGE["no-unsafe-calls"], f)], "\n".join(found)


def test_unsafe_call_scanner_catches_each_form():
    # The control: the scanner flags every form it promises to, so an empty result above means something.
    code = ("eval('1')\nexec('x=1')\n__import__('os')\npickle.loads(b'')\nimport yaml\nyaml.load(s)\n"
            "yaml.load(s, Loader=yaml.SafeLoader)\nos.system('ls')\nsubprocess.run('ls', shell=True)\n"
            "df = pd.read_pickle('x')\n")
    lines = [int(f.split(":")[1]) for f in unsafe_calls(code, "x.py")]
    assert lines == [1, 2, 3, 4, 6, 8, 9, 10]
    assert re.search(MESSAGE["no-unsafe-calls"], unsafe_calls(code, "x.py")[0])


ESCAPES = ["../figures", "/etc/passwd", "figures/../../x", "figures/../figures", "..", "./figures",
           "figures.parquet", "manifest", "..\\figures", "figures\x00"]


@pytest.mark.parametrize("bad", [b for b in ESCAPES if "/" in b or "\\" in b or "\x00" in b or b.startswith(".")]
                         + ["../sources/" + SID, "/" + SID, f"{SID}/../{SID}", f"{SID}.json"])
def test_source_id_escape(bad, archive):
    with pytest.raises(ArchiveError, match=MESSAGE["source-id-escape"]):
        read_source(bad, archive)


@pytest.mark.parametrize("bad", ESCAPES)
def test_table_name_escape(bad, previous):
    before = digest(previous)
    with pytest.raises(UnknownTableError) as info:
        acm.load(bad, data_dir=previous)
    assert re.search(MESSAGE["table-name-escape"], str(info.value))
    for command in ("show", "describe"):
        code, out, err = run_acm(previous, command, bad)
        assert code == 2 and out == "" and re.search(MESSAGE["table-name-escape"], err), (command, err)
    assert digest(previous) == before


@pytest.mark.parametrize("bad", ESCAPES + ["../../manifest.json"])
def test_figure_id_escape(bad, previous):
    from ai_consumer_metrics.citation import CitationError

    with pytest.raises(CitationError, match=MESSAGE["figure-id-escape"]):
        acm.cite(bad, data_dir=previous)
    code, out, err = run_acm(previous, "cite", bad)
    assert code == 2 and out == "" and re.search(MESSAGE["figure-id-escape"], err), err


def test_parquet_metadata_not_executed(previous, tmp_path):
    marker = tmp_path / "marker"

    class Payload:
        def __reduce__(self):  # unpickling this would create the marker file
            return (open, (str(marker), "w"))

    path = previous / "figures.parquet"
    expected = acm.load("figures", data_dir=previous)
    table = pq.read_table(path)
    i = table.schema.get_field_index("note")
    field = table.schema.field(i).with_metadata({
        b"ARROW:extension:name": b"arrow.py_extension_type",
        b"ARROW:extension:metadata": pickle.dumps(Payload())})
    pandas_meta = {"index_columns": [f"__import__('os').system('touch {marker}')"],
                   "column_indexes": [], "pandas_version": "0",
                   "columns": [{"name": "figure_id", "field_name": "figure_id", "pandas_type": "object",
                                "numpy_type": f"eval(open({str(marker)!r}, 'w'))", "metadata": None}]}
    schema = table.schema.set(i, field).with_metadata(
        {**(table.schema.metadata or {}), b"pandas": json.dumps(pandas_meta).encode()})
    pq.write_table(pa.Table.from_arrays(table.columns, schema=schema), path)
    _forge_hash(previous, "figures")
    loaded = acm.load("figures", data_dir=previous)
    assert not marker.exists(), MESSAGE["parquet-metadata-not-executed"]
    assert list(loaded.columns) == list(expected.columns) and loaded.equals(expected)
    run_acm(previous, "show", "figures", "--limit", "1")
    run_acm(previous, "validate")
    assert not marker.exists()


# ---------------------------------------------------------------- the catalogue itself


def _functions(file: Path) -> dict[str, str]:
    """Each function's source, decorators (parametrize tables) included."""
    lines = file.read_text("utf-8").splitlines()
    return {n.name: "\n".join(lines[min([n.lineno, *(d.lineno for d in n.decorator_list)]) - 1:n.end_lineno])
            for n in ast.walk(ast.parse("\n".join(lines))) if isinstance(n, ast.FunctionDef)}


def test_catalogue_ids_are_unique_and_grouped():
    ids = [c.id for c in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert {c.group for c in CATALOGUE} == {"archive", "declarations", "tables", "faults", "security"}
    for c in CATALOGUE:
        re.compile(c.message)


def test_referenced_tests_exist_and_check_the_message():
    """Each case's test exists; a case proved elsewhere must assert (part of) the promised message."""
    here = _functions(Path(__file__))
    for c in CATALOGUE:
        file, func = c.test.split("::")
        functions = here if file == Path(__file__).name else _functions(TESTS / file)
        assert func in functions, f"{c.id}: {c.test} does not exist"
        body = functions[func]
        if file == Path(__file__).name:
            uses = c.id in ARCHIVE_FAULTS or c.id in TABLE_FAULTS or f'"{c.id}"' in body
            assert uses, f"{c.id}: {c.test} does not check the case's message"
        else:
            # A literal stretch of the promised message must appear in the other test's source
            # (adjacent string literals joined, as Python joins them).
            joined = re.sub(r"""['"]\s*\n\s*f?['"]""", "", body)
            literal = max(re.split(r"\\.|[.*+?()\[\]{}|^$]", c.message), key=len)
            assert literal and literal in joined, f"{c.id}: {c.test} does not check {literal!r}"


def _document() -> str:
    return (REPO / "docs" / "integrity.md").read_text("utf-8")


def test_document_lists_every_case():
    doc = _document()
    stated = re.search(r"\*\*(\d+) cases\*\*", doc)
    assert stated, "docs/integrity.md must state the count as **N cases**"
    assert int(stated.group(1)) == len(CATALOGUE)
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", doc, re.M)
    assert sorted(listed) == sorted(c.id for c in CATALOGUE)
    for group in {c.group for c in CATALOGUE}:
        n = sum(c.group == group for c in CATALOGUE)
        assert re.search(rf"^## .*\b{group}\b.*\({n} cases?\)", doc, re.M | re.I), f"section {group} ({n})"
    for c in CATALOGUE:
        assert c.test in doc, f"docs/integrity.md does not name the test of {c.id}: {c.test}"
