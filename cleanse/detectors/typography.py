"""Typography of another language: quotation marks, ¿ ¡, full-width CJK
punctuation, a space before ``; : ? !``, decimal commas, date formats, and
homoglyphs (a Cyrillic ``С`` in ``°С``, a Cyrillic ``О`` in ``CОVID``).

Translators and MT systems carry the source language's conventions into the
target: on WMT news, MT output into English held CJK or full-width
punctuation in 63 units against 4 for human translations, guillemets in 6
against 0 (shared/research/translation_markers.md). Each mark is reported
only in documents whose language does not use it (data/translation.toml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .. import data
from ..document import Document
from ..language import language_name
from ..rules import rule
from .base import Context, Detector, Hit
from .script import ASCII_LETTER, CYRILLIC, GREEK, LATIN, non_ascii_chars, script_of
from .textutil import LiteralCheck

FOREIGN_PUNCTUATION = rule(
    id="TRN007", name="foreign-punctuation", category="translation", severity="warning",
    summary="Punctuation of another language: «guillemets» or „German quotes“ in English, ¿ ¡, full-width 、。・.",
    rationale="Source-language typography survives translation: an English article quoting with «» was written "
              "in French, Spanish or Russian first; a `・` comes from Japanese. Not reported in documents whose "
              "language uses the mark.",
    example="Peskov called it «a positive development».",
    fix="report only",
)
FOREIGN_DATE = rule(
    id="TRN008", name="foreign-date", category="translation", severity="warning",
    summary="A date written with another language's month names: `16 de enero de 2026` in English.",
    rationale="Dates are easy to miss when translating; a Spanish or German date in an English article is "
              "untranslated residue and names its source language.",
    example="The decree of 16 de enero de 2026 takes effect on Monday.",
    fix="report only",
)
HOMOGLYPH = rule(
    id="TRN009", name="mixed-script-token", category="translation", severity="warning",
    summary="A word mixing Latin with Cyrillic or Greek look-alike letters: `CОVID` (Cyrillic О), `°С`.",
    rationale="A Cyrillic С typed for the Latin C (common in Russian-sourced text: `−15 °С`) looks right but "
              "breaks search, tokenisers and deduplication. Latin-majority words are repaired letter by letter "
              "from the Unicode confusables data. Russian chess notation writes its pieces in Cyrillic and "
              "its squares in Latin (`2.Кf3`, `6.Сe2`): those moves stay as printed.",
    example="CОVID-19 cases rose; it was −15 °С in Moscow.",
    fix="replaces the look-alike letters with Latin ones",
)

CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DEGREE_C = re.compile("°\\s?[\u0421\u0441]")  # degree sign + Cyrillic Es
# Russian chess notation names a piece in Cyrillic and its square in Latin:
# `1.e4 c5 2.Кf3 d6 3.Сb5+` (К knight, С bishop, Л rook, Ф queen, Кр king),
# `Кbd7`, `Лxe1`. Each move is a word of both scripts, as printed.
_CHESS_MOVE = re.compile(r"(?:Кр|[КСЛФ])[a-h1-8]?[x:]?[a-h][1-8](?![\w])")


@lru_cache(maxsize=1)
def _specs():
    spec = data.load("translation")
    punctuation = [(re.compile(p["pattern"]), p) for p in spec["punctuation"]]
    homoglyphs = dict(spec["homoglyphs"])
    return punctuation, homoglyphs


@lru_cache(maxsize=1)
def punctuation_gates() -> list[re.Pattern[str] | None]:
    """Per punctuation spec (in _specs order), its own gate, if it has one: a
    pattern that finds something wherever the spec's pattern can match."""
    return [re.compile(p["gate"]) if "gate" in p else None for p in data.load("translation")["punctuation"]]


@lru_cache(maxsize=64)
def _date_pattern(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """Per other language, a pattern for `16 de enero de 2026` / `16. Januar 2026`
    built from month names that the document's language does not share."""
    months = data.load("dates")["months"]
    own = {m.lower() for m in months.get(language, ())}
    patterns = []
    for other, names in months.items():
        if other == language:
            continue
        distinct = sorted({n for n in names if len(n) >= 4 and n.lower() not in own}, key=len, reverse=True)
        if distinct:
            patterns.append((other, _date_regex(distinct)))
    return patterns


def _date_regex(names: list[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in names)
    # `\b\d{1,2}` written to start with the digit (`(?<!\w\d)` is the `\b`
    # before it): the engine skips to the next digit in C instead of trying
    # the pattern at every position, twice as fast over a news article.
    return re.compile(rf"\d(?<!\w\d)\d?\.?\s+(?:de\s+)?(?:{alternation})\s+(?:de\s+)?\d{{4}}\b", re.I)


@lru_cache(maxsize=64)
def _any_date_pattern(language: str) -> re.Pattern[str] | None:
    """The date pattern of _date_pattern with the month names of every other
    language at once: it matches where one of theirs does, in one scan
    instead of one per language."""
    months = data.load("dates")["months"]
    own = {m.lower() for m in months.get(language, ())}
    names = {n for other, names in months.items() if other != language
             for n in names if len(n) >= 4 and n.lower() not in own}
    return _date_regex(sorted(names, key=len, reverse=True)) if names else None


class TypographyDetector(Detector):
    name = "typography"
    rules = (FOREIGN_PUNCTUATION, FOREIGN_DATE, HOMOGLYPH)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        lang = ctx.language
        hits: list[Hit] = []
        text = doc.text
        punctuation, homoglyphs = _specs()
        if lang is not None:
            check = LiteralCheck(text)
            for (pattern, spec), gate in zip(punctuation, punctuation_gates(), strict=True):
                applies = lang in spec["only"] if "only" in spec else lang not in spec["native"]
                # No `«` in the text, no guillemets. A spec's own gate, when it
                # has one, says the same more cheaply than its literals.
                if not applies or not (gate.search(text) if gate is not None else check.may_match(pattern)):
                    continue
                matches = [m for m in pattern.finditer(text) if doc.line_index(m.start()) not in ctx.code_lines]
                if len(matches) < spec.get("min_count", 1):
                    continue
                for match in matches:
                    message = spec["describes"] if "only" in spec else f"{spec['describes']}, not {language_name(lang)}"
                    hits.append(Hit(FOREIGN_PUNCTUATION, match.start(), match.end(), message, None, 0.8))
                    for source in spec["source"]:
                        ctx.evidence.append({"language": source, "rule": FOREIGN_PUNCTUATION.id,
                                             "text": match.group()[:40], "weight": 0.5 / len(spec["source"])})
            any_date = _any_date_pattern(lang)
            for other, pattern in _date_pattern(lang) if any_date and any_date.search(text) else ():
                for match in pattern.finditer(text):
                    hits.append(Hit(FOREIGN_DATE, match.start(), match.end(),
                                    f"date {match.group()!r} is written in {language_name(other)}", None, 0.85))
                    ctx.evidence.append({"language": other, "rule": FOREIGN_DATE.id, "text": match.group()})
        hits.extend(self._homoglyphs(doc, ctx, homoglyphs))
        return hits

    def _homoglyphs(self, doc: Document, ctx: Context, table: dict[str, str]) -> list[Hit]:
        """`°С` with a Cyrillic С (look-alikes inside Latin words are fixed in the
        view before any rule reads it: ``latin_words``)."""
        text = doc.text
        if text.isascii():
            return []
        hits = []
        # In Cyrillic-script text `°С` with a Cyrillic С is the local convention.
        cyrillic_text = ctx.language in CYRILLIC_LANGUAGES
        for match in () if cyrillic_text else _DEGREE_C.finditer(text):
            hits.append(Hit(HOMOGLYPH, match.end() - 1, match.end(),
                            "the C of °C is a Cyrillic С (U+0421)", "C", 0.95))
            ctx.evidence.append({"language": "ru", "rule": HOMOGLYPH.id, "text": match.group(), "weight": 0.5})
        return hits


def latin_words(text: str, ctx: Context) -> tuple[str, list[Hit]]:
    """``text`` with the look-alike letters of its Latin words written in Latin
    (`CОVID` with a Cyrillic `О` is `COVID`), letter for letter so offsets do
    not move, and a TRN009 hit for each word.

    The pipeline reads the repaired text this way before any other rule does:
    the output will hold the Latin word, and a second cleaning must read what
    the first did. Read with its Cyrillic `О`, a document's language vote came
    out 0.498 English (no language) and its Spanish date line stayed; with
    `COVID` the vote was 0.501 English, and the date line went (found by the fuzzer)."""
    words = list(mixed_words(text))
    hits: list[Hit] = []
    for match, first, fixed in words:
        word = match.group()
        hits.append(Hit(HOMOGLYPH, match.start(), match.end(),
                        f"{word!r} mixes Latin with {_which(word[first])} look-alike letters; "
                        f"it should read {fixed!r}", fixed, 0.9))
        ctx.evidence.append({"language": "ru" if script_of(word[first]) == CYRILLIC else "el",
                             "rule": HOMOGLYPH.id, "text": word, "weight": 0.5})
    return _written_latin(text, words), hits


def as_latin(text: str) -> str:
    """``text`` with the look-alike letters of its Latin words written in
    Latin, as ``latin_words`` writes them, without hits."""
    return _written_latin(text, list(mixed_words(text)))


def _written_latin(text: str, words: list[tuple[re.Match[str], int, str]]) -> str:
    if not words:
        return text
    chars = list(text)
    for match, _, fixed in words:
        chars[match.start() : match.end()] = fixed
    return "".join(chars)


def mixed_words(text: str, table: dict[str, str] | None = None) -> Iterator[tuple[re.Match[str], int, str]]:
    """Latin words with Cyrillic or Greek look-alike letters in them (`CОVID`
    with a Cyrillic `О`): each word's match, the index of its first look-alike
    and the word as it should read. A word counts when Latin letters are at
    least as many as look-alikes and every look-alike has a Latin twin."""
    if text.isascii():
        return
    table = table if table is not None else _specs()[1]
    # A look-alike is a Cyrillic or Greek letter: most texts hold none,
    # and one set of their characters says so.
    foreign = non_ascii_chars(text)
    lookalikes = {ch for ch in foreign if script_of(ch) in (CYRILLIC, GREEK)}
    if not lookalikes:
        return
    latin_letters = {ch for ch in foreign if script_of(ch) == LATIN}
    for match in _WORD.finditer(text):
        word = match.group()
        # A word needs both scripts: no word of Russian prose holds a Latin
        # letter, and its Latin words (`COVID`, `Reuters`) are ASCII. Checked
        # in C, before the script of each of the word's letters is looked up.
        if (word.isascii() or lookalikes.isdisjoint(word)
                or not (ASCII_LETTER.search(word) or not latin_letters.isdisjoint(word))):
            continue
        if _CHESS_MOVE.match(text, match.start()):
            continue
        scripts = [script_of(ch) for ch in word]
        latin = scripts.count(LATIN)
        lookalike = [i for i, s in enumerate(scripts) if s in (CYRILLIC, GREEK)]
        if not latin or not lookalike or latin < len(lookalike) or not all(word[i] in table for i in lookalike):
            continue
        fixed = "".join(table.get(ch, ch) if scripts[i] in (CYRILLIC, GREEK) else ch for i, ch in enumerate(word))
        yield match, lookalike[0], fixed


def _which(char: str) -> str:
    return "Cyrillic" if script_of(char) == CYRILLIC else "Greek"
