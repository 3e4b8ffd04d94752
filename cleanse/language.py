"""Language identification behind one small interface, and stopword lookups.

The backend is langdetect (a port of Google's language-detection library,
55 languages, profiles shipped inside the wheel: it never downloads). It is
random unless seeded (each call samples n-grams), so every detector instance
gets the fixed seed 0 and the same text always gets the same answer.

langdetect costs about 2 ms per short line and grows with the length of its
input, so a document is identified from a bounded sample of its longest lines:
body paragraphs are long, menus and share lines are short, and the sample is
the part of the text that says what language the article is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SAMPLE_CHARS = 1500
MIN_LETTERS = 20  # below this langdetect's answer is noise ("Agencias" -> 'id')
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French", "hi": "Hindi",
    "it": "Italian", "ja": "Japanese", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese", "ca": "Catalan", "ro": "Romanian",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech", "hu": "Hungarian",
    "el": "Greek", "he": "Hebrew", "ko": "Korean", "id": "Indonesian", "vi": "Vietnamese",
}


def language_name(code: str | None) -> str:
    """English name of an ISO 639-1 code, for messages ("es" -> "Spanish")."""
    return LANGUAGE_NAMES.get(code or "", code or "an unknown language")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str | None  # ISO 639-1, or None when undetermined
    confidence: float
    candidates: tuple[tuple[str, float], ...] = ()


UNDETERMINED = LanguageGuess(None, 0.0)


def _normalise(code: str) -> str:
    # langdetect answers 'zh-cn' / 'zh-tw'; the contract promises ISO 639-1.
    return code.split("-")[0].lower()


@lru_cache(maxsize=1)
def _factory():
    from langdetect import detector_factory

    detector_factory.init_factory()
    return detector_factory._factory


def letter_count(text: str) -> int:
    return len(_LETTER.findall(text))


def identify(text: str, min_letters: int = MIN_LETTERS) -> LanguageGuess:
    """Language of ``text`` with langdetect's probability; deterministic."""
    if letter_count(text) < min_letters:
        return UNDETERMINED
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.seed = 0  # deterministic: same text, same answer
    detector.append(text)
    try:
        probabilities = detector.get_probabilities()
    except LangDetectException:
        return UNDETERMINED
    merged: dict[str, float] = {}
    for item in probabilities:
        code = _normalise(item.lang)
        merged[code] = merged.get(code, 0.0) + item.prob
    ranked = tuple(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0])))
    if not ranked:
        return UNDETERMINED
    code, prob = ranked[0]
    return LanguageGuess(code, round(prob, 4), ranked[:3])


def document_sample(lines: list[str], budget: int = SAMPLE_CHARS) -> str:
    """The longest lines of a document, in document order, up to ``budget`` characters."""
    order = sorted(range(len(lines)), key=lambda i: (-len(lines[i]), i))
    chosen, used = [], 0
    for index in order:
        if used >= budget or not lines[index].strip():
            break
        chosen.append(index)
        used += len(lines[index])
    return "\n".join(lines[i][:budget] for i in sorted(chosen))


def identify_document(lines: list[str]) -> LanguageGuess:
    guess = identify(document_sample(lines))
    if guess.code is not None and guess.confidence < 0.5:
        return LanguageGuess(None, guess.confidence, guess.candidates)
    return guess


@lru_cache(maxsize=64)
def stopwords(code: str | None) -> frozenset[str]:
    """Stopwords of a language from the stopwords-iso collection (empty if unknown)."""
    if not code:
        return frozenset()
    import stopwordsiso

    if not stopwordsiso.has_lang(code):
        return frozenset()
    return frozenset(word.lower() for word in stopwordsiso.stopwords(code))
