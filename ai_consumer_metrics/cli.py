"""acm: the dataset from the command line.

Commands:

    acm tables                   list the tables: name, rows, description
    acm show TABLE               print a table; --where filters rows, --columns picks columns
    acm find WORDS               figures whose quote, entity or metric matches, in either script
    acm describe TABLE           the data dictionary of a table
    acm cite FIGURE_ID           the citation of a figure: publisher, date, quote, note
    acm validate                 re-check the installed tables: sha256 against the
                                 manifest, schemas, cross-table checks
    acm plot CHART -o FILE       draw a chart with its sources (acm plot --help)

Run "acm COMMAND --help" for a command's options and their defaults.

Exit codes: 0 success, 1 data or validation error (a corrupted or tampered file,
a failed check), 2 usage error (unknown table or figure, bad --where, bad option).

--where takes a pandas DataFrame.query expression over the table's columns,
e.g. "metric == 'mau' and value > 1e8". It is checked before pandas sees it:
only comparisons, and/or/not, arithmetic, literals, lists, column names and the
methods COLUMN.isna(), .notna(), .between(), .isin() and COLUMN.str.contains(),
.startswith(), .endswith(), .match(), .fullmatch() are accepted; anything else
(attribute access, other calls, @variables, subscripts, lambdas) is a usage
error. Missing values behave as in pandas: "attributed_to != 'QuestMobile'" keeps
the figures credited to no one.

Examples:

    acm show market_shares --where "market == 'China e-commerce'" --format markdown
    acm show figures --columns all --limit 5
    acm find 豆包
    acm cite FIGURE_ID --style bibtex
"""
from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence

FORMATS = ("table", "csv", "markdown", "json")
STYLES = ("text", "markdown", "bibtex")
#: Methods a ``--where`` expression may call on a column (or on its ``.str``).
WHERE_METHODS = frozenset({"isna", "notna", "isnull", "notnull", "between", "isin",
                           "contains", "startswith", "endswith", "match", "fullmatch"})
_STR_METHODS = frozenset({"contains", "startswith", "endswith", "match", "fullmatch"})

OK, DATA_ERROR, USAGE_ERROR = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: exit code 2.

    Example::

        >>> check_where("share_pct >", ["share_pct"])
        Traceback (most recent call last):
        ...
        ai_consumer_metrics.cli.UsageError: --where 'share_pct >': not an expression (invalid syntax); ...
    """


# ---------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``acm`` with ``argv`` (default ``sys.argv[1:]``); return the exit code.

    Example::

        >>> main(["--version"])  # doctest: +ELLIPSIS
        acm ... (dataset ..., ... tables in ai_consumer_metrics/data)
        0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    from .store import DataIntegrityError, UnknownTableError

    try:
        return args.func(args)
    except UnknownTableError as exc:
        return _fail(str(exc), USAGE_ERROR)
    except UsageError as exc:
        return _fail(str(exc), USAGE_ERROR)
    except DataIntegrityError as exc:
        return _fail(f"data integrity error: {exc}", DATA_ERROR)
    except BrokenPipeError:
        # `acm show figures | head`: the reader left; not an error of ours.
        sys.stdout = open(os.devnull, "w")
        return OK


def _version() -> str:
    from . import __version__
    from .store import DataIntegrityError, read_manifest

    try:
        manifest = read_manifest()
        data = f"dataset {manifest.get('version', '?')}, {len(manifest['tables'])} tables in {DATA_DIR_HINT}"
    except DataIntegrityError as exc:
        data = f"no readable dataset: {exc}"
    return f"acm {__version__} ({data})"


DATA_DIR_HINT = "ai_consumer_metrics/data"


def _parser() -> argparse.ArgumentParser:
    doc = __doc__.split("\n\nExit codes")[0]
    p = argparse.ArgumentParser(prog="acm", description=doc.split("\n\n", 1)[1],
                                epilog="Exit codes" + __doc__.split("\n\nExit codes", 1)[1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=_version(),
                   help="print the package and dataset versions and exit")
    p.add_argument("--data-dir", default=None, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", help="one of:")

    def formats(s, default="table"):
        s.add_argument("--format", choices=FORMATS, default=default,
                       help="table: aligned text, numbers with thousands separators; csv; markdown: a "
                            "GitHub pipe table; json: an array of records (default: %(default)s)")

    def rows_out(s, columns_help):
        # show and find print rows the same way: which columns, how many, in which format.
        s.add_argument("--columns", default=None, metavar="A,B,...|all", help=columns_help)
        s.add_argument("--limit", type=int, default=None, metavar="N", help="at most N rows (default: every row)")
        formats(s)

    def table_arg(s):
        s.add_argument("table", help="a table name, as acm tables lists them (figures, market_shares, ...)")

    s = sub.add_parser("tables", help="list the tables: name, rows, description",
                       description="List the tables of the installed dataset: name, rows, description.")
    formats(s)
    s.set_defaults(func=_cmd_tables)

    s = sub.add_parser("show", help="print a table, optionally filtered",
                       description="Print a table. --where takes a pandas query expression over the columns, "
                                   "e.g. \"metric == 'mau' and value > 1e8\" (acm --help lists what it accepts). "
                                   "As text, a table shows the columns that fit the terminal; "
                                   "--columns all shows every column.")
    table_arg(s)
    s.add_argument("--where", default=None, metavar="EXPR",
                   help="keep the rows for which this pandas query expression is true (default: all rows)")
    rows_out(s, "only these columns, in this order, or 'all' (default: as text, the columns that "
                "fit the terminal, skipping empty ones; otherwise all)")
    s.set_defaults(func=_cmd_show)

    s = sub.add_parser("find", help="figures whose quote, entity or metric matches the words",
                       description="Find figures by words in their quote, value, entity (id, English or Chinese "
                                   "name, aliases), metric, scope, period and attribution: every word must match. "
                                   "Simplified or traditional script, full-width forms, case and pinyin glosses "
                                   "do not matter.")
    s.add_argument("words", nargs="+", help="words to look for, e.g. 豆包, 騰訊 revenue, Doubao MAU")
    rows_out(s, "columns of the figures table to print (default: as for acm show)")
    s.set_defaults(func=_cmd_find)

    s = sub.add_parser("describe", help="the data dictionary of a table: column, dtype, unit, description",
                       description="The data dictionary of a table: column, dtype, unit, description.")
    table_arg(s)
    formats(s)
    s.set_defaults(func=_cmd_describe)

    s = sub.add_parser("cite", help="the citation of a figure",
                       description="The citation of a figure: publisher, title, date, URL, the verbatim quote, "
                                   "the attribution chain and the curator's note.")
    s.add_argument("figure_id", help="a figure_id, from any table's figure_id column")
    s.add_argument("--style", choices=STYLES, default="text",
                   help="text, markdown or bibtex (default: %(default)s)")
    s.set_defaults(func=_cmd_cite)

    s = sub.add_parser("validate", help="re-check the installed tables against the manifest and the schemas",
                       description="Re-check the installed tables: every file's sha256, columns and rows against "
                                   "the manifest, the schemas, and the analysis tables against figures. "
                                   "Exit code 1 on any problem.")
    s.set_defaults(func=_cmd_validate)

    # `acm plot ...` hands everything after `plot` to ai_consumer_metrics.plot's own parser;
    # prefix_chars="+" stops this level from claiming -o / --help for itself.
    s = sub.add_parser("plot", help="draw a chart, with its sources, to an image file (acm plot --help)",
                       add_help=False, prefix_chars="+")
    s.add_argument("plot_args", nargs=argparse.REMAINDER, help="a chart and its options (acm plot --help)")
    s.set_defaults(func=_cmd_plot)
    return p


def _cmd_plot(args: argparse.Namespace) -> int:
    from .plot import plot_command  # matplotlib loads only for this command

    return plot_command(args.plot_args)


# ---------------------------------------------------------------- commands


def _cmd_tables(args: argparse.Namespace) -> int:
    from .store import tables

    df = tables(args.data_dir)
    _emit(df[["name", "rows", "description"]], args.format)
    return OK


def _cmd_show(args: argparse.Namespace) -> int:
    from .store import load

    df = load(args.table, args.data_dir)
    if args.where:
        df = apply_where(df, args.where)
    _show(df, args, args.table)
    return OK


def _cmd_find(args: argparse.Namespace) -> int:
    from .search import find

    _show(find(" ".join(args.words), data_dir=args.data_dir), args, "figures")
    return OK


def _show(df: Any, args: argparse.Namespace, table: str) -> None:
    hidden: list[str] = []
    if args.format in ("table", "markdown"):  # before --columns drops the flags it reads
        df = published_as_text(df)
    if args.columns and args.columns.strip() != "all":
        wanted = [c.strip() for c in args.columns.split(",") if c.strip()]
        unknown = [c for c in wanted if c not in df.columns]
        if unknown:
            raise UsageError(_unknown_column(unknown[0], list(df.columns), table))
        df = df[wanted]
    if args.limit is not None:
        if args.limit < 0:
            raise UsageError("--limit must be 0 or more")
        df = df.head(args.limit)
    if args.format == "table" and not args.columns:
        shown = fitting_columns(df, _terminal_width())
        hidden = [c for c in df.columns if c not in shown]
        df = df[shown]
    _emit(df, args.format, max_colwidth=CELL_WIDTH if args.format == "table" and not args.columns else 60)
    if hidden:
        print(f"({len(hidden)} more column{'s' * (len(hidden) > 1)}: {', '.join(hidden)}; "
              "show them with --columns all or --columns A,B,...)")


def published_as_text(df: Any) -> Any:
    """A ``published`` date written to its precision, marked where it is estimated: how the
    text and Markdown views show the sources table (csv and json keep the date and the flags).

    Example::

        >>> import pandas as pd
        >>> df = pd.DataFrame({"published": pd.to_datetime(["2025-05-01", "2026-02-10"]),
        ...                    "published_precision": ["month", "day"], "published_estimated": [True, False]})
        >>> published_as_text(df)["published"].tolist()
        ['2025-05 (estimated)', '2026-02-10']
    """
    import pandas as pd

    if not {"published", "published_precision"} <= set(df.columns):
        return df
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    estimated = df["published_estimated"] if "published_estimated" in df.columns else [False] * len(df)
    texts = []
    for date, precision, guess in zip(df["published"], df["published_precision"], estimated):
        if pd.isna(date):
            texts.append(None)
            continue
        text = pd.Timestamp(date).strftime(formats.get(precision if isinstance(precision, str) else "day", "%Y-%m-%d"))
        texts.append(text + (" (estimated)" if guess is True or (not pd.isna(guess) and bool(guess)) else ""))
    return df.assign(published=pd.array(texts, dtype="object"))


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


#: Widest a text cell is drawn in the default view of ``acm show`` (longer text ends in …).
CELL_WIDTH = 28


#: Columns ``acm show`` keeps first when the terminal is narrow: what a row is about and its number.
#: The rest follow in table order while they fit; the chosen columns print in table order.
IMPORTANT = ("entity_id", "metric", "market", "value", "share_pct", "user_count", "amount", "change",
             "unit", "currency", "period", "qualifier", "value_text", "quote", "title", "publisher", "name_en")


def fitting_columns(df: Any, width: int, *, cell: int = CELL_WIDTH) -> list[str]:
    """The columns of ``df`` that ``acm show`` prints by default, in table order.

    The first column (each table's key) is always shown; then the columns of
    :data:`IMPORTANT` (entity, metric, the number, its unit and period, the quote), then
    the others, while the line fits in ``width`` characters. Columns with no value in
    these rows are skipped.

    Example::

        >>> import pandas as pd
        >>> df = pd.DataFrame({"id": ["a"], "empty": [None], "note": ["x" * 50], "value": [1.0]})
        >>> fitting_columns(df, 80), fitting_columns(df, 20)
        (['id', 'note', 'value'], ['id', 'value'])
    """
    widths = {}
    for i, col in enumerate(df.columns):
        values = df[col]
        if i and values.isna().all() and len(values):
            continue
        shown = [_cell_text(v, cell) for v in values]
        widths[col] = max([_display_width(str(col))] + [_display_width(t) for t in shown]) + 2
    first = list(df.columns[:1])
    rank = {c: k for k, c in enumerate(IMPORTANT)}
    rest = sorted((c for c in widths if c not in first), key=lambda c: (rank.get(c, len(rank)), list(df.columns).index(c)))
    chosen, used = set(first), sum(widths.get(c, 0) for c in first)
    for col in rest:
        if used + widths[col] <= width:
            chosen.add(col)
            used += widths[col]
    return [c for c in df.columns if c in chosen]


def _cell_text(v: Any, cell: int) -> str:
    import pandas as pd

    if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return ""
    if isinstance(v, float):
        return readable_number(v)
    text = str(v)
    return text if len(text) <= cell else text[: cell - 1] + "…"


def _display_width(text: str) -> int:
    import unicodedata

    # CJK characters take two terminal cells.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def readable_number(value: float) -> str:
    """``value`` with thousands separators and every digit it has, no exponent: how
    ``acm show`` prints floats as text (csv and json keep the plain number).

    Example::

        >>> readable_number(21190000000.0), readable_number(83.6), readable_number(0.00012), readable_number(-1.0)
        ('21,190,000,000', '83.6', '0.00012', '-1')
    """
    from decimal import Decimal

    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    text = f"{Decimal(repr(float(value))):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cmd_describe(args: argparse.Namespace) -> int:
    from .dictionary import describe

    _emit(describe(args.table, args.data_dir), args.format, max_colwidth=None)
    return OK


def _cmd_cite(args: argparse.Namespace) -> int:
    from .citation import CitationError, cite

    try:
        text = cite(args.figure_id, style=args.style, data_dir=args.data_dir)
    except CitationError as exc:
        raise UsageError(str(exc)) from None
    print(text)
    return OK


def _cmd_validate(args: argparse.Namespace) -> int:
    problems, summary = validate(args.data_dir)
    if problems:
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        print(f"validation failed: {len(problems)} problem(s)", file=sys.stderr)
        return DATA_ERROR
    print(summary)
    return OK


def validate(data_dir: str | Path | None = None) -> tuple[list[str], str]:
    """Re-check the dataset in ``data_dir``: (problems, one-line summary).

    Every table's sha256, columns and row count against the manifest; the pandera
    schemas and cross-table checks (:func:`ai_consumer_metrics.schemas.validate_tables`);
    the analysis tables against ``figures`` (:func:`ai_consumer_metrics.consistency.analysis_problems`);
    and ``datapackage.json``, where present, against the manifest.

    Example::

        >>> problems, summary = validate()
        >>> problems, summary.split(":")[0]
        ([], 'ok')
    """
    from . import store as _data
    from .consistency import analysis_problems

    data_dir = Path(data_dir or _data.DATA_DIR)
    manifest = _data.read_manifest(data_dir)
    frames, problems = {}, []
    listed = {e.get("file") for e in manifest["tables"].values() if isinstance(e, dict)}
    # A table file the manifest does not list was not written by the build that wrote the manifest.
    problems += [f"data integrity error: {p}: not listed in {_data.MANIFEST}"
                 for p in sorted(data_dir.glob("*.parquet")) if p.name not in listed]
    for name in manifest["tables"]:
        try:
            frames[name] = _data.load(name, data_dir)
        except _data.DataIntegrityError as exc:
            problems.append(f"data integrity error: {exc}")
    if problems:
        return problems, ""
    from .schemas import validate_tables  # pandera: only here, never on import

    problems += validate_tables(frames)
    if not problems and "figures" in frames:
        problems += analysis_problems(frames)
    problems += _datapackage_problems(data_dir, manifest)
    rows = sum(len(f) for f in frames.values())
    return problems, (f"ok: {len(frames)} tables, {rows} rows in {data_dir}: sha256 match the manifest, "
                      "schemas and cross-table checks pass")


def _datapackage_problems(data_dir: Path, manifest: dict) -> list[str]:
    from .dictionary import DATAPACKAGE

    path = data_dir / DATAPACKAGE
    if not path.exists():
        return []
    try:
        dp = json.loads(path.read_bytes().decode("utf-8"))
        hashes = {r["name"]: r.get("hash") for r in dp["resources"]}
    except (ValueError, KeyError, TypeError) as exc:
        return [f"data integrity error: {path}: not a valid data package ({exc})"]
    out = []
    for name, entry in manifest["tables"].items():
        if hashes.get(name) != f"sha256:{entry.get('sha256')}":
            out.append(f"{path}: resource {name!r} does not match the manifest's sha256")
    for name in sorted(set(hashes) - set(manifest["tables"])):
        out.append(f"{path}: resource {name!r} is not in the manifest")
    return out


# ---------------------------------------------------------------- --where


def apply_where(df: Any, expr: str) -> Any:
    """Filter ``df`` with a checked ``DataFrame.query`` expression (see the module docstring).

    Raises :class:`UsageError` for an expression outside the accepted subset or one
    pandas cannot evaluate.

    Example::

        >>> from ai_consumer_metrics import load
        >>> figs = load("figures")
        >>> kept = apply_where(figs, "attributed_to != 'QuestMobile'")
        >>> len(kept) == len(figs[figs.attributed_to != "QuestMobile"])
        True
    """
    check_where(expr, list(df.columns))
    try:
        out = df.query(expr, engine="python", local_dict={}, global_dict={})
    except Exception as exc:  # pandas raises many types for a bad query; all are the user's input
        raise UsageError(f"--where {expr!r}: {type(exc).__name__}: {exc}") from None
    if len(out.index) and not out.index.isin(df.index).all():
        raise UsageError(f"--where {expr!r}: not a row filter")
    return out


def check_where(expr: str, columns: list[str]) -> None:
    """Refuse a ``--where`` expression outside the accepted subset; see the module docstring.

    Example::

        >>> check_where("__import__('os').system('x')", ["a"])
        Traceback (most recent call last):
        ...
        ai_consumer_metrics.cli.UsageError: --where: calls are limited to ...
    """
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as exc:
        raise UsageError(f"--where {expr!r}: not an expression ({exc.msg}); "
                         "example: \"metric == 'mau' and user_count > 1e8\"") from None
    allowed = (ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd,
               ast.Invert, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Mod, ast.Pow, ast.FloorDiv,
               ast.BitAnd, ast.BitOr, ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
               ast.In, ast.NotIn, ast.Constant, ast.List, ast.Tuple, ast.Load, ast.Name, ast.Call,
               ast.Attribute, ast.keyword)
    for node in ast.walk(tree):
        if not isinstance(node, allowed):
            raise UsageError(f"--where {expr!r}: {type(node).__name__} is not allowed; use comparisons, "
                             "and/or/not, literals and column names")
        if isinstance(node, ast.Name) and node.id not in columns and node.id not in ("True", "False"):
            raise UsageError(f"--where: {_unknown_column(node.id, columns)}")
        if isinstance(node, ast.Call):
            _check_call(node, columns)
        if isinstance(node, ast.Attribute) and not _attribute_ok(node, tree):
            raise UsageError(f"--where: attribute .{node.attr} is not allowed; calls are limited to "
                             f"{', '.join(sorted(WHERE_METHODS))}")


def _check_call(node: ast.Call, columns: list[str]) -> None:
    f = node.func
    ok = isinstance(f, ast.Attribute) and f.attr in WHERE_METHODS and (
        (isinstance(f.value, ast.Name) and f.attr not in _STR_METHODS)
        or (isinstance(f.value, ast.Attribute) and f.value.attr == "str" and isinstance(f.value.value, ast.Name)
            and f.attr in _STR_METHODS))
    if not ok:
        raise UsageError(f"--where: calls are limited to COLUMN.{{isna,notna,between,isin}}(...) and "
                         f"COLUMN.str.{{{','.join(sorted(_STR_METHODS))}}}(...)")
    for arg in [*node.args, *(k.value for k in node.keywords)]:
        for sub in ast.walk(arg):
            if not isinstance(sub, (ast.Constant, ast.List, ast.Tuple, ast.Load, ast.UnaryOp, ast.USub)):
                raise UsageError("--where: method arguments must be literals")


def _attribute_ok(node: ast.Attribute, tree: ast.AST) -> bool:
    # Only COLUMN.str and COLUMN[.str].METHOD as the function of a call, checked in _check_call.
    for parent in ast.walk(tree):
        if isinstance(parent, ast.Call) and (parent.func is node or getattr(parent.func, "value", None) is node):
            return True
    return False


def _unknown_column(name: str, columns: list[str], table: str | None = None) -> str:
    close = difflib.get_close_matches(name, columns, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}? Columns" if close else "; columns"
    where = f" in {table}" if table else ""
    return f"no column {name!r}{where}{hint}: {', '.join(columns)}"


# ---------------------------------------------------------------- output


def _emit(df: Any, fmt: str, *, max_colwidth: int | None = 60) -> None:
    text = render(df, fmt, max_colwidth=max_colwidth)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def render(df: Any, fmt: str, *, max_colwidth: int | None = 60) -> str:
    """``df`` as ``table`` (aligned text), ``csv``, ``markdown`` (GitHub pipe table) or ``json``
    (an array of records). Dates are written YYYY-MM-DD, missing values as empty / null.

    Example::

        >>> import pandas as pd
        >>> print(render(pd.DataFrame({"a": [1], "b": ["x|y"]}), "markdown"))
        | a | b |
        | ---: | --- |
        | 1 | x\\|y |
    """
    import pandas as pd

    df = _dates_as_text(df)
    if fmt == "csv":
        return df.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        records = [{k: _json_value(v) for k, v in row.items()} for row in df.to_dict("records")]
        return json.dumps(records, ensure_ascii=False, indent=1)
    if fmt == "markdown":
        return _markdown(df)
    if fmt == "table":
        if df.empty:
            return f"(no rows; columns: {', '.join(map(str, df.columns))})"
        def number(v: float) -> str:
            return "" if pd.isna(v) else readable_number(v)

        floats = {c: number for c in df.columns if pd.api.types.is_float_dtype(df[c])}
        with pd.option_context("display.width", None, "display.max_columns", None,
                               "display.max_rows", None):
            return df.to_string(index=False, max_colwidth=max_colwidth, na_rep="", formatters=floats)
    raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")


def _dates_as_text(df: Any) -> Any:
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").astype("string")
    return out


def _json_value(v: Any) -> Any:
    import pandas as pd

    if v is None or (not isinstance(v, (str, list, dict)) and pd.isna(v)):
        return None
    if hasattr(v, "item"):  # numpy scalar → Python
        return v.item()
    return v


def _markdown(df: Any) -> str:
    import pandas as pd

    def cell(v: Any) -> str:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        return str(v).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")

    numeric = [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
               for c in df.columns]
    lines = ["| " + " | ".join(cell(c) for c in df.columns) + " |",
             "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"]
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines)


def _fail(message: str, code: int) -> int:
    print(f"acm: error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
