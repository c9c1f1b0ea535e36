"""A data folder as the build lays it out, from Arrow tables the test writes: Parquet files and a manifest."""
from __future__ import annotations

import hashlib
import json

import pyarrow as pa
import pyarrow.parquet as pq


def write_folder(folder, tables: dict[str, pa.Table]) -> dict:
    """Write each table as ``<name>.parquet`` and a manifest with their sha256; returns the manifest."""
    manifest = {"dataset": "test", "version": "0", "tables": {}}
    for name, table in tables.items():
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        manifest["tables"][name] = {"file": path.name, "rows": table.num_rows, "columns": table.column_names,
                                    "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return manifest
