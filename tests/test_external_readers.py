"""DuckDB and polars read the installed tables directly, and see what acm.load sees.

The files are the installed package's (``acm.data_dir()``, ``acm.path(name)``): the
promise is that ``SELECT * FROM '<data_dir>/figures.parquet'`` and
``polars.read_parquet(...)`` work on them with no help from this package.
"""
from __future__ import annotations

import json
import shutil

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

import ai_consumer_metrics as acm
from ai_consumer_metrics import DataIntegrityError, UnknownTableError

# Arrow type in the manifest -> the type each engine reads it as. A column that an
# engine read as text or as a float would change what SQL comparisons and sums mean.
DUCKDB_TYPE = {"string": "VARCHAR", "double": "DOUBLE", "int64": "BIGINT", "bool": "BOOLEAN",
               "date32[day]": "DATE"}
POLARS_TYPE = {"string": pl.String, "double": pl.Float64, "int64": pl.Int64, "bool": pl.Boolean,
               "date32[day]": pl.Date}


def _manifest() -> dict:
    return json.loads((acm.data_dir() / "manifest.json").read_text(encoding="utf-8"))


TABLES = list(_manifest()["tables"])


def _sql(path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


@pytest.mark.parametrize("name", TABLES)
def test_duckdb_select_star_reads_every_row_column_and_type(name):
    entry = _manifest()["tables"][name]
    con = duckdb.connect()
    rows = con.execute(f"SELECT * FROM {_sql(acm.path(name))}").fetchall()
    described = con.execute(f"DESCRIBE SELECT * FROM {_sql(acm.path(name))}").fetchall()
    con.close()
    assert len(rows) == entry["rows"] == len(acm.load(name))
    assert [c[0] for c in described] == list(acm.load(name).columns)
    assert [c[1] for c in described] == [DUCKDB_TYPE[c["type"]] for c in entry["columns"]]


@pytest.mark.parametrize("name", TABLES)
def test_polars_read_parquet_reads_every_row_column_and_type(name):
    entry = _manifest()["tables"][name]
    frame = pl.read_parquet(acm.path(name))
    assert frame.height == entry["rows"] == len(acm.load(name))
    assert frame.columns == list(acm.load(name).columns)
    assert list(frame.schema.values()) == [POLARS_TYPE[c["type"]] for c in entry["columns"]]


def test_values_agree_with_load():
    # Not only counts: the same figures, in the same order, in all three readers.
    figs = acm.load("figures")
    duck = duckdb.sql(f"SELECT figure_id, value, period_start FROM {_sql(acm.path('figures'))}").fetchall()
    polars = pl.read_parquet(acm.path("figures")).select("figure_id", "value", "period_start").rows()
    expected = [(f, None if v != v else v, None if d is pd.NaT else d.date()) for f, v, d in
                zip(figs.figure_id, figs.value, figs.period_start)]
    clean = [(f, None if v is None or v != v else v, d) for f, v, d in duck]
    assert clean == expected
    assert [(f, None if v is None or v != v else v, d) for f, v, d in polars] == expected


def test_one_glob_over_the_folder_counts_every_table():
    expected = {e["file"]: e["rows"] for e in _manifest()["tables"].values()}
    pattern = _sql(f"{acm.data_dir()}/*.parquet")
    duck = dict(duckdb.sql(
        f"SELECT parse_filename(filename), count(*) FROM read_parquet({pattern}, filename=true, "
        "union_by_name=true) GROUP BY ALL").fetchall())
    assert duck == expected
    counts = (pl.scan_parquet(f"{acm.data_dir()}/*.parquet", include_file_paths="path", extra_columns="ignore",
                              missing_columns="insert").group_by("path").len().collect())
    assert {p.rsplit("/", 1)[-1]: n for p, n in counts.iter_rows()} == expected


@pytest.mark.parametrize("name", TABLES)
def test_descriptions_are_readable_from_the_file(name):
    entry = _manifest()["tables"][name]
    # The table's description is plain Parquet key-value metadata: both engines read it.
    duck = duckdb.sql(f"SELECT decode(value) FROM parquet_kv_metadata({_sql(acm.path(name))}) "
                      "WHERE decode(key) = 'description'").fetchall()
    assert duck == [(entry["description"],)]
    assert pl.read_parquet_metadata(acm.path(name))["description"] == entry["description"]
    # Column descriptions live in the Arrow field metadata of the same footer.
    schema = pq.read_schema(acm.path(name))
    dictionary = acm.describe(name).set_index("column")["description"]
    for field in schema:
        text = (field.metadata or {}).get(b"description", b"").decode()
        assert text, f"{name}.{field.name} has no description in its Arrow field metadata"
        assert text == dictionary[field.name]


def test_path_refuses_unknown_names_and_altered_files(tmp_path):
    with pytest.raises(UnknownTableError, match="did you mean 'figures'"):
        acm.path("figure")
    copy = tmp_path / "data"
    shutil.copytree(acm.data_dir(), copy)
    assert acm.path("growth", copy) == copy / "growth.parquet"
    data = bytearray((copy / "growth.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "growth.parquet").write_bytes(bytes(data))
    with pytest.raises(DataIntegrityError, match="growth.parquet: sha256"):
        acm.path("growth", copy)


def test_data_dir_holds_every_table_of_the_manifest():
    files = {p.name for p in acm.data_dir().glob("*.parquet")}
    assert files == {e["file"] for e in _manifest()["tables"].values()}


@pytest.mark.parametrize("name", TABLES)
def test_column_descriptions_and_units_are_plain_footer_entries_duckdb_and_polars_read(name):
    # Arrow field metadata is only decoded by pyarrow; the build repeats each column's
    # description and unit as plain key-value entries so the other engines see them too.
    dictionary = acm.describe(name).set_index("column")
    duck = dict(duckdb.sql(f"SELECT decode(key), decode(value) FROM parquet_kv_metadata({_sql(acm.path(name))})")
                .fetchall())
    polars_meta = pl.read_parquet_metadata(acm.path(name))
    for column, row in dictionary.iterrows():
        assert duck[f"description.{column}"] == row["description"]
        assert polars_meta[f"description.{column}"] == row["description"]
        unit = row["unit"] if isinstance(row["unit"], str) else ""
        assert duck.get(f"unit.{column}", "") == unit
        assert polars_meta.get(f"unit.{column}", "") == unit
