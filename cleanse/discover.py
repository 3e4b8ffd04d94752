"""Turning the command line's PATHs into inputs.

Files are taken as named; folders are walked in sorted order (so output order
never depends on the filesystem), pruned by the exclude globs and filtered by
the include globs. With ``force_exclude`` (``--force-exclude``, as in ruff) the
exclude globs apply to named paths too: pre-commit names every staged file, so
without it ``exclude = ["drafts/*"]`` kept no draft out of the hooks.

Symlinks met while walking a folder are followed only when they stay inside
it, unless ``follow-symlinks`` is set: a scanned tree that holds
``backup -> /home/alice`` must not scan (or, with ``--in-place``, rewrite)
Alice's files. A symlink named on the command line is the user's choice and is
honoured. Loops never hang: a linked folder is entered only with
``follow-symlinks``, and each folder (device, inode) is entered once. Only
regular files are read from a walk: a named pipe left in a folder would block
the read forever, a socket or a device is not text.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
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


@dataclass(frozen=True)
class PathError:
    """A PATH argument, or a folder under one, that yields no inputs: the
    reports name it as they name a file that cannot be read."""

    path: str
    message: str  # one line, starting with the path

    def __str__(self) -> str:
        return self.message


def force_excluded(raw: str, config: Config) -> bool:
    """Whether ``exclude`` leaves out ``raw``, a path named on the command line.

    The path is taken relative to the configuration file's folder (else the
    current directory), and it and each folder above it are matched as a walk
    from there would match them: ``drafts/*`` leaves out ``drafts/a.md``,
    ``node_modules`` leaves out ``node_modules/pkg/README.md``. A path outside
    that folder is matched as given."""
    base = os.path.dirname(os.path.abspath(config.source)) if config.source else os.getcwd()
    try:
        relative = os.path.relpath(os.path.abspath(raw), base)
    except ValueError:  # another drive on Windows
        relative = os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        relative = os.path.normpath(raw)
    parts = relative.split(os.sep)
    return any(part and _excluded(part, os.sep.join(parts[: i + 1]), config.exclude) for i, part in enumerate(parts))


def discover(paths: Iterable[str], config: Config, notes: list[str] | None = None,
             force_exclude: bool = False) -> tuple[list[Input], list[PathError]]:
    """Inputs for ``paths`` and errors for paths that do not exist or cannot be listed.

    ``notes`` collects what was passed over while walking and why (shown with
    ``--verbose``). ``force_exclude`` applies ``exclude`` to the paths named too."""
    notes = [] if notes is None else notes
    inputs: list[Input] = []
    errors: list[PathError] = []
    for raw in paths:
        if raw == "-":
            inputs.append(Input("-", None, True))
            continue
        if force_exclude and force_excluded(raw, config):
            notes.append(f"skipped {raw}: excluded (exclude = [{', '.join(config.exclude)}], --force-exclude)")
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, config, notes, errors):
                # A walk matches exclude relative to the folder named; forced,
                # it also matches from the project's folder, as for named
                # files: `cleanse check drafts --force-exclude` checks no draft.
                if force_exclude and force_excluded(found, config):
                    notes.append(f"skipped {found}: excluded (exclude = [{', '.join(config.exclude)}], "
                                 "--force-exclude)")
                    continue
                inputs.append(Input(found, raw, False))
        elif path.exists() or path.is_symlink():
            inputs.append(Input(raw, None, True))
        else:
            errors.append(PathError(raw, f"{raw}: no such file or directory"))
    return inputs, errors


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(root: Path, config: Config, notes: list[str], errors: list[PathError]) -> Iterator[str]:
    seen_dirs: set[tuple[int, int]] = set()
    real_root = os.path.realpath(root)
    follow = config.follow_symlinks

    def unlistable(err: OSError) -> None:
        # os.walk skips a folder it cannot list, silently: its files would go unchecked
        errors.append(PathError(str(err.filename), f"{err.filename}: cannot list the folder ({err.strerror})"))

    for directory, subdirs, files in os.walk(root, followlinks=follow, onerror=unlistable):
        try:
            info = os.stat(directory)
            key = (info.st_dev, info.st_ino)
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
        if not follow:
            for d in subdirs:
                if os.path.islink(os.path.join(directory, d)):
                    # os.walk does not enter it; say so, since its files are not checked
                    notes.append(f"skipped {os.path.join(directory, d)}: a symlinked folder "
                                 f"(use --follow-symlinks to search it)")
        for name in sorted(files):
            relative = os.path.normpath(os.path.join(relative_dir, name))
            if _excluded(name, relative, config.exclude):
                continue
            if any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in config.include):
                path = os.path.join(directory, name)
                reason = _unreadable_reason(path, real_root, follow)
                if reason:
                    notes.append(f"skipped {path}: {reason}")
                    continue
                yield path


def _unreadable_reason(path: str, real_root: str, follow: bool) -> str | None:
    """Why a file found while walking is not an input (None: it is one)."""
    try:
        info = os.stat(path)  # follows symlinks
    except OSError as err:
        if os.path.islink(path):
            what = "a symlink loop" if err.errno == errno.ELOOP else "a broken symlink"
            return f"{what} ({err.strerror})"
        return None  # let the reader report it (permission denied, ...), with the batch going on
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a named pipe, socket or device)"
    if not follow and os.path.islink(path):
        target = os.path.realpath(path)
        if not _inside(target, real_root):
            return f"a symlink to {target}, outside {real_root} (use --follow-symlinks to read it)"
    return None
