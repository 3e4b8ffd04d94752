"""Intact mojibake ftfy leaves alone (cleanse/detectors/encoding_codepages.py):
UTF-8 read as code pages its badness pattern does not watch, and lines it
cannot read whole. Each damaged line is made from its clean sentence the way
a pipeline damages text, so the expected repair is exact."""

from __future__ import annotations

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs)
import pytest

import cleanse
from cleanse.detectors import encoding_codepages
from cleanse.detectors.lexicon import lexicon


def enc(text: str) -> cleanse.Result:
    return cleanse.clean(text, select=["encoding"])


def damaged(sentence: str, codec: str) -> str:
    return sentence.encode("utf-8").decode(codec)


@pytest.mark.parametrize(
    "sentence, codec",
    [
        ("Le président a annoncé des mesures économiques très importantes.", "sloppy-windows-1251"),
        ("Łódź jest trzecim co do wielkości miastem w Polsce.", "sloppy-windows-1251"),  # `ЕЃГіdЕє`: two runs, one word
        ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.", "sloppy-windows-1251"),  # `О—` alone, beside the rest
        ("הממשלה הודיעה היום על צעדים חדשים לכלכלה.", "sloppy-windows-1251"),
        # one word of thirty sequences, ending in `。`; a MacRoman `–°` (`С`) inside it explains one
        ("政府は今日、経済を支援する新しい対策を発表した。", "sloppy-windows-1251"),
        ("El gobierno anunció ayer una nueva política económica.", "sloppy-windows-1253"),
        ("A diákok többsége sikeresen letette a vizsgát.", "iso-8859-2"),  # `Ăś`: letters only, the model decides
        ("Il governo ha approvato la legge più importante dell'anno.", "macroman"),
        ("Der König besuchte gestern die Stadt und sprach mit den Bürgern.", "cp437"),
        ("Det är väldigt kallt i norra Sverige just nu.", "sloppy-windows-1257"),
    ],
)
def test_code_pages_ftfy_does_not_read(sentence, codec):
    text = damaged(sentence, codec)
    assert ftfy.fix_encoding(text) != sentence  # beyond ftfy
    result = enc(text)
    assert result.text == sentence
    assert {f.rule for f in result.findings} == {"ENC002"}


def test_the_message_names_the_code_page():
    result = enc("Le prГ©sident")
    [finding] = result.findings
    assert finding.message == "'Г©' should be 'é': UTF-8 read as Windows-1251"
    assert (finding.start, finding.end, finding.replacement) == (5, 7, "é")


def test_a_line_ftfy_cannot_encode_whole():
    # `Ł` and `ó` are not Windows-1252, so ftfy reads the line as it is.
    text = "Łódź jest trzecim co do wielkoÅ›ci miastem w Polsce."
    assert ftfy.fix_encoding(text) == text
    assert enc(text).text == "Łódź jest trzecim co do wielkości miastem w Polsce."


@pytest.mark.parametrize(
    "text, expected",
    [
        # ftfy reads Windows-1250 and writes `Ʊ`, a letter of no European alphabet.
        ("Los niĆ±os volvieron a la escuela despuĆ©s de las vacaciones.",
         "Los niños volvieron a la escuela después de las vacaciones."),
        # ftfy reads Windows-1250 (`prÊsident`); ISO-8859-2 reads a French line,
        # and once one word shows it, every word is read so (`économiques`, not `Êconomiques`).
        ("Le prĂŠsident a annoncĂŠ des mesures ĂŠconomiques.", "Le président a annoncé des mesures économiques."),
    ],
)
def test_ftfy_reading_the_wrong_code_page_is_overruled(text, expected):
    assert ftfy.fix_encoding(text) != expected
    assert enc(text).text == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # Each word below reads as a word in ISO-8859-2 and in Windows-1250 both;
        # the rest of the line says which: `Münga ... üker` is no language's.
        "Många människor åker till fjällen under vintern.",
        "Företaget ökade sin försäljning med tio procent.",
        # A one-letter word (`ĂŠ` is `é` or `Ê`, `ĂĄ` is `á` or `å`) beside words
        # both pages read alike (`SĂŁo`, `ferĂ°amenn`): the line's language decides.
        "São Paulo é a maior cidade do Brasil e tem milhões de habitantes.",
        "Margir ferðamenn koma til Reykjavíkur á sumrin.",
        "Según el artículo, la situación en África es cada vez más difícil.",
    ],
)
def test_two_code_pages_that_both_read_a_word_are_told_apart_by_the_line(sentence):
    assert enc(damaged(sentence, "iso-8859-2")).text == sentence


def test_a_run_ftfy_reads_longer_is_not_taken_from_it_by_the_line():
    # Windows-1253 has no byte 0x88, so the search reads `Ρ\x88ΠΊΠΎΠ»ΠΈ` as
    # `Ρ\x88` and `коли`; ftfy's sloppy codec reads `школи` whole, and keeps it.
    sentence = "Діти повернулися до школи після канікул."
    result = enc(damaged(sentence, "sloppy-windows-1253"))
    assert result.text == sentence
    assert any(f.replacement == "школи" for f in result.findings)


def test_layered_windows_1252_stays_ftfy_s():
    # Each round of `ÃƒÅ¾` leaves text other code pages misread (`ƒÅ` is MacRoman `ā`).
    assert enc("ÃƒÅ¾aÃƒÂ° er mjÃƒÂ¶g kalt").text == "Það er mjög kalt"
    assert enc("Ã…Å¾irket bu ÃƒÂ§alÃ„Â±Ã…Å¸an").text == "Şirket bu çalışan"


@pytest.mark.parametrize(
    "text",
    [
        "KŮŽI a NŮŽKY",  # Windows-1250 `ŮŽ` is Arabic fatha: a mark from another script
        "Ні, СІЧ ВІДОМО. Сім днів, ПІДПИС",  # Windows-1251 `Ні` would be Greek `ͳ`
        "Ukrainian: ВІН, ВІДІ, ЇЇ, її; ЁЖ, ЁЛКА",
        "PĂŞUNE ŞI CÂMPIE",  # Romanian: `ĂŞ` as Windows-1250 is `ê`, which the model finds worse
        "Ăştia au plecat.",  # ... and `Ăş` is `ú`: the model reads the cedilla `ş` as Romanian `ș`
        "«PÅ» sa han",  # a guillemet after a word is no sign
        "«Étienne» a dit “é—à”",  # MacRoman `«É` would be `ǃ`, a click letter
        "ТАСС© 2024",  # `С©` would be archaic `ѩ`
        "x² + Σ±x",
        "Ђорђе, Љубав, Његош",
        "ΚΆΤΙ ΆΛΛΟ Η ΑΘΉΝΑ",
        "Ölçüm ĞÜÇ İŞÇİ, DİKKAT Ç«",
        "ЖИЗНЬ… ТАСС»",
        "Øresund Å®",
        "┌─┐─┐─┤ ╓─╖ ╟─╢\n├── cleanse\n│   └── io.py",  # box drawing: code page 437 for `ĿĿĴ`, `ķ`, `Ķ`
    ],
)
def test_text_that_only_looks_like_a_code_page(text):
    result = enc(text)
    assert result.text == text
    assert result.findings == []


def test_no_listed_word_is_read_as_mojibake():
    # The word list (wordfreq, 32 languages) in lower, title and upper case:
    # a word any language writes is never repaired.
    repaired = [
        variant
        for word in lexicon().langs
        for variant in (word, word.capitalize(), word.upper())
        if encoding_codepages.codepage_repairs(variant, [])
    ]
    assert repaired == []


def test_no_stopword_of_58_languages_is_read_as_mojibake():
    # stopwords-iso: the short, frequent words of 58 languages, alone and as a line.
    import stopwordsiso

    repaired = []
    for lang in sorted(stopwordsiso.langs()):
        words = sorted(stopwordsiso.stopwords(lang))
        for text in [" ".join(words), *(v for w in words for v in (w, w.capitalize(), w.upper()))]:
            if encoding_codepages.codepage_repairs(text, []):
                repaired.append((lang, text[:40]))
    assert repaired == []
