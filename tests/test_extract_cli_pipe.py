"""``python -m extract ... | head``: a reader that leaves early is not an error (no traceback, exit 0)."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from extract.__main__ import main

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "ai_consumer_metrics" / "data"
# Any archived source will do: the first one, whatever the archive holds.
FIRST = sorted((REPO / "data" / "sources").glob("*.txt"))[0]


class Closed(io.StringIO):
    """A stdout whose reader has gone: every write fails as a closed pipe does."""

    def write(self, s):
        raise BrokenPipeError(32, "Broken pipe")


def test_scan_into_a_real_closed_pipe(tmp_path):
    # Far more output than a pipe buffer holds, so the writer is certain to hit the closed end.
    f = tmp_path / "big.txt"
    f.write_text("阿里云收入同比增长34%至398.24亿元，资本开支约1200亿元。\n" * 3000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "scan", str(f), "--json"], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0, err
    assert first.startswith(b'{"text": ')
    assert "BrokenPipe" not in err and "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.parametrize("argv", [
    ["scan", str(FIRST), "--json"],
    ["scan", str(FIRST)],
    ["diff", str(DATA), str(DATA), "--json"],
    ["diff", str(DATA), str(DATA)],
    ["--help"],
], ids=["scan-json", "scan", "diff-json", "diff", "help"])
def test_every_subcommand_survives_a_closed_stdout(argv, monkeypatch):
    monkeypatch.setattr(sys, "stdout", Closed())
    try:
        code = main(argv)
    except SystemExit as exc:  # --help exits through argparse once it has printed
        code = exc.code
    assert code == 0


def test_review_survives_a_closed_stdout(tmp_path, monkeypatch):
    out = tmp_path / "review.html"
    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["review", FIRST.stem, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!")
