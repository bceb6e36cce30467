"""A cheap language guess for the article body, so non-English input is recorded as such.

accord's pipeline is English. The guess reads the first few thousand characters: the writing system
decides for non-Latin scripts (Arabic, Hebrew, Cyrillic, CJK, ...); for Latin script, counts of very
common function words decide between English and a few other languages. It answers ``"en"`` unless
the evidence against English is clear, so an English article is never skipped on a hunch.
"""

from __future__ import annotations

import re
import unicodedata

_SCRIPTS = (
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("CYRILLIC", "ru"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("HANGUL", "ko"),
    ("CJK", "zh"),
    ("GREEK", "el"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
    ("ARMENIAN", "hy"),
    ("GEORGIAN", "ka"),
    ("ETHIOPIC", "am"),
)

#: Very common function words (our own short lists); words shared with English are left out.
_FUNCTION_WORDS = {
    "en": "the of and to in is that was for on with said as by at from his have has were which",
    "fr": "le la les des du et est une dans pour que qui sur au aux avec ont été selon",
    "es": "el la los las del y en que una por con para según fue han sido",
    "de": "der die das und ist nicht mit den dem von zu auf sich des ein eine wurde",
    "pt": "o os da do das dos e em que uma para com não foi segundo",
    "it": "il lo gli della delle del e che una per con non sono è stato",
}
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str, sample: int = 4000) -> str:
    """ISO 639-1 code of the body's language (``"en"`` when unsure)."""
    head = text[:sample]
    latin = 0
    other: dict[str, int] = {}
    for ch in head:
        if not ch.isalpha():
            continue
        if ch.isascii():
            latin += 1
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            latin += 1
            continue
        for prefix, code in _SCRIPTS:
            if name.startswith(prefix):
                if code == "ru" and ch in "іїєґІЇЄҐ":
                    code = "uk"
                other[code] = other.get(code, 0) + 1
                break
    letters = latin + sum(other.values())
    if not letters:
        return "en"
    if "uk" in other:  # Ukrainian-only letters make the whole Cyrillic run Ukrainian
        other["uk"] += other.pop("ru", 0)
    if other:
        code, n = max(other.items(), key=lambda kv: kv[1])
        if "ja" in other and code == "zh":
            code = "ja"  # kanji with kana is Japanese
        if n > latin:
            return code
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < 8:
        return "en"
    counts = {lang: 0 for lang in _FUNCTION_WORDS}
    sets = {lang: set(ws.split()) for lang, ws in _FUNCTION_WORDS.items()}
    for w in words:
        for lang, ws in sets.items():
            if w in ws:
                counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    if best != "en" and counts[best] >= 3 and counts[best] > 2 * counts["en"]:
        return best
    return "en"
