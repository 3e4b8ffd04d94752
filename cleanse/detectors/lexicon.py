"""The word list that mojibake repair chooses with (cleanse/data/wordfreq.toml).

Lossy mojibake leaves several possible originals and only a dictionary can
choose: `artÃ culo` is `artículo` (a soft hyphen turned into a space) rather
than ftfy's `artà culo`, because `artículo` is a Spanish word and `artà` is no
word at all; `K�nig` can only be `König`. The list holds, for 32 languages,
the most frequent words that contain a letter outside ASCII, with their Zipf
frequency, derived from wordfreq (CC-BY-SA 4.0) by scripts/derive_wordlist.py.
It is loaded on first use only: text without suspicious characters never
pays for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from .. import data

LETTERS = re.compile(r"[^\W\d_]+")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def fold(word: str) -> str:
    """The lookup form of a word, as wordfreq stores it: NFC, case-folded
    (`Straße` -> `strasse`, Greek final `ς` -> `σ`)."""
    return unicodedata.normalize("NFC", word).casefold()


class Lexicon:
    """Zipf frequency and languages of each listed word, and an index from a
    word with lost letters (`k?nig`) to the words it can be."""

    def __init__(self, table: dict[str, str], sharp_s: dict[str, str], common: dict[str, str]) -> None:
        self.zipf: dict[str, float] = {}
        self.common: dict[str, tuple[str, ...]] = {}
        for lang, block in common.items():
            for word, _ in _rows(block):
                self.common[word] = (*self.common.get(word, ()), lang)
        self.langs: dict[str, tuple[str, ...]] = {}
        for lang, block in table.items():
            for word, zipf in _rows(block):
                if zipf > self.zipf.get(word, 0.0):
                    self.zipf[word] = zipf
                self.langs[word] = (*self.langs.get(word, ()), lang)
        self._sharp_s = {word: zipf for block in sharp_s.values() for word, zipf in _rows(block)}
        self._index: dict[str, list[str]] | None = None

    def frequency(self, word: str) -> float:
        """Zipf frequency of ``word`` in the language that uses it most, 0.0 if unlisted."""
        return self.zipf.get(word) or self.zipf.get(fold(word), 0.0)

    def languages(self, word: str) -> tuple[str, ...]:
        return self.langs.get(word) or self.langs.get(fold(word), ())

    def votes(self, words: Iterable[str]) -> dict[str, int]:
        """How many of ``words`` each language lists, among its accented words or
        its most frequent words (`die`, `und`): the document's likely languages."""
        counts: dict[str, int] = {}
        for word in words:
            key = fold(word)
            for lang in set(self.langs.get(key, ()) + self.common.get(key, ())):
                counts[lang] = counts.get(lang, 0) + 1
        return counts

    def lost_letter_candidates(self, word: str, lost: str) -> list[str]:
        """Listed words that ``word`` can be when each run of ``lost`` characters
        (`?` or U+FFFD) stands for letters outside ASCII: `k?nig` -> [`könig`].

        A run of n marks is one character per mark (Latin-1 text read as UTF-8,
        or text encoded to ASCII with `?` for what did not fit) or one
        character whose UTF-8 form has n bytes (UTF-8 read as ASCII)."""
        if self._index is None:
            self._index = self._build_index()
        pattern = re.sub(f"{re.escape(lost)}+", "?", fold(word))
        runs = [len(m.group()) for m in re.finditer(f"{re.escape(lost)}+", word)]
        found = []
        for candidate in self._index.get(pattern, ()):
            filled = [m.group() for m in _NON_ASCII_RUN.finditer(candidate)]
            if len(filled) == len(runs) and all(
                n in (len(f), len(f.encode("utf-8"))) for n, f in zip(runs, filled, strict=True)
            ):
                found.append(candidate)
        return found

    def _build_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for word in sorted(self.zipf, key=lambda w: -self.zipf[w]):
            index.setdefault(_NON_ASCII_RUN.sub("?", word), []).append(word)
        # `strasse` may be `straße` where a letter was lost: every `ss` is a possible `ß`.
        for word, zipf in sorted(self._sharp_s.items(), key=lambda item: -item[1]):
            for match in re.finditer("ss", word):
                variant = word[: match.start()] + "ß" + word[match.end() :]
                self.zipf.setdefault(variant, zipf)
                self.langs.setdefault(variant, ("de",))
                index.setdefault(_NON_ASCII_RUN.sub("?", variant), []).append(variant)
        return index


def _rows(block: str) -> Iterable[tuple[str, float]]:
    for line in block.splitlines():
        zipf, *words = line.split(" ")
        if words:
            value = float(zipf)
            for word in words:
                yield word, value


@cache
def lexicon() -> Lexicon:
    """The shared word list, parsed once per process (about 0.3 s, 205,000 words)."""
    table = data.load("wordfreq")
    return Lexicon(table["words"], table.get("sharp_s", {}), table.get("common", {}))
