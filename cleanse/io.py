"""Reading and writing files without losing anything.

Input is decoded strictly: UTF-8 (a UTF-8 BOM is remembered and written back),
or UTF-16/UTF-32 when the file starts with their BOM. Anything else (NUL bytes,
invalid UTF-8) is an :class:`InputError` with a reason a person can act on,
and the file is never rewritten. Writes are atomic: a temporary file in the
same directory, flushed and fsynced, then renamed over the original, so a full
disk or a crash leaves the original intact.
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BINARY_SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """An input that cannot be cleaned; ``str(err)`` is one line naming the file and the reason."""


@dataclass(frozen=True, slots=True)
class TextFile:
    text: str
    encoding: str  # how to write it back


def decode(data: bytes, name: str) -> TextFile:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return TextFile(data.decode(encoding), encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} "
                                 f"(byte {err.start})") from None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(f"{name}: binary file (NUL bytes), not text; skip it or convert it to UTF-8 text")
    try:
        return TextFile(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        snippet = data[max(0, err.start - 10) : err.start + 10]
        raise InputError(
            f"{name}: not valid UTF-8 at byte {err.start} (near {snippet!r}); "
            f"re-encode it as UTF-8 (e.g. iconv -f windows-1252 -t utf-8)"
        ) from None


def read_text(path: str | os.PathLike[str]) -> TextFile:
    name = os.fspath(path)
    if name == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror or err})") from None
    return decode(data, name)


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permission bits."""
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cleanse-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
