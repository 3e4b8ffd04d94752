"""The closing summary of a batch run: what was processed, what was found,
how the scores are spread, which inputs were slowest, and what failed and why.

It holds counts, a 101-bucket score histogram and a handful of examples, never
the results themselves, so its memory stays the same for ten files or ten
million records.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

from .document import Result

SLOWEST = 5
FAILURES_SHOWN = 10


@dataclass
class RunSummary:
    files: int = 0
    records: int = 0
    chars: int = 0  # input characters
    changed: int = 0
    unreadable: int = 0
    unwritable: int = 0  # outputs that could not be written (a full disk)
    refused: int = 0  # record files not cleaned: a result column would overwrite a column, or --columns
    # names a column they do not have
    skipped: int = 0
    failing: int = 0
    bad_records: int = 0  # passed through: not JSON (as it was), or no text (with an error field)
    by_category: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    histogram: list[int] = field(default_factory=lambda: [0] * 101)  # inputs per whole score point
    slowest: list[tuple[float, str]] = field(default_factory=list)  # a min-heap of the SLOWEST
    failures: list[str] = field(default_factory=list)  # the first FAILURES_SHOWN, with reasons

    def add(self, name: str, result: Result, seconds: float, reasons: list[str] | tuple[str, ...] = (),
            record: bool = False) -> None:
        if record:
            self.records += 1
        else:
            self.files += 1
        self.chars += len(result.text) if "chars" not in result.metrics else result.metrics["chars"]
        self.changed += any(f.replacement is not None for f in result.findings)
        for finding in result.findings:
            self.by_category[finding.category] += 1
            self.by_rule[finding.rule] += 1
        self.histogram[max(0, min(100, int(result.score)))] += 1
        item = (seconds, name)
        if len(self.slowest) < SLOWEST:
            heapq.heappush(self.slowest, item)
        elif item > self.slowest[0]:
            heapq.heapreplace(self.slowest, item)
        if reasons:
            self.fail(f"{name}: {'; '.join(reasons)}")

    def fail(self, message: str) -> None:
        self.failing += 1
        if len(self.failures) < FAILURES_SHOWN:
            self.failures.append(message)

    def error(self, message: str, skipped: bool = False, record: bool = False, unwritable: bool = False,
              refused: bool = False) -> None:
        if skipped:
            self.skipped += 1
            return
        if record:
            self.bad_records += 1
        elif unwritable:
            self.unwritable += 1
        elif refused:
            self.refused += 1
        else:
            self.unreadable += 1
        if len(self.failures) < FAILURES_SHOWN:
            self.failures.append(message)

    @property
    def scored(self) -> int:
        return sum(self.histogram)

    def percentile(self, q: float) -> int:
        """The score at or under which a share ``q`` of the inputs lie (whole points)."""
        wanted = max(1, round(q * self.scored))
        seen = 0
        for score, count in enumerate(self.histogram):
            seen += count
            if seen >= wanted:
                return score
        return 100

    def lines(self, seconds: float) -> list[str]:
        """The summary, a few lines for stderr."""
        items = []
        if self.files:
            items.append(f"{self.files} file{'s' if self.files != 1 else ''}")
        if self.records:
            items.append(f"{self.records} record{'s' if self.records != 1 else ''}")
        rate = self.chars / seconds / 1e6 if seconds > 0 else 0.0
        head = f"summary: {', '.join(items) or 'nothing'} in {seconds:.1f} s ({self.chars / 1e6:.1f} M chars, {rate:.2f} M chars/s)"
        bad = f"record{'s' if self.bad_records != 1 else ''} passed through with errors"  # not "1 records"
        extra = [f"{n} {what}" for n, what in ((self.skipped, "skipped"), (self.unreadable, "unreadable"),
                                               (self.unwritable, "unwritable"), (self.refused, "refused"),
                                               (self.bad_records, bad)) if n]
        out = [head + (f"; {', '.join(extra)}" if extra else "")]
        total = sum(self.by_category.values())
        if total:
            categories = ", ".join(f"{name} {n}" for name, n in self.by_category.most_common())
            rules = ", ".join(f"{name} {n}" for name, n in self.by_rule.most_common(8))
            more = len(self.by_rule) - 8
            out.append(f"  findings: {total} ({categories})")
            out.append(f"  by rule: {rules}" + (f" and {more} more" if more > 0 else ""))
        else:
            out.append("  findings: none")
        if self.scored:
            out.append(f"  scores: min {self.percentile(0):d}, p10 {self.percentile(0.1):d}, "
                       f"median {self.percentile(0.5):d}, p90 {self.percentile(0.9):d}, max {self.percentile(1):d}; "
                       f"{self.histogram[100]} at 100, {sum(self.histogram[:50])} under 50")
        if self.slowest and self.scored > 1:
            slow = sorted(self.slowest, reverse=True)
            out.append("  slowest: " + ", ".join(f"{name} {s:.2f} s" for s, name in slow)
                       + " (a worker's first input includes loading its models)")
        if self.failures:
            shown = len(self.failures)
            total_failures = self.failing + self.unreadable + self.unwritable + self.refused + self.bad_records
            hidden = total_failures - shown
            out.append(f"  failures ({total_failures}):")
            out.extend(f"    {message}" for message in self.failures)
            if hidden > 0:
                out.append(f"    ... and {hidden} more")
        return out
