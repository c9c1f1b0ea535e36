"""docs/user-guide.md: its Python examples run, in order, against the installed package, and the README links it."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

import ai_consumer_metrics as acm

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "user-guide.md"


def test_the_python_blocks_run():
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text("utf-8"), flags=re.S)
    assert blocks
    scope = {"acm": acm, "pd": pd}
    for block in blocks:
        exec(compile(block, str(GUIDE), "exec"), scope)  # noqa: S102 - our own documentation
    # What the blocks promise: only stated periods, only falls, one group.
    assert set(scope["stated"].period_basis) <= {"stated"}
    assert (scope["falls"].change < 0).all()
    assert set(scope["alibaba"].group_id) == {"alibaba_group"}


def test_the_readme_links_the_guide():
    readme = (GUIDE.parents[1] / "README.md").read_text("utf-8")
    assert "(docs/user-guide.md)" in readme


def test_every_table_the_guide_lists_exists():
    block = GUIDE.read_text("utf-8").split("| table | value column | one row per |", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"^\| `(\w+)` \|", block, flags=re.M))
    assert listed and listed <= set(acm.tables().name)
