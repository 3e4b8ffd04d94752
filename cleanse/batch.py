"""Running the pipeline over inputs, one bad file never stopping the others.

``process`` runs them, in this process or in a pool of ``jobs`` worker processes, and
yields outcomes in input order whatever the pool does.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from .config import Config
from .discover import Input
from .document import Result
from .io import InputError, decoding_hits, read_text


@dataclass(slots=True)
class Outcome:
    input: Input
    result: Result | None = None
    error: str | None = None
    skipped: bool = False
    encoding: str = "utf-8"
    original: str | None = None  # the decoded input text, kept for writing decisions


def run_one(item: Input, config: Config) -> Outcome:
    """Read and clean one input; every failure becomes an Outcome with an error."""
    from .pipeline import run
    from .suppression import config_for_path

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
    return Outcome(item, result=result, encoding=decoded.encoding, original=decoded.text)


def _run_packed(args: tuple[Input, Config]) -> Outcome:
    return run_one(*args)


def process(inputs: list[Input], config: Config, jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order. Standard input is always read in this process."""
    if jobs <= 1 or len(inputs) <= 1 or any(i.path == "-" for i in inputs):
        for item in inputs:
            yield run_one(item, config)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(16, len(inputs) // (jobs * 4)))
        yield from pool.map(_run_packed, ((item, config) for item in inputs), chunksize=chunk)
