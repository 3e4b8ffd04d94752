"""Repeated passages inside one document.

Whole lines repeated verbatim are boilerplate (BOI009) and removed. A passage
repeated inside different lines is reported only: in seed 002 the Peskov quote
"We have noted statements made in recent days by a number of European leaders"
opens two paragraphs that differ afterwards, and both are real text, but an
editor wants to know the article quotes the same words twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..document import Document
from ..rules import rule
from .base import Context, Detector, Hit

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


class RepetitionDetector(Detector):
    name = "repetition"
    rules = (REPEATED_PASSAGE,)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        text = doc.text
        # Passages are matched within lines (a quote repeated in two paragraphs),
        # never across line breaks, and never in code: a runs-of-lines repeat in a
        # list of examples is not prose repeating itself.
        tokens = []
        for line in doc.lines:
            if line.index in ctx.code_lines or line.is_blank:
                continue
            tokens.extend((m.group().lower(), line.start + m.start(), line.start + m.end(), line.index)
                          for m in _TOKEN.finditer(line.text))
        hits: list[Hit] = []
        passages: list[dict] = []
        seen: dict[tuple[str, ...], int] = {}
        repeated_words = 0
        i = 0
        while i + MIN_WORDS <= len(tokens):
            if tokens[i][3] != tokens[i + MIN_WORDS - 1][3]:  # would cross a line break
                i += 1
                continue
            gram = tuple(t[0] for t in tokens[i : i + MIN_WORDS])
            j = seen.get(gram)
            if j is not None and j + MIN_WORDS <= i:
                length = MIN_WORDS
                while (i + length < len(tokens) and j + length < i
                       and tokens[j + length][0] == tokens[i + length][0]
                       and tokens[i + length][3] == tokens[i][3] and tokens[j + length][3] == tokens[j][3]):
                    length += 1
                start, end = tokens[i][1], tokens[i + length - 1][2]
                line_a, line_b = tokens[j][3], tokens[i][3]
                removed = line_a in ctx.removed_lines or line_b in ctx.removed_lines
                if line_a != line_b and not removed and not _same_line_text(doc, line_a, line_b):
                    first_line = line_a + 1
                    hits.append(Hit(REPEATED_PASSAGE, start, end,
                                    f"{length} words repeat a passage first seen on line {first_line}: "
                                    f"{_preview(text[start:end])!r}", None, 0.9))
                    passages.append({"line": line_b + 1, "first_line": first_line, "words": length,
                                     "text": _preview(text[start:end], 120)})
                    repeated_words += length
                for k in range(i, i + length):
                    if k + MIN_WORDS <= len(tokens) and tokens[k][3] == tokens[k + MIN_WORDS - 1][3]:
                        seen.setdefault(tuple(t[0] for t in tokens[k : k + MIN_WORDS]), k)
                i += length
                continue
            seen.setdefault(gram, i)
            i += 1
        ctx.metrics["repetition"] = {
            "repeated_passages": passages,
            "repeated_word_share": round(repeated_words / len(tokens), 4) if tokens else 0.0,
        }
        return hits


def _same_line_text(doc: Document, a: int, b: int) -> bool:
    return doc.lines[a].text.strip() == doc.lines[b].text.strip()


def _preview(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
