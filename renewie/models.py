"""The typed model of SPEC sections 2 and 4: frozen, slotted dataclasses and string enums.

Stages pass these objects around; only ``to_dict`` (and ``renewie.output``) serialises them.
Numbers are ``Decimal`` so that 2.3亿 is 230000000 and not 229999999.99999997.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = [
    "Approx", "Category", "Status", "Span", "Quantity", "PlaceMention", "TimeMention",
    "Region", "Period", "Item", "Record", "Document", "number",
]

Span = tuple[int, int]


class Approx(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    OVER = "over"
    UNDER = "under"


class Category(StrEnum):
    OLD_COMMUNITY = "old_community"
    SHANTYTOWN = "shantytown"
    URBAN_VILLAGE = "urban_village"
    DILAPIDATED_HOUSING = "dilapidated_housing"
    AFFORDABLE_HOUSING = "affordable_housing"
    DRAINAGE = "drainage"
    HERITAGE = "heritage"
    URBAN_RENEWAL = "urban_renewal"


class Status(StrEnum):
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    STARTED = "started"
    PLANNED = "planned"


def number(value: Decimal | None) -> int | float | None:
    """JSON form of a Decimal: an int when integral."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit: a money amount, a count, an area, a length."""

    text: str  # characters of the original input
    span: Span  # half-open, into the original input
    value: Decimal
    unit: str
    kind: str  # money | area | length | count | persons
    approx: Approx = Approx.EXACT
    value_max: Decimal | None = None
    nspan: Span = (0, 0)  # span in the normalised text
    rule: str = ""
    role: str = "quantity"  # quantity | price | rate

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text, "span": list(self.span), "value": number(self.value),
            "unit": self.unit, "approx": str(self.approx),
        }
        if self.value_max is not None:
            d["value_max"] = number(self.value_max)
        return d


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str
    span: Span
    name: str  # as written after normalisation
    adcode: str | None
    level: str | None
    path: tuple[str, ...] = ()
    kind: str = "unit"  # unit | township | home | country | alias (a zone, 两江新区, is read as a township)
    ambiguous: bool = False
    nspan: Span = (0, 0)
    candidates: tuple[str, ...] = ()
    township: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text, "span": list(self.span), "name": self.name,
            "adcode": self.adcode, "level": self.level, "path": list(self.path),
        }
        if self.ambiguous:
            d["ambiguous"] = True
        return d


@dataclass(frozen=True, slots=True)
class TimeMention:
    text: str
    span: Span
    start: str | None
    end: str | None
    relative: bool = False
    as_of: str | None = None
    # year | month | date | range | plan | relative | recent | now | duration | as_of | since |
    # deadline | event (a month alone after 于: 已于5月交付使用, dating its own clause only)
    kind: str = "year"
    nspan: Span = (0, 0)
    years: int | None = None  # for durations: 4年将累计

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text, "span": list(self.span), "start": self.start,
            "end": self.end, "relative": self.relative,
        }
        if self.as_of is not None:
            d["as_of"] = self.as_of
        return d


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    adcode: str | None
    level: str | None
    path: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "adcode": self.adcode, "level": self.level, "path": list(self.path)}


@dataclass(frozen=True, slots=True)
class Period:
    start: str | None = None
    end: str | None = None
    as_of: str | None = None
    text: str | None = None

    def key(self) -> tuple:
        return (self.start, self.end, self.as_of)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "as_of": self.as_of, "text": self.text}


@dataclass(frozen=True, slots=True)
class Item:
    label: str
    quantity: Quantity

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, **self.quantity.to_dict()}


@dataclass(slots=True)
class Record:
    region: Region
    category: Category
    status: Status
    period: Period
    metrics: dict[str, Quantity] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    evidence_text: str = ""
    evidence_span: Span = (0, 0)
    locality: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "region": self.region.to_dict(),
            "category": str(self.category),
            "status": str(self.status),
            "period": self.period.to_dict(),
            "metrics": {k: q.to_dict() for k, q in self.metrics.items()},
            "items": [i.to_dict() for i in self.items],
            "evidence": {"text": self.evidence_text, "span": list(self.evidence_span)},
        }
        if self.locality:
            d["locality"] = self.locality
        return d


@dataclass(slots=True)
class Document:
    """Everything renewie found in one document (SPEC section 4)."""

    doc_id: str
    meta: dict[str, Any] = field(default_factory=dict)
    home_region: Region | None = None
    records: list[Record] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    amounts: list[Quantity] = field(default_factory=list)
    counts: list[Quantity] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: dict[str, str] | None = None

    @property
    def mentions(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "places": [p.to_dict() for p in self.places],
            "amounts": [q.to_dict() for q in self.amounts],
            "counts": [q.to_dict() for q in self.counts],
            "times": [t.to_dict() for t in self.times],
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "meta": self.meta,
            "home_region": self.home_region.to_dict() if self.home_region else None,
            "records": [r.to_dict() for r in self.records],
            "mentions": self.mentions,
            "warnings": list(self.warnings),
            "error": self.error,
        }

    @staticmethod
    def schema() -> dict[str, Any]:
        """The JSON Schema of ``to_dict()`` (shipped as renewie/schema/document.schema.json)."""
        import json
        from importlib import resources

        return json.loads((resources.files("renewie") / "schema" / "document.schema.json").read_text(encoding="utf-8"))

    def facts(self) -> list[dict[str, Any]]:
        """Records flattened to one fact per (record, metric), as in SPEC section 5."""
        from .evaluate import flatten  # evaluate owns the flattening rule

        return flatten(self.to_dict())
