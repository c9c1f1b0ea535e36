"""The build pipeline: archive → declarations → validated tables.

Run ``python -m extract --help``. Not shipped in the wheel; users get the built
tables through :mod:`ai_consumer_metrics`. The repository layout a build reads is
:class:`extract.corpus.Corpus`; :data:`REPO_ROOT` is the one place that says where
this repository is.
"""
from pathlib import Path

#: The repository this package lies in: the default corpus, and where paths in errors are relative to.
REPO_ROOT = Path(__file__).resolve().parent.parent
