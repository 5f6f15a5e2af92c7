"""Data-tool outputs (issue 5): CSV, Parquet and DuckDB hold the same facts as JSON Lines."""

from __future__ import annotations

import json

import pytest

import renewie
from helpers import CORPUS
from renewie.cli import main
from renewie.evaluate import flatten


@pytest.fixture(scope="module")
def jsonl_facts(tmp_path_factory):
    out = tmp_path_factory.mktemp("j") / "out.jsonl"
    assert main(["extract", str(CORPUS / "docs"), "-o", str(out), "-q", "--workers", "1"]) == 0
    docs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    facts = sorted((f["doc"], f["adcode"], f["metric"], float(f["value"]), f["status"], f["span"][0]) for d in docs for f in flatten(d))
    return docs, facts


def _key(df):
    return sorted(zip(df["doc_id"], df["region_adcode"], df["metric"], df["value"].astype(float), df["status"], df["span_start"]))


def test_tables_csv_matches_jsonl(tmp_path, jsonl_facts):
    import pandas as pd

    out = tmp_path / "facts.csv"
    assert main(["extract", str(CORPUS / "docs"), "-o", str(out), "--format", "csv", "-q", "--workers", "1"]) == 0
    df = pd.read_csv(out, dtype={"region_adcode": str})
    assert _key(df) == jsonl_facts[1]


def test_tables_parquet_matches_jsonl(tmp_path, jsonl_facts):
    import pandas as pd

    out = tmp_path / "out.parquet"
    assert main(["extract", str(CORPUS / "docs"), "-o", str(out), "--format", "parquet", "-q", "--workers", "1"]) == 0
    assert _key(pd.read_parquet(out)) == jsonl_facts[1]
    records = pd.read_parquet(tmp_path / "out.records.parquet")
    documents = pd.read_parquet(tmp_path / "out.documents.parquet")
    assert len(records) == sum(len(d["records"]) for d in jsonl_facts[0])
    assert list(documents["doc_id"]) == [d["doc_id"] for d in jsonl_facts[0]]


def test_tables_duckdb_matches_jsonl(tmp_path, jsonl_facts):
    import duckdb

    out = tmp_path / "out.duckdb"
    assert main(["extract", str(CORPUS / "docs"), "-o", str(out), "--format", "duckdb", "-q", "--workers", "1"]) == 0
    con = duckdb.connect(str(out), read_only=True)
    df = con.execute("SELECT * FROM facts").df()
    assert _key(df) == jsonl_facts[1]
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert n_docs == len(jsonl_facts[0])
    total = con.execute("SELECT sum(value) FROM facts WHERE metric = 'communities'").fetchone()[0]
    assert total == sum(f[3] for f in jsonl_facts[1] if f[2] == "communities")


def test_tables_to_dataframe(jsonl_facts):
    docs = [renewie.extract(p, doc_id=p.name) for p in sorted((CORPUS / "docs").iterdir())]
    df = renewie.to_dataframe(docs)
    assert _key(df) == jsonl_facts[1]
    assert str(df["value"].dtype) == "float64"


def test_tables_parquet_needs_an_output_path(capsys):
    assert main(["extract", str(CORPUS / "docs"), "--format", "parquet", "-q"]) == 2
    assert "-o PATH" in capsys.readouterr().err
