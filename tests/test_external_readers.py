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


# ---------------------------------------------------------------- load(name, backend="polars")

# The pandas dtype load() gives -> the polars dtype load(backend="polars") gives.
PANDAS_TO_POLARS = {"float64": pl.Float64, "int64": pl.Int64, "bool": pl.Boolean,
                    "datetime64[ms]": pl.Datetime("ms")}


def _polars_dtype(dtype):
    from ai_consumer_metrics.store import string_dtype

    return pl.String if dtype == string_dtype() else PANDAS_TO_POLARS[str(dtype)]


@pytest.mark.parametrize("name", TABLES)
def test_polars_backend_has_the_columns_dtypes_values_and_gaps_of_pandas(name):
    pdf, plf = acm.load(name), acm.load(name, backend="polars")
    assert isinstance(plf, pl.DataFrame) and plf.columns == list(pdf.columns) and plf.height == len(pdf)
    assert list(plf.schema.values()) == [_polars_dtype(t) for t in pdf.dtypes]
    for col in pdf.columns:
        assert plf[col].is_null().to_list() == pdf[col].isna().tolist(), col
        mine = [v for v in plf[col].to_list() if v is not None]
        theirs = pdf[col].dropna().tolist()
        if pdf[col].dtype.kind == "M":
            theirs = [t.to_pydatetime() for t in theirs]
        assert mine == theirs, col


def test_polars_backend_keeps_the_rows_pandas_keeps_with_its_missing_aware_operators():
    pdf, plf = acm.load("figures"), acm.load("figures", backend="polars")
    credited = pdf.attributed_to.dropna()
    assert len(credited) and pdf.attributed_to.isna().any(), "the test needs credited and uncredited figures"
    who = credited.iloc[0]
    kept = pdf[pdf.attributed_to != who].figure_id.tolist()
    assert plf.filter(pl.col("attributed_to").ne_missing(who))["figure_id"].to_list() == kept
    # Plain != follows SQL in polars: null is not "not QuestMobile", so those rows drop (as the
    # docstring of store.to_polars says); pandas keeps them.
    assert plf.filter(pl.col("attributed_to") != who).height == len(kept) - pdf.attributed_to.isna().sum()


def test_polars_backend_checks_integrity_as_pandas_does(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(acm.data_dir(), copy)
    data = bytearray((copy / "growth.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "growth.parquet").write_bytes(bytes(data))
    for backend in ("pandas", "polars"):
        with pytest.raises(DataIntegrityError, match="growth.parquet: sha256"):
            acm.load("growth", copy, backend=backend)
    with pytest.raises(UnknownTableError):
        acm.load("growt", backend="polars")


def test_polars_backend_without_polars_says_how_to_install_it(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_polars(name, *args, **kwargs):
        if name == "polars" or name.startswith("polars."):
            raise ImportError("No module named 'polars'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_polars)
    with pytest.raises(ImportError, match=r'pip install "ai-consumer-metrics\[polars\]"'):
        acm.load("figures", backend="polars")
