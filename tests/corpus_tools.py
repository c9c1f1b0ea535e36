"""Copy this repository's corpus and edit its extractors as a curator would, for tests.

Tests that need the real articles pick their source and figure from the data
(never by a hard-coded id), so they hold when sources are added or re-read.

Example::

    >>> calls = figure_calls(example_extractor())
    >>> all(c.kwargs["value"] is not None for c in calls)
    True
"""
from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from extract.corpus import Corpus
from extract.sources import list_sources

REPO = Path(__file__).resolve().parents[1]


def copy_corpus(dest: Path) -> Path:
    """This repository's corpus (archive, registries, extractors) laid out under ``dest``."""
    src = Corpus.at(REPO)
    shutil.copytree(src.sources, dest / "data" / "sources")
    for name in ("entities.toml", "metrics.toml", "markets.toml"):
        if (REPO / "data" / name).exists():
            shutil.copyfile(REPO / "data" / name, dest / "data" / name)
    shutil.copytree(src.extractors, dest / "extract" / "extractors", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@dataclass
class Call:
    """One ``figure(...)`` call in an extractor file: its character span and literal arguments."""

    start: int
    end: int
    args: list
    kwargs: dict


def _offset(text: str, line: int, col: int) -> int:
    # ast columns are UTF-8 byte offsets within the line.
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    head = text[starts[line - 1]:].encode("utf-8")[:col].decode("utf-8")
    return starts[line - 1] + len(head)


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None  # a name such as AS_OF_PUBLICATION


def figure_calls(path: Path) -> list[Call]:
    """The ``figure(...)`` calls of an extractor's FIGURES list, in file order."""
    text = Path(path).read_text(encoding="utf-8")
    out = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "figure":
            out.append(Call(_offset(text, node.lineno, node.col_offset),
                            _offset(text, node.end_lineno, node.end_col_offset),
                            [_literal(a) for a in node.args],
                            {k.arg: _literal(k.value) for k in node.keywords}))
    return sorted(out, key=lambda c: c.start)


def sole_claims(path: Path) -> list[Call]:
    """Figure calls whose (quote, value_text) no other figure of the file shares."""
    calls = figure_calls(path)
    keys = [tuple(c.args[:2]) for c in calls]
    return [c for c, k in zip(calls, keys) if keys.count(k) == 1 and None not in k]


def example_source(root: Path = REPO, minimum: int = 2) -> str:
    """The first archived source whose extractor declares at least ``minimum`` sole claims."""
    corpus = Corpus.at(root)
    for sid in list_sources(corpus.sources):
        if len(sole_claims(corpus.extractor(sid))) >= minimum:
            return sid
    raise LookupError(f"no source in {root} has {minimum} figures of its own")


def example_extractor(root: Path = REPO) -> Path:
    """The extractor file of :func:`example_source`."""
    return Corpus.at(root).extractor(example_source(root))


def replace_call(path: Path, call: Call, new: str) -> None:
    """Replace one figure call (its whole text) with ``new``."""
    text = Path(path).read_text(encoding="utf-8")
    Path(path).write_text(text[:call.start] + new + text[call.end:], encoding="utf-8")


def call_text(path: Path, call: Call) -> str:
    """The source text of one call."""
    return Path(path).read_text(encoding="utf-8")[call.start:call.end]


def add_dismissal(path: Path, quote: str, value_text: str, reason: str = "not_business_figure") -> None:
    """Append a dismiss(...) to the extractor's DISMISSED list."""
    text = Path(path).read_text(encoding="utf-8")
    line = f"    dismiss({quote!r}, {value_text!r}, reason={reason!r}),\n"
    at = text.index("DISMISSED = [") + len("DISMISSED = [")
    Path(path).write_text(text[:at] + "\n" + line + text[at:].lstrip("\n"), encoding="utf-8")
