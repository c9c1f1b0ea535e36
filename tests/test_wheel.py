"""The wheel carries the data: built, installed (not editable) into a fresh venv, used from elsewhere.

Slow-ish (a new virtual environment and a dependency install; pip's cache keeps it
to about a minute). Needs the built dataset in ai_consumer_metrics/data/: a wheel
without it is exactly the defect this test exists to catch.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "ai_consumer_metrics" / "data"


def _run(cmd, cwd, timeout=900):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    manifest_path = DATA / "manifest.json"
    if not manifest_path.exists():
        pytest.fail(f"{manifest_path} missing: build the dataset first (python -m extract build)")
    tmp = tmp_path_factory.mktemp("wheel")
    # Build from a copy holding only what the sdist needs, so the shared work tree gets no build/ folder.
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "ai_consumer_metrics", src / "ai_consumer_metrics",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp)
    py, pip = venv / "bin" / "python", venv / "bin" / "pip"
    _run([pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp / "dist", src], cwd=tmp)
    wheel = next((tmp / "dist").glob("ai_consumer_metrics-*.whl"))
    _run([pip, "install", "--quiet", wheel], cwd=tmp)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return {"python": py, "venv": venv, "wheel": wheel, "cwd": elsewhere,
            "manifest": json.loads(manifest_path.read_text("utf-8"))}


def test_wheel_contains_every_table_and_the_metadata(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for entry in installed["manifest"]["tables"].values():
        assert f"ai_consumer_metrics/data/{entry['file']}" in names
    assert "ai_consumer_metrics/data/manifest.json" in names
    assert "ai_consumer_metrics/data/datapackage.json" in names
    assert not any(n.startswith(("extract/", "tests/")) for n in names)
    # The build-time code stays in the repository: no scanner, text layer or datapackage writer.
    modules = {Path(n).stem for n in names if n.endswith(".py")}
    assert not modules & {"scanner", "figures", "textlayer", "numerals", "_numerals", "datapackage", "periods"}
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    requires = [line for line in zipfile.ZipFile(installed["wheel"]).read(metadata).decode().splitlines()
                if line.startswith("Requires-Dist:") and "extra ==" not in line]
    assert requires and not any(w in line.lower() for line in requires for w in ("opencc", "pydantic", "frictionless"))


def test_load_from_another_directory_without_pandera_or_matplotlib(installed):
    code = (
        "import sys, ai_consumer_metrics as acm\n"
        "heavy = sorted(m for m in ('pandera', 'matplotlib', 'opencc') if m in sys.modules)\n"
        "import importlib.util\n"
        "assert importlib.util.find_spec('opencc') is None, 'the wheel pulled in opencc'\n"
        "assert not heavy, heavy\n"
        "print(acm.__file__)\n"
        "print(acm.load('market_shares'))\n"
        "df = acm.load('market_shares')\n"
        "print('SHAPE', df.shape[0], ','.join(df.columns))\n"
    )
    out = _run([installed["python"], "-c", code], cwd=installed["cwd"])
    first, rest = out.split("\n", 1)
    assert Path(first).is_relative_to(installed["venv"]), first  # the installed copy, not the repo
    assert "entity_id" in rest and "figure_id" in rest  # the printed frame
    shape = rest.strip().splitlines()[-1].split()
    assert shape[:2] == ["SHAPE", str(installed["manifest"]["tables"]["market_shares"]["rows"])]
    assert "share_pct" in shape[2] and shape[2].endswith(",figure_id")


def test_installed_acm_validates_its_own_data(installed):
    acm = installed["venv"] / "bin" / "acm"
    out = _run([acm, "validate"], cwd=installed["cwd"])
    assert out.startswith("ok: ")
    out = _run([acm, "describe", "market_shares", "--format", "csv"], cwd=installed["cwd"])
    assert "share_pct,float64,percent," in out
