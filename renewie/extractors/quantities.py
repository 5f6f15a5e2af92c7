"""Find numbers with units and resolve them: money, counts, areas, lengths, persons.

Finding is one compiled pattern (``patterns.quantity``); resolving turns its groups into a
value, a canonical unit and an ``approx``.  Figures that are not quantities are dropped here:
numbers that name (第六批, 四机宿舍10栋), distributive figures (每一个小区) and reduplicated
classifiers (一栋栋, 一户户).  Unit prices (4元/平方米/月) and rates keep ``role`` "price" or
"rate" so that callers can tell them apart from amounts.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from ..lexicons import Lexicons
from ..models import Approx, Quantity
from ..normalization import Normalized
from .numbers import multiplier, parse_arabic, parse_chinese
from .patterns import Patterns

__all__ = ["find_quantities"]

# A numbered building is an address: a locative word, a compound's name, the number
# (居住在四机宿舍10栋的…, 住在花苑小区3栋); 人才公寓36栋 is a count.
NAMING_BEFORE = regex.compile(r"(?:在|住|于|位于)\p{Han}{0,8}(?:宿舍|小区|花园|花苑|家园|大院|公寓|新村|\p{Han}苑|\p{Han}院)$")
PER = "每"
# 每平方米补助80元, 每户奖补3000元: a figure per unit is a price or a rate
PER_UNIT = regex.compile(r"每(?:月|年|天|平方米|平米|㎡|户|人|套|个|栋|部|台|处|米|公里)[^，,。；;\d]{0,6}$")
# …such a figure anywhere in a stretch of text (每台补贴15万元)
PER_FIGURE = regex.compile(PER_UNIT.pattern[:-1] + r"[\d一二两三四五六七八九十]")
# approx strength when several qualifiers apply: an explicit "about" does not undo "over".
_RANK = {Approx.EXACT: 0, Approx.ABOUT: 1, Approx.UNDER: 2, Approx.OVER: 3}


def _merge(a: Approx, b: str | None) -> Approx:
    if not b:
        return a
    b = Approx(b)
    return b if _RANK[b] > _RANK[a] else a


def find_quantities(norm: Normalized, lex: Lexicons, pats: Patterns) -> list[Quantity]:
    text = norm.text
    out: list[Quantity] = []
    names = pats.quantity_groups
    for m in pats.quantity.finditer(text):
        q = _resolve(m, dict(zip(names, m.groups())), text, norm, lex)
        if q is not None:
            out.append(q)
    if pats.bare_money is not None:
        taken = [q.nspan for q in out]
        extra = [q for q in (_bare_money(m, norm, lex) for m in pats.bare_money.finditer(text))
                 if not any(a < q.nspan[1] and q.nspan[0] < b for a, b in taken)]
        if extra:
            out = sorted(out + extra, key=lambda q: q.nspan)
    return _ranges(out, text, norm)


def _bare_money(m: regex.Match, norm: Normalized, lex: Lexicons) -> Quantity:
    """总投资约3.5亿: money written without 元 after a money word."""
    value = parse_arabic(m["ar"]) * multiplier(m["mult"], lex)
    approx = Approx.EXACT
    for table, group in ((lex.qual_before, "pre"), (lex.qual_after_number, "mid"), (lex.qual_after_number, "post")):
        approx = _merge(approx, table.get(m[group] or ""))
    s, e = norm.to_source(m.start(), m.end())
    return Quantity(text=norm.source[s:e], span=(s, e), value=_clean(value), unit="元", kind="money",
                    approx=approx, nspan=(m.start(), m.end()), rule="quantity: money without 元")


def _resolve(m: regex.Match, g: dict[str | None, str | None], text: str, norm: Normalized,
             lex: Lexicons) -> Quantity | None:
    """The quantity of match ``m`` of ``patterns.quantity``, whose groups are ``g``."""
    ar, unit_text, group = g["ar"], g["unit"], g["group"]
    start = m.start()
    cdec, mix = g["cdec"], g["mix"]
    num_start = m.start("ar") if ar else m.start("mix") if mix else m.start("cdec") if cdec \
        else m.start("vague") if g["vague"] else m.start("cn")
    before = text[max(0, num_start - 14):num_start]
    if before.endswith("第"):
        return None  # ordinal: 第六批, 第4个
    approx = Approx.EXACT
    if ar:
        value = _times(parse_arabic(ar), g["mult"], lex)
        if g["ar_w"]:
            value += _times(parse_arabic(g["ar_w"]), g["mult_w"], lex)  # 2亿3000万元
        elif g["ar_k"]:
            value += _times(parse_arabic(g["ar_k"]), g["mult_k"], lex)  # 1万2千余户
    elif mix:
        mixed = parse_chinese(mix, lex)  # 1千2百万元
        if mixed is None:
            return None
        value = mixed
    elif cdec:
        # 一点二亿元, 三点五万平方米, 十八点六公里: a numeral before the point, digits one by one after it
        digits = lex.digits
        whole, _, frac = cdec.partition("点")
        whole_value = parse_chinese(whole, lex)
        if whole_value is None:
            return None
        value = _times(whole_value + parse_arabic("0." + "".join(str(digits[c]) for c in frac)), g["cdmult"], lex)
    else:
        vague = g["vague"]
        # 上百万, and 近万户 / 超千户: a bare multiplier is a number after a vague prefix or
        # an approximation word, or before one (百余个, 千余户, 十几个, 万余元)
        cn_value = parse_chinese(g["cn"], lex, vague=bool(vague) or bool(g["pre"]) or bool(g["post"] or g["cmid"]))
        if cn_value is None:
            return None
        value = cn_value
        if g["cmult"]:
            # 四千余万元: a qualifier between the number and its multiplier
            value = _times(value, g["cmult"], lex)
            approx = _merge(approx, lex.qual_after_number.get(g["cmid"]))
        # 一元复始, 二元结构: a bare Chinese digit before 元 is a word, not money (三个亿 is money)
        money = bool(unit_text) and lex.units[unit_text].kind == "money" and lex.units[unit_text].factor == 1
        if money and not vague and not any(c in lex.small or c in lex.large for c in g["cn"]):
            return None
        if vague:
            approx = _merge(approx, lex.vague_prefix[vague])
    if group:
        unit = lex.units["个"]
        unit_text = group
        end_unit = m.end("group")
    else:
        unit = lex.units[unit_text]
        end_unit = m.end("unit")
    # 一栋栋老屋, 一户户家门: a reduplicated classifier is not a count
    if unit_text and text.startswith(unit_text, end_unit, end_unit + 2):
        return None
    if unit.unit == "栋" and unit.kind == "count" and NAMING_BEFORE.search(before):
        return None
    for table, key in ((lex.qual_before, "pre"), (lex.qual_after_number, "mid"),
                       (lex.qual_after_number, "post"), (lex.qual_after_unit, "qafter")):
        word = g[key]
        if word:
            approx = _merge(approx, table.get(word))
    value_max = None
    if g["ar2"]:
        mult2 = g["mult2"]
        value_max = _times(parse_arabic(g["ar2"]), mult2, lex)
        if not g["mult"] and mult2:
            value = _times(value, mult2, lex)  # 3至5万: the multiplier belongs to both ends
    if unit.factor != 1:
        value *= unit.factor
        if value_max is not None:
            value_max *= unit.factor
    role = "quantity"
    end = m.end()
    # 4元/平方米: a price; 32个/4500户, a slash before another figure, parts two figures
    per_unit = (text.startswith(("/", "／"), end) and not text[end + 1:end + 2].isdigit()) \
        or text[max(0, start - 1):start] == PER or before.endswith(PER)
    if per_unit or PER_UNIT.search(text, max(0, start - 12), start):
        role = "price" if unit.kind == "money" else "rate"
    s, e = norm.to_source(start, end)
    return Quantity(
        text=norm.source[s:e], span=(s, e), value=_clean(value), unit=unit.unit, kind=unit.kind,
        approx=approx, value_max=_clean(value_max) if value_max is not None else None,
        nspan=(start, end), rule="quantity: N大+noun" if group else "quantity: number+unit",
        role=role,
    )


def _times(value: Decimal, mult: str | None, lex: Lexicons) -> Decimal:
    return value * multiplier(mult, lex) if mult else value


def _clean(v: Decimal) -> Decimal:
    """The canonical form of a value: an integral value without exponent (2.3亿 is
    230000000, not 2.3E+8), any other without trailing zeros."""
    i = int(v)
    return Decimal(i) if i == v else v.normalize()


def _ranges(qs: list[Quantity], text: str, norm: Normalized) -> list[Quantity]:
    """0.4元-0.5元: two quantities joined by a range sign become one with ``value_max``."""
    out: list[Quantity] = []
    for q in qs:
        if out:
            p = out[-1]
            gap = text[p.nspan[1]:q.nspan[0]]
            if p.unit == q.unit and gap in ("-", "—", "–", "~", "～", "至", "到") and p.value_max is None:
                role = q.role if q.role != "quantity" else p.role
                s, e = norm.to_source(p.nspan[0], q.nspan[1])
                out[-1] = Quantity(
                    text=norm.source[s:e], span=(s, e), value=p.value, unit=p.unit, kind=p.kind,
                    approx=p.approx, value_max=q.value, nspan=(p.nspan[0], q.nspan[1]),
                    rule="quantity: range", role=role,
                )
                continue
        out.append(q)
    return out
