"""Rule metadata and selection.

Every finding names a rule with a stable id (``ENC001``), a kebab-case name
(``lossy-mojibake``) and a category. Users select and ignore rules the way ruff
users do: by id, by id prefix (``ENC``, ``BOI00``), by name or by category.
The registry is filled by the detector modules, which declare their rules next
to the code that reports them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SEVERITIES = ("info", "warning", "error")
CATEGORIES = ("encoding", "boilerplate", "translation", "repetition", "readability", "synthetic")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    severity: str
    summary: str  # one line, shown by `cleanse rules`
    rationale: str  # why it matters, with a real example
    example: str  # text it flags
    fix: str  # what the cleaner does ("report only" when it does nothing)
    leaves: str = ""  # similar text it leaves alone; filled from data/rule_docs.toml by rule()
    # False for opt-in rules (ftfy's quote uncurling): they run only when selected
    # by id or name, never by default, category, prefix or "all".
    default: bool = True

    @property
    def fixable(self) -> bool:
        return not self.fix.startswith("report only")


class RuleRegistry:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._by_name: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        if rule.id in self._rules or rule.name in self._by_name:
            raise ValueError(f"rule {rule.id} ({rule.name}) registered twice")
        if rule.severity not in SEVERITIES or rule.category not in CATEGORIES:
            raise ValueError(f"rule {rule.id}: bad severity or category")
        self._rules[rule.id] = rule
        self._by_name[rule.name] = rule
        return rule

    def __iter__(self):
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, key: str) -> Rule | None:
        return self._rules.get(key.upper()) or self._by_name.get(key.lower())

    def resolve(self, selector: str, opt_in: bool = False) -> set[str]:
        """Rule ids matched by one selector: an id, an id prefix, a name or a category.

        Opt-in rules (``default=False``) match only their own id or name, unless
        ``opt_in``: `encoding` must not turn on ENC008's quote straightening."""
        key = selector.strip()
        if not key:
            return set()
        rule = self.get(key)
        if rule:
            return {rule.id}
        if key.lower() == "all":
            found = set(self._rules.values())
        elif key.lower() in CATEGORIES:
            found = {r for r in self._rules.values() if r.category == key.lower()}
        else:
            found = {r for r in self._rules.values() if r.id.startswith(key.upper())}
        return {r.id for r in found if r.default or opt_in}

    def unknown(self, selectors: Iterable[str]) -> list[str]:
        return [s for s in selectors if s.strip() and not self.resolve(s, opt_in=True)]

    def selected(self, select: Iterable[str] | None, ignore: Iterable[str] | None,
                 extend: Iterable[str] = ()) -> frozenset[str]:
        """Ids enabled by ``select`` (default: every rule that is not opt-in) plus
        ``extend`` (ruff's extend-select), minus ``ignore``."""
        chosen: set[str] = {r.id for r in self._rules.values() if r.default} if select is None else set()
        for selector in [*(select or ()), *extend]:
            chosen |= self.resolve(selector)
        for selector in ignore or ():
            chosen -= self.resolve(selector, opt_in=True)
        return frozenset(chosen)


REGISTRY = RuleRegistry()


def rule(**fields: Any) -> Rule:
    """Declare a rule in the global registry (used at import time by detectors).

    The "text it leaves alone" examples live in data/rule_docs.toml, keyed by
    rule id, so documentation can grow without touching the detector modules.
    """
    if "leaves" not in fields:
        from .data import load

        fields["leaves"] = load("rule_docs").get(fields["id"], {}).get("leaves", "")
    return REGISTRY.add(Rule(**fields))
