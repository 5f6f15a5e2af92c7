"""spaCy component ``"renewie"`` (``pip install 'renewie[spacy]'``).

>>> import spacy
>>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
>>> _ = nlp.add_pipe("renewie")
>>> doc = nlp("2023年以来，黔江区已累计投入资金4500余万元推进老旧小区改造。")
>>> [(s.text, s.label_, s._.renewie_value) for s in doc.spans["renewie"]]
[('2023年以来', 'DATE', '2023'), ('黔江区', 'PLACE', '500114'), ('4500余万元', 'MONEY', 45000000)]
>>> doc._.renewal_records[0]["metrics"]["investment_yuan"]["value"]
45000000

Every mention goes into ``doc.spans[spans_key]`` with a label (PLACE, MONEY, QUANTITY, DATE),
its normalised value on ``span._.renewie_value`` (adcode for places, number for quantities,
start for dates), the whole mention dict on ``span._.renewie`` and its exact character span
on ``span._.renewie_char_span`` (a token a mention starts or ends inside is split there, so
every mention is a span of whole tokens).
Non-overlapping mentions become ``doc.ents``; records go to ``doc._.renewal_records``.
The component holds no extraction logic (STYLE P9): it calls :class:`renewie.Pipeline`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = ["RenewieComponent", "make_renewie"]

LABELS = {"places": "PLACE", "amounts": "MONEY", "counts": "QUANTITY", "times": "DATE"}


def _split_at(doc: Doc, bounds: set[int]) -> None:
    """Split the tokens that a mention starts or ends inside (新疆巴音郭楞蒙古自治州 as one jieba token
    holds two places), so that every mention is a span of whole tokens: spaCy keys a span's
    extension values by its characters, and two mentions expanded to one token span would share
    them."""
    marks = sorted(bounds)
    cuts = []
    for tok in doc:
        lo, hi = bisect_right(marks, tok.idx), bisect_left(marks, tok.idx + len(tok.text))
        if lo < hi:
            cuts.append((tok.i, [b - tok.idx for b in marks[lo:hi]]))
    if not cuts:
        return
    with doc.retokenize() as retok:
        for i, inner in cuts:
            tok = doc[i]
            edges = [0, *inner, len(tok.text)]
            orths = [tok.text[a:b] for a, b in pairwise(edges)]
            retok.split(tok, orths, heads=[(tok, 0)] * len(orths))


def _register_extensions() -> None:
    for name in ("renewie", "renewie_value", "renewie_char_span"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("renewal_records"):
        Doc.set_extension("renewal_records", default=None)


class RenewieComponent:
    """Doc → Doc: adds renewie's mentions as spans and entities and its records."""

    def __init__(self, nlp: Language, name: str = "renewie", *, lexicon_dir: str | None = None,
                 spans_key: str = "renewie", set_ents: bool = True):
        _register_extensions()
        self.name = name
        self.lexicon_dir = lexicon_dir
        self.spans_key = spans_key
        self.set_ents = set_ents
        self._pipeline = None

    @property
    def pipeline(self):
        if self._pipeline is None:
            from .pipeline import Pipeline, default_pipeline

            self._pipeline = Pipeline(self.lexicon_dir) if self.lexicon_dir else default_pipeline()
        return self._pipeline

    def __getstate__(self) -> dict[str, Any]:  # the Pipeline is rebuilt where it is used
        return {**self.__dict__, "_pipeline": None}

    def __call__(self, doc: Doc) -> Doc:
        result = self.pipeline.process_text(doc.text)
        mentions = result.mentions
        _split_at(doc, {b for group in LABELS for m in mentions[group] for b in m["span"]})
        spans = []
        for group, label in LABELS.items():
            for m in mentions[group]:
                start, end = m["span"]
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is None:
                    continue
                span._.renewie = m
                span._.renewie_char_span = [start, end]  # a list, as in every JSON span
                span._.renewie_value = m.get("adcode") if group == "places" else m.get("start") if group == "times" else m.get("value")
                spans.append(span)
        spans.sort(key=lambda s: (s.start_char, s.end_char))
        doc.spans[self.spans_key] = spans
        if self.set_ents:
            doc.ents = filter_spans(spans)
        doc._.renewal_records = [r.to_dict() for r in result.records]
        return doc


@Language.factory(
    "renewie",
    default_config={"lexicon_dir": None, "spans_key": "renewie", "set_ents": True},
    assigns=["doc.spans", "doc.ents", "doc._.renewal_records"],
)
def make_renewie(nlp: Language, name: str, lexicon_dir: str | None, spans_key: str, set_ents: bool) -> RenewieComponent:
    """Factory of the ``"renewie"`` component (registered through the spacy_factories entry point)."""
    return RenewieComponent(nlp, name, lexicon_dir=lexicon_dir, spans_key=spans_key, set_ents=set_ents)
