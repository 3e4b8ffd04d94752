"""``--format json``: one JSON array of the contract's per-file objects, written
when every input has been seen (use jsonl to stream). An input that could not
be read is there too, as ``{"path", "error", "skipped"}``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .base import Renderer, json_text

if TYPE_CHECKING:
    from ..batch import Outcome


class JsonRenderer(Renderer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.objects: list[dict[str, Any]] = []

    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        from . import file_object

        if outcome.result is not None:
            self.objects.append(file_object(outcome))

    def error(self, outcome: Outcome) -> None:
        # One object per input: a file that could not be read is {"path",
        # "error", "skipped"}, so a program reading the report sees it (it was
        # said only on stderr, and `--format json > out.json` dropped it).
        from . import file_object

        self.objects.append(file_object(outcome))

    def close(self) -> None:
        self.stream.write(json_text(self.objects, indent=2) + "\n")


RENDERER = JsonRenderer
