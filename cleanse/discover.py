"""Turning the command line's PATHs into inputs.

Files are taken as named; folders are walked in sorted order (so output order
never depends on the filesystem), pruned by the exclude globs and filtered by
the include globs.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Config


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
