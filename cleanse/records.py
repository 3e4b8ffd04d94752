"""Record files: JSONL (plain or gzip) and Parquet, read and written batch by
batch so that a file of any size runs in bounded memory.

A record is one JSON object per line, or one Parquet row. Its ``text_field``
is cleaned; the output record keeps every input field (the text replaced by
the cleaned text) and adds ``score``, ``score_after``, ``language`` and
``findings`` (named ``PREFIXscore``... with a ``result_prefix``), or holds
only the ``columns`` asked for. Nothing is lost on the way: a line that is
not JSON, a record without text, or a record holding a field that a result
column would overwrite (``language`` in a crawl's records, ``score`` in
cleanse's own output) is passed through unchanged and reported, unless
``overwrite_results`` says to replace such fields.

Writes go to ``OUTPUT.cleanse-partial`` and are renamed over ``OUTPUT`` only
when the whole input is done, so a present output is a complete one. JSONL
outputs also keep a checkpoint beside the partial file every
``CHECKPOINT_RECORDS`` records (how many records are written, and how many
bytes that is), so a killed run resumes at the last checkpoint instead of
starting the file again. A gzip output is a series of gzip members, one per
checkpoint interval (every gzip reader reads them as one stream), with a zero
timestamp: a resumed run writes byte for byte what an uninterrupted one does.
A Parquet output is written as parts, one per checkpoint interval, joined
into the output at the end (see ParquetWriter), and resumes the same way.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import numbers
import os
import shutil
import time
import zlib
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from typing import IO, Any

from .config import Config
from .document import Result
from .io import close_quietly, replace_keeping_owner

RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl.gz", ".ndjson.gz": "jsonl.gz",
                   ".parquet": "parquet"}
RESULT_COLUMNS = ("score", "score_after", "language", "findings", "metrics")
DEFAULT_RESULT_COLUMNS = ("score", "score_after", "language", "findings")
BATCH_RECORDS = 64  # records per work item: enough to amortise the trip to a worker
BATCH_BYTES = 4_000_000  # ... or fewer when they are long: a few batches in flight must stay small
CHECKPOINT_RECORDS = 2048  # default of --checkpoint-every
# A --columns name that is not a result column is looked for among the fields
# of a JSONL file's records, this many records (or BATCH_BYTES) at a time,
# until every such name is met: most often in the first batch, a crawl's
# optional field (`title` on some pages only) later, a typo never.
COLUMN_SCAN_RECORDS = 1000
# A name still not met after this many records, or seconds, is said on
# stderr while the read goes on: a typo in --columns read a 166 MB .jsonl.gz
# (500,000 records) for 3.6 s before its refusal, without a word, and would
# read a 10 GB one for minutes.
COLUMN_SCAN_NOTICE_RECORDS, COLUMN_SCAN_NOTICE_SECONDS = 10_000, 2.0
FIELD_NAMES_KEPT = 1000  # the fields met, for the error's list and its "did you mean"
PARTIAL, CHECKPOINT, PARTS = ".cleanse-partial", ".cleanse-checkpoint", ".cleanse-parts"


class RecordError(Exception):
    """A record file that cannot be read or written; the message names it."""


class RefusedError(RecordError):
    """A record file refused whole, up front: nothing of it is cleaned or written."""


class ClashError(RefusedError):
    """A record file refused whole: a column of it would be overwritten by a result column."""


def record_format(path: str) -> str | None:
    """``jsonl``, ``jsonl.gz`` or ``parquet`` for a record file's name, else None."""
    name = path.lower()
    for suffix, fmt in RECORD_SUFFIXES.items():
        if name.endswith(suffix):
            return fmt
    return None


@dataclass(frozen=True, slots=True)
class RecordOptions:
    text_field: str = "text"
    id_field: str | None = None
    columns: tuple[str, ...] | None = None  # None: every input field and DEFAULT_RESULT_COLUMNS
    result_prefix: str = ""  # before each result column's name: "cleanse_" writes cleanse_score, cleanse_error...
    overwrite_results: bool = False  # replace input fields named like the result columns (else refuse the record)
    originals: bool = False  # send each input text back with its outcome (for source snippets in reports)
    # What a worker sends back as each record's output: "row", a dict (the
    # Parquet writer's); "jsonl", the output line, serialized in the worker
    # (one bytes object to pickle, not a dict holding a dict per finding, and
    # the parent, which every worker waits on, no longer runs json.dumps); or
    # None, nothing (a check writes no records).
    output: str | None = "row"


@dataclass(slots=True)
class Record:
    """One input record: its parsed fields, or the raw line that would not parse."""

    index: int  # 0-based position in the file
    fields: dict[str, Any] | None
    raw: str | None = None  # the undecodable line, passed through as is
    error: str | None = None


@dataclass(slots=True)
class RecordOutcome:
    """A cleaned record: the output row (or raw line) and the Result behind it."""

    index: int
    key: str  # how reports name it: the id field's value, or the record's index
    row: dict[str, Any] | None
    raw: str | None = None
    result: Result | None = None
    error: str | None = None
    original: str | None = None  # the input text, when RecordOptions.originals asks for it
    seconds: float = 0.0
    line: bytes | None = None  # the output line, when RecordOptions.output is "jsonl"
    kept: str | None = None  # with an error, what the output holds of the record, said beside the error


@dataclass(slots=True)
class Batch:
    records: list[Record]
    position: int  # for progress: bytes of text read so far (a gzip file's uncompressed), a Parquet file's rows


# ------------------------------------------------------------------ reading

def read_batches(path: str, fmt: str, skip: int = 0, batch_records: int | None = None,
                 on_skipped: Callable[[int, int], None] | None = None) -> Iterator[Batch]:
    """Batches of records from ``path``, skipping the first ``skip`` records.
    Once they are read past, ``on_skipped`` is told the input position (as
    Batch.position counts it) where they end, and how many of them are blank
    lines, which reports have no line for (a --resume keeps an earlier run's
    report lines of the records it skips: the others)."""
    batch_records = batch_records or BATCH_RECORDS
    if fmt == "parquet":
        yield from _parquet_batches(path, skip, batch_records, on_skipped)
    else:
        yield from _jsonl_batches(path, fmt == "jsonl.gz", skip, batch_records, on_skipped)


def _jsonl_batches(path: str, compressed: bool, skip: int, batch_records: int,
                   on_skipped: Callable[[int, int], None] | None = None) -> Iterator[Batch]:
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is done
    except OSError as err:
        raise RecordError(f"{path}: cannot read ({err.strerror or err})") from None
    with raw:
        stream: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        records: list[Record] = []
        pending_bytes = 0
        index = position = 0  # position: bytes of text read, a gzip file's as they come out of it
        blanks = 0  # among the records skipped
        try:
            for line in stream:
                position += len(line)
                if index >= skip:
                    records.append(_parse_line(index, line))
                    pending_bytes += len(line)
                    if len(records) >= batch_records or pending_bytes >= BATCH_BYTES:
                        yield Batch(records, position)
                        records, pending_bytes = [], 0
                elif on_skipped is not None:
                    blanks += _blank(line)
                    if index == skip - 1:
                        on_skipped(position, blanks)
                index += 1
        except (OSError, EOFError) as err:  # a truncated or corrupt gzip stream
            if records:
                yield Batch(records, position)
            raise RecordError(f"{path}: unreadable after record {index} ({err})") from None
        if records:
            yield Batch(records, position)


def _blank(line: bytes) -> bool:
    """Whether ``line`` is a blank line (whitespace only, in UTF-8), which
    _parse_line keeps as it is: neither cleaned nor reported."""
    if line[:1] == b"{":  # a record: most lines
        return False
    try:
        return not line.decode("utf-8").strip()
    except UnicodeDecodeError:
        return False


def _parse_line(index: int, line: bytes) -> Record:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as err:
        return Record(index, None, raw=line.decode("utf-8", "surrogateescape"),
                      error=f"not valid UTF-8 at byte {err.start} of the line")
    if not text.strip():
        return Record(index, None, raw=text, error=None)  # a blank line: kept, not an error
    try:
        fields = json.loads(text)
    except ValueError as err:
        # Some of json's messages end in "at" ("Invalid control character at",
        # "Unterminated string starting at"): they read "... at at column 38".
        where = "column" if err.msg.endswith(" at") else "at column"
        return Record(index, None, raw=text, error=f"not JSON ({err.msg} {where} {err.colno})")
    if not isinstance(fields, dict):
        return Record(index, None, raw=text, error=f"{json_kind(fields)}, not a JSON object")
    return Record(index, fields)


def json_kind(value: Any) -> str:
    """What ``value`` is, in JSON's words: a line ``null`` is "null" and
    ``[1, 2]`` "an array" (Python's names, "a JSON NoneType" and "list",
    meant nothing to someone reading a JSONL file). Values JSON has no name
    for (a Parquet timestamp) keep Python's."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, numbers.Number):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    return f"a {type(value).__name__}"


def _parquet_batches(path: str, skip: int, batch_records: int,
                     on_skipped: Callable[[int, int], None] | None = None) -> Iterator[Batch]:
    if skip and on_skipped is not None:
        on_skipped(skip, 0)  # a Parquet file's positions count rows, and every row is a record
    with _parquet_file(path) as parquet:
        # A resume starts at the row group holding record ``skip``: the groups
        # before it are not read at all, and the rows before it in that group
        # are sliced off before they become Python objects. Reading a 10 GB
        # file from its start to resume near its end cost most of a first run.
        groups, index = _row_groups_from(parquet.metadata, skip)
        batches = parquet.iter_batches(batch_size=batch_records, row_groups=groups)
        while True:
            # A file whose footer reads but whose pages do not (a copy cut short
            # inside its data) fails here, at the first bad page.
            try:
                table = next(batches, None)
            except _parquet_errors() as err:
                raise RecordError(f"{path}: unreadable after record {index} ({err})") from None
            if table is None:
                return
            if index + table.num_rows <= skip:
                index += table.num_rows
                continue
            if index < skip:
                table, index = table.slice(skip - index), skip
            rows = table.to_pylist()
            yield Batch([Record(index + k, row) for k, row in enumerate(rows)], index + len(rows))
            index += len(rows)


def _row_groups_from(metadata: Any, skip: int) -> tuple[list[int], int]:
    """The row groups from the one holding record ``skip`` on, and the index
    of that group's first record."""
    first = start = 0
    while first < metadata.num_row_groups and start + metadata.row_group(first).num_rows <= skip:
        start += metadata.row_group(first).num_rows
        first += 1
    return list(range(first, metadata.num_row_groups)), start


def text_size(path: str, fmt: str) -> int:
    """About how many bytes of text the record file ``path`` holds, what the
    progress bar measures work in (see progress.py): a JSONL file's size, a
    gzip file's uncompressed size (gzip_text_size), a Parquet file's
    uncompressed data from its footer. Its size on disk when it cannot be
    read: the run's own read says what is wrong with it."""
    try:
        if fmt == "jsonl.gz":
            return gzip_text_size(path)
        if fmt == "parquet":
            with _parquet_file(path) as parquet:
                metadata = parquet.metadata
                return sum(metadata.row_group(k).total_byte_size for k in range(metadata.num_row_groups))
        return os.path.getsize(path)
    except (OSError, RecordError):
        try:
            return os.path.getsize(path)
        except OSError:
            return 0


# A gzip file's trailer holds the size of its text (ISIZE), modulo 4 GiB, but
# only of its last member: cleanse's own gzip outputs are a member per
# checkpoint. So the text is also estimated from the first GZIP_SAMPLE bytes,
# decompressed (at most GZIP_SAMPLE_TEXT of text: a file of one repeated
# line compresses a thousand to one), and ISIZE is taken only where it agrees
# with that estimate within ISIZE_TOLERANCE: a single member, its size exact
# however many times it passed 4 GiB.
GZIP_SAMPLE, GZIP_SAMPLE_TEXT, ISIZE_TOLERANCE = 1 << 16, 1 << 22, 1.5


def gzip_text_size(path: str) -> int:
    """The bytes of text in the gzip file ``path``: exact for a file of one
    member (gzip, Python's gzip module and most crawl tools write one),
    estimated from its compression ratio otherwise. OSError when it cannot be
    read."""
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        head = handle.read(GZIP_SAMPLE)
        handle.seek(max(0, size - 4))
        trailer = handle.read(4)
    estimate = _ratio_estimate(head, size)
    if estimate is None:
        return size
    exact = _isize_size(int.from_bytes(trailer, "little"), estimate) if len(trailer) == 4 else None
    return estimate if exact is None else exact


def _ratio_estimate(head: bytes, size: int) -> int | None:
    """``size`` times the text-to-compressed ratio of ``head``, a gzip file's
    first bytes (its first member's); None when they do not decompress."""
    decompressor = zlib.decompressobj(wbits=31)  # a gzip member, its header checked
    try:
        text = len(decompressor.decompress(head, GZIP_SAMPLE_TEXT))
    except zlib.error:
        return None
    read = len(head) - len(decompressor.unconsumed_tail) - len(decompressor.unused_data)
    return round(size * text / read) if text and read > 0 else None


def _isize_size(isize: int, estimate: int) -> int | None:
    """The text size that a trailer's ISIZE (the size modulo 2**32) says, the
    one nearest ``estimate``; None when even that one is not near it (the
    last of several members: 5 MB of a 600 MB file)."""
    wraps = max(0, round((estimate - isize) / 2**32))
    size = isize + wraps * 2**32
    return size if estimate / ISIZE_TOLERANCE <= size <= estimate * ISIZE_TOLERANCE else None


def parquet_rows(path: str) -> int:
    """Rows in a Parquet file, from its footer."""
    with _parquet_file(path) as parquet:
        return parquet.metadata.num_rows


def parquet_columns(path: str) -> list[str]:
    """The column names of a Parquet file, from its footer."""
    with _parquet_file(path) as parquet:
        return list(parquet.schema_arrow.names)


def _parquet_file(path: str):
    """``path`` opened as a Parquet file, or a RecordError that says why not:
    pyarrow raises ArrowInvalid (a ValueError) for a file cut short, `Parquet
    magic bytes not found in footer`, and a batch of many files must go on."""
    pq = _parquet()
    try:
        return pq.ParquetFile(path)
    except _parquet_errors() as err:
        raise RecordError(f"{path}: not a readable Parquet file ({err})") from None


def _parquet_errors() -> tuple[type[BaseException], ...]:
    import pyarrow as pa

    return (OSError, ValueError, pa.ArrowException)


def _parquet():
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the install
        raise RecordError("Parquet needs pyarrow: pip install 'cleanse[parquet]'") from None
    return pq


# ------------------------------------------------------------------ cleaning

def clean_batch(batch: Batch, settings: tuple[Config, RecordOptions]) -> tuple[int, list[RecordOutcome]]:
    """Clean every record of ``batch`` (runs in a worker); returns the batch's
    input position with the outcomes, for progress."""
    import time

    from .pipeline import run

    config, options = settings
    rows = options.output is not None  # a check writes nothing, so it overwrites nothing
    outcomes = []
    for record in batch.records:
        key = _key(record, options)
        if record.fields is None:
            outcomes.append(_done(RecordOutcome(record.index, key, None, raw=record.raw, error=record.error,
                                                kept="kept as it was"), options))
            continue
        value = record.fields.get(options.text_field, MISSING)
        # `{"id": 1, "text": "...", "language": "pt-BR", "score": 0.87}` came out
        # with language "pt" and score 84.18, its own values gone without a word
        clash = clashing(record.fields, options) if rows else []
        if not isinstance(value, str) or clash:
            error = clash_error(clash, options.result_prefix) if isinstance(value, str) else \
                not_text(options.text_field, value)
            row, kept = _passthrough(record.fields, options, error) if rows else (None, None)
            outcome = RecordOutcome(record.index, key, row, error=error, kept=kept)
        else:
            started = time.perf_counter()
            result = run(value, config)
            seconds = time.perf_counter() - started
            outcome = RecordOutcome(record.index, key, output_row(record.fields, result, options) if rows else None,
                                    result=result, seconds=seconds, original=value if options.originals else None)
        outcomes.append(_done(outcome, options))
    return batch.position, outcomes


def _done(outcome: RecordOutcome, options: RecordOptions) -> RecordOutcome:
    if options.output == "jsonl":
        outcome.line, outcome.row, outcome.raw = _line(outcome), None, None
    return outcome


MISSING: Any = object()  # a field the record does not have; None is a field that holds JSON null


def not_text(field: str, value: Any = MISSING) -> str:
    """Why a record's text field cannot be cleaned: ``{"id": 4, "text": null}``
    has its field, holding null, and is not said to miss it."""
    what = "missing" if value is MISSING else json_kind(value)
    return f"field {field!r} is {what}, not text"


@lru_cache(maxsize=64)
def written_columns(options: RecordOptions) -> tuple[str, ...]:
    """The result columns an output of ``options`` writes, by their names
    there: the default ones, or those --columns names, then the error column
    (every output may write it). An input field of one of these names would
    be overwritten."""
    prefix = options.result_prefix
    chosen = DEFAULT_RESULT_COLUMNS if options.columns is None else \
        [c for c in RESULT_COLUMNS if prefix + c in options.columns]
    return tuple(prefix + column for column in (*chosen, "error"))


def clashing(fields: Container[str], options: RecordOptions) -> list[str]:
    """The fields of ``fields`` that a result column would silently replace
    (none when ``options.overwrite_results`` says to replace them)."""
    if options.overwrite_results:
        return []
    return [name for name in written_columns(options) if name in fields]


def clash_error(names: Sequence[str], prefix: str = "", python: bool = False, noun: str = "field") -> str:
    """Why a record (or, ``noun`` "column", a Parquet file or a dataframe) is
    not cleaned: ``names`` would be overwritten by result columns. Says what
    to pass, on the command line or (``python``) to clean_records and the
    dask helpers."""
    quoted = _quoted(names)
    them = "them" if len(names) > 1 else "it"
    if prefix:
        apart = "another result prefix"
    else:
        examples = ", ".join(f"cleanse_{name}" for name in names)
        apart = ("result_prefix='cleanse_'" if python else "--result-prefix cleanse_") + f" ({examples})"
    overwrite = "overwrite_results=True" if python else "--overwrite-results"
    return (f"{noun}{'s' if len(names) > 1 else ''} {quoted} would be overwritten by cleanse's result "
            f"column{'s' if len(names) > 1 else ''} of the same name; pass {apart} to name the results apart, "
            f"or {overwrite} to replace {them}")


def _quoted(names: Sequence[str]) -> str:
    """``'score'``, ``'score' and 'language'``, ``'a', 'b' and 'c'``."""
    return ", ".join(repr(name) for name in names[:-1]) + (" and " if len(names) > 1 else "") + repr(names[-1])


def _key(record: Record, options: RecordOptions) -> str:
    if options.id_field and record.fields is not None and record.fields.get(options.id_field) is not None:
        return str(record.fields[options.id_field])
    return str(record.index)


def output_row(fields: dict[str, Any], result: Result, options: RecordOptions) -> dict[str, Any]:
    """A cleaned record's output. Its fields are never replaced by a result
    column unless ``options.overwrite_results`` (clean_batch refuses the
    record first); when they are, an ``error`` an earlier run left goes too,
    as it no longer describes the record."""
    row = dict(fields)
    row[options.text_field] = result.text
    values = result.to_dict()
    prefix = options.result_prefix
    for column in DEFAULT_RESULT_COLUMNS if options.columns is None else RESULT_COLUMNS:
        row[prefix + column] = values[column]
    if options.overwrite_results:
        row.pop(prefix + "error", None)
    return _selected(row, options)


def _passthrough(fields: dict[str, Any], options: RecordOptions, error: str) -> tuple[dict[str, Any], str]:
    """A record that is not cleaned, and what it holds (said beside the error):
    its fields and an error field, or, when it has an error field of its own,
    which nothing may overwrite, its fields alone."""
    row = dict(fields)
    name = options.result_prefix + "error"
    if name in fields and not options.overwrite_results:
        return _selected(row, options), f"its fields kept as they were (its own {name!r} field is left as it is)"
    row[name] = error
    return _selected(row, options), f"its fields kept, with {'an' if name == 'error' else 'a'} {name} field"


def _selected(row: dict[str, Any], options: RecordOptions) -> dict[str, Any]:
    if options.columns is None:
        return row
    selected = {c: row.get(c) for c in options.columns}
    name = options.result_prefix + "error"
    if name in row:
        selected[name] = row[name]
    return selected


# ------------------------------------------------------------------ writing

def fingerprint(path: str, config: Config, options: RecordOptions) -> dict[str, Any]:
    """What a checkpoint must match to be resumed: the same input file, the
    same configuration and options, the same cleanse."""
    from . import __version__

    stat = os.stat(path)
    settings = hashlib.sha256(repr((config, options, __version__)).encode("utf-8")).hexdigest()[:16]
    return {"input_size": stat.st_size, "input_mtime_ns": stat.st_mtime_ns, "settings": settings}


class JsonlWriter:
    """Writes JSONL (gzip when ``compressed``) to ``target``'s partial file,
    checkpointing every CHECKPOINT_RECORDS records."""

    output = "jsonl"  # the RecordOptions.output it writes
    finished = False  # close() made the partial file the target

    def __init__(self, target: str, compressed: bool, identity: dict[str, Any], resume: bool,
                 every: int = CHECKPOINT_RECORDS) -> None:
        self.target = target
        self.every = every
        self.partial = target + PARTIAL
        self.checkpoint_path = target + CHECKPOINT
        self.compressed = compressed
        self.identity = identity
        self.records = 0
        # (records, bytes) of the partial file's last checkpoint on disk, this
        # run's or the resumed one's: what a failed write can still keep
        self.checkpointed: tuple[int, int] | None = None
        state = _read_checkpoint(self.checkpoint_path) if resume else None
        if state and state.get("identity") == identity and os.path.exists(self.partial):
            self.records = int(state["records"])
            self.checkpointed = (self.records, int(state["bytes"]))
            self._raw = open(self.partial, "r+b")  # noqa: SIM115 - closed in close()/abort()
            self._raw.truncate(int(state["bytes"]))  # drop what was written after the last checkpoint
            self._raw.seek(0, io.SEEK_END)
        else:
            os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
            self._raw = open(self.partial, "wb")  # noqa: SIM115
        self.resumed_at = self.records
        self._member: IO[bytes] | None = None

    def _stream(self) -> IO[bytes]:
        if not self.compressed:
            return self._raw
        if self._member is None:
            # mtime=0 and no file name: members are the same bytes in every run
            self._member = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0)
        return self._member

    def write(self, outcome: RecordOutcome) -> None:
        self._stream().write(_line(outcome))
        self.records += 1
        if self.records % self.every == 0:
            self.checkpoint()

    def checkpoint(self) -> None:
        if self._member is not None:
            self._member.close()  # ends the gzip member; the raw file stays open
            self._member = None
        self._raw.flush()
        os.fsync(self._raw.fileno())
        state = {"identity": self.identity, "records": self.records, "bytes": self._raw.tell()}
        _write_json_atomic(self.checkpoint_path, state)
        self.checkpointed = (state["records"], state["bytes"])

    def close(self) -> None:
        """Finish the output: the partial file becomes the target."""
        if self._member is not None:
            self._member.close()
            self._member = None
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        replace_keeping_owner(self.partial, self.target)  # --in-place: the input's owner and mode
        _remove(self.checkpoint_path)
        self.finished = True

    def abort(self) -> None:
        """Stop without finishing: the partial file and checkpoint stay for --resume."""
        # Each close on its own: on a full disk the gzip member's trailer
        # cannot be written, and the file must still be closed after it.
        for stream in (self._member, self._raw):
            if stream is not None:
                close_quietly(stream)
        self._member = None

    def keep(self) -> str:
        """Stop at damage in the input: every record written stays in the
        partial file, checkpointed, so --resume goes on from the damage. Says
        where the records are."""
        self.checkpoint()
        self.abort()
        return f"kept in {self.partial}"

    def discard(self) -> None:
        """Stop, leaving nothing: not a partial file, not a checkpoint."""
        self.abort()
        _remove(self.partial)
        _remove(self.checkpoint_path)

    def fail(self, keep: bool) -> str:
        """Stop at a write that failed (a full disk, a quota). With ``keep``
        (an --output-dir run, which --resume can continue), the records up to
        the last checkpoint stay in the partial file, cut back to that
        checkpoint: what came after it may end in half a line, and the space
        it held is given back. Otherwise, or with no checkpoint yet, nothing
        stays. Says which."""
        self.abort()
        if keep and self.checkpointed:
            records, size = self.checkpointed
            try:
                os.truncate(self.partial, size)
            except OSError:
                pass  # --resume truncates it to the checkpoint too
            return f"the {_records(records)} up to its last checkpoint are kept in {self.partial}"
        self.discard()
        return "nothing of it is kept"


def _records(count: int) -> str:
    return f"{count} record{'s' if count != 1 else ''}"


class ParquetWriter:
    """Writes Parquet to ``target``. A Parquet file is readable only once its
    footer is written, so a run that is killed cannot resume inside one: the
    rows go out as parts instead, one complete Parquet file of ``every`` rows
    in ``target.cleanse-parts/``, each followed by a checkpoint. A resumed run
    keeps the parts its checkpoint names and goes on from there; close()
    copies the parts' row groups, in order, into the target. Each part is one
    row group of the same rows in every run, so a resumed run writes byte for
    byte what an uninterrupted one does."""

    output = "row"
    finished = False

    def __init__(self, target: str, input_path: str, options: RecordOptions, identity: dict[str, Any],
                 resume: bool, every: int = CHECKPOINT_RECORDS) -> None:
        self.target = target
        self.every = every
        self.partial = target + PARTIAL
        self.parts = target + PARTS
        self.checkpoint_path = target + CHECKPOINT
        self.identity = identity
        with _parquet_file(input_path) as source:
            self.schema = output_schema(source.schema_arrow, options)
        self.metrics = options.result_prefix + "metrics"
        self.records = self.written = 0  # rows written, in parts or waiting; parts written
        state = (_read_checkpoint(self.checkpoint_path) or {}) if resume else {}
        parts, records = state.get("parts"), state.get("records")
        self.checkpointed: tuple[int, int] | None = None  # (records, parts) of the last checkpoint on disk
        if (state.get("identity") == identity and isinstance(parts, int) and isinstance(records, int)
                and all(os.path.isfile(self._part(n)) for n in range(parts))):
            self.records, self.written = records, parts
            self.checkpointed = (records, parts)
        else:  # a fresh start: no part or checkpoint of an earlier run may be taken for this one's
            self._forget_parts()
        os.makedirs(self.parts, exist_ok=True)
        for name in os.listdir(self.parts):  # parts written after the last checkpoint, and strays
            stem, _, suffix = name.partition(".")
            if suffix != "parquet" or not stem.isdigit() or int(stem) >= self.written:
                _remove(os.path.join(self.parts, name))
        self.resumed_at = self.records
        self._rows: list[dict[str, Any]] = []

    def _part(self, number: int) -> str:
        return os.path.join(self.parts, f"{number:08d}.parquet")

    def write(self, outcome: RecordOutcome) -> None:
        row = dict(outcome.row or {})
        metrics = self.metrics
        if metrics in row and not isinstance(row[metrics], str):
            row[metrics] = json.dumps(row[metrics], ensure_ascii=False)  # nested, free-form: a JSON string
        self._rows.append(row)
        self.records += 1
        if len(self._rows) >= self.every:
            self.checkpoint()

    def checkpoint(self) -> None:
        """The rows waiting become the next part, then the checkpoint names it."""
        if not self._rows:
            return
        import pyarrow as pa

        pq = _parquet()
        part = self._part(self.written)
        pq.write_table(pa.Table.from_pylist(self._rows, schema=self.schema), part + ".tmp")
        _flush_to_disk(part + ".tmp")  # as JsonlWriter does: the checkpoint must not name a part a power loss undoes
        os.replace(part + ".tmp", part)
        self._rows = []
        self.written += 1
        _write_json_atomic(self.checkpoint_path,
                           {"identity": self.identity, "records": self.records, "parts": self.written})
        self.checkpointed = (self.records, self.written)

    def close(self) -> None:
        """The parts, row group by row group, into the target (bounded memory)."""
        self.checkpoint()
        pq = _parquet()
        with pq.ParquetWriter(self.partial, self.schema) as out:
            for number in range(self.written):
                part = pq.ParquetFile(self._part(number))
                for group in range(part.num_row_groups):
                    out.write_table(part.read_row_group(group))
        _flush_to_disk(self.partial)
        replace_keeping_owner(self.partial, self.target)  # --in-place: the input's owner and mode
        self._forget_parts()
        self.finished = True

    def abort(self) -> None:
        """Stop without finishing: the parts and the checkpoint stay for --resume."""

    def keep(self) -> str:
        """Stop at damage in the input: the rows written so far stay as
        checkpointed parts (a Parquet dataset any reader opens), so --resume
        goes on from the damage. Says where the rows are."""
        self.checkpoint()
        return f"kept in {self.parts}{os.sep} (Parquet parts)"

    def discard(self) -> None:
        """Stop, leaving nothing: no parts, no checkpoint."""
        self._forget_parts()
        _remove(self.partial)

    def fail(self, keep: bool) -> str:
        """Stop at a write that failed (a full disk): as JsonlWriter.fail, the
        parts the last checkpoint names stay with ``keep``; a part or a joined
        output left half-written goes."""
        _remove(self.partial)
        if not (keep and self.checkpointed and self.checkpointed[1]):
            self.discard()
            return "nothing of it is kept"
        records, parts = self.checkpointed
        for name in os.listdir(self.parts):  # a part being written (.tmp), or one no checkpoint names
            stem, _, suffix = name.partition(".")
            if suffix != "parquet" or not stem.isdigit() or int(stem) >= parts:
                _remove(os.path.join(self.parts, name))
        return f"the {_records(records)} up to its last checkpoint are kept in {self.parts}{os.sep} (Parquet parts)"

    def _forget_parts(self) -> None:
        shutil.rmtree(self.parts, ignore_errors=True)
        _remove(self.checkpoint_path)


def refuse_clashes(path: str, columns: Sequence[str], options: RecordOptions) -> None:
    """A RecordError when a column of the Parquet file ``path`` would be
    overwritten by a result column: every row has it, so the file is refused
    up front rather than every row one by one."""
    names = clashing(set(columns), options)
    if names:
        raise ClashError(f"{path}: {clash_error(names, options.result_prefix, noun='column')}; "
                         "the file is not cleaned")


def refuse_unknown_columns(path: str, fmt: str, options: RecordOptions,
                           notice: Callable[[str], None] | None = None) -> None:
    """A RefusedError when ``options.columns`` names a column that is neither
    a result column, the text field, nor a field of the file's records (a
    Parquet file's columns; a field of any record of a JSONL file):
    `--columns id,scroe` wrote a column `scroe` of nulls into every record,
    without a word. ``notice`` is told, once, when a JSONL file is read on
    and on for a name (see _missing_fields)."""
    if options.columns is None:
        return
    known = {*result_names(options), options.text_field}
    wanted = [name for name in options.columns if name not in known]
    if not wanted:
        return
    if fmt == "parquet":
        fields, noun, where = parquet_columns(path), "column", "of the file"
        unknown = [name for name in wanted if name not in fields]
    else:
        scanned = _missing_fields(path, fmt, wanted, notice)
        if scanned is None:  # nothing to judge by: no record is an object, or the file does not read
            return
        unknown, fields = scanned
        noun, where = "field", "of its records"
    if unknown:
        raise RefusedError(f"{path}: {_unknown_columns_error(unknown, fields, noun, where, options)}")


def result_names(options: RecordOptions) -> tuple[str, ...]:
    """Every result column, by its name in an output of ``options``: what
    --columns may name besides the input's fields."""
    return tuple(options.result_prefix + name for name in (*RESULT_COLUMNS, "error"))


def _missing_fields(path: str, fmt: str, wanted: Sequence[str], notice: Callable[[str], None] | None = None
                    ) -> tuple[list[str], list[str]] | None:
    """The names of ``wanted`` that no record of the JSONL file ``path`` has,
    and the fields its records have (the first FIELD_NAMES_KEPT met, in that
    order); None when no record is a JSON object, or the file is damaged
    before every name is met (the run's own read says what is wrong with it).

    The file is read a batch at a time until every name is met. Only the
    first 1,000 records were read, and a crawl whose `title` first appears in
    record 1,500 was refused whole; the fields of every record are now looked
    at, but the read stops at the first record holding the last name wanted,
    so only a typo (`scroe`) reads the whole file, without cleaning it: far
    faster than the run it saves, which would write a column of nulls. A
    read that goes on past COLUMN_SCAN_NOTICE_RECORDS records (or
    COLUMN_SCAN_NOTICE_SECONDS) says so through ``notice``."""
    missing = dict.fromkeys(wanted)
    fields: dict[str, None] = {}
    objects = False
    read, started = 0, time.monotonic()
    batches = read_batches(path, fmt, batch_records=COLUMN_SCAN_RECORDS)
    try:
        for batch in batches:
            for record in batch.records:
                if record.fields is None:
                    continue
                objects = True
                if len(fields) < FIELD_NAMES_KEPT:
                    fields.update(dict.fromkeys(record.fields))
                for name in [name for name in missing if name in record.fields]:
                    del missing[name]
            if not missing:
                break
            read += len(batch.records)
            if notice is not None and (read >= COLUMN_SCAN_NOTICE_RECORDS
                                       or time.monotonic() - started >= COLUMN_SCAN_NOTICE_SECONDS):
                several = len(missing) > 1
                notice(f"{path}: --columns names {_quoted(list(missing))}, "
                       f"{'fields' if several else 'a field'} none of its first {read:,} records has: reading the "
                       f"rest of the file for {'them' if several else 'it'} before cleaning (a typo is refused at "
                       "its end)")
                notice = None  # once
    except RecordError:
        return None
    finally:
        batches.close()
    return (list(missing), list(fields)) if objects else None


def _unknown_columns_error(unknown: Sequence[str], fields: Sequence[str], noun: str, where: str,
                           options: RecordOptions) -> str:
    """`--columns names 'scroe', which is neither a result column (score, ...)
    nor a field of its records (id, text, url); the file is not cleaned; did
    you mean 'score'?` (``noun`` "field" or "column", ``where`` "of its
    records"...)."""
    results = result_names(options)
    several = len(unknown) > 1
    # The fields nearest a name asked for first: of records with 23 fields,
    # the 12 shown were the first met, and `titel`'s `title`, met last, was
    # not among them.
    near = [match for name in unknown for match in get_close_matches(name, fields, n=3)]
    ordered = list(dict.fromkeys([*near, *fields]))
    shown = ", ".join(ordered[:12]) + (", ..." if len(ordered) > 12 else "")
    message = (f"--columns names {_quoted(unknown)}, which {'are' if several else 'is'} neither "
               f"{'result columns' if several else 'a result column'} ({', '.join(results)}) "
               f"nor {noun + 's' if several else 'a ' + noun} {where} ({shown or 'none'}); the file is not cleaned")
    close = {name: get_close_matches(name, [*results, *fields], n=1) for name in unknown}
    hints = [f"{match[0]!r}" + (f" for {name!r}" if several else "") for name, match in close.items() if match]
    return message + (f"; did you mean {', '.join(hints)}?" if hints else "")


def output_schema(input_schema: Any, options: RecordOptions) -> Any:
    """The output's Arrow schema: the input's fields, then the result columns
    with fixed types (so every row group has the same schema, even one whose
    records all have no findings). A result column that replaces an input
    field (``overwrite_results``) keeps that field's place."""
    import pyarrow as pa

    finding = pa.struct([("rule", pa.string()), ("name", pa.string()), ("category", pa.string()),
                         ("severity", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                         ("line", pa.int64()), ("column", pa.int64()), ("message", pa.string()),
                         ("replacement", pa.string()), ("confidence", pa.float64())])
    prefix = options.result_prefix
    result_types = {prefix + name: kind for name, kind in (
        ("score", pa.float64()), ("score_after", pa.float64()), ("language", pa.string()),
        ("findings", pa.list_(finding)), ("metrics", pa.string()), ("error", pa.string()))}
    fields = {f.name: f for f in input_schema}
    if options.text_field in fields:
        fields[options.text_field] = pa.field(options.text_field, pa.string())
    if options.columns is None:
        for name in (*DEFAULT_RESULT_COLUMNS, "error"):
            fields[prefix + name] = pa.field(prefix + name, result_types[prefix + name])
        return pa.schema(list(fields.values()))
    chosen = []
    for name in dict.fromkeys((*options.columns, prefix + "error")):
        if name in result_types:
            chosen.append(pa.field(name, result_types[name]))
        elif name in fields:
            chosen.append(fields[name])
        else:
            chosen.append(pa.field(name, pa.null()))
    return pa.schema(chosen)


def make_writer(target: str, fmt: str, input_path: str, config: Config, options: RecordOptions,
                resume: bool, every: int = CHECKPOINT_RECORDS) -> JsonlWriter | ParquetWriter:
    """The writer of ``target``, checkpointing every ``every`` records (the
    interval is part of what a resume must match: gzip members and Parquet
    parts end on it)."""
    identity = {**fingerprint(input_path, config, options), "every": every}
    if fmt == "parquet":
        return ParquetWriter(target, input_path, options, identity, resume, every)
    return JsonlWriter(target, fmt == "jsonl.gz", identity, resume, every)


def _line(outcome: RecordOutcome) -> bytes:
    """An output record's JSONL line; a line that did not parse goes out as it came in."""
    if outcome.line is not None:
        return outcome.line
    if outcome.row is not None:
        try:
            return json.dumps(outcome.row, ensure_ascii=False).encode("utf-8") + b"\n"
        except UnicodeEncodeError:  # a lone surrogate ("\\ud83d" in the input JSON) goes back escaped
            return json.dumps(outcome.row).encode("ascii") + b"\n"
    line = (outcome.raw or "").encode("utf-8", "surrogateescape")
    return line if line.endswith(b"\n") else line + b"\n"


def _read_checkpoint(path: str) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            state = json.load(handle)
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _write_json_atomic(path: str, value: dict[str, Any]) -> None:
    from .io import write_atomic

    write_atomic(path, json.dumps(value).encode("utf-8"))


def _flush_to_disk(path: str) -> None:
    """fsync a file pyarrow wrote and closed: its data reaches the disk before
    a rename publishes it and a checkpoint names it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def parse_columns(value: str | Sequence[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    columns = tuple(p.strip() for p in parts if p.strip())
    return columns or None


class StreamWriter:
    """Output records as JSONL to a stream (``clean data.jsonl`` with no
    --output-dir writes to standard output); no checkpoints."""

    output = "jsonl"
    target = "standard output"

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.records = 0
        self.resumed_at = 0

    def write(self, outcome: RecordOutcome) -> None:
        self.stream.write(_line(outcome))
        self.records += 1

    def checkpoint(self) -> None:
        self.stream.flush()

    close = abort = discard = checkpoint

    def keep(self) -> str:
        self.checkpoint()
        return "written to standard output"

    def fail(self, keep: bool) -> str:
        return "the output stops there"
