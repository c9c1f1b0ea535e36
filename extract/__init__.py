"""The build pipeline: archive → declarations → validated tables.

Run ``python -m extract --help``. Not shipped in the wheel; users get the built
tables through :mod:`ai_consumer_metrics`.
"""
