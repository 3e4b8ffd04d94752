"""Throughput, scaling, memory and import time, with ftfy.fix_text as the
reference measured in the same run.

    python benchmarks/bench.py                 # 10 MB corpus, everything below
    python benchmarks/bench.py --mb 20 --memory-mb 1000   # and a 1 GB JSONL for the memory bound

1. Generates a corpus of mixed news text (benchmarks/corpus.py: English and
   other languages, with mojibake, boilerplate and foreign lines) as files and
   as one JSONL.
2. Per core, in this process: ``ftfy.fix_text`` (the reference) and
   ``cleanse.clean`` with the default configuration over every document, MB/s
   and the ratio. Models are loaded before timing (a warm-up document).
   Then, on the first ``--configs-mb`` MB: narrower configurations (one rule
   category selected, readability figures off) and the document language
   vote alone, each against the reference: what a job that needs less costs,
   and how much of the reference's time the one model every configuration
   runs takes by itself.
3. The CLI over the JSONL: ``cleanse clean --jobs 1`` and ``--jobs 2``,
   alternated ``--cli-repeat`` times (default 3), the best wall time of each
   and every run, the speed-up, and the peak RSS of the whole process tree (the CLI and
   its workers, sampled every 50 ms with psutil). Then why ``--jobs 2`` gains
   less than 2x: the CPU time of the process tree at each setting and how
   busy both cores were (idle cores would be the engine's fault; the extra
   CPU at ``--jobs 2`` is the second worker loading its own models, about
   1 s, and the machine running two processes at once more slowly), and the
   host's ceiling, two processes of pure-Python arithmetic against one,
   measured in the same run.
4. With ``--memory-mb N``: a JSONL of N MB (the corpus repeated with new ids),
   cleaned at ``--jobs 2``, peak RSS against the 500 MB bound.
5. Import time of ``import cleanse`` and ``import cleanse.cli`` (best of 7,
   minus the bare interpreter's start).
6. cProfile of the pipeline on part of the corpus: the top costs.

Targets (issue 6): pipeline >= 1.0x ftfy.fix_text per core; --jobs 2 >= 1.7x
--jobs 1; peak RSS <= 500 MB on a 1 GB JSONL at --jobs 2; import <= 300 ms.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import io
import json
import multiprocessing
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import ftfy
import psutil

import cleanse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402


def per_core(function, docs: list[str]) -> tuple[float, float]:
    """(MB/s, seconds) of ``function`` over ``docs`` in this process."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    for doc in docs:
        function(doc)
    seconds = time.perf_counter() - start
    return size / seconds / 1e6, seconds


# (label, configuration) of the narrower jobs measured next to the default.
CONFIGURATIONS = (
    ("readability = false", {"readability": False}),
    ("select = [ENC] (encoding only)", {"select": ["ENC"], "readability": False}),
    ("select = [BOI] (boilerplate only)", {"select": ["BOI"], "readability": False}),
    ("select = [TRN] (translation only)", {"select": ["TRN"], "readability": False}),
)


def by_configuration(docs: list[str], reference: float) -> None:
    """Per-core MB/s of each narrower configuration and of the language vote
    alone (which every configuration runs: the document's language is part of
    every result), as ratios to the reference measured in the same run."""
    from cleanse.config import coerce
    from cleanse.document import Document
    from cleanse.language import identify_document

    for label, mapping in CONFIGURATIONS:
        config = coerce(mapping)
        speed, _ = per_core(lambda doc, config=config: cleanse.clean(doc, config=config), docs)
        print(f"{label:36s} {speed:6.2f} MB/s  ratio {speed / reference:.2f}x")
    speed, _ = per_core(lambda doc: identify_document([line.text for line in Document(doc).lines]), docs)
    print(f"{'language vote alone':36s} {speed:6.2f} MB/s  ratio {speed / reference:.2f}x")


class PeakRss:
    """Peak resident memory of a process and all its children, sampled."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                total = 0
                for proc in tree:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_cli(args: list[str]) -> tuple[float, int, int, float]:
    """(wall seconds, peak RSS bytes of the process tree, exit status, CPU
    seconds of the process tree) of ``cleanse ARGS``. The CPU time is this
    process's children's time before and after: the CLI waits for its
    workers, so their time is counted in its own once it exits (on Windows,
    os.times() counts no children, and the figure is 0)."""
    usage = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cleanse", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    sampler = PeakRss(proc.pid)
    _, err = proc.communicate()
    peak = sampler.stop()
    seconds = time.perf_counter() - start
    after = os.times()
    if proc.returncode not in (0, 1):
        print(err.decode("utf-8", "replace")[-2000:], file=sys.stderr)
    cpu = after.children_user - usage.children_user + after.children_system - usage.children_system
    return seconds, peak, proc.returncode, cpu


def _arithmetic(rounds: int) -> None:
    total = 0
    for i in range(rounds):
        total += i


def host_ceiling(rounds: int = 20_000_000, repeat: int = 3) -> float:
    """The speed-up of two processes of pure-Python arithmetic, side by side,
    over one: what this machine lets any two-process run gain, measured in
    the same run (best of ``repeat``). A VM's two cores are not always two
    cores' worth: on the machine of benchmarks/RESULTS.md it measured 1.86x
    and 1.87x (2026-11-22)."""

    def timed(processes: int) -> float:
        workers = [multiprocessing.Process(target=_arithmetic, args=(rounds,)) for _ in range(processes)]
        start = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return time.perf_counter() - start

    one = min(timed(1) for _ in range(repeat))
    two = min(timed(2) for _ in range(repeat))
    return 2 * one / two


def import_ms(module: str) -> float:
    def best(code: str) -> float:
        times = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return min(times)

    return (best(f"import {module}") - best("pass")) * 1000


def big_jsonl(source: Path, target: Path, megabytes: float) -> int:
    """``target``: the records of ``source`` repeated (with new ids) up to ``megabytes``."""
    lines = [ln for ln in source.read_text(encoding="utf-8").split("\n") if ln]  # not splitlines: \x85 is in the text
    written = count = 0
    with target.open("w", encoding="utf-8") as out:
        while written < megabytes * 1e6:
            for line in lines:
                record = json.loads(line)
                record["id"] = f"{count:08d}"
                data = json.dumps(record, ensure_ascii=False) + "\n"
                out.write(data)
                written += len(data.encode("utf-8"))
                count += 1
                if written >= megabytes * 1e6:
                    break
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size (default 10)")
    parser.add_argument("--memory-mb", type=float, default=0.0, help="also run a JSONL of this size at --jobs 2")
    parser.add_argument("--profile-docs", type=int, default=200)
    parser.add_argument("--cli-repeat", type=int, default=3, help="CLI runs per --jobs value (default 3)")
    parser.add_argument("--configs-mb", type=float, default=2.0,
                        help="corpus share for the narrower configurations (default 2)")
    args = parser.parse_args()
    # Bytecode, as an installed cleanse has it (pip compiles a wheel's modules
    # when it installs them). An editable install under PYTHONDONTWRITEBYTECODE
    # (this machine sets it) never keeps any, and each process compiled the
    # modules it imports from source (27 in a worker): 0.1 s, paid again by
    # each worker.
    compileall.compile_dir(Path(cleanse.__file__).parent, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="cleanse-bench-"))
    generate(work, args.mb)
    corpus = work / "corpus.jsonl"
    docs = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").split("\n") if line]
    size_mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}; machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, {platform.system()} {platform.release()}; "
          f"python {platform.python_version()}; cleanse {cleanse.__version__}; ftfy {ftfy.__version__}")
    print(f"corpus: {len(docs)} documents, {size_mb:.1f} MB ({work})")

    cleanse.clean(docs[0])  # load the lazy models and lexicons before timing
    for doc in docs[:50]:
        cleanse.clean(doc)
    reference, ref_s = per_core(ftfy.fix_text, docs)
    pipeline, pipe_s = per_core(cleanse.clean, docs)
    print("\n## Per core, in one process")
    print(f"ftfy.fix_text (reference)   {reference:6.2f} MB/s  ({ref_s:.1f} s)")
    print(f"cleanse.clean (default)     {pipeline:6.2f} MB/s  ({pipe_s:.1f} s)  ratio {pipeline / reference:.2f}x  "
          f"(target >= 1.0x)")
    sample, taken = [], 0.0
    for doc in docs:
        if taken >= args.configs_mb:
            break
        sample.append(doc)
        taken += len(doc.encode("utf-8")) / 1e6
    print(f"\n## Per core, by configuration (first {taken:.1f} MB; reference on the same documents)")
    by_configuration(sample, per_core(ftfy.fix_text, sample)[0])

    print("\n## CLI over the JSONL (clean --output-dir), wall time and peak RSS of the process tree")
    # Each run alternates --jobs 1 and --jobs 2, and the best of each is
    # compared (as timeit reports the best: the least disturbed run). On this
    # machine's second core identical --jobs 2 runs took 7.7 to 10.7 s, while
    # --jobs 1 runs stayed within 6%. Every run is printed.
    timings: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    peaks: dict[int, int] = {1: 0, 2: 0}
    for run in range(args.cli_repeat):
        for jobs in (1, 2):
            seconds, peak, status, used = run_cli(["clean", str(corpus), "--output-dir",
                                                   str(work / f"out{jobs}-{run}"), "--jobs", str(jobs), "--quiet"])
            timings[jobs].append(seconds)
            cpu[jobs].append(used)
            peaks[jobs] = max(peaks[jobs], peak)
            if status not in (0, 1):
                print(f"--jobs {jobs}: exit {status}")
    for jobs in (1, 2):
        best = min(timings[jobs])
        runs = ", ".join(f"{t:.1f}" for t in timings[jobs])
        print(f"--jobs {jobs}: best {best:6.1f} s, {size_mb / best:5.2f} MB/s (runs: {runs} s), "
              f"peak RSS {peaks[jobs] / 2**20:5.0f} MiB")
    same = all((work / f"out{jobs}-{run}" / "corpus.jsonl").read_bytes() == (work / "out1-0" / "corpus.jsonl").read_bytes()
               for jobs in (1, 2) for run in range(args.cli_repeat))
    print(f"--jobs 2 speed-up: {min(timings[1]) / min(timings[2]):.2f}x best against best (target >= 1.7x), "
          f"{sum(timings[1]) / sum(timings[2]):.2f}x on the totals; outputs identical: {same}")
    # Why a run gains less than 2x: cores left idle (the engine's fault), or more
    # CPU at --jobs 2: each worker loads the models and lexicons (about 1 s, in
    # parallel with the other, so paid once in wall time at either setting),
    # and two processes at once run more slowly than one (the machine's).
    cpu_1, cpu_2 = sum(cpu[1]) / len(cpu[1]), sum(cpu[2]) / len(cpu[2])
    busy = sum(cpu[2]) / (2 * sum(timings[2]))
    print(f"CPU of the process tree, mean: --jobs 1 {cpu_1:.1f} s, --jobs 2 {cpu_2:.1f} s ({cpu_2 / cpu_1 - 1:+.0%}); "
          f"at --jobs 2 both cores busy {busy:.0%} of the wall time")
    print(f"host ceiling: two processes of pure-Python arithmetic ran {host_ceiling():.2f}x one, side by side")

    if args.memory_mb:
        big = work / "big.jsonl"
        count = big_jsonl(corpus, big, args.memory_mb)
        seconds, peak, status, _ = run_cli(["clean", str(big), "--output-dir", str(work / "outbig"), "--jobs", "2",
                                            "--quiet"])
        big_mb = big.stat().st_size / 1e6
        print(f"\n## Memory: {big_mb:.0f} MB JSONL ({count} records) at --jobs 2")
        print(f"{seconds:.0f} s, {big_mb / seconds:.2f} MB/s, peak RSS {peak / 2**20:.0f} MiB (bound 500 MB), "
              f"exit {status}")
        big.unlink()

    print("\n## Import time (best of 7, minus the interpreter's start)")
    for module in ("cleanse", "cleanse.cli"):
        print(f"import {module:12s} {import_ms(module):6.1f} ms (target <= 300 ms)")

    print(f"\n## Top costs (cProfile, {args.profile_docs} documents, tottime)")
    profile = cProfile.Profile()
    profile.enable()
    for doc in docs[: args.profile_docs]:
        cleanse.clean(doc)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
    for line in out.getvalue().splitlines():
        if "/" in line or "ncalls" in line or "{" in line:
            print(line.replace(str(Path(cleanse.__file__).parent.parent) + "/", "").rstrip())


if __name__ == "__main__":
    main()
