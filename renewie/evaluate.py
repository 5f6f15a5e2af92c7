"""Flatten records to facts and score them against gold annotations (SPEC section 5).

A predicted fact matches a gold fact when ``metric`` is equal, ``value`` is within 0.1 % and
``adcode`` is equal; each gold fact is matched at most once.  Precision, recall and F1 over
matches are the headline; on matched facts, ``status``, ``category``, ``start``, ``end`` and
``approx`` are each scored as accuracy.  ``items`` are scored apart (adcode, unit, value).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError

__all__ = ["flatten", "flatten_items", "load_gold", "score", "Scores", "TOLERANCE"]

TOLERANCE = 0.001  # relative tolerance on values (SPEC: within 0.1 %)
ATTRIBUTES = ("status", "category", "start", "end", "approx")


def flatten(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One fact per (record, metric) of a document dict in SPEC section 4 layout."""
    facts = []
    for r in doc.get("records") or []:
        region, period = r["region"], r["period"]
        for metric, q in r["metrics"].items():
            facts.append({
                "doc": doc.get("doc_id"), "adcode": region["adcode"], "place": region["name"],
                "path": region.get("path"), "category": r["category"], "status": r["status"],
                "start": period.get("start"), "end": period.get("end") or period.get("as_of"),
                "metric": metric, "value": q["value"], "approx": q["approx"], "evidence": q["text"],
                "span": q["span"],
            })
    return facts


def flatten_items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for r in doc.get("records") or []:
        for it in r.get("items", []):
            out.append({"doc": doc.get("doc_id"), "adcode": r["region"]["adcode"], "label": it["label"],
                        "value": it["value"], "unit": it["unit"], "approx": it["approx"], "evidence": it["text"]})
    return out


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Gold files by document stem (``000_8b07…`` for ``000_8b07….txt``)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"gold folder not found: {gold_dir}")
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON: {exc}") from None
        if not isinstance(data, dict) or "facts" not in data:
            raise InputError(f"{path}: a gold file needs a 'facts' list")
        out[path.stem] = data
    if not out:
        raise InputError(f"no gold files (*.json) in {gold_dir}")
    return out


def stem(doc_id: str) -> str:
    name = Path(doc_id).name
    return name.rsplit(".", 1)[0] if "." in name else name


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1e-9)


def _match(pred: list[dict], gold: list[dict], keys: tuple[str, ...]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching; among candidates, prefer equal attributes."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        best, best_score = None, -1
        for i, p in enumerate(pred):
            if i in used or any(p.get(k) != g.get(k) for k in keys):
                continue
            if p.get("value") is None or g.get("value") is None or not _close(float(p["value"]), float(g["value"])):
                continue
            s = sum(p.get(a) == g.get(a) for a in ATTRIBUTES)
            if s > best_score:
                best, best_score = i, s
        if best is not None:
            used.add(best)
            pairs.append((pred[best], g))
    return pairs


def _prf(matched: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = matched / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = matched / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Scores:
    n_pred: int = 0
    n_gold: int = 0
    matched: int = 0
    attr_hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    per_metric: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    per_doc: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    items: list[int] = field(default_factory=lambda: [0, 0, 0])
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)
    attr_errors: list[tuple[dict, dict, str]] = field(default_factory=list)

    @property
    def prf(self) -> tuple[float, float, float]:
        return _prf(self.matched, self.n_pred, self.n_gold)

    def accuracy(self, attr: str) -> float:
        return self.attr_hits[attr] / self.matched if self.matched else 0.0

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self.prf
        return {
            "documents": len(self.per_doc), "gold": self.n_gold, "predicted": self.n_pred,
            "matched": self.matched, "precision": p, "recall": r, "f1": f,
            "accuracy": {a: self.accuracy(a) for a in ATTRIBUTES},
            "items": dict(zip(("precision", "recall", "f1"), _prf(*self.items))),
            "per_metric": {m: dict(zip(("precision", "recall", "f1"), _prf(*v))) for m, v in self.per_metric.items()},
            "per_document": {d: dict(zip(("precision", "recall", "f1"), _prf(*v))) for d, v in self.per_doc.items()},
        }


def score(predictions: Iterable[dict[str, Any]], gold: dict[str, dict[str, Any]]) -> Scores:
    """Score document dicts (SPEC section 4) against gold files keyed by document stem."""
    sc = Scores()
    seen = set()
    for doc in predictions:
        key = stem(doc.get("doc_id") or "")
        if key not in gold:
            continue
        seen.add(key)
        _score_doc(sc, key, flatten(doc), flatten_items(doc), gold[key])
    for key, g in gold.items():
        if key not in seen:
            _score_doc(sc, key, [], [], g)
    return sc


def _score_doc(sc: Scores, key: str, pred: list[dict], items: list[dict], g: dict[str, Any]) -> None:
    gold_facts = g.get("facts", [])
    pairs = _match(pred, gold_facts, ("metric", "adcode"))
    sc.n_pred += len(pred)
    sc.n_gold += len(gold_facts)
    sc.matched += len(pairs)
    doc = sc.per_doc[key]
    doc[0] += len(pairs)
    doc[1] += len(pred)
    doc[2] += len(gold_facts)
    matched_pred = {id(p) for p, _ in pairs}
    matched_gold = {id(x) for _, x in pairs}
    for p, x in pairs:
        for a in ATTRIBUTES:
            if p.get(a) == x.get(a):
                sc.attr_hits[a] += 1
            else:
                sc.attr_errors.append(({**p, "doc": key}, x, a))
        sc.per_metric[x["metric"]][0] += 1
    for p in pred:
        sc.per_metric[p["metric"]][1] += 1
        if id(p) not in matched_pred:
            sc.extras.append({**p, "doc": key})
    for x in gold_facts:
        sc.per_metric[x["metric"]][2] += 1
        if id(x) not in matched_gold:
            sc.misses.append({**x, "doc": key})
    gold_items = g.get("items", [])
    item_pairs = _match(items, gold_items, ("adcode", "unit"))
    sc.items[0] += len(item_pairs)
    sc.items[1] += len(items)
    sc.items[2] += len(gold_items)
