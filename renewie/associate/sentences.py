"""Paragraphs, sentences and clauses of a normalised text, as offset ranges."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Layout", "split"]

# The stdlib ``re`` runs these simple character-class scans faster than ``regex``.
PARAGRAPH = re.compile(r"[^\n]+")
SENTENCE = re.compile(r"[^\n。！？!?；;]+[。！？!?；;”」』]*")
# A clause runs to its comma (or colon) or to the end of its sentence; the second branch is a
# clause made only of sentence-ending marks after a comma (好，。).
# A comma between digits that parts thousands (1,268户) parts no clause.
CLAUSE = re.compile(r"(?:[^\n。！？!?；;，,：:]|(?<=\d),(?=\d{3}(?!\d)))+(?:[，,：:]|[。！？!?；;”」』]*)|(?<=[，,：:])[。！？!?；;]+[。！？!?；;”」』]*")


@dataclass(slots=True)
class Layout:
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]  # start, end, paragraph index
    clauses: list[tuple[int, int, int]]  # start, end, sentence index
    _s_starts: list[int]
    _c_starts: list[int]

    def sentence_at(self, pos: int) -> int:
        return max(0, bisect_right(self._s_starts, pos) - 1)

    def clause_at(self, pos: int) -> int:
        return max(0, bisect_right(self._c_starts, pos) - 1)

    def clauses_of(self, sent: int) -> range:
        """Indices of the clauses of sentence ``sent``."""
        first = self.clause_at(self.sentences[sent][0])
        last = self.clause_at(max(self.sentences[sent][0], self.sentences[sent][1] - 1))
        return range(first, last + 1)


def _within(pattern: re.Pattern, text: str, parent_starts: list[int]) -> list[tuple[int, int, int]]:
    """(start, end, index of the parent span it starts in) of every match, in one pass."""
    out: list[tuple[int, int, int]] = []
    k, last = 0, len(parent_starts) - 1
    for m in pattern.finditer(text):
        s, e = m.span()
        while k < last and parent_starts[k + 1] <= s:
            k += 1
        out.append((s, e, k))
    return out


def split(text: str) -> Layout:
    """Paragraphs (lines), sentences (up to 。！？； and closing quotes) and clauses (up to
    ，：) of ``text``; each sentence knows its paragraph and each clause its sentence."""
    paragraphs = [m.span() for m in PARAGRAPH.finditer(text)]
    sentences = _within(SENTENCE, text, [p[0] for p in paragraphs])
    s_starts = [s[0] for s in sentences]
    clauses = _within(CLAUSE, text, s_starts)
    return Layout(paragraphs, sentences, clauses, s_starts, [c[0] for c in clauses])
