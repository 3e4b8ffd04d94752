"""What a detector is: a name, the rules it owns, and one method from a
Document to hits. Detectors know nothing about files, the CLI or scoring."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document
    from ..rules import Rule


@dataclass(slots=True)
class Hit:
    """A detector's report, in the coordinates of the document it was given."""

    rule: Rule
    start: int
    end: int
    message: str
    replacement: str | None = None
    confidence: float = 1.0


@dataclass
class Context:
    """Shared, per-document facts that detectors read and add to.

    ``language`` is the document language (ISO 639-1) or None; ``removed_lines``
    holds the 0-based indexes of lines a boilerplate rule removes whole, so the
    translation detector does not report the same share line three times over;
    ``code_lines`` holds the lines of code or markup (a fenced Markdown block)
    that text rules leave alone; ``metrics`` collects per-document figures.
    """

    config: Config
    language: str | None = None
    language_confidence: float = 0.0
    enabled: frozenset[str] = frozenset()
    removed_lines: set[int] = field(default_factory=set)
    code_lines: frozenset[int] = frozenset()  # code and markup lines: no text rule touches them
    translation_lines: set[int] = field(default_factory=set)  # lines a translation rule already explained
    evidence: list[dict[str, Any]] = field(default_factory=list)  # translation evidence: language, rule, text
    metrics: dict[str, Any] = field(default_factory=dict)
    # The ASCII-word language vote that repairs with several candidates read
    # (encoding.ascii_languages): None until taken, or given by the pipeline.
    repair_languages: frozenset[str] | None = None

    def wants(self, rule: Rule) -> bool:
        return rule.id in self.enabled


class Detector:
    """Base class. ``stage`` is "repair" for detectors whose fixes change what
    the others see (mojibake), "analyse" for the rest."""

    name: ClassVar[str] = "detector"
    stage: ClassVar[str] = "analyse"
    rules: ClassVar[tuple[Rule, ...]] = ()

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:  # pragma: no cover - interface
        raise NotImplementedError

    def finish(self, doc: Document, ctx: Context) -> None:
        """Called once every detector has run: per-document summaries go here."""
