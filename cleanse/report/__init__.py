"""Renderers: the same outcomes as text for people, JSON / JSONL for programs."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..batch import Outcome


def file_object(outcome: Outcome) -> dict[str, Any]:
    """The contract's per-file object: {path, score, score_after, language, findings, metrics}."""
    path = "-" if outcome.input.path == "-" else outcome.input.path
    if outcome.result is None:
        return {"path": path, "error": outcome.error, "skipped": outcome.skipped}
    return {"path": path, **outcome.result.to_dict()}


def write_jsonl(outcome: Outcome, stream: TextIO) -> None:
    stream.write(json.dumps(file_object(outcome), ensure_ascii=False, sort_keys=False) + "\n")


def write_text(outcome: Outcome, stream: TextIO, show_summary: bool = True) -> None:
    """ruff-style lines: ``path:line:col: RULE [severity] message``, then a summary line."""
    result = outcome.result
    if result is None:
        return
    path = "<stdin>" if outcome.input.path == "-" else outcome.input.path
    for f in result.findings:
        fix = ""
        if f.replacement == "":
            fix = " (removed)"
        elif f.replacement is not None:
            fix = f" (fix: {f.replacement!r})"
        stream.write(f"{path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}{fix}\n")
    if show_summary:
        language = result.language or "?"
        count = len(result.findings)
        stream.write(
            f"{path}: score {result.score:.1f} -> {result.score_after:.1f} ({language}), "
            f"{count} finding{'s' if count != 1 else ''}\n"
        )
