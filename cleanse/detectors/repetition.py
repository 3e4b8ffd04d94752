"""Repeated passages inside one document.

Whole lines repeated verbatim are boilerplate (BOI009) and removed. A passage
repeated inside different lines is reported only: in seed 002 the Peskov quote
"We have noted statements made in recent days by a number of European leaders"
opens two paragraphs that differ afterwards, and both are real text, but an
editor wants to know the article quotes the same words twice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import compress, count

from ..document import Document
from ..rules import rule
from .base import Context, Detector, Hit
from .textutil import lowered, lowered_plain, plain_words

REPEATED_PASSAGE = rule(
    id="REP001", name="repeated-passage", category="repetition", severity="info",
    summary="A passage of 8+ words that occurs twice in different lines.",
    rationale="Scraped and rewritten articles often carry the same quote or sentence twice; the repeat inflates "
              "the text without adding content. Reported, never removed: both lines may be real text.",
    example="\u201cWe have noted statements made in recent days by a number of European leaders\u201d (lines 18 and 28)",
    fix="report only",
)

MIN_WORDS = 8
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_CHAINED = re.compile(r"['’]\w*['’]")


class RepetitionDetector(Detector):
    name = "repetition"
    rules = (REPEATED_PASSAGE,)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        text = doc.text
        # Passages are matched within lines (a quote repeated in two paragraphs),
        # never across line breaks, and never in code: a runs-of-lines repeat in a
        # list of examples is not prose repeating itself.
        lines = [line for line in doc.lines if line.index not in ctx.code_lines and not line.is_blank]
        words: list[str] = []  # every token, lowercased
        line_of: list[int] = []  # the index of each token's line
        first_token: dict[int, int] = {}  # per line index, the position of its first token
        plain = plain_words(doc)
        for line in lines:
            tokens = _lowered_tokens(doc, line.index, plain[line.index])
            first_token[line.index] = len(words)
            words.extend(tokens)
            line_of.extend([line.index] * len(tokens))
        spans = _TokenSpans(doc, line_of, first_token)
        # The grams are built by zip, in C; only those that occur twice can
        # start a passage, so the positions of the others are never visited.
        grams = list(zip(*(words[k:] for k in range(MIN_WORDS)), strict=False))
        counts = Counter(grams)
        # (None at all when every gram is distinct, as in most documents.)
        # The positions are picked by compress() in C: in a document that
        # quotes itself, a third of its grams repeat.
        repeated = list(compress(count(), map((1).__lt__, map(counts.__getitem__, grams)))) \
            if len(counts) < len(grams) else []
        hits: list[Hit] = []
        passages: list[dict] = []
        seen: dict[tuple[str, ...], int] = {}
        repeated_words = 0
        resume = 0  # a passage found consumes its tokens
        for i in repeated:
            if i < resume or line_of[i] != line_of[i + MIN_WORDS - 1]:  # consumed, or would cross a line break
                continue
            j = seen.get(grams[i])
            if j is not None and j + MIN_WORDS <= i:
                length = MIN_WORDS
                while (i + length < len(words) and j + length < i
                       and words[j + length] == words[i + length]
                       and line_of[i + length] == line_of[i] and line_of[j + length] == line_of[j]):
                    length += 1
                line_a, line_b = line_of[j], line_of[i]
                removed = line_a in ctx.removed_lines or line_b in ctx.removed_lines
                if line_a != line_b and not removed and not _same_line_text(doc, line_a, line_b):
                    start, end = spans.start(i), spans.end(i + length - 1)
                    first_line = line_a + 1
                    hits.append(Hit(REPEATED_PASSAGE, start, end,
                                    f"{length} words repeat a passage first seen on line {first_line}: "
                                    f"{_preview(text[start:end])!r}", None, 0.9))
                    passages.append({"line": line_b + 1, "first_line": first_line, "words": length,
                                     "text": _preview(text[start:end], 120)})
                    repeated_words += length
                for k in range(i, min(i + length, len(grams))):
                    if line_of[k] == line_of[k + MIN_WORDS - 1]:
                        seen.setdefault(grams[k], k)
                resume = i + length
                continue
            seen.setdefault(grams[i], i)
        ctx.metrics["repetition"] = {
            "repeated_passages": passages,
            "repeated_word_share": round(repeated_words / len(words), 4) if words else 0.0,
        }
        return hits


class _TokenSpans:
    """Offsets of tokens, worked out only for the lines a passage touches."""

    def __init__(self, doc: Document, line_of: list[int], first_token: dict[int, int]) -> None:
        self._doc, self._line_of, self._first = doc, line_of, first_token
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def _span(self, token: int) -> tuple[int, int]:
        index = self._line_of[token]
        spans = self._spans.get(index)
        if spans is None:  # in the line's offsets, built in C
            spans = self._spans[index] = list(map(re.Match.span, _TOKEN.finditer(self._doc.lines[index].text)))
        return spans[token - self._first[index]]

    def start(self, token: int) -> int:
        return self._doc.lines[self._line_of[token]].start + self._span(token)[0]

    def end(self, token: int) -> int:
        return self._doc.lines[self._line_of[token]].start + self._span(token)[1]


def _lowered_tokens(doc: Document, index: int, plain: list[str]) -> list[str]:
    """The _TOKEN tokens of line ``index``, lowercased one by one. They are
    its plain words but where a word holds two apostrophes (`rock’n’roll` is
    `rock’n`, `roll`), which a line without two in one run of word
    characters holds none of."""
    text = doc.lines[index].text
    if ("'" in text or "’" in text) and _CHAINED.search(text):
        return lowered(_TOKEN.findall(text))
    return lowered_plain(doc, index, plain)


def _same_line_text(doc: Document, a: int, b: int) -> bool:
    return doc.lines[a].text.strip() == doc.lines[b].text.strip()


def _preview(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
