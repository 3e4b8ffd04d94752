"""``--format sarif``: one SARIF 2.1.0 log (OASIS standard; what GitHub code
scanning and most review tools import) written after the last input.

One run; the driver lists every rule with its documentation (summary,
rationale, what it flags and leaves alone, the fix) and default level. Each
finding is a result with a region (1-based lines, columns counted in code
points, declared by ``columnKind: unicodeCodePoints``; end column exclusive)
and, when the cleaner would change the span, a ``fix`` with the replacement.
Scores and languages go in each artifact's property bag; an input that cannot
be read is a tool execution notification, not a silent gap.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..document import Document, Finding
from .base import Renderer, end_position, json_text, visible_end

if TYPE_CHECKING:
    from ..batch import Outcome
    from ..rules import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/cleanse/"


def artifact_uri(path: str) -> str:
    """A relative path stays relative (resolved against %SRCROOT%, the repository
    root for code scanning); an absolute one becomes a file: URI. Either is
    percent-encoded from the name's bytes (RFC 3986), so a name that is not
    UTF-8 keeps its bytes: Latin-1 ``caf\\xe9.txt`` is ``caf%E9.txt``."""
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        return Path(path).as_uri()  # quotes the bytes of os.fsencode(path) too
    return quote(os.fsencode(os.path.normpath(path).replace(os.sep, "/")))


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_text = f"{rule.rationale}\n\nFlags: {rule.example}\n"
    if rule.leaves:
        help_text += f"Leaves alone: {rule.leaves}\n"
    help_text += f"Fix: {rule.fix}"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "fix": rule.fix, "tags": [rule.category]},
    }


class SarifRenderer(Renderer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .. import detectors  # noqa: F401  (fills the registry)
        from ..rules import REGISTRY

        self.rules = list(REGISTRY)
        self.index = {rule.id: i for i, rule in enumerate(self.rules)}
        self.results: list[dict[str, Any]] = []
        self.artifacts: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def file(self, outcome: Outcome, reasons: Sequence[str] = ()) -> None:
        result = outcome.result
        if result is None:
            return
        uri = artifact_uri(outcome.input.path)
        location: dict[str, Any] = {"uri": uri}
        if not uri.startswith("file:") and uri != "stdin":
            location["uriBaseId"] = "%SRCROOT%"
        artifact_index = len(self.artifacts)
        location["index"] = artifact_index
        self.artifacts.append({
            "location": {k: v for k, v in location.items() if k != "index"},
            "length": len(outcome.original or ""),
            "properties": {"score": result.score, "score_after": result.score_after, "language": result.language,
                           "fails": list(reasons)},
        })
        doc = Document(outcome.original or "")
        for f in result.findings:
            self.results.append(self._result(doc, f, location))

    def _result(self, doc: Document, f: Finding, location: dict[str, Any]) -> dict[str, Any]:
        end_line, end_column = end_position(doc, f)
        end = visible_end(doc.text, f)
        region = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": end_line,
            "endColumn": end_column,
            "charOffset": f.start,
            "charLength": end - f.start,
            "snippet": {"text": doc.text[f.start:end]},
        }
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "properties": {"name": f.name, "category": f.category, "severity": f.severity,
                           "confidence": f.confidence},
        }
        if f.rule in self.index:
            result["ruleIndex"] = self.index[f.rule]
        if f.replacement is not None:
            action = "remove" if f.replacement == "" else f"replace with {f.replacement!r}"
            result["fixes"] = [{
                "description": {"text": f"{f.name}: {action}"},
                "artifactChanges": [{
                    "artifactLocation": location,
                    "replacements": [{
                        "deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                        "insertedContent": {"text": f.replacement},
                    }],
                }],
            }]
        return result

    def error(self, outcome: Outcome) -> None:
        self.notifications.append({
            "level": "note" if outcome.skipped else "error",
            "message": {"text": outcome.error or f"{outcome.input.path}: cannot be read"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(outcome.input.path)}}}],
        })

    def log(self) -> dict[str, Any]:
        invocation: dict[str, Any] = {
            "executionSuccessful": not any(n["level"] == "error" for n in self.notifications),
        }
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        return {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "cleanse",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [rule_descriptor(rule) for rule in self.rules],
                }},
                "invocations": [invocation],
                "artifacts": self.artifacts,
                "results": self.results,
                "columnKind": "unicodeCodePoints",
            }],
        }

    def close(self) -> None:
        self.stream.write(json_text(self.log(), indent=2) + "\n")


RENDERER = SarifRenderer
