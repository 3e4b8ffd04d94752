"""Throughput of the full pipeline next to ftfy.fix_text, measured in the same run.

    python benchmarks/bench.py [--repeat N]

The corpus is the five seed articles repeated (about 16 KB each round); the
reference is ftfy.fix_text on the same documents, the figure the research
notes measured at ~3.5 MB/s per core. Prints MB/s for each and the ratio, and
the top costs of the pipeline from cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import platform
import pstats
import time
from pathlib import Path

import ftfy

import cleanse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def measure(function, corpus: list[str]) -> float:
    size = sum(len(doc.encode("utf-8")) for doc in corpus)
    start = time.perf_counter()
    for doc in corpus:
        function(doc)
    return size / (time.perf_counter() - start) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    docs = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    corpus = docs * args.repeat
    cleanse.clean(docs[0])  # load lazy models before timing
    size_mb = sum(len(d.encode("utf-8")) for d in corpus) / 1e6
    reference = measure(ftfy.fix_text, corpus)
    pipeline = measure(cleanse.clean, corpus)
    no_readability = measure(lambda d: cleanse.clean(d, config={"readability": False}), corpus)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"corpus: {len(corpus)} documents, {size_mb:.2f} MB")
    print(f"ftfy.fix_text (reference)       {reference:6.2f} MB/s")
    print(f"cleanse.clean                   {pipeline:6.2f} MB/s  ratio {pipeline / reference:.2f}x")
    print(f"cleanse.clean, readability off  {no_readability:6.2f} MB/s  ratio {no_readability / reference:.2f}x")
    profile = cProfile.Profile()
    profile.enable()
    for doc in corpus[: len(docs) * 10]:
        cleanse.clean(doc)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(8)
    print("top costs (tottime):")
    print("\n".join(line for line in out.getvalue().splitlines() if "/" in line or "ncalls" in line))


if __name__ == "__main__":
    main()
