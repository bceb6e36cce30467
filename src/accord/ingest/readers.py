"""Readers for plain text, JSONL/JSON, HTML, directories and stdin.

Each yields ``RawArticle | InputError`` in input order. Size, binary and encoding checks run on
the bytes before anything is decoded, so a hostile file costs little and names itself.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from accord.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    MalformedInput,
    TooLargeInput,
)
from accord.ingest.raw import RawArticle, parse_published

#: Largest single article body we accept (bytes). A news article is rarely over 100 KB.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
#: Largest JSONL file line (one article) we accept.
MAX_LINE_BYTES = MAX_ARTICLE_BYTES
#: Largest input file we accept at all (a JSONL file of many articles may be large).
MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}

Result = RawArticle | InputError


def decode(data: bytes, origin: str) -> str:
    """Decode input bytes: UTF-8 (with or without BOM) or UTF-16/32 with a BOM.

    Anything else is an :class:`EncodingError` that says where decoding failed.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_with(data, "utf-32", origin)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_with(data, "utf-16", origin)
    if b"\x00" in data[:8192]:
        raise BinaryInput("looks binary (NUL bytes); expected UTF-8 text, HTML or JSONL", source=origin)
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls / len(sample) > 0.05:
        raise BinaryInput("looks binary (control bytes); expected UTF-8 text, HTML or JSONL", source=origin)
    return _decode_with(data, "utf-8", origin)


def _decode_with(data: bytes, encoding: str, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not valid {encoding.upper()} at byte {exc.start}; re-encode it as UTF-8 "
            "(for example: iconv -f cp1252 -t utf-8)",
            source=origin,
        ) from None


def _check_size(n: int, limit: int, origin: str, what: str = "article") -> None:
    if n > limit:
        raise TooLargeInput(
            f"{what} is {n / 2**20:.1f} MiB, over the {limit / 2**20:.0f} MiB limit; split it or raise the limit",
            source=origin,
        )


def _nonempty(text: str, origin: str) -> str:
    if not text.strip():
        raise EmptyInput("is empty (no text to read)", source=origin)
    return text


def _check_unicode(value: str, key: str, origin: str, line: int | None) -> None:
    """JSON escapes can smuggle in what no UTF-8 file holds: lone surrogates (which no database can
    store) and, in metadata, NUL characters (which PostgreSQL refuses). Name the field instead."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EncodingError(
            f"field {key!r} holds an unpaired surrogate (\\u{ord(value[exc.start]):04x}) at character {exc.start}",
            source=origin,
            line=line,
        ) from None
    if key != "text" and "\x00" in value:
        raise MalformedInput(f"field {key!r} holds a NUL character", source=origin, line=line)


def article_from_mapping(obj: object, origin: str, line: int | None = None) -> RawArticle:
    """Build a RawArticle from a JSON object with at least ``text``."""
    if not isinstance(obj, dict):
        raise MalformedInput(
            f"expected a JSON object with a 'text' field, got {type(obj).__name__}", source=origin, line=line
        )
    text = obj.get("text")
    if not isinstance(text, str):
        raise MalformedInput("missing 'text' (a string) in JSON object", source=origin, line=line)
    if not text.strip():
        raise EmptyInput("has an empty 'text'", source=origin, line=line)
    _check_unicode(text, "text", origin, line)
    _check_size(len(text.encode("utf-8", "surrogatepass")), MAX_ARTICLE_BYTES, f"{origin}:{line}" if line else origin)
    fields: dict[str, str | None] = {}
    for key in ("id", "url", "title", "source", "language"):
        value = obj.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise MalformedInput(f"field {key!r} must be a string", source=origin, line=line)
        fields[key] = str(value) if value is not None else None
        if fields[key] is not None:
            _check_unicode(fields[key], key, origin, line)  # type: ignore[arg-type]
    where = f"{origin}:{line}" if line is not None else origin
    published = parse_published(obj.get("published"), source=where)
    return RawArticle(text=text, origin=where, published=published, **fields)


def read_jsonl(stream: Iterable[bytes], origin: str) -> Iterator[Result]:
    """One article per line; a bad line is an error for that line and reading goes on."""
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            _check_size(len(raw), MAX_LINE_BYTES, f"{origin}:{lineno}", "line")
            line = decode(raw, f"{origin}:{lineno}")
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInput(
                    f"invalid JSON ({exc.msg} at column {exc.colno})", source=origin, line=lineno
                ) from None
            except RecursionError:
                raise MalformedInput("JSON nested too deeply", source=origin, line=lineno) from None
            yield article_from_mapping(obj, origin, lineno)
        except InputError as err:
            yield err


def read_json(data: bytes, origin: str) -> Iterator[Result]:
    """A JSON object, or a JSON array of objects."""
    try:
        text = _nonempty(decode(data, origin), origin)
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MalformedInput(f"invalid JSON ({exc.msg} at line {exc.lineno})", source=origin) from None
        except RecursionError:
            raise MalformedInput("JSON nested too deeply", source=origin) from None
    except InputError as err:
        yield err
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(items, start=1):
        try:
            yield article_from_mapping(item, origin, i if isinstance(obj, list) else None)
        except InputError as err:
            yield err


def read_html(data: bytes, origin: str, *, stem: str | None = None) -> RawArticle:
    """Main text of an HTML page (boilerplate removed) with title and date from its metadata."""
    import trafilatura

    html = _nonempty(decode(data, origin), origin)
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on hostile markup
        raise MalformedInput(f"cannot parse HTML ({type(exc).__name__}: {exc})", source=origin) from None
    if doc is None:
        raise EmptyInput("no main text found in the HTML", source=origin)
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = get("text") or ""
    if not text.strip():
        raise EmptyInput("no main text found in the HTML", source=origin)
    published = None
    if get("date"):
        try:
            published = parse_published(str(get("date"))[:10], source=origin)
        except InputError:
            published = None
    return RawArticle(
        text=text,
        origin=origin,
        id=stem,
        url=get("url"),
        title=get("title"),
        source=get("sitename") or get("hostname"),
        published=published,
        language=get("language"),
    )


def read_text(data: bytes, origin: str, *, stem: str | None = None) -> RawArticle:
    text = _nonempty(decode(data, origin), origin)
    return RawArticle(text=text, origin=origin, id=stem)


def read_bytes(data: bytes, origin: str, *, kind: str = "text", stem: str | None = None) -> Iterator[Result]:
    """Read one input's bytes as ``kind`` (text, html, json, jsonl, auto)."""
    if kind == "auto":
        kind = sniff(data)
    if kind == "warc":
        import io

        from accord.ingest.archives import read_warc

        yield from read_warc(io.BytesIO(data), origin)
        return
    if kind == "jsonl":
        yield from read_jsonl(data.splitlines(keepends=True), origin)
        return
    if kind == "json":
        yield from read_json(data, origin)
        return
    if kind == "feed":
        from accord.ingest.archives import is_feed, read_feed

        if is_feed(data):
            yield from read_feed(data, origin)
            return
        kind = "html" if b"<html" in data[:4096].lower() else "text"
    try:
        if not data.strip():
            raise EmptyInput("is empty (no text to read)", source=origin)
        _check_size(len(data), MAX_ARTICLE_BYTES, origin)
        if kind == "html":
            yield read_html(data, origin, stem=stem)
        else:
            yield read_text(data, origin, stem=stem)
    except InputError as err:
        yield err


def sniff(data: bytes) -> str:
    """Guess the kind of stdin: JSONL when the first non-blank byte opens an object, HTML for a tag."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    lowered = head[:512].lower()
    if head.startswith(b"WARC/"):
        return "warc"
    if (lowered.startswith(b"<?xml") and (b"<rss" in lowered or b"<feed" in lowered)) or lowered.startswith(b"<rss"):
        return "feed"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    return "text"


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if any(name.endswith(s) for s in WARC_SUFFIXES):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def files_under(folder: Path) -> Iterator[Path]:
    """The files of a folder, recursively and sorted; hidden files and folders (``.name``) skipped."""
    for child in sorted(folder.rglob("*")):
        if child.is_file() and not any(part.startswith(".") for part in child.relative_to(folder).parts):
            yield child


def read_path(path: str | os.PathLike[str]) -> Iterator[Result]:
    """Read a file or (recursively, sorted, hidden files skipped) a directory."""
    p = Path(path)
    origin = str(path)
    if p.is_dir():
        for child in files_under(p):
            yield from read_path(child)
        return
    try:
        if not p.exists():
            raise InputError("no such file or directory", source=origin)
        size = p.stat().st_size
        kind = kind_of(p)
        if kind == "jsonl":
            _check_size(size, MAX_FILE_BYTES, origin, "file")
            with p.open("rb") as fh:
                yield from read_jsonl(fh, origin)
            return
        if kind == "warc":
            from accord.ingest.archives import read_warc_path

            _check_size(size, MAX_FILE_BYTES, origin, "file")
            yield from read_warc_path(p)
            return
        _check_size(size, MAX_ARTICLE_BYTES if kind != "json" else MAX_FILE_BYTES, origin, "file")
        data = p.read_bytes()
    except InputError as err:
        yield err
        return
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror or exc})", source=origin)
        return
    yield from read_bytes(data, origin, kind=kind, stem=p.stem)


def read_stdin(stream: BinaryIO | None = None) -> Iterator[Result]:
    stream = stream or sys.stdin.buffer
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield TooLargeInput("standard input is over the size limit", source="<stdin>")
        return
    yield from read_bytes(data, "<stdin>", kind="auto")


def read_inputs(paths: Iterable[str]) -> Iterator[Result]:
    """Read every input named on a command line (``-`` is stdin), in order."""
    for path in paths:
        if path == "-":
            yield from read_stdin()
        else:
            yield from read_path(path)
