"""Places: gazetteer lookup with an Aho–Corasick automaton, ambiguity resolution, home region.

The automaton (ahocorasick-rs) holds every unit name and its unambiguous short form, township names and the
home words (我市, 全区 …); matching is leftmost-longest, so 城东街道 is a township and never
the county inside it.  A name shared by several units (江北区, 鼓楼区) is resolved from the other
places of the same document; the document's home region is the most specific unit whose
subtree holds most of the place mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import regex

from ..lexicons import Lexicons
from ..models import PlaceMention, Region
from ..normalization import Normalized

__all__ = ["PlaceMatcher", "find_places", "resolve_places", "home_region", "region_of"]

# A place mention counts this much more towards the home region when it is in the title.
TITLE_WEIGHT = 2
HALF_BRACKETS = str.maketrans("（）", "()")
# Provinces named once each, this many or more, are a list (河北、山西、吉林等省份): no home region
LISTED_PROVINCES = 3
# a day after a place, before a dateline mark (北京1月24日电; places.yaml dateline_marks)
DATELINE_DAY = r"[ \u3000]?(?:\d{1,2}|[〇一二三四五六七八九十]{1,3})月(?:\d{1,2}|[〇一二三四五六七八九十]{1,3})日"
_DATELINES: dict[tuple[str, ...], regex.Pattern] = {}


def dateline(text: str, end: int, lex: Lexicons) -> bool:
    """Whether the place ending at ``end`` of ``text`` opens a news report's dateline (新华社北京
    1月24日电: a day and one of ``dateline_marks`` after it)."""
    marks = lex.dateline_marks
    if not marks:
        return False
    pattern = _DATELINES.get(marks)
    if pattern is None:
        pattern = _DATELINES[marks] = regex.compile(DATELINE_DAY + "(?:" + "|".join(map(regex.escape, marks)) + ")")
    return pattern.match(text, end) is not None


# The home region is the deepest unit whose subtree holds at least this share of mentions; of
# two such units at one depth under one parent (two districts named once each), neither is: their
# parent is.
HOME_SHARE = 0.5
# Context scores for choosing among the units an ambiguous name may denote.
SCORE_ADJACENT_ANCESTOR = 5  # 黔江城东街道: the county right before the township
SCORE_LINEAGE = 3  # an ancestor or descendant mentioned anywhere in the document
SCORE_PROVINCE = 1  # another unit of the same province mentioned
ADJACENT = 2  # characters between two mentions that still count as adjacent


class PlaceMatcher:
    """The automaton for one lexicon set (built once per Pipeline)."""

    def __init__(self, lex: Lexicons):
        import ahocorasick_rs

        entries: dict[str, list[tuple[str, str, str]]] = {}
        weak_names, stop = lex.weak_names, lex.place_stopwords
        for p in lex.places.values():
            entries.setdefault(p.name, []).append(("weak" if p.name in weak_names else "unit", p.adcode, ""))
            if p.short and p.short not in stop:
                # county short forms are common words too often (安居, 惠民, 新建): weak
                entries.setdefault(p.short, []).append(("weak" if p.level == "county" else "unit", p.adcode, ""))
        for p in lex.places.values():
            if p.short and p.short not in stop and any(m in p.name[len(p.short):] for m in lex.autonomous_marks):
                # an autonomous unit by its short form and level word (管城区, 恩施州), once every
                # unit's own name is in
                entries.setdefault(p.short + p.name[-1], [("unit", p.adcode, "")])
                k = p.name.rfind("自治")
                if k > len(p.short):
                    # …and by its short form and the 自治 part of its name (紫云自治县, 湘西自治州)
                    entries.setdefault(p.short + p.name[k:], [("unit", p.adcode, "")])
            if p.level == "county" and p.short and p.short not in stop:
                for suffix in lex.former_suffixes:
                    # a former name (宁乡县 for 宁乡市); added once every unit's own name is in,
                    # so that another unit's name (长沙县) wins
                    entries.setdefault(p.short + suffix, [("former", p.adcode, "")])
        for _code, name, county in lex.townships:
            if name in stop:  # a township the table names only by a generic word (街道, 开发区)
                continue
            have = entries.get(name)
            if have is None:
                entries[name] = [("township", county, name)]
            elif have[0][0] == "township":  # a unit's own name wins over a township's
                have.append(("township", county, name))
        for name, parent in lex.zones:
            # a functional zone or a national new area (两江新区, 苏州工业园区): a name of its own, strong,
            # resolving to the unit it lies in as a township does (a unit's own name wins)
            if len(name) >= 3 and name not in entries and name not in stop:
                entries[name] = [("zone", parent, name)]
        for alias, codes in lex.aliases.items():
            entries[alias] = [("alias", c, "") for c in codes]
        for word, level in lex.home_words.items():
            entries[word] = [("home", level, "")]
            # 各县（市、区） typed with half-width brackets too: 各县(市、区)
            entries.setdefault(word.translate(HALF_BRACKETS), [("home", level, "")])
        self.keys = [k for k in entries if len(k) >= 2]
        self.values = [tuple(dict.fromkeys(entries[k])) for k in self.keys]
        # Rust Aho–Corasick, leftmost-longest: 城东街道 is one township, never 城东 + 街道
        self.automaton = ahocorasick_rs.AhoCorasick(self.keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        # short forms left out as words (大同, 长治): named only in a list beside a sibling
        self.stop_forms: dict[str, tuple[str, ...]] = {}
        for p in lex.places.values():
            if p.short and p.short in stop and p.name not in weak_names:
                self.stop_forms[p.short] = self.stop_forms.get(p.short, ()) + (p.adcode,)
        self.stop_lengths = sorted({len(k) for k in self.stop_forms}, reverse=True)
        self.not_followed_by = tuple(sorted(lex.place_not_followed_by, key=len, reverse=True))
        self.former_not_followed_by = tuple(lex.former_not_followed_by)


def find_places(norm: Normalized, matcher: PlaceMatcher, lex: Lexicons) -> list[PlaceMention]:
    """Every place-like string with its candidate units (unresolved)."""
    text = norm.text
    out: list[PlaceMention] = []
    keys, vals = matcher.keys, matcher.values
    for idx, start, end in matcher.automaton.find_matches_as_indexes(text):
        key, values = keys[idx], vals[idx]
        kind = values[0][0]
        if kind in ("unit", "weak", "alias") and text.startswith(matcher.not_followed_by, end):
            continue  # 南京路, 建设银行 …
        if kind == "former":
            if text.startswith(matcher.former_not_followed_by, end):
                continue  # 振兴县域: the suffix begins a word of its own
            kind = "alias"  # 宁乡县: a former name, as strong as a full name
        s, e = norm.to_source(start, end)
        if kind == "home":
            out.append(PlaceMention(norm.source[s:e], (s, e), key, None, None, kind="home",
                                    nspan=(start, end), candidates=(values[0][1],)))
            continue
        cands = tuple(v[1] for v in values)
        out.append(PlaceMention(norm.source[s:e], (s, e), key, None, None, kind=kind,
                                nspan=(start, end), candidates=cands,
                                township=values[0][2] or None))
    if matcher.stop_forms and lex.list_joins:
        out = _listed_stop_forms(norm, matcher, lex, out)
    return out


def _listed_stop_forms(norm: Normalized, matcher: PlaceMatcher, lex: Lexicons,
                       found: list[PlaceMention]) -> list[PlaceMention]:
    """Short forms left out as words (place_stopwords.txt: 大同, 长治) that stand in a list with
    a place named outright (太原、大同、长治三市), joined by ``list_joins``, name their unit when
    it is a sibling of that place (the same parent) and the list goes on or ends after them
    (``list_joins``, ``list_ends`` or no letter); each one found vouches for the next."""
    text, joins = norm.text, lex.list_joins
    out = list(found)
    added: list[PlaceMention] = []
    queue = [m for m in found if m.kind in ("unit", "alias", "weak")]
    taken = {m.nspan[0] for m in found}
    mention_ends = {m.nspan[1] for m in found}
    while queue:
        m = queue.pop()
        parents = {lex.places[c].parent for c in m.candidates if c in lex.places}
        for side in (1, -1):
            got = _stop_form_beside(text, m, side, matcher, joins, lex.list_ends, mention_ends)
            if got is None:
                continue
            start, end, codes = got
            codes = tuple(c for c in codes if lex.places[c].parent in parents)
            if not codes or start in taken:
                continue
            s, e = norm.to_source(start, end)
            new = PlaceMention(norm.source[s:e], (s, e), text[start:end], None, None,
                               kind="weak" if m.kind == "weak" else "unit",
                               nspan=(start, end), candidates=codes)
            taken.add(start)
            added.append(new)
            queue.append(new)
    if added:
        out.extend(added)
        out.sort(key=lambda x: x.nspan[0])
    return out


def _stop_form_beside(text: str, m: PlaceMention, side: int, matcher: PlaceMatcher, joins: tuple[str, ...],
                      ends: tuple[str, ...], mention_ends: set[int]) -> tuple[int, int, tuple[str, ...]] | None:
    """The stop-listed short form joined to mention ``m`` after it (``side`` 1) or before it (-1):
    (start, end, its units), or None.  Before it, the form must open the list: no letter before it
    but a join, or the end of a place (山西省大同、朔州: its parent)."""
    for j in joins:
        if side == 1:
            if not text.startswith(j, m.nspan[1]):
                continue
            start = m.nspan[1] + len(j)
            for n in matcher.stop_lengths:
                form = text[start:start + n]
                if form in matcher.stop_forms and _list_goes_on(text, start + n, joins, ends):
                    return start, start + n, matcher.stop_forms[form]
        else:
            end = m.nspan[0] - len(j)
            if end < 0 or not text.startswith(j, end):
                continue
            for n in matcher.stop_lengths:
                form = text[max(0, end - n):end]
                if len(form) == n and form in matcher.stop_forms and (
                        end - n == 0 or not text[end - n - 1].isalpha() or text[end - n - 1] in "".join(joins)
                        or end - n in mention_ends):
                    return end - n, end, matcher.stop_forms[form]
    return None


def _list_goes_on(text: str, pos: int, joins: tuple[str, ...], ends: tuple[str, ...]) -> bool:
    """Whether a list goes on or ends at ``pos``: a join, an end word, or no letter."""
    return pos >= len(text) or not text[pos].isalpha() or text.startswith(joins, pos) or text.startswith(ends, pos)


def _fill(m: PlaceMention, code: str, lex: Lexicons, ambiguous: bool) -> PlaceMention:
    path = tuple(lex.path(code))
    if m.kind == "township":
        level, path = "township", path + (m.township or m.name,)
    else:
        level = lex.places[code].level
    return PlaceMention(m.text, m.span, m.name, code, level, path, m.kind, ambiguous, m.nspan, m.candidates, m.township)


def _supported(code: str, lineage: set[str], lex: Lexicons) -> bool:
    """A weak name or a township counts only next to a related strong place: the unit itself,
    an ancestor, a descendant, or (for counties) a sibling under the same parent."""
    if code in lineage:
        return True
    parent = lex.places[code].parent if code in lex.places else ""
    return bool(parent) and parent in lineage


def resolve_places(mentions: list[PlaceMention], lex: Lexicons) -> tuple[list[PlaceMention], list[str]]:
    """Choose one unit per mention; ambiguous names are decided by the document's other places.

    Weak names (county short forms, generic names such as 城区) and township names are kept
    only where the document also names a related unit with a strong name, or where a county's
    short form and one of its townships are both named, a township few counties have (places.yaml
    ``vouching_towns``): each vouches for the other (【会昌新闻】 over 文武坝镇的锦江小区)."""
    lineage: set[str] = set()
    weak: set[str] = set()
    towns: set[str] = set()
    for m in mentions:
        if m.kind in ("unit", "alias", "zone") and len(m.candidates) == 1:
            lineage.update(lex.ancestors(m.candidates[0]))
        elif m.kind == "weak":
            weak.update(m.candidates)
        elif m.kind == "township" and len(m.candidates) <= lex.vouching_towns:
            towns.update(m.candidates)  # a name few counties have (先锋街道, in ten, vouches for none)
    for code in weak & towns:
        lineage.update(lex.ancestors(code))
    kept = []
    for m in mentions:
        if m.kind == "zone":
            m = replace(m, kind="township")  # read on as a township: its name is the locality
        elif m.kind in ("weak", "township"):
            cands = tuple(c for c in m.candidates if _supported(c, lineage, lex))
            if not cands:
                continue
            m = replace(m, candidates=cands, kind="township" if m.kind == "township" else "unit")
        kept.append(m)
    mentions = kept
    known = [m.candidates[0] for m in mentions if m.kind != "home" and len(m.candidates) == 1]
    known_lineage: Counter[str] = Counter()
    provinces: Counter[str] = Counter()
    for code in known:
        for a in lex.ancestors(code):
            known_lineage[a] += 1
        provinces[code[:2]] += 1
    out: list[PlaceMention] = []
    warnings: list[str] = []
    prev: PlaceMention | None = None
    for m in mentions:
        if m.kind == "home":
            out.append(m)
            prev = m
            continue
        if len(m.candidates) == 1:
            resolved = _fill(m, m.candidates[0], lex, False)
        else:
            scores = []
            for c in m.candidates:
                chain = set(lex.ancestors(c))
                score = sum(known_lineage[a] for a in chain if a != c) * SCORE_LINEAGE
                score += known_lineage[c] * SCORE_LINEAGE if m.kind == "township" else 0
                score += provinces[c[:2]] * SCORE_PROVINCE
                if prev is not None and prev.adcode and m.nspan[0] - prev.nspan[1] <= ADJACENT and prev.adcode in chain:
                    score += SCORE_ADJACENT_ANCESTOR * 10
                scores.append((score, c))
            scores.sort(key=lambda sc: -sc[0])
            ambiguous = len(scores) > 1 and scores[0][0] == scores[1][0]
            resolved = _fill(m, scores[0][1], lex, ambiguous)
            if ambiguous:
                warnings.append(f"W201 ambiguous place name {m.name} at [{m.span[0]},{m.span[1]}): "
                                + ", ".join(c for _, c in scores))
        out.append(resolved)
        prev = resolved
    return out, warnings


def region_of(code: str, lex: Lexicons, name: str | None = None) -> Region:
    p = lex.places[code]
    return Region(name or p.name, code, p.level, tuple(lex.path(code)))


def home_region(places: list[PlaceMention], lex: Lexicons, title_span: tuple[int, int] | None = None,
                text: str | None = None) -> str | None:
    """Adcode of the unit the document is about (None when it names no place); with the normalised
    ``text``, a dateline's place (新华社北京1月24日电) does not count."""
    weight: Counter[str] = Counter()
    for m in places:
        if m.adcode is None or m.ambiguous or m.kind == "home":
            continue
        if text is not None and dateline(text, m.nspan[1], lex):
            continue
        # (a county's name in the title: the title says what the document is about, but a city's or a
        # province's there is often only where, as in 上海宝山：…)
        w = TITLE_WEIGHT if title_span and title_span[0] <= m.nspan[0] < title_span[1] and \
            lex.places[m.adcode].level == "county" else 1
        for a in lex.ancestors(m.adcode):
            weight[a] += w
    if not weight:
        return None
    total = max(weight[c] for c in weight if not lex.places[c].parent)
    best = None
    tied: list[str] = []
    for code, w in weight.items():
        if w < HOME_SHARE * total:
            continue
        depth = len(lex.ancestors(code))
        key = (depth, w)
        if best is None or key > best[0]:
            best = (key, code)
            tied = []
        elif key == best[0]:
            tied.append(code)
    if best is not None and tied:
        parent = lex.places[best[1]].parent
        if parent and all(lex.places[c].parent == parent for c in tied):
            return parent  # 沙坪坝区 and 九龙坡区 once each: 重庆市 (not the first of them)
        if not parent and len(tied) >= LISTED_PROVINCES - 1:
            return None  # 河北、山西、吉林等省份 once each: no province is what the text is about
    return best[1] if best else None


def of_level(code: str, level_char: str, lex: Lexicons, exact: bool = True) -> bool:
    """Whether unit ``code`` is of the kind a home word's level character names (市 a unit named
    …市, 省 a province, 州 …州; 区 and 县 a county-level unit named so, or any with ``exact`` False)."""
    p = lex.places[code]
    if level_char in ("区", "县"):
        return p.level == "county" and (not exact or p.name.endswith(level_char))
    if level_char == "省":
        return p.level == "province"
    return p.name.endswith(level_char)


def home_word_in_line(places: list[PlaceMention], i: int, text: str, home: str, lex: Lexicons) -> str | None:
    """For home word ``places[i]`` whose level the home region's chain lacks (全区 in a city's
    release): the nearest unit of that level inside the home region named before it on its line
    (青山湖区召开…推进会。会议通报，今年以来全区已完成…: 青山湖区); None when there is none."""
    level_char = places[i].candidates[0] if places[i].candidates else ""
    pos = places[i].nspan[0]
    line_start = text.rfind("\n", 0, pos) + 1
    for m in reversed(places[:i]):
        if m.nspan[1] <= line_start:
            break
        if m.kind == "home" or m.adcode is None or m.ambiguous or m.kind == "township":
            continue
        if home in lex.ancestors(m.adcode) and m.adcode != home and of_level(m.adcode, level_char, lex):
            return m.adcode
    return None


def resolve_home_word(level_char: str, home: str | None, lex: Lexicons) -> str | None:
    """我市 → the city-type unit at or above the home region; 我区/全县 → the home region."""
    if home is None:
        return None
    if level_char == "国":
        return None
    return next((code for code in reversed(lex.ancestors(home)) if of_level(code, level_char, lex, exact=False)), home)
