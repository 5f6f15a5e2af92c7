"""Golden files: the full `renewie extract` output of every corpus document (STYLE §4).

A change here is a behaviour change: the test prints what changed record by record.
Regenerate with `pytest tests/test_golden.py --update-golden` and review the diff like code.
"""

from __future__ import annotations

import json

import pytest

import renewie
from helpers import CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden" / "docs"
DOCS = sorted((CORPUS / "docs").iterdir())


def _summary(record: dict) -> str:
    metrics = ", ".join(f"{k}={v['value']}" for k, v in sorted(record["metrics"].items()))
    return (f"{record['region']['adcode']} {record['category']} {record['status']} "
            f"{record['period']['start']}..{record['period']['end'] or record['period']['as_of']}: {metrics}")


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_golden_output_of_corpus_document(path, update_golden):
    out = renewie.extract(path, doc_id=path.name).to_dict()
    golden = GOLDEN / (path.name + ".json")
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    expected = json.loads(golden.read_text(encoding="utf-8"))
    if out != expected:
        was = [_summary(r) for r in expected["records"]]
        now = [_summary(r) for r in out["records"]]
        lines = [f"- {r}" for r in was if r not in now] + [f"+ {r}" for r in now if r not in was]
        changed = [k for k in out if out[k] != expected.get(k)]
        pytest.fail(f"{path.name}: output changed in {changed}\n" + ("\n".join(lines) or "(records equal; see mentions/meta)")
                    + "\nrun `pytest tests/test_golden.py --update-golden` if the change is intended")
