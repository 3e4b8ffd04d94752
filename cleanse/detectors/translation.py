"""Translation residue and interference: what a translator or MT system left behind.

Per-document style statistics separate human from machine translation only
weakly (AUC 0.6-0.7 on WMT news, see shared/research/translation_markers.md);
residue is precise. An English article that still carries the Spanish share
line ``Comparte este artículo``, the agency credit ``Agencias`` and the label
``Hour:`` (Spanish "Hora") was translated from Spanish, and each of those is a
finding that says so. The evidence is summed per source language under
``metrics.translation``.

All findings here are report-only: the boilerplate rules decide what is removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import chain

from .. import data
from ..document import Document
from ..language import function_words, language_name
from ..rules import rule
from .base import Context, Detector, Hit
from .textutil import LiteralCheck, core, count_ignoring_case, letter_words, line_words, words

UNTRANSLATED = rule(
    id="TRN002", name="untranslated-string", category="translation", severity="warning",
    summary="A UI, credit or agency string left in the source language: `Comparte este artículo`, `Agencias`.",
    rationale="Share buttons, 'read more' labels and agency credits are the parts of a page a translator "
              "skips; in an English article they name the source language outright.",
    example="Source: Agencias",
    fix="report only",
)
CALQUE = rule(
    id="TRN003", name="calque-label", category="translation", severity="warning",
    summary="A label translated word for word from another language: `Hour: 3:59 pm` (Spanish 'Hora').",
    rationale="Spanish news pages print 'Hora: 15:59'; MT renders it 'Hour:', which no English site writes.",
    example="January 16, 2026 Hour: 3:59 pm",
    fix="report only",
)
FORMULA = rule(
    id="TRN004", name="formulaic-phrase", category="translation", severity="info",
    summary="Formulaic phrasing typical of translated or regional news English: `It is pertinent to mention that`.",
    rationale="Legitimate in South Asian English and common in translated wire copy; a provenance signal, "
              "not an error.",
    example="It is pertinent to mention that Russia last month warned ...",
    fix="report only",
)
UNEXPECTED_LANGUAGE = rule(
    id="TRN005", name="unexpected-language", category="translation", severity="warning",
    summary="The document's language is not one of the configured `languages`.",
    rationale="A pipeline that expects English should hear about a German document before it ingests it.",
    example='languages = ["en"] and a German article',
    fix="report only",
)

@lru_cache(maxsize=1)
def _lexicon():
    def by_phrase(table: str, source: str = "boilerplate") -> dict[str, frozenset[str]]:
        langs: dict[str, set[str]] = {}
        for lang, items in data.load(source)[table].items():
            for item in items:
                langs.setdefault(item.lower(), set()).add(lang)
        return {k: frozenset(v) for k, v in langs.items()}

    ui = {**by_phrase("share"), **by_phrase("related")}
    labels: dict[str, set[str]] = {}
    for table in ("byline", "source", "photo"):
        for phrase, langs in by_phrase(table).items():
            labels.setdefault(phrase, set()).update(langs)
    credit = by_phrase("credit", "translation")
    spec = data.load("translation")
    calques = [(re.compile(c["pattern"]), c) for c in spec["calque"]]
    formulas = [(re.compile(f["pattern"], re.I), f) for f in spec["formula"]]
    return ui, {k: frozenset(v) for k, v in labels.items()}, credit, calques, formulas


@lru_cache(maxsize=1)
def _most_words() -> int:
    """The most words (textutil.words) of a UI string or credit."""
    ui, _, credit, _, _ = _lexicon()
    return max(len(words(phrase)) for phrase in [*ui, *credit])


Phrasings = list[tuple[re.Pattern[str], dict]]


def _phrasings(lang: str, text: str) -> tuple[Phrasings, Phrasings]:
    """The calque and formula patterns of ``lang`` that can match ``text``
    (most documents hold none of their literals: `Hour:`, `It is learned`)."""
    calques, formulas = _phrasings_of(lang)
    check = LiteralCheck(text)
    return [c for c in calques if check.may_match(c[0])], [f for f in formulas if check.may_match(f[0])]


@lru_cache(maxsize=64)
def _phrasings_of(lang: str) -> tuple[Phrasings, Phrasings]:
    _, _, _, calques, formulas = _lexicon()
    return ([(p, spec) for p, spec in calques if spec["lang"] == lang],
            [(p, spec) for p, spec in formulas if spec["lang"] == lang])


_LABEL_LINE = re.compile(r"^\W*(?P<label>[^\W\d_][\w ]{0,30}?)\s*[:：]\s*(?P<value>\S.{0,60}?)[\s.]*$")


class TranslationDetector(Detector):
    name = "translation"
    rules = (UNTRANSLATED, CALQUE, FORMULA, UNEXPECTED_LANGUAGE)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        lang = ctx.language
        hits: list[Hit] = []
        evidence = ctx.evidence
        if lang is None:
            return hits
        ui, labels, credit, _, _ = _lexicon()
        expected = set(ctx.config.languages) | {lang}

        def add(hit: Hit, source: str | None, line_index: int) -> None:
            hits.append(hit)
            ctx.translation_lines.add(line_index)
            if source:
                evidence.append({"language": source, "rule": hit.rule.id, "text": doc.text[hit.start : hit.end]})

        if ctx.config.languages and lang not in ctx.config.languages:
            first = next((ln for ln in doc.lines if not ln.is_blank), doc.lines[0])
            hits.append(Hit(UNEXPECTED_LANGUAGE, first.start, first.end,
                            f"document is in {language_name(lang)} ({ctx.language_confidence:.0%}), expected "
                            f"{', '.join(language_name(c) for c in ctx.config.languages)}", None, ctx.language_confidence))

        most_words = _most_words()
        line_tokens = line_words(doc)
        for line in doc.lines:
            if line.is_blank:
                continue
            text = line.text
            # A line of more words than any UI string or credit is neither, and
            # its core, as long as the line, is not read: core() keeps every
            # word (without the IGNORECASE twins, which only cut words into
            # more), so it has at least as many.
            key = core(text) if len(line_tokens[line.index]) <= most_words else None
            langs = ui.get(key)
            if langs and not langs & expected:
                source = sorted(langs)[0]
                start, end = _letters_span(text)
                add(Hit(UNTRANSLATED, line.start + start, line.start + end,
                        f"untranslated {language_name(source)} UI string {text[start:end]!r} "
                        f"(document language: {language_name(lang)})", None, 0.9), source, line.index)
                continue
            match = _LABEL_LINE.match(text) if ":" in text or "：" in text else None  # most lines hold no colon
            if match:
                label = match.group("label").lower()
                label_langs = labels.get(label)
                if label_langs and not label_langs & expected:
                    source = sorted(label_langs)[0]
                    add(Hit(UNTRANSLATED, line.start + match.start("label"), line.start + match.end("label"),
                            f"untranslated {language_name(source)} label {match.group('label')!r}", None, 0.85),
                        source, line.index)
                value = match.group("value").strip().rstrip(".").lower()
                value_langs = credit.get(value)
                if value_langs and not value_langs & expected:
                    source = sorted(value_langs)[0]
                    add(Hit(UNTRANSLATED, line.start + match.start("value"),
                            line.start + match.start("value") + len(value),
                            f"untranslated {language_name(source)} credit {match.group('value').strip().rstrip('.')!r}",
                            None, 0.9), source, line.index)
            elif key in credit and not credit[key] & expected:
                source = sorted(credit[key])[0]
                start, end = _letters_span(text)
                add(Hit(UNTRANSLATED, line.start + start, line.start + end,
                        f"untranslated {language_name(source)} credit {text[start:end]!r}", None, 0.85),
                    source, line.index)

        calques, formulas = _phrasings(lang, doc.text)
        for pattern, spec in calques:
            for match in pattern.finditer(doc.text):
                start = doc.text.find(spec["label"], match.start(), match.end())
                start, end = (start, start + len(spec["label"])) if start >= 0 else match.span()
                add(Hit(CALQUE, start, end,
                        f"{spec['label']!r} is a calque of {language_name(spec['source'])} {spec['original']!r}; "
                        f"English uses {spec['usual']}", None, 0.85),
                    spec["source"], doc.line_index(start))

        for pattern, spec in formulas:
            for match in pattern.finditer(doc.text):
                hits.append(Hit(FORMULA, match.start(), match.end(),
                                f"{match.group()!r} is formulaic phrasing typical of {spec['variety']}", None, 0.7))
                if spec["source"]:
                    evidence.append({"language": spec["source"], "rule": FORMULA.id, "text": match.group(), "weight": 0.5})

        return hits

    def finish(self, doc: Document, ctx: Context) -> None:
        """The likely source language, from the evidence of every enabled
        translation rule, and style figures that describe the text (metrics
        only: they separate human from machine translation too weakly to
        judge one document, AUC 0.6-0.7 on WMT news)."""
        evidence = [e for e in ctx.evidence if e["rule"] in ctx.enabled]
        ctx.metrics["translation"] = {**_summary(evidence), **stylometrics(doc, ctx.language)}
def _letters_span(text: str) -> tuple[int, int]:
    """Offsets of the first and past the last letter/digit: skips a leading emoji or bullet."""
    start = next((i for i, ch in enumerate(text) if ch.isalnum()), 0)
    end = len(text)
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _summary(evidence: list[dict]) -> dict:
    weights: Counter[str] = Counter()
    for item in evidence:
        weights[item["language"]] += item.get("weight", 1.0)
    source = None
    if weights:
        (best, weight), *rest = weights.most_common()
        if weight >= 1.0 and (not rest or weight > rest[0][1]):
            source = best
    return {
        "source_language": source,
        "source_language_name": language_name(source) if source else None,
        "evidence": evidence,
    }


MATTR_WINDOW = 100


def stylometrics(doc: Document, language: str | None) -> dict:
    """MATTR (moving-average type-token ratio, window 100), the rate of the
    language's function words, and cohesive markers per 1,000 words."""
    text = doc.text
    tokens = list(chain.from_iterable(lowered for _, lowered in letter_words(doc)))
    if not tokens:
        return {"mattr": None, "function_word_rate": None, "cohesive_markers_per_1000": None}
    if len(tokens) <= MATTR_WINDOW:
        mattr = len(set(tokens)) / len(tokens)
    else:
        mattr = _window_types(tokens) / ((len(tokens) - MATTR_WINDOW + 1) * MATTR_WINDOW)
    fw = function_words(language)
    markers = _cohesive_pattern(language)
    cohesive = count_ignoring_case(markers, text) if markers else None
    return {
        "mattr": round(mattr, 4),
        "function_word_rate": round(sum(map(fw.__contains__, tokens)) / len(tokens), 4) if fw else None,
        "cohesive_markers_per_1000": round(1000 * cohesive / len(tokens), 2) if cohesive is not None else None,
    }


def _window_types(tokens: list[str]) -> int:
    """The distinct tokens of every window of MATTR_WINDOW tokens, summed (the
    windows start at 0 .. n - MATTR_WINDOW). A token counts in the windows
    that hold it and not its previous occurrence: with no dictionary of counts
    to update as the window slides, one lookup per token."""
    n, w = len(tokens), MATTR_WINDOW
    last_start = n - w
    last: dict[str, int] = {}
    previous = last.get
    total = 0
    for j, token in enumerate(tokens[: last_start + 1]):  # every window starting in [j - w + 1, j] holds j
        gap = j - previous(token, -1)
        last[token] = j
        total += gap if gap < w else w
    for j in range(last_start + 1, n):  # the windows holding j start in [j - w + 1, last_start]
        token = tokens[j]
        first = max(previous(token, -1) + 1, j - w + 1)
        last[token] = j
        if first <= last_start:
            total += last_start - first + 1
    return total


@cache
def _cohesive_pattern(language: str | None) -> re.Pattern[str] | None:
    markers = data.load("translation").get("cohesive", {}).get(language or "")
    if not markers:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(m) for m in markers) + r")\b", re.I)
