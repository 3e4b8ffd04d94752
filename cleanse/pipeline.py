"""The pipeline: run the detectors, turn hits into findings, build the cleaned
text, score it. It knows nothing about mojibake or share links.

1. Repair-stage detectors (encoding) run on the original text.
2. Their repairs are applied to make a *view*; every other detector runs on the
   view, and an offset map brings its hits back to original offsets. So a
   boilerplate rule sees ``Comparte este artículo`` while its finding still
   points at ``Comparte este artÃculo`` in the file. Look-alike letters in
   Latin words (TRN009: a Cyrillic ``О``, U+041E, typed for the ``O`` of
   ``COVID``) are written in Latin in the view too, letter for letter, before
   any rule reads it.
3. Hits of rules the configuration does not select are dropped; severities
   are overridden from the configuration.
4. Edits (findings with a replacement) are resolved (a repair inside a removed
   line yields one removal; both findings stay) and applied.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from .config import Config
from .detectors import DETECTORS, Context, Hit
from .detectors.encoding import ascii_languages
from .detectors.textutil import code_lines
from .detectors.typography import HOMOGLYPH, latin_words
from .document import Document, Finding, Result
from .edits import Edit, OffsetMap, apply, apply_flat, resolve, split_by_line, widen_removal
from .language import LanguageGuess, identify_document, one_document
from .metrics import document_metrics
from .scoring import score
from .suppression import filter_inline, has_markers, markers

# When two edits overlap, removals outrank other fixes, and fixes made on the
# repaired view (a homoglyph fix, whose replacement already carries the
# mojibake repair under it) outrank the repair: the outcome is then what a
# second pass would produce.
_REPAIR_RULES = frozenset(r.id for d in DETECTORS if d.stage == "repair" for r in d.rules)


def _priority(finding: Finding) -> int:
    if finding.replacement == "":
        return 2
    return 0 if finding.rule in _REPAIR_RULES else 1


def run(text: str, config: Config, before: Iterable[Hit] = ()) -> Result:
    """``before``: hits found before the text existed as a str (io.decoding_hits:
    the file was Windows-1252), in ``text``'s offsets; filtered, suppressed and
    scored like every other hit."""
    return _settled_run(text, config, list(before), settle=True)


def _settled_run(text: str, config: Config, before: list[Hit], settle: bool) -> Result:
    """run(); with ``settle`` False, without checking that an unsettled
    language vote left a text that cleans to itself (see below), so that the
    check does not recurse."""
    with one_document():
        result, guess, repair_vote = _run(text, config, before)
        language = None
        if guess is not None and result.text != text and _uncertain(guess):
            # The language vote read lines the cleaning removed (`Author: HGV...`
            # bylines made a short document English at 0.591; without them the
            # vote is 0.498, no language), and rules judge by the language (a
            # Spanish date line is a timestamp only when the document has none):
            # a second cleaning, which votes on the cleaned text, judged again
            # and removed the date line (found by the fuzzer). When the first
            # vote was close, the cleaned text votes too, and if it decides
            # otherwise the document is cleaned again with that language.
            cleaned_guess = _vote(result.text, config)
            if cleaned_guess.code != guess.code:
                again, _, again_vote = _run(text, config, before, cleaned_guess)
                # The vote can go round: a short page of share lines and a
                # link line read as no language, the cleaning removed the link
                # line, the rest read as English, and under English the link
                # line was kept (a wrapped line of English prose), so the text
                # read as no language again, and a second pass removed it
                # (found by the fuzzer). When the cleaning under the new vote
                # does not confirm it, the first cleaning stands if it cleans
                # to itself.
                if not (settle and _vote(again.text, config).code != cleaned_guess.code
                        and _settled_run(result.text, config, [], settle=False).text == result.text):
                    language, result, repair_vote = cleaned_guess, again, again_vote
        if repair_vote is not None and result.text != text:
            # The same holds for the ASCII-word vote that repairs with several
            # candidates read: bylines and share lines the cleaning removed made a
            # short page {en, ca, es}, the cleaned text votes {ro, es}, and under
            # that vote a second cleaning repaired `å›½` to `国` (found by the
            # fuzzer). The vote is taken on the cleaned text too, and if it differs
            # the document is cleaned again under it.
            settled = ascii_languages(result.text)
            if settled != repair_vote:
                result, _, _ = _run(text, config, before, language, settled)
        return result


def _vote(text: str, config: Config) -> LanguageGuess:
    """The document language vote on a cleaned text."""
    return identify_document([line.text for line in Document(text).lines], backend=config.language_backend)


def _view_repairs(doc: Document, hits: list[Hit]) -> list[Hit]:
    """The repair hits that make the view: those with a replacement, less those
    silenced on their line. In `ÃlО... cleanse: ignore[ENC001]` the silenced
    lossy repair of `Ã` was in the view, the homoglyph fix of `ÃlО` carried it
    into the output as `ÁlO`, and a second pass read the changed line otherwise
    (found by the fuzzer). Repairs of rules the configuration does not select
    stay in the view, so that other rules read the text repaired (`select =
    ["boilerplate"]` still sees `Comparte este artÃculo` as a share line)."""
    silenced = markers(doc) if has_markers(doc) else {}
    applied = []
    for hit in hits:
        if hit.replacement is None:
            continue
        if silenced:
            rules = silenced.get(doc.line_index(hit.start) + 1, frozenset())
            if rules is None or hit.rule.id in rules:
                continue
        applied.append(hit)
    return applied


# A vote this far from deciding otherwise can change when removed lines no longer
# take part: below it, or with a runner-up this close.
_CLOSE_VOTE = 0.15


def _uncertain(guess: LanguageGuess) -> bool:
    if guess.confidence < 0.5 + _CLOSE_VOTE:
        return True
    return len(guess.candidates) > 1 and guess.candidates[0][1] - guess.candidates[1][1] < _CLOSE_VOTE


def _run(text: str, config: Config, before: list[Hit], language: LanguageGuess | None = None,
         repair_languages: frozenset[str] | None = None) -> tuple[Result, LanguageGuess | None, frozenset[str] | None]:
    """The cleaning of ``text``, the language vote it took (None when
    ``language`` was given) and the repairs' ASCII-word vote it took (None when
    no repair needed it, or ``repair_languages`` was given)."""
    enabled = config.enabled_rules()
    doc = Document(text)
    ctx = Context(config=config, enabled=enabled, repair_languages=repair_languages)

    repair_hits: list[Hit] = []
    for detector in DETECTORS:
        if detector.stage == "repair":
            repair_hits.extend(detector.detect(doc, ctx))
    # Removals take the spaces the output will lose with them (widen_removal, as in
    # _findings): the view must read as the output will, or `\x7f\tComparte este
    # artÃculo` keeps its tab in the view, is not seen as a share line, and a second
    # pass removes it (found by the fuzzer).
    bounds: dict[int, tuple[int, int]] = {}
    repairs = resolve(
        Edit(*(widen_removal(text, doc, h.start, h.end, bounds) if h.replacement == "" and h.end > h.start
               else (h.start, h.end)), h.replacement)
        for h in _view_repairs(doc, repair_hits)
    )
    if repairs:
        view = Document(apply_flat(text, repairs))
        offsets: OffsetMap | None = OffsetMap(repairs)
    else:
        view, offsets = doc, None
    lookalikes: list[Hit] = []
    if ctx.wants(HOMOGLYPH) and not view.text.isascii():
        latin, lookalikes = latin_words(view.text, ctx)
        view = Document(latin) if lookalikes else view

    view_lines = [line.text for line in view.lines]
    ctx.code_lines = code_lines(view_lines)
    guess = language if language is not None else identify_document(view_lines, backend=config.language_backend)
    voted = guess if language is None else None
    ctx.language = guess.code or (config.languages[0] if len(config.languages) == 1 else None)
    ctx.language_confidence = guess.confidence

    hits = [*before, *repair_hits]
    hits += _in_original(lookalikes, view.text, offsets) if offsets is not None else lookalikes
    active = [d for d in DETECTORS if d.stage != "repair" and any(ctx.wants(r) for r in d.rules)]
    for detector in active:
        found = detector.detect(view, ctx)
        hits.extend(_in_original(list(found), view.text, offsets) if offsets is not None else found)
    for detector in DETECTORS:
        if detector.stage != "repair":
            detector.finish(view, ctx)

    findings = _findings(doc, hits, config, enabled)
    findings = filter_inline(doc, findings)  # `cleanse: ignore[RULE]` markers, before any edit
    edits = resolve(
        Edit(a, b, repl, _priority(f))
        for f in findings
        if f.replacement is not None
        for a, b, repl in split_by_line(doc, f.start, f.end, f.replacement)
    )
    cleaned = apply(doc, edits)
    resolved = _resolved(findings, edits)
    score_before, score_after, breakdown = score(text, findings, resolved)
    metrics: dict[str, Any] = {
        "score_breakdown": breakdown,
        "language_confidence": guess.confidence,
        "chars": len(text),
        "chars_after": len(cleaned),
        "lines": len(doc.lines),
        "lines_removed": len(doc.lines) - _line_count(cleaned) if cleaned != text else 0,
        "findings_by_category": _count(findings, "category"),
        "findings_by_rule": _count(findings, "rule"),
    }
    metrics.update(ctx.metrics)
    if config.readability:
        metrics["readability"] = document_metrics(cleaned, ctx.language)
    repair_vote = ctx.repair_languages if repair_languages is None else None
    return Result(cleaned, score_before, score_after, ctx.language, findings, metrics), voted, repair_vote


def _in_original(hits: list[Hit], view: str, offsets: OffsetMap) -> list[Hit]:
    """One detector's hits on the repaired view, mapped to original offsets.

    Fixes of one rule that land in the same repaired run are merged into one:
    in `ÐžartÃAÃƒ!ñÐžartÃAÃƒ` one mojibake repair covers both words, and the
    homoglyph fixes of `ОartÃAÃ` and `ñОartÃAÃ` both map to all of it, each
    carrying only its own word's fix; the first won, and a second pass fixed
    the other (found by the fuzzer). Merged, the fix carries both."""
    placed: list[tuple[Hit, int, int, str | None]] = []  # each hit with its view span and replacement
    for hit in hits:
        view_span = (hit.start, hit.end, hit.replacement)
        if hit.replacement:  # a fix: its replacement is built once per group below
            hit.start, hit.end, _ = offsets.map_hit(view, hit.start, hit.end, None)
        else:
            hit.start, hit.end, hit.replacement = offsets.map_hit(view, hit.start, hit.end, hit.replacement)
        placed.append((hit, *view_span))
    # Building a fix's replacement copies the repaired run around it: once per fix,
    # 12,000 look-alike words under one 130 KB repair took quadratic time.
    fixes = sorted((p for p in placed if p[0].replacement), key=lambda p: (p[0].start, p[0].end))
    groups: list[list[tuple[Hit, int, int, str | None]]] = []
    group_end = 0  # the furthest end in the last group, kept as it grows (linear time)
    for fix in fixes:
        last = groups[-1] if groups else None
        if last and last[0][0].rule is fix[0].rule and fix[0].start < group_end:
            last.append(fix)
            group_end = max(group_end, fix[0].end)
        else:
            groups.append([fix])
            group_end = fix[0].end
    merged: set[int] = set()
    for group in groups:
        if len(group) > 1 and _merge(group, view, offsets):
            merged.update(id(p[0]) for p in group[1:])
            continue
        for hit, start, end, replacement in group:
            hit.start, hit.end, hit.replacement = offsets.map_hit(view, start, end, replacement)
    return [p[0] for p in placed if id(p[0]) not in merged] if merged else hits


def _merge(group: list[tuple[Hit, int, int, str | None]], view: str, offsets: OffsetMap) -> bool:
    """The group's first hit made to carry every fix of the group, over the
    union of their spans; False (nothing changed) when their view spans overlap."""
    ordered = sorted(group, key=lambda p: p[1])
    pieces, pos = [], ordered[0][1]
    for _, start, end, replacement in ordered:
        if start < pos:
            return False
        pieces += [view[pos:start], replacement or ""]
        pos = end
    end_all = max(p[2] for p in group)
    pieces.append(view[pos:end_all])
    first = group[0][0]
    first.start, first.end, first.replacement = offsets.map_hit(view, ordered[0][1], end_all, "".join(pieces))
    first.message = "; ".join(p[0].message for p in ordered)
    return True


def _line_count(text: str) -> int:
    """len(Document(text).lines), without building the line table: the line
    breaks, plus a last line that has none (or the one line of a text
    without breaks)."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (1 if not breaks or not text.endswith(("\n", "\r")) else 0)


def _findings(doc: Document, hits: list[Hit], config: Config, enabled: frozenset[str]) -> list[Finding]:
    text = doc.text
    findings: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    bounds: dict[int, tuple[int, int]] = {}  # per line, for widen_removal
    for hit in hits:
        rule = hit.rule
        if rule.id not in enabled:
            continue
        start, end = hit.start, hit.end
        if hit.replacement == "" and end > start:
            start, end = widen_removal(text, doc, start, end, bounds)
        key = (rule.id, start, end)
        if key in seen:
            continue
        seen.add(key)
        line, column = doc.position(start)
        findings.append(
            Finding(
                rule=rule.id,
                name=rule.name,
                category=rule.category,
                severity=config.severity_of(rule.id, rule.name, rule.severity),
                start=start,
                end=end,
                line=line,
                column=column,
                message=hit.message,
                replacement=hit.replacement,
                confidence=round(float(hit.confidence), 3),
            )
        )
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def _resolved(findings: list[Finding], edits: list[Edit]) -> list[bool]:
    """Whether each finding is gone from the cleaned text: it carried a fix, or
    its span lies inside an applied removal."""
    # Resolved edits do not overlap, so the one removal that can contain a span
    # is the last to start at or before it (bisection: a file of 100,000
    # control characters has as many findings as removals).
    removals = [(e.start, e.end) for e in edits if e.replacement == ""]
    starts = [a for a, _ in removals]
    result = []
    for finding in findings:
        if finding.replacement is not None:
            result.append(True)
            continue
        k = bisect_right(starts, finding.start)
        result.append(bool(k) and finding.end <= removals[k - 1][1])
    return result


def _count(findings: list[Finding], attribute: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        key = getattr(finding, attribute)
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
