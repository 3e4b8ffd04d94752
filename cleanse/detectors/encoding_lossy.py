"""Lossy mojibake: UTF-8 read as Windows-1252, and then a byte lost.

ftfy repairs mojibake whose bytes are all still there. Two kinds of loss
defeat it, and both are common in scraped text:

* the soft hyphen. `í` is UTF-8 ``C3 AD``; read as Windows-1252 that is `Ã`
  plus U+00AD SOFT HYPHEN, which is invisible, so HTML-to-text tools strip it
  or turn it into a space: `Comparte este artÃculo`, `artÃ culo`. A German
  soft hyphen itself (``C2 AD``) leaves a bare `Â`: `SilbenÂtrennung`.
* the five bytes Windows-1252 does not define, 0x81 0x8D 0x8F 0x90 0x9D,
  which a strict decoder drops: `Á` (``C3 81``) leaves `Ãfrica`, a closing
  quote `”` (``E2 80 9D``) leaves `â€`, Polish `Ł` (``C5 81``) leaves `Å`.

This module finds the byte positions where a UTF-8 sequence is one byte short
(the second or the third byte of a three-byte one: Chinese `å¦` lost the 0xAD
in the middle of `学`), tries every byte that could have been lost there (and,
where a space, a no-break space or U+FFFD stands, the readings in which it
stood for the lost byte), and scores each reading of the region:

* with the word list and a character trigram model of the line's likely
  languages (lexicon.py; both from wordfreq), mixed by how well each language
  explains the rest of the line: `artÃ culo` is `artículo`, not ftfy's
  `artà culo`; `danÃ ch` in a Czech line is `daních`, which no list holds;
  `Ñ` + a lost byte in `объÑвило` is `я`, not `с`;
* with what the restored character must be where it stands: a letter of its
  neighbours' script, cased like them, a mark only after a letter, punctuation
  only where punctuation goes, no control or unassigned code point;
* with priors for what the line's damage evidently was (a line whose soft
  hyphens survived did not lose one) and for double spaces.

A spot is repaired when one reading beats the others by a margin and the
damaged text by more; otherwise it is reported without a replacement. With no
intact mojibake on the line, only readings into listed words count, and the
signatures with a single sensible reading: a capital `Ã` between lowercase
letters is always a lost `í`, a `Â` between lowercase letters always a lost
soft hyphen, `â€` before a space or punctuation always a lost `”`.

The same word list repairs letters lost outright: `K�nig` and `Stra?e` are
`König` and `Straße` because no other listed word fits.
"""

from __future__ import annotations

import bisect
import codecs
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import LETTERS, charmodel, fold, lexicon

# ---------------------------------------------------------------- the byte view


def _sloppy(byte: int) -> str:
    # Windows-1252 as browsers decode it: an undefined byte becomes the C1
    # control with the same number (0x81 -> U+0081), as in ftfy's sloppy codecs.
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


DECODE = [_sloppy(b) for b in range(256)]
ENCODE = {ch: b for b, ch in enumerate(DECODE)}
ENCODE.update({chr(b): b for b in range(0x80, 0xA0)})  # C1 controls: UTF-8 read as Latin-1 (`Å\x82` is `ł`)
ENCODE["\ufffd"] = 0x1A  # a byte some decoder already replaced: a slot for the lost byte
# What UTF-8 continuation bytes look like in mojibake, read as Windows-1252 or Latin-1.
CONTINUATION = "".join(DECODE[0x80:0xC0]) + "".join(chr(b) for b in range(0x80, 0xA0) if chr(b) not in DECODE)
UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # bytes a strict Windows-1252 decoder drops
SHY, NBSP = 0xAD, 0xA0


def _keep_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    # Bytes that are not UTF-8 were real Windows-1252 characters all along
    # (the `“` of `“artÃculo”`): give them back unchanged.
    assert isinstance(exc, UnicodeDecodeError)
    return "".join(DECODE[b] for b in exc.object[exc.start : exc.end]), exc.end


codecs.register_error("cleanse-keep-cp1252", _keep_as_cp1252)
codecs.register_error("cleanse-break", lambda exc: (" ", exc.end))  # type: ignore[arg-type, return-value]


def encode(text: str) -> bytes | None:
    """``text`` as the Windows-1252 bytes it was decoded from, or None if it cannot be."""
    try:
        return bytes(ENCODE[ch] for ch in text)
    except KeyError:
        return None


# ------------------------------------------------------------------- triggers

_CONT = re.escape(CONTINUATION)
# One pattern finds every place worth a closer look:
#   a two-byte lead (`Â`..`Þ`) followed by a Windows-1252 character that is no
#   continuation: `artÃculo`, `Ãfrica`, `Å` of `ÅÃ³dÅº`, the `Î ` of Greek
#   `ÎºÏ…Î²Î Ï\x81Î½Î·ÏƒÎ·` (`κυβέρνηση`, its soft hyphen turned into a space).
#   A following character Windows-1252 cannot write means another code page
#   (`PoÄŤasĂ\xad` is Windows-1250 mojibake of `Počasí`), and that is ftfy's business;
#   a two-byte lead and a no-break space before a letter, where the NBSP may
#   stand for a soft hyphen: `artÃ\xa0culo`, Greek `Î\xa0Ï` (`έρ`, or `Πρ`);
#   and `Ã\xa0` before a space, `à` or a word-final `í`: Czech `hlavnÃ\xa0 mÄ›sto`;
#   a three-byte lead and one continuation character not followed by another:
#   the `”` of `â€œsoâ€` lost its last byte, Vietnamese `Há»c` its 0x8D (`Học`),
#   Chinese `å¦` the 0xAD in its middle (`学` is E5 AD A6);
#   a three-byte lead whose middle byte became a space or U+FFFD: `å ¦`, `å�‘`;
#   a three-byte sequence holding a no-break space, which may stand for a soft
#   hyphen: `ä¸\xa0` reads as the rare `丠` but was `中` (E4 B8 AD).
TRIGGER = re.compile(
    f"[\u00c2-\u00de](?![{_CONT}])(?=[\x00-\xff\ufffd]|$)"
    f"|[\u00c2-\u00de]\u00a0(?=[^\\W\\d_])|\u00c3\u00a0(?= )"
    f"|[\u00e0-\u00ef][{_CONT}](?![{_CONT}])(?=[\x00-\xff\ufffd]|$)"
    f"|[\u00e0-\u00ef][ \ufffd][{_CONT}]"
    f"|[\u00e0-\u00ef](?:\u00a0[{_CONT}]|[{_CONT}]\u00a0)"
)
# Every trigger starts with one of these lead bytes (`Â`..`Þ`, `à`..`ï`): a
# line without one (Russian, Chinese, most English) needs no search of its
# every position for a trigger, and a line with one needs none before it.
_TRIGGER_LEAD = re.compile("[\u00c2-\u00de\u00e0-\u00ef]")
_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_LEADS = "".join(chr(b) for b in range(0xC2, 0xF0))  # lead bytes of two- and three-byte sequences
_SPACES = " \t"
# The bytes a lossy step removes: the soft hyphen (stripped as invisible), the
# five bytes Windows-1252 leaves undefined (dropped by strict decoders) and the
# no-break space (stripped or turned into a space by HTML-to-text tools).
LOSSABLE = (SHY, *UNDEFINED, NBSP)
# Above this many readings of a region, slots are chosen one at a time.
MAX_READINGS = 256
# Bounds that keep the lossy search linear in the length of a line: a region
# is one word (with the next one when a space may stand for a lost byte).
MAX_REGION_CHARS = 160
MAX_REGION_SLOTS = 40

# An option: what happened at one byte position, as (kind, byte, at).
Option = tuple[str, int, int]
KEEP: Option = ("keep", -1, -1)


@dataclass(slots=True)
class Slot:
    """One place in a region's bytes where a byte may have been lost."""

    lead: int  # byte offset of the lead byte of the short (or suspect) sequence
    options: list[Option]
    strong: Option | None  # the one sensible reading when nothing else decides
    priors: dict[Option, float] = field(default_factory=dict)  # log10, for this slot only


_WHAT = {
    ("insert", SHY): "soft hyphen lost",
    ("replace-space", SHY): "soft hyphen turned into a space",
    ("replace-nbsp", SHY): "soft hyphen turned into a no-break space",
    ("insert", NBSP): "no-break space lost",
    ("replace-space", NBSP): "no-break space turned into a space",
}


def _describe(choices: list[Option]) -> str:
    parts = []
    for kind, byte, _ in choices:
        if kind == "keep":
            continue
        what = _WHAT.get((kind, byte))
        if what is None:
            verb = "replaced by U+FFFD" if kind == "replace-fffd" else "dropped"
            what = f"byte 0x{byte:02X}, undefined in Windows-1252, {verb}"
        if what not in parts:
            parts.append(what)
    return "UTF-8 read as Windows-1252, " + " and ".join(parts) if parts else "UTF-8 read as Windows-1252"


def _is_cont(byte: int) -> bool:
    return 0x80 <= byte <= 0xBF


def triggered(line: str) -> bool:
    """Whether ``line`` holds a trigger: TRIGGER.search(line), which has no
    lookbehind, searched from the first character a trigger can start with."""
    lead = _TRIGGER_LEAD.search(line)
    return lead is not None and TRIGGER.search(line, lead.start()) is not None


def _slots(raw: bytes, text: str, after_text: str) -> list[Slot]:
    """Byte positions where a UTF-8 sequence is one byte short, or holds a
    no-break space that may stand for a soft hyphen. ``text`` is the region
    (one byte per character), ``after_text`` what follows it on the line."""
    slots: list[Slot] = []
    i, size = 0, len(raw)
    while i < size:
        lead = raw[i]
        if 0xC2 <= lead <= 0xDE:
            need = 1
        elif 0xE0 <= lead <= 0xEF:
            need = 2
        else:
            i += 1
            continue
        j = i + 1
        while j < size and j - i - 1 < need and _is_cont(raw[j]):
            j += 1
        have = j - i - 1
        follows = raw[j] if j < size else -1
        before = text[i - 1] if i else " "
        after = _char(text, after_text, j + (follows in (0x1A, 0x3F)))
        if have == need:
            # A complete sequence with a no-break space in it: `artÃ\xa0culo`
            # is `artículo` if the NBSP stood for a soft hyphen, `artàculo` if not.
            spots = [k for k in range(i + 1, j) if raw[k] == NBSP]
            if spots and (need == 2 or _word_char(before) or _char(text, after_text, j).isalpha()
                          or (lead == 0xC3 and _char(text, after_text, j) == " ")):
                slots.append(Slot(i, [KEEP, *(("replace-nbsp", SHY, k) for k in spots)], None))
            i = j
            continue
        if need == 2 and have == 0:
            # `å ¦`, `å�‘`: the middle byte of a three-byte sequence became a
            # space (a soft hyphen) or U+FFFD (an undefined byte).
            if follows in (0x20, 0x1A) and j + 1 < size and _is_cont(raw[j + 1]):
                if follows == 0x20:
                    options: list[Option] = [("replace-space", SHY, j), ("replace-space", NBSP, j)]
                else:
                    options = [("replace-fffd", b, j) for b in UNDEFINED]
                slots.append(Slot(i, options, None))
                i = j + 2
            else:
                i = j
            continue
        strong: Option | None = None
        if need == 2 and lead == 0xE2 and raw[i + 1] == 0x80:  # `â€`: General Punctuation
            kind = "replace-fffd" if follows == 0x1A else "insert"
            options = [(kind, b, j) for b in (0x9D, 0x8D, 0x90, 0x8F, 0x81)]
            # `â€` before a space, punctuation or the line end was a closing quote `”`.
            strong = options[0] if not after.isalnum() else None
        elif need == 2:
            # Vietnamese `á»` + a lost 0x8D is `ọ`; Chinese `å¦` lost the 0xAD
            # between its two bytes (`学`): the lost byte is the second or the third.
            if follows == 0x1A:
                options = [("replace-fffd", b, j) for b in UNDEFINED]
            else:
                options = [("insert", b, at) for at in (j, i + 1) for b in LOSSABLE]
                if follows == 0x20:
                    options += [("replace-space", SHY, j), ("replace-space", NBSP, j)]
        elif follows == 0x1A or (follows == 0x3F and after.isalpha()):
            options = [("replace-fffd", b, j) for b in UNDEFINED]
        elif lead == 0xC2:
            # `Â` + a lost byte is a soft hyphen, a no-break space or a C1
            # control. Between two lowercase letters it is a soft hyphen:
            # `SilbenÂtrennung`, Russian `Ð¾Ð±ÑŠÑ\x8fÂÐ²` (`объя\xadв`, the
            # letters on either side being mojibake themselves); a no-break
            # space never joins two halves of a word. Between capitals it is
            # Romanian or Turkish: `ÎNTÂMPINA`, `ŞIKÂYET`.
            if (_LOWER.match(before) or before in CONTINUATION or before in _LEADS) and (
                    _LOWER.match(after) or after in _LEADS):
                options = [("insert", SHY, j)]
                strong = options[0]
            elif before.isalpha() and after.isalpha():
                i = j
                continue
            else:
                options = [("insert", SHY, j), ("insert", NBSP, j)]
                if follows == 0x20:
                    options.append(("replace-space", SHY, j))
        else:
            options = [("insert", b, j) for b in LOSSABLE]
            if follows == 0x20:
                options += [("replace-space", SHY, j), ("replace-space", NBSP, j)]
            # A capital `Ã` between lowercase letters is always a lost `í`.
            strong = ("insert", SHY, j) if lead == 0xC3 and _LOWER.match(before) and _LOWER.match(after) else None
        slot = Slot(i, options, strong)
        if follows == 0x20 and _char(text, after_text, j + 1) == " ":
            # Two spaces after the lead: the first stood for the lost byte
            # (`hlavnÃ  mÄ›sto` is `hlavní město`), so the readings that keep it
            # and leave a double space are less likely.
            slot.priors = {o: -0.5 for o in options if o[0] == "insert"}
        slots.append(slot)
        i = j
    return slots


def _char(text: str, after_text: str, index: int) -> str:
    if 0 <= index < len(text):
        return text[index]
    index -= len(text)
    return after_text[index] if 0 <= index < len(after_text) else " "


def _word_char(char: str) -> bool:
    # A letter, or a continuation byte that ends a letter's sequence (`Ñ\x8f` is `я`).
    return char.isalpha() or char in CONTINUATION


def _apply(raw: bytes, choices: list[Option]) -> tuple[bytes, list[int], list[bool]]:
    """The bytes with one reading of each slot, the character each byte came
    from, and whether the byte is one that was put back."""
    out = bytearray()
    src: list[int] = []
    restored: list[bool] = []
    pos = 0
    for kind, byte, at in sorted((c for c in choices if c[0] != "keep"), key=lambda c: c[2]):
        out += raw[pos:at]
        src.extend(range(pos, at))
        restored.extend([False] * (at - pos))
        pos = at
        out.append(byte)
        if kind == "insert":
            src.append(at - 1)  # part of the sequence the byte before it belongs to
        else:
            src.append(at)
            pos += 1
        restored.append(True)
    out += raw[pos:]
    src.extend(range(pos, len(raw)))
    restored.extend([False] * (len(raw) - pos))
    return bytes(out), src, restored


# A valid UTF-8 sequence of two to four bytes, as Python's strict decoder
# takes one: no overlong form (E0 80 80), no surrogate (ED A0 80), nothing
# past U+10FFFF (F4 90 80 80).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _sequences(raw: bytes, src: list[int], restored: list[bool]) -> list[tuple[int, int, str, bool]]:
    """``(start, end, character, lossy)`` for each UTF-8 sequence in ``raw``, in
    the region's character offsets; bytes that form no sequence stay as they are.
    Found by one pattern, not byte by byte: every reading of a region is decoded
    (484 readings of a line of Japanese mojibake)."""
    found = []
    for match in _UTF8_SEQUENCE.finditer(raw):
        i, j = match.span()
        found.append((src[i], src[j - 1] + 1, match.group().decode("utf-8").replace("\u00ad", ""),
                      True in restored[i:j]))
    return found


def _read(text: str, sequences: list[tuple[int, int, str, bool]]) -> str:
    return _read_restored(text, sequences)[0]


def _read_restored(text: str, sequences: list[tuple[int, int, str, bool]]) -> tuple[str, list[tuple[int, str]]]:
    """The region read with its sequences decoded, and ``(offset, character)``
    in that reading for each character a put-back byte made (a soft hyphen,
    which reads as nothing, makes none): what the scoring checks, found once
    per reading rather than by each check's own walk over every sequence."""
    out, restored = [], []
    pos = at = 0
    for start, end, char, lossy in sequences:
        out += [text[pos:start], char]
        at += start - pos
        if lossy and char:
            restored.append((at, char))
        at += len(char)
        pos = end
    out.append(text[pos:])
    return "".join(out), restored


def _words(text: str) -> list[str]:
    return [w for w in LETTERS.findall(text) if not w.isascii()]


def _real_words(text: str) -> bool:
    """``text`` is listed words with accents, as it stands: `SÃO PAULO`, `NÃO`.
    A word with a character other than a letter inside (`Há»c`, where `»` is
    part of a byte sequence) is not one, whatever its letter runs spell."""
    words = [w.strip(_EDGE_PUNCTUATION) for w in text.split()]
    words = [w for w in words if w and not w.isascii()]
    return bool(words) and all(LETTERS.fullmatch(w) for w in words) and _listed(words)


_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'«»“”„‘’¿¡"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def tokens(text: str) -> list[str]:
    """Words as runs of letters and the combining marks on them. Devanagari
    vowel signs and the virama (`ल्ली`), Hebrew points and Arabic harakat are
    marks, not letters: a word split at them would be scored in pieces, and a
    lost byte read as a stray mark (`लिँ` for `लिए`) would look like a shorter,
    likelier word."""
    out: list[str] = []
    start = -1
    for i, char in enumerate(text):
        if char.isalpha() or (start >= 0 and _is_mark(char)):
            if start < 0:
                start = i
        elif start >= 0:
            out.append(text[start:i])
            start = -1
    if start >= 0:
        out.append(text[start:])
    return out


def _common_punctuation(char: str) -> bool:
    """Punctuation any script uses: Latin-1's, General Punctuation (`”`, `…`),
    CJK punctuation (`、`) and full-width forms (`，`)."""
    code = ord(char)
    return code < 0x100 or 0x2000 <= code <= 0x206F or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF


@lru_cache(maxsize=4096)
def script(char: str) -> str:
    """The script of a letter, from its Unicode name (`CYRILLIC SMALL LETTER YA`);
    Chinese, Japanese kana and Korean count as one script, as they mix in a line."""
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    if first in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC"):
        return "CJK"
    return first


def camel(word: str) -> bool:
    """A lowercase letter followed by a capital, cased as no word is: `artÍculo`, `přÍjmů`."""
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))
# Characters no repair may produce: unassigned code points, private use,
# surrogates, controls and format characters (`Â` + a lost 0x81 is U+0081).
_BAD_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc", "Cf"})


def _listed(words: list[str]) -> bool:
    """Every word is in the word list and cased as a word is (`artÍculo` folds
    to `artículo`, but is not it). A one-letter word proves nothing: Russian
    `с` and `я` are words, and any `Ñ` with a byte put back reads as one of them."""
    lex = lexicon()
    return all(len(w) > 1 and lex.frequency(w) and not camel(w) for w in words)


def _regions(line: str) -> list[tuple[int, int]]:
    """Spans of ``line`` around each trigger: its space-delimited word, when
    Windows-1252 can write all of it, with the space after it when the trigger ends the
    word (the space may stand for the lost byte: `artÃ culo`, `ä¸ å›½`) and
    the next word too when one follows (`voilÃ le`)."""
    spans: list[tuple[int, int]] = []
    word_start = word_end = -1  # the word of the last trigger: each word is scanned once (linear time)
    for match in TRIGGER.finditer(line):
        pos = match.start()
        if pos < word_end:
            start, end = word_start, word_end
        else:
            start = pos
            while start > 0 and line[start - 1] not in _SPACES and line[start - 1] in ENCODE:
                start -= 1
            end = pos + 1
            while end < len(line) and line[end] not in _SPACES and line[end] in ENCODE:
                end += 1
            word_start, word_end = start, end
        if (start > 0 and _foreign_letter(line[start - 1])) or (end < len(line) and _foreign_letter(line[end])):
            # The word goes on in letters Windows-1252 cannot write: Vietnamese
            # `ĐÃNG` is a word as it stands (`Đ` is no mojibake), not `ĐÁNG`.
            continue
        if end <= pos + 2 and line[end : end + 1] == " ":
            end += 1
            if line[end : end + 1] not in ("", " ", "\t") and line[end] in ENCODE:
                while end < len(line) and line[end] not in _SPACES and line[end] in ENCODE:
                    end += 1
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _foreign_letter(char: str) -> bool:
    """A letter Windows-1252 cannot write that makes its word no mojibake. A
    Cyrillic look-alike is not one: in `CОVIDartÃculo` (Cyrillic `О`, found by
    the fuzzer) the homoglyph rule makes the word Latin, and a second pass
    would then repair `artÃculo`; repairing it in the first keeps cleaning
    idempotent."""
    return char.isalpha() and char not in _homoglyph_letters()


@lru_cache(maxsize=1)
def _homoglyph_letters() -> frozenset[str]:
    from .. import data

    return frozenset(data.load("translation")["homoglyphs"])


@dataclass(slots=True)
class Piece:
    """One repaired span: lossy (a byte was put back) or intact mojibake beside it."""

    start: int  # offsets in the line
    end: int
    replacement: str | None  # None: reported, not repaired (no reading stands out)
    lossy: bool
    message: str
    confidence: float


@dataclass(slots=True)
class Region:
    """A lossy region: its span, the intact mojibake it reads as once its lost
    bytes are back (for ftfy to read with the rest of the line), and its pieces."""

    start: int
    end: int
    mojibake: str
    pieces: list[Piece]


# ------------------------------------------------------------ the line's context


class _Line:
    """What the whole line says about its lossy spots: whether it holds intact
    mojibake (evidence that a suspect spot is mojibake too), which bytes its
    damage evidently did not remove, and its likely languages."""

    def __init__(self, line: str, prefer: frozenset[str]) -> None:
        from .boilerplate import trailing_credit_start

        # Without the photo credits the boilerplate rule will cut from its end:
        # in `Agenciasä¸ å›½ＣＯＶＩＤ－１９The Kremlin said on Friday.Photo: EFE.artÃculo`
        # the credit's words made `ä¸ å›½` read as something other than `中国`, and a
        # second cleaning, without them, repaired it (found by the fuzzer).
        credit = trailing_credit_start(line)
        line = line[:credit] if credit is not None else line
        self.line = line
        # Intact mojibake (`Ã³`, `Ð¾`): the count of valid multi-byte sequences
        # whose bytes are not all no-break spaces' (`Ã\xa0` is `à` or a soft hyphen's loss).
        self.evidence = _intact_sequences(line)
        # The line read as UTF-8 where it is mojibake: a restored `”` has its `“` there.
        self.decoded = "".join(_decode_run(m.group()) for m in _ENCODABLE_RUN.finditer(line))
        # A line is damaged by one process: if a soft hyphen survived somewhere
        # in it (`Ã\xad` is `í` intact), soft hyphens were not what it lost; if
        # an undefined byte survived (`Ñ\x81`, or U+FFFD in its place), strict
        # decoding did not drop the others.
        self.kept_shy = "\u00ad" in line
        self.kept_undefined = any(ch in line for ch in "\x81\x8d\x8f\x90\x9d\ufffd")
        self._prefer = prefer
        self._weights: dict[str, float] | None = None

    def weights(self) -> dict[str, float]:
        """Likely languages of the line, as weights that sum to 1 (the six
        likeliest), from its words read as UTF-8 where they are mojibake; the
        document's languages (from its ASCII words) ten times over."""
        if self._weights is None:
            self._weights = _language_weights(self._context_words(), self._prefer)
        return self._weights

    def _context_words(self) -> list[str]:
        # The whole line read as UTF-8, each byte that forms no sequence taken
        # as a word break: a line of Chinese mojibake is all one lossy region,
        # and its intact characters are what tell Chinese from Japanese.
        words = []
        for run in _ENCODABLE_RUN.finditer(self.line):
            raw = encode(run.group())
            text = run.group() if raw is None else raw.decode("utf-8", "cleanse-break")
            words += [fold(w) for w in tokens(text)]
        for piece in _UNENCODABLE_RUN.findall(self.line):
            words += [fold(w) for w in tokens(piece)]
        return words[:40]


_ENCODABLE_RUN = re.compile("[" + re.escape("".join(sorted(set(ENCODE) - {"\ufffd"}))) + "\ufffd]+")
_UNENCODABLE_RUN = re.compile("[^" + re.escape("".join(sorted(set(ENCODE) - {"\ufffd"}))) + "\ufffd]+")


def _decode_run(text: str) -> str:
    raw = encode(text)
    return text if raw is None else raw.decode("utf-8", "cleanse-keep-cp1252")


def _intact_sequences(line: str) -> int:
    """The valid UTF-8 sequences in the line's Windows-1252 bytes (found as
    _sequences finds them), less those a no-break space continues."""
    count = 0
    for run in _ENCODABLE_RUN.finditer(line):
        raw = encode(run.group())
        if raw is not None:
            count += sum(NBSP not in match.group()[1:] for match in _UTF8_SEQUENCE.finditer(raw))
    return count


def _language_weights(words: list[str], prefer: frozenset[str]) -> dict[str, float]:
    model = charmodel()
    lex = lexicon()
    if not words:  # a line of one damaged word: every language, or the document's
        langs = [lang for lang in model.languages if lang in prefer] or list(model.languages)
        return {lang: 1.0 / len(langs) for lang in langs}
    # Each word is looked up in the list once, not once per language (32 of them).
    listed = [(word, lex.frequencies(word)) for word in words]
    scores = {}
    for lang in model.languages:
        total = 1.0 if lang in prefer else 0.0  # the document's languages, from its ASCII words
        for word, zipfs in listed:
            total += _word_log10(model, lang, word, zipfs)
        scores[lang] = total
    best = max(scores.values())
    kept = {lang: 10.0 ** (s - best) for lang, s in scores.items() if s > best - 4.0}
    top = sorted(kept, key=lambda lang: -kept[lang])[:6]
    norm = sum(kept[lang] for lang in top)
    return {lang: kept[lang] / norm for lang in top}


def _word_log10(model, lang: str, word: str, zipfs: dict[str, float]) -> float:
    """log10 probability of a case-folded word in ``lang``: its listed frequency
    (``zipfs``: Lexicon.frequencies of the word) when the word list has it for
    that language, else the character model's."""
    score = model.word_log10(lang, word)
    zipf = zipfs.get(lang, 0.0)
    return max(score, zipf - 9.0) if zipf else score


def _other_code_page(line: str) -> bool:
    """ftfy reads the whole line, cleanly, as mojibake of another code page than
    Windows-1252 or Latin-1. MacRoman mojibake of Chinese (`ÊîøÂ∫ú` for `政府`)
    or Windows-1257 mojibake of Hebrew is full of characters that look like
    Windows-1252 lead bytes short of a continuation; putting bytes back there
    would only spoil ftfy's repair."""
    import ftfy
    from ftfy.badness import is_bad

    fixed = ftfy.fix_encoding_and_explain(line)
    steps = fixed.explanation or []
    wrong = [param for action, param in steps if action == "encode"]
    return bool(wrong) and any(c not in ("sloppy-windows-1252", "latin-1") for c in wrong) and not is_bad(fixed.text)


def lossy_repairs(line: str, prefer: frozenset[str] = frozenset()) -> list[Region]:
    """The lossy regions of ``line`` and their readings (``prefer``: the
    document's likely languages, used to break ties)."""
    spans = _regions(line)
    if not spans or _other_code_page(line):
        return []
    context = _Line(line, prefer)
    regions = []
    for start, end in spans:
        region = _repair_region(line, start, end, context)
        if region is not None:
            regions.append(region)
    return regions


# Priors of the readings (log10), for what the word list and the character
# model cannot tell apart. A reading that needs a no-break space to have been
# lost is less likely than one that needs a soft hyphen or an undefined byte:
# `Ãfrica` is `África` (0x81 dropped) before it is Catalan `àfrica` (0xA0
# dropped). A no-break space that stood for a soft hyphen is a second step of
# damage, so an intact sequence must be clearly worse to be read that way.
_PRIOR = {("insert", NBSP): -0.3, ("replace-nbsp", SHY): -0.5}
# How much better (log10) the best reading of a lossy spot must be than the
# next one to be repaired; below that the spot is reported without a replacement.
MARGIN = 0.3
# How much better the repaired region must read than the damaged one.
GAIN = 1.0
# What a lost byte left unrepaired costs a reading (log10): about what a
# character the language never uses costs, so that a restored character
# has to read better than that to be chosen.
JUNK = -6.0


def _prior(option: Option, slot_line: _Line) -> float:
    kind, byte, _ = option
    value = _PRIOR.get((kind, byte), 0.0)
    if byte == SHY and slot_line.kept_shy:
        value -= 1.0
    if byte in UNDEFINED and kind == "insert" and slot_line.kept_undefined:
        value -= 1.0
    return value


# Four of the same non-ASCII character in a row: no word writes `íííí`, and a
# run of `ÃÃÃÃ...` read one `Ã` at a time as `í` (a lost soft hyphen) was
# junk made into junk, repaired a few slots a round, round after round: a
# 46-character line took 4 s (found by the fuzzer as a slow unit).
_REPEATED_LETTER = re.compile(r"([^\x00-\x7f])\1{3}")


def _repair_region(line: str, start: int, end: int, context: _Line) -> Region | None:
    text = line[start:end]
    # Real words are short; a 1,000-character run of `ÃÃÃ...` is junk, and
    # scoring its readings grows faster than its length (100 s for 1,000
    # characters before this bound). Such runs are left to ftfy and reported
    # by nothing here.
    if len(text) > MAX_REGION_CHARS or _REPEATED_LETTER.search(text):
        return None
    raw = encode(text)
    if raw is None:
        return None
    slots = _slots(raw, text, line[end:end + 2])
    if not slots or len(slots) > MAX_REGION_SLOTS:
        return None
    if _real_words(text):
        return None  # `SÃO`, `NÃO`, `École`: real words, not mojibake
    # The character before the region's word, ignoring spaces, found without
    # slicing the line (`line[:start].rstrip()` per region was quadratic on a
    # line of 100,000 `artÃculo`).
    before = start
    while before > 0 and line[before - 1].isspace():
        before -= 1
    sentence_start = before == 0 or line[before - 1] in ".!?:;\"“«¿¡"
    scorer = _Scorer(text, raw, slots, context, context.evidence > 0, sentence_start)
    choices, margins = scorer.best()
    if choices is None:
        if not any(slot.strong for slot in slots):
            return None
        choices = [slot.strong or KEEP for slot in slots]
        margins = [MARGIN if slot.strong else 0.0 for slot in slots]
        confidence = 0.8
    else:
        chosen = [m for m, c in zip(margins, choices, strict=True) if c != KEEP and m >= MARGIN]
        confidence = 0.95 if chosen and min(chosen) >= 1.0 else 0.85
    unsure = [i for i, (slot, margin) in enumerate(zip(slots, margins, strict=True))
              if margin < MARGIN and choices[i] != KEEP]
    hints = {i: scorer.candidates(choices, i) for i in unsure}
    for i in unsure:
        choices[i] = KEEP
    restored_raw, src, restored = _apply(raw, choices)
    sequences = _sequences(restored_raw, src, restored)
    reading = _read(text, sequences)
    pieces: list[Piece] = []
    if reading != text:
        what = _describe(choices)
        for seq_start, seq_end, char, lossy in sequences:
            if pieces and pieces[-1].end == start + seq_start and pieces[-1].lossy == lossy:
                pieces[-1].end = start + seq_end
                pieces[-1].replacement = (pieces[-1].replacement or "") + char
            else:
                pieces.append(Piece(start + seq_start, start + seq_end, char, lossy, "", confidence if lossy else 0.9))
        word_old, word_new = _trim(text), _trim(reading)
        for piece in pieces:
            old = line[piece.start : piece.end]
            if piece.lossy:
                piece.message = f"'{word_old}' is '{word_new}': {what}"
            else:
                piece.message = f"'{old}' should be '{piece.replacement}': UTF-8 read as Windows-1252"
    for i in unsure:
        # Reported, not repaired: the candidates read about equally well.
        slot = slots[i]
        a = start + slot.lead
        b = a + 1
        while b < end and b - start < len(raw) and _is_cont(raw[b - start]) and b - a < 3:
            b += 1
        if any(p.start < b and a < p.end for p in pieces):
            continue
        could = " or ".join(f"'{c}'" for c in hints[i])
        pieces.append(Piece(a, b, None, True, f"'{line[a:b]}' in '{_trim(text)}' lost a byte (UTF-8 read as "
                            f"Windows-1252); it could be {could}, and no reading stands out", 0.6))
    if not pieces:
        return None
    pieces.sort(key=lambda p: p.start)
    mojibake = "".join(DECODE[b] if back else text[i] for b, i, back in zip(restored_raw, src, restored, strict=True))
    return Region(start, end, mojibake, pieces)


# Restored characters that are not letters are not scored by the character
# model, so they get a log10 prior of their own, of the order of what a letter
# costs. Symbols and digits are as unlikely as a letter the language never
# uses: Japanese `ã—` + a lost 0x81 is `し`, not the squared `㍗` that 0x8D
# gives. Brackets and quotes come in pairs: a lone `」` is less likely than `、`
# (`ã€` + a lost 0x81 in `今日ã€経済`). Spaces other than the no-break space
# are never what was lost: `agreeâ€ ` is `agree” `, not an EM QUAD (E2 80 81).
_CATEGORY_PRIOR = {"S": -8.0, "N": -8.0, "Po": -1.5, "Pd": -3.0, "Ps": -2.5, "Pe": -2.5, "Pi": -2.5, "Pf": -2.5,
                   "Pc": -3.0}
_PAIRED = {"Ps": "Pe", "Pe": "Ps", "Pi": "Pf", "Pf": "Pi"}


def _fits_between(before: str, char: str, after: str) -> bool:
    """A restored character fits between its neighbours: between two letters a
    letter or a mark, of the script of a neighbour (Vietnamese `Há»c` + 0xAD
    would be Balinese `᭻` between Latin letters); a mark only after a letter
    (Hebrew `×”×™×•×` is `היום`, not `היו` with a stray point)."""
    near = [c for c in (before, after) if c.isalpha()]
    if (before.islower() and char.isupper()) or (char.islower() and after.isupper()):
        return False  # cased as no word is: `artÍculo`, `íNDICE`
    if _is_mark(char):
        return (before.isalpha() or _is_mark(before)) and not (before.isalpha() and script(before) != script(char))
    if char.isalpha():
        return not (near and all(script(c) != script(char) for c in near))
    if not _common_punctuation(char) and all(script(c) != script(char) for c in near or ["?"]):
        return False  # `vernisáž ` + a lost byte would end in Balinese `᭞`
    if before.isalpha() and (after.isalpha() or _is_mark(after)):
        # A digit or symbol inside a word (`अर७थ`), or punctuation, which
        # only Chinese and Japanese write between letters (`今日、経済`).
        return unicodedata.category(char)[0] == "P" and "CJK" in (script(before), script(after))
    return True


def _symbols(reading: str, restored: list[tuple[int, str]], line: str) -> float | None:
    value = 0.0
    for _, char in restored:
        if char.isalpha():
            continue
        category = unicodedata.category(char)
        if category[0] == "M" or char == "\u00a0":
            continue
        if category == "Zs":
            return None
        value += _CATEGORY_PRIOR.get(category, _CATEGORY_PRIOR.get(category[0], 0.0))
        partner = _PAIRED.get(category)
        if partner and not any(unicodedata.category(c) == partner for c in reading + line):
            value -= 1.0
    return value


class _Pieces:
    """The sequences of a region's readings put together from parts decoded
    once: each slot's span read with each of its options, and the stretches
    between the spans, which no reading changes.

    A slot's span runs from its lead byte over every position its options put
    a byte at, and on over continuation bytes; it ends before a byte that no
    UTF-8 sequence continues over (ASCII, a lead byte) or at the region's end.
    A sequence never crosses such a byte, and every byte a repair puts back is
    a continuation byte, so how a span decodes depends on its own slot's option
    only: the 484 readings of a line of Japanese mojibake, each decoded byte
    by byte, decode the same 17 spans in a few ways each."""

    def __init__(self, raw: bytes, spans: list[tuple[int, int]]) -> None:
        self.raw, self.spans = raw, spans
        base = _sequences(raw, list(range(len(raw))), [False] * len(raw))
        starts = [a for a, _ in spans]
        # The sequences between spans, by the span they come before (the last: after all).
        self.between: list[list[tuple[int, int, str, bool]]] = [[] for _ in range(len(spans) + 1)]
        for sequence in base:
            k = bisect.bisect_right(starts, sequence[0])
            if not (k and sequence[0] < spans[k - 1][1]):
                self.between[k].append(sequence)
        self._decoded: dict[tuple[int, Option], list[tuple[int, int, str, bool]]] = {}

    @staticmethod
    def of(raw: bytes, slots: list[Slot]) -> _Pieces | None:
        """The parts of ``raw``'s readings, or None where slots' spans meet."""
        spans, end = [], 0
        for slot in slots:
            start = slot.lead
            if start < end or _is_cont(raw[start]):
                return None
            stop = start + 1
            for kind, _, at in slot.options:
                if kind == "keep":
                    continue
                if at <= start:
                    return None
                stop = max(stop, at if kind == "insert" else at + 1)
            while stop < len(raw) and _is_cont(raw[stop]):
                stop += 1
            spans.append((start, stop))
            end = stop
        return _Pieces(raw, spans)

    def sequences(self, choices: list[Option]) -> list[tuple[int, int, str, bool]]:
        """_sequences(*_apply(raw, choices)), from the parts."""
        found = list(self.between[0])
        for k, choice in enumerate(choices):
            decoded = self._decoded.get((k, choice))
            found += self._decode(k, choice) if decoded is None else decoded
            found += self.between[k + 1]
        return found

    def _decode(self, k: int, choice: Option) -> list[tuple[int, int, str, bool]]:
        start, stop = self.spans[k]
        kind, byte, at = choice
        local = [] if kind == "keep" else [(kind, byte, at - start)]
        decoded = [(a + start, b + start, char, lossy)
                   for a, b, char, lossy in _sequences(*_apply(self.raw[start:stop], local))]
        self._decoded[(k, choice)] = decoded
        return decoded


class _Scorer:
    """Scores the readings of one region: the word list and the character model
    of the line's likely languages, plus each option's prior."""

    def __init__(self, text: str, raw: bytes, slots: list[Slot], context: _Line, evidence: bool,
                 sentence_start: bool) -> None:
        self.text, self.raw, self.slots, self.context, self.evidence = text, raw, slots, context, evidence
        self.sentence_start = sentence_start
        self._cache: dict[tuple[Option, ...], tuple[float, str] | None] = {}
        self._words: dict[str, tuple[float, ...]] = {}  # _word_scores
        self._fit: dict[str, bool] = {}  # _fits, by restored character and its neighbours
        self._pieces = _Pieces.of(raw, slots)
        self._lone = 0

    def reading(self, choices: list[Option]) -> str:
        return _read(self.text, _sequences(*_apply(self.raw, choices)))

    def score(self, choices: list[Option]) -> float | None:
        found = self._scored(choices)
        return None if found is None else found[0]

    def _scored(self, choices: list[Option]) -> tuple[float, str] | None:
        key = tuple(choices)
        if key not in self._cache:
            self._cache[key] = self._score(choices)
        return self._cache[key]

    def _score(self, choices: list[Option]) -> tuple[float, str] | None:
        sequences = self._pieces.sequences(choices) if self._pieces else _sequences(*_apply(self.raw, choices))
        reading, restored = _read_restored(self.text, sequences)
        if any(unicodedata.category(char) in _BAD_CATEGORIES for _, char in restored):
            return None
        blanked = self._blank_lone(reading, sequences, choices)
        if not self._fits(blanked, restored):
            return None
        words, junk = tokens(blanked), self._lone
        if not self.evidence:
            # Without intact mojibake beside it, a spot is repaired only into
            # listed words: `Ãfrica es un continente` is `África`, but Portuguese
            # `SÃO` stays and so does a French `à « »`.
            changed = _words(reading)
            if not changed or not _listed(changed) or reading == self.text:
                return None
            if any(lossy and not (char.isalpha() or char == "\u00a0") for _, _, char, lossy in sequences):
                return None  # `guláš brigády`: `áš` + a lost byte is Balinese punctuation, not a word
        value = self._log10(words) + JUNK * junk + sum(
            _prior(c, self.context) + slot.priors.get(c, 0.0)
            for c, slot in zip(choices, self.slots, strict=True) if c != KEEP)
        symbols = _symbols(reading, restored, self.context.decoded)
        if symbols is None:
            return None
        value += self._case(blanked, restored) + symbols
        return value, fold(reading)

    def _log10(self, words: list[str]) -> float:
        if not words:
            return 0.0
        scored = [self._word_scores(w) for w in words]
        total = sum(weight * 10.0 ** sum(scores[k] for scores in scored)
                    for k, weight in enumerate(self.context.weights().values()))
        return math.log10(total) if total > 0.0 else -1e9

    def _word_scores(self, word: str) -> tuple[float, ...]:
        """``word``'s log10 in each of the line's likely languages, in the order
        of their weights. Read once per region: its readings share most words
        (each of 484 readings of a line of Japanese mojibake rescored them)."""
        scores = self._words.get(word)
        if scores is None:
            folded = fold(word)
            model, zipfs = charmodel(), lexicon().frequencies(folded)
            scores = self._words[word] = tuple(_word_log10(model, lang, folded, zipfs)
                                               for lang in self.context.weights())
        return scores

    def _blank_lone(self, reading: str, sequences: list[tuple[int, int, str, bool]], choices: list[Option]) -> str:
        """``reading`` with the bytes of each slot left unrepaired (a lone lead
        byte and its continuation bytes) blanked out, their count in ``_lone``.
        They are scored as a fixed penalty, not as text: `ã` is a letter some
        language models have seen (Chinese word lists hold Portuguese names),
        and a model that explains leftover mojibake best would otherwise decide
        every reading of a Japanese line."""
        self._lone = 0
        spans = []
        starts: list[int] | None = None  # of the sequences, which are sorted and disjoint
        for slot, choice in zip(self.slots, choices, strict=True):
            if choice != KEEP:
                continue
            if starts is None:
                starts = [start for start, _, _, _ in sequences]
            k = bisect.bisect_right(starts, slot.lead) - 1
            if k >= 0 and sequences[k][1] > slot.lead:
                continue  # inside a sequence
            end = slot.lead + 1
            while end < len(self.text) and end - slot.lead < 3 and _is_cont(self.raw[end]):
                end += 1
            spans.append((slot.lead, end))
            self._lone += 1
        if not spans:
            return reading
        # How much shorter the reading is than the region before each span: the
        # sequences end in order, so those ending before it are a prefix, found
        # by bisection. (A sum over every sequence per span, and a search of
        # every sequence per slot above, made each reading of a line of Japanese
        # mojibake cost the square of its length.)
        ends = [end for _, end, _, _ in sequences]
        shrink = list(itertools.accumulate((e - s - len(c) for s, e, c, _ in sequences), initial=0))
        chars = list(reading)
        for start, end in spans:
            shift = shrink[bisect.bisect_right(ends, start)]
            for i in range(start - shift, end - shift):
                if 0 <= i < len(chars):
                    chars[i] = " "
        return "".join(chars)

    def _fits(self, reading: str, restored: list[tuple[int, str]]) -> bool:
        """Each restored character fits where it stands (_fits_between). The
        readings of a region put the same characters between the same
        neighbours over and over: each such triple is judged once."""
        for at, char in restored:
            before = reading[at - 1] if at else " "
            after = reading[at + 1] if at + 1 < len(reading) else " "
            key = before + char + after
            fits = self._fit.get(key)
            if fits is None:
                fits = self._fit[key] = _fits_between(before, char, after)
            if not fits:
                return False
        return True

    def _case(self, reading: str, restored: list[tuple[int, str]]) -> float:
        """-0.1 for each restored letter cased against its place: a capital
        inside a word or starting one mid-sentence, a small letter in a word of
        capitals. `El Ãndice` is `El índice`, `ÃNDICE` is `ÍNDICE`; `kalt á
        Ãslandi` reads as `íslandi`, wrongly: bytes cannot tell a proper noun."""
        penalty = 0.0
        for at, char in restored:
            if char.lower() == char.upper():
                continue
            before = reading[at - 1] if at else " "
            after = [c for c in reading[at + 1 : at + 4] if c.isalpha()]
            if after and all(c.isupper() for c in after) and (not before.isalpha() or before.isupper()):
                expect_upper = True
            elif before.isalpha():
                expect_upper = before.isupper() and not after
            else:
                expect_upper = self.sentence_start and not reading[:at].strip()
            if char.isupper() != expect_upper:
                penalty -= 0.1
        return penalty

    def best(self) -> tuple[list[Option] | None, list[float]]:
        """The best choice per slot and, per slot, how much better it reads than
        the slot's next-best option (a reading that differs only in case is no
        rival: the case prior decides those); (None, []) when no reading qualifies."""
        slots = self.slots
        total = 1
        for slot in slots:
            total *= len(slot.options)
        best, best_score = None, None
        if total <= MAX_READINGS:
            for choices in itertools.product(*(slot.options for slot in slots)):
                value = self.score(list(choices))
                if value is not None and (best_score is None or value > best_score):
                    best_score, best = value, list(choices)
        else:
            # Too many readings to try them all (a line of Japanese has a lost
            # 0x81 in every other kana, and 14 options each): slots close
            # together, whose characters meet in the same words (`ã—ãŸ`, `した`),
            # are chosen together, one group at a time, the others left as they
            # are (a lone lead byte) or as already chosen, twice over.
            current: list[Option] = [KEEP] * len(slots)
            current_score = self.score(current)
            for _ in range(2):
                for group in _groups(slots):
                    if math.prod(len(slots[k].options) for k in group) <= MAX_READINGS:
                        parts = [group]
                    else:  # neighbours two at a time, in turn
                        parts = [group[i : i + 2] for i in range(max(1, len(group) - 1))]
                    for part in parts:
                        for combo in itertools.product(*(slots[k].options for k in part)):
                            trial = list(current)
                            for k, option in zip(part, combo, strict=True):
                                trial[k] = option
                            value = self.score(trial)
                            if value is not None and (current_score is None or value > current_score):
                                current, current_score = trial, value
            best, best_score = current, current_score
        if best is None or best_score is None:
            return None, []
        if self.evidence:
            keep_score = self._keep_score()
            if keep_score is not None and best_score < keep_score + GAIN:
                return None, []
        best_found = self._scored(best)
        assert best_found is not None
        margins = []
        for k, slot in enumerate(slots):
            rivals = []
            for option in slot.options:
                if option == best[k]:
                    continue
                found = self._scored([*best[:k], option, *best[k + 1 :]])
                if found is not None and found[1] != best_found[1]:
                    rivals.append(found[0])
            margins.append(best_score - max(rivals) if rivals else 99.0)
        return best, margins

    def candidates(self, choices: list[Option], k: int) -> list[str]:
        """The characters slot ``k`` reads best as, best first (two or three)."""
        found: list[tuple[float, str]] = []
        for option in self.slots[k].options:
            trial = [*choices[:k], option, *choices[k + 1 :]]
            value = self.score(trial)
            if value is None:
                continue
            restored_raw, src, restored = _apply(self.raw, trial)
            chars = [c for start, _, c, lossy in _sequences(restored_raw, src, restored)
                     if lossy and start == self.slots[k].lead]
            if chars and all(c != chars[0] for _, c in found):
                found.append((value, chars[0]))
        found.sort(key=lambda item: -item[0])
        return [c for _, c in found[:3]] or ["?"]

    def _keep_score(self) -> float | None:
        """The region as it stands, each lone lead byte left as its Windows-1252
        character. One that is no letter, or a letter of another script than
        its neighbours (`×` in Hebrew `×”×™×•×`, `Ñ` in Russian), is scored as
        a character the language never uses."""
        reading = self.raw.decode("utf-8", "cleanse-keep-cp1252")
        words = tokens(reading)
        if not words:
            return None
        value = self._log10(words)
        decoded = _sequences(self.raw, list(range(len(self.raw))), [False] * len(self.raw))
        for slot in self.slots:
            if any(start <= slot.lead < end for start, end, _, _ in decoded):
                continue  # a complete sequence (a no-break space slot): not lone
            at = slot.lead - sum(end - start - len(char) for start, end, char, _ in decoded if end <= slot.lead)
            char = reading[at]
            near = [c for c in (reading[at - 1 : at], reading[at + 1 : at + 2]) if c.isalpha()]
            if not char.isalpha() or (near and all(script(c) != script(char) for c in near)):
                value -= 4.0
        return value


def _groups(slots: list[Slot]) -> list[list[int]]:
    """Indexes of slots whose lead bytes are within a character or two of each other."""
    groups: list[list[int]] = []
    for k, slot in enumerate(slots):
        if groups and slot.lead - slots[groups[-1][-1]].lead <= 4:
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def _trim(text: str) -> str:
    return text.strip(".,;:!?()[]{}")


# --------------------------------------------------------------- lost letters

# A run of U+FFFD, or of `?` between letters, inside a word: `K�nig`, `Stra?e`.
# Both start only where a word starts (the lookbehinds). Without them a word of
# a million letters beside a `?` or `�` elsewhere on the line (`\ufffd abc...`)
# was quadratic: every letter started a scan of the rest of the word. A match
# is always a whole word, so starting mid-word never found anything.
LOST_FFFD = re.compile(r"(?<![^\W\d_])(?<!\ufffd)(?:[^\W\d_]|\ufffd)*\ufffd(?:[^\W\d_]|\ufffd)*")
LOST_QMARK = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:\?+[^\W\d_]+)+")


def match_case(template: str, word: str) -> str:
    """``word`` in the case pattern of ``template``: `K�NIG` -> `KÖNIG`, `K�nig` -> `König`."""
    if len(template) != len(word):
        if template.isupper() and len(template) > 1:
            return word.upper()
        return word[:1].upper() + word[1:] if template[:1].isupper() else word
    out = []
    for t, w in zip(template, word, strict=True):
        upper = w.upper()
        out.append(upper if t.isupper() and len(upper) == 1 else w)
    return "".join(out)


def restore_greek_sigma(word: str) -> str:
    # wordfreq stores Greek words case-folded, final sigma as σ: `και τησ` is `και της`.
    if word.endswith("σ") and len(word) > 1:
        return word[:-1] + "ς"
    return word


def lost_letter_candidates(word: str, mark: str) -> list[str]:
    """Listed words ``word`` can be with each run of ``mark`` standing for lost letters."""
    return [restore_greek_sigma(c) for c in lexicon().lost_letter_candidates(word, mark)]


def choose(candidates: list[str], prefer: frozenset[str]) -> str | None:
    """The one candidate left once the document's languages are taken into account."""
    if len(candidates) == 1:
        return candidates[0]
    if prefer:
        lex = lexicon()
        kept = [c for c in candidates if set(lex.languages(c)) & prefer]
        if len(kept) == 1:
            return kept[0]
    return None

