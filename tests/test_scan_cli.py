"""``python -m extract scan FILE [--json]`` on real files, through a subprocess."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KEYS = ["text", "start", "end", "value", "unit", "qualifier", "kind"]


def run_scan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", "scan", *args], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_json_lines_have_the_seven_keys_and_true_spans(tmp_path):
    text = "阿里云收入同比增长34%至398.24亿元，资本开支约1200亿元；3-5亿；2024年9月；Qwen3；[3]\n"
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    r = run_scan(str(f), "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["text"] for row in rows] == ["34%", "398.24亿元", "约1200亿元", "3-5亿", "2024年9月", "Qwen3", "[3]"]
    for row in rows:
        assert list(row) == KEYS
        assert text[row["start"]:row["end"]] == row["text"]
    assert rows[2]["value"] == 120000000000.0 and rows[2]["unit"] == "CNY" and rows[2]["qualifier"] == "approx"
    assert rows[3]["value"] == [300000000.0, 500000000.0] and rows[3]["kind"] == "range"


def test_plain_output_one_line_per_mention(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text("超12萬員工，83.6％\n", encoding="utf-8")
    r = run_scan(str(f))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert "超12萬員工" in lines[0] and "persons" in lines[0] and "at_least" in lines[0]
    assert "83.6％" in lines[1] and "percent" in lines[1]


def test_archived_source_scans(tmp_path):
    src = REPO / "data" / "sources" / "2024-06-18-huxiu-ant-grows-outward.txt"
    if not src.exists():
        src = Path("/work/shared/seeds/004_aec1c1457b9d3803.txt")
    text = src.read_bytes().decode("utf-8")
    r = run_scan(str(src), "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert any(row["text"] == "211.9亿元" for row in rows)
    assert all(text[row["start"]:row["end"]] == row["text"] for row in rows)


def test_non_utf8_file_is_one_line_error(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("营收1200亿元".encode("gbk"))
    r = run_scan(str(f), "--json")
    assert r.returncode != 0
    assert r.stdout == ""
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "gbk.txt" in err[0] and "UTF-8" in err[0]


def test_missing_file_is_one_line_error(tmp_path):
    r = run_scan(str(tmp_path / "nope.txt"))
    assert r.returncode != 0
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "nope.txt" in err[0]


def test_list_marks_that_are_not_one_numeral_scan_without_a_traceback(tmp_path):
    f = tmp_path / "lists.txt"
    f.write_text("（三五十）\n一二十、这是列表\n三五、内容\n", encoding="utf-8")
    r = run_scan(str(f), "--json")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(row["text"], row["kind"]) for row in rows][:2] == [("三五十", "range"), ("一二十", "range")]
