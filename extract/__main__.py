"""``python -m extract COMMAND``: the build pipeline's command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _scan(args: argparse.Namespace) -> int:
    from extract.scanner import scan

    path = Path(args.file)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"error: {path}: not UTF-8 (byte {exc.start}: {exc.reason})", file=sys.stderr)
        return 1
    for m in scan(text):
        if args.json:
            print(json.dumps(m.as_dict(), ensure_ascii=False))
        else:
            print(m.describe())
    return 0


def _build(args: argparse.Namespace) -> int:
    from extract.build import main as build_main

    return build_main(args)


def _jobs(value: str) -> int:
    from extract.jobs import parse_jobs

    try:
        return parse_jobs(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _published(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def _period(args: argparse.Namespace) -> int:
    from extract.periods import PeriodError, resolve_phrase

    try:
        p = resolve_phrase(args.phrase, args.published, args.fiscal_year_end)
    except PeriodError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"label   {p.label}\nstart   {p.start.isoformat()}\nend     {p.end.isoformat()}")
    return 0


def _add_period_parser(sub) -> None:
    """Register ``period PHRASE --published DATE``: the label a declaration writes for the article's words.

    Example::

        >>> sub = argparse.ArgumentParser(prog="python -m extract").add_subparsers()
        >>> _add_period_parser(sub)
        >>> _period(sub.choices["period"].parse_args(["去年双11期间", "--published", "2026-01-30"]))
        label   Double 11 2025
        start   2025-11-11
        end     2025-11-11
        0
    """
    p = sub.add_parser("period", help="the canonical label, start and end of an article's period phrase")
    p.add_argument("phrase", help="the article's words (去年双11期间, 2025財年第一季度) or a label")
    p.add_argument("--published", type=_published, required=True, metavar="YYYY-MM-DD",
                   help="the article's publication date, against which relative words are read")
    p.add_argument("--fiscal-year-end", default="12-31", metavar="MM-DD",
                   help="the entity's fiscal year end, for FY labels and 财年 (default 12-31)")
    p.set_defaults(func=_period)


def main(argv: list[str] | None = None) -> int:
    """Run ``python -m extract`` with ``argv`` (default ``sys.argv[1:]``); return the exit code.

    A reader that closes the pipe early (``| head``) is not an error: exit 0, no traceback.

    Example::

        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text("豆包月活跃用户达3.2亿。", encoding="utf-8")
        >>> main(["scan", str(path)])
        [8:12] quantity 3.2亿 = 320000000
        0
    """
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p_scan = sub.add_parser("scan", help="print every quantity the scanner finds in a UTF-8 text file")
    p_scan.add_argument("file")
    p_scan.add_argument("--json", action="store_true", help="one JSON object per line: text, start, end, value, unit, qualifier, kind")
    p_scan.set_defaults(func=_scan)

    p_build = sub.add_parser("build", help="rebuild and validate the dataset from data/sources, print a summary")
    p_build.add_argument("--out", default=None, help="write the tables here instead of the package's data folder")
    p_build.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                         help="worker processes for the per-source work (default 1; 0 or 'auto': one per CPU); "
                              "the tables are byte-identical for any N")
    p_build.add_argument("--root", default=None, metavar="DIR",
                         help="build another corpus: DIR holds data/sources, data/entities.toml, "
                              "data/metrics.toml and extract/extractors (default: this repository); needs --out")
    p_build.set_defaults(func=_build)

    from extract import diff, new, review

    new.add_parser(sub)
    review.add_parser(sub)
    diff.add_parser(sub)
    _add_period_parser(sub)

    try:
        args = parser.parse_args(argv)
        code = args.func(args)
        # Flush inside the guard: buffered output reaching a closed pipe at interpreter exit
        # would otherwise print "Exception ignored ... BrokenPipeError" after we returned.
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # `python -m extract scan FILE | head`: the reader left; not an error of ours (as in `acm`).
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Point stdout at the null device so nothing left in its buffer is written to the closed pipe."""
    import io
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, ValueError, io.UnsupportedOperation):
        # stdout is not a real file (a test's StringIO): swapping the object is enough.
        sys.stdout = open(os.devnull, "w")
    finally:
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
