"""cleanse: find and remove what makes text unfit to ingest.

    >>> import cleanse
    >>> result = cleanse.clean("Comparte este artÃculo", select=["encoding"])
    >>> result.text
    'Comparte este artículo'

The public API is :func:`clean`, :func:`clean_file`, :func:`clean_records`,
:class:`Config`, :class:`Result` and :class:`Finding`. Heavy modules (ftfy,
langdetect, textstat) load on first use, so ``import cleanse`` stays cheap for
pre-commit hooks.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .document import Finding, Result

if TYPE_CHECKING:
    from os import PathLike

    from .config import Config

__version__ = "0.1.0"
__all__ = ["Config", "ConfigError", "Finding", "InputError", "Result", "clean", "clean_file", "clean_records", "__version__"]



def clean(
    text: str,
    config: Config | Mapping[str, Any] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Result:
    """Clean ``text`` and explain it. Never raises on any ``str``.

    ``config`` is a :class:`Config`, a mapping shaped like ``[tool.cleanse]``,
    or None for the defaults. ``select`` / ``ignore`` take rule ids, id
    prefixes, rule names or categories and override the config's.
    """
    from .config import coerce
    from .pipeline import run

    if not isinstance(text, str):
        raise TypeError(f"clean() takes a str, not {type(text).__name__}")
    settings = coerce(config)
    if select is not None or ignore is not None:
        settings = settings.merged(
            select=tuple([select] if isinstance(select, str) else select) if select is not None else None,
            extend_select=() if select is not None else None,
            ignore=tuple([ignore] if isinstance(ignore, str) else ignore) if ignore is not None else None,
        )
    return run(text, settings)


def clean_file(path: str | PathLike[str], config: Config | Mapping[str, Any] | None = None) -> Result:
    """Read ``path`` (UTF-8, UTF-16/32 with a BOM, or a legacy encoding such as
    Windows-1252, detected and reported as finding ENC011), clean it and return the Result.

    Raises :class:`InputError` with a one-line reason when the file cannot be
    read, is binary, is larger than ``max-input-size`` or is not text in any
    encoding recognised.
    """
    from .config import coerce
    from .io import decoding_hits, read_text
    from .pipeline import run
    from .suppression import config_for_path

    settings = coerce(config)
    decoded = read_text(path, settings.max_input_size)
    return run(decoded.text, config_for_path(settings, os.fspath(path)), decoding_hits(decoded))


def clean_records(
    records: Iterable[Mapping[str, Any] | str],
    text_field: str = "text",
    config: Config | Mapping[str, Any] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    result_prefix: str = "",
    overwrite_results: bool = False,
) -> Iterator[dict[str, Any]]:
    """Stream records through :func:`clean`, one at a time.

    Each record (a mapping holding ``text_field``, or a bare string) comes back
    as a new dict: the record's fields, ``text_field`` replaced by the cleaned
    text, and ``score``, ``score_after``, ``language``, ``findings`` (a list of
    dicts) and ``metrics``, each named with ``result_prefix`` before it
    (``"cleanse_"`` gives ``cleanse_score``...; the ``error`` key too).

    A result never silently replaces a field of the record: a record holding
    a field of a result's name (``language``, ``score``, ``error``...) comes
    back with its fields unchanged and an ``error`` naming them, unless
    ``overwrite_results`` is true (re-cleaning cleanse's own output), which
    replaces them and drops an ``error`` an earlier run left.

    One bad record never stops a stream: a record whose field is missing or
    not a string, or that clashes as above, is passed through with an
    ``error`` key; a value that is not a mapping or a string at all (``None``,
    a list), or a record whose own ``error`` field would have to be replaced
    to say why, comes back as ``{"record": <the value>, "error": "..."}``.
    Raises ValueError at once when ``text_field`` is itself a result's name.
    """
    from .config import coerce
    from .records import RESULT_COLUMNS

    names = tuple(result_prefix + column for column in (*RESULT_COLUMNS, "error"))
    if text_field in names:
        raise ValueError(f"text_field {text_field!r} is also the name of a result column; "
                         "choose another result_prefix")
    return _clean_records(records, text_field, coerce(config), select, ignore, result_prefix, overwrite_results)


def _clean_records(records: Iterable[Any], text_field: str, settings: Config, select: Iterable[str] | None,
                   ignore: Iterable[str] | None, prefix: str, overwrite: bool) -> Iterator[dict[str, Any]]:
    from .records import MISSING, RESULT_COLUMNS, clash_error, not_text

    error_key = prefix + "error"
    names = tuple(prefix + column for column in (*RESULT_COLUMNS, "error"))
    for record in records:
        row = _as_row(record, text_field)
        if row is None:
            # A stream of json.loads(line) holds None for a line `null`; dict(None)
            # raised TypeError here and ended the generator, records after it lost.
            yield {"record": record, error_key: _not_a_record(record, text_field)}
            continue
        value = row.get(text_field, MISSING)
        # {"id": 1, "text": "...", "language": "pt-BR", "score": 0.87} came
        # back with language "pt" and score 84.18, its own values gone
        clash = [] if overwrite else [name for name in names if name in row]
        if not isinstance(value, str) or clash:
            error = clash_error(clash, prefix, python=True) if isinstance(value, str) else not_text(text_field, value)
            if error_key in row and not overwrite:
                yield {"record": row, error_key: error}  # its own error field is not overwritten either
            else:
                row[error_key] = error
                yield row
            continue
        result = clean(value, settings, select=select, ignore=ignore)
        row[text_field] = result.text
        for column, cell in result.to_dict().items():
            row[prefix + column] = cell
        if overwrite:
            row.pop(error_key, None)  # an earlier run's error no longer describes the record
        yield row


def _as_row(record: Any, text_field: str) -> dict[str, Any] | None:
    """``record`` as a new dict to fill, or None when it is not a record: a
    mapping (or anything dict() takes as one, by its keys(), such as a pandas
    row) or a bare string. A list of pairs, which dict() would also take, is
    not a record: ``[["text", "x"]]`` is more likely a mistake than a mapping."""
    if isinstance(record, str):
        return {text_field: record}
    if isinstance(record, Mapping) or callable(getattr(record, "keys", None)):
        try:
            return dict(record)
        except Exception:  # keys() that do not index it: not a mapping after all
            return None
    return None


def _not_a_record(record: Any, text_field: str) -> str:
    kind = "None" if record is None else type(record).__name__
    article = "" if record is None else "an " if kind[:1].lower() in "aeiou" else "a "
    return f"the record is {article}{kind}, not a mapping holding {text_field!r} or a str"


def __getattr__(name: str) -> Any:
    # Lazy exports: importing config pulls in the detectors (and their rule
    # tables), which a bare `import cleanse` should not pay for.
    if name in ("Config", "ConfigError"):
        from . import config

        return getattr(config, name)
    if name == "InputError":
        from .io import InputError

        return InputError
    raise AttributeError(f"module 'cleanse' has no attribute {name!r}")
