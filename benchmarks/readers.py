"""DuckDB and polars reading the installed tables directly, beside ``acm.load``.

Not a test (tests/test_external_readers.py checks the same facts): run it and read the output.

    .venv/bin/python benchmarks/readers.py

For every table: the row count from ``acm.load``, from DuckDB (``SELECT * FROM
'<file>'``) and from polars (``polars.read_parquet``), whether the column names agree, the
table's description as DuckDB (``parquet_kv_metadata``) and polars
(``read_parquet_metadata``) see it, and how many columns carry a description in the Arrow
field metadata (``pyarrow.parquet.read_schema``). Then one glob over the whole folder in each
engine, counting rows per file. Exits 1 if any count or name disagrees.
"""
from __future__ import annotations

import sys

from load import BENCH_HINT  # noqa: E402  (benchmarks/load.py, beside this file)


def _require():
    try:
        import duckdb
        import polars
    except ModuleNotFoundError as exc:
        raise SystemExit(BENCH_HINT.format(name=exc.name)) from None
    return duckdb, polars


def sql_str(path) -> str:
    """``path`` as a single-quoted SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def per_table() -> list[dict]:
    """What acm, DuckDB, polars and pyarrow each read from every installed table."""
    import pyarrow.parquet as pq

    import ai_consumer_metrics as acm

    duckdb, pl = _require()
    out = []
    for name in acm.tables()["name"]:
        file = acm.path(name)
        df = acm.load(name)
        con = duckdb.connect()
        # SELECT *, not count(*): every value is decoded, so every column type must be readable.
        duck_rows = len(con.execute(f"SELECT * FROM {sql_str(file)}").fetchall())
        duck_cols = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM {sql_str(file)}").fetchall()]
        duck_desc = con.execute(f"SELECT decode(value) FROM parquet_kv_metadata({sql_str(file)}) "
                                "WHERE decode(key) = 'description'").fetchone()
        con.close()
        frame = pl.read_parquet(file)
        fields = pq.read_schema(file)
        described = sum(1 for f in fields if (f.metadata or {}).get(b"description"))
        out.append({
            "table": name, "acm": len(df), "duckdb": duck_rows, "polars": frame.height,
            "columns_agree": list(df.columns) == duck_cols == frame.columns,
            "duckdb_description": duck_desc[0] if duck_desc else None,
            "polars_description": pl.read_parquet_metadata(file).get("description"),
            "described": described, "columns": len(fields),
        })
    return out


def globbed() -> tuple[str, dict, str, dict]:
    """Rows per file from one DuckDB query and one polars scan over ``data_dir()/*.parquet``."""
    import ai_consumer_metrics as acm

    duckdb, pl = _require()
    pattern = f"{acm.data_dir()}/*.parquet"
    # union_by_name: the tables have different columns; count(*) needs none of them.
    query = (f"SELECT parse_filename(filename) AS file, count(*) AS rows FROM read_parquet({sql_str(pattern)}, "
             "filename=true, union_by_name=true) GROUP BY ALL ORDER BY file")
    duck = dict(duckdb.sql(query).fetchall())
    # polars takes the first file's schema: drop the others' extra columns, fill its missing ones.
    lazy = pl.scan_parquet(pattern, include_file_paths="path", extra_columns="ignore", missing_columns="insert")
    counts = lazy.group_by("path").len().collect()
    polars_rows = {p.rsplit("/", 1)[-1]: n for p, n in counts.iter_rows()}
    polars_code = (f"polars.scan_parquet({pattern!r}, include_file_paths='path', extra_columns='ignore', "
                   "missing_columns='insert').group_by('path').len()")
    return query, duck, polars_code, polars_rows


def main(argv: list[str] | None = None) -> int:
    import pyarrow.parquet as pq

    import ai_consumer_metrics as acm

    duckdb, pl = _require()
    print(f"### DuckDB {duckdb.__version__} and polars {pl.__version__} on the installed files "
          f"(`acm.data_dir()` = {acm.data_dir()})\n")
    rows = per_table()
    print("| table | acm.load rows | DuckDB `SELECT * FROM '<file>'` rows | polars.read_parquet rows "
          "| same column names | columns described (Arrow field metadata) | table description, as DuckDB and polars read it |")
    print("| --- | ---: | ---: | ---: | --- | ---: | --- |")
    ok = True
    for r in rows:
        agree = r["acm"] == r["duckdb"] == r["polars"] and r["columns_agree"]
        same_desc = r["duckdb_description"] == r["polars_description"]
        ok = ok and agree and same_desc and r["described"] == r["columns"]
        desc = (r["duckdb_description"] or "").replace("|", "\\|")
        print(f"| {r['table']} | {r['acm']} | {r['duckdb']} | {r['polars']} | "
              f"{'yes' if r['columns_agree'] else 'NO'} | {r['described']}/{r['columns']} | "
              f"{desc[:70]}{'…' if len(desc) > 70 else ''}{'' if same_desc else ' (polars differs)'} |")

    query, duck, polars_code, polars_rows = globbed()
    expected = {r["table"] + ".parquet": r["acm"] for r in rows}
    print(f"\nOne glob over the folder:\n\n    duckdb.sql(\"{query}\")\n    {polars_code}\n")
    print("| file | DuckDB rows | polars rows | acm.load rows |")
    print("| --- | ---: | ---: | ---: |")
    for file in sorted(set(duck) | set(polars_rows) | set(expected)):
        print(f"| {file} | {duck.get(file, '')} | {polars_rows.get(file, '')} | {expected.get(file, '')} |")
    ok = ok and duck == polars_rows == expected

    field = pq.read_schema(acm.path("figures")).field("value")
    print(f"\nA column description, from the file's Arrow schema (`pyarrow.parquet.read_schema`): "
          f"figures.value: {field.metadata[b'description'].decode()} (unit: {field.metadata[b'unit'].decode()})")
    print("DuckDB and polars expose the file-level key-value metadata (the table description above); "
          "the column descriptions are inside its `ARROW:schema` entry, which pyarrow decodes.")
    print(f"\nall counts and names agree: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
