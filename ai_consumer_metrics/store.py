"""Locating and reading the packaged tables and their manifest.

The tables live in ``ai_consumer_metrics/data/`` as Parquet files listed in
``manifest.json`` (written by ``python -m extract build``). Reading a table
checks its sha256 against the manifest first (hashing ~100 KB costs well under
a millisecond), so a tampered or truncated file is reported as a
:class:`DataIntegrityError` naming the file rather than a pyarrow traceback.

pyarrow and pandas are imported inside the functions so that importing this
module (and the package) stays cheap.

Column types returned by :func:`load`: strings are the string dtype pandas 3
itself gives a Parquet string column (``str``: missing = NaN, so ``!=``, ``~isin``,
``.str.contains`` and ``groupby`` keep or drop the same rows as
``pandas.read_parquet``); floats ``float64`` (missing = NaN), offsets and counts
``int64``, flags ``bool``, dates ``datetime64[ms]``. ``backend="polars"`` gives the
same columns as polars types (``String``, ``Float64``, ``Int64``, ``Boolean``,
``Date``/``Datetime``), missing values as polars nulls.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

#: Where the build writes the tables inside the installed package.
DATA_DIR = Path(__file__).resolve().parent / "data"
MANIFEST = "manifest.json"
# Files above this size (bytes) are decoded with pyarrow's thread pool.
_THREADS_FROM = 8 << 20


class UnknownTableError(ValueError):
    """A table name that the dataset does not have.

    Example::

        >>> import ai_consumer_metrics as acm
        >>> acm.load("figure")
        Traceback (most recent call last):
        ...
        ai_consumer_metrics.store.UnknownTableError: no table 'figure'; did you mean 'figures'? Tables: figures, ...
    """

    def __init__(self, name: object, valid: list[str]):
        self.name = name
        import difflib  # only on the error path: keeps it off the cold start of load()

        self.valid = list(valid)
        if not isinstance(name, str):
            # (acm.load(3), acm.load(None): the name is a string such as 'figures')
            super().__init__(f"a table name is a string such as 'figures', not {type(name).__name__} {name!r}; "
                             f"tables: {', '.join(self.valid)}")
            return
        close = difflib.get_close_matches(name, self.valid, n=1, cutoff=0.5)
        # "...; did you mean 'figures'? Tables: ..." or, with nothing close, "...; tables: ...".
        hint = f"; did you mean {close[0]!r}? Tables" if close else "; tables"
        super().__init__(f"no table {name!r}{hint}: {', '.join(self.valid)}")


class DataIntegrityError(Exception):
    """A packaged file is missing, corrupt, or disagrees with the manifest.

    Example::

        >>> import tempfile
        >>> read_manifest(tempfile.mkdtemp())
        Traceback (most recent call last):
        ...
        ai_consumer_metrics.store.DataIntegrityError: /.../manifest.json: no manifest; the dataset has not been built (python -m extract build)
    """


def read_manifest(data_dir: str | Path | None = None) -> dict:
    """The manifest of the dataset in ``data_dir`` (default: the package's data).

    Example::

        >>> manifest = read_manifest()
        >>> manifest["dataset"], manifest["tables"]["figures"]["file"]
        ('ai-consumer-metrics', 'figures.parquet')
    """
    path = Path(data_dir or DATA_DIR) / MANIFEST
    try:
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise DataIntegrityError(
            f"{path}: no manifest; the dataset has not been built (python -m extract build)") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataIntegrityError(f"{path}: manifest is not valid JSON ({exc})") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        raise DataIntegrityError(f"{path}: manifest has no 'tables' mapping")
    return manifest


def table_names(data_dir: str | Path | None = None) -> list[str]:
    """Names of the tables in the dataset, in manifest order.

    Example::

        >>> table_names()[0]
        'figures'
    """
    return list(read_manifest(data_dir)["tables"])


def _entry(manifest: dict, name: object, data_dir: Path) -> tuple[dict, Path]:
    tables = manifest["tables"]
    if not isinstance(name, str) or name not in tables:
        raise UnknownTableError(name, list(tables))
    entry = tables[name]
    file = entry.get("file") if isinstance(entry, dict) else None
    # The file name comes from data; refuse anything that could leave the folder.
    if not isinstance(file, str) or Path(file).name != file or not file.endswith(".parquet"):
        raise DataIntegrityError(f"{data_dir / MANIFEST}: table {name!r} names an invalid file {file!r}")
    return entry, data_dir / file


def _checked_bytes(name: object, data_dir: Path) -> tuple[dict, Path, bytes]:
    """The manifest entry, path and bytes of table ``name``, the bytes' sha256 checked.

    The file is read once: the same bytes are hashed and then parsed, so what is
    parsed is exactly what was checked.
    """
    entry, path = _entry(read_manifest(data_dir), name, data_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataIntegrityError(f"{path}: missing (listed in the manifest)") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.get("sha256"):
        raise DataIntegrityError(
            f"{path}: sha256 {digest[:12]}… does not match the manifest's {str(entry.get('sha256'))[:12]}…; "
            "the file was changed after the build")
    return entry, path, data


def data_dir() -> Path:
    """The folder holding the installed Parquet files, for DuckDB, polars or any Parquet reader.

    Every ``*.parquet`` file in it is one table (see :func:`tables`); each column's
    description and unit are in the file's Arrow field metadata and, for engines that
    do not decode it, in the footer entries ``description.<column>`` and
    ``unit.<column>``. Reading the files
    directly skips the sha256 check that :func:`load` and :func:`path` make.

    Example::

        >>> import ai_consumer_metrics as acm
        >>> (acm.data_dir() / "figures.parquet").is_file()
        True
    """
    return DATA_DIR


def path(name: str, data_dir: str | Path | None = None) -> Path:
    """The Parquet file of table ``name``, after checking its sha256 against the manifest.

    Raises :class:`UnknownTableError` for a name the dataset does not have and
    :class:`DataIntegrityError` for a missing or altered file, as :func:`load` does.

    Example::

        >>> import ai_consumer_metrics as acm
        >>> acm.path("figures").name
        'figures.parquet'

    In DuckDB: ``duckdb.sql(f"SELECT metric, count(*) FROM '{acm.path('figures')}' GROUP BY metric")``.
    """
    return _checked_bytes(name, Path(data_dir or DATA_DIR))[1]


def read_arrow(name: str, data_dir: str | Path | None = None):
    """The table ``name`` as a ``pyarrow.Table``, checked against the manifest.

    Example::

        >>> read_arrow("figures").num_rows == read_manifest()["tables"]["figures"]["rows"]
        True
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    data_dir = Path(data_dir or DATA_DIR)
    entry, path, data = _checked_bytes(name, data_dir)
    try:
        # ParquetFile, not pq.read_table: read_table goes through pyarrow.dataset (an extra
        # import on every cold start, and scanner threads that can abort the interpreter at
        # exit, apache/arrow#34314). The packaged tables are small, so one thread decodes
        # them faster than a pool can start; big files still get the pool.
        table = pq.ParquetFile(pa.BufferReader(data)).read(use_threads=len(data) > _THREADS_FROM)
    except (pa.ArrowException, OSError) as exc:
        raise DataIntegrityError(f"{path}: not a readable Parquet file ({exc})") from None
    listed = entry.get("columns", [])
    if not isinstance(listed, list):
        raise DataIntegrityError(f"{data_dir / MANIFEST}: table {name!r} has no list of columns")
    columns = [c.get("name") if isinstance(c, dict) else c for c in listed]
    if table.column_names != columns:
        raise DataIntegrityError(f"{path}: columns {table.column_names} differ from the manifest's {columns}")
    if table.num_rows != entry.get("rows"):
        raise DataIntegrityError(f"{path}: {table.num_rows} rows, the manifest says {entry.get('rows')}")
    return table


def string_dtype():
    """The pandas dtype :func:`load` gives string columns: pandas 3's default ``str``.

    Missing values are NaN, as in every other pandas 3 column read from Parquet, so a
    filter keeps the same rows it keeps on ``pandas.read_parquet``. pandas 2.3 has the
    same dtype; pandas 2.2's forerunner (``string[pyarrow_numpy]``) returned NaN from
    ``.str.contains``, which is why the package needs pandas 2.3.

    Example::

        >>> import pandas as pd
        >>> s = pd.Series(["QuestMobile", None], dtype=string_dtype())
        >>> (s != "QuestMobile").tolist()       # the missing value is not "QuestMobile"
        [False, True]
        >>> s.str.contains("Quest").tolist()    # and does not contain it
        [True, False]
    """
    import numpy as np
    import pandas as pd

    # The storage pandas' own StringDtype() has (pyarrow in pandas 3, python in 2.3):
    # it is what schemas declared as pd.StringDtype are checked against.
    return pd.StringDtype(storage=pd.StringDtype().storage, na_value=np.nan)


def to_pandas(table):
    """Convert an Arrow table to the documented pandas dtypes (see the module docstring).

    Example::

        >>> df = to_pandas(read_arrow("figures"))
        >>> df["quote"].dtype == string_dtype(), str(df["value"].dtype), str(df["period_start"].dtype)
        (True, 'float64', 'datetime64[ms]')
    """
    import pyarrow as pa

    strings = string_dtype()
    mapping = {pa.string(): strings, pa.large_string(): strings}
    return table.to_pandas(types_mapper=mapping.get, date_as_object=False, ignore_metadata=True)


BACKENDS = ("pandas", "polars")


def load(name: str, data_dir: str | Path | None = None, *, backend: str = "pandas"):
    """Load one table as a typed DataFrame, its sha256 checked against the manifest.

    ``backend="pandas"`` (the default) gives a pandas DataFrame with the dtypes in the
    module docstring; ``backend="polars"`` a polars DataFrame of the same columns
    (install the ``polars`` extra: ``pip install "ai-consumer-metrics[polars]"``).
    Both read the same checked bytes.

    Example::

        >>> import ai_consumer_metrics as acm
        >>> figs = acm.load("figures")
        >>> list(figs.columns[:4])
        ['figure_id', 'source_id', 'entity_id', 'metric']
        >>> kept = figs[figs.attributed_to != "QuestMobile"]   # rows with no attribution stay
        >>> bool(figs.attributed_to.isna().sum() and kept.attributed_to.isna().sum() == figs.attributed_to.isna().sum())
        True
    """
    if backend not in BACKENDS:
        raise ValueError(f"load(): backend must be one of {', '.join(map(repr, BACKENDS))}, not {backend!r}")
    table = read_arrow(name, data_dir)
    if backend == "polars":
        return to_polars(table)
    return to_pandas(table)


def to_polars(table):
    """Convert an Arrow table to a polars DataFrame with the dtypes :func:`to_pandas` gives.

    Strings are ``String``, floats ``Float64`` (a NaN in the file becomes null, as pandas
    reads both as missing), counts ``Int64``, flags ``Boolean``;
    dates are ``Datetime("ms")`` as in pandas (``datetime64[ms]``), so a value compares
    equal whichever backend read it. Missing values are polars nulls; note that polars
    comparisons follow SQL: ``pl.col("attributed_to") != "QuestMobile"`` is null, and
    so dropped by ``filter``, where pandas keeps the row; ``ne_missing`` keeps it.

    Example::

        >>> df = to_polars(read_arrow("figures"))
        >>> str(df.schema["quote"]), str(df.schema["value"]), str(df.schema["period_start"])
        ('String', 'Float64', "Datetime(time_unit='ms', time_zone=None)")
    """
    try:
        import polars as pl
    except ImportError:
        raise ImportError('load(..., backend="polars") needs polars: '
                          'pip install "ai-consumer-metrics[polars]"') from None
    df = pl.from_arrow(table)
    dates = [c for c, t in df.schema.items() if t == pl.Date]
    # A float NaN in a file is a missing value (no figure is "not a number"); pandas cannot
    # tell the two apart, so polars gets null for both and is_null() matches isna().
    floats = [c for c, t in df.schema.items() if t.is_float()]
    return df.with_columns(pl.col(dates).cast(pl.Datetime("ms")), pl.col(floats).fill_nan(None))


def tables(data_dir: str | Path | None = None):
    """The tables of the dataset: name, description, rows.

    Example::

        >>> import ai_consumer_metrics as acm
        >>> t = acm.tables()
        >>> list(t.columns), t.name.iloc[0]
        (['name', 'description', 'rows'], 'figures')
    """
    import pandas as pd

    manifest = read_manifest(data_dir)
    rows = [(n, e.get("description", ""), int(e.get("rows", 0))) for n, e in manifest["tables"].items()]
    return pd.DataFrame({
        "name": pd.array([r[0] for r in rows], dtype=string_dtype()),
        "description": pd.array([r[1] for r in rows], dtype=string_dtype()),
        "rows": pd.array([r[2] for r in rows], dtype="int64"),
    })
