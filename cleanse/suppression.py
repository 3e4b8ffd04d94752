"""Silencing findings a person has looked at and accepted.

Two mechanisms, as in ruff:

* **Inline markers.** A line holding ``cleanse: ignore[BOI002]`` (any
  selector: id, id prefix, name or category, comma-separated) silences those
  rules on that line; ``cleanse: ignore`` with no list silences every rule on
  it. The marker is plain text, so it fits any comment syntax: an HTML comment
  in Markdown (``<!-- cleanse: ignore[byline] -->``), ``.. cleanse: ignore``
  in reStructuredText, or ``# cleanse: ignore`` in a text file. A finding
  belongs to the line its span starts on. The pipeline filters before it
  builds edits, so a silenced removal is not applied either: the line stays.
  This works for library calls too (``cleanse.clean(text)``).

* **Per-file ignores.** ``per-file-ignores = { "drafts/*" = ["BOI"] }`` in the
  configuration ignores rules for files whose path matches a glob. They are
  resolved from the path in the batch layer (a bare string has no path), by
  :func:`config_for_path`.
"""

from __future__ import annotations

import fnmatch
import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config
    from .document import Document, Finding

# `cleanse: ignore` or `cleanse: ignore[RULE, RULE]`; case-insensitive so
# `Cleanse: Ignore[boi002]` in a hand-written note still works.
MARKER = re.compile(r"cleanse:\s*ignore(?:\[(?P<rules>[^\]\n]*)\])?", re.IGNORECASE)
_FAST_PATH = re.compile(r"cleanse:", re.IGNORECASE)

ALL = None  # marker with no rule list: every rule on the line


_MARKER_WIDTH = len("cleanse")  # letters before the colon; each matches one character, case ignored
_FEW_COLONS = 64


def has_markers(doc: Document) -> bool:
    """Whether ``doc`` may hold an inline marker, read once per document: the
    encoding detector, the pipeline's view and the final filter all ask about
    the same original text."""
    found = doc.derived.get("has_markers")
    if found is None:
        found = doc.derived["has_markers"] = _holds_marker(doc.text)
    return found


def _holds_marker(text: str) -> bool:
    """_FAST_PATH.search(text) is not None. A match ends at a colon, and a news
    article holds one or two: the pattern is tried right before each, which is
    forty times faster than a case-insensitive scan of every character. A
    text of many colons (a log, a table) gets the scan."""
    if text.count(":") > _FEW_COLONS:
        return _FAST_PATH.search(text) is not None
    at = text.find(":", _MARKER_WIDTH)
    while at >= 0:
        if _FAST_PATH.match(text, at - _MARKER_WIDTH):
            return True
        at = text.find(":", at + 1)
    return False


def markers(doc: Document) -> dict[int, frozenset[str] | None]:
    """``{line number (1-based): rule ids silenced there, or None for all}``."""
    from . import detectors  # noqa: F401  (fills the registry)
    from .rules import REGISTRY

    found: dict[int, frozenset[str] | None] = {}
    for line in doc.lines:
        if "cleanse" not in line.text.lower():
            continue
        ids: set[str] = set()
        silence_all = False
        for match in MARKER.finditer(line.text):
            if match.group("rules") is None:
                silence_all = True
                continue
            for selector in match.group("rules").split(","):
                # An unknown selector silences nothing rather than raising: a
                # marker is text inside the document, and clean() never raises.
                ids |= REGISTRY.resolve(selector, opt_in=True)  # silencing may name an opt-in rule by category
        if silence_all:
            found[line.number] = ALL
        elif ids:
            found[line.number] = frozenset(ids)
    return found


def filter_inline(doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` without those silenced by an inline marker on their line."""
    if not findings or not has_markers(doc):
        return findings  # the common case: one regex scan, no line walk
    silenced = markers(doc)
    if not silenced:
        return findings
    kept = []
    for finding in findings:
        rules = silenced.get(finding.line, frozenset())
        if rules is None or finding.rule in rules:
            continue
        kept.append(finding)
    return kept


# --------------------------------------------------------------------------- per-file ignores
def _candidates(path: str, base: str | None) -> list[str]:
    """The forms of ``path`` a glob may match: relative to ``base`` (the config
    file's folder, else the current directory), as given, and the file name."""
    normal = os.path.normpath(path)
    forms = [normal.replace(os.sep, "/")]
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(base or os.curdir))
    except ValueError:  # another drive on Windows
        relative = normal
    if not relative.startswith(".."):
        forms.insert(0, relative.replace(os.sep, "/"))
    forms.append(os.path.basename(normal))
    return forms


def ignores_for_path(config: Config, path: str) -> tuple[str, ...]:
    """Selectors ``per-file-ignores`` adds for ``path`` (empty for standard input)."""
    table = config.per_file_ignores
    if not table or path == "-":
        return ()
    base = os.path.dirname(os.path.abspath(config.source)) if config.source else None
    forms = _candidates(path, base)
    extra: list[str] = []
    for pattern, selectors in table.items():
        glob = pattern[2:] if pattern.startswith("./") else pattern
        if any(fnmatch.fnmatchcase(form, glob) for form in forms):
            extra.extend(selectors)
    return tuple(extra)


_DERIVED: dict[tuple[int, tuple[str, ...]], tuple[Config, Config]] = {}


def config_for_path(config: Config, path: str) -> Config:
    """``config`` with the path's per-file ignores added to ``ignore``.

    Configs are validated (and their rule set computed) on construction, so the
    derived ones are cached: a folder of 10,000 drafts builds one, not 10,000.
    """
    extra = ignores_for_path(config, path)
    if not extra:
        return config
    key = (id(config), extra)
    cached = _DERIVED.get(key)
    if cached is None or cached[0] is not config:  # (the cache keeps config alive, so its id stays its own)
        cached = (config, config.merged(ignore=tuple(config.ignore) + extra))
        _DERIVED[key] = cached
    return cached[1]

