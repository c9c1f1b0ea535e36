"""load() keeps and drops the same rows as pandas' own Parquet reader, and as `acm show --where`.

A string column with missing values is where the dtypes differ in practice: with
``pd.NA`` semantics ``df[df.col != "x"]`` loses the rows where ``col`` is missing;
``pandas.read_parquet`` (pandas 3's ``str`` dtype, or object on pandas 2.2) keeps them.
Every string column of every shipped table that has both missing and present values
is tried, plus a table of our own, so the test does not depend on what the data holds.

.ci/run also runs this file against the oldest pandas, pyarrow and pandera that
pyproject.toml allows (.ci/oldest.txt), with --noconftest: keep it self-contained.
"""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest

import ai_consumer_metrics as acm
from _folders import write_folder
from ai_consumer_metrics import cli, store


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """A table written here: credited and uncredited figures, in both scripts."""
    table = pa.table({
        "figure_id": ["a", "b", "c", "d", "e"],
        "attributed_to": ["QuestMobile", None, "艾瑞咨询", None, "QuestMobile"],
        "via": [None, None, None, None, None],
        "value": [1.5e8, None, 3.0, 4.0, 5.0],
        "day": pa.array([18000, None, 18002, 18003, 18004], pa.date32()),
    }, schema=pa.schema([("figure_id", pa.string()), ("attributed_to", pa.string()), ("via", pa.string()),
                         ("value", pa.float64()), ("day", pa.date32())]))
    folder = tmp_path_factory.mktemp("own")
    write_folder(folder, {"t": table})
    return folder


def _cases(data_dir=None):
    """(table, column, a present value) for every string column that also has missing values."""
    out = []
    for name in store.table_names(data_dir):
        df = pd.read_parquet(store.path(name, data_dir))
        for col in df.columns:
            s = df[col]
            if (pd.api.types.is_string_dtype(s) or s.dtype == object) and s.isna().any() and s.notna().any():
                out.append((name, col, str(s.dropna().value_counts().index[0])))
    return out


SHIPPED = _cases()


def test_the_shipped_data_has_string_columns_with_missing_values():
    # Otherwise the parametrised tests below would test nothing on the real tables.
    assert SHIPPED


def _check_filters(name, col, value, data_dir=None):
    ours = acm.load(name, data_dir)
    ref = pd.read_parquet(store.path(name, data_dir))
    assert ours[col].isna().tolist() == ref[col].isna().tolist()
    pairs = [
        (ours[ours[col] != value], ref[ref[col] != value]),
        (ours[~ours[col].isin([value])], ref[~ref[col].isin([value])]),
        (ours[ours[col] == value], ref[ref[col] == value]),
        # pandas 2.2's object columns need na=False here; load()'s dtype must not.
        (ours[ours[col].str.contains(value[:3], regex=False)],
         ref[ref[col].str.contains(value[:3], regex=False, na=False)]),
        (ours[~ours[col].str.contains(value[:3], regex=False)],
         ref[~ref[col].str.contains(value[:3], regex=False, na=False).astype(bool)]),
    ]
    for mine, theirs in pairs:
        assert mine.index.tolist() == theirs.index.tolist()
    assert ours.groupby(col).size().to_dict() == ref.groupby(col).size().to_dict()
    mine = ours.groupby(col, dropna=False).size()
    theirs = ref.groupby(col, dropna=False).size()
    assert sorted(mine.tolist()) == sorted(theirs.tolist()) and mine.sum() == len(ours)
    return ours


@pytest.mark.parametrize("name,col,value", SHIPPED, ids=[f"{t}.{c}" for t, c, _ in SHIPPED])
def test_filters_keep_the_rows_pandas_read_parquet_keeps(name, col, value):
    _check_filters(name, col, value)


def test_filters_on_a_table_of_our_own(own):
    ours = _check_filters("t", "attributed_to", "QuestMobile", own)
    assert ours[ours.attributed_to != "QuestMobile"].figure_id.tolist() == ["b", "c", "d"]
    assert ours[ours.attributed_to.str.contains("Quest")].figure_id.tolist() == ["a", "e"]


def _show_ids(capsys, name, where, key, data_dir=None):
    argv = (["--data-dir", str(data_dir)] if data_dir else []) + ["show", name, "--where", where,
                                                                    "--columns", key, "--format", "json"]
    assert cli.main(argv) == 0
    return [r[key] for r in json.loads(capsys.readouterr().out)]


@pytest.mark.parametrize("name,col,value", SHIPPED[:6], ids=[f"{t}.{c}" for t, c, _ in SHIPPED[:6]])
def test_acm_show_where_keeps_the_same_rows(capsys, name, col, value):
    ref = pd.read_parquet(store.path(name))
    key = ref.columns[0]
    literal = value.replace("\\", "\\\\").replace("'", "\\'")
    for where, mask in [(f"{col} != '{literal}'", ref[col] != value),
                        (f"~{col}.isin(['{literal}'])", ~ref[col].isin([value])),
                        (f"{col}.str.contains('{literal[:3]}', regex=False)",
                         ref[col].str.contains(value[:3], regex=False, na=False).astype(bool))]:
        assert _show_ids(capsys, name, where, key) == ref.loc[mask, key].tolist(), where


def test_acm_show_where_on_a_table_of_our_own(capsys, own):
    assert _show_ids(capsys, "t", "attributed_to != 'QuestMobile'", "figure_id", own) == ["b", "c", "d"]


def test_dtypes_are_the_documented_ones(own):
    df = acm.load("t", own)
    assert df["attributed_to"].dtype == store.string_dtype()
    assert df["via"].dtype == store.string_dtype()          # all missing: still a string column
    assert str(df["value"].dtype) == "float64" and str(df["day"].dtype) == "datetime64[ms]"
    assert pd.isna(df["attributed_to"].iloc[1]) and pd.isna(df["day"].iloc[1])


def test_string_columns_of_every_shipped_table_use_the_one_string_dtype():
    for name in store.table_names():
        df = acm.load(name)
        arrow = store.read_arrow(name)
        for field in arrow.schema:
            if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
                assert df[field.name].dtype == store.string_dtype(), (name, field.name)


def test_an_unknown_backend_is_refused_by_name(own):
    with pytest.raises(ValueError, match="backend must be one of 'pandas', 'polars'"):
        acm.load("t", own, backend="arrow")


def test_the_shipped_tables_validate_with_the_installed_pandera():
    # pandera checks the dtypes load() gives; run on the oldest pandera too (.ci/run).
    problems, summary = cli.validate()
    assert problems == [] and summary.startswith("ok:")


def test_the_oldest_environment_tests_the_floors_pyproject_declares():
    import re
    import tomllib
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    deps = tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    floors = dict(m.groups() for d in deps if (m := re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([\w.]+)$", d)))
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==([\w.]+)", (repo / ".ci" / "oldest.txt").read_text("utf-8"), re.M))
    for name in ("pandas", "pyarrow", "pandera"):
        # pandas>=2.3 is tested as 2.3.0, pyarrow>=15 as 15.0.0
        assert pins[name].split(".")[:len(floors[name].split("."))] == floors[name].split("."), name
        assert set(pins[name].split(".")[len(floors[name].split(".")):]) <= {"0"}, name
    run = [ln.strip() for ln in (repo / ".ci" / "run").read_text("utf-8").splitlines()
           if ln.strip() and not ln.lstrip().startswith("#")]
    readme_command = next(i for i, ln in enumerate(run) if "pytest" in ln and "oldest" not in ln)
    oldest = next(i for i, ln in enumerate(run) if ".venv-oldest" in ln)
    assert readme_command < oldest  # the README's command runs first; the second environment is an addition
    second = " ".join(run[oldest:])
    assert "-c .ci/oldest.txt" in second and "tests/test_load_dtypes.py" in second
