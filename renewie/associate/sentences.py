"""Paragraphs, sentences and clauses of a normalised text, as offset ranges."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

__all__ = ["Layout", "split"]

PARAGRAPH = regex.compile(r"[^\n]+")
SENTENCE = regex.compile(r"[^。！？!?；;]+[。！？!?；;”」』]*")
CLAUSE = regex.compile(r"[^，,：:]+[，,：:]?")


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


def split(text: str) -> Layout:
    paragraphs, sentences, clauses = [], [], []
    for p in PARAGRAPH.finditer(text):
        pi = len(paragraphs)
        paragraphs.append((p.start(), p.end()))
        for s in SENTENCE.finditer(text, p.start(), p.end()):
            si = len(sentences)
            sentences.append((s.start(), s.end(), pi))
            for c in CLAUSE.finditer(text, s.start(), s.end()):
                clauses.append((c.start(), c.end(), si))
    return Layout(paragraphs, sentences, clauses, [s[0] for s in sentences], [c[0] for c in clauses])
