"""Where the pipeline's time goes, stage by stage, without cProfile's overhead.

    python benchmarks/corpus.py /tmp/corpus --mb 10   # once
    python benchmarks/stages.py /tmp/corpus/corpus.jsonl [--docs 300]

Wraps each detector's detect/finish and the pipeline's other steps with a
timer, runs cleanse.clean over the first documents (after one warm-up pass
that loads the lazy models and lexicons) and prints seconds and shares. Times
are CPU time of this process (time.process_time): on a machine shared with
other jobs, wall-clock shares swing with their load.
"""

from __future__ import annotations

import argparse
import collections
import json
import time

import cleanse
from cleanse import pipeline
from cleanse.detectors import DETECTORS

TIMES: collections.Counter[str] = collections.Counter()


def wrap(owner: object, name: str, key: str) -> None:
    function = getattr(owner, name)

    def timed(*args, **kwargs):
        start = time.process_time()
        result = function(*args, **kwargs)
        if hasattr(result, "__next__"):
            result = list(result)
        TIMES[key] += time.process_time() - start
        return result

    setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--docs", type=int, default=300)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as handle:
        docs = [json.loads(line)["text"] for _, line in zip(range(args.docs), handle, strict=False)]
    size = sum(len(d.encode("utf-8")) for d in docs)
    for doc in docs:  # warm-up: lexicons, models, indexes
        cleanse.clean(doc)
    for detector in DETECTORS:
        wrap(detector, "detect", type(detector).__name__)
        wrap(detector, "finish", type(detector).__name__ + ".finish")
    for name in ("identify_document", "document_metrics", "code_lines", "_findings", "filter_inline", "apply",
                 "score", "Document"):
        wrap(pipeline, name, name)
    start = time.process_time()
    for doc in docs:
        cleanse.clean(doc)
    total = time.process_time() - start
    print(f"{size / 1e6:.2f} MB, {size / total / 1e6:.2f} MB/s, {total:.2f} s, {total / len(docs) * 1000:.2f} ms per doc")
    for key, seconds in TIMES.most_common():
        if seconds >= 0.001:
            print(f"{key:32s} {seconds:6.2f} s {seconds / total * 100:5.1f}%")


if __name__ == "__main__":
    main()
