"""``acm``: every command in-process, the bad inputs, and the installed entry point."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import _synthetic as syn
from ai_consumer_metrics.cli import main, render
from extract.datapackage import write_datapackage


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    out = syn.write_dataset(tmp_path_factory.mktemp("acm"))
    write_datapackage(out)
    return out


@pytest.fixture
def data_dir(pristine, tmp_path):
    """A private copy, free to damage."""
    return Path(shutil.copytree(pristine, tmp_path / "data"))


def run(data_dir, *argv, capsys):
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _rehash(data_dir: Path, name: str) -> None:
    """Make the manifest agree with a rewritten file, as a careless or malicious edit would."""
    path = data_dir / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    manifest["tables"][name]["sha256"] = hashlib.sha256((data_dir / f"{name}.parquet").read_bytes()).hexdigest()
    path.write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


# ---------------------------------------------------------------- tables, show, describe, cite


def test_tables(data_dir, capsys):
    code, out, _ = run(data_dir, "tables", capsys=capsys)
    assert code == 0
    assert "market_shares" in out and "figures" in out and " 13 " in out


def test_show_every_format(data_dir, capsys):
    code, out, _ = run(data_dir, "show", "market_shares", "--format", "json", capsys=capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 6
    assert rows[0]["period_start"] == "2007-01-01" and rows[0]["share_pct_high"] is None

    code, out, _ = run(data_dir, "show", "market_shares", "--format", "csv", capsys=capsys)
    lines = out.splitlines()
    assert lines[0].startswith("entity_id,group_id,market,share_pct") and len(lines) == 7

    code, out, _ = run(data_dir, "show", "market_shares", "--format", "markdown", capsys=capsys)
    lines = out.splitlines()
    assert lines[0].startswith("| entity_id | group_id | market |") and lines[1].startswith("| --- | --- |")
    assert len(lines) == 8 and all(line.count("|") == lines[0].count("|") for line in lines)

    code, out, _ = run(data_dir, "show", "user_metrics", capsys=capsys)
    assert code == 0 and "155,000,000" in out and "qwen_app" in out


def test_show_where_columns_limit(data_dir, capsys):
    code, out, _ = run(data_dir, "show", "market_shares", "--where",
                       "market == 'China e-commerce' and share_pct > 17.5 and entity_id != 'others'",
                       "--columns", "entity_id,share_pct", "--format", "csv", capsys=capsys)
    assert code == 0
    assert out.splitlines() == ["entity_id,share_pct", "douyin_ecommerce,18.0", "pinduoduo,19.0",
                                "taotian_group,33.0"]
    code, out, _ = run(data_dir, "show", "user_metrics", "--where", "metric in ['mau', 'wau'] and user_count > 1e8",
                       "--format", "json", capsys=capsys)
    assert [r["metric"] for r in json.loads(out)] == ["mau"]
    code, out, _ = run(data_dir, "show", "market_shares", "--where", "market.str.contains('C2C')",
                       "--format", "json", capsys=capsys)
    assert [r["entity_id"] for r in json.loads(out)] == ["taobao"]
    code, out, _ = run(data_dir, "show", "figures", "--where", "note.isna() and not (qualifier == 'exact')",
                       "--limit", "1", "--format", "json", capsys=capsys)
    assert code == 0 and len(json.loads(out)) == 1


@pytest.mark.parametrize("expr, message", [
    ("__import__('os').system('echo pwned')", "calls are limited"),
    ("market.__class__", "attribute .__class__ is not allowed"),
    ("share_pct > @limit", "not an expression"),
    ("[x for x in market]", "ListComp is not allowed"),
    ("market[0] == 'C'", "Subscript is not allowed"),
    ("lambda: 1", "Lambda is not allowed"),
    ("markt == 'x'", "no column 'markt'; did you mean 'market'"),
    ("market.str.contains(entity_id)", "method arguments must be literals"),
    ("share_pct >", "not an expression"),
])
def test_where_refuses_anything_but_a_filter(data_dir, capsys, expr, message):
    code, out, err = run(data_dir, "show", "market_shares", "--where", expr, capsys=capsys)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_where_that_pandas_cannot_evaluate_is_a_usage_error(data_dir, capsys):
    code, _, err = run(data_dir, "show", "market_shares", "--where", "share_pct.between(1)", capsys=capsys)
    assert code == 2 and err.startswith("acm: error: --where")


def test_describe(data_dir, capsys):
    code, out, _ = run(data_dir, "describe", "market_shares", "--format", "json", capsys=capsys)
    rows = {r["column"]: r for r in json.loads(out)}
    assert code == 0 and rows["share_pct"]["unit"] == "percent" and rows["share_pct"]["dtype"] == "float64"
    assert rows["market"]["description"].startswith("The market the share is of")


@pytest.mark.parametrize("style, marker", [("text", "Attribution: QuestMobile, via 新浪财经 [3], via Ginlix AI."),
                                           ("markdown", "> 千问月活跃用户约1.55亿"),
                                           ("bibtex", "@misc{" + syn.fid(6) + ",")])
def test_cite(data_dir, capsys, style, marker):
    code, out, _ = run(data_dir, "cite", syn.fid(6), "--style", style, capsys=capsys)
    assert code == 0 and marker in out


def test_cite_unknown_id_is_a_usage_error_with_suggestions(data_dir, capsys):
    code, _, err = run(data_dir, "cite", syn.fid(6)[:-1], capsys=capsys)
    assert code == 2 and f"closest: {syn.fid(6)}" in err


# ---------------------------------------------------------------- usage errors


@pytest.mark.parametrize("command", [["show", "market_share"], ["describe", "market_share"]])
def test_unknown_table_lists_the_tables_and_the_closest(data_dir, capsys, command):
    code, out, err = run(data_dir, *command, capsys=capsys)
    assert code == 2 and out == ""
    assert "no table 'market_share'; did you mean 'market_shares'?" in err
    assert "figures, sources, source_references" in err



@pytest.mark.parametrize("argv, expected", [
    (["show", "../manifest"], "acm: error: no table '../manifest'; tables: figures, sources, "),
    (["show", "figure"], "acm: error: no table 'figure'; did you mean 'figures'? Tables: figures, sources, "),
    (["show", "figures", "--columns", "zzz"], "acm: error: no column 'zzz' in figures; columns: figure_id, "),
    (["show", "figures", "--columns", "valu"],
     "acm: error: no column 'valu' in figures; did you mean 'value'? Columns: figure_id, "),
    (["show", "figures", "--where", "zzz > 1"], "acm: error: --where: no column 'zzz'; columns: figure_id, "),
])
def test_unknown_name_messages_read_as_sentences(data_dir, capsys, argv, expected):
    """The list of valid names follows a separator, never runs on from the quoted name."""
    code, _, err = run(data_dir, *argv, capsys=capsys)
    assert code == 2 and err.startswith(expected), err


def test_bad_options_are_usage_errors(data_dir, capsys):
    assert run(data_dir, "show", "figures", "--format", "xml", capsys=capsys)[0] == 2
    assert run(data_dir, "frobnicate", capsys=capsys)[0] == 2
    assert main([]) == 2
    code, _, err = run(data_dir, "show", "figures", "--columns", "figure_id,valeu", capsys=capsys)
    assert code == 2 and "did you mean 'value'" in err
    assert main(["--help"]) == 0


# ---------------------------------------------------------------- validate and integrity


def test_validate_ok(data_dir, capsys):
    code, out, err = run(data_dir, "validate", capsys=capsys)
    assert code == 0, err
    assert out.startswith("ok: 11 tables")


def test_tampered_file_is_a_data_integrity_error(data_dir, capsys):
    path = data_dir / "market_shares.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    for command in (["validate"], ["show", "market_shares"]):
        code, out, err = run(data_dir, *command, capsys=capsys)
        assert code == 1
        assert f"data integrity error: {path}: sha256" in err and "Traceback" not in err


def test_corrupt_parquet_with_matching_hash_is_a_data_integrity_error(data_dir, capsys):
    (data_dir / "growth.parquet").write_bytes(b"PAR1 this is not parquet PAR1")
    _rehash(data_dir, "growth")
    for command in (["validate"], ["show", "growth"], ["describe", "growth"]):
        code, _, err = run(data_dir, *command, capsys=capsys)
        assert code == 1, command
        assert "data integrity error:" in err and "growth.parquet: not a readable Parquet file" in err
        assert "Traceback" not in err


def test_schema_violation_fails_validate(data_dir, capsys):
    # A share of 150 % rewritten with the right schema and a matching hash: only the checks catch it.
    path = data_dir / "market_shares.parquet"
    table = pq.read_table(path)
    shares = table.column("share_pct").to_pylist()
    shares[0] = 150.0
    table = table.set_column(table.schema.get_field_index("share_pct"), table.schema.field("share_pct"),
                             pa.array(shares, pa.float64()))
    pq.write_table(table, path)
    _rehash(data_dir, "market_shares")
    code, _, err = run(data_dir, "validate", capsys=capsys)
    assert code == 1
    assert "market_shares" in err and "share_pct" in err and "validation failed" in err


def test_analysis_row_disagreeing_with_its_figure_fails_validate(data_dir, capsys):
    path = data_dir / "financials.parquet"
    table = pq.read_table(path)
    amounts = table.column("amount").to_pylist()
    amounts[0] = amounts[0] * 10
    table = table.set_column(table.schema.get_field_index("amount"), table.schema.field("amount"),
                             pa.array(amounts, pa.float64()))
    pq.write_table(table, path)
    _rehash(data_dir, "financials")
    code, _, err = run(data_dir, "validate", capsys=capsys)
    assert code == 1 and "financials: figure" in err and "amount is" in err
    assert "datapackage.json: resource 'financials' does not match the manifest" in err


def test_missing_dataset_is_a_data_error(tmp_path, capsys):
    code, _, err = run(tmp_path, "tables", capsys=capsys)
    assert code == 1 and "no manifest" in err


# ---------------------------------------------------------------- output and entry point


def test_markdown_escapes_pipes_and_leaves_missing_empty():
    import pandas as pd

    text = render(pd.DataFrame({"a": ["x|y", None], "n": [1.5, float("nan")]}).astype({"a": "string"}),
                  "markdown")
    assert text.splitlines() == ["| a | n |", "| --- | ---: |", "| x\\|y | 1.5 |", "|  |  |"]


def test_broken_pipe_is_not_an_error(data_dir, monkeypatch):
    class Closed(io.StringIO):
        def write(self, s):
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["--data-dir", str(data_dir), "show", "figures"]) == 0


def test_installed_acm_entry_point(pristine):
    acm = Path(sys.executable).parent / "acm"
    assert acm.exists(), "the acm console script is not installed: pip install -e ."
    result = subprocess.run([str(acm), "--data-dir", str(pristine), "show", "growth", "--format", "csv",
                             "--columns", "metric,basis"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["metric,basis", "revenue_growth,yoy", "ctr_growth,unspecified"]
    result = subprocess.run([str(acm), "--data-dir", str(pristine), "show", "nope"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr


# ---------------------------------------------------------------- a discoverable command line


def _subparsers(parser):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def test_version(capsys):
    from ai_consumer_metrics import __version__

    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"acm {__version__} (dataset ") and "tables" in out


def _all_parsers():
    from ai_consumer_metrics import plot
    from ai_consumer_metrics.cli import _parser

    top = _parser()
    parsers = [("acm", top), *((f"acm {n}", p) for n, p in _subparsers(top) if n != "plot")]
    parsers += [("acm plot", plot._parser())]
    parsers += [(f"acm plot {n}", p) for n, p in _subparsers(plot._parser())]
    return parsers


@pytest.mark.parametrize("name,parser", _all_parsers(), ids=[n for n, _ in _all_parsers()])
def test_every_option_is_described_with_its_default_and_no_markup(name, parser):
    import argparse

    text = parser.format_help()
    for markup in ("``", ":func:", ":data:", ":mod:", ":class:"):
        assert markup not in text, f"{name} --help shows {markup}"
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"{name}: {action.dest} has no help text"
        has_default = action.default not in (None, False, argparse.SUPPRESS) and action.option_strings
        if has_default and not isinstance(action, argparse._VersionAction):
            assert "%(default)s" in action.help or "default" in action.help, f"{name}: {action.dest}"


def test_show_fits_the_terminal_and_says_what_it_left_out(data_dir, capsys, monkeypatch):
    from ai_consumer_metrics.cli import _display_width

    for width in (60, 100, 160):
        monkeypatch.setenv("COLUMNS", str(width))
        code, out, _ = run(data_dir, "show", "figures", capsys=capsys)
        lines = out.splitlines()
        assert code == 0 and lines[-1].startswith("(") and "--columns all" in lines[-1]
        assert all(_display_width(line) <= width for line in lines[:-1]), width
        header = lines[0].split()
        assert header[0] == "figure_id" and "value_high" not in header or width == 160
    code, out, _ = run(data_dir, "show", "figures", "--columns", "all", capsys=capsys)
    assert "more column" not in out and "note" in out.splitlines()[0]


def test_show_leaves_out_columns_empty_in_the_rows_shown(data_dir, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    code, out, _ = run(data_dir, "show", "market_shares", capsys=capsys)
    header, footer = out.splitlines()[0].split(), out.splitlines()[-1]
    assert "share_pct_high" not in header and "share_pct_high" in footer


def test_numbers_read_as_numbers_in_text_and_stay_plain_in_csv(data_dir, capsys):
    code, out, _ = run(data_dir, "show", "financials", "--columns", "amount", capsys=capsys)
    assert "39,824,000,000" in out and "e+" not in out
    code, out, _ = run(data_dir, "show", "financials", "--columns", "amount", "--format", "csv", capsys=capsys)
    assert "39824000000.0" in out


def test_find_from_the_command_line(data_dir, capsys):
    import pyarrow.parquet as pq

    from ai_consumer_metrics import store
    from extract.search_index import write_search_index

    manifest = store.read_manifest(data_dir)
    tables = {n: pq.read_table(data_dir / f"{n}.parquet") for n in ("figures", "entities", "metrics")}
    write_search_index(data_dir, tables, manifest)
    code, out, _ = run(data_dir, "find", "千問", "月活", "--format", "json", "--columns", "figure_id", capsys=capsys)
    assert code == 0 and [r["figure_id"] for r in json.loads(out)] == [syn.fid(6)]


def test_an_estimated_publication_date_says_so_in_text_and_markdown(data_dir, capsys):
    code, out, _ = run(data_dir, "show", "sources", "--columns", "source_id,published", capsys=capsys)
    assert f"{syn.LIUHAI} 2025-05 (estimated)" in " ".join(out.split())
    assert "2026-02-10" in out and "2026-02-10 (estimated)" not in out
    code, out, _ = run(data_dir, "show", "sources", "--format", "markdown", capsys=capsys)
    assert "| 2025-05 (estimated) |" in out
    code, out, _ = run(data_dir, "show", "sources", "--format", "csv", "--columns", "published", capsys=capsys)
    assert "2025-05-01" in out.splitlines()
