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
import json
import os
import shlex
import sys
import time
from collections.abc import Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .config import Config, ConfigError, default_config, discover, load_file
from .rules import SEVERITIES

if TYPE_CHECKING:
    from .batch import Outcome
    from .document import Result
    from .report import Renderer

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
CHECK_FORMATS = ("text", "concise", "json", "jsonl", "github", "sarif")


class UsageError(Exception):
    pass


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _size(value: str) -> int:
    from .config import parse_size

    try:
        return parse_size(value, "--max-input-size")
    except ConfigError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _add_common(parser: argparse.ArgumentParser) -> None:
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
    parser.add_argument("--language", type=_csv, metavar="CODES", help="expected document language(s), e.g. en,es")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--max-input-size", type=_size, metavar="SIZE",
                        help="skip inputs larger than SIZE, e.g. 200M (default 64M; K, M, G are binary units)")
    parser.add_argument("--follow-symlinks", action="store_true", default=None,
                        help="follow symlinks that lead out of a folder being searched (default: skip them)")
    parser.add_argument("--html", metavar="FILE.html", help="also write a self-contained HTML report to FILE")
    parser.add_argument("--report", metavar="FILE.jsonl", help="also write one JSON object per input to FILE")
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
    _add_common(clean)
    target = clean.add_mutually_exclusive_group()
    target.add_argument("--output-dir", metavar="DIR", help="write each cleaned file under DIR, mirroring its path")
    target.add_argument("--in-place", action="store_true", help="rewrite changed files atomically")
    target.add_argument("--diff", action="store_true",
                        help="print a unified diff of what would change and write nothing (exit 1 if anything would)")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="markdown prints the rule reference of docs/rules.md")
    rule = commands.add_parser("rule", help="explain one rule: why, what it flags and leaves alone, the fix")
    rule.add_argument("rule_id", metavar="RULE", help="rule id or name, e.g. ENC001 or lossy-mojibake")
    return parser


class Messages:
    """Everything said on stderr about the run: errors always, the rest as
    ``--quiet`` / ``--verbose`` ask, and a progress line on a terminal."""

    def __init__(self, args: argparse.Namespace, stdout_used: bool) -> None:
        self.quiet = bool(getattr(args, "quiet", False))
        self.verbose = bool(getattr(args, "verbose", False))
        self.stream = sys.stderr
        # Progress only where it cannot garble output: stderr is a terminal and
        # stdout is not the same terminal (redirected, or not written at all).
        self.progress = (not self.quiet and _isatty(sys.stderr)
                         and (not stdout_used or not _isatty(sys.stdout)))
        self._shown = False
        self._last = 0.0

    def error(self, message: str) -> None:
        self.clear()
        print(f"cleanse: error: {message}", file=self.stream)

    def warn(self, message: str) -> None:
        if not self.quiet:
            self.clear()
            print(f"cleanse: warning: {message}", file=self.stream)

    def info(self, message: str) -> None:
        if not self.quiet:
            self.clear()
            print(f"cleanse: {message}", file=self.stream)

    def debug(self, message: str) -> None:
        if self.verbose:
            self.clear()
            print(f"cleanse: {message}", file=self.stream)

    def tick(self, done: int, total: int, path: str) -> None:
        if not self.progress or total < 2:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        width = 50
        shown = path if len(path) <= width else "…" + path[-(width - 1):]
        self.stream.write(f"\r\x1b[Kcleanse: {done}/{total} {shown}")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


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
    """Whether any output of this run carries ``metrics`` (JSON, JSONL, a report, HTML)."""
    return (getattr(args, "format", None) in ("json", "jsonl") or bool(getattr(args, "report", None))
            or bool(getattr(args, "html", None)))


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
        if args.jobs < 1:
            raise UsageError("--jobs must be at least 1 (the number of worker processes)")
        command_line = "cleanse " + shlex.join(argv)
        if args.command == "check":
            return _check(args, config, messages, command_line)
        return _clean(args, config, messages, command_line)
    except (ConfigError, UsageError) as err:
        messages.error(str(err))
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


def _open_output(path: str | None, what: str) -> TextIO | None:
    if not path:
        return None
    try:
        # backslashreplace: a lone surrogate in a finding must not lose the whole report
        return open(path, "w", encoding="utf-8", errors="backslashreplace")
    except OSError as err:
        hint = "; create the folder first" if isinstance(err, FileNotFoundError) else ""
        raise UsageError(f"cannot write {what} {path}: {err.strerror or err}{hint}") from None


def _inputs(args: argparse.Namespace, config: Config, messages: Messages):
    from .discover import discover as discover_inputs

    if args.paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    notes: list[str] = []
    inputs, errors = discover_inputs(args.paths, config, notes)
    for note in notes:
        messages.debug(note)
    for message in errors:
        messages.error(f"{message}; check the path (folders are searched for {', '.join(config.include)})")
    if not inputs and not errors:
        messages.warn(f"no files to {args.command} under {', '.join(args.paths)} "
                      f"(include: {', '.join(config.include)}; exclude: {', '.join(config.exclude)})")
    messages.debug(f"{len(inputs)} input{'s' if len(inputs) != 1 else ''}")
    return inputs, errors


class _Sinks:
    """The renderers a run feeds: stdout's format, --report, --html."""

    def __init__(self, args: argparse.Namespace, config: Config, stdout: Renderer | None, command_line: str) -> None:
        from .report import Options, renderer

        self.renderers: list[Renderer] = [stdout] if stdout else []
        self.files: list[TextIO] = []
        report = _open_output(args.report, "report")
        if report:
            self.files.append(report)
            self.renderers.append(renderer("jsonl")(report, Options(command=args.command)))
        html = _open_output(args.html, "HTML report")
        if html:
            from .report.html import HtmlRenderer

            self.files.append(html)
            self.renderers.append(HtmlRenderer(html, Options(command=args.command), command_line=command_line,
                                               fail_under=config.fail_under))

    def file(self, outcome: Outcome, reasons: Sequence[str]) -> None:
        for r in self.renderers:
            r.file(outcome, reasons)

    def error(self, outcome: Outcome) -> None:
        for r in self.renderers:
            r.error(outcome)

    def close(self, complete: bool = True) -> None:
        try:
            if complete:
                for r in self.renderers:
                    r.close()
        finally:
            for handle in self.files:
                handle.close()


def _run(args: argparse.Namespace, config: Config, messages: Messages, sinks: _Sinks, inputs, on_result) -> tuple[int, int]:
    """Process ``inputs``, feeding ``sinks``; returns (unreadable count, failing count)."""
    from .batch import process

    check = args.command == "check"
    unreadable = failing = 0
    started = time.monotonic()
    complete = False
    try:
        for done, outcome in enumerate(process(inputs, config, args.jobs), 1):
            messages.tick(done, len(inputs), outcome.input.path)
            if outcome.result is None:
                if outcome.skipped:
                    messages.info(f"skipped {outcome.error}")
                else:
                    messages.error(_with_hint(outcome.error or f"{outcome.input.path}: cannot be read"))
                    unreadable += 1
                sinks.error(outcome)
                continue
            reasons = fail_reasons(outcome.result, config, check)
            failing += bool(reasons)
            on_result(outcome, reasons)
            sinks.file(outcome, reasons)
            if messages.verbose:
                r = outcome.result
                messages.debug(f"{outcome.input.path}: score {r.score:.1f} -> {r.score_after:.1f}, "
                               f"{len(r.findings)} finding{'s' if len(r.findings) != 1 else ''}"
                               + (f"; fails: {'; '.join(reasons)}" if reasons else ""))
        complete = True
    finally:
        messages.clear()
        sinks.close(complete)
    if args.html:
        messages.info(f"wrote HTML report {args.html}")
    messages.debug(f"{len(inputs)} input{'s' if len(inputs) != 1 else ''} in {time.monotonic() - started:.2f} s")
    return unreadable, failing


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
    sinks = _Sinks(args, config, renderer(fmt)(sys.stdout, options), command_line)
    unreadable, failing = _run(args, config, messages, sinks, inputs, lambda outcome, reasons: None)
    return _status(len(errors) + unreadable, failing, args)


def _clean(args: argparse.Namespace, config: Config, messages: Messages, command_line: str) -> int:
    from .io import encode, write_atomic
    from .report import Options

    inputs, errors = _inputs(args, config, messages)
    to_stdout = not args.output_dir and not args.in_place and not args.diff
    if to_stdout and len(inputs) + len(errors) > 1:
        raise UsageError("clean with several inputs needs --output-dir DIR, --in-place or --diff "
                         "(standard output holds one cleaned text)")
    if args.in_place and any(i.path == "-" for i in inputs):
        raise UsageError("standard input (-) cannot be cleaned --in-place; use stdout or --output-dir")
    diff = None
    if args.diff:
        from .report.diff import DiffRenderer

        diff = DiffRenderer(sys.stdout, Options(command="clean"))
    sinks = _Sinks(args, config, diff, command_line)
    counts = {"cleaned": 0, "changed": 0, "written": 0, "write_errors": 0}

    def write(outcome: Outcome, reasons: Sequence[str]) -> None:
        result = outcome.result
        assert result is not None
        counts["cleaned"] += 1
        is_changed = result.text != outcome.original
        counts["changed"] += is_changed
        if args.diff:
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
                    messages.info(f"fixed {outcome.input.path} ({removed} removal{'s' if removed != 1 else ''}, "
                                  f"{repaired} repair{'s' if repaired != 1 else ''})")
            else:
                target = Path(args.output_dir) / outcome.input.relative
                write_atomic(target, encode(result.text, outcome.encoding))
                counts["written"] += 1
        except OSError as err:
            messages.error(f"cannot write {outcome.input.path}: {err.strerror or err}; the original is unchanged")
            counts["write_errors"] += 1

    unreadable, failing = _run(args, config, messages, sinks, inputs, write)
    if not to_stdout:
        n = counts["cleaned"]
        skipped = len(inputs) - n
        verb = "would change" if args.diff else "changed"
        messages.info(f"{n} file{'s' if n != 1 else ''} cleaned, {counts['changed']} {verb}"
                      + ("" if args.diff else f", {counts['written']} written")
                      + (f", {skipped} skipped or unreadable" if skipped else ""))
    if args.diff and counts["changed"]:
        failing += 1  # like ruff --diff: a non-empty diff fails, so CI can gate on it
    return _status(len(errors) + unreadable + counts["write_errors"], failing, args)


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
