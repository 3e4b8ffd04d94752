"""The cheap pre-checks that let detectors skip work must never skip a match:
a pattern is skipped only when no match is possible."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from cleanse.detectors.synthetic import _pattern as synthetic_pattern
from cleanse.detectors.textutil import IGNORECASE_ASCII_TWINS, LiteralCheck, required_literals
from cleanse.detectors.translation import _lexicon
from cleanse.detectors.typography import _specs, punctuation_gates

ROOT = Path(__file__).parent.parent


def test_ignorecase_twins_of_ascii_letters_are_all_known() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    twins = {chr(cp) for cp in range(0x80, 0x110000)
             if letter.fullmatch(chr(cp)) or any(ch.isascii() for ch in chr(cp).lower())}
    assert twins == set(IGNORECASE_ASCII_TWINS)


def _patterns() -> list[re.Pattern[str]]:
    _, _, _, calques, formulas = _lexicon()
    punctuation, _ = _specs()
    return [p for p, _ in calques + formulas + punctuation] + [synthetic_pattern("en")]


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "fixtures").glob("*.txt"))]
    rng = random.Random(6)
    pieces = ["Hour: 3:59 pm", "HOUR: 12.30", "Font: EFE", "  Key words: x", "Photo: File", "in declarations to",
              "Published on 3 May. Updated on", "informs TASS", "It iſ learned that", "IT IS LEARNED THAT",
              "it is reported that", "do the Needful", "the broad masses", "«oui»", "„Ja“", "¿Qué?", "¡Sí!",
              "3,5 million", "mots ; et", "delves", "DELVE", "underſcores", "pivotal", "İt is reported that",
              "a tapestry", "showcasing", "中文，逗号", "Kelvin K"]
    for _ in range(300):
        texts.append(" ".join(rng.choice(pieces + ["word", "the", "It", "is", ",", "\n"]) for _ in range(12)))
    return texts


@pytest.mark.parametrize("pattern", _patterns(), ids=lambda p: p.pattern[:30])
def test_a_skipped_pattern_has_no_match(pattern: re.Pattern[str]) -> None:
    for text in _texts():
        if not LiteralCheck(text).may_match(pattern):
            assert pattern.search(text) is None, (pattern.pattern, text)


def test_a_punctuation_gate_finds_something_wherever_its_pattern_matches() -> None:
    gated = [(pattern, gate) for (pattern, _), gate in zip(_specs()[0], punctuation_gates(), strict=True) if gate]
    assert gated
    texts = [*_texts(), "mot ; et", "mot\u00a0: et", "x\u202f!", " ?", "a ?b", "a !\n"]
    for pattern, gate in gated:
        for text in texts:
            if gate.search(text) is None:
                assert pattern.search(text) is None, (pattern.pattern, text)


def test_required_literals_of_simple_patterns() -> None:
    assert required_literals(re.compile(r"\bHour:\s*\d")) == ("Hour:",)
    assert required_literals(re.compile(r"\bIt is (?:a )?learned", re.I)) == ("learned",)
    assert required_literals(re.compile(r"«[^»]+»|»[^«]+«")) == ("«", "»")
    assert required_literals(re.compile(r"\d+")) is None
    assert required_literals(re.compile(r"(?i:abc)x")) == ("x",)
    # a run goes on through small classes of plain characters, as every spelling
    assert required_literals(re.compile("(?<=\\w)[ \u00a0][;!](?=\\s)")) == (" ;", " !", "\u00a0;", "\u00a0!")
    assert required_literals(re.compile(r"ab[0-9]c")) == ("ab",)


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb", "a\rb\r", "\n\n", "a\r\n", "\r", "x\n\ry\r\n\rz"])
def test_line_count_equals_the_line_table(text: str) -> None:
    from cleanse.document import Document
    from cleanse.pipeline import _line_count

    assert _line_count(text) == len(Document(text).lines)


def test_lowercasing_keeps_characters_one_long_and_their_word_class() -> None:
    """What count_ignoring_case relies on, for every character but the twins."""
    word = re.compile(r"\w")
    for cp in range(0x110000):
        char = chr(cp)
        if char in IGNORECASE_ASCII_TWINS or 0xD800 <= cp <= 0xDFFF:
            continue
        lowered = char.lower()
        assert len(lowered) == 1, hex(cp)
        assert bool(word.match(lowered)) == bool(word.match(char)), hex(cp)


def test_count_ignoring_case_equals_findall() -> None:
    from cleanse.detectors.textutil import count_ignoring_case
    from cleanse.detectors.translation import _cohesive_pattern

    pattern = _cohesive_pattern("en")
    for text in _texts() + ["However, IN ADDITION; in  addition; thuſ THUS Thus_ thus", "İndeed indeed"]:
        assert count_ignoring_case(pattern, text) == len(pattern.findall(text)), text


def test_lines_ruled_out_for_ftfy_have_no_badness() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
    from ftfy.badness import BADNESS_RE

    from cleanse.detectors.encoding import _badness_requirements
    from cleanse.detectors.textutil import cannot_match

    requirements = _badness_requirements()
    assert requirements is not None
    lines = [line for text in _texts() for line in text.splitlines()]
    for path in sorted((ROOT / "tests" / "data" / "clean").glob("*.txt")):
        clean = path.read_text(encoding="utf-8")
        lines += clean.splitlines() + clean.encode("utf-8").decode("sloppy-windows-1252").splitlines()
    ruled_out = 0
    for line in lines:
        if cannot_match(requirements, line):
            ruled_out += 1
            assert BADNESS_RE.search(line) is None, line
    assert ruled_out > 10


def test_search_near_rare_characters_equals_a_whole_search() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
    from ftfy.badness import BADNESS_RE

    from cleanse.detectors.textutil import _rare_characters, search_near_characters

    assert _rare_characters(BADNESS_RE) is not None
    lines = [line for text in _texts() for line in text.splitlines()]
    for path in sorted((ROOT / "tests" / "data" / "clean").glob("*.txt")):
        clean = path.read_text(encoding="utf-8")
        lines += clean.splitlines() + clean.encode("utf-8").decode("sloppy-windows-1252").splitlines()
    rng = random.Random(11)
    pieces = ["Ã", "©", "â€", "™", "Ð¾", "Ñ\x81", "é", "“", "”", "a", " ", "\x80", "Â", "\xa0", "ü", "—", "’", "!"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    assert any(BADNESS_RE.search(line) for line in lines)
    for line in lines:
        assert search_near_characters(BADNESS_RE, line) == (BADNESS_RE.search(line) is not None), line


@pytest.mark.parametrize("pattern", _patterns(), ids=lambda p: p.pattern[:30])
def test_windowed_scan_finds_what_a_whole_scan_finds(pattern: re.Pattern[str]) -> None:
    from cleanse.detectors.textutil import finditer_near_literals

    for text in _texts():
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in finditer_near_literals(pattern, text)] == expected, (pattern.pattern, text)


def test_windowed_scan_edges() -> None:
    from cleanse.detectors.textutil import _reach, finditer_near_literals

    assert _reach(re.compile(r"foo$")) is None
    assert _reach(re.compile(r"foo\b")) == (3, 1)
    for pattern, text in ((r"\bdelve(?!\w)", "delves delve delve. xdelve"), (r"pivotal\b", "pivotally pivotal"),
                          (r"(?i)\bthe broad masses\b", "THE BROAD MASSES the broad massesx"),
                          (r"ab(?=c{3})", "abccc abcc abccc")):
        compiled = re.compile(pattern)
        assert [m.span() for m in finditer_near_literals(compiled, text)] == [m.span() for m in compiled.finditer(text)]


_EDGE_JUNK = re.compile(r"^[\W_]+|[\s\W_]+$", re.UNICODE)


def _regex_core(text: str) -> str:
    return re.sub(r"\s+", " ", _EDGE_JUNK.sub("", text)).lower()


@pytest.mark.parametrize("text", ["🔗 Comparte este artículo:", "", "!!", "__a__", "a\n", "ab!\n", " x  y\t z ",
                                  "«Agencias»", "abc!\nd", "\u2028a\u00a0\u3000b\x1c", "_", "1.5 %", "İstanbul ’s"])
def test_core_equals_the_regex_form(text: str) -> None:
    from cleanse.detectors.textutil import core

    assert core(text) == _regex_core(text)


def test_core_equals_the_regex_form_on_random_text() -> None:
    from cleanse.detectors.textutil import core

    rng = random.Random(7)
    alphabet = "ab Z9_-!.,:;\n\t\r\u00a0\u2003\u3000\u2028\x1c\x85é中🔗«»’'\u0301²½"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        assert core(text) == _regex_core(text), repr(text)


def test_script_counts_and_main_script_equal_a_count_per_character() -> None:
    from collections import Counter

    from cleanse.detectors.script import main_script, script_counts, script_of

    rng = random.Random(7)
    alphabet = "aZ09 .,'\t\n\u00e9\u00c9\u00df\u0416\u0436\u03a3\u03c2\u4e2d\u3042\u0627\u00a0\u200b\udcff\u2019"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        expected: Counter[str] = Counter()
        for ch in text:  # ASCII letters first, as script_counts counts them (all Latin)
            if ch.isascii() and script_of(ch):
                expected[script_of(ch)] += 1
        for ch in text:
            if not ch.isascii() and script_of(ch):
                expected[script_of(ch)] += 1
        assert list(script_counts(text).items()) == list(expected.items()), text
        assert main_script(text) == (expected.most_common(1)[0][0] if expected else None), text


def test_mattr_window_sum_equals_a_sliding_count() -> None:
    from cleanse.detectors.translation import MATTR_WINDOW, _window_types

    rng = random.Random(3)
    for _ in range(300):
        tokens = [str(rng.randint(0, rng.randint(1, 300))) for _ in range(rng.randint(MATTR_WINDOW + 1, 900))]
        expected = sum(len(set(tokens[i : i + MATTR_WINDOW])) for i in range(len(tokens) - MATTR_WINDOW + 1))
        assert _window_types(tokens) == expected


def test_word_count_from_the_lines_equals_a_count_over_the_text() -> None:
    from cleanse.detectors.textutil import word_count, words
    from cleanse.document import Document

    for text in _texts() + ["İndeed don’t\r\nwell-known\rthuſ K_k", "a\nb-\nc", ""]:
        assert word_count(Document(text)) == len(words(text)), text


def test_word_lists_cut_from_line_words_equal_their_own_scans() -> None:
    """plain_words, letter_words, lowered_words and the repetition tokens are
    cut from one scan per line (textutil.line_words); each must equal a scan
    with its own pattern, on the lowered line for lowered_words."""
    from cleanse.detectors.repetition import _TOKEN, _lowered_tokens
    from cleanse.detectors.textutil import LETTER_WORD, letter_words, lowered_words, plain_words, words
    from cleanse.document import Document

    plain = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
    rng = random.Random(5)
    pieces = ["a", "Z", "9", "²", "٣", "-", "--", "'", "’", " ", ".", ",", ":", "_", "\n", "é", "Ü", "ß", "ǅ", "ﬁ",
              "Α", "Σ", "σ", "ς", "Δ", "\u0301", "\u00ad", "İ", "\u212a", "rock’n’roll", "l'État", "COVID-19", "3rd"]
    texts = _texts() + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in texts:
        doc = Document(text)
        for line, plain_line, (letters, letters_lowered), lowered_line in zip(
                doc.lines, plain_words(doc), letter_words(doc), lowered_words(doc), strict=True):
            assert plain_line == plain.findall(line.text), repr(line.text)
            assert letters == LETTER_WORD.findall(line.text), repr(line.text)
            assert letters_lowered == [w.lower() for w in letters], repr(line.text)
            assert lowered_line == words(line.text.lower()), repr(line.text)
            tokens = _lowered_tokens(doc, line.index, plain_line)
            assert tokens == [w.lower() for w in _TOKEN.findall(line.text)], repr(line.text)


def test_core_keeps_every_word() -> None:
    """What lets the translation detector skip core() on a line of more words
    than any UI string or credit: core(text) has at least as many."""
    from cleanse.detectors.textutil import core, words

    rng = random.Random(8)
    alphabet = "ab Z9_-!.,:;'’\n\t\u00a0\u3000é中🔗«»\u0301²İ\u212a"
    for text in _texts() + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(20))) for _ in range(5000)]:
        assert len(words(core(text))) >= len(words(text)), repr(text)


def _lexicon_word_by_word(table: dict[str, str], common: dict[str, str]) -> tuple[dict, ...]:
    """The word list's tables built one word at a time, as Lexicon did before
    it added a line's new words in one update."""
    zipf: dict[str, float] = {}
    langs: dict[str, tuple[str, ...]] = {}
    zipfs: dict[str, tuple[float, ...]] = {}
    common_langs: dict[str, tuple[str, ...]] = {}
    for lang, block in common.items():
        for line in block.splitlines():
            _, *words = line.split(" ")
            for word in words:
                common_langs[word] = (*common_langs.get(word, ()), lang)
    for lang, block in table.items():
        for line in block.splitlines():
            value, *words = line.split(" ")
            for word in words:
                if float(value) > zipf.get(word, 0.0):
                    zipf[word] = float(value)
                langs[word] = (*langs.get(word, ()), lang)
                zipfs[word] = (*zipfs.get(word, ()), float(value))
    return zipf, langs, zipfs, common_langs


def test_lexicon_built_a_line_at_a_time_equals_word_by_word() -> None:
    from cleanse.detectors.lexicon import Lexicon

    # Words shared between languages and lines, a word twice on one line, a
    # frequency of 0 (not kept as a frequency) then a real one: same dicts,
    # same order.
    table = {"de": "5.1 für über\n4.0 über zwölf zwölf\n0 nul ähm\n",
             "fr": "5.5 être für\n3.0 ähm çà\n",
             "lb": "6.0 für ähm\n2.0 méi nul\n"}
    common = {"de": "6 die und", "fr": "6 de et die", "lb": "6 die die an"}
    built = Lexicon(table, {}, common)
    expected = _lexicon_word_by_word(table, common)
    for got, want in zip((built.zipf, built.langs, built._zipfs, built.common), expected, strict=True):
        assert list(got.items()) == list(want.items())
