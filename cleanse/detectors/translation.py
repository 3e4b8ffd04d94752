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
from functools import lru_cache

from .. import data
from ..document import Document
from ..language import identify, language_name, letter_count, stopwords
from ..rules import rule
from .base import Context, Detector, Hit
from .textutil import core, words

FOREIGN_LINE = rule(
    id="TRN001", name="foreign-line", category="translation", severity="warning",
    summary="A line in another language than the document: an untranslated fragment.",
    rationale="A Spanish sentence inside an English article is a fragment the translation skipped. Decided by "
              "langdetect (seeded) AND by stopwords of the other language, so names and loanwords do not count.",
    example="(in an English article) El Gobierno anunció hoy nuevas medidas para la economía.",
    fix="report only",
)
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

MIN_FOREIGN_WORDS = 4
NATIVE_STOPWORD_SHARE = 0.15  # above this share of doc-language stopwords a line is not foreign
FOREIGN_CONFIDENCE = 0.9


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


_LABEL_LINE = re.compile(r"^\W*(?P<label>[^\W\d_][\w ]{0,30}?)\s*[:：]\s*(?P<value>\S.{0,60}?)[\s.]*$")


class TranslationDetector(Detector):
    name = "translation"
    rules = (FOREIGN_LINE, UNTRANSLATED, CALQUE, FORMULA, UNEXPECTED_LANGUAGE)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        lang = ctx.language
        hits: list[Hit] = []
        evidence: list[dict] = []
        if lang is None:
            ctx.metrics["translation"] = {"source_language": None, "evidence": []}
            return hits
        ui, labels, credit, calques, formulas = _lexicon()
        expected = set(ctx.config.languages) | {lang}
        flagged_lines: set[int] = set()

        def add(hit: Hit, source: str | None, line_index: int) -> None:
            hits.append(hit)
            flagged_lines.add(line_index)
            if source and ctx.wants(hit.rule):
                evidence.append({"language": source, "rule": hit.rule.id, "text": doc.text[hit.start : hit.end]})

        if ctx.config.languages and lang not in ctx.config.languages:
            first = next((ln for ln in doc.lines if not ln.is_blank), doc.lines[0])
            hits.append(Hit(UNEXPECTED_LANGUAGE, first.start, first.end,
                            f"document is in {language_name(lang)} ({ctx.language_confidence:.0%}), expected "
                            f"{', '.join(language_name(c) for c in ctx.config.languages)}", None, ctx.language_confidence))

        for line in doc.lines:
            if line.is_blank:
                continue
            text = line.text
            key = core(text)
            langs = ui.get(key)
            if langs and not langs & expected:
                source = sorted(langs)[0]
                start, end = _letters_span(text)
                add(Hit(UNTRANSLATED, line.start + start, line.start + end,
                        f"untranslated {language_name(source)} UI string {text[start:end]!r} "
                        f"(document language: {language_name(lang)})", None, 0.9), source, line.index)
                continue
            match = _LABEL_LINE.match(text)
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

        for pattern, spec in calques:
            if spec["lang"] != lang:
                continue
            for match in pattern.finditer(doc.text):
                start = doc.text.find(spec["label"], match.start(), match.end())
                start, end = (start, start + len(spec["label"])) if start >= 0 else match.span()
                add(Hit(CALQUE, start, end,
                        f"{spec['label']!r} is a calque of {language_name(spec['source'])} {spec['original']!r}; "
                        f"English uses {spec['usual']}", None, 0.85),
                    spec["source"], doc.line_index(start))

        for pattern, spec in formulas:
            if spec["lang"] != lang:
                continue
            for match in pattern.finditer(doc.text):
                hits.append(Hit(FORMULA, match.start(), match.end(),
                                f"{match.group()!r} is formulaic phrasing typical of {spec['variety']}", None, 0.7))
                if spec["source"] and ctx.wants(FORMULA):
                    evidence.append({"language": spec["source"], "rule": FORMULA.id, "text": match.group(), "weight": 0.5})

        for line in doc.lines:
            if line.index in flagged_lines or line.is_blank or line.index in ctx.code_lines:
                continue
            found = _foreign(line.text, lang, expected)
            if found:
                code, confidence, count = found
                add(Hit(FOREIGN_LINE, line.start + _letters_span(line.text)[0], line.end,
                        f"line is in {language_name(code)} ({confidence:.0%}, {count} {language_name(code)} "
                        f"function words), not {language_name(lang)}", None, round(min(confidence, 0.95), 2)),
                    code, line.index)

        ctx.metrics["translation"] = _summary(evidence)
        return hits


def _letters_span(text: str) -> tuple[int, int]:
    """Offsets of the first and past the last letter/digit: skips a leading emoji or bullet."""
    start = next((i for i, ch in enumerate(text) if ch.isalnum()), 0)
    end = len(text)
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _foreign(text: str, lang: str, expected: set[str]) -> tuple[str, float, int] | None:
    tokens = [w.lower() for w in words(text)]
    if len(tokens) < MIN_FOREIGN_WORDS or letter_count(text) < 20:
        return None
    native = stopwords(lang)
    if native and sum(t in native for t in tokens) / len(tokens) >= NATIVE_STOPWORD_SHARE:
        return None
    guess = identify(text)
    if guess.code is None or guess.code in expected or guess.confidence < FOREIGN_CONFIDENCE:
        return None
    foreign = stopwords(guess.code) - native
    count = sum(t in foreign for t in tokens)
    if count < 2:
        return None
    return guess.code, guess.confidence, count


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
