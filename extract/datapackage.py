"""Where ``datapackage.json`` is written and checked: the Frictionless Data Package.

The descriptor is generated from the pandera models of
:mod:`ai_consumer_metrics.schemas` (each column's name, type, description, unit,
``required``), the manifest (one resource per table, with its sha256) and the
sources table (the package's ``sources``). Keys come from the schemas too: a
``unique`` identifier column is the resource's primary key, and every field
declared with ``references=`` ("table.column") becomes a foreign key, so the
Frictionless framework (and any Frictionless-aware tool) can check that each
``figures.source_id`` names a source, each analysis row's ``figure_id`` a figure,
each ``entities.parent`` an entity.

:func:`check_datapackage` runs that check with the ``frictionless`` library (a
build-time dependency): the build calls it on the folder it is about to swap
in, after the pandera schemas passed, so a table that breaks a key never
replaces the previous one.

Example::

    >>> dp = datapackage("ai_consumer_metrics/data")
    >>> [r["name"] for r in dp["resources"]][:2]
    ['figures', 'sources']
    >>> {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}} \\
    ...     in dp["resources"][0]["schema"]["foreignKeys"]
    True
"""
from __future__ import annotations

import json
from pathlib import Path

from ai_consumer_metrics import schemas
from ai_consumer_metrics.dictionary import DATAPACKAGE
from ai_consumer_metrics.store import DATA_DIR, load, read_manifest

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
# The schemas' storage type → the Table Schema type.
_TABLE_SCHEMA = {"string": "string", "float64": "number", "int64": "integer", "bool": "boolean",
                 "date": "date"}
_KEY_COLUMNS = ("figure_id", "source_id", "entity_id", "metric_id")


def datapackage(data_dir: str | Path | None = None, *, sources=None, manifest: dict | None = None) -> dict:
    """The Frictionless Data Package descriptor of the dataset in ``data_dir``, as a dict.

    Resources are the Parquet tables in manifest order, each with its Table Schema
    (name, type, description, unit; ``required`` for non-nullable columns; primary
    and foreign keys) generated from the pandera models; package ``sources`` are
    the archived articles (read from ``data_dir`` unless ``sources`` is given).

    Example::

        >>> dp = datapackage("ai_consumer_metrics/data")
        >>> dp["resources"][0]["schema"]["primaryKey"]
        ['figure_id']
        >>> len(dp["sources"]) == len(load("sources"))
        True
    """
    data_dir = Path(data_dir or DATA_DIR)
    manifest = manifest or read_manifest(data_dir)
    if sources is None and "sources" in manifest["tables"]:
        sources = load("sources", data_dir)
    resources = []
    for name, entry in manifest["tables"].items():
        fields = schemas.fields(name)
        resource = {
            "name": name,
            "path": entry["file"],
            "profile": "tabular-data-resource",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "encoding": "utf-8",
            "description": schemas.table_description(name),
            "hash": f"sha256:{entry['sha256']}",
            "schema": {"fields": [_field(f) for f in fields]},
        }
        columns = schemas.SCHEMAS[name].to_schema().columns
        key = [c for c in _KEY_COLUMNS if c in columns and columns[c].unique]
        if key:
            resource["schema"]["primaryKey"] = key[:1]
        foreign = _foreign_keys(name, fields, set(manifest["tables"]))
        if foreign:
            resource["schema"]["foreignKeys"] = foreign
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

        >>> import shutil, tempfile
        >>> folder = Path(tempfile.mkdtemp()) / "data"
        >>> _ = shutil.copytree("ai_consumer_metrics/data", folder)
        >>> write_datapackage(folder).read_bytes() == (DATA_DIR / DATAPACKAGE).read_bytes()
        True
        >>> shutil.rmtree(folder.parent)
    """
    out = Path(out_dir) / DATAPACKAGE
    descriptor = datapackage(out_dir, sources=sources, manifest=manifest)
    out.write_bytes((json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return out


def check_datapackage(folder: str | Path) -> list[str]:
    """Validate ``folder/datapackage.json`` and its tables with the Frictionless framework.

    Checks every resource's data against its Table Schema (types, ``required``,
    primary keys) and every foreign key across resources. Returns one line per
    problem, naming the table, row and field (empty when the package is valid).

    Example::

        >>> check_datapackage("ai_consumer_metrics/data")
        []
    """
    from frictionless import Package, system

    descriptor = Path(folder).absolute() / DATAPACKAGE
    # Frictionless resolves resource paths against the descriptor's folder and refuses
    # absolute or parent paths unless told the data is trusted: these are our own files.
    with system.use_context(trusted=True):
        package = Package(str(descriptor))
        report = package.validate()
    problems = []
    for task in report.tasks:
        for err in task.errors:
            where = [f"row {err.row_number}" if getattr(err, "row_number", None) else "",
                     f"field {err.field_name}" if getattr(err, "field_name", None) else ""]
            detail = ", ".join(w for w in where if w)
            problems.append(f"{task.name}: {err.type}{f' ({detail})' if detail else ''}: {err.note}")
    for err in report.errors:
        problems.append(f"{DATAPACKAGE}: {err.type}: {err.note}")
    return problems


def _foreign_keys(name: str, fields: list[dict], present: set[str]) -> list[dict]:
    out = []
    for f in fields:
        if not f["references"]:
            continue
        target, column = f["references"].split(".")
        if target not in present:
            continue
        # A reference to the table itself (entities.parent → entities) is resource "" in Table Schema.
        out.append({"fields": [f["name"]],
                    "reference": {"resource": "" if target == name else target, "fields": [column]}})
    return out


def _field(f: dict) -> dict:
    out = {"name": f["name"], "type": _TABLE_SCHEMA[f["dtype"]], "description": f["description"]}
    if f["unit"]:
        out["unit"] = f["unit"]
    if not f["nullable"]:
        out["constraints"] = {"required": True}
    return out


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
