"""benchmarks/scanner.py: its examples run, and its targets are timed in paired rounds."""
from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _load():
    saved = list(sys.path)  # (the script puts benchmarks/ and the repository on the path)
    try:
        spec = importlib.util.spec_from_file_location("bench_scanner", REPO / "benchmarks" / "scanner.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path[:] = saved


def test_examples_run():
    failures, tried = doctest.testmod(_load())
    assert tried >= 2 and failures == 0


def test_each_round_times_both_tools_back_to_back_on_every_reading():
    calls = []
    rounds = _load().paired_rounds(3, {"a": [1, 2], "b": [3]},
                                   lambda p: calls.append(("scan", p)), lambda p: calls.append(("other", p)))
    one_round = [("scan", 1), ("scan", 2), ("other", 1), ("other", 2), ("scan", 3), ("other", 3)]
    assert calls == one_round * 3
    assert all(len(r["scan"]) == len(r["other"]) == 3 for r in rounds.values())
    assert rounds["a"]["scan_result"] == [None, None]


def test_the_breakdown_times_the_parts_scan_runs():
    """The parts timed one by one compose to scan's own output, so their shares describe scan."""
    from extract.scanner import _mentions_of, _scan_normalized, _wide_commas_of, scan
    from extract.textlayer import normalize

    mod = _load()
    text = "淘寶(bǎo)市場占有率高達83.6％，兩檔會員價分別為$30，450美元；\n1. 营收约1.5亿元"
    layer = normalize(text)
    assert _mentions_of(text, layer, _scan_normalized(layer.normalized, _wide_commas_of(text, layer))) == scan(text)
    rounds = mod.breakdown_rounds(3, text)
    assert set(rounds) == {"text layer", "scanner", "regex", "mapping"}
    assert all(len(v) == 3 and all(x >= 0 for x in v) for v in rounds.values())
