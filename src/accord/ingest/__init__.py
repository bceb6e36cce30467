"""Readers: turn files, directories, stdin and JSONL lines into raw articles.

Every reader yields either a :class:`RawArticle` or an :class:`~accord.errors.InputError` naming the
input (and line), so one unreadable input never stops the rest of a batch.
"""

from accord.ingest.raw import RawArticle, parse_published
from accord.ingest.readers import read_bytes, read_inputs, read_path, read_stdin

__all__ = ["RawArticle", "parse_published", "read_bytes", "read_inputs", "read_path", "read_stdin"]
