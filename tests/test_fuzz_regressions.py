"""Inputs the fuzzer (fuzz/fuzz_clean.py) found that broke an invariant, kept as
regression tests: each is cleaned and checked the way the fuzz target checks it."""

from __future__ import annotations

import pytest

import cleanse
from cleanse.config import Config
from cleanse.io import InputError, decode, encode

from .conftest import position

CONFIG = Config(readability=False)

# (what broke, the input as the fuzzer wrote it, minimised by hand where it helped)
TEXTS = [
    # Not idempotent: a Cyrillic look-alike `О` glued to lossy mojibake. The first pass
    # fixed the homoglyph only (Windows-1252 cannot write `О`, so `artÃculo` looked like
    # part of a Cyrillic word); the second pass then repaired `artÃculo`.
    ("homoglyph beside lossy mojibake",
     'Facebook Twitter WhatsAppnC"bdde la—CОVIDartÃculohttp://example.com/a?b=c\U0001437eStra?e'),
    ("homoglyph beside lossy mojibake, minimal", "CОVIDartÃculo"),
    ("homoglyph starting the word", "ОVIDartÃculo"),
    # Not idempotent: a `?` for a lost letter behind a NUL. The lost-letter search looked
    # at the line with its NULs (`Ko\x00?A`: no letter before the `?`), the second pass
    # at the line without them, and repaired it.
    ("lost letter behind control characters", 'donC"b\x02,b\x04"d\rw\nKo\x00\x00\x00\x00?A=ni\x00'),
    ("lost letter behind a NUL, German", "Die Stra\x00?e ist lang."),
    # TypeError from fastText's binding: a lone surrogate on a line long enough for
    # language identification (a str can hold one; no decoded file can).
    ("lone surrogate reaching fastText", "ȂȂȂȂȂ！\uffff\uffff\udfff惿鯾o\uf100ᕤ업업업업업\uffdfǿ︀澛擱昕脽沂桥\n"),
    ("lone surrogate in German prose", "Der Bundestag hat am Dienstag \udfff beschlossen, die Steuern zu senken.\n"),
    # Not idempotent: the DEL's removal takes the tab after it in the output, but the
    # view the boilerplate rules read kept the tab, so `\tComparte este artículo` did not
    # look like a share line until the second pass.
    ("control character and tab before a share line", "\x7f\tComparte este artÃculo"),
    # Not idempotent: `a\x7f` did not vote for the document's languages, `a` did once
    # the DEL was gone, and the second pass chose another letter for `Stra?e`.
    ("control character glued to a voting word", "Stra?en a\x7f\x7f\x7f"),
    ("control character glued to a voting word, minimal", "a?e a\x7f"),
]


def check(text: str) -> cleanse.Result:
    result = cleanse.clean(text, CONFIG)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert (f.line, f.column) == position(text, f.start), f
    assert cleanse.clean(result.text, CONFIG).text == result.text, "not idempotent"
    return result


@pytest.mark.parametrize("what, text", TEXTS, ids=[what for what, _ in TEXTS])
def test_text_regression(what, text):
    check(text)


# Found by the fuzzer. Which reading a lossy spot gets (`ä¸ å›½` as `中国`) depends on
# the rest of its line (the languages the line's words suggest); here the rest included
# a photo credit that the boilerplate rule removes, so the second pass saw another line
# and repaired what the first left. The line is now read without its trailing credits.
def test_lossy_reading_does_not_depend_on_a_removed_credit():
    result = check("Agenciasä¸ å›½ＣＯＶＩＤ－１９The Kremlin said on Friday.Photo: EFE.artÃculo")
    assert result.text == "Agencias中国ＣＯＶＩＤ－１９The Kremlin said on Friday."
    line = "artÃculoComparte este artÃculo\nK=?\x7f ＣＯＶＩＤ－１９ä¸ å›½ＣＯＶＩＤ－１９" + "Photo: EFE." * 6
    assert check(line).text.endswith("１９中国ＣＯＶＩＤ－１９Photo: EFE.")


# (The fuzzer's own input began `Source: Agencias...`: that line is a source credit
# with a photo credit after it and goes whole, in the first pass as in the second.)
def test_source_credit_with_a_trailing_photo_credit_goes_whole():
    assert check("Source: Agenciasä¸ å›½ＣＯＶＩＤ－１９The Kremlin said on Friday.Photo: EFE.artÃculo").text == ""


# Found by the 10-minute fuzz run. The first pass repaired `Ãu\xa0afÃ©` as one span
# (lossy `Ã` and intact `Ã©` settled together) labelled ENC001, so the line's
# `cleanse: ignore[ENC001]` also held back the intact `Ã©` (ENC002); once the first
# word was repaired, the second pass read the two apart and repaired `Ã©`. Now the
# span is split where its changes are apart, each part with its own rule.
def test_suppressed_lossy_span_no_longer_holds_back_an_intact_repair():
    result = check("afÃ©r tÃu\xa0afÃ©cleanse: ignore[ENC001]headFurhe Kd Friday doo")
    assert result.text == "afér tÃu\xa0afécleanse: ignore[ENC001]headFurhe Kd Friday doo"


# Found by the fuzzer: the same class through another path (a lossy region beside three-byte mojibake).
def test_suppressed_lossy_region_beside_three_byte_mojibake():
    # The first round's repairs (`ä¸` lossy, `å›½` intact, `â€` lossy) ran together
    # with the second round's `Ã` into one span labelled ENC001; each now keeps its rule.
    result = check("cleanse: ignore[ENC001]ä¸å›½â€artÃc")
    assert result.text == "cleanse: ignore[ENC001]ä¸国â€artÃc"
    assert [f.rule for f in cleanse.clean("ä¸å›½â€artÃc").findings] == ["ENC001", "ENC002", "ENC001", "ENC001"]


def test_later_round_lossy_repair_keeps_its_rule():
    # Found by a 10-minute run: once `â€™` is repaired, a later round reads `SÃO` as lossy
    # (`SÁO`); labelled ENC002, it escaped the line's ignore[ENC001] in the second pass.
    text = "cleanse: ignore[ENC001]SÃO PAULOSilbenÂtrennungdonâ€™thttp://example.com/a?b=c———artÃculo"
    assert check(text).text == text.replace("â€™", "’")


def test_no_repair_into_a_control_character():
    # ftfy reads `Ã€€` as the overlong UTF-8 C0 80 (a NUL in Java's modified UTF-8):
    # the repair put a NUL in the text, and the next pass removed it.
    result = check("abc Ã€€ def")
    assert "\x00" not in result.text


def test_homoglyph_and_mojibake_fixed_in_one_pass():
    assert check("CОVIDartÃculo").text == "COVIDartículo"
    assert check("ĐÃNG").text == "ĐÃNG"  # Vietnamese: a word as it stands, still left alone
    assert check("Die Stra\x00?e ist lang.").text == "Die Straße ist lang."


BYTES: list[tuple[str, bytes]] = [
    # Read back, a UTF-16 BE file was written little-endian (Python's "utf-16" codec
    # writes the machine's byte order): the same text, different bytes.
    ("utf-16 big-endian keeps its byte order", b"\xfe\xff\x00h\x00i\x00\n"),
    ("utf-32 big-endian keeps its byte order", b"\x00\x00\xfe\xff\x00\x00\x00h"),
]


@pytest.mark.parametrize("what, raw", BYTES, ids=[what for what, _ in BYTES])
def test_bytes_regression(what, raw):
    try:
        decoded = decode(raw, "fuzz")
    except InputError as err:
        assert "\n" not in str(err)
        return
    assert encode(decoded.text, decoded.encoding) == raw
    check(decoded.text)


# Found by the second 10-minute run. The line was repaired in two rounds (`â€™`, then `Ã`
# once `’` was there), reported as one word-wide span `â€™CО９Ã`; the homoglyph fixes
# (TRN009) found on the repaired view then both mapped onto it, overlapped, and the wider
# one won with only its own word's fix. Each round's repairs are now their own spans.
def test_homoglyphs_on_both_sides_of_a_mojibake_repair():
    result = check("â€™CО９ÃCО")
    assert result.text == "’CO９ÃCO"  # `Ã` alone is reported (ENC001), with no reading clear enough to repair
    assert [(f.rule, f.start, f.end) for f in result.findings] == [
        ("ENC002", 0, 3), ("TRN009", 3, 5), ("ENC001", 6, 7), ("TRN009", 6, 9)]


def test_homoglyph_fixes_inside_one_mojibake_repair_are_merged():
    # Found by a 10-minute run: one repair covers both words (no space between them),
    # and both homoglyph fixes mapped onto all of it; the first won with only its word.
    result = check("ÐžartÃAÃƒ!ñÐžartÃAÃƒ!ñ?")
    assert result.text == "OartÃAÃ!ñOartÃAÃ!ñ?"
    [homoglyph] = [f for f in result.findings if f.rule == "TRN009"]
    assert homoglyph.message.count("look-alike") == 2


def test_mojibake_of_a_zero_width_space_is_repaired_away():
    # Found by a 10-minute run: `â€‹` was repaired to U+200B, which the second pass removed.
    result = check("Smit&217x\nÃƒÂ A©;; &u6; â€‹")
    assert result.text == "Smit&217x\nÍA©;; &u6;"
    assert any("zero-width character it stands for is removed" in f.message for f in result.findings)
    assert check("SmitВ A©;; &u6; &217x\nГѓВ A©;; &u6; вЂ‹").text.endswith("&u6;")  # read as Windows-1251
    # With the zero-width rule off, the repair keeps the character, as a second pass would.
    kept = cleanse.clean("Smit â€‹x", Config(readability=False, ignore=("ENC005",)))
    assert kept.text == "Smit \u200bx" == cleanse.clean(kept.text, Config(readability=False, ignore=("ENC005",))).text


def test_entity_on_a_line_indented_by_removed_characters():
    # Found by a 10-minute run: the tabs after a BOM and control characters made the line
    # look like indented code, so its entities were kept; the second pass, without them, decoded.
    assert check("\ufeff\x00\t\t\t\x7fc(ccn@AT&amp;TAT&amp;T~").text == "c(ccn@AT&TAT&T~"


def test_a_silenced_repair_is_not_assumed_when_the_line_settles():
    # Found by a 10-minute run: the line was repaired round after round as if the
    # silenced `artÃculo` were repaired; it was not, and with it unrepaired ftfy read
    # `é¿\xa0` as `鿠` in the second pass.
    text = "cafÃ©¿\xa0K�nigâ€artÃculocleanse: ignore[ENC001]artÃculo"
    assert check(text).text == cleanse.clean(cleanse.clean(text).text).text
    # The same holds for a rule the configuration does not select.
    config = Config(readability=False, ignore=("ENC001",))
    once = cleanse.clean("cafÃ©¿\xa0K�nigâ€artÃculo", config).text
    assert cleanse.clean(once, config).text == once


def test_lookalikes_are_judged_in_the_repaired_word():
    # Found by a 10-minute run: before repair, `CОVIDartÃculoÐŸÑ` looked like a Latin word
    # with one Cyrillic `О`, and reading it in Latin kept `artÃculo` from being repaired;
    # repaired, the word holds `Привет`, the homoglyph rule leaves it, and the second pass
    # repaired `artÃculo`.
    result = check("artÃculoCОVIDartÃculoÐŸÑ€Ð¸Ð²ÐµÑ‚artÃculo")
    assert result.text.startswith("artículoCОVID")


def test_lookalike_letter_beside_three_byte_mojibake():
    # Found by a 10-minute run: the Cyrillic `О` of `CОVID` kept ftfy from reading the
    # line as Windows-1252, so `å›½` was left; once the homoglyph rule made it `COVID`,
    # the second pass repaired `å›½`. The encoding rules now read look-alikes in Latin.
    text = "ä¸ å›½CОVIDartÃculoartÃculoComparte este artÃculoIt is pertinent to mention thatartÃculo"
    result = check(text)
    assert "国COVID" in result.text


# Found by the second 10-minute run (boilerplate.py's trailing credit): only the
# last of chained trailing photo credits was removed per pass: `E.Photo:E.Photo:E`
# became `E.Photo:E.`, then `E.`. The run of credits now goes at once.
def test_a_line_of_chained_credits_goes_whole():
    # Found by a 10-minute run: on a line that is credits all the way, the first
    # `Photo: EFE.` was taken for a caption and kept; the second pass removed it as
    # a credit line.
    text = "K=? E\r\nPhoto: EFE.Photo: EFE.Photo: EFE.Photo: EFE.Photo: EFE.Photo: EFE.\nK=? E"
    result = check(text)
    assert result.text == "K=? E\r\nK=? E"
    assert check("Intro.\nSource: Agencias. Photo: EFE.\nThe mayor spoke.").text == "Intro.\nThe mayor spoke."


def test_an_indented_date_line_between_a_related_label_and_its_teaser():
    # Found by a 10-minute run: the indented date line ended the teaser search, so the
    # label stayed; the date line went, and the second pass removed label and teaser.
    text = "Body text here.\nRELATED:\n\n Fri Jan 16 2026\n\nMayor opens the new bridge to traffic\n"
    result = check(text)
    assert result.text == "Body text here.\n"


def test_rules_read_lookalikes_in_latin():
    # Found by the last 10-minute run: the document language vote read `cCОVIDde` with
    # its Cyrillic `О` (0.498 English: no language, so the Spanish date line stayed as a
    # foreign date); with `COVID` (the output) it was 0.501 English and the second pass
    # removed the date line. Every rule now reads the look-alikes in Latin.
    text = ("K�nig¿\x1b[0mIt is pertinent to mention thatIt is pertinent to mention thatIt is "
            "pertinent to mention that\U000fc30aAT&amp;T摩祡蚆蚆蚆\ue22e钀牡썴掃汵\rooooooocaf&Atilde;&copy;¿"
            "http://example.com/a?b=cCОVIDde la que el 🔗 Comparte este artÃculo```16 de enero de 2026\r"
            "16 de enero de 2026")
    check(text)


def test_a_one_line_teaser_between_a_related_label_and_its_teasers():
    # `RELATED: Headline` on one line goes anyway: the label's teasers are looked for past it.
    text = "Body text here.\nRELATED:\nRELATED: Mayor opens the new bridge\nCity council approves the budget\n"
    assert check(text).text == "Body text here.\n"


# Found by the last 10-minute run (17:01-17:11). Under a `RELATED:` label, the line after a
# one-line `RELATED: ...` teaser counted as the second line of a hard-wrapped paragraph
# (page.join_wrapped read the teaser above it), so it was no teaser and the label stayed;
# the second pass, without the removed teaser, removed label and line. A line wrapped only
# with a line that goes anyway above it is now judged as it will stand.
def test_wrapped_judgement_reads_a_removed_teaser():
    check('artÃculo🔗 Comparte este artÃculoicon-facebook icon-twitterＣＯＶＩＤ－１９ＣＯＶＩＤ－１９ＣＯＶＩＤ－１９ＣＯＶＩＤ－１９http://example.com/a?b=c\r\n\x00RELATED:\r\n\x00RELATED:ＣＯＶＩＤ－１９It is pertinent to mention thatＣＯＶＩＤ－１９ＣＯＶＩＤ－１９ＣＯＶＩＤ－１９ÐŸÑ€Ð¸Ð²ÐµÑ‚ＣＯＶＩＤ－１９ＣＯＶＩＤ－１９ＣＯＶＩＤ－１９artÃculo\x00\nﬁnancialIt is pertinent to mention thatＣＯＶＩＤ－１９artÃculo')


# Found by the same run. A Spanish date glued to digits by removed control characters
# (`99\x00\x07\x0716 de enero de 2026`) stayed in the first pass and was removed as a
# timestamp line in the second. The document language vote read the byline lines that the
# first pass removes (`Author: HGV...`): English at 0.591 with them, no language (0.498)
# without, and the date line is judged by the language. A close vote is now taken again on
# the cleaned text, and the document cleaned again when it decides otherwise.
def test_date_line_judged_without_removed_bylines():
    check('\ufeffIt is pertinent to mention thatIt is pertinent to mention thatIt is pertinent to mention thatIt is pertinent to mention that_\x08\nAuthor: HGVAT&amp;TK�nigoooooomoo\r16 de enero de 2026donâ€™tcaf&Atilde;&copy;릹http://example.com/a?b=cCОVIDde la que el 🔗 Comparte este artÃculo\n99\x00\x07\x0716 de enero de 2026\r16 de enero de 2026donâ€™tcaf&Atilde;&copy;\U00104174uFu9\nAuthor: HGVAuthor: HGVAuthor: HGVAuthor: HGV誹誹릹')


def test_a_silenced_repair_stays_out_of_the_view():
    # Found by the 17:22 run (minimised): the silenced lossy repair of `Ã` was in the view,
    # and the homoglyph fix of `ÃlО` carried it into the output as `ÁlO`.
    result = check("ÃlО\U0001fd41Ð¸cleanse:ignore[ENC001]")
    assert result.text.startswith("ÃlO")


# Found by the 10-minute run at 17:34-17:44. The teaser search under `RELATED:`
# labels stopped at `http://example.com/a?b=cRELATED:`, which the structure rules then
# remove as a URL line outside the article; the second pass, without it, read the URL
# line below as the labels' teaser and removed labels and URL. The search now goes on
# past a line that a later rule removed (BoilerplateDetector._headings_resolved).
def test_teaser_search_past_a_line_the_structure_rules_remove():
    result = check('\ufeffJanuary 16, 2026 Hour: 3:59 pmJanuary 16, 2026 Hour: 3:59 pmＣＯＶＩＤ－１９http://example.com/a?b=c\r\n\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00o: lohttp://example.com/a?b=c\r\n\x00RELATED:\n\nRELATED:\n\nFacebook Twitter WhatsApp\r\nhttp://example.com/a?b=cRELATED:\n\nhttp://example.com/a?b=c\r\n\x00RELATED:[\x1c\x7f\x1c\x1c\U00106a6f\U0010ff1c\U00053fbd')
    assert "RELATED:" not in result.text


# Found by fuzz run 26 (minimised): a URL line under a `RELATED:` label that the
# label's search removed (its list had a teaser above) stayed, "introduced" by the
# label's colon; the second pass, without the label, removed it as a URL line
# outside the article. A label that goes introduces nothing: its link goes too.
def test_link_under_a_removed_related_label():
    result = check('ur: 3:59 pm```\U00105300\U00105353\U000aa75b𡳿\U0010df1c\U001083c3\U00105353e this artihttp://ung```\nm?b=c\nRELATED\nm=c\nRELATED:\nhttp://:')
    assert "RELATED" not in result.text and "http://:" not in result.text
    finding = next(f for f in result.findings if f.rule == "BOI016")
    assert "URL-only line" in finding.message


def test_labels_whose_searches_end_at_lines_removed_later():
    # Each search ends at a URL line that goes later; searched again past it, none
    # finds a teaser, so every label stays a heading (and one search covers the rest:
    # the adversarial benchmark's "related labels over removed lines").
    unit = "RELATED:\n\nFacebook Twitter WhatsApp\nhttp://example.com/a?b=cRELATED:\n\n"
    article = "The mayor spoke at length about the plan today, and the council agreed with him after a long debate.\n\n" * 3
    result = check(article + unit * 3)
    assert result.text.count("RELATED:") == 3
    assert "http" not in result.text and "Facebook" not in result.text


def test_structure_rules_read_paragraphs_without_removed_lines():
    # Found by the last 10-minute run of the third stop (20:33-20:43): a byline between
    # two lines kept them from joining as one wrapped paragraph, so the page had no
    # article and the URL line below stayed; once the byline was gone, the second pass
    # found the article and removed the URL line as outside it. The structure rules now
    # read wrapped paragraphs as the cleaned text will have them.
    result = check('\ufeffIt is pertinent to mention thatIt is pertinent to mention thatIt is pertinent to mention thatIt is pertinent to mention that_\x08\nAuthor: HGVAT&amp;TK�nigoooooomoo\n16 de enero de 2026donâ€™tcaf&Atilde;&copy;\nhttp://example.com/a?b=cCОVID誹誹릹릹\uefb9\uefef⍉橯橺湧')
    assert "http" not in result.text


def test_python_documentation_cleaned_twice_reads_as_cleaned_once():
    # Before the fix above, `See also:` kept as a heading in pydoc's "compound" topic
    # went on the second pass, with the section heading under it: the references
    # between them repeat earlier lines (BOI009). A heading with an underline below
    # it (`Function definitions` / `====`) is no teaser, so both stay now.
    from pydoc_data.topics import topics

    for name, text in topics.items():
        once = cleanse.clean(text).text
        assert cleanse.clean(once).text == once, name
    assert "See also:\n\nFunction definitions\n====" in cleanse.clean(topics["compound"]).text


def test_chained_trailing_photo_credits():
    result = check("E.Photo:E.Photo:E")
    assert result.text == "E."
    assert cleanse.clean("The mayor spoke. Photo: EFE. Photo: AP").text == "The mayor spoke."


# Found by the 10-minute run at the end of the issue-6/8 stop (14:49-14:59): a
# control character inside an HTML entity (`&#8217\x01;`) hid the entity from the
# first pass, which removed the control character; the second pass then decoded
# the entity that was left (`&#8217;` -> `’`). Entities are now read on the line as
# it is without its control characters, and the entity's edit takes them in.
def test_entity_split_by_a_control_character():
    result = check("AT&T &#8217\x01; b")
    assert result.text == "AT&T ’ b"
    entity = next(f for f in result.findings if f.rule == "ENC007")
    assert (entity.start, entity.end) == (5, 13)


def test_entity_name_split_by_a_control_character():
    # `&ampp;` once the NUL is gone: HTML5 reads `&amp` without its `;`, as the
    # first pass does for `AT&ampp;; b` itself.
    assert check("AT&amp\x00p;; b").text == cleanse.clean("AT&ampp;; b").text == "AT&p;; b"


def test_entity_that_decodes_to_an_entity():
    # Found by the 10-minute run of the third stop (19:22-19:32): HTML5 reads `&ampac;` as
    # `&amp` without its `;` and `ac;`, which makes `&ac;`, an entity of its own (`∾`)
    # that the second pass decoded. Decoding goes on until the value is settled.
    assert check("\x1c" * 30 + "\x14" + "\x1c" * 27 + "&ampac;\ufffd").text.startswith("∾")
    assert check("x &amplt; y").text == "x < y"
    assert check("x &ampfoo; y").text == "x &foo; y"


def test_repairs_vote_on_languages_as_the_cleaned_text_does():
    # Found by the 10-minute run of the third stop (19:44-19:54). The ASCII words that
    # repairs with several candidates vote with (`the`, `que`) included share lines and
    # teasers that the cleaning removes: the page voted {en, ca, es}, the cleaned text
    # {ro, es}, and under that vote the second pass repaired `å›½` to `国`. The cleaned
    # text now votes too, and the page is cleaned again under its vote if it differs.
    result = check('\ufeffJanuary 16, 2026 Hour: 3:59 pmartÃculoartÃculoJanuary 16, 2026 Hour: 3:59 pmＣＯＶＩＤ－１９http://example.com/a?b=c\n\x00RELATED:\n\nFacebook Twitter WhatsAppThe Kremlin said on Friday.\x00Fri Jan 16 2026\x1b[0mhttp://example.com/a?b=c\nＣＯＶＩＤ－１９\nIt is pertinent to mention thatBy Jane SmithFacebook Twitter WhatsApp\xa0AT&amp;T\n\n\n\tä¸ å›½http://example.com/a?b=c\xa0ＣＯＶＩＤ－１９ＣＯＶＩＤ－１９ＣＯＶＩＤ－１９ＣＯＶＩＤ－１９http://example.com/a?b=c\n\x00RELATED:\n\n\u0d64䙅⹅挍\uffff\uffff\u2d68듽䕆㋃de la que el \nEFEc\x7f\x7f\x7f0\x7fhJanuary 16, 2026 Hour: 3:59 pm🔗 Comparte este artÃculo\x00宿\x1c\x1c')
    assert "国http" in result.text


def test_entity_beside_zero_width_and_control_characters():
    assert check("caf&Atilde;\x01&copy; x").text == "café x"
    assert check("\x00&amp;lt;\x00").text == "<"


def test_a_language_vote_that_goes_round_keeps_a_text_that_cleans_to_itself():
    # Found by fuzz run 22 of the fifth stop. The page voted no language, so the first
    # cleaning removed the `🔗 ...` link line; the rest voted English, and under English
    # that line was a wrapped line of prose and stayed; what was left voted no language
    # again, and a second pass removed it. The first cleaning now stands: it cleans to itself.
    text = ("\n\n🔗 Comparte este artÃculoMos\u200bcowicon-facebook icon-twitter" + "ＣＯＶＩＤ－１９" * 4
            + "http://example.com/a?b=c\r\n culo\x7f\x7f\x7f\x7f\x7f\x7f\r\n RELATED:\n\n" + "ＣＯＶＩＤ－１９" * 4
            + "http://example.com/a?b=c\r\n\x00RELATED:\n\nFacebook Twitter WhatsAppAuthor: HGV&#8217;")
    assert check(text).text == "\n\n culo\r\n\nFacebook Twitter WhatsAppAuthor: HGV’"


# Found by fuzz run 27 (minimised): the byline kept the first line apart, so the
# last two read as one wrapped sentence and the date line was not judged; without
# the byline the three lines join into no sentence, and the second pass removed
# the date line. Lines passed over as wrapped prose are judged again once the
# removed lines are gone (BoilerplateDetector._unwrapped_by_removals).
def test_date_line_no_longer_wrapped_once_a_byline_is_gone():
    result = check('ent to mion tht is pertinent to mention that_\nAutor:H\r16cCОVIDde la que el 🔗 Comparte este'
                   ' artÃculo\n9 de enero de 20')
    assert "9 de enero" not in result.text


# Found by fuzz run 28 (minimised): the structure rules read the second line with
# the photo credit cut from its end (`Photo:E.P E.`), and the article around it
# ended elsewhere than on the cleaned text, where the URL line above went on the
# second pass only. They now read lines without their trailing credits.
def test_structure_rules_read_lines_without_their_trailing_credits():
    result = check('http://e\ro E.o:E.Photo:E.P E.\nK?o E.P E.o:o E.\nK h\tP E.Ｄ－９－１ E.')
    assert not result.text.startswith("http")


# Found by fuzz run 28 (minimised): the repair of `Ð’` is a Cyrillic `В`, which the
# homoglyph rule writes in Latin; the lost-letter search read `Вr?a`, which fits no
# listed word, and left it, and the second pass read `Br?a` and repaired it to `Brža`.
# Lost letters are now read with the look-alikes in Latin, as the output will have
# them. `Br?a` is Icelandic `brúa` or Serbo-Croatian `brža`: Serbo-Croatian won only
# because `ra?a` beside it has three Serbo-Croatian readings, each counted as a vote.
# A word now votes once per language, the two tie, and both passes leave `Br?a`.
def test_lost_letter_read_beside_a_repaired_lookalike():
    result = check("ra?a,Ð’r?a‰Ã")
    assert result.text == "ra?a,Br?a‰í"
    assert [f.replacement for f in result.findings if f.rule == "ENC006"] == [None, None]
    # With one reading, the word is repaired in the first pass.
    assert check("Die StrÐ°?e ist lang.").text == "Die Straße ist lang."


# Found by fuzz run 32 (minimised): a line holding only `\x00` is blank to the
# detectors (the control character is removed first), so the lines around it
# were two paragraphs and no article was found; the cleaned text dropped the
# emptied line, the two joined into one wrapped paragraph of prose, and the
# second pass found an article and a menu above it. The emptied line now stays
# blank, as the detectors read it.
def test_a_line_of_control_characters_stays_blank():
    result = check("c\ni\ni\ne\ni\ni\ni(eB+citaB;B+citaB;B+citaB;B+citaB;B+Comparte\n\x00\ni=on/JJSSSSSSSSSLuesqc")
    assert result.text.endswith("Comparte\n\ni=on/JJSSSSSSSSSLuesqc")
    assert check("Kept.\r\n\x00\x07\r\nAlso kept.\r\n").text == "Kept.\r\n\r\nAlso kept.\r\n"


# Found by fuzz run 34 (minimised): `Autor:l` / `RELATED:e e` / `D:c` read as a
# record of three fields, so the byline stayed; once the teaser was gone the
# second pass saw two fields and removed it. Lines another rule removes are now
# passed over when a record's fields are counted.
def test_a_record_is_counted_without_the_lines_other_rules_remove():
    result = check("Autor:l\nRELATED:e e\nD:c")
    assert result.text == "D:c"


# Found by fuzz run 34 (minimised, present at 48b8fdd): the lost-byte search
# repaired `â€‹` beside a lossy `Ã` into a zero-width space, which the second
# pass removed; the ftfy path already dropped it. Both paths now do.
def test_a_zero_width_space_repaired_beside_a_lost_byte_goes_at_once():
    assert check("Ãâ€‹").text == "Ã"
    assert check("xÃâ€‹ y").text == "xí y"


# Found by the property tests at 2,000 examples (minimised, present at 9cd7ca1):
# two date lines over paragraphs were kept as a chronology's headings, then the
# menu-run rule removed the second (`Fri Jan 16 2026`) with the short lines under
# it, and the second pass removed the first, alone, as a scraper's date line.
# The date headings are judged again once the structure rules have run.
def test_date_headings_are_judged_without_the_lines_a_menu_run_removes():
    text = (" date 2026-01-16 \nIn contrast, figures such as Emmanuel Macron and Giorgia Meloni have "
            "spearheaded the proposal.\nFri Jan 16 2026\nAuthor: HGVÀ\r\nprésident\nScunthorpe\r\n\x8b\x8ftú\n"
            "Peskov characterized these developments as a potentially significant evolution.\n")
    result = check(text)
    assert "2026-01-16" not in result.text
    assert "In contrast" in result.text and "Peskov" in result.text


def test_mojibake_an_entity_completes_is_repaired_in_one_pass() -> None:
    # Fuzz run 38: `Ã&#8217;` decodes to `Ã’`, Windows-1252 for `Ò`. The
    # document held no code page's pair until the entity was decoded, so the
    # first pass decoded the entity only, and the second repaired `Ã’`.
    # Fuzz run 39: a control character's removal makes the pair (`Ã\x0f¥` is `Ã¥`).
    for text in ("Ã&#8217;Ã", "ÃÃÃÃ&#8217;Ã" + "\x00" * 15 + "\U0010ffff", "\x01Ã\x0f¥s?"):
        once = cleanse.clean(text)
        assert cleanse.clean(once.text).text == once.text, text
    assert [(f.rule, f.replacement) for f in cleanse.clean("Ã&#8217;Ã").findings] == [("ENC002", "Ò")]
