"""The seed articles against tests/seeds_EXPECTED.md: what a careful editor finds in each."""

from __future__ import annotations

import re

import pytest

from .conftest import SEED_IDS, blank_runs, cleaned_seed, physical_lines, read_seed

SEVERE = ("warning", "error")


def span(text: str, finding) -> str:
    return text[finding.start : finding.end]


def findings_of(result, rule: str, line: int | None = None) -> list:
    return [f for f in result.findings if f.rule == rule and (line is None or f.line == line)]


def one(result, rule: str, line: int | None = None):
    found = findings_of(result, rule, line)
    assert len(found) == 1, f"expected one {rule} finding on line {line}, got {found}"
    return found[0]


def nonblank(text: str) -> list[str]:
    return [line for line in physical_lines(text) if line.strip()]


def line_of(text: str, number: int) -> str:
    return physical_lines(text)[number - 1]


# --------------------------------------------------------------------------- 001
class TestSeed001:
    key = "001"

    @pytest.fixture
    def text(self):
        return read_seed(self.key)

    @pytest.fixture
    def result(self):
        return cleaned_seed(self.key)

    def test_language_is_english(self, result):
        assert result.language == "en"

    def test_lossy_mojibake_in_share_line(self, text, result):
        f = one(result, "ENC001", line=5)
        assert span(text, f) == "Ã"
        assert f.replacement == "í"
        assert text[f.start - 3 : f.end + 4] == "artÃculo"
        assert f.severity == "error"
        assert f.category == "encoding"
        assert f.column == line_of(text, 5).index("Ã") + 1

    def test_share_line_is_boilerplate_and_removed(self, text, result):
        f = one(result, "BOI002", line=5)
        assert span(text, f).strip() == "🔗 Comparte este artÃculo"
        assert f.replacement == ""
        assert "Comparte" not in result.text
        assert "🔗" not in result.text
        assert "artÃculo" not in result.text and "artículo" not in result.text

    def test_share_line_is_untranslated_spanish(self, text, result):
        f = [f for f in findings_of(result, "TRN002", line=5)]
        assert len(f) == 1
        assert span(text, f[0]) == "Comparte este artÃculo"
        assert f[0].replacement is None
        assert f[0].category == "translation"

    def test_photo_caption_with_credit_on_line_3(self, text, result):
        caption = one(result, "BOI007", line=3)
        assert span(text, caption).strip() == line_of(text, 3).strip()
        assert caption.replacement == ""
        credit = one(result, "BOI006")
        assert credit.line == 3
        assert span(text, credit).strip() == "Photo: EFE."
        assert credit.replacement == ""
        assert "Photo: EFE" not in result.text
        # the caption line goes whole; the body sentence it repeats (line 7) stays
        assert line_of(text, 3) not in nonblank(result.text)
        assert not any(line.startswith("For the Russian government") for line in nonblank(result.text))

    def test_date_line_with_hour_calque(self, text, result):
        date = one(result, "BOI008", line=4)
        assert span(text, date) == "January 16, 2026 Hour: 3:59 pm"
        assert date.replacement == ""
        hour = one(result, "TRN003", line=4)
        assert span(text, hour) == "Hour:"
        assert hour.replacement is None
        assert hour.column == line_of(text, 4).index("Hour:") + 1
        assert "Hour:" not in result.text
        assert "January 16, 2026" not in result.text

    def test_related_label_and_teaser(self, text, result):
        label = one(result, "BOI003", line=8)
        assert span(text, label) == "RELATED:"
        teaser = one(result, "BOI003", line=9)
        assert span(text, teaser) == "Venezuela Strengthens Security Alliances With Netherlands and Russia"
        assert label.replacement == teaser.replacement == ""
        assert "RELATED" not in result.text
        assert "Venezuela Strengthens" not in result.text

    def test_byline(self, text, result):
        f = one(result, "BOI004", line=14)
        assert span(text, f) == "Author: HGV"
        assert f.replacement == ""
        assert "Author: HGV" not in result.text

    def test_source_credit_and_untranslated_agencias(self, text, result):
        f = one(result, "BOI005", line=15)
        assert span(text, f) == "Source: Agencias"
        assert f.replacement == ""
        agencias = one(result, "TRN002", line=15)
        assert span(text, agencias) == "Agencias"
        assert agencias.replacement is None
        assert "Agencias" not in result.text

    def test_headline_standfirst_and_body_kept_intact(self, text, result):
        kept = [line_of(text, n) for n in (1, 2, 6, 7, 10, 11, 12, 13)]
        assert nonblank(result.text) == kept

    def test_no_other_lines_touched(self, result):
        lines = {f.line for f in result.findings if f.severity in SEVERE or f.replacement is not None}
        assert lines == {3, 4, 5, 8, 9, 14, 15}

    def test_source_language_is_spanish_with_evidence(self, result):
        translation = result.metrics["translation"]
        assert translation["source_language"] == "es"
        evidence = translation["evidence"]
        assert all(item["language"] == "es" for item in evidence)
        texts = [item["text"] for item in evidence]
        assert any("Comparte este art" in t for t in texts), texts
        assert "Agencias" in texts
        assert "Hour:" in texts

    def test_check_fails_on_error(self, result):
        assert any(f.severity == "error" for f in result.findings)

    def test_cleaned_text_has_no_stray_spaces_or_blank_lines(self, text, result):
        # lines 1..13 had no blank lines between them; removals must not create any
        body = result.text.rstrip("\n")
        assert "\n\n" not in body
        for line in physical_lines(result.text):
            assert line == line.rstrip() or line in physical_lines(text)
        assert result.text.startswith("Kremlin highlights willingness")


# --------------------------------------------------------------------------- 002
class TestSeed002:
    key = "002"

    @pytest.fixture
    def text(self):
        return read_seed(self.key)

    @pytest.fixture
    def result(self):
        return cleaned_seed(self.key)

    @pytest.mark.parametrize("line", [4, 50])
    def test_social_icons_removed(self, text, result, line):
        f = one(result, "BOI001", line=line)
        assert span(text, f) == "icon-facebook icon-twitter icon-whatsapp"
        assert f.replacement == ""

    def test_no_icons_left(self, result):
        assert "icon-" not in result.text

    def test_bare_date_line(self, text, result):
        f = one(result, "BOI008", line=3)
        assert span(text, f) == "Fri Jan 16 2026"
        assert f.replacement == ""
        assert "Fri Jan 16 2026" not in result.text

    def test_pertinent_to_mention_is_info(self, text, result):
        f = one(result, "TRN004", line=44)
        assert span(text, f) == "It is pertinent to mention that"
        assert f.severity == "info"
        assert f.replacement is None
        assert "It is pertinent to mention that Russia last month warned" in result.text

    def test_repeated_peskov_quote_reported_not_removed(self, text, result):
        found = findings_of(result, "REP001", line=28)
        assert len(found) == 1
        f = found[0]
        assert span(text, f).startswith("We have noted statements made in recent days by a number of European leaders")
        assert f.replacement is None
        assert line_of(text, 18) in nonblank(result.text)
        assert line_of(text, 28) in nonblank(result.text)

    def test_key_points_and_bullets_kept(self, text, result):
        kept = nonblank(result.text)
        for n in range(6, 15):
            if line_of(text, n).strip():
                assert line_of(text, n) in kept
        assert "Key Points:" in kept

    def test_only_the_boilerplate_lines_removed(self, text, result):
        expected = [line for n, line in enumerate(physical_lines(text), 1) if line.strip() and n not in (3, 4, 50)]
        assert nonblank(result.text) == expected

    def test_nothing_removed_outside_boilerplate(self, result):
        removals = {f.line for f in result.findings if f.replacement is not None}
        assert removals == {3, 4, 50}

    def test_cleaned_text_edges(self, result):
        assert result.text.startswith("Kremlin Welcomes European Call to Resume Dialogue with Russia\n\nKey Points:")
        # the trailing icon row went; the blank line before it must go too
        assert not result.text.endswith("\n\n")
        assert result.text.rstrip().endswith("revised toward a tougher stance.”")

    def test_no_blank_runs_created(self, text, result):
        assert max(blank_runs(result.text), default=0) <= max(blank_runs(text), default=0)


# --------------------------------------------------------------------------- 003
class TestSeed003:
    key = "003"

    @pytest.fixture
    def text(self):
        return read_seed(self.key)

    @pytest.fixture
    def result(self):
        return cleaned_seed(self.key)

    def test_metadata_date_line(self, text, result):
        f = one(result, "BOI008", line=1)
        assert span(text, f).strip() == "date 2026-01-16"
        assert f.replacement == ""

    def test_nothing_else_at_warning_level(self, result):
        severe = [f for f in result.findings if f.severity in SEVERE and f.rule != "BOI008"]
        assert severe == []

    def test_cleaned_text_starts_with_the_article(self, text, result):
        assert result.text.startswith("MOSCOW — In a potentially significant diplomatic evolution")
        assert nonblank(result.text) == nonblank(text)[1:]
        assert result.text == text[text.index("MOSCOW") :]

    def test_scores_near_the_top(self, result):
        assert result.score >= 90
        assert result.score_after == 100


# --------------------------------------------------------------------------- 000
class TestSeed000:
    key = "000"

    def test_no_warning_or_error(self):
        result = cleaned_seed(self.key)
        assert [f for f in result.findings if f.severity in SEVERE] == []

    def test_text_unchanged(self):
        assert cleaned_seed(self.key).text == read_seed(self.key)

    def test_aforementioned_at_most_info(self):
        text = read_seed(self.key)
        result = cleaned_seed(self.key)
        offset = text.index("aforementioned")
        for f in result.findings:
            if f.start <= offset < f.end:
                assert f.severity == "info"


# --------------------------------------------------------------------------- 004
class TestSeed004:
    key = "004"

    def test_no_encoding_or_boilerplate(self):
        result = cleaned_seed(self.key)
        assert [f for f in result.findings if f.category in ("encoding", "boilerplate")] == []

    def test_filler_on_last_paragraph(self):
        text = read_seed(self.key)
        result = cleaned_seed(self.key)
        last = len(physical_lines(text))
        f = one(result, "READ001", line=last)
        assert span(text, f).strip() == line_of(text, last).strip()
        assert len(span(text, f)) > 1500
        assert f.replacement is None

    def test_filler_only_on_last_paragraph(self):
        text = read_seed(self.key)
        result = cleaned_seed(self.key)
        assert {f.line for f in findings_of(result, "READ001")} == {len(physical_lines(text))}

    def test_text_unchanged(self):
        assert cleaned_seed(self.key).text == read_seed(self.key)


# --------------------------------------------------------------------------- all
def test_score_order():
    s = {key: cleaned_seed(key).score for key in SEED_IDS}
    assert min(s["003"], s["000"]) > s["004"] > s["002"] > s["001"], s


@pytest.mark.parametrize("key", SEED_IDS)
def test_all_seeds_are_english(key):
    assert cleaned_seed(key).language == "en"


@pytest.mark.parametrize("key", SEED_IDS)
def test_cleaned_text_is_tidy(key):
    text = read_seed(key)
    result = cleaned_seed(key)
    original_lines = physical_lines(text)
    cleaned_lines = physical_lines(result.text)
    # no runs of blank lines longer than the author's
    assert max(blank_runs(result.text), default=0) <= max(blank_runs(text), default=0)
    # a removal never leaves a line ending in spaces (lines that were already so may stay)
    for line in cleaned_lines:
        if line != line.rstrip():
            assert line in original_lines
    # no leading blank line unless the author wrote one
    if not original_lines[0].strip() or result.text == "":
        return
    assert cleaned_lines[0].strip()
    # every kept line is an original line, in order (boilerplate is removed whole or trimmed at the end)
    it = iter(original_lines)
    for line in cleaned_lines:
        assert any(line == orig or orig.startswith(line) for orig in it), line


@pytest.mark.parametrize("key", SEED_IDS)
def test_no_blank_line_at_edges_created_by_removal(key):
    text = read_seed(key)
    result = cleaned_seed(key)
    lines = physical_lines(result.text)
    if lines and physical_lines(text)[0].strip():
        assert lines[0].strip(), "cleaned text starts with a blank line the original did not have"
    if text.rstrip("\r\n") and not re.search(r"(\r?\n){2}$", text):
        assert not re.search(r"(\r?\n){2}$", result.text), "cleaned text ends with a blank line created by a removal"
