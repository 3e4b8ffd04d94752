"""The quality score: 0-100, higher is better, explained by the findings.

Each finding ``f`` costs

    cost(f) = severity_weight(f) * confidence(f) * (BASE[c] + SCALE[c] * chars(f) / body_chars)

where ``c`` is its category, ``chars(f)`` the length of its span and
``body_chars`` the number of visible characters that no finding covers (at
least ``MIN_BODY``). A category's load is the sum of its findings' costs, its
sub-score ``100 * exp(-load)``, and the score ``100 * exp(-sum of loads)``: the
product of the sub-scores. So a category lowers the score both per defect
(``BASE``: one mojibake word matters even in a long article) and in proportion
to how much of the text it affects (``SCALE``: a caption the size of a
paragraph costs more than a two-word byline).

Measuring extent against the *body* rather than the whole text makes the score
monotone: adding a defect adds a cost and never enlarges the body, so it can
never raise the score. ``score_after`` applies the same formula to the findings
the cleaner does not resolve (report-only findings outside removed text), so
``score_after >= score`` always holds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from .document import Finding

SEVERITY_WEIGHT = {"error": 1.0, "warning": 0.5, "info": 0.1}
# (BASE, SCALE) per category.
CATEGORY_WEIGHTS = {
    "encoding": (0.08, 3.0),
    "boilerplate": (0.05, 2.0),
    "translation": (0.05, 1.0),
    "repetition": (0.15, 2.0),
    "readability": (0.05, 0.1),
    "synthetic": (0.05, 0.5),
}
DEFAULT_WEIGHTS = (0.05, 1.0)
MIN_BODY = 200


def body_chars(text: str, findings: Sequence[Finding]) -> int:
    """Visible characters of ``text`` that no finding covers."""
    spans = sorted((f.start, f.end) for f in findings if f.end > f.start)
    covered_visible = 0
    cursor = 0
    for start, end in spans:
        start = max(start, cursor)
        if end > start:
            covered_visible += _visible(text[start:end])
            cursor = end
    return max(MIN_BODY, _visible(text) - covered_visible)


def _visible(text: str) -> int:
    return len("".join(text.split()))


def finding_cost(finding: Finding, body: int) -> float:
    base, scale = CATEGORY_WEIGHTS.get(finding.category, DEFAULT_WEIGHTS)
    weight = SEVERITY_WEIGHT[finding.severity] * finding.confidence
    return weight * (base + scale * (finding.end - finding.start) / body)


def loads(findings: Iterable[Finding], body: int) -> dict[str, float]:
    totals: dict[str, float] = {}
    for finding in findings:
        totals[finding.category] = totals.get(finding.category, 0.0) + finding_cost(finding, body)
    return totals


def to_score(total_load: float) -> float:
    return round(100.0 * math.exp(-total_load), 2)


def score(text: str, findings: Sequence[Finding], resolved: Sequence[bool]) -> tuple[float, float, dict]:
    """(score, score_after, breakdown) for ``findings`` of ``text``.

    ``resolved[i]`` says whether the cleaned text no longer holds finding ``i``.
    """
    body = body_chars(text, findings)
    before = loads(findings, body)
    after = loads((f for f, done in zip(findings, resolved, strict=False) if not done), body)
    breakdown = {
        "body_chars": body,
        "categories": {
            category: {"score": to_score(load), "score_after": to_score(after.get(category, 0.0)), "load": round(load, 4)}
            for category, load in sorted(before.items())
        },
    }
    return to_score(sum(before.values())), to_score(sum(after.values())), breakdown
