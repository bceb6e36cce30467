"""Write the hostile and broken input corpus that ``tests/test_hostile.py`` feeds to accord.

Each case is one file whose name says what it is; :data:`EXPECT` says what accord must do with it:
``"record"`` (a schema-valid record whose spans equal the text), ``"error"`` (a clear per-input error
with a code, nothing stored), or ``"mixed"`` (a file of several inputs: some records, some errors).
Cases up to 20 KB are committed in ``tests/corpus/`` for reading; the tests write every case to a
temporary directory from :func:`cases`, and the big ones (50 MB single line, a 3 MB article) are
written at test time by :func:`write_big` so the repository stays small.

    python scripts/make_hostile_corpus.py [OUT_DIR]          # default: tests/corpus
    python scripts/make_hostile_corpus.py --big OUT_DIR      # also the big files
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import io
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: What accord must make of each case: record, error, or mixed (several inputs in one file).
EXPECT: dict[str, str] = {
    "empty.txt": "error",
    "whitespace.txt": "error",
    "binary.bin": "error",
    "zip_renamed.txt": "error",
    "nested_10000.html": "error",
    "scripts.html": "record",
    "invalid_utf8.txt": "error",
    "latin1.txt": "error",
    "utf16_bom.txt": "record",
    "utf16_bom_odd.txt": "error",
    "mojibake.txt": "record",
    "controls.txt": "record",
    "rtl_arabic.txt": "record",
    "rtl_hebrew.txt": "record",
    "bidi_mixed.txt": "record",
    "emoji.txt": "record",
    "french.txt": "record",
    "russian.txt": "record",
    "chinese.txt": "record",
    "quotes_5000.txt": "record",
    "quotes_unbalanced.txt": "record",
    "feb31_text.txt": "record",
    "dates.jsonl": "mixed",
    "bad_lines.jsonl": "mixed",
    "bad_array.json": "mixed",
    "only_markup.html": "error",
    "truncated.warc.gz": "mixed",
    "garbage.warc.gz": "error",
    "feed_broken.rss": "error",
    "long_words.txt": "record",
    "many_lines.txt": "record",
    "numbers.txt": "record",
}

#: Big cases written at test time: name -> expectation.
BIG_EXPECT: dict[str, str] = {
    "single_line_50mb.txt": "error",
    "single_line_50mb.jsonl": "error",
    "long_article_3mb.jsonl": "mixed",
    "huge_response.warc.gz": "mixed",
}

#: Cases larger than this are not committed; tests generate every case into a temporary directory.
COMMIT_LIMIT = 20_000

_PARA = (
    "Negotiators from both delegations met in Geneva on Tuesday to discuss a ceasefire along the "
    "northern front, the foreign ministry said. Shelling continued near the border overnight, and "
    "two civilians were killed, according to local officials. "
)


def _article(n: int = 2) -> str:
    return (_PARA * n).strip() + "\n"


def _nested(depth: int) -> bytes:
    inner = "<p>" + _article(3) + "</p>"
    return ("<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>").encode()


def _scripts() -> bytes:
    return (
        "<html><head><title>Talks resume</title><script>alert('x');document.cookie</script>"
        "<style>p{color:red}</style></head><body onload=\"steal()\">"
        "<article><h1>Talks resume in Geneva</h1>"
        f"<p>{_article(3)}</p>"
        "<p><img src=x onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">more</a></p>"
        "<script>var s = '</p><p>injected text from script</p>';</script>"
        "<noscript>Enable JavaScript to read this site</noscript>"
        "<iframe src=\"https://evil.invalid/\"></iframe>"
        "</article></body></html>"
    ).encode()


def _warc(pages: list[tuple[str, str, bytes]], *, truncate: int = 0) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, ctype, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                        length=len(body))
        writer.write_record(rec)
    data = buf.getvalue()
    return data[:-truncate] if truncate else data


def _page(title: str, place: str) -> bytes:
    body = _article(3).replace("Geneva", place)
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>".encode()


def cases() -> dict[str, bytes]:
    """Every small case, by file name."""
    rng = random.Random(11)
    out: dict[str, bytes] = {}
    out["empty.txt"] = b""
    out["whitespace.txt"] = " \t\n\r\n\u3000\u00a0\u200b\n".encode()
    out["binary.bin"] = bytes(rng.randrange(256) for _ in range(4096))
    out["zip_renamed.txt"] = b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(2000))
    out["nested_10000.html"] = _nested(10_000)
    out["scripts.html"] = _scripts()
    out["invalid_utf8.txt"] = _article().encode()[:100] + b"\xc3\x28\xff\xfe" + _article().encode()
    out["latin1.txt"] = "Le ministre a déclaré à Genève que les négociations reprendront.".encode("latin-1")
    out["utf16_bom.txt"] = codecs.BOM_UTF16_LE + _article().encode("utf-16-le")
    out["utf16_bom_odd.txt"] = codecs.BOM_UTF16_LE + _article().encode("utf-16-le") + b"\x41"
    out["mojibake.txt"] = (
        "The minister\u00e2\u20ac\u2122s envoy said talks in Caf\u00c3\u00a9 Riche resumed on Monday. "
        "\u00e2\u20ac\u0153We are close,\u00e2\u20ac\u009d he said. " + _article()
    ).encode()
    out["controls.txt"] = ("The\u200b army\u00ad said\x07 on\x1b Monday\u202e that\u2066 " + _article()).encode()
    out["rtl_arabic.txt"] = (
        "قال وزير الخارجية إن المفاوضات بين الوفدين ستستأنف في جنيف يوم الثلاثاء المقبل. "
        "وأضاف أن القصف استمر قرب الحدود خلال الليل وأن مدنيين اثنين قتلا، وفقا لمسؤولين محليين. "
        "وقال المتحدث باسم الحكومة إن وقف إطلاق النار يجب أن يحترم من جميع الأطراف.\n"
    ).encode()
    out["rtl_hebrew.txt"] = (
        "שר החוץ אמר כי המשא ומתן בין המשלחות יתחדש בז'נבה ביום שלישי הבא. "
        "לדבריו, ההפגזות נמשכו ליד הגבול במהלך הלילה ושני אזרחים נהרגו, כך לפי גורמים מקומיים. "
        "דובר הממשלה אמר כי על כל הצדדים לכבד את הפסקת האש.\n"
    ).encode()
    out["bidi_mixed.txt"] = (
        "Foreign Minister \u202bعبد الله\u202c met envoy \u2067אבי כהן\u2069 in Cairo on Monday, "
        "the ministry said. " + _article()
    ).encode()
    out["emoji.txt"] = (
        "🚨 BREAKING 🚨 Shelling hit Kharkiv overnight 💥💥, killing three people 😢, officials said. "
        "\"We will not stop 🇺🇦,\" the mayor said. 👨‍👩‍👧 families fled. " + _article()
    ).encode()
    out["french.txt"] = (
        "Les négociateurs des deux délégations se sont réunis mardi à Genève pour discuter d'un cessez-le-feu "
        "le long du front nord, a indiqué le ministère des affaires étrangères. Les bombardements se sont "
        "poursuivis près de la frontière pendant la nuit et deux civils ont été tués, selon les autorités "
        "locales. Le porte-parole du gouvernement a déclaré que la trêve devait être respectée par toutes "
        "les parties.\n"
    ).encode()
    out["russian.txt"] = (
        "Переговорщики обеих делегаций встретились во вторник в Женеве, чтобы обсудить прекращение огня на "
        "северном фронте, сообщило министерство иностранных дел. Обстрелы у границы продолжались всю ночь, "
        "погибли двое мирных жителей, по данным местных властей.\n"
    ).encode()
    out["chinese.txt"] = (
        "两国代表团的谈判人员周二在日内瓦会面，讨论北部前线的停火问题，外交部表示。"
        "据当地官员称，边境附近的炮击持续了一整夜，两名平民死亡。政府发言人表示，各方都必须遵守停火协议。\n"
    ).encode()
    out["quotes_5000.txt"] = (
        "The envoy said talks would resume. " + '"' * 5000 + " Officials said \"the truce holds\" " + "'" * 500
        + "\u201c" * 200 + "\n"
    ).encode()
    out["quotes_unbalanced.txt"] = (
        ('"We will fight on, the commander said. ' * 50) + '"\n' + _article()
    ).encode()
    out["feb31_text.txt"] = (
        "Troops entered the town on 31 February, the ministry said, and again on February 30, 2025. "
        "The accord signed on 29 February 2023 collapsed on 32 March. Talks are set for 0 May and 31/02/2025. "
        + _article()
    ).encode()
    good = {"id": "ok1", "title": "Talks resume", "published": "2025-05-16", "text": _article()}
    dates = [
        {**good, "id": "d1", "published": "2025-02-31"},
        {**good, "id": "d2", "published": "31 February 2025"},
        {**good, "id": "d3", "published": "2024-02-29"},
        {**good, "id": "d4", "published": 20250101},
        {**good, "id": "d5", "published": "2025-13-01T00:00:00Z"},
        {**good, "id": "d6", "published": "2025-05-16T25:61:00"},
        {**good, "id": "d7", "published": "", "text": "Fighting resumed on 31 February near the border. " + _article()},
        {**good, "id": "d8", "published": "0001-01-01"},
        {**good, "id": "d9", "published": "9999-12-31"},
    ]
    out["dates.jsonl"] = ("\n".join(json.dumps(d, ensure_ascii=False) for d in dates) + "\n").encode()
    deep = "[" * 100_000 + "]" * 100_000
    bad = [
        json.dumps(good).encode(),
        b"{not json",
        b'"just a string"',
        b"[1, 2, 3]",
        b'{"title": "no text"}',
        b'{"text": 42}',
        b'{"text": "   "}',
        b'{"text": "Talks resumed.", "id": {"nested": true}}',
        b'{"text": "Talks \xff\xfe resumed."}',
        b"\x00\x01\x02\x03binary line\x00",
        deep.encode(),
        b'{"text": "' + b"[" * 50 + b'"}',
        b'{"text": "The envoy said \\ud800 talks resumed in Geneva on Monday.", "id": "surrogate"}',
        b'{"text": "The envoy spoke in Geneva.", "id": "nul-title", "title": "Tal\\u0000ks"}',
        b'{"text": "Talks resumed in Geneva on Monday.", "id": "dup"}',
        b'{"text": "Talks resumed in Geneva on Monday.", "id": "dup"}',
        b"\xef\xbb\xbf" + json.dumps({**good, "id": "bom-line"}).encode(),
        json.dumps({**good, "id": "last"}).encode(),
    ]
    out["bad_lines.jsonl"] = b"\n".join(bad) + b"\n"
    array = [good | {"id": "arr1"}, 5, {"text": None}, {"text": _article(), "id": "arr2"}]
    out["bad_array.json"] = json.dumps(array).encode()
    out["only_markup.html"] = b"<html><body><div><span></span><script>var a = 1;</script></div></body></html>"
    out["truncated.warc.gz"] = _warc(
        [("https://news.example/a", "text/html", _page("Truce holds", "Idlib")),
         ("https://news.example/b", "text/html", _page("Talks fail", "Aleppo"))],
        truncate=300,
    )
    head = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n"
    out["garbage.warc.gz"] = gzip.compress(head + b"x" * 50)
    out["feed_broken.rss"] = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>x'
    out["long_words.txt"] = ("Talks " + "a" * 50_000 + " resumed in Geneva on Monday. " + "x" * 100_000 + "\n").encode()
    out["many_lines.txt"] = ("Talks resumed.\n" * 20_000).encode()
    out["numbers.txt"] = (" ".join(str(rng.randrange(10**12)) for _ in range(5000)) + ". " + _article()).encode()
    assert set(out) == set(EXPECT), set(out) ^ set(EXPECT)
    return out


def write_big(out_dir: Path) -> dict[str, Path]:
    """Write the big cases (about 110 MB in all) into ``out_dir``; returns name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    line = ("Shelling continued near the border overnight. " * 1_100_000)[: 50 * 2**20]
    p = out_dir / "single_line_50mb.txt"
    p.write_text(line, encoding="utf-8")
    paths[p.name] = p
    p = out_dir / "single_line_50mb.jsonl"
    with p.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "ok-before", "text": _article()}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": line}) + "\n")
        fh.write(json.dumps({"id": "ok-after", "text": _article()}) + "\n")
    paths[p.name] = p
    p = out_dir / "long_article_3mb.jsonl"
    long_text = (_PARA * 20_000)[: 3 * 2**20]
    with p.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "ok-before", "text": _article()}) + "\n")
        fh.write(json.dumps({"id": "long", "text": long_text}) + "\n")
        fh.write(json.dumps({"id": "ok-after", "text": _article(3)}) + "\n")
    paths[p.name] = p
    p = out_dir / "huge_response.warc.gz"
    big_page = b"<html><body><article><p>" + (_PARA.encode() * 120_000) + b"</p></article></body></html>"
    p.write_bytes(_warc([("https://news.example/ok", "text/html", _page("Ok", "Doha")),
                         ("https://news.example/huge", "text/html", big_page)]))
    paths[p.name] = p
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(REPO / "tests" / "corpus"))
    ap.add_argument("--all", action="store_true", help="also the cases over 20 KB (the tests write them to tmp)")
    ap.add_argument("--big", action="store_true", help="also write the big files (about 110 MB)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in cases().items():
        if len(data) <= COMMIT_LIMIT or args.all:
            (out / name).write_bytes(data)
    (out / "EXPECT.json").write_text(json.dumps(EXPECT, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.big:
        write_big(out)
    print(f"wrote {len(EXPECT) + (len(BIG_EXPECT) if args.big else 0)} cases to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
