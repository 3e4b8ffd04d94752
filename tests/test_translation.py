"""Translation residue and interference (issue 5), on real-shaped text."""

from __future__ import annotations

import pytest

import cleanse
from cleanse.language import BACKENDS, identify, identify_document

from .conftest import read_seed

ARTICLE = (
    "The Kremlin welcomed the calls for dialogue on Friday, its spokesman told reporters in Moscow.\n"
    "{insert}\n"
    "The statement came after a week of talks between the two sides, officials said.\n"
)


def _translation(result: cleanse.Result, rule: str) -> list[cleanse.Finding]:
    return [f for f in result.findings if f.rule == rule]


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("El Gobierno anunció hoy nuevas medidas para apoyar a las familias afectadas por la inflación.", "es"),
        ("Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Energieversorgung beschlossen.", "de"),
        ("Пресс-секретарь президента заявил, что Москва готова к диалогу.", "ru"),
        ("克里姆林宫发言人表示，俄方愿意与欧洲国家恢复对话。", "zh"),
        ("أعلنت الحكومة اليوم عن إجراءات جديدة لدعم الأسر المتضررة من ارتفاع الأسعار.", "ar"),
        ("Według ekspertów susza może potrwać aż do końca lata.", "pl"),
    ],
)
def test_foreign_line_in_english_article(line: str, language: str) -> None:
    text = ARTICLE.format(insert=line)
    result = cleanse.clean(text)
    assert result.language == "en"
    found = _translation(result, "TRN001")
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == line
    assert found[0].replacement is None
    assert result.metrics["translation"]["evidence"][0]["language"] == language


def test_foreign_sentence_inside_a_paragraph() -> None:
    text = ("The Kremlin welcomed the calls on Friday, its spokesman told reporters. Die Regierung hat die "
            "Vorschläge noch nicht geprüft und will sich nächste Woche äußern. The statement came after a week of talks.")
    result = cleanse.clean(text)
    assert result.language == "en"
    [finding] = _translation(result, "TRN001")
    assert text[finding.start : finding.end].startswith("Die Regierung")
    assert text[finding.start : finding.end].endswith("äußern.")


@pytest.mark.parametrize(
    "phrase",
    ["una medida necesaria para el país", "sin embargo no es suficiente", "mais ce n'est pas suffisant",
     "по словам министра"],
)
def test_inline_foreign_phrase(phrase: str) -> None:
    text = f"The minister, speaking on Friday, called the decision {phrase} before leaving the building in the capital."
    result = cleanse.clean(text)
    found = [f for f in result.findings if f.rule in ("TRN006", "TRN001")]
    assert found, result.findings
    start = text.index(phrase)
    assert any(f.start < start + len(phrase) and start < f.end for f in found)


def test_names_quotes_and_loanwords_are_not_foreign() -> None:
    text = (
        "Protesters gathered outside the Palacio de la Moneda and later marched towards the Plaza de Mayo, "
        "while in Rio de Janeiro the mood was calmer.\n"
        "The café owner called it déjà vu; per se, nobody minded the Realpolitik of it all, and the menu stayed à la carte.\n"
        "\u201cIt is a tour de force,\u201d said Hans-Georg Müller, curator of the show at the Kunsthalle in São Paulo.\n"
    )
    result = cleanse.clean(text)
    assert [f for f in result.findings if f.category == "translation" and f.severity != "info"] == []


def test_spanish_article_with_english_share_line() -> None:
    text = (
        "El Gobierno de España anunció hoy nuevas medidas para apoyar a las familias afectadas por la inflación.\n"
        "Share this article\n"
        "Las medidas incluyen ayudas directas y rebajas fiscales que entrarán en vigor el próximo mes.\n"
    )
    result = cleanse.clean(text)
    assert result.language == "es"
    assert [f.rule for f in result.findings if f.category == "translation"] == ["TRN002"]
    assert result.metrics["translation"]["source_language"] == "en"


def test_seed_001_source_language_is_spanish_with_evidence() -> None:
    result = cleanse.clean(read_seed("001"))
    summary = result.metrics["translation"]
    assert summary["source_language"] == "es"
    assert [e["text"] for e in summary["evidence"]] == ["Comparte este artículo", "Agencias", "Hour:"]
    assert 0.5 < summary["mattr"] < 1.0
    assert 0.2 < summary["function_word_rate"] < 0.6
    assert summary["cohesive_markers_per_1000"] >= 0


def test_foreign_punctuation_and_dates() -> None:
    text = ("Peskov called it «a positive development» on Friday, the agency said.\n"
            "The decree of 16 de enero de 2026 takes effect on Monday, officials said.\n"
            "Growth reached 3,5 percent in the first quarter, according to the figures.\n"
            "¿Was it a mistake? The minister said it was not, the agency reported.\n")
    result = cleanse.clean(text)
    rules = [(f.rule, text[f.start : f.end]) for f in result.findings if f.category == "translation"]
    assert ("TRN007", "«a positive development»") in rules
    assert ("TRN008", "16 de enero de 2026") in rules
    assert ("TRN007", "3,5 percent") in rules
    assert ("TRN007", "¿") in rules


def test_guillemets_are_native_in_french() -> None:
    text = "Le porte-parole a qualifié ces déclarations de « développement positif » vendredi, selon l'agence."
    result = cleanse.clean(text)
    assert result.language == "fr"
    assert not [f for f in result.findings if f.rule == "TRN007"]


def test_homoglyphs_are_repaired() -> None:
    text = "CОVID-19 cases rose again this week; it was −15 °С in Moscow on Friday, the agency said.\n"
    result = cleanse.clean(text)
    assert result.text == "COVID-19 cases rose again this week; it was −15 °C in Moscow on Friday, the agency said.\n"
    assert {f.rule for f in result.findings} == {"TRN009"}
    assert cleanse.clean(result.text).text == result.text


def test_cyrillic_degree_sign_is_native_in_russian() -> None:
    text = "Температура воздуха в столице в пятницу опустилась до −15 °С, сообщили синоптики в Москве."
    result = cleanse.clean(text)
    assert result.language == "ru"
    assert result.text == text


def test_both_backends_agree_on_the_seeds_and_are_deterministic() -> None:
    for key in ("000", "001", "002", "003", "004"):
        lines = read_seed(key).split("\n")
        assert identify_document(lines, backend="fasttext").code == "en"
        assert identify_document(lines, backend="langdetect").code == "en"
    assert identify("Comparte este artículo con tus amigos", backend="langdetect") == identify(
        "Comparte este artículo con tus amigos", backend="langdetect")
    assert set(BACKENDS) == {"fasttext", "langdetect"}


def test_language_backend_is_configurable() -> None:
    result = cleanse.clean(read_seed("001"), config={"language-backend": "langdetect"})
    assert result.language == "en"
    assert result.metrics["translation"]["source_language"] == "es"
    with pytest.raises(cleanse.ConfigError, match="language-backend"):
        cleanse.clean("x", config={"language-backend": "cld3"})


def test_homoglyph_under_mojibake_is_fixed_in_one_pass() -> None:
    """`CОVID` (Cyrillic О) read as Windows-1252 is `CÐžVID`: the mojibake
    repair brings back the Cyrillic О, and the homoglyph fix on top of it must
    land in the same pass, or a second cleaning would change the text again."""
    import ftfy.bad_codecs  # noqa: F401

    damaged = "CОVID-19 cases rose in the city.".encode().decode("sloppy-windows-1252")
    result = cleanse.clean(damaged)
    assert result.text == "COVID-19 cases rose in the city."
    assert {f.rule for f in result.findings} == {"ENC002", "TRN009"}
    assert cleanse.clean(result.text).text == result.text


def test_language_vote_reads_the_beginning_middle_and_end_of_a_long_document() -> None:
    from cleanse.language import FASTTEXT_SAMPLE_CHARS, _vote_sample

    english = [f"Paragraph {i} of the report describes how the committee reviewed the budget again." for i in range(200)]
    tail = "El Gobierno anunció hoy nuevas medidas para la economía del país."
    lines = [*english, tail]
    sample = _vote_sample(lines)
    assert sample[0] == english[0] and sample[-1] == tail
    assert any(line in sample for line in english[95:105])  # the middle
    assert sum(map(len, sample)) <= FASTTEXT_SAMPLE_CHARS + 3 * max(map(len, lines))
    assert len(sample) == len(set(sample))  # no sentence read twice
    # A short document is read whole.
    assert _vote_sample(lines[:5] + [tail]) == [*lines[:5], tail]
    assert identify_document(lines).code == "en"
