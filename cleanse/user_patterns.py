"""The configuration's own regular expressions (``boilerplate-patterns``,
``keep-patterns``): compiled and screened when the configuration loads, and
matched within a bound.

Python's ``re`` backtracks. A repeated group whose only required part is an
unbounded repeat, such as ``(\\w+\\s?)*$`` or ``(a+)+$``, can split a line that
almost matches between the two repeats in exponentially many ways: on 18
letters and a ``!``, ``(\\w+\\s?)*$`` takes 0.05 s, on 22 letters 0.56 s, and
each letter more nearly doubles it (over a minute at 30); one such line stalls
a batch. Such a pattern is refused at load time with a message that says how
to write it instead.

Patterns that are slow only polynomially (``.*a.*b`` is quadratic on a line
without ``b``) cannot be told from ordinary ones without refusing many good
patterns; they are bounded instead: ``boilerplate-patterns`` are tried on lines
of at most ``MAX_LINE`` characters (furniture is short: the built-in rules read
lines of at most 600), and ``keep-patterns`` read at most the first ``MAX_LINE``
characters of a line.
"""

from __future__ import annotations

import re
import sys

if sys.version_info >= (3, 11):
    from re import _constants as _sre
    from re import _parser as _sre_parse
else:  # pragma: no cover - exercised on Python 3.10 only
    import sre_constants as _sre
    import sre_parse as _sre_parse

MAX_LINE = 2000

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)  # backtracking repeats (not possessive ones)
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT, _sre.GROUPREF)
# A repeat bounded this high is unbounded for backtracking purposes: `(a+){1,50}`
# has as many ways to split 50 letters as `(a+)+`.
_MANY = 10


class UnsafePattern(ValueError):
    """A pattern whose matching time can grow exponentially with the line."""


def compile_user_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled, or ``re.error`` / :class:`UnsafePattern` saying why not."""
    compiled = re.compile(pattern)
    if _has_ambiguous_repeat(_sre_parse.parse(pattern)):
        raise UnsafePattern(
            "a repeated group holds an unbounded repeat and nothing else it requires, so a line that "
            "almost matches can take exponential time (`(\\w+\\s?)*$` on 30 letters and a `!` takes "
            "over a minute); write it so each character has one way to match, e.g. `(?:\\w+\\s)*\\w*` for "
            "`(\\w+\\s?)*`, or make the inner repeat possessive (`\\w++`, Python 3.11+)"
        )
    return compiled


def _has_ambiguous_repeat(items) -> bool:
    for op, value in items:
        for child in _children(op, value):
            if _has_ambiguous_repeat(child):
                return True
        if op in _REPEATS and _is_many(value[1]) and _repeat_inside(value[2]):
            return True
    return False


def _repeat_inside(body) -> bool:
    """Whether ``body``, repeated, can split its input ambiguously: all it
    requires is one unbounded repeat (`\\w+` in `(\\w+\\s?)`), or it requires
    nothing and holds one (`(a*)`)."""
    required = [(op, value) for op, value in body if not _nullable(op, value)]
    if not required:
        return any(_holds_unbounded(op, value) for op, value in body)
    if len(required) > 1:
        return False
    op, value = required[0]
    if op in _REPEATS:
        return _is_many(value[1])
    if op == _sre.SUBPATTERN:
        return _repeat_inside(value[3])
    return False


def _holds_unbounded(op, value) -> bool:
    if op in _REPEATS and _is_many(value[1]):
        return True
    return any(_holds_unbounded(o, v) for child in _children(op, value) for o, v in child)


def _nullable(op, value) -> bool:
    """Whether the element can match the empty string."""
    if op in _ZERO_WIDTH:
        return True
    if op in _REPEATS or op == getattr(_sre, "POSSESSIVE_REPEAT", None):
        return value[0] == 0 or all(_nullable(o, v) for o, v in value[2])
    if op in (_sre.SUBPATTERN, getattr(_sre, "ATOMIC_GROUP", None)):
        body = value[3] if op == _sre.SUBPATTERN else value
        return all(_nullable(o, v) for o, v in body)
    if op == _sre.BRANCH:
        return any(all(_nullable(o, v) for o, v in branch) for branch in value[1])
    return False


def _children(op, value) -> list:
    """The sub-sequences an element holds."""
    if op in _REPEATS or op == getattr(_sre, "POSSESSIVE_REPEAT", None):
        return [value[2]]
    if op == _sre.SUBPATTERN:
        return [value[3]]
    if op == getattr(_sre, "ATOMIC_GROUP", None):
        return [value]
    if op == _sre.BRANCH:
        return list(value[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [value[1]]
    if op == _sre.GROUPREF_EXISTS:
        return [branch for branch in value[1:] if branch is not None]
    return []


def _is_many(maximum: int) -> bool:
    return maximum == _sre.MAXREPEAT or maximum >= _MANY
