"""``python -m extract diff``: two real builds, one from a modified extractor; git revisions."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.build import build
from extract.diff import DiffError, diff_figures, load_side, report

REPO = Path(__file__).resolve().parent.parent
STEP = "s2024_06_18_huxiu_ant_grows_outward.py"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The real dataset built twice: as is, and with one figure changed and one turned into a dismissal."""
    tmp = tmp_path_factory.mktemp("diff")
    steps = tmp / "steps"
    shutil.copytree(REPO / "extract" / "steps", steps, ignore=shutil.ignore_patterns("__pycache__"))
    old = tmp / "old"
    build(old, steps_dir=steps)
    path = steps / STEP
    code = path.read_text(encoding="utf-8")
    # A curator corrects a period and a note ...
    assert code.count('entity="ant_group", metric="rd_spend", period="2023"') == 1
    code = code.replace('entity="ant_group", metric="rd_spend", period="2023"',
                        'entity="ant_group", metric="rd_spend", period="2023年度"')
    code = code.replace("高达 (as high as) is emphasis", "高达 (as high as) is emphasis only")
    # ... and re-reads 近百家 as not a business figure (removed), so the figure leaves.
    start = code.index('    figure(\n        "已经为浙江省内的近百家医院')
    end = code.index("    ),\n", start) + len("    ),\n")
    code = code[:start] + code[end:]
    code = code.replace("DISMISSED = [\n", 'DISMISSED = [\n    dismiss("浙江省内的近百家医院", "近百家", '
                                          'reason="not_business_figure"),\n', 1)
    path.write_text(code, encoding="utf-8")
    new = tmp / "new"
    build(new, steps_dir=steps)
    return old, new


def test_diff_of_two_builds(builds):
    old, new = builds
    d = diff_figures(load_side(str(old)), load_side(str(new)))
    assert [r["value_text"] for r in d.removed] == ["近百家"]
    assert d.removed[0]["metric"] == "hospitals"
    assert d.added == []
    assert len(d.changed) == 1
    a, b, changes = d.changed[0]
    assert b["value_text"] == "211.9亿元"
    assert set(changes) == {"note"}  # 2023年度 resolves to the same label "2023"
    text = report(d)
    assert "0 added, 1 removed, 1 changed" in text
    assert "2024-06-18-huxiu-ant-grows-outward: “已经为浙江省内的近百家医院提供了超过150万人次的服务”" in text


def test_diff_reversed_is_an_addition(builds):
    old, new = builds
    d = diff_figures(load_side(str(new)), load_side(str(old)))
    assert [r["value_text"] for r in d.added] == ["近百家"] and not d.removed


def test_command_line_json(builds):
    old, new = builds
    r = subprocess.run([sys.executable, "-m", "extract", "diff", str(old), str(new), "--json"],
                       capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["old"]["figures"] == data["new"]["figures"] + 1
    assert data["changed"][0]["changes"]["note"]["new"].count("emphasis only") == 1
    assert data["removed"][0]["quote"].startswith("已经为浙江省内的近百家医院")


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
