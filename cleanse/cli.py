"""The ``cleanse`` command: argument parsing and output, no detection logic.

Exit status: 0 every input passes; 1 some input fails (a finding at or above
``fail-on`` severity in ``check``, or a score under ``--fail-under``); 2 a usage
error or an input that cannot be read (the other inputs are still processed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .config import Config, ConfigError, default_config, discover, load_file
from .rules import SEVERITIES

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursed) or - for standard input")
    parser.add_argument("--select", type=_csv, metavar="RULES",
                        help="comma-separated rule ids, prefixes, names or categories to run (replaces the config's)")
    parser.add_argument("--extend-select", type=_csv, metavar="RULES", help="rules to run in addition to the selection")
    parser.add_argument("--ignore", type=_csv, metavar="RULES", help="rules to skip (added to the config's)")
    parser.add_argument("--config", metavar="FILE", help="a pyproject.toml or .cleanse.toml to use instead of discovery")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--fail-under", type=float, metavar="SCORE", help="fail when a score is under SCORE (0-100)")
    parser.add_argument("--language", type=_csv, metavar="CODES", help="expected document language(s), e.g. en,es")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summaries")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanse",
        description="Find and remove mojibake, boilerplate and translation artefacts in text.",
    )
    parser.add_argument("--version", action="version", version=f"cleanse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    check = commands.add_parser("check", help="report findings and scores, change nothing")
    _add_common(check)
    check.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    check.add_argument("--report", metavar="FILE.jsonl", help="also write one JSON object per input to FILE")
    check.add_argument("--fail-on", choices=SEVERITIES, help="fail on a finding at or above this severity (default error)")

    clean = commands.add_parser("clean", help="write cleaned text (stdout, --output-dir or --in-place)")
    _add_common(clean)
    target = clean.add_mutually_exclusive_group()
    target.add_argument("--output-dir", metavar="DIR", help="write each cleaned file under DIR, mirroring its path")
    target.add_argument("--in-place", action="store_true", help="rewrite changed files atomically")
    clean.add_argument("--report", metavar="FILE.jsonl", help="write one JSON object per input to FILE")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="markdown prints the rule reference of docs/rules.md")
    rule = commands.add_parser("rule", help="explain one rule")
    rule.add_argument("rule_id", metavar="RULE", help="rule id or name, e.g. ENC001 or lossy-mojibake")
    return parser


def _load_config(args: argparse.Namespace) -> Config:
    if args.isolated:
        config = default_config()
    elif args.config:
        config = load_file(args.config)
    else:
        found = discover()
        config = load_file(found) if found else default_config()
    ignore = tuple(config.ignore) + tuple(args.ignore or ())
    return config.merged(
        select=tuple(args.select) if args.select is not None else None,
        extend_select=tuple(config.extend_select) + tuple(args.extend_select or ()),
        ignore=ignore,
        fail_under=args.fail_under,
        fail_on=getattr(args, "fail_on", None),
        languages=tuple(args.language) if args.language else None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code not in (0, None) else EXIT_OK
    try:
        if args.command == "rules":
            return _rules(args.format, sys.stdout)
        if args.command == "rule":
            return _rule(args.rule_id, sys.stdout)
        config = _load_config(args)
        if args.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        if args.command == "check":
            return _check(args, config)
        return _clean(args, config)
    except (ConfigError, UsageError) as err:
        print(f"cleanse: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `cleanse check ... | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("cleanse: interrupted", file=sys.stderr)
        return 130


def _fails(result, config: Config, check: bool) -> bool:
    score = result.score if check else result.score_after
    if config.fail_under is not None and score < config.fail_under:
        return True
    if check:
        threshold = SEVERITIES.index(config.fail_on)
        return any(SEVERITIES.index(f.severity) >= threshold for f in result.findings)
    return False


def _open_report(path: str | None) -> TextIO | None:
    if not path:
        return None
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write report {path}: {err.strerror or err}") from None


def _inputs(args: argparse.Namespace, config: Config):
    from .batch import discover as discover_inputs

    if args.paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    inputs, errors = discover_inputs(args.paths, config)
    for message in errors:
        print(f"cleanse: error: {message}", file=sys.stderr)
    return inputs, errors


def _check(args: argparse.Namespace, config: Config) -> int:
    from .batch import process
    from .report import file_object, write_jsonl, write_text

    inputs, errors = _inputs(args, config)
    status = EXIT_ERROR if errors else EXIT_OK
    report = _open_report(args.report)
    collected = []
    failed = False
    try:
        for outcome in process(inputs, config, args.jobs):
            if outcome.result is None:
                if not outcome.skipped:
                    print(f"cleanse: error: {outcome.error}", file=sys.stderr)
                    status = EXIT_ERROR
                elif not args.quiet:
                    print(f"cleanse: skipped {outcome.error}", file=sys.stderr)
                continue
            failed |= _fails(outcome.result, config, check=True)
            if report:
                write_jsonl(outcome, report)
            if args.format == "jsonl":
                write_jsonl(outcome, sys.stdout)
            elif args.format == "json":
                collected.append(file_object(outcome))
            else:
                write_text(outcome, sys.stdout, show_summary=not args.quiet)
    finally:
        if report:
            report.close()
    if args.format == "json":
        json.dump(collected, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if status == EXIT_OK and failed:
        status = EXIT_FAIL
    return status


def _clean(args: argparse.Namespace, config: Config) -> int:
    from .batch import process
    from .io import encode, write_atomic
    from .report import write_jsonl

    inputs, errors = _inputs(args, config)
    to_stdout = not args.output_dir and not args.in_place
    if to_stdout and len(inputs) + len(errors) > 1:
        raise UsageError("clean with several inputs needs --output-dir DIR or --in-place")
    if args.in_place and any(i.path == "-" for i in inputs):
        raise UsageError("standard input (-) cannot be cleaned --in-place; use stdout or --output-dir")
    status = EXIT_ERROR if errors else EXIT_OK
    report = _open_report(args.report)
    failed = False
    cleaned = changed = written = 0
    try:
        for outcome in process(inputs, config, args.jobs):
            result = outcome.result
            if result is None:
                if not outcome.skipped:
                    print(f"cleanse: error: {outcome.error}", file=sys.stderr)
                    status = EXIT_ERROR
                continue
            cleaned += 1
            failed |= _fails(result, config, check=False)
            if report:
                write_jsonl(outcome, report)
            is_changed = result.text != outcome.original
            changed += is_changed
            try:
                if to_stdout:
                    sys.stdout.flush()
                    sys.stdout.buffer.write(result.text.encode("utf-8"))
                    sys.stdout.buffer.flush()
                elif args.in_place:
                    if is_changed:
                        write_atomic(outcome.input.path, encode(result.text, outcome.encoding))
                        written += 1
                else:
                    target = Path(args.output_dir) / outcome.input.relative
                    write_atomic(target, encode(result.text, outcome.encoding))
                    written += 1
            except OSError as err:
                print(f"cleanse: error: cannot write {outcome.input.path}: {err.strerror or err}; "
                      f"the original is unchanged", file=sys.stderr)
                status = EXIT_ERROR
    finally:
        if report:
            report.close()
    if not to_stdout and not args.quiet:
        skipped = len(inputs) - cleaned
        print(f"cleanse: {cleaned} file{'s' if cleaned != 1 else ''} cleaned, {changed} changed, {written} written"
              + (f", {skipped} skipped or unreadable" if skipped else ""), file=sys.stderr)
    if status == EXIT_OK and failed:
        status = EXIT_FAIL
    return status


def _rules(fmt: str, stream: TextIO) -> int:
    from . import detectors  # noqa: F401
    from .rules import REGISTRY

    if fmt == "markdown":
        from .report.rules_doc import rules_markdown

        stream.write(rules_markdown())
        return EXIT_OK
    if fmt == "json":
        rows = [{"id": r.id, "name": r.name, "category": r.category, "severity": r.severity,
                 "fixable": r.fixable, "summary": r.summary, "example": r.example} for r in REGISTRY]
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return EXIT_OK
    for r in REGISTRY:
        fix = "fix" if r.fixable else "   "
        stream.write(f"{r.id:8} {r.name:24} {r.category:12} {r.severity:8} {fix}  {r.summary}\n")
    return EXIT_OK


def _rule(key: str, stream: TextIO) -> int:
    from . import detectors  # noqa: F401
    from .rules import REGISTRY

    r = REGISTRY.get(key)
    if r is None:
        print(f"cleanse: error: unknown rule {key!r}; `cleanse rules` lists them", file=sys.stderr)
        return EXIT_ERROR
    stream.write(
        f"{r.id} {r.name}\n\n"
        f"category: {r.category}\nseverity: {r.severity}\nfix:      {r.fix}\n\n"
        f"{r.summary}\n\n{r.rationale}\n\nExample:\n    {r.example}\n"
    )
    return EXIT_OK


def entry() -> None:  # console script
    # Reports and cleaned text are UTF-8 whatever the locale: a C locale would
    # otherwise crash on the first emoji in a share line.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    sys.exit(main())
