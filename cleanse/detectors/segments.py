"""Segments in another language than the document: lines, sentences and
inline phrases of 3+ words that a translation skipped.

A model's answer on a short string is noise (langdetect calls `Agencias`
Indonesian), so a segment is reported only on *evidence*: at least two
function words of the other language that the document's language does not
use (data/function_words.toml: `una`, `para`, `el` in "una medida necesaria
para el país"), or letters of another script (a Russian sentence in an
English article). The model (fastText lid.176 by default) then names the
language and must agree. Names stay names: "Palacio de la Moneda" holds two
Spanish function words, but every other word is capitalised, so it is a
proper noun, not an untranslated phrase.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress, count
from operator import not_

from .. import data
from ..document import Document
from ..language import function_word_languages, function_words, identify, language_name
from ..rules import rule
from .base import Context, Detector, Hit
from .script import LATIN, main_script, script_counts, script_of
from .textutil import LETTER_WORD, LetterWords, alternation, letter_words, line_letter_words

FOREIGN_LINE = rule(
    id="TRN001", name="foreign-line", category="translation", severity="warning",
    summary="A line or sentence in another language than the document: an untranslated fragment.",
    rationale="A Spanish sentence inside an English article is a fragment the translation skipped. Reported "
              "only with evidence (2+ function words of the other language, or its script) that the language "
              "model (fastText lid.176, offline) confirms; names and loanwords do not count.",
    example="(in an English article) El Gobierno anunció hoy nuevas medidas para la economía.",
    fix="report only",
)
FOREIGN_PHRASE = rule(
    id="TRN006", name="foreign-phrase", category="translation", severity="warning",
    summary="A phrase of 3+ words in another language inside a sentence: `una medida necesaria para el país`.",
    rationale="MT and hurried translators leave source-language phrases inside translated sentences. A run of "
              "words with no function word of the document's language and 2+ of another, not a capitalised name, "
              "confirmed by the language model.",
    example="The minister called it una medida necesaria para el país before leaving.",
    fix="report only",
)

MIN_LINE_WORDS = 4
MIN_SCRIPT_LETTERS = 4
NATIVE_SHARE = 0.12  # at or above this share of the document's function words a segment is native
LINE_CONFIDENCE = 0.8
SCRIPT_CONFIDENCE = 0.5
PHRASE_CONFIDENCE = 0.6
# A sentence ends at . ! ? (or their CJK forms) followed by a space and a capital or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"”»’)]*\s+(?=[\"“«‘(]?[^\W\d_])", re.UNICODE)


class ForeignSegmentDetector(Detector):
    name = "segments"
    rules = (FOREIGN_LINE, FOREIGN_PHRASE)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        lang = ctx.language
        if lang is None:
            return []
        expected = set(ctx.config.languages) | {lang}
        native = function_words(lang)
        doc_script = main_script(doc.text[:20000])
        backend = ctx.config.language_backend
        hits: list[Hit] = []
        tokens = letter_words(doc)
        for line in doc.lines:
            if line.is_blank or line.index in ctx.code_lines or line.index in ctx.translation_lines:
                continue
            segment = _Segment(line.text, tokens[line.index])
            if _no_evidence(segment, native, doc_script, expected):
                continue
            found = _foreign_segment(segment, native, doc_script, expected, backend)
            if found:
                hits.append(self._hit(FOREIGN_LINE, line.start, line.text, found, "line", ctx))
                ctx.translation_lines.add(line.index)
                continue
            sentences = list(_sentences(line.text))
            for start, sentence in sentences if len(sentences) > 1 else ():
                part = _Segment(sentence)
                if _no_evidence(part, native, doc_script, expected):  # the evidence is in other sentences
                    continue
                found = _foreign_segment(part, native, doc_script, expected, backend)
                if found:
                    hits.append(self._hit(FOREIGN_LINE, line.start + start, sentence, found, "sentence", ctx))
                    continue
                hits.extend(self._phrases(line.start + start, part, native, expected, backend, ctx))
            if len(sentences) <= 1:
                hits.extend(self._phrases(line.start, segment, native, expected, backend, ctx))
        return hits

    def _hit(self, r, base: int, text: str, found: tuple[str, float, str], kind: str, ctx: Context) -> Hit:
        code, confidence, evidence = found
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        ctx.evidence.append({"language": code, "rule": r.id, "text": text.strip()[:120]})
        return Hit(r, base + left, base + right,
                   f"{kind} is in {language_name(code)} ({confidence:.0%}; {evidence}), not "
                   f"{language_name(ctx.language)}", None, round(min(confidence, 0.95), 2))

    def _phrases(self, base: int, segment: _Segment, native: frozenset[str], expected: set[str], backend: str,
                 ctx: Context) -> list[Hit]:
        """Inline runs of 3+ words in another language (see _foreign_runs)."""
        hits = []
        text = segment.text
        for code, confidence, evidence, start, end in _foreign_runs(segment, native, expected, backend, ctx.language):
            phrase = text[start:end]
            ctx.evidence.append({"language": code, "rule": FOREIGN_PHRASE.id, "text": phrase})
            hits.append(Hit(FOREIGN_PHRASE, base + start, base + end,
                            f"phrase {phrase!r} is in {language_name(code)} ({confidence:.0%}; {evidence})",
                            None, round(min(confidence, 0.9), 2)))
        return hits


def _sentences(text: str) -> Iterable[tuple[int, str]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


class _Segment:
    """A line or sentence read once for both checks (whole segment, inline
    runs): its letters per script and its words, as written and lowercased."""

    __slots__ = ("text", "words", "lowered", "ascii_letters", "_scripts", "_lettered")

    def __init__(self, text: str, tokens: LetterWords | None = None) -> None:
        """``tokens``: line_letter_words(text), when already read."""
        self.text = text
        self.words, self.lowered = tokens if tokens is not None else line_letter_words(text)
        # Whether every letter of its words is ASCII: most lines of an English
        # article are not ASCII for a `’` or `—` alone, and the apostrophe is
        # the only character beyond ASCII that a word holds besides letters
        # and such numerals as `²` ("Russia’s"). Such a line is Latin and
        # writes no letter outside any alphabet.
        self.ascii_letters = text.isascii() or "".join(self.words).replace("’", "").isascii()
        self._scripts: Counter[str] | None = None
        self._lettered: set[str] | None = None

    @property
    def scripts(self) -> Counter[str]:
        """Letters per script (counted only for segments read further)."""
        if self._scripts is None:
            self._scripts = script_counts(self.text)
        return self._scripts

    def script_names(self) -> set[str]:
        """The scripts of its letters, from the characters of its words: every
        letter is inside a word, and an ASCII word is Latin. Most lines of an
        English article are not ASCII for a `’` or `—` alone, and reading the
        set of their characters cost more than the few words with accents."""
        if self._scripts is not None:
            return set(self._scripts)
        if self.ascii_letters:
            return {LATIN} if self.words else set()
        beyond = [word for word in self.words if not word.isascii()]
        names = set(map(script_of, set("".join(beyond))))
        names.discard(None)  # type: ignore[arg-type]
        if len(beyond) < len(self.words):
            names.add(LATIN)
        return names  # type: ignore[return-value]

    def lettered(self, native: frozenset[str]) -> set[str]:
        """Its words with letters the document's language does not write
        (_lettered_words), read once for both checks."""
        if self._lettered is None:
            self._lettered = set() if self.ascii_letters else _lettered_words(self, native)
        return self._lettered


def _no_evidence(segment: _Segment, native: frozenset[str], doc_script: str | None, expected: set[str]) -> bool:
    """Whether no part of a line can be reported, whatever the model says:
    every letter is in the document's script (no foreign-script sentence, no
    mixed-script run), and no other language has two distinct words of
    evidence (its function words that the document's language does not use,
    or words with letters that language does not write), while a foreign line
    or phrase needs two of one language. `EU` and `war` point to Portuguese
    and German, one word each. Most lines end here, before their sentences
    are read."""
    if not segment.script_names() <= {doc_script}:
        return False
    function = _pointing(native).intersection(segment.lowered)
    # Counted apart, as _foreign_segment counts them (`según` is both).
    lettered = len(segment.lettered(native))
    if len(function) + lettered < 2:
        return True
    index = _word_languages()
    per_language = Counter(code for word in function for code in index[word] if code not in expected)
    return max(per_language.values(), default=0) + lettered < 2


@lru_cache(maxsize=64)
def _pointing(native: frozenset[str]) -> frozenset[str]:
    """The function words of some language that the document's language does not use."""
    return frozenset(_word_languages().keys() - native)


def _lettered_words(segment: _Segment, native: frozenset[str]) -> set[str]:
    """Lowercase words with letters the document's language does not use
    (`według`, `bostäder`, `seleção` in English), found through the set of
    letters the segment writes outside its alphabet (usually none).
    Capitalised words are names (`Müller`, `São Paulo`) and do not count."""
    alphabet = _alphabet(native)
    if not alphabet:
        return set()
    outside = {ch for ch in set("".join(segment.lowered)) - alphabet if ch.isalpha()}
    if not outside:
        return set()
    # Letters outside the alphabet are not ASCII (it holds a-z), so only the
    # line's non-ASCII words can hold one: `José` among thirty English words.
    words = zip(segment.words, segment.lowered, strict=True)
    return {word for word, low in compress(words, map(not_, map(str.isascii, segment.words)))
            if word[:1].islower() and not outside.isdisjoint(low)}


def _foreign_segment(segment: _Segment, native: frozenset[str], doc_script: str | None, expected: set[str],
                     backend: str) -> tuple[str, float, str] | None:
    """(language, confidence, evidence) when the segment is in another language."""
    text, scripts, tokens = segment.text, segment.scripts, segment.lowered
    letters = sum(scripts.values())
    if not letters:
        return None
    foreign_script = doc_script is not None and scripts.get(doc_script, 0) < 0.4 * letters
    if foreign_script and letters >= MIN_SCRIPT_LETTERS:
        guess = identify(text, min_letters=MIN_SCRIPT_LETTERS, backend=backend)
        if guess.code and guess.code not in expected and guess.confidence >= SCRIPT_CONFIDENCE:
            script = max(scripts, key=scripts.get).lower()
            return guess.code, guess.confidence, f"{script} script"
        return None
    if len(tokens) < MIN_LINE_WORDS:
        return None
    if native and sum(map(native.__contains__, tokens)) >= NATIVE_SHARE * len(tokens):
        return None
    guess = identify(text, min_letters=12, backend=backend)
    if guess.code is None or guess.code in expected or guess.confidence < LINE_CONFIDENCE:
        return None
    foreign = function_words(guess.code) - native
    marks = list(dict.fromkeys(t for t in tokens if t in foreign))
    found = segment.lettered(native)
    lettered = [w for w in dict.fromkeys(segment.words) if w in found] if found else []
    if len(marks) + len(lettered) < 2:
        return None
    evidence = [f"{language_name(guess.code)} function words {', '.join(marks[:4])}"] if marks else []
    if lettered:
        evidence.append(f"words {', '.join(lettered[:3])}")
    return guess.code, guess.confidence, "; ".join(evidence)


@lru_cache(maxsize=64)
def _alphabet(native: frozenset[str]) -> frozenset[str]:
    """Letters the document's language writes: ASCII plus those of its function words."""
    return frozenset("abcdefghijklmnopqrstuvwxyz").union(*native) if native else frozenset()


def _foreign_runs(segment: _Segment, native: frozenset[str], expected: set[str], backend: str,
                  language: str | None) -> list[Phrase]:
    """Phrases of 3+ words in another language inside the segment.

    For each language L that some word points to, a word is evidence for L if
    it is a function word of L but not of the document's language, or a
    lowercase word with letters the document's language does not write; it is
    evidence against L if it is a function word of the document's language but
    not of L. Words that both languages use (`no`, `a`) are neutral, so `sin
    embargo no es suficiente` stays one run. A run with no evidence against L
    and 2+ distinct pieces of evidence for it, confirmed by the language model,
    is reported. Runs in another script (`по словам министра`) are found the
    same way with the script as evidence.
    """
    text, words, lowered = segment.text, segment.words, segment.lowered
    if len(words) < 3:
        return []
    candidates = _candidates(lowered, native, expected)
    # A run needs 2+ distinct pieces of evidence (see _confirm): a language
    # with fewer in the whole sentence cannot have a run, so most sentences of
    # a document in one language end here, before the masks and the loops
    # ("in" and "die" point to German in an English sentence, one word each).
    with_foreign_letters = segment.lettered(native)
    lettered_words = {w.lower() for w in with_foreign_letters}
    candidates = [code for code, evidence in candidates.items() if len(evidence | lettered_words) >= 2]
    # Script runs are looked for only when the sentence mixes scripts.
    mixed = not text.isascii() and len(segment.scripts) > 1
    if not candidates and not mixed:
        return []
    # Only a run with 2+ distinct pieces of evidence can be confirmed, so the
    # runs are found from the evidence, by set lookups in C, rather than by a
    # loop over every word per language (a sentence with `de` and `la` has
    # its runs of English content words, none with a Spanish word). Loan
    # phrases only cut runs shorter: a sentence without such a run before
    # they are masked has none after.
    lettered_at = list(compress(count(), map(with_foreign_letters.__contains__, words))) if with_foreign_letters else []
    unmasked = {code: _evidence_runs(lowered, code, native, lettered_at, []) for code in candidates}
    if not mixed and not any(unmasked.values()):
        return []
    tokens = list(LETTER_WORD.finditer(text))
    masked = _loan_mask(text, tokens, language)
    masked_at = list(compress(count(), masked))
    lettered = [bool(with_foreign_letters) and not masked[i] and w in with_foreign_letters for i, w in enumerate(words)]
    found: list[Phrase] = []
    taken: set[int] = set()

    def keep(result: Phrase | None) -> None:
        if result and not taken.intersection(range(result[3], result[4])):
            found.append(result)
            taken.update(range(result[3], result[4]))

    for code in candidates:
        foreign = _contrast(native, code)[0]
        runs = _evidence_runs(lowered, code, native, lettered_at, masked_at) if masked_at else unmasked[code]
        for run in runs:
            keep(_confirm(text, tokens, list(run), code, foreign, lettered, expected, backend))
    if mixed:
        run: list[int] = []
        for i in [*range(len(tokens)), None]:  # script runs: words outside the document's script
            if i is not None and not masked[i] and _other_script(words[i], text):
                run.append(i)
                continue
            keep(_confirm_script_run(text, tokens, run, expected, backend) if len(run) >= 2 else None)
            run = []
    return sorted(found, key=lambda item: item[3])


Phrase = tuple[str, float, str, int, int]  # language, confidence, evidence, start, end


def _evidence_runs(lowered: list[str], code: str, native: frozenset[str], lettered_at: list[int],
                   masked_at: list[int]) -> list[range]:
    """The runs of 3+ words against which nothing speaks for ``code`` (see
    _foreign_runs: no function word of the document's language that ``code``
    does not use, no masked word) and that hold 2+ distinct words of evidence
    for it, in order: the only runs _confirm can accept."""
    foreign, blocking = _contrast(native, code)
    marks = sorted({*compress(count(), map(foreign.__contains__, lowered)), *lettered_at})
    if len(marks) < 2:
        return []
    against = sorted({*compress(count(), map(blocking.__contains__, lowered)), *masked_at})
    per_run: dict[tuple[int, int], set[str]] = {}
    for i in marks:
        k = bisect_right(against, i)
        if k and against[k - 1] == i:  # a masked word is in no run
            continue
        bounds = (against[k - 1] + 1 if k else 0, against[k] if k < len(against) else len(lowered))
        per_run.setdefault(bounds, set()).add(lowered[i])
    return [range(low, high) for (low, high), evidence in per_run.items() if len(evidence) >= 2 and high - low >= 3]


@lru_cache(maxsize=256)
def _contrast(native: frozenset[str], code: str) -> tuple[frozenset[str], frozenset[str]]:
    """(evidence for ``code``, evidence against it): its function words that
    the document's language does not use, and the reverse."""
    own = function_words(code)
    return own - native, native - own


def _confirm_script_run(text: str, tokens: list[re.Match[str]], run: list[int], expected: set[str],
                        backend: str) -> Phrase | None:
    start, end = tokens[run[0]].start(), tokens[run[-1]].end()
    if sum(ch.isalpha() for ch in text[start:end]) < 8:
        return None
    guess = identify(text[start:end], min_letters=8, backend=backend)
    if guess.code and guess.code not in expected and guess.confidence >= SCRIPT_CONFIDENCE:
        return guess.code, guess.confidence, "another script", start, end
    return None


def _confirm(text: str, tokens: list[re.Match[str]], run: list[int], code: str, foreign: frozenset[str],
             lettered: list[bool], expected: set[str], backend: str) -> Phrase | None:
    """A run as a phrase in ``code``: 2+ distinct pieces of evidence, not a
    capitalised name, and the model's agreement. The model agrees when ``code``
    is its answer, or one of its three candidates while its answer is another
    foreign language (Spanish and Portuguese or Galician share most short
    phrases: a phrase is foreign either way)."""
    words = [tokens[i].group() for i in run]
    marks = [k for k, i in enumerate(run) if words[k].lower() in foreign or lettered[i]]
    if len({words[k].lower() for k in marks}) < 2:
        return None
    # A capitalised name ("Palacio de la Moneda", "Rio de Janeiro") is not a phrase.
    if not any(w[:1].islower() and len(w) > 3 for w in words):
        return None
    # The phrase starts at its first piece of evidence and ends one word after
    # its last ("... para el país"), so English words at the edges stay out.
    first, last = marks[0], min(len(run) - 1, marks[-1] + 1)
    if last - first + 1 < 3:
        return None
    start, end = tokens[run[first]].start(), tokens[run[last]].end()
    guess = identify(text[start:end], min_letters=8, backend=backend)
    if guess.code is None or guess.code in expected or guess.confidence < PHRASE_CONFIDENCE:
        return None
    candidates = dict(guess.candidates)
    if code not in candidates:
        return None
    evidence = ", ".join(dict.fromkeys(words[k].lower() for k in marks))
    return code, candidates[code] if guess.code != code else guess.confidence, \
        f"{language_name(code)} evidence: {evidence}", start, end


def _candidates(lowered: list[str], native: frozenset[str], expected: set[str]) -> dict[str, set[str]]:
    """Per language some word points to (a function word of an unexpected
    language that the document's language does not use), those words, in the
    order the languages first appear."""
    index = _word_languages()
    # The few words that point anywhere, by a set intersection in C, taken in
    # the order they first occur.
    pointing = _pointing(native).intersection(lowered)
    candidates: dict[str, set[str]] = {}
    for word in sorted(pointing, key=lowered.index):
        for code in index[word]:
            if code not in expected:
                candidates.setdefault(code, set()).add(word)
    return candidates


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code in function_word_languages():
        for word in function_words(code):
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


def _languages_of(word: str) -> tuple[str, ...]:
    return _word_languages().get(word, ())


def _other_script(word: str, text: str) -> bool:
    if word.isascii():
        return _text_script(text) != LATIN
    script = main_script(word)
    return script is not None and script != _text_script(text)


@lru_cache(maxsize=256)
def _text_script(text: str) -> str | None:
    return main_script(text)


@lru_cache(maxsize=8)
def _loan_phrases(language: str | None) -> re.Pattern[str] | None:
    phrases = data.load("translation").get("loan_phrases", {}).get(language or "")
    if not phrases:
        return None
    return re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", re.I)


def _loan_mask(text: str, tokens: list[re.Match[str]], language: str | None) -> list[bool]:
    """True for words inside a borrowed expression (`à la carte`, `per se`)."""
    pattern = _loan_phrases(language)
    mask = [False] * len(tokens)
    if pattern is None:
        return mask
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return mask
    # Matches do not overlap, so the one that can hold a token is the last to
    # start at or before it.
    starts = [a for a, _ in spans]
    for i, token in enumerate(tokens):
        k = bisect_right(starts, token.start())
        mask[i] = bool(k) and token.end() <= spans[k - 1][1]
    return mask
