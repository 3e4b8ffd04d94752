"""Mojibake, lossy mojibake, lost letters, entities and opt-in normalisations
(issue 3), each with the real examples from shared/research/ftfy.md."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cleanse
from cleanse.rules import REGISTRY


def enc(text: str, **kwargs) -> cleanse.Result:
    return cleanse.clean(text, select=kwargs.pop("select", ["encoding"]), **kwargs)


def spans(text: str, result: cleanse.Result) -> list[tuple[str, str, str | None]]:
    return [(f.rule, text[f.start : f.end], f.replacement) for f in result.findings]


# --------------------------------------------------------------------------- lossy mojibake
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Comparte este artÃculo", "Comparte este artículo"),  # soft hyphen of `í` stripped
        ("PolÃtica y economÃa", "Política y economía"),
        ("SilbenÂtrennung", "Silbentrennung"),  # a soft hyphen's own C2 AD lost its AD
        ("artÃ culo", "artículo"),  # soft hyphen turned into a space: not ftfy's `artà culo`
        ("artÃ\u00a0culo", "artículo"),  # ... into a no-break space: not ftfy's `artàculo`
        ("Ãfrica es un continente", "África es un continente"),  # 0x81 dropped
        ("ÃNDICE GENERAL", "ÍNDICE GENERAL"),  # 0x8D dropped
        ("He said â€œhelloâ€ and left", "He said “hello” and left"),  # 0x9D of `”` dropped
        ("â€œQuoteâ€\ufffd said", "“Quote” said"),  # ... or replaced by U+FFFD
        ("ÅÃ³dÅº", "Łódź"),  # Polish `Ł` is C5 81
        ("voilÃ le travail", "voilà le travail"),  # a lost no-break space: ftfy's reading, confirmed
        ("És molt fÃ cil", "És molt fàcil"),  # Catalan: the no-break space became a space
        ("aquÃ vive", "aquí vive"),
    ],
)
def test_lossy_mojibake_repaired(text, expected):
    result = enc(text)
    assert result.text == expected
    assert result.findings and all(f.category == "encoding" for f in result.findings)
    assert any(f.rule == "ENC001" for f in result.findings)
    assert enc(result.text).text == result.text


def test_lossy_finding_is_the_damaged_span_with_a_message_in_words():
    text = "Comparte este artÃculo\n"
    [f] = enc(text).findings
    assert (f.rule, text[f.start : f.end], f.replacement) == ("ENC001", "Ã", "í")
    assert "UTF-8 read as Windows-1252, soft hyphen lost" in f.message
    assert "artículo" in f.message and 0.5 < f.confidence <= 1.0


def test_space_for_soft_hyphen_is_described():
    [f] = enc("artÃ culo").findings
    assert "soft hyphen turned into a space" in f.message
    [f] = enc("Ãfrica").findings
    assert "0x81" in f.message and "dropped" in f.message


def test_intact_and_lossy_runs_of_one_word_are_separate_findings():
    text = "ÅÃ³dÅº"
    assert spans(text, enc(text)) == [("ENC001", "Å", "Ł"), ("ENC002", "Ã³", "ó"), ("ENC002", "Åº", "ź")]


def _cp1252(text: str, errors: str = "ignore") -> str:
    """``text`` as a strict Windows-1252 decoder reads its UTF-8: undefined bytes dropped or U+FFFD."""
    return text.encode("utf-8").decode("cp1252", errors=errors)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Inflected forms no word list holds, chosen by the character model of the line's language.
        ("VlÃ¡da schvÃ¡lila novÃ½ zÃ¡kon o danÃ ch z pÅ™Ã jmÅ¯.", "Vláda schválila nový zákon o daních z příjmů."),
        ("Praha je hlavnÃ  mÄ›sto ÄŒeskÃ© republiky", "Praha je hlavní město České republiky"),  # NBSP-space pair
        ("PoÄ\x8dasÃ\xa0 bude pÅ™Ã\xa0Å¡tÃ\xa0 tÃ½den velmi teplÃ©.", "Počasí bude příští týden velmi teplé."),
        (_cp1252("Правительство объявило о новых мерах поддержки экономики."),
         "Правительство объявило о новых мерах поддержки экономики."),  # `Ñ` + 0x8F is `я`, + 0x81 `с`
        ("ÐŸÑ€Ð°Ð²Ð¸Ñ‚ÂÐµÐ»ÑŒÑ\x81Ñ‚Ð²Ð¾ Ð¾Ð±ÑŠÑ\x8fÂÐ²Ð¸Ð»Ð¾", "Правительство объявило"),  # soft hyphens lost
        ("Î— ÎºÏ…Î²Î Ï\x81Î½Î·ÏƒÎ· Î±Î½Î±ÎºÎ¿Î¯Î½Ï‰ÏƒÎµ Î½Î Î± Î¼Î Ï„Ï\x81Î±", "Η κυβέρνηση ανακοίνωσε νέα μέτρα"),
        (_cp1252("הממשלה הודיעה היום על צעדים חדשים לכלכלה."), "הממשלה הודיעה היום על צעדים חדשים לכלכלה."),
        # Three-byte sequences: the lost byte is the second or the third.
        ("åŒ—äº¬æ˜¯ä¸å›½çš„é¦–éƒ½", "北京是中国的首都"),  # `中` is E4 B8 AD
        ("åŒ—äº¬æ˜¯ä¸ å›½çš„é¦–éƒ½", "北京是中国的首都"),  # ... its AD turned into a space
        ("å¦ç”Ÿä»¬åœ¨å\x81‡æœŸ", "学生们在假期"),  # `学` is E5 AD A6
        (_cp1252("政府は今日、経済を支援する新しい対策を発表した。"), "政府は今日、経済を支援する新しい対策を発表した。"),
        (_cp1252("政府は今日、経済を支援する新しい対策を発表した。", "replace"),
         "政府は今日、経済を支援する新しい対策を発表した。"),
        ("à¤¦à¤¿à¤²à¥\x8dà¤²à¥€ à¤à¤¾à¤°à¤¤ à¤•à¥€ à¤°à¤¾à¤œà¤§à¤¾à¤¨à¥€", "दिल्ली भारत की राजधानी"),
        (_cp1252("Học sinh đã trở lại trường sau kỳ nghỉ Tết."), "Học sinh đã trở lại trường sau kỳ nghỉ Tết."),
        ("RÃkisstjÃ³rnin kynnti nÃ½jar aÃ°gerÃ°ir Ã efnahagsmÃ¡lum Ã gÃ¦r.",
         "Ríkisstjórnin kynnti nýjar aðgerðir í efnahagsmálum í gær."),  # `í` (Icelandic), not `à`
        ("A inflÂaÃ§Ã£o caiu", "A inflação caiu"),  # a soft hyphen between letters, not a no-break space
    ],
)
def test_lossy_mojibake_in_lines_damaged_throughout(text, expected):
    result = enc(text)
    assert result.text == expected
    assert any(f.rule == "ENC001" for f in result.findings)
    assert enc(result.text).text == result.text


def test_a_run_of_one_mojibake_letter_is_no_word() -> None:
    # Found by the fuzzer as a slow unit: each `Ã` of the run was read as `í` (a
    # lost soft hyphen), a few slots a round, and a 46-character line took 4 s.
    # No word writes `íííí`: the run is left as it is, and its search skipped
    # (benchmarks/adversarial.py, "mojibake runs glued to words").
    from cleanse.detectors.encoding_lossy import lossy_repairs

    text = "Ã" * 37 + "artÃculo"
    assert lossy_repairs(text) == []
    assert "íí" not in cleanse.clean(text).text
    assert cleanse.clean("Ã" * 3 + " el artÃculo").text.endswith("el artículo")


def test_uncertain_lossy_spot_is_reported_without_replacement():
    # `Ñ` + a lost byte alone is `с` or `я`, both one-letter Russian words.
    text = _cp1252("Президент встретился с представителями бизнеса в Кремле.")
    result = enc(text)
    assert result.text == "Президент встретился Ñ представителями бизнеса в Кремле."
    [spot] = [f for f in result.findings if f.replacement is None]
    assert spot.rule == "ENC001" and text[spot.start : spot.end] == "Ñ"
    assert enc(result.text).text == result.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("TURNER JUDECĂM CÃ‚ND RÂSETE PURTAREA", "TURNER JUDECĂM CÂND RÂSETE PURTAREA"),  # Romanian `Â` stays
        ("Å¾ivoty diamond vernisáž pracovníkům", "životy diamond vernisáž pracovníkům"),  # `áž ` is Czech
        ("ÊîøÂ∫ú‰ªäÂ§©ÂÆ£Â∏É‰∫Ü", "政府今天宣布了"),  # MacRoman: ftfy's, whole
    ],
)
def test_lossy_repair_leaves_clean_words_beside_mojibake(text, expected):
    assert enc(text).text == expected


# --------------------------------------------------------------------------- intact mojibake
@pytest.mark.parametrize(
    "text, expected",
    [
        ("I donâ€™t know", "I don’t know"),
        ("cafÃ©", "café"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        ("cafÃƒÂ©", "café"),  # double encoding
        ("cafÃƒÆ’Ã‚Â©", "café"),  # triple encoding
        ("price is \x80100", "price is €100"),  # Windows-1252 read as Latin-1
        ("RzÄ\x85d przedstawiÅ\x82 plan", "Rząd przedstawił plan"),  # UTF-8 read as Latin-1
        ("Ã\x81frica", "África"),
    ],
)
def test_intact_mojibake_at_least_as_ftfy(text, expected):
    import ftfy

    assert ftfy.fix_encoding(text) == expected
    assert enc(text).text == expected


def test_mixed_line_is_repaired_only_where_broken():
    text = "BOYACÁ está en BoyacÃ¡"
    result = enc(text)
    assert result.text == "BOYACÁ está en Boyacá"
    assert spans(text, result) == [("ENC002", "Ã¡", "á")]


# --------------------------------------------------------------------------- lost letters
def test_replacement_character_repaired_when_one_word_fits():
    text = "K\ufffdnig Charles visited Berlin."
    result = enc(text)
    assert result.text == "König Charles visited Berlin."
    [f] = result.findings
    assert (f.rule, text[f.start : f.end], f.replacement) == ("ENC003", "\ufffd", "ö")


def test_replacement_character_reported_when_no_word_fits():
    text = "Zx\ufffdqv is a code."
    result = enc(text)
    assert result.text == text
    [f] = result.findings
    assert f.rule == "ENC003" and f.replacement is None


def test_question_mark_for_a_letter():
    text = "Die Stra?e ist lang."
    result = enc(text)
    assert result.text == "Die Straße ist lang."
    [f] = result.findings
    assert (f.rule, text[f.start : f.end], f.replacement) == ("ENC006", "?", "ß")


@pytest.mark.parametrize("text", ["See index.php?id=3 for details.", "what?no", "Really?Yes."])
def test_question_marks_that_are_not_lost_letters(text):
    result = enc(text)
    assert result.text == text
    assert result.findings == []


# --------------------------------------------------------------------------- not mojibake
@pytest.mark.parametrize(
    "text",
    [
        "He said “we don’t agree” — and left… ‘Fine’, she replied – twice.",
        "ＣＯＶＩＤ－１９ and ﬁnancial ﬂows",
        "SÃO PAULO — NÃO, SÃO TOMÉ E PRÍNCIPE",
        "Thành phố Hồ Chí Minh là thành phố lớn nhất Việt Nam.",
        "România a câștigat meciul; ÎNVĂȚĂMÂNTUL și CÂMPIA.",
        "École, Ángel, Über, Österreich, Øresund, Ísland, ÑANDÚ.",
        "Emoji 👩\u200d💻 🎉, currency € £ ¥ ₹, math √π ≈ 3.14 ± 0.01 × 2 ≤ ∞.",
        "Москва — столица России. Η Αθήνα. ירושלים. القاهرة. 北京. 東京。",
        "Der König fährt über die Straße; ¿Dónde está? ¡Hola!",
        "ÎNTÂMPINA RĂMÂNEA BRÂUL; ŞIKÂYET OLAYDI",  # Romanian and Turkish capitals
        "Alfa vpřed pěší těžko ač guláš brigády vzbudí.",  # `áš ` reads as a lead byte and one continuation
        "BRETT ÐỒNG THÁN ÚNG ĐÃNG KC",  # Vietnamese capitals: `Đ` is no mojibake
        "Il a dit « à bientôt » et « café ¿ »",  # `à «`: a three-byte lead, a space, a continuation
    ],
)
def test_clean_text_untouched(text):
    result = enc(text)
    assert result.text == text
    assert result.findings == []


# --------------------------------------------------------------------------- entities, controls, invisibles
def test_html_entities_unescaped():
    text = "AT&amp;T said it won&#8217;t &eacute;t&eacute; &amp;lt;b&amp;gt;"
    result = enc(text)
    assert result.text == "AT&T said it won’t été <b>"
    assert {f.rule for f in result.findings} == {"ENC007"}
    assert enc(result.text).text == result.text


def test_entities_in_code_are_left_alone():
    text = "Intro line.\n\n```html\n<p>AT&amp;T</p>\n```\n"
    assert enc(text).text == text
    assert enc("<p>AT&amp;T</p>").text == "<p>AT&amp;T</p>"


def test_entity_that_spells_mojibake_is_repaired_in_one_pass():
    result = enc("caf&Atilde;&copy; au lait")
    assert result.text == "café au lait"
    assert enc(result.text).findings == []


def test_bom_zero_width_and_control_characters():
    text = "Mos\u200bcow\ufeff said\x00 hello.\n"
    result = enc(text)
    assert result.text == "Moscow said hello.\n"
    assert {f.rule for f in result.findings} == {"ENC004", "ENC005"}


def test_a_run_of_control_or_zero_width_characters_is_one_finding():
    # One finding per character made three nested spans for `culo\x7f\x7f\x7f`
    # at a line end, each widened to the line end by its removal.
    text = "El artículo\x7f\x7f\x7f\r\nLa ministra\x07 habló \u200b\ufeff ayer.\n"
    result = enc(text)
    assert result.text == "El artículo\r\nLa ministra habló ayer.\n"
    found = [(f.rule, text[f.start : f.end], f.message) for f in result.findings]
    assert found == [
        ("ENC004", "\x7f\x7f\x7f", "3 control characters (U+007F) inside text"),
        ("ENC004", "\x07", "control character U+0007 inside text"),
        ("ENC005", "\u200b\ufeff ", "2 zero-width characters (U+200B, U+FEFF) inside text"),
    ]
    spans_ = sorted((f.start, f.end) for f in result.findings)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans_, spans_[1:], strict=False))


# --------------------------------------------------------------------------- opt-in normalisations
def test_normalisations_are_off_by_default_and_by_category():
    text = "“Don’t” ＣＯＶＩＤ ﬁnancial"
    assert cleanse.clean(text).text == text
    assert enc(text).text == text
    assert enc(text, select=["ENC"]).text == text


def test_normalisations_by_id_or_name():
    assert enc("“Don’t”", select=["curly-quotes"]).text == "\"Don't\""
    assert enc("ＣＯＶＩＤ－１９", select=["ENC009"]).text == "COVID-19"
    assert enc("ﬁnancial", select=["latin-ligature"]).text == "financial"


def test_uncurling_applies_to_repairs_too():
    once = enc("I donâ€™t know", select=["encoding", "curly-quotes"]).text
    assert once == "I don't know"
    assert enc(once, select=["encoding", "curly-quotes"]).text == once


def test_registry_opt_in_selection():
    default = REGISTRY.selected(None, None)
    assert "ENC001" in default and not {"ENC008", "ENC009", "ENC010"} & default
    assert "ENC008" not in REGISTRY.selected(["encoding"], None)
    assert "ENC008" not in REGISTRY.selected(["all"], None)
    assert "ENC008" in REGISTRY.selected(["ENC008"], None)
    assert "ENC008" in REGISTRY.selected(["curly-quotes"], None)
    assert "ENC008" not in REGISTRY.selected(["ENC008"], ["encoding"])
    assert REGISTRY.unknown(["ENC008", "curly-quotes"]) == []


def test_every_encoding_rule_has_an_example():
    rules = [r for r in REGISTRY if r.category == "encoding"]
    assert len(rules) >= 10
    assert all(r.example for r in rules)
    # `cleanse rules` prints the summary only: each carries an example in backticks.
    assert all(re.search(r"`[^`]+`", r.summary) for r in rules), [r.id for r in rules if "`" not in r.summary]


# --------------------------------------------------------------------------- idempotence
_PIECES = [
    "Ã", "Â", "Ã©", "Ã¡", "Ã³", "â€", "â€™", "â€œ", "Ð", "Ñ", "Ð¾", "Ñ\x81", "Ã\xa0", "\xa0", "\xad", "å", "ä¸",
    "æ", "ã", "\x81", "\x8d", "\x9d", "Å", "Ä", "Î", "Ï", "×", "Ø", "à¤", "á»", "\ufffd", "?", "&amp;",
    "&#8217;", "&eacute;", "&Atilde;", "&copy;", "&#xAD;", "&#129;", "&#0;", "a", "e", "n", "K", "ß", "culo", "nig",
    "Stra", "frica", "ий", "中", " ", "\u200b", "\ufeff",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join))
# Found by this property in one suite run of the third stop: the lone ASCII word `e` made
# the page vote {it, pt, ro} for the repairs; once `Ã\xa0` is repaired, `àààe` is one word
# and the cleaned text has no vote, under which a second pass repaired more. Fixed by the
# repairs' vote on the cleaned text (pipeline.run).
@example("\xa0Â\x81ÃÃÃ\xa0e")
def test_encoding_repairs_are_idempotent(text):
    # Long space-free junk of mixed mojibake, U+FFFD, `?` and entities: what a
    # first cleaning leaves, a second must leave alone.
    once = enc(text).text
    assert enc(once).text == once


def test_a_lone_a_tilde_or_circumflex_is_a_letter_not_mojibake() -> None:
    # A reviewer's finds: ftfy reads a lone `Â ` as a no-break space and `Ã ` as
    # `à`. Alone on a line they are the letters; beside other mojibake they
    # are repaired with it, and `Â£` is still `£`.
    for text in ("Let Â denote the estimate of A, and Ã = A + I.\n", "In Portuguese the letter Ã is a vowel.\n"):
        assert cleanse.clean(text).text == text
    assert cleanse.clean("Il est allÃ© Ã Paris.\n").text == "Il est allé à Paris.\n"
    assert cleanse.clean("Tickets cost Â£5 each.\n").text == "Tickets cost £5 each.\n"
