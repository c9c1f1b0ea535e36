"""The build in worker processes (``--jobs N``) and on another corpus (``--root DIR``).

The per-source work runs in a process pool; these tests check that the tables are
byte-identical to an in-process build, that an error raised in a worker reads and
exits exactly as it does in-process (naming the file, the line and the figure),
and that a failed parallel build leaves the previous tables untouched.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import re

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import snapshot
from extract import build as build_mod
from extract import jobs as jobs_mod
from extract.engine import BuildError
from extract.jobs import chunk_size, parse_jobs, run_sources

from corpus_tools import REPO, copy_corpus, example_source, replace_call, sole_claims
from extract.corpus import Corpus


def run_build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", "build", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


# -- the real dataset -------------------------------------------------------------

def test_jobs_2_builds_the_same_bytes_as_jobs_1(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    done1 = run_build("--out", str(one), "--jobs", "1")
    done2 = run_build("--out", str(two), "--jobs", "2")
    assert done1.returncode == 0, done1.stderr
    assert done2.returncode == 0, done2.stderr
    files1, files2 = snapshot(one), snapshot(two)
    assert sorted(files1) == sorted(files2)
    assert [n for n in files1 if files1[n] != files2[n]] == []
    assert {"figures.parquet", "coverage.parquet", "manifest.json"} <= set(files1)
    # The summary is the same too, apart from the folder it names.
    assert done1.stdout.replace(str(one), "OUT") == done2.stdout.replace(str(two), "OUT")


def test_root_of_this_repository_is_the_default(tmp_path):
    plain, rooted = tmp_path / "plain", tmp_path / "rooted"
    assert build_mod.build(plain).rows == build_mod.build(rooted, root=REPO, jobs=2).rows
    assert snapshot(plain) == snapshot(rooted)


# -- errors in a worker --------------------------------------------------------------

def _value_mismatch(root: Path) -> str:
    sid = example_source(root)
    path = Corpus.at(root).extractor(sid)
    call = sole_claims(path)[0]
    code = path.read_text(encoding="utf-8")[call.start:call.end]
    value = call.kwargs["value"]
    code, n = re.subn(r"\bvalue=[^,)]+", f"value={value * 2 + 1!r}", code, count=1)
    assert n == 1
    replace_call(path, call, code)
    return rf"{re.escape(sid)}\.py:\d+: value mismatch in quote \"{re.escape(call.args[0])}\""


def _import_error(root: Path) -> str:
    sid = example_source(root)
    path = Corpus.at(root).extractor(sid)
    path.write_text(path.read_text(encoding="utf-8") + "\nBROKEN = 1 / 0\n", encoding="utf-8")
    return rf"{re.escape(sid)}\.py:\d+: cannot import: ZeroDivisionError"


def _archive_changed(root: Path) -> str:
    sid = example_source(root)
    txt = Corpus.at(root).sources / f"{sid}.txt"
    raw = txt.read_bytes()
    i = re.search(rb"[0-8]", raw).start()
    txt.write_bytes(raw[:i] + bytes([raw[i] + 1]) + raw[i + 1:])
    return rf"{re.escape(sid)}\.txt: sha256 mismatch"


FAULTS = {"value-mismatch": _value_mismatch, "import-error": _import_error, "archive-changed": _archive_changed}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_an_error_in_a_worker_reads_as_in_process_and_leaves_the_tables(fault, tmp_path):
    root = copy_corpus(tmp_path / "corpus")
    out = tmp_path / "tables"
    good = run_build("--root", str(root), "--out", str(out), "--jobs", "2")
    assert good.returncode == 0, good.stderr
    before = snapshot(out)

    message = FAULTS[fault](root)
    serial = run_build("--root", str(root), "--out", str(out), "--jobs", "1")
    parallel = run_build("--root", str(root), "--out", str(out), "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stderr == serial.stderr
    assert re.search(message, parallel.stderr), parallel.stderr
    assert "Traceback" not in parallel.stderr
    assert parallel.stderr.count("error: ") == 1, parallel.stderr  # only the damaged source
    assert f"the tables in {out} are untouched" in parallel.stderr
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the patched task reaches the workers only when they are forked")
def test_a_worker_that_dies_is_a_build_error(monkeypatch):
    def die(self, source_id):
        os._exit(3)

    monkeypatch.setattr(jobs_mod.SourceTask, "__call__", die)
    ids = ["a", "b", "c"]
    with pytest.raises(BuildError, match="a build worker process died .*--jobs 1"):
        run_sources(ids, Corpus.at(), entities={}, metrics={}, jobs=2)


def test_outcomes_come_back_in_the_order_asked(tmp_path):
    from extract.registry import load_entities, load_metrics
    from extract.sources import list_sources

    ids = list_sources()
    args = dict(entities=load_entities(), metrics=load_metrics())
    serial = run_sources(ids, Corpus.at(), jobs=1, **args)
    parallel = run_sources(ids, Corpus.at(), jobs=2, **args)
    assert [o.source_id for o in parallel] == ids

    def seen(outcomes):  # repr: NaN (value_high) is equal to itself only as text
        return repr([(o.errors, o.source_row, o.references, o.result.figures, o.result.coverage)
                     for o in outcomes])

    assert seen(parallel) == seen(serial)
    # Merged in sorted order whatever order they arrive in.
    assert repr(build_mod.merge(list(reversed(parallel)), **args)[0]) == \
        repr(build_mod.merge(serial, **args)[0])


# -- another corpus: a small synthetic one ---------------------------------------------------

def test_a_synthetic_corpus_builds_with_root_identically_for_any_jobs(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import synthetic
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    stats = synthetic.generate(tmp_path / "corpus", 12, seed=7)
    assert stats.articles == 12 and stats.figures > 0 and stats.dismissed > 0
    one = build_mod.build(tmp_path / "one", root=tmp_path / "corpus", jobs=1)
    two = build_mod.build(tmp_path / "two", root=tmp_path / "corpus", jobs=2)
    assert one.rows["figures"] == two.rows["figures"] == stats.figures
    assert one.rows["sources"] == 12
    assert all(r.counts["unaccounted"] == 0 for r in one.results.values())
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


# -- the command line -------------------------------------------------------------------

@pytest.mark.parametrize("given,expected", [("1", 1), ("3", 3), (" 2 ", 2), ("auto", jobs_mod.cpu_count()),
                                            ("0", jobs_mod.cpu_count()), ("AUTO", jobs_mod.cpu_count())])
def test_parse_jobs(given, expected):
    assert parse_jobs(given) == expected


@pytest.mark.parametrize("given", ["-1", "two", "1.5", ""])
def test_parse_jobs_refuses(given):
    with pytest.raises(ValueError, match="--jobs"):
        parse_jobs(given)


def test_bad_jobs_is_a_usage_error():
    done = run_build("--jobs", "many", "--out", "/nonexistent/never-written")
    assert done.returncode == 2
    assert "--jobs takes a number of processes or 'auto', got 'many'" in done.stderr


def test_root_elsewhere_needs_out(tmp_path, capsys):
    code = build_mod.main(argparse.Namespace(out=None, root=str(tmp_path), jobs=None))
    assert code == 2
    assert "needs --out" in capsys.readouterr().err


def test_chunks_spread_over_the_workers():
    assert chunk_size(5, 2) == 1
    assert chunk_size(1000, 2) == 64
    assert chunk_size(200, 2) == 25
    assert chunk_size(0, 2) == 1
