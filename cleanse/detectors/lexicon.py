"""The word list and the character model that mojibake repair chooses with
(cleanse/data/wordfreq.toml and cleanse/data/charmodel.toml).

Lossy mojibake leaves several possible originals and only a dictionary can
choose: `artÃ culo` is `artículo` (a soft hyphen turned into a space) rather
than ftfy's `artà culo`, because `artículo` is a Spanish word and `artà` is no
word at all; `K�nig` can only be `König`. The list holds, for 32 languages,
the most frequent words that contain a letter outside ASCII, with their Zipf
frequency, derived from wordfreq (CC-BY-SA 4.0) by scripts/derive_wordlist.py.
What the list does not hold (inflected forms, Chinese, Japanese, Hindi) the
character trigram model scores (CharModel, scripts/derive_charmodel.py). Both
are loaded on first use only: text without suspicious characters never pays
for them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

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
        self.common: dict[str, tuple[str, ...]] = {}
        for lang, block in common.items():
            for _, words in _lines(block):
                _add_language(self.common, words, lang)
        self.zipf: dict[str, float] = {}
        self.langs: dict[str, tuple[str, ...]] = {}
        self._zipfs: dict[str, tuple[float, ...]] = {}  # parallel to langs: the word's frequency in each
        for lang, block in table.items():
            for zipf, words in _lines(block):
                self._add(lang, zipf, words)
        self._sharp_s = {word: zipf for block in sharp_s.values() for word, zipf in _rows(block)}
        self._index: dict[str, list[str]] | None = None
        self._found: dict[tuple[str, tuple[int, ...]], list[str]] = {}  # lost_letter_candidates, per word shape

    def _add(self, lang: str, zipf: float, words: list[str]) -> None:
        """Record that ``lang`` lists ``words`` at frequency ``zipf``: each word
        gains the language, and its highest frequency is kept.

        A line's words new to the list (most of them: 194,000 distinct words in
        205,000 entries) go in with one dict update each, in their order, not
        one by one: the list loads in a third of the time, the same dicts in
        the same order. A word already listed is updated where it stands."""
        fresh = dict.fromkeys(words)
        listed = fresh.keys() & self.langs.keys()
        # Word by word where an update would differ: a word twice on the line
        # (its language twice), a frequency of 0 (`zipf` keeps only those
        # above it), or a listed word that `zipf` lacks (one listed at 0: it
        # would enter `zipf` at its place on this line).
        if len(fresh) != len(words) or zipf <= 0.0 or not listed <= self.zipf.keys():
            for word in words:
                self._add_one(lang, zipf, word)
            return
        if listed:
            for word in words:
                if word in listed:
                    self._add_one(lang, zipf, word)
                    del fresh[word]
        self.zipf.update(dict.fromkeys(fresh, zipf))
        self.langs.update(dict.fromkeys(fresh, (lang,)))
        self._zipfs.update(dict.fromkeys(fresh, (zipf,)))

    def _add_one(self, lang: str, zipf: float, word: str) -> None:
        if zipf > self.zipf.get(word, 0.0):
            self.zipf[word] = zipf
        self.langs[word] = (*self.langs.get(word, ()), lang)
        self._zipfs[word] = (*self._zipfs.get(word, ()), zipf)

    def frequency(self, word: str) -> float:
        """Zipf frequency of ``word`` in the language that uses it most, 0.0 if unlisted."""
        return self.zipf.get(word) or self.zipf.get(fold(word), 0.0)

    def frequencies(self, word: str) -> dict[str, float]:
        """Zipf frequency of ``word`` in each language that lists it (French lists
        `á`, rarely; Icelandic uses it as often as French uses `à`): read once for
        a word that is scored in each of the 32 languages."""
        key = word if word in self.langs else fold(word)
        found: dict[str, float] = {}
        for name, zipf in zip(self.langs.get(key, ()), self._zipfs.get(key, ()), strict=True):
            found.setdefault(name, zipf)  # a language listed twice: its first entry
        return found

    def languages(self, word: str) -> tuple[str, ...]:
        return self.langs.get(word) or self.langs.get(fold(word), ())

    def votes(self, words: Iterable[str]) -> dict[str, int]:
        """How many of ``words`` each language lists, among its accented words or
        its most frequent words (`die`, `und`): the document's likely languages."""
        counts: dict[str, int] = {}
        # Each distinct word is folded and looked up once (`the` is a tenth of an
        # article), with its number of occurrences: the same counts, in the order
        # the languages first appear.
        for word, times in Counter(words).items():
            key = fold(word)
            for lang in set(self.langs.get(key, ()) + self.common.get(key, ())):
                counts[lang] = counts.get(lang, 0) + times
        return counts

    def lost_letter_candidates(self, word: str, lost: str) -> list[str]:
        """Listed words that ``word`` can be when each run of ``lost`` characters
        (`?` or U+FFFD) stands for letters outside ASCII: `k?nig` -> [`könig`].

        A run of n marks is one character per mark (Latin-1 text read as UTF-8,
        or text encoded to ASCII with `?` for what did not fit) or one
        character whose UTF-8 form has n bytes (UTF-8 read as ASCII)."""
        if self._index is None:
            with data.collection_paused():
                self._index = self._build_index()
        pattern = re.sub(f"{re.escape(lost)}+", "?", fold(word))
        runs = tuple(len(m.group()) for m in re.finditer(f"{re.escape(lost)}+", word))
        # A lone `�` is the pattern `?`, which 36,000 listed words fit (every
        # word of one non-ASCII run: `中国`, `он`): 0.1-1 s to filter, once per
        # shape of word rather than once per occurrence.
        key = (pattern, runs)
        found = self._found.get(key)
        if found is None:
            found = self._fill(pattern, runs)
            if len(self._found) >= 4096:
                self._found.clear()
            self._found[key] = found
        return list(found)

    def _fill(self, pattern: str, runs: tuple[int, ...]) -> list[str]:
        found = []
        for candidate in self._index.get(pattern, ()):  # type: ignore[union-attr]
            filled = [m.group() for m in _NON_ASCII_RUN.finditer(candidate)]
            if len(filled) == len(runs) and all(
                n in (len(f), len(f.encode("utf-8"))) for n, f in zip(runs, filled, strict=True)
            ):
                found.append(candidate)
        return found

    def _build_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        # The most frequent first (a stable sort: reverse keeps ties in list
        # order), each word's key from one substitution over all of them (no
        # word holds a line end).
        words = sorted(self.zipf, key=self.zipf.__getitem__, reverse=True)
        keys = _NON_ASCII_RUN.sub("?", "\n".join(words)).split("\n")
        for key, word in zip(keys, words, strict=True):
            index.setdefault(key, []).append(word)
        # `strasse` may be `straße` where a letter was lost: every `ss` is a possible `ß`.
        for word, zipf in sorted(self._sharp_s.items(), key=lambda item: -item[1]):
            for match in re.finditer("ss", word):
                variant = word[: match.start()] + "ß" + word[match.end() :]
                self.zipf.setdefault(variant, zipf)
                if variant not in self.langs:
                    self.langs[variant], self._zipfs[variant] = ("de",), (zipf,)
                index.setdefault(_NON_ASCII_RUN.sub("?", variant), []).append(variant)
        return index


def _lines(block: str) -> Iterator[tuple[float, list[str]]]:
    """(value, words) of each line of a data block: `5.8 wäre müssen`."""
    for line in block.splitlines():
        value, *words = line.split(" ")
        if words:
            yield float(value), words


def _rows(block: str) -> Iterator[tuple[str, float]]:
    """(word, value) of each word of a data block."""
    for value, words in _lines(block):
        for word in words:
            yield word, value


def _add_language(languages: dict[str, tuple[str, ...]], words: list[str], lang: str) -> None:
    """Add ``lang`` to each word's languages; the words new to ``languages``
    in one update (see Lexicon._add)."""
    fresh = dict.fromkeys(words)
    if len(fresh) != len(words) or fresh.keys() & languages.keys():
        for word in words:
            languages[word] = (*languages.get(word, ()), lang)
    else:
        languages.update(dict.fromkeys(fresh, (lang,)))


@data.built_once
def lexicon() -> Lexicon:
    """The shared word list, parsed once per process (about 0.2 s, 205,000 words)."""
    table = data.load("wordfreq")
    return Lexicon(table["words"], table.get("sharp_s", {}), table.get("common", {}))


# ------------------------------------------------------------ character model

# Interpolation weights of the trigram, bigram and unigram estimates, and the
# floor for a character a language never uses (Czech has no `à`, so `danàch`
# is scored far below `daních` in a Czech line).
_MIX = (0.6, 0.3, 0.095)
_FLOOR = 0.005 * 1e-5
BOUNDARY = "_"


class CharModel:
    """Per-language character trigram model (cleanse/data/charmodel.toml).

    It scores words the word list does not hold, such as inflected forms
    (`объявило`, `daních`) and the characters of scripts without spaces
    (`北京是中国的首都`), so that a lost byte's candidates can be ranked:
    `объ?вило` is `объявило` (`бъя`, `ъяв` are frequent Russian trigrams),
    not `объсвило`. Trained on wordfreq's words weighted by frequency, the
    model also gives frequent short words their due (`le`, `de`)."""

    def __init__(self, table: dict[str, dict[str, str]]) -> None:
        self.languages = tuple(table)
        self._grams: dict[str, dict[str, float]] = {}
        self._totals: dict[str, float] = {}
        for lang, orders in table.items():
            grams: dict[str, float] = {}
            for name in ("uni", "bi", "tri"):
                for value, line_grams in _lines(orders.get(name, "")):
                    grams.update(dict.fromkeys(line_grams, 10.0**value))  # a line's grams share their value
            self._grams[lang] = grams
            self._totals[lang] = sum(w for g, w in grams.items() if len(g) == 1 and g != BOUNDARY)
        self._cache: dict[tuple[str, str], float] = {}

    def word_log10(self, lang: str, word: str) -> float:
        """log10 of the probability of ``word`` (case-folded letters) as a word of ``lang``."""
        key = (lang, word)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        grams = self._grams[lang]
        total = self._totals[lang]
        padded = BOUNDARY + word + BOUNDARY
        get = grams.get
        logp = 0.0
        for i in range(1, len(padded)):
            c, b = padded[i], padded[i - 1]
            p1 = get(c, 0.0) / total if c != BOUNDARY else 0.0
            bw = get(b, 0.0)
            p2 = get(b + c, 0.0) / bw if bw else 0.0
            p3 = 0.0
            if i >= 2:
                aw = get(padded[i - 2] + b, 0.0)
                if aw:
                    p3 = get(padded[i - 2] + b + c, 0.0) / aw
            p = _MIX[0] * p3 + _MIX[1] * p2 + _MIX[2] * p1
            logp += math.log10(p + _FLOOR)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = logp
        return logp

    def text_log10(self, words: list[str]) -> float:
        """log10 probability of case-folded ``words`` in the one language that likes them best."""
        return max(sum(self.word_log10(lang, word) for word in words) for lang in self.languages)


@data.built_once
def charmodel() -> CharModel:
    """The shared character model, parsed once per process."""
    return CharModel(data.load("charmodel"))
