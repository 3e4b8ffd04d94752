"""Linear time on adversarial input: each input family at 4 sizes up to 1 MB.

    python benchmarks/adversarial.py [--max-kb 1024]

For each family the time of cleanse.clean at 1/8, 1/4, 1/2 and 1 of the
maximum size is printed with the ratio of successive times: linear growth
doubles the time when the size doubles (ratio ~2); quadratic growth gives ~4.
A family fails when the last ratio exceeds 3.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleanse  # noqa: E402

# Each family repeats a unit built to provoke one kind of rule or regular expression.
FAMILIES = {
    "spaces-words (a a a ...)": "a ",
    "mojibake run (ÃÃÃ...)": "Ã",
    "mojibake pairs (Ã©Ã©...)": "Ã©",
    "icon tokens (icon-icon-...)": "icon-",
    "urls (http://http://...)": "http://",
    "nested quotes (“«„...)": "“«„‘",
    "share lines": "Share this article\n",
    "date lines": "Fri Jan 16 2026\n",
    "related labels": "RELATED:\n",
    "short title lines": "Venezuela Strengthens Security Alliances\n",
    "duplicate prose lines": "The Kremlin welcomed the calls for dialogue on Friday.\n",
    "blank lines": "\n",
    "one long line of prose": "The minister said the plan would cost more than expected ",
    "label lines (Photo: X)": "Photo: EFE ",
    "entities (&amp;)": "&amp;",
    "replacement chars (K\ufffdnig )": "K\ufffdnig ",
    "control chars": "\x00\x01",
    "no spaces token": "abcdefghij",
    "foreign words (de la que el)": "de la que el ",
    "cyrillic-latin (CОVID )": "CОVID ",
}


def timed(text: str) -> float:
    start = time.perf_counter()
    cleanse.clean(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-kb", type=int, default=1024)
    args = parser.parse_args()
    cleanse.clean("warm up: The Kremlin said on Friday it welcomed the calls.")
    sizes = [args.max_kb * 1024 // 8, args.max_kb * 1024 // 4, args.max_kb * 1024 // 2, args.max_kb * 1024]
    print(f"{'family':<34} " + " ".join(f"{s // 1024:>6} KB" for s in sizes) + "   ratios")
    failed = []
    for name, unit in FAMILIES.items():
        times = []
        for size in sizes:
            text = unit * (size // len(unit.encode("utf-8")) + 1)
            times.append(timed(text))
        ratios = [b / a if a > 0 else 0 for a, b in zip(times, times[1:], strict=False)]
        flag = "" if ratios[-1] <= 3 else "  NOT LINEAR"
        if flag:
            failed.append(name)
        print(f"{name:<34} " + " ".join(f"{t:>8.2f}s" for t in times) + "   "
              + " ".join(f"{r:.1f}" for r in ratios) + flag)
    print("all families linear" if not failed else f"not linear: {', '.join(failed)}")


if __name__ == "__main__":
    main()
