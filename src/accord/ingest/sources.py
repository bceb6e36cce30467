"""Polled sources: web pages and RSS/Atom feeds by URL, feed files, and watched folders.

A newsroom points accord at its feeds and folders and polls them. Each poll must cost little when
nothing changed and must never deliver the same entry twice, so the store remembers, per source, the
HTTP validators of the last response (``ETag`` / ``Last-Modified``, sent back as a conditional GET; a
``304 Not Modified`` ends the poll) and the ids of the feed entries already delivered. That state is
written only after the poll's articles are stored (:meth:`SourcePoller.commit`), so a crash re-reads
the entries and the store's content-hash check skips what was already saved — nothing is lost.

``since`` drops articles published before a date (articles without a date are kept: we cannot tell).
Fetching uses the standard library only, with a timeout and a size cap; only ``http``/``https`` URLs
given by the user are fetched — accord itself never goes online.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from accord import __version__
from accord.errors import InputError, TooLargeInput
from accord.ingest.archives import is_feed, read_feed
from accord.ingest.raw import RawArticle
from accord.ingest.readers import MAX_FILE_BYTES, Result, files_under, read_bytes, read_path, read_stdin

if TYPE_CHECKING:
    from accord.store import Store

FETCH_TIMEOUT = 30.0
USER_AGENT = f"accord/{__version__} (news event coder; feed poller)"


class FetchError(InputError):
    """A URL that could not be fetched (network error, HTTP error status)."""

    code = "E108"


@dataclass
class Fetched:
    """A response body, or ``None`` when the server answered 304 Not Modified."""

    url: str
    data: bytes | None
    etag: str | None = None
    last_modified: str | None = None


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = FETCH_TIMEOUT,
    max_bytes: int = MAX_FILE_BYTES,
) -> Fetched:
    """GET ``url`` (conditional when validators are given); errors name the URL and say what failed."""
    if not is_url(url):
        raise FetchError("only http:// and https:// URLs can be fetched", source=url)
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, text/html, */*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # scheme checked above
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise TooLargeInput(f"response is {int(length)} bytes, over the {max_bytes}-byte limit", source=url)
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise TooLargeInput(f"response is over the {max_bytes}-byte limit", source=url)
            return Fetched(url, data, response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, None, etag, last_modified)
        raise FetchError(f"HTTP {exc.code} {exc.reason}", source=url) from None
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot fetch ({exc.reason})", source=url) from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} s", source=url) from None
    except OSError as exc:
        raise FetchError(f"cannot fetch ({exc.__class__.__name__}: {exc})", source=url) from None


def _published_before(raw: RawArticle, since: str) -> bool:
    return bool(raw.published) and str(raw.published)[:10] < since


def _entry_key(raw: RawArticle) -> str | None:
    return raw.id or raw.url


@dataclass
class SourcePoller:
    """Reads inputs for one ingest run or one watch cycle, skipping what earlier polls delivered.

    ``store`` (an :class:`accord.store.Store`) holds the feed state; without one every poll reads
    everything. ``folder_memo`` makes a watched folder yield only files that are new or changed since
    the previous cycle of the same process (the store's content-hash check covers restarts).
    """

    store: Store | None = None
    since: str | None = None
    skipped_old: int = 0
    skipped_seen: int = 0
    not_modified: int = 0
    _pending: dict[str, tuple[str | None, str | None, list[str]]] = field(default_factory=dict)
    folder_memo: dict[str, tuple[float, int]] | None = None
    stop: threading.Event | None = None

    def read(self, inputs: Iterable[str]) -> Iterator[Result]:
        """Every input's articles and errors; stops early (between articles) once ``stop`` is set."""
        for item in self._read(inputs):
            if self.stop is not None and self.stop.is_set():
                return
            yield item

    def _read(self, inputs: Iterable[str]) -> Iterator[Result]:
        for name in inputs:
            if name == "-":
                yield from self._filter(read_stdin())
            elif is_url(name):
                yield from self._read_url(name)
            elif Path(name).is_dir() and self.folder_memo is not None:
                yield from self._read_folder(Path(name))
            elif Path(name).is_file() and _looks_like_feed(Path(name)):
                yield from self._read_feed_file(Path(name))
            else:
                yield from self._filter(read_path(name))

    def tally(self) -> list[str]:
        """What this poll skipped, as phrases for the run summary; the counts start again at zero."""
        parts = [
            f"{n} {what}"
            for n, what in (
                (self.skipped_seen, "feed entries seen before"),
                (self.not_modified, "sources not modified"),
                (self.skipped_old, "published before --since"),
            )
            if n
        ]
        self.skipped_seen = self.not_modified = self.skipped_old = 0
        return parts

    def commit(self) -> None:
        """Persist what this poll delivered (call after its articles are stored)."""
        if self.store is not None:
            for url, (etag, modified, entries) in self._pending.items():
                self.store.save_source_state(url, etag=etag, last_modified=modified, entries=entries)
        self._pending.clear()

    # -- sources ---------------------------------------------------------------------------
    def _state(self, key: str) -> tuple[str | None, str | None, set[str]]:
        if self.store is None:
            return None, None, set()
        return self.store.source_state(key)

    def _read_url(self, url: str) -> Iterator[Result]:
        etag, modified, seen = self._state(url)
        try:
            got = fetch(url, etag=etag, last_modified=modified)
        except InputError as err:
            yield err
            return
        if got.data is None:
            self.not_modified += 1
            return
        if is_feed(got.data):
            yield from self._entries(url, read_feed(got.data, url), seen, got.etag, got.last_modified)
            return
        self._pending[url] = (got.etag, got.last_modified, [])
        for item in read_bytes(got.data, url, kind="auto"):
            if isinstance(item, RawArticle) and not item.url:
                item = dataclasses.replace(item, url=url)
            yield from self._filter([item])

    def _read_feed_file(self, path: Path) -> Iterator[Result]:
        key = str(path.resolve())
        _, _, seen = self._state(key)
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield InputError(f"cannot read ({exc.strerror or exc})", source=str(path))
            return
        yield from self._entries(key, read_feed(data, str(path)), seen, None, None)

    def _entries(
        self, key: str, items: Iterable[Result], seen: set[str], etag: str | None, modified: str | None
    ) -> Iterator[Result]:
        delivered: list[str] = []
        self._pending[key] = (etag, modified, delivered)
        for item in items:
            entry = _entry_key(item) if isinstance(item, RawArticle) else None
            if entry and entry in seen:
                self.skipped_seen += 1
                continue
            yield from self._filter([item])
            if entry:  # only once the consumer has taken it: an interrupted poll re-reads the rest
                delivered.append(entry)

    def _read_folder(self, folder: Path) -> Iterator[Result]:
        assert self.folder_memo is not None
        for child in files_under(folder):
            try:
                st = child.stat()
            except OSError:
                continue  # removed while we looked
            stamp = (st.st_mtime, st.st_size)
            if self.folder_memo.get(str(child)) == stamp:
                continue
            self.folder_memo[str(child)] = stamp
            if _looks_like_feed(child):
                yield from self._read_feed_file(child)
            else:
                yield from self._filter(read_path(child))

    def _filter(self, items: Iterable[Result]) -> Iterator[Result]:
        for item in items:
            if self.since and isinstance(item, RawArticle) and _published_before(item, self.since):
                self.skipped_old += 1
                continue
            yield item


def _looks_like_feed(path: Path) -> bool:
    if path.suffix.lower() in {".rss", ".atom"}:
        return True
    if path.suffix.lower() != ".xml":
        return False
    try:
        with path.open("rb") as fh:
            return is_feed(fh.read(2048))
    except OSError:
        return False


def watch_interval(value: float | None) -> float:
    """Seconds between watch cycles: the option, else ``$ACCORD_WATCH_INTERVAL``, else 60."""
    if value is not None:
        return value
    try:
        return float(os.environ.get("ACCORD_WATCH_INTERVAL", "60"))
    except ValueError:
        return 60.0
