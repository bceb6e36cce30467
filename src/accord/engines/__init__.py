"""Batch engines: run the same batch function (:mod:`accord.engines.batch`) over many articles.

``local`` uses a process pool on one box; ``spark`` runs on Apache Spark (``pip install accord[spark]``).
Both write date-partitioned Parquet tables (articles, events, quotes, actors) and an errors table.
"""
