"""Flat tables for data tools: facts (record × metric), records, documents.

CSV holds the facts table.  Parquet writes ``OUT.parquet`` (facts) plus
``OUT.records.parquet`` and ``OUT.documents.parquet``; DuckDB writes one database file with the
tables ``facts``, ``records`` and ``documents``.  pyarrow and duckdb are optional extras.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterable, TextIO

__all__ = ["FACT_COLUMNS", "RECORD_COLUMNS", "DOCUMENT_COLUMNS", "fact_rows", "record_rows",
           "document_row", "CsvWriter", "ParquetWriter", "DuckDBWriter", "to_dataframe", "open_writer"]

FACT_COLUMNS = ["doc_id", "record", "region_adcode", "region_name", "region_path", "category", "status",
                "period_start", "period_end", "period_as_of", "metric", "value", "approx", "text",
                "span_start", "span_end"]
RECORD_COLUMNS = ["doc_id", "record", "region_adcode", "region_name", "region_path", "region_level",
                  "category", "status", "period_start", "period_end", "period_as_of", "period_text",
                  "locality", "metrics", "items", "evidence_text", "evidence_start", "evidence_end"]
DOCUMENT_COLUMNS = ["doc_id", "title", "published", "author", "script", "home_adcode", "home_name",
                    "records", "warnings", "error_type", "error_message"]
TYPES = {"record": "int64", "value": "float64", "span_start": "int64", "span_end": "int64",
         "evidence_start": "int64", "evidence_end": "int64", "records": "int64"}
FLUSH_ROWS = 50_000


def fact_rows(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for i, r in enumerate(doc.get("records") or []):
        reg, per = r["region"], r["period"]
        for metric, q in r["metrics"].items():
            yield {
                "doc_id": doc["doc_id"], "record": i, "region_adcode": reg["adcode"], "region_name": reg["name"],
                "region_path": "/".join(reg.get("path") or []), "category": r["category"], "status": r["status"],
                "period_start": per.get("start"), "period_end": per.get("end"), "period_as_of": per.get("as_of"),
                "metric": metric, "value": q["value"], "approx": q["approx"], "text": q["text"],
                "span_start": q["span"][0], "span_end": q["span"][1],
            }


def record_rows(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for i, r in enumerate(doc.get("records") or []):
        reg, per = r["region"], r["period"]
        yield {
            "doc_id": doc["doc_id"], "record": i, "region_adcode": reg["adcode"], "region_name": reg["name"],
            "region_path": "/".join(reg.get("path") or []), "region_level": reg.get("level"),
            "category": r["category"], "status": r["status"], "period_start": per.get("start"),
            "period_end": per.get("end"), "period_as_of": per.get("as_of"), "period_text": per.get("text"),
            "locality": r.get("locality"),
            "metrics": json.dumps(r["metrics"], ensure_ascii=False),
            "items": json.dumps(r.get("items", []), ensure_ascii=False),
            "evidence_text": r["evidence"]["text"], "evidence_start": r["evidence"]["span"][0],
            "evidence_end": r["evidence"]["span"][1],
        }


def document_row(doc: dict[str, Any]) -> dict[str, Any]:
    meta = doc.get("meta") or {}
    home = doc.get("home_region") or {}
    err = doc.get("error") or {}
    return {
        "doc_id": doc["doc_id"], "title": meta.get("title"), "published": meta.get("published"),
        "author": meta.get("author"), "script": meta.get("script"), "home_adcode": home.get("adcode"),
        "home_name": home.get("name"), "records": len(doc.get("records") or []),
        "warnings": json.dumps(doc.get("warnings") or [], ensure_ascii=False),
        "error_type": err.get("type"), "error_message": err.get("message"),
    }


class CsvWriter:
    """The facts table as CSV (UTF-8, header line)."""

    def __init__(self, out: TextIO):
        self.out = out
        self.w = csv.DictWriter(out, fieldnames=FACT_COLUMNS)
        self.w.writeheader()

    def add(self, doc: dict[str, Any]) -> None:
        for row in fact_rows(doc):
            self.w.writerow(row)

    def close(self) -> None:
        self.out.flush()


def _arrow_table(rows: list[dict[str, Any]], columns: list[str]):
    import pyarrow as pa

    fields = [pa.field(c, pa.int64() if TYPES.get(c) == "int64" else pa.float64() if TYPES.get(c) == "float64" else pa.string())
              for c in columns]
    schema = pa.schema(fields)
    data = {c: [r.get(c) for r in rows] for c in columns}
    return pa.Table.from_pydict(data, schema=schema)


class _Buffered:
    def __init__(self):
        self.buf: dict[str, list[dict[str, Any]]] = {"facts": [], "records": [], "documents": []}

    def add(self, doc: dict[str, Any]) -> None:
        self.buf["facts"].extend(fact_rows(doc))
        self.buf["records"].extend(record_rows(doc))
        self.buf["documents"].append(document_row(doc))
        if sum(len(v) for v in self.buf.values()) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.flush()


COLUMNS = {"facts": FACT_COLUMNS, "records": RECORD_COLUMNS, "documents": DOCUMENT_COLUMNS}


class ParquetWriter(_Buffered):
    """facts → OUT, records → OUT.records.parquet, documents → OUT.documents.parquet."""

    def __init__(self, path: str | Path):
        super().__init__()
        import pyarrow.parquet as pq

        path = Path(path)
        base = path.with_suffix("") if path.suffix == ".parquet" else path
        self.paths = {"facts": path, "records": Path(f"{base}.records.parquet"),
                      "documents": Path(f"{base}.documents.parquet")}
        self.writers = {}
        self._pq = pq

    def flush(self) -> None:
        for name, rows in self.buf.items():
            table = _arrow_table(rows, COLUMNS[name])
            if name not in self.writers:
                self.writers[name] = self._pq.ParquetWriter(self.paths[name], table.schema)
            if rows:
                self.writers[name].write_table(table)
            rows.clear()

    def close(self) -> None:
        self.flush()
        for w in self.writers.values():
            w.close()


class DuckDBWriter(_Buffered):
    """One DuckDB database file with the tables facts, records and documents."""

    def __init__(self, path: str | Path):
        super().__init__()
        import duckdb

        path = Path(path)
        if path.exists():
            path.unlink()
        self.con = duckdb.connect(str(path))
        sql_type = {"int64": "BIGINT", "float64": "DOUBLE"}
        for name, cols in COLUMNS.items():
            spec = ", ".join(f'"{c}" {sql_type.get(TYPES.get(c, ""), "VARCHAR")}' for c in cols)
            self.con.execute(f"CREATE TABLE {name} ({spec})")

    def flush(self) -> None:
        for name, rows in self.buf.items():
            if rows:
                self.con.register("renewie_batch", _arrow_table(rows, COLUMNS[name]))
                self.con.execute(f"INSERT INTO {name} SELECT * FROM renewie_batch")
                self.con.unregister("renewie_batch")
                rows.clear()

    def close(self) -> None:
        self.flush()
        self.con.close()


def open_writer(fmt: str, out_path: str | None, stdout: TextIO):
    from ..errors import InputError

    if fmt == "csv":
        if out_path:
            return CsvWriter(open(out_path, "w", encoding="utf-8", newline=""))
        return CsvWriter(stdout)
    if fmt in ("parquet", "duckdb"):
        if not out_path:
            raise InputError(f"--format {fmt} writes a file: give -o PATH")
        try:
            return ParquetWriter(out_path) if fmt == "parquet" else DuckDBWriter(out_path)
        except ImportError as exc:
            extra = "parquet" if fmt == "parquet" else "duckdb"
            raise InputError(f"--format {fmt} needs the optional extra: pip install 'renewie[{extra}]' ({exc})") from None
    raise InputError(f"unknown format {fmt!r}")


def to_dataframe(documents: Iterable[Any]):
    """The facts table of documents (``Document`` objects or dicts) as a pandas DataFrame.

    Needs pandas (``pip install 'renewie[pandas]'``)."""
    import pandas as pd

    rows = []
    for d in documents:
        doc = d.to_dict() if hasattr(d, "to_dict") else d
        rows.extend(fact_rows(doc))
    df = pd.DataFrame(rows, columns=FACT_COLUMNS)
    return df.astype({"record": "int64", "value": "float64", "span_start": "int64", "span_end": "int64"})
