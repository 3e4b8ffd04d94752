"""Clean text in several languages and scripts stays untouched: no removal, no
repair, no warning. These are the false alarms a cleaner must never raise
(Portuguese `SÃO PAULO` and `NÃO`, Vietnamese, a Celsius sign in Russian
text, full-width digits and ligatures in English, curly quotes and dashes)."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanse

CLEAN = sorted((Path(__file__).parent / "data" / "clean").glob("*.txt"))
EXPECTED_LANGUAGE = {"pt": "pt", "vi": "vi", "ru": "ru", "zh": "zh", "ar": "ar", "de": "de", "pl": "pl", "en_typography": "en"}


@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_clean_text_is_left_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = cleanse.clean(text)
    assert result.text == text
    assert [f for f in result.findings if f.severity != "info"] == []
    assert result.language == EXPECTED_LANGUAGE[path.stem]
    assert result.score >= 95


def test_there_are_enough_languages_and_scripts() -> None:
    assert len(CLEAN) >= 7


@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_damaged_copy_is_repaired_back(path: Path) -> None:
    """Each clean file, damaged the way real pipelines damage text (UTF-8 bytes
    read as Windows-1252, undefined bytes kept as browsers keep them), comes
    back exactly, line by line, as encoding findings only."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    text = path.read_text(encoding="utf-8")
    damaged = text.encode("utf-8").decode("sloppy-windows-1252")
    assert damaged != text
    result = cleanse.clean(damaged, select=["encoding"])
    assert result.text == text
    assert {f.rule for f in result.findings} <= {"ENC001", "ENC002"}


def test_readability_never_raises_for_a_language_textstat_half_supports():
    # textstat 0.7.8 counts Polish syllables but has no Flesch constants for
    # Polish: flesch_reading_ease(text) with lang "pl" raised ValueError
    # ("Unknown config key fre_base") from inside cleanse.clean.
    text = (CLEAN[0].parent / "pl.txt").read_text(encoding="utf-8")
    result = cleanse.clean(text, {"readability": True})
    assert result.language == "pl"
    assert result.metrics["readability"]["words"] > 30
