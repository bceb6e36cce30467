"""The dashboard in a real browser (Debian's Chromium via Playwright) against a real uvicorn server.

Checks what a user sees: the page loads with no console errors and no request leaving 127.0.0.1, the
map and charts draw the fixture data, a filter changes the counts, clicking an event opens its article
with the evidence highlighted, and markup inside an article stays text. Screenshots go to artifacts/.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    import uvicorn

    from accord.api import create_app
    from accord.api.synthetic import fixture_records, load
    from accord.store import Store, relink

    store = Store(tmp_path_factory.mktemp("dash") / "dash.db")
    load(store, fixture_records())
    relink(store)
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class PageWatch:
    """A page that records console errors, page errors, dialogs and every request's host."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.hosts: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.hosts.append(urlparse(r.url).hostname or r.url.split(":")[0]))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.base = base

    def open(self) -> None:
        self.page.goto(self.base + "/")
        self.page.wait_for_selector("body[data-ready]", timeout=20000)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser, server) -> Iterator[PageWatch]:
    w = PageWatch(browser, server)
    yield w
    w.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_dashboard_loads_offline_without_errors(watch):
    watch.open()
    page = watch.page
    page.wait_for_selector("#map svg g.mark-symbol.role-mark path")
    _shot(page, "dashboard")
    assert watch.errors == []
    assert watch.hosts and set(watch.hosts) <= {"127.0.0.1", "data"}, set(watch.hosts)
    assert page.text_content("#counts").startswith("8 events")
    # Map: the world outlines and one circle per located event; timeline and dyad charts drawn.
    assert page.locator("#map svg .mark-shape path").count() > 20
    assert page.locator("#map svg g.mark-symbol.role-mark path").count() == 7
    assert page.locator("#timeline svg g.mark-rect.role-mark path").count() >= 5
    assert page.locator("#dyad svg g.mark-line.role-mark path").count() == 1
    assert "events" in page.text_content("#dyad-summary")
    assert page.locator("#agreements tbody tr").count() == 2
    assert page.locator("#events li").count() == 8


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [("#f-type", "ASSAULT", "3 events"), ("#f-country", "SDN", "2 events"), ("#f-since", "2025-05-19", "2 events")],
)
def test_dashboard_filter_changes_counts(watch, field, value, expected):
    watch.open()
    page = watch.page
    before = page.get_attribute("body", "data-ready")
    if field.startswith("#f-since"):
        page.fill(field, value)
    else:
        page.select_option(field, value)
    page.click("#filters button[type=submit]")
    page.wait_for_function(f"document.body.dataset.ready !== '{before}'")
    assert page.text_content("#counts").startswith(expected)
    n = int(expected.split()[0])
    assert page.locator("#events li button").count() == n
    assert watch.errors == []


def test_dashboard_click_event_shows_evidence(watch):
    watch.open()
    page = watch.page
    page.click("#events button[data-event='kharkiv-strike:e1']")
    page.wait_for_selector("#article:not([hidden]) mark.focus")
    focus = " ".join(page.locator("#article-text mark.focus").all_text_contents())
    assert focus.startswith("Russian forces struck a residential block in Kharkiv")
    assert page.text_content("#article-title") == "Strike on Kharkiv block"
    _shot(page, "article")
    assert watch.errors == []


def test_dashboard_click_map_mark_opens_article(watch):
    watch.open()
    page = watch.page
    page.wait_for_selector("#map svg g.mark-symbol.role-mark path")
    page.locator("#map svg g.mark-symbol.role-mark path").first.click(force=True)
    page.wait_for_selector("#article:not([hidden]) mark.focus")
    assert page.locator("#article-text mark.focus").count() >= 1


def test_dashboard_merged_events_toggle(watch):
    watch.open()
    page = watch.page
    before = page.get_attribute("body", "data-ready")
    page.check("#events-merged")
    page.wait_for_function(f"document.body.dataset.ready !== '{before}'")
    assert "merged" in page.text_content("#events-note")
    items = page.locator("#events li button")
    assert items.count() == 8 and all(t.startswith("E") for t in [items.nth(i).get_attribute("data-event")
                                                                  for i in range(8)])  # fmt: skip
    assert "1 report" in items.first.text_content()
    page.locator("#events button", has_text="Kharkiv").click()  # opens the report behind the merged event
    page.wait_for_selector("#article:not([hidden]) mark.focus")
    assert page.get_attribute("#article", "data-article") == "kharkiv-strike"
    assert watch.errors == []


def test_dashboard_agreements_board_shows_linked_history(watch):
    watch.open()
    page = watch.page
    row = page.locator("#agreements tbody tr", has_text="prisoner exchange")
    assert row.locator("td.status").text_content() == "in-force"
    history = row.locator("button.history-item")
    assert history.all_text_contents() == ["2025-05-16: signed", "2025-05-25: in-force"]
    assert [history.nth(i).get_attribute("data-article") for i in range(2)] == ["istanbul-talks", "truce-collapse"]
    assert "Russian" in row.text_content() and "2 report(s)" in row.text_content()
    history.first.click()  # opens the report of the signing, its agreement evidence highlighted
    page.wait_for_selector("#article:not([hidden]) mark.focus")
    assert page.get_attribute("#article", "data-article") == "istanbul-talks"
    assert "agreed to exchange" in " ".join(page.locator("#article-text mark.focus").all_text_contents())
    assert watch.errors == []


def test_dashboard_markup_in_articles_renders_as_text(watch):
    watch.open()
    page = watch.page
    page.fill("#quote-q", "peace now")
    page.click("#quote-form button")
    page.wait_for_selector("#quotes button.quote-item")
    assert "<img src=x" in page.text_content("#quotes")
    page.click("#events button[data-event='markup:e1']")
    page.wait_for_selector("#article:not([hidden]) mark.focus")
    assert page.text_content("#article-title").startswith("<script>")
    assert "<script>window.__xss=3</script>" in page.text_content("#article-text")
    assert page.locator("#article img, #quotes img, #events img, #article script").count() == 0
    assert page.evaluate("window.__xss") is None
    assert watch.dialogs == []
    _shot(page, "markup")
    assert watch.errors == []


def test_dashboard_docs_page_offline(watch):
    page = watch.page
    page.goto(watch.base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert page.locator(".opblock").count() >= 10
    assert set(watch.hosts) <= {"127.0.0.1", "data"}, set(watch.hosts)
    assert watch.errors == []
