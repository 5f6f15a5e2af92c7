"""Metric or item of a figure, from its unit and the nouns around it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from ..extractors.quantities import PER_FIGURE
from ..models import Quantity
from ..normalization.layout import LINE_LABEL, is_han
from ..normalization.markup import TOTAL_HEADER_CELL
from .document import ITEM_BOUNDARY, LABEL_MAX, LABEL_PUNCT, LIST_NUMBER, SKIP_UNITS, Vocab, _Doc, _figure_between, _hits_in, _label_start

SMALL_CN = frozenset("一二两三四五六七八九")
CHANGE_REACH = 8  # characters before a figure searched for a change word (减少到目前的3处)
# (Vocab.change_before finds one there with no clause punctuation after it)
STRIP_CACHE_MAX = 50_000  # labels remembered by _strip (cleared when full: memory stays flat)


ARTICLE_CLOSERS = "，,。；;、：:）)\n"  # what closes a phrase right after a count (…易涝点三处。)
RANK_BEFORE = ("前", "第", "后")  # 排名前两位: a rank, not a count


def _article_count(doc: _Doc, q: Quantity) -> bool:
    """A single small Chinese numeral before its classifier (一个缩影, 两个层面, 五个方面) is an
    article or a figure of speech, not a measure of work; written scale uses digits or tens.
    After its noun, closing the phrase (消除易涝点三处。, 建成口袋公园两个，), it counts that noun as
    a figure does.  Read in the normalised text, so that traditional input (兩個) is judged alike."""
    end = q.nspan[1]
    if (end == len(doc.text) or doc.text[end] in ARTICLE_CLOSERS) and q.kind == "count" \
            and "大" not in q.text and not doc.text.endswith(RANK_BEFORE, 0, q.nspan[0]):
        return False  # 消除易涝点三处。 — but not 四大板块。 (a grouping), 排名前两位。 (a rank)
    text = doc.text[q.nspan[0]:end]
    digits = text.rstrip("".join(SMALL_CN) + "个项条座处家所种类大方面点批").lstrip("约近超逾")
    head = text.lstrip("约近超逾上数几")
    return bool(head) and head[0] in SMALL_CN and (len(head) < 2 or head[1] not in "十百千万亿") and not digits[:1].isdigit()


def _strip(label: str, vocab: Vocab) -> str:
    """``label`` without punctuation and strip words at either end (repeatedly); memoised in
    the vocabulary, since the same few phrases stand before figures again and again."""
    cache = vocab.strip_cache
    got = cache.get(label)
    if got is None:
        if len(cache) >= STRIP_CACHE_MAX:
            cache.clear()
        got = cache[label] = _strip_words(label, vocab)
    return got


def _strip_words(label: str, vocab: Vocab) -> str:
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
    start = q.nspan[1]
    glosses = doc.vocab.unit_glosses
    if glosses and doc.text.startswith(glosses, start):
        # 1560套（间）房源: a second unit in brackets (units.yaml unit_glosses); the words go on after it
        start += next(len(g) for g in glosses if doc.text.startswith(g, start))
    tail = doc.text[start:start + 20]
    m = ITEM_BOUNDARY.search(tail)
    return tail[:m.start()] if m else tail


def _time_at(doc: _Doc, q: Quantity, head: str, rest: str) -> bool:
    """Whether a time starts where ``rest`` (the words after ``head``, the noun after figure ``q``)
    begins: 确保剩余3个小区9月底前开工 names the communities and then when."""
    pos = doc.text.find(rest, q.nspan[1] + len(head))
    i = bisect_left(doc.time_pos, pos)
    return pos >= 0 and i < len(doc.time_pos) and doc.time_pos[i] == pos


def metric_of(doc: _Doc, q: Quantity, vocab: Vocab, labels: dict[int, str],
              metrics: dict[int, str | None]) -> tuple[str | None, str]:
    """(metric, label): metric None means an item with that label; label "" and metric None
    means the figure is descriptive: a change of state (内涝点由23处减少到3处), a rate or an average
    (户均投入3.5万元) or a part of one (每台补贴15万元，其中市级财政补贴10万元), people paid a subsidy
    (发放租赁补贴312户), a figure set apart (除已验收的9个小区外: ``except_frame``), or a label that describes (常住人口, 志愿者; ``descriptive_labels``,
    ``descriptive_before``, ``paid_out_before`` and ``change_words`` of metrics.yaml).  A measure counted at
    a step before the work (完成招标8个: ``preliminary`` of status.yaml) is an item named by the step."""
    if vocab.change_words and q.kind != "money" and _in_change(doc, q, vocab):
        return None, ""
    if doc.has_descriptive_word:
        lay = doc.layout
        c = lay.clauses[lay.clause_at(q.nspan[0])]
        if vocab.rate_before is not None and vocab.rate_before.search(doc.text, c[0], q.nspan[0]):
            return None, ""  # 户均投入约3.5万元, 月租金650元, 节约资金860万元
        if q.kind != "money" and vocab.paid_before is not None and vocab.paid_before.search(doc.text, c[0], q.nspan[0]):
            return None, ""  # 发放租赁补贴312户: people paid, not households reached
    if doc.has_except and vocab.except_clause is not None:
        lay = doc.layout
        ci = lay.clause_at(q.nspan[0])
        c = lay.clauses[ci]
        if vocab.except_clause.fullmatch(doc.text, c[0], c[1]) and _rest_after(doc, ci, vocab):
            return None, ""  # 除已验收的9个小区外，其余5个…: the figure set apart restates one said
    if doc.has_not_reached and _not_reached(doc, q, vocab, labels, metrics):
        return None, ""  # 已有1268户家庭提交申购申请, 对3个小区开展了现场督办: no work reached them
    if doc.has_example and _in_example(doc, q):
        return None, ""  # 例如，某小区…加装1台电梯…可获得补助22万元: an example worked through
    if doc.has_problem_heading and _in_problem_section(doc, q):
        return None, ""  # 二、审计发现的主要问题 … 未及时拨付中央补助资金1.26亿元: no work
    if _total_over_kinds(doc, q):
        return None, ""  # …，棚户区改造3,200万元，保障性租赁住房5,800万元，合计21,360万元: its parts are read
    if doc.has_per and q.kind != "money" and _per_own_unit(doc, q):
        return None, ""  # 12户居民每户出资约2.6万元: the households of a rate, not households reached
    if q.kind == "money" and doc.has_per:
        pos = _breakdown_pos(doc, q)
        lay = doc.layout
        if pos > 0 and PER_FIGURE.search(doc.text, lay.clauses[lay.clause_at(pos - 1)][0], pos):
            return None, ""  # 每台补贴15万元，其中市级财政补贴10万元: the parts of a rate are rates
    if q.kind == "count" and doc.text[q.nspan[0]:q.nspan[1]] == "一" + q.unit:
        return None, ""  # 打包为一个片区统一设计: 一个 is an article (a count of one is written 1个)
    metric, label = _metric_of(doc, q, vocab, labels, metrics)
    if metric is not None and doc.preliminary_pos:
        lay = doc.layout
        c = lay.clauses[lay.clause_at(q.nspan[0])]
        i = bisect_left(doc.preliminary_pos, c[0])
        if i < len(doc.preliminary_pos) and doc.preliminary_pos[i] < c[1]:
            # 完成招标8个, 已完成前期工作的有96个: communities at a step before the work, no measure
            # of it but an item named by the step (a count of projects stays one: 9个项目完成前期工作)
            return None, doc.text[doc.preliminary[i][0]:doc.preliminary[i][1]]
    if label.endswith(vocab.descriptive_labels) or doc.text.startswith(vocab.descriptive_labels, q.nspan[1]):
        return None, ""  # 常住人口约441万人 (not residents reached); 120余名志愿者参与
    return metric, label


def _rest_after(doc: _Doc, ci: int, vocab: Vocab) -> bool:
    """Whether the clause after clause ``ci`` of a 除…外 frame speaks of the rest (其余8个小区…,
    均已开工: the frame sets apart a part of a whole said before); otherwise the frame adds to
    what follows (除争取中央补助资金4800万元外，区财政配套了3200万元), and its figure counts."""
    if not vocab.except_rest:
        return True
    clauses = doc.layout.clauses
    if ci + 1 >= len(clauses) or clauses[ci + 1][2] != clauses[ci][2]:
        return True
    nxt = clauses[ci + 1]
    return any(w in doc.text[nxt[0]:nxt[1]] for w in vocab.except_rest)


PER_OWN_REACH = 6  # characters after a count within which 每 + its own unit makes it a rate's base


def _per_own_unit(doc: _Doc, q: Quantity) -> bool:
    """Whether 每 and the count's own unit follow it closely in its clause (12户居民每户出资约2.6
    万元, 30栋楼每栋…): the count is what a rate is taken over."""
    e = q.nspan[1]
    lay = doc.layout
    end = min(lay.clauses[lay.clause_at(q.nspan[0])][1], e + PER_OWN_REACH + 1 + len(q.unit))
    return doc.text.find("每" + q.unit, e, end) >= 0


def _in_change(doc: _Doc, q: Quantity, vocab: Vocab) -> bool:
    """Whether a change word follows the figure or stands in its clause just before it."""
    s, e = q.nspan
    return doc.text.startswith(vocab.change_words, e) or \
        vocab.change_before.search(doc.text, max(0, s - CHANGE_REACH), s) is not None


STOCK_CONTEXT = "context_completed"  # 共有, 截至: "so far" words, which a stock may stand with


def counts_stock(doc: _Doc, q: Quantity) -> bool:
    """Whether figure ``q`` counts what exists, not work: a ``stock_before`` word before it in its
    clause, which says nothing of the work (全市共有2000年底前建成的老旧小区1286个, 存量危旧房屋1120栋;
    not 改造2000年底前建成的老旧小区32个).  Its metric still names what later figures count (截至2024年底
    已改造742个: communities)."""
    pattern = doc.vocab.stock_before
    if pattern is None:
        return False
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    return pattern.search(doc.text, c[0], q.nspan[0]) is not None and \
        all(h.cls == STOCK_CONTEXT for h in _hits_in(doc.status_hits, doc.status_pos, c[0], c[1]))


def _metric_of(doc: _Doc, q: Quantity, vocab: Vocab, labels: dict[int, str],
               metrics: dict[int, str | None]) -> tuple[str | None, str]:
    """``metric_of`` before the descriptive checks.

    The noun right after the unit is the head when there is one (39个老旧小区、); a head noun
    followed by more nouns makes the figure part of a longer name (32个小区视频监控 is an
    item).  Without a noun after it, the words before the number decide (改造老旧片区27个)."""
    if q.unit in SKIP_UNITS:
        return None, ""
    lay = doc.layout
    c = lay.clauses[lay.clause_at(q.nspan[0])]
    label_start = _label_start(doc, q)  # a labelled figure (加装电梯：192部): the label is its words
    raw_before, prev_q = _before_text(doc, q, label_start)
    if label_start != c[0]:
        c = (label_start, c[1], c[2])
        raw_before = raw_before.rstrip(" ：:")
    listed = doc.label_pairs.get(id(q)) if doc.label_pairs else None
    if listed is not None:
        # 改造小区、惠及居民、完成投资分别为32个、4500户、1.2亿元: the phrase paired with it
        raw_before, prev_q = doc.text[listed[0]:listed[1]], None
    before = _strip(raw_before, vocab)
    if before in vocab.subject_areas and not raw_before.rstrip(LABEL_PUNCT).endswith(before):
        before = ""  # 其中，中心城区累计改造7850个: the area is the subject, the verb's object left out
    if prev_q is not None and prev_q.unit == q.unit and metrics.get(id(prev_q)) and vocab.part_place is not None \
            and raw_before.startswith("、") and vocab.part_place.fullmatch(raw_before) and _place_before(doc, prev_q):
        # 蓝关街道14个、华胥街道6个: a part named by a township the gazetteer does not know, listed
        # after one with a metric: the same measure (not a count of 街道)
        return metrics[id(prev_q)], ""
    label_carried = False
    # the figure listed right after a measured one, with nothing but that one's own noun between
    # (共62栋楼、2386户; 12栋、360户): a measure of the same thing
    prev_metric = metrics.get(id(prev_q)) if prev_q is not None else None
    after_measure = prev_metric is not None and \
        raw_before.strip(LABEL_PUNCT) in ("", *vocab.nouns.get(prev_metric, ()))
    if before and prev_q is not None and prev_q.unit != q.unit and before.endswith(vocab.item_only) and \
            raw_before.strip(LABEL_PUNCT) == before and doc.text.startswith(before, prev_q.nspan[1]):
        before = ""  # 4个项目、3200套: the noun of the count of projects before it; the homes are its own
    if not before and prev_q is not None and raw_before.strip(LABEL_PUNCT) == "":
        before = labels.get(id(prev_q), "")  # 人才住房4栋、246套: the label carries over
        label_carried = bool(before)
    after = _after_text(doc, q)
    clause_before = raw_before if listed is not None else doc.text[c[0]:q.nspan[0]]
    unit, kind = q.unit, q.kind
    if kind == "count":
        head = after.split("的")[0]
        for part in vocab.work_parts:
            # a part of the work on what is counted (12个小区主体工程已完工, 18栋主体工程完工) names
            # no project
            head = head.replace(part, "")
        # SPEC: 项目 counts are items; a unit that only measures something else (项目已签约1260户:
        # households) is not a count of projects
        unit_metrics = vocab.by_unit.get(unit)
        counts_projects = unit_metrics is None or "communities" in unit_metrics[0]
        if any(w in head for w in vocab.item_only):
            return None, _head_label(head, vocab)
        if counts_projects and any(before.endswith(w) for w in vocab.item_only):
            return None, _item_label(before, after, unit, vocab)

    def context(metric: str) -> bool:
        words = vocab.context.get(metric, ())
        return any(w in clause_before for w in words) or any(after.startswith(w) for w in words)

    if kind == "money":
        if context("funding_yuan") or any(w in after[:4] for w in vocab.context["funding_yuan"]) or \
                _breakdown_total_metric(doc, q, metrics) == "funding_yuan" or _funds_table(doc, q, vocab):
            return "funding_yuan", before
        return "investment_yuan", before
    candidates, all_nouns = vocab.by_unit.get(unit, ((), ()))
    paired = doc.kind_pairs.get(id(q)) if doc.kind_pairs else None
    if paired is not None and kind == "count":
        # 老旧小区改造、城中村改造分别开工32个、5个: the kind of work paired with it names what it
        # counts (城中村: an item)
        named = doc.text[paired.hit.pos:paired.hit.end]
        for metric in candidates:
            if any(n in named for n in vocab.nouns.get(metric, ())):
                return metric, named
        return None, named
    default = vocab.defaults.get(unit)
    written = doc.text[q.nspan[0]:q.nspan[1]]
    excluded = [m for m, words in vocab.excluders.get(unit, ())
                if any(w in clause_before for w in words) or written.endswith(words)]
    if excluded:  # 拆除违章建筑面积3万平方米: not the floor area renewed
        candidates = tuple(m for m in candidates if m not in excluded)
        all_nouns = tuple(n for n in all_nouns if any(n in vocab.nouns.get(m, ()) for m in candidates))
        default = None if default in excluded else default
    caption = _caption_after(doc, q, vocab)
    if caption:
        # 1460个\n老旧小区新增停车位: a figure opening its line over its caption, as infographics
        # set them; the caption's last noun is what it counts
        for metric in candidates:
            if caption.endswith(vocab.nouns.get(metric, ())):
                return metric, caption
    # (the normalised characters: ``q.text`` is the input's, 四大片區 in traditional script)
    own_noun = doc.text[q.nspan[0]:q.nspan[1]] if q.rule.endswith("N大+noun") or q.unit == "人" else ""
    for metric in candidates:
        if own_noun and any(own_noun.endswith(n) for n in vocab.nouns.get(metric, ())):
            return metric, before
    head = next((n for n in all_nouns if after.startswith(n)), None)
    if head is not None:
        rest = after[len(head):]
        # a people noun may be followed by its verb (群众从中受益); other nouns must end the
        # phrase or go on with a continuation word
        people = head in vocab.nouns.get("residents", ())
        if rest and not people and not rest.startswith(vocab.continuations) and not _time_at(doc, q, head, rest):
            return None, after[:LABEL_MAX]
        for metric in candidates:
            if head in vocab.nouns.get(metric, ()):
                return metric, head
    elif "households" in candidates and (noun_end := _modified_head(after, vocab)):
        return "households", after[:noun_end]  # 1026户购房家庭: households of a kind
    elif after and kind in ("count", "persons") and is_han(after[0]) and not after.startswith(vocab.continuations):
        return None, _item_label("", after, unit, vocab)  # 1165套天然气配套: counts something else
    # 管网长度41.2公里: the noun before a measure word (``measure_suffixes``) is what is measured; so is
    # the noun before a work word (``work_suffixes``: 老旧小区综合整治30个)
    measured = next((before[:-len(w)] for w in vocab.measure_suffixes if before.endswith(w)), before)
    for metric in candidates:
        if any(measured.endswith(n) for n in vocab.nouns.get(metric, ())):
            return metric, before
    if "households" in candidates and context("households"):
        return "households", before
    if default and (not before or unit == "栋"):
        return default, before
    if (label_carried or after_measure) and len(candidates) == 1 and prev_metric:
        # a label carried over from a measure (红旗小区（12栋、360户）), or a figure listed right
        # after one (共62栋楼、2386户), names what is measured, not something else counted: the
        # one metric of the unit (households)
        return candidates[0], before
    if not before and (not after or after.startswith(vocab.continuations)) and not _article_count(doc, q):
        # 鼓楼区改造老旧小区18个；玄武区完成12个: the head noun is left out because it is
        # the one of the last figure with this unit in the paragraph (not 改造一个、管好一个,
        # a figure of speech)
        prior = _sentence_metric(doc, q, candidates, vocab) or _previous_same_unit(doc, q, metrics)
        if prior and prior in candidates:
            return prior, before
        carried = _previous_item_label(doc, q, metrics, labels)
        if carried:
            return None, carried  # 城中村改造项目9个。其中，利州区、昭化区分别新开工5个、4个
        # the title line over the section names it; not over a count of projects in the paragraph
        # (…老旧小区改造项目已全部开工，其中已完工31个 under a title on 老旧小区改造: projects, above)
        prior = _heading_metric(doc, q, candidates, vocab)
        if prior and prior in candidates:
            return prior, before
        words = raw_before.strip(LABEL_PUNCT)
        label = _line_label(doc, q, words) if words and _signal_words_only(doc, q, words) else ""
        for metric in candidates if label else ():
            # 三、城市燃气管道老化更新改造。累计完成改造86公里: the line's topic names what is counted
            if any(n in label for n in vocab.nouns.get(metric, ())):
                return metric, before
    if before:
        # a part of a breakdown naming the total's noun in its words (筹集保障性租赁住房1.26万套，
        # 其中…存量房屋改建转化0.78万套), or in a unit of that metric alone (签约1680户，其中选择
        # 货币化安置的860户，选择产权调换的820户): the total's metric
        total = _breakdown_total_metric(doc, q, metrics)
        if total in candidates and (len(candidates) == 1 or any(n in before for n in vocab.nouns.get(total, ()))):
            return total, before
    if before and not after and _signal_words_only(doc, q, before):
        # only a verb before it (计划加装60台) on a line whose label names what is counted
        # (② 既有住宅加装电梯：计划加装60台，已完工72台): the label's noun; else what the last figure
        # in its unit counts (计划加装电梯600部，目前已完成加装318部)
        label = _line_label(doc, q, before)
        for metric in candidates if label else ():
            if any(n in label for n in vocab.nouns.get(metric, ())):
                return metric, before
        prior = _previous_same_unit(doc, q, metrics)
        if prior and prior in candidates:
            return prior, before
    return None, _item_label(before, after, unit, vocab)


def _place_before(doc: _Doc, q: Quantity) -> bool:
    """Whether a place mention ends right where figure ``q`` starts (蓝关街道14个), or a township's
    name the gazetteer may not know (华胥街道6个)."""
    i = bisect_left(doc.place_pos, q.nspan[0]) - 1
    if i >= 0 and doc.places[i].nspan[1] == q.nspan[0]:
        return True
    pattern = doc.vocab.part_place
    lo = doc.layout.clauses[doc.layout.clause_at(q.nspan[0])][0]
    return pattern is not None and any(
        pattern.fullmatch(doc.text, k, q.nspan[0]) for k in range(max(lo, q.nspan[0] - 9), q.nspan[0] - 2))


MODIFIER_MAX = 4  # characters of a modifier between a household count and its noun (1026户购房家庭)


def _modified_head(after: str, vocab: Vocab) -> int:
    """Where the noun ends when the words after a count open with a short modifier, Han characters
    only, and then one of ``modified_heads`` (1026户**购房**家庭, 312户**困难职工**家庭: households of
    that kind); else 0."""
    for noun in vocab.modified_heads:
        k = after.find(noun, 1, MODIFIER_MAX + len(noun) + 1)
        if k > 0 and all(is_han(c) for c in after[:k]):
            return k + len(noun)
    return 0


WEAK_SIGNALS = frozenset({"started_weak", "in_progress"})  # 开展, 推进: no word of work done or begun


def _not_reached(doc: _Doc, q: Quantity, vocab: Vocab, labels: dict[int, str], metrics: dict[int, str | None]) -> bool:
    """Whether count ``q`` counts those who applied (``applicant_words``: households or people in a
    clause with 申购; or a part after 其中 of such a count) or what was inspected (``oversight_words``:
    a clause with 督办 and no status word but 开展, 推进)."""
    lay = doc.layout
    ci = lay.clause_at(q.nspan[0])
    c = lay.clauses[ci]
    if vocab.oversight is not None:
        if _oversight_clause(doc, ci):
            return True
        if ci and lay.clauses[ci - 1][2] == c[2] and doc.text.startswith(vocab.oversight_followers, c[0]) \
                and _oversight_clause(doc, ci - 1):
            return True  # 抽查项目43个，涉及资金8.6亿元: what the inspected projects involve
    if q.kind == "money":
        return False
    people = q.unit == "户" or q.kind == "persons"
    if people and vocab.applicants is not None:
        if vocab.applicants.search(doc.text, c[0], c[1]):
            return True
        total = _breakdown_total(doc, q)
        if total is not None and metrics.get(id(total)) is None and labels.get(id(total)) == "" \
                and vocab.applicants.search(doc.text, *lay.clauses[lay.clause_at(total.nspan[0])]):
            return True  # 其中符合条件的986户: a part of those who applied
    return False


def _oversight_clause(doc: _Doc, ci: int) -> bool:
    """Whether clause ``ci`` holds an ``oversight_words`` word (督办, 抽查) and no status word but
    开展, 推进, or a bare work word after it (察看了…等4个改造项目: 改造 names the projects inspected):
    what it counts was inspected, not worked on."""
    c = doc.layout.clauses[ci]
    pattern = doc.vocab.oversight
    m = pattern.search(doc.text, c[0], c[1]) if pattern is not None else None
    return m is not None and all(h.cls in WEAK_SIGNALS or (h.cls == "default_completed" and h.pos >= m.end())
                                 for h in _hits_in(doc.status_hits, doc.status_pos, c[0], c[1]))


def _in_example(doc: _Doc, q: Quantity) -> bool:
    """Whether figure ``q`` stands in a sentence working an example through: one opening with an
    ``example_openers`` word (例如，…) or holding an ``example_marks`` one (以某单元总造价60万元为例)."""
    si = doc.layout.sentence_at(q.nspan[0])
    s = doc.layout.sentences[si]
    v = doc.vocab
    return doc.text.startswith(v.example_openers, doc.sentence_start(si)) or \
        any(doc.text.find(w, s[0], s[1]) >= 0 for w in v.example_marks)


def _in_problem_section(doc: _Doc, q: Quantity) -> bool:
    """Whether figure ``q`` stands in a section whose numbered heading names shortcomings, problems
    found or their correction (``problem_headings``: 二、审计发现的主要问题, 三、整改情况)."""
    pi = doc.layout.sentences[doc.layout.sentence_at(q.nspan[0])][2]
    got = doc.problem_sections.get(pi)
    if got is None:
        section = doc.section(pi, list_numbers=False)
        head = section[-1] if section else pi
        p = doc.layout.paragraphs[head]
        pattern = doc.vocab.problem_heading
        got = doc.problem_sections[pi] = bool(section) and head > 0 and doc.headline(head) and \
            doc.numbered(head) and pattern is not None and pattern.search(doc.text, p[0], p[1]) is not None
    return got


def _funds_table(doc: _Doc, q: Quantity, vocab: Vocab) -> bool:
    """Whether money figure ``q`` is a cell of a table whose caption names funds granted
    (2025年第一批城镇保障性安居工程补助资金分配表 over 市州 | 老旧小区改造 | …: the cells are funding)."""
    lay = doc.layout
    pi = lay.sentences[lay.sentence_at(q.nspan[0])][2]
    if not doc.cell_row(pi):
        return False
    # a table has rows beside the row (its header at least); a lone sentence of short clauses under
    # a title naming central funds (绵阳成功入选中央财政支持…城市 / 下一步，…，力争年内完成投资40亿元以上。)
    # is prose
    if not (pi > 0 and doc.cell_row(pi - 1)) and not (pi + 1 < len(lay.paragraphs) and doc.cell_row(pi + 1)):
        return False
    words = vocab.context["funding_yuan"]
    for i in doc.section(pi):
        if doc.headline(i) or doc.caption(i):
            lo, hi = lay.paragraphs[i]
            # a line with a figure of its own (保障性租赁住房｜筹集房源1.02万套) captions no table
            return not _figure_between(doc, lo, hi) and any(w in doc.text[lo:hi] for w in words)
    return False


def _total_over_kinds(doc: _Doc, q: Quantity) -> bool:
    """Whether ``q`` is a row's cell under a total header (合计) after cells of two kinds of work or
    more (长沙市，老旧小区改造12,360万元，棚户区改造3,200万元，…，合计21,360万元): a sum over kinds, of
    no one category, its parts read already."""
    lay = doc.layout
    ci = lay.clause_at(q.nspan[0])
    c = lay.clauses[ci]
    if not TOTAL_HEADER_CELL.fullmatch(doc.text, c[0], q.nspan[0]):
        return False
    pi = lay.sentences[lay.sentence_at(q.nspan[0])][2]
    if not doc.cell_row(pi):
        return False
    return len({h.cls for h in _hits_in(doc.cat_hits, doc.cat_pos, lay.paragraphs[pi][0], c[0])}) > 1


LINE_LABEL_AT = regex.compile(rf"{LIST_NUMBER.pattern}?\s*(?P<label>{LINE_LABEL})")
# …or a numbered line opening with its topic as a sentence (三、城市燃气管道老化更新改造。累计完成改造86公里)
TOPIC_AT = regex.compile(rf"{LIST_NUMBER.pattern}\s*(?P<label>[^\s，,。；;：:]{{1,16}})。")
SIGNAL_OVERHANG = 4  # characters a signal word may begin before the words it covers


def _signal_words_only(doc: _Doc, q: Quantity, before: str) -> bool:
    """Whether the words ``before`` the figure, right before it, are signal words only (加装,
    计划, 已完工)."""
    lo = q.nspan[0] - len(before)
    if doc.text[lo:q.nspan[0]] != before:
        return False
    # the characters of the words that signal words cover (one may begin before them: 已|完工)
    hits = _hits_in(doc.status_hits, doc.status_pos, lo - SIGNAL_OVERHANG, q.nspan[0])
    covered = sum(min(h.end, q.nspan[0]) - max(h.pos, lo) for h in hits if h.end > lo)
    return covered >= len(before)


def _line_label(doc: _Doc, q: Quantity, before: str) -> str:
    """The label opening the figure's line (② 既有住宅加装电梯：…), whose words ``before`` the
    figure are signal words only (``_signal_words_only``); else ""."""
    lo = q.nspan[0] - len(before)
    lay = doc.layout
    p = lay.paragraphs[lay.sentences[lay.sentence_at(q.nspan[0])][2]]
    m = LINE_LABEL_AT.match(doc.text, p[0], p[1]) or TOPIC_AT.match(doc.text, p[0], p[1])
    return m["label"] if m and m.end() <= lo else ""


CAPTION_MAX = 16  # characters of the words after a figure that opens its line read as its caption
CAPTION_LEAD = 4  # spaces a line may open with before such a figure


def _caption_after(doc: _Doc, q: Quantity, vocab: Vocab) -> str:
    """The caption of a figure that opens its line and is followed by a short run of words to the
    line's end, no punctuation (86个老旧小区完成改造, 1460个老旧小区新增停车位, after the text of an
    infographic is joined), without strip words at either end; else ""."""
    lay = doc.layout
    p = lay.paragraphs[lay.sentences[lay.sentence_at(q.nspan[0])][2]]
    if q.nspan[0] - p[0] > CAPTION_LEAD or doc.text[p[0]:q.nspan[0]].strip() \
            or not 0 < p[1] - q.nspan[1] <= CAPTION_MAX:
        return ""
    rest = doc.text[q.nspan[1]:p[1]].strip()
    if not rest or ITEM_BOUNDARY.search(rest) or any(c in "。！？!?；;" for c in rest):
        return ""
    return _strip(rest, vocab)


def _breakdown_total_metric(doc: _Doc, q: Quantity, metrics: dict[int, str | None]) -> str | None:
    """For a figure in a breakdown (``breakdown`` of status.yaml: 争取资金4.86亿元，其中…、区级财政
    配套0.58亿元): the metric of the total it breaks down (``_breakdown_total``); None when it is
    in no breakdown."""
    total = _breakdown_total(doc, q)
    return metrics.get(id(total)) if total is not None else None


def _breakdown_pos(doc: _Doc, q: Quantity) -> int:
    """Where the breakdown word (其中) of the breakdown figure ``q`` is in stands: in its sentence,
    or opening a sentence of its own that the figure's continues; -1 when it is in none."""
    words = doc.vocab.breakdown
    if not words:
        return -1
    lay = doc.layout
    si = lay.sentence_at(q.nspan[0])
    sent = lay.sentences[si]
    pos = max(doc.text.rfind(w, sent[0], q.nspan[0]) for w in words)
    if pos < 0:
        opening = doc.breakdown_opening(si)  # 其中，… opening a sentence of its own
        if opening is None:
            return -1
        pos = lay.sentences[opening][0]
    return pos


def _breakdown_total(doc: _Doc, q: Quantity) -> Quantity | None:
    """The total a figure in a breakdown breaks down: the last figure of its kind and unit before
    the breakdown word in the paragraph (``_breakdown_pos``); None when it is in no breakdown."""
    pos = _breakdown_pos(doc, q)
    if pos < 0:
        return None
    lay = doc.layout
    para_start = lay.paragraphs[lay.sentences[lay.sentence_at(q.nspan[0])][2]][0]
    for i in range(doc.q_index[id(q)] - 1, -1, -1):
        other = doc.quantities[i]
        if other.nspan[1] <= para_start:
            return None
        if other.kind == q.kind and other.unit == q.unit and other.nspan[1] <= pos:
            return other
    return None


def _sentence_metric(doc: _Doc, q: Quantity, candidates: tuple[str, ...], vocab: Vocab) -> str | None:
    """The metric whose noun an earlier clause of the figure's sentence names, with no figure
    between (一是老旧小区改造，全年完成改造28个: communities), for a figure that names none; not a
    noun naming projects (老旧小区改造项目)."""
    lay = doc.layout
    clause_start = lay.clauses[lay.clause_at(q.nspan[0])][0]
    lo = lay.sentences[lay.sentence_at(q.nspan[0])][0]
    j = bisect_right(doc.q_end_pos, q.nspan[0]) - 1
    if j >= 0:
        lo = max(lo, doc.q_end_pos[j])
    if lo >= clause_start:
        return None
    text = doc.text[lo:clause_start]
    found = [(i, m) for m in candidates for n in vocab.nouns.get(m, ())
             if (i := text.rfind(n)) >= 0 and not _names_projects(text[i + len(n):], vocab)]
    return max(found)[1] if found else None


def _names_projects(after: str, vocab: Vocab) -> bool:
    """Whether the words after a noun make it part of a name of projects (老旧小区|改造项目): the
    noun then counts nothing (43个老旧小区改造项目已全部开工，其中已完工31个: projects)."""
    if after.startswith(vocab.item_only):
        return True
    word = next((w for w in vocab.continuations if after.startswith(w)), None)
    return word is not None and after[len(word):].startswith(vocab.item_only)


def _heading_metric(doc: _Doc, q: Quantity, candidates: tuple[str, ...], vocab: Vocab) -> str | None:
    """The metric whose noun the title line of the figure's section names (▍老旧小区改造 over
    开工改造：126个: communities), for a figure that names none."""
    lay = doc.layout
    section = doc.section(lay.sentences[lay.sentence_at(q.nspan[0])][2])
    if not section or not doc.headline(section[-1]):
        return None
    p = lay.paragraphs[section[-1]]
    heading = doc.text[p[0]:p[1]]
    return next((m for m in candidates if any(n in heading for n in vocab.nouns.get(m, ()))), None)


def _head_label(head: str, vocab: Vocab) -> str:
    """The label of a count whose words after it name projects (9个城中村改造项目按三批梯次实施,
    第一批3个项目已完成征收): those words up to the ``item_only`` word, which heads the phrase —
    what follows is said of the projects, what stands before the number only ranks them."""
    ends = [i + len(w) for w in vocab.item_only if (i := head.find(w)) >= 0]
    return head[:min(ends)].strip(LABEL_PUNCT)[-LABEL_MAX:]


def _item_label(before: str, after: str, unit: str, vocab: Vocab) -> str:
    """The noun phrase an item counts: the words before the number after their last verb
    (…增设小区便民服务站30个 → 小区便民服务站; 完成老旧小区改造项目12个 → 老旧小区改造项目), else
    the words after the unit."""
    if before:
        cut = 0
        for m in vocab.label_verb.finditer(before):
            if m.end() < len(before):
                cut = m.end()
                if before[cut:].strip() in vocab.item_only:
                    # a verb whose object is only the counted noun (老旧小区改造项目12个): the
                    # projects are of the work, named with the kind of work before the verb
                    kinds = vocab.category_words.find(before[:m.start()])
                    cut = kinds[-1][0] if kinds and kinds[-1][1] == m.start() else m.start()
        return before[cut:].strip(LABEL_PUNCT)[-LABEL_MAX:] or unit
    return (after or unit).strip(LABEL_PUNCT)[:LABEL_MAX] or unit


def _previous_item_label(doc: _Doc, q: Quantity, metrics: dict[int, str | None], labels: dict[int, str]) -> str:
    """The label of the last figure with ``q``'s unit in its paragraph when that one is an item
    with a label of its own (新开工城中村改造项目9个。其中，利州区新开工5个: 城中村改造项目), else ""."""
    lay = doc.layout
    para_start = lay.paragraphs[lay.sentences[lay.sentence_at(q.nspan[0])][2]][0]
    for i in range(doc.q_index[id(q)] - 1, -1, -1):
        other = doc.quantities[i]
        if other.nspan[0] < para_start:
            return ""
        if other.unit == q.unit:
            label = labels.get(id(other), "")
            return label if metrics.get(id(other)) is None and label != other.unit else ""
    return ""


def _previous_same_unit(doc: _Doc, q: Quantity, metrics: dict[int, str | None]) -> str | None:
    """The metric of the last figure with ``q``'s unit in its paragraph, else of the last one
    before its paragraph (全省已开工3112个。 then a section 二、各市进展 with 济南市开工326个;
    分地区看，成都市、绵阳市分别新开工1260个、318个) when that one counts a metric.  A paragraph
    that already counts something else in this unit (项目17个，目前已开工11个) looks no further; nor
    does a sentence that does (…完成改造老旧小区34个。今年…计划实施城市更新项目28个，…，已开工19个: projects)."""
    lay = doc.layout
    sent = lay.sentences[lay.sentence_at(q.nspan[0])]
    para_start = lay.paragraphs[sent[2]][0]
    item_here = item_in_sentence = False
    for i in range(doc.q_index[id(q)] - 1, -1, -1):
        other = doc.quantities[i]
        if other.unit != q.unit:
            continue
        inside = other.nspan[0] >= para_start
        if (not inside and item_here) or (item_in_sentence and other.nspan[0] < sent[0]):
            return None
        if metrics.get(id(other)):
            if _other_work_between(doc, other, q, metrics[id(other)]):
                return None  # 完工15个；城中村改造，计划2个: the 2 counts another kind of work
            return metrics[id(other)]
        if not inside:
            return None  # the last such figure before the paragraph is an item
        item_here = True
        item_in_sentence = item_in_sentence or other.nspan[0] >= sent[0]
    return None


def _other_work_between(doc: _Doc, other: Quantity, q: Quantity, metric: str | None) -> bool:
    """Whether a kind of work other than the earlier figure's is named between figure ``other`` and
    ``q``: a category trigger holding none of ``metric``'s nouns, of a class no trigger of
    ``other``'s sentence before it has, in ``q``'s clause or in a clause between that holds no
    figure, a label (完工15个；城中村改造，计划2个: not 小区)."""
    nouns = doc.vocab.nouns.get(metric or "", ())
    text, lay = doc.text, doc.layout
    own = lay.clause_at(q.nspan[0])
    between = [h for h in _hits_in(doc.cat_hits, doc.cat_pos, other.nspan[1], q.nspan[0])
               if not any(n in text[h.pos:h.end] for n in nouns)]
    if not between:
        return False
    sent = lay.sentences[lay.sentence_at(other.nspan[0])]
    classes = {h.cls for h in _hits_in(doc.cat_hits, doc.cat_pos, sent[0], other.nspan[1])}
    for h in between:
        if h.cls in classes or not classes:
            continue
        c = lay.clause_at(h.pos)
        if c == own or not _figure_between(doc, lay.clauses[c][0], lay.clauses[c][1]):
            return True
    return False


# ---- assembly ------------------------------------------------------------------------------
