"""Mojibake and character-level damage, found and repaired span by span.

ftfy does the heavy lifting for *intact* mojibake (``donâ€™t`` -> ``don’t``),
but only through ``fix_encoding``: ftfy's default ``fix_text`` also uncurls
every quote and widens full-width forms, and typography is not mojibake (those
normalisations are offered as opt-in rules, ENC008-ENC010). ftfy fixes a whole
line at a time and says nothing about where; this module runs it per damaged
line and aligns the result against the original, so each damaged run becomes
its own finding with offsets: in `BOYACÁ ... BoyacÃ¡` only `Ã¡` is reported.

What ftfy cannot repair is *lossy* mojibake, where a byte vanished after the
wrong decoding (``artÃculo``: the soft hyphen of ``í`` was stripped). That is
encoding_lossy.py, which chooses among the possible readings with a word list
and a character model (lexicon.py); its repairs are put back into the line as intact mojibake before
ftfy reads it, so ftfy still sees whole lines. Letters lost outright (`K�nig`,
`Stra?e`) are repaired only when the word list leaves one candidate.

Every line is first seen as it reads once control and zero-width characters
are gone and HTML entities are unescaped (`caf&Atilde;&copy;` is `cafÃ©`, so
`café`): one pass must leave nothing for a second pass to repair.
"""

from __future__ import annotations

import bisect
import copy
import difflib
import html
import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from ..document import Document
from ..rules import rule
from ..suppression import has_markers, markers
from .base import Context, Detector, Hit
from .encoding_codepages import beats, codepage_repairs, line_reads_better, might_hold
from .encoding_intact import IntactText
from .script import has_latin_letter
from .textutil import alternation, cannot_match, code_lines, meets, required_characters, search_near_characters

LOSSY_MOJIBAKE = rule(
    id="ENC001",
    name="lossy-mojibake",
    category="encoding",
    severity="error",
    summary="Mojibake that lost a byte, which ftfy cannot repair: `artÃculo` or `artÃ culo` for `artículo`, `Ãfrica`, `â€`.",
    rationale=(
        "UTF-8 `í` (C3 AD) read as Windows-1252 is `Ã` plus an invisible soft hyphen; once the soft hyphen "
        "is stripped, or turned into a space, `Comparte este artÃculo` or `artÃ culo` is left, which ftfy "
        "leaves alone or repairs wrongly (`artà culo`). Strict decoders also drop the bytes Windows-1252 "
        "does not define (0x81 0x8D 0x8F 0x90 0x9D), leaving `Ãfrica` for `África` and `â€` for `”`. "
        "cleanse puts back each byte that could have been lost (in two- and three-byte sequences: "
        "`ä¸ å›½` is `中国`, Japanese `ã¯` is `は`) and keeps the reading that its word list and a "
        "character trigram model of the line's languages (both derived from wordfreq) find likeliest: "
        "`объÑвило` is `объявило`. A spot is repaired only when one reading clearly wins, and, with no "
        "intact mojibake on the line, only into listed words; otherwise it is reported without a "
        "replacement. Lines ftfy reads cleanly as another code page (MacRoman, Windows-1257) are ftfy's."
    ),
    example="Comparte este artÃculo -> artículo; artÃ culo -> artículo; Ãfrica -> África; SilbenÂtrennung -> Silbentrennung",
    fix="replaces the span with the reading the word list supports",
)
MOJIBAKE = rule(
    id="ENC002",
    name="mojibake",
    category="encoding",
    severity="error",
    summary="Text decoded with the wrong encoding, repaired span by span: `donâ€™t` for `don’t`, `prГ©sident` for `président`.",
    rationale=(
        "UTF-8 bytes read as Windows-1252, Latin-1, MacRoman, code page 437 or another single-byte code "
        "page turn every non-ASCII character into two or three wrong ones, sometimes two or three times "
        "over. ftfy's fix_encoding repairs intact mojibake; cleanse runs it on damaged lines only and "
        "reports each damaged run with its offsets, so a line mixing `BOYACÁ` and `BoyacÃ¡` is repaired "
        "where it is broken only. ftfy acts only when its badness pattern fires, and the pattern misses "
        "most text read as Windows-1251, Windows-1253, ISO-8859-2, MacRoman or code page 437 "
        "(`prГ©sident`, `anunciΓ³`, `KĂśnig`, `pi√π`), and lines it cannot encode whole (`Łódź ... "
        "wielkoÅ›ci`). cleanse reads each line as each of these code pages and repairs a run when it is "
        "well-formed UTF-8 and the repaired word is plainly better: common letters of one script, the run "
        "itself holding a symbol or a letter of another script, or, for letters of the word's own script, "
        "a much likelier word by the character model. Where ftfy read the line as the wrong code page "
        "(`niƱos` for Windows-1257 `niĆ±os`), the better reading wins."
    ),
    example="donâ€™t -> don’t; cafÃ© -> café; ÐŸÑ€Ð¸Ð²ÐµÑ‚ -> Привет; cafÃƒÂ© -> café; prГ©sident -> président",
    fix="replaces the span with ftfy's repair, or the code page reading that beats it",
)
REPLACEMENT_CHARACTER = rule(
    id="ENC003",
    name="replacement-character",
    category="encoding",
    severity="warning",
    summary="U+FFFD `�` where a decoder gave up on a byte: `K�nig`.",
    rationale=(
        "A `�` means some earlier step met bytes it could not decode and threw them away (`K�nig`). A "
        "single character is too little evidence to guess from, so the span is reported; it is repaired "
        "only when the word list leaves exactly one word it can be (`K�nig` can only be `König`)."
    ),
    example="K�nig -> König",
    fix="replaces the word when one listed word fits, else report only",
)
CONTROL_CHARACTER = rule(
    id="ENC004",
    name="control-character",
    category="encoding",
    severity="warning",
    summary="C0 control characters and DEL inside text, removed: `price\\x1b[0m list` (tab, line breaks and form feed "
            "excepted; C1 controls are ENC002).",
    rationale=(
        "Control characters such as `\\x00`, `\\x1b` or `\\x7f` carry no text; they come from binary "
        "residue, terminal escapes or broken converters and break tokenisers and renderers downstream."
    ),
    example="price\\x1b[0m list",
    fix="removes the character",
)
INVISIBLE_CHARACTER = rule(
    id="ENC005",
    name="invisible-character",
    category="encoding",
    severity="warning",
    summary="A byte-order mark or zero-width space inside the text: `Mos\\u200bcow`.",
    rationale=(
        "U+FEFF is a byte-order mark, meaningful only as a file's first character; inside text it is the "
        "residue of concatenated files. U+200B and U+2060 split words invisibly, so `Mos\\u200bcow` no "
        "longer matches `Moscow`. Joiners (U+200C, U+200D) are left alone: Persian, Indic scripts and "
        "emoji sequences need them."
    ),
    example="Mos\\u200bcow",
    fix="removes the character",
)
LOST_LETTER = rule(
    id="ENC006",
    name="lost-letter",
    category="encoding",
    severity="warning",
    summary="A `?` inside a word where an encoder could not write a letter: `Stra?e` for `Straße`.",
    rationale=(
        "Encoding text to ASCII or Latin-1 with errors='replace' writes `?` for every letter that does not "
        "fit: `Stra?e`, `K?ln`. A `?` between letters is reported only when the word list knows a word it "
        "can be, so `index.php?id=3` and `what?no` are left alone, and repaired only when exactly one word "
        "fits (in the document's languages)."
    ),
    example="Stra?e -> Straße",
    fix="replaces the word when one listed word fits, else report only",
    leaves="index.php?id=3 and what?no",
)
HTML_ENTITY = rule(
    id="ENC007",
    name="html-entity",
    category="encoding",
    severity="warning",
    summary="An HTML entity left undecoded in plain text: `AT&amp;T`, `don&#8217;t`.",
    rationale=(
        "Text scraped from HTML and escaped twice keeps `&amp;`, `&#8217;` or `&eacute;` where `&`, `’` "
        "or `é` was meant. Entities are unescaped outside code and markup lines, where `&amp;` may be "
        "exactly what the author wrote. A text about markup (it names HTML or XML and speaks of entities "
        "or escaping, data/markup.toml) keeps the entities that stand as words of their own: in \"Write "
        "&amp; for an ampersand\" the entity is the subject. Entities inside words are decoded there too, "
        "unless the line shows the word unescaped beside it: `so \"AT&T\" becomes AT&amp;T in your source`."
    ),
    example="AT&amp;T said it won&#8217;t -> AT&T said it won’t",
    fix="replaces the entity with its character",
    leaves="```html\n<p>AT&amp;T</p>\n```",
)
CURLY_QUOTES = rule(
    id="ENC008",
    name="curly-quotes",
    category="encoding",
    severity="info",
    summary="Curly quotes and apostrophes straightened, only when selected: `“Don’t”` -> `\"Don't\"` (ftfy's "
            "uncurl_quotes; off by default).",
    rationale=(
        "`“quoted”` and `don’t` are correct typography, so cleanse leaves them alone by default; some "
        "pipelines want plain ASCII quotes (ftfy.fix_text straightens them). Select ENC008 or "
        "curly-quotes by name to get that; selecting the encoding category does not turn it on."
    ),
    example="“Don’t” -> \"Don't\"",
    fix="replaces curly quotes with straight ones",
    default=False,
)
FULL_WIDTH = rule(
    id="ENC009",
    name="full-width",
    category="encoding",
    severity="info",
    summary="Full-width Latin letters, digits and punctuation narrowed, only when selected: `ＣＯＶＩＤ－１９` -> `COVID-19` "
            "(off by default).",
    rationale=(
        "`ＣＯＶＩＤ－１９` is how CJK typesetting writes Latin text; it is not damage, but it does not match "
        "`COVID-19` in search. ftfy's fix_character_width narrows it (NFKC); select ENC009 or full-width "
        "to do the same."
    ),
    example="ＣＯＶＩＤ－１９ -> COVID-19",
    fix="replaces full-width forms with their ordinary width",
    default=False,
)
LIGATURE = rule(
    id="ENC010",
    name="latin-ligature",
    category="encoding",
    severity="info",
    summary="Latin ligatures split into letters, only when selected: `ﬁnancial` -> `financial` (off by default).",
    rationale=(
        "PDF extraction leaves `ﬁnancial` with U+FB01 LATIN SMALL LIGATURE FI, which does not match "
        "`financial`. ftfy's fix_latin_ligatures splits it; select ENC010 or latin-ligature to do the same."
    ),
    example="ﬁnancial -> financial",
    fix="replaces the ligature with its letters",
    default=False,
)

# Reported by io.decoding_hits when a file is read, not by a detector: the text
# it sees is already decoded. Declared here so it is selected, ignored and
# documented like every other encoding rule.
LEGACY_ENCODING = rule(
    id="ENC011",
    name="legacy-encoding",
    category="encoding",
    severity="warning",
    summary="A file in a legacy encoding, not UTF-8: `art\\xedculo` (Windows-1252), detected and read.",
    rationale=(
        "A Spanish article saved by an old editor as Windows-1252 stores `artículo` with the single byte 0xED, "
        "which is not UTF-8: a UTF-8 reader stops there or shows `art�culo`. cleanse detects the encoding with "
        "charset-normalizer (only when it is confident and the bytes survive a round trip), cleans the text and "
        "reports the encoding and the first byte that is not UTF-8. `clean --in-place` writes the file back in "
        "the same encoding, never silently as UTF-8, and refuses when the cleaned text holds a character that "
        "encoding cannot represent. UTF-16 without a byte-order mark is reported the same way: its NULs (the "
        "high byte of each Latin character) would make it a binary file, and most tools need the BOM to read it. "
        "Converting the file to UTF-8 (iconv) resolves the finding. A UTF-8 file with a few stray bytes that "
        "are not UTF-8 (`caf\\xe9` pasted into it; up to 16, and fewer than its valid multi-byte characters) "
        "is read as UTF-8, each stray byte as the Windows-1252 character it stands for, and `clean` writes it "
        "back as valid UTF-8: read whole as a legacy encoding, its every `ó` would have become `Ã³`."
    ),
    example="b'Comparte este art\\xedculo' (a Windows-1252 file)",
    fix="report only (written back in the detected encoding; convert to UTF-8 with iconv)",
)

_CONTROL_CHARS = "\x00-\x08\x0b\x0e-\x1f\x7f"
_INVISIBLE_CHARS = "\ufeff\u200b\u2060"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_CONTROL_RUN = re.compile(f"[{_CONTROL_CHARS}]+")
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE_CHARS}]+")
# Either: what the pipeline removes. One scan for both, not one for each.
_REMOVABLE = re.compile(f"[{_CONTROL_CHARS}{_INVISIBLE_CHARS}]")
# The one pattern a line must match to be read for mojibake at all: a character
# other than ASCII, the no-break space and the General Punctuation block
# (dashes, curly quotes, bullets, ellipsis). English text with `don’t` and
# `1990–2000` never goes further; mojibake always holds a character from
# outside that set (`â€™` holds `â`, `Ã©` holds `Ã`).
_PRESCREEN = re.compile(r"[^\x00-\x7f\u00a0\u2010-\u2027]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ENTITY_TAIL = re.compile(r"(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP = re.compile(r"</?[A-Za-z][^>]*>")
_GREEK_OR_CYRILLIC = re.compile("[\u0370-\u03ff\u0400-\u04ff]")
_QUOTES = re.compile("[\u02bc\u2018-\u201b\u201c-\u201f]")
_WIDE = re.compile("[\u3000\uff01-\uff5e]")
_LIGATURES = re.compile("[\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06]")

_CODEC_NAMES = {
    "latin-1": "Latin-1",
    "iso-8859-2": "ISO-8859-2",
    "macroman": "MacRoman",
    "cp437": "code page 437",
    "utf-8": "UTF-8",
    "utf-8-variants": "UTF-8 (CESU-8 variant)",
}


def _codec(name: str) -> str:
    name = name.replace("sloppy-", "")
    if name.startswith("windows-"):
        return "Windows-" + name.split("-", 1)[1]
    return _CODEC_NAMES.get(name, name)


def describe_plan(steps: list) -> str:
    """Put ftfy's explanation of a repair into words."""
    wrong = [_codec(param) for action, param in steps if action == "encode"]
    if "decode_inconsistent_utf8" in [param for action, param in steps if action == "apply"] and not wrong:
        return "UTF-8 read as a single-byte code page"
    if not wrong:
        if any(param == "fix_c1_controls" for _, param in steps):
            return "Windows-1252 bytes read as Latin-1 control characters"
        return "text decoded with the wrong encoding"
    decoded = [_codec(param) for action, param in steps if action == "decode"]
    if decoded and decoded[0] == "Windows-1252" and wrong[0] == "Latin-1":
        return "Windows-1252 bytes read as Latin-1 control characters"
    if len(wrong) > 1:
        return f"UTF-8 read as {wrong[0]}, {len(wrong)} times over"
    return f"UTF-8 read as {wrong[0]}"


_SPACES = re.compile(r"( +)")


def changed_spans(before: str, after: str) -> list[tuple[int, int, str]]:
    """Minimal ``(start, end, replacement)`` spans turning ``before`` into ``after``.

    ftfy repairs a whole line; this says where. Mojibake never spans a plain
    space, so the two lines are compared word by word when they have the same
    words-and-spaces shape (``dá»± Ã¡n`` / ``dự án``: two spans, ``á»±`` and
    ``Ã¡``), each trimmed of what the words share. A character diff would align
    the ``á`` of ``dá»±`` with the ``á`` of ``án`` and cut the words wrongly.
    When the shape changed (a space that stood for a lost NBSP byte), a
    character diff is used, with pure insertions merged into a neighbour.
    """
    old_parts, new_parts = _SPACES.split(before), _SPACES.split(after)
    if len(old_parts) == len(new_parts):
        spans, pos = [], 0
        for old, new in zip(old_parts, new_parts, strict=True):
            if old != new:
                prefix = len(_common_prefix(old, new))
                suffix = len(_common_prefix(old[prefix:][::-1], new[prefix:][::-1]))
                if old and prefix + suffix == len(old):  # a pure insertion: give it a character to replace
                    prefix, suffix = (prefix - 1, suffix) if prefix else (prefix, suffix - 1)
                spans.append((pos + prefix, pos + len(old) - suffix, new[prefix : len(new) - suffix]))
            pos += len(old)
        return spans
    spans = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and spans[-1][1] == i1 and spans[-1][3] == j1:
            start, _, start_j, _ = spans.pop()
            spans.append((start, i2, start_j, j2))
        elif i1 == i2 and i1 > 0:  # a pure insertion takes the character before it along
            spans.append((i1 - 1, i2, j1 - 1, j2))
        elif i1 == i2 and i2 < len(before):  # ... or, at the start, the one after it
            spans.append((i1, i2 + 1, j1, j2 + 1))
        else:
            spans.append((i1, i2, j1, j2))
    return [(i1, i2, after[j1:j2]) for i1, i2, j1, j2 in spans]


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return a[:size]



class _View:
    """A line as it reads once pre-edits are applied (control and zero-width
    characters removed, entities unescaped), with the way back to the line."""

    __slots__ = ("text", "_starts", "_ends")

    def __init__(self, line: str, edits: list[tuple[int, int, str]]) -> None:
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for start, end, replacement in edits:
            pieces.append(line[pos:start])
            starts.extend(range(pos, start))
            ends.extend(range(pos + 1, start + 1))
            pieces.append(replacement)
            starts.extend([start] * len(replacement))
            ends.extend([end] * len(replacement))
            pos = end
        pieces.append(line[pos:])
        starts.extend(range(pos, len(line)))
        ends.extend(range(pos + 1, len(line) + 1))
        self.text = "".join(pieces)
        self._starts, self._ends = starts, ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Line offsets of the view span ``[start, end)``; a span that touches a
        pre-edit takes all of it (`&Atilde;&copy;` as a whole for `Ã©`)."""
        if not self._starts:
            return 0, 0
        first = self._starts[start] if start < len(self._starts) else self._ends[-1]
        last = self._ends[end - 1] if end > start else first
        return first, last


class _Languages:
    """The document's likely languages, from its most frequent ASCII words
    (`die`, `und`, `the`), worked out once and only when a repair has several
    candidates. Words with accents do not vote: they are what the repairs
    change, and a second cleaning must see the same languages as the first.

    The vote is recorded in ``ctx.repair_languages``, or taken from it when the
    pipeline gives it: the first vote reads lines that boilerplate rules remove
    later, so the pipeline may vote again on the cleaned text (pipeline.run)."""

    def __init__(self, doc: Document, ctx: Context) -> None:
        self._doc = doc
        self._ctx = ctx

    def get(self, extra: Iterable[Iterable[str]] = ()) -> frozenset[str]:
        """The document's likely languages; with no ASCII word to vote, those
        that most damaged words of the line can be in (``extra``: each word's
        listed readings)."""
        from .lexicon import lexicon

        value = self._ctx.repair_languages
        if value is None:
            value = self._ctx.repair_languages = ascii_languages(self._doc.text)
        if value or not extra:
            return value
        # A word votes once for each language it can be in, however many of its
        # readings that language lists. Counted per reading, `ra?a` (Serbo-Croatian
        # `rađa`, `rača`, `raša`, Icelandic `raða`, ...) gave Serbo-Croatian three
        # votes, and `Br?a` beside it, which is Icelandic `brúa` or Serbo-Croatian
        # `brža`, was repaired to `Brža` on its neighbour's doubt alone (fuzz run
        # 28). Word by word the two languages tie, and `Br?a` is reported, not guessed.
        counts: dict[str, int] = {}
        for group in extra:
            for lang in {lang for word in group for lang in lexicon().languages(word)}:
                counts[lang] = counts.get(lang, 0) + 1
        return _top(counts)


def ascii_languages(text: str) -> frozenset[str]:
    """The languages whose words are the most frequent among the ASCII words
    of ``text`` (its first 50,000 characters): the vote repairs with several
    candidates read (`Stra?e` is `Straße` in a German text)."""
    from .lexicon import lexicon

    # Read as the text will be once control and zero-width characters are
    # gone: `a\x7f` must vote as `a`, as it will in a second pass (fuzzer find:
    # `Stra?e a\x7f` left `Stra?e` alone, then `Stra?e a` became `Straže a`).
    text = _REMOVABLE.sub("", text[:50_000])
    tokens = (t.strip(".,;:!?\"'()[]") for t in text.split())
    return _top(lexicon().votes(t for t in tokens if t.isascii() and t.isalpha()))


def _top(counts: dict[str, int]) -> frozenset[str]:
    if not counts:
        return frozenset()
    best = max(counts.values())
    return frozenset(lang for lang, n in counts.items() if n == best)


class EncodingDetector(Detector):
    name = "encoding"
    stage = "repair"
    rules = (LOSSY_MOJIBAKE, MOJIBAKE, REPLACEMENT_CHARACTER, CONTROL_CHARACTER, INVISIBLE_CHARACTER, LOST_LETTER,
             HTML_ENTITY, CURLY_QUOTES, FULL_WIDTH, LIGATURE)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        text = doc.text
        hits: list[Hit] = []
        # Most texts hold no control or zero-width character: one scan says so,
        # where each kind cost a scan of the whole text, the zero-width two.
        removable = _REMOVABLE.search(text) is not None
        # A run of them is one finding: `culo\x7f\x7f\x7f` at a line end made three,
        # each widened to the line end by the removal (5-8, 6-8, 7-8), nested in
        # every report.
        for match in _CONTROL_RUN.finditer(text) if removable else ():
            hits.append(Hit(CONTROL_CHARACTER, match.start(), match.end(),
                            f"{_described(match.group(), 'control character')} inside text", "", 0.95))
        # Entities and lost letters are looked for as the text will read:
        # `Stra\x00?e` is `Stra?e` and `&#8217\x01;` is `&#8217;` once the control
        # character is gone, and a second pass would repair them (found by the fuzzer).
        readable = _CONTROL.sub("", text) if hits else text
        if removable and not text.isascii() and _INVISIBLE.search(readable):
            readable = _INVISIBLE.sub("", readable)
        has_entity = "&" in text and _ENTITY.search(readable) is not None
        has_qmark = "?" in text and _lost_qmark_search(readable)
        if text.isascii() and not has_entity and not has_qmark:
            return hits
        for match in _INVISIBLE_RUN.finditer(text) if removable else ():
            run = match.group()
            what = "byte-order mark U+FEFF" if run == "\ufeff" else _described(run, "zero-width character")
            hits.append(Hit(INVISIBLE_CHARACTER, match.start(), match.end(), f"{what} inside text", "", 0.9))
        # Code and markup lines keep their entities. They are judged with the
        # entities written out, since each `&#8217;` brings a `;` that would
        # make a line of prose look like code.
        # Read as the lines will be once control characters go, with the blanks
        # they leave stray: `\x00\t\t\tc(ccn@AT&amp;T` is not an indented code line.
        protected = code_lines([_ENTITY.sub("x", _as_read(line.text)) for line in doc.lines]) if has_entity \
            else frozenset()
        options = _Options(ctx)
        options.entity_mentions = has_entity and _about_entities(doc.text)
        # The screen reads the text as the lines will read: an entity can make a
        # code page's pair once decoded (`Ã&#8217;` is `Ã’`, Windows-1252 for
        # `Ò`), and so can a control character's removal (`Ã\x0f¥` is `Ã¥`,
        # `å`), which a second cleaning would find (fuzz runs 38 and 39).
        options.codepages = has_entity or might_hold(readable)
        languages = _Languages(doc, ctx)
        silenced = markers(doc) if has_markers(doc) else {}
        for line in doc.lines:
            line_text = line.text
            if line_text.isascii() and not ("&" in line_text and has_entity) and not ("?" in line_text and has_qmark):
                continue
            line_options = options.holding(silenced[line.number]) if line.number in silenced else options
            hits.extend(_line_hits(line_text, line.start, line.index in protected, line_options, languages))
        return hits


class _Options:
    """Which opt-in normalisations run: their effect also applies to the
    repairs, or a second pass would straighten the `’` a first pass restored."""

    def __init__(self, ctx: Context) -> None:
        self.quotes = ctx.wants(CURLY_QUOTES)
        self.width = ctx.wants(FULL_WIDTH)
        self.ligatures = ctx.wants(LIGATURE)
        self.any = self.quotes or self.width or self.ligatures
        from .typography import HOMOGLYPH

        # The homoglyph rule will make `CОVID` Latin: the repairs read it so (_as_latin).
        self.latin = ctx.wants(HOMOGLYPH)
        self.invisible = ctx.wants(INVISIBLE_CHARACTER)
        # Repairs of rules that will not be applied (not selected, or silenced on
        # the line by `cleanse: ignore[ENC001]`) are not applied when a line is
        # repaired round after round either: the output will not hold them, and
        # the line must settle as the output reads (found by the fuzzer: a
        # silenced `artÃculo` changed how ftfy read the rest of the line).
        self.held = frozenset(r.id for r in EncodingDetector.rules if not ctx.wants(r))
        # The text teaches markup (_about_entities): entities standing alone are its subject.
        self.entity_mentions = False
        # The document may hold mojibake of the code pages ftfy does not see (encoding_codepages).
        self.codepages = True

    def holding(self, rule_ids: frozenset[str] | None) -> _Options:
        """These options for a line where ``rule_ids`` are silenced (None: all)."""
        held = frozenset(r.id for r in EncodingDetector.rules) if rule_ids is None else self.held | rule_ids
        if held == self.held:
            return self
        line_options = copy.copy(self)
        line_options.held = held
        return line_options

    def applied(self, found: list) -> list:
        """The repairs in ``found`` that the output will hold."""
        return [f for f in found if f[4] is not None and f[2].id not in self.held]  # type: ignore[union-attr]

    def normalise(self, text: str) -> str:
        if not self.any:
            return text
        from ftfy import fixes

        if self.ligatures:
            text = fixes.fix_latin_ligatures(text)
        if self.width:
            text = fixes.fix_character_width(text)
        if self.quotes:
            text = fixes.uncurl_quotes(text)
        return text


_QMARK_IN_WORD = re.compile(r"(?<=[^\W\d_])\?+(?=[^\W\d_])")


def _lost_qmark_search(text: str) -> bool:
    return _QMARK_IN_WORD.search(text) is not None


_HSPACE = " \t\u00a0\u3000"
_BLANK = re.compile(r"[\s\u200b\u2060\ufeff\x00-\x1f\x7f]*")


def _described(run: str, kind: str) -> str:
    """`control character U+007F`, or for a run `3 control characters (U+0007, U+007F)`."""
    codes = ", ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(run))
    return f"{kind} {codes}" if len(run) == 1 else f"{len(run)} {kind}s ({codes})"


def _blank_edges(line: str) -> tuple[int, int]:
    """Where the line's leading blank run ends and its trailing one starts."""
    lead = _BLANK.match(line).end()  # type: ignore[union-attr]  (a `*` pattern always matches)
    return lead, len(line) - _BLANK.match(line[::-1]).end()  # type: ignore[union-attr]


def _widened(line: str, start: int, end: int, edges: tuple[int, int]) -> tuple[int, int]:
    """The span the pipeline will really remove for a control or zero-width
    character (cleanse.edits.widen_removal): with the spaces it would leave
    stray. The line is read as it will be, or a second cleaning would see a
    different line (`Ð\xa0\ufeff` at a line end loses its no-break space too).

    ``edges`` (``_blank_edges``) says whether all before or after the span is
    blank without slicing the line per character: a line of 250,000 zero-width
    spaces was quadratic that way."""
    lead, trail = edges
    blank_before, blank_after = start <= lead, end >= trail
    if blank_before and blank_after:
        return 0, len(line)
    if blank_after:
        while start > 0 and line[start - 1] in _HSPACE:
            start -= 1
        return start, len(line)
    if blank_before:
        while end < len(line) and line[end] in _HSPACE:
            end += 1
        return start, end
    if start > 0 and line[start - 1] in _HSPACE:
        while end < len(line) and line[end] in _HSPACE:
            end += 1
    return start, end


def _entity_edits(line: str) -> list[tuple[int, int, str]]:
    """``(start, end, character)`` for each HTML entity of a line, a chain of
    escapes taken whole (`&amp;lt;` is `<`, not `&lt;`: one pass must do it)."""
    edits = []
    for match in _ENTITY.finditer(line):
        if edits and match.start() < edits[-1][1]:
            continue
        end = match.end()
        value = html.unescape(match.group())
        while value.endswith("&"):
            tail = _ENTITY_TAIL.match(line, end)
            if not tail:
                break
            more = html.unescape("&" + tail.group())
            if more == "&" + tail.group():
                break
            value, end = value[:-1] + more, tail.end()
        while "&" in value:
            # HTML5 reads `&ampac;` as `&amp` without its `;` and then `ac;`, so the
            # entity stands for `&ac;`, itself an entity (`∾`) that the next cleaning
            # would decode (found by the fuzzer): settle it here, as for `&amp;lt;`.
            again = html.unescape(value)
            if again == value:
                break
            value = again
        if value == line[match.start() : end] or _CONTROL.search(value) or any(c in value for c in "\r\n\x85\u2028"):
            continue
        if "\x80" <= value <= "\x9f" or "\ud800" <= value[:1] <= "\udfff":
            continue
        if "\ufffd" in value and "65533" not in match.group() and "fffd" not in match.group().lower():
            # `&#0;` and out-of-range numbers unescape to U+FFFD: no character
            # was meant, and a `�` put in would read as a lost letter next time.
            continue
        edits.append((match.start(), end, value))
    return edits


def _with_entities(line: str, removals: list[tuple[int, int, str]], base: int, options: _Options,
                   hits: list[Hit]) -> list[tuple[int, int, str]]:
    """The line's pre-edits once its HTML entities join the control and
    zero-width ``removals``; an ``HTML_ENTITY`` hit for each goes to ``hits``.

    Entities are read on the line as it will be once the removals are made:
    `&#8217\x01;` is `&#8217;` when the control character is gone, and a second
    cleaning would decode it (found by the fuzzer). Such an entity's edit
    takes the removals inside it. Removals only ever widen over spaces, which
    no entity holds, so each removal lies wholly inside an entity or outside
    every one: they are found by bisection, and a line of 10,000 `&amp;`
    stays linear."""
    stripped = _View(line, removals) if removals else None
    readable = stripped.text if stripped else line
    if _MARKUP.search(readable):
        return removals
    removal_starts = [start for start, _, _ in removals]
    inside: set[int] = set()
    entities: list[tuple[int, int, str]] = []
    for view_start, view_end, value in _entity_edits(readable):
        if options.entity_mentions and (_stands_alone(readable, view_start, view_end)
                                        or _shown_beside_decoded(readable, view_start, view_end, value)):
            continue
        start, end = stripped.span(view_start, view_end) if stripped else (view_start, view_end)
        inside.update(range(bisect.bisect_left(removal_starts, start), bisect.bisect_left(removal_starts, end)))
        hits.append(Hit(HTML_ENTITY, base + start, base + end,
                        f"HTML entity '{readable[view_start:view_end]}' left undecoded: it stands for '{value}'",
                        options.normalise(value), 0.9))
        entities.append((start, end, value))
    kept = [removal for k, removal in enumerate(removals) if k not in inside] if inside else removals
    return sorted(kept + entities)


@lru_cache(maxsize=1)
def _entity_topic() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(markup language names, words for entities and escaping): data/markup.toml."""
    from .. import data

    table = data.load("markup")
    escape = [w for words in table["escape"].values() for w in words]
    return (re.compile(rf"\b(?:{alternation(table['markup'])})\b", re.I),
            re.compile(rf"\b(?:{alternation(escape)})", re.I))


def _about_entities(text: str) -> bool:
    """Whether the text teaches markup and its escapes: "Some characters have a
    special meaning in HTML and must be escaped ... Write &amp; for an
    ampersand". It names a markup language and speaks of entities or escaping
    (data/markup.toml); a scraped article that was escaped twice does neither."""
    markup, escape = _entity_topic()
    return markup.search(text) is not None and escape.search(text) is not None


# Before a mention: the line's start, a blank or an opening bracket or quote;
# after it: the end, a blank, or punctuation. `AT&amp;T` and `won&#8217;t` are
# inside words, and decoded whatever the text is about.
_MENTION_BEFORE = frozenset(" \t([{\"'“‘«`")
_MENTION_AFTER = frozenset(" \t)]}\"'”’»`.,;:!?")


def _stands_alone(line: str, start: int, end: int) -> bool:
    """The entity is a word of its own: `Write &amp; for an ampersand`."""
    return ((start == 0 or line[start - 1] in _MENTION_BEFORE)
            and (end == len(line) or line[end] in _MENTION_AFTER))


_MAX_SHOWN_WORD = 40  # characters on each side of the entity


def _shown_beside_decoded(line: str, start: int, end: int, value: str) -> bool:
    """The word the entity is in is shown escaped beside itself unescaped: a
    tutorial's `so "AT&T" becomes AT&amp;T in your source`. A page escaped
    twice escapes every `AT&T` on it, and its `AT&amp;T` is decoded."""
    left, right = start, end
    # A word, not a run: a line of 10,000 glued `&amp;` stays linear.
    floor, ceiling = max(0, start - _MAX_SHOWN_WORD), min(len(line), end + _MAX_SHOWN_WORD)
    while left > floor and not line[left - 1].isspace() and line[left - 1] not in _MENTION_BEFORE:
        left -= 1
    while right < ceiling and not line[right].isspace() and line[right] not in _MENTION_AFTER:
        right += 1
    if (left == start and right == end) or left == floor > 0 or right == ceiling < len(line):
        return False  # a word of its own (_stands_alone's), or no word at all
    decoded = line[left:start] + value + line[end:right]
    return decoded in line[:left] or decoded in line[right:]


def _removals(line: str) -> list[tuple[int, int, str]]:
    """The line's control and zero-width characters as the pipeline will
    remove them (with the spaces they would leave stray), merged and sorted."""
    removals: list[tuple[int, int, str]] = []
    found = list(_REMOVABLE.finditer(line))
    edges = _blank_edges(line) if found else (0, 0)
    for match in found:
        start, end = _widened(line, match.start(), match.end(), edges)
        if removals and start <= removals[-1][1]:
            start = min(start, removals[-1][0])
            end = max(end, removals[-1][1])
            removals.pop()
        removals.append((start, end, ""))
    return removals


def _as_read(line: str) -> str:
    """The line once its control and zero-width characters are removed."""
    removals = _removals(line) if _REMOVABLE.search(line) else []
    return _View(line, removals).text if removals else line


def _line_hits(line: str, base: int, protected: bool, options: _Options, languages: _Languages) -> list[Hit]:
    hits: list[Hit] = []
    pre = _removals(line)
    if "&" in line and not protected:
        pre = _with_entities(line, pre, base, options, hits)
    view = _View(line, pre) if pre else None
    view_text = view.text if view else line
    found = _settled(view_text, options, languages)
    for _ in range(2 if options.latin else 0):
        # Read as the output will be: the look-alikes the homoglyph rule (TRN009)
        # will fix in the repaired line are read in Latin, and the line again.
        # `å›½CОVID` with a Cyrillic `О` cannot be encoded as Windows-1252, so ftfy
        # left `å›½` alone; once `CОVID` was `COVID`, a second pass repaired it
        # (found by the fuzzer).
        latin = _output_latin(view_text, found)
        if latin == view_text:
            break
        view_text, found = latin, _settled(latin, options, languages)

    repairs = []
    for start, end, rule_, message, replacement, confidence in found:
        a, b = view.span(start, end) if view else (start, end)
        repairs.append(Hit(rule_, base + a, base + b, message, replacement, confidence))  # type: ignore[arg-type]
    if hits and repairs:
        # A repair read on the decoded line takes in the entities it spans:
        # `Ã&#8217;` decodes to `Ã’`, which is mojibake of `Ò`, and the one
        # finding `Ã&#8217;` -> `Ò` says so; the entity's own would be a
        # second finding nested inside it.
        spans = [(h.start, h.end) for h in repairs if h.replacement is not None]
        hits = [h for h in hits if not any(a <= h.start and h.end <= b for a, b in spans)]
    return hits + repairs


def _as_latin(text: str) -> str:
    """``text`` with the Cyrillic and Greek look-alikes of its Latin words
    written in Latin, letter for letter (offsets do not move), as the homoglyph
    rule (TRN009) will write them."""
    if not _GREEK_OR_CYRILLIC.search(text):
        return text
    from .typography import as_latin

    return as_latin(text)


def _output_latin(text: str, found: list[_Found]) -> str:
    """``text`` with the look-alikes that the homoglyph rule will fix once
    ``found`` is applied written in Latin, where they lie outside the repairs.

    The words are judged as repaired, not as they stand: `CОVIDartÃculoÐŸÑ€`
    reads as a Latin word holding one Cyrillic `О`, but repaired it is
    `CОVIDartÃculoПр...`, which the homoglyph rule leaves alone (found by the fuzzer)."""
    if not _GREEK_OR_CYRILLIC.search(text):
        return text
    edited, kept = _edited_runs(text, found)
    if not has_latin_letter(edited):
        # A look-alike is fixed only in a word with a Latin letter: a line of
        # Russian has none, and its every word was read letter by letter.
        return text
    from .typography import mixed_words

    kept_starts = [run[0] for run in kept]
    chars = list(text)
    for match, _, fixed in mixed_words(edited):
        for i, (old, new) in enumerate(zip(match.group(), fixed, strict=True)):
            if old == new:
                continue
            offset = match.start() + i
            run_start, text_start, length = kept[bisect.bisect_right(kept_starts, offset) - 1]
            if offset < run_start + length:
                chars[text_start + offset - run_start] = new
    return "".join(chars)


_Found = tuple[int, int, object, str, "str | None", float]  # view-coordinate hits


def _view_found(view_text: str, options: _Options, languages: _Languages, repaired: bool = False) -> list[_Found]:
    found: list[_Found] = []
    if not view_text.isascii() and _PRESCREEN.search(view_text):
        found.extend(_mojibake(view_text, languages, options, repaired))
    if "?" in view_text or "\ufffd" in view_text:
        # Lost letters are read once the mojibake around them is repaired
        # (`K�nigâ€œ` is `K�nig“`), and mapped back through those repairs.
        repairs = sorted((a, b, r) for a, b, _, _, r, _ in options.applied(found))
        after = _View(view_text, repairs) if repairs else None
        # Lost letters never overlap one another; only the mojibake spans found
        # above can overlap them, looked up by bisection (linear time on a line
        # of 10,000 `K�nig`).
        taken = sorted((a, b) for a, b, *_ in found)
        taken_starts = [a for a, _ in taken]
        reading = after.text if after else view_text
        if options.latin:
            # Read with the look-alikes the homoglyph rule (TRN009) will write in
            # Latin, as a second pass reads them. In `ra?a,Ð’r?a‰Ã` the repair of
            # `Ð’` is a Cyrillic `В`, and `Вr?a` fits no listed word; the output
            # held `Br?a`, and the second pass repaired it to `Brža` (fuzz run 28).
            # So `Die StrÐ°?e` (a Cyrillic `а`) is `Straße` in one pass, not two.
            # Letter for letter, so the offsets do not move.
            reading = _as_latin(reading)
        for a, b, *rest in _lost_letters(reading, [], languages):
            a, b = after.span(a, b) if after else (a, b)
            k = bisect.bisect_left(taken_starts, b)
            if not (k and taken[k - 1][1] > a):  # the spans do not overlap, so their ends are sorted too
                found.append((a, b, *rest))  # type: ignore[arg-type]
    if options.any and not view_text.isascii():
        found.extend(_normalisations(view_text, found, options))
    return [(a, b, rule_, message, options.normalise(replacement)
             if replacement is not None and rule_ not in (CURLY_QUOTES, FULL_WIDTH, LIGATURE) else replacement, confidence)
            for a, b, rule_, message, replacement, confidence in found]


def _settled(view_text: str, options: _Options, languages: _Languages) -> list[_Found]:
    """The repairs of a line, carried on until the line stops changing.

    One pass must leave nothing for a second one: a repair changes what the
    rest of the line says (which code page ftfy reads it as, whether it holds
    intact mojibake, what a `�` beside a repaired word can be), so the repaired
    line is read again, and again, until nothing changes; the findings are then
    the difference between the line and its settled form. A line that does not
    settle in a few rounds (adversarial junk such as `ÐÅ¡Ð¾Ã\xa0 Ã\xad\x81ã€œŸ`)
    is reported without replacements."""
    found = _view_found(view_text, options, languages)
    if not options.applied(found):
        return found
    first = _edited(view_text, options.applied(found))
    current = first
    for _ in range(4):
        again = options.applied(_view_found(current, options, languages, repaired=True))
        if not again:
            break
        current = _edited(current, again)
    else:
        return [(a, b, rule_, message, None, confidence) for a, b, rule_, message, _, confidence in found]
    if current == first:
        return found
    out: list[_Found] = []
    for i1, i2, replacement in changed_spans(view_text, current):
        same = [f for f in found if (f[0], f[1], f[4]) == (i1, i2, replacement)]
        if same:
            out.append(same[0])
            continue
        over = [f for f in found if f[0] < i2 and i1 < f[1] and f[4] is not None]
        rule_ = over[0][2] if over else MOJIBAKE
        out.append((i1, i2, rule_, f"'{view_text[i1:i2]}' should be '{replacement}': repaired in more than one step",
                    replacement, 0.8))
    out += [f for f in found if f[4] is None and not any(a < f[1] and f[0] < b for a, b, *_ in out)]
    return out


def _edited(text: str, found: list[_Found]) -> str:
    """``text`` with the repairs applied as the pipeline applies them."""
    return _edited_runs(text, found)[0]


def _edited_runs(text: str, found: list[_Found]) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` with the repairs applied as the pipeline applies them, and the
    runs of ``text`` the repairs leave: (start in the output, start in
    ``text``, length)."""
    from ..edits import Edit, resolve

    kept: list[tuple[int, int, int]] = []
    pieces, pos, out = [], 0, 0
    for edit in resolve(Edit(a, b, r, 2 if r == "" else 0) for a, b, _, _, r, _ in found if r is not None):
        kept.append((out, pos, edit.start - pos))
        pieces += [text[pos : edit.start], edit.replacement]
        out += edit.start - pos + len(edit.replacement)
        pos = edit.end
    kept.append((out, pos, len(text) - pos))
    pieces.append(text[pos:])
    return "".join(pieces), kept


def _mojibake(line: str, languages: _Languages, options: _Options,
             repaired: bool) -> list[tuple[int, int, object, str, str | None, float]]:
    """Lossy repairs of a line (ENC001), then ftfy's repairs of the rest (ENC002).

    The repaired line must itself be clean, or a second cleaning would change
    it again. When it is not (mojibake in layers that one reading does not
    undo, such as a lossy region holding a C1 control), the line is repaired
    until it stops changing (``_layered``). ``repaired``: the line is the
    outcome of earlier repairs."""
    found = _mojibake_once(line, languages, options, repaired)
    if not found:
        return found
    fixed = _apply_spans(line, options.applied(found))
    again = options.applied(_mojibake_once(fixed, languages, options, True))
    if not again:
        return found
    return _layered(line, found, fixed, again, languages, options)


def _layered(line: str, found: list, repaired: str, again: list,
             languages: _Languages, options: _Options) -> list[tuple[int, int, object, str, str | None, float]]:
    """A line repaired round after round until it stops changing, reported as
    the spans each round's repairs come to in the original line.

    Each round's repairs are mapped back through the rounds before it; those
    that meet become one span, the rest stay apart with their own rule. In
    `â€™CО９ÃCО` the first round repairs `â€™` and the second, once `’` is there,
    `Ã`: two spans, not one word-wide span `â€™CО９Ã` whose replacement would
    carry the Cyrillic `О` between them (a homoglyph fix of `CО` then collided
    with the fix of `ÁCО`; found by the fuzzer). In `ä¸å›½â€artÃc` the lossy
    `ä¸` and `â€` (ENC001) keep apart from the intact `å›½` (ENC002), so
    `cleanse: ignore[ENC001]` on the line holds back only what is lossy."""
    from ..edits import Edit, OffsetMap

    spans: list[list] = []  # [start, end, length change, (round, finding)]
    maps: list[OffsetMap] = []
    current, round_found = line, found
    for round_ in range(7):
        applied = _applied(options.applied(round_found))
        for start, end, replacement, finding in applied:
            change = len(replacement) - (end - start)
            for offsets in reversed(maps):  # back to the line, through the rounds before
                start, end = offsets.start(start), offsets.end(end)
            spans.append([start, max(start, end), change, (round_, finding)])
        maps.append(OffsetMap([Edit(a, b, r) for a, b, r, _ in applied]))
        if round_ == 0:
            current, round_found = repaired, again
        else:
            current = _apply_spans(current, round_found)
            round_found = options.applied(_mojibake_once(current, languages, options, True))
        if not round_found:
            break
    out: list[tuple[int, int, object, str, str | None, float]] = []
    shift = 0
    for start, end, change, members in _joined(spans):
        replacement = current[start + shift : end + shift + change]
        shift += change
        if replacement == line[start:end]:
            continue
        if len(members) == 1 and members[0][0] == 0 and members[0][1][4] == replacement:
            out.append(members[0][1])  # a first-round repair as it was found
            continue
        # Lossy if any round's repair in it was: in `SÃO ...donâ€™t` the second
        # round reads `SÃO` as lossy once `’` is there, and as ENC002 it escaped
        # the line's `cleanse: ignore[ENC001]` (found by the fuzzer).
        rule_ = LOSSY_MOJIBAKE if any(finding[2] is LOSSY_MOJIBAKE for _, finding in members) else MOJIBAKE
        out.append((start, end, rule_, f"'{line[start:end]}' should be '{replacement}': mojibake in more than one layer",
                    replacement, 0.8))
    return out


def _applied(found: list) -> list[tuple[int, int, str, tuple]]:
    """The repairs ``_apply_spans`` makes of ``found``, in order."""
    applied, pos = [], 0
    for finding in sorted(found, key=lambda f: (f[0], f[1])):
        start, end, replacement = finding[0], finding[1], finding[4]
        if replacement is None or start < pos:
            continue
        applied.append((start, end, replacement, finding))
        pos = end
    return applied


def _joined(spans: list[list]) -> list[tuple[int, int, int, list]]:
    """Spans that overlap joined: ``(start, end, length change, members)``,
    sorted."""
    joined: list[tuple[int, int, int, list]] = []
    for start, end, change, finding in sorted(spans, key=lambda s: (s[0], s[1])):
        if joined and start < joined[-1][1]:
            a, b, total, members = joined.pop()
            joined.append((a, max(b, end), total + change, [*members, finding]))
        else:
            joined.append((start, end, change, [finding]))
    return joined


def _apply_spans(line: str, found: list) -> str:
    out, pos = [], 0
    for start, end, _, _, replacement, _ in sorted(found, key=lambda f: (f[0], f[1])):
        if replacement is None or start < pos:
            continue
        out += [line[pos:start], replacement]
        pos = end
    out.append(line[pos:])
    return "".join(out)


def _mojibake_once(line: str, languages: _Languages, options: _Options,
                   repaired: bool) -> list[tuple[int, int, object, str, str | None, float]]:
    import ftfy

    from .encoding_lossy import lossy_repairs, triggered

    if options.latin and repaired:
        # A repair can make a look-alike that the homoglyph rule will fix: `Ñ\x81` is
        # Cyrillic `с`, and the next round reads `сÃ` as `cÃ`, as a second pass would.
        line = _as_latin(line)
    found: list[tuple[int, int, object, str, str | None, float]] = []
    repairs = []
    if triggered(line):
        repairs = lossy_repairs(line, languages.get())
    # Put each lossy region back as intact mojibake (its lost byte restored)
    # so ftfy reads the line whole; what ftfy then does inside the region is
    # replaced by the reading the word list chose.
    patched_parts, regions, pos, shift = [], [], 0, 0
    for region in repairs:
        for piece in region.pieces:
            rule_ = LOSSY_MOJIBAKE if piece.lossy else MOJIBAKE
            replacement, message = _visible(piece.replacement, piece.message, options)
            found.append((piece.start, piece.end, rule_, message, replacement, piece.confidence))
        patched_parts.append(line[pos : region.start])
        moji = region.mojibake
        regions.append((region.start + shift, region.start + shift + len(moji), region.start, region.end))
        patched_parts.append(moji)
        shift += len(moji) - (region.end - region.start)
        pos = region.end
    patched_parts.append(line[pos:])
    patched = "".join(patched_parts)
    # ftfy leaves a line alone when its badness pattern finds nothing, and
    # most non-ASCII lines (`Müller`, `São Paulo`) lack the characters each
    # of its alternatives needs: a set of characters instead of the pattern.
    # ftfy's plan for the whole line says which code page it read: a line
    # of Windows-1252 mojibake is left to it (see below).
    reading = ftfy.fix_encoding_and_explain(patched) if _looks_bad(patched) else None
    fixed = reading.text if reading is not None else patched
    western = reading is not None and _western(reading.explanation or [])
    ftfy_found: list[tuple[int, int, object, str, str | None, float]] = []
    if fixed != patched:
        # Regions are sorted and disjoint: those before a span are a prefix (found
        # by bisection, their length changes summed once), and only the next one
        # can overlap it. Scanning every region per span was quadratic on a line
        # of 10,000 `artÃculo` (10 s at 128 KB).
        ends = [p2 for _, p2, _, _ in regions]
        shifts = list(itertools.accumulate((o2 - o1 - (p2 - p1) for p1, p2, o1, o2 in regions), initial=0))
        intact = IntactText(line)
        for i1, i2, replacement in changed_spans(patched, fixed):
            k = bisect.bisect_right(ends, i1)
            # Never repair into a line break or a control character: ftfy reads
            # `Ã€€` as the overlong UTF-8 C0 80, a NUL (Java's modified UTF-8), which
            # the next pass would remove (found by the fuzzer).
            if (k < len(regions) and regions[k][0] < i2) or "\n" in replacement or "\r" in replacement \
                    or _CONTROL.search(replacement):
                continue
            delta = shifts[k]
            a, b = i1 + delta, i2 + delta
            if intact.is_intact(a, b, replacement):
                continue  # `“A MELHOR MAÇÃ”` is not `MAÇÔ` (see encoding_intact)
            original = line[a:b]
            plan = ftfy.fix_encoding_and_explain(original).explanation or [("apply", "decode_inconsistent_utf8")]
            message = f"'{original}' should be '{replacement}': {describe_plan(plan)}"
            replacement, message = _visible(replacement, message, options)
            ftfy_found.append((a, b, MOJIBAKE, message, replacement, 0.9))
    if ftfy_found and not found and all(_lone_letter(line, a, b) for a, b, *_ in ftfy_found):
        # ftfy reads a lone `Ã ` as `à` (its no-break space lost) and `Â ` as a
        # no-break space; alone on a line they are as likely the letters
        # themselves: `Let Â denote the estimate of A`, `the letter Ã is a
        # vowel` (a reviewer's finds). Beside other mojibake (`Il est allÃ©
        # Ã Paris`) they are repaired with it.
        ftfy_found = []
    if western or not (options.codepages or repaired):
        # Windows-1252 mojibake is ftfy's, and in layers (`ÃƒÂ°`) each round
        # leaves text that other code pages misread: `ƒÅ` is MacRoman for `ā`.
        # What ftfy leaves, the next round reads. A repaired line is read
        # whatever the document held: a repair can make a sequence's start.
        return found + ftfy_found
    return found + _with_codepages(line, found, ftfy_found, options)


def _lone_letter(line: str, start: int, end: int) -> bool:
    """``line[start:end]`` is `Ã` or `Â` standing as a word of its own (the
    space after it may be in the span)."""
    letter = line[start:end].rstrip(" ")
    before = line[start - 1] if start else " "
    after = line[start + 1] if start + 1 < len(line) else " "
    return letter in ("Ã", "Â") and before.isspace() and after.isspace()  # `Â£5` is `£5`


def _western(plan: list) -> bool:
    """ftfy's repair reads Windows-1252 or Latin-1, or mends inconsistent UTF-8."""
    return any(param in ("sloppy-windows-1252", "latin-1", "decode_inconsistent_utf8") for _, param in plan)


def _with_codepages(line: str, lossy: list, ftfy_found: list, options: _Options) -> list:
    """ftfy's repairs and the code-page search's (encoding_codepages), which
    reads what ftfy's badness pattern does not see or could not read whole.
    Where both repair a span, ftfy's stands unless it leaves the word worse
    than the other does (`niƱos` for Windows-1257 `niĆ±os`, where the search
    reads `niños`). One such word shows ftfy read the line as the wrong code
    page, and the search's readings then stand throughout: ISO-8859-2
    `prĂŠsident a annoncĂŠ des mesures ĂŠconomiques` is `président ...
    économiques`, not `Êconomiques`, though either is a word."""
    repairs = codepage_repairs(line, [(a, b) for a, b, *_ in lossy])
    if not repairs:
        return ftfy_found
    # Both lists are sorted and each is free of overlaps, so their ends are
    # sorted too: the rivals of a span are found by bisection, not by a scan of
    # every repair (quadratic on a line of 12,000 words of mojibake).
    repair_ends = [r.end for r in repairs]
    contested = []
    for finding in ftfy_found:
        a, b = finding[0], finding[1]
        k = bisect.bisect_right(repair_ends, a)
        rivals = []
        while k < len(repairs) and repairs[k].start < b:
            rivals.append(repairs[k])
            k += 1
        contested.append((finding, rivals))
    wrong_page = any(rivals and finding[4] is not None and beats(line, finding[0], finding[1], finding[4], rivals)
                     for finding, rivals in contested)
    # Where ftfy and the search read the very same runs, letter for letter in
    # other code pages, the whole line decides (line_reads_better); a span
    # one of them reads longer (ftfy's sloppy `Ρ\x88ΠΊΠΎΠ»ΠΈ` for `школи`,
    # which the search reads as `Ρ\x88` and `коли`) is no such choice.
    disputed = [(finding, rivals) for finding, rivals in contested if rivals]
    if disputed and not wrong_page and all(
            finding[4] is not None and [(r.start, r.end) for r in rivals] == [(finding[0], finding[1])]
            for finding, rivals in disputed):
        theirs = [(finding[0], finding[1], finding[4]) for finding, _ in disputed]
        wrong_page = line_reads_better(line, theirs, [rivals[0] for _, rivals in disputed])
    kept = [finding for finding, rivals in contested if not (rivals and wrong_page)]
    kept_starts, kept_ends = [f[0] for f in kept], [f[1] for f in kept]
    for repair in repairs:
        if meets(repair.start, repair.end, kept_starts, kept_ends):  # ftfy's: the repairs appended below do not overlap
            continue
        replacement, message = _visible(repair.replacement, repair.message, options)
        kept.append((repair.start, repair.end, MOJIBAKE, message, replacement, 0.85))
    return kept


def _visible(replacement: str | None, message: str, options: _Options) -> tuple[str | None, str]:
    """A repair without the zero-width characters it would write: `â€‹` is a
    zero-width space, which the next pass would remove (ENC005), so it goes
    now, whether ftfy or the lost-byte search repaired it (`Ãâ€‹`; both found
    by the fuzzer)."""
    if replacement and options.invisible and _INVISIBLE.search(replacement):
        return _INVISIBLE.sub("", replacement), message + ", and the zero-width character it stands for is removed"
    return replacement, message


def _looks_bad(text: str) -> bool:
    """ftfy's is_bad(text): without it, ftfy.fix_encoding returns the text as it is.
    Read with ftfy's own pattern, first by its required characters alone, then
    only around its rare ones (search_near_characters)."""
    from ftfy.badness import BADNESS_RE

    return not cannot_match(_badness_requirements(), text) and search_near_characters(BADNESS_RE, text)


@lru_cache(maxsize=1)
def _badness_requirements() -> tuple[tuple[frozenset[str], ...], ...] | None:
    from ftfy.badness import BADNESS_RE

    return required_characters(BADNESS_RE)


def _lost_letters(line: str, found: list, languages: _Languages) -> list[tuple[int, int, object, str, str | None, float]]:
    from .encoding_lossy import LOST_FFFD, LOST_QMARK, choose, lost_letter_candidates, match_case

    claimed = [(a, b) for a, b, *_ in found]
    words = []
    for pattern, mark in ((LOST_FFFD, "\ufffd"), (LOST_QMARK, "?")):
        if mark not in line:
            continue
        for match in pattern.finditer(line):
            a, b = match.span()
            # A word that runs into a repaired span is cut at it: `K�nigâ€œ` is `K�nig`.
            for x, y in claimed:
                if x < b and a < y:
                    if x <= match.start() + match.group().find(mark) < y:
                        a = b  # the mark itself was repaired
                        break
                    if x > match.start() + match.group().find(mark):
                        b = min(b, x)
                    else:
                        a = max(a, y)
            if a >= b or mark not in line[a:b]:
                continue
            words.append((a, b, mark, lost_letter_candidates(line[a:b], mark)))
    out: list[tuple[int, int, object, str, str | None, float]] = []
    if not words:
        return out
    prefer = languages.get([cands for *_, cands in words])
    for a, b, mark, candidates in words:
        word = line[a:b]
        if mark == "?" and not candidates:
            continue  # `what?no`, `index.php?id`: nothing says a letter was lost
        pick = choose(candidates, prefer)
        if mark == "\ufffd":
            rule_, what = REPLACEMENT_CHARACTER, "holds U+FFFD: a character was lost when the text was decoded"
        else:
            rule_, what = LOST_LETTER, "holds '?' where an encoder could not write a letter"
        if pick is None:
            options = ", ".join(f"'{match_case(word, c)}'" for c in candidates[:3])
            hint = f" (it could be {options})" if candidates else ""
            for run in re.finditer(re.escape(mark) + "+", word):
                out.append((a + run.start(), a + run.end(), rule_, f"'{word}' {what}{hint}", None, 1.0))
            continue
        repaired = match_case(word, pick)
        prefix = len(_common_prefix(word, repaired))
        suffix = len(_common_prefix(word[prefix:][::-1], repaired[prefix:][::-1]))
        out.append((a + prefix, b - suffix, rule_, f"'{word}' {what}; the only listed word it can be is '{repaired}'",
                    repaired[prefix : len(repaired) - suffix], 0.9))
    return out


def _normalisations(line: str, found: list, options: _Options) -> list[tuple[int, int, object, str, str | None, float]]:
    """Opt-in typography normalisations (ENC008-ENC010), outside repaired spans."""
    from ftfy import fixes

    claimed = [(a, b) for a, b, *_ in found]
    out: list[tuple[int, int, object, str, str | None, float]] = []
    for enabled, pattern, rule_, fix, what in (
        (options.ligatures, _LIGATURES, LIGATURE, fixes.fix_latin_ligatures, "ligature"),
        (options.width, _WIDE, FULL_WIDTH, fixes.fix_character_width, "full-width form"),
        (options.quotes, _QUOTES, CURLY_QUOTES, fixes.uncurl_quotes, "curly quote"),
    ):
        if not enabled:
            continue
        for match in pattern.finditer(line):
            a, b = match.span()
            replacement = fix(match.group())
            if replacement != match.group() and not any(x < b and a < y for x, y in claimed):
                out.append((a, b, rule_, f"{what} '{match.group()}' written as '{replacement}'", replacement, 1.0))
    return out
