"""JSON Lines: one document object per line (SPEC section 4)."""

from __future__ import annotations

import json
from typing import Any, TextIO

import orjson


def dumps(doc: dict[str, Any]) -> str:
    """One line of JSON, non-ASCII kept as written.

    orjson writes it (several times faster than ``json``); what orjson refuses (an integer
    beyond 64 bits, a key that is not a string, a lone surrogate in front matter) goes through
    ``json`` with the same layout.

    >>> dumps({"a": "小区", "n": 2.5, "k": None})
    '{"a":"小区","n":2.5,"k":null}'
    >>> dumps({1: 2 ** 70})
    '{"1":1180591620717411303424}'
    """
    try:
        return orjson.dumps(doc).decode("utf-8")
    except TypeError:
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def write(doc: dict[str, Any], out: TextIO) -> None:
    out.write(dumps(doc) + "\n")
