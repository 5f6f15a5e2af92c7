"""Period and region of a figure: the time and the place that govern it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from ..extractors.numbers import parse_chinese
from ..extractors.places import dateline, region_of
from ..lexicons import Lexicons
from ..models import Period, PlaceMention, Quantity, Region, TimeMention
from ..normalization.layout import FIELD_START, NUMBER_MARK
from ..normalization.markup import TOTAL_HEADER_CELL
from .document import (
    LIST_NUMBER,
    TITLE_LINES,
    _Doc,
    _figure_between,
    _hits_in,
    _Kind,
    _times_in,
)

# Times that date no sentence after their own: a deadline, an event, and the same period of
# another year a figure is compared with (…完成投资126亿元，去年同期为98亿元。其中，…: the breakdown
# is this year's)
NOT_CARRIED = frozenset({"deadline", "event", "compared"})
CLAUSE_ONLY = "event"  # 已于3月开工，计划建设安置住房2400套: the month dates its own clause only


def _period(t: TimeMention) -> Period:
    return Period(start=t.start, end=t.end, as_of=t.as_of, text=t.text)


def _year_cell(doc: _Doc, pi: int) -> TimeMention | None:
    """The year or range of years filling a whole cell of row of cells ``pi`` (a table's 年度 or
    建设起止年限 column: …，2025—2026年，…); None when no cell is one."""
    p = doc.layout.paragraphs[pi]
    text = doc.text
    for t in _times_in(doc, p[0], p[1]):
        if t.kind in ("year", "range") and (t.nspan[0] == p[0] or text[t.nspan[0] - 1] == "，") \
                and text[t.nspan[1]:t.nspan[1] + 1] in ("，", "。"):
            return t
    return None


def _section_paragraphs(doc: _Doc, para_index: int) -> list[int]:
    """The paragraphs before ``para_index`` in its section (``_Doc.section``, list numbers
    included), nearest first, without its title line unless that is a numbered heading: the
    year of 三、2024年工作计划 holds for the section it opens, the years of a document title
    (…2023年工作总结和2024年工作计划) hold for nothing.  A short line ending in a colon is no
    title but opens what follows (截至10月底，全区工程推进情况如下： over a table): it is kept; so is
    a table's caption (2024年城市更新重点片区 over its header row), and so is a field line of the
    figure's own block of lines (采购项目名称：樊城区2024年城镇老旧小区改造工程 over 采购需求概况：…):
    it names the project its next fields describe."""
    _title_period(doc)  # finds the title's dated lines in brackets (（截至2024年10月31日）): no section's
    block = -1
    out = []
    section = doc.section(para_index, list_numbers=False)
    for i in section:
        if i in doc.title_notes:
            continue
        if doc.headline(i) and not (doc.numbered(i) or doc.opens_list(i) or doc.caption(i)):
            if block < 0:
                block = doc.block_start(para_index)
            if not (i >= block and _field_line(doc, i)):
                continue
        out.append(i)
    if block >= 0 and section:
        # a field line ends the section as a title would (中标金额：…（大写：…） over 改造内容：…), but
        # the fields above it in the block still name the project
        out.extend(i for i in range(section[-1] - 1, block - 1, -1) if i not in doc.title_notes and _field_line(doc, i))
    return out


def _field_line(doc: _Doc, i: int) -> bool:
    """Whether paragraph ``i`` (not the document's first) is a field of a record: a short label and
    a colon (采购项目名称：…; ``layout.FIELD_START``)."""
    p = doc.layout.paragraphs[i]
    return i > 0 and FIELD_START.match(doc.text, p[0], p[1]) is not None


def _quoted(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation (“…”) opened after ``lo``."""
    return text.count("“", lo, pos) > text.count("”", lo, pos)


SPEECH_OPENERS = "“「"
SPEECH_ENDS = "。！？!?…，,"  # the last character of a quoted sentence


def _speech(text: str, lo: int, hi: int) -> bool:
    """Whether paragraph ``text[lo:hi]`` opens with a quoted sentence (“没想到这么快就能住上新房。”张女士
    说): a person's words and what the reporter adds about them (not a quoted name: “十四五”以来)."""
    while lo < hi and text[lo].isspace():
        lo += 1
    if lo >= hi or text[lo] not in SPEECH_OPENERS:
        return False
    close = text.find("”" if text[lo] == "“" else "」", lo, hi)
    return close > lo + 1 and text[close - 1] in SPEECH_ENDS


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


POINT_KINDS = frozenset(("year", "month", "date", "relative"))  # a time at one point, not a span or since


def _started_then_done(doc: _Doc, times: list[TimeMention], pos: int) -> Period | None:
    """去年10月，小区改造正式启动，今年6月完工，改造…: the last two of ``times`` before the figure at
    ``pos``, the words after the first saying the work started (a strong start word before the
    second) and those after the second that it was done (a done word before the figure): the
    period from the one to the other; else None."""
    a, b = times[-2], times[-1]
    if a.kind not in POINT_KINDS or b.kind not in POINT_KINDS or not a.start or not b.end:
        return None
    n = min(len(a.start), len(b.end))
    if a.start[:n] >= b.end[:n]:
        return None
    started = _hits_in(doc.status_hits, doc.status_pos, a.nspan[1], b.nspan[0])
    done = _hits_in(doc.status_hits, doc.status_pos, b.nspan[1], pos)
    if any(h.cls == "started_strong" for h in started) and any(h.cls == "completed" for h in done):
        return Period(start=a.start, end=b.end, text=f"{a.text}…{b.text}")
    return None


def _carried(doc: _Doc, times: list[TimeMention]) -> Period:
    """The period an earlier sentence hands on when it gives an "as of" date (``_dated_as_of``): its
    year closed by that date when the sentence names one (今年…，截至6月底已筹集5300套。其中，…分别
    筹集1800套: 2024 as of 2024-06), else the date alone."""
    last = times[-1]
    lay = doc.layout
    s0 = lay.sentences[lay.sentence_at(last.nspan[0])][0]
    same = [t for t in times if t.nspan[0] >= s0]
    if len(same) > 1:
        return _combine(same)
    return _period(last)


def _trailing_now(doc: _Doc, t: TimeMention) -> bool:
    """Whether ``t`` is a "now" word after the last figure of its sentence (…新开工改造86个，目前已全部
    完工): it says where that sentence's work stands, and dates no later sentence."""
    if t.kind != "now":
        return False
    si = doc.layout.sentence_at(t.nspan[0])
    s = doc.layout.sentences[si]
    if si + 1 < len(doc.layout.sentences) and doc.after_semicolon(si + 1):
        return False  # …，目前均已开工；保障性租赁住房项目9个…: the parts a semicolon joins share it
    return _figure_between(doc, s[0], t.nspan[0]) and not _figure_between(doc, t.nspan[1], s[1])


def _dated_as_of(doc: _Doc, times: list[TimeMention]) -> bool:
    """Whether the sentence of the last of ``times`` gives an "as of" date (截至10月底，…今年计划
    改造的32个…: what it hands on is the year closed by that date)."""
    lay = doc.layout
    s0 = lay.sentences[lay.sentence_at(times[-1].nspan[0])][0]
    return any(t.as_of for t in reversed(times) if t.nspan[0] >= s0)


# a section's number (一、, （二）, 3.), which opens no title line (a bullet sign may: 📢 2024年，…)
SECTION_MARK = regex.compile(rf"\s*(?:{NUMBER_MARK})")
TITLE_KINDS = frozenset(("year", "range", "plan", "month"))  # 2023年, （2023—2025年）, “十四五”, 2024年1—9月


def _year_level(t: TimeMention) -> bool:
    """Whether ``t`` names whole years only (2024年, 今年, “十四五”), no month, date or as-of."""
    return not t.as_of and all(x is None or len(x) == 4 for x in (t.start, t.end)) and bool(t.start or t.end)


def _only_times(doc: _Doc, start: int, end: int, times: list[TimeMention]) -> bool:
    """Whether ``start:end`` holds nothing but ``times`` and signs (📅2024年11月11日—11月17日)."""
    text = doc.text
    pos = start
    for t in times:
        if any(c.isalnum() for c in text[pos:t.nspan[0]]):
            return False
        pos = t.nspan[1]
    return not any(c.isalnum() for c in text[pos:end])


def _title_period(doc: _Doc) -> Period:
    """The year or years of the document's title when it names exactly one such time (利川市住建局
    2023年工作总结, 三年行动方案（2023—2025年）): the period of a figure no other time reaches,
    closed by an "as of" date the title or a data note gives (``_note_times``); a data note's
    date alone when the title names no year.  A title naming two (2023年工作总结和2024年工作计划)
    dates nothing."""
    got = doc.title_period
    if got is None:
        lay = doc.layout
        named: dict[tuple[str | None, str | None], TimeMention] = {}  # by (start, end): one each
        as_of: list[TimeMention] = []
        for i in range(min(TITLE_LINES, len(lay.paragraphs))):
            if i and SECTION_MARK.match(doc.text, *lay.paragraphs[i]):
                break  # 一、本周工作进展: the first section's heading, not the title
            if not doc.headline(i):
                # …统计表\n（截至2024年10月31日）: a line in brackets giving only an "as of" date
                # under the title closes the title's year (and is no section's time)
                p = lay.paragraphs[i]
                line = doc.text[p[0]:p[1]].strip()
                times = _times_in(doc, p[0], p[1])
                if i and len(line) <= NOTE_MAX and times and (
                        (line[:1] in "（(" and line[-1:] in "）)") or _only_times(doc, p[0], p[1], times)):
                    if all(t.as_of for t in times):
                        as_of += times
                        doc.title_notes = frozenset((i,))
                    elif len(times) == 1 and times[0].kind == "month" and not named:
                        # …周报（第46期）\n（2024年11月18日—11月24日）: the days a report covers
                        named[(times[0].start, times[0].end)] = times[0]
                        doc.title_notes = frozenset((i,))
                break
            for t in _times_in(doc, *lay.paragraphs[i]):
                if t.kind in TITLE_KINDS:
                    named[(t.start, t.end)] = t
                elif t.as_of:
                    as_of.append(t)
        notes = _note_times(doc)
        as_of += notes
        got = Period()
        if len(named) == 2:
            # 包河区2024年民生实事项目1—10月进展情况: a year, then months of that year
            year, months = sorted(named.values(), key=lambda t: not _year_level(t))
            if _year_level(year) and not _year_level(months) and year.start == year.end \
                    and months.start and months.end and months.start[:4] == months.end[:4] == year.start:
                named = {(months.start, months.end): months}
        if len(named) == 1:
            t = next(iter(named.values()))
            # 2024年…完成情况（截至2024年10月31日）: the year closed by the date
            got = _combine([t, as_of[-1]]) if as_of and _year_level(t) else _period(t)
        elif not named and notes:
            got = _period(notes[-1])  # 数据统计截至2024年10月底 under a card of figures
        doc.title_period = got
    return got


def plan_title_period(doc: _Doc) -> Period | None:
    """The years of the document's title when the title names a plan (沙坪坝区城镇老旧小区改造三年
    实施方案（2025—2027年）; ``plan_titles`` of status.yaml), else None."""
    words = doc.vocab.plan_titles
    if not words:
        return None
    title = _title_period(doc)
    if not title.start:
        return None
    paras = doc.layout.paragraphs
    return title if any(w in doc.text[paras[i][0]:paras[i][1]] for i in doc.title_lines() for w in words) else None


def _field_period(doc: _Doc, pi: int) -> Period | None:
    """The period a field of paragraph ``pi``'s block gives (建设期限：2024年4月—2024年12月 under
    建设内容：改造小区6个; times.yaml ``period_fields``): from its first time to its last; else the
    fields of its start and its end (开工日期：2024年3月15日, 竣工日期：2024年10月28日; ``start_fields``,
    ``end_fields``): from the one to the other."""
    v = doc.vocab
    if v.period_field is None and v.start_end_field is None:
        return None
    got = doc.field_periods
    if got is None:
        got = doc.field_periods = {}
        lay = doc.layout

        def field_times(m: regex.Match) -> tuple[int, list[TimeMention]]:
            """The block of field ``m`` and the times of its line."""
            pj = lay.sentences[lay.sentence_at(m.start())][2]
            return doc.block_start(pj), [t for t in _times_in(doc, m.end(), lay.paragraphs[pj][1]) if t.start or t.end]

        for m in v.period_field.finditer(doc.text) if v.period_field is not None else ():
            block, times = field_times(m)
            if times:
                first, last = times[0], times[-1]
                got.setdefault(block, Period(start=first.start or first.end, end=last.end or last.start,
                                             text=doc.text[first.nspan[0]:last.nspan[1]]))
        ends: dict[int, dict[str, TimeMention]] = {}
        for m in v.start_end_field.finditer(doc.text) if v.start_end_field is not None else ():
            block, times = field_times(m)
            if times:
                ends.setdefault(block, {}).setdefault("start" if m["start"] else "end", times[0])
        for block, sides in ends.items():
            a, b = sides.get("start"), sides.get("end")
            got.setdefault(block, Period(start=(a.start or a.end) if a else None, end=(b.end or b.start) if b else None,
                                         text=" ".join(t.text for t in (a, b) if t)))
    return got.get(doc.block_start(pi)) if got else None


NOTE_MAX = 40  # the longest line read as a note on the data


def _note_times(doc: _Doc) -> list[TimeMention]:
    """The "as of" dates of short lines noting when the data were taken (> 数据统计截至2024年10月底,
    （注：以上数据截至9月底）; ``data_notes`` of times.yaml) and of a paragraph's opening sentence
    announcing the report that follows (现将截至2024年8月31日各地改造进度通报如下;
    ``report_preambles``): they date every figure no other time reaches."""
    v = doc.vocab
    lay = doc.layout
    out = []
    if v.data_note is not None:
        for m in v.data_note.finditer(doc.text):
            p = lay.paragraphs[lay.sentences[lay.sentence_at(m.start())][2]]
            if p[1] - p[0] <= NOTE_MAX:
                out += [t for t in _times_in(doc, p[0], p[1]) if t.as_of]
    if v.preamble is not None:
        for m in v.preamble.finditer(doc.text):
            out += [t for t in _times_in(doc, m.start(), m.end()) if t.as_of]
    return out


TOTAL_ROW = regex.compile(rf"{TOTAL_HEADER_CELL.pattern}[，,]")


def _total_row_period(doc: _Doc, pi: int) -> Period | None:
    """A table's total row (合计，改造小区118个，…) under rows each opening with a year (2021年，
    改造小区32个，…): from the first of those years to the last."""
    lay = doc.layout
    p = lay.paragraphs[pi]
    if not TOTAL_ROW.match(doc.text, p[0], p[1]):
        return None
    years = []
    i = pi - 1
    while i >= 0:
        r = lay.paragraphs[i]
        lo = r[0]
        while lo < r[1] and doc.text[lo].isspace():
            lo += 1
        got = _times_in(doc, lo, r[1])
        if not got or got[0].nspan[0] != lo or got[0].kind != "year":
            break
        years.append(got[0])
        i -= 1
    if len(years) < 2:
        return None
    first, last = years[-1], years[0]
    return Period(start=first.start, end=last.end, text=f"{first.text}至{last.text}")


def deadline_period(doc: _Doc, q: Quantity, period: Period) -> Period | None:
    """The period of a planned figure that a deadline of completion in a later clause of its
    sentence closes (将改造住宅楼118栋…，计划2026年6月完工; 剩余37个小区改造，确保11月底前全部
    完工): the year the plan was made in, when ``period`` is one year, to the deadline.  Not a
    deadline of starts (力争6月底前全部开工), nor one whose clause has a figure of its own
    before it (…，另有5个项目预计2026年完工: that figure's), nor one after progress said done
    or dated (目前已完工31个，其余小区将于年底前完工: the rest's)."""
    lay = doc.layout
    clause = lay.clauses[lay.clause_at(q.nspan[0])]
    sent = lay.sentences[clause[2]]
    v = doc.vocab
    if not v.deadline_ends:
        return None
    for t in _times_in(doc, clause[1], sent[1]):
        if t.kind != "deadline" or not t.end:
            continue
        own = lay.clauses[lay.clause_at(t.nspan[0])]
        i = bisect_left(doc.q_starts, own[0])
        if i < len(doc.q_starts) and doc.q_starts[i] < t.nspan[0]:
            return None
        if any(doc.text[h.pos:h.end] in v.realis for h in _hits_in(doc.status_hits, doc.status_pos, clause[1], own[0])) \
                or any(x.as_of or x.kind == "now" for x in _times_in(doc, clause[1], own[0])) \
                or any(doc.opens_with(c[0], c[1], v.rest_words) for c in lay.clauses[lay.clause_at(clause[1]):lay.clause_at(own[0])]):
            # 计划改造52个，目前已完工31个，其余小区将于年底前完工; 年度目标为…20公里，…，剩余1.4公里…，将于
            # 2025年3月前完成: the rest's deadline
            return None
        pos = t.nspan[1] + doc.text.startswith("前", t.nspan[1])
        pos += next((len(w) for w in v.all_done_before if doc.text.startswith(w, pos)), 0)
        if not doc.text.startswith(v.deadline_ends, pos):
            return None
        last = period.end or period.as_of  # 今年…，目前: the year of a progress report
        one_year = period.start and last and period.start[:4] == last[:4]
        start = period.start[:4] if one_year else None
        if not period.start and not last:
            # 今年实施的14个项目…，改造完成后，将惠及居民3200户，预计年底前全部完工: a figure no time
            # reaches (what the work will yield) starts in the year its sentence names
            years = [x for x in _times_in(doc, sent[0], q.nspan[0]) if _year_level(x) and x.start and x.start == x.end]
            start = years[-1].start if years else None
        return Period(start=start, end=t.end, text=f"{period.text}…{t.text}" if period.text else t.text)
    return None


def _dating(doc: _Doc, times: list[TimeMention], clause: tuple[int, int, int]) -> list[TimeMention]:
    """``times`` less a plan period naming the target a share is of (完成“十四五”目标任务的86.7%,
    占全年任务50个的108%; ``plan_nouns``) outside ``clause``: it dates nothing there."""
    targets = doc.share_targets
    if targets is None:
        # found once per document: the start of each time naming such a target
        share, text = doc.vocab.share_target, doc.text
        targets = doc.share_targets = frozenset() if share is None else frozenset(
            t.nspan[0] for t in doc.times if share.match(text, t.nspan[1]))
    if not targets or not times:
        return times
    return [t for t in times if t.nspan[0] not in targets or clause[0] <= t.nspan[0] < clause[1]]


def _opens_fresh(doc: _Doc, p: tuple[int, int]) -> bool:
    """Whether paragraph ``p`` opens with a word saying what comes next (下一步; ``fresh_openers``)."""
    words = doc.vocab.fresh_openers
    if not words:
        return False
    m = LIST_NUMBER.match(doc.text, p[0], p[1])
    return doc.text.startswith(words, m.end() if m else p[0])


def _prospective(doc: _Doc, sent: int, lo: int, hi: int) -> bool:
    """Whether a word of sentence ``sent:`` saying what the work will yield once done (建成后可;
    ``prospective``) reaches into ``lo:hi`` (it may open in the clause before: 项目建成后，可提供…)."""
    pattern = doc.vocab.prospective
    if not doc.has_prospective or pattern is None:
        return False
    return any(h.end > lo and h.cls == "planned" and pattern.match(doc.text, h.pos, h.end)
               for h in _hits_in(doc.status_hits, doc.status_pos, sent, hi))


def period_for(doc: _Doc, q: Quantity) -> Period:
    """The time paired with the figure by 分别 (``respectively_times``); else the time governing
    the figure: the last one before it in its sentence, else the first after it in its clause,
    else the period a field of its block gives (建设期限：2024年4月—2024年12月), else the last one
    earlier in its paragraph, else — unless the paragraph opens with 下一步 — the last time of the
    nearest earlier paragraph of its section (a section states its year once; a table's caption
    counts), else the year of the document's title (an earlier item of the same numbered list
    hands on only its years).  An "as of" date handed on from an earlier sentence keeps the year
    that sentence names with it.  A plan period naming the target a share is of (完成“十四五”
    目标任务的86.7%) dates nothing outside its clause."""
    paired = doc.time_pairs.get(id(q))
    if paired is not None:
        return _period(paired)
    lay = doc.layout
    si = lay.sentence_at(q.nspan[0])
    s = lay.sentences[si]
    pi = s[2]
    p = lay.paragraphs[pi]
    clause = lay.clauses[lay.clause_at(q.nspan[0])]
    in_sent = _dating(doc, _times_in(doc, s[0], s[1]), clause)
    if doc.has_events:
        in_sent = [t for t in in_sent if t.kind != CLAUSE_ONLY or clause[0] <= t.nspan[0] < clause[1]]
    in_clause = [t for t in in_sent if clause[0] <= t.nspan[0] < clause[1]]
    before = [t for t in in_sent if t.nspan[0] < q.nspan[0]]
    # a time in the figure's own clause governs it first (剩余14个预计2024年6月底前完工); a time
    # after the figure in a later clause dates something else (总投资1200万元，预计明年6月完工)
    own_before = [t for t in in_clause if t.nspan[0] < q.nspan[0]]
    own_after = [t for t in in_clause if t.nspan[0] >= q.nspan[0]]
    cand = None
    if not own_before and not own_after and _prospective(doc, s[0], clause[0], q.nspan[0]):
        return Period()  # …已于今年3月动工，建成后可提供住房2600套: when it is done is not said
    if not own_before and not own_after and doc.cell_row(pi):
        cell = _year_cell(doc, pi)
        if cell is not None and cell.nspan[0] > q.nspan[0]:
            # 1，岳阳楼区2025年…改造项目，改造老旧小区32个，…，2025—2026年，…: the row's column of
            # years, after the figure, dates it, not a year inside the project's name before it
            return _period(cell)
    if own_before or own_after:
        if len(before) > 1 and own_before and before[-1].kind != "duration":
            return _started_then_done(doc, before, q.nspan[0]) or _combine(before)
        cand = own_before[-1] if own_before else own_after[0]
    elif before:
        if len(before) > 1 and before[-1].kind != "duration":
            return _started_then_done(doc, before, q.nspan[0]) or _combine(before)
        cand = before[-1]
    if cand is None:
        field = _field_period(doc, pi) or _total_row_period(doc, pi)
        if field is not None:
            return field
    if cand is None:
        # a deadline of an earlier sentence dates only that sentence (…，计划2026年6月完工；兴华
        # 片区项目拟对21个老旧小区实施综合改造); a breakdown (其中，…) shares it
        para = [t for t in _dating(doc, _times_in(doc, p[0], s[0]), clause) if not _trailing_now(doc, t)]
        if para and para[-1].kind in NOT_CARRIED and (
                para[-1].kind == "compared" or not doc.opens_breakdown(s[0])):
            # …but a deadline opening the sentence a semicolon goes on (到2027年，累计改造…；新建管网
            # 1200公里；…: before any figure of it) dates the parts after it, as a plan word governs them
            chain = si
            while doc.after_semicolon(chain):
                chain -= 1
            lo_chain = lay.sentences[chain][0] if chain < si else s[0]
            para = [t for t in para if t.kind not in NOT_CARRIED
                    or (t.kind == "deadline" and t.nspan[0] >= lo_chain and not _figure_between(doc, lo_chain, t.nspan[0]))]
        if len(para) > 1 and doc.vocab.breakdown:
            # a year in a breakdown clause of an earlier sentence (…累计改造860个，其中今年改造210个。
            # 同时，全区累计加装电梯312部) divides the time that governs the paragraph: that time is
            # handed on
            ruling = [t for t in para if not doc.opens_breakdown(lay.clauses[lay.clause_at(t.nspan[0])][0])]
            para = ruling or para
        cand = para[-1] if para else None
        if cand is not None and _dated_as_of(doc, para):
            return _carried(doc, para)
        if cand is None and _opens_fresh(doc, p) and not any(t.kind in NOT_CARRIED for t in in_sent):
            # 下一步，该县将启动…: no earlier time reaches it (with a deadline, 下一步…剩余37个…确保
            # 11月底前全部完工, the year it is set in still opens the period: deadline_period)
            return Period()
    if cand is None and all(t.kind in NOT_CARRIED for t in _times_in(doc, p[0], s[1])):
        # a deadline (力争6月底前全部开工) dates only its own sentence: it neither stops the
        # carry-over into its paragraph nor is carried itself (the last other time of the
        # nearest earlier paragraph is); a time in a later sentence of the paragraph (…。第三批
        # 2个项目计划明年启动) dates that sentence on, not the ones before it
        # a bulleted line (👉 惠及居民2.4万户) is one of parallel figures of one report, not a topic
        numbered = doc.numbered(pi) and not doc.bulleted(pi)
        for i in _section_paragraphs(doc, pi):
            lo, hi = lay.paragraphs[i]
            if _speech(doc.text, lo, hi):
                continue  # “没想到这么快就能住上新房。”张女士说，去年她…: someone's words date no report
            # a "now" word said in quoted speech (“…现在铺上了塑胶步道”) contrasts with before; it
            # dates no report
            prev = [t for t in _dating(doc, _times_in(doc, lo, hi), clause) if t.kind not in NOT_CARRIED
                    and not (t.kind == "now" and _quoted(doc.text, lo, t.nspan[0])) and not _trailing_now(doc, t)]
            # the years of a breakdown (“十四五”以来…。其中，2021年改造28个，…2024年改造49个)
            # divide the time that governs its paragraph; that time is handed on
            ruling = [t for t in prev if doc.breakdown_opening(lay.sentence_at(t.nspan[0])) is None]
            prev = ruling or prev
            if numbered and doc.numbered(i):
                # an earlier item of the same list ((二)…目前完成工程量的75% before (三)…已完工)
                # hands on its year, not its own month or date
                prev = [t for t in prev if _year_level(t)]
            if prev:
                cand = prev[-1]
                if _dated_as_of(doc, prev):
                    return _carried(doc, prev)
                if cand.kind == "date" and cand.start and not (
                        doc.vocab.event_references and any(w in doc.text[p[0]:q.nspan[0]] for w in doc.vocab.event_references)):
                    # 7月25日，…发放借款8.6亿元。\n\n据介绍，该项目…: the day of an event dates its own
                    # paragraph; a later one takes only its year (but 据了解，此次签约项目…: the event's)
                    return Period(start=cand.start[:4], end=cand.start[:4], text=cand.text)
                break
    if cand is None:
        return _title_period(doc)
    if cand.kind == "duration" and cand.years:
        # 四年内 in a plan whose title names 2024—2027年, 三年来 in a report on 2021—2023年 given in
        # January: the title's years, when they are as many
        title = _title_period(doc)
        if title.start and title.end and int(title.end[:4]) - int(title.start[:4]) + 1 == cand.years:
            return title
        # 4年将累计完成: the N years ending with the last year named before it
        spans = [(p[0], cand.nspan[0])] + [lay.paragraphs[i] for i in _section_paragraphs(doc, pi)]
        for lo, hi in spans:
            times = _times_in(doc, lo, hi)
            years = [int(t.end[:4]) for t in times
                     if t.end and t.kind in ("year", "month", "date", "range", "relative")]
            if years:
                last = max(years)
                return Period(start=str(last - cand.years + 1), end=str(last), text=cand.text)
            since = [int(t.start[:4]) for t in times if t.kind == "since" and t.start]
            if since:
                # 2021年以来，…三年累计: the N years from the year the work started
                return Period(start=str(since[-1]), end=str(since[-1] + cand.years - 1), text=cand.text)
        # 三年间 in a later section of a review whose first part named 2021年至2023年: the nearest span
        # of as many years named before it in the document (not 三年来, counted back from the publication)
        for i in range(pi - 1 if cand.start is None else -1, -1, -1):
            lo, hi = lay.paragraphs[i]
            for t in reversed(_times_in(doc, lo, hi)):
                if t.kind == "range" and t.start and t.end and \
                        int(t.end[:4]) - int(t.start[:4]) + 1 == cand.years:
                    return Period(start=t.start[:4], end=t.end[:4], text=cand.text)
        # 三年来 with no year before it: the N years up to the publication (when known)
        return Period(start=cand.start, end=cand.end, text=cand.text)
    got = doc.periods.get(id(cand))
    if got is None:
        got = _period(cand)
        if cand.kind == "now" and not (got.start or got.end or got.as_of):
            # 截至本周 with no publication date, under a report's days (（2024年11月18日—11月24日）):
            # the now of the report is the end of the days it covers
            title = _title_period(doc)
            if title.end and doc.title_notes:
                got = Period(as_of=title.end, text=got.text)
        doc.periods[id(cand)] = got
    return got


# ---- region --------------------------------------------------------------------------------
def _region(doc: "_Doc", code: str, lex: Lexicons, name: str | None = None) -> Region:
    key = (code, name)
    got = doc.regions.get(key)
    if got is None:
        got = doc.regions[key] = region_of(code, lex, name)
    return got


def _place_region(p: PlaceMention, lex: Lexicons, doc: "_Doc") -> tuple[Region | None, str | None]:
    """Region of a place mention; home words (我市, 全区) were resolved by the pipeline."""
    if p.adcode == "000000":
        return Region(p.name, "000000", "country", ()), None  # 全国
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


LIST_SEPARATORS = "、，,和及与 "
DIGIT = regex.compile(r"\d")
LABEL_SEPARATOR = regex.compile(r"、")  # not 和/及, which words hold (惠及居民)
SUBJECT_GAP = 16  # the most characters from a list of places and its group word to 分别 (三市开工数量居前，)


def _list_ending_with(doc: _Doc, before: list) -> list:
    """The run of mentions (places, times) at the end of ``before`` joined only by 、/和/及/与: a
    list.  Between listed ones stands a separator (南京市鼓楼区 with none is one place in its
    parent)."""
    places = [before[-1]]
    end = before[-1].nspan[0]
    for p in reversed(before[:-1]):
        gap = doc.text[p.nspan[1]:end]
        if gap.strip(LIST_SEPARATORS) != "" or not gap.strip():
            break
        places.insert(0, p)
        end = p.nspan[0]
    return places


def _list_region(doc: _Doc, lo: int, mid: int, lex: Lexicons) -> str | None:
    """The unit containing a list of places that ends right before the figure's position in its
    sentence (涉及惠城区、惠阳区和博罗县，总建筑面积约186万平方米: the figure is the list's
    total, so 惠州市), or None when the nearest place before the figure is no list's end."""
    before = [p for p in doc.places[lo:mid] if p.kind != "home" and p.adcode]
    if len(before) < 2 or before[-1] is not doc.places[mid - 1]:
        return None
    listed = _list_ending_with(doc, before)
    if len(listed) < 2:
        return None
    return _common_unit(listed, lex)


def _rest_region(doc: _Doc, q: Quantity, lo: int, lex: Lexicons) -> str | None:
    """For a figure whose clause opens with a ``rest_words`` word and names no place (其余区县开工19个
    小区): the unit holding the places named before it in its sentence, when there are two or more."""
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    if not doc.opens_with(c[0], c[1], doc.vocab.rest_words):
        return None
    k = bisect_left(doc.place_pos, c[0])
    if k < len(doc.place_pos) and doc.place_pos[k] < c[1]:
        return None  # 其余…in 海曙区: a place of its own
    before = [p for p in doc.places[lo:k] if p.kind != "home" and p.adcode]
    if len(before) < 2:
        return None
    common = _common_unit(before, lex)
    return common if common is not None and common not in {p.adcode for p in before} else None


def _common_unit(listed: list, lex: Lexicons) -> str | None:
    """The most specific unit holding every place of ``listed``."""
    common = None
    for codes in zip(*(lex.ancestors(p.adcode) for p in listed)):
        if len(set(codes)) > 1:
            break
        common = codes[0]
    return common


def respectively_pairs(doc: _Doc, lex: Lexicons) -> dict[int, PlaceMention]:
    """鼓楼区、玄武区分别完成改造32个、21个: for every 分别 whose sentence lists n ≥ 2 places
    before it and n figures of one unit after it, the i-th figure goes with the i-th place."""
    out: dict[int, PlaceMention] = {}
    for i, end, s in _respectively(doc, lex):
        before = [p for p in doc.places[bisect_left(doc.place_pos, s[0]):bisect_left(doc.place_pos, i)]
                  if p.kind != "home" and p.adcode]
        # the figures run from 分别 to the end of the sentence, or to the next place named
        # (…分别开工42个、38个、31个，天元区开工27个: 27 is 天元区's own)
        nxt = bisect_left(doc.place_pos, end)
        stop = min(s[1], doc.place_pos[nxt]) if nxt < len(doc.place_pos) else s[1]
        if not before and doc.vocab.place_group is not None:
            # 两市明年还将分别开工安置房1500套、2000套: a group word opening the sentence names
            # the places listed earlier in the paragraph, in their order
            listed = _grouped_places(doc, s, i, lex)
            if listed:
                _pair_run(doc, listed, i, stop, out)
            continue
        _pair(doc, before, i, stop, out, lex)
    return out


def _grouped_places(doc: _Doc, s: tuple, at: int, lex: Lexicons) -> list:
    """The places of a list earlier in the paragraph that a group word before ``at`` in sentence
    ``s`` names by their number (鄂州市和黄石市…。两市…分别…), or []."""
    pattern = doc.vocab.place_group
    g = pattern.search(doc.text, s[0], at) if pattern is not None else None
    if g is None or g.start() - s[0] > SUBJECT_GAP:
        return []
    count = _group_count(g, lex)
    lay = doc.layout
    p = lay.paragraphs[s[2]]
    before = [x for x in doc.places[bisect_left(doc.place_pos, p[0]):bisect_left(doc.place_pos, s[0])]
              if x.kind != "home" and x.adcode]
    return _list_of(doc, before, count) or []


def _list_of(doc: _Doc, before: list, count: int) -> list | None:
    """The last list of ``count`` mentions joined by 、/和 among ``before`` (a group word's: 四区,
    两市), or None."""
    for k in range(len(before), 1, -1):
        listed = _list_ending_with(doc, before[:k])
        if len(listed) == count:
            return listed
    return None


def _respectively(doc: _Doc, lex: Lexicons):
    """(start, end, sentence) of every 分别 (``respectively`` of places.yaml) in the text."""
    lay = doc.layout
    for word in lex.respectively:
        start = 0
        while (i := doc.text.find(word, start)) >= 0:
            start = i + len(word)
            yield i, start, lay.sentences[lay.sentence_at(i)]


def _pair(doc: _Doc, before: list, at: int, stop: int, out: dict, lex: Lexicons | None = None) -> None:
    """When ``before`` ends, right before 分别 at ``at`` (the last may touch it), with a list of
    n ≥ 2 mentions, and ``at:stop`` holds n figures of one unit: the i-th figure goes with the
    i-th mention."""
    if not before:
        return
    gap = doc.text[before[-1].nspan[1]:at]
    listed = _list_ending_with(doc, before)
    if len(listed) < 2:
        listed = _place_figure_list(doc, before, at) if lex is not None else []
        if len(listed) >= 2:
            _pair_run(doc, listed, at, stop, out)
        return
    if gap.strip(LIST_SEPARATORS) != "":
        # the list as the subject of a clause before 分别, named by a group word (太原、大同、长治
        # 三市开工数量居前，分别开工412个、…) with no figure between
        if lex is None:
            return  # kinds and times: only a list right before 分别
        group = doc.vocab.place_group.match(gap) if doc.vocab.place_group is not None else None
        if len(gap) > SUBJECT_GAP or _figure_between(doc, before[-1].nspan[1], at) \
                or any(c in gap for c in "。；;"):
            return
        if group is not None and _group_count(group, lex) != len(listed):
            return
        if group is None and bisect_left(doc.place_pos, before[-1].nspan[1]) != bisect_left(doc.place_pos, at):
            return  # 鼓楼区、玄武区…，全市分别…: another place (a home word) is the subject
        # …or what is counted of the list, with no figure or other place between (赣州市、上饶市完工率均
        # 超过80%，完工小区分别为412个、286个)
    _pair_run(doc, listed, at, stop, out)


def _place_figure_list(doc: _Doc, before: list, at: int) -> list:
    """The places of a list ending at the comma before 分别 at ``at`` whose members are each a place
    right followed by a figure of its own (章贡区48个、赣县区37个，分别惠及居民9860户、6210户), parted by
    、/和; [] when there are fewer than two."""
    out: list = []
    end = at
    for p in reversed(before):
        j = bisect_left(doc.q_starts, p.nspan[1])
        if j >= len(doc.q_starts) or doc.q_starts[j] != p.nspan[1]:
            break
        if doc.text[doc.quantities[j].nspan[1]:end].strip(LIST_SEPARATORS + "，,") != "":
            break
        out.append(p)
        end = p.nspan[0]
    return out[::-1]


def _pair_run(doc: _Doc, listed: list, at: int, stop: int, out: dict) -> None:
    """The i-th figure of one unit in ``at:stop`` goes with the i-th of ``listed`` when they are
    as many (else the run right after ``at``, up to a figure with words between)."""
    by_unit: dict[str, list[Quantity]] = {}
    for q in doc.quantities[bisect_left(doc.q_starts, at):]:
        if q.nspan[0] >= stop:
            break
        by_unit.setdefault(q.unit, []).append(q)
    for qs in by_unit.values():
        if len(qs) != len(listed):
            # …分别完成改造41个、36个、28个、33个，合计138个: the figures listed right after it, up
            # to the first one with words between (a total, a difference)
            qs = _run(doc, qs)
        if len(qs) == len(listed):
            out.update({id(q): m for q, m in zip(qs, listed)})


def _run(doc: _Doc, qs: list[Quantity]) -> list[Quantity]:
    """The figures of ``qs`` from the first up to the first with words between it and the one
    before (only 、/和 and the like: 41个、36个、28个，合计138个 → the first three)."""
    n = 1
    while n < len(qs) and not doc.text[qs[n - 1].nspan[1]:qs[n].nspan[0]].strip(LIST_SEPARATORS):
        n += 1
    return qs[:n]


def respectively_kinds(doc: _Doc, lex: Lexicons) -> dict[int, _Kind]:
    """棚户区改造和老旧小区改造分别完成投资3.2亿元、1.8亿元: for every 分别 right after a list of n ≥ 2
    category triggers joined by 、/和 (each name may end with a word of ``kind_list_words`` of
    category_rules.yaml: 改造), with n figures of one unit after it in its sentence, the i-th
    figure goes with the i-th kind of work (status.category_for, metrics.metric_of)."""
    out: dict[int, _Kind] = {}
    if doc.cat_hits:
        ends = lex.kind_list_words
        for i, _end, s in _respectively(doc, lex):
            kinds = []
            for h in _hits_in(doc.cat_hits, doc.cat_pos, s[0], i):
                end = h.end + next((len(w) for w in ends if doc.text.startswith(w, h.end)), 0)
                kinds.append(_Kind((h.pos, end), h))
            _pair(doc, kinds, i, s[1], out)
    return out


LABEL_LIST_MAX = 16  # the longest phrase of a list of what is counted before 分别
RESPECTIVELY_LINK = 3  # characters between 分别 and the first figure (为, 是, 达到)


def respectively_labels(doc: _Doc, lex: Lexicons) -> dict[int, tuple[int, int]]:
    """改造小区、惠及居民、完成投资分别为32个、4500户、1.2亿元: for every 分别 whose clause before it is
    a list of n ≥ 2 short phrases joined by 、 naming what is counted, followed by a run of n
    figures (of any units) parted only by 、/和, the i-th figure is labelled by the i-th phrase
    (the span of its words: metrics.metric_of, status.status_for).  Not where places, times or
    kinds of work listed before it pair with the figures."""
    out: dict[int, tuple[int, int]] = {}
    lay, text = doc.layout, doc.text
    for i, end, s in _respectively(doc, lex):
        lo = lay.clauses[lay.clause_at(i)][0]
        while lo < i and text[lo] in " \u3000，,":
            lo += 1
        parts = []
        start = lo
        for m in LABEL_SEPARATOR.finditer(text, lo, i):
            parts.append((start, m.start()))
            start = m.end()
        parts.append((start, i))
        if len(parts) < 2 or any(not 0 < b - a <= LABEL_LIST_MAX or DIGIT.search(text, a, b) for a, b in parts):
            continue  # (a list of years or numbers, paired or not, names no label)
        if any(p.nspan == span for p in doc.places[bisect_left(doc.place_pos, lo):bisect_left(doc.place_pos, i)]
               for span in parts):
            continue  # a list of places
        k = bisect_left(doc.q_starts, end)
        if k >= len(doc.quantities) or doc.quantities[k].nspan[0] - end > RESPECTIVELY_LINK:
            continue
        # the run of figures after it, one more than the phrases allowed for: more figures than
        # phrases pair with none
        run = _run(doc, [q for q in doc.quantities[k:k + len(parts) + 1] if q.nspan[0] < s[1]])
        if len(run) != len(parts) or any(id(q) in doc.pairs or id(q) in doc.time_pairs or id(q) in doc.kind_pairs
                                         for q in run):
            continue
        out.update({id(q): span for q, span in zip(run, parts)})
    return out


def respectively_times(doc: _Doc, lex: Lexicons) -> dict[int, TimeMention]:
    """2021年、2022年、2023年分别改造老旧小区82个、95个、104个: for every 分别 right after a list
    of n ≥ 2 times joined by 、/和, with n figures of one unit after it in its sentence, the i-th
    figure goes with the i-th time."""
    out: dict[int, TimeMention] = {}
    if doc.times:
        for i, _end, s in _respectively(doc, lex):
            before = _times_in(doc, s[0], i)
            n = len(out)
            _pair(doc, before, i, s[1], out)
            if len(out) == n and before:
                _pair_years(doc, before[-1], i, s[1], out)
    return out


YEARS_MAX = 10  # the most years of a range handed out one by one to the figures after 分别


def _pair_years(doc: _Doc, t: TimeMention, at: int, stop: int, out: dict) -> None:
    """2021年至2023年，…分别改造老旧小区86个、102个、125个: a range of n years before 分别, with
    no figure between, and n figures of one unit right after it: the i-th figure goes with the
    i-th year of the range."""
    if t.kind != "range" or not (t.start and t.end and len(t.start) == 4 and len(t.end) == 4):
        return
    first, last = int(t.start), int(t.end)
    if not 1 <= last - first < YEARS_MAX or _figure_between(doc, t.nspan[1], at):
        return
    years = [TimeMention(text=t.text, span=t.span, start=str(y), end=str(y), kind="year", nspan=t.nspan)
             for y in range(first, last + 1)]
    _pair_run(doc, years, at, stop, out)


VENUE_GAP = 2  # characters between a venue and its verb (在包河区隆重举行)


def _frames(doc: _Doc, lex: Lexicons) -> frozenset[int]:
    """The place mentions that frame a figure rather than own it, found once per document: where an
    event was held (``venue_after`` of places.yaml: 在包河区举行), what a place is ranked within
    (``ranking_before``: 越城区改造数量居全市首位，完成31个), and where a report was filed (its
    dateline: 新华社北京1月24日电)."""
    if doc.frames is None:
        text = doc.text
        venue = any(w in text for w in lex.venue_after)
        ranking = any(w in text for w in lex.ranking_before)
        filed = any(w in text for w in lex.dateline_marks)
        if not venue and not ranking and not filed:
            doc.frames = frozenset()
        else:
            doc.frames = frozenset(
                id(p) for p in doc.places
                if (venue and any(text.find(w, p.nspan[1], p.nspan[1] + VENUE_GAP + len(w)) >= 0
                                  for w in lex.venue_after))
                or (ranking and text.endswith(lex.ranking_before, 0, p.nspan[0]))
                or (filed and dateline(text, p.nspan[1], lex)))
    return doc.frames


def _after_parent(doc: _Doc, place: PlaceMention, lex: Lexicons) -> bool:
    """Whether ``place`` is written right after a place holding it (福州市台江区)."""
    i = bisect_left(doc.place_pos, place.nspan[0])
    if i == 0 or not place.adcode:
        return False
    prev = doc.places[i - 1]
    return prev.nspan[1] == place.nspan[0] and prev.adcode is not None and prev.adcode != place.adcode \
        and prev.adcode in lex.ancestors(place.adcode)


def _clause_subject(doc: _Doc, q: Quantity) -> PlaceMention | None:
    """The place that opens the figure's clause, before the figure, perhaps after a time
    (上城区近三年累计改造…; 2023年，上城区改造…), not one inside it (吸引北京愿景集团携上亿元资本)."""
    lay = doc.layout
    start = lay.clauses[lay.clause_at(q.nspan[0])][0]
    i = bisect_left(doc.place_pos, start)
    if i >= len(doc.places) or doc.places[i].nspan[0] >= q.nspan[0]:
        return None
    place = doc.places[i]
    if place.kind == "home" or not place.adcode:
        return None
    opens = place.nspan[0]
    while i + 1 < len(doc.places) and doc.places[i + 1].nspan[0] == place.nspan[1] and \
            doc.places[i + 1].nspan[0] < q.nspan[0] and doc.places[i + 1].adcode and \
            doc.places[i + 1].adcode != place.adcode and place.path and \
            doc.places[i + 1].path[:len(place.path)] == place.path:
        i += 1  # 伊犁哈萨克自治州伊宁市: the place written after its parent
        place = doc.places[i]
    gap = doc.text[start:opens]
    for t in _times_in(doc, start, place.nspan[0]):
        gap = gap.replace(doc.text[t.nspan[0]:t.nspan[1]], "")  # (t.text is the input's characters)
    return place if not gap.strip(" \u3000，,、") else None


def _group_count(m: regex.Match, lex: Lexicons) -> int:
    """The number of places a group word (四区, 两县: ``place_group``) names (0 when unread)."""
    n = m["n"]
    return int(n) if n.isdigit() else int(parse_chinese(n, lex) or 0)


def _group_region(doc: _Doc, lo: int, pos: int, first: int, last: int, lex: Lexicons) -> str | None:
    """The unit holding the places of a list given earlier in the paragraph (``doc.places[first:
    last]``) that a group word in ``lo:pos`` names by their number and level (历下区、市中区、
    槐荫区、天桥区分别…。四区共惠及居民4.2万户: 济南市), with no place between it and ``pos``."""
    groups = doc.groups.get(lo)
    pattern = doc.vocab.place_group
    if groups is None:
        # found once per sentence (starting at ``lo``)
        sent = doc.layout.sentences[doc.layout.sentence_at(lo)]
        groups = doc.groups[lo] = list(pattern.finditer(doc.text, lo, sent[1])) if pattern is not None else []
    i = bisect_right(groups, pos, key=lambda g: g.end())
    if not i:
        return None
    m = groups[i - 1]
    if bisect_left(doc.place_pos, m.end()) != bisect_left(doc.place_pos, pos):
        return None
    count = _group_count(m, lex)
    before = [p for p in doc.places[first:last] if p.kind != "home" and p.adcode]
    listed = _list_of(doc, before, count)
    return _common_unit(listed, lex) if listed else None


def region_for(doc: _Doc, q: Quantity, home: str | None, lex: Lexicons) -> tuple[Region | None, str | None]:
    """The region of figure ``q`` (see ``_region_for``), logged for the sentences that point back
    to it (该项目涉及…)."""
    got = _region_for(doc, q, home, lex)
    if got[0] is not None:
        doc.region_log.append((q.nspan[0], got))
    return got


def _region_for(doc: _Doc, q: Quantity, home: str | None, lex: Lexicons) -> tuple[Region | None, str | None]:
    lay = doc.layout
    paired = doc.pairs.get(id(q))
    if paired is not None:
        return _place_region(paired, lex, doc)
    si = lay.sentence_at(q.nspan[0])
    s = lay.sentences[si]
    p = lay.paragraphs[s[2]]
    lo, mid, hi = (bisect_left(doc.place_pos, x) for x in (s[0], q.nspan[0], s[1]))
    if mid - lo >= 2:
        common = _list_region(doc, lo, mid, lex)
        if common is not None and _compatible(common, home, lex):
            return _region(doc, common, lex), None
    para_lo = bisect_left(doc.place_pos, p[0])
    if para_lo < lo and doc.vocab.place_group is not None:
        common = _group_region(doc, s[0], q.nspan[0], para_lo, lo, lex)
        if common is not None and _compatible(common, home, lex):
            return _region(doc, common, lex), None
    rest = _rest_region(doc, q, lo, lex)
    if rest is not None and _compatible(rest, home, lex):
        # 海曙区开工14个小区、江北区开工9个小区，其余区县开工19个小区: the rest are the unit holding them
        return _region(doc, rest, lex), None
    after = hi
    if doc.breakdown_pos and mid < hi:
        # the places of a breakdown after the figure (已开工38个，其中康定市开工15个) are its parts'
        k = bisect_left(doc.breakdown_pos, q.nspan[1])
        if k < len(doc.breakdown_pos) and doc.breakdown_pos[k] < s[1]:
            after = bisect_left(doc.place_pos, doc.breakdown_pos[k])
    ordered = doc.places[lo:mid][::-1] + doc.places[mid:max(mid, after)]
    ordered += [p for p in doc.places[para_lo:lo][::-1] if not _in_breakdown(doc, p)]
    known = doc.place_regions
    subject = _clause_subject(doc, q)
    if subject is not None:
        # a place outside the home region that opens the figure's clause is the figure's, not
        # home's (…赴杭州市上城区考察。上城区近三年累计改造老旧小区200余个)
        region, locality = _place_region(subject, lex, doc)
        if region is not None and not _compatible(region.adcode, home, lex):
            return region, locality
    for place in ordered:
        if (lex.venue_after or lex.ranking_before or lex.dateline_marks) and id(place) in _frames(doc, lex):
            continue  # 集中开工活动在包河区举行: where the event was held; 居全市首位: a ranking's frame; a dateline
        if lex.class_before and home and place.adcode and place.adcode != home and \
                doc.text.endswith(lex.class_before, 0, place.nspan[0]) and place.adcode in lex.ancestors(home):
            continue  # 滨湖春晓项目是合肥市首批…项目之一 in a district's release: a class, not the place
        got = known.get(id(place))
        if got is None:
            region, locality = _place_region(place, lex, doc)
            # a place written after its parent (福州市台江区) is named in full: it is what it
            # says, whatever district the document is mostly about
            got = known[id(place)] = (region, locality, region is not None and (
                _compatible(region.adcode, home, lex) or _after_parent(doc, place, lex)))
        if got[2]:
            return got[0], got[1]
    if doc.region_log and doc.opens_back_reference(si, doc.vocab.same_place):
        # 据介绍，该项目涉及…: the project said before, in the region of the last figure before it
        # (not the home region a title naming the province gives)
        k = bisect_left(doc.region_log, s[0], key=lambda e: e[0]) - 1
        if k >= 0:
            return doc.region_log[k][1]
    heading = _heading_region(doc, s[2], home, lex)
    if heading is not None:
        return heading
    if home:
        return _region(doc, home, lex), None
    # a report naming no unit but the country (2024年全国新开工…。…全年完成…): the country's
    country = next((p for p in reversed(doc.places[:mid]) if p.adcode == "000000"), None)
    if country is not None:
        return _place_region(country, lex, doc)
    return None, None


def _in_breakdown(doc: _Doc, place: PlaceMention) -> bool:
    """Whether ``place`` stands after a breakdown word of its sentence (…开工率82.8%；其中成都、绵阳、南充
    3市开工率超过95%): it names a part, not the place of the sentences after it."""
    if not doc.breakdown_pos:
        return False
    s = doc.layout.sentences[doc.layout.sentence_at(place.nspan[0])]
    k = bisect_left(doc.breakdown_pos, s[0])
    return k < len(doc.breakdown_pos) and doc.breakdown_pos[k] < place.nspan[0]


def _heading_region(doc: _Doc, pi: int, home: str | None, lex: Lexicons) -> tuple[Region | None, str | None] | None:
    """The region of the heading over paragraph ``pi`` (not the document's title), for a figure whose
    sentence and paragraph name no place: the last place the heading names that fits the home region
    or follows its parent (（二）锦江区 / 2023年改造老旧小区10个; 案例二：宁波市海曙区…改造 / 将相邻的6个
    老旧小区…); None when it names none."""
    section = doc.section(pi)  # nearest first, ending with the heading that opens the section
    if not section or section[-1] == 0 or not doc.headline(section[-1]):
        return None
    lo, hi = doc.layout.paragraphs[section[-1]]
    above = lex.ancestors(home) if home else ()  # home and the units holding it
    for place in reversed(doc.places[bisect_left(doc.place_pos, lo):bisect_left(doc.place_pos, hi)]):
        region, locality = _place_region(place, lex, doc)
        if region is None or region.adcode in (None, "000000") or region.adcode in above:
            # a heading naming the city over a district's report: home says more (a street of the
            # home district, 4. 黄巷街道：黄巷新村、…, names a list's item, not the figure's place)
            continue
        if _compatible(region.adcode, home, lex) or _after_parent(doc, place, lex):
            return region, locality
    return None


# ---- metric --------------------------------------------------------------------------------
