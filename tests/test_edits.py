"""Unit and property tests of the edit machinery: span alignment of ftfy's
repairs, the offset map between original and repaired view, overlap resolution."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse.detectors.encoding import changed_spans
from cleanse.edits import Edit, OffsetMap, apply_flat, resolve

ALPHABET = st.sampled_from(list("ab á»±Ã¡ \u00a0xy"))


def _apply(before: str, spans: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, replacement in spans:
        assert pos <= start <= end <= len(before)
        out += [before[pos:start], replacement]
        pos = end
    return "".join(out) + before[pos:]


def test_word_aligned_spans_on_vietnamese() -> None:
    spans = changed_spans("dá»± Ã¡n", "dự án")
    assert spans == [(1, 4, "ự"), (5, 7, "á")]


def test_shape_change_falls_back_to_character_diff_with_insertions() -> None:
    before, after = "vÃ  kinh", "và kinh"
    assert _apply(before, changed_spans(before, after)) == after
    before, after = "ab", "aXb"  # a pure insertion is never lost
    spans = changed_spans(before, after)
    assert _apply(before, spans) == after
    assert all(end > start for start, end, _ in spans)


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=30), st.text(ALPHABET, max_size=30))
def test_changed_spans_always_rebuild_the_target(before: str, after: str) -> None:
    spans = changed_spans(before, after)
    assert _apply(before, spans) == after
    assert spans == sorted(spans)


def test_overlapping_removals_merge_and_nested_edits_drop() -> None:
    edits = resolve([Edit(0, 2, ""), Edit(1, 10, "", 1), Edit(3, 4, "x")])
    assert edits == [Edit(0, 10, "", 1)]


def test_partial_overlap_prefers_priority() -> None:
    assert resolve([Edit(0, 3, "ab"), Edit(2, 6, "", 1)]) == [Edit(2, 6, "", 1)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4), st.text(max_size=3)), max_size=6))
def test_offset_map_round_trips_unchanged_positions(text: str, raw: list[tuple[int, int, str]]) -> None:
    edits = resolve(
        Edit(min(s, len(text)), min(s + n, len(text)), r) for s, n, r in raw if min(s + n, len(text)) > min(s, len(text))
    )
    view = apply_flat(text, edits)
    offsets = OffsetMap(edits)
    # every view character outside a replacement maps to the same character in the original
    covered = set()
    shift = 0
    for edit in edits:
        covered.update(range(edit.start + shift, edit.start + shift + len(edit.replacement)))
        shift += len(edit.replacement) - (edit.end - edit.start)
    for position, char in enumerate(view):
        start = offsets.start(position)
        end = offsets.end(position + 1)
        assert 0 <= start <= end <= len(text)
        if position not in covered:
            assert text[start:end].endswith(char)
