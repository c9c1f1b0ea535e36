"""What a fresh ``import ai_consumer_metrics; load(...)`` pulls in (benchmarks/load.py times it).

Timings are not tested (a shared machine varies by ±30%); what decides them is: the load
path imports pandas and pyarrow.parquet and nothing heavier. pyarrow.dataset in particular
is kept off it: ``pq.read_table`` over a ``BufferReader`` goes through it, and its scanner
threads made about one interpreter in ten abort at exit ("terminate called without an
active exception", apache/arrow#34314) on this machine.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

KEPT_OFF = ("pyarrow.dataset", "pandera", "matplotlib", "opencc", "difflib", "duckdb", "polars")


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_alone_loads_neither_pandas_nor_pyarrow():
    modules = _modules_after("import ai_consumer_metrics")
    assert not {"pandas", "pyarrow", "numpy"} & modules
    assert not set(KEPT_OFF) & modules


@pytest.mark.parametrize("name", ["figures", "sources"])
def test_load_imports_pandas_and_pyarrow_parquet_and_nothing_heavier(name):
    modules = _modules_after(f"import ai_consumer_metrics as acm\nacm.load({name!r})")
    assert {"pandas", "pyarrow.parquet"} <= modules
    assert not set(KEPT_OFF) & modules, sorted(set(KEPT_OFF) & modules)


def test_an_unknown_name_still_gets_its_suggestion():
    # difflib moved off the load path into the error path; the hint must survive the move.
    out = subprocess.run([sys.executable, "-c", "import ai_consumer_metrics as acm\nacm.load('figure')"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "did you mean 'figures'?" in out.stderr
