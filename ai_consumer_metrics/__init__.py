"""ai-consumer-metrics: hard figures on China's AI consumer apps, cited to the character.

Tables
    tables()                   the tables: name, description, rows
    load(name, backend=...)    one table as a typed pandas (or polars) DataFrame,
                               its sha256 checked against the manifest
    describe(name)             the data dictionary: column, dtype, unit, description
    path(name), data_dir()     the checked Parquet file and its folder, for DuckDB etc.

Figures
    find(query)                figures whose quote, entity or metric matches, in
                               simplified or traditional script, Chinese or English
    cite(figure)               the citation (a Citation: prints as text, renders
                               itself in a notebook; style="markdown" or "bibtex")
    conflicts()                figures on which sources disagree

Charts: the submodule ai_consumer_metrics.plot (market_shares, market_share_trend,
user_metrics, financials). Errors: UnknownTableError, DataIntegrityError,
CitationError, PlotError. From a shell: acm --help.

Example:

    >>> import ai_consumer_metrics as acm
    >>> list(acm.tables().columns)                 # one row per table
    ['name', 'description', 'rows']
    >>> figs = acm.load("figures")                 # a typed pandas DataFrame
    >>> list(acm.describe("market_shares").columns)
    ['column', 'dtype', 'unit', 'description']
    >>> hits = acm.find("豆包")                     # figures, found in either script
    >>> set(hits.figure_id) <= set(figs.figure_id)
    True
    >>> text = acm.cite(figs.iloc[0])              # publisher, title, date, URL, quote, attribution, note
    >>> figs.quote.iloc[0] in text and text.splitlines()[1].startswith("Quote:")
    True
    >>> list(acm.conflicts().columns[:3])          # figures on which sources disagree
    ['kind', 'entity_id', 'metric']
    >>> acm.path("figures").name                   # the checked Parquet file, for DuckDB or polars
    'figures.parquet'

Importing the package is cheap: pandas and pyarrow load on the first call,
pandera and matplotlib only in the modules that need them.
"""
from .store import DataIntegrityError, UnknownTableError, data_dir, load, path, tables
# Bound eagerly (find.py imports nothing heavy) so that the function, not the module
# of the same name, is what `acm.find` is, whatever was imported first.
from .find import find

__all__ = ["Citation", "CitationError", "DataIntegrityError", "PlotError", "UnknownTableError",
           "__version__", "cite", "conflicts", "data_dir", "describe", "find", "load", "path", "plot",
           "tables"]

# These live in modules that import pandas (or matplotlib) at the top; resolving them
# on first use (PEP 562) keeps `import ai_consumer_metrics` cheap.
_LAZY = {"cite": ("citation", "cite"), "Citation": ("citation", "Citation"),
         "CitationError": ("citation", "CitationError"), "conflicts": ("conflicts", "conflicts"),
         "describe": ("dictionary", "describe"),
         "PlotError": ("plot", "PlotError"), "plot": ("plot", None)}


def __getattr__(name: str):
    import importlib

    if name in _LAZY:
        module, attr = _LAZY[name]
        mod = importlib.import_module(f"{__name__}.{module}")
        value = mod if attr is None else getattr(mod, attr)
        globals()[name] = value
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("ai-consumer-metrics")
        except PackageNotFoundError:  # run from a source tree that was never installed
            value = "unknown"
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # Tab completion and dir() list the lazy names too, not only what has loaded.
    return sorted(set(globals()) | set(__all__))
