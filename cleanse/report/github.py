"""``--format github``: GitHub Actions workflow commands, one per finding,

    ::error file=docs/a.md,line=5,col=20,endLine=5,endColumn=21,title=ENC001::'artÃculo' is ... (fix: 'í')

which the Actions runner turns into annotations on the pull request's diff.
error findings are ``::error``, warnings ``::warning``, info ``::notice``;
an input that cannot be read is an ``::error`` on the file. Values are escaped
as the Actions toolkit does (``%``, CR, LF; in properties also ``:`` and ``,``),
so a message can never end the command early. End columns are exclusive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..document import Document
from .base import Renderer, end_position, fix_note, printable

if TYPE_CHECKING:
    from ..batch import Outcome

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(outcome: Outcome) -> str:
    return "stdin" if outcome.input.path == "-" else printable(outcome.input.path)


class GithubRenderer(Renderer):
    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        result = outcome.result
        if result is None:
            return
        doc = Document(outcome.original or "")
        path = escape_property(_path(outcome))
        for f in result.findings:
            end_line, end_column = end_position(doc, f)
            self.stream.write(
                f"::{LEVELS.get(f.severity, 'warning')} file={path},line={f.line},col={f.column},"
                f"endLine={end_line},endColumn={end_column},title={escape_property(f.rule)}::"
                f"{escape_data(f.message + fix_note(f))}\n"
            )

    def error(self, outcome: Outcome) -> None:
        if outcome.skipped:
            return
        message = printable(outcome.error or "cannot be read")
        self.stream.write(f"::error file={escape_property(_path(outcome))},title=cleanse::{escape_data(message)}\n")


RENDERER = GithubRenderer
