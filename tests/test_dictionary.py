"""The data dictionary and the Frictionless data package agree with the schemas."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import _synthetic as syn
from ai_consumer_metrics import DataIntegrityError, UnknownTableError, schemas
from ai_consumer_metrics.dictionary import DATAPACKAGE, arrow_fields, describe
from ai_consumer_metrics.store import DATA_DIR
from extract.datapackage import check_datapackage, write_datapackage

PANDAS_DTYPE = {"string": "string", "float64": "float64", "int64": "int64", "bool": "bool",
                "date": "datetime64[ms]"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    out = syn.write_dataset(tmp_path_factory.mktemp("acm"))
    write_datapackage(out)
    return out


def test_describe_and_arrow_metadata_agree_with_the_schemas(data_dir):
    written = json.loads((data_dir / "manifest.json").read_text("utf-8"))["tables"]
    assert {"figures", "market_shares", "growth"} <= set(written)
    for name in written:
        expected = schemas.fields(name)
        d = describe(name, data_dir)
        assert list(d["column"]) == [f["name"] for f in expected]
        assert list(d["description"]) == [f["description"] for f in expected]
        assert [None if pd.isna(u) else u for u in d["unit"].astype(object)] == [f["unit"] for f in expected]
        assert list(d["dtype"]) == [PANDAS_DTYPE[f["dtype"]] for f in expected]
        arrow = arrow_fields(name, data_dir)
        for f in expected:
            meta = arrow.field(f["name"]).metadata
            assert meta[b"description"].decode() == f["description"]
            assert meta.get(b"unit", b"").decode() == (f["unit"] or "")
            assert arrow.field(f["name"]).nullable == f["nullable"]


def test_describe_dtype_is_what_load_returns(data_dir):
    from ai_consumer_metrics import store as _data

    for name in ("figures", "market_shares", "sources"):
        loaded = _data.load(name, data_dir)
        d = describe(name, data_dir).set_index("column")
        for col in loaded.columns:
            actual = "string" if str(loaded[col].dtype).startswith("str") else str(loaded[col].dtype)
            assert d.loc[col, "dtype"] == actual, (name, col)


def test_describe_units_of_the_analysis_tables(data_dir):
    units = describe("market_shares", data_dir).set_index("column")["unit"]
    assert units["share_pct"] == "percent"
    assert describe("financials", data_dir).set_index("column").loc["amount", "unit"] == "see column currency"


def test_describe_unknown_table_names_the_closest(data_dir):
    with pytest.raises(UnknownTableError, match="did you mean 'market_shares'.*figures"):
        describe("market_share", data_dir)


def test_describe_unreadable_file_is_a_data_integrity_error(tmp_path):
    out = syn.write_dataset(tmp_path)
    (out / "growth.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(DataIntegrityError, match="growth.parquet: not a readable Parquet file"):
        describe("growth", out)


def test_describe_needs_no_pandera(data_dir):
    code = ("import sys, ai_consumer_metrics as acm; d = acm.describe('figures', sys.argv[1]); "
            "assert len(d) > 10; print(sorted(m for m in ('pandera', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_datapackage_is_generated_from_the_schemas_and_manifest(data_dir):
    dp = json.loads((data_dir / DATAPACKAGE).read_text("utf-8"))
    manifest = json.loads((data_dir / "manifest.json").read_text("utf-8"))
    assert dp["name"] == "ai-consumer-metrics" and dp["version"] == manifest["version"]
    assert dp["licenses"][0]["name"] == "CC-BY-4.0" and "copyright stays with the publishers" in dp["rights"]
    assert [s["source_id"] for s in dp["sources"]] == list(syn.sources()["source_id"])
    assert dp["sources"][0]["path"] == "https://example.org/ginlix"
    assert "path" not in dp["sources"][1] and "date estimated" in dp["sources"][1]["title"]
    assert [r["name"] for r in dp["resources"]] == list(manifest["tables"])
    types = {"string": "string", "float64": "number", "int64": "integer", "bool": "boolean", "date": "date"}
    for res in dp["resources"]:
        data = (data_dir / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        fields = schemas.fields(res["name"])
        assert [(f["name"], f["type"], f["description"], f.get("unit")) for f in res["schema"]["fields"]] == \
            [(f["name"], types[f["dtype"]], f["description"], f["unit"]) for f in fields]
    assert dp["resources"][0]["schema"]["primaryKey"] == ["figure_id"]


def test_datapackage_is_deterministic(data_dir):
    before = (data_dir / DATAPACKAGE).read_bytes()
    write_datapackage(data_dir)
    assert (data_dir / DATAPACKAGE).read_bytes() == before


def test_frictionless_validates_the_package(data_dir):
    assert check_datapackage(data_dir) == []


def test_the_shipped_package_is_valid_and_its_foreign_keys_hold():
    """The committed tables, checked by Frictionless: types, required fields, primary and foreign keys.

    Not run by the build (Frictionless reads every row in Python and takes longer than the
    build itself); the build checks the same declared keys with pandas (validate_tables)."""
    assert check_datapackage(DATA_DIR) == []
    dp = json.loads((DATA_DIR / DATAPACKAGE).read_text("utf-8"))
    declared = {(r["name"], fk["fields"][0], fk["reference"]["resource"] or r["name"])
                for r in dp["resources"] for fk in r["schema"].get("foreignKeys", [])}
    assert {("figures", "source_id", "sources"), ("figures", "entity_id", "entities"),
            ("figures", "metric", "metrics"), ("coverage", "source_id", "sources"),
            ("entities", "parent", "entities")} <= declared
    assert {(n, "figure_id", "figures") for n in schemas.ANALYSIS_SCHEMAS} <= declared


def test_foreign_keys_are_the_schemas_references(data_dir):
    dp = json.loads((data_dir / DATAPACKAGE).read_text("utf-8"))
    declared = sorted((r["name"], fk["fields"][0], fk["reference"]["resource"] or r["name"],
                       fk["reference"]["fields"][0])
                      for r in dp["resources"] for fk in r["schema"].get("foreignKeys", []))
    assert declared == sorted(schemas.foreign_keys())


def _broken(tmp_path, table: str, column: str, value: str):
    tables = {"figures": syn.figures(), "sources": syn.sources(), "source_references": syn.references(),
              "entities": syn.entities(), "metrics": syn.metrics(), "coverage": syn.coverage(),
              **syn.analysis_tables()}
    df = tables[table].copy()
    df.loc[df.index[0], column] = value
    tables[table] = df
    out = syn.write_dataset(tmp_path / "acm", tables)
    write_datapackage(out)
    return out, tables


@pytest.mark.parametrize("table, column, value", [
    ("figures", "source_id", "no-such-source"),
    ("entities", "parent", "no_such_entity"),
    ("growth", "figure_id", "0123456789ab"),  # well formed, but no figure has it
])
def test_a_broken_foreign_key_is_caught_by_frictionless_and_by_the_build_check(tmp_path, table, column, value):
    out, tables = _broken(tmp_path, table, column, value)
    problems = check_datapackage(out)
    assert any(p.startswith(f"{table}: foreign-key") and f'"{column}"' in p and value in p
               for p in problems), problems
    assert f"{table}.{column}: unknown {value}" in schemas.validate_tables(tables)


def test_frictionless_reads_the_data_against_the_schema(data_dir, tmp_path):
    """The validation is real: a descriptor that lies about a column's type fails on the data."""
    dp = json.loads((data_dir / DATAPACKAGE).read_text("utf-8"))
    shares = next(r for r in dp["resources"] if r["name"] == "market_shares")
    next(f for f in shares["schema"]["fields"] if f["name"] == "market")["type"] = "integer"
    shares["schema"].pop("foreignKeys")
    shutil.copy(data_dir / shares["path"], tmp_path / shares["path"])
    dp["resources"] = [shares]
    (tmp_path / DATAPACKAGE).write_text(json.dumps(dp, ensure_ascii=False), "utf-8")
    assert any("type-error" in p for p in check_datapackage(tmp_path))


def test_build_writes_a_valid_datapackage(built):
    """A real build (tests/conftest.py's synthetic source) writes the analysis tables and datapackage.json."""
    out = built.out
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {"market_shares", "user_metrics", "financials", "growth", "other_figures"} <= set(manifest["tables"])
    assert check_datapackage(out) == []


# ---------------------------------------------------------------- names


def test_no_column_is_named_like_a_dataframe_attribute():
    """``um[um.count > 1e8]`` raised TypeError: a column named like a DataFrame attribute
    cannot be reached as ``df.column``."""
    attributes = set(dir(pd.DataFrame))
    clashes = [f"{name}.{f['name']}" for name in schemas.SCHEMAS for f in schemas.fields(name)
               if f["name"] in attributes]
    assert not clashes


def test_no_table_is_named_like_an_sql_keyword():
    import duckdb

    keywords = {k.lower() for (k,) in duckdb.sql("SELECT keyword_name FROM duckdb_keywords()").fetchall()}
    assert {"references", "select", "table"} <= keywords  # the check is real
    assert not [name for name in schemas.SCHEMAS if name.lower() in keywords]


def test_every_shipped_table_is_a_duckdb_view_by_its_bare_name():
    import duckdb

    from ai_consumer_metrics import load, path, tables

    con = duckdb.connect()
    for name, rows in zip(tables()["name"], tables()["rows"]):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path(name)}')")
        assert con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] == rows == len(load(name))
    joined = con.execute("SELECT count(*) FROM figures JOIN sources USING (source_id)").fetchall()[0][0]
    assert joined == len(load("figures"))


def test_the_period_examples_are_labels_the_period_grammar_reads():
    """describe("figures") shows period labels a row can have, not forms no row uses."""
    import re
    from datetime import date

    from extract.periods import resolve_period

    description = next(f["description"] for f in schemas.fields("figures") if f["name"] == "period")
    examples = [e for group in re.findall(r"\(([^()]*\d[^()]*)\)", description) for e in group.split(", ")]
    assert len(examples) >= 5
    for label in examples:
        assert resolve_period(label, date(2026, 2, 10), "03-31").label == label
