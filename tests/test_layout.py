"""The two packages keep to their jobs: the dataset package never needs the pipeline.

``ai_consumer_metrics`` (what users install) is the lower floor; ``extract`` (the
build pipeline, in the repository only) stands on it. These tests read the imports
of both packages from their source and prove, in a fresh process, that using the
package imports nothing of the pipeline.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("ai_consumer_metrics", "extract")


def _module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            if "extractors" in path.relative_to(REPO).parts:
                continue  # declarations, imported by file path, not part of the import graph
            out[_module_name(path)] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Project modules ``name`` imports anywhere in its file (top level or inside functions)."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[:len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            targets = [prefix] + [f"{prefix}.{a.name}" for a in node.names]
        for t in targets:
            # the longest known module the name lies in: `from extract.scanner import scan` -> extract.scanner
            parts = t.split(".")
            for k in range(len(parts), 0, -1):
                cand = ".".join(parts[:k])
                if cand in known and cand != name:
                    found.add(cand)
                    break
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_function_level_and_relative_imports(tmp_path):
    path = tmp_path / "mod.py"
    path.write_text("def f():\n    from .store import load\n    import extract.scanner\n", encoding="utf-8")
    known = {"ai_consumer_metrics.store", "extract.scanner", "extract"}
    assert _imports("ai_consumer_metrics.mod", path, known) == {"ai_consumer_metrics.store", "extract.scanner"}


def test_no_import_cycle_in_either_package(graph):
    assert _cycles(graph) == []


def test_the_package_never_imports_the_pipeline(graph):
    up = {m: sorted(d for d in deps if d.split(".")[0] == "extract")
          for m, deps in graph.items() if m.split(".")[0] == "ai_consumer_metrics"}
    assert {m: d for m, d in up.items() if d} == {}


def test_nothing_imports_build_but_the_command_line(graph):
    importers = sorted(m for m, deps in graph.items() if "extract.build" in deps)
    assert importers == ["extract.__main__"]


def test_the_repository_root_is_defined_once():
    hits = []
    for path in (REPO / "extract").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "Path(__file__).resolve().parent" in text and path != REPO / "extract" / "__init__.py":
            hits.append(str(path.relative_to(REPO)))
    assert hits == []


def test_using_the_package_imports_no_pipeline_scanner_or_opencc(tmp_path):
    """load, cite, describe, conflicts and a plot, in a fresh process started in the repository itself."""
    code = """
import sys
import ai_consumer_metrics as acm
from ai_consumer_metrics import plot
names = acm.tables()["name"].tolist()
frames = {n: acm.load(n) for n in names}
figures = frames["figures"]
assert len(figures), "no figures"
print(acm.cite(figures.iloc[0]))
acm.describe("figures")
acm.conflicts()
ax = plot.user_metrics()
ax.figure.savefig(sys.argv[1])
pipeline = str(__import__("pathlib").Path("extract").resolve())
bad = sorted(m for m, mod in list(sys.modules.items())
             if m == "extract" or m.startswith(("extract.", "opencc"))
             or str(getattr(mod, "__file__", None) or "").startswith(pipeline))
print("BAD", bad)
"""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.png")], cwd=REPO, capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.strip().splitlines()[-1] == "BAD []"


def test_the_package_declares_no_pipeline_dependency():
    import tomllib

    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].strip().lower() for d in deps}
    assert not names & {"opencc", "pydantic", "frictionless", "cn2an"}
