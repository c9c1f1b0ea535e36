"""ai-consumer-metrics: hard figures on China's AI consumer apps, cited to the character.

Example::

    >>> import ai_consumer_metrics as acm
    >>> list(acm.tables().columns)                 # one row per table
    ['name', 'description', 'rows']
    >>> figs = acm.load("figures")                 # a typed pandas DataFrame
    >>> list(acm.describe("market_shares").columns)
    ['column', 'dtype', 'unit', 'description']
    >>> text = acm.cite(figs.iloc[0])              # publisher, title, date, URL, quote, attribution
    >>> figs.quote.iloc[0] in text
    True
    >>> list(acm.conflicts().columns[:3])          # figures on which sources disagree
    ['kind', 'entity_id', 'metric']
    >>> acm.path("figures").name                   # the checked Parquet file, for DuckDB or polars
    'figures.parquet'

Importing the package is cheap: pandas and pyarrow load on the first call,
pandera and matplotlib only in the modules that need them.
"""
from .store import DataIntegrityError, UnknownTableError, data_dir, load, path, tables

__all__ = ["DataIntegrityError", "UnknownTableError", "cite", "conflicts", "data_dir", "describe", "load",
           "path", "tables"]

# cite and describe live in modules that import pandas at the top; resolving them
# on first use (PEP 562) keeps `import ai_consumer_metrics` cheap.
_LAZY = {"cite": ("citation", "cite"), "conflicts": ("conflicts", "conflicts"),
         "describe": ("dictionary", "describe")}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
