"""Every compiled pattern, built once per lexicon set from lexicon entries (STYLE P2, §5).

Shapes live here as short named fragments; vocabulary is joined in from ``Lexicons``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import regex

from ..lexicons import Lexicons

# An Arabic number: thousands groups (1,165) or plain, with decimals.  Never the tail of a
# longer number (021,100 inside 2021,100); after a number and a comma, one that cannot be a
# thousands group is a number of its own (截至2024.5.31,31个: a comma typed half-width).
ARABIC = r"(?<!\d)(?<!\d\.)(?:(?<!\d,)|(?!\d{3}(?![\d.])))(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
RANGE_SEP = r"(?:-|—|–|~|～|至|到)"


def alt(words, *, escape: bool = True) -> str:
    """An alternation of words, longest first so that 平方米 wins over 米."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) if escape else w for w in ws)


def group_names(pattern: regex.Pattern) -> tuple[str | None, ...]:
    """Name of each capturing group by position (None when unnamed): ``dict(zip(names,
    m.groups()))`` reads every group of a match at once; ``regex`` looks each name up anew
    on ``m["name"]``, which is several times slower for patterns with many groups."""
    names: list[str | None] = [None] * pattern.groups
    for name, i in pattern.groupindex.items():
        names[i - 1] = name
    return tuple(names)


@dataclass(frozen=True)
class Patterns:
    quantity: regex.Pattern
    bare_money: regex.Pattern | None = None
    quantity_groups: tuple[str | None, ...] = field(init=False)  # group_names(quantity)

    def __post_init__(self) -> None:
        object.__setattr__(self, "quantity_groups", group_names(self.quantity))


def _unit_alt(lex: Lexicons) -> str:
    parts = []
    for surface in sorted(lex.units, key=len, reverse=True):
        nf = lex.unit_not_followed_by.get(surface)
        frag = regex.escape(surface)
        if nf:
            frag += "(?!" + alt(nf) + ")"
        parts.append(frag)
    return "|".join(parts)


def _qualifiers_before(lex: Lexicons) -> str:
    """Qualifiers before a number, longest first, each unless it ends a word of
    ``qual_words`` (签约1420户: 约 is part of 签约)."""
    parts = []
    for q in sorted(set(lex.qual_before), key=lambda w: (-len(w), w)):
        prefixes = {w[:-len(q)] for w in lex.qual_words if w.endswith(q) and len(w) > len(q)}
        frag = regex.escape(q)
        parts.append(f"(?<!{alt(prefixes)}){frag}" if prefixes else frag)
    return "|".join(parts)


def build_patterns(lex: Lexicons) -> Patterns:
    """Compile every pattern for one lexicon set; the Pipeline calls this once."""
    cn_chars = "".join([*lex.digits, *lex.small, *lex.large])
    cn = f"[{regex.escape(cn_chars)}]+"
    cn_digit = f"[{regex.escape(''.join(lex.digits))}]"  # 一点二亿: a decimal in Chinese digits
    cn_int = f"[{regex.escape(''.join([*lex.digits, *lex.small]))}]"  # 十八点六, 一百零二点五: its whole part
    small = "".join(lex.small)
    large = "".join(lex.large)
    # 万, 千, 九千万 (千万), 十万, 万亿
    mult = rf"(?:[{regex.escape(small)}]?[{regex.escape(large)}]|万亿|[{regex.escape(small)}])"
    q_before = _qualifiers_before(lex)
    q_mid = alt(lex.qual_after_number)
    q_after = alt(lex.qual_after_unit)
    vague = alt(lex.vague_prefix)
    # 1.2w户: a Latin 万 only after Arabic digits (the unit the pattern requires follows it)
    latin = f"|[{regex.escape(''.join(lex.latin_large))}]" if lex.latin_large else ""
    grouping = alt(lex.metrics.get("communities", {}).get("nouns", ()) + ("板块", "类", "区域", "工程", "行动"))
    quantity = regex.compile(
        rf"""
        (?P<pre>{q_before})?
        (?:
            (?P<mix>(?<![\d.])\d[千百]\d[百十][万亿])  # 1千2百万: digits with Chinese multipliers
          | (?P<ar>{ARABIC})(?P<mid>{q_mid})?(?P<mult>{mult}(?:亿)?{latin})?(?:(?<=亿)(?P<ar_w>\d{{1,4}})(?P<mult_w>[千]?万)|(?<=万)(?P<ar_k>\d)(?P<mult_k>[千百]))?
          | (?P<cdec>{cn_int}+点{cn_digit}+)(?P<cdmult>{mult}(?:亿)?)?
          | (?P<vague>{vague})?(?P<cn>{cn})(?:(?P<cmid>{q_mid})(?P<cmult>万亿|[万亿]))?
        )
        (?:(?P<rsep>{RANGE_SEP})(?P<ar2>{ARABIC})(?P<mult2>{mult})?)?
        (?P<post>{q_mid})?
        (?:[ \u00a0](?=[A-Za-z㎡]))?  # a unit symbol set off by a space, as typesetting does (52,680 m2)
        (?:(?P<unit>{_unit_alt(lex)})|大(?P<group>{grouping}))
        (?P<qafter>{q_after})?
        """,
        regex.X,
    )
    bare_money = None
    if lex.bare_money_after:
        # 总投资约3.5亿, 资金8000万: a money word, an optional link word or qualifier, a number
        # with 万/亿, and no unit after it
        bare_money = regex.compile(
            rf"""(?<=(?:{alt(lex.bare_money_after)})(?:达|为|共|总计|合计|累计)?)
            (?P<pre>{q_before})?(?P<ar>{ARABIC})(?P<mid>{q_mid})?(?P<mult>[千百]?万|亿|万亿|千万)(?P<post>{q_mid})?
            (?![\d.万亿元]|{_unit_alt(lex)})""",
            regex.X,
        )
    return Patterns(quantity=quantity, bare_money=bare_money)
