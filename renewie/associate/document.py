"""The per-document index association works on, and the vocabulary it is compiled from.

``Vocab`` is built once per Pipeline from the lexicons; ``_Doc`` once per document: positions of
status words, category triggers, places, times and quantities, and the sentence layout.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

import regex

from ..extractors.patterns import alt
from ..lexicons import Lexicons
from ..models import Period, PlaceMention, Quantity, Region, Status, TimeMention
from ..normalization import Normalized
from ..normalization.layout import BULLET_BLOCK, BULLET_START, FIGURE_FIELD, ITEM_MARK
from .sentences import Layout, split

# in_progress_share: a done word whose object is a share of the whole (完成工程量的75%), see _Doc
RANK = {"planned": 5, "started_strong": 4, "in_progress_marked": 3, "in_progress_share": 3, "completed": 2,
        "started_weak": 1, "in_progress": 0}
STATUS_OF = {
    "planned": Status.PLANNED, "started_strong": Status.STARTED, "completed": Status.COMPLETED,
    "started_weak": Status.STARTED, "in_progress": Status.IN_PROGRESS, "in_progress_marked": Status.IN_PROGRESS,
    "in_progress_share": Status.IN_PROGRESS,
}
PLAN_OPENER = "plan_openers"  # status.yaml: plan words only at the opening of a clause (_status_hits)
# …and not as the subject of a done or start word a few characters on (年度任务已全部完成, 年度目标任务
# 全面完成): what stands between holds no punctuation and no figure
SUBJECT_OF = frozenset(("completed", "started_strong"))
SUBJECT_GAP = 4
BACK_LEAD = 6  # characters of a lead before a back-reference (据介绍，该项目…)
SUM_OWN_SIGNALS = frozenset(("planned", "started_strong", "in_progress_marked", "completed"))
SUM_TOLERANCE = Decimal("0.001")  # a breakdown's parts summing to a figure before it (sum_total), as scoring's 0.1 %
# the classes of word that a preliminary step after them (``preliminary`` of status.yaml) makes a plan
# word, and the characters that may stand between (已完成项目招标)
PRELIMINARY_OF = frozenset(("completed", "in_progress", "in_progress_marked", "started_weak"))
PRELIMINARY_GAP = 4
OPENER_GAP_STOP = regex.compile(r"[\d，,。；;：:、]")
NEGATED = "negated"  # a signal after a negation (尚未开工): no hit, but where it stands is kept (_status_hits)
CLAUSE_OPENINGS = frozenset("，,。；;：:、）)\n \u3000")  # what may stand right before a clause's first word
LABEL_MAX = 12  # characters of a head noun phrase kept as an item label
HEADLINE_MAX = 40  # a title line is at most this long…
TITLE_MAX = 64  # …but the document's first line, its title, may be longer (…补助资金（城镇老旧小区改造）绩效自评报告)
SECTION_MAX = 4  # paragraphs a period or a category is carried over
BLOCK_MAX = 12  # the most lines read as one block of a project's fields
TITLE_LINES = 3  # title lines read at the top of a document
ROWS_MAX = 60  # rows of a table above a row that count as one paragraph of its section
# A list number opening a paragraph (（三）, (3), 三、, 3., 第三部分, ①): the paragraph opens a
# section.  The same marks keep line repair from joining such a line to the one before it.
LIST_NUMBER = ITEM_MARK
# A clause number of a formal notice (2.2 建设规模：…, 3.1.2 …): read only before a label it opens,
# where it cannot be a decimal.
CLAUSE_NUMBER = r"\d{1,2}(?:[.．]\d{1,2}){1,3}"
# A paragraph that reads as a row of cells (a table's row as the table readers write it: 改造小区
# （个），2024年改造小区42个，2025年改造小区38个。), or a line of short comma-parted parts like it:
# under a line ending in a colon, such paragraphs are the lines of a list as numbered ones are.
LEAD_IN_ENDS = ("：", ":", "👇", "⬇", "↓")  # a line ending so opens the list under it
VARIATION_SELECTOR = "\ufe0f"  # ⬇️: the emoji form of a sign
BREAKDOWN_SUBJECT = 6  # the longest subject before a breakdown word and its colon (项目主要包括：)
BREAKDOWN_LEAD = 3  # spaces or a comma that may stand before it
CELL_ROW = regex.compile(r"[^，。；;：:\n]{1,24}(?:，[^，。；;：:\n]{0,24}){2,}。?")
ITEM_BOUNDARY = regex.compile(r"[，,。；;：:、（）()“”\n]")
# Persons counted with 人次 are visits, never residents or items (游客10万余人次).
SKIP_UNITS = frozenset({"人次"})
LIST_JOINS = "、|和|及|与"  # what joins the members of a list of services
CONTENT_REACH = 100  # characters before a trigger searched for the start of a list of works
UTILITY_REACH = 5  # characters before a trigger searched for a service listed with it
# Characters trimmed from both ends of a label.
# List marks (- 完成改造：187个) and the bullets slides set (● 已开工：29个: layout's BULLET_BLOCK) too.
LABEL_PUNCT = "、，,的之等和及与 —‘’“”()（）【】-*+·•※" + "".join(map(chr, range(BULLET_BLOCK[0], BULLET_BLOCK[1] + 1)))
# Order in which metrics sharing a unit are tried (个: parking spaces before communities).
METRIC_ORDER = ("parking_spaces", "charging_points", "elevators", "communities", "residents", "length_m",
                "housing_units", "buildings", "floor_area_m2", "households")


@dataclass(slots=True)
class Vocab:
    """Compiled association vocabulary for one lexicon set."""

    status: regex.Pattern
    status_class: dict[str, str]
    category_of: dict[str, str]
    status_words: WordFinder
    jiang: regex.Pattern
    jiang_chars: frozenset[str]  # the modals of ``jiang`` (将, 要): a text holding none skips it
    category_words: WordFinder
    nouns: dict[str, tuple[str, ...]]
    context: dict[str, tuple[str, ...]]
    defaults: dict[str, str]
    item_only: tuple[str, ...]
    continuations: tuple[str, ...]
    work_parts: tuple[str, ...]
    label_strip: regex.Pattern
    label_strip_left: regex.Pattern
    label_verb: regex.Pattern
    by_unit: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    allowed: dict[str, tuple[str, ...]]
    # see metrics.metric_of: by unit, the candidate metrics that words can rule out
    excluders: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)
    descriptive_labels: tuple[str, ...] = ()  # see metrics.metric_of
    change_words: tuple[str, ...] = ()  # see metrics.metric_of
    change_before: regex.Pattern | None = None  # a change word with no clause punctuation after it
    except_clause: regex.Pattern | None = None  # a clause 除…外 (metrics.metric_of)
    except_opens: tuple[str, ...] = ()
    except_rest: tuple[str, ...] = ()
    subject_areas: frozenset[str] = frozenset()  # metrics.metric_of: 其中，中心城区累计改造7850个
    rate_before: regex.Pattern | None = None  # see metrics.metric_of: 户均 before a figure in its clause
    stock_before: regex.Pattern | None = None  # see metrics.metric_of: 存量 before a figure, no status word
    paid_before: regex.Pattern | None = None  # see metrics.metric_of: 发放 before a count in its clause
    applicants: regex.Pattern | None = None  # see metrics._not_reached: 申购 in a count's clause
    oversight: regex.Pattern | None = None  # see metrics._not_reached: 督办 in a count's clause
    problem_heading: regex.Pattern | None = None  # see metrics._in_problem_section: 二、存在的问题
    oversight_followers: tuple[str, ...] = ()  # see metrics._not_reached: 涉及 after 抽查项目43个
    example_openers: tuple[str, ...] = ()  # see metrics._in_example: 例如，…
    example_marks: tuple[str, ...] = ()  # see metrics._in_example: 以…为例
    descriptive_any: regex.Pattern | None = None  # either of the two, for one look at a whole text
    realis: frozenset[str] = frozenset()  # see status._clause_status
    actual: tuple[str, ...] = ()  # see status._plan_reaches: 实际新开工 is no target
    breakdown: tuple[str, ...] = ()  # see status._breakdown_status
    breakdown_colon: regex.Pattern | None = None  # 项目主要包括：… (_Doc.opens_breakdown)
    breakdown_any: regex.Pattern | None = None  # any breakdown word (_Doc.breakdown_pos)
    target: regex.Pattern | None = None  # see status.target_status
    generic_triggers: frozenset[str] = frozenset()  # see status.category_for
    purpose_words: tuple[str, ...] = ()  # category_rules.yaml: see status.category_for
    work_sites: frozenset[str] = frozenset()  # see _Doc._site_works
    site_joins: frozenset[str] = frozenset()  # the verbs (and 的) between a work and its site
    not_site_works: frozenset[str] = frozenset()  # categories whose site stays its own
    pipe_nouns: tuple[str, ...] = ()  # see status.pipe_category
    pipe_metrics: frozenset[str] = frozenset()
    pipe_hosts: frozenset[str] = frozenset()
    pipe_default: str | None = None
    body_suffixes: tuple[str, ...] = ()  # see _Doc
    utility_before: regex.Pattern | None = None  # see _Doc: 供水、 before a trigger
    utility_after: regex.Pattern | None = None  # see _Doc: 、燃气 after a trigger
    utility_words: regex.Pattern | None = None  # see _Doc: whether a text names any service at all
    content_after: regex.Pattern | None = None  # see _Doc: the rest of a list of works (、外墙维修等内容)
    content_end: str = ""  # a character every content_list_ends phrase holds: most texts are passed at once
    # a list of works closed by a work_list_ends phrase: the members after a trigger, those before it
    trades_after: regex.Pattern | None = None
    trades_before: regex.Pattern | None = None
    trades_end: str = ""  # a character every work_list_ends phrase holds
    content_before: regex.Pattern | None = None  # the start of a list of works up to a trigger (内容包括屋面防水、)
    content_start: str = ""  # a character every content_list_starts phrase holds
    plan_heading: regex.Pattern | None = None  # see status.plan_section_status
    review_heading: regex.Pattern | None = None  # a heading that also reviews opens no plans
    share_after: regex.Pattern | None = None  # see _Doc: 完成工程量的75% is work under way
    share_targets: tuple[str, ...] = ()  # status.yaml: 完成年度任务的86.7% is no work under way
    measure_suffixes: tuple[str, ...] = ()  # metrics.yaml: 管网长度 measures 管网, 老旧小区综合整治 counts 老旧小区 (metrics._metric_of)
    all_done_before: tuple[str, ...] = ()  # see status.all_done_status: 已全部完工
    all_subjects: tuple[str, ...] = ()  # see status.all_done_status: 全部改造任务已竣工
    restated_nouns: tuple[str, ...] = ()  # see status.restated_done: 26个小区全部完工
    deadline_ends: tuple[str, ...] = ()  # times.yaml: 完工, 建成 … (period_region.deadline_period)
    budget_words: tuple[str, ...] = ()  # status.yaml: 总投资 … (status.money_status)
    funds_done: tuple[str, ...] = ()  # status.yaml: 下达, 拨付 … (status.money_status)
    funds_secured: tuple[str, ...] = ()  # status.yaml: 争取 … (status.secured_status)
    rest_words: tuple[str, ...] = ()  # status.yaml: 其余 … (status._clause_status)
    instant_acts: tuple[str, ...] = ()  # status.yaml: 签约 … (status._clause_status)
    describing: tuple[str, ...] = ()  # status.yaml: 惠及 … (status._described_only)
    remaining_words: tuple[str, ...] = ()  # status.yaml: 尚需 … (records._settle: what remains has no year)
    demonstratives: tuple[str, ...] = ()  # status.yaml: 这 before a figure (status._back_reference_status)
    unit_glosses: tuple[str, ...] = ()  # units.yaml: （间） after 套 (metrics._after_text)
    colon_fillers: frozenset[str] = frozenset()  # metrics.yaml: 人民币 … (_label_start)
    indicator_ends: tuple[str, ...] = ()  # metrics.yaml count_suffixes, measure_suffixes: 数量 (_label_start)
    scope_field: regex.Pattern | None = None  # status.yaml scope_labels: 建设内容： (status.plan_section_status)
    forward_words: tuple[str, ...] = ()  # status.yaml: 以下, 如下 … (status._lead_in_status_of)
    back_references: tuple[str, ...] = ()  # status.yaml: 上述, 以上 … (status._back_reference_status)
    not_signals: frozenset[str] = frozenset()  # status.yaml: nouns holding a signal word (建成区)
    name_suffixes: tuple[str, ...] = ()  # status.yaml: a signal before one names a place (建设新村)
    prospective: regex.Pattern | None = None  # status.yaml: 建成后可 … (_status_hits, period_region.period_for)
    preliminary: regex.Pattern | None = None  # status.yaml: 已完成招标 … (_status_hits)
    # times.yaml plan_nouns and the share of the target after a time: 完成“十四五”目标任务的86.7%,
    # 占全年任务50个的108% (period_region._dating)
    share_target: regex.Pattern | None = None
    place_group: regex.Pattern | None = None  # places.yaml place_groups: 四区共… (period_region.region_for)
    plan_titles: tuple[str, ...] = ()  # status.yaml: 实施方案 … (period_region.plan_title_period)
    fresh_openers: tuple[str, ...] = ()  # times.yaml: 下一步，… takes no earlier time (period_region.period_for)
    to_date: tuple[str, ...] = ()  # times.yaml: 累计 with a month's figure counts from the year's start (records)
    event_references: tuple[str, ...] = ()  # times.yaml: 此次 … (period_region.period_for)
    plan_named: tuple[str, ...] = ()  # times.yaml: 纳入2025年改造计划 (records._plan_year_after)
    same_place: tuple[str, ...] = ()  # places.yaml: 该项目 … (period_region.region_for)
    year_opens_through: int = 0  # times.yaml year_opens_through_month (status.programme_status)
    annual_plans: tuple[str, ...] = ()  # times.yaml: 年度计划 (records.associate: the year's plan)
    period_field: regex.Pattern | None = None  # times.yaml period_fields: 建设期限： (period_region._field_period)
    start_end_field: regex.Pattern | None = None  # times.yaml start_fields, end_fields: 开工日期：, 竣工日期：
    data_note: regex.Pattern | None = None  # times.yaml data_notes: 数据统计截至 … (period_region._note_times)
    preamble: regex.Pattern | None = None  # times.yaml report_preambles: 现将…通报如下 (period_region._note_times)
    preamble_words: tuple[str, ...] = ()  # times.yaml report_preambles alone (status.section_status)
    work_references: tuple[str, ...] = ()  # status.yaml: 项目涉及… (status.section_status)
    part_place: regex.Pattern | None = None  # metrics.yaml part_place_suffixes: 、华胥街道 before a listed figure
    modified_heads: tuple[str, ...] = ()  # metrics.yaml households modified_nouns: 1026户购房家庭 (metrics._metric_of)
    strip_cache: dict[str, str] = field(default_factory=dict)  # see metrics._strip

    @classmethod
    def build(cls, lex: Lexicons) -> "Vocab":
        st = lex.status
        classes: dict[str, str] = {}
        for cls_name in ("default_completed", "in_progress", "started_weak", "completed", "in_progress_marked",
                         "started_strong", "planned", "context_completed", PLAN_OPENER):
            for w in st.get(cls_name, ()):
                classes[w] = cls_name
        # 建成后可提供住房2600套, 项目完工后，将新增车位300个: what the work will yield, a plan
        prospective = regex.compile(rf"(?:{alt(st['prospective'])})[，,]?(?:{alt(st['prospective_modals'])})") \
            if st.get("prospective") and st.get("prospective_modals") else None
        # 已完成招标, 正在开展前期工作: a preliminary step done or under way, the work still to come
        preliminary = regex.compile(rf"[^，,。；;：:、\d\s]{{0,{PRELIMINARY_GAP}}}?(?:{alt(st['preliminary'])})") \
            if st.get("preliminary") else None
        jiang = alt(st.get("plan_jiang_verbs", ()))
        neg = alt(st.get("negations", ()))
        jiang_ahead = rf"(?=(?:还|也|再|要|会|逐步|全面)?(?:{jiang}))"
        # 要 of obligation before such a verb (全市要完成改造120个) plans as 将 does; not where it
        # ends another word (主要完成, 需要, 只要: obligation_not_after)
        modal = "将"
        if st.get("obligation_words"):
            not_after = "".join(st.get("obligation_not_after", ()))
            yao = alt(st["obligation_words"])
            modal = rf"(?:将|(?<![{regex.escape(not_after)}])(?:{yao}))" if not_after else rf"(?:将|{yao})"
        not_signals = st.get("not_signals", ())
        nots = f"|{alt(not_signals)}" if not_signals else ""
        status = regex.compile(
            rf"(?P<neg>(?:{neg})(?:{alt(classes)}){nots})|(?P<jiang>{modal}{jiang_ahead})|(?P<w>{alt(classes)})")
        cat_of = {w: c for c, ws in lex.categories.items() for w in ws}
        negated = {n + w: NEGATED for n in st.get("negations", ()) for w in classes} | dict.fromkeys(not_signals)
        nouns, units, context, defaults = {}, {}, {}, {}
        for metric, spec in lex.metrics.items():
            nouns[metric] = tuple(sorted(spec.get("nouns", ()), key=len, reverse=True))
            units[metric] = spec.get("units", ())
            context[metric] = spec.get("context", ())
            for u in spec.get("default", ()):
                defaults[u] = metric
        strip = alt(lex.label_strip)
        right = f"{strip}|{alt(lex.count_suffixes)}" if lex.count_suffixes else strip
        # a difference from a year named in digits (比2023年多改造12个) describes, as 比上年 does; so
        # does one from another place (江岸区改造32个，比江汉区多8个)
        compared = rf"|(?:{alt(lex.times['comparison'])})(?:(?:19|20)\d\d年|[^，,。；;：:\d\s]{{1,10}}?[多少])" \
            if lex.times.get("comparison") else ""
        by_unit = {}
        for unit in {u for us in units.values() for u in us}:
            cands = tuple(m for m in METRIC_ORDER if unit in units.get(m, ()))
            all_nouns = tuple(sorted({n for m in cands for n in nouns.get(m, ())}, key=len, reverse=True))
            by_unit[unit] = (cands, all_nouns)
        return cls(
            status=status, status_class=classes, category_of=cat_of,
            status_words=WordFinder({**classes, **negated}), jiang=regex.compile(f"{modal}{jiang_ahead}"),
            jiang_chars=frozenset("将" + "".join(st.get("obligation_words", ()))),
            category_words=WordFinder(cat_of),
            nouns=nouns, context=context, defaults=defaults,
            item_only=lex.item_only, continuations=lex.continuations, work_parts=lex.work_parts,
            label_strip=regex.compile(rf"(?:{right})+$"), label_strip_left=regex.compile(rf"^(?:{strip})+"),
            label_verb=regex.compile(alt([w for w in lex.label_strip if len(w) >= 2])),
            by_unit=by_unit,
            allowed={m: tuple(spec["categories"]) for m, spec in lex.metrics.items() if spec.get("categories")},
            excluders={u: tuple((m, tuple(lex.metrics[m]["excluded_by"])) for m in cands if lex.metrics[m].get("excluded_by"))
                       for u, (cands, _) in by_unit.items()},
            realis=frozenset(st.get("realis", ())),
            modified_heads=tuple(lex.metrics.get("households", {}).get("modified_nouns", ())),
            part_place=regex.compile(rf"[、，,；;：:]?(?P<name>\p{{Han}}{{2,6}}?(?:{alt(lex.part_place_suffixes)}))")
            if lex.part_place_suffixes else None,
            budget_words=tuple(st.get("budget_words", ())),
            funds_done=tuple(st.get("funds_done", ())),
            funds_secured=tuple(st.get("funds_secured", ())),
            rest_words=tuple(st.get("rest_words", ())),
            instant_acts=tuple(st.get("instant_acts", ())),
            describing=tuple(st.get("describing", ())),
            remaining_words=tuple(st.get("remaining_words", ())),
            demonstratives=tuple(st.get("demonstratives", ())),
            unit_glosses=lex.unit_glosses,
            colon_fillers=frozenset(lex.colon_fillers),
            indicator_ends=tuple(lex.count_suffixes) + tuple(lex.measure_suffixes),
            scope_field=regex.compile(rf"[^\S\n]*(?:{LIST_NUMBER.pattern}|{CLAUSE_NUMBER})?[^\S\n]*(?:{alt(st['scope_labels'])})[^\S\n]*[：:]")
            if st.get("scope_labels") else None,
            forward_words=tuple(st.get("forward_words", ())),
            back_references=tuple(st.get("back_references", ())),
            plan_titles=tuple(st.get("plan_titles", ())),
            not_signals=frozenset(not_signals),
            name_suffixes=tuple(st.get("name_suffixes", ())),
            prospective=prospective,
            preliminary=preliminary,
            annual_plans=tuple(lex.times.get("annual_plans", ())),
            year_opens_through=int(lex.times.get("year_opens_through_month", 0)),
            # 目标任务的86.7%, 任务50个的108%: the target may give its own figure before the share
            share_target=regex.compile(
                rf"(?:{alt(lex.times['plan_nouns'])})[^，,。；;：:%％]{{0,12}}的"
                rf"(?:\d{{1,3}}(?:\.\d+)?|[一二三四五六七八九])(?:{alt(st['share_units'])})")
            if lex.times.get("plan_nouns") and st.get("share_units") else None,
            fresh_openers=tuple(lex.times.get("fresh_openers", ())),
            to_date=tuple(lex.times.get("to_date", ())),
            event_references=tuple(lex.times.get("event_references", ())),
            plan_named=tuple(lex.times.get("plan_named", ())),
            same_place=tuple(lex.same_place_references),
            # 四区, 两县, 主城九区: a number (not an ordinal: 第四区) and a level word
            place_group=regex.compile(
                rf"(?<!第)(?P<n>[{''.join(c for c, v in lex.digits.items() if v > 0)}十]{{1,3}}|\d{{1,2}})"
                rf"(?:{alt(lex.place_groups)})")
            if lex.place_groups else None,
            period_field=regex.compile(rf"(?m)^[^\S\n]*(?:{alt(lex.times['period_fields'])})[^\S\n]*[：:]")
            if lex.times.get("period_fields") else None,
            start_end_field=regex.compile(
                rf"(?m)^[^\S\n]*(?P<planned>{alt(lex.times['planned_field_prefixes']) if lex.times.get('planned_field_prefixes') else '(?!)'})?"
                rf"(?:(?P<start>{alt(lex.times['start_fields'])})|(?P<end>{alt(lex.times['end_fields'])}))[^\S\n]*[：:]")
            if lex.times.get("start_fields") and lex.times.get("end_fields") else None,
            data_note=regex.compile(rf"(?m)^[^\S\n]*[>（(【]?[^\S\n]*(?:注[：:])?[^\S\n]*(?:{alt(lex.times['data_notes'])})")
            if lex.times.get("data_notes") else None,
            # a sentence opening with 现将 and pointing at what follows (…进度通报如下)
            preamble=regex.compile(rf"(?m)(?:^|(?<=[，,]))[^\S\n]*(?:{alt(lex.times['report_preambles'])})"
                                   rf"[^。！？!?\n]*?(?:{alt(st['forward_words'])})")
            if lex.times.get("report_preambles") and st.get("forward_words") else None,
            preamble_words=tuple(lex.times.get("report_preambles", ())),
            work_references=tuple(st.get("work_references", ())),
            actual=tuple(st.get("actual", ())),
            breakdown=tuple(st.get("breakdown", ())),
            breakdown_colon=regex.compile(
                rf"[^\S\n]*[^，,。；;：:、\n\d]{{1,{BREAKDOWN_SUBJECT}}}?(?:{alt(st['breakdown'])})[^\S\n]*[：:]")
            if st.get("breakdown") else None,
            breakdown_any=regex.compile(alt(st["breakdown"])) if st.get("breakdown") else None,
            target=regex.compile(rf"(?:{alt(st['targets'])})(?:{alt(st.get('target_links', ()))})?[（(]?(?=[\d一二两三四五六七八九十])")
            if st.get("targets") else None,
            generic_triggers=lex.generic_triggers, body_suffixes=lex.body_suffixes,
            purpose_words=lex.purpose_words,
            work_sites=lex.work_sites, site_joins=frozenset(v + x for v in lex.site_verbs for x in ("", "的")),
            not_site_works=lex.not_site_works,
            pipe_nouns=lex.pipe_nouns, pipe_metrics=lex.pipe_metrics, pipe_hosts=lex.pipe_hosts, pipe_default=lex.pipe_default,
            utility_before=regex.compile(rf"(?:{alt(lex.utility_words)})(?:{LIST_JOINS})$") if lex.utility_words else None,
            utility_after=regex.compile(rf"(?:{LIST_JOINS})(?:{alt(lex.utility_words)})") if lex.utility_words else None,
            utility_words=regex.compile(alt(lex.utility_words)) if lex.utility_words else None,
            content_after=regex.compile(
                rf"(?:改造|工程|建设)?(?:(?:{LIST_JOINS})[^，,。；;：:、]{{1,10}}){{0,8}}(?:{alt(lex.content_list_ends)})")
            if lex.content_list_ends else None,
            content_end=_common_char(lex.content_list_ends),
            trades_after=regex.compile(
                rf"(?:(?:{LIST_JOINS})[^，,。；;：:、]{{1,10}}?){{0,8}}(?:{alt(lex.work_list_ends)})")
            if lex.work_list_ends else None,
            trades_before=regex.compile(rf"(?:[^，,。；;：:、]{{1,10}}(?:{LIST_JOINS}))+$") if lex.work_list_ends else None,
            trades_end=_common_char(lex.work_list_ends),
            content_before=regex.compile(
                rf"(?:{alt(lex.content_list_starts)})[：:]?(?:[^，,。；;：:、]{{1,10}}(?:{LIST_JOINS})){{0,8}}[^，,。；;：:、]{{0,4}}$")
            if lex.content_list_starts else None,
            content_start=_common_char(lex.content_list_starts),
            plan_heading=regex.compile(alt(st["plan_headings"])) if st.get("plan_headings") else None,
            review_heading=regex.compile(alt(st["review_headings"])) if st.get("review_headings") else None,
            share_after=regex.compile(
                rf"[^，,。；;：:\d%％]{{0,10}}的(?:\d{{1,2}}(?:\.\d+)?|[一二三四五六七八九])(?:{alt(st['share_units'])})")
            if st.get("share_units") else None,
            share_targets=tuple(st.get("share_targets", ())),
            measure_suffixes=lex.measure_suffixes + lex.work_suffixes,
            all_done_before=tuple(st.get("all_done_before", ())),
            all_subjects=tuple(st.get("all_subjects", ())),
            restated_nouns=tuple(st.get("restated_nouns", ())),
            deadline_ends=tuple(lex.times.get("deadline_ends", ())),
            descriptive_labels=lex.descriptive_labels, change_words=lex.change_words,
            change_before=regex.compile(rf"(?:{alt(lex.change_words)})[^，,；;。]*$") if lex.change_words else None,
            except_clause=regex.compile(rf"\s*(?:{alt(lex.except_frame[0])})[^，,；;。：:]*?(?:{alt(lex.except_frame[1])})[\s，,；;。]*")
            if all(lex.except_frame) else None,
            except_opens=lex.except_frame[0],
            except_rest=lex.except_rest,
            subject_areas=frozenset(lex.subject_areas),
            rate_before=regex.compile(alt(lex.descriptive_before) + compared) if lex.descriptive_before else None,
            stock_before=regex.compile(alt(lex.stock_before)) if lex.stock_before else None,
            paid_before=regex.compile(alt(lex.paid_out_before)) if lex.paid_out_before else None,
            applicants=regex.compile(alt(lex.applicant_words)) if lex.applicant_words else None,
            oversight=regex.compile(alt(lex.oversight_words)) if lex.oversight_words else None,
            problem_heading=regex.compile(alt(lex.problem_headings)) if lex.problem_headings else None,
            oversight_followers=lex.oversight_followers,
            example_openers=lex.example_openers,
            example_marks=lex.example_marks,
            descriptive_any=regex.compile(alt(lex.descriptive_before + lex.paid_out_before) + compared)
            if lex.descriptive_before or lex.paid_out_before else None,
        )


def _common_char(words: tuple[str, ...]) -> str:
    """A character every one of ``words`` holds ("" when none is shared or there are none)."""
    shared = set(words[0]) if words else set()
    for w in words[1:]:
        shared &= set(w)
    return min(shared) if shared else ""


class WordFinder:
    """Leftmost-longest, non-overlapping occurrences of lexicon words, each with its class:
    an Aho-Corasick automaton (ahocorasick-rs) finds them in one pass, several times faster
    than the equivalent longest-first regex alternation."""

    __slots__ = ("_ac", "_classes")

    def __init__(self, words: dict[str, str | None]):
        import ahocorasick_rs

        keys = sorted(words)
        self._classes = [words[k] for k in keys]
        self._ac = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if keys else None

    def find(self, text: str) -> list[tuple[int, int, str | None]]:
        if self._ac is None:
            return []
        classes = self._classes
        return [(s, e, classes[i]) for i, s, e in self._ac.find_matches_as_indexes(text)]


def _status_hits(text: str, vocab: Vocab) -> tuple[list["_Hit"], list[int]]:
    """``_word_hits`` less the negated ones, and where those stand (尚未开工: the figures of such a
    clause are what is not done); a ``plan_openers`` word (年度目标) counting as a plan word
    where it opens a clause (年度目标：改造老旧小区30个, a table's 年度目标 column) or ends a label before
    a colon (2025年主要目标任务：…), and as nothing inside one (完成年度目标任务的108%)."""
    hits = _word_hits(text, vocab)
    if vocab.prospective is not None and "后" in text:
        hits = _prospective_hits(text, vocab.prospective, hits)
    if vocab.preliminary is not None:
        for h in hits:
            if h.cls in PRELIMINARY_OF and (step := vocab.preliminary.match(text, h.end)):
                h.cls, h.step_end = "planned", step.end()  # 已完成招标: a step before the work, which is planned
    if not any(h.cls == PLAN_OPENER or h.cls == NEGATED for h in hits):
        return hits, []
    out, negated = [], []
    for k, h in enumerate(hits):
        if h.cls == NEGATED:
            negated.append(h.pos)
            continue
        if h.cls == PLAN_OPENER:
            if h.pos and text[h.pos - 1] not in CLAUSE_OPENINGS and not text.startswith(("：", ":"), h.end):
                continue  # …but a label ending with one before a colon (2025年主要目标任务：) opens a plan
            nxt = hits[k + 1] if k + 1 < len(hits) else None
            if nxt is not None and nxt.cls in SUBJECT_OF and 0 <= nxt.pos - h.end <= SUBJECT_GAP \
                    and not OPENER_GAP_STOP.search(text, h.end, nxt.pos):
                continue  # 年度任务已全部完成: the task is what a done word says done, no plan opened
            h.cls = "planned"
        out.append(h)
    return out, negated


def _prospective_hits(text: str, pattern: regex.Pattern, hits: list["_Hit"]) -> list["_Hit"]:
    """``hits`` with each done word that says what the work will yield once done (建成后可提供,
    完工后，将新增: ``prospective`` of status.yaml) made one plan word over the whole phrase."""
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return hits
    out = []
    k = 0
    for h in hits:
        while k < len(spans) and spans[k][1] <= h.pos:
            k += 1
        if k < len(spans) and spans[k][0] <= h.pos < spans[k][1]:
            if h.pos == spans[k][0]:
                out.append(_Hit(h.pos, spans[k][1], "planned"))
            continue  # …and what it holds (将 of 完工后将) is read with it
        out.append(h)
    return out


def _column_words(norm: Normalized, lay: Layout, hits: list[_Hit]) -> frozenset[int]:
    """Where the plan words of ``hits`` stand that come from no input of their own paragraph: a
    table column's words, inserted before a cell's number (see ``_Doc.column_words``)."""
    out = set()
    spans: dict[int, tuple[int, int]] = {}  # per paragraph: its span of the input
    for h in hits:
        if h.cls != "planned":
            continue
        s, e = norm.to_source(h.pos, h.end)
        pi = lay.sentences[lay.sentence_at(h.pos)][2]
        got = spans.get(pi)
        if got is None:
            got = spans[pi] = norm.to_source(*lay.paragraphs[pi])
        if s == e or not got[0] <= s < got[1]:
            out.add(h.pos)
    return frozenset(out)


def _word_hits(text: str, vocab: Vocab) -> list["_Hit"]:
    """Status words in reading order.  A negated word (尚未开工) says nothing about what was
    done: its class is ``NEGATED``; a noun holding a signal word (建成区) is dropped; 将 before a
    verb (将累计完成; so is 要 of obligation: 要完成) is a plan word of its own, and the verb after it is
    still read.  Same result as one scan with ``vocab.status``, which is used when a lexicon word
    starts with such a modal (the scan would read the modal first there)."""
    words = vocab.status_words.find(text)
    jiang = [m.start() for m in vocab.jiang.finditer(text)] if any(c in text for c in vocab.jiang_chars) else []
    if not jiang:
        return [_Hit(s, e, c) for s, e, c in words if c is not None]
    starts = {s for s, _, _ in words}
    if any(j in starts for j in jiang):
        out = []
        for m in vocab.status.finditer(text):
            if m["neg"]:
                if m.group() not in vocab.not_signals:
                    out.append(_Hit(m.start(), m.end(), NEGATED))
            else:
                out.append(_Hit(m.start(), m.end(), "planned" if m["jiang"] else vocab.status_class[m["w"]]))
        return out
    out = []
    k = 0
    for s, e, c in words:
        while k < len(jiang) and jiang[k] < s:
            out.append(_Hit(jiang[k], jiang[k] + 1, "planned"))
            k += 1
        while k < len(jiang) and jiang[k] < e:
            k += 1  # inside a word (年内将): read as part of it
        if c is not None:
            out.append(_Hit(s, e, c))
    out.extend(_Hit(j, j + 1, "planned") for j in jiang[k:])
    return out


@dataclass(slots=True)
class _Hit:
    pos: int
    end: int
    cls: str
    step_end: int = 0  # where the preliminary step after a done word made a plan word ends (已完成招标), or 0


class _Kind(NamedTuple):
    """A category trigger in a list before 分别, with the words ending its kind's name (棚户区改造
    of 棚户区改造和老旧小区改造分别…; period_region.respectively_kinds)."""

    nspan: tuple[int, int]
    hit: _Hit


TITLE_REACH = 40  # the longest stretch of a cited title (《…》) read around a place in it


def _outside_titles(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` less those inside book-title marks (《…》)."""
    out = []
    for p in places:
        s, e = p.nspan
        o = text.rfind("《", max(0, s - TITLE_REACH), s)
        if o >= 0 and text.find("》", o, s) < 0 and text.find("》", e, e + TITLE_REACH) >= 0:
            continue
        out.append(p)
    return out


def _outside_places(hits: list[_Hit], places: list[PlaceMention]) -> list[_Hit]:
    """``hits`` less those lying within a place mention."""
    spans = sorted(p.nspan for p in places)
    starts = [s for s, _ in spans]
    out = []
    for h in hits:
        i = bisect_right(starts, h.pos) - 1
        if i < 0 or spans[i][1] < h.end:
            out.append(h)
    return out


class _Doc:
    """Per-document indexes: positions of status words, triggers, times and places."""

    def __init__(self, norm: Normalized, vocab: Vocab, places: list[PlaceMention], times: list[TimeMention],
                 quantities: list[Quantity]):
        text = norm.text
        self.text = text
        self.layout: Layout = split(text)
        self.vocab = vocab
        self.status_hits, self.negated_pos = _status_hits(text, vocab)
        # where a preliminary step is said done or under way (已完成招标), to the step's end: metrics.metric_of
        self.preliminary = [(h.pos, h.step_end) for h in self.status_hits if h.step_end]
        self.preliminary_pos = [pos for pos, _ in self.preliminary]
        # whether the text holds a prospective phrase (建成后可) or a month alone after 于 (已于5月):
        # asked once, so that figures of documents with none skip those rules
        self.has_prospective = vocab.prospective is not None and "后" in text \
            and vocab.prospective.search(text) is not None
        self.has_events = any(t.kind == "event" for t in times)
        if places and self.status_hits:
            # a signal word inside a place name (建设街道, 新建区) says nothing of the work
            self.status_hits = _outside_places(self.status_hits, places)
        if vocab.name_suffixes and self.status_hits:
            # …nor one naming a community (建设新村, 新建花园)
            self.status_hits = [h for h in self.status_hits if not text.startswith(vocab.name_suffixes, h.end)]
        if vocab.share_after is not None and "的" in text:
            # a done word whose object is a share of the whole (目前完成工程量的75%) says the work
            # is under way (status._clause_status: for the figures before it)
            objects = []
            for h in self.status_hits:
                if h.cls == "completed" and (m := vocab.share_after.match(text, h.end)):
                    if not any(w in text[h.end:m.end()] for w in vocab.share_targets):
                        h.cls = "in_progress_share"  # …but a share of a target (年度任务的86.7%) is progress toward it
                    objects.append((h.end, m.end()))
            if objects:
                # …and a plan word in that object is a noun (完成年度计划的78%): no plan
                self.status_hits = [h for h in self.status_hits if h.cls != "planned"
                                    or not any(lo <= h.pos < hi for lo, hi in objects)]
        self.status_pos = [h.pos for h in self.status_hits]
        # plan words a table reader wrote before a cell's number (its column's words, standing for
        # the header cell or for no input at all): they speak for that cell only (status._clause_status)
        self.column_words = _column_words(norm, self.layout, self.status_hits) \
            if not norm.offsets.is_identity and "，" in text else frozenset()
        # a trigger naming an office (县城市更新工作专班) is no trigger
        suffixes = vocab.body_suffixes
        self._has_utility = vocab.utility_after is not None and vocab.utility_words.search(text) is not None
        self._has_contents = vocab.content_after is not None and vocab.content_end in text
        opens = vocab.content_before if vocab.content_before is not None and vocab.content_start in text else None
        hits = [_Hit(s, e, c) for s, e, c in vocab.category_words.find(text)
                if not (suffixes and text.startswith(suffixes, e)) and not self._utility(s, e)
                and not (self._has_contents and vocab.content_after.match(text, e))
                and not (opens is not None and opens.search(text, max(0, s - CONTENT_REACH), s))]
        if vocab.trades_after is not None and vocab.trades_end in text and hits:
            hits = self._drop_trades(hits)
        # a trigger in brackets right after another (棚户区（城中村）改造) is a gloss of it
        ends = {h.end for h in hits}
        self.cat_hits = [h for h in hits if not (h.pos > 0 and text[h.pos - 1] in "（(" and h.pos - 1 in ends)]
        self.cat_pos = [h.pos for h in self.cat_hits]
        if vocab.work_sites and len(self.cat_hits) > 1:
            self._site_works()
        # a place in the title of a document cited (《无锡市城镇老旧小区改造工作实施方案》) governs no figure
        self.places = _outside_titles(text, places) if "《" in text else list(places)
        self.place_pos = [p.nspan[0] for p in self.places]
        self.times = [t for t in times if t.kind != "year" or not text.startswith(("以前", "以后", "之前"), t.nspan[1])]
        self.time_pos = [t.nspan[0] for t in self.times]
        self.q_ends = {q.nspan[1]: q for q in quantities}
        self.q_end_pos = sorted(self.q_ends)
        self.quantities = quantities
        self.q_index = {id(q): i for i, q in enumerate(quantities)}
        self.sum_totals: dict[tuple[int, str], Quantity | None] = {}  # see sum_total
        # (position, (region, locality)) of each figure placed so far, in order: period_region.region_for
        self.region_log: list[tuple[int, tuple[Region | None, str | None]]] = []
        self.q_starts = sorted(q.nspan[0] for q in quantities)
        self.boundaries = sorted({p.nspan[1] for p in places} | {t.nspan[1] for t in times})
        self.clause_status: dict[int, tuple[int | None, Status | None]] = {}  # see status.status_for
        # …the same for the figures before an aside of the clause, read without the aside's signals
        self.clause_status_no_aside: dict[int, tuple[int | None, Status | None]] = {}
        self.regions: dict[tuple, Region] = {}
        # per place mention: its region, locality, and whether it fits the home region
        self.place_regions: dict[int, tuple[Region | None, str | None, bool]] = {}
        self.periods: dict[int, Period] = {}  # per time mention
        self.title_period: Period | None = None  # see period_region._title_period
        self.title_notes: frozenset[int] = frozenset()  # its dated lines in brackets (ditto)
        self.field_periods: dict[int, Period] | None = None  # see period_region._field_period
        self.done_blocks: frozenset[int] | None = None  # see block_done
        self.share_targets: frozenset[int] | None = None  # see period_region._dating
        # per row of cells: its progress cell, (start, end, status) or None (status._progress_cell)
        self.progress_cells: dict[int, tuple[int, int, Status] | None] = {}
        self.plan_title: bool | None = None  # whether the title plans (status.plan_table_status)
        self.groups: dict[int, list] = {}  # group words (四区) by sentence start: period_region._group_region
        self.pairs: dict[int, PlaceMention] = {}
        self.time_pairs: dict[int, TimeMention] = {}
        self.kind_pairs: dict[int, _Kind] = {}  # see period_region.respectively_kinds
        self.label_pairs: dict[int, tuple[int, int]] = {}  # see period_region.respectively_labels
        # where the breakdown words (其中, 包括) stand: opens_breakdown looks only near one
        self.breakdown_pos = [m.start() for m in vocab.breakdown_any.finditer(text)] \
            if vocab.breakdown_any is not None else []
        self.frames: frozenset[int] | None = None  # see period_region._frames
        self._headline: dict[int, bool] = {}
        self._cell_row: dict[int, bool] = {}
        self.plan_sections: dict[int, bool] = {}  # see status.plan_section_status
        self.done_counts: dict[int, int] | None = None  # see status._done_counts
        self.preamble_signals: list[tuple[int, str]] | None = None  # see status.section_status
        self.clause_split: dict[int, list[_Hit] | None] = {}  # see status._interleaved
        # whether any plan-heading word, any descriptive word is in the text at all (most texts have none)
        self.has_plan_heading = vocab.plan_heading is not None and vocab.plan_heading.search(text) is not None
        self.has_per = "每" in text  # see metrics.metric_of: a rate's parts (每台补贴15万元，其中…)
        # see metrics.metric_of: a figure set apart (除已验收的9个小区外，…)
        self.has_except = vocab.except_clause is not None and any(w in text for w in vocab.except_opens)
        self.has_descriptive_word = vocab.descriptive_any is not None and vocab.descriptive_any.search(text) is not None
        # 申购, 督办 anywhere (metrics._not_reached reads a count's clause only then)
        self.has_not_reached = any(p is not None and p.search(text) is not None for p in (vocab.applicants, vocab.oversight))
        self.has_problem_heading = vocab.problem_heading is not None and vocab.problem_heading.search(text) is not None
        self.problem_sections: dict[int, bool] = {}  # see metrics._in_problem_section
        self.has_example = any(w in text for w in vocab.example_openers + vocab.example_marks)

    def _utility(self, s: int, e: int) -> bool:
        """Whether the trigger at ``s:e`` is listed with other building services (改造供水、排水、
        燃气等老旧管线): one pipe of a renovation, not work of its own kind."""
        v = self.vocab
        return self._has_utility and (
            v.utility_before.search(self.text, max(0, s - UTILITY_REACH), s) is not None
            or v.utility_after.match(self.text, e) is not None)

    def _drop_trades(self, hits: list[_Hit]) -> list[_Hit]:
        """``hits`` without the triggers listed as one trade of a renovation among other works
        (实施外立面翻新、雨污分流、消防设施更新等改造: ``work_list_ends`` of category_rules.yaml): a
        list where some member holds no trigger.  A list of works of one kind only (完成雨污分流、
        管网清淤等改造) keeps them."""
        text, v = self.text, self.vocab
        starts = [h.pos for h in hits]
        out = []
        for h in hits:
            after = v.trades_after.match(text, h.end)
            if after is None:
                out.append(h)
                continue
            lo = max(0, h.pos - CONTENT_REACH)
            before = v.trades_before.search(text, lo, h.pos)
            first = before.start() if before is not None else h.pos
            # the members: split at the joins, the closing phrase cut off the last
            members = regex.split(LIST_JOINS, text[first:after.end()])
            if len(members) < 2:
                out.append(h)
                continue
            pos, bare = first, False
            for m in members:
                i = bisect_left(starts, pos)
                if i == len(starts) or starts[i] >= pos + len(m):
                    bare = True
                    break
                pos += len(m) + 1
            if not bare:
                out.append(h)
        return out

    def opens_breakdown(self, pos: int) -> bool:
        """Whether a breakdown (``breakdown`` of status.yaml) opens at ``pos``, the start of a
        sentence or clause: its word first (其中，…), or after a short subject and closed by a colon
        (项目主要包括：改造老旧小区32个、…)."""
        bp = self.breakdown_pos
        i = bisect_left(bp, pos)
        if i == len(bp) or bp[i] > pos + BREAKDOWN_SUBJECT + BREAKDOWN_LEAD:
            return False  # no breakdown word near: most clauses
        v = self.vocab
        return self.text.startswith(v.breakdown, pos) or (
            v.breakdown_colon is not None and v.breakdown_colon.match(self.text, pos) is not None)

    def sum_total(self, q: Quantity) -> Quantity | None:
        """For a part of a breakdown (其中，和田市、墨玉县、皮山县分别改造小区45个、30个、21个): the figure
        before it, in its paragraph or the one before, in the same unit and equal to the sum of the
        breakdown's figures in that unit (涉及小区96个), whose status and period the parts share;
        None when there is no such figure, fewer than two parts, or a strong signal in the
        breakdown.  Worked out once per sentence and unit."""
        lay = self.layout
        si = lay.sentence_at(q.nspan[0])
        key = (si, q.unit)
        if key in self.sum_totals:
            return self.sum_totals[key]
        got = None
        first = self.breakdown_opening(si)
        if first is not None:
            sents = lay.sentences
            lo, hi = sents[first][0], sents[si][1]
            parts = [x for x in self.quantities[bisect_left(self.q_starts, lo):bisect_left(self.q_starts, hi)]
                     if x.unit == q.unit]
            hits = self.status_hits[bisect_left(self.status_pos, lo):bisect_left(self.status_pos, hi)]
            if len(parts) >= 2 and not any(h.cls in SUM_OWN_SIGNALS for h in hits):
                # (a breakdown saying where its parts stand is read as it says: 城关区开工68个、完工96个)
                total = sum(x.value for x in parts)
                para = sents[first][2]
                start = lay.paragraphs[max(0, para - 1)][0]
                for x in reversed(self.quantities[:self.q_index[id(parts[0])]]):
                    if x.nspan[0] < start:
                        break
                    if x.unit == q.unit and x.value and abs(x.value - total) <= x.value * SUM_TOLERANCE:
                        got = x  # …the first time it is said (涉及小区96个, not 96个小区已全部开工 after it)
        self.sum_totals[key] = got
        return got

    def opens_with(self, lo: int, hi: int, words: tuple[str, ...]) -> bool:
        """Whether ``lo:hi`` (a clause) opens, after spaces, with one of ``words``."""
        while lo < hi and self.text[lo] in " \u3000":
            lo += 1
        return bool(words) and self.text.startswith(words, lo)

    def sentence_start(self, si: int) -> int:
        """Where the words of sentence ``si`` start: after a list number (3. 上述…) and spaces."""
        s = self.layout.sentences[si]
        mark = LIST_NUMBER.match(self.text, s[0], s[1])
        start = mark.end() if mark else s[0]
        while start < s[1] and self.text[start].isspace():
            start += 1
        return start

    def opens_back_reference(self, si: int, words: tuple[str, ...]) -> bool:
        """Whether sentence ``si`` opens by pointing back with one of ``words`` (上述…, 该项目…),
        after a list number and after a lead such as 据介绍，."""
        if not words:
            return False
        s = self.layout.sentences[si]
        text = self.text
        start = self.sentence_start(si)
        if text.startswith(words, start):
            return True
        # …据介绍，该项目: a lead of a few characters and a comma first
        k = start
        while k < s[1] and k - start <= BACK_LEAD and text[k] not in "，,":
            k += 1
        return k < s[1] and text[k] in "，," and text.startswith(words, k + 1)

    def breakdown_parts(self, q: Quantity) -> list[Quantity]:
        """The parts of a breakdown right after ``q`` (in a later clause of its sentence or opening
        the next sentence: 改造老旧小区38个，其中完工29个、在建9个) that are in its unit and add up
        to it; [] when there are none or fewer than two."""
        lay = self.layout
        clauses = lay.clauses
        ci = lay.clause_at(q.nspan[0])
        si = clauses[ci][2]
        last = min(len(lay.sentences) - 1, si + 1)
        end = lay.sentences[last][1]
        k = ci + 1
        while k < len(clauses) and clauses[k][0] < end and not self.opens_breakdown(clauses[k][0]):
            k += 1
        if k >= len(clauses) or clauses[k][0] >= end:
            return []
        hi = lay.sentences[clauses[k][2]][1]
        i = self.q_index[id(q)] + 1
        parts = []
        while i < len(self.quantities) and self.quantities[i].nspan[0] < hi:
            x = self.quantities[i]
            if x.nspan[0] >= clauses[k][0] and x.unit == q.unit:
                parts.append(x)
            i += 1
        if len(parts) < 2 or abs(sum(x.value for x in parts) - q.value) > q.value * SUM_TOLERANCE:
            return []
        return parts

    def breakdown_times(self, q: Quantity) -> bool:
        """Whether the breakdown holding ``q`` (from its opening sentence to ``q``'s) names a time."""
        lay = self.layout
        si = lay.sentence_at(q.nspan[0])
        first = self.breakdown_opening(si)
        lo = lay.sentences[first if first is not None else si][0]
        i = bisect_left(self.time_pos, lo)
        return i < len(self.time_pos) and self.time_pos[i] < lay.sentences[si][1]

    def breakdown_opening(self, si: int) -> int | None:
        """The sentence opening the breakdown (``breakdown`` of status.yaml: 其中，…) that sentence
        ``si`` belongs to: ``si`` itself, or the first of the semicolon chain it goes on (其中，
        解放街道11个；赣江街道9个); None when it is part of none."""
        words = self.vocab.breakdown
        if not words:
            return None
        sents = self.layout.sentences
        first = si
        while not self.opens_breakdown(sents[first][0]) and self.after_semicolon(first):
            first -= 1
        return first if self.opens_breakdown(sents[first][0]) else None

    def after_semicolon(self, si: int) -> bool:
        """Whether sentence ``si`` follows one of its paragraph that ends in a semicolon: the two
        are coordinate parts of one sentence (将改造老旧小区35个；新建管网40公里)."""
        sents = self.layout.sentences
        if si == 0 or sents[si - 1][2] != sents[si][2]:
            return False
        prev = sents[si - 1]
        return self.text[prev[0]:prev[1]].rstrip().endswith(("；", ";"))

    def _site_works(self) -> None:
        """A site right after another kind of work and its verb (雨污分流改造老旧小区26个: drainage
        work in old communities) takes that work's category (category_rules.yaml ``work_sites``)."""
        v, text, hits = self.vocab, self.text, self.cat_hits
        for w, h in zip(hits, hits[1:]):  # each trigger and the one before it
            if text[h.pos:h.end] in v.work_sites and w.cls != h.cls and w.cls not in v.not_site_works \
                    and text[w.end:h.pos] in v.site_joins:
                h.cls = w.cls

    def headline(self, para_index: int) -> bool:
        """Whether paragraph ``para_index`` is a title line (short, no sentence-ending punctuation)."""
        got = self._headline.get(para_index)
        if got is None:
            p = self.layout.paragraphs[para_index]
            text = self.text[p[0]:p[1]].strip()
            # a subheading may hold a comma (城中村：拆改结合，留住乡愁); a sentence ends in 。
            # a caption in brackets ((图为改造后的茶店子小区)) is no title either
            # a title may end with an exclamation or a question (“成绩单”来了！)
            body = text[:-1] if text[-1:] in "！？!?" else text
            got = len(text) <= (TITLE_MAX if para_index == 0 else HEADLINE_MAX) and not any(c in "。；;！？!?" for c in body) \
                and not (text[:1] in "（(" and text[-1:] in "）)") and text[:1] not in PHOTO_CAPTION_MARKS
            if got and (FIGURE_FIELD.fullmatch(text) or self.numbered(para_index)):
                # …but a labelled figure (计划改造老旧小区：150个) or a bulleted or numbered line
                # holding a figure (▶ 加装电梯46部) is a line of a list, not a title
                i = bisect_left(self.q_starts, p[0])
                got = not (i < len(self.q_starts) and self.q_starts[i] < p[1])
            self._headline[para_index] = got
        return got

    def caption(self, para_index: int) -> bool:
        """Whether paragraph ``para_index`` is a title line right over a table's header row, in the
        body of the document (2024年城市更新重点片区 over 片区，所在街道，总投资（亿元），进度): it
        names what the rows are, and when.  A title line at the top of the document is its title."""
        n = len(self.layout.paragraphs)
        return (para_index + 1 < n and self.headline(para_index) and not self.cell_row(para_index)
                and self.cell_row(para_index + 1)
                and not all(self.headline(j) for j in range(para_index)))

    def opens_list(self, para_index: int) -> bool:
        """Whether paragraph ``para_index`` ends in a colon (具体如下：), or a sign pointing down
        that stands for one (…跑出“加速度”👇), opening what follows."""
        p = self.layout.paragraphs[para_index]
        return self.text[p[0]:p[1]].rstrip().rstrip(VARIATION_SELECTOR).endswith(LEAD_IN_ENDS)

    def listed(self, para_index: int) -> bool:
        """Whether paragraph ``para_index`` may be a line of a list: numbered (``numbered``) or a
        row of cells (``cell_row``)."""
        return self.numbered(para_index) or self.cell_row(para_index)

    def title_lines(self) -> list[int]:
        """The title lines at the top of the document: its first paragraphs (up to ``TITLE_LINES``)
        up to the first that is no title line."""
        out = []
        for i in range(min(TITLE_LINES, len(self.layout.paragraphs))):
            if not self.headline(i):
                break
            out.append(i)
        return out

    def block_start(self, pi: int) -> int:
        """The first line of the block of lines that paragraph ``pi`` belongs to: lines parted by
        single line breaks (a project's fields), back to a numbered line that opens it."""
        paras = self.layout.paragraphs
        i = pi
        while i > 0 and pi - i < BLOCK_MAX and not self.numbered(i) and paras[i][0] == paras[i - 1][1] + 1 \
                and self.text[paras[i - 1][1]] == "\n":
            i -= 1
        return i

    def block_done(self, pi: int) -> bool:
        """Whether the block of lines of paragraph ``pi`` holds a field of its work's completion not
        said to be planned (竣工日期：2024年10月28日, not 计划竣工日期; ``end_fields`` of times.yaml)."""
        pattern = self.vocab.start_end_field
        if pattern is None:
            return False
        if self.done_blocks is None:
            lay = self.layout
            self.done_blocks = frozenset(
                self.block_start(lay.sentences[lay.sentence_at(m.start())][2])
                for m in pattern.finditer(self.text) if m["end"] and not m["planned"])
        return self.block_start(pi) in self.done_blocks

    def cell_row(self, para_index: int) -> bool:
        """Whether paragraph ``para_index`` reads as a row of cells (``CELL_ROW``)."""
        got = self._cell_row.get(para_index)
        if got is None:
            p = self.layout.paragraphs[para_index]
            got = self._cell_row[para_index] = CELL_ROW.fullmatch(self.text, p[0], p[1]) is not None
        return got

    def numbered(self, para_index: int) -> bool:
        """Whether paragraph ``para_index`` opens with a list number (三、, （二）, 3.)."""
        p = self.layout.paragraphs[para_index]
        return LIST_NUMBER.match(self.text, p[0], p[1]) is not None

    def bulleted(self, para_index: int) -> bool:
        """Whether paragraph ``para_index`` opens with a bullet sign (▶, ●, - ): a line of a list,
        where a number (（三）) would open a topic."""
        p = self.layout.paragraphs[para_index]
        return BULLET_START.match(self.text, p[0], p[1]) is not None

    def section(self, para_index: int, list_numbers: bool = True) -> list[int]:
        """The paragraphs before ``para_index`` in its section, nearest first, up to
        ``SECTION_MAX``: back to and with the title line that opens the section.  With
        ``list_numbers``, a paragraph opening with a list number (（三）多渠道筹措资金。…) opens a
        section of its own (a topic changes there; a year stated above still holds); a bulleted
        line (- 完成征收：2860户) does not.  For a row of cells, the rows of its table before it
        count as one paragraph (up to ``ROWS_MAX``), and the section goes on past the table's
        header row to its caption (``caption``)."""
        out = []
        budget, rows = SECTION_MAX, 0
        row = self.cell_row(para_index)
        i = para_index - 1
        while i >= 0 and budget > 0:
            if list_numbers and self.numbered(i + 1) and not self.bulleted(i + 1):
                break
            out.append(i)
            if self.headline(i):
                if row and i > 0 and self.caption(i - 1):
                    out.append(i - 1)
                break
            if row and rows < ROWS_MAX and self.cell_row(i):
                rows += 1  # 4，窑湾印刷厂小区，…: the rows above it are one block
            else:
                budget -= 1
                row = False
            i -= 1
        return out


# A line opening with one of these is a photo's caption (▲改造后的赭山小区（摄影：李明）), as news
# pages set them between paragraphs: no title of what follows.
PHOTO_CAPTION_MARKS = "▲△"


def _label_start(doc: _Doc, q: Quantity) -> int:
    """Where the words naming figure ``q`` begin: at its clause, or at the clause before when
    that ends in a colon right before the figure (加装电梯：192部, 总投资：1.2亿元; a currency
    word may stand between, ``colon_fillers``: 中标金额：人民币…万元)."""
    lay = doc.layout
    ci = lay.clause_at(q.nspan[0])
    start = lay.clauses[ci][0]
    between = doc.text[start:q.nspan[0]].strip()
    if ci and doc.text[start - 1:start] in ("：", ":") and (not between or between in doc.vocab.colon_fillers) \
            and lay.clauses[ci - 1][2] == lay.clauses[ci][2]:
        return lay.clauses[ci - 1][0]
    if ci and not between and doc.vocab.indicator_ends and lay.clauses[ci - 1][2] == lay.clauses[ci][2]:
        # 产出指标，数量指标，改造老旧小区数量，≥36个: a cell that is only the figure, after a cell naming a
        # count or a measure (``count_suffixes``, ``measure_suffixes``) in a row of cells: that cell labels it
        prev = lay.clauses[ci - 1]
        if doc.text[prev[0]:prev[1]].rstrip("，,").endswith(doc.vocab.indicator_ends) \
                and not _figure_between(doc, prev[0], prev[1]) \
                and doc.cell_row(lay.sentences[lay.clauses[ci][2]][2]):
            return prev[0]
    return start


def _hits_in(hits: list[_Hit], pos: list[int], start: int, end: int) -> list[_Hit]:
    return hits[bisect_left(pos, start):bisect_left(pos, end)]


def _figure_between(doc: _Doc, lo: int, hi: int) -> bool:
    """Whether a figure starts in ``lo:hi`` of the normalised text."""
    starts = doc.q_starts
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def _times_in(doc: _Doc, start: int, end: int) -> list[TimeMention]:
    """The times found in ``start:end`` of the normalised text, in reading order."""
    return doc.times[bisect_left(doc.time_pos, start):bisect_left(doc.time_pos, end)]


# ---- status --------------------------------------------------------------------------------
