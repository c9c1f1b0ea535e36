"""``python -m extract diff``: two real builds, one from a modified extractor; git revisions."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.build import build
from extract.diff import DiffError, diff_figures, load_side, report

from corpus_tools import REPO, add_dismissal, call_text, copy_corpus, example_source, replace_call, sole_claims
from extract.corpus import Corpus


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The real dataset built twice: as is, and with one figure's note edited and another turned into a dismissal."""
    tmp = tmp_path_factory.mktemp("diff")
    root = copy_corpus(tmp / "corpus")
    old = tmp / "old"
    build(old, root=root)
    sid = example_source(root)
    path = Corpus.at(root).extractor(sid)
    edited, dropped = sole_claims(path)[:2]
    # A curator drops a claim and dismisses its number instead (the later call first: offsets stay valid) ...
    replace_call(path, dropped, "")
    text = path.read_text(encoding="utf-8").replace("\n    ,\n", "\n", 1)
    path.write_text(text, encoding="utf-8")
    add_dismissal(path, dropped.args[0], dropped.args[1])
    # ... and rewrites one note.
    edited = next(c for c in sole_claims(path) if c.args[:2] == edited.args[:2])
    code = call_text(path, edited)
    note = "a curator's note, edited"
    code = (code.replace("note=", f"note={note!r} or ", 1) if "note=" in code
            else code[:-1].rstrip().rstrip(",") + f", note={note!r})")
    replace_call(path, edited, code)
    new = tmp / "new"
    build(new, root=root)
    return old, new, sid, edited, dropped, note


def test_diff_of_two_builds(builds):
    old, new, sid, edited, dropped, note = builds
    d = diff_figures(load_side(str(old)), load_side(str(new)))
    assert [r["value_text"] for r in d.removed] == [dropped.args[1]]
    assert d.removed[0]["metric"] == dropped.kwargs["metric"]
    assert d.added == []
    assert len(d.changed) == 1
    a, b, changes = d.changed[0]
    assert b["value_text"] == edited.args[1] and b["note"] == note
    assert set(changes) == {"note"}
    text = report(d)
    assert "0 added, 1 removed, 1 changed" in text
    assert f"{sid}: “{dropped.args[0]}”" in text


def test_diff_reversed_is_an_addition(builds):
    old, new, *_, dropped, note = builds
    d = diff_figures(load_side(str(new)), load_side(str(old)))
    assert [r["value_text"] for r in d.added] == [dropped.args[1]] and not d.removed


def test_command_line_json(builds):
    old, new, sid, edited, dropped, note = builds
    r = subprocess.run([sys.executable, "-m", "extract", "diff", str(old), str(new), "--json"],
                       capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["old"]["figures"] == data["new"]["figures"] + 1
    assert data["changed"][0]["changes"]["note"]["new"] == note
    assert data["removed"][0]["quote"] == dropped.args[0]


def test_git_revision_against_its_own_tables(tmp_path):
    """HEAD's committed figures equal a folder holding the same bytes; a modified copy shows up."""
    raw = subprocess.run(["git", "-C", str(REPO), "show", "HEAD:ai_consumer_metrics/data/figures.parquet"],
                         capture_output=True, check=True).stdout
    (tmp_path / "figures.parquet").write_bytes(raw)
    same = diff_figures(load_side("HEAD"), load_side(str(tmp_path)))
    assert same.empty and same.old.version is not None
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "figures.parquet")
    rows = table.to_pylist()
    rows[0]["value"] = rows[0]["value"] * 2
    pq.write_table(type(table).from_pylist(rows[1:] + [rows[0]], schema=table.schema)
                   .slice(0, len(rows)), tmp_path / "figures.parquet")
    d = diff_figures(load_side("HEAD"), load_side(str(tmp_path)))
    assert [c[2]["value"][1] for c in d.changed] == [rows[0]["value"]]


def test_revision_without_tables_is_a_clear_error():
    first = subprocess.run(["git", "-C", str(REPO), "rev-list", "--max-parents=0", "HEAD"],
                           capture_output=True, text=True, check=True).stdout.split()[0]
    with pytest.raises(DiffError, match=f"git revision '{first}' has no ai_consumer_metrics/data/figures.parquet"):
        load_side(first)
    r = subprocess.run([sys.executable, "-m", "extract", "diff", first, "HEAD"], capture_output=True,
                       text=True, cwd=REPO)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
