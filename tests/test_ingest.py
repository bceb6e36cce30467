"""Readers: every input gives an article or an error that names it; bad inputs never stop the rest."""

from __future__ import annotations

import codecs
import io
import json

import pytest

from accord.errors import BadDate, BinaryInput, EmptyInput, EncodingError, InputError, MalformedInput, TooLargeInput
from accord.ingest import RawArticle, parse_published, read_inputs, read_path, read_stdin, readers


def _one(results):
    results = list(results)
    assert len(results) == 1, results
    return results[0]


def test_ingest_text_file_uses_stem_as_id(tmp_path):
    p = tmp_path / "kharkiv-strike.txt"
    p.write_text("A missile hit Kharkiv on Tuesday.", encoding="utf-8")
    art = _one(read_path(p))
    assert isinstance(art, RawArticle)
    assert art.id == "kharkiv-strike" and art.text.startswith("A missile")
    assert art.origin == str(p)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b"   \n\t  \n", EmptyInput),
        (b"\x00\x01\x02\x03binary\x00", BinaryInput),
        (bytes(range(1, 9)) * 200, BinaryInput),
        ("Caf\u00e9 talks".encode("cp1252"), EncodingError),
        (b"\xff\xfe\xff invalid", EncodingError),
    ],
)
def test_ingest_bad_text_files_give_named_errors(tmp_path, data, error):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    err = _one(read_path(p))
    assert isinstance(err, error)
    assert str(p) in str(err) and err.code.startswith("E1")


def test_ingest_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + "Talks resumed in Doha.".encode("utf-16-le"))
    assert _one(read_path(p)).text == "Talks resumed in Doha."


def test_ingest_utf8_bom_is_dropped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + b"Talks resumed.")
    assert _one(read_path(p)).text == "Talks resumed."


def test_ingest_huge_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse 50 MB file
    err = _one(read_path(p))
    assert isinstance(err, TooLargeInput) and "50.0 MiB" in str(err)


def test_ingest_jsonl_bad_lines_are_errors_and_good_lines_survive(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Troops withdrew from the town.", "published": "2025-03-02"}),
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": "a3", "text": "Talks ended.", "published": "2025-02-31"}),
        json.dumps({"id": "a4", "text": "   "}),
        json.dumps({"id": 5, "text": "Numeric ids are kept as strings.", "title": "T"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_path(p))
    kinds = [type(r).__name__ for r in results]
    assert kinds == [
        "RawArticle",
        "MalformedInput",
        "MalformedInput",
        "MalformedInput",
        "BadDate",
        "EmptyInput",
        "RawArticle",
    ]
    assert results[0].published == "2025-03-02"
    assert f"{p}:2" in str(results[1])
    assert f"{p}:6" in str(results[4]) and "2025-02-31" in str(results[4])
    assert results[-1].id == "5"


def test_ingest_json_array(tmp_path):
    p = tmp_path / "two.json"
    p.write_text(json.dumps([{"text": "One."}, {"text": "Two.", "id": "b"}]), encoding="utf-8")
    results = list(read_path(p))
    assert [r.text for r in results] == ["One.", "Two."]


def test_ingest_malformed_json_file(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text('{"text": "unterminated', encoding="utf-8")
    assert isinstance(_one(read_path(p)), MalformedInput)


def test_ingest_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    body = " ".join(["Negotiators from both sides met in Doha on Monday to discuss a ceasefire."] * 6)
    p.write_text(
        "<html><head><title>Talks resume in Doha</title>"
        '<meta property="article:published_time" content="2025-04-07"></head>'
        "<body><nav>Home | World | Share this article</nav><article><h1>Talks resume in Doha</h1>"
        f"<p>{body}</p><p>{body}</p></article><footer>Cookie settings</footer></body></html>",
        encoding="utf-8",
    )
    art = _one(read_path(p))
    assert isinstance(art, RawArticle), art
    assert "Negotiators from both sides" in art.text
    assert "Cookie settings" not in art.text
    assert art.title == "Talks resume in Doha"
    assert art.published == "2025-04-07"


def test_ingest_html_without_text(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    assert isinstance(_one(read_path(p)), EmptyInput)


def test_ingest_directory_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    assert [r.text for r in read_path(tmp_path)] == ["First.", "Second."]


def test_ingest_missing_path_is_an_error():
    err = _one(read_inputs(["/nonexistent/file.txt"]))
    assert isinstance(err, InputError) and "no such file" in str(err)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'{"text": "x"}\n', "jsonl"),
        (b"<!DOCTYPE html><html></html>", "html"),
        (b"Plain words.", "text"),
        (b'[{"text": "x"}]', "json"),
    ],
)
def test_ingest_stdin_sniffs_kind(data, kind):
    assert readers.sniff(data) == kind
    assert list(read_stdin(io.BytesIO(data)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-05-16", "2025-05-16"), ("2025-05-16T08:30:00Z", "2025-05-16T08:30:00+00:00"), (None, None), ("", None)],
)
def test_ingest_published_parses_iso(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2025-02-30", "31/02/2025", "yesterday", "2025-13-01"])
def test_ingest_published_rejects_impossible_dates(value):
    with pytest.raises(BadDate) as exc:
        parse_published(value, source="in.jsonl:3")
    assert "in.jsonl:3" in str(exc.value)


def test_ingest_content_hash_is_stable_and_sensitive():
    a = RawArticle(text="Talks ended.", origin="x", id="a")
    assert a.content_hash == RawArticle(text="Talks ended.", origin="y", id="a").content_hash
    assert a.content_hash != RawArticle(text="Talks ended!", origin="x", id="a").content_hash
    assert RawArticle(text="t", origin="o").article_id().startswith("h")


def _warc(tmp_path, pages, *, truncate: int | None = None):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers, length=len(body)
            )
            writer.write_record(rec)
    if truncate:
        data = path.read_bytes()
        path.write_bytes(data[:-truncate])
    return path


_PAGE = (
    "<html><head><title>Truce holds in Idlib</title></head><body><article><p>"
    + "A fragile truce held in Idlib on Sunday as negotiators met in Ankara to extend it. " * 5
    + "</p></article></body></html>"
).encode()


def test_ingest_warc_html_responses_become_articles(tmp_path):
    path = _warc(
        tmp_path,
        [
            ("https://news.example/a", "text/html; charset=utf-8", _PAGE),
            ("https://news.example/logo.png", "image/png", b"\x89PNG..."),
        ],
    )
    [art] = list(read_path(path))
    assert isinstance(art, RawArticle), art
    assert art.url == "https://news.example/a" and "fragile truce" in art.text
    assert art.published  # from WARC-Date when the page has none


def test_ingest_truncated_warc_gives_error_after_good_records(tmp_path):
    path = _warc(
        tmp_path,
        [
            ("https://news.example/a", "text/html", _PAGE),
            ("https://news.example/b", "text/html", _PAGE.replace(b"Idlib", b"Aleppo")),
        ],
        truncate=300,
    )
    results = list(read_path(path))
    assert isinstance(results[0], RawArticle)
    assert any(isinstance(r, InputError) and "crawl.warc.gz" in str(r) for r in results[1:])


def test_ingest_rss_feed_entries(tmp_path):
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Meridian Wire</title>'
        "<item><title>Talks resume</title><link>https://m.example/1</link>"
        "<pubDate>Tue, 13 May 2025 08:00:00 GMT</pubDate>"
        "<description>Negotiators resumed talks in Doha on Tuesday.</description></item>"
        "<item><title>Empty</title><link>https://m.example/2</link></item></channel></rss>",
        encoding="utf-8",
    )
    results = list(read_path(feed))
    assert isinstance(results[0], RawArticle)
    assert results[0].title == "Talks resume" and results[0].published == "2025-05-13"
    assert results[0].source == "Meridian Wire" and "Doha" in results[0].text
    assert isinstance(results[1], EmptyInput) and "feed.rss#2" in str(results[1])
