"""``clean --diff``: a unified diff of what cleaning would change, per file,
writing nothing. Headers name the file as given (``--- path`` / ``+++ path``,
as ruff prints them, so ``patch -p0`` applies it); a last line without a
newline is marked as diff(1) marks it."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..document import Document
from .base import Renderer, display_path

if TYPE_CHECKING:
    from ..batch import Outcome

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    # Split on CR, LF and CRLF only, as the Document does: str.splitlines would
    # also split on U+2028 or a stray \x85 and show one changed line as two.
    return [line.text + line.terminator for line in Document(text).lines if line.text or line.terminator]


def unified_diff(before: str, after: str, path: str, context: int = 3) -> Iterator[str]:
    """Lines of the unified diff from ``before`` to ``after`` (empty when equal)."""
    if before == after:
        return
    for line in difflib.unified_diff(_lines(before), _lines(after), fromfile=path, tofile=path, n=context):
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n"
            yield NO_NEWLINE


class DiffRenderer(Renderer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.changed = 0

    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        if outcome.result is None or outcome.original is None:
            return
        lines = list(unified_diff(outcome.original, outcome.result.text, display_path(outcome)))
        if lines:
            self.changed += 1
            self.stream.writelines(lines)


RENDERER = DiffRenderer
