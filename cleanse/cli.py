"""The ``cleanse`` command: argument parsing and output, no detection logic.

Exit status: 0 every input passes; 1 some input fails (a finding at or above
``fail-on`` severity in ``check``, a score under ``--fail-under``, or with
``clean --diff`` a file that would change); 2 a usage error or an input that
cannot be read (the other inputs are still processed). ``--exit-zero`` turns
1 into 0, never 2.

Output goes to stdout (findings, cleaned text, diffs); everything about the
run itself (errors, skipped files, summaries, progress, ``--verbose`` notes)
goes to stderr, so ``cleanse check --format json > out.json`` stays parseable.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from difflib import get_close_matches
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO

from . import __version__
from .config import Config, ConfigError, default_config, discover, load_file
from .engine import EngineError
from .progress import Progress
from .rules import SEVERITIES
from .summary import RunSummary

if TYPE_CHECKING:
    from .batch import Outcome
    from .discover import Input, PathError
    from .engine import Engine
    from .records import JsonlWriter, ParquetWriter, RecordOptions, RecordOutcome, StreamWriter
    from .report.part import EarlierReport

    RecordWriter = JsonlWriter | ParquetWriter | StreamWriter
    from .document import Result
    from .report import Renderer
    from .report.html import HtmlRenderer

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
CHECK_FORMATS = ("text", "concise", "json", "jsonl", "github", "sarif")


class UsageError(Exception):
    pass


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _languages_arg(value: str) -> list[str]:
    """--language's codes, checked here so a bad one is a usage error that
    names the flag (`--language english` is 'en')."""
    from .language import language_code

    try:
        return [language_code(code) for code in _csv(value)]
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _size_arg(value: str) -> int:
    from .config import parse_size

    try:
        return parse_size(value, "--max-input-size")
    except ConfigError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _add_common(parser: argparse.ArgumentParser, clean: bool = False) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursed) or - for standard input")
    parser.add_argument("--select", type=_csv, metavar="RULES",
                        help="comma-separated rule ids, prefixes, names or categories to run (replaces the config's)")
    parser.add_argument("--extend-select", type=_csv, metavar="RULES", help="rules to run in addition to the selection")
    parser.add_argument("--ignore", type=_csv, metavar="RULES", help="rules to skip (added to the config's)")
    parser.add_argument("--config", metavar="FILE", help="a pyproject.toml or .cleanse.toml to use instead of discovery")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--fail-under", type=float, metavar="SCORE", help="fail when a score is under SCORE (0-100)")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when inputs fail (unreadable inputs and usage errors still exit 2)")
    parser.add_argument("--language", type=_languages_arg, metavar="CODES",
                        help="expected document language(s): ISO 639-1 codes, or the language identifier's for "
                             "languages without one (ceb, war, ast...), e.g. en,es (a region, pt-BR, reads as pt)")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes (default: the number of cores; one for a few small files)")
    parser.add_argument("--max-input-size", type=_size_arg, metavar="SIZE",
                        help="skip inputs larger than SIZE, e.g. 200M (default 64M; K, M, G are binary units)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply the configured exclude to paths named on the command line too "
                             "(as pre-commit names them; default: a named path is always taken)")
    parser.add_argument("--follow-symlinks", action="store_true", default=None,
                        help="follow symlinks that lead out of a folder being searched (default: skip them)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local: this machine's processes; dask: a Dask distributed cluster (--scheduler)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="the Dask scheduler to use with --engine dask, e.g. tcp://10.0.0.5:8786 "
                             "(default: start a local cluster)")
    records = parser.add_argument_group("records (JSONL, JSONL.gz, Parquet files)")
    records.add_argument("--include", type=_csv, metavar="GLOBS",
                         help="search folders for these files instead of the configured include, "
                              "e.g. '*.jsonl.gz,*.parquet'")
    records.add_argument("--text-field", default="text", metavar="NAME", help="the field holding the text (default text)")
    records.add_argument("--id-field", metavar="NAME", help="the field naming each record in reports (default: its index)")
    records.add_argument("--columns", metavar="LIST",
                         help="output only these columns, e.g. id,text,score (result columns: score, score_after, "
                              f"language, findings, metrics{', named with --result-prefix' if clean else ''}); "
                              "default: every input field and score, score_after, language, findings")
    if clean:
        records.add_argument("--result-prefix", default="", metavar="PREFIX",
                             help="name the result columns PREFIXscore, PREFIXlanguage, ... and PREFIXerror "
                                  "(e.g. cleanse_), apart from the input's fields")
        records.add_argument("--overwrite-results", action="store_true",
                             help="replace input fields named like the result columns (re-cleaning cleanse's own "
                                  "output); without it, a record holding one is passed through with an error")
    parser.add_argument("--html", metavar="FILE.html",
                        help="also write a self-contained HTML report to FILE (at the end of the run; with --resume "
                             "it covers what the earlier run did too)")
    parser.add_argument("--report", metavar="FILE.jsonl",
                        help="also write one JSON object per input to FILE (line by line to FILE.part, renamed "
                             "when the run is complete)")
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true",
                       help="print findings only (one line each): no source lines, summaries or progress")
    noise.add_argument("--verbose", "-v", action="store_true",
                       help="also say which configuration and rules are used, and how each file went")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanse",
        description="Find and remove mojibake, boilerplate and translation artefacts in text.",
        epilog="Exit status: 0 pass, 1 some input fails, 2 usage error or unreadable input.",
    )
    parser.add_argument("--version", action="version", version=f"cleanse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    check = commands.add_parser("check", help="report findings and scores, change nothing")
    _add_common(check)
    check.add_argument("--format", choices=CHECK_FORMATS, default="text",
                       help="text: ruff-style lines with the source and a caret; concise: one line per finding; "
                            "json / jsonl: the per-file objects; github: workflow annotations; sarif: SARIF 2.1.0")
    check.add_argument("--fail-on", choices=SEVERITIES, help="fail on a finding at or above this severity (default error)")

    clean = commands.add_parser("clean", help="write cleaned text (stdout, --output-dir, --in-place or --diff)")
    _add_common(clean, clean=True)
    target = clean.add_mutually_exclusive_group()
    target.add_argument("--output-dir", metavar="DIR", help="write each cleaned file under DIR, mirroring its path")
    target.add_argument("--in-place", action="store_true", help="rewrite changed files atomically")
    target.add_argument("--diff", action="store_true",
                        help="print a unified diff of what would change and write nothing (exit 1 if anything would)")
    clean.add_argument("--checkpoint-every", type=int, default=2048, metavar="N",
                       help="records between checkpoints of a JSONL or Parquet output (default 2048): a killed run "
                            "resumes from the last one")
    clean.add_argument("--resume", action="store_true",
                       help="with --output-dir: skip inputs whose output is already written, and continue a "
                            "JSONL output from its last checkpoint")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="markdown prints the rule reference of docs/rules.md")
    rule = commands.add_parser("rule", help="explain one rule: why, what it flags and leaves alone, the fix")
    rule.add_argument("rule_id", metavar="RULE", help="rule id or name, e.g. ENC001 or lossy-mojibake")
    return parser


class Messages:
    """Everything said on stderr about the run: errors always, the rest as
    ``--quiet`` / ``--verbose`` ask, and a progress bar on a terminal."""

    def __init__(self, args: argparse.Namespace, stdout_used: bool) -> None:
        self.quiet = bool(getattr(args, "quiet", False))
        self.verbose = bool(getattr(args, "verbose", False))
        self.stream = sys.stderr
        # Progress only where it cannot garble output: stderr is a terminal and
        # stdout is not the same terminal (redirected, or not written at all).
        self.progress = (not self.quiet and _isatty(sys.stderr)
                         and (not stdout_used or not _isatty(sys.stdout)))
        self.bar: Progress | None = None

    def _say(self, line: str) -> None:
        from .report.base import printable

        line = printable(line)  # a file name that is not UTF-8 reads caf\xe9.txt, as in the reports
        if self.bar is not None:
            self.bar.write(line)
        else:
            print(line, file=self.stream)

    def error(self, message: str) -> None:
        self._say(f"cleanse: error: {message}")

    def warn(self, message: str) -> None:
        if not self.quiet:
            self._say(f"cleanse: warning: {message}")

    def info(self, message: str) -> None:
        if not self.quiet:
            self._say(f"cleanse: {message}")

    def debug(self, message: str) -> None:
        if self.verbose:
            self._say(f"cleanse: {message}")

    def start(self, total_bytes: int, items: int, unit: str = "file") -> Progress:
        self.bar = Progress(self.progress, total_bytes, items, unit, self.stream)
        return self.bar

    def clear(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(stream: TextIO) -> bool:
    """Colour on a terminal only; NO_COLOR (any value) turns it off and
    FORCE_COLOR on (https://no-color.org, https://force-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(stream) and os.environ.get("TERM") != "dumb"


def _load_config(args: argparse.Namespace, messages: Messages) -> Config:
    if args.isolated:
        config = default_config()
        messages.debug("configuration: none (--isolated)")
    elif args.config:
        config = load_file(args.config)
        messages.debug(f"configuration: {args.config}")
    else:
        found = discover()
        config = load_file(found) if found else default_config()
        messages.debug(f"configuration: {found}" if found else
                       "configuration: no pyproject.toml with [tool.cleanse] or .cleanse.toml found; defaults")
    ignore = tuple(config.ignore) + tuple(args.ignore or ())
    merged = config.merged(
        select=tuple(args.select) if args.select is not None else None,
        extend_select=tuple(config.extend_select) + tuple(args.extend_select or ()),
        ignore=ignore,
        fail_under=args.fail_under,
        fail_on=getattr(args, "fail_on", None),
        languages=tuple(args.language) if args.language else None,
        max_input_size=args.max_input_size,
        follow_symlinks=args.follow_symlinks,
        include=tuple(args.include) if args.include else None,
    )
    if merged.readability and not _shows_metrics(args):
        # textstat's CMU dictionary takes ~1 s to load; a pre-commit run that
        # prints findings only never shows the readability figures.
        merged = merged.merged(readability=False)
    enabled = sorted(merged.enabled_rules())
    messages.debug(f"{len(enabled)} rules enabled: {', '.join(enabled) or 'none'}")
    if merged.per_file_ignores:
        messages.debug("per-file-ignores: " + "; ".join(f"{glob} = {', '.join(sel)}"
                                                        for glob, sel in merged.per_file_ignores.items()))
    return merged


def _shows_metrics(args: argparse.Namespace) -> bool:
    """Whether any output of this run carries ``metrics`` (JSON, JSONL, a report, HTML,
    output records with a ``metrics`` column)."""
    columns = [c.strip() for c in (getattr(args, "columns", None) or "").split(",")]
    metrics = (getattr(args, "result_prefix", "") or "") + "metrics"
    return (getattr(args, "format", None) in ("json", "jsonl") or bool(getattr(args, "report", None))
            or bool(getattr(args, "html", None)) or metrics in columns)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code not in (0, None) else EXIT_OK
    messages = Messages(args, stdout_used=_writes_stdout(args))
    try:
        if args.command == "rules":
            return _rules(args.format, sys.stdout)
        if args.command == "rule":
            return _rule(args.rule_id, sys.stdout)
        config = _load_config(args, messages)
        if args.jobs is not None and args.jobs < 1:
            raise UsageError("--jobs must be at least 1 (the number of worker processes)")
        command_line = "cleanse " + shlex.join(argv)
        if args.command == "check":
            return _check(args, config, messages, command_line)
        return _clean(args, config, messages, command_line)
    except (ConfigError, UsageError) as err:
        messages.error(str(err))
        return EXIT_ERROR
    except EngineError as err:
        messages.error(f"{err}; the outputs written so far are complete, and clean --resume continues from them")
        return EXIT_ERROR
    except BrokenPipeError:  # `cleanse check ... | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        messages.clear()
        print("cleanse: interrupted", file=sys.stderr)
        return 130


def _writes_stdout(args: argparse.Namespace) -> bool:
    if args.command == "clean":
        return not args.output_dir and not args.in_place
    return True


def fail_reasons(result: Result, config: Config, check: bool) -> list[str]:
    """Why ``result`` fails (empty: it passes). ``check`` judges the input's
    score and findings; ``clean`` the score of the cleaned text."""
    reasons = []
    score = result.score if check else result.score_after
    if config.fail_under is not None and score < config.fail_under:
        label = "score" if check else "score after cleaning"
        reasons.append(f"{label} {score:.1f} is under fail-under {config.fail_under:g}")
    if check:
        threshold = SEVERITIES.index(config.fail_on)
        over = [f for f in result.findings if SEVERITIES.index(f.severity) >= threshold]
        if over:
            rules = ", ".join(sorted({f.rule for f in over}))
            reasons.append(f"{len(over)} finding{'s' if len(over) != 1 else ''} at or above "
                           f"fail-on {config.fail_on} ({rules})")
    return reasons


def _inputs(args: argparse.Namespace, config: Config, messages: Messages):
    from .discover import discover as discover_inputs

    if args.paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    notes: list[str] = []
    inputs, errors = discover_inputs(args.paths, config, notes, force_exclude=args.force_exclude)
    for note in notes:
        messages.debug(note)
    for message in errors:
        messages.error(f"{message}; check the path (folders are searched for {', '.join(config.include)})")
    if not inputs and not errors:
        messages.warn(f"no files to {args.command} under {', '.join(args.paths)} "
                      f"(include: {', '.join(config.include)}; exclude: {', '.join(config.exclude)})")
    messages.debug(f"{len(inputs)} input{'s' if len(inputs) != 1 else ''}")
    return inputs, errors


class _Report:
    """A --report or --html file. A JSONL report (--report) is written line
    by line to PATH.part and renamed to PATH when the run is complete
    (report.part): a long run's report grows where `tail -f` sees it, and a
    killed one keeps its lines. An HTML report is one document, whose
    summary and charts need every input: it is written to a temporary file
    beside PATH and renamed over it at the end (io.AtomicFile). Either way a
    full disk part-way leaves no half report under PATH, which had been a
    half-written report and a traceback. A path that is not a regular file
    (/dev/stdout, a named pipe) is written directly.

    ``earlier`` (--resume) is what an earlier run reported of the inputs
    this run skips: a JSONL report copies its lines into its part file, an
    HTML report gives each to ``replay``, which reads it back into the page.
    A ``journal`` is a JSONL report kept for the HTML report's --resume only
    (see _Sinks): its part file goes when the run is complete."""

    def __init__(self, path: str, what: str, make: Callable[[TextIO], Renderer], by_line: bool = False,
                 earlier: EarlierReport | None = None, replay: Callable[[bytes], None] | None = None,
                 journal: bool = False) -> None:
        from .io import AtomicFile
        from .report.part import EARLIER, PartFile, remove

        self.path, self.what = path, what
        self.atomic: AtomicFile | None = None
        self.part: PartFile | None = None
        self.earlier = earlier  # what --resume keeps of an earlier run's report
        self.replay = replay
        self.journal = journal
        self.written = False
        try:
            if os.path.exists(path) and not os.path.isfile(path):
                binary: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed in commit() or discard()
            elif by_line:
                if earlier is None:
                    remove(path + EARLIER)  # of a resumed run given up: this run is not going on from it
                self.part = PartFile(path)
                binary = self.part.handle
            else:
                self.atomic = AtomicFile(path)
                binary = self.atomic.handle
        except OSError as err:
            hint = "; create the folder first" if isinstance(err, FileNotFoundError) else ""
            raise UsageError(f"cannot write {what} {path}: {err.strerror or err}{hint}") from None
        # backslashreplace: a lone surrogate in a finding must not lose the whole report
        self.stream = io.TextIOWrapper(binary, encoding="utf-8", errors="backslashreplace")
        self.renderer = make(self.stream)

    def file(self, outcome: Outcome, reasons: Sequence[str]) -> None:
        self.renderer.file(outcome, reasons)
        self._flushed()

    def error(self, outcome: Outcome) -> None:
        self.renderer.error(outcome)
        self._flushed()

    def _flushed(self) -> None:
        if self.part is not None:  # each line whole in the part file as soon as it is written
            self.stream.flush()
            self.part.flushed()

    def reach(self, path: str | None) -> None:
        """This run reaches input ``path`` (None: its end): the earlier run's
        lines of the inputs before it that this run skipped go in first."""
        if self.earlier is not None:
            self._keep(self.earlier.until(path))

    def resumed(self, path: str, records: int) -> None:
        """The record file ``path`` resumes after ``records`` reported records:
        the earlier run's lines of them go in before this run's."""
        if self.earlier is not None:
            self._keep(self.earlier.records(path, records))

    def _keep(self, lines: Iterable[bytes]) -> None:
        if self.part is not None:
            self.stream.flush()
            self.part.copy(lines)
        elif self.replay is not None:
            for line in lines:
                self.replay(line)

    def commit(self) -> None:
        self.reach(None)
        self.renderer.close()
        self.stream.flush()
        if self.part is not None:
            if self.journal:
                self.part.drop()
            else:
                self.part.commit()
        elif self.atomic is not None:
            self.atomic.commit()
        else:
            self.stream.close()
        self._forget_earlier()
        self.written = True

    def fail(self) -> str:
        """A write failed: what is left of the report, said after the error."""
        from .io import close_quietly

        self._forget_earlier()
        if self.part is not None:
            return f"; {self.part.cut()}"
        close_quietly(self.stream)
        if self.atomic is not None:
            self.atomic.discard()
            return "; nothing of it is written"
        return ""

    def stop(self) -> None:
        """The run stops before its end: no report that would look whole, but
        a JSONL report's lines stay in its part file (and an earlier run's
        report beside it), for --resume."""
        from .io import close_quietly

        self._forget_earlier()
        if self.part is not None:
            self.part.keep()
            return
        close_quietly(self.stream)
        if self.atomic is not None:
            self.atomic.discard()

    def _forget_earlier(self) -> None:
        if self.earlier is not None:
            self.earlier.close()


class _Sinks:
    """The renderers a run feeds: stdout's format, --report, --html. A report
    that cannot be written is dropped, said once through ``failed``, and the
    run goes on. ``resume``: the run's inputs in order, and those --resume
    skips, whose lines the --report of an earlier run keeps.

    The HTML report is one document written at the end, so a killed run
    leaves nothing of it; --resume reads what the earlier run did back into
    it from that run's JSONL lines: the --report's, or, without a --report,
    a journal a `clean --output-dir` run keeps for the HTML report alone
    (FILE.html.jsonl.part, the same lines, gone when the run is complete). A
    resumed run's page listed only what it did itself: SIGKILLed 2,400
    records into a 4,000-record file and resumed, its page held 1,601 of the
    4,002 inputs and records, its totals and chart theirs, without a word."""

    def __init__(self, args: argparse.Namespace, config: Config, stdout: Renderer | None, command_line: str,
                 resume: tuple[Sequence[str], Collection[str]] | None = None) -> None:
        from .records import record_format
        from .report import Options, renderer
        from .report.base import printable
        from .report.part import JOURNAL

        self.config, self.check = config, args.command == "check"
        self.renderers: list[Renderer] = [stdout] if stdout else []
        self.reports: list[_Report] = []
        self.html: _Report | None = None
        self.page: HtmlRenderer | None = None
        self.failed: Callable[[str], None] = lambda message: None  # set by _Run: its output_error
        options = Options(command=args.command)
        jsonl = lambda stream: renderer("jsonl")(stream, options)  # noqa: E731
        journal = args.report
        if args.html and not args.report and args.command == "clean" and args.output_dir and _regular(args.html):
            journal = args.html + JOURNAL  # only a clean --output-dir run can be resumed
        earlier, html_earlier = _earlier_reports(journal, resume) if journal else (None, None)
        if html_earlier is None and resume is not None:
            from .report.part import EarlierReport

            html_earlier = EarlierReport(None, *resume)  # nothing to read back (a pipe): the page says what it lacks
        if journal:
            self.reports.append(_Report(journal, "report" if args.report else "HTML report's journal", jsonl,
                                        by_line=True, earlier=earlier, journal=not args.report))
        if args.html:
            from .report.html import HtmlRenderer

            def page(stream: TextIO) -> HtmlRenderer:
                self.page = HtmlRenderer(stream, options, command_line=command_line, fail_under=config.fail_under)
                return self.page

            self.html = _Report(args.html, "HTML report", page, earlier=html_earlier, replay=self._replay)
            self.reports.append(self.html)
        # The skipped text inputs by the path their report lines name: their
        # text, which no report holds, is read again for the page's views.
        self.texts = {printable(path): path for path in (resume[1] if resume and self.html else ())
                      if path != "-" and not record_format(path)}

    def _replay(self, line: bytes) -> None:
        """An earlier run's report line into the HTML report, as the outcome it
        was: its fail reasons judged again, a text input's text read again."""
        from .report import outcome_from_object
        from .report.part import locate

        assert self.page is not None and self.html is not None and self.html.earlier is not None
        obj = json.loads(line)
        try:
            outcome = outcome_from_object(obj)
        except (KeyError, TypeError, ValueError):  # not a line this cleanse writes (another version's): lacking
            where = locate(line, self.html.earlier.positions)
            self.html.earlier.lacking["record" if where and where[1] else "input"] += 1
            return
        if outcome.result is None:
            self.page.error(outcome)
            return
        path = self.texts.get(obj["path"])
        text = _original(path, self.config) if path else None
        if text is not None and all(f.end <= len(text) for f in outcome.result.findings):
            outcome.original = text  # else the input changed since, and no longer holds the findings: no view
        self.page.file(outcome, fail_reasons(outcome.result, self.config, self.check))

    def file(self, outcome: Outcome, reasons: Sequence[str]) -> None:
        for r in self.renderers:
            r.file(outcome, reasons)
        for report in list(self.reports):
            self._guarded(report, report.file, outcome, reasons)

    def error(self, outcome: Outcome) -> None:
        for r in self.renderers:
            r.error(outcome)
        for report in list(self.reports):
            self._guarded(report, report.error, outcome)

    def reach(self, path: str) -> None:
        """The run reaches input ``path``: see _Report.reach."""
        for report in list(self.reports):
            self._guarded(report, report.reach, path)

    def resumed(self, path: str, records: int) -> None:
        for report in list(self.reports):
            self._guarded(report, report.resumed, path, records)

    def _guarded(self, report: _Report, action: Callable[..., None], *args: object) -> None:
        try:
            _written(action, *args)
        except _OutputFailed as failed:
            self.reports.remove(report)
            self.failed(f"cannot write {report.what} {report.path}: {failed}{report.fail()}")

    def close(self, complete: bool = True) -> None:
        try:
            if complete:
                for r in self.renderers:
                    r.close()
        finally:
            if complete and self.html in self.reports:
                assert self.html is not None and self.page is not None
                # The HTML report's earlier lines first, and what it lacks of
                # them on the page, before the report they come from is renamed
                # (or its journal goes).
                self._guarded(self.html, self.html.reach, None)
                if self.html.earlier is not None and any(self.html.earlier.lacking.values()):
                    self.page.notes.append(f"This report lacks {_counted(self.html.earlier.lacking)} that an "
                                           "earlier run did, which this run went on from (--resume): no report "
                                           "of that run was there to read their findings from.")
            for report in list(self.reports):
                if complete:
                    self._guarded(report, report.commit)
                else:  # an interrupted run: no report that would look whole
                    report.stop()

    def wrote(self, path: str) -> bool:
        return any(report.written and report.path == path for report in self.reports)

    def lacking(self) -> list[str]:
        """What the reports of a --resume run lack: inputs and records an
        earlier run did that its report has no line of (it was stopped by a
        full disk, or it had none)."""
        lines = []
        for report in self.reports:
            if report.journal or report.earlier is None or not any(report.earlier.lacking.values()):
                continue  # a journal lacks what its HTML report does, said once for that
            counts = _counted(report.earlier.lacking)
            if report is self.html:
                lines.append(f"--resume: {report.path} lacks {counts} an earlier run did: no report of that run "
                             "here holds their findings (it was run without --html or --report, or a full disk "
                             "stopped its report)")
            else:
                lines.append(f"--resume: {report.path} lacks the lines of {counts} an earlier run did: no report "
                             "of that run here holds them (it was run without --report, or a full disk stopped "
                             "its report)")
        return lines


def _counted(counts: dict[str, int]) -> str:
    """``{"input": 1, "record": 30}`` -> "1 input and 30 records"."""
    return " and ".join(f"{n} {noun}{'s' if n != 1 else ''}" for noun, n in counts.items() if n)


def _earlier_reports(path: str, resume: tuple[Sequence[str], Collection[str]] | None
                     ) -> tuple[EarlierReport | None, EarlierReport | None]:
    """With --resume, the earlier run's report at ``path`` (report.part), to go
    on with: twice, each read in step with the run, for the JSONL report and
    for the HTML report."""
    from .report.part import EarlierReport, earlier_source

    if resume is None or not _regular(path):
        return None, None
    inputs, skipped = resume
    try:
        source = earlier_source(path, inputs)
        return EarlierReport(source, inputs, skipped), EarlierReport(source, inputs, skipped)
    except OSError as err:
        raise UsageError(f"cannot read the earlier report {path}: {err.strerror or err}") from None


def _regular(path: str) -> bool:
    """Whether ``path`` is a regular file or none yet (not /dev/stdout, a pipe)."""
    return not os.path.exists(path) or os.path.isfile(path)


def _original(path: str, config: Config) -> str | None:
    """The text of the input ``path``, as a run reads it (None: it no longer reads)."""
    from .io import InputError, read_text

    try:
        return read_text(path, config.max_input_size).text
    except (InputError, OSError):
        return None


def _record_options(args: argparse.Namespace) -> RecordOptions:
    from .records import RecordOptions, parse_columns

    return RecordOptions(text_field=args.text_field, id_field=args.id_field, columns=parse_columns(args.columns),
                         originals=args.command == "check" and getattr(args, "format", "") == "text"
                         and not args.quiet, result_prefix=getattr(args, "result_prefix", "") or "",
                         overwrite_results=bool(getattr(args, "overwrite_results", False)))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size if path != "-" else 0
    except OSError:
        return 0


def _text_size(path: str) -> int:
    """An input's bytes of text, what the progress bar counts: a record
    file's by records.text_size (a .jsonl.gz's uncompressed), a text file's
    size."""
    from .records import record_format, text_size

    fmt = record_format(path) if path != "-" else None
    return text_size(path, fmt) if fmt else _size(path)


def _engine(args: argparse.Namespace, inputs: Sequence[Input]) -> Engine:
    from .engine import default_jobs, make_engine
    from .records import record_format

    if args.engine == "dask":
        try:
            return make_engine("dask", scheduler=args.scheduler)
        except RuntimeError as err:
            raise UsageError(str(err)) from None
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if args.jobs is None and not any(record_format(i.path) for i in inputs):
        # Starting a worker (and loading its models) costs more than cleaning
        # a few small files: a pre-commit run over three changed pages stays
        # in one process unless --jobs asks otherwise.
        # The total is estimated from the first 64 (a stat per file of a
        # million-file tree would delay the start).
        sample = inputs[:64]
        total = sum(_size(i.path) for i in sample) * len(inputs) / max(1, len(sample))
        if len(inputs) < 2 * jobs or total < 256_000:
            jobs = 1
    return make_engine("local", jobs)


def _segments(inputs: Sequence[Input]) -> Iterator[tuple[str | None, list[Input]]]:
    """Runs of consecutive text files, and each record file on its own, in input order."""
    from .records import record_format

    run: list[Input] = []
    for item in inputs:
        fmt = record_format(item.path) if item.path != "-" else None
        if fmt is None:
            run.append(item)
            continue
        if run:
            yield None, run
            run = []
        yield fmt, [item]
    if run:
        yield None, run


class _Run:
    """One batch run: the engine, the sinks, the progress bar and the summary."""

    def __init__(self, args: argparse.Namespace, config: Config, messages: Messages, sinks: _Sinks,
                 on_result: Callable[[Outcome, Sequence[str]], None],
                 writer_for: Callable[[Input, str], RecordWriter | None] | None = None) -> None:
        self.args, self.config, self.messages, self.sinks = args, config, messages, sinks
        self.on_result = on_result
        self.writer_for = writer_for
        self.check = args.command == "check"
        self.summary = RunSummary()
        self.unreadable = 0
        self.unwritable = 0
        self.failing = 0
        self.record_errors = 0
        self.reasons: list[str] = []  # "PATH: fails: WHY", for a run whose summary is not shown
        self.text_sizes: dict[str, int] = {}  # a record file's share of the progress bar (_records)
        sinks.failed = self.output_error

    def __call__(self, inputs: list[Input], missing: Sequence[PathError] = ()) -> tuple[int, int]:
        """Process ``inputs``; returns (unreadable or unwritable count, failing count).
        ``missing`` are the paths that gave no inputs (already said on stderr,
        and counted by the caller): the reports and the summary name them."""
        from .batch import Outcome
        from .discover import Input
        from .records import record_format

        started = time.monotonic()
        complete = False
        engine: Engine | None = None
        try:
            for error in missing:
                self.summary.error(str(error))
                self.sinks.error(Outcome(Input(error.path, None, True), error=str(error)))
            engine = _engine(self.args, inputs)
            self.messages.debug(f"engine: {type(engine).__name__} with {engine.workers} "
                                f"worker{'s' if engine.workers != 1 else ''}")
            # Each input's text size once, for the bar's total; a record
            # file's is kept for its share of the bar. records.text_size reads
            # a .jsonl.gz's first 64 KB and its trailer (0.55 ms, cached on a
            # local disk; a round trip or two each on a network one), or a
            # Parquet file's footer, and was read again as each file started.
            sizes = [_text_size(i.path) for i in inputs] if self.messages.progress else []
            self.text_sizes = {i.path: size for i, size in zip(inputs, sizes, strict=False) if record_format(i.path)}
            bar = self.messages.start(sum(sizes), len(inputs))
            for fmt, segment in _segments(inputs):
                if fmt is None:
                    self._files(segment, engine, bar)
                else:
                    self._records(segment[0], fmt, engine, bar)
            complete = True
        finally:
            self.messages.clear()
            if engine is not None:
                engine.close()
            self.sinks.close(complete)
        seconds = time.monotonic() - started
        for line in self.sinks.lacking():
            self.messages.warn(line)
        if self.args.html and self.sinks.wrote(self.args.html):
            self.messages.info(f"wrote HTML report {self.args.html}")
        if self._summarise():
            for line in self.summary.lines(seconds):
                self.messages.info(line)
        elif not self._reasons_on_stdout():
            # `clean note.md --fail-under 90 --in-place` exited 1 after only
            # "1 file cleaned, 0 changed, 0 written": a run too small for the
            # summary (whose failures say why) says why here.
            for line in self.reasons:
                self.messages.info(line)
        return self.unreadable + self.unwritable + min(self.record_errors, 1), self.failing

    def _reasons_on_stdout(self) -> bool:
        """Whether stdout already says why an input fails: check's text and
        concise formats end each input's score line with "; fails: ..."."""
        return self.check and getattr(self.args, "format", "") in ("text", "concise")

    def _summarise(self) -> bool:
        """The closing summary goes to stderr for batch runs; a human-readable
        check already ends with its own total line, so it shows the summary
        only with --verbose."""
        summary = self.summary
        # Inputs and records that failed count: one good record among three bad
        # ones is a batch whose summary names the failures.
        failed = summary.unreadable + summary.unwritable + summary.refused + summary.bad_records
        if self.messages.quiet or summary.files + summary.records + failed < 2:
            return self.messages.verbose
        return self.messages.verbose or not (self.check and getattr(self.args, "format", "") in ("text", "concise"))

    def _files(self, inputs: list[Input], engine: Engine, bar: Progress) -> None:
        from .batch import process

        for outcome in process(inputs, self.config, engine=engine):
            self.sinks.reach(outcome.input.path)
            bar.advance(_size(outcome.input.path) if bar.shown else 0, files=1)  # a stat only for a drawn bar
            if outcome.result is None:
                if outcome.skipped:
                    self.messages.info(f"skipped {outcome.error}")
                    self.summary.error(outcome.error or "", skipped=True)
                    self.sinks.error(outcome)
                else:
                    self._input_error(outcome, _with_hint(outcome.error or f"{outcome.input.path}: cannot be read"))
                continue
            self._result(outcome, outcome.seconds, record=False)

    def _result(self, outcome: Outcome, seconds: float, record: bool) -> None:
        assert outcome.result is not None
        reasons = fail_reasons(outcome.result, self.config, self.check)
        self.failing += bool(reasons)
        if reasons and len(self.reasons) < 10:
            self.reasons.append(f"{outcome.input.path}: fails: {'; '.join(reasons)}")
        self.summary.add(outcome.input.path, outcome.result, seconds, reasons, record=record)
        # The report's line first, then the output: an output that is written
        # has its line, so --resume, which skips it, finds the line to keep.
        self.sinks.file(outcome, reasons)
        if not record:
            self.on_result(outcome, reasons)
        if self.messages.verbose:
            r = outcome.result
            self.messages.debug(f"{outcome.input.path}: score {r.score:.1f} -> {r.score_after:.1f}, "
                                f"{len(r.findings)} finding{'s' if len(r.findings) != 1 else ''}"
                                + (f"; fails: {'; '.join(reasons)}" if reasons else ""))

    def _records(self, item: Input, fmt: str, engine: Engine, bar: Progress) -> None:
        self.sinks.reach(item.path)
        share = _FileShare(bar, self.text_sizes.get(item.path, 0))  # as the bar's total counted it
        try:
            self._record_file(item, fmt, engine, share)
        finally:
            # However the file ends (damaged part-way, refused, its output
            # failed), it is counted done: after a truncated .jsonl.gz the bar
            # ended short of its total and said "1/2 files" of a finished run.
            share.finish()

    def _record_file(self, item: Input, fmt: str, engine: Engine, share: _FileShare) -> None:
        from .batch import Outcome, process_records
        from .records import (
            RecordError,
            RefusedError,
            parquet_columns,
            parquet_rows,
            refuse_clashes,
            refuse_unknown_columns,
        )

        options = _record_options(self.args)
        if self.writer_for:
            engine.start()  # workers forked after the output is open would hold it open (LocalEngine.start)
        try:
            if fmt == "parquet" and self.writer_for:  # every row has the file's columns: refused whole, up front
                refuse_clashes(item.path, parquet_columns(item.path), options)
            if self.writer_for:  # a check writes no columns
                refuse_unknown_columns(item.path, fmt, options, self.messages.info)
            writer = self.writer_for(item, fmt) if self.writer_for else None
            skip = writer.resumed_at if writer else 0
            if skip:
                self.messages.info(f"{item.path}: resuming after record {skip}")
            share.rows = parquet_rows(item.path) if fmt == "parquet" else 0
            options = replace(options, output=writer.output if writer else None)
        except (OSError, RecordError) as err:
            if isinstance(err, OSError) and err.filename and os.path.abspath(err.filename) != os.path.abspath(item.path):
                # the output's folder or partial file (open() names the path it failed on), not the input
                self.output_error(f"cannot write {err.filename}: {err.strerror or err}; nothing of it is written")
                return
            message = str(err) if isinstance(err, RecordError) else f"{item.path}: {err.strerror or err}"
            self._input_error(Outcome(item, error=message), message, refused=isinstance(err, RefusedError))
            return
        read = skip  # records of the input cleaned, by this run or the one it resumes

        def skipped(position: int, blanks: int) -> None:
            share.skip(position)
            self.sinks.resumed(item.path, skip - blanks)  # the earlier run's report lines of the records skipped

        batches = process_records(item, fmt, self.config, options, engine, skip, on_skipped=skipped)
        try:
            for position, outcomes in batches:
                read += len(outcomes)
                for outcome in outcomes:
                    # the report's line before the output's (see _result): a
                    # checkpoint, made as a record is written, follows the
                    # lines of every record it holds
                    self._record_outcome(item, outcome, writer is not None)
                    if writer is not None:
                        _written(writer.write, outcome)
                share.advance(position, len(outcomes))
            if writer is not None:
                _written(writer.close)
        except RecordError as err:  # the input is damaged part-way: what came before it is kept
            message = f"{err}; {_kept_before_damage(writer, read)}"
            self._input_error(Outcome(item, error=message), message)
            return
        except _OutputFailed as failed:
            # A full disk part-way through a 6,000-record file was a traceback
            # that ended the batch, the inputs after it never cleaned. As for a
            # text file, it is one line and the others go on; --in-place keeps
            # nothing of the output (the input is the original, unchanged).
            assert writer is not None
            kept = writer.fail(keep=bool(self.args.output_dir))
            self.output_error(f"cannot write {writer.target}: {failed}; "
                              + ("the original is unchanged" if self.args.in_place else kept))
            return
        except BaseException:
            if writer is not None:
                writer.abort()  # the partial output and its checkpoint stay for --resume
            raise
        finally:
            batches.close()  # batches still in flight are cancelled, not waited for

    def _record_outcome(self, item: Input, outcome: RecordOutcome, writes: bool) -> None:
        """A record's outcome to the summary and the reports."""
        from .batch import Outcome
        from .discover import Input

        name = f"{item.path}#{outcome.key}"
        if outcome.result is None:
            if outcome.error:
                kept = f"; {outcome.kept}" if writes and outcome.kept else ""  # check writes nothing
                self._record_error(Input(name, item.root, True), f"{name}: {outcome.error}{kept}")
            return
        self._result(Outcome(Input(name, item.root, True), result=outcome.result, original=outcome.original,
                             record=True), outcome.seconds, record=True)

    def output_error(self, message: str, counted: bool = True) -> None:
        """An output that could not be written: ``message`` on stderr and in
        the summary, and counted for the exit status unless the caller counts
        it (``counted`` False)."""
        self.messages.error(message)
        self.summary.error(message, unwritable=True)
        self.unwritable += counted

    def _input_error(self, outcome: Outcome, message: str, refused: bool = False) -> None:
        """An input that cannot be read (a record file: whole, or from some
        record on), or is ``refused`` (a column of it clashes with a result
        column, or --columns names one it lacks): ``message`` on stderr and in
        the summary, counted, and ``outcome`` to the reports."""
        self.messages.error(message)
        self.summary.error(message, refused=refused)
        self.unreadable += 1
        self.sinks.error(outcome)

    def _record_error(self, name: Input, message: str) -> None:
        from .batch import Outcome

        self.record_errors += 1
        self.summary.error(message, record=True)
        self.sinks.error(Outcome(name, error=message, record=True))
        if self.record_errors <= 10:
            self.messages.error(message)
        elif self.record_errors == 11:
            self.messages.error("more records cannot be cleaned; the summary counts them")


class _FileShare:
    """A record file's part of the progress bar, which counts bytes of text
    (progress.py): ``size`` is its estimate (records.text_size), which a
    JSONL or gzip file's positions count up to, and a Parquet file's
    positions count rows, its share of ``size`` the share of its rows done."""

    def __init__(self, bar: Progress, size: int) -> None:
        self.bar, self.size = bar, size
        self.rows = 0  # a Parquet file's, from its footer: its positions count rows
        self.done = 0

    def _bytes(self, position: int) -> int:
        """``position`` in the bar's bytes; past the estimate, the total grows."""
        if self.rows:
            return int(self.size * position / self.rows)
        if position > self.size:
            self.bar.grow(position - self.size)  # a gzip file of several members: more text than estimated
            self.size = position
        return position

    def advance(self, position: int, records: int) -> None:
        position = self._bytes(position)
        self.bar.advance(max(0, position - self.done), records=records)
        self.done = max(self.done, position)

    def skip(self, position: int) -> None:
        """The records before ``position`` were done by the run --resume goes
        on from: done on the bar, but not this run's work (Progress.skip)."""
        position = self._bytes(position)
        self.bar.skip(max(0, position - self.done))
        self.done = max(self.done, position)

    def finish(self) -> None:
        self.bar.advance(max(0, self.size - self.done), files=1)
        self.done = self.size


class _OutputFailed(Exception):
    """A write to a record file's output failed; the message is the reason."""


def _written(write: Callable[..., None], *args: object) -> None:
    """``write(*args)``, a failure to write turned into _OutputFailed. A pipe
    closed early (`cleanse clean x.jsonl | head`) is not a failure: main()
    ends quietly on it."""
    try:
        write(*args)
    except BrokenPipeError:
        raise
    except OSError as err:
        # pyarrow says "[Errno 28] Error writing bytes to file. Detail: ...":
        # the errno's own words are the one line wanted
        raise _OutputFailed(os.strerror(err.errno) if err.errno else str(err)) from None


def _kept_before_damage(writer: RecordWriter | None, read: int) -> str:
    """What became of the records read before an input's damage: ``check``
    (no writer) has checked them; ``clean`` keeps them, cleaned, where its
    writer says. An output is never finished from a damaged input: a file
    that looks whole would hide the records lost after the damage."""
    records = f"{read} record{'s' if read != 1 else ''}"
    if writer is None:
        return f"the {records} before it were checked"
    if not read:
        writer.discard()
        return "nothing before it could be read, and nothing is written"
    return f"the {records} before it are cleaned and {writer.keep()}"


_HINTS = {
    "permission denied": "check the file's permissions or leave it out (exclude = [...] in the configuration)",
}


def _with_hint(message: str) -> str:
    """An input error with what to do about it, when the reader did not say."""
    for ending, hint in _HINTS.items():
        if message.endswith(ending):
            return f"{message}; {hint}"
    return message


def _status(errors: int, failing: int, args: argparse.Namespace) -> int:
    if errors:
        return EXIT_ERROR
    if failing and not args.exit_zero:
        return EXIT_FAIL
    return EXIT_OK


def _check(args: argparse.Namespace, config: Config, messages: Messages, command_line: str) -> int:
    from .report import Options, renderer

    inputs, errors = _inputs(args, config, messages)
    fmt = "text" if args.format == "concise" else args.format
    source = args.format == "text" and not args.quiet
    options = Options(command="check", color=use_color(sys.stdout), source=source, summary=not args.quiet)
    if getattr(args, "resume", False):
        raise UsageError("--resume belongs to clean --output-dir (it skips inputs whose output is written)")
    sinks = _Sinks(args, config, renderer(fmt)(sys.stdout, options), command_line)
    unreadable, failing = _Run(args, config, messages, sinks, lambda outcome, reasons: None)(inputs, errors)
    return _status(len(errors) + unreadable, failing, args)


def _outputs_checked(inputs: list[Input], output_dir: str) -> list[Input]:
    """The inputs to clean into ``output_dir``, once no two of them would be
    written to one output and none over itself; found files already inside
    ``output_dir`` are left out (an earlier run's outputs, when the output
    folder sits in the input folder). `clean a/x.txt b/x.txt --output-dir out`
    wrote both to out/x.txt, the second over the first, and said "2 written";
    `clean docs --output-dir docs` wrote over every original."""
    out = os.path.abspath(output_dir)
    real_out = os.path.realpath(out)
    inside = out + os.sep
    real_dirs: dict[str, str] = {}
    # Outputs mirror paths under each PATH argument, so only inputs from two
    # arguments (or files named one by one) can meet at one output: a single
    # folder of a million files keeps no table of them.
    written: dict[str, str] | None = {} if len({item.root for item in inputs}) > 1 or \
        any(item.root is None for item in inputs) else None
    kept = []
    for item in inputs:
        if item.path == "-":
            kept.append(item)
            continue
        path = os.path.abspath(item.path)
        relative = os.path.normpath(item.relative)
        target = os.path.join(out, relative)
        folder = os.path.dirname(path)
        if folder not in real_dirs:
            real_dirs[folder] = os.path.realpath(folder)
        if os.path.join(real_dirs[folder], os.path.basename(path)) == os.path.join(real_out, relative):
            raise UsageError(f"--output-dir {output_dir} would write {item.path} over itself; "
                             "use --in-place to clean files where they are")
        if not item.named and path.startswith(inside):
            continue
        if written is not None:
            if target in written:
                raise UsageError(f"{written[target]} and {item.path} would both be written to {target}; "
                                 "name the folder that holds both, or clean them in separate runs")
            written[target] = item.path
        kept.append(item)
    return kept


def _not_done(inputs: list[Input], output_dir: str, messages: Messages) -> list[Input]:
    """--resume: the inputs whose output is not written yet. Outputs are
    written atomically (a temporary file renamed at the end), so an output
    that exists is complete; a record file's partial output resumes at its
    last checkpoint."""
    todo = [i for i in inputs if i.path == "-" or not (Path(output_dir) / i.relative).exists()]
    done = len(inputs) - len(todo)
    if done:
        messages.info(f"--resume: {done} input{'s' if done != 1 else ''} already done in {output_dir}, skipped")
    return todo


def _clean(args: argparse.Namespace, config: Config, messages: Messages, command_line: str) -> int:
    from .io import encode, write_atomic
    from .records import StreamWriter, make_writer, record_format, written_columns
    from .report import Options

    inputs, errors = _inputs(args, config, messages)
    to_stdout = not args.output_dir and not args.in_place and not args.diff
    if to_stdout and len(inputs) + len(errors) > 1:
        raise UsageError("clean with several inputs needs --output-dir DIR, --in-place or --diff "
                         "(standard output holds one cleaned text)")
    if args.in_place and any(i.path == "-" for i in inputs):
        raise UsageError("standard input (-) cannot be cleaned --in-place; use stdout or --output-dir")
    if args.checkpoint_every < 1:
        raise UsageError("--checkpoint-every must be at least 1 (records between checkpoints)")
    if args.text_field in written_columns(_record_options(args)):
        # the cleaned text and a result would be one field, one of them lost
        raise UsageError(f"--text-field {args.text_field} is also the name of a result column; "
                         "name the results apart with --result-prefix")
    if args.resume and not args.output_dir:
        raise UsageError("--resume needs --output-dir: it skips the inputs whose output is already there")
    if args.diff and any(record_format(i.path) for i in inputs):
        raise UsageError("--diff shows text files; for JSONL or Parquet records use --output-dir or "
                         "check --format jsonl")
    if args.output_dir and not args.diff:
        inputs = _outputs_checked(inputs, args.output_dir)
    resume = None
    if args.resume:
        todo = _not_done(inputs, args.output_dir, messages)
        # the report keeps an earlier run's lines of the inputs skipped, in their place among the others
        resume = ([i.path for i in inputs], {i.path for i in inputs} - {i.path for i in todo})
        inputs = todo
    diff = None
    if args.diff:
        from .report.diff import DiffRenderer

        diff = DiffRenderer(sys.stdout, Options(command="clean"))
    sinks = _Sinks(args, config, diff, command_line, resume)
    counts = {"cleaned": 0, "changed": 0, "written": 0, "write_errors": 0}

    def write(outcome: Outcome, reasons: Sequence[str]) -> None:
        result = outcome.result
        assert result is not None
        counts["cleaned"] += 1
        is_changed = result.text != outcome.original or outcome.rewrite
        counts["changed"] += is_changed
        if args.diff:
            if is_changed:
                _diff_notes(outcome, messages, counts)
            return
        try:
            if to_stdout:
                sys.stdout.flush()
                sys.stdout.buffer.write(result.text.encode("utf-8"))
                sys.stdout.buffer.flush()
            elif args.in_place:
                if is_changed:
                    write_atomic(outcome.input.path, encode(result.text, outcome.encoding))
                    counts["written"] += 1
                    removed = sum(1 for f in result.findings if f.replacement == "")
                    repaired = sum(1 for f in result.findings if f.replacement)
                    strays = ", stray bytes written as UTF-8" if outcome.rewrite else ""
                    messages.info(f"fixed {outcome.input.path} ({removed} removal{'s' if removed != 1 else ''}, "
                                  f"{repaired} repair{'s' if repaired != 1 else ''}{strays})")
            else:
                target = Path(args.output_dir) / outcome.input.relative
                write_atomic(target, encode(result.text, outcome.encoding))
                counts["written"] += 1
        except OSError as err:
            run.output_error(f"cannot write {outcome.input.path}: {err.strerror or err}; the original is unchanged",
                             counted=False)
            counts["write_errors"] += 1

    writers: list[RecordWriter] = []

    def writer_for(item: Input, fmt: str) -> RecordWriter | StreamWriter:
        if to_stdout:
            return StreamWriter(sys.stdout.buffer)
        target = item.path if args.in_place else str(Path(args.output_dir) / item.relative)
        writer = make_writer(target, fmt, item.path, config, _record_options(args), resume=args.resume,
                             every=args.checkpoint_every)
        writers.append(writer)
        return writer

    run = _Run(args, config, messages, sinks, write, writer_for)
    unreadable, failing = run(inputs, errors)
    if writers:
        finished = [w for w in writers if w.finished]  # not a damaged input's partial output
        records = sum(w.records for w in finished)
        messages.info(f"{records} record{'s' if records != 1 else ''} written to {len(finished)} "
                      f"file{'s' if len(finished) != 1 else ''}")
    text_inputs = sum(1 for i in inputs if i.path == "-" or not record_format(i.path))
    if not to_stdout and (text_inputs or not writers):
        n = counts["cleaned"]
        skipped = text_inputs - n
        verb = "would change" if args.diff else "changed"
        messages.info(f"{n} file{'s' if n != 1 else ''} cleaned, {counts['changed']} {verb}"
                      + ("" if args.diff else f", {counts['written']} written")
                      + (f", {skipped} skipped or unreadable" if skipped else ""))
    if args.diff and counts["changed"]:
        failing += 1  # like ruff --diff: a non-empty diff fails, so CI can gate on it
    return _status(len(errors) + unreadable + counts["write_errors"], failing, args)


def _diff_notes(outcome: Outcome, messages: Messages, counts: dict[str, int]) -> None:
    """What ``clean --diff`` says on stderr about a changed file: that its diff
    is in the file's own encoding (so patch applies it), or that there is none
    because the cleaned text cannot be written in that encoding."""
    from .io import EncodeError, encode, encoding_label

    assert outcome.result is not None
    path = outcome.input.path
    try:
        encode(outcome.result.text, outcome.encoding)
    except EncodeError as err:
        # --in-place would refuse this file (exit 2), so the diff shows nothing for it either
        messages.error(f"{path}: no diff: {err.strerror}")
        counts["write_errors"] += 1
        return
    if outcome.encoding.replace("_", "-").lower() not in ("utf-8", "utf-8-sig"):
        # A Windows-1252 file's diff holds Windows-1252 bytes: `patch -p0`
        # applies it, and a UTF-8 terminal shows its 'café' as 'caf\ufffd'.
        messages.info(f"{path}: the diff is in {encoding_label(outcome.encoding)}, the file's encoding, so that "
                      "patch applies it (its non-ASCII characters may look wrong on a UTF-8 terminal)")


def _rules(fmt: str, stream: TextIO) -> int:
    from . import detectors  # noqa: F401
    from .rules import REGISTRY

    if fmt == "markdown":
        from .report.rules_doc import rules_markdown

        stream.write(rules_markdown())
        return EXIT_OK
    if fmt == "json":
        rows = [{"id": r.id, "name": r.name, "category": r.category, "severity": r.severity,
                 "fixable": r.fixable, "summary": r.summary, "rationale": r.rationale, "example": r.example,
                 "leaves": r.leaves, "fix": r.fix} for r in REGISTRY]
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return EXIT_OK
    for r in REGISTRY:
        fix = "fix" if r.fixable else "   "
        stream.write(f"{r.id:8} {r.name:24} {r.category:12} {r.severity:8} {fix}  {r.summary}\n")
    return EXIT_OK


def _rule(key: str, stream: TextIO) -> int:
    from . import detectors  # noqa: F401
    from .report.rules_doc import rule_text
    from .rules import REGISTRY

    r = REGISTRY.get(key)
    if r is None:
        names = [rule.id for rule in REGISTRY] + [rule.name for rule in REGISTRY]
        wanted = key.upper() if key[-1:].isdigit() else key.lower()
        close = list(dict.fromkeys([n for n in names if n.startswith(wanted)] + get_close_matches(wanted, names, n=3)))[:3]
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        print(f"cleanse: error: unknown rule {key!r}{hint}; `cleanse rules` lists them", file=sys.stderr)
        return EXIT_ERROR
    stream.write(rule_text(r))
    return EXIT_OK


def entry() -> None:  # console script
    # Reports and cleaned text are UTF-8 whatever the locale: a C locale would
    # otherwise crash on the first emoji in a share line.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    sys.exit(main())
