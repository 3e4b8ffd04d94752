"""Writing systems of characters and texts, from the Unicode character names."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# Scripts whose letters stand in for one another in "mixed-script" tokens.
LATIN, CYRILLIC, GREEK = "LATIN", "CYRILLIC", "GREEK"
# Han ideographs are named "CJK UNIFIED IDEOGRAPH-4E2D"; kana and hangul have their own names.
_ALIASES = {"CJK": "HAN", "HIRAGANA": "KANA", "KATAKANA": "KANA", "HALFWIDTH": "KANA"}


@lru_cache(maxsize=8192)
def script_of(char: str) -> str | None:
    """The script of a letter ("LATIN", "CYRILLIC", "HAN", "ARABIC", ...), None for a non-letter."""
    if not char.isalpha():
        return None
    try:
        first = unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return None
    return _ALIASES.get(first, first)


# Every byte but the ASCII letters: what bytes.translate deletes to count them.
_NOT_ASCII_LETTER_BYTES = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
ASCII_LETTER = re.compile(r"[A-Za-z]")


def non_ascii_chars(text: str) -> set[str]:
    """The distinct characters of ``text`` beyond ASCII. The ASCII runs are cut
    out in C first: an English article's few `’` and `—` make a set of a few
    characters, not of its 6,000."""
    return set(_ASCII_RUNS.sub("", text))


def has_latin_letter(text: str) -> bool:
    """Whether ``text`` holds a letter of the Latin script: an ASCII one, found
    in C, or `é`, `ñ`... A line of Russian or Greek prose has none."""
    return ASCII_LETTER.search(text) is not None or any(script_of(c) == LATIN for c in non_ascii_chars(text))


def script_counts(text: str) -> Counter[str]:
    """Letters per script. ASCII letters are counted in C over bytes (the
    text's ASCII characters, encoded, less every byte that is no letter): this
    runs on every sentence of every document, and a regex removing the
    non-letters took ten times as long."""
    counts: Counter[str] = Counter()
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER_BYTES))
    if latin:
        counts[LATIN] = latin
    if text.isascii():
        return counts
    # Characters are counted by Counter's C loop, scripts per distinct
    # character: a Russian article is all non-ASCII, and a Python loop per
    # character was a tenth of its time. Scripts keep the order in which
    # their first letter appears.
    for char, n in Counter(_ASCII_RUNS.sub("", text)).items():
        script = script_of(char)
        if script:
            counts[script] += n
    return counts


def main_script(text: str) -> str | None:
    if text.isascii():  # script_counts would count its ASCII letters, all Latin
        return LATIN if ASCII_LETTER.search(text) else None
    # Latin, counted first, wins ties: a text with no more characters beyond
    # ASCII than ASCII letters is Latin whatever those characters are (an
    # English article is not ASCII for its `’` and `—`).
    ascii_part = text.encode("ascii", "ignore")
    if len(text) - len(ascii_part) <= len(ascii_part.translate(None, _NOT_ASCII_LETTER_BYTES)):
        return LATIN
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else None
