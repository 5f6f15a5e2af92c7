"""Offset maps: trace every character of a rewritten text back to its source.

A map is a sorted list of segments.  Segment ``k`` covers ``[n_start[k], n_start[k+1])`` of
the derived text and came from ``[s_start[k], s_end[k])`` of the source.  A *linear* segment
is a 1:1 copy (or a same-length character substitution), so positions inside it map one to
one; any other segment (a tag replaced by a newline, a decoded entity, a converted phrase of a
different length) maps only as a whole.  Deleted source text simply has no segment.

Maps compose, so each normaliser step only describes its own rewrite and the normaliser
chains them into one map from the final text to the raw input (STYLE P3).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

__all__ = ["OffsetMap", "Builder", "rewrite"]


@dataclass(slots=True)
class OffsetMap:
    """Piecewise map from positions of a derived text to spans of its source."""

    length: int
    source_length: int
    n_start: list[int] = field(default_factory=list)
    s_start: list[int] = field(default_factory=list)
    s_end: list[int] = field(default_factory=list)
    linear: list[bool] = field(default_factory=list)

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        m = cls(length, length)
        if length:
            m.n_start.append(0)
            m.s_start.append(0)
            m.s_end.append(length)
            m.linear.append(True)
        return m

    # -- lookup ---------------------------------------------------------------------------
    def _seg_end(self, k: int) -> int:
        return self.n_start[k + 1] if k + 1 < len(self.n_start) else self.length

    def _point(self, pos: int, *, as_end: bool) -> int:
        """Source position for a boundary ``pos`` of the derived text."""
        if not self.n_start:
            return 0
        if as_end:
            if pos <= 0:
                return self.s_start[0] if self.n_start[0] == 0 else 0
            k = bisect_right(self.n_start, pos - 1) - 1
            if self.linear[k]:
                return self.s_start[k] + (pos - self.n_start[k])
            return self.s_end[k]
        if pos >= self.length:
            return self.s_end[-1] if self.n_start else self.source_length
        k = bisect_right(self.n_start, pos) - 1
        if k < 0:
            return 0
        if self.linear[k]:
            return self.s_start[k] + (pos - self.n_start[k])
        return self.s_start[k]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of the derived text to the source.

        >>> m = OffsetMap.identity(5)
        >>> m.to_source(1, 3)
        (1, 3)
        """
        if not 0 <= start <= end <= self.length:
            raise IndexError(f"span [{start}, {end}) outside text of length {self.length}")
        if start == end:
            p = self._point(start, as_end=False)
            return p, p
        s = self._point(start, as_end=False)
        e = self._point(end, as_end=True)
        return s, max(s, e)

    @property
    def is_identity(self) -> bool:
        return self.length == self.source_length and (
            not self.n_start or (len(self.n_start) == 1 and self.linear[0] and self.s_start[0] == 0
                                 and self.s_end[0] == self.length))

    # -- composition ----------------------------------------------------------------------
    def then(self, outer: "OffsetMap") -> "OffsetMap":
        """Compose: ``outer`` maps a newer text onto this map's derived text; the result maps
        that newer text straight onto this map's source."""
        if outer.source_length != self.length:
            raise ValueError("cannot compose maps of mismatched lengths")
        if outer.is_identity:
            return self
        if self.is_identity:
            return outer
        out = Builder.__new__(Builder)
        out._init_map(outer.length, self.source_length)
        for k in range(len(outer.n_start)):
            ns = outer.n_start[k]
            ms, me = outer.s_start[k], outer.s_end[k]
            if not outer.linear[k] or ms == me:
                s, e = self.to_source(ms, me)
                out._seg(ns, s, e, False)
                continue
            # linear: split along this map's segments
            j = max(0, bisect_right(self.n_start, ms) - 1)
            pos = ms
            while pos < me and j < len(self.n_start):
                seg_s, seg_e = self.n_start[j], self._seg_end(j)
                a, b = max(pos, seg_s), min(me, seg_e)
                if a < b:
                    if self.linear[j]:
                        src = self.s_start[j] + (a - seg_s)
                        out._seg(ns + (a - ms), src, src + (b - a), True)
                    else:
                        out._seg(ns + (a - ms), self.s_start[j], self.s_end[j], False)
                    pos = b
                j += 1
        return out._map


class Builder:
    """Assemble a rewritten text piece by piece while recording where each piece came from.

    >>> b = Builder("a<b>c")
    >>> b.keep(0, 1); b.put("", 1, 4); b.keep(4, 5)
    >>> text, m = b.finish()
    >>> text, m.to_source(1, 2)
    ('ac', (4, 5))
    """

    __slots__ = ("src", "parts", "pos", "_map")

    def __init__(self, src: str):
        self.src = src
        self.parts: list[str] = []
        self.pos = 0
        self._init_map(0, len(src))

    def _init_map(self, length: int, source_length: int) -> None:
        self._map = OffsetMap(length, source_length)

    def _seg(self, n: int, s: int, e: int, linear: bool) -> None:
        m = self._map
        if m.n_start and m.n_start[-1] == n:
            # a previous zero-length segment at the same place: replace it
            m.s_start[-1], m.s_end[-1], m.linear[-1] = s, e, linear
            return
        if m.n_start and linear and m.linear[-1] and m.s_end[-1] == s:
            # extend a contiguous linear run
            m.s_end[-1] = e
            return
        m.n_start.append(n)
        m.s_start.append(s)
        m.s_end.append(e)
        m.linear.append(linear)

    def keep(self, i: int, j: int) -> None:
        """Copy ``src[i:j]`` unchanged."""
        if i < j:
            self.parts.append(self.src[i:j])
            self._seg(self.pos, i, j, True)
            self.pos += j - i

    def put(self, text: str, i: int, j: int, *, linear: bool = False) -> None:
        """Write ``text`` in place of ``src[i:j]`` (empty ``text`` deletes it).

        ``linear`` declares a character-for-character substitution of equal length."""
        if not text:
            return
        if linear and len(text) != j - i:
            linear = False
        self.parts.append(text)
        self._seg(self.pos, i, j, linear)
        self.pos += len(text)

    def finish(self) -> tuple[str, OffsetMap]:
        text = "".join(self.parts)
        self._map.length = len(text)
        return text, self._map


def rewrite(text: str, matches: Iterable[Any], emit: Callable[[Any, Builder], None]) -> tuple[str, OffsetMap]:
    """Copy ``text`` unchanged between ``matches`` and let ``emit(match, builder)`` write each
    match's replacement (writing nothing deletes it).

    >>> import re
    >>> rewrite("a1b22", re.finditer(r"\\d+", "a1b22"), lambda m, b: b.put("#", m.start(), m.end()))[0]
    'a#b#'
    """
    b = Builder(text)
    last = 0
    for m in matches:
        b.keep(last, m.start())
        emit(m, b)
        last = m.end()
    b.keep(last, len(text))
    return b.finish()
