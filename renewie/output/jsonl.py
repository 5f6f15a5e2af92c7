"""JSON Lines: one document object per line (SPEC section 4)."""

from __future__ import annotations

import json
from typing import Any, TextIO


def dumps(doc: dict[str, Any]) -> str:
    """One line of JSON, non-ASCII kept as written."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def write(doc: dict[str, Any], out: TextIO) -> None:
    out.write(dumps(doc) + "\n")
