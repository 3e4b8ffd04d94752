"""Renderers: the same outcomes for people (text, HTML), programs (JSON, JSONL,
SARIF) and CI (GitHub annotations), plus the unified diff of ``clean --diff``.

One module per format, each exporting ``RENDERER`` (a :class:`~.base.Renderer`
subclass); :func:`renderer` loads one by name, so the CLI treats them all alike
and importing ``cleanse.report`` loads none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, TextIO

from .base import Options, Renderer, json_text, printable

if TYPE_CHECKING:
    from ..batch import Outcome

# --format choices of `check`, in the order the help lists them
FORMATS = ("text", "json", "jsonl", "github", "sarif")
# The json renderer's module is not called json.py: importing a submodule binds
# its name in this package, and would shadow the json module.
_MODULES = {"text": "text", "json": "json_array", "jsonl": "jsonl", "github": "github", "sarif": "sarif",
            "html": "html", "diff": "diff"}

__all__ = ["FORMATS", "Options", "Renderer", "file_object", "outcome_from_object", "renderer", "write_jsonl",
           "write_text"]


def renderer(name: str) -> type[Renderer]:
    """The renderer class of format ``name`` (one of FORMATS, "html" or "diff")."""
    try:
        module = _MODULES[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(_MODULES)}") from None
    return importlib.import_module(f"{__name__}.{module}").RENDERER


def file_object(outcome: Outcome) -> dict[str, Any]:
    """The contract's per-file object: {path, score, score_after, language, findings, metrics};
    for an input that could not be read, {path, error, skipped} (``skipped``: a
    binary file found in a folder, passed over rather than failed)."""
    path = printable(outcome.input.path)
    if outcome.result is None:
        return {"path": path, "error": outcome.error, "skipped": outcome.skipped}
    return {"path": path, **outcome.result.to_dict()}


def outcome_from_object(obj: dict[str, Any]) -> Outcome:
    """The outcome a per-file object (:func:`file_object`) was written from, as
    far as the object holds it: the path (in its printable form), the scores,
    language, findings and metrics, or the error; not the cleaned text nor the
    input's. A --resume run reads an earlier run's report lines back into its
    HTML report with it."""
    from ..batch import Outcome
    from ..discover import Input
    from ..document import Finding, Result

    item = Input(obj["path"], None, True)
    if "error" in obj:
        return Outcome(item, error=obj["error"], skipped=bool(obj.get("skipped")))
    findings = [Finding(**finding) for finding in obj["findings"]]
    result = Result("", obj["score"], obj["score_after"], obj["language"], findings, obj.get("metrics") or {})
    return Outcome(item, result=result)


def write_jsonl(outcome: Outcome, stream: TextIO) -> None:
    stream.write(json_text(file_object(outcome)) + "\n")


def write_text(outcome: Outcome, stream: TextIO, show_summary: bool = True, source: bool = False) -> None:
    """ruff-style lines for one outcome: ``path:line:col: RULE [severity] message``
    (with ``source``, the line and a caret under each), then a summary line."""
    from .text import TextRenderer

    TextRenderer(stream, Options(source=source, summary=show_summary)).file(outcome)
