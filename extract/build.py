"""Where a number is written: ``python -m extract build``.

Reads the registries and every archived source, runs each source's extractor
through the engine (:mod:`extract.engine`), and writes the tables (Parquet) and
``manifest.json`` into the package's data folder, or ``--out DIR``. Tables:
figures, sources, references, entities, metrics, coverage (this module), the
analysis tables derived from figures (:func:`extract.analysis.arrow_tables`),
and ``datapackage.json`` (:func:`ai_consumer_metrics.dictionary.write_datapackage`).

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

Example::

    $ python -m extract build --out /tmp/acm
    >>> build(out="/tmp/acm").counts  # doctest: +SKIP
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import secrets
import shutil
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from extract.declare import Dismissal, Figure
from extract.engine import BuildError, SourceResult, check_source, rel_path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "ai_consumer_metrics" / "data"
DEFAULT_STEPS = REPO_ROOT / "extract" / "steps"
DATASET_NAME = "ai-consumer-metrics"
MANIFEST = "manifest.json"
#: Format of manifest.json; bump when its keys change.
MANIFEST_FORMAT = 1
#: Parquet writer options, fixed so that rebuilds are byte-identical.
PARQUET_OPTIONS = dict(compression="zstd", compression_level=9, use_dictionary=False,
                       write_statistics=True, version="2.6", data_page_version="1.0",
                       store_schema=True, write_page_index=False)
_SEP = "; "


@dataclass
class Extractor:
    """One extractor module: the declarations for one source."""

    source_id: str
    file: Path
    figures: list[Figure]
    dismissed: list[Dismissal]


@dataclass
class BuildReport:
    """What a successful build wrote."""

    out: Path
    version: str
    results: dict[str, SourceResult]
    rows: dict[str, int]
    by_metric: dict[str, int] = field(default_factory=dict)


def module_stem(source_id: str) -> str:
    """File stem of the extractor for a source.

    Example::

        >>> module_stem("2026-01-30-yilan-ant-vs-alibaba")
        's2026_01_30_yilan_ant_vs_alibaba'
    """
    return "s" + source_id.replace("-", "_")


def dataset_version(pyproject: Path = REPO_ROOT / "pyproject.toml") -> str:
    """The dataset version: the project version in pyproject.toml (one source of truth)."""
    import tomllib

    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise BuildError([f"{pyproject}: cannot read project.version ({exc})"]) from None


# -- extractors ------------------------------------------------------------------

def _import_file(path: Path, package: str):
    spec = importlib.util.spec_from_file_location(f"{package}.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _import_error(path: Path, exc: BaseException) -> str:
    if isinstance(exc, SyntaxError) and exc.lineno:
        return f"{rel_path(path)}:{exc.lineno}: cannot import: SyntaxError: {exc.msg}"
    line = next((f.lineno for f in reversed(traceback.extract_tb(exc.__traceback__))
                 if Path(f.filename) == path), "?")
    return f"{rel_path(path)}:{line}: cannot import: {type(exc).__name__}: {exc}"


def _steps_package(steps_dir: Path) -> str:
    return "extract.steps" if steps_dir == DEFAULT_STEPS.resolve() else "_acm_steps"


def _extractor_from_file(path: Path, package: str, is_known: Callable[[str], bool]) -> Extractor | str:
    """Import one extractor file and check what it declares; the Extractor, or the error line."""
    try:
        module = _import_file(path, package)
    except Exception as exc:  # an extractor that does not import is a build error, named
        return _import_error(path, exc)
    sid = getattr(module, "SOURCE_ID", None)
    figures = getattr(module, "FIGURES", None)
    dismissed = getattr(module, "DISMISSED", [])
    name = rel_path(path)
    if not isinstance(sid, str):
        return f"{name}: no SOURCE_ID string"
    if not is_known(sid):
        return (f"{name}: SOURCE_ID {sid!r} is not an archived source "
                f"(data/sources/{sid}.txt does not exist)")
    if path.stem != module_stem(sid):
        return f"{name}: SOURCE_ID {sid!r} belongs in {module_stem(sid)}.py"
    if not isinstance(figures, (list, tuple)) or not all(isinstance(f, Figure) for f in figures):
        return f"{name}: FIGURES must be a list of figure(...) declarations"
    if not isinstance(dismissed, (list, tuple)) or not all(isinstance(d, Dismissal) for d in dismissed):
        return f"{name}: DISMISSED must be a list of dismiss(...) declarations"
    return Extractor(sid, path, list(figures), list(dismissed))


def _missing_extractor(steps_dir: Path, sid: str) -> str:
    return (f"{rel_path(steps_dir / (module_stem(sid) + '.py'))}: missing: "
            f"source {sid!r} has no extractor")


def load_extractors(source_ids: list[str], steps_dir: Path | None = None) -> dict[str, Extractor]:
    """Import the extractor of every source from ``steps_dir`` (default ``extract/steps``).

    Raises :class:`BuildError` if a source has no extractor, an extractor names a
    source that is not archived or does not match its file name, or cannot be imported.

    Example::

        >>> load_extractors(list_sources())["2026-01-30-yilan-ant-vs-alibaba"].figures[0]  # doctest: +SKIP
    """
    steps_dir = Path(steps_dir or DEFAULT_STEPS).resolve()
    package = _steps_package(steps_dir)
    errors: list[str] = []
    found: dict[str, Extractor] = {}
    known = set(source_ids)
    files = sorted(p for p in steps_dir.glob("s*.py") if p.is_file())
    for path in files:
        got = _extractor_from_file(path, package, known.__contains__)
        if isinstance(got, str):
            errors.append(got)
        else:
            found[got.source_id] = got
    for sid in source_ids:
        if sid not in found and not any(p.stem == module_stem(sid) for p in files):
            errors.append(_missing_extractor(steps_dir, sid))
    if errors:
        raise BuildError(errors)
    return found


# -- rows --------------------------------------------------------------------

def _joined(items) -> str | None:
    items = [str(i) for i in (items or ())]
    return _SEP.join(items) if items else None


def source_row(source, n_figures: int) -> dict:
    """The row of the sources table for one archived source."""
    meta = source.meta
    return {
        "source_id": source.source_id,
        "title": meta.get("title"),
        "publisher": meta.get("publisher"),
        "publisher_en": meta.get("publisher_en"),
        "platform": meta.get("platform"),
        "authors": _joined(meta.get("authors")),
        "published": source.published,
        "published_precision": meta.get("published_precision"),
        "published_estimated": bool(meta.get("published_estimated", False)),
        "published_note": meta.get("published_note"),
        "url": meta.get("url"),
        "language": meta.get("language"),
        "script": meta.get("script"),
        # read_source hashed the very bytes it decoded and checked them against the metadata:
        # reading and hashing the file again here would only give the same digest.
        "sha256": meta.get("sha256") or hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
        "body_start": source.body_start,
        "body_end": source.body_end,
        "rights": meta.get("rights"),
        "notes": meta.get("notes"),
        "n_figures": n_figures,
    }


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reference_rows(source) -> list[dict]:
    """Rows of the references table: the source's own reference list."""
    refs = source.meta.get("references") or []
    return [{"source_id": source.source_id, "n": r.get("n"), "publisher": r.get("publisher"),
             "title": r.get("title"), "url": r.get("url")} for r in refs]


def entity_rows(entities: dict) -> list[dict]:
    """Rows of the entities table, sorted by entity_id."""
    return [{"entity_id": e.entity_id, "name_en": e.name_en, "name_zh": e.name_zh, "kind": e.kind,
             "parent": e.parent, "aliases": _joined(e.aliases), "fiscal_year_end": e.fiscal_year_end,
             "note": e.note} for _, e in sorted(entities.items())]


def metric_rows(metrics: dict) -> list[dict]:
    """Rows of the metrics table, sorted by metric_id."""
    return [{"metric_id": m.metric_id, "name": m.name, "description": m.description,
             "allowed_units": _joined(m.allowed_units), "table": m.table, "note": m.note}
            for _, m in sorted(metrics.items())]


@dataclass
class SourceOutcome:
    """The per-source work's answer: the rows of one source, or every error it has.

    Small and picklable (no article text), so that a worker process can send it
    back to the parent, which merges the outcomes in sorted source-id order.
    """

    source_id: str
    errors: list[str] = field(default_factory=list)
    result: SourceResult | None = None
    source_row: dict | None = None
    references: list[dict] = field(default_factory=list)


def check_one(source, extractor: Extractor | None, entities: dict, metrics: dict, *,
              scan: Callable | None = None, resolve_period: Callable | None = None) -> SourceOutcome:
    """Run the engine on one source: its figures, coverage, sources row and references.

    Never raises :class:`BuildError`: its lines are returned in ``errors`` so that
    every source's problems are reported together.

    Example::

        >>> check_one(read_source(sid), extractor, load_entities(), load_metrics()).errors  # doctest: +SKIP
        []
    """
    sid = source.source_id
    if extractor is None:
        return SourceOutcome(sid, [f"{sid}: no extractor"])
    try:
        result = check_source(source, extractor.figures, extractor.dismissed, entities=entities,
                              metrics=metrics, scan=scan, resolve_period=resolve_period,
                              extractor_file=str(extractor.file))
    except BuildError as exc:
        return SourceOutcome(sid, exc.errors)
    return SourceOutcome(sid, [], result, source_row(source, len(result.figures)), reference_rows(source))


def merge(outcomes: list[SourceOutcome], entities: dict, metrics: dict, errors: list[str] = ()):
    """Merge per-source outcomes into (rows per table, results per source).

    The order of ``outcomes`` does not matter: they are merged by sorted source id,
    so the tables are the same however the work was split. Raises
    :class:`BuildError` with ``errors`` plus every source's errors.

    Example::

        >>> rows, results = merge(run_sources(ids, Corpus.at(), entities=e, metrics=m), e, m)  # doctest: +SKIP
        >>> len(rows["figures"]) == sum(len(r.figures) for r in results.values())  # doctest: +SKIP
        True
    """
    errors = list(errors)
    outcomes = sorted(outcomes, key=lambda o: o.source_id)
    results: dict[str, SourceResult] = {}
    for o in outcomes:
        errors.extend(o.errors)
        if o.result is not None and not o.errors:
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
        "references": sorted((r for o in outcomes for r in o.references),
                             key=lambda r: (r["source_id"], r["n"])),
        "entities": entity_rows(entities),
        "metrics": metric_rows(metrics),
        "coverage": [row for r in results.values() for row in r.coverage],
    }
    return rows, results


def assemble(sources: list, extractors: dict[str, Extractor], entities: dict, metrics: dict, *,
             scan: Callable | None = None, resolve_period: Callable | None = None):
    """Run the engine on every source and return (rows per table, results per source).

    Raises :class:`BuildError` with every problem of every source.
    """
    outcomes = [check_one(s, extractors.get(s.source_id), entities, metrics, scan=scan,
                          resolve_period=resolve_period)
                for s in sorted(sources, key=lambda s: s.source_id)]
    return merge(outcomes, entities, metrics)


# -- writing -----------------------------------------------------------------

def to_arrow(name: str, rows: list[dict]):
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
    from ai_consumer_metrics._data import DataIntegrityError, read_manifest

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
    from ai_consumer_metrics.dictionary import write_datapackage

    write_datapackage(folder, manifest=manifest)


def _validate_folder(folder: Path, names: list[str]) -> None:
    """Read the written tables back exactly as users will, and check them."""
    from ai_consumer_metrics import _data
    from ai_consumer_metrics.schemas import validate_tables

    try:
        frames = {n: _data.load(n, folder) for n in names}
    except _data.DataIntegrityError as exc:
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

def build_from(out: Path, *, sources: list, extractors: dict[str, Extractor], entities: dict,
               metrics: dict, version: str, scan: Callable | None = None,
               resolve_period: Callable | None = None) -> BuildReport:
    """Check loaded sources and declarations, then write the tables into ``out``.

    The seam for tests: everything is passed in, nothing is read from the repository.
    """
    rows, results = assemble(sources, extractors, entities, metrics, scan=scan, resolve_period=resolve_period)
    return write_tables(Path(out), rows, results, entities, metrics, version)


def write_tables(out: Path, rows: dict, results: dict, entities: dict, metrics: dict,
                 version: str) -> BuildReport:
    """Rows (from :func:`merge`) as Arrow tables plus the analysis tables, written atomically.

    Example::

        >>> write_tables(Path("/tmp/acm"), *merge(outcomes, e, m), e, m, "0.1.0").rows["figures"]  # doctest: +SKIP
        62
    """
    from extract.analysis import arrow_tables as analysis_tables

    tables = {name: to_arrow(name, r) for name, r in rows.items()}
    # The analysis tables (market_shares, user_metrics, ...) are derived from figures: extract/analysis.py.
    tables.update(analysis_tables(tables, entities, metrics))
    hashes = {r["source_id"]: r["sha256"] for r in rows["sources"]}
    manifest = write_dataset(tables, out, version=version, source_hashes=hashes)
    return BuildReport(Path(out), version, results,
                       {n: e["rows"] for n, e in manifest["tables"].items()},
                       dict(sorted(Counter(r["metric"] for r in rows["figures"]).items())))


def stray_extractors(source_ids: list[str], steps_dir: Path) -> list[str]:
    """Errors for extractor files that belong to no archived source (misnamed, or for a source not archived).

    Example::

        >>> stray_extractors(["2024-06-01-a"], Path("extract/steps"))  # doctest: +SKIP
        ['extract/steps/s_old.py: SOURCE_ID '2023-01-01-x' is not an archived source (...)']
    """
    steps_dir = Path(steps_dir).resolve()
    known = set(source_ids)
    stems = {module_stem(sid) for sid in source_ids}
    errors = []
    for path in sorted(p for p in steps_dir.glob("s*.py") if p.is_file() and p.stem not in stems):
        got = _extractor_from_file(path, _steps_package(steps_dir), known.__contains__)
        if isinstance(got, str):
            errors.append(got)
    return errors


def build(out: str | Path | None = None, *, root: Path | None = None, sources_root: Path | None = None,
          steps_dir: Path | None = None, entities_path: Path | None = None,
          metrics_path: Path | None = None, version: str | None = None, jobs: int = 1) -> BuildReport:
    """Build the dataset from a corpus: archive, registries, extractors (default: this repository).

    ``root`` is a folder laid out like the repository (``data/sources``,
    ``data/entities.toml``, ``data/metrics.toml``, ``extract/steps``); the other
    paths override single parts of it. ``jobs`` worker processes do the per-source
    work (:mod:`extract.jobs`); the tables are byte-identical for any ``jobs``.
    Raises ``ArchiveError``, ``RegistryError`` or :class:`BuildError`; the tables
    in ``out`` are untouched when it does.

    Example::

        >>> report = build("/tmp/acm", jobs=2)  # doctest: +SKIP
        >>> report.rows["figures"]  # doctest: +SKIP
    """
    from extract.jobs import Corpus, run_sources
    from extract.registry import load_entities, load_metrics
    from extract.sources import list_sources

    corpus = Corpus.at(root).override(sources=sources_root, steps=steps_dir, entities=entities_path,
                                      metrics=metrics_path)
    entities = load_entities(corpus.entities)
    metrics = load_metrics(corpus.metrics)
    ids = list_sources(corpus.sources)
    stray = stray_extractors(ids, corpus.steps)
    outcomes = run_sources(ids, corpus, entities=entities, metrics=metrics, jobs=jobs)
    rows, results = merge(outcomes, entities, metrics, errors=stray)
    return write_tables(Path(out) if out else DEFAULT_OUT, rows, results, entities, metrics,
                        version or dataset_version())


def summary(report: BuildReport) -> str:
    """The text ``python -m extract build`` prints after a successful build."""
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
    lines.append("tables: " + ", ".join(f"{n} ({r} rows)" for n, r in report.rows.items()))
    lines.append(f"wrote dataset {report.version} to {report.out}")
    return "\n".join(lines)


def _conflicts_line(report: BuildReport) -> str:
    # Sources disagreeing is information, not a build failure: count them, point at the table.
    # Counted, not listed: the pairs grow with the square of the figures (ai_consumer_metrics/conflicts.py).
    from ai_consumer_metrics.conflicts import count_conflicts

    kinds = count_conflicts([row for r in report.results.values() for row in r.figures])
    total = sum(kinds.values())
    detail = f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()) if n)})" if total else ""
    return f"conflicts between sources: {total}{detail}; list them with acm.conflicts()"


def main(args: argparse.Namespace) -> int:
    """Entry point of ``python -m extract build``: 0 on success, 1 on a refused build."""
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
