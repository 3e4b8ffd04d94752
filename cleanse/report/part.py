"""A JSONL report (``--report FILE.jsonl``) written as the run goes.

Its lines go to ``FILE.jsonl.part``, each written whole and flushed as its
input (or record) is done, so ``tail -f FILE.jsonl.part`` follows a long run
and a run that is killed leaves every line it had written. When the run is
complete the file is renamed to ``FILE.jsonl``: a report under its own name
is a whole one. Written at the end only (through io.AtomicFile), a report
showed nothing for hours of a batch run, and a killed run left none.

A write that fails (a full disk) cuts the part file back to its last whole
line, so a line half written never reads as a whole one.

``clean --resume`` goes on with an earlier run's report (EarlierReport): the
lines of the inputs it skips, whose outputs are written, and of the records
before the checkpoint of a record file it resumes, are kept, in input order
among this run's own, so its report is the one an uninterrupted run writes.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import IO

from ..io import close_quietly, replace_keeping_owner
from .base import printable

PART = ".part"
# An earlier run's report, while a resumed run writes its own part file: the
# part file of a run that was killed, with what the run before it reported
# of the inputs it had not reached yet (see combine_earlier).
EARLIER = ".earlier.part"
# The HTML report's journal (FILE.html.jsonl): the lines a --report would
# hold, kept so that --resume can read an earlier run's findings back into
# the page when the run has no --report (see cli._Sinks).
JOURNAL = ".jsonl"


class PartFile:
    """``path``'s part file, opened for writing."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.part = path + PART
        self.handle: IO[bytes] = open(self.part, "wb")  # noqa: SIM115 - closed in commit(), keep() or cut()
        self.whole = 0  # bytes of whole lines written
        self.lines = 0

    def copy(self, lines: Iterable[bytes]) -> None:
        """Write an earlier run's lines."""
        count = 0
        for line in lines:
            self.handle.write(line)
            count += 1
        self.flushed(count)

    def flushed(self, lines: int = 1) -> None:
        """``lines`` more lines were written (by a renderer): flush them to the file."""
        self.handle.flush()
        self.whole = self.handle.tell()
        self.lines += lines

    def commit(self) -> None:
        """The run is complete: the part file becomes the report, and an
        earlier run's report, now merged into it, goes."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        replace_keeping_owner(self.part, self.path)
        remove(self.path + EARLIER)

    def drop(self) -> None:
        """The run is complete and the part file was a journal only (the HTML
        report's, see cli._Sinks): it goes, with the earlier run's report."""
        close_quietly(self.handle)
        remove(self.part)
        remove(self.path + EARLIER)

    def keep(self) -> None:
        """The run stops before its end (interrupted, a worker lost): its
        lines stay in the part file, for --resume."""
        close_quietly(self.handle)

    def cut(self) -> str:
        """A write failed: the part file is cut back to its last whole line
        (none: it goes). Says which."""
        close_quietly(self.handle)
        try:
            if self.whole:
                os.truncate(self.part, self.whole)
                some = f"{self.lines} whole lines are" if self.lines != 1 else "1 whole line is"
                return f"its {some} kept in {self.part}"
        except OSError:
            pass  # not cut back: not kept either
        try:
            remove(self.part)
        except OSError:
            pass
        return "nothing of it is written"


def remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class EarlierReport:
    """What an earlier run's report (``source``) holds that a --resume run
    keeps: every line of an input it skips (in ``skipped``: its output is
    written) and, of a record file it resumes, the lines of the records
    before its checkpoint. Lines of inputs it does again, of inputs it does
    not have, and lines cut short are left out; ``lacking`` counts the
    inputs and records it has no line of. ``inputs`` are the run's
    inputs in order, skipped ones too; the report is read once, in step with
    the run, as its lines are in that order."""

    def __init__(self, source: str | None, inputs: Sequence[str], skipped: Collection[str]) -> None:
        # no source: no earlier report was found, and every input skipped lacks its lines
        self.handle: IO[bytes] = open(source, "rb") if source else io.BytesIO()  # noqa: SIM115 - closed in close()
        self.positions = {printable(path): k for k, path in enumerate(inputs)}
        self.skipped = {self.positions[printable(path)] for path in skipped}
        self.count = len(inputs)
        self.reached = 0  # the inputs before this one are settled
        self._next: tuple[int, bool, bytes] | None = None  # the next line: its input, whether of a record, itself
        self.lacking = {"input": 0, "record": 0}  # skipped that have no line in it

    def until(self, path: str | None) -> Iterator[bytes]:
        """The lines to keep of the inputs before ``path`` (None: of every
        input left)."""
        end = self.count if path is None else self.positions.get(printable(path), self.reached)
        while self.reached < end:
            found = False
            for position, _, line in self._lines(self.reached):
                if position == self.reached and position in self.skipped:
                    found = True
                    yield line
            self.lacking["input"] += self.reached in self.skipped and not found
            self.reached += 1

    def records(self, path: str, count: int) -> Iterator[bytes]:
        """The lines of the first ``count`` reported records of ``path``, a
        record file this run resumes (the lines of those after them, which
        this run reports again, are left out with the next input)."""
        yield from self.until(path)
        position = self.positions.get(printable(path))
        kept = 0
        while kept < count and (line := self._peek()) is not None and line[0] == position:
            self._next = None
            if line[1]:  # a record's line, not the file's own (its damage, said again by this run)
                kept += 1
                yield line[2]
        self.lacking["record"] += count - kept

    def close(self) -> None:
        self.handle.close()

    def _lines(self, position: int) -> Iterator[tuple[int, bool, bytes]]:
        """The lines of the inputs up to ``position``, taken from the report."""
        while (line := self._peek()) is not None and line[0] <= position:
            self._next = None
            yield line

    def _peek(self) -> tuple[int, bool, bytes] | None:
        while self._next is None:
            line = self.handle.readline()
            if not line.endswith(b"\n"):  # the end, or a line cut short (a power loss)
                return None
            where = locate(line, self.positions)
            if where is not None:
                self._next = (*where, line)
        return self._next


def locate(line: bytes, positions: dict[str, int]) -> tuple[int, bool] | None:
    """Which input a report line is of (its position in ``positions``), and
    whether it is a record's (``data.jsonl#17``) rather than the input's
    own; None for a line of no input there, or not a report line."""
    try:
        path = json.loads(line)["path"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(path, str):
        return None
    if path in positions:
        return positions[path], False
    # a record's: its file's path, `#`, its key (a file's name may hold `#` too)
    cut = path.find("#")
    while cut >= 0:
        if path[:cut] in positions:
            return positions[path[:cut]], True
        cut = path.find("#", cut + 1)
    return None


def earlier_source(path: str, inputs: Sequence[str]) -> str | None:
    """The earlier run's report a --resume run goes on with: a killed run's
    part file (combined with what it had not reached, combine_earlier), or
    the report of a run that ended (``path``); None when there is none."""
    part, earlier = path + PART, path + EARLIER
    if os.path.isfile(part):
        base = earlier if os.path.isfile(earlier) else path if os.path.isfile(path) else None
        combine_earlier(part, base, earlier, {printable(p): k for k, p in enumerate(inputs)})
    if os.path.isfile(earlier):
        return earlier
    return path if os.path.isfile(path) else None


def combine_earlier(part: str, base: str | None, target: str, positions: dict[str, int]) -> None:
    """``target``: the whole lines of a killed run's ``part`` file, then the
    lines of ``base`` (the report that run went on with) of the inputs after
    the last ``part`` has a line of, which that run had not reached yet; the
    part file goes. Written beside and renamed: a kill meanwhile leaves the
    part file and its base as they were, to be combined again."""
    last = -1
    with open(target + ".tmp", "wb") as out:
        with open(part, "rb") as lines:
            for line in lines:
                if line.endswith(b"\n"):
                    out.write(line)
                    where = locate(line, positions)
                    last = max(last, where[0] if where else -1)
        if base is not None:
            with open(base, "rb") as lines:
                for line in lines:
                    where = locate(line, positions) if line.endswith(b"\n") else None
                    if where is not None and where[0] > last:
                        out.write(line)
        out.flush()
        os.fsync(out.fileno())
    os.replace(target + ".tmp", target)
    remove(part)
