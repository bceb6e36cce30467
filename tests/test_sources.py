"""Polled sources: feeds and pages by URL from a real loopback HTTP server, feed state in a real
store, ``--since``, and ``accord watch`` as a real process picking up files dropped in a folder."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from accord.errors import TooLargeInput
from accord.ingest.raw import RawArticle
from accord.ingest.sources import FetchError, SourcePoller, fetch
from accord.runner import ingest
from accord.store import Store


def _item(n: int, day: int) -> str:
    return (
        f"<item><title>Report {n}</title><link>https://wire.example/{n}</link><guid>wire-{n}</guid>"
        f"<pubDate>{day:02d} May 2025 09:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Negotiators from Kestria and Valmont met in Geneva on day {n} and agreed to "
        f"extend the ceasefire by {n + 1} weeks, the mediator said.&lt;/p&gt;</description></item>"
    )


def _feed(*items: tuple[int, int]) -> bytes:
    body = "".join(_item(n, day) for n, day in items)
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>' + body + "</channel></rss>"
    ).encode()


class _Site:
    """Pages served on loopback with ETag support; records each request's method, path and headers."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.requests: list[tuple[str, dict]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, dict(self.headers)))
                if self.path not in site.pages:
                    self.send_error(404, "Not Found")
                    return
                body, etag = site.pages[self.path]
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def put(self, path: str, body: bytes) -> str:
        self.pages[path] = (body, f'"v{len(self.requests)}-{hash(body) & 0xFFFF}"')
        return self.base + path


@pytest.fixture()
def site():
    s = _Site()
    yield s
    s.server.shutdown()
    s.server.server_close()


def _poll(url: str, store: Store, pipeline, since: str | None = None) -> tuple[int, SourcePoller]:
    poller = SourcePoller(store=store, since=since)
    report = ingest(poller.read([url]), store, pipeline)
    poller.commit()
    return report.stored, poller


def test_sources_feed_url_delivers_each_entry_once(site, tmp_path, pipeline):
    url = site.put("/feed.rss", _feed((1, 10), (2, 11)))
    store = Store(tmp_path / "a.db")
    stored, _ = _poll(url, store, pipeline)
    assert stored == 2
    assert {r.article.url for r in store.records()} == {"https://wire.example/1", "https://wire.example/2"}

    stored, poller = _poll(url, store, pipeline)  # unchanged feed: one conditional request, nothing read
    assert stored == 0 and poller.not_modified == 1
    assert site.requests[-1][1].get("If-None-Match") == site.pages["/feed.rss"][1]

    site.put("/feed.rss", _feed((3, 12), (1, 10), (2, 11)))  # one new entry on top
    stored, poller = _poll(url, store, pipeline)
    assert stored == 1 and poller.skipped_seen == 2
    assert len(list(store.records())) == 3


def test_sources_feed_state_survives_a_new_store_object(site, tmp_path, pipeline):
    url = site.put("/feed.rss", _feed((1, 10)))
    _poll(url, Store(tmp_path / "a.db"), pipeline)
    site.put("/feed.rss", _feed((1, 10), (2, 11)))  # new etag, one old entry
    stored, poller = _poll(url, Store(tmp_path / "a.db"), pipeline)
    assert (stored, poller.skipped_seen) == (1, 1)


def test_sources_since_skips_older_entries(site, tmp_path, pipeline):
    url = site.put("/feed.rss", _feed((1, 3), (2, 20), (3, 21)))
    stored, poller = _poll(url, Store(tmp_path / "a.db"), pipeline, since="2025-05-15")
    assert stored == 2 and poller.skipped_old == 1


def test_sources_html_page_url_becomes_article_with_url(site, tmp_path, pipeline):
    html = (
        b"<html><head><title>Truce extended</title></head><body><nav>Home | World</nav><article><h1>Truce "
        b"extended</h1><p>Kestria and Valmont agreed on Tuesday to extend their truce by a month, the Swiss "
        b"foreign ministry said in a statement.</p><p>Talks resume in Geneva next week.</p></article></body></html>"
    )
    url = site.put("/news/truce.html", html)
    store = Store(tmp_path / "a.db")
    stored, _ = _poll(url, store, pipeline)
    assert stored == 1
    (record,) = store.records()
    assert record.article.url == url and "extend their truce" in record.text


@pytest.mark.parametrize("path", ["/missing.rss"])
def test_sources_http_error_names_url(site, path):
    with pytest.raises(FetchError) as err:
        fetch(site.base + path)
    assert "HTTP 404" in str(err.value) and site.base + path in str(err.value) and "[E108]" in str(err.value)


def test_sources_unreachable_and_bad_scheme_are_named_errors():
    with socket_closed_port() as port, pytest.raises(FetchError, match="cannot fetch"):
        fetch(f"http://127.0.0.1:{port}/feed.rss", timeout=5)
    with pytest.raises(FetchError, match="only http"):
        fetch("file:///etc/passwd")


def test_sources_oversized_response_refused(site):
    url = site.put("/big.rss", b"x" * 5000)
    with pytest.raises(TooLargeInput):
        fetch(url, max_bytes=1000)


def test_sources_errors_do_not_stop_other_sources(site, tmp_path, pipeline):
    good = site.put("/feed.rss", _feed((1, 10)))
    store = Store(tmp_path / "a.db")
    poller = SourcePoller(store=store)
    items = list(poller.read([site.base + "/gone.rss", good]))
    assert isinstance(items[0], FetchError)
    assert isinstance(items[1], RawArticle)


class socket_closed_port:
    """A loopback port with nothing listening on it."""

    def __enter__(self) -> int:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc: object) -> None:
        pass


def _count(db) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _wait_for(predicate, timeout: float = 120.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_sources_watch_picks_up_new_files_and_stops_on_sigterm(tmp_path):
    inbox, db = tmp_path / "inbox", tmp_path / "w.db"
    inbox.mkdir()
    (inbox / "one.txt").write_text("Kestria and Valmont signed a prisoner exchange deal in Doha on Monday.\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord.cli", "watch", str(inbox), "--db", str(db), "--interval", "0.3"],
        stderr=subprocess.PIPE,
    )
    try:
        assert _wait_for(lambda: _count(db) == 1), "first file not ingested"
        (inbox / "two.txt").write_text("Valmont shelled border villages in Kestria on Tuesday, killing three.\n")
        assert _wait_for(lambda: _count(db) == 2), "file dropped while watching not ingested"
        (inbox / ".partial.txt").write_text("hidden files are skipped")
        time.sleep(1.0)
        assert _count(db) == 2
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err.decode()
    assert b"watch stopped" in err


@pytest.mark.slow
def test_sources_watch_once_polls_feed_file_and_remembers_entries(tmp_path):
    feed, db = tmp_path / "wire.rss", tmp_path / "w.db"
    feed.write_bytes(_feed((1, 10), (2, 11)))
    cmd = [sys.executable, "-m", "accord.cli", "watch", str(feed), "--db", str(db), "--once"]
    first = subprocess.run(cmd, capture_output=True, timeout=300)
    assert first.returncode == 0, first.stderr.decode()
    assert _count(db) == 2
    feed.write_bytes(_feed((3, 12), (2, 11), (1, 10)))
    second = subprocess.run(cmd, capture_output=True, timeout=300)
    assert second.returncode == 0 and _count(db) == 3
    assert b"2 feed entries seen before" in second.stderr
