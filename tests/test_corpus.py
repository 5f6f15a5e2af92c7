"""The bundled corpus: every document has a gold file and a MANIFEST line, the extractor's
score on it does not fall below tests/golden/scores.json, and every metric span points into
the document's own text."""

from __future__ import annotations

import json

import pytest

import renewie
from helpers import CORPUS, ROOT, shared_dir
from renewie.evaluate import flatten, load_gold, score

RATCHET = json.loads((ROOT / "tests" / "golden" / "scores.json").read_text(encoding="utf-8"))


def _manifest() -> dict[str, str]:
    out = {}
    for line in (CORPUS / "MANIFEST").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, split, *_ = line.split("\t")
            out[name] = split
    return out


@pytest.fixture(scope="module")
def predictions():
    return [renewie.extract(p, doc_id=p.name).to_dict() for p in sorted((CORPUS / "docs").iterdir())]


def test_corpus_every_document_has_gold_and_manifest():
    docs = sorted(p.name for p in (CORPUS / "docs").iterdir())
    gold = load_gold(CORPUS / "gold")
    manifest = _manifest()
    assert len(docs) >= 20
    assert {d.rsplit(".", 1)[0] for d in docs} == set(gold)
    assert set(docs) == set(manifest)
    assert set(manifest.values()) == {"dev", "test"}


@pytest.mark.slow
def test_corpus_scores_do_not_fall(predictions):
    gold = load_gold(CORPUS / "gold")
    sc = score(predictions, gold)
    assert sc.prf[2] >= RATCHET["all"]["f1"]
    assert sc.accuracy("status") >= RATCHET["all"]["status"]
    assert sc.accuracy("category") >= RATCHET["all"]["category"]
    held_out = {n.rsplit(".", 1)[0] for n, split in _manifest().items() if split == "test"}
    sc_test = score([d for d in predictions if d["doc_id"].rsplit(".", 1)[0] in held_out],
                    {k: v for k, v in gold.items() if k in held_out})
    assert sc_test.prf[2] >= RATCHET["test"]["f1"]


def test_corpus_documents_show_their_gold_publication_date(predictions):
    """Scoring dates a document by its gold's date, so a by-line the normaliser misses would not
    lower the scores: here every dated gold's date must be read from the document itself."""
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (CORPUS / "gold").glob("*.json")}
    dated = {k: g["published"] for k, g in gold.items() if g.get("published")}
    got = {d["doc_id"].rsplit(".", 1)[0]: d["meta"]["published"] for d in predictions}
    assert len(dated) >= 20
    assert {k: got[k] for k in dated} == dated


def test_corpus_cli_eval_matches_library_score(predictions, capsys):
    from renewie.cli import main

    assert main(["eval", str(CORPUS / "docs"), str(CORPUS / "gold"), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    sc = score(predictions, load_gold(CORPUS / "gold"))
    assert printed["matched"] == sc.matched and printed["gold"] == sc.n_gold


def test_corpus_metric_spans_point_into_the_original(predictions):
    for d in predictions:
        raw = renewie.read(CORPUS / "docs" / d["doc_id"])
        for fact in flatten(d):
            s, e = fact["span"]
            assert 0 <= s < e <= len(raw)
            assert raw[s:e] == fact["evidence"]
        for group in ("amounts", "counts", "places", "times"):
            for m in d["mentions"][group]:
                s, e = m["span"]
                assert raw[s:e] == m["text"]


def test_corpus_documents_validate_against_schema(predictions):
    import jsonschema

    schema = renewie.Document.schema()
    for d in predictions:
        jsonschema.validate(d, schema)


def test_corpus_no_renewal_document_gives_no_records(predictions):
    none = [d for d in predictions if d["doc_id"].startswith("22_")]
    assert none and none[0]["records"] == [] and none[0]["error"] is None


def _facts(doc: dict) -> set[tuple]:
    return {(r["region"]["adcode"] if r["region"] else None, r["category"], r["status"], r["period"]["start"],
             r["period"]["end"], metric, q["value"], q["approx"])
            for r in doc["records"] for metric, q in r["metrics"].items()}


def _glossed(text: str) -> str:
    """Pinyin glosses after the characters broken converters gloss most (小區(qū), 萬(wàn)戶(hù))."""
    from pypinyin import Style, pinyin

    return "".join(c + (f"({pinyin(c, style=Style.TONE)[0][0]})" if c in "區萬戶樓棟億" else "") for c in text)


@pytest.mark.parametrize("glossed", [False, True], ids=["traditional", "traditional with glosses"])
def test_corpus_in_traditional_script_gives_the_same_facts(predictions, glossed):
    """Metamorphic: every corpus document converted to traditional characters (OpenCC s2t, as
    Hong Kong and Taiwan pages and broken converters give them), with pinyin glosses inserted
    too, yields exactly the facts of the original, tables and front matter included:
    normalisation converts and drops glosses before it reads anything.  (Documents already
    glossed are left out of the glossed run: a gloss is not glossed twice.)"""
    import opencc

    from renewie.normalization.glosses import GLOSS

    s2t = opencc.OpenCC("s2t")
    by_id = {d["doc_id"]: d for d in predictions}
    differ = []
    for path in sorted((CORPUS / "docs").iterdir()):
        text = renewie.read(path)
        converted = s2t.convert(text)
        if converted == text or (glossed and GLOSS.search(converted)):
            continue
        if glossed:
            converted = _glossed(converted)
        published = by_id[path.name]["meta"]["published"]
        got = renewie.extract(converted, doc_id=path.name, published=published).to_dict()
        if _facts(got) != _facts(by_id[path.name]):
            differ.append(path.name)
    assert differ == []


def _full_width_digits(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isdigit() else c for c in text)


def _html_paragraphs(text: str) -> str:
    """The document as a CMS page gives it: the first line a heading, each block of lines a <p>
    whose lines are parted by <br>."""
    head, _, body = text.partition("\n")
    paras = "".join("<p>" + p.replace("\n", "<br>") + "</p>\n" for p in body.split("\n\n") if p.strip())
    return f"<html><head><meta charset=\"utf-8\"></head><body><h1>{head}</h1>\n{paras}</body></html>"


_HALF_PUNCT = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "。": "."})


@pytest.mark.parametrize("damage,least", [(_full_width_digits, 1.0), (lambda t: t.replace("\n", "\r\n"), 1.0),
                                          (_html_paragraphs, 0.99), (lambda t: t.translate(_HALF_PUNCT), 0.99)],
                         ids=["full-width digits", "CRLF", "html", "half-width punctuation"])
def test_corpus_damaged_as_published_gives_the_same_facts(predictions, damage, least):
    """Metamorphic: the plain-text corpus documents with full-width digits or Windows line ends
    yield exactly their facts; set as an HTML page (<p> per block, <br> per line), or typed with
    half-width punctuation (2021年,洪山区启动改造48个,涉及居民1.2万户.2022年,…), nearly all."""
    by_id = {d["doc_id"]: d for d in predictions}
    same = total = 0
    for path in sorted((CORPUS / "docs").iterdir()):
        if path.suffix != ".txt":
            continue
        want = _facts(by_id[path.name])
        text = renewie.read(path)
        got = _facts(renewie.extract(damage(text), doc_id=path.name,
                                     published=by_id[path.name]["meta"]["published"]).to_dict())
        same += len(want & got)
        total += len(want | got)
    assert total and same / total >= least


def _html_lines(text: str) -> str:
    """A page that sets each printed line as a paragraph of its own (<p> per line)."""
    head, _, body = text.partition("\n")
    return f"<html><body><h1>{head}</h1>\n" + "".join(f"<p>{line}</p>\n" for line in body.split("\n") if line.strip()) \
        + "</body></html>"


def _wrapped(text: str, width: int = 37) -> str:
    """Lines broken at ``width`` characters, as a PDF's text gives them."""
    return "\n".join(line[i:i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


@pytest.mark.parametrize("damage", ["traditional", "html", "html lines", "half-width punctuation", "full-width digits",
                                    "wrapped"])
def test_seeds_damaged_as_published_give_their_own_facts(damage):
    """Metamorphic, on the five real releases beside the project: each damaged as pages are yields
    exactly the facts of the undamaged release (skipped without ../shared)."""
    import opencc

    seeds = shared_dir("seeds")
    s2t = opencc.OpenCC("s2t")
    apply = {"traditional": s2t.convert, "html": _html_paragraphs, "html lines": _html_lines,
             "half-width punctuation": lambda t: t.translate(_HALF_PUNCT), "full-width digits": _full_width_digits,
             "wrapped": _wrapped}[damage]
    differ = []
    for path in sorted(seeds.glob("*.txt")):
        text = renewie.read(path)
        want = _facts(renewie.extract(text, doc_id=path.name).to_dict())
        got = _facts(renewie.extract(apply(text), doc_id=path.name).to_dict())
        if got != want:
            differ.append(path.name)
    assert differ == []
