"""Numerals to values: Arabic (1,165 / 2.86), Chinese (两万三千, 一亿, 上百万) and mixtures."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..lexicons import Lexicons

__all__ = ["parse_arabic", "parse_chinese", "multiplier"]


def parse_arabic(text: str) -> Decimal:
    """>>> parse_arabic("1,165")
    Decimal('1165')
    """
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def multiplier(text: str | None, lex: Lexicons) -> Decimal:
    """万 → 10⁴, 亿 → 10⁸, 万亿 → 10¹², 千 → 10³, w → 10⁴ (``latin_large``); none → 1."""
    if not text:
        return Decimal(1)
    m = Decimal(1)
    for ch in text:
        v = lex.large.get(ch) or lex.small.get(ch) or lex.latin_large.get(ch)
        if v is None:
            raise ValueError(f"not a multiplier: {text!r}")
        m *= v
    return m


def parse_chinese(text: str, lex: Lexicons, *, vague: bool = False) -> Decimal | None:
    """Value of a Chinese numeral, or None when the characters are not one.

    A bare multiplier (百万, 亿) is a number only after a vague prefix (上百万, 上亿): without
    it 千 and 万 are words (千家万户).  Arabic digits may stand for Chinese ones (1千2百万).

    >>> from renewie.lexicons import load
    >>> [parse_chinese(s, load()) for s in ("两万三千", "三千五百", "十五", "一百零五", "万", "1千2百万")]
    [Decimal('23000'), Decimal('3500'), Decimal('15'), Decimal('105'), None, Decimal('12000000')]
    """
    digits, small, large = lex.digits, lex.small, lex.large
    if not text:
        return None
    has_digit = any(c in digits or "0" <= c <= "9" for c in text)
    if not has_digit and not vague and text[0] not in ("十", "拾"):
        return None
    total = 0  # everything at and above 亿
    section = 0  # the part below 亿, at and above 万
    cur = 0  # the part below 万
    num: int | None = None
    prev_digit = False
    for ch in text:
        d = digits.get(ch)
        if d is None and "0" <= ch <= "9":
            d = ord(ch) - 48
        if d is not None:
            num = num * 10 + d if (prev_digit and num is not None) else d
            prev_digit = True
            continue
        prev_digit = False
        if ch in small:
            cur += (1 if num is None else num) * small[ch]
            num = None
        elif ch in large:
            part = cur + (num or 0)
            if large[ch] >= 100000000:
                total = (total + section + part or 1) * large[ch]
                section = 0
            else:
                section += (part or 1) * large[ch]
            cur, num = 0, None
        else:
            return None
    return Decimal(total + section + cur + (num or 0))
