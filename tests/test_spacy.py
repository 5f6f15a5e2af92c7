"""The spaCy component (issue 6): offline pipeline, same mentions and records as
renewie.extract, nlp.pipe with two processes, to_disk / spacy.load."""

from __future__ import annotations

import json

import pytest

import renewie
from helpers import CORPUS

spacy = pytest.importorskip("spacy")

CONFIG = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config=CONFIG)
    nlp.add_pipe("renewie")
    return nlp


@pytest.fixture(scope="module")
def texts():
    return [renewie.read(p) for p in sorted((CORPUS / "docs").iterdir())]


def _spans(doc):
    return sorted((tuple(s._.renewie_char_span), s.label_, json.dumps(s._.renewie, ensure_ascii=False, sort_keys=True))
                  for s in doc.spans["renewie"])


def _expected(text):
    m = renewie.extract(text).mentions
    labels = {"places": "PLACE", "amounts": "MONEY", "counts": "QUANTITY", "times": "DATE"}
    return sorted((tuple(x["span"]), labels[g], json.dumps(x, ensure_ascii=False, sort_keys=True)) for g in m for x in m[g])


def test_spacy_component_matches_extract_on_corpus(nlp, texts):
    for text in texts:
        doc = nlp(text)
        assert _spans(doc) == _expected(text)
        assert doc._.renewal_records == [r.to_dict() for r in renewie.extract(text).records]
        for span in doc.spans["renewie"]:
            s, e = span._.renewie_char_span
            assert span.start_char <= s < e <= span.end_char  # expanded to tokens, exact span kept
            assert text[s:e] == span._.renewie["text"]


def test_spacy_ents_do_not_overlap(nlp, texts):
    doc = nlp(texts[0])
    ents = list(doc.ents)
    assert ents and all(a.end <= b.start for a, b in zip(ents, ents[1:]))
    assert {e.label_ for e in ents} <= {"PLACE", "MONEY", "QUANTITY", "DATE"}


@pytest.mark.slow
def test_spacy_pipe_two_processes_equals_one(nlp, texts):
    one = [(_spans(d), d._.renewal_records) for d in nlp.pipe(texts[:8], n_process=1)]
    two = [(_spans(d), d._.renewal_records) for d in nlp.pipe(texts[:8], n_process=2, batch_size=2)]
    assert one == two


def test_spacy_to_disk_and_load(nlp, texts, tmp_path):
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == ["renewie"]
    assert _spans(loaded(texts[1])) == _spans(nlp(texts[1]))


def test_spacy_mentions_inside_one_token_keep_their_own_values(nlp):
    """Two places that jieba makes one token (新疆巴音郭楞蒙古自治州) are split apart, so each span
    keeps its own value and characters (spaCy keys a span's extension values by its characters)."""
    text = "今年，新疆巴音郭楞蒙古自治州库尔勒市改造老旧小区36个。"
    doc = nlp(text)
    got = {(s.text, tuple(s._.renewie_char_span), s._.renewie_value) for s in doc.spans["renewie"] if s.label_ == "PLACE"}
    assert ("新疆", (3, 5), "650000") in got
    assert ("巴音郭楞蒙古自治州", (5, 14), "652800") in got
    assert doc.text == text
