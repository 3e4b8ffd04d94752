"""The progress bar of a batch run (tqdm, on stderr): megabytes done of the
total, rate, ETA, and the files (or records) done.

The bytes are bytes of text, the unit cleaning takes its time in: a text or
JSONL file's size, a ``.jsonl.gz``'s uncompressed text (its trailer says how
much; records.text_size) and the text read out of it so far, a Parquet
file's uncompressed data (from its footer) by the share of its rows done.
Counted as they are on disk, a .jsonl.gz of 0.25 MB holding 2.25 MB of text
weighed a ninth of a 2.25 MB JSONL file that took as long: once the JSONL
file was done the bar said 90% and an ETA of 0.4 s, with 3.7 s to go. The
bar still reaches its total exactly: an input found to hold more text than
its estimate grows the total, and one that ends early (damage) is counted
done.

It is drawn only where it cannot garble anything: stderr is a terminal, the
run is not ``--quiet``, and stdout is not that same terminal. Messages printed
while it is drawn go through :meth:`Progress.write`, which clears the bar
first and redraws it after.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

# A run of one input draws its bar once it has lasted this long (seconds), so
# a run that ends at once draws none. Its size said too little: a 3.3 MB
# .jsonl.gz holds 22 MB of text, took 12 s, and drew no bar, when only inputs
# over 4 MB drew one.
ONE_INPUT_DELAY = 1.0


class Progress:
    def __init__(self, enabled: bool, total_bytes: int, items: int, unit: str = "file",
                 stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.items = items
        self.unit = unit
        self.done = 0
        self.records = 0
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            # A terminal that reports no size (a fresh pseudo-terminal, some CI
            # runners) makes tqdm draw nothing at all: it computes -1 rows and
            # hides the bar as "off screen". Such a terminal gets a fixed size.
            sized = min(_size(self.stream)) > 0
            self._bar = tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1000, file=self.stream,
                             dynamic_ncols=sized, ncols=None if sized else 100, nrows=None if sized else 24,
                             mininterval=0.25, leave=False, desc="cleanse",
                             delay=0.0 if items > 1 else ONE_INPUT_DELAY)

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def advance(self, nbytes: int, files: int = 0, records: int = 0) -> None:
        self.done += files
        self.records += records
        if self._bar is None:
            return
        postfix = f"{self.done}/{self.items} {self.unit}s"
        if self.records:
            postfix += f", {self.records} records"
        self._bar.set_postfix_str(postfix, refresh=False)
        self._bar.update(nbytes)

    def skip(self, nbytes: int) -> None:
        """Count ``nbytes`` done that took this run no time: the part of an
        input that --resume skips, done by an earlier run. The bar shows them
        done, but its rate and ETA leave them out. Counted by update(), a
        resumed run's first update held the 250 kB an earlier run had done
        with the 6 kB cleaned since, and the bar said 2.2 MB/s where the run
        cleaned 0.4 MB/s, its ETA a sixth of the time left."""
        bar = self._bar
        if bar is None or nbytes <= 0:
            return
        bar.n += nbytes
        bar.last_print_n += nbytes  # tqdm's smoothed rate samples (n - last_print_n) / dt...
        bar.initial += nbytes  # ...and its average rate is (n - initial) / elapsed

    def grow(self, nbytes: int) -> None:
        """Add ``nbytes`` to the total: an input held more text than its
        estimate said (a gzip file of several members, text_size)."""
        if self._bar is not None and nbytes > 0:
            self._bar.total += nbytes

    def write(self, message: str) -> None:
        drawn = self._drawn()
        if drawn:
            self._bar.clear()
        print(message, file=self.stream)
        if drawn:
            self._bar.refresh()

    def _drawn(self) -> bool:
        """Whether the bar is on the screen: a refresh before its delay drew it early."""
        bar = self._bar
        return bar is not None and bar._time() >= bar.start_t + bar.delay

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _size(stream: TextIO) -> tuple[int, int]:
    try:
        return tuple(os.get_terminal_size(stream.fileno()))  # type: ignore[return-value]
    except (AttributeError, OSError, ValueError):
        return (0, 0)
