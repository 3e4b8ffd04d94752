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

This module finds the byte positions where a UTF-8 sequence is one byte short,
tries every byte that could have been lost there (and, where a space or a
no-break space follows, the readings in which that space stood for the lost
byte), and keeps the reading whose words are in the word list: `artÃ culo`
is `artículo`, not ftfy's `artà culo`; `voilÃ le` is `voilà le`. Where the
list knows no reading, only the signatures that have a single sensible reading
are repaired: a capital `Ã` between lowercase letters is always a lost `í`, a
`Â` between lowercase letters always a lost soft hyphen, `â€` before a space
or punctuation always a lost `”`.

The same word list repairs letters lost outright: `K�nig` and `Stra?e` are
`König` and `Straße` because no other listed word fits.
"""

from __future__ import annotations

import codecs
import itertools
import re
from dataclasses import dataclass

from .lexicon import LETTERS, lexicon

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
#   continuation: `artÃculo`, `Ãfrica`, `Å` of `ÅÃ³dÅº`. A following character
#   Windows-1252 cannot write means another code page (`PoÄŤasĂ\xad` is
#   Windows-1250 mojibake of `Počasí`), and that is ftfy's business;
#   `Ã` or `Â` and a no-break space before a letter, where the NBSP may stand for a soft hyphen: `artÃ\xa0culo`;
#   a three-byte lead and one continuation character not followed by another:
#   the `”` of `â€œsoâ€` lost its last byte, Vietnamese `Há»c` its 0x8D (`Học`).
TRIGGER = re.compile(
    f"[\u00c2-\u00de](?![{_CONT}])(?=[\x00-\xff\ufffd]|$)"
    f"|[\u00c2\u00c3]\u00a0(?=[^\\W\\d_])"
    f"|[\u00e0-\u00ef][{_CONT}](?![{_CONT}])(?=[\x00-\xff\ufffd]|$)"
)
_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_SPACES = " \t"
MAX_SLOTS = 4


@dataclass(slots=True)
class Slot:
    """One place in a region's bytes where a byte may have been lost."""

    at: int  # byte offset of the lost byte
    lead: int  # the lead byte of the short sequence
    follows: int  # what stands at ``at`` now (-1 at the end)
    options: list[tuple[str, int]]  # ("insert" | "replace" | "keep", byte)
    strong: tuple[str, int] | None  # the one sensible reading when the word list knows none


_WHAT = {
    ("insert", SHY): "soft hyphen lost",
    ("replace-space", SHY): "soft hyphen turned into a space",
    ("replace-nbsp", SHY): "soft hyphen turned into a no-break space",
    ("insert", NBSP): "no-break space lost",
    ("replace-space", NBSP): "no-break space turned into a space",
}


def _describe(choices: list[tuple[str, int]]) -> str:
    parts = []
    for kind, byte in choices:
        if kind == "keep":
            continue
        what = _WHAT.get((kind, byte))
        if what is None:
            verb = "replaced by U+FFFD" if kind == "replace-fffd" else "dropped"
            what = f"byte 0x{byte:02X}, undefined in Windows-1252, {verb}"
        if what not in parts:
            parts.append(what)
    return "UTF-8 read as Windows-1252, " + " and ".join(parts) if parts else "UTF-8 read as Windows-1252"


def _slots(raw: bytes, text: str, offsets: list[int]) -> list[Slot]:
    """Byte positions where a UTF-8 sequence is one byte short.

    ``offsets[i]`` is the character index of byte ``i`` in ``text`` (one byte
    per character in this view)."""
    slots: list[Slot] = []
    i, size = 0, len(raw)
    while i < size:
        lead = raw[i]
        if 0xC2 <= lead <= 0xDE:
            need = 1
        elif 0xE0 <= lead <= 0xEF and i + 1 < size and 0x80 <= raw[i + 1] <= 0xBF:
            need = 2
        else:
            i += 1
            continue
        j = i + 1
        while j < size and j - i - 1 < need and 0x80 <= raw[j] <= 0xBF:
            j += 1
        have = j - i - 1
        follows = raw[j] if j < size else -1
        if have == need:
            # Ã or Â with a no-break space between letters: `artÃ\xa0culo` may be `artículo`.
            if need == 1 and lead in (0xC2, 0xC3) and raw[i + 1] == NBSP and (
                    _letter_at(text, offsets, i - 1) or _letter_at(text, offsets, i + 2)):
                slots.append(Slot(i + 1, lead, NBSP, [("keep", NBSP), ("replace-nbsp", SHY)], None))
            i = j
            continue
        if have != need - 1:
            i = j
            continue
        before, after = _char_at(text, offsets, i - 1), _char_at(text, offsets, j + (follows in (0x1A, 0x3F)))
        if need == 2 and lead == 0xE2 and raw[i + 1] == 0x80:  # `â€`: General Punctuation
            options = [("insert", b) for b in (0x9D, 0x8D, 0x90, 0x8F, 0x81)]
            if follows in (0x1A,):
                options = [("replace-fffd", b) for b in (0x9D, 0x8D, 0x90, 0x8F, 0x81)]
            # `â€` before a space, punctuation or the line end was a closing quote `”`.
            strong = options[0] if not after.isalnum() else None
        elif need == 2:  # Vietnamese `á»` + lost 0x8D is `ọ`: only the word list can say
            if follows == 0x1A:
                options = [("replace-fffd", b) for b in UNDEFINED]
            else:
                options = [("insert", b) for b in (*UNDEFINED, SHY, NBSP)]
            strong = None
        elif follows == 0x1A or (follows == 0x3F and after.isalpha()):
            options = [("replace-fffd", b) for b in UNDEFINED]
            strong = None
        elif lead == 0xC2:  # `Â` + a lost byte is a soft hyphen, no-break space or C1 control: nothing to see
            options = [("insert", SHY), ("insert", NBSP)]
            if follows == 0x20:
                options += [("replace-space", SHY)]
            strong = ("insert", SHY) if _LOWER.match(before) and _LOWER.match(after) else None
        else:
            options = [("insert", SHY), *[("insert", b) for b in UNDEFINED]]
            if lead == 0xC3:
                options.append(("insert", NBSP))
            if follows == 0x20 and lead == 0xC3:
                options += [("replace-space", SHY), ("replace-space", NBSP)]
            strong = ("insert", SHY) if lead == 0xC3 and _LOWER.match(before) and _LOWER.match(after) else None
        slots.append(Slot(j, lead, follows, options, strong))
        i = j
    return slots


def _char_at(text: str, offsets: list[int], byte: int) -> str:
    if 0 <= byte < len(offsets):
        return text[offsets[byte]]
    return " "


def _letter_at(text: str, offsets: list[int], byte: int) -> bool:
    char = _char_at(text, offsets, byte)
    return char.isalpha()


def _apply(raw: bytes, slots: list[Slot], choices: list[tuple[str, int]]) -> tuple[bytes, list[int], list[bool]]:
    """The bytes with one reading of each slot, the character each byte came
    from, and whether the byte is one that was put back."""
    out = bytearray()
    src: list[int] = []
    restored: list[bool] = []
    pos = 0
    for slot, (kind, byte) in zip(slots, choices, strict=True):
        out += raw[pos : slot.at]
        src.extend(range(pos, slot.at))
        restored.extend([False] * (slot.at - pos))
        pos = slot.at
        if kind == "keep":
            continue
        out.append(byte)
        if kind == "insert":
            src.append(slot.at - 1)  # part of the sequence its lead byte starts
        else:
            src.append(slot.at)
            pos += 1
        restored.append(True)
    out += raw[pos:]
    src.extend(range(pos, len(raw)))
    restored.extend([False] * (len(raw) - pos))
    return bytes(out), src, restored


def _sequences(raw: bytes, src: list[int], restored: list[bool]) -> list[tuple[int, int, str, bool]]:
    """``(start, end, character, lossy)`` for each UTF-8 sequence in ``raw``, in
    the region's character offsets; bytes that form no sequence stay as they are."""
    found = []
    i, size = 0, len(raw)
    while i < size:
        lead = raw[i]
        length = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 1
        if length > 1 and i + length <= size:
            try:
                char = raw[i : i + length].decode("utf-8")
            except UnicodeDecodeError:
                char = ""
            if char:
                found.append((src[i], src[i + length - 1] + 1, char.replace("\u00ad", ""), any(restored[i : i + length])))
                i += length
                continue
        i += 1
    return found


def _read(text: str, sequences: list[tuple[int, int, str, bool]]) -> str:
    out, pos = [], 0
    for start, end, char, _ in sequences:
        out += [text[pos:start], char]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _words(text: str) -> list[str]:
    return [w for w in LETTERS.findall(text) if not w.isascii()]


_CAMEL = re.compile(r"[^\W\d_](?<=[a-zß-öø-ÿ\u0430-\u045f\u03ac-\u03ce])[A-ZÀ-ÖØ-Þ\u0400-\u042f\u0386-\u03ab]")


def _score(words: list[str]) -> float:
    """The lowest Zipf frequency among ``words``, 0.0 if one is unlisted or
    cased as no word is (`artÍculo` folds to `artículo`, but is not it). A
    one-letter word proves nothing: Russian `с` and `я` are words, and any
    `Ñ` with a byte put back reads as one of them."""
    lex = lexicon()
    lowest = 99.0
    for word in words:
        zipf = lex.frequency(word) if len(word) > 1 else 0.0
        if not zipf or _CAMEL.search(word):
            return 0.0
        lowest = min(lowest, zipf)
    return lowest


def _regions(line: str) -> list[tuple[int, int]]:
    """Spans of ``line`` around each trigger: the Windows-1252-encodable part of
    its space-delimited word, and of the next word too when a space follows a
    final `Ã`/`Â` (`artÃ culo`, `voilÃ le`)."""
    spans: list[tuple[int, int]] = []
    for match in TRIGGER.finditer(line):
        pos = match.start()
        start = pos
        while start > 0 and line[start - 1] not in _SPACES and line[start - 1] in ENCODE:
            start -= 1
        end = pos + 1
        while end < len(line) and line[end] not in _SPACES and line[end] in ENCODE:
            end += 1
        if end == pos + 1 and line[pos] in "ÂÃ" and line[end : end + 1] == " " and line[end + 1 : end + 2].isalpha():
            end += 1
            while end < len(line) and line[end] not in _SPACES and line[end] in ENCODE:
                end += 1
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


@dataclass(slots=True)
class Piece:
    """One repaired span: lossy (a byte was put back) or intact mojibake beside it."""

    start: int  # offsets in the line
    end: int
    replacement: str
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


def lossy_repairs(line: str, prefer: frozenset[str] = frozenset()) -> list[Region]:
    """The lossy regions of ``line`` and their readings (``prefer``: the
    document's likely languages, used to break ties)."""
    regions = []
    for start, end in _regions(line):
        region = _repair_region(line, start, end, prefer)
        if region is not None:
            regions.append(region)
    return regions


# A reading that needs a no-break space to have been lost is less likely than
# one that needs a soft hyphen or an undefined byte: `Ãfrica` is `África` (0x81
# dropped) before it is Catalan `àfrica` (0xA0 dropped).
_PRIOR = {("insert", NBSP): -0.3}


def _repair_region(line: str, start: int, end: int, prefer: frozenset[str]) -> Region | None:
    text = line[start:end]
    raw = encode(text)
    if raw is None:
        return None
    slots = _slots(raw, text, list(range(len(text))))
    if not slots:
        return None
    lex = lexicon()
    original_words = _words(text)
    if original_words and _score(original_words):
        return None  # `SÃO`, `NÃO`, `École`: real words, not mojibake
    best: tuple[float, list[tuple[str, int]]] | None = None
    ambiguous = False
    if len(slots) <= MAX_SLOTS:
        for choices in itertools.product(*(slot.options for slot in slots)):
            reading = _read(text, _sequences(*_apply(raw, slots, list(choices))))
            words = _words(reading)
            if not words or reading == text:
                continue
            zipf = _score(words)
            if not zipf:
                continue
            zipf += sum(_PRIOR.get(choice, 0.0) for choice in choices)
            if prefer and any(set(lex.languages(w)) & prefer for w in words):
                zipf += 1.0  # a reading in the document's language beats a slightly more frequent foreign one
            if best is None or zipf > best[0]:
                ambiguous = best is not None and zipf - best[0] < 0.5
                best = (zipf, list(choices))
            elif zipf > best[0] - 0.5:
                ambiguous = True
    if best is not None:
        choices = best[1]
        confidence = 0.85 if ambiguous else 0.95
    else:
        if not any(slot.strong for slot in slots):
            return None
        choices = [slot.strong or ("keep", -1) for slot in slots]
        confidence = 0.8
    restored_raw, src, restored = _apply(raw, slots, choices)
    sequences = _sequences(restored_raw, src, restored)
    reading = _read(text, sequences)
    if reading == text:
        return None
    what = _describe(choices)
    pieces: list[Piece] = []
    for seq_start, seq_end, char, lossy in sequences:
        if pieces and pieces[-1].end == start + seq_start and pieces[-1].lossy == lossy:
            pieces[-1].end = start + seq_end
            pieces[-1].replacement += char
        else:
            pieces.append(Piece(start + seq_start, start + seq_end, char, lossy, "", confidence if lossy else 0.9))
    word_old, word_new = _trim(text), _trim(reading)
    for piece in pieces:
        old = line[piece.start : piece.end]
        if piece.lossy:
            piece.message = f"'{word_old}' is '{word_new}': {what}"
        else:
            piece.message = f"'{old}' should be '{piece.replacement}': UTF-8 read as Windows-1252"
    mojibake = "".join(DECODE[b] if back else text[i] for b, i, back in zip(restored_raw, src, restored, strict=True))
    return Region(start, end, mojibake, pieces)


def _trim(text: str) -> str:
    return text.strip(".,;:!?()[]{}")


# --------------------------------------------------------------- lost letters

# A run of U+FFFD, or of `?` between letters, inside a word: `K�nig`, `Stra?e`.
LOST_FFFD = re.compile(r"(?:[^\W\d_]|\ufffd)*\ufffd(?:[^\W\d_]|\ufffd)*")
LOST_QMARK = re.compile(r"[^\W\d_]+(?:\?+[^\W\d_]+)+")


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

