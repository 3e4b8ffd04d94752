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
from collections.abc import Iterable

from ..document import Document
from ..language import function_words, identify, language_name
from ..rules import rule
from .base import Context, Detector, Hit
from .script import main_script, script_counts

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
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
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
        for line in doc.lines:
            if line.is_blank or line.index in ctx.code_lines or line.index in ctx.translation_lines:
                continue
            found = _foreign_segment(line.text, native, doc_script, expected, backend)
            if found:
                hits.append(self._hit(FOREIGN_LINE, line.start, line.text, found, "line", ctx))
                ctx.translation_lines.add(line.index)
                continue
            sentences = list(_sentences(line.text))
            for start, sentence in sentences if len(sentences) > 1 else ():
                found = _foreign_segment(sentence, native, doc_script, expected, backend)
                if found:
                    hits.append(self._hit(FOREIGN_LINE, line.start + start, sentence, found, "sentence", ctx))
                    continue
                hits.extend(self._phrases(line.start + start, sentence, native, expected, backend, ctx))
            if len(sentences) <= 1:
                hits.extend(self._phrases(line.start, line.text, native, expected, backend, ctx))
        return hits

    def _hit(self, r, base: int, text: str, found: tuple[str, float, str], kind: str, ctx: Context) -> Hit:
        code, confidence, evidence = found
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        ctx.evidence.append({"language": code, "rule": r.id, "text": text.strip()[:120]})
        return Hit(r, base + left, base + right,
                   f"{kind} is in {language_name(code)} ({confidence:.0%}; {evidence}), not "
                   f"{language_name(ctx.language)}", None, round(min(confidence, 0.95), 2))

    def _phrases(self, base: int, text: str, native: frozenset[str], expected: set[str], backend: str,
                 ctx: Context) -> list[Hit]:
        """Runs of 3+ words with no native function word and 2+ foreign ones."""
        if not native:
            return []
        tokens = list(_TOKEN.finditer(text))
        hits = []
        run: list[re.Match[str]] = []
        for token in [*tokens, None]:
            if token is not None and token.group().lower() not in native:
                run.append(token)
                continue
            if len(run) >= 3:
                found = _foreign_phrase(text, run, native, expected, backend)
                if found:
                    code, confidence, evidence, start, end = found
                    phrase = text[start:end]
                    ctx.evidence.append({"language": code, "rule": FOREIGN_PHRASE.id, "text": phrase})
                    hits.append(Hit(FOREIGN_PHRASE, base + start, base + end,
                                    f"phrase {phrase!r} is in {language_name(code)} ({confidence:.0%}; {evidence})",
                                    None, round(min(confidence, 0.9), 2)))
            run = []
        return hits


def _sentences(text: str) -> Iterable[tuple[int, str]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


def _foreign_segment(text: str, native: frozenset[str], doc_script: str | None, expected: set[str],
                     backend: str) -> tuple[str, float, str] | None:
    """(language, confidence, evidence) when ``text`` is a segment in another language."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    scripts = script_counts(text)
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
    if native and sum(t in native for t in tokens) >= NATIVE_SHARE * len(tokens):
        return None
    guess = identify(text, min_letters=12, backend=backend)
    if guess.code is None or guess.code in expected or guess.confidence < LINE_CONFIDENCE:
        return None
    foreign = function_words(guess.code) - native
    hits = [t for t in tokens if t in foreign]
    if len(set(hits)) < 2:
        return None
    return guess.code, guess.confidence, f"{language_name(guess.code)} function words {', '.join(dict.fromkeys(hits[:4]))}"


def _foreign_phrase(text: str, run: list[re.Match[str]], native: frozenset[str], expected: set[str],
                    backend: str) -> tuple[str, float, str, int, int] | None:
    words = [m.group() for m in run]
    lowered = [w.lower() for w in words]
    # A capitalised name ("Palacio de la Moneda", "Rio de Janeiro") is not a phrase.
    if not any(w[:1].islower() and len(w) > 3 for w in words):
        return None
    start, end = run[0].start(), run[-1].end()
    guess = identify(text[start:end], min_letters=10, backend=backend)
    if guess.code is None or guess.code in expected or guess.confidence < PHRASE_CONFIDENCE:
        return None
    foreign = function_words(guess.code) - native
    marks = [i for i, w in enumerate(lowered) if w in foreign]
    if len({lowered[i] for i in marks}) < 2:
        return None
    # Trim English content words at the edges: the phrase starts at its first
    # foreign function word and runs to the end of the run, or to the word after
    # its last foreign function word ("... para el país").
    first, last = marks[0], min(len(run) - 1, marks[-1] + 1)
    if last - first + 1 < 3:
        return None
    return (guess.code, guess.confidence,
            f"{language_name(guess.code)} function words {', '.join(dict.fromkeys(lowered[i] for i in marks))}",
            run[first].start(), run[last].end())
