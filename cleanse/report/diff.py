"""``clean --diff``: a unified diff of what cleaning would change, per file,
writing nothing.

The diff is of the file's bytes, before and after, in the file's own encoding
(the bytes ``--in-place`` would write), split into lines where ``patch``
splits them, at each LF: so ``patch -p0`` applies it to any file cleanse reads,
a Windows-1252 or UTF-16 one too, as it applies GNU ``diff -a``. A diff of
UTF-8 text in a Windows-1252 file did not apply (or, with fuzz, applied
without checking its context lines).

Headers name the file as given, then a tab (``--- my note.md<TAB>``), where GNU
diff puts the date: patch reads a name up to the tab, and without one took
``--- sp/my note.md`` for the file ``sp/my``. A name that holds a control
character or bytes that are not UTF-8, or starts with a double quote, is
C-quoted as git quotes it (``"caf\\351.txt"``), which GNU patch and git apply
read. A last line without a newline is marked as diff(1) marks it.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..io import EncodeError, encode
from .base import Renderer

if TYPE_CHECKING:
    from ..batch import Outcome

NO_NEWLINE = b"\\ No newline at end of file\n"
_C_ESCAPES = {ord("\a"): b"\\a", ord("\b"): b"\\b", ord("\t"): b"\\t", ord("\n"): b"\\n", ord("\v"): b"\\v",
              ord("\f"): b"\\f", ord("\r"): b"\\r", ord('"'): b'\\"', ord("\\"): b"\\\\"}


def _byte_lines(data: bytes) -> list[bytes]:
    """``data`` cut after each LF, as patch reads a file (bytes.splitlines
    would also cut at a lone CR, and patch would not find such a line)."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def header_name(path: str) -> bytes:
    """``path`` as a ``---`` / ``+++`` header writes it (without the tab)."""
    if path == "-":
        return b"<stdin>"
    raw = os.fsencode(path)
    try:
        raw.decode("utf-8")
        plain = not raw.startswith(b'"') and not any(b < 0x20 or b == 0x7F for b in raw)
    except UnicodeDecodeError:
        plain = False
    if plain:
        return raw
    quoted = bytearray(b'"')
    for byte in raw:
        if byte in _C_ESCAPES:
            quoted += _C_ESCAPES[byte]
        elif byte < 0x20 or byte >= 0x7F:
            quoted += b"\\%03o" % byte  # git and GNU patch: octal, one byte at a time
        else:
            quoted.append(byte)
    return bytes(quoted + b'"')


def unified_diff(before: bytes, after: bytes, path: str, context: int = 3) -> Iterator[bytes]:
    """Lines of the unified diff from ``before`` to ``after`` (empty when equal)."""
    if before == after:
        return
    # difflib compares str; Latin-1 maps each byte to one character and back.
    old = [line.decode("latin-1") for line in _byte_lines(before)]
    new = [line.decode("latin-1") for line in _byte_lines(after)]
    name = header_name(path)
    yield b"--- " + name + b"\t\n"
    yield b"+++ " + name + b"\t\n"
    for line in list(difflib.unified_diff(old, new, n=context))[2:]:  # past difflib's own headers
        data = line.encode("latin-1")
        if data.endswith(b"\n"):
            yield data
        else:
            yield data + b"\n"
            yield NO_NEWLINE


class DiffRenderer(Renderer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.changed = 0

    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        if outcome.result is None or outcome.original is None or outcome.result.text == outcome.original:
            return
        try:
            before = encode(outcome.original, outcome.encoding)
            after = encode(outcome.result.text, outcome.encoding)
        except EncodeError:
            return  # it could not be written either; the CLI says why on stderr
        data = b"".join(unified_diff(before, after, outcome.input.path))
        if data:
            self.changed += 1
            self._write(data)

    def _write(self, data: bytes) -> None:
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:  # a text-only stream (io.StringIO in tests)
            self.stream.write(data.decode("utf-8", "backslashreplace"))
            return
        self.stream.flush()
        buffer.write(data)
        buffer.flush()


RENDERER = DiffRenderer
