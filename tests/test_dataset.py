"""The committed dataset in ai_consumer_metrics/data/ against the archive and the extractors.

These read the real tables: every row must point at the exact characters of its
archived source, and a fresh build must reproduce the committed files byte for byte,
so the shipped data can never drift from the extractors.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import ai_consumer_metrics as acm
from ai_consumer_metrics.store import DATA_DIR

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "data" / "sources"

@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures():
    return acm.load("figures")


def _text(source_id: str) -> str:
    return (SOURCES / f"{source_id}.txt").read_bytes().decode("utf-8")


def test_every_quote_and_value_is_the_archived_text(figures):
    texts = {sid: _text(sid) for sid in figures["source_id"].unique()}
    bad = []
    for row in figures.itertuples():
        text = texts[row.source_id]
        if text[row.quote_start:row.quote_end] != row.quote:
            bad.append(f"{row.figure_id}: quote")
        if text[row.value_start:row.value_end] != row.value_text:
            bad.append(f"{row.figure_id}: value_text")
        if not row.quote_start <= row.value_start < row.value_end <= row.quote_end:
            bad.append(f"{row.figure_id}: value outside quote")
    assert bad == []


def test_quotes_lie_inside_the_bodies(figures):
    sources = acm.load("sources").set_index("source_id")
    for row in figures.itertuples():
        src = sources.loc[row.source_id]
        assert src["body_start"] <= row.quote_start and row.quote_end <= src["body_end"], row.figure_id


def test_source_hashes_match_the_archive(manifest):
    sources = acm.load("sources")
    assert sorted(sources["source_id"]) == sorted(p.stem for p in SOURCES.glob("*.txt"))
    for row in sources.itertuples():
        digest = hashlib.sha256((SOURCES / f"{row.source_id}.txt").read_bytes()).hexdigest()
        assert digest == row.sha256 == manifest["sources"][row.source_id]["sha256"], row.source_id
        meta = json.loads((SOURCES / f"{row.source_id}.json").read_text(encoding="utf-8"))
        assert meta["sha256"] == digest


def test_sources_table_carries_the_metadata_names():
    sources = acm.load("sources")
    for row in sources.itertuples():
        meta = json.loads((SOURCES / f"{row.source_id}.json").read_text(encoding="utf-8"))
        for key in ("publisher", "publisher_en"):
            value = getattr(row, key)
            assert (None if pd.isna(value) else value) == meta.get(key), (row.source_id, key)


def test_committed_tables_match_the_manifest(manifest):
    for name, entry in manifest["tables"].items():
        data = (DATA_DIR / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name


def test_a_rebuild_reproduces_the_committed_files_byte_for_byte(tmp_path):
    out = tmp_path / "rebuild"
    done = subprocess.run([sys.executable, "-m", "extract", "build", "--out", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    committed = sorted(p.name for p in DATA_DIR.iterdir() if p.is_file() and not p.name.startswith("."))
    rebuilt = sorted(p.name for p in out.iterdir() if p.is_file())
    assert rebuilt == committed
    differ = [n for n in rebuilt if (out / n).read_bytes() != (DATA_DIR / n).read_bytes()]
    assert differ == [], f"committed files differ from a fresh build: {differ}; run python -m extract build"


def test_zero_unaccounted_and_every_figure_claimed(figures):
    cov = acm.load("coverage")
    assert set(cov["status"]) <= {"claimed", "dismissed", "auto"}
    claimed = {fid for ids in cov["figure_ids"].dropna() for fid in ids.split("; ")}
    assert claimed == set(figures["figure_id"])


def test_load_figures_dtypes(figures):
    from ai_consumer_metrics.store import string_dtype

    dtypes = {c: str(t) for c, t in figures.dtypes.items()}
    for col in ("figure_id", "source_id", "entity_id", "metric", "unit", "qualifier", "period", "scope",
                "quote", "value_text", "attributed_to", "via", "reference", "note"):
        assert figures[col].dtype == string_dtype(), col  # pandas' own "str" (missing = NaN)
    for col in ("value", "value_high"):
        assert dtypes[col] == "float64", col
    for col in ("quote_start", "quote_end", "value_start", "value_end"):
        assert dtypes[col] == "int64", col
    assert dtypes["unit_implied"] == "bool"
    assert dtypes["period_start"] == dtypes["period_end"] == "datetime64[ms]"
    assert figures["figure_id"].is_unique


def test_tables_matches_the_manifest(manifest):
    t = acm.tables()
    assert list(t["name"]) == list(manifest["tables"])
    for name, rows in zip(t["name"], t["rows"]):
        assert len(acm.load(name)) == rows == manifest["tables"][name]["rows"]


def test_committed_tables_pass_the_schemas():
    from ai_consumer_metrics.schemas import validate_tables

    frames = {name: acm.load(name) for name in acm.tables()["name"]}
    assert validate_tables(frames) == []


def test_a_missing_number_is_null_in_the_files_never_nan(manifest):
    """DuckDB's IS NULL and polars' is_null() see a missing number only when the file stores null."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    nan = {}
    for name, entry in manifest["tables"].items():
        table = pq.read_table(DATA_DIR / entry["file"])
        for field in table.schema:
            if str(field.type) in ("double", "float"):
                column = table.column(field.name)
                if column.null_count < len(column) and pc.any(pc.is_nan(column)).as_py():
                    nan[name] = nan.get(name, []) + [field.name]
    assert nan == {}
