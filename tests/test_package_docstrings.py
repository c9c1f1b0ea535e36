"""The package's public functions carry an example, and every example runs against the shipped data."""
from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import matplotlib
import pytest
from test_extract_docstrings import _public_defs

matplotlib.use("Agg")  # the plot examples draw; never open a window

REPO = Path(__file__).resolve().parents[1]
MODULES = ["__init__", "store", "cli", "citation", "find", "plot", "conflicts", "names_en"]


@pytest.mark.parametrize("module", MODULES)
def test_every_public_definition_has_an_example(module):
    path = REPO / "ai_consumer_metrics" / f"{module}.py"
    missing = [f"{path.name}:{node.lineno} {name}" for name, node in _public_defs(ast.parse(path.read_text("utf-8")))
               if "." not in name and ">>>" not in (ast.get_docstring(node) or "")]
    assert not missing, "no runnable example:\n" + "\n".join(missing)


@pytest.mark.parametrize("module", MODULES)
def test_examples_run_and_none_is_skipped(module):
    path = REPO / "ai_consumer_metrics" / f"{module}.py"
    assert "doctest: +SKIP" not in path.read_text("utf-8")
    name = "ai_consumer_metrics" if module == "__init__" else f"ai_consumer_metrics.{module}"
    import sys

    mod = sys.modules.get(name) or importlib.import_module(name)
    import ai_consumer_metrics

    # `acm` as the examples call it, as in tests/test_extract_docstrings.py.
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS, verbose=False,
                             extraglobs={"acm": ai_consumer_metrics})
    assert result.failed == 0, f"{result.failed} failing example(s) in {path.name} (run with -s)"
    assert result.attempted, f"{path.name}: no examples ran"
