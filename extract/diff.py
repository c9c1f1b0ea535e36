"""``python -m extract diff OLD NEW``: what changed in the figures between two builds.

OLD and NEW are each a built data folder (``manifest.json`` + ``figures.parquet``)
or a git revision (``HEAD``, ``v0.1.0``, a commit), whose committed
``ai_consumer_metrics/data/figures.parquet`` is read with ``git show``. Figures
are matched by ``figure_id``; a figure is *changed* when any other column
differs. Every line carries the figure's citation (source and quote).

Example::

    $ python -m extract diff HEAD ai_consumer_metrics/data

    >>> d = diff_figures(load_side("ai_consumer_metrics/data"), load_side("ai_consumer_metrics/data"))
    >>> d.added, d.removed, d.changed
    ([], [], [])
"""
from __future__ import annotations

from extract import REPO_ROOT

import argparse
import json
import math
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

DATA_IN_GIT = "ai_consumer_metrics/data"


class DiffError(Exception):
    """An OLD or NEW that cannot be read; the message is one line.

    Example::

        >>> load_side("no-such-revision")
        Traceback (most recent call last):
        ...
        extract.diff.DiffError: git revision 'no-such-revision' has no ai_consumer_metrics/data/figures.parquet (...)
    """


@dataclass
class Side:
    """One side of a diff: where it came from, its dataset version, its figures by id.

    Example::

        >>> Side("HEAD", "0.1.0", {"2e9737b25ac8": {"value": 35.8}}).version
        '0.1.0'
    """

    label: str
    version: str | None
    figures: dict[str, dict]


@dataclass
class FigureDiff:
    """Figures added, removed and changed (with the changed columns: old, new).

    Example::

        >>> d = diff_figures(Side("old", None, {"a": {"value": 1.0}}), Side("new", None, {"a": {"value": 2.0}}))
        >>> [(old["value"], new["value"], list(ch)) for old, new, ch in d.changed]
        [(1.0, 2.0, ['value'])]
    """

    old: Side
    new: Side
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict, dict[str, tuple]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing was added, removed or changed.

        Example::

            >>> FigureDiff(Side("a", None, {}), Side("b", None, {})).empty
            True
        """
        return not (self.added or self.removed or self.changed)


def _rows(path: Path) -> dict[str, dict]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    if "figure_id" not in table.column_names:
        raise DiffError(f"{path}: no figure_id column; not a figures table")
    return {r["figure_id"]: r for r in table.to_pylist()}


def _version(folder: Path) -> str | None:
    from ai_consumer_metrics.store import DataIntegrityError, read_manifest

    try:
        return read_manifest(folder).get("version")
    except (DataIntegrityError, OSError):
        return None


def _git_show(rev: str, path: str, repo: Path) -> bytes:
    proc = subprocess.run(["git", "-C", str(repo), "show", f"{rev}:{path}"], capture_output=True)
    if proc.returncode != 0:
        why = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git revision {rev!r} has no {path} ({why[-1] if why else 'git show failed'})")
    return proc.stdout


def load_side(spec: str, repo: str | Path | None = None) -> Side:
    """Read one side: a built data folder if ``spec`` is a directory, else a git revision of ``repo``.

    Example::

        >>> import ai_consumer_metrics as acm
        >>> side = load_side("ai_consumer_metrics/data")
        >>> side.version == acm.store.read_manifest()["version"]
        True
        >>> len(side.figures) == len(acm.load("figures"))
        True
    """
    folder = Path(spec)
    if folder.is_dir():
        figures = folder / "figures.parquet"
        if not figures.is_file():
            raise DiffError(f"{folder}: no figures.parquet; not a built data folder")
        return Side(str(folder), _version(folder), _rows(figures))
    repo = Path(repo) if repo is not None else REPO_ROOT
    raw = _git_show(spec, f"{DATA_IN_GIT}/figures.parquet", repo)
    with tempfile.TemporaryDirectory(prefix="acm-diff-") as tmp:
        path = Path(tmp) / "figures.parquet"
        path.write_bytes(raw)
        figures = _rows(path)
    try:
        version = json.loads(_git_show(spec, f"{DATA_IN_GIT}/manifest.json", repo)).get("version")
    except (DiffError, ValueError):
        version = None
    return Side(f"git:{spec}", version, figures)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def diff_figures(old: Side, new: Side) -> FigureDiff:
    """Compare two sides by ``figure_id``; columns only one side has count as changed.

    Example::

        >>> data = load_side("ai_consumer_metrics/data")
        >>> diff_figures(data, data).empty
        True
        >>> fewer = Side("fewer", data.version, dict(list(data.figures.items())[1:]))
        >>> len(diff_figures(fewer, data).added)
        1
    """
    out = FigureDiff(old, new)
    for fid in sorted(new.figures.keys() - old.figures.keys(), key=lambda f: _order(new.figures[f])):
        out.added.append(new.figures[fid])
    for fid in sorted(old.figures.keys() - new.figures.keys(), key=lambda f: _order(old.figures[f])):
        out.removed.append(old.figures[fid])
    for fid in sorted(old.figures.keys() & new.figures.keys(), key=lambda f: _order(new.figures[f])):
        a, b = old.figures[fid], new.figures[fid]
        changes = {k: (a.get(k), b.get(k)) for k in sorted(a.keys() | b.keys())
                   if k != "figure_id" and not _same(a.get(k), b.get(k))}
        if changes:
            out.changed.append((a, b, changes))
    return out


def _order(row: dict) -> tuple:
    return (row.get("source_id") or "", row.get("value_start") or 0, row.get("figure_id"))


def citation(row: dict) -> str:
    """``source_id: “quote”`` on one line.

    Example::

        >>> citation({"source_id": "2026-02-10-ginlix-qwen-ticketing", "quote": "千问月活\\n约1.55亿"})
        '2026-02-10-ginlix-qwen-ticketing: “千问月活 约1.55亿”'
    """
    quote = (row.get("quote") or "").replace("\n", " ")
    return f"{row.get('source_id')}: “{quote}”"


def _figure_line(row: dict) -> str:
    from extract.numerals import fmt_number

    value = fmt_number(row.get("value"))
    high = row.get("value_high")
    if high is not None and not (isinstance(high, float) and math.isnan(high)):
        value += f"-{fmt_number(high)}"
    return (f"{row['figure_id']}  {row.get('entity_id')} {row.get('metric')} {row.get('period')} = "
            f"{value} {row.get('unit')} {row.get('qualifier')}")


def _show_value(v) -> str:
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10] if getattr(v, "hour", 0) == 0 else v.isoformat()
    if isinstance(v, float):
        from extract.numerals import fmt_number

        return "NaN" if math.isnan(v) else fmt_number(v)
    return json.dumps(v, ensure_ascii=False, default=str)


def report(d: FigureDiff) -> str:
    """The readable report ``python -m extract diff`` prints.

    Example::

        >>> print(report(FigureDiff(Side("HEAD", "0.1.0", {}), Side("data", "0.2.0", {}))))
        old: HEAD (version 0.1.0, 0 figures)
        new: data (version 0.2.0, 0 figures)
        0 added, 0 removed, 0 changed
    """
    lines = [f"old: {d.old.label} (version {d.old.version or '?'}, {len(d.old.figures)} figures)",
             f"new: {d.new.label} (version {d.new.version or '?'}, {len(d.new.figures)} figures)",
             f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed"]
    for title, rows, sign in (("added", d.added, "+"), ("removed", d.removed, "-")):
        if rows:
            lines += ["", f"{title}:"]
            for r in rows:
                lines += [f"  {sign} {_figure_line(r)}", f"      {citation(r)}"]
    if d.changed:
        lines += ["", "changed:"]
        for a, b, changes in d.changed:
            lines.append(f"  ~ {_figure_line(b)}")
            for k, (x, y) in changes.items():
                lines.append(f"      {k}: {_show_value(x)} → {_show_value(y)}")
            lines.append(f"      {citation(b)}")
    return "\n".join(lines)


def as_json(d: FigureDiff) -> dict:
    """The ``--json`` form: plain JSON types only.

    Example::

        >>> as_json(FigureDiff(Side("HEAD", "0.1.0", {}), Side("data", None, {})))["new"]
        {'label': 'data', 'version': None, 'figures': 0}
    """
    def plain(v):
        if isinstance(v, float) and math.isnan(v):
            return None
        return v.isoformat() if hasattr(v, "isoformat") else v

    def clean(row: dict) -> dict:
        return {k: plain(v) for k, v in row.items()}

    return {
        "old": {"label": d.old.label, "version": d.old.version, "figures": len(d.old.figures)},
        "new": {"label": d.new.label, "version": d.new.version, "figures": len(d.new.figures)},
        "added": [clean(r) for r in d.added],
        "removed": [clean(r) for r in d.removed],
        "changed": [{"figure_id": b["figure_id"], "citation": citation(b),
                     "changes": {k: {"old": plain(x), "new": plain(y)}
                                 for k, (x, y) in ch.items()}} for a, b, ch in d.changed],
    }


def main(args: argparse.Namespace) -> int:
    """Entry point of ``python -m extract diff``: 0 when it ran (whatever it found), 2 on a bad argument.

    Example::

        >>> main(argparse.Namespace(old="ai_consumer_metrics/data", new="ai_consumer_metrics/data",
        ...                         json=False, repo=None))
        old: ai_consumer_metrics/data (version ..., ... figures)
        ...
        0
    """
    try:
        d = diff_figures(load_side(args.old, args.repo), load_side(args.new, args.repo))
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(as_json(d), ensure_ascii=False, indent=2))
    else:
        print(report(d))
    return 0


def add_parser(sub) -> None:
    """Register ``diff`` on the ``python -m extract`` command line.

    Example::

        >>> sub = argparse.ArgumentParser(prog="python -m extract").add_subparsers()
        >>> add_parser(sub)
        >>> sub.choices["diff"].parse_args(["HEAD~1", "HEAD", "--json"]).json
        True
    """
    p = sub.add_parser("diff", help="figures added, removed and changed between two builds or git revisions")
    p.add_argument("old", help="a built data folder, or a git revision (HEAD~1, v0.1.0)")
    p.add_argument("new", help="a built data folder, or a git revision")
    p.add_argument("--json", action="store_true", help="print JSON instead of the report")
    p.add_argument("--repo", default=None, help="git repository for revisions (default: this checkout)")
    p.set_defaults(func=main)
