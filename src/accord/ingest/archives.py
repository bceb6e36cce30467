"""Readers for web archives and feeds: WARC (CC-NEWS style crawls) and RSS/Atom.

A WARC's ``response`` records with an HTML payload become articles through the HTML reader; a
truncated or corrupt record is an error naming the file and the record's offset, and reading goes on
with the next file. A feed's entries become articles from their content (or summary) with the entry's
title, link and date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from accord.errors import EmptyInput, InputError, MalformedInput, TooLargeInput
from accord.ingest.raw import RawArticle


def read_warc(stream: BinaryIO, origin: str) -> Iterator[RawArticle | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from accord.ingest.readers import MAX_ARTICLE_BYTES, read_html

    n = 0
    try:
        it = ArchiveIterator(stream)
        for record in it:
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            try:
                body = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
            except Exception as exc:  # zlib/IO errors of a truncated record
                yield MalformedInput(f"unreadable WARC record ({type(exc).__name__}: {exc})", source=f"{origin}#{n}")
                continue
            if len(body) > MAX_ARTICLE_BYTES:
                yield TooLargeInput(
                    f"WARC record body is over the {MAX_ARTICLE_BYTES / 2**20:.0f} MiB article limit; skipped",
                    source=f"{origin}#{n}",
                )
                continue
            where = f"{origin}@{it.get_record_offset()}"  # only after the body: asking earlier consumes it
            try:
                art = read_html(body, where, stem=None)
            except InputError as err:
                yield err
                continue
            except Exception as exc:
                yield MalformedInput(f"unreadable WARC record ({type(exc).__name__}: {exc})", source=where)
                continue
            date = record.rec_headers.get_header("WARC-Date")
            published = art.published or (date[:10] if date else None)
            yield RawArticle(
                text=art.text,
                origin=where,
                id=None,
                url=uri or art.url,
                title=art.title,
                source=art.source,
                published=published,
                language=art.language,
            )
    except ArchiveLoadFailed as exc:
        yield MalformedInput(f"not a readable WARC file ({exc})", source=origin)
    except Exception as exc:
        yield MalformedInput(f"WARC file ends in a broken record ({type(exc).__name__}: {exc})", source=origin)
    if n == 0:
        yield EmptyInput("has no readable HTML response records", source=origin)


def read_feed(data: bytes, origin: str) -> Iterator[RawArticle | InputError]:
    import feedparser

    from accord.ingest.readers import read_html

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f" ({feed.bozo_exception})" if getattr(feed, "bozo", False) else ""
        yield MalformedInput(f"no feed entries found{problem}", source=origin)
        return
    for i, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{i}"
        html = ""
        if entry.get("content"):
            html = entry["content"][0].get("value", "")
        html = html or entry.get("summary", "")
        if not html.strip():
            yield EmptyInput("feed entry has no content or summary", source=where)
            continue
        published = None
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            published = datetime(*parsed[:6], tzinfo=timezone.utc).date().isoformat()
        text = html
        if "<" in html:
            try:
                text = read_html(f"<html><body><article>{html}</article></body></html>".encode(), where).text
            except InputError:
                import re

                text = re.sub(r"<[^>]+>", " ", html)
        yield RawArticle(
            text=text,
            origin=where,
            id=entry.get("id") or entry.get("link"),
            url=entry.get("link"),
            title=entry.get("title"),
            source=feed.feed.get("title"),
            published=published,
        )


def is_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return (head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)) or head.startswith(
        (b"<rss", b"<feed")
    )


def read_warc_path(path: Path) -> Iterator[RawArticle | InputError]:
    with path.open("rb") as fh:
        yield from read_warc(fh, str(path))
