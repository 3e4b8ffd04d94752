"""The Python API: clean(), clean_file(), clean_records(), Config."""

from __future__ import annotations

import dataclasses
import pickle
import re

import pytest

import cleanse

from .conftest import SEED_IDS, cleaned_seed, physical_lines, read_seed, seed_path

SEED_000_LINES = physical_lines(read_seed("000"))
PARA1, PARA2, PARA3 = SEED_000_LINES[0], SEED_000_LINES[1], SEED_000_LINES[2]


def rules_of(result) -> set[str]:
    return {f.rule for f in result.findings}


# --------------------------------------------------------------------------- selection
class TestSelection:
    @pytest.fixture
    def text(self):
        return read_seed("001")

    def test_default_runs_every_category(self, text):
        categories = {f.category for f in cleanse.clean(text).findings}
        assert {"encoding", "boilerplate", "translation"} <= categories

    @pytest.mark.parametrize(
        "selector, expected",
        [
            (["ENC001"], {"ENC001"}),  # id
            (["BOI00"], {"BOI002", "BOI003", "BOI004", "BOI005", "BOI006", "BOI007", "BOI008"}),  # prefix
            (["BOI"], {"BOI002", "BOI003", "BOI004", "BOI005", "BOI006", "BOI007", "BOI008"}),  # prefix
            (["share-line"], {"BOI002"}),  # name
            (["translation"], {"TRN002", "TRN003"}),  # category
            (["encoding", "byline"], {"ENC001", "BOI004"}),
            ("encoding", {"ENC001"}),  # a bare string is one selector
        ],
    )
    def test_select(self, text, selector, expected):
        assert rules_of(cleanse.clean(text, select=selector)) == expected

    @pytest.mark.parametrize(
        "ignore, absent",
        [
            (["ENC001"], {"ENC001"}),
            (["TRN"], {"TRN002", "TRN003"}),
            (["source-credit"], {"BOI005"}),
            (["boilerplate"], {"BOI002", "BOI003", "BOI004", "BOI005", "BOI006", "BOI007", "BOI008"}),
        ],
    )
    def test_ignore(self, text, ignore, absent):
        full = rules_of(cleanse.clean(text))
        got = rules_of(cleanse.clean(text, ignore=ignore))
        assert not got & absent
        # everything else still runs (with boilerplate kept, the caption may also count as a repeat)
        assert full - absent <= got

    def test_select_and_ignore_together(self, text):
        got = rules_of(cleanse.clean(text, select=["boilerplate"], ignore=["BOI003", "photo-caption"]))
        assert got == {"BOI002", "BOI004", "BOI005", "BOI006", "BOI008"}

    def test_ignoring_boilerplate_keeps_lines_but_repairs_mojibake(self, text):
        result = cleanse.clean(text, ignore=["boilerplate"])
        assert "🔗 Comparte este artículo" in physical_lines(result.text)
        assert "Author: HGV" in result.text
        assert "artÃculo" not in result.text

    def test_ignoring_encoding_still_removes_share_line(self, text):
        result = cleanse.clean(text, ignore=["encoding"])
        assert "Comparte" not in result.text
        assert not any(f.category == "encoding" for f in result.findings)

    def test_ignored_removal_is_not_applied(self, text):
        result = cleanse.clean(text, ignore=["BOI004"])
        assert "Author: HGV" in physical_lines(result.text)
        assert "Source: Agencias" not in result.text

    def test_unknown_selector_is_a_config_error(self):
        with pytest.raises(cleanse.ConfigError, match="NOPE"):
            cleanse.clean("text", select=["NOPE"])
        with pytest.raises(cleanse.ConfigError, match="XYZ999"):
            cleanse.clean("text", ignore=["XYZ999"])

    def test_select_in_config_mapping(self, text):
        assert rules_of(cleanse.clean(text, {"select": ["encoding"]})) == {"ENC001"}
        assert rules_of(cleanse.clean(text, {"select": ["encoding"], "extend-select": ["BOI004"]})) == {"ENC001", "BOI004"}

    def test_call_arguments_override_config(self, text):
        assert rules_of(cleanse.clean(text, {"select": ["encoding"]}, select=["byline"])) == {"BOI004"}


# --------------------------------------------------------------------------- encoding
class TestEncoding:
    def test_lossy_mojibake_select_encoding(self):
        result = cleanse.clean("Comparte este artÃculo\n", select=["encoding"])
        assert result.text == "Comparte este artículo\n"
        [f] = result.findings
        assert (f.rule, f.start, f.end, f.replacement) == ("ENC001", 17, 18, "í")

    def test_intact_mojibake_repaired_by_ftfy(self):
        text = "I donâ€™t know, he said.\n"
        result = cleanse.clean(text)
        assert result.text == "I don’t know, he said.\n"
        [f] = [f for f in result.findings if f.category == "encoding"]
        assert f.rule == "ENC002"
        assert text[f.start : f.end] == "â€™"
        assert f.replacement == "’"
        assert (f.line, f.column) == (1, 6)

    def test_typography_is_not_mojibake(self):
        # ftfy.fix_text would uncurl these quotes and change the dashes; cleanse must not
        text = "He said “we don’t agree” — and left… ‘Fine’, she replied – twice.\n"
        result = cleanse.clean(text)
        assert result.text == text
        assert not [f for f in result.findings if f.category == "encoding"]

    def test_mojibake_next_to_curly_quotes(self):
        text = "“He donâ€™t care,” she said — twice.\n"
        result = cleanse.clean(text)
        assert result.text == "“He don’t care,” she said — twice.\n"

    @pytest.mark.parametrize("text", ["SÃO PAULO — Brazil's largest city", "NÃO", "SÃO TOMÉ E PRÍNCIPE"])
    def test_legitimate_a_tilde_untouched(self, text):
        result = cleanse.clean(text)
        assert result.text == text
        assert not [f for f in result.findings if f.category == "encoding"]

    def test_control_and_invisible_characters_removed(self):
        text = "Mos\u200bcow said\x00 hello.\n"
        result = cleanse.clean(text)
        assert result.text == "Moscow said hello.\n"
        assert {f.rule for f in result.findings} == {"ENC004", "ENC005"}

    def test_replacement_character_reported_when_no_word_fits(self):
        text = "The code Zx\ufffdqv was printed on the crate.\n"
        result = cleanse.clean(text)
        assert result.text == text
        [f] = [f for f in result.findings if f.rule == "ENC003"]
        assert text[f.start : f.end] == "\ufffd"
        assert f.replacement is None

    def test_replacement_character_repaired_when_one_word_fits(self):
        result = cleanse.clean("K\ufffdnig Charles visited Berlin.\n")
        assert result.text == "König Charles visited Berlin.\n"
        [f] = [f for f in result.findings if f.rule == "ENC003"]
        assert f.replacement == "ö"

    def test_extend_select_adds_an_opt_in_rule_to_the_defaults(self):
        text = "Peskov said \u201cyes\u201d and left.\n"
        assert cleanse.clean(text).text == text
        result = cleanse.clean(text, config={"extend-select": ["ENC008"]})
        assert result.text == 'Peskov said "yes" and left.\n'
        assert {f.rule for f in result.findings} == {"ENC008"}

    @pytest.mark.parametrize(
        "text, expected",
        [
            ("cafÃ\u200b© au lait", "café au lait"),
            ("I donâ€\u200b™t know.", "I don’t know."),
            ("cafÃ\x00© au lait", "café au lait"),
        ],
    )
    def test_mojibake_split_by_a_removed_character_is_repaired_in_one_pass(self, text, expected):
        # the zero-width / control character is removed, and what it split is mojibake too:
        # one pass must leave no mojibake behind (and so a second pass must change nothing)
        once = cleanse.clean(text).text
        assert once == expected
        assert cleanse.clean(once).text == once


# --------------------------------------------------------------------------- edits
class TestEdits:
    def test_repair_inside_removed_line(self):
        text = f"{PARA1}\nComparte este artÃculo\n{PARA2}\n"
        result = cleanse.clean(text)
        assert result.text == f"{PARA1}\n{PARA2}\n"
        share = [f for f in result.findings if f.rule == "BOI002"]
        lossy = [f for f in result.findings if f.rule == "ENC001"]
        assert len(share) == 1 and len(lossy) == 1
        assert share[0].start <= lossy[0].start < lossy[0].end <= share[0].end
        assert text[lossy[0].start : lossy[0].end] == "Ã"

    def test_ftfy_repair_inside_removed_byline(self):
        text = f"{PARA1}\nAuthor: JosÃ© PÃ©rez\n{PARA2}\n"
        result = cleanse.clean(text)
        assert result.text == f"{PARA1}\n{PARA2}\n"
        assert [f.rule for f in result.findings if f.rule == "BOI004"] == ["BOI004"]
        fixes = [f for f in result.findings if f.rule == "ENC002"]
        assert [text[f.start : f.end] for f in fixes] == ["Ã©", "Ã©"]
        assert all(f.replacement == "é" for f in fixes)

    def test_trailing_credit_cut_without_trailing_space(self):
        caption = "Kremlin spokesman Dmitry Peskov speaks to reporters in Moscow on Friday. Photo: EFE."
        text = f"{caption}\n{PARA1}\n"
        result = cleanse.clean(text)
        first = physical_lines(result.text)[0]
        assert first == "Kremlin spokesman Dmitry Peskov speaks to reporters in Moscow on Friday."
        [credit] = [f for f in result.findings if f.rule == "BOI006"]
        assert text[credit.start : credit.end].strip() == "Photo: EFE."

    def test_removals_do_not_create_blank_runs(self):
        text = f"{PARA1}\n\nShare this article\n\n{PARA2}\n\nAuthor: HGV\n"
        result = cleanse.clean(text)
        assert result.text == f"{PARA1}\n\n{PARA2}\n"

    def test_authors_blank_runs_stay(self):
        text = f"{PARA1}\n\n\n{PARA2}\n"
        assert cleanse.clean(text).text == text

    def test_removed_first_line_takes_following_blank(self):
        text = f"Share this article\n\n{PARA1}\n"
        assert cleanse.clean(text).text == f"{PARA1}\n"

    def test_removed_first_line_takes_all_following_blanks(self):
        # seed 003's metadata line, followed by two blank lines instead of one
        text = read_seed("003").replace(" date 2026-01-16 \n\n", " date 2026-01-16 \n\n\n", 1)
        assert cleanse.clean(text).text == cleaned_seed("003").text
        assert cleanse.clean(f"Share this article\n\n\n{PARA1}\n").text == f"{PARA1}\n"

    def test_removal_between_blank_runs_does_not_lengthen_them(self):
        # paragraphs separated by two blank lines; a share line removed between two of them
        text = f"{PARA1}\n\n\nShare this article\n\n\n{PARA2}\n"
        assert cleanse.clean(text).text == f"{PARA1}\n\n\n{PARA2}\n"

    @pytest.mark.parametrize("junk", ["\u200b ", "\x00 ", "\ufeff "])
    def test_invisible_character_before_a_boilerplate_line(self, junk):
        # the removal of the invisible character must not cancel the removal of the line
        text = f"{PARA1}\n{junk}Share this article\n{PARA2}\n"
        result = cleanse.clean(text)
        assert result.text == f"{PARA1}\n{PARA2}\n"
        assert "BOI002" in {f.rule for f in result.findings}


# --------------------------------------------------------------------------- line endings
class TestLineEndings:
    @pytest.mark.parametrize("key", SEED_IDS)
    def test_crlf_seed(self, key):
        lf = read_seed(key)
        crlf = lf.replace("\n", "\r\n")
        result = cleanse.clean(crlf)
        assert result.text == cleaned_seed(key).text.replace("\n", "\r\n")
        assert re.search(r"(?<!\r)\n", result.text) is None
        assert re.search(r"\r(?!\n)", result.text) is None
        # same findings, same lines; offsets shift by one per earlier line
        lf_findings = cleaned_seed(key).findings
        assert [(f.rule, f.line, f.column, f.replacement) for f in result.findings] == [
            (f.rule, f.line, f.column, f.replacement) for f in lf_findings
        ]
        for f_crlf, f_lf in zip(result.findings, lf_findings, strict=True):
            assert crlf[f_crlf.start : f_crlf.end].replace("\r\n", "\n") == lf[f_lf.start : f_lf.end]
        assert result.score == cleaned_seed(key).score

    def test_mixed_terminators_are_kept_per_line(self):
        text = f"{PARA1}\r\nShare this article\n{PARA2}\rAuthor: HGV\r\n{PARA3}\r"
        result = cleanse.clean(text)
        assert result.text == f"{PARA1}\r\n{PARA2}\r{PARA3}\r"
        assert [(f.rule, f.line) for f in result.findings if f.category == "boilerplate"] == [
            ("BOI002", 2),
            ("BOI004", 4),
        ]

    def test_lone_cr_lines(self):
        text = read_seed("001").replace("\n", "\r")
        result = cleanse.clean(text)
        assert result.text == cleaned_seed("001").text.replace("\n", "\r")
        assert [(f.rule, f.line) for f in result.findings] == [(f.rule, f.line) for f in cleaned_seed("001").findings]


# --------------------------------------------------------------------------- records
class TestRecords:
    def test_streaming_is_lazy(self):
        pulled = []

        def source():
            for i, key in enumerate(("001", "003", "000")):
                pulled.append(i)
                yield {"id": i, "text": read_seed(key)}

        out = cleanse.clean_records(source())
        assert pulled == []
        first = next(out)
        assert pulled == [0]
        assert first["id"] == 0
        assert first["text"] == cleaned_seed("001").text
        second = next(out)
        assert pulled == [0, 1]
        assert second["id"] == 1
        rest = list(out)
        assert pulled == [0, 1, 2] and len(rest) == 1

    def test_record_shape(self):
        record = {"id": "a", "text": read_seed("001"), "url": "https://example.org/x"}
        [row] = list(cleanse.clean_records([record]))
        result = cleaned_seed("001")
        assert row["id"] == "a" and row["url"] == "https://example.org/x"
        assert row["text"] == result.text
        assert row["score"] == result.score
        assert row["score_after"] == result.score_after
        assert row["language"] == "en"
        assert row["findings"] == [f.to_dict() for f in result.findings]
        assert isinstance(row["findings"][0], dict)
        assert row["metrics"]["translation"]["source_language"] == "es"
        assert "error" not in row
        # the input record is not modified
        assert record["text"] == read_seed("001")

    def test_custom_text_field(self):
        [row] = list(cleanse.clean_records([{"body": "Comparte este artÃculo\n"}], text_field="body", select=["encoding"]))
        assert row["body"] == "Comparte este artículo\n"

    def test_missing_field_gives_error_and_stream_goes_on(self):
        records = [{"id": 1, "title": "no text here"}, {"id": 2, "text": read_seed("003")}, {"id": 3, "text": None}]
        rows = list(cleanse.clean_records(records))
        assert len(rows) == 3
        assert rows[0]["id"] == 1 and "error" in rows[0] and "text" in rows[0]["error"]
        assert rows[0]["title"] == "no text here"
        assert "error" not in rows[1] and rows[1]["text"] == cleaned_seed("003").text
        assert "error" in rows[2]

    def test_a_null_text_is_null_not_missing(self):
        rows = list(cleanse.clean_records([{"id": 1, "text": None}, {"id": 2}, {"id": 3, "text": ["a"]}]))
        assert [row["error"] for row in rows] == ["field 'text' is null, not text", "field 'text' is missing, not text",
                                                  "field 'text' is an array, not text"]

    def test_a_value_that_is_not_a_record_comes_back_wrapped_and_the_stream_goes_on(self):
        # json.loads of a line `null` or `[1, 2]` in a stream of records: dict(None)
        # raised TypeError and ended the generator, the records after it lost.
        good = {"id": 2, "text": read_seed("003")}
        rows = list(cleanse.clean_records([None, [["text", "x"]], good, 7]))
        assert rows[0] == {"record": None, "error": "the record is None, not a mapping holding 'text' or a str"}
        assert rows[1] == {"record": [["text", "x"]],
                           "error": "the record is a list, not a mapping holding 'text' or a str"}
        assert rows[2]["id"] == 2 and rows[2]["text"] == cleaned_seed("003").text and "error" not in rows[2]
        assert rows[3] == {"record": 7, "error": "the record is an int, not a mapping holding 'text' or a str"}

    def test_results_never_silently_replace_a_records_fields(self):
        # {"language": "pt-BR", "score": 0.87} came back as language "pt", score 84.18
        record = {"id": 1, "text": read_seed("001"), "language": "pt-BR", "score": 0.87}
        [refused] = list(cleanse.clean_records([record]))
        assert refused == {**record, "error": (
            "fields 'score' and 'language' would be overwritten by cleanse's result columns of the same name; pass "
            "result_prefix='cleanse_' (cleanse_score, cleanse_language) to name the results apart, or "
            "overwrite_results=True to replace them")}
        [named] = list(cleanse.clean_records([record], result_prefix="cleanse_"))
        result = cleaned_seed("001")
        assert (named["language"], named["score"]) == ("pt-BR", 0.87)
        assert (named["cleanse_language"], named["cleanse_score"], named["cleanse_metrics"]) == \
            (result.language, result.score, result.metrics)
        [replaced] = list(cleanse.clean_records([{**record, "error": "stale"}], overwrite_results=True))
        assert (replaced["language"], replaced["score"]) == (result.language, result.score) and "error" not in replaced

    def test_a_record_whose_own_error_field_would_be_replaced_comes_back_wrapped(self):
        record = {"id": 2, "error": "fetch retried"}  # no text, and an error field of its own
        assert list(cleanse.clean_records([record])) == [{"record": record, "error": "field 'text' is missing, not text"}]
        [prefixed] = list(cleanse.clean_records([record], result_prefix="cleanse_"))
        assert prefixed == {**record, "cleanse_error": "field 'text' is missing, not text"}

    def test_a_text_field_named_like_a_result_is_refused_at_once(self):
        with pytest.raises(ValueError, match="text_field 'language' is also the name of a result column"):
            cleanse.clean_records([], text_field="language")
        assert list(cleanse.clean_records([{"language": "x"}], text_field="language", result_prefix="c_"))[0][
            "language"] == "x"

    def test_bare_strings(self):
        rows = list(cleanse.clean_records(["Comparte este artÃculo\n"], select=["encoding"]))
        assert rows[0]["text"] == "Comparte este artículo\n"


# --------------------------------------------------------------------------- config
class TestConfig:
    def test_unknown_key_names_it(self):
        with pytest.raises(cleanse.ConfigError, match="fail_under_typo"):
            cleanse.clean("text", {"fail_under_typo": 50})

    def test_snake_case_spelling_of_a_known_key_is_accepted(self):
        assert cleanse.clean("text", {"fail_under": 50, "keep_patterns": ["x"]}).text == "text"

    def test_bad_regex_in_boilerplate_patterns(self):
        with pytest.raises(cleanse.ConfigError, match="boilerplate-patterns") as info:
            cleanse.clean("text", {"boilerplate-patterns": ["(unclosed"]})
        assert "(unclosed" in str(info.value)

    def test_bad_regex_in_keep_patterns(self):
        with pytest.raises(cleanse.ConfigError, match="keep-patterns"):
            cleanse.clean("text", {"keep-patterns": ["[a-"]})

    @pytest.mark.parametrize("pattern", [r"(\w+\s?)*$", r"(a+)+$", r"(a*)*$", r"(?:[a-z]+ ?){1,20}x",
                                         r"^Share: ((?:a|b)+c?)+$"])
    def test_exponential_regex_is_refused_with_a_rewrite(self, pattern):
        # Each of these takes seconds on a 25-character line that almost matches.
        with pytest.raises(cleanse.ConfigError, match="unsafe regular expression") as info:
            cleanse.clean("text", {"boilerplate-patterns": [pattern]})
        assert repr(pattern) in str(info.value) and "possessive" in str(info.value)
        with pytest.raises(cleanse.ConfigError, match="keep-patterns"):
            cleanse.clean("text", {"keep-patterns": [pattern]})

    @pytest.mark.parametrize("pattern", [r"(\d+\.)*\d+$", r"^(Share|Tweet)+$", r"^Advertisement$", r"\w+\s*\w*",
                                         r"(?:\w+\s)*\w*$", r"^(?:[A-Z][a-z]+ ){1,4}Staff$"])
    def test_ordinary_regexes_are_accepted(self, pattern):
        config = cleanse.Config(boilerplate_patterns=(pattern,), keep_patterns=(pattern,))
        assert [p.pattern for p in config.boilerplate_res] == [p.pattern for p in config.keep_res] == [pattern]

    def test_user_patterns_read_lines_within_a_bound(self):
        long_line = "Advertisement " + "word " * 500  # 2,514 characters
        text = f"{PARA1}\n{long_line}\n{PARA2}\n"
        assert "BOI010" not in {f.rule for f in cleanse.clean(text, {"boilerplate-patterns": ["^Advertisement"]}).findings}
        short = f"{PARA1}\nAdvertisement here\n{PARA2}\n"
        assert "BOI010" in {f.rule for f in cleanse.clean(short, {"boilerplate-patterns": ["^Advertisement"]}).findings}
        # keep-patterns read the first 2,000 characters: a mark at the start of a long line still keeps it
        duplicated = f"{PARA1}\n{long_line}\n{PARA2}\n{long_line}\n"
        kept = cleanse.clean(duplicated, {"keep-patterns": ["^Advertisement"]})
        assert kept.text.count(long_line.rstrip()) == 2

    def test_bad_severity(self):
        with pytest.raises(cleanse.ConfigError, match="severity") as info:
            cleanse.clean("text", {"severity": {"BOI002": "fatal"}})
        assert "BOI002" in str(info.value) and "fatal" in str(info.value)

    def test_severity_for_unknown_rule(self):
        with pytest.raises(cleanse.ConfigError, match="NOPE001"):
            cleanse.clean("text", {"severity": {"NOPE001": "info"}})

    def test_bad_fail_on(self):
        with pytest.raises(cleanse.ConfigError, match="fail-on"):
            cleanse.clean("text", {"fail-on": "fatal"})

    def test_bad_fail_under(self):
        with pytest.raises(cleanse.ConfigError, match="fail-under"):
            cleanse.clean("text", {"fail-under": 150})
        with pytest.raises(cleanse.ConfigError, match="fail-under"):
            cleanse.clean("text", {"fail-under": "high"})

    def test_wrong_types(self):
        with pytest.raises(cleanse.ConfigError, match="select"):
            cleanse.clean("text", {"select": [1, 2]})
        with pytest.raises(cleanse.ConfigError, match="readability"):
            cleanse.clean("text", {"readability": "yes"})

    def test_config_error_is_a_value_error(self):
        assert issubclass(cleanse.ConfigError, ValueError)

    def test_not_a_config(self):
        with pytest.raises((cleanse.ConfigError, TypeError)):
            cleanse.clean("text", 42)

    def test_non_str_text(self):
        with pytest.raises(TypeError):
            cleanse.clean(b"bytes")

    def test_config_object(self):
        config = cleanse.Config(select=("encoding",))
        assert rules_of(cleanse.clean(read_seed("001"), config)) == {"ENC001"}

    def test_severity_override_by_id(self):
        text = read_seed("001")
        default = cleanse.clean(text)
        result = cleanse.clean(text, {"severity": {"ENC001": "warning"}})
        [f] = [f for f in result.findings if f.rule == "ENC001"]
        assert f.severity == "warning"
        assert result.score > default.score
        assert result.text == default.text

    def test_severity_override_by_name(self):
        result = cleanse.clean(read_seed("003"), {"severity": {"date-line": "error"}})
        [f] = [f for f in result.findings if f.rule == "BOI008"]
        assert f.severity == "error"
        assert result.score < cleaned_seed("003").score

    def test_keep_patterns_prevent_removal(self):
        text = read_seed("001")
        result = cleanse.clean(text, {"keep-patterns": ["^Author:"]})
        assert "Author: HGV" in physical_lines(result.text)
        assert not [f for f in result.findings if f.rule == "BOI004"]
        assert "Source: Agencias" not in result.text

    def test_boilerplate_patterns_remove_a_custom_line(self):
        text = f"{PARA1}\nADVERTISEMENT\n{PARA2}\n"
        result = cleanse.clean(text, {"boilerplate-patterns": ["^ADVERTISEMENT$"]})
        assert result.text == f"{PARA1}\n{PARA2}\n"
        [f] = [f for f in result.findings if f.rule == "BOI010"]
        assert text[f.start : f.end] == "ADVERTISEMENT"
        assert f.line == 2 and f.replacement == ""
        # without the pattern the built-in ad-label rule removes it (issue 4)
        assert [f.rule for f in cleanse.clean(text).findings if f.line == 2] == ["BOI013"]

    def test_keep_beats_custom_boilerplate(self):
        text = f"{PARA1}\nADVERTISEMENT\n{PARA2}\n"
        result = cleanse.clean(text, {"boilerplate-patterns": ["^ADVERTISEMENT$"], "keep-patterns": ["ADVERT"]})
        assert result.text == text

    def test_unexpected_language(self):
        result = cleanse.clean(read_seed("003"), {"languages": ["de"]})
        assert result.language == "en"
        [f] = [f for f in result.findings if f.rule == "TRN005"]
        assert f.severity == "warning"
        assert f.replacement is None
        assert not [f for f in cleanse.clean(read_seed("003"), {"languages": ["en"]}).findings if f.rule == "TRN005"]

    def test_readability_can_be_turned_off(self):
        result = cleanse.clean(read_seed("000"), {"readability": False})
        assert "readability" not in result.metrics


# --------------------------------------------------------------------------- metrics and scores
def _insert_line(text: str, line: str, at: int = 1) -> str:
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    return "".join(lines[:at] + [line + "\n"] + lines[at:])


DEFECTS = {
    "share line": lambda t: _insert_line(t, "Share this article"),
    "icon line": lambda t: _insert_line(t, "icon-facebook icon-twitter icon-whatsapp"),
    "mojibake word": lambda t: t.replace(" the ", " the artÃculo ", 1),
    "intact mojibake": lambda t: t.replace(" the ", " the donâ€™t ", 1),
    "source credit": lambda t: _insert_line(t, "Source: Agencias"),
    "spanish share line at the top": lambda t: _insert_line(t, "🔗 Comparte este artÃculo", 0),
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
@pytest.mark.parametrize("key", SEED_IDS)
def test_adding_a_defect_never_raises_the_score(key, defect):
    text = read_seed(key)
    damaged = DEFECTS[defect](text)
    assert damaged != text
    before = cleaned_seed(key).score
    after = cleanse.clean(damaged)
    assert after.score <= before
    assert after.score < 100


@pytest.mark.parametrize("key", SEED_IDS)
def test_score_after_at_least_score(key):
    result = cleaned_seed(key)
    assert 0 <= result.score <= result.score_after <= 100


@pytest.mark.parametrize("key", SEED_IDS)
def test_deterministic(key):
    a = cleanse.clean(read_seed(key))
    b = cleanse.clean(read_seed(key))
    assert a.text == b.text
    assert [f.to_dict() for f in a.findings] == [f.to_dict() for f in b.findings]
    assert (a.score, a.score_after, a.language, a.metrics) == (b.score, b.score_after, b.language, b.metrics)


@pytest.mark.parametrize("key", SEED_IDS)
def test_idempotent(key):
    once = cleaned_seed(key).text
    again = cleanse.clean(once)
    assert again.text == once
    # nothing left to fix
    assert not [f for f in again.findings if f.replacement is not None]


@pytest.mark.parametrize("key", SEED_IDS)
def test_metrics_shape(key):
    metrics = cleaned_seed(key).metrics
    for name in ("score_breakdown", "translation", "repetition", "readability"):
        assert name in metrics
    assert "source_language" in metrics["translation"] and "evidence" in metrics["translation"]
    assert metrics["readability"]["words"] > 100


def test_finding_to_dict_is_asdict():
    # to_dict is written out for speed; it must stay the contract's object.
    findings = [f for key in SEED_IDS for f in cleaned_seed(key).findings]
    assert {f.replacement is None for f in findings} == {True, False}
    assert [f.to_dict() for f in findings] == [dataclasses.asdict(f) for f in findings]


def test_results_pickle_to_equal_results():
    # Batch workers and Dask send results back pickled; Finding pickles as its values.
    for key in SEED_IDS:
        result = cleaned_seed(key)
        copied = pickle.loads(pickle.dumps(result))
        assert copied == result and all(type(f) is type(result.findings[0]) for f in copied.findings)


def test_findings_sorted_and_positioned():
    for key in SEED_IDS:
        text = read_seed(key)
        findings = cleaned_seed(key).findings
        assert [f.start for f in findings] == sorted(f.start for f in findings)
        for f in findings:
            line_start = text.rfind("\n", 0, f.start) + 1
            assert f.line == text.count("\n", 0, f.start) + 1
            assert f.column == f.start - line_start + 1


def test_empty_and_whitespace_text():
    for text in ("", "\n", "   \n\n", "\r\n"):
        result = cleanse.clean(text)
        assert result.text == text
        assert result.findings == []
        assert result.score == result.score_after == 100


# --------------------------------------------------------------------------- clean_file
def test_clean_file(tmp_path):
    assert cleanse.clean_file(seed_path("001")).text == cleaned_seed("001").text
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(read_seed("002").replace("\n", "\r\n").encode("utf-8"))
    assert cleanse.clean_file(crlf).text == cleaned_seed("002").text.replace("\n", "\r\n")


def test_clean_file_utf8_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + read_seed("003").encode("utf-8"))
    result = cleanse.clean_file(path)
    assert result.text == cleaned_seed("003").text
    assert not [f for f in result.findings if f.rule == "ENC005"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Comparte este artículo".encode("cp1252") + bytes(range(0x80, 0x100)), "UTF-8"),  # no encoding fits
    ],
)
def test_clean_file_input_errors(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(cleanse.InputError, match=reason) as info:
        cleanse.clean_file(path)
    message = str(info.value)
    assert "\n" not in message and "bad.txt" in message


def test_clean_file_missing(tmp_path):
    with pytest.raises(cleanse.InputError, match="missing.txt"):
        cleanse.clean_file(tmp_path / "missing.txt")
