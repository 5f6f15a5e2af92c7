"""Status and category of a figure, from the words that govern it."""

from __future__ import annotations

from ..models import Category, Quantity, Status
from .document import RANK, STATUS_OF, _Doc, _Hit, _hits_in

STRONG = frozenset({"planned", "started_strong", "completed"})
WEAK = frozenset({"started_weak", "in_progress"})
STRONG_DONE = STRONG - {"planned"}


def _strongest(hits: list[_Hit], among: frozenset[str]) -> str | None:
    found = [h.cls for h in hits if h.cls in among]
    return max(found, key=RANK.__getitem__) if found else None


def status_for(doc: _Doc, q: Quantity) -> Status | None:
    """Strongest signal of the figure's clause; else a plan word earlier in the sentence; else
    the nearest strong signal before it, a "so far" word in its own clause, the nearest strong
    signal after it; then weak signals (实施, 推进); then "so far" words in the sentence.
    Sentences ending in a semicolon before the figure's own count as its earlier clauses.

    Only the figure's clause matters, so the answer is worked out once per clause."""
    ci = doc.layout.clause_at(q.nspan[0])
    cache = doc.clause_status
    if ci in cache:
        return cache[ci]
    got = cache[ci] = _clause_status(doc, ci)
    return got


def _clause_status(doc: _Doc, ci: int) -> Status | None:
    lay = doc.layout
    si = lay.clauses[ci][2]
    sentence_clauses = lay.clauses_of(si)
    hits_pos, all_hits, clauses = doc.status_pos, doc.status_hits, lay.clauses

    def hits(c: int) -> list[_Hit]:
        return _hits_in(all_hits, hits_pos, clauses[c][0], clauses[c][1])

    own = hits(ci)
    earlier = [hits(c) for c in range(ci - 1, sentence_clauses.start - 1, -1)]  # nearest first
    # a semicolon joins coordinate parts of one sentence: 将改造老旧小区35个；新建管网40公里
    # (the plan governs both parts)
    prev = si - 1
    while prev >= 0 and lay.sentences[prev][2] == lay.sentences[si][2] and \
            doc.text[lay.sentences[prev][0]:lay.sentences[prev][1]].rstrip().endswith(("；", ";")):
        earlier += [hits(c) for c in reversed(lay.clauses_of(prev))]
        prev -= 1
    later = [hits(c) for c in range(ci + 1, sentence_clauses.stop)]
    s = _strongest(own, STRONG)
    if s:
        return STATUS_OF[s]
    strong_earlier = [_strongest(h, STRONG) for h in earlier]
    if "planned" in strong_earlier:
        return Status.PLANNED
    for s in strong_earlier:
        if s:
            return STATUS_OF[s]
    if any(h.cls == "context_completed" for h in own):
        return Status.COMPLETED
    for h in later:
        # a plan word governs what follows it (…，计划总投资2.1亿元 says nothing of the
        # figures before it)
        s = _strongest(h, STRONG_DONE)
        if s:
            return STATUS_OF[s]
    for h in [own, *earlier, *later]:
        s = _strongest(h, WEAK)
        if s:
            return STATUS_OF[s]
    sent = lay.sentences[si]
    in_sentence = _hits_in(all_hits, hits_pos, sent[0], sent[1])
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
