"""Remove pinyin glosses that broken web converters insert after characters: ``小區(qū)``,
``小區(xiǎo qū)``.

Parenthesised lower-case syllables are removed only when each is a reading of its Han character
right before them (the last of them for the last), according to pypinyin's character table.
``(PPP)``, ``(ROT)``, ``(2023)``, ``(第四批)`` and any syllable that is not a reading of its
character stay.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from .offsets import OffsetMap, rewrite

# Syllables of toned or toneless pinyin, or of pinyin with tone numbers (qu1), in ASCII or
# full-width parentheses or square brackets, one per Han character right before them: 區(qū),
# 小區(xiǎo qū), 小區(xiao3 qu1), 小区[xiǎo qū] (up to four, parted by spaces).
SYLLABLE = r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6}[1-5]?"
GLOSS = regex.compile(rf"(?<=\p{{Han}})(?:[(（](?P<syl>{SYLLABLE}(?: {SYLLABLE}){{0,3}})[)）]"
                      rf"|\[(?P<syl>{SYLLABLE}(?: {SYLLABLE}){{0,3}})\])")


def _plain(syllable: str) -> str:
    """Toneless form: ``qū`` → ``qu``, ``lǜ`` → ``lv``."""
    s = syllable.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v").replace("ǚ", "v").replace("ǜ", "v")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@cache
def _readings_table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict  # a plain dict module; no model loading

    return pinyin_dict


@cache
def _readings(char: str) -> frozenset[str]:
    raw = _readings_table().get(ord(char), "")
    toned = {r.strip() for r in raw.split(",") if r.strip()}
    return frozenset(toned | {_plain(r) for r in toned})


def is_reading(char: str, syllable: str) -> bool:
    """Whether ``syllable`` (toned or toneless) is a reading of ``char``.

    >>> is_reading("區", "qū"), is_reading("區", "ppp")
    (True, False)
    """
    readings = _readings(char)
    syllable = syllable.rstrip("12345")  # qu1: a tone number
    return syllable in readings or _plain(syllable) in readings


def remove_glosses(text: str) -> tuple[str, OffsetMap]:
    if "(" not in text and "（" not in text and "[" not in text:
        return text, OffsetMap.identity(len(text))
    # only glosses that read their characters go; the rest of the text is copied
    matches = (m for m in GLOSS.finditer(text) if _reads(text, m.start(), m["syl"].split(" ")))
    return rewrite(text, matches, lambda m, b: None)


def _reads(text: str, end: int, syllables: list[str]) -> bool:
    """Whether ``syllables`` read, one each, the Han characters right before ``end``."""
    start = end - len(syllables)
    if start < 0:
        return False
    chars = text[start:end]
    return all(is_reading(c, syl) for c, syl in zip(chars, syllables))  # a reading is of a Han character
