"""Reading and writing files without losing anything.

Decoding, in this order:

1. A byte-order mark decides: UTF-8 (the BOM is remembered and written back),
   UTF-16 or UTF-32.
2. A NUL byte in the first 8 KiB means binary (an image, a PDF): an
   :class:`InputError`, never cleaned. Unless the NULs are UTF-16 without a
   BOM (``iconv -t UTF-16LE`` writes none): a NUL as the high byte of
   character after character, always on the same side of the pair, and the
   whole file decodes to text with no control characters. It is read, written
   back as it came (no BOM added), and the result carries an ENC011 finding.
3. Valid UTF-8 is UTF-8. So is UTF-8 with a few stray bytes (a `café` pasted
   from a Windows-1252 document): each is read as its Windows-1252 character,
   the result carries an ENC011 finding, and the file is written back as
   valid UTF-8 (see _MAX_STRAY_BYTES).
4. Anything else is a legacy encoding if charset-normalizer recognises one
   confidently and the bytes survive a round trip through it
   (``decode(enc).encode(enc) == data``): a Spanish file saved as
   Windows-1252 reads ``artículo`` with a lone byte 0xED, which is not UTF-8.
   The text is cleaned and the result carries a finding (ENC011,
   legacy-encoding) naming the encoding and the first byte that is not UTF-8.
   When no encoding is recognised (random bytes, a truncated archive) it is an
   :class:`InputError` naming the byte offset, as for any invalid UTF-8.

Writing back (``clean --in-place`` and ``--output-dir``) uses the encoding the
file was read in: UTF-16 stays UTF-16, Windows-1252 stays Windows-1252, so a
file is never silently converted and no other program that reads it breaks.
If the cleaned text holds a character that encoding cannot represent (a repair
produced ``’`` in an ISO-8859-1 file), nothing is written: the write fails with
a message naming the character and how to convert the file to UTF-8 first.
Standard output is always UTF-8.

Writes are atomic: a temporary file in the same directory, flushed and
fsynced, then renamed over the original, so a full disk or a crash leaves the
original intact. The new file gets the original's owner, group and permission
bits (the owner and group as far as the user running cleanse may give them).

Input larger than ``max_size`` bytes (``max-input-size``, 64 MiB by default)
is refused before it is read, with its size and the limit: a file is held in
memory whole, several times over while it is cleaned.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from .detectors.base import Hit
    from .detectors.lexicon import CharModel

BINARY_SNIFF_BYTES = 8192
DEFAULT_MAX_INPUT_SIZE = 64 * 1024 * 1024
# A file with a BOM is written back with the same BOM and byte order: Python's
# "utf-16" codec would write a big-endian file back little-endian.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {encoding: bom for bom, encoding in _BOMS if encoding != "utf-8-sig"}  # utf-8-sig writes its own
# charset-normalizer rejects a reading whose "mess" ratio reaches this (its own default cut-off).
_MAX_CHAOS = 0.2
# Readings within this much chaos (and coherence) of the best are ties. Western
# European text without ě or ő decodes identically, or equally cleanly, as
# Windows-1250 and Windows-1252 (`naïve` is `naďve` in 1250); charset-normalizer
# names 1250 first, while a Western file that is not UTF-8 is far more often
# 1252, so a tie goes to 1252.
_TIE = 0.02
_PREFERRED = ("cp1252",)


class InputError(Exception):
    """An input that cannot be cleaned; ``str(err)`` is one line naming the file and the reason."""


class EncodeError(OSError):
    """The cleaned text cannot be written in the file's encoding. An OSError
    (EILSEQ), so every writer that reports a failed write reports this one."""


@dataclass(frozen=True, slots=True)
class Legacy:
    """How a file that is not UTF-8 was read."""

    codec: str  # Python codec name, e.g. "cp1252"
    invalid_at: int  # byte offset of the first byte that is not UTF-8
    char_at: int  # the same place as a character offset in the decoded text
    byte: int  # that byte's value
    chaos: float  # charset-normalizer's mess ratio (0 = clean)
    strays: int = 0  # a UTF-8 file's bytes that are not UTF-8, read as Windows-1252 (codec "utf-8")

    @property
    def label(self) -> str:
        return encoding_label(self.codec)


@dataclass(frozen=True, slots=True)
class TextFile:
    text: str
    encoding: str  # how to write it back
    legacy: Legacy | None = None  # set when the file was not UTF-8 and its encoding was detected


def encoding_label(codec: str) -> str:
    """The name people use for a Python codec: cp1252 -> Windows-1252, latin_1 -> ISO-8859-1."""
    name = codecs.lookup(codec).name  # normalised: "cp1252", "iso8859-1", "shift_jis"
    if name.startswith("cp125") and len(name) == 6:
        return "Windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "ISO-8859-" + name.split("-", 1)[1]
    return {"cp932": "Shift_JIS (cp932)", "mac-roman": "MacRoman", "koi8-r": "KOI8-R", "koi8-u": "KOI8-U",
            "gb18030": "GB18030", "big5": "Big5", "euc_jp": "EUC-JP", "euc_kr": "EUC-KR"}.get(name, name.upper())


def decode(data: bytes, name: str) -> TextFile:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data if encoding == "utf-8-sig" else data[len(bom):]
            try:
                return TextFile(body.decode(encoding), encoding)
            except UnicodeDecodeError as err:
                label = encoding.upper().replace("-SIG", "")
                raise InputError(f"{name}: starts with a {label} byte-order mark but is not valid {label} "
                                 f"(byte {err.start + len(data) - len(body)})") from None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise InputError(f"{name}: binary file (NUL bytes), not text; skip it or convert it to UTF-8 text")
    try:
        return TextFile(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        mixed = _mostly_utf8(data, err.start, err.end)
        if mixed is not None:
            return mixed
        legacy = _detect(data, err.start)
        if legacy is not None:
            return TextFile(data.decode(legacy.codec), legacy.codec, legacy)
        snippet = data[max(0, err.start - 10) : err.start + 10]
        raise InputError(
            f"{name}: not valid UTF-8 at byte {err.start} (near {snippet!r}) and no other encoding fits; "
            f"re-encode it as UTF-8 (e.g. iconv -f windows-1252 -t utf-8)"
        ) from None


# The share of a UTF-16 file's leading pairs whose high byte is NUL, at
# least: text in a Latin script has one for nearly every character (`Hola`
# is `H\0o\0l\0a\0`), and a Greek or Cyrillic text still has one for each
# space, digit and punctuation mark.
_UTF16_NUL_SHARE = 0.1
# What UTF-16 text holds that binary read as UTF-16 would not: control
# characters other than whitespace. A PNG's header read as UTF-16-LE is
# `\u5089\u474e\u0a0d\u0a1a\u0000...`: a NUL character at once.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# The codecs that write no BOM of their own (encode() adds one for
# "utf-16-le", the name a file that had a BOM is read with).
UTF16_WITHOUT_BOM = {"le": "utf_16_le", "be": "utf_16_be"}


def _utf16_without_bom(data: bytes) -> TextFile | None:
    """``data`` read as UTF-16 when its NULs say it is UTF-16 without a BOM,
    else None (binary)."""
    head = data[:BINARY_SNIFF_BYTES]
    pairs = len(head) // 2
    if len(data) % 2 or not pairs:
        return None
    high_first, high_last = head[0::2].count(0), head[1::2].count(0)
    if high_first == 0 and high_last >= pairs * _UTF16_NUL_SHARE:
        order = "le"
    elif high_last == 0 and high_first >= pairs * _UTF16_NUL_SHARE:
        order = "be"
    else:
        return None
    codec = UTF16_WITHOUT_BOM[order]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:  # a lone surrogate: not UTF-16
        return None
    if _CONTROL.search(text):
        return None
    first_nul = head.index(0)
    return TextFile(text, codec, Legacy(codec, first_nul, first_nul // 2, 0, 0.0))


# A file of UTF-8 with a few bytes that are not (a `café` pasted from a
# Windows-1252 document into a UTF-8 one) is UTF-8: read as a legacy encoding
# whole, its every `ó` became `Ã³`, and `--in-place` wrote six more invalid
# bytes than it found. Up to this many stray bytes, each read as the
# Windows-1252 character it is most often meant to be, when the file's valid
# multi-byte characters outnumber them.
_MAX_STRAY_BYTES = 16
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _mostly_utf8(data: bytes, invalid_at: int, invalid_end: int) -> TextFile | None:
    """``data`` read as UTF-8 with its few stray bytes read as Windows-1252,
    or None when it is not that (see _MAX_STRAY_BYTES)."""
    pieces: list[str] = []
    strays: list[tuple[int, int]] = []  # (byte offset, character offset)
    pos, chars, runs = 0, 0, 0
    bad: tuple[int, int] | None = (invalid_at, invalid_end)
    while bad is not None:
        runs += 1
        good = data[pos : bad[0]].decode("utf-8")
        pieces.append(good)
        chars += len(good)
        for offset in range(bad[0], bad[1]):  # a lone byte, or a sequence cut short
            if data[offset] in _CP1252_UNDEFINED or len(strays) == _MAX_STRAY_BYTES:
                return None
            strays.append((offset, chars))
            pieces.append(bytes([data[offset]]).decode("cp1252"))
            chars += 1
        pos, bad = bad[1], None
        try:
            pieces.append(data[pos:].decode("utf-8"))
        except UnicodeDecodeError as err:
            bad = (pos + err.start, pos + err.end)
    text = "".join(pieces)
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - len(strays)
    if multibyte < runs:
        return None  # mostly single bytes: a legacy file, for _detect
    first_byte, first_char = strays[0]
    return TextFile(text, "utf-8", Legacy("utf-8", first_byte, first_char, data[first_byte], 0.0, len(strays)))


# A short text's few high bytes cannot be placed by byte statistics:
# charset-normalizer read `Il governo ... venerd\xec ... pi\xf9` as
# Windows-1258 (`venerd́`) and `Tickets cost \x8025 each, or \xa340` as code
# page 437 (`Ç25`, `ú40`). Up to this many, the words they make decide: each
# code page's reading is scored by the character model, and a byte read as
# a symbol no text uses costs it (see _short_reading).
_SHORT_HIGH_BYTES = 64
_SHORT_CODE_PAGES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "koi8_r", "mac_roman", "cp437",
                     "cp932", "gbk", "big5", "euc_kr", "euc_jp")
# Scripts that share a word: Japanese writes kanji and kana in one run.
_SCRIPT_OF_NAME = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}
_TEXT_SYMBOLS = frozenset("\u00a0’‘“”„–—…€£¥§°«»©®™•·¿¡¢µ¶×÷±¹²³¼½¾ªº")
# log10: a byte read as `╗` or `≤`, a word of two scripts (`gЙ°l`) or a
# capital inside a word (`sostinÎ`) is a billion times less likely than text.
_ODD_COST = 9.0
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Control bytes no text file holds (tab, line breaks, form feed and escape aside).
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_LETTER_RUN = re.compile(r"[^\W\d_]+", re.UNICODE)
_MAX_SCORED_WORDS = 200


def _short_reading(data: bytes, invalid_at: int) -> Legacy | None:
    """The code page whose reading of a short text the character model finds
    likeliest (ties to Windows-1252, listed first), or None when the text has
    more high bytes than _SHORT_HIGH_BYTES. The words of the lines that hold
    high bytes are scored, in one language, less a cost for each oddity."""
    if _BINARY_CONTROL.search(data):
        return None  # random bytes decode in every single-byte code page: charset-normalizer judges them
    for count, _ in enumerate(_HIGH_BYTE.finditer(data), 1):
        if count > _SHORT_HIGH_BYTES:
            return None
    from .detectors.lexicon import charmodel

    model = charmodel()
    best: tuple[float, str, str] | None = None
    for codec in _SHORT_CODE_PAGES:
        try:
            text = data.decode(codec)
            if text.encode(codec) != data:
                continue
        except UnicodeError:
            continue
        score = _reading_log10(text, model)
        if best is None or score > best[0]:
            best = (score, codec, text)
    if best is None:
        return None
    _, codec, text = best
    char_at = len(data[:invalid_at].decode(codec))
    return Legacy(codec, invalid_at, min(char_at, len(text)), data[invalid_at], 0.0)


def _reading_log10(text: str, model: CharModel) -> float:
    import unicodedata

    from .detectors.lexicon import fold

    def script(char: str) -> str:
        first = unicodedata.name(char, "?").split(" ")[0]
        return _SCRIPT_OF_NAME.get(first, first)

    words: list[str] = []
    cost = 0.0
    for line in text.splitlines():
        if line.isascii():
            continue
        for chunk in line.split():
            cost += _ODD_COST * sum(1 for char in chunk if not char.isascii() and not char.isalnum()
                                    and char not in _TEXT_SYMBOLS and unicodedata.category(char)[0] != "M")
            for run in _LETTER_RUN.findall(chunk):
                scripts = {script(char) for char in run}
                camel = any(a.islower() and b.isupper() for a, b in zip(run, run[1:], strict=False))
                cost += _ODD_COST * ((len(scripts) > 1) + camel)
                words.append(fold(run))
    return (model.text_log10(words[:_MAX_SCORED_WORDS]) if words else 0.0) - cost


def _detect(data: bytes, invalid_at: int) -> Legacy | None:
    """The legacy encoding of ``data`` when charset-normalizer is confident and
    the bytes round-trip through it; None otherwise. A short text's code page
    is the likeliest reading of its words instead (_short_reading)."""
    short = _short_reading(data, invalid_at)
    if short is not None:
        return short
    from charset_normalizer import from_bytes  # ~50 ms to import: only for files that need it

    readings = []
    try:
        matches = list(from_bytes(data))
    except Exception:  # a detector bug must not turn one odd file into a crash; report the bytes instead
        return None
    for match in matches:
        codec = match.encoding
        # charset-normalizer falls back to "ascii" for bytes it cannot place at
        # all (random binary without NULs): that is not a detection.
        if codec in ("ascii", "utf_8") or match.chaos >= _MAX_CHAOS:
            continue
        readings.append(match)
    if not readings:
        return None
    least_chaos = min(m.chaos for m in readings)
    tied = [m for m in readings if m.chaos <= least_chaos + _TIE]
    most_coherent = max(m.coherence for m in tied)
    tied = [m for m in tied if m.coherence >= most_coherent - _TIE]
    candidates: list[tuple[str, float]] = []
    for preferred in _PREFERRED:
        candidates += [(preferred, m.chaos) for m in tied if preferred in m.could_be_from_charset]
    candidates += [(m.encoding, m.chaos) for m in tied]
    for codec, chaos in candidates:
        try:
            text = data.decode(codec)
            if text.encode(codec) != data:  # a byte it would not write back the same: not safe to clean
                continue
        except (UnicodeError, LookupError):
            continue
        char_at = len(data[:invalid_at].decode(codec, errors="replace"))
        return Legacy(codec, invalid_at, min(char_at, len(text)), data[invalid_at], round(chaos, 3))
    return None


def decoding_hits(decoded: TextFile) -> list[Hit]:
    """Findings about how the file was read, for ``pipeline.run(..., before=...)``:
    ENC011 when the file was in a legacy encoding."""
    legacy = decoded.legacy
    if legacy is None:
        return []
    from .detectors.base import Hit
    from .detectors.encoding import LEGACY_ENCODING

    start = legacy.char_at
    end = min(start + 1, len(decoded.text))
    if legacy.codec in UTF16_WITHOUT_BOM.values():
        iconv = "UTF-16" + legacy.codec[-2:].upper()
        message = (f"file is {legacy.label} without a byte-order mark, not UTF-8: byte {legacy.invalid_at} is "
                   f"NUL, the high byte of {decoded.text[start:end]!r}; read as {legacy.label} (detected) and "
                   f"written back in it, without a BOM; convert it with iconv -f {iconv} -t UTF-8")
        return [Hit(LEGACY_ENCODING, start, end, message, None, 1.0)]
    if legacy.strays:
        which = "the only byte" if legacy.strays == 1 else f"the first of {legacy.strays} bytes"
        message = (f"file is UTF-8 but for stray bytes: byte {legacy.invalid_at} (0x{legacy.byte:02X}) is {which} "
                   f"that {'is' if legacy.strays == 1 else 'are'} not UTF-8, read as the Windows-1252 character "
                   f"it stands for ({decoded.text[start:end]!r}); clean writes the file back as valid UTF-8")
        return [Hit(LEGACY_ENCODING, start, end, message, None, 0.8)]
    message = (f"file is {legacy.label}, not UTF-8: byte {legacy.invalid_at} (0x{legacy.byte:02X}) is the first that is "
               f"not UTF-8; read as {legacy.label} (detected) and written back in it; convert it with "
               f"iconv -f {legacy.label.split(' ')[0]} -t UTF-8")
    return [Hit(LEGACY_ENCODING, start, end, message, None, max(0.0, 1.0 - legacy.chaos))]


def format_size(size: int) -> str:
    """``67108864`` -> ``64 MiB``; ``1536`` -> ``1.5 KiB``."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}".replace(".0 ", " ")
        value /= 1024
    raise AssertionError("unreachable")


def _too_big(name: str, size: str, limit: int) -> InputError:
    return InputError(f"{name}: {size} is over the maximum input size of {format_size(limit)}; skipped "
                      f"(raise it with --max-input-size or max-input-size in [tool.cleanse])")


def _read_limited(handle: IO[bytes], name: str, limit: int | None) -> bytes:
    if limit is None:
        return handle.read()
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name, f"more than {format_size(limit)}", limit)
    return data


def read_text(path: str | os.PathLike[str], max_size: int | None = DEFAULT_MAX_INPUT_SIZE) -> TextFile:
    """Read and decode one input; ``max_size`` bytes at most (None: no limit)."""
    name = os.fspath(path)
    if name == "-":
        return decode(_read_limited(sys.stdin.buffer, "<stdin>", max_size), "<stdin>")
    try:
        with open(name, "rb") as handle:
            info = os.fstat(handle.fileno())
            if max_size is not None and stat.S_ISREG(info.st_mode) and info.st_size > max_size:
                # Refused before reading: a 3 GB log must not be loaded only to be rejected.
                raise _too_big(name, format_size(info.st_size), max_size)
            data = _read_limited(handle, name, max_size)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(f"{name}: symbolic link loop (too many levels of symbolic links)") from None
        raise InputError(f"{name}: cannot read ({err.strerror or err})") from None
    return decode(data, name)


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding`` (as :class:`TextFile` names it: "utf-16-be" means
    with its BOM); :class:`EncodeError` when a character does not fit."""
    try:
        return _BOM_OF.get(encoding, b"") + text.encode(encoding)
    except UnicodeEncodeError as err:
        char = err.object[err.start]
        line = err.object.count("\n", 0, err.start) + 1
        label = encoding_label(encoding)
        raise EncodeError(
            errno.EILSEQ,
            f"the cleaned text has {char!r} (U+{ord(char):04X}, line {line}), which {label} cannot represent, "
            f"so it is not written; convert the file to UTF-8 first (iconv -f {label.split(' ')[0]} -t UTF-8)",
        ) from None


def _write_all(handle: IO[bytes], data: bytes) -> None:
    # One place where bytes reach the disk, so a test can make it fail as a full disk would.
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its owner, group and
    permission bits.

    The target is the path itself, not what a symlink points at: the rename
    replaces a symlink with a regular file. ``--in-place`` on a symlink named
    on the command line therefore writes through to the link's target instead
    (see ``_target``), so the link survives.
    """
    atomic = AtomicFile(path, make_folders=True)
    try:
        _write_all(atomic.handle, data)
    except BaseException:
        atomic.discard()
        raise
    atomic.commit()


class AtomicFile:
    """A file that replaces ``path`` whole or not at all: written to a
    temporary file in the same folder, which commit() flushes to the disk and
    renames over ``path`` (keeping its owner, group and permission bits) and
    discard() removes. write_atomic writes one at once; an --html report is
    written into one as the run goes, so a full disk part-way leaves no half
    report."""

    def __init__(self, path: str | os.PathLike[str], make_folders: bool = False) -> None:
        self.target = _target(Path(path))
        if make_folders:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.temp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".cleanse-tmp", dir=self.target.parent)
        self.handle: IO[bytes] = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            replace_keeping_owner(self.temp, self.target, _new_file_mode())
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        close_quietly(self.handle)
        try:
            os.unlink(self.temp)
        except FileNotFoundError:
            pass


def close_quietly(stream: IO[bytes] | IO[str]) -> None:
    """Close ``stream``, a write to which has failed: on a full disk its last
    flush fails too, and the file is closed all the same."""
    try:
        stream.close()
    except OSError:
        pass


def replace_keeping_owner(new: str | os.PathLike[str], target: str | os.PathLike[str],
                          new_mode: int | None = None) -> None:
    """Rename ``new`` over ``target``, giving it ``target``'s owner, group
    and permission bits first: the rewritten file was created by whoever runs
    cleanse, and `sudo cleanse clean --in-place` made a user's files root's.
    A ``target`` that does not exist yet gets ``new_mode`` (None: as is)."""
    try:
        original = os.stat(target)
    except FileNotFoundError:
        if new_mode is not None:
            os.chmod(new, new_mode)
    else:
        _keep_owner(new, original)
        # after chown, which clears the set-user-ID and set-group-ID bits
        os.chmod(new, stat.S_IMODE(original.st_mode))
    os.replace(new, target)


def _keep_owner(path: str | os.PathLike[str], original: os.stat_result) -> None:
    """``path`` given ``original``'s owner and group, as far as allowed. Only
    root can give a file away; anyone can give their file a group they are
    in. What is not allowed is let go without a word, as sed -i does: the
    cleaned file is written either way."""
    try:
        os.chown(path, original.st_uid, original.st_gid)
    except PermissionError:
        try:
            os.chown(path, -1, original.st_gid)
        except PermissionError:
            pass


@lru_cache(maxsize=1)
def _new_file_mode() -> int:
    """The mode open() gives a new file (0o666 less the umask): mkstemp makes
    its file 0o600, and a cleaned copy under --output-dir came out readable
    by its owner alone where the original and the JSONL outputs were not.
    The umask can only be read by setting it, once per process."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _target(path: Path) -> Path:
    """The file a write to ``path`` must replace: a symlink's final target
    (``docs/current.txt -> v2.txt`` cleans ``v2.txt`` and keeps the link)."""
    if path.is_symlink():
        try:
            return path.resolve(strict=True)
        except (OSError, RuntimeError):
            return path
    return path
