"""Example tables in tests/examples (Duckling- and price-parser-style corpora).

Quantities and times: with no ``match`` the mention must cover the whole input.  Negatives
must produce nothing; known failures run as strict xfail.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import renewie
from helpers import TEST_PUBLISHED

EXAMPLES = Path(__file__).parent / "examples"


def _load(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


QUANT = _load("extract_quantities.yaml")
PLACES = _load("extract_places.yaml")
TIMES = _load("extract_times.yaml")


def _quantities(text: str) -> list[dict]:
    m = renewie.extract_mentions(text)
    return [{**q, "kind": "amount"} for q in m["amounts"]] + [{**q, "kind": "count"} for q in m["counts"]]


def _check_quantity(row: dict) -> None:
    found = _quantities(row["input"])
    want_text = row.get("match", row["input"])
    hits = [q for q in found if q["text"] == want_text]
    assert hits, f"no quantity {want_text!r} in {found}"
    q = hits[0]
    assert q["kind"] == row["kind"]
    assert Decimal(str(q["value"])) == Decimal(str(row["value"]))
    assert q["approx"] == row.get("approx", "exact")
    if "unit" in row:
        assert q["unit"] == row["unit"]
    if "value_max" in row:
        assert Decimal(str(q["value_max"])) == Decimal(str(row["value_max"]))
    s, e = q["span"]
    assert row["input"][s:e] == q["text"]


@pytest.mark.parametrize("row", QUANT["rows"], ids=[r["input"] for r in QUANT["rows"]])
def test_extract_quantities_rows(row):
    _check_quantity(row)


@pytest.mark.parametrize("text", QUANT["negatives"])
def test_extract_quantities_negatives(text):
    assert _quantities(text) == []


@pytest.mark.parametrize("text", QUANT["not_amounts"])
def test_extract_quantities_not_amounts(text):
    assert renewie.extract_mentions(text)["amounts"] == []


@pytest.mark.xfail(strict=True, reason="known failure: see the row's reason")
@pytest.mark.parametrize("row", QUANT["known_failures"], ids=[r["input"] for r in QUANT["known_failures"]])
def test_extract_quantities_known_failures(row):
    _check_quantity(row)


# ---- places ---------------------------------------------------------------------------------
@pytest.mark.parametrize("row", PLACES["rows"], ids=[r["input"] for r in PLACES["rows"]])
def test_extract_places_rows(row):
    places = renewie.extract_mentions(row["input"])["places"]
    hits = [p for p in places if p["name"] == row["match"]]
    assert hits, f"{row['match']} not found in {[p['name'] for p in places]}"
    p = hits[-1]
    assert p["adcode"] == row["adcode"]
    if "level" in row:
        assert p["level"] == row["level"]
    s, e = p["span"]
    assert row["input"][s:e] == p["text"]


@pytest.mark.parametrize("row", PLACES["homes"], ids=[r["input"][:20] for r in PLACES["homes"]])
def test_extract_places_home_region(row):
    doc = renewie.extract(row["input"])
    home = doc.home_region.adcode if doc.home_region else None
    assert home == row["home"]


@pytest.mark.parametrize("row", PLACES["negatives"], ids=[r["input"] for r in PLACES["negatives"]])
def test_extract_places_negatives(row):
    names = [p["name"] for p in renewie.extract_mentions(row["input"])["places"]]
    assert row["name"] not in names


# ---- times ----------------------------------------------------------------------------------
@pytest.mark.parametrize("row", TIMES["rows"], ids=[f"{r['input']}|{r.get('published', 'pub')}" for r in TIMES["rows"]])
def test_extract_times_rows(row):
    published = row.get("published", TEST_PUBLISHED)
    times = renewie.extract_mentions(row["input"], published=published)["times"]
    want = row.get("match", row["input"])
    hits = [t for t in times if t["text"] == want]
    if row.get("absent"):
        assert not hits, f"{want!r} describes, it is not a period: {times}"
        return
    assert hits, f"no time {want!r} in {times}"
    t = hits[0]
    assert (t["start"], t["end"]) == (row["start"], row["end"])
    if "as_of" in row:
        assert t.get("as_of") == row["as_of"]
    if "relative" in row:
        assert t["relative"] is row["relative"]


@pytest.mark.parametrize("text", TIMES["negatives"])
def test_extract_times_negatives(text):
    assert renewie.extract_mentions(text, published=TEST_PUBLISHED)["times"] == []
