"""The data dictionary: what each column of each table means, and in which unit.

Descriptions are written once, in the pandera models of :mod:`ai_consumer_metrics.schemas`;
the build copies them into every Parquet file's Arrow field metadata
(``description``, ``unit``) and into ``datapackage.json``.

:func:`describe` reads the Arrow metadata of the installed file (the Parquet
footer only: a few milliseconds, no pandera import, which alone costs ~1 s), so the
dictionary a user sees is the one DuckDB and polars users see in the same files.
:func:`write_datapackage` (build time) generates the Frictionless Data Package
from the schemas, the manifest and the sources table.

Example::

    >>> import ai_consumer_metrics as acm
    >>> acm.describe("market_shares")            # column, dtype, unit, description
    >>> write_datapackage("ai_consumer_metrics/data")   # doctest: +SKIP
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .store import DATA_DIR, DataIntegrityError, _entry, read_manifest

DATAPACKAGE = "datapackage.json"

#: Licence of the curation (table structure, ids, notes, metadata).
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
#: What the licence does not cover: the quoted words belong to their publishers.
QUOTE_RIGHTS = (
    "The curation (tables, identifiers, notes, metadata) is licensed CC-BY-4.0. The quotes "
    "(figures.quote, figures.value_text) are short verbatim excerpts of the articles listed in "
    "sources, reproduced for citation and verification; their copyright stays with the publishers "
    "named in sources.publisher. The full article texts are archived in the project repository, "
    "not in this package."
)

# Arrow storage type → the pandas dtype load() returns, and the Table Schema type.
_PANDAS = {"string": "string", "large_string": "string", "double": "float64", "int64": "int64",
           "bool": "bool", "date32[day]": "datetime64[ms]"}
_TABLE_SCHEMA = {"string": "string", "float64": "number", "int64": "integer", "bool": "boolean",
                 "date": "date"}


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


def datapackage(data_dir: str | Path | None = None, *, sources=None, manifest: dict | None = None) -> dict:
    """The Frictionless Data Package descriptor of the dataset in ``data_dir``, as a dict.

    Resources are the Parquet tables in manifest order, each with its Table Schema
    (name, type, description, unit; ``required`` for non-nullable columns) generated
    from the pandera models; package ``sources`` are the archived articles. Imports
    pandera (build time).

    Example::

        >>> dp = datapackage("ai_consumer_metrics/data")  # doctest: +SKIP
        >>> [r["name"] for r in dp["resources"]][:2]
        ['figures', 'sources']
    """
    from . import schemas

    data_dir = Path(data_dir or DATA_DIR)
    manifest = manifest or read_manifest(data_dir)
    if sources is None and "sources" in manifest["tables"]:
        from .store import load

        sources = load("sources", data_dir)
    resources = []
    for name, entry in manifest["tables"].items():
        fields = [_field(f) for f in schemas.fields(name)]
        resource = {
            "name": name,
            "path": entry["file"],
            "profile": "tabular-data-resource",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "encoding": "utf-8",
            "description": schemas.table_description(name),
            "hash": f"sha256:{entry['sha256']}",
            "schema": {"fields": fields},
        }
        key = [c for c in ("figure_id", "source_id", "entity_id", "metric_id") if c in
               {f["name"] for f in fields} and _unique(schemas, name, c)]
        if key:
            resource["schema"]["primaryKey"] = key[:1]
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": manifest.get("dataset", "ai-consumer-metrics"),
        "title": "AI consumer metrics: China's AI consumer apps and platform economy, cited to the character",
        "description": ("Hard figures (market shares, MAU/DAU/WAU, capex, R&D, revenue, GMV, growth) "
                        "from archived Chinese business articles; every number is traced to the exact "
                        "characters of its source and checked on every build."),
        "version": str(manifest.get("version", "")),
        "licenses": [DATA_LICENSE],
        "rights": QUOTE_RIGHTS,
        "sources": _package_sources(sources),
        "resources": resources,
    }


def write_datapackage(out_dir: str | Path, *, sources=None, manifest: dict | None = None) -> Path:
    """Write ``datapackage.json`` beside the tables in ``out_dir``; returns its path.

    Deterministic (no timestamps, stable key order), so rebuilds stay
    byte-identical. Called by the build after the manifest is written.

    Example::

        >>> write_datapackage("ai_consumer_metrics/data")  # doctest: +SKIP
        PosixPath('ai_consumer_metrics/data/datapackage.json')
    """
    out = Path(out_dir) / DATAPACKAGE
    descriptor = datapackage(out_dir, sources=sources, manifest=manifest)
    out.write_bytes((json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return out


def _field(f: dict) -> dict:
    out = {"name": f["name"], "type": _TABLE_SCHEMA[f["dtype"]], "description": f["description"]}
    if f["unit"]:
        out["unit"] = f["unit"]
    if not f["nullable"]:
        out["constraints"] = {"required": True}
    return out


def _unique(schemas: Any, name: str, column: str) -> bool:
    return bool(schemas.SCHEMAS[name].to_schema().columns[column].unique)


def _package_sources(sources) -> list[dict]:
    if sources is None:
        return []
    out = []
    for row in sources.to_dict("records"):
        published = row.get("published")
        precision = row.get("published_precision") or "day"
        date = "" if published is None else str(published)[: {"day": 10, "month": 7}.get(precision, 4)]
        if row.get("published_estimated") is True:
            date += ", date estimated"
        # An article without a named publisher is credited to its authors (as acm.cite does), never "None"/"nan".
        who = next((v for v in (row.get("publisher"), row.get("authors"), row["source_id"]) if isinstance(v, str)))
        item = {"title": f"{who}: {row['title']} ({date})", "source_id": row["source_id"]}
        if isinstance(row.get("url"), str):
            item["path"] = row["url"]
        out.append(item)
    return out
