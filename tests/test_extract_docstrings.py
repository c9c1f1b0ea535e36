"""Docstring examples of both packages run as doctests against the shipped data.

Public functions carry an example; every example runs (none skipped), so an
example whose output goes stale as the data grows fails here instead of
misleading a reader. The package's examples see ``acm`` (``import
ai_consumer_metrics as acm``) as a notebook would. Examples that write files
write them to a temporary folder of their own.
"""
from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

import ai_consumer_metrics as acm

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("ai_consumer_metrics", "extract")


def _modules() -> list[str]:
    """Every module of both packages; the extractors are declarations, not code with an API."""
    out = []
    for package in PACKAGES:
        for path in sorted((REPO / package).glob("*.py")):
            out.append(package if path.stem == "__init__" else f"{package}.{path.stem}")
    return out


def _path(module: str) -> Path:
    parts = module.split(".")
    return REPO / parts[0] / ("__init__.py" if len(parts) == 1 else f"{parts[1]}.py")


def _public_functions(module: str):
    """(name, node) of the module's public functions: its ``__all__`` where it declares one,
    else every top-level function whose name has no leading underscore."""
    tree = ast.parse(_path(module).read_text("utf-8"))
    listed = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            listed = set(ast.literal_eval(node.value))
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            public = node.name in listed if listed is not None else not node.name.startswith("_")
            if public:
                yield node.name, node


MODULES = _modules()


def test_every_module_is_collected():
    assert {"ai_consumer_metrics.store", "extract.engine", "extract.datapackage"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_every_public_function_has_a_docstring_example(module):
    missing = [f"{_path(module).relative_to(REPO)}:{node.lineno} {name}"
               for name, node in _public_functions(module)
               if ">>>" not in (ast.get_docstring(node) or "")]
    assert not missing, "public function without a docstring example:\n" + "\n".join(missing)


@pytest.mark.parametrize("module", MODULES)
def test_no_example_is_skipped(module):
    text = _path(module).read_text("utf-8")
    skipped = [f"{_path(module).relative_to(REPO)}:{n}" for n, line in enumerate(text.splitlines(), 1)
               if "doctest: +SKIP" in line]
    assert not skipped, "skipped docstring examples (make them run):\n" + "\n".join(skipped)


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module, monkeypatch):
    # Examples name files relative to the repository, as a reader running them from a clone does.
    monkeypatch.chdir(REPO)
    if module.endswith(".plot"):
        import matplotlib

        matplotlib.use("Agg")  # no display in a test run
    mod = importlib.import_module(module)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(mod, module, extraglobs={"acm": acm}) if t.examples]
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} failing example(s) in {_path(module).relative_to(REPO)} (run with -s)"
