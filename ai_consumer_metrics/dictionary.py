"""The data dictionary: what each column of each table means, and in which unit.

Descriptions are written once, in the pandera models of :mod:`ai_consumer_metrics.schemas`;
the build copies them into every Parquet file's Arrow field metadata
(``description``, ``unit``) and into ``datapackage.json``.

:func:`describe` reads the Arrow metadata of the installed file (the Parquet
footer only: a few milliseconds, no pandera import, which alone costs ~1 s), so the
dictionary a user sees is the one DuckDB and polars users see in the same files.
The Frictionless Data Package beside the tables is written at build time by
``extract/datapackage.py``.

Example::

    >>> import ai_consumer_metrics as acm
    >>> list(acm.describe("market_shares").columns)
    ['column', 'dtype', 'unit', 'description']
"""
from __future__ import annotations

from pathlib import Path

from .store import DATA_DIR, DataIntegrityError, _entry, read_manifest

#: The Frictionless descriptor's file name beside the tables (written by the build).
DATAPACKAGE = "datapackage.json"

# Arrow storage type → the pandas dtype load() returns.
_PANDAS = {"string": "string", "large_string": "string", "double": "float64", "int64": "int64",
           "bool": "bool", "date32[day]": "datetime64[ms]"}


def describe(table: str, data_dir: str | Path | None = None):
    """The data dictionary of one table: column, dtype, unit, description.

    ``dtype`` is the pandas dtype :func:`ai_consumer_metrics.load` returns;
    ``unit`` is None where a column has no unit (``see column unit`` where the
    unit is given row by row in another column).

    Raises :class:`~ai_consumer_metrics.UnknownTableError` for a name the dataset
    does not have and :class:`~ai_consumer_metrics.DataIntegrityError` for a file
    that is missing or not Parquet.

    Example::

        >>> acm.describe("market_shares").set_index("column").loc["share_pct", "unit"]
        'percent'
    """
    import pandas as pd

    schema = arrow_fields(table, data_dir)
    rows = []
    for f in schema:
        meta = {k.decode(): v.decode("utf-8") for k, v in (f.metadata or {}).items()}
        rows.append((f.name, _PANDAS.get(str(f.type), str(f.type)), meta.get("unit"), meta.get("description")))
    return pd.DataFrame({
        "column": pd.array([r[0] for r in rows], dtype="string"),
        "dtype": pd.array([r[1] for r in rows], dtype="string"),
        "unit": pd.array([r[2] for r in rows], dtype="string"),
        "description": pd.array([r[3] for r in rows], dtype="string"),
    })


def arrow_fields(table: str, data_dir: str | Path | None = None):
    """The Arrow schema stored in a table's Parquet file (footer only; not hash-checked).

    Example::

        >>> arrow_fields("figures").field("value").metadata[b"unit"]
        b'see column unit'
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    data_dir = Path(data_dir or DATA_DIR)
    _, path = _entry(read_manifest(data_dir), table, data_dir)
    try:
        return pq.read_schema(path)
    except FileNotFoundError:
        raise DataIntegrityError(f"{path}: missing (listed in the manifest)") from None
    except (pa.ArrowException, OSError) as exc:
        raise DataIntegrityError(f"{path}: not a readable Parquet file ({exc})") from None
