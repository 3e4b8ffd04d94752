"""Configuration: defaults, ``[tool.cleanse]`` discovery and validation.

A configuration comes from (lowest to highest precedence) the defaults below,
a ``.cleanse.toml`` file (top-level keys, or a ``[tool.cleanse]`` table) or the
``[tool.cleanse]`` table of a ``pyproject.toml`` found by walking up from the
current directory, and command-line flags. Every key is checked: a typo such
as ``fail_under`` for ``fail-under`` is an error that names the key, because a
silently ignored setting in a pre-commit hook is worse than a failing one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from .rules import SEVERITIES

CONFIG_FILES = (".cleanse.toml", "pyproject.toml")

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.rst")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache")


class ConfigError(ValueError):
    """A configuration value is wrong; the message names the key and the file."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)  # rule id or name -> severity
    fail_under: float | None = None
    fail_on: str = "error"  # `check` fails on a finding at or above this severity
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    boilerplate_patterns: tuple[str, ...] = ()  # extra lines to remove (regex, whole line)
    keep_patterns: tuple[str, ...] = ()  # lines never removed (regex)
    languages: tuple[str, ...] = ()  # expected document languages (ISO 639-1, or the identifier's: ceb)
    readability: bool = True  # compute textstat figures under metrics
    language_backend: str = "fasttext"  # "fasttext" (lid.176, default) or "langdetect"
    # glob -> rule selectors ignored in files whose path matches (as ruff's
    # per-file-ignores); applied per path by suppression.config_for_path
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Inputs larger than this (bytes) are refused with a message, not read: a
    # file is held in memory whole. 64 MiB is a book-length text many times over.
    max_input_size: int = 64 * 1024 * 1024
    # Follow symlinks that lead out of a folder being walked (off: a link to
    # /etc or to a home directory inside a scanned tree is skipped).
    follow_symlinks: bool = False
    source: str | None = None  # the file this came from, for messages

    # compiled forms, filled by __post_init__
    _boilerplate_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _keep_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _enabled: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        where = f" in {self.source}" if self.source else ""
        for key, value in self.severity.items():
            if value not in SEVERITIES:
                raise ConfigError(f"severity for {key!r}{where} must be one of {', '.join(SEVERITIES)}, not {value!r}")
        if self.language_backend not in ("fasttext", "langdetect"):
            raise ConfigError(f"language-backend{where} must be 'fasttext' or 'langdetect', not {self.language_backend!r}")
        if self.fail_on not in SEVERITIES:
            raise ConfigError(f"fail-on{where} must be one of {', '.join(SEVERITIES)}, not {self.fail_on!r}")
        if isinstance(self.max_input_size, bool) or not isinstance(self.max_input_size, int) or self.max_input_size < 1:
            raise ConfigError(f"max-input-size{where} must be a positive number of bytes, not {self.max_input_size!r}")
        if self.fail_under is not None and not 0 <= self.fail_under <= 100:
            raise ConfigError(f"fail-under{where} must be between 0 and 100, not {self.fail_under}")
        object.__setattr__(self, "languages", _language_codes(self.languages, f"languages{where}"))
        object.__setattr__(self, "_boilerplate_res", _compile("boilerplate-patterns", self.boilerplate_patterns, where))
        object.__setattr__(self, "_keep_res", _compile("keep-patterns", self.keep_patterns, where))
        from . import detectors  # noqa: F401  (fills the registry)
        from .rules import REGISTRY

        for key in ("select", "ignore", "extend_select"):
            unknown = REGISTRY.unknown(getattr(self, key) or ())
            if unknown:
                raise ConfigError(f"{key.replace('_', '-')}{where}: unknown rule or category {', '.join(map(repr, unknown))}")
        for glob, selectors in self.per_file_ignores.items():
            unknown = REGISTRY.unknown(selectors)
            if unknown:
                raise ConfigError(f"per-file-ignores{where}: unknown rule or category "
                                  f"{', '.join(map(repr, unknown))} for {glob!r}")
        unknown = [k for k in self.severity if REGISTRY.get(k) is None]
        if unknown:
            raise ConfigError(f"severity{where}: unknown rule {', '.join(map(repr, unknown))}")
        # extend-select adds to the selection, or to the default rules when
        # nothing is selected: `--extend-select ENC008` turns quote uncurling on.
        object.__setattr__(self, "_enabled", REGISTRY.selected(self.select, self.ignore, self.extend_select))

    @property
    def boilerplate_res(self) -> tuple[re.Pattern[str], ...]:
        return self._boilerplate_res

    @property
    def keep_res(self) -> tuple[re.Pattern[str], ...]:
        return self._keep_res

    def enabled_rules(self) -> frozenset[str]:
        """Ids of the rules this configuration runs."""
        return self._enabled

    def severity_of(self, rule_id: str, rule_name: str, default: str) -> str:
        return self.severity.get(rule_id) or self.severity.get(rule_name) or default

    def merged(self, **overrides: Any) -> Config:
        """A copy with the given fields replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _language_codes(values: tuple[str, ...], what: str) -> tuple[str, ...]:
    """``values`` as language codes (``pt-BR`` -> ``pt``), or a ConfigError naming the bad one."""
    from .language import language_code

    try:
        return tuple(dict.fromkeys(language_code(value) for value in values))
    except ValueError as err:
        raise ConfigError(f"{what}: {err}") from None


def _compile(key: str, patterns: tuple[str, ...], where: str) -> tuple[re.Pattern[str], ...]:
    from .user_patterns import UnsafePattern, compile_user_pattern

    compiled = []
    for pattern in patterns:
        try:
            compiled.append(compile_user_pattern(pattern))
        except re.error as err:
            raise ConfigError(f"{key}{where}: bad regular expression {pattern!r}: {err}") from None
        except UnsafePattern as err:
            raise ConfigError(f"{key}{where}: unsafe regular expression {pattern!r}: {err}") from None
    return tuple(compiled)


_FIELDS = {f.name for f in fields(Config) if not f.name.startswith("_") and f.name != "source"}
_TUPLE_FIELDS = {"select", "ignore", "extend_select", "include", "exclude", "boilerplate_patterns", "keep_patterns", "languages"}


def from_mapping(table: Mapping[str, Any], source: str | None = None) -> Config:
    """Build a Config from a ``[tool.cleanse]``-style table (kebab or snake case keys)."""
    where = f" in {source}" if source else ""
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _FIELDS:
            known = ", ".join(sorted(k.replace("_", "-") for k in _FIELDS))
            raise ConfigError(f"unknown configuration key {raw_key!r}{where} (known keys: {known})")
        if key in _TUPLE_FIELDS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{raw_key}{where} must be a list of strings")
            value = tuple(value)
        elif key == "per_file_ignores":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{raw_key}{where} must be a table of glob = [rules]")
            table = {}
            for glob, selectors in value.items():
                if isinstance(selectors, str):
                    selectors = [selectors]
                if not isinstance(selectors, list) or not all(isinstance(v, str) for v in selectors):
                    raise ConfigError(f"{raw_key}{where}: {glob!r} must map to a list of rule selectors")
                table[glob] = tuple(selectors)
            value = table
        elif key == "severity":
            if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{raw_key}{where} must be a table of rule = severity")
            value = dict(value)
        elif key == "fail_under":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{raw_key}{where} must be a number")
            value = float(value)
        elif key in ("readability", "follow_symlinks") and not isinstance(value, bool):
            raise ConfigError(f"{raw_key}{where} must be true or false")
        elif key == "max_input_size":
            value = parse_size(value, f"{raw_key}{where}")
        elif key in ("fail_on", "language_backend") and not isinstance(value, str):
            raise ConfigError(f"{raw_key}{where} must be a severity name")
        values[key] = value
    return Config(source=source, **values)


_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def parse_size(value: Any, what: str = "max-input-size") -> int:
    """A size in bytes from ``67108864``, ``"64M"``, ``"64MiB"`` or ``"500 KB"``.
    Units are binary (K = 1024 bytes), the way ``ls -h`` and ``du -h`` count."""
    if isinstance(value, int) and not isinstance(value, bool):
        number, unit = value, ""
    elif isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:i?B)?\s*", value, re.I)
        if not match:
            raise ConfigError(f"{what} must be a size such as 64M, 500K or 1G (bytes without a unit), not {value!r}")
        number, unit = int(match.group(1)), match.group(2).upper()
    else:
        raise ConfigError(f"{what} must be a size such as 64M or a number of bytes, not {value!r}")
    if number < 1:
        raise ConfigError(f"{what} must be a positive size, not {value!r}")
    return number * _UNITS[unit]


def load_file(path: str | Path) -> Config:
    """Load a config file: ``pyproject.toml`` ([tool.cleanse]) or a ``.cleanse.toml``."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as err:
        raise ConfigError(f"cannot read config file {path}: {err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"config file {path} is not valid TOML: {err}") from None
    table = data.get("tool", {}).get("cleanse")
    if table is None:
        table = {} if path.name == "pyproject.toml" else data
    if not isinstance(table, Mapping):
        raise ConfigError(f"[tool.cleanse] in {path} must be a table")
    return from_mapping(table, source=str(path))


def discover(start: str | Path | None = None) -> Path | None:
    """The nearest config file walking up from ``start`` (default: the current directory).

    A ``pyproject.toml`` counts only if it has a ``[tool.cleanse]`` table, so a
    project's unrelated pyproject does not stop the search.
    """
    directory = Path(start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    raw = candidate.read_bytes()
                except OSError:
                    continue
                try:
                    if "cleanse" not in tomllib.loads(raw.decode("utf-8", "replace")).get("tool", {}):
                        continue
                except tomllib.TOMLDecodeError:
                    # A pyproject that fails to parse but names [tool.cleanse] is
                    # this project's configuration with a typo: it is returned, and
                    # load_file says what is wrong. Skipping it ran the defaults,
                    # without per-file-ignores or fail-under (a reviewer's find).
                    if b"tool.cleanse" not in raw:
                        continue
            return candidate
    return None


def coerce(config: Config | Mapping[str, Any] | None) -> Config:
    """Accept what the public API accepts: a Config, a mapping like [tool.cleanse], or None."""
    if config is None:
        return default_config()
    if isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return from_mapping(config)
    raise ConfigError(f"config must be a cleanse.Config or a mapping, not {type(config).__name__}")


_DEFAULT: list[Config] = []  # built on first use: validating it imports the detectors


def default_config() -> Config:
    if not _DEFAULT:
        _DEFAULT.append(Config())
    return _DEFAULT[0]
