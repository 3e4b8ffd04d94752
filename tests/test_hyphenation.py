"""cleanse.hyphenation reads pyphen's dictionaries into exactly the table
pyphen builds, or leaves the file to pyphen."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest

from cleanse.hyphenation import hyphenator, patterns

BUNDLED = sorted(set(pyphen.LANGUAGES.values()))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_bundled_dictionary_reads_as_pyphen_reads_it(path: Path) -> None:
    table = patterns(path)
    if table is None:  # left to pyphen: only files with alternatives or escapes
        text = path.read_bytes()
        assert b"^^" in text or b"/" in text, path.name
        return
    assert table == pyphen.HyphDict(path).patterns


def test_german_is_read_here_not_left_to_pyphen() -> None:
    # The reason for the module: German is the largest file it takes.
    assert patterns(pyphen.LANGUAGES[pyphen.language_fallback("de")]) is not None


@pytest.mark.parametrize("language", ["de", "es", "fr", "it", "nl", "ru", "hu", "en"])
def test_hyphenation_points_match_pyphen(language: str) -> None:
    words = ["Bundesverfassungsgericht", "Nachrichtenagentur", "información", "gouvernement", "probabilmente",
             "ziekenhuis", "правительство", "megszentségteleníthetetlenségeskedéseitekért", "extraordinary",
             "blutharnstoff", "a", ""]
    ours = hyphenator(language)
    theirs = pyphen.Pyphen(lang=language)
    for word in words:
        assert ours.positions(word.lower()) == theirs.positions(word.lower()), (language, word)


def _dic(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "hyph_xx.dic"
    path.write_bytes(f"UTF-8\n{body}\n".encode())
    return path


@pytest.mark.parametrize("body", [
    "LEFTHYPHENMIN 2\n% a comment 12\n.ab1c\n1ba\nab2\n",  # settings and comments skipped, digits at each end
    "aktionärs11ausschüsse\nblut11harn1stoff\nx123y\n",  # runs of digits: a slot each, as pyphen's findall reads them
    "ab0c\n0a0\n.a1b\n.a1b\n  ca3t  \n",  # zeros only (skipped), a repeated pattern, blanks around
    "a b1c\n.\n",  # a space is a letter like any other
])
def test_small_dictionaries(tmp_path: Path, body: str) -> None:
    path = _dic(tmp_path, body)
    assert patterns(path) == pyphen.HyphDict(path).patterns


@pytest.mark.parametrize("body", [
    "c1/c=,1,1\n",  # a nonstandard hyphenation (Hungarian's `ssz1/sz=,2,1`)
    "^^e4b1c\n",  # an escaped character
    "a\u0661b\n",  # an Arabic-Indic digit: pyphen's \d reads it as 1
])
def test_files_left_to_pyphen(tmp_path: Path, body: str) -> None:
    assert patterns(_dic(tmp_path, body)) is None


def test_a_pyphen_that_needs_more_than_the_table_gets_its_own_reading() -> None:
    # A later HyphDict reading an attribute this module does not set: pyphen
    # then reads the file itself, rather than hyphenation failing.
    from cleanse.hyphenation import _hyph_dict

    class LaterHyphDict(pyphen.HyphDict):
        def positions(self, word):
            return self.new_attribute

    assert _hyph_dict(LaterHyphDict, {"ab": (1, (1,))}) is None
    assert _hyph_dict(pyphen.HyphDict, {"ab": (1, (1,))}).cache == {}
