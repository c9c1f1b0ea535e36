"""What a new user sees first: dir(acm), help(acm), tab completion, and the errors they may meet."""
from __future__ import annotations

import pydoc
import re
import rlcompleter
import subprocess
import sys

import ai_consumer_metrics as acm

# Names a user must be able to discover, not only call.
EXPECTED = {"load", "tables", "describe", "path", "data_dir", "cite", "find", "conflicts", "plot",
            "Citation", "CitationError", "DataIntegrityError", "UnknownTableError", "PlotError", "__version__"}


def test_all_lists_the_whole_public_api_and_every_name_resolves():
    assert EXPECTED <= set(acm.__all__)
    for name in acm.__all__:
        assert getattr(acm, name) is not None, name
    errors = [n for n in acm.__all__ if isinstance(getattr(acm, n), type) and issubclass(getattr(acm, n), Exception)]
    assert set(errors) == {"CitationError", "DataIntegrityError", "UnknownTableError", "PlotError"}


def test_dir_and_tab_completion_show_lazy_names_before_they_load():
    code = ("import ai_consumer_metrics as acm, rlcompleter, sys\n"
            "c = rlcompleter.Completer({'acm': acm})\n"
            "names = set()\n"
            "i = 0\n"
            "while (m := c.complete('acm.', i)) is not None:\n"
            "    names.add(m[4:].rstrip('()'))\n"
            "    i += 1\n"
            "print(sorted(set(dir(acm)) & names))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    listed = set(re.findall(r"'([^']+)'", out.stdout))
    assert EXPECTED - {"__version__"} <= listed


def test_help_shows_the_api_without_restructuredtext_markup():
    text = pydoc.render_doc(acm, renderer=pydoc.plaintext)
    for name in EXPECTED - {"__version__", "plot"}:
        assert name in text, name
    doc = acm.__doc__
    for markup in ("``", ":func:", ":class:", ":mod:", ":data:"):
        assert markup not in doc


def test_errors_name_what_to_do():
    import pytest

    with pytest.raises(acm.UnknownTableError, match="did you mean 'figures'"):
        acm.load("figure")
    with pytest.raises(acm.CitationError, match="figure_id"):
        acm.cite({})
    assert issubclass(acm.PlotError, ValueError)


def test_completion_lists_find_cite_and_the_error_classes():
    completer = rlcompleter.Completer({"acm": acm})
    def complete(prefix):
        found, i = [], 0
        while (m := completer.complete(prefix, i)) is not None:
            found.append(m)
            i += 1
        return set(found)

    assert {"acm.cite(", "acm.conflicts("} <= complete("acm.c")
    assert {"acm.Citation(", "acm.CitationError("} <= complete("acm.C")
    assert "acm.find(" in complete("acm.f")
