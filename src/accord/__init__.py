"""accord: verifiable, structured event data from news on armed conflict and diplomacy.

The public surface: :func:`extract` (one article → :class:`ArticleRecord`), :class:`Pipeline`
(build once, run many) and :class:`Store` (the database of records).
"""

from accord.records import SCHEMA_VERSION, ArticleRecord

__version__ = "0.1.0"

__all__ = ["SCHEMA_VERSION", "ArticleRecord", "Pipeline", "Store", "__version__", "extract"]


def __getattr__(name: str):  # lazy: importing accord must not load spaCy or SQLAlchemy
    if name in ("extract", "Pipeline"):
        from accord import pipeline

        return getattr(pipeline, name)
    if name == "Store":
        from accord.store import Store

        return Store
    raise AttributeError(name)
