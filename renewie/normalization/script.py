"""Script detection and traditional → simplified conversion (OpenCC ``t2s``).

We use the official OpenCC binding (C++, ``pip install opencc``): same tables as the pure-Python
reimplementation, roughly sixty times faster here.  Both install a module named ``opencc``.
"""

from __future__ import annotations

from functools import cache

import regex

from .offsets import Builder, OffsetMap

HAN = regex.compile(r"\p{Han}")
# A text is traditional when this share of its Han characters changes under t2s.  Simplified
# prose has at most a stray variant (於, 著) per thousand; traditional prose changes ~20–30 %.
TRADITIONAL_SHARE = 0.04
TRADITIONAL_MIN = 1


@cache
def _converter(config: str):
    import opencc

    try:
        return opencc.OpenCC(config)
    except TypeError:  # pragma: no cover - very old bindings want the .json name
        return opencc.OpenCC(config + ".json")


@cache
def _kept() -> tuple[frozenset[str], regex.Pattern | None]:
    """The characters t2s would change in official place names (乾县, 洩湖镇: ``script_keep.txt`` of
    the lexicons), and a pattern finding those names."""
    from ..lexicons import lexicon_dir

    path = lexicon_dir() / "script_keep.txt"
    if not path.is_file():
        return frozenset(), None
    names = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    if not names:
        return frozenset(), None
    conv = _converter("t2s")
    chars = frozenset(c for n in names for c, d in zip(n, conv.convert(n)) if c != d)
    names.sort(key=len, reverse=True)
    return chars, regex.compile("|".join(regex.escape(n) for n in names))


def _convert(conv, text: str) -> str:
    """``conv.convert(text)``, leaving the official place names that hold a character it would
    change as they are (乾县 stays, not 干县; 洩湖镇, not 泄湖镇)."""
    chars, names = _kept()
    if names is None or not any(c in text for c in chars):
        return conv.convert(text)
    out, last = [], 0
    for m in names.finditer(text):
        out.append(conv.convert(text[last:m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(conv.convert(text[last:]))
    return "".join(out)


def detect_script(text: str, converted: str | None = None) -> str:
    """``"traditional"`` or ``"simplified"``."""
    if converted is None:
        converted = _convert(_converter("t2s"), text)
    if converted == text:
        return "simplified"
    han = len(HAN.findall(text))
    if len(converted) == len(text):
        changed = sum(1 for a, c in zip(text, converted) if a != c)
    else:
        changed = abs(len(converted) - len(text)) + 1
    if changed >= TRADITIONAL_MIN and changed >= TRADITIONAL_SHARE * max(han, 1):
        return "traditional"
    return "simplified"


def to_simplified(text: str, config: str = "t2s") -> tuple[str, OffsetMap, str]:
    """Convert to simplified; returns text, map and the detected script.

    Stray traditional characters in simplified text (萬, 區) are converted too: the script
    recorded is what most of the text is written in."""
    conv = _converter(config)
    converted = _convert(conv, text)
    script = detect_script(text, converted)
    if converted == text:
        return text, OffsetMap.identity(len(text)), script
    if len(converted) == len(text):
        b = Builder(text)
        b.put(converted, 0, len(text), linear=True)
        out, m = b.finish()
        return out, m, script
    # Phrase conversion changed a length somewhere: convert line by line so that only the
    # lines that changed length lose character-level precision.
    b = Builder(text)
    pos = 0
    for line in text.splitlines(keepends=True):
        out_line = _convert(conv, line)
        b.put(out_line, pos, pos + len(line), linear=len(out_line) == len(line))
        pos += len(line)
    out, m = b.finish()
    return out, m, script
