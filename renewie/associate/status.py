"""Status and category of a figure, from the words that govern it."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

import regex

from ..models import Category, Period, Quantity, Status
from ..normalization.layout import BULLET_START, FIELD_START, LINE_LABEL, is_han
from .document import RANK, SECTION_MAX, STATUS_OF, _Doc, _figure_between, _Hit, _hits_in, _label_start, _times_in
from .metrics import _strip

STRONG = frozenset({"planned", "started_strong", "completed", "in_progress_marked", "in_progress_share"})
SHARE = "in_progress_share"  # 完成工程量的75%: speaks of the work named before it, not after
ATTRIBUTIVE_MAX = 4  # characters between a signal and the 的 that makes it a modifier
WEAK = frozenset({"started_weak", "in_progress"})
STRONG_DONE = STRONG - {"planned"}
REACHED_BY_PLAN = frozenset({"started_strong", "completed"})  # see _plan_reaches
# the label opening a bulleted line: - 老旧小区改造：…, ▶【棚改】… (see _item_label_hits)
ITEM_LABEL = regex.compile(rf"{BULLET_START.pattern}\s*(?P<label>{LINE_LABEL})")


def _strongest(hits: list[_Hit], among: frozenset[str]) -> str | None:
    found = [h.cls for h in hits if h.cls in among]
    return max(found, key=RANK.__getitem__) if found else None


def status_for(doc: _Doc, q: Quantity) -> Status | None:
    """Strongest signal of the figure's clause; else a plan word earlier in the sentence; else
    the nearest strong signal before it (not into a clause naming another kind of work with a
    renewal verb of its own: 棚户区改造开工8.6万套，新建改造排水管网2180公里), a "so far" word in its
    own clause, the nearest strong signal after it; then a weak signal (实施, 推进) of its own
    clause; then a renewal verb
    standing before the figure in its clause (新建改造管网23公里); then weak signals of the
    other clauses; then "so far" words in the sentence; then a strong signal of a later clause
    that has a figure of its own after it.  Sentences ending in a semicolon before the figure's
    own count as its earlier clauses.  A clause listing figures each with its own verb
    (开工32个、完工28个) gives each the signal before it; a sentence opening with 其中 and saying
    nothing takes the status of the sentence before (of its figure in the same unit); one
    opening with 上述 and saying nothing, that of the work said before it.  A clause negating a
    signal (仍有3个小区…尚未开工) and holding no strong one gives none: what is not done.

    The answer depends only on the clause and on whether a renewal verb of the clause stands
    before the figure, so it is worked out once per clause."""
    pos = q.nspan[0]
    ci = doc.layout.clause_at(pos)
    if doc.negated_pos and _negated_clause(doc, ci):
        return None  # 仍有3个小区…尚未开工: what is not done
    if doc.label_pairs and id(q) in doc.label_pairs:
        # 开工、完工分别为32个、28个: the signal of the figure's own phrase, unless a plan word
        # before the list governs them all
        lo, hi = doc.label_pairs[id(q)]
        own = _strongest(_hits_in(doc.status_hits, doc.status_pos, lo, hi), STRONG_DONE)
        sent = doc.layout.sentences[doc.layout.sentence_at(pos)]
        if own is not None and not any(h.cls == "planned" for h in _hits_in(doc.status_hits, doc.status_pos, sent[0], pos)):
            return STATUS_OF[own]
    attributive = _attributive_status(doc, ci, pos)
    if attributive is not None:
        return attributive
    verb_pos, status = _clause_status_once(doc, ci)
    split = doc.clause_split.get(ci)  # set by _clause_status
    if not split and _aside_after(doc, ci, pos):
        # 老旧小区改造26个（年度计划20个）: the aside's signal is its own figure's only
        verb_pos, status = _clause_status_once(doc, ci, no_aside=True)
    if split:
        before = [h for h in split if h.end <= pos]
        if before:
            planned = any(h.cls == "planned" for h in before)
            return Status.PLANNED if planned else STATUS_OF[before[-1].cls]
    verb_done = verb_pos is not None and verb_pos < pos
    if status is Status.COMPLETED and verb_pos is None and _described_only(doc, ci):
        # 惠及/涉及 alone in a breakdown (…，计划在2025年至2027年分批实施。其中，改造城镇老旧小区318个、
        # 惠及居民5.2万户) describe the work broken down: the status of the sentence it breaks down
        # (of its figure in the unit of the clause's first, for all the clause's figures alike)
        first = doc.quantities[bisect_left(doc.q_starts, doc.layout.clauses[ci][0])]
        broken = _breakdown_status(doc, ci, first.unit)
        if broken is not None:
            return broken
    # a clause with no word of its own, done only by another clause's (其中，修水县改造小区28个，武宁县
    # 19个: 改造 before), is a part of a breakdown as the one with the verb is
    borrowed = status is Status.COMPLETED and not verb_done and \
        not _hits_in(doc.status_hits, doc.status_pos, *doc.layout.clauses[ci][:2])
    if verb_done or status is None or borrowed:
        # a breakdown that says nothing strong of its own (其中，2023年改造230个) is the status of
        # the sentence it breaks down, before its bare verb
        broken = _breakdown_status(doc, ci, q.unit)
        if broken is None:
            broken = _inner_breakdown_status(doc, ci, q.unit)
        if broken is None and not borrowed:
            # not a list item whose status comes from another clause of its own, which says where
            # it stands (a table row's progress cell: 1，崇文街道片区，涉及小区6个，…，已完工。)
            broken = _lead_in_status(doc, ci)
        if broken is not None:
            return broken
        if verb_done or borrowed:
            return Status.COMPLETED
        return _back_reference_status(doc, ci)
    return status


BACK_REFERENCE_REACH = 12  # paragraphs before a sentence opening with 上述 searched for a figure


def _back_reference_status(doc: _Doc, ci: int) -> Status | None:
    """A sentence that opens by pointing back (上述12个小区共涉及楼栋186栋; ``back_references`` of
    status.yaml) and signals nothing is about the work said before: the status of the last figure
    before it, back to a heading (a list of names may stand between); with no figure before it in
    its paragraph, the strong signal of the sentence before (…回搬仪式举行。该项目共涉及…)."""
    words = doc.vocab.back_references
    if not words:
        return None
    lay = doc.layout
    sent = lay.sentences[lay.clauses[ci][2]]
    text = doc.text
    start = doc.sentence_start(lay.clauses[ci][2])  # - 上述…, 3. 上述…
    if not text.startswith(words, start) and not _demonstrative_figure(doc, start):
        return None
    got = _last_figure_status(doc, lay.paragraphs[sent[2]][0], sent[0])
    si = lay.clauses[ci][2]
    if got is None and not _figure_between(doc, lay.paragraphs[sent[2]][0], sent[0]):
        # 10月29日，…居民回搬仪式举行。该项目共涉及老旧住宅6栋: no figure before it in its paragraph,
        # the signal of the sentence before
        s = _previous_sentence_signal(doc, si)
        if s:
            return STATUS_OF[s]
    i = sent[2] - 1
    while got is None and i >= 0 and sent[2] - i <= BACK_REFERENCE_REACH:
        p = lay.paragraphs[i]
        got = _last_figure_status(doc, p[0], p[1])
        if doc.headline(i) and not doc.numbered(i):
            break  # a heading: what it opens is all the sentence can point back to
        i -= 1
    return got


def _demonstrative_figure(doc: _Doc, pos: int) -> bool:
    """Whether a demonstrative (``demonstratives`` of status.yaml: 这, 此) right before a figure
    opens the text at ``pos`` (这12个小区共涉及…): it points back (这些, 这批 are ``back_references``)."""
    words = doc.vocab.demonstratives
    if not words or not doc.text.startswith(words, pos):
        return False
    k = pos + next(len(w) for w in words if doc.text.startswith(w, pos))
    return _figure_between(doc, k, k + 1)


def _negated_clause(doc: _Doc, ci: int) -> bool:
    """Whether clause ``ci`` negates a signal (尚未开工, 未完工) and holds no strong one."""
    lo, hi = doc.layout.clauses[ci][0], doc.layout.clauses[ci][1]
    i = bisect_left(doc.negated_pos, lo)
    if i == len(doc.negated_pos) or doc.negated_pos[i] >= hi:
        return False
    return not _strongest(_hits_in(doc.status_hits, doc.status_pos, lo, hi), STRONG)


def money_status(doc: _Doc, q: Quantity) -> Status | None:
    """For money whose sentence signals nothing: planned when it is named as a budget
    (``budget_words``: 该项目总投资约12.5亿元, what the work is to cost) — completed when the
    sentence before says all the work is done (``_after_all_done``); completed when its
    clause hands it down or pays it out (``funds_done``: 下达保障性租赁住房补助资金1860万元)."""
    if q.kind != "money":
        return None
    v = doc.vocab
    if v.budget_words:
        text = doc.text[_label_start(doc, q):q.nspan[0]]  # 总投资：1.2亿元: the label before the colon
        if any(w in text for w in v.budget_words):
            return Status.COMPLETED if _after_all_done(doc, q) else Status.PLANNED
    if v.funds_done:
        lay = doc.layout
        c = lay.clauses[lay.clause_at(q.nspan[0])]
        if any(w in doc.text[c[0]:q.nspan[0]] for w in v.funds_done):
            return Status.COMPLETED
    return None


def _after_all_done(doc: _Doc, q: Quantity) -> bool:
    """Whether the sentence right before the figure's says that all the work is done (涉及小区42个
    …，已全部完工。项目总投资1.6亿余元: the total of work done; a PDF line ending in 。 ends a
    paragraph, so the sentence may stand in the paragraph before)."""
    lay = doc.layout
    si = lay.sentence_at(q.nspan[0])
    if si == 0:
        return False
    prev = lay.sentences[si - 1]
    return _says_all_done(doc, _hits_in(doc.status_hits, doc.status_pos, prev[0], prev[1]))


def _says_all_done(doc: _Doc, hits: list[_Hit]) -> bool:
    """Whether ``hits`` hold a done word right after an ``all_done_before`` word (已**全部**完工), not
    one a start word follows (均已开工: all begun)."""
    before = doc.vocab.all_done_before
    return bool(before) and any(h.cls == "completed" and doc.text.endswith(before, 0, h.pos) and not any(
        x.pos >= h.end and x.cls == "started_strong" for x in hits) for h in hits)


def mixed_parts_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """Started for a figure whose done status comes only from a renewal verb (改造老旧小区38个) when
    the parts it is broken into right after are some done and some not (其中完工29个、在建9个): the
    work is begun, not all done."""
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    if any(h.cls != "default_completed" for h in _hits_in(doc.status_hits, doc.status_pos, c[0], c[1])):
        return status
    parts = doc.breakdown_parts(q)
    if not parts:
        return status
    got = {status_for(doc, x) for x in parts}
    if Status.COMPLETED in got and got & {Status.IN_PROGRESS, Status.STARTED, Status.PLANNED}:
        return Status.STARTED
    return status


def scope_progress_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """Started for a figure read done only by default — no signal in its clause but a verb naming a
    project (城中村改造项目), none but renewal verbs in its sentence (杨庄城中村改造项目涉及被征收户342户，
    征收房屋总面积约5.8万平方米。) — when a later sentence of its paragraph says part of it done, a
    smaller figure of its unit with a done signal of its own (截至10月20日，累计签订征收补偿协议312户):
    that is progress on the whole, which is begun, not done.  Money is left to the budget rules
    (``budget_status``)."""
    if q.kind == "money":
        return status
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    s = lay.sentences[c[2]]
    if any(not doc.text.startswith(doc.vocab.item_only, h.end)
           for h in _hits_in(doc.status_hits, doc.status_pos, c[0], c[1])) or \
            any(h.cls != "default_completed" for h in _hits_in(doc.status_hits, doc.status_pos, s[0], s[1])):
        return status
    end = lay.paragraphs[s[2]][1]
    for i in range(bisect_left(doc.q_starts, s[1]), len(doc.quantities)):
        x = doc.quantities[i]
        if x.nspan[0] >= end:
            break
        if x.unit != q.unit or not x.value or x.value >= q.value:
            continue
        c = lay.clauses[lay.clause_at(x.nspan[0])]
        if any(h.cls == "completed" for h in _hits_in(doc.status_hits, doc.status_pos, c[0], x.nspan[0])) \
                and status_for(doc, x) is Status.COMPLETED:
            return Status.STARTED
    return status


def secured_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """Completed for money secured (``funds_secured``: 总投资7.8亿元，其中争取对口援疆资金1.2亿元) whose
    clause holds no signal before it but renewal verbs, whatever ``status`` the work has (started,
    under way); a plan stays one."""
    words = doc.vocab.funds_secured
    if q.kind != "money" or not words or status is Status.PLANNED or status is Status.COMPLETED:
        return status
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    if any(h.cls != "default_completed" for h in _hits_in(doc.status_hits, doc.status_pos, c[0], q.nspan[0])):
        return status
    return Status.COMPLETED if any(w in doc.text[c[0]:q.nspan[0]] for w in words) else status


def budget_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """Planned for money named as a budget (``budget_words``) that nothing strong in its sentence
    up to it signals, when a later clause of the sentence signals before a figure of its own: the
    signal is said of that figure (项目总投资5.3亿元，已完成投资3.9亿元: the total is what the work
    is to cost, the 3.9亿元 what is spent; 总投资约86亿元，…目前已完成征收签约5260户); else
    ``status`` (涉及小区7个，总投资3960万元，已于6月底完工: the project's total, done with it)."""
    v = doc.vocab
    if q.kind != "money" or status is Status.PLANNED or not v.budget_words:
        return status
    label = _label_start(doc, q)
    if not any(w in doc.text[label:q.nspan[0]] for w in v.budget_words):
        return status
    lay = doc.layout
    sent = lay.sentences[lay.sentence_at(q.nspan[0])]
    before = _hits_in(doc.status_hits, doc.status_pos, sent[0], q.nspan[1])
    if _strongest(before, STRONG) or any(h.cls == "started_weak" for h in before):
        # …or the work is said to be under way before it (今年已实施城市更新项目47个，总投资
        # 38.6亿元，其中…: the cost of work started)
        return status
    if status is Status.COMPLETED and before and all(h.pos >= label and h.cls == "default_completed" for h in before) \
            and not _strongest(_hits_in(doc.status_hits, doc.status_pos, q.nspan[1], sent[1]), STRONG):
        # the only signal of the sentence is a renewal verb inside the budget's own words (今年的
        # 改造项目总投资约2.3亿元): the budget says what the work is to cost, as with no signal at
        # all (…改造总投资860万元，已于9月完工 is done)
        return money_status(doc, q) or status
    after = _hits_in(doc.status_hits, doc.status_pos, q.nspan[1], sent[1])
    if after and after[0].cls == "planned":
        # the sentence goes on with a plan (估算总投资96亿元，计划分两年实施): its weak verb is what is
        # planned, and the budget what the plan will cost
        return Status.PLANNED
    planned_after = False
    for other in doc.quantities[doc.q_index[id(q)] + 1:]:
        if other.nspan[0] >= sent[1]:
            break
        c = lay.clauses[lay.clause_at(other.nspan[0])]
        hits = _hits_in(doc.status_hits, doc.status_pos, c[0], other.nspan[0]) if c[0] >= q.nspan[1] else []
        if any(h.cls != "planned" for h in hits):
            return Status.PLANNED
        # …and a plan of its own (总投资1.2亿元，年度计划投资0.8亿元) too, unless the sentence says
        # where the work stands (…，已完工; …，在建: the total is the cost of that work)
        planned_after = planned_after or bool(hits)
    if planned_after and not _strongest(_hits_in(doc.status_hits, doc.status_pos, q.nspan[1], sent[1]), STRONG_DONE):
        return Status.PLANNED
    return status


ATTRIBUTIVE_NOUN = 8  # characters of the noun between 的 and the figure it counts (的城镇老旧小区3260个)


def _attributive_status(doc: _Doc, ci: int, pos: int) -> Status | None:
    """A figure right after 的, whose clause goes on to a figure of its own, is counted by the
    phrase before it (今年计划改造的46个小区已开工39个: the 46 are the planned ones, the 39 the
    started; so is one after 的 and its noun: 计划改造的城镇老旧小区3260个已开工3058个): the strongest
    signal of that phrase.  Without a second figure the predicate is
    said of the whole (今年计划改造的186个老旧小区已全部开工: started)."""
    text = doc.text
    clause = doc.layout.clauses[ci]
    if not _figure_between(doc, pos + 1, clause[1]):
        return None
    j = pos
    while j > 0 and text[j - 1] in " \u3000":
        j -= 1
    if j == 0 or text[j - 1] != "的":
        # …or after 的 and the noun it counts (计划改造的城镇老旧小区3260个已开工3058个)
        k = text.rfind("的", clause[0], pos)
        if k < 0 or pos - k - 1 > ATTRIBUTIVE_NOUN or not all(is_han(c) for c in text[k + 1:pos]) \
                or _hits_in(doc.status_hits, doc.status_pos, k + 1, pos):
            return None
        j = k + 1
    s = _strongest(_hits_in(doc.status_hits, doc.status_pos, clause[0], j - 1), STRONG)
    return STATUS_OF[s] if s else None


def _interleaved(doc: _Doc, own: list[_Hit], end: int) -> list[_Hit] | None:
    """The strong signals of a clause (``own``, its predicates; the clause ends at ``end``) when
    it lists figures each with its own verb (开工32个、完工28个, 新开工3200套、基本建成2800套):
    several kinds of signal with a figure between them and one after the last.  Each figure
    then takes the nearest before it (a plan word before it still governs it).  已有8个小区开工
    lists nothing: 已 marks the verb after the figure."""
    if len(own) < 2:
        return None
    hits = [h for h in own if h.cls in STRONG]
    if len({h.cls for h in hits}) < 2:
        return None
    listed = _figure_between(doc, hits[0].end, hits[-1].pos) and _figure_between(doc, hits[-1].end, end)
    return hits if listed else None


def _breakdown_status(doc: _Doc, ci: int, unit: str) -> Status | None:
    """A sentence that breaks the one before it down (其中，月塘街道12个，宋家桥街道8个; ``breakdown``
    of status.yaml) and has no strong signal of its own takes the status of that sentence's last
    figure."""
    lay = doc.layout
    si = lay.clauses[ci][2]
    sents = lay.sentences
    # the parts after a semicolon go on the breakdown (其中，解放街道11个、1502户；赣江街道9个、
    # 1265户；…): the sentence that opens it is the first of the semicolon chain
    first = doc.breakdown_opening(si)
    if not first or any(h.cls in STRONG for h in _hits_in(doc.status_hits, doc.status_pos, sents[first][0], sents[si][1])):
        return None
    if sents[first - 1][2] != sents[si][2]:
        # a paragraph opening with 其中 under lines of figures (开工改造城镇老旧小区212个 / 惠及居民…
        # / 改造各类管网186公里, then 其中，修水县改造小区28个): the last figure of its unit in the
        # paragraphs right above it (up to SECTION_MAX)
        pi = sents[si][2]
        return _last_figure_status(doc, lay.paragraphs[max(0, pi - SECTION_MAX)][0], lay.paragraphs[pi][0], unit,
                                   strict=True)
    si = first
    # the status of the last figure of the sentence broken down (…已筹集5300套，完成年度计划的66%:
    # the figure's clause, not the last clause, which may hold no figure) that is counted in the
    # unit of the figure (累计开工改造老旧小区1126个，…，加装电梯612部。其中，中心城区改造小区418个:
    # the communities, not the lifts)
    prev = lay.sentences[si - 1]
    return _last_figure_status(doc, prev[0], prev[1], unit)


def _inner_breakdown_status(doc: _Doc, ci: int, unit: str) -> Status | None:
    """A breakdown opening inside a sentence (实施城市更新项目47个，总投资38.6亿元，其中，改造老旧
    小区53个；整治背街小巷61条): its parts, and those of the semicolon chain going on from it, that
    say nothing strong of their own take the status of the figure before the breakdown word in
    its sentence (that figure's unit first), as ``_breakdown_status`` gives a sentence opening
    with one."""
    got = _breakdown_at(doc, ci)
    if got is None:
        return None
    sj, lo = got
    lay = doc.layout
    if lay.clause_at(lo) == lay.clauses_of(sj).start:
        return None  # opening its sentence: _breakdown_status
    if _strongest(_hits_in(doc.status_hits, doc.status_pos, lo, lay.clauses[ci][1]), STRONG):
        return None
    return _last_figure_status(doc, lay.sentences[sj][0], lo, unit)


def _breakdown_at(doc: _Doc, ci: int) -> tuple[int, int] | None:
    """The sentence and position of the breakdown word (其中) whose part clause ``ci`` is: in a
    clause of its sentence up to it, or of the semicolon chain it goes on."""
    words = doc.vocab.breakdown
    if not words:
        return None
    lay = doc.layout
    text = doc.text
    si = lay.clauses[ci][2]
    sj = si
    while True:
        clauses = lay.clauses_of(sj)
        for c in range(ci if sj == si else clauses.stop - 1, clauses.start - 1, -1):
            lo, hi = lay.clauses[c][0], lay.clauses[c][1]
            while lo < hi and text[lo] in " \u3000，,":
                lo += 1
            if doc.opens_breakdown(lo):
                return sj, lo
        if not doc.after_semicolon(sj):
            return None
        sj -= 1


def _last_figure_status(doc: _Doc, lo: int, hi: int, unit: str | None = None, strict: bool = False) -> Status | None:
    """The status of the last figure in ``lo:hi`` of the normalised text (None when there is
    none), the last one in ``unit`` when there is one (with ``strict``, None when there is none):
    its clause's, or completed after a bare renewal verb."""
    starts = doc.q_starts
    i = bisect_left(starts, hi) - 1
    if i < 0 or starts[i] < lo:
        return None
    if unit is not None:
        j = i
        while j >= 0 and starts[j] >= lo and doc.quantities[j].unit != unit:
            j -= 1
        if j >= 0 and starts[j] >= lo:
            i = j
        elif strict:
            return None
    pos = starts[i]
    verb_pos, status = _clause_status_once(doc, doc.layout.clause_at(pos))
    return Status.COMPLETED if verb_pos is not None and verb_pos < pos else status


LEAD_IN_ITEMS = 30  # the most items of a list that a lead-in line reaches over


def _lead_in_status(doc: _Doc, ci: int) -> Status | None:
    """An item of a numbered or bulleted list that says nothing strong of its own takes the
    status of the line that opens the list: a line ending in a colon (全区拟改造老旧小区9个，…。
    具体如下： then 1. 金台小区：楼栋11栋，户数436户) gives the status of its last figure, else of
    its last clause that has one; a heading with no figure (✅ 完成改造 then 👉 老旧小区56个;
    🔜 2025年计划) gives its strongest signal."""
    lay = doc.layout
    return _lead_in_status_of(doc, lay.sentences[lay.clauses[ci][2]][2])


def _lead_in_status_of(doc: _Doc, pi: int) -> Status | None:
    """``_lead_in_status`` of an item in paragraph ``pi``."""
    lay = doc.layout
    numbered = doc.numbered(pi)
    if not numbered and not doc.listed(pi):
        return None
    i = pi - 1
    while i >= 0 and pi - i <= LEAD_IN_ITEMS and doc.listed(i) and not doc.headline(i) \
            and (doc.numbered(i) or not _points_forward(doc, i)):
        i -= 1  # back over the items before this one (not over a lead-in of short clauses)
    if i < 0:
        return None
    p = lay.paragraphs[i]
    # a last sentence pointing to what follows (拟将以下6个小区纳入改造计划，现予以公示。) opens
    # the list as a colon does
    colon = doc.opens_list(i) or _points_forward(doc, i)
    if not numbered and not colon:
        return None  # rows of cells are a list only under a line opening it
    if doc.headline(i) and not colon:
        if i == 0 or _figure_between(doc, p[0], p[1]):
            return None  # the document's title is no heading of a list (it may name a meeting on plans)
        among = STRONG
        if doc.vocab.review_heading is not None and doc.vocab.review_heading.search(doc.text, p[0], p[1]):
            among = STRONG_DONE  # 2024年计划完成情况 reviews
        s = _strongest(_hits_in(doc.status_hits, doc.status_pos, p[0], p[1]), among)
        return STATUS_OF[s] if s else None
    if not colon:
        return None
    if _figure_between(doc, p[0], p[1]):
        return _last_figure_status(doc, p[0], p[1])
    # with no figure, a strong signal (现将2024年拟改造小区公示如下：); a weak one (持续推进…，主要指标
    # 如下：) says nothing of the items, which keep their own verbs
    for c in range(lay.clause_at(p[1] - 1), lay.clause_at(p[0]) - 1, -1):
        clause = lay.clauses[c]
        s = _strongest(_hits_in(doc.status_hits, doc.status_pos, clause[0], clause[1]), STRONG)
        if s:
            return STATUS_OF[s]
    return None


def _points_forward(doc: _Doc, i: int) -> bool:
    """Whether the last sentence of paragraph ``i`` points to what follows (``forward_words``)."""
    if not doc.vocab.forward_words:
        return False
    lay = doc.layout
    p = lay.paragraphs[i]
    last = lay.sentences[lay.sentence_at(max(p[0], p[1] - 1))]
    return any(w in doc.text[last[0]:last[1]] for w in doc.vocab.forward_words)


def target_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """``status``, or planned when the figure is a task or follows one in its sentence with no
    strong word in between (``targets`` of status.yaml): 下达我区改造任务42个，涉及居民5860户.
    A task said to be done keeps its status (完成棚户区改造任务3200套), and so does a figure whose
    own clause, after the task's, says where it stands (剩余48户正在抓紧施工)."""
    target = doc.vocab.target
    if target is None or status is Status.PLANNED:
        return status
    lay = doc.layout
    pos = q.nspan[0]
    sent = lay.sentences[lay.sentence_at(pos)]
    last = None
    for m in target.finditer(doc.text, sent[0], pos + 1):
        last = m
    if last is None:
        return status
    clause = lay.clauses[lay.clause_at(last.start())]
    before = _hits_in(doc.status_hits, doc.status_pos, clause[0], last.start())
    between = _hits_in(doc.status_hits, doc.status_pos, last.end(), pos)
    if any(h.cls in STRONG_DONE for h in before) or any(h.cls in STRONG for h in between):
        return status
    ci = lay.clause_at(pos)
    if ci != lay.clause_at(last.start()) and (_actual_clause(doc, ci) or any(
            h.cls in STRONG_DONE for h in _hits_in(doc.status_hits, doc.status_pos, pos, lay.clauses[ci][1]))):
        # 任务为360户，剩余48户正在抓紧施工: a clause of its own says where its figure stands; so does
        # one saying what was actually done (目标3900户，实际惠及3905户)
        return status
    return Status.PLANNED


def future_status(doc: _Doc, q: Quantity, status: Status, period: Period, published: str | None,
                  plan_years: Period | None = None) -> Status:
    """Planned when the figure's period begins after the publication date (到2025年底，全市改造
    老旧小区40个 in a 2023 release: the work cannot be done yet), unless its clause says the work
    is done already (已).  Compared at the period's own precision (2025 with the year, 2024-12
    with the month).  With no publication date, a document whose title names a plan and its years
    (``plan_years``: …三年实施方案（2025—2027年）) plans what falls in or after those years (到2027年，
    累计改造…210个), not what it recalls from before them (2020年以来，累计改造150个)."""
    if status is Status.PLANNED:
        return status
    if not published:
        last = period.end or period.as_of or period.start
        if plan_years is None or plan_years.start is None or last is None or last[:4] < plan_years.start[:4]:
            return status
        return status if _clause_says_done(doc, q) else Status.PLANNED
    first = period.start or period.as_of or period.end
    if first is None or first <= published[:len(first)]:
        return status
    return status if _clause_says_done(doc, q) else Status.PLANNED


def programme_status(doc: _Doc, q: Quantity, status: Status, period: Period, published: str | None) -> Status:
    """Planned when a figure for the whole year of publication, said with no strong signal in
    its sentence (2024年，我区改造老旧小区23个，总投资1.38亿元), is followed in its paragraph by
    progress as of a date of that year (截至8月31日，已完工11个; in its own sentence too: 今年还
    筹建保障性租赁住房1.5万套，目前已开工1.1万套 — no strong signal before that date then): it
    is the year's programme, of which the progress reports a part.  A release from December
    reports the year done; one from the first months of the year (``year_opens_through_month``)
    cannot, so there such a figure is planned with no progress after it.  Progress saying all of it
    is done (…，目前已全部完工) leaves it done."""
    if status is not Status.COMPLETED or not published or published[5:7] == "12":
        return status
    year = published[:4]
    if period.start != year or period.end != year or period.as_of:
        return status
    lay = doc.layout
    s = lay.sentences[lay.sentence_at(q.nspan[0])]
    if published[5:7].isdigit() and int(published[5:7]) <= doc.vocab.year_opens_through and \
            not any(h.cls in STRONG for h in _hits_in(doc.status_hits, doc.status_pos, s[0], s[1])):
        return Status.PLANNED  # 2024年…改造小区12个 in a February release
    p = lay.paragraphs[s[2]]
    clause_end = lay.clauses[lay.clause_at(q.nspan[0])][1]
    progress = next((t for t in _times_in(doc, clause_end, p[1]) if t.as_of and t.as_of[:4] == year), None)
    if progress is None:
        return status
    if any(h.cls in STRONG for h in _hits_in(doc.status_hits, doc.status_pos, s[0], min(s[1], progress.nspan[0]))):
        return status
    c = lay.clauses[lay.clause_at(progress.nspan[0])]
    if not _figure_between(doc, c[0], c[1]) and \
            _says_all_done(doc, _hits_in(doc.status_hits, doc.status_pos, c[0], c[1])):
        return status  # …，目前已全部完工: the progress is that all of it is done
    ps = lay.sentences[lay.sentence_at(progress.nspan[0])]
    if ps[0] > s[0] and _says_all_done(doc, _hits_in(doc.status_hits, doc.status_pos, progress.nspan[1], ps[1])) \
            and not _figure_between(doc, s[1], progress.nspan[0]):
        return status  # …。截至10月底，36个小区已全部完工: a sentence of its own saying all is done
    return Status.PLANNED


def all_done_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """Completed when a started figure (2023年，共实施改造项目12个，涉及小区32个) is followed by a
    sentence of its paragraph saying that all of it is done (截至目前，12个项目已全部完工:
    ``all_done_before`` of status.yaml before a done word, or a clause whose subject opens with one
    of ``all_subjects``: 全部改造任务已竣工; no plan word, no 其中), or by a later clause of its own
    sentence with no figure saying so (…涉及楼栋412栋，目前已全部完工)."""
    if status is not Status.STARTED or not doc.vocab.all_done_before:
        return status
    lay = doc.layout
    si = lay.sentence_at(q.nspan[0])
    s = lay.sentences[si]
    ci = lay.clause_at(q.nspan[0])
    for c in range(ci + 1, lay.clauses_of(si).stop):
        # …or a later clause of its own sentence with no figure (新开工改造86个、涉及楼栋412栋，目前已
        # 全部完工), after nothing that plans or sets another part apart (其余, 其中)
        lo, hi = lay.clauses[c][0], lay.clauses[c][1]
        hits = _hits_in(doc.status_hits, doc.status_pos, lo, hi)
        if any(h.cls == "planned" for h in hits) or _of_the_rest(doc, c) or doc.opens_breakdown(lo):
            break
        if _says_all_done(doc, hits) and not _figure_between(doc, lo, hi):
            return Status.COMPLETED
    if si + 1 >= len(lay.sentences) or lay.sentences[si + 1][2] != s[2]:
        return status
    nxt = lay.sentences[si + 1]
    if doc.opens_breakdown(nxt[0]):
        return status  # 其中5个已全部完工: a part of it
    hits = _hits_in(doc.status_hits, doc.status_pos, nxt[0], nxt[1])
    if any(h.cls == "planned" for h in hits) or _own_year(doc, nxt[0], nxt[1]):
        return status  # …。2023年开工的9个小区已全部完工: other work, done before
    return Status.COMPLETED if _says_all_done(doc, hits) or _all_subject_done(doc, si + 1, hits) else status


OWN_YEAR_KINDS = ("year", "relative", "range", "since", "plan")  # times naming a year (not 至年底, 目前)


def _own_year(doc: _Doc, lo: int, hi: int) -> bool:
    """Whether ``lo:hi`` names a year of its own (2023年开工的…, 去年), not a moment (至年底, 截至目前)."""
    return any(t.kind in OWN_YEAR_KINDS for t in _times_in(doc, lo, hi))


def restated_done_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """Completed when a started figure's sentence counts communities or projects (实施改造项目7个，
    改造小区二十六个，涉及楼栋112栋) and another sentence says that as many of them are all done
    (至年底，26个小区全部完工 — or, before it, 3个老旧小区综合整治项目全部完工): that sentence
    restates the count to report the work finished (``_done_counts``)."""
    if status is not Status.STARTED or not doc.vocab.restated_nouns:
        return status
    if doc.done_counts is None:
        doc.done_counts = _done_counts(doc)
    if not doc.done_counts:
        return status
    lay = doc.layout
    si = lay.sentence_at(q.nspan[0])
    s = lay.sentences[si]
    for x in doc.quantities[bisect_left(doc.q_starts, s[0]):]:  # in reading order, as q_starts
        if x.nspan[0] >= s[1]:
            break
        if x.kind == "count" and x.unit == "个":
            got = doc.done_counts.get(int(x.value))
            if got is not None and got != si:
                return Status.COMPLETED
    return status


def _done_counts(doc: _Doc) -> dict[int, int]:
    """Counts (of at least 2) said to be all done, each by the index of its sentence: a clause holding
    one figure, a count of 个 of a ``restated_nouns`` noun said right after it to be done by
    ``_says_all_done`` (26个小区全部完工), with no plan word, no breakdown word (其中3个已全部完工: a
    part) and no year of its own (去年开工的20个小区已全部完工: other work)."""
    out: dict[int, int] = {}
    lay = doc.layout
    nouns = doc.vocab.restated_nouns
    for h in doc.status_hits:
        if h.cls != "completed" or not doc.text.endswith(doc.vocab.all_done_before, 0, h.pos):
            continue
        ci = lay.clause_at(h.pos)
        lo, hi = lay.clauses[ci][0], lay.clauses[ci][1]
        figures = [x for x in doc.quantities[bisect_left(doc.q_starts, lo):] if x.nspan[0] < hi] \
            if _figure_between(doc, lo, hi) else []
        if len(figures) != 1:
            continue
        x = figures[0]
        if x.kind != "count" or x.unit != "个" or x.value < 2 or x.nspan[1] > h.pos or x.value != int(x.value) \
                or not any(n in doc.text[x.nspan[1]:h.pos] for n in nouns):
            continue
        si = lay.sentence_at(h.pos)
        s = lay.sentences[si]
        hits = _hits_in(doc.status_hits, doc.status_pos, lo, hi)
        if any(y.cls == "planned" for y in hits) or not _says_all_done(doc, hits) \
                or doc.opens_breakdown(lo) or doc.opens_breakdown(s[0]) \
                or _own_year(doc, s[0], h.pos):
            continue
        out[int(x.value)] = si
    return out


def _all_subject_done(doc: _Doc, si: int, hits: list[_Hit]) -> bool:
    """Whether a clause of sentence ``si`` opens with an ``all_subjects`` word and holds a done word
    (截至11月底，全部改造任务已竣工)."""
    words = doc.vocab.all_subjects
    if not words or not any(h.cls == "completed" for h in hits):
        return False
    for c in doc.layout.clauses_of(si):
        lo, hi = doc.layout.clauses[c][0], doc.layout.clauses[c][1]
        if doc.opens_with(lo, hi, words) and any(lo <= h.pos < hi and h.cls == "completed" for h in hits):
            return True
    return False


def plan_section_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """Planned when the figure stands in a section whose heading announces plans (二、2024年工作安排,
    下一步工作打算; ``plan_headings`` of status.yaml, none of ``review_headings``), in an item of a
    list whose opening line is a plan (``_lead_in_status``), or in a field naming a project's
    scope (建设内容：…, ``scope_labels``; in a block of fields saying when the work was completed,
    竣工日期：…, such a field reports done work), unless its clause says the work is done already (已) or
    under way now (正在), or its row of cells has a progress cell (``_progress_cell``): 完成棚户区
    改造1500户 there is a target.  The document's title opens no such
    section (a news title may name a meeting on plans)."""
    if status is Status.PLANNED:
        return status
    lay = doc.layout
    pi = lay.sentences[lay.sentence_at(q.nspan[0])][2]
    if status is not Status.COMPLETED and _scope_field(doc, pi) and doc.block_done(pi):
        # 改造内容：涉及楼栋12栋，实施屋面防水… over 竣工日期：…: the scope of work done
        c = lay.clauses[lay.clause_at(q.nspan[0])]
        if not _strongest(_hits_in(doc.status_hits, doc.status_pos, c[0], c[1]), STRONG):
            return Status.COMPLETED
    got = doc.plan_sections.get(pi)
    if got is None:
        # so is an item of a list whose opening line is a plan (计划实施城市更新项目18个…。其中：
        # then ②城中村改造：启动2个城中村改造项目，涉及房屋1800户)
        got = doc.plan_sections[pi] = (doc.has_plan_heading and _in_plan_section(doc, pi)) or \
            _lead_in_status_of(doc, pi) is Status.PLANNED or (_scope_field(doc, pi) and not doc.block_done(pi))
    if not got or _clause_says_done(doc, q, under_way=True) or _progress_cell(doc, pi) is not None:
        return status
    return Status.PLANNED


PROGRESS_CELL_MAX = 6  # characters of a row's cell that is only a word of progress (已完工, 主体完工, 在建)


def _progress_cell(doc: _Doc, pi: int) -> tuple[int, int, Status] | None:
    """(start, end, status) of the cell of row of cells ``pi`` that says only where the row's work
    stands (1，崇文街道片区，涉及小区6个，…，已完工。 under a table's lead-in 根据年度计划…，具体如下：): a
    progress column, which speaks for the row whatever the lead-in plans; a done, started or
    under-way word, or one negated (未开工, 尚未启动: the work is still planned), and no time (a cell
    saying 年底前完工 sets a deadline; a sentence is parted by commas).  None: no such cell."""
    if pi in doc.progress_cells:
        return doc.progress_cells[pi]
    doc.progress_cells[pi] = None
    if not doc.cell_row(pi):
        return None
    p = doc.layout.paragraphs[pi]
    text = doc.text
    pos = p[0]
    while pos < p[1]:
        end = text.find("，", pos, p[1])
        end = p[1] if end < 0 else end
        cell_end = end - 1 if end == p[1] and text[end - 1] == "。" else end
        # (a cell naming a time sets a deadline, 年底前完工: a sentence's plan parted by commas)
        if 0 < cell_end - pos <= PROGRESS_CELL_MAX and not any(c.isdigit() for c in text[pos:cell_end]) \
                and not _times_in(doc, pos, cell_end):
            s = _strongest(_hits_in(doc.status_hits, doc.status_pos, pos, cell_end), STRONG_DONE)
            i = bisect_left(doc.negated_pos, pos)
            if s or (i < len(doc.negated_pos) and doc.negated_pos[i] < cell_end):
                got = doc.progress_cells[pi] = (pos, cell_end, STATUS_OF[s] if s else Status.PLANNED)
                return got
        pos = end + 1
    return None


def row_progress_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """In a row of cells with a progress cell (2024年，金牛区，改造小区31个，惠及户数7860户，…，在建。),
    the status that cell gives, for a figure whose own clause says nothing strong (惠及 is weak):
    the column speaks for the whole row."""
    lay = doc.layout
    pi = lay.sentences[lay.sentence_at(q.nspan[0])][2]
    if not doc.cell_row(pi):
        return status
    cell = _progress_cell(doc, pi)
    if cell is None or cell[2] is status:
        return status
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    if _strongest(_hits_in(doc.status_hits, doc.status_pos, c[0], c[1]), STRONG):
        return status
    return cell[2]


def plan_table_status(doc: _Doc, q: Quantity, status: Status) -> Status:
    """Planned for a figure of a row of cells that only a renewal verb says done (改造老旧小区32个)
    in a document whose title plans (岳阳市2025年城市更新重点项目计划表): a table of plans, not of
    results; a row's progress cell (``row_progress_status``) has spoken before."""
    if status is not Status.COMPLETED:
        return status
    return Status.PLANNED if _in_plan_table(doc, q) else status


def unsaid_plan_table_status(doc: _Doc, q: Quantity) -> Status | None:
    """Planned for a figure of a row of cells that nothing gives a status (电梯数1部) in a document
    whose title plans (…补助资金拟拨付名单公示), else None."""
    return Status.PLANNED if _in_plan_table(doc, q) else None


def _in_plan_table(doc: _Doc, q: Quantity) -> bool:
    """Whether ``q`` stands in a row of cells whose clause says nothing but a renewal verb, under
    a title holding a plan word."""
    lay = doc.layout
    pi = lay.sentences[lay.sentence_at(q.nspan[0])][2]
    if not doc.cell_row(pi):
        return False
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    if any(h.cls != "default_completed" for h in _hits_in(doc.status_hits, doc.status_pos, c[0], c[1])):
        return False
    if doc.plan_title is None:
        doc.plan_title = any(h.cls == "planned" for i in doc.title_lines()
                             for h in _hits_in(doc.status_hits, doc.status_pos, *lay.paragraphs[i]))
    return doc.plan_title


def section_status(doc: _Doc, q: Quantity) -> Status | None:
    """For a figure nothing around it gives a status (本批次共涉及老旧小区4个，楼栋27栋): the strongest
    signal of the heading of its section (一、拟改造小区基本情况), else of the last sentence before
    it whose clause opening with a preamble word announces what the document sets out (现将我区
    2025年拟实施改造的老旧小区名单予以公示; ``report_preambles`` of times.yaml); a sentence pointing
    back at the work the one before it names (项目涉及…) takes that one's.  The document's title gives
    none (a news title may name a meeting on plans)."""
    lay = doc.layout
    if doc.negated_pos and _negated_clause(doc, lay.clause_at(q.nspan[0])):
        return None  # 仍有12个小区…未能开工: what is not done
    pi = lay.sentences[lay.sentence_at(q.nspan[0])][2]
    section = doc.section(pi, list_numbers=False)
    if section and section[-1] != 0 and doc.headline(section[-1]):
        p = lay.paragraphs[section[-1]]
        s = _strongest(_hits_in(doc.status_hits, doc.status_pos, p[0], p[1]), STRONG)
        if s:
            return STATUS_OF[s]
    back = _antecedent_signal(doc, lay.sentence_at(q.nspan[0]))
    if back:
        return STATUS_OF[back]
    if doc.preamble_signals is None:
        doc.preamble_signals = _preamble_signals(doc)
    got = None
    for end, s in doc.preamble_signals:
        if end > q.nspan[0]:
            break
        got = s
    return STATUS_OF[got] if got else None


def _previous_sentence_signal(doc: _Doc, si: int) -> str | None:
    """The strongest signal of the sentence before sentence ``si`` in its paragraph (None: none, or
    ``si`` opens its paragraph)."""
    lay = doc.layout
    if si == 0 or lay.sentences[si - 1][2] != lay.sentences[si][2]:
        return None
    prev = lay.sentences[si - 1]
    return _strongest(_hits_in(doc.status_hits, doc.status_pos, prev[0], prev[1]), STRONG)


def _antecedent_signal(doc: _Doc, si: int) -> str | None:
    """The signal of the sentence before sentence ``si`` when ``si`` opens with a bare word for the
    work that one names (同意实施…改造项目。项目涉及17个小区…; ``work_references`` of status.yaml) and
    signals nothing itself: read only where nothing else gives a status, unlike ``back_references``
    (上述, 该项目), whose sentences take the last figure's status first."""
    words = doc.vocab.work_references
    if not words or not doc.opens_back_reference(si, words):
        return None
    s = doc.layout.sentences[si]
    if _hits_in(doc.status_hits, doc.status_pos, s[0], s[1]):
        return None
    return _previous_sentence_signal(doc, si)


def _preamble_signals(doc: _Doc) -> list[tuple[int, str]]:
    """(end, strongest signal after the word) of each sentence with a clause opening with a
    preamble word (…，经区住建局审核，现将…予以公示。) that holds one."""
    words = doc.vocab.preamble_words
    if not words or not any(w in doc.text for w in words):
        return []
    lay = doc.layout
    out = []
    for c in lay.clauses:
        lo = c[0]
        while lo < c[1] and doc.text[lo] in " \u3000":
            lo += 1
        word = next((w for w in words if doc.text.startswith(w, lo)), None)
        if word is not None:
            end = lay.sentences[c[2]][1]  # the signals after the word (not 将 of 现将)
            s = _strongest(_hits_in(doc.status_hits, doc.status_pos, lo + len(word), end), STRONG)
            if s:
                out.append((end, s))
    return out


def _scope_field(doc: _Doc, pi: int) -> bool:
    """Whether paragraph ``pi`` is a field naming what a project comprises (建设内容：…;
    ``scope_labels`` of status.yaml)."""
    pattern = doc.vocab.scope_field
    p = doc.layout.paragraphs[pi]
    return pattern is not None and pattern.match(doc.text, p[0], p[1]) is not None


def _in_plan_section(doc: _Doc, pi: int) -> bool:
    section = doc.section(pi, list_numbers=False)
    if not section or section[-1] == 0 or not doc.headline(section[-1]):
        return False
    p = doc.layout.paragraphs[section[-1]]
    v = doc.vocab
    return v.plan_heading.search(doc.text, p[0], p[1]) is not None and (
        v.review_heading is None or v.review_heading.search(doc.text, p[0], p[1]) is None)


def _clause_says_done(doc: _Doc, q: Quantity, under_way: bool = False) -> bool:
    """Whether the figure's clause says the work is done already (已); with ``under_way``, or under
    way now (an explicit progressive marker: 剩余7个小区正在进行管网施工 under a heading 下一步)."""
    c = doc.layout.clauses[doc.layout.clause_at(q.nspan[0])]
    hits = _hits_in(doc.status_hits, doc.status_pos, c[0], c[1])
    return _says_done(doc, hits) or (under_way and any(h.cls == "in_progress_marked" for h in hits))


def _plan_before(doc: _Doc, earlier: list[list[_Hit]], strong_earlier: list[str | None]) -> bool:
    """Whether a plan word of an earlier clause (``earlier``, nearest first) reaches the figure's:
    it governs the clauses after it up to one that says the work is already done (计划改造200个，
    其中已完工97个，涉及居民1.9万户: the households are done) or actually done (``actual``: 实际完成31个)."""
    for h, st in zip(earlier, strong_earlier):
        if st == "planned" and _attributive_plan(doc, h):
            continue  # 全省纳入计划的城中村改造项目共75个，…，完成投资126亿元: the plan names the projects
        if st == "planned":
            return True
        if st and _says_done(doc, h):
            return False
        if h and _actual_clause(doc, doc.layout.clause_at(h[0].pos)):
            return False  # 计划改造28个，实际完成31个，惠及居民6200户: what was actually done
    return False


POINT_TIMES = frozenset(("year", "month", "date", "relative"))


def _other_time(doc: _Doc, c: int, ci: int) -> bool:
    """Whether later clause ``c`` is dated by a time of its own while clause ``ci`` or one before it
    in the sentence is dated by another (五年来全市筹集保障性租赁住房2.3万套，…首个项目于去年开工): it
    tells of another event, whose signal is none of ``ci``'s figures'."""
    lay = doc.layout
    lo, hi = lay.clauses[c][0], lay.clauses[c][1]
    own = [t for t in _times_in(doc, lo, hi) if t.kind in POINT_TIMES]
    if not own:
        return False
    s0 = lay.sentences[lay.clauses[ci][2]][0]
    before = _times_in(doc, s0, lay.clauses[ci][1])
    return bool(before) and all(t.text != own[0].text for t in before)


def _attributive_plan(doc: _Doc, hits: list[_Hit]) -> bool:
    """Whether every plan word of ``hits`` modifies a noun, 的 following it within a few characters
    (纳入计划的项目, 计划改造的小区): it names what is counted, it does not plan what later clauses say."""
    text = doc.text
    plans = [h for h in hits if h.cls == "planned"]
    for h in plans:
        k = text.find("的", h.end, h.end + ATTRIBUTIVE_MAX + 1)
        if k < 0 or any(c in "，,。；;：:、" for c in text[h.end:k]):
            return False
    return bool(plans)


def _actual_clause(doc: _Doc, ci: int) -> bool:
    """Whether clause ``ci`` marks what it says as actually done (``actual``: 实际筹集860套)."""
    c = doc.layout.clauses[ci]
    return any(w in doc.text[c[0]:c[1]] for w in doc.vocab.actual)


def _open_bracket(text: str, lo: int, pos: int) -> int:
    """Where a bracket opened in ``lo:pos`` and not closed before ``pos`` stands, or -1 (the figure
    at ``pos`` is inside it)."""
    k = max(text.rfind("（", lo, pos), text.rfind("(", lo, pos))
    return k if k >= 0 and not any(ch in "）)" for ch in text[k:pos]) else -1


def _plan_reaches(doc: _Doc, ci: int) -> bool:
    """Whether a plan word that reaches clause ``ci`` (``_plan_before``) governs its own start or
    done word (将继续实施改造40个以上，新开工安置房500套; 计划新开工3000套，基本建成2000套: the
    targets are planned): in a sentence that dates no progress (截至, 目前: 计划改造120个，截至目前
    完成98个 reports), the clause marking nothing as actually done (实际新开工1.35万套) nor opening
    with the months of the year so far (年度计划改造180个，1—10月完成176个 reports; 下半年将推动…开工
    is still the plan's)."""
    c = doc.layout.clauses[ci]
    if _actual_clause(doc, ci):
        return False
    if any(t.nspan[0] == c[0] and _year_to_date(t) for t in _times_in(doc, c[0], c[1])):
        return False
    sent = doc.layout.sentences[c[2]]
    return not any(t.as_of or t.kind == "now" for t in _times_in(doc, sent[0], sent[1]))


def _year_to_date(t) -> bool:
    """Whether time ``t`` covers a year from January to a month before December (1—10月, 前三季度,
    上半年): the months a progress report counts."""
    s, e = t.start, t.end
    return bool(s and e and len(s) == 7 and len(e) == 7 and s[:4] == e[:4] and s[5:] == "01" and e[5:] != "12")


def _says_done(doc: _Doc, hits: list[_Hit]) -> bool:
    """Whether ``hits`` hold a word saying the work is done already (``realis``: 已)."""
    realis = doc.vocab.realis
    return any(doc.text[h.pos:h.end] in realis for h in hits)


def _clause_status_once(doc: _Doc, ci: int, no_aside: bool = False) -> tuple[int | None, Status | None]:
    """``_clause_status`` of clause ``ci``, worked out once per document."""
    cache = doc.clause_status_no_aside if no_aside else doc.clause_status
    got = cache.get(ci)
    if got is None:
        got = cache[ci] = _clause_status(doc, ci, no_aside)
    return got


def _aside_after(doc: _Doc, ci: int, pos: int) -> bool:
    """Whether the figure at ``pos`` stands outside brackets and a signal of its clause stands in
    brackets after it, closed within the clause, with a figure of its own there (…26个（年度计划20个），;
    not …总投资2.1亿元（在建）, which says where the figure's project stands)."""
    lo, hi = doc.layout.clauses[ci][0], doc.layout.clauses[ci][1]
    text = doc.text
    if not any(b in text[pos:hi] for b in "（("):
        return False
    if _open_bracket(text, lo, pos) >= 0:
        return False  # the figure is in an aside itself
    return any(h.pos > pos and _in_aside(text, pos, h) and _figure_between(doc, h.end, _aside_end(text, h.end))
               for h in _hits_in(doc.status_hits, doc.status_pos, lo, hi))


def _aside_end(text: str, pos: int) -> int:
    """The position of the bracket closing the aside holding ``pos`` (``_in_aside``)."""
    return next((i for i in range(pos, len(text)) if text[i] in "）)"), len(text))


def _clause_status(doc: _Doc, ci: int, no_aside: bool = False) -> tuple[int | None, Status | None]:
    """(position of the first renewal verb of the clause, status of a figure before it); the
    verb position is None when the verb rule is not reached.  With ``no_aside``, the signals in
    brackets closed within the clause are left out of its own (for the figures before them)."""
    lay = doc.layout
    si = lay.clauses[ci][2]
    sentence_clauses = lay.clauses_of(si)
    hits_pos, all_hits, clauses = doc.status_pos, doc.status_hits, lay.clauses

    def hits(c: int) -> list[_Hit]:
        got = _hits_in(all_hits, hits_pos, clauses[c][0], clauses[c][1])
        return _predicates(doc.text, got) if len(got) > 1 else got

    def back(c: int) -> list[_Hit]:
        # a signal in brackets closed within its clause is an aside (完成改造22个（年度计划20个），
        # 惠及居民6150户: the plan is the 20's alone)
        got = [h for h in hits(c) if h.cls != SHARE]
        if got and any(b in doc.text[clauses[c][0]:clauses[c][1]] for b in "（("):
            got = [h for h in got if not _in_aside(doc.text, clauses[c][0], h)]
        if got and doc.column_words:
            # a table column's word (计划 of 老旧小区（个）over 计划 | 完工) is its own cell's only
            got = [h for h in got if h.pos not in doc.column_words]
        return got

    own = hits(ci)
    if no_aside:
        own = [h for h in own if not _in_aside(doc.text, clauses[ci][0], h)]
    else:
        doc.clause_split[ci] = _interleaved(doc, own, clauses[ci][1])
    earlier = [back(c) for c in range(ci - 1, sentence_clauses.start - 1, -1)]  # nearest first
    in_sentence = len(earlier)
    # a semicolon joins coordinate parts of one sentence: 将改造老旧小区35个；新建管网40公里
    # (the plan governs both parts)
    prev = si
    while doc.after_semicolon(prev):
        prev -= 1
        earlier += [back(c) for c in reversed(lay.clauses_of(prev))]
    # a clause about the rest of the work (其余小区预计10月底完工) says nothing of the figures before it
    later = [[] if _of_the_rest(doc, c) or _other_time(doc, c, ci) else hits(c)
             for c in range(ci + 1, sentence_clauses.stop)]
    s = _strongest(own, STRONG)
    strong_earlier = [_strongest(h, STRONG) for h in earlier]
    planned = _plan_before(doc, earlier, strong_earlier)
    if s:
        if planned and s in REACHED_BY_PLAN and not _says_done(doc, own) and _plan_reaches(doc, ci):
            return None, Status.PLANNED
        return None, STATUS_OF[s]
    actual = _actual_clause(doc, ci)
    if planned and not actual:
        return None, Status.PLANNED
    if _of_the_rest(doc, ci):
        # 剩余1.4公里，因涉及道路交通管制，将于2025年3月前完成: the rest is in the state a later clause
        # gives it, not in that of the work done before it
        for c, h in zip(range(ci + 1, sentence_clauses.stop), later):
            s = _strongest(h, STRONG_DONE)
            if s:
                first = _first_strong(h)
                if not _has_own_figure(doc, c, first.end):
                    return None, Status.PLANNED if first.cls == "planned" else STATUS_OF[s]
                break
    # else the nearest strong signal (已启动项目8个，完成签约4210户，拆除房屋1960栋: the
    # demolition is done, not started); not a plan for what is marked as actually done
    # (计划筹集800套，实际筹集860套)
    nearest = next((s for s in strong_earlier if s and not (actual and s == "planned")), None)
    if nearest == "started_strong" and _counts_acts(doc, ci):
        # 启动签约，首日签约218户: the signings counted are done, whatever began
        return None, Status.COMPLETED
    if nearest:
        verb = next((h.pos for h in own if h.cls == "default_completed"), None)
        if verb is not None and not any(strong_earlier[:in_sentence]):
            # over a semicolon, a clause's own verb says what its figures are (已开工39个；
            # 新增停车位640个: the parking is added); a plan still reaches it (above)
            return verb, STATUS_OF[nearest]
        if verb is not None and _other_work(doc, ci, ci - 1 - next(k for k, s in enumerate(strong_earlier) if s)):
            # …and so after a comma, when the clause names another kind of work than the one
            # whose signal it is (棚户区改造开工8.6万套，新建改造城市排水管网2180公里: the pipes are laid)
            return verb, STATUS_OF[nearest]
        return None, STATUS_OF[nearest]
    if any(h.cls == "context_completed" for h in own):
        # 惠及/涉及 describe the work of the sentence: after a start word of an earlier clause
        # (实施…项目14个，涉及小区21个，惠及居民3200余户) they take its status, unless a later clause
        # says it is done (…，惠及居民逾6千户，已全部完工) of them
        # …; a completion still to come in a later clause (惠及居民3000户，…，预计2025年4月完工) makes
        # it a plan, as it does a figure with no signal (below)
        if any(_strongest(h, STRONG_DONE) and _first_strong(h).cls == "planned" for h in later):
            return None, Status.PLANNED
        # (a later clause's done word with a figure of its own after it is that figure's: 实施…
        # 18.6万平方米，受益居民3100余户，其中竣工6.2万平方米 leaves the households started)
        done_later = any(_strongest(h, STRONG_DONE) and not _has_own_figure(doc, c, _first_strong(h).end)
                         for c, h in zip(range(ci + 1, sentence_clauses.stop), later))
        # (nor does a clause with a renewal verb of its own: 深入实施城市更新行动，改造城镇老旧小区156个、
        # 惠及居民2.3万户 — the households are of the work done)
        own_verb = any(h.cls == "default_completed" for h in own)
        weak = None if done_later or own_verb else next(
            (s for s in (_strongest(h, WEAK) for h in earlier[:in_sentence]) if s == "started_weak"), None)
        if weak is None and not earlier and not later:
            weak = _card_line_status(doc, si)
        return None, STATUS_OF[weak] if weak else Status.COMPLETED
    claimed = None
    for c, h in zip(range(ci + 1, sentence_clauses.stop), later):
        # a plan word governs what follows it (…，计划总投资2.1亿元 says nothing of the
        # figures before it); a done word after a plan word is a completion still to come
        # (涉及居民1320户，预计2027年底全部完成: the work is not done)
        s = _strongest(h, STRONG_DONE)
        if s:
            first = _first_strong(h)
            got = Status.PLANNED if first.cls == "planned" else STATUS_OF[s]
            if not _has_own_figure(doc, c, first.end):
                return None, got
            # a signal with a figure of its own after it (…30个，另外新开工12个) is that
            # figure's: the figure before it takes it only when nothing else speaks for it
            claimed = claimed or got
    s = _strongest(own, WEAK)
    if s:
        return None, STATUS_OF[s]
    # the figure's own verb, even without an aspect word, outranks a weak word of another
    # clause (同步实施雨污分流，新建管网23公里: the pipes were laid); only a verb before the
    # figure governs it (…366栋房屋的老旧改造项目…实施改造: 改造 after it names the project)
    verb = next((h.pos for h in own if h.cls == "default_completed"), None)
    return verb, _other_clauses(doc, si, own, earlier, later) or claimed


def _card_line_status(doc: _Doc, si: int) -> str | None:
    """For a line of a card of figures, one figure a line and no full stop (开工改造城镇老旧小区212个 /
    惠及居民3.6万户), that says only 惠及/涉及: the start or plan word of the line right above it,
    whose work it describes, as a clause after such a word in a sentence would."""
    lay = doc.layout
    pi = lay.sentences[si][2]
    if pi == 0:
        return None
    here, above = lay.paragraphs[pi], lay.paragraphs[pi - 1]
    text = doc.text
    if lay.sentences[si][0] != here[0] or lay.sentences[si][1] < here[1] - 1 or above[1] + 1 != here[0] \
            or any(ch in text[above[0]:here[1]] for ch in "。；;，,") \
            or not _figure_between(doc, above[0], above[1]):
        return None
    s = _strongest(_hits_in(doc.status_hits, doc.status_pos, above[0], above[1]), STRONG)
    return s if s in ("started_strong", "planned") else None


def _of_the_rest(doc: _Doc, c: int) -> bool:
    """Whether clause ``c`` opens with a ``rest_words`` word (其余, 剩余)."""
    return doc.opens_with(doc.layout.clauses[c][0], doc.layout.clauses[c][1], doc.vocab.rest_words)


def _in_aside(text: str, start: int, h: _Hit) -> bool:
    """Whether signal ``h`` stands in brackets opened after ``start`` and closed after it in
    the same clause (…22个（年度计划20个），)."""
    if _open_bracket(text, start, h.pos) < 0:
        return False
    close = next((i for i in range(h.end, len(text)) if text[i] in "）)，,。；;：:\n"), -1)
    return close >= 0 and text[close] in "）)"


def _first_strong(hits: list[_Hit]) -> _Hit:
    """The first strong signal of ``hits``, which hold one."""
    return next(h for h in hits if h.cls in STRONG)


def _other_work(doc: _Doc, ci: int, cj: int) -> bool:
    """Whether clause ``ci`` names a kind of work (a category trigger) and clause ``cj`` names
    only other kinds."""
    clauses = doc.layout.clauses
    if cj < 0 or clauses[cj][2] != clauses[ci][2]:
        return False  # not of the same sentence (over a semicolon: above)
    own = {h.cls for h in _hits_in(doc.cat_hits, doc.cat_pos, clauses[ci][0], clauses[ci][1])}
    if not own:
        return False
    other = {h.cls for h in _hits_in(doc.cat_hits, doc.cat_pos, clauses[cj][0], clauses[cj][1])}
    return bool(other) and not (own & other)


def _described_only(doc: _Doc, ci: int) -> bool:
    """Whether clause ``ci`` holds a ``describing`` word of status.yaml (惠及, 受益) and no strong
    signal: it describes work whose state another sentence may give."""
    words = doc.vocab.describing
    if not words:
        return False
    lo, hi = doc.layout.clauses[ci][0], doc.layout.clauses[ci][1]
    own = _hits_in(doc.status_hits, doc.status_pos, lo, hi)
    return any(doc.text[h.pos:h.end] in words for h in own) and not any(h.cls in STRONG for h in own)


def _counts_acts(doc: _Doc, ci: int) -> bool:
    """Whether a figure of clause ``ci`` stands right after an act each household does once
    (签约218户; ``instant_acts`` of status.yaml)."""
    acts = doc.vocab.instant_acts
    if not acts:
        return False
    lo, hi = doc.layout.clauses[ci][0], doc.layout.clauses[ci][1]
    text = doc.text
    i = bisect_left(doc.q_starts, lo)
    while i < len(doc.q_starts) and doc.q_starts[i] < hi:
        if text.endswith(acts, lo, doc.q_starts[i]):
            return True
        i += 1
    return False


def _has_own_figure(doc: _Doc, ci: int, after: int) -> bool:
    """Whether clause ``ci`` holds a figure starting at or after ``after``."""
    return _figure_between(doc, after, doc.layout.clauses[ci][1])


def _other_clauses(doc: _Doc, si: int, own: list[_Hit], earlier: list[list[_Hit]],
                   later: list[list[_Hit]]) -> Status | None:
    """The last steps of ``status_for``: weak words of other clauses, "so far" words of the
    sentence, a renewal verb of the clause or of one before it."""
    lay = doc.layout
    for h in [*earlier, *later]:
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


def _predicates(text: str, hits: list[_Hit]) -> list[_Hit]:
    """The signals of one clause without those that only modify a noun: a signal followed
    by a few characters and 的 (计划改造的186个小区已全部开工) yields to a strong signal
    after that 的, which is the clause's predicate."""
    out = []
    for i, h in enumerate(hits):
        k = text.find("的", h.end, h.end + ATTRIBUTIVE_MAX + 1)
        if k >= 0 and any(x.pos > k and x.cls in STRONG for x in hits[i + 1:]):
            continue
        out.append(h)
    return out


# ---- category ------------------------------------------------------------------------------
def _nearest(hits: list[_Hit], pos: int, end: int) -> _Hit | None:
    """The trigger closest to the figure ``pos:end``, counting the characters between them
    (老旧小区96个、城中村改造项目11个: 老旧小区 touches the 96); on a tie the later one."""
    if not hits:
        return None
    return min(hits, key=lambda h: (pos - h.end if h.end <= pos else max(0, h.pos - end), -h.pos))


def category_for(doc: _Doc, q: Quantity, fallback: str | None, allowed: tuple[str, ...] | None = None) -> Category | None:
    """The nearest trigger in the figure's clause; else the nearest before it in its sentence,
    then after it; then its paragraph; then the document's most frequent category.  Triggers of
    a category the metric cannot belong to (``allowed``) are passed over."""
    paired = doc.kind_pairs.get(id(q))
    if paired is not None and (allowed is None or paired.hit.cls in allowed):
        return Category(paired.hit.cls)  # 棚户区改造和老旧小区改造分别…
    lay = doc.layout
    pos = q.nspan[0]
    ci = lay.clause_at(pos)
    c = lay.clauses[ci]
    si = c[2]
    s = lay.sentences[si]
    p = lay.paragraphs[s[2]]

    def ok(hits: list[_Hit]) -> list[_Hit]:
        return hits if allowed is None else [h for h in hits if h.cls in allowed]

    own = ok(_hits_in(doc.cat_hits, doc.cat_pos, c[0], c[1]))
    generic = doc.vocab.generic_triggers
    if len(own) > 1 and generic:
        # shorthand (改造小区) yields to a more specific trigger of the clause
        specific = [x for x in own if doc.text[x.pos:x.end] not in generic]
        own = specific or own
    h = _bracket_head(doc.text, own, c[0], pos) or _nearest(own, pos, q.nspan[1])
    if h:
        return Category(h.cls)
    if q.kind == "money" and doc.vocab.purpose_words and ci + 1 < len(lay.clauses) and lay.clauses[ci + 1][2] == si:
        # 发行专项债券2.3亿元，支持城中村改造项目3个: the work the money is for
        nxt = lay.clauses[ci + 1]
        lo = nxt[0]
        while lo < nxt[1] and doc.text[lo] in " \u3000，,":
            lo += 1
        if doc.text.startswith(doc.vocab.purpose_words, lo):
            hits = ok(_hits_in(doc.cat_hits, doc.cat_pos, lo, nxt[1]))
            if hits:
                return Category(_specific(doc, hits, hits[0]).cls)
    lead = _breakdown_lead_category(doc, ci, pos, ok)
    if lead is not None:
        return lead
    # in the sentence, the trigger before the figure governs it (城市更新项目28个，完成投资
    # 42亿元，其中改造老旧小区65个); one after it only when none stands before
    for hits, last in ((ok(_hits_in(doc.cat_hits, doc.cat_pos, s[0], pos)), True),
                       (_unclaimed(doc, ok(_hits_in(doc.cat_hits, doc.cat_pos, pos, s[1]))), False),
                       (ok(_hits_in(doc.cat_hits, doc.cat_pos, p[0], s[0])), True),
                       (_unclaimed(doc, ok(_hits_in(doc.cat_hits, doc.cat_pos, s[1], p[1]))), False)):
        if hits:
            return Category(_specific(doc, hits, hits[-1] if last else hits[0]).cls)
    # a paragraph with no trigger of its own is about what its section is about: what the
    # document is about when the section speaks of it too (资金保障方面，… after a paragraph on a
    # side work, 同步实施雨污分流改造), else the nearest trigger in the paragraphs before it,
    # back to the title line that opens the section
    if FIELD_START.match(doc.text, p[0], p[1]):
        # a field line of a block of a project's fields (工程结算价：386.52万元 under 项目名称：…小区改造工程,
        # 改造内容：…雨污分流管网改造…): the nearest line before it naming the project, not its scope
        block = doc.block_start(s[2])
        for i in range(s[2] - 1, block - 1, -1):
            if _scope_field(doc, i):
                continue
            hits = ok(_hits_in(doc.cat_hits, doc.cat_pos, *lay.paragraphs[i]))
            if hits:
                return Category(_specific(doc, hits, hits[-1]).cls)
    section = [ok(_hits_in(doc.cat_hits, doc.cat_pos, *lay.paragraphs[i]))
               for i in doc.section(_past_sibling_items(doc, s[2]))]
    if fallback and any(h.cls == fallback for hits in section for h in hits):
        return Category(fallback)
    for hits in section:
        if hits:
            return Category(_specific(doc, hits, hits[-1]).cls)
    if fallback and (allowed is None or fallback in allowed):
        return Category(fallback)
    # the document is mostly about another kind of work: the metric's usual category
    return Category(allowed[0]) if allowed and fallback else None


def pipe_category(doc: _Doc, q: Quantity, category: Category) -> Category:
    """The kind of a length of pipes (新建改造地下管网150公里: a ``pipe_nouns`` word before the figure in
    its clause) whose clause names no kind of work: the kind found around it when that work lays
    pipes (``pipe_hosts``), else ``pipe_default`` — pipes after housing (筹集保障性租赁住房2000套，新建
    改造地下管网150公里) are no part of it."""
    v = doc.vocab
    if v.pipe_default is None or id(q) in doc.kind_pairs:
        return category
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    before = doc.text[c[0]:q.nspan[0]]
    if not any(w in before for w in v.pipe_nouns) or _hits_in(doc.cat_hits, doc.cat_pos, c[0], c[1]):
        return category
    if category.value in v.pipe_hosts:
        # …unless no trigger of its paragraph or section gave that kind, only what the document is
        # mostly about (三、地下管网建设改造。…新建改造…管网3450公里 in a report led by old communities):
        # then the title's kind, when it lays pipes (…城镇老旧小区改造成绩单 / 改造各类管网186公里)
        pi = lay.sentences[c[2]][2]
        if any(_hits_in(doc.cat_hits, doc.cat_pos, *lay.paragraphs[i]) for i in (pi, *doc.section(pi))):
            return category
        title = [h for h in _hits_in(doc.cat_hits, doc.cat_pos, *lay.paragraphs[0]) if h.cls in v.pipe_hosts] \
            if pi > 0 else []
        if title:
            return Category(title[0].cls)
    return Category(v.pipe_default)


BRACKET_HEAD_GAP = 6  # characters from a trigger to the bracket holding a figure (老旧小区改造（26个）)


def _bracket_head(text: str, hits: list[_Hit], start: int, pos: int) -> _Hit | None:
    """For a figure in brackets right after the words naming the work (完成老旧小区改造（26个）、棚户区
    改造（1200套）): the trigger of those words, not a nearer one after the brackets."""
    k = _open_bracket(text, start, pos)
    if k < 0:
        return None
    head = None
    for h in hits:
        if h.end <= k:
            head = h
    if head is None or k - head.end > BRACKET_HEAD_GAP or any(ch in "，,、；;：:" for ch in text[head.end:k]):
        return None
    return head


def _breakdown_lead_category(doc: _Doc, ci: int, pos: int,
                             ok: Callable[[list[_Hit]], list[_Hit]]) -> Category | None:
    """A part of a breakdown after a semicolon (…城市更新项目47个，其中，改造老旧小区53个；整治背街
    小巷61条；新建改造燃气管道42.3公里) that names what it counts but no kind of work is a sibling
    of the parts before it, not one of them: it takes the kind of the total broken down (the
    words before 其中), not of the part before it.  So does a part after a comma in the breakdown's
    own sentence that follows parts of several kinds (``_sibling_part``).  A part naming nothing
    (…开工120个；完工80个) goes on the one before it, and a part naming its kind before the figure's
    clause (；城中村改造完成投资12.6亿元，签约征迁1260户) is of that kind: both are left to the sentence
    search."""
    lay = doc.layout
    si = lay.clauses[ci][2]
    if doc.after_semicolon(si):
        s0 = lay.sentences[si][0]
        if not _strip(doc.text[s0:pos], doc.vocab) or ok(_hits_in(doc.cat_hits, doc.cat_pos, s0, pos)):
            return None
        got = _breakdown_at(doc, ci)
        if got is None or got[0] == si:
            return None
    else:
        bp, s0 = doc.breakdown_pos, lay.sentences[si][0]
        if bisect_left(bp, s0) == bisect_left(bp, pos):
            return None  # no breakdown word in the sentence before the figure
        got = _breakdown_at(doc, ci)
        if got is None or not _sibling_part(doc, ci, pos, got[1]):
            return None
    sj, lo = got
    sents = lay.sentences
    lead = (sents[sj][0], lo)
    if lay.clause_at(lo) == lay.clauses_of(sj).start:
        if sj == 0 or sents[sj - 1][2] != sents[sj][2]:
            return None
        lead = (sents[sj - 1][0], sents[sj - 1][1])  # 其中 opening its sentence: the one before
    hits = ok(_hits_in(doc.cat_hits, doc.cat_pos, *lead))
    return Category(_specific(doc, hits, hits[-1]).cls) if hits else None


def _sibling_part(doc: _Doc, ci: int, pos: int, lo: int) -> bool:
    """Whether clause ``ci`` of a breakdown opened at ``lo`` in its sentence is a part of its own
    after a comma that belongs to none of the parts before it (项目主要包括：改造老旧小区32个、
    城中村3个、棚户区1200户，新建改造城市道路8.5公里): it opens with a signal word, names what it
    counts, and the parts between the breakdown word and it name more than one kind of work — after
    parts of one kind it goes on them (其中改造老旧小区302个，改造燃气管道580公里)."""
    lay = doc.layout
    c0 = lay.clauses[ci][0]
    text = doc.text
    while c0 < pos and text[c0] in " \u3000，,":
        c0 += 1
    if lay.clause_at(lo) == ci or bisect_left(doc.q_starts, c0) == bisect_left(doc.q_starts, lo):
        return False
    i = bisect_left(doc.status_pos, c0)
    if i == len(doc.status_pos) or doc.status_pos[i] != c0:
        return False
    if len({h.cls for h in _hits_in(doc.cat_hits, doc.cat_pos, lo, c0)}) < 2:
        return False
    return bool(_strip(text[c0:pos], doc.vocab))


def _past_sibling_items(doc: _Doc, pi: int) -> int:
    """For a bulleted line whose label names no kind of work (- 停车设施：新增泊位1860个), the
    paragraph the section search starts from: past the lines of its list right above it whose
    labels each name a kind of their own (- 棚户区改造：…), which are other topics — so the line
    takes what the list's lead-in or the document is about; else ``pi`` itself."""
    if not doc.bulleted(pi) or _item_label_hits(doc, pi) != []:
        return pi
    j = pi - 1
    while j >= 0 and doc.bulleted(j) and _item_label_hits(doc, j):
        j -= 1
    return j + 1


def _item_label_hits(doc: _Doc, pi: int) -> list[_Hit] | None:
    """The category triggers in the label of bulleted line ``pi`` (- 老旧小区改造：…, ▶【棚改】…);
    None when the line opens with no label."""
    p = doc.layout.paragraphs[pi]
    m = ITEM_LABEL.match(doc.text, p[0], p[1])
    return None if m is None else _hits_in(doc.cat_hits, doc.cat_pos, *m.span("label"))


def _unclaimed(doc: _Doc, hits: list[_Hit]) -> list[_Hit]:
    """Triggers after a figure that reach back to it: not those whose clause goes on to a figure
    of its own (改造老旧房屋46幢，并修缮历史建筑3处: 历史建筑 is the 3's, not the 46's)."""
    if not hits:
        return hits
    lay = doc.layout
    return [h for h in hits if not _has_own_figure(doc, lay.clause_at(h.pos), h.end)]


def _specific(doc: _Doc, hits: list[_Hit], h: _Hit) -> _Hit:
    """``h``, or when it is shorthand (改造小区) a specific trigger of its own clause among
    ``hits`` (完成雨污分流改造小区12个，…，完成投资9800万元: the money is drainage work's)."""
    generic = doc.vocab.generic_triggers
    if doc.text[h.pos:h.end] not in generic:
        return h
    lay = doc.layout
    ci = lay.clause_at(h.pos)
    specific = [x for x in hits if doc.text[x.pos:x.end] not in generic and lay.clause_at(x.pos) == ci]
    return min(specific, key=lambda x: abs(x.pos - h.pos)) if specific else h


# ---- period --------------------------------------------------------------------------------
