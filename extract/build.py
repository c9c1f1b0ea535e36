"""Where a number is written: ``python -m extract build``.

Reads the registries and every archived source, runs each source's extractor
through the engine (:mod:`extract.engine`), and writes the tables (Parquet) and
``manifest.json`` into the package's data folder, or ``--out DIR``. Tables:
figures, sources, references, entities, metrics, coverage (this module), the
analysis tables derived from figures (:func:`extract.analysis.arrow_tables`),
and ``datapackage.json`` (:func:`extract.datapackage.write_datapackage`).

Deterministic: the same inputs give byte-identical files (fixed Arrow schemas
built from :mod:`ai_consumer_metrics.schemas`, no pandas metadata, no
timestamps, fixed writer options, rows sorted).

Atomic: everything is written into a hidden sibling folder
``.<out>.build-<pid>-<token>``, read back and validated there (sha256 against
the manifest, pandera schemas, cross-table checks), and only then swapped in
with two renames (old folder aside, new folder in, old folder removed). Any
failure before the swap deletes the temporary folder and leaves the previous
tables byte for byte as they were; a build killed between the two renames is
repaired by the next build, which puts the set-aside folder back first.

Example (``python -m extract build --out DIR`` on the command line)::

    >>> import tempfile
    >>> report = build(Path(tempfile.mkdtemp()) / "tables")
    >>> report.rows["figures"] == sum(len(r.figures) for r in report.results.values())
    True
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extract.corpus import REPO_ROOT, Corpus, SourceOutcome, joined, stray_extractors
from extract.engine import BuildError, SourceResult
from extract.jobs import run_sources

DEFAULT_OUT = REPO_ROOT / "ai_consumer_metrics" / "data"
DATASET_NAME = "ai-consumer-metrics"
MANIFEST = "manifest.json"
#: Format of manifest.json; bump when its keys change.
MANIFEST_FORMAT = 1
#: Parquet writer options, fixed so that rebuilds are byte-identical.
PARQUET_OPTIONS = dict(compression="zstd", compression_level=9, use_dictionary=False,
                       write_statistics=True, version="2.6", data_page_version="1.0",
                       store_schema=True, write_page_index=False)


@dataclass
class BuildReport:
    """What a successful build wrote."""

    out: Path
    version: str
    results: dict[str, SourceResult]
    rows: dict[str, int]
    by_metric: dict[str, int] = field(default_factory=dict)


def _dataset_version(pyproject: Path = REPO_ROOT / "pyproject.toml") -> str:
    """The dataset version: the project version in pyproject.toml (one source of truth)."""
    import tomllib

    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise BuildError([f"{pyproject}: cannot read project.version ({exc})"]) from None


# -- rows --------------------------------------------------------------------

def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entity_rows(entities: dict) -> list[dict]:
    """Rows of the entities table, sorted by entity_id."""
    return [{"entity_id": e.entity_id, "name_en": e.name_en, "name_zh": e.name_zh, "kind": e.kind,
             "category": e.category, "parent": e.parent, "aliases": joined(e.aliases),
             "fiscal_year_end": e.fiscal_year_end, "market_name": e.market_name,
             "note": e.note} for _, e in sorted(entities.items())]


def _metric_rows(metrics: dict) -> list[dict]:
    """Rows of the metrics table, sorted by metric_id."""
    return [{"metric_id": m.metric_id, "name": m.name, "description": m.description,
             "allowed_units": joined(m.allowed_units), "table": m.table, "note": m.note}
            for _, m in sorted(metrics.items())]


def merge(outcomes: list[SourceOutcome], entities: dict, metrics: dict, errors: list[str] = ()):
    """Merge per-source outcomes into (rows per table, results per source).

    The order of ``outcomes`` does not matter: they are merged by sorted source id,
    so the tables are the same however the work was split. Raises
    :class:`BuildError` with ``errors`` plus every source's errors.

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> from extract.sources import list_sources
        >>> e, m = load_entities(), load_metrics()
        >>> rows, results = merge(run_sources(list_sources(), Corpus.at(), entities=e, metrics=m), e, m)
        >>> len(rows["figures"]) == sum(len(r.figures) for r in results.values())
        True
    """
    errors = list(errors)
    outcomes = sorted(outcomes, key=lambda o: o.source_id)
    results: dict[str, SourceResult] = {}
    for o in outcomes:
        errors.extend(o.errors)
        if o.ok:
            results[o.source_id] = o.result
    figures = [row for r in results.values() for row in r.figures]
    seen: dict[str, dict] = {}
    for row in figures:
        if row["figure_id"] in seen:
            errors.append(f"duplicate figure_id {row['figure_id']} in {row['source_id']} and "
                          f"{seen[row['figure_id']]['source_id']}")
        seen[row["figure_id"]] = row
    if errors:
        raise BuildError(errors)
    figures.sort(key=lambda r: (r["source_id"], r["value_start"], r["metric"], r["entity_id"], r["figure_id"]))
    rows = {
        "figures": figures,
        "sources": [o.source_row for o in outcomes],
        "source_references": sorted((r for o in outcomes for r in o.references),
                             key=lambda r: (r["source_id"], r["n"])),
        "entities": _entity_rows(entities),
        "metrics": _metric_rows(metrics),
        "coverage": [row for r in results.values() for row in r.coverage],
    }
    return rows, results


# -- writing -----------------------------------------------------------------

def _to_arrow(name: str, rows: list[dict]):
    """Rows as a pyarrow Table with the table's fixed schema (descriptions in field metadata)."""
    import pyarrow as pa

    from ai_consumer_metrics.schemas import arrow_schema

    schema = arrow_schema(name)
    try:
        table = pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise BuildError([f"{name}: rows do not fit the schema: {exc}"]) from None
    errors = []
    for f in schema:
        if not f.nullable and table.column(f.name).null_count:
            keys = [str(r.get(schema.names[0])) for r in rows if r.get(f.name) is None]
            errors.append(f"{name}: column {f.name} is required but empty for "
                          f"{schema.names[0]} {', '.join(keys[:5])}")
    if errors:
        raise BuildError(errors)
    return table


def _write_parquet(table, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, path, **PARQUET_OPTIONS)


def _write_manifest(path: Path, manifest: dict) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    path.write_bytes(text.encode("utf-8"))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover(out: Path) -> None:
    """Undo what a build killed mid-way left behind next to ``out``."""
    parent = out.parent
    if not parent.is_dir():
        return
    asides = sorted(parent.glob(f".{out.name}.old-*"))
    if asides and not out.exists():
        # Killed between the two renames of the swap: the set-aside folder is the last good build.
        os.rename(asides[-1], out)
        asides = asides[:-1]
    for stale in [*asides, *parent.glob(f".{out.name}.build-*")]:
        pid = stale.name.rsplit("-", 2)[-2]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def _check_replaceable(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BuildError([f"{out}: exists and is not a folder"])
    if out.is_dir() and not (out / MANIFEST).exists():
        visible = [p.name for p in out.iterdir() if not p.name.startswith(".")]
        if visible:
            raise BuildError([f"{out}: refusing to replace a folder that holds no {MANIFEST} "
                              f"(it has {', '.join(sorted(visible)[:5])}); give a new or empty folder"])


def _carry_over(out: Path, tmp: Path) -> None:
    """Keep files in ``out`` that no build wrote (a README, .gitkeep) across the swap."""
    if not out.is_dir():
        return
    from ai_consumer_metrics.store import DataIntegrityError, read_manifest

    try:
        owned = {e.get("file") for e in read_manifest(out)["tables"].values()} | {MANIFEST, "datapackage.json"}
    except (DataIntegrityError, OSError, AttributeError):
        owned = {MANIFEST, "datapackage.json"}
    for p in out.iterdir():
        if p.is_file() and p.name not in owned and not (tmp / p.name).exists() \
                and not p.name.endswith(".parquet"):
            shutil.copy2(p, tmp / p.name)


def write_dataset(tables: dict, out: Path, *, version: str, source_hashes: dict[str, str],
                  validate: bool = True) -> dict:
    """Write Arrow tables + manifest into ``out`` atomically; returns the manifest.

    ``tables`` maps table name to a pyarrow Table. The folder is replaced only
    after everything is written and validated; on any failure ``out`` is untouched.

    Example::

        >>> import tempfile
        >>> import ai_consumer_metrics.store as store
        >>> names = store.table_names()
        >>> tables = {n: store.read_arrow(n) for n in names}
        >>> hashes = {s: e["sha256"] for s, e in store.read_manifest()["sources"].items()}
        >>> out = Path(tempfile.mkdtemp()) / "copy"
        >>> manifest = write_dataset(tables, out, version="0.0.0", source_hashes=hashes)
        >>> [manifest["tables"][n]["rows"] for n in names] == [t.num_rows for t in tables.values()]
        True
    """
    from ai_consumer_metrics.schemas import table_description

    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover(out)
    _check_replaceable(out)
    tmp = out.parent / f".{out.name}.build-{os.getpid()}-{secrets.token_hex(4)}"
    tmp.mkdir()
    try:
        manifest = {"dataset": DATASET_NAME, "version": version, "format": MANIFEST_FORMAT, "tables": {}}
        for name, table in tables.items():
            file = f"{name}.parquet"
            _write_parquet(table, tmp / file)
            manifest["tables"][name] = {
                "file": file,
                "description": table_description(name),
                "rows": table.num_rows,
                "sha256": _sha256_file(tmp / file),
                "columns": [{"name": f.name, "type": str(f.type)} for f in table.schema],
            }
        manifest["sources"] = {sid: {"file": f"data/sources/{sid}.txt", "sha256": h}
                               for sid, h in sorted(source_hashes.items())}
        _write_manifest(tmp / MANIFEST, manifest)
        _write_datapackage(tmp, manifest)
        if validate:
            _validate_folder(tmp, list(tables))
        _carry_over(out, tmp)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _write_datapackage(folder: Path, manifest: dict) -> None:
    """The Frictionless descriptor beside the tables (generated from the schemas)."""
    from extract.datapackage import write_datapackage

    write_datapackage(folder, manifest=manifest)


def _validate_folder(folder: Path, names: list[str]) -> None:
    """Read the written tables back exactly as users will, and check them."""
    from ai_consumer_metrics import store
    from ai_consumer_metrics.schemas import validate_tables

    try:
        frames = {n: store.load(n, folder) for n in names}
    except store.DataIntegrityError as exc:
        raise BuildError([f"written tables do not read back: {exc}"]) from None
    errors = validate_tables(frames)
    if errors:
        raise BuildError([f"validation: {e}" for e in errors])


def _swap(tmp: Path, out: Path) -> None:
    if not out.exists():
        os.rename(tmp, out)
        return
    aside = out.parent / f".{out.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(out, aside)
    try:
        os.rename(tmp, out)
    except BaseException:
        os.rename(aside, out)
        raise
    shutil.rmtree(aside, ignore_errors=True)


# -- the whole build ---------------------------------------------------------

def write_tables(out: Path, rows: dict, results: dict, entities: dict, metrics: dict,
                 version: str) -> BuildReport:
    """Rows (from :func:`merge`) as Arrow tables plus the analysis tables, written atomically.

    Example::

        >>> import tempfile
        >>> from extract.registry import load_entities, load_metrics
        >>> from extract.sources import list_sources
        >>> e, m = load_entities(), load_metrics()
        >>> rows, results = merge(run_sources(list_sources(), Corpus.at(), entities=e, metrics=m), e, m)
        >>> report = write_tables(Path(tempfile.mkdtemp()) / "t", rows, results, e, m, "0.0.0")
        >>> report.rows["figures"] == len(rows["figures"])
        True
    """
    from extract.analysis import arrow_tables as analysis_tables
    from extract.search_index import write_search_index

    tables = {name: _to_arrow(name, r) for name, r in rows.items()}
    # The analysis tables (market_shares, user_metrics, ...) are derived from figures: extract/analysis.py.
    tables.update(analysis_tables(tables, entities, metrics))
    hashes = {r["source_id"]: r["sha256"] for r in rows["sources"]}
    manifest = write_dataset(tables, out, version=version, source_hashes=hashes)
    write_search_index(Path(out), tables, manifest)  # what acm.find() needs, as data: extract/search_index.py
    return BuildReport(Path(out), version, results,
                       {n: e["rows"] for n, e in manifest["tables"].items()},
                       dict(sorted(Counter(r["metric"] for r in rows["figures"]).items())))


def build(out: str | Path | None = None, *, root: Path | None = None, sources_root: Path | None = None,
          extractors_dir: Path | None = None, entities_path: Path | None = None,
          metrics_path: Path | None = None, version: str | None = None, jobs: int = 1) -> BuildReport:
    """Build the dataset from a corpus: archive, registries, extractors (default: this repository).

    ``root`` is a folder laid out like the repository (``data/sources``,
    ``data/entities.toml``, ``data/metrics.toml``, ``extract/extractors``); the other
    paths override single parts of it. ``jobs`` worker processes do the per-source
    work (:mod:`extract.jobs`); the tables are byte-identical for any ``jobs``.
    Raises ``ArchiveError``, ``RegistryError`` or :class:`BuildError`; the tables
    in ``out`` are untouched when it does.

    Example::

        >>> import tempfile
        >>> from extract.sources import list_sources
        >>> report = build(Path(tempfile.mkdtemp()) / "t", jobs=2)
        >>> sorted(report.results) == sorted(list_sources())
        True
    """
    from extract.registry import load_entities, load_metrics
    from extract.sources import list_sources

    corpus = Corpus.at(root).override(sources=sources_root, extractors=extractors_dir,
                                      entities=entities_path, metrics=metrics_path)
    entities = load_entities(corpus.entities)
    metrics = load_metrics(corpus.metrics)
    ids = list_sources(corpus.sources)
    stray = stray_extractors(ids, corpus.extractors)
    outcomes = run_sources(ids, corpus, entities=entities, metrics=metrics, jobs=jobs)
    rows, results = merge(outcomes, entities, metrics, errors=stray)
    return write_tables(Path(out) if out else DEFAULT_OUT, rows, results, entities, metrics,
                        version or _dataset_version())


def summary(report: BuildReport) -> str:
    """The text ``python -m extract build`` prints after a successful build.

    Example::

        >>> report = BuildReport(Path("out"), "0.0.0", {}, {"figures": 0}, {})
        >>> print(summary(report).splitlines()[-1])
        wrote dataset 0.0.0 to out
    """
    lines = []
    width = max([len(s) for s in report.results] + [6])
    head = f"{'source':<{width}}  figures  mentions  claimed  dismissed  auto  unaccounted"
    lines += [head, "-" * len(head)]
    total = Counter()
    for sid, res in report.results.items():
        c = res.counts
        total.update(c)
        total["figures"] += len(res.figures)
        lines.append(f"{sid:<{width}}  {len(res.figures):7d}  {c['mentions']:8d}  {c['claimed']:7d}  "
                     f"{c['dismissed']:9d}  {c['auto']:4d}  {c['unaccounted']:11d}")
    lines.append(f"{'total':<{width}}  {total['figures']:7d}  {total['mentions']:8d}  {total['claimed']:7d}  "
                 f"{total['dismissed']:9d}  {total['auto']:4d}  {total['unaccounted']:11d}")
    lines.append("")
    lines.append("figures per metric: " + ", ".join(f"{m} {n}" for m, n in report.by_metric.items()))
    lines.append("validation: pandera schemas and cross-table checks passed on the written files")
    lines.append(_conflicts_line(report))
    lines += figure_warnings(report.results)
    lines.append("tables: " + ", ".join(f"{n} ({r} rows)" for n, r in report.rows.items()))
    lines.append(f"wrote dataset {report.version} to {report.out}")
    return "\n".join(lines)


def _years_written(quote: str) -> set[int]:
    """The calendar years the quote's dates write out (2026年, 2025-03, 2024财年).

        >>> sorted(_years_written("2026年將投入逾新台幣20億元，較2025年增長三成"))
        [2025, 2026]
    """
    from extract.scanner import scan

    return {int(y) for m in scan(quote) if m.kind == "date" for y in _YEAR_RE.findall(m.text)}


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def figure_warnings(results: dict) -> list[str]:
    """Summary lines for what builds but would trap an analyst, per source (``results``: id → result).

    A period none of whose years the quote writes, where the quote writes years and the
    note is silent (period 2024 for 「2026年將投入逾20億元」), is most likely a slip.
    Two figures of one source with the same entity, metric, period, scope and unit but
    different readings look like one series point given twice; an empty scope leaves the
    reader to guess what a number covers. Neither is refused (an article may print a
    revised number beside the first), so the build names them and says what to do.

    Example::

        >>> from types import SimpleNamespace as NS
        >>> row = dict(figure_id="f1", entity_id="jia", metric="mau", period="2024", scope="China", unit="persons",
        ...            value=1e8, value_high=None, qualifier="exact", value_text="1亿")
        >>> other = dict(row, figure_id="f2", value=1.2e8, value_text="1.2亿")
        >>> print(figure_warnings({"s": NS(figures=[row, other, dict(row, figure_id="f3", scope="")])})[0])
        warning: s gives jia mau 2024 (scope 'China', persons) 2 readings: "1亿" (f1), "1.2亿" (f2); tell them apart in scope if both are right, else dismiss the repeat or say which is revised in its note
    """
    out = []
    for sid, res in results.items():
        groups: dict[tuple, list[dict]] = {}
        for row in res.figures:
            groups.setdefault((row["entity_id"], row["metric"], row["period"], row["scope"], row["unit"]), []).append(row)
        for (entity, metric, period, scope, unit), rows in groups.items():
            readings = {(r["value"], r["value_high"], r["qualifier"]) for r in rows}
            if len(readings) > 1:
                shown = ", ".join(f'"{r["value_text"]}" ({r["figure_id"]})' for r in rows)
                out.append(f"warning: {sid} gives {entity} {metric} {period} (scope {scope!r}, {unit}) "
                           f"{len(readings)} readings: {shown}; tell them apart in scope if both are right, "
                           f"else dismiss the repeat or say which is revised in its note")
        for r in res.figures:
            years = _years_written(r.get("quote") or "")
            start, end = r.get("period_start"), r.get("period_end")
            if years and start and end and not (r.get("note") or "").strip() and not any(
                    int(str(start)[:4]) <= y <= int(str(end)[:4]) for y in years):
                out.append(f"warning: {sid} {r['figure_id']} has period {r['period']} but its quote writes "
                           f"{', '.join(map(str, sorted(years)))} ({r['value_text']!r} in {r['quote'][:40]!r}); "
                           f"correct the period, or say in the figure's note where it comes from")
        empty = [r["figure_id"] for r in res.figures if not (r["scope"] or "").strip()]
        if empty:
            out.append(f"warning: {sid} has {len(empty)} figure(s) with an empty scope ({', '.join(empty)}); "
                       f"say what each number covers (China, global, a segment) in scope")
    return out


def _conflicts_line(report: BuildReport) -> str:
    # Sources disagreeing is information, not a build failure: count them, point at the table.
    # Counted, not listed: the pairs grow with the square of the figures (ai_consumer_metrics/conflicts.py).
    from ai_consumer_metrics.conflicts import count_conflicts

    kinds = count_conflicts([row for r in report.results.values() for row in r.figures])
    total = sum(kinds.values())
    detail = f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()) if n)})" if total else ""
    return f"conflicts between sources: {total}{detail}; list them with acm.conflicts()"


def main(args: argparse.Namespace) -> int:
    """Entry point of ``python -m extract build``: 0 on success, 1 on a refused build.

    Example::

        >>> import tempfile
        >>> code = main(argparse.Namespace(out=str(Path(tempfile.mkdtemp()) / "t"), root=None, jobs=None))
        source ...
        >>> code
        0
    """
    from extract.registry import RegistryError
    from extract.sources import ArchiveError

    out = Path(args.out) if getattr(args, "out", None) else DEFAULT_OUT
    root = getattr(args, "root", None)
    if root is not None and Path(root).resolve() != REPO_ROOT and not getattr(args, "out", None):
        # The default --out is this package's data folder: another corpus must not replace it.
        print(f"error: --root {root} needs --out DIR (the default is the package's own data folder)",
              file=sys.stderr)
        return 2
    # Only options given on the command line are passed: build()'s defaults stay in one place.
    options = {k: v for k, v in (("root", root), ("jobs", getattr(args, "jobs", None))) if v is not None}
    try:
        report = build(out, **options)
    except BuildError as exc:
        for line in exc.errors:
            print(f"error: {line}", file=sys.stderr)
        print(f"build failed: {len(exc.errors)} error(s); the tables in {out} are untouched", file=sys.stderr)
        return 1
    except (ArchiveError, RegistryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"build failed; the tables in {out} are untouched", file=sys.stderr)
        return 1
    except OSError as exc:
        # Disk full, permission denied, read-only file system: the atomic write already put
        # the previous tables back; say so in one line rather than with a traceback.
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: cannot write the tables{where}: {exc.strerror or exc}", file=sys.stderr)
        print(f"build failed; the tables in {out} are untouched", file=sys.stderr)
        return 1
    print(summary(report))
    return 0
