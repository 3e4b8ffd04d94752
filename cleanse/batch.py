"""Finding inputs and running the pipeline over them, one bad file never
stopping the others.

``discover`` turns the command line's PATHs into inputs: files as named, folders
walked in sorted order (so output order never depends on the filesystem),
pruned by the exclude globs and filtered by the include globs. ``process``
runs them, in this process or in a pool of ``jobs`` worker processes, and
yields outcomes in input order whatever the pool does.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .document import Result
from .io import InputError, read_text


@dataclass(frozen=True, slots=True)
class Input:
    path: str  # as given or found ("-" for standard input)
    root: str | None  # the PATH argument it was found under, for --output-dir mirroring
    named: bool  # named on the command line (a binary named file is an error, a found one is skipped)

    @property
    def relative(self) -> str:
        if self.root is None or self.path == "-":
            return os.path.basename(self.path) if self.path != "-" else "stdin.txt"
        return os.path.relpath(self.path, self.root)


@dataclass(slots=True)
class Outcome:
    input: Input
    result: Result | None = None
    error: str | None = None
    skipped: bool = False
    encoding: str = "utf-8"
    original: str | None = None  # the decoded input text, kept for writing decisions


def _excluded(name: str, relative: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in patterns)


def discover(paths: Iterable[str], config: Config) -> tuple[list[Input], list[str]]:
    """Inputs for ``paths`` and one-line errors for paths that do not exist."""
    inputs: list[Input] = []
    errors: list[str] = []
    for raw in paths:
        if raw == "-":
            inputs.append(Input("-", None, True))
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, config):
                inputs.append(Input(found, raw, False))
        elif path.exists() or path.is_symlink():
            inputs.append(Input(raw, None, True))
        else:
            errors.append(f"{raw}: no such file or directory")
    return inputs, errors


def _walk(root: Path, config: Config) -> Iterator[str]:
    seen_dirs: set[tuple[int, int]] = set()
    for directory, subdirs, files in os.walk(root, followlinks=False):
        try:
            stat = os.stat(directory)
            key = (stat.st_dev, stat.st_ino)
        except OSError:
            continue
        if key in seen_dirs:
            subdirs[:] = []
            continue
        seen_dirs.add(key)
        relative_dir = os.path.relpath(directory, root)
        subdirs[:] = sorted(
            d for d in subdirs
            if not _excluded(d, os.path.normpath(os.path.join(relative_dir, d)), config.exclude)
        )
        for name in sorted(files):
            relative = os.path.normpath(os.path.join(relative_dir, name))
            if _excluded(name, relative, config.exclude):
                continue
            if any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in config.include):
                yield os.path.join(directory, name)


def run_one(item: Input, config: Config) -> Outcome:
    """Read and clean one input; every failure becomes an Outcome with an error."""
    from .pipeline import run
    from .suppression import config_for_path

    try:
        decoded = read_text(item.path)
    except InputError as err:
        message = str(err)
        if not item.named and "binary file" in message:
            return Outcome(item, skipped=True, error=message)
        return Outcome(item, error=message)
    try:
        result = run(decoded.text, config_for_path(config, item.path))  # per-file-ignores
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
