"""Mentions → renewal-project records (SPEC section 1 and 2).

For every quantity the stage decides, each from the nearest governing words:

* metric or item — from its unit and head noun (``metric_of``);
* status — from aspect and modal words in its clause, then its sentence; a plan word governs
  the clauses after it (``Vocab.status_for``);
* category — the nearest category trigger: clause, sentence, paragraph, then the document;
* period — the time expression governing its sentence or paragraph;
* region — the nearest place before it in its sentence (outside the home region's province
  only when nothing else is there), else the paragraph's, else the home region.

Quantities with no status or no category are not record metrics.  Records sharing region,
category, status and period are one record; a headline that restates the body is merged in.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

import regex

from ..extractors.patterns import alt
from ..extractors.places import region_of, resolve_home_word
from ..lexicons import Lexicons
from ..models import Category, Item, PlaceMention, Period, Quantity, Record, Region, Status, TimeMention
from ..normalization import Normalized
from .sentences import Layout, split

__all__ = ["Vocab", "associate"]

RANK = {"planned": 4, "started_strong": 3, "completed": 2, "started_weak": 1, "in_progress": 0}
STATUS_OF = {
    "planned": Status.PLANNED, "started_strong": Status.STARTED, "completed": Status.COMPLETED,
    "started_weak": Status.STARTED, "in_progress": Status.IN_PROGRESS,
}
LABEL_MAX = 12  # characters of a head noun phrase kept as an item label
HEADLINE_MAX = 40  # a title line is at most this long
SECTION_MAX = 4  # paragraphs a period is carried over
ITEM_BOUNDARY = regex.compile(r"[，,。；;：:、（）()“”\n]")
# Persons counted with 人次 are visits, never residents or items (游客10万余人次).
SKIP_UNITS = frozenset({"人次"})
# Characters trimmed from both ends of a label.
LABEL_PUNCT = "、，,的之等和及与 —‘’“”()（）"
# Order in which metrics sharing a unit are tried (个: parking spaces before communities).
METRIC_ORDER = ("parking_spaces", "charging_points", "elevators", "communities", "residents", "length_m",
                "housing_units", "buildings", "floor_area_m2", "households")


@dataclass(slots=True)
class Vocab:
    """Compiled association vocabulary for one lexicon set."""

    status: regex.Pattern
    status_class: dict[str, str]
    category: regex.Pattern
    category_of: dict[str, str]
    nouns: dict[str, tuple[str, ...]]
    units: dict[str, tuple[str, ...]]
    context: dict[str, tuple[str, ...]]
    defaults: dict[str, str]
    item_only: tuple[str, ...]
    continuations: tuple[str, ...]
    label_strip: regex.Pattern
    label_strip_left: regex.Pattern
    label_verb: regex.Pattern
    by_unit: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    allowed: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, lex: Lexicons) -> "Vocab":
        st = lex.status
        classes: dict[str, str] = {}
        for cls_name in ("default_completed", "in_progress", "started_weak", "completed", "started_strong", "planned",
                         "context_completed"):
            for w in st.get(cls_name, ()):
                classes[w] = cls_name
        jiang = alt(st.get("plan_jiang_verbs", ()))
        neg = alt(st.get("negations", ()))
        status = regex.compile(rf"(?P<neg>(?:{neg})(?:{alt(classes)}))|(?P<jiang>将(?=(?:还|也|再|要|会|逐步|全面)?(?:{jiang})))|(?P<w>{alt(classes)})")
        cat_of = {w: c for c, ws in lex.categories.items() for w in ws}
        nouns, units, context, defaults = {}, {}, {}, {}
        for metric, spec in lex.metrics.items():
            nouns[metric] = tuple(sorted(spec.get("nouns", ()), key=len, reverse=True))
            units[metric] = spec.get("units", ())
            context[metric] = spec.get("context", ())
            for u in spec.get("default", ()):
                defaults[u] = metric
        strip = alt(lex.label_strip)
        by_unit = {}
        for unit in {u for us in units.values() for u in us}:
            cands = tuple(m for m in METRIC_ORDER if unit in units.get(m, ()))
            all_nouns = tuple(sorted({n for m in cands for n in nouns.get(m, ())}, key=len, reverse=True))
            by_unit[unit] = (cands, all_nouns)
        return cls(
            status=status, status_class=classes, category=regex.compile(alt(cat_of)), category_of=cat_of,
            nouns=nouns, units=units, context=context, defaults=defaults,
            item_only=lex.item_only, continuations=lex.continuations,
            label_strip=regex.compile(rf"(?:{strip})+$"), label_strip_left=regex.compile(rf"^(?:{strip})+"),
            label_verb=regex.compile(alt([w for w in lex.label_strip if len(w) >= 2])),
            by_unit=by_unit,
            allowed={m: tuple(spec["categories"]) for m, spec in lex.metrics.items() if spec.get("categories")},
        )


@dataclass(slots=True)
class _Hit:
    pos: int
    end: int
    cls: str


class _Doc:
    """Per-document indexes: positions of status words, triggers, times and places."""

    def __init__(self, norm: Normalized, vocab: Vocab, places: list[PlaceMention], times: list[TimeMention],
                 quantities: list[Quantity]):
        text = norm.text
        self.text = text
        self.layout: Layout = split(text)
        self.status_hits = []
        for m in vocab.status.finditer(text):
            if m["neg"]:
                continue  # 尚未开工: a negated signal says nothing about what was done
            cls = "planned" if m["jiang"] else vocab.status_class[m["w"]]
            self.status_hits.append(_Hit(m.start(), m.end(), cls))
        self.status_pos = [h.pos for h in self.status_hits]
        self.cat_hits = [_Hit(m.start(), m.end(), vocab.category_of[m.group()]) for m in vocab.category.finditer(text)]
        self.cat_pos = [h.pos for h in self.cat_hits]
        self.places = [p for p in places]
        self.place_pos = [p.nspan[0] for p in self.places]
        self.times = [t for t in times if t.kind != "year" or not text.startswith(("以前", "以后", "之前"), t.nspan[1])]
        self.time_pos = [t.nspan[0] for t in self.times]
        self.q_ends = {q.nspan[1]: q for q in quantities}
        self.q_end_pos = sorted(self.q_ends)
        self.quantities = quantities
        self.q_index = {id(q): i for i, q in enumerate(quantities)}
        self.boundaries = sorted({p.nspan[1] for p in places} | {t.nspan[1] for t in times})
        self.clause_hits: dict[int, list[_Hit]] = {}
        self.regions: dict[tuple, Region] = {}
        self.pairs: dict[int, PlaceMention] = {}
        self._headline: dict[int, bool] = {}

    def headline(self, para_index: int) -> bool:
        """Whether paragraph ``para_index`` is a title line (short, no sentence punctuation)."""
        got = self._headline.get(para_index)
        if got is None:
            p = self.layout.paragraphs[para_index]
            text = self.text[p[0]:p[1]].strip()
            got = self._headline[para_index] = len(text) <= HEADLINE_MAX and not any(c in "。；;！？!?，," for c in text)
        return got


def _hits_in(hits: list[_Hit], pos: list[int], start: int, end: int) -> list[_Hit]:
    return hits[bisect_left(pos, start):bisect_left(pos, end)]


# ---- status --------------------------------------------------------------------------------
STRONG = frozenset({"planned", "started_strong", "completed"})
WEAK = frozenset({"started_weak", "in_progress"})


def _strongest(hits: list[_Hit], among: frozenset[str]) -> str | None:
    found = [h.cls for h in hits if h.cls in among]
    return max(found, key=RANK.__getitem__) if found else None


def status_for(doc: _Doc, q: Quantity) -> Status | None:
    """Strongest signal of the figure's clause; else a plan word earlier in the sentence; else
    the nearest strong signal before it, a "so far" word in its own clause, the nearest strong
    signal after it; then weak signals (实施, 推进); then "so far" words in the sentence."""
    lay = doc.layout
    ci = lay.clause_at(q.nspan[0])
    si = lay.clauses[ci][2]
    clauses = list(lay.clauses_of(si))

    def hits(c: int) -> list[_Hit]:
        got = doc.clause_hits.get(c)
        if got is None:
            got = doc.clause_hits[c] = _hits_in(doc.status_hits, doc.status_pos, *lay.clauses[c][:2])
        return got

    own = hits(ci)
    earlier = [hits(c) for c in clauses if c < ci][::-1]
    later = [hits(c) for c in clauses if c > ci]
    s = _strongest(own, STRONG)
    if s:
        return STATUS_OF[s]
    if any(_strongest(h, STRONG) == "planned" for h in earlier):
        return Status.PLANNED
    for h in earlier:
        s = _strongest(h, STRONG)
        if s:
            return STATUS_OF[s]
    if any(h.cls == "context_completed" for h in own):
        return Status.COMPLETED
    for h in later:
        s = _strongest(h, STRONG)
        if s:
            return STATUS_OF[s]
    for h in [own, *earlier, *later]:
        s = _strongest(h, WEAK)
        if s:
            return STATUS_OF[s]
    sent = lay.sentences[si]
    in_sentence = _hits_in(doc.status_hits, doc.status_pos, sent[0], sent[1])
    if any(h.cls == "context_completed" for h in in_sentence):
        return Status.COMPLETED
    # a renewal verb with no aspect word, in the figure's clause or one before it: work done
    if any(h.cls == "default_completed" for hits in (own, *earlier) for h in hits):
        return Status.COMPLETED
    return None


# ---- category ------------------------------------------------------------------------------
def _nearest(hits: list[_Hit], pos: int) -> _Hit | None:
    if not hits:
        return None
    return min(hits, key=lambda h: (abs(h.pos - pos), -h.pos))


def category_for(doc: _Doc, q: Quantity, fallback: str | None, allowed: tuple[str, ...] | None = None) -> Category | None:
    """The nearest trigger in the figure's clause; else the nearest before it in its sentence,
    then after it; then its paragraph; then the document's most frequent category.  Triggers of
    a category the metric cannot belong to (``allowed``) are passed over."""
    lay = doc.layout
    pos = q.nspan[0]
    ci = lay.clause_at(pos)
    c = lay.clauses[ci]
    si = c[2]
    s = lay.sentences[si]
    p = lay.paragraphs[s[2]]

    def ok(hits: list[_Hit]) -> list[_Hit]:
        return hits if allowed is None else [h for h in hits if h.cls in allowed]

    h = _nearest(ok(_hits_in(doc.cat_hits, doc.cat_pos, c[0], c[1])), pos)
    if h:
        return Category(h.cls)
    # in the sentence, the trigger before the figure governs it (城市更新项目28个，完成投资
    # 42亿元，其中改造老旧小区65个); one after it only when none stands before
    for hits, last in ((ok(_hits_in(doc.cat_hits, doc.cat_pos, s[0], pos)), True),
                       (ok(_hits_in(doc.cat_hits, doc.cat_pos, pos, s[1])), False),
                       (ok(_hits_in(doc.cat_hits, doc.cat_pos, p[0], s[0])), True),
                       (ok(_hits_in(doc.cat_hits, doc.cat_pos, s[1], p[1])), False)):
        if hits:
            return Category(hits[-1].cls if last else hits[0].cls)
    if fallback and (allowed is None or fallback in allowed):
        return Category(fallback)
    # the document is mostly about another kind of work: the metric's usual category
    return Category(allowed[0]) if allowed and fallback else None


# ---- period --------------------------------------------------------------------------------
def _period(t: TimeMention) -> Period:
    return Period(start=t.start, end=t.end, as_of=t.as_of, text=t.text)


def _section_paragraphs(doc: _Doc, para_index: int) -> list[int]:
    """Indices of the paragraphs before ``para_index`` in its section, nearest first; a
    section ends at a title line."""
    lay = doc.layout
    out = []
    for i in range(para_index - 1, max(-1, para_index - 1 - SECTION_MAX), -1):
        if doc.headline(i):
            break
        out.append(i)
    return out


def _times_in(doc: _Doc, start: int, end: int) -> list[TimeMention]:
    return doc.times[bisect_left(doc.time_pos, start):bisect_left(doc.time_pos, end)]


def _combine(times: list[TimeMention]) -> Period:
    """截至10月底，全区今年已完成…: a year and an "as of" date in one sentence make one
    period, started by the year and closed by the date."""
    last = times[-1]
    as_of = next((t for t in reversed(times) if t.as_of), None)
    if as_of is None or last.kind == "duration":
        return _period(last)
    start_t = next((t for t in reversed(times) if t.start and t is not as_of), None)
    if start_t is None:
        return _period(as_of)
    return Period(start=start_t.start, end=None, as_of=as_of.as_of, text=f"{as_of.text}…{start_t.text}")


def period_for(doc: _Doc, q: Quantity) -> Period:
    """The time governing the figure: the last one before it in its sentence, else the first
    after it in its clause, else the last one earlier in its paragraph, else the last time of
    the nearest earlier paragraph of its section (a section states its year once)."""
    lay = doc.layout
    si = lay.sentence_at(q.nspan[0])
    s = lay.sentences[si]
    pi = s[2]
    p = lay.paragraphs[pi]
    in_sent = _times_in(doc, s[0], s[1])
    clause = lay.clauses[lay.clause_at(q.nspan[0])]
    in_clause = [t for t in in_sent if clause[0] <= t.nspan[0] < clause[1]]
    before = [t for t in in_sent if t.nspan[0] < q.nspan[0]]
    # a time in the figure's own clause governs it first (剩余14个预计2024年6月底前完工); a time
    # after the figure in a later clause dates something else (总投资1200万元，预计明年6月完工)
    own_before = [t for t in in_clause if t.nspan[0] < q.nspan[0]]
    own_after = [t for t in in_clause if t.nspan[0] >= q.nspan[0]]
    cand = None
    if own_before or own_after:
        if len(before) > 1 and own_before:
            return _combine(before)
        cand = own_before[-1] if own_before else own_after[0]
    elif before:
        if len(before) > 1:
            return _combine(before)
        cand = before[-1]
    if cand is None:
        para = _times_in(doc, p[0], s[0])
        cand = para[-1] if para else None
    if cand is None and not _times_in(doc, p[0], p[1]):
        for i in _section_paragraphs(doc, pi):
            prev = _times_in(doc, *lay.paragraphs[i])
            if prev:
                cand = prev[-1]
                break
    if cand is None:
        return Period()
    if cand.kind == "duration" and cand.years:
        # 4年将累计完成: the N years ending with the last year named before it
        spans = [(p[0], cand.nspan[0])] + [lay.paragraphs[i] for i in _section_paragraphs(doc, pi)]
        for lo, hi in spans:
            years = [int(t.end[:4]) for t in _times_in(doc, lo, hi)
                     if t.end and t.kind in ("year", "month", "date", "range", "relative")]
            if years:
                last = max(years)
                return Period(start=str(last - cand.years + 1), end=str(last), text=cand.text)
        return Period(text=cand.text)
    return _period(cand)


# ---- region --------------------------------------------------------------------------------
def _region(doc: "_Doc", code: str, lex: Lexicons, name: str | None = None) -> Region:
    key = (code, name)
    got = doc.regions.get(key)
    if got is None:
        got = doc.regions[key] = region_of(code, lex, name)
    return got


def _place_region(p: PlaceMention, home: str | None, lex: Lexicons, doc: "_Doc") -> tuple[Region | None, str | None]:
    if p.kind == "home":
        level = p.candidates[0] if p.candidates else ""
        if level == "国":
            return Region("全国", "000000", "country", ()), None
        code = resolve_home_word(level, home, lex)
        return (_region(doc, code, lex, p.name) if code else None), None
    if p.adcode is None:
        return None, None
    if p.kind == "township":
        return _region(doc, p.adcode, lex), p.name
    return _region(doc, p.adcode, lex, p.name), None


def _compatible(code: str | None, home: str | None, lex: Lexicons) -> bool:
    """Inside the home region, or one of its ancestors (a province figure in a city release)."""
    if home is None or code is None or code == "000000":
        return True
    chain = lex.ancestors(code)
    return home in chain or code in lex.ancestors(home)


def respectively_pairs(doc: _Doc, lex: Lexicons) -> dict[int, PlaceMention]:
    """鼓楼区、玄武区分别完成改造32个、21个: for every 分别 whose sentence lists n ≥ 2 places
    before it and n figures of one unit after it, the i-th figure goes with the i-th place."""
    out: dict[int, PlaceMention] = {}
    if not lex.respectively:
        return out
    lay = doc.layout
    for word in lex.respectively:
        start = 0
        while (i := doc.text.find(word, start)) >= 0:
            start = i + len(word)
            s = lay.sentences[lay.sentence_at(i)]
            before = [p for p in doc.places[bisect_left(doc.place_pos, s[0]):bisect_left(doc.place_pos, i)]
                      if p.kind != "home" and p.adcode]
            # the list is the run of places right before 分别, joined only by 、/和/及/与
            places: list[PlaceMention] = []
            end = i
            for p in reversed(before):
                gap = doc.text[p.nspan[1]:end]
                # the last place may touch 分别; between listed places stands a separator
                # (南京市鼓楼区 with none is one place in its parent, not two list items)
                if gap.strip("、，,和及与 ") != "" or (places and not gap.strip()):
                    break
                places.insert(0, p)
                end = p.nspan[0]
            if len(places) < 2:
                continue
            by_unit: dict[str, list[Quantity]] = {}
            for q in doc.quantities:
                if i < q.nspan[0] < s[1]:
                    by_unit.setdefault(q.unit, []).append(q)
            for qs in by_unit.values():
                if len(qs) == len(places):
                    out.update({id(q): p for q, p in zip(qs, places)})
    return out


def region_for(doc: _Doc, q: Quantity, home: str | None, lex: Lexicons) -> tuple[Region | None, str | None]:
    lay = doc.layout
    paired = doc.pairs.get(id(q))
    if paired is not None:
        return _place_region(paired, home, lex, doc)
    si = lay.sentence_at(q.nspan[0])
    s = lay.sentences[si]
    p = lay.paragraphs[s[2]]
    lo, mid, hi = (bisect_left(doc.place_pos, x) for x in (s[0], q.nspan[0], s[1]))
    ordered = doc.places[lo:mid][::-1] + doc.places[mid:hi]
    para_lo = bisect_left(doc.place_pos, p[0])
    ordered += doc.places[para_lo:lo][::-1]
    for place in ordered:
        region, locality = _place_region(place, home, lex, doc)
        if region is not None and _compatible(region.adcode, home, lex):
            return region, locality
    if home:
        return _region(doc, home, lex), None
    return None, None


# ---- metric --------------------------------------------------------------------------------
SMALL_CN = frozenset("一二两三四五六七八九")


def _article_count(q: Quantity) -> bool:
    """A single small Chinese numeral before its classifier (一个缩影, 两个层面, 五个方面) is an
    article or a figure of speech, not a measure of work; written scale uses digits or tens."""
    digits = q.text.rstrip("".join(SMALL_CN) + "个项条座处家所种类大方面点批").lstrip("约近超逾")
    head = q.text.lstrip("约近超逾上数几")
    return bool(head) and head[0] in SMALL_CN and (len(head) < 2 or head[1] not in "十百千万亿") and not digits[:1].isdigit()


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


def _strip(label: str, vocab: Vocab) -> str:
    prev = None
    while prev != label:
        prev = label
        label = label.strip(LABEL_PUNCT)
        label = vocab.label_strip.sub("", label)
        label = vocab.label_strip_left.sub("", label)
    return label


def _before_text(doc: _Doc, q: Quantity, clause_start: int) -> tuple[str, Quantity | None]:
    """Words between the clause start (or the last place/time/quantity) and the number."""
    start = q.nspan[0]
    i = bisect_right(doc.boundaries, start) - 1
    lo = clause_start
    if i >= 0 and doc.boundaries[i] > lo:
        lo = doc.boundaries[i]
    prev_q = None
    j = bisect_right(doc.q_end_pos, start) - 1
    if j >= 0 and doc.q_end_pos[j] >= lo:
        prev_q = doc.q_ends[doc.q_end_pos[j]]
        lo = prev_q.nspan[1]
    return doc.text[lo:start], prev_q


def _after_text(doc: _Doc, q: Quantity) -> str:
    tail = doc.text[q.nspan[1]:q.nspan[1] + 20]
    m = ITEM_BOUNDARY.search(tail)
    return tail[:m.start()] if m else tail


def _noun_after(after: str, nouns: tuple[str, ...], vocab: Vocab) -> str | None:
    for n in nouns:
        if after.startswith(n):
            rest = after[len(n):]
            if not rest or rest.startswith(vocab.continuations):
                return n
    return None


def metric_of(doc: _Doc, q: Quantity, vocab: Vocab, labels: dict[int, str],
              metrics: dict[int, str | None]) -> tuple[str | None, str]:
    """(metric, label): metric None means an item with that label; label "" and metric None
    means the figure is descriptive.

    The noun right after the unit is the head when there is one (39个老旧小区、); a head noun
    followed by more nouns makes the figure part of a longer name (32个小区视频监控 is an
    item).  Without a noun after it, the words before the number decide (改造老旧片区27个)."""
    if q.unit in SKIP_UNITS:
        return None, ""
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    raw_before, prev_q = _before_text(doc, q, c[0])
    before = _strip(raw_before, vocab)
    if not before and prev_q is not None and raw_before.strip(LABEL_PUNCT) == "":
        before = labels.get(id(prev_q), "")  # 人才住房4栋、246套: the label carries over
    after = _after_text(doc, q)
    clause_before = doc.text[c[0]:q.nspan[0]]
    unit, kind = q.unit, q.kind
    if kind == "count":
        head = after.split("的")[0]
        if any(w in head for w in vocab.item_only) or any(before.endswith(w) for w in vocab.item_only):
            return None, _item_label(before, after, unit, vocab)  # SPEC: 项目 counts are items

    def context(metric: str) -> bool:
        words = vocab.context.get(metric, ())
        return any(w in clause_before for w in words) or any(after.startswith(w) for w in words)

    if kind == "money":
        if context("funding_yuan") or any(w in after[:4] for w in vocab.context["funding_yuan"]):
            return "funding_yuan", before
        return "investment_yuan", before
    candidates, all_nouns = vocab.by_unit.get(unit, ((), ()))
    own_noun = q.text if q.rule.endswith("N大+noun") or q.unit == "人" else ""
    for metric in candidates:
        if own_noun and any(own_noun.endswith(n) for n in vocab.nouns.get(metric, ())):
            return metric, before
    head = next((n for n in all_nouns if after.startswith(n)), None)
    if head is not None:
        rest = after[len(head):]
        # a people noun may be followed by its verb (群众从中受益); other nouns must end the
        # phrase or go on with a continuation word
        people = head in vocab.nouns.get("residents", ())
        if rest and not people and not rest.startswith(vocab.continuations):
            return None, after[:LABEL_MAX]
        for metric in candidates:
            if head in vocab.nouns.get(metric, ()):
                return metric, head
    elif after and kind in ("count", "persons") and _is_han(after[0]) and not after.startswith(vocab.continuations):
        return None, _item_label("", after, unit, vocab)  # 1165套天然气配套: counts something else
    for metric in candidates:
        if any(before.endswith(n) for n in vocab.nouns.get(metric, ())):
            return metric, before
    if "households" in candidates and context("households"):
        return "households", before
    default = vocab.defaults.get(unit)
    if default and (not before or unit == "栋"):
        return default, before
    if not before and (not after or after.startswith(vocab.continuations)):
        # 鼓楼区改造老旧小区18个；玄武区完成12个: the head noun is left out because it is
        # the one of the last figure with this unit in the paragraph
        prior = _previous_same_unit(doc, q, metrics)
        if prior:
            return prior, before
    return None, _item_label(before, after, unit, vocab)


def _item_label(before: str, after: str, unit: str, vocab: Vocab) -> str:
    """The noun phrase an item counts: the words before the number after their last verb
    (…增设小区便民服务站30个 → 小区便民服务站), else the words after the unit."""
    if before:
        cut = 0
        for m in vocab.label_verb.finditer(before):
            if m.end() < len(before):
                cut = m.end()
        return before[cut:].strip(LABEL_PUNCT)[-LABEL_MAX:] or unit
    return (after or unit).strip(LABEL_PUNCT)[:LABEL_MAX] or unit


def _previous_same_unit(doc: _Doc, q: Quantity, metrics: dict[int, str | None]) -> str | None:
    lay = doc.layout
    para = lay.paragraphs[lay.sentences[lay.sentence_at(q.nspan[0])][2]]
    for i in range(doc.q_index[id(q)] - 1, -1, -1):
        other = doc.quantities[i]
        if other.nspan[0] < para[0]:
            break
        if other.unit == q.unit and metrics.get(id(other)):
            return metrics[id(other)]
    return None


# ---- assembly ------------------------------------------------------------------------------
def associate(norm: Normalized, lex: Lexicons, vocab: Vocab, places: list[PlaceMention],
              times: list[TimeMention], quantities: list[Quantity], home: str | None) -> list[Record]:
    qs = [q for q in quantities if q.role == "quantity"]
    doc = _Doc(norm, vocab, places, times, qs)
    if not doc.cat_hits:
        return []  # nothing about renewal: no records
    dominant = Counter(h.cls for h in doc.cat_hits).most_common(1)[0][0]
    doc.pairs = respectively_pairs(doc, lex)
    records: dict[tuple, list[Record]] = {}
    labels: dict[int, str] = {}
    metrics: dict[int, str | None] = {}
    for q in qs:
        metric, label = metric_of(doc, q, vocab, labels, metrics)
        labels[id(q)] = label
        metrics[id(q)] = metric
        if metric is None and (not label or _article_count(q)):
            continue  # descriptive, or 一个缩影 / 两个层面: not a scale of work
        status = status_for(doc, q)
        if status is None:
            continue
        category = category_for(doc, q, dominant, vocab.allowed.get(metric) if metric else None)
        if category is None:
            continue
        region, locality = region_for(doc, q, home, lex)
        if region is None:
            continue
        period = period_for(doc, q)
        key = (region.adcode, category, status, period.key())
        sent = doc.layout.sentences[doc.layout.sentence_at(q.nspan[0])]
        bucket = records.setdefault(key, [])
        rec = None
        for r in bucket:
            if metric is None or metric not in r.metrics or r.metrics[metric].value == q.value:
                rec = r
                break
        if rec is None:
            s, e = norm.to_source(sent[0], sent[1])
            rec = Record(region=region, category=category, status=status, period=period,
                         evidence_text=norm.text[sent[0]:sent[1]], evidence_span=(s, e), locality=locality)
            bucket.append(rec)
        else:
            _extend_evidence(rec, norm, sent)
        if metric is None:
            if not any(i.quantity.value == q.value and i.label == label for i in rec.items):
                rec.items.append(Item(label or q.unit, q))

        elif metric not in rec.metrics:
            rec.metrics[metric] = q
    out = [r for rs in records.values() for r in rs if r.metrics or r.items]
    return _drop_headline_repeats(_merge_restatements(out), doc)


def _is_headline(doc: _Doc, span: tuple[int, int]) -> bool:
    """Whether ``span`` stands in a title line."""
    lay = doc.layout
    return doc.headline(lay.sentences[lay.sentence_at(span[0])][2])


def _drop_headline_repeats(records: list[Record], doc: _Doc) -> list[Record]:
    """A figure of a title line that the body gives again (same region and value) is the
    body's: the title's copy goes, whatever status its own words suggested."""
    body = {(r.region.adcode, m, q.value) for r in records for m, q in r.metrics.items()
            if not _is_headline(doc, q.nspan)}
    out = []
    for r in records:
        for m in [m for m, q in r.metrics.items() if _is_headline(doc, q.nspan) and (r.region.adcode, m, q.value) in body]:
            del r.metrics[m]
        if r.metrics or r.items:
            out.append(r)
    return out


def _extend_evidence(rec: Record, norm: Normalized, sent: tuple[int, int, int]) -> None:
    if rec.evidence_text.endswith(norm.text[sent[0]:sent[1]]) or norm.text[sent[0]:sent[1]] in rec.evidence_text:
        return
    s, e = norm.to_source(sent[0], sent[1])
    rec.evidence_text = rec.evidence_text + norm.text[sent[0]:sent[1]]
    rec.evidence_span = (min(rec.evidence_span[0], s), max(rec.evidence_span[1], e))


def _facts(r: Record) -> set[tuple[str, object]]:
    return {(m, q.value) for m, q in r.metrics.items()}


def _period_score(p: Period) -> int:
    return sum(x is not None for x in (p.start, p.end, p.as_of))


def _merge_restatements(records: list[Record]) -> list[Record]:
    """A headline restating the body (or a figure given twice) becomes one record: records of
    the same region, category and status that share a (metric, value) are merged into the one
    whose period says more."""
    out: list[Record] = []
    for r in records:
        target = None
        for o in out:
            if (o.region.adcode, o.category, o.status) == (r.region.adcode, r.category, r.status) and _facts(o) & _facts(r):
                if all(o.metrics[m].value == q.value for m, q in r.metrics.items() if m in o.metrics):
                    target = o
                    break
        if target is None:
            out.append(r)
            continue
        if _period_score(r.period) > _period_score(target.period):
            target.period = r.period
        for m, q in r.metrics.items():
            target.metrics.setdefault(m, q)
        for it in r.items:
            if not any(i.label == it.label and i.quantity.value == it.quantity.value for i in target.items):
                target.items.append(it)
    return out
