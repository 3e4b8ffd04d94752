"""Writing systems of characters and texts, from the Unicode character names."""

from __future__ import annotations

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


def script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            script = script_of(char)
            if script:
                counts[script] += 1
    return counts


def main_script(text: str) -> str | None:
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else None
