"""Running the pipeline over inputs, one bad file never stopping the others.

``process`` runs text files, ``process_records`` the records of a JSONL or
Parquet file, on an engine (this process, a local pool, a Dask cluster); both
yield outcomes in input order whatever the engine does.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .config import Config
from .discover import Input
from .document import Result
from .engine import Engine, make_engine
from .io import InputError, decoding_hits, read_text
from .records import RecordOptions, RecordOutcome, clean_batch, read_batches


@dataclass(slots=True)
class Outcome:
    input: Input
    result: Result | None = None
    error: str | None = None
    skipped: bool = False
    encoding: str = "utf-8"
    original: str | None = None  # the decoded input text, kept for writing decisions
    seconds: float = 0.0  # reading and cleaning it, for the run summary's slowest files
    record: bool = False  # a record of a JSONL/Parquet file, not a file
    # The file's bytes change even where its text does not: a UTF-8 file's
    # stray bytes (`caf\xe9`), reported by ENC011, are written back as UTF-8.
    rewrite: bool = False


def run_one(item: Input, config: Config) -> Outcome:
    """Read and clean one input; every failure becomes an Outcome with an error."""
    from .pipeline import run
    from .suppression import config_for_path

    started = time.perf_counter()
    try:
        decoded = read_text(item.path, config.max_input_size)
    except InputError as err:
        message = str(err)
        if not item.named and "binary file" in message:
            return Outcome(item, skipped=True, error=message)
        return Outcome(item, error=message)
    try:
        result = run(decoded.text, config_for_path(config, item.path), decoding_hits(decoded))  # per-file-ignores
    except Exception as err:  # pragma: no cover - a bug; reported, the batch goes on
        return Outcome(item, error=f"{item.path}: internal error while cleaning ({type(err).__name__}: {err}); "
                                   f"please report it", encoding=decoded.encoding)
    strays = decoded.legacy is not None and decoded.legacy.strays > 0
    return Outcome(item, result=result, encoding=decoded.encoding, original=decoded.text,
                   seconds=time.perf_counter() - started,
                   rewrite=strays and any(f.rule == "ENC011" for f in result.findings))


def run_chunk(items: list[Input], config: Config) -> list[Outcome]:
    """One work item of a pool: a few files, so the trip to a worker is paid once for them."""
    return [run_one(item, config) for item in items]


def _chunks(inputs: list[Input], size: int) -> Iterator[list[Input]]:
    for k in range(0, len(inputs), size):
        yield inputs[k : k + size]


def process(inputs: list[Input], config: Config, jobs: int = 1, engine: Engine | None = None) -> Iterator[Outcome]:
    """Outcomes in input order, whatever the engine. Standard input is always
    read in this process; ``engine`` (a pool or a cluster) takes the rest."""
    owned = engine is None
    if engine is None:
        engine = make_engine("local", jobs)
    try:
        if engine.workers <= 1 or len(inputs) <= 1 or any(i.path == "-" for i in inputs):
            for item in inputs:
                yield run_one(item, config)
            return
        size = max(1, min(8, len(inputs) // (engine.workers * 4)))
        for outcomes in engine.map(run_chunk, config, _chunks(inputs, size)):
            yield from outcomes
    finally:
        if owned:
            engine.close()


def process_records(item: Input, fmt: str, config: Config, options: RecordOptions, engine: Engine,
                    skip: int = 0, on_skipped: Callable[[int, int], None] | None = None,
                    ) -> Iterator[tuple[int, list[RecordOutcome]]]:
    """(input position, outcomes) per batch of the record file ``item``, in
    order, from record ``skip`` on (``on_skipped``: see read_batches). The
    file is read a batch at a time, and the engine holds a bounded number of
    batches in flight."""
    from .suppression import config_for_path

    settings = (config_for_path(config, item.path), options)
    yield from engine.map(clean_batch, settings, read_batches(item.path, fmt, skip, on_skipped=on_skipped))
