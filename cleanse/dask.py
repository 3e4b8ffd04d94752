"""Cleaning on a Dask distributed cluster: a bag of records or a dataframe.

    from distributed import Client
    import dask.dataframe as dd
    import cleanse.dask

    client = Client("tcp://scheduler:8786")
    cleanse.dask.warm_up(client)                      # optional: load models on every worker now
    frame = dd.read_parquet("s3://bucket/crawl/*.parquet")
    cleaned = cleanse.dask.clean_dataframe(frame, text_field="text")
    cleaned.to_parquet("s3://bucket/cleaned/")

Each partition is cleaned by :func:`cleanse.clean_records` in the worker that
holds it. The models and lexicons (fastText, word lists, character model)
are module-level and load on a worker's first record, once per worker
process, and then serve every partition that worker gets; :func:`warm_up`
loads them before the first task so the first partitions are not slower.
The output is the same as a single-process run: the pipeline is
deterministic and keeps no state between records.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .config import Config, coerce
from .records import DEFAULT_RESULT_COLUMNS, clash_error, not_text

# What clean_dataframe adds to each row, with the dtype pandas gets for it.
# Text columns are "string", not "object": dask fills an object column of the
# meta with placeholder `object()` values, and to_parquet, which infers the
# file's schema from them, failed with "Could not convert <object object>".
_RESULT_DTYPES = {"score": "float64", "score_after": "float64", "language": "string", "findings": "string",
                  "metrics": "string", "error": "string"}


def clean_bag(bag: Any, text_field: str = "text", config: Config | Mapping[str, Any] | None = None, *,
              result_prefix: str = "", overwrite_results: bool = False) -> Any:
    """A dask bag of records (dicts holding ``text_field``, or bare strings)
    mapped to the cleaned records of :func:`cleanse.clean_records`, which
    ``result_prefix`` and ``overwrite_results`` are passed to."""
    from . import clean_records

    settings = coerce(config)
    clean_records((), text_field, result_prefix=result_prefix)  # a bad text_field is a ValueError here, not in a task
    return bag.map_partitions(_clean_partition_records, text_field, settings, result_prefix, overwrite_results)


def _clean_partition_records(records: Any, text_field: str, settings: Config, result_prefix: str = "",
                             overwrite_results: bool = False) -> list[dict[str, Any]]:
    from . import clean_records

    return list(clean_records(records, text_field=text_field, config=settings, result_prefix=result_prefix,
                              overwrite_results=overwrite_results))


def clean_dataframe(frame: Any, text_field: str = "text", config: Config | Mapping[str, Any] | None = None,
                    columns: tuple[str, ...] = DEFAULT_RESULT_COLUMNS, *, result_prefix: str = "",
                    overwrite_results: bool = False) -> Any:
    """A dask dataframe with ``text_field`` cleaned and the result ``columns``
    added (``findings`` as a JSON string per row, so the frame stays flat and
    writes to Parquet or CSV as is), each named with ``result_prefix`` before
    it (``"cleanse_"``: ``cleanse_score``..., and ``cleanse_error``); ``columns``
    take the names with or without it. Rows whose text is missing keep it and
    get an ``error``.

    A frame that already has a column of a result's name (``language``,
    ``score``, ``error``...) is a ValueError naming it, unless
    ``overwrite_results`` says to replace it: a column holds it on every row,
    so the frame is refused whole rather than row by row."""
    import pandas as pd

    base = tuple(c[len(result_prefix):] if result_prefix and c.startswith(result_prefix)
                 and c[len(result_prefix):] in _RESULT_DTYPES else c for c in columns)
    unknown = set(base) - set(_RESULT_DTYPES)
    if unknown:
        raise ValueError(f"unknown result columns {sorted(unknown)}; choose from {sorted(_RESULT_DTYPES)}")
    if text_field not in frame.columns:
        raise ValueError(f"the frame has no column {text_field!r} (text_field); its columns: {list(frame.columns)}")
    names = {column: result_prefix + column for column in dict.fromkeys((*base, "error"))}
    if text_field in names.values():
        raise ValueError(f"text_field {text_field!r} is also the name of a result column; choose another result_prefix")
    clash = [] if overwrite_results else [name for name in names.values() if name in frame.columns]
    if clash:
        raise ValueError(f"the frame's {clash_error(clash, result_prefix, python=True, noun='column')}")
    settings = coerce(config)
    meta = frame._meta.copy()
    for column, name in names.items():
        meta[name] = pd.Series(dtype=_RESULT_DTYPES[column])
    return frame.map_partitions(_clean_partition_frame, text_field, settings, tuple(names.items()), meta=meta)


def _clean_partition_frame(part: Any, text_field: str, settings: Config, names: tuple[tuple[str, str], ...]) -> Any:
    """Clean one partition; ``names`` pairs each result column with its name in the frame."""
    import pandas as pd

    from .pipeline import run

    part = part.copy()
    columns = tuple(column for column, _ in names if column != "error")
    results: dict[str, list[Any]] = {c: [] for c in (*columns, "error")}
    texts = []
    for value in part[text_field].tolist():
        if not isinstance(value, str):
            texts.append(value)
            for column in columns:
                results[column].append(None)
            results["error"].append(not_text(text_field, None if _missing(value) else value))
            continue
        result = run(value, settings)
        texts.append(result.text)
        values = result.to_dict()
        for column in columns:
            cell = values[column]
            results[column].append(json.dumps(cell, ensure_ascii=False) if column in ("findings", "metrics")
                                   else cell)
        results["error"].append(None)
    part[text_field] = texts
    for column, name in names:
        part[name] = pd.Series(results[column], index=part.index, dtype=_RESULT_DTYPES[column])
    return part


def _missing(value: Any) -> bool:
    """None and pandas' missing markers (NA, NaN, NaT)."""
    import pandas as pd

    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array: not a missing marker
        return False


def warm_up(client: Any) -> dict[str, float]:
    """Load the models and lexicons on every worker of ``client`` now; returns
    the seconds each worker took."""
    return client.run(_warm_up_worker)


def _warm_up_worker() -> float:
    import time

    from . import clean

    started = time.perf_counter()
    clean("Comparte este artÃculo. The café opened on Monday, and the mayor spoke.")  # every lazy model loads
    return round(time.perf_counter() - started, 3)
