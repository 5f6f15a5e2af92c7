"""Mentions → renewal-project records (SPEC section 1 and 2).

For every quantity the stage decides, each from the nearest governing words:

* metric or item — from its unit and head noun (``metric_of``);
* status — from aspect and modal words in its clause, then its sentence; a plan word governs
  the clauses after it (``status.status_for``);
* category — the nearest category trigger: clause, sentence, paragraph, then the document;
* period — the time expression governing its sentence or paragraph;
* region — the nearest place before it in its sentence (outside the home region's province
  only when nothing else is there), else the paragraph's, else the home region.

Quantities with no status or no category are not record metrics.  Records sharing region,
category, status and period are one record; a headline that restates the body is merged in.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from decimal import Decimal

from ..lexicons import Lexicons
from ..models import (
    Approx,
    Item,
    Period,
    PlaceMention,
    Quantity,
    Record,
    Status,
    TimeMention,
)
from ..normalization import Normalized
from .document import Vocab, _Doc, _hits_in
from .metrics import _article_count, counts_stock, metric_of
from .period_region import (
    deadline_period,
    period_for,
    plan_title_period,
    region_for,
    respectively_kinds,
    respectively_labels,
    respectively_pairs,
    respectively_times,
)
from .status import (
    all_done_status,
    budget_status,
    category_for,
    future_status,
    mixed_parts_status,
    money_status,
    pipe_category,
    plan_section_status,
    plan_table_status,
    programme_status,
    restated_done_status,
    row_progress_status,
    scope_progress_status,
    section_status,
    secured_status,
    status_for,
    target_status,
    unsaid_plan_table_status,
)

__all__ = ["Vocab", "associate"]


def associate(norm: Normalized, lex: Lexicons, vocab: Vocab, places: list[PlaceMention],
              times: list[TimeMention], quantities: list[Quantity], home: str | None,
              published: str | None = None) -> list[Record]:
    """The records of one document; ``published`` (YYYY-MM-DD) dates it (work dated later is
    planned)."""
    qs = [q for q in quantities if q.role == "quantity"]
    doc = _Doc(norm, vocab, places, times, qs)
    if not doc.cat_hits:
        return []  # nothing about renewal: no records
    dominant = Counter(h.cls for h in doc.cat_hits).most_common(1)[0][0]
    doc.pairs = respectively_pairs(doc, lex)
    doc.time_pairs = respectively_times(doc, lex)
    doc.kind_pairs = respectively_kinds(doc, lex)
    doc.label_pairs = respectively_labels(doc, lex)
    plan_years = None if published else plan_title_period(doc)
    records: dict[tuple, list[Record]] = {}
    rows: dict[int, int] = {}  # id(record) → the row of cells it was read from
    labels: dict[int, str] = {}
    metrics: dict[int, str | None] = {}
    asks = "？" in doc.text or "?" in doc.text
    settled: dict[int, tuple[Status, Period]] = {}  # per figure: its status and period, for the parts of a sum
    for q in qs:
        metric, label = metric_of(doc, q, vocab, labels, metrics)
        labels[id(q)] = label
        metrics[id(q)] = metric
        if metric is None and (not label or _article_count(doc, q)):
            continue  # descriptive, or 一个缩影 / 两个层面: not a scale of work
        if not q.value:
            continue  # 完工0个 (a table's empty count): no work to record
        if counts_stock(doc, q):
            continue  # 全市共有2000年底前建成的老旧小区1286个: what exists, not work
        if asks and _in_question(doc, q):
            continue  # 听说今年要改造50个左右的老旧小区，是真的吗？: asked, not said
        status = status_for(doc, q)
        status = money_status(doc, q) if status is None else secured_status(doc, q, budget_status(doc, q, status))
        if status is None and metric is not None:
            status = section_status(doc, q)
        if status is None and doc.breakdown_pos and q.kind == "money":
            # 总投资9865万元，其中申请中央补助3200万元: a part of a sum that says nothing of its own
            # is in the state of the sum
            whole = _money_whole(doc, q)
            status = settled[id(whole)][0] if whole is not None and id(whole) in settled else None
        if status is None:
            status = unsaid_plan_table_status(doc, q)  # a cell under a title that plans (…拟拨付名单公示)
        if status is None:
            continue
        status = all_done_status(doc, q, plan_section_status(doc, q, target_status(doc, q, status)))
        status = restated_done_status(doc, q, status)
        status = plan_table_status(doc, q, row_progress_status(doc, q, status))
        if status is Status.COMPLETED and doc.breakdown_pos:
            status = mixed_parts_status(doc, q, status)
        category = category_for(doc, q, dominant, vocab.allowed.get(metric) if metric else None)
        if category is None:
            continue
        if metric in vocab.pipe_metrics:
            category = pipe_category(doc, q, category)
        region, locality = region_for(doc, q, home, lex)
        if region is None:
            continue
        period = period_for(doc, q)
        if vocab.to_date and period.start and period.start == period.end and len(period.start) == 7 \
                and _to_date(doc, q):
            # 本周新开工3个，累计开工86个: from the year's start to that week's month
            period = Period(start=period.start[:4], end=period.end, text=period.text)
        total = doc.sum_total(q) if doc.breakdown_pos else None
        if total is not None and id(total) in settled:
            # 其中…分别改造小区45个、30个、21个 after 涉及小区96个: parts of that figure, of its status and
            # period (but for a part with a time of its own: 其中2022年、2023年分别改造…)
            status, total_period = settled[id(total)]
            if not doc.breakdown_times(q):
                period = total_period
        else:
            status, period = _settle(doc, q, metric, status, period, published, plan_years)
        settled[id(q)] = (status, period)
        # a township's figures are its own record; so are a title's, which may restate the body's
        key = (region.adcode, locality, category, status, period.key(), _is_headline(doc, q.nspan))
        sent = doc.layout.sentences[doc.layout.sentence_at(q.nspan[0])]
        bucket = records.setdefault(key, [])
        # a figure equal to one of the record's restates it; not so in another row of cells (two
        # rows with equal figures are two projects; rows of one metric each are one record's)
        row = sent[2] if doc.cell_row(sent[2]) else -1
        rec = None
        for r in bucket:
            if metric is None or metric not in r.metrics or (
                    r.metrics[metric].value == q.value and not (row >= 0 and rows.get(id(r), row) != row)):
                rec = r
                break
        if rec is None:
            s, e = norm.to_source(sent[0], sent[1])
            rec = Record(region=region, category=category, status=status, period=period,
                         evidence_text=norm.text[sent[0]:sent[1]], evidence_span=(s, e), locality=locality)
            bucket.append(rec)
            if row >= 0:
                rows[id(rec)] = row
        else:
            _extend_evidence(rec, norm, sent)
        if metric is None:
            if not any(i.quantity.value == q.value and i.label == label for i in rec.items):
                rec.items.append(Item(label or q.unit, q))

        elif metric not in rec.metrics:
            rec.metrics[metric] = q
    out = [r for rs in records.values() for r in rs if r.metrics or r.items]
    return _drop_item_restatements(_drop_headline_repeats(_merge_restatements(out, doc, rows), doc))


def _money_whole(doc: _Doc, q: Quantity) -> Quantity | None:
    """The larger sum of money right before money ``q`` in its sentence when ``q``'s clause opens
    with a breakdown word (项目估算总投资9865万元，其中申请中央补助3200万元): the whole it is part of."""
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    if not doc.opens_with(c[0], c[1], doc.vocab.breakdown):
        return None
    s = lay.sentences[c[2]]
    for x in reversed(doc.quantities[:doc.q_index[id(q)]]):
        if x.nspan[0] < s[0]:
            break
        if x.kind == "money":
            return x if x.value > q.value else None
    return None


def _to_date(doc: _Doc, q: Quantity) -> bool:
    """Whether a ``to_date`` word (累计) stands before the figure in its clause."""
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    return any(w in doc.text[c[0]:q.nspan[0]] for w in doc.vocab.to_date)


PLAN_YEAR_GAP = 6  # characters from a year after a figure to the plan it names (2025年改造计划)


def _plan_year_after(doc: _Doc, q: Quantity) -> Period | None:
    """The year named after planned figure ``q`` in its clause as the year of a plan (纳入2025年改造
    计划, 列入2025年度计划): a ``plan_named`` word of times.yaml a few characters after it."""
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    text = doc.text
    for t in doc.times[bisect_left(doc.time_pos, q.nspan[1]):]:
        if t.nspan[0] >= c[1]:
            break
        if t.kind != "year" or not t.start or t.start != t.end:
            continue
        tail = text[t.nspan[1]:min(c[1], t.nspan[1] + PLAN_YEAR_GAP + 4)]
        k = min((i for i in (tail.find(w) for w in doc.vocab.plan_named) if i >= 0), default=-1)
        if 0 <= k <= PLAN_YEAR_GAP and not any(ch in "，,。；;、" for ch in tail[:k]):
            return Period(start=t.start, end=t.end, text=t.text)
    return None


def _settle(doc: _Doc, q: Quantity, metric: str | None, status: Status, period: Period, published: str | None,
            plan_years: Period | None) -> tuple[Status, Period]:
    """The last steps of a figure's status and period: a future period plans, the programme's state,
    a whole with part of it done later is begun, a plan's deadline or year."""
    status = future_status(doc, q, status, period, published, plan_years)
    if metric != "funding_yuan":  # funds secured are had, whatever the year's programme (below)
        status = programme_status(doc, q, status, period, published)
    if status is Status.COMPLETED:
        status = scope_progress_status(doc, q, status)  # after the year's programme, which plans
    closed = deadline_period(doc, q, period) if status is Status.PLANNED else None
    named = _plan_year_after(doc, q) if status is Status.PLANNED and closed is None and doc.vocab.plan_named else None
    if closed is not None:
        # 剩余1.4公里，…，将于2025年3月前完成: what remains has a deadline and no year of its own
        period = Period(end=closed.end, text=closed.text) if _opens_remaining(doc, q) else closed
    elif named is not None:
        # 今年已将32个老旧小区纳入2025年改造计划: the year of the plan the figure is put in
        period = named
    elif status is Status.PLANNED and period.as_of and not period.start and _remains(doc, q):
        # 截至2024年底已改造742个，尚需改造544个: what remains after the date, in no year said
        period = Period(text=period.text)
    elif status is Status.PLANNED and period.as_of:
        # a plan takes the year of the progress report around it, not its date (今年计划改造
        # 400个，目前已开工156个。同时，计划改造管网320公里: 2024, not as of April; 本周…，
        # 占年度任务（75个）的82.7%: the year of the week)
        year = (period.start or period.as_of)[:4]
        period = Period(start=year, end=year, text=period.text)
    elif status is Status.PLANNED and period.start and _annual_plan(doc, q, period):
        # 年度计划 beside 1-10月完成 under a title of 2024年1-10月: the plan is the year's
        period = Period(start=period.start[:4], end=period.start[:4], text=period.text)
    return status, period


def _opens_remaining(doc: _Doc, q: Quantity) -> bool:
    """Whether the clause of figure ``q`` opens with a ``remaining_words`` word (剩余1.4公里，…)."""
    c = doc.layout.clauses[doc.layout.clause_at(q.nspan[0])]
    return bool(doc.vocab.remaining_words) and doc.opens_with(c[0], c[1], doc.vocab.remaining_words)


def _remains(doc: _Doc, q: Quantity) -> bool:
    """Whether the clause of planned figure ``q`` says it is what remains (``remaining_words`` of
    status.yaml before it: 尚需改造544个, 剩余8个小区), or of the clause before it in its sentence
    when its own signals nothing (尚需改造544个，涉及居民约6.3万户)."""
    words = doc.vocab.remaining_words
    if not words:
        return False
    lay = doc.layout
    ci = lay.clause_at(q.nspan[0])
    c = lay.clauses[ci]
    if any(doc.text.find(w, c[0], q.nspan[0]) >= 0 for w in words):
        return True
    if ci == 0 or lay.clauses[ci - 1][2] != c[2] or _hits_in(doc.status_hits, doc.status_pos, c[0], c[1]):
        return False
    p = lay.clauses[ci - 1]
    return any(doc.text.find(w, p[0], p[1]) >= 0 for w in words)


def _annual_plan(doc: _Doc, q: Quantity, period: Period) -> bool:
    """Whether planned figure ``q`` is named a plan for the year (``annual_plans``: 年度计划) in its
    clause, or in the label of the field it is in, while ``period`` covers months of one year."""
    words = doc.vocab.annual_plans
    if not words or not period.start or not period.end or period.start[:4] != period.end[:4] \
            or (len(period.start) == 4 and len(period.end) == 4):
        return False
    lay = doc.layout
    ci = lay.clause_at(q.nspan[0])
    start = lay.clauses[ci][0]
    if ci and doc.text[start - 1:start] in ("：", ":") and lay.clauses[ci - 1][2] == lay.clauses[ci][2]:
        start = lay.clauses[ci - 1][0]  # 年度目标：改造老旧小区15个: the field's label names it
    return any(doc.text.find(w, start, q.nspan[0]) >= 0 for w in words)


def _from_headline(doc: _Doc, r: Record) -> bool:
    """Whether record ``r`` was read from a title line."""
    q = next(iter(r.metrics.values()), None) or (r.items[0].quantity if r.items else None)
    return q is not None and _is_headline(doc, q.nspan)


def _is_headline(doc: _Doc, span: tuple[int, int]) -> bool:
    """Whether ``span`` stands in a title line."""
    lay = doc.layout
    return doc.headline(lay.sentences[lay.sentence_at(span[0])][2])


HEADLINE_ROUNDING = Decimal("1.1")  # a title's 10万余户 restates the body's 10.3万户


def _drop_headline_repeats(records: list[Record], doc: _Doc) -> list[Record]:
    """A figure of a title line that the body gives again (same region and value) is the
    body's: the title's copy goes, whatever status its own words suggested.  A title rounds
    (惠及10万余户居民 over a body's 10.3万户): a figure of it marked over or about restates a body
    figure of the same region and metric up to 10 % above it.  So with items, by unit: a title's
    项目6个 restates the body's 城中村改造项目6个."""
    body: dict[tuple[str | None, str], list] = {}
    title: list[tuple[Record, str | None, Quantity]] = []  # (record, metric or None for an item, figure)
    for r in records:
        for m, q in r.metrics.items():
            if _is_headline(doc, q.nspan):
                title.append((r, m, q))
            else:
                body.setdefault((r.region.adcode, m), []).append(q.value)
        for it in r.items:
            q = it.quantity
            if _is_headline(doc, q.nspan):
                title.append((r, None, q))
            else:
                body.setdefault((r.region.adcode, "item " + q.unit), []).append(q.value)
    if not title:
        return records
    for r, metric, q in title:
        key = metric if metric is not None else "item " + q.unit
        if _restated(q, body.get((r.region.adcode, key), ())):
            if metric is not None:
                del r.metrics[metric]
            else:
                r.items = [it for it in r.items if it.quantity is not q]
    return [r for r in records if r.metrics or r.items]


def _drop_item_restatements(records: list[Record]) -> list[Record]:
    """An item that names by a shorter word what an earlier item of its region counted, with the
    same value and unit (实施老旧小区改造项目36个。…36个项目全部完工), points back to it: it goes.
    The same label twice (项目5个 in 2023, 项目5个 in 2024) may be two counts and stays."""
    seen: dict[tuple[str | None, str, Decimal], list[tuple[int, str]]] = {}
    for r in records:
        for it in r.items:
            q = it.quantity
            seen.setdefault((r.region.adcode, q.unit, q.value), []).append((q.nspan[0], it.label))
    if all(len(v) == 1 for v in seen.values()):
        return records
    out = []
    for r in records:
        if r.items:
            r.items = [it for it in r.items if not any(
                pos < it.quantity.nspan[0] and label != it.label and label.endswith(it.label)
                for pos, label in seen[(r.region.adcode, it.quantity.unit, it.quantity.value)])]
        if r.metrics or r.items:
            out.append(r)
    return out


def _in_question(doc: _Doc, q: Quantity) -> bool:
    """Whether figure ``q`` stands in a sentence ending in a question mark."""
    s = doc.layout.sentences[doc.layout.sentence_at(q.nspan[0])]
    return doc.text[s[0]:s[1]].rstrip().endswith(("？", "?"))


def _restated(q: Quantity, values) -> bool:
    """Whether title figure ``q`` restates one of the body's ``values`` (equal, or rounded down:
    up to 10 % above it, or below its next leading digit when it has one, as 千余户 over 1126户)."""
    if q.value in values:
        return True
    if q.approx not in (Approx.OVER, Approx.ABOUT):
        return False
    top = q.value * HEADLINE_ROUNDING
    _, digits, exp = q.value.normalize().as_tuple()
    if len(digits) == 1 and isinstance(exp, int):
        top = max(top, q.value + Decimal(10) ** exp)  # 千余: 1000 up to 2000
    return any(q.value <= v <= top for v in values)


def _extend_evidence(rec: Record, norm: Normalized, sent: tuple[int, int, int]) -> None:
    if rec.evidence_text.endswith(norm.text[sent[0]:sent[1]]) or norm.text[sent[0]:sent[1]] in rec.evidence_text:
        return
    s, e = norm.to_source(sent[0], sent[1])
    rec.evidence_text = rec.evidence_text + norm.text[sent[0]:sent[1]]
    rec.evidence_span = (min(rec.evidence_span[0], s), max(rec.evidence_span[1], e))


def _facts(r: Record) -> set[tuple[str, object]]:
    return {(m, q.value) for m, q in r.metrics.items()}


def _period_score(p: Period) -> int:
    """How much a period says: each bound it has, a month or date counting twice (今年以来…截至
    9月底 says more than a title's 今年)."""
    return sum(1 + (len(x) > 4) for x in (p.start, p.end, p.as_of) if x is not None)


def _merge_restatements(records: list[Record], doc: _Doc, rows: dict[int, int]) -> list[Record]:
    """A headline restating the body (or a figure given twice) becomes one record: records of
    the same region, category and status that share a (metric, value) are merged into the one
    whose period says more; between a title and the body, the body's period wins unless it has
    none (a title's 今年 says less than the body's 今年以来, though it names both bounds).  Records
    of two rows of cells (``rows``) are two projects, not one said twice."""
    out: list[Record] = []
    for r in records:
        target = None
        row = rows.get(id(r), -1)
        for o in out:
            if row >= 0 and rows.get(id(o), row) != row:
                continue
            if (o.region.adcode, o.locality, o.category, o.status) == (r.region.adcode, r.locality, r.category, r.status) \
                    and _facts(o) & _facts(r):
                if all(o.metrics[m].value == q.value for m, q in r.metrics.items() if m in o.metrics):
                    target = o
                    break
        if target is None:
            out.append(r)
            continue
        gain = _period_score(r.period) - _period_score(target.period)
        title_r, title_t = _from_headline(doc, r), _from_headline(doc, target)
        if title_r != title_t:
            body, title = (target, r) if title_r else (r, target)
            title_wins = not _period_score(body.period) and _period_score(title.period) > 0
            gain = 1 if (title if title_wins else body) is r else -1
        if gain > 0:
            target.period = r.period
        for m, q in r.metrics.items():
            target.metrics.setdefault(m, q)
        for it in r.items:
            if not any(i.label == it.label and i.quantity.value == it.quantity.value for i in target.items):
                target.items.append(it)
    return out
