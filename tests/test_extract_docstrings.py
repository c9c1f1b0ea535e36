"""Public functions and classes of the pipeline modules carry an example, and the examples run."""
from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# extract/build.py is documented separately; these are the modules the pipeline's CLI is made of.
MODULES = ["diff", "engine", "new", "review", "jobs", "guess", "draft", "context", "__main__"]


def _public_defs(tree: ast.Module):
    """(qualified name, node) of public functions, classes and the public methods of public classes."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node.name, node
            if isinstance(node, ast.ClassDef):
                for sub in node.body:
                    if isinstance(sub, ast.FunctionDef) and (not sub.name.startswith("_")
                                                             or sub.name == "__call__"):
                        yield f"{node.name}.{sub.name}", sub


@pytest.mark.parametrize("module", MODULES)
def test_every_public_definition_has_a_docstring_example(module):
    path = REPO / "extract" / f"{module}.py"
    missing = [f"{path.name}:{node.lineno} {name}" for name, node in _public_defs(ast.parse(path.read_text("utf-8")))
               if "Example::" not in (ast.get_docstring(node) or "")]
    assert not missing, "no docstring example:\n" + "\n".join(missing)


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module):
    mod = importlib.import_module(f"extract.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} failing example(s) in extract/{module}.py (run it with -s)"
