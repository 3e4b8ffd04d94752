"""``--format jsonl`` (and ``--report FILE``): one JSON object per input and
line, ``{"path", "score", "score_after", "language", "findings", "metrics"}``,
written as each input finishes so a batch of millions streams; an input that
could not be read is ``{"path", "error", "skipped"}``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .base import Renderer

if TYPE_CHECKING:
    from ..batch import Outcome


class JsonlRenderer(Renderer):
    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        from . import write_jsonl

        if outcome.result is not None:
            write_jsonl(outcome, self.stream)

    def error(self, outcome: Outcome) -> None:
        # A file that cannot be read (binary, missing, undecodable, permission
        # denied) or a record that cannot be cleaned is a line too, with the
        # reason in "error", as record outputs carry it: a report that leaves
        # it out reads as if every input was checked.
        from . import write_jsonl

        write_jsonl(outcome, self.stream)


RENDERER = JsonlRenderer
