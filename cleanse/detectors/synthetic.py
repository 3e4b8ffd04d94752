"""LLM and paraphrase style: excess vocabulary, reported as ``info`` only.

Single words prove nothing ("pivotal" is an English word); what separates
LLM-written or spun text is the *density* of several distinct such terms. A
document is flagged only when it holds at least ``MIN_DISTINCT`` distinct terms
and ``MIN_PER_1000`` hits per 1,000 words; then each hit is reported with the
document's figures in its message. Never a warning: non-native writers are
over-flagged by every such detector (Liang et al. 2023).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .. import data
from ..document import Document
from ..rules import rule
from .base import Context, Detector, Hit
from .textutil import finditer_near_literals, word_count

LLM_VOCABULARY = rule(
    id="SYN001", name="llm-vocabulary", category="synthetic", severity="info",
    summary="A dense cluster of LLM / paraphraser vocabulary (delve, underscore, pivotal, aforementioned ...).",
    rationale="LLM-processed text uses a known excess vocabulary (Kobak et al. 2024: 'delves' ~28x its expected "
              "rate). Reported only when 3+ distinct terms reach 3+ hits per 1,000 words.",
    example="The statements also underscore the complexity ... In this environment, ... the aforementioned capitals",
    fix="report only",
)

MIN_DISTINCT = 3
MIN_PER_1000 = 3.0


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    terms = data.load("synthetic")["terms"].get(language)
    if not terms:
        return None
    return re.compile(r"\b(?:" + "|".join(f"(?:{t})" for t in terms) + r")(?!\w)", re.I)


class SyntheticDetector(Detector):
    name = "synthetic"
    rules = (LLM_VOCABULARY,)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        pattern = _pattern(ctx.language or "")
        if pattern is None:
            return []
        # The search reads only around the terms' stems (`delv`, `pivotal`):
        # a text without any is read once, by the stems' substring tests.
        matches = finditer_near_literals(pattern, doc.text)
        if not matches:
            ctx.metrics["synthetic"] = {"llm_terms": [], "llm_terms_per_1000_words": 0.0}
            return []
        count = word_count(doc)
        distinct = sorted({m.group().lower().rstrip(",") for m in matches})
        density = 1000.0 * len(matches) / max(count, 1)
        ctx.metrics["synthetic"] = {"llm_terms": distinct, "llm_terms_per_1000_words": round(density, 2)}
        if len(distinct) < MIN_DISTINCT or density < MIN_PER_1000:
            return []
        summary = f"{len(distinct)} distinct LLM-style terms, {density:.1f} per 1,000 words"
        return [
            Hit(LLM_VOCABULARY, m.start(), m.end(), f"{m.group()!r}: LLM/paraphrase vocabulary ({summary})", None, 0.6)
            for m in matches
        ]
