"""Read a document from a path or bytes into text.

UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they are.  Anything else goes
to charset-normalizer, limited to the encodings Chinese releases come in, and the result is
checked: text full of control characters, replacement characters or private-use code points is
mojibake and raises :class:`ReadError` instead of being passed on.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .errors import ReadError

__all__ = ["read", "decode", "Decoded"]

# Encodings charset-normalizer may choose between for non-UTF-8 input.
CANDIDATES = ["gb18030", "big5", "big5hkscs", "utf_16", "utf_16_le", "utf_16_be", "cp950", "gbk"]
# Magic numbers of binary formats users point batch jobs at by mistake.
MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (docx/xlsx?)",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "OLE document (doc/xls?)",
    b"\x7fELF": "executable",
}
# A UTF-8 document with at most this share of invalid bytes is kept, with the bad bytes
# replaced and a warning; more than that is not UTF-8.
UTF8_DAMAGE_MAX = 0.001
UTF8_DAMAGED_CHARS_MIN = 4  # one bad byte inside a 3-byte character gives up to 3 U+FFFD
# Decoded text with more than this share of control / private-use / replacement characters
# is mojibake.
GARBAGE_MAX = 0.02
GARBAGE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\p{Co}]")
HAN = regex.compile(r"\p{Han}")


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _check(text: str, name: str, encoding: str) -> None:
    if not text:
        return
    bad = len(GARBAGE.findall(text))
    if bad > GARBAGE_MAX * len(text):
        raise ReadError(name, f"decoded as {encoding} but {bad} of {len(text)} characters are control or invalid characters (binary or mojibake)")


def decode(data: bytes, name: str = "<bytes>") -> Decoded:
    """Decode bytes to text, or raise :class:`ReadError` with the reason."""
    if not data:
        return Decoded("", "empty")
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise ReadError(name, f"binary file ({what})")
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[3:], name, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(name, f"UTF-16 byte order mark but invalid UTF-16: {exc.reason}") from None
        _check(text, name, "utf-16")
        return Decoded(text, "utf-16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check(text, name, "utf-8")
        return Decoded(text, "utf-8")
    # A UTF-8 file damaged in a few places: keep it, say so.
    damaged = data.decode("utf-8", errors="replace")
    n_bad = damaged.count("\ufffd")
    if n_bad <= max(UTF8_DAMAGED_CHARS_MIN, UTF8_DAMAGE_MAX * len(data)) and HAN.search(damaged):
        return Decoded(damaged, "utf-8", [f"W101 {n_bad} undecodable byte(s) replaced with U+FFFD"])
    if b"\x00" in data[:4096]:
        return _utf16_without_bom(data, name)
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=CANDIDATES))
    if not matches:
        # charset-normalizer finds symbols chaotic (a table drawn with ─ │ ┌, ㎡ in a GBK page): a
        # strict decode that gives plausible Chinese text is kept
        strict = _strict_decode(data)
        if strict is not None:
            return strict
        raise ReadError(name, "no Chinese encoding (UTF-8, UTF-16, GB18030/GBK, Big5) decodes it")
    best = _break_tie(matches)
    text = str(best)
    _check(text, name, best.encoding)
    if not HAN.search(text[:20000]):
        raise ReadError(name, f"decodes as {best.encoding} but contains no Chinese text")
    return Decoded(text, best.encoding, [f"W102 encoding detected as {best.encoding}"])


PLAUSIBLE = regex.compile(r"[\p{Han}\x20-\x7e\s，。、；：？！“”‘’（）《》—…·％]")
PREFERENCE = ("gb18030", "gbk", "big5", "cp950", "big5hkscs")


def _break_tie(matches: list) -> object:
    """charset-normalizer's best match, except among matches it scores equally (short texts:
    four characters of GBK are also valid Big5): there, the one whose text is most plausibly
    Chinese prose, then GB18030 before Big5."""
    lowest = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos == lowest]
    if len(tied) == 1:
        return tied[0]

    def key(m) -> tuple:
        rank = PREFERENCE.index(m.encoding) if m.encoding in PREFERENCE else len(PREFERENCE)
        return (-_plausible(str(m)), rank)

    return min(tied, key=key)


def _plausible(text: str) -> float:
    """The share of ``text`` that is Chinese prose, ASCII or common punctuation."""
    return len(PLAUSIBLE.findall(text)) / max(1, len(text))


def _strict_decode(data: bytes) -> Decoded | None:
    """The decoding by GB18030 or Big5 that raises no error, holds Chinese text and no garbage, and
    is most plausibly Chinese prose (GB18030 first on a tie); None when neither does."""
    best: tuple[float, int, str, str] | None = None
    for rank, encoding in enumerate(("gb18030", "big5")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not HAN.search(text) or len(GARBAGE.findall(text)) > GARBAGE_MAX * len(text):
            continue
        share = _plausible(text)
        if best is None or (-share, rank) < (-best[0], best[1]):
            best = (share, rank, text, encoding)
    if best is None:
        return None
    return Decoded(best[2], best[3], [f"W102 encoding detected as {best[3]}"])


def _utf16_without_bom(data: bytes, name: str) -> Decoded:
    """NUL bytes: UTF-16 without a byte order mark, or a binary file."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text and len(GARBAGE.findall(text)) <= GARBAGE_MAX * len(text) and HAN.search(text):
            return Decoded(text, encoding, [f"W102 encoding detected as {encoding}"])
    raise ReadError(name, "binary file (NUL bytes)")


def _utf8(data: bytes, name: str, encoding: str) -> Decoded:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return Decoded(text, encoding, [f"W101 {text.count(chr(0xFFFD))} undecodable byte(s) replaced with U+FFFD"])
    _check(text, name, encoding)
    return Decoded(text, encoding)


def read_bytes(source: str | os.PathLike | bytes) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), "<bytes>"
    path = Path(source)
    try:
        return path.read_bytes(), str(path)
    except FileNotFoundError:
        raise ReadError(str(path), "no such file") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is a directory") from None
    except OSError as exc:
        raise ReadError(str(path), exc.strerror or str(exc)) from None


def read(source: str | os.PathLike | bytes) -> str:
    """Text of a document given as a path or as bytes.

    >>> read("老旧小区".encode("gb18030"))
    '老旧小区'
    """
    data, name = read_bytes(source)
    return decode(data, name).text
