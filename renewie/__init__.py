"""renewie: Chinese urban-renewal press releases → structured renewal-project records.

>>> import renewie
>>> doc = renewie.extract("2023年以来，黔江区已累计投入资金4500余万元，对39个老旧小区实施改造。")
>>> [(r.region.adcode, r.category.value, r.status.value, r.metrics["communities"].value) for r in doc.records]
[('500114', 'old_community', 'completed', Decimal('39'))]

``import renewie`` reads no files: lexicons load on the first call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Pipeline", "extract", "extract_mentions", "read", "normalize", "Normalized", "to_dataframe",
    "Document", "Record", "Quantity", "PlaceMention", "TimeMention", "Region", "Period", "Item",
    "Approx", "Category", "Status", "RenewieError", "ReadError", "LexiconError", "InputError",
    "UserLexicon", "__version__",
]

from .errors import InputError, LexiconError, ReadError, RenewieError

if TYPE_CHECKING:  # pragma: no cover
    from .models import Approx, Category, Document, Item, Period, PlaceMention, Quantity, Record, Region, Status, TimeMention
    from .normalization import Normalized
    from .pipeline import Pipeline
    from .userlex import UserLexicon

_LAZY = {
    "Pipeline": ("pipeline", "Pipeline"), "normalize": ("normalization", "normalize"),
    "Normalized": ("normalization", "Normalized"), "read": ("reader", "read"),
    "to_dataframe": ("output.tables", "to_dataframe"), "UserLexicon": ("userlex", "UserLexicon"),
    **{n: ("models", n) for n in ("Document", "Record", "Quantity", "PlaceMention", "TimeMention",
                                   "Region", "Period", "Item", "Approx", "Category", "Status")},
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        mod, attr = _LAZY[name]
        value = getattr(importlib.import_module(f".{mod}", __name__), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'renewie' has no attribute {name!r}")


def extract(text_or_path, *, doc_id: str | None = None, published: str | None = None) -> "Document":
    """Records and mentions of one document (text, bytes or a path), with the default pipeline."""
    from .pipeline import default_pipeline

    return default_pipeline().extract(text_or_path, doc_id=doc_id, published=published)


def extract_mentions(text: str, *, published: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Places, amounts, counts and times of ``text`` (SPEC section 4 ``mentions``).

    Spans index the string passed in.

    >>> m = extract_mentions("黔江区投入资金4500余万元")
    >>> m["amounts"][0]["value"], m["amounts"][0]["span"], m["places"][0]["adcode"]
    (45000000, [7, 14], '500114')
    """
    from .pipeline import default_pipeline

    return default_pipeline().process_text(text, published=published).mentions
