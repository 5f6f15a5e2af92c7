"""Time expressions: years, months, dates, ranges, plan periods, relative and "as of" times.

Each becomes a :class:`TimeMention` with ``start``/``end`` as ``"YYYY"`` or ``"YYYY-MM"``.
Relative expressions (今年, 去年, 近三年, 目前) resolve against the publication date when it is
known; otherwise they keep their text with ``relative`` set and no dates.
"""

from __future__ import annotations

import regex

from ..lexicons import Lexicons
from ..models import TimeMention
from ..normalization import Normalized
from .patterns import alt, group_names

__all__ = ["find_times", "TimePatterns", "build_time_patterns"]

YEAR_MIN, YEAR_MAX = 1949, 2100
# 2023年底 is written without the second 年 of 年底
SHORT_PARTS = {"底": "年底", "末": "年末", "初": "年初"}
# A time followed by 以前/之前/前 … 的 describes something (2000年底前建成的小区).
DESCRIPTIVE_BOUNDARY = regex.compile(r"(?:以前|之前|以后|之后)|前[^，,。；;]{0,4}的")
CN_DIGIT = "〇○零一二三四五六七八九"
CN_SMALL_NUM = "一二两三四五六七八九十"


class TimePatterns:
    """Compiled time patterns for one lexicon set."""

    def __init__(self, lex: Lexicons):
        t = lex.times
        plans = alt(t["plans"])
        rel = alt(t["relative_years"])
        parts = alt(t["year_parts"])
        since = alt(t["since"])
        as_of = alt(t["as_of"])
        now = alt(t["now"])
        recent = alt(t["recent"])
        alone = alt(t.get("alone_parts", {}))
        month_after = alt(t.get("month_after", ())) or "(?!)"
        year_starts = alt(t.get("year_starts", ())) or "(?!)"
        future = alt(t.get("future", ())) or "(?!)"
        rspans = alt(t.get("relative_spans", {})) or "(?!)"
        month_after_not = alt(t.get("month_after_not", ())) or "(?!)"
        self.realis = tuple(lex.status.get("realis", ()))  # 已于11月: said done (find_times)
        year = rf"(?<!\d)(?:\d{{4}}|[{CN_DIGIT}]{{4}})"
        # a year in two digits (23年全区改造…, 今年（24年）, 从22年起): informal; only where no word
        # or figure stands right before it (房龄20年, 超过20年 are ages) or after a word of
        # short_years.before, and not before a word making it a duration (20年代, 5年来, 20年以上)
        short = t.get("short_years", {})
        yy = "(?!)"
        if short:
            before = alt(short.get("before", ())) or "(?!)"
            not_after = alt(short.get("not_followed_by", ())) or "(?!)"
            yy = rf"(?:(?<![\w.．·]){'|(?<=(?:' + before + '))'})\d{{2}}(?=年(?!(?:{not_after})))"
        self.short_window = tuple(short.get("window", (10, 5)))
        self.any = regex.compile(
            rf"""
            (?P<asof>{as_of})?
            (?:
                [“"'‘]?(?P<plan>{plans})[”"'’]?(?:期间|时期|末)?
              | (?P<y1>{year})\s*年?度?\s*(?:-|—{{1,2}}|–|~|～|－|至|到)\s*(?P<y2>{year})\s*年(?:间|度)?
              | (?P<dy>{year})年(?P<dm1>\d{{1,2}})月(?P<dd1>\d{{1,2}})[日号]?\s*(?:-|—{{1,2}}|–|~|～|－|至|到)\s*(?:(?P<dm2>\d{{1,2}})月)?(?P<dd2>\d{{1,2}})[日号]
              | (?:(?P<ry>{year})年|(?<![\d年]))(?P<m1>\d{{1,2}}|(?<=年)[{CN_SMALL_NUM}]{{1,2}})(?:月份?)?(?:-|—{{1,2}}|–|~|～|－|至|到)(?P<m2>\d{{1,2}}|[{CN_SMALL_NUM}]{{1,3}})月(?:份|底|末)?
              | (?:(?P<fy>{year})年度?|(?P<frel>{rel}))?(?<![提超])前(?P<fn>\d{{1,2}}|[{CN_SMALL_NUM}]{{1,3}})个?月(?!份?[以之]?前)
              | (?P<ny>(?<!\d)\d{{4}})(?P<nsep>[./／-])(?P<nm>\d{{1,2}})(?:(?P=nsep)(?P<nd>\d{{1,2}}))?(?![\d.])
              | (?:(?P<y>{year})|(?P<yy>{yy}))年(?:(?P<mon>\d{{1,2}}|[{CN_SMALL_NUM}]{{1,2}})月(?:份|(?P<day>\d{{1,2}}|[{CN_SMALL_NUM}]{{1,3}})[日号])?)?(?P<part>{parts}|底|末|初)?
              | (?P<rel>{rel})(?:(?P<rm1>\d{{1,2}})(?:月份?)?(?:-|—{{1,2}}|–|~|～|－|至|到)(?P<rm2>\d{{1,2}})月(?:份|底|末)?|(?P<rmon>\d{{1,2}})月(?:份|(?P<rday>\d{{1,2}})[日号])?)?(?P<rpart>{parts})?
              | (?P<rec>{recent})(?P<recn>\d{{1,2}}|[{CN_SMALL_NUM}]{{1,3}})年(?:来|以来)?
              | (?P<recy>近年来|近年)
              | (?P<fut>{future})(?P<futn>\d{{1,2}}|[{CN_SMALL_NUM}]{{1,3}})年(?:内|间)?
              | (?P<rspan>{rspans})
              | (?<![\d年])(?P<md_m>\d{{1,2}})月(?:(?P<md_d>\d{{1,2}})[日号]|(?P<md_part>底|末|初|中旬|上旬|下旬))
              | (?:(?<=(?:{month_after}))(?<!(?:{month_after_not}))|(?<=[，,。；;：:\n]|\A)|(?<![\d年月{CN_SMALL_NUM}])(?=(?:\d{{1,2}}|[{CN_SMALL_NUM}]{{1,2}})月份?(?:{since})))(?P<bm>\d{{1,2}}|[{CN_SMALL_NUM}]{{1,2}})月份?(?![\d日号])
              | (?<![第前\d])(?P<ys>{year_starts})(?=(?:{since}))
              | (?P<now>{now})
              | (?<![年第前\d])(?P<alone>{alone})
              | (?<![\d第])(?P<dur>\d{{1,2}}|[{CN_SMALL_NUM}]{{1,2}})年(?=将|来|间|内|累计|共|以来)
            )
            (?P<since>{since})?
            """,
            regex.X,
        )
        self.since_ahead = regex.compile(rf"^[^，,。；;]{{0,16}}?(?:{since})")
        self.cn_digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}
        self.plans = t["plans"]
        self.rel = t["relative_years"]
        self.parts = t["year_parts"]
        self.alone = t.get("alone_parts", {})
        self.relative_spans = t.get("relative_spans", {})
        self.this_week = frozenset(t.get("this_week", ()))
        self.last_month = frozenset(t.get("last_month", ()))
        self.context_years = frozenset(t.get("context_years", ()))  # 当年: the year last named
        self.until = frozenset(t.get("until", ()))  # 到2025年底: a deadline
        self.whole_years = frozenset(t.get("whole_years", ()))  # 确保全年完成: the year, no deadline
        self.year_deadlines = frozenset(t.get("year_deadlines", ()))  # 力争年内建成: a deadline that is the year
        self.same_period = tuple(t.get("same_period", ()))  # 2023年同期: the months named before
        deadline_plans = t.get("deadline_plans", ())
        self.deadline_plan = regex.compile(rf"(?:{alt(deadline_plans)})[于在]?$") if deadline_plans else None
        self.deadline_end = regex.compile(
            # 前 may follow an event of the year (将于明年汛期前完成, 力争今年春节前交付)
            rf"(?:\p{{Han}}{{0,3}}?前)?(?:全部|全面|基本|顺利|整体)?(?:{alt(t.get('deadline_ends', ()))})") \
            if deadline_plans else None
        self.closed_through = int(t.get("recent_closed_through_month", 0))
        from_on = t.get("from_on", {})
        self.from_before = frozenset(from_on.get("before", ()))  # 从2022年起: a time from which on
        self.from_after = tuple(from_on.get("after", ()))
        self.from_until = tuple(from_on.get("not_then", ()))  # 自…起至…止: a range
        built = t.get("built_in", ())
        self.built_in = regex.compile(rf"(?:{alt(built)})$") if built else None
        described = t.get("year_described", ())
        self.year_described = regex.compile(rf"[”\"’]?[^，,。；;：:\n]{{0,10}}?(?:{alt(described)})") if described else None
        reported = t.get("reported_before", ())
        # a reporter's name may stand between (记者王芳1月15日从…获悉)
        self.reported = regex.compile(rf"(?:{alt(reported)})[^\s\d，,。；;：:、]{{0,4}}$") if reported else None
        base = t.get("comparison", ())
        self.comparison = regex.compile(rf"(?:{alt(base)})$") if base else None
        self.groups = group_names(self.any)
        # a year written without 年 in a title (数说2024｜…成绩单, 回眸2024): not before a digit, a
        # date separator, a unit (2024套) or a percent sign
        unit_starts = "".join(sorted({u[0] for u in lex.units if not u[0].isascii()} | set("十百千万亿余多")))
        self.title_year = regex.compile(
            # (not the year of a document's number: 芦政征〔2024〕5号)
            rf"(?<![\d.\-/:：〔［\[])((?:19|20)\d\d)(?![\d.\-/:：%％年月日号〕］\]{regex.escape(unit_starts)}])")


def build_time_patterns(lex: Lexicons) -> TimePatterns:
    return TimePatterns(lex)


def _cn_small(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    vals = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + vals.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return vals.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return vals.get(s[0], 0) * 10 + vals.get(s[2], 0)
    if len(s) == 1:
        return vals.get(s)
    return None


def _year(s: str, tp: TimePatterns) -> int | None:
    y = int(s) if s.isdigit() else int("".join(str(tp.cn_digits[c]) for c in s))
    return y if YEAR_MIN <= y <= YEAR_MAX else None


def _short_year(yy: int, pub_year: int | None, month: int | None, tp: TimePatterns) -> int | None:
    """The year 20YY of a two-digit year (23年): one within ``short_years.window`` (years before and
    after) of the publication's year; with no publication date, only one naming its month (23年3月)."""
    y = 2000 + yy
    if pub_year is None:
        return y if month is not None and YEAR_MIN <= y <= YEAR_MAX else None
    back, ahead = tp.short_window
    return y if pub_year - back <= y <= pub_year + ahead else None


def _from_on(text: str, start: int, end: int, tp: TimePatterns) -> bool:
    """Whether the time at ``start:end`` stands between a word of ``from_on.before`` and one of
    ``from_on.after`` (从2022年起), with no ``from_on.not_then`` after that (自…起至…止: a range)."""
    if text[max(0, start - 1):start] not in tp.from_before:
        return False
    after = next((w for w in tp.from_after if text.startswith(w, end)), None)
    return after is not None and not text.startswith(tp.from_until, end + len(after))


def _ym(year: int, month: int | None) -> str:
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"


def find_times(norm: Normalized, tp: TimePatterns, published: str | None) -> list[TimeMention]:
    text = norm.text
    pub_year = int(published[:4]) if published else None
    pub_month = int(published[5:7]) if published and len(published) >= 7 else None
    # the last year of "the last N years": the year just ended for a release early in a year
    recent_end = pub_year - 1 if pub_year and pub_month and pub_month <= tp.closed_through else pub_year
    out: list[TimeMention] = []
    last_year: int | None = None
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    # a title may name its year without 年 (数说2024｜…成绩单, 回眸2024): the year of 全年 below it
    bare = tp.title_year.search(text, 0, title_end) \
        if title_end <= TITLE_MAX and "。" not in text[:title_end] else None
    if bare is not None and _year(bare[1], tp) is not None:
        last_year = int(bare[1])
    else:
        bare = None
    names = tp.groups
    months: tuple[int, int] | None = None  # the months of the last range of months (1—9月), for 同期
    for m in tp.any.finditer(text):
        g = dict(zip(names, m.groups()))  # one read of all groups (see group_names)
        named_before = last_year  # a time that describes or sets a deadline names no year for 全年
        start: str | None = None
        end: str | None = None
        as_of: str | None = None
        relative = False
        kind = "year"
        years = None
        same = False  # 2023年同期, 去年同期: the months of the range named before, in another year
        if g["plan"]:
            a, b = tp.plans[g["plan"]]
            start, end, kind = str(a), str(b), "plan"
        elif g["y1"]:
            a, b = _year(g["y1"], tp), _year(g["y2"], tp)
            if a is None or b is None or b < a:
                continue
            start, end, kind = str(a), str(b), "range"
            last_year = b
        elif g["dy"]:
            # 2024年11月18日—11月24日, 2024年11月18日至24日: a report's days, read as their months
            y = _year(g["dy"], tp)
            a = int(g["dm1"])
            b = int(g["dm2"]) if g["dm2"] else a
            if y is None or not 1 <= a <= b <= 12:
                continue
            start, end, kind, last_year = _ym(y, a), _ym(y, b), "month", y
        elif g["m2"]:
            # 1-10月, 2023年1月至10月, 二〇二四年一至九月: months of the year named (or the last year named)
            a, b = _cn_small(g["m1"]) or 0, _cn_small(g["m2"]) or 0
            if not (1 <= a < b <= 12):
                continue
            months = (a, b)
            year = _year(g["ry"], tp) if g["ry"] else (last_year or pub_year)
            kind = "month"
            if year is None:
                relative = True
            else:
                start, end = _ym(year, a), _ym(year, b)
                last_year = year
        elif g["fn"]:
            # 前10个月, 今年前两个月, 2024年前10月: the months from January (提前2个月 is no time)
            b = _cn_small(g["fn"]) or 0
            if not 1 <= b <= 12:
                continue
            months = (1, b)
            kind = "month"
            if g["fy"]:
                year = _year(g["fy"], tp)
            elif g["frel"]:
                off = tp.rel[g["frel"]]
                year = last_year if g["frel"] in tp.context_years and last_year else (pub_year + off if pub_year else None)
            else:
                year = last_year or pub_year
            if year is None:
                relative = True
            else:
                start, end = _ym(year, 1), _ym(year, b)
                last_year = year
        elif g["alone"]:
            a, b = tp.alone[g["alone"]]
            months = (a, b)  # 前三季度, then 去年同期
            year = last_year or pub_year
            kind = "month"
            if year is None:
                relative = True
            else:
                start, end = _ym(year, a), _ym(year, b)
        elif g["ny"]:
            # 截至2023.6.30, 2023/6以来: a date written with digits only is a time only after
            # an as-of word or before a since word (a by-line's 2023-06-30 is no period)
            y, mon = _year(g["ny"], tp), int(g["nm"])
            if y is None or not 1 <= mon <= 12 or not (g["asof"] or g["since"]) \
                    or (g["nd"] and not 1 <= int(g["nd"]) <= 31):
                continue
            start = end = _ym(y, mon)
            kind, last_year = "date" if g["nd"] else "month", y
        elif g["y"] or g["yy"]:
            mon = _cn_small(g["mon"]) if g["mon"] else None
            y = _year(g["y"], tp) if g["y"] else _short_year(int(g["yy"]), pub_year, mon, tp)
            if y is None:
                continue
            if mon is not None and not 1 <= mon <= 12:
                continue
            last_year = y
            if g["part"] and mon is not None:
                start = end = _ym(y, mon)  # 2023年10月底: the end of October, a month
                kind = "month"
            elif g["part"]:
                a, b = tp.parts[SHORT_PARTS.get(g["part"], g["part"])]
                start, end, kind = _ym(y, a), _ym(y, b), "month"
                months = (a, b)  # 2024年上半年, then 2023年同期
            elif mon is None and months and text.startswith(tp.same_period, m.end()):
                start, end, kind, same = _ym(y, months[0]), _ym(y, months[1]), "month", True  # 2023年同期: its months
            else:
                start = end = _ym(y, mon)
                kind = "date" if g["day"] else "month" if mon else "year"
        elif g["rel"]:
            kind, relative = "relative", True
            off = tp.rel[g["rel"]]
            base = last_year if g["rel"] in tp.context_years and last_year else (pub_year + off if pub_year else None)
            if base is not None:
                relative, last_year = False, base  # 今年…截至8月底: August of this year
                mon = int(g["rmon"]) if g["rmon"] else None
                a, b = (int(g["rm1"]), int(g["rm2"])) if g["rm1"] else (0, 0)
                if g["rm1"] and 1 <= a < b <= 12:
                    start, end, kind = _ym(base, a), _ym(base, b), "month"  # 今年1—6月
                    months = (a, b)
                elif g["rpart"]:
                    a, b = tp.parts[g["rpart"]]
                    start, end = _ym(base, a), _ym(base, b)
                    months = (a, b)  # 今年上半年, then 2023年同期
                elif mon is None and months and text.startswith(tp.same_period, m.end()):
                    start, end, kind, same = _ym(base, months[0]), _ym(base, months[1]), "month", True  # 去年同期
                else:
                    start = end = _ym(base, mon)
        elif g["rec"]:
            kind, relative = "recent", True
            n = _cn_small(g["recn"])
            if n and recent_end:
                start, end, relative = str(recent_end - n + 1), str(recent_end), False
                if n == 1:
                    last_year = recent_end  # 过去一年…全年改造…: the year reviewed
        elif g["recy"]:
            kind, relative = "recent", True
        elif g["fut"]:
            # 未来三年: the N years after the publication's (from its own in its first months)
            kind, relative = "range", True
            n = _cn_small(g["futn"])
            if n and recent_end:
                first = recent_end + 1
                start, end, relative = str(first), str(first + n - 1), False
        elif g["rspan"]:
            kind, relative = "range", True
            a, b = tp.relative_spans[g["rspan"]]
            if pub_year:
                start, end, relative = str(pub_year + a), str(pub_year + b), False
        elif g["md_m"]:
            mon = int(g["md_m"])
            if not 1 <= mon <= 12 or (g["md_d"] and not 1 <= int(g["md_d"]) <= 31):
                continue
            kind = "date"
            year = last_year or pub_year
            if year is None and g["asof"]:
                # 截至10月底，全区2024年计划改造的…: in an undated text, the year its sentence names
                ahead = SENTENCE_YEAR.match(text, m.end(), min(len(text), m.end() + SENTENCE_YEAR_REACH))
                year = _year(ahead[1], tp) if ahead else None
            if year is None:
                relative = True
            else:
                start = end = _ym(year, mon)
        elif g["bm"]:
            # 已于5月交付使用: a month alone after 于, or opening a clause (7月，…; a table's month
            # column: 7月新开工…), in the year last named or the publication's
            # (the year before when said done of a month still to come: 已于11月 in a January release)
            bare_month = _cn_small(g["bm"])
            if bare_month is None or not 1 <= bare_month <= 12:
                continue
            kind = "month"
            year = last_year
            if year is None and pub_year is not None:
                done = any(w in text[max(0, m.start() - 3):m.start()] for w in tp.realis)
                year = pub_year - 1 if pub_month and bare_month > pub_month and done else pub_year
            if year is None:
                relative = True
            else:
                start = end = _ym(year, bare_month)
        elif g["ys"]:
            # 年初以来: since the start of the year last named, else the publication's
            year = last_year or pub_year
            kind = "year"
            if year is None:
                relative = True
            else:
                start = end = str(year)
        elif g["now"]:
            kind, relative = "now", True
            if pub_year is not None and pub_month and g["now"] in tp.last_month:
                y, mon = (pub_year, pub_month - 1) if pub_month > 1 else (pub_year - 1, 12)
                start = end = _ym(y, mon)  # 上月新开工3个: the month before the publication's, a period
                kind, relative = "month", False
            elif pub_year is not None and g["now"] in tp.this_week:
                start = end = _ym(pub_year, pub_month)  # 本周新开工3个: the week's month, a period
                kind, relative = "month", False
            elif published:
                as_of, relative = _ym(pub_year, pub_month), False
        elif g["dur"]:
            kind = "duration"
            years = _cn_small(g["dur"])
            if not years:
                continue
            if pub_year and text.startswith(("来", "以来"), m.end("dur") + 1):
                # 三年来: the N years up to the publication, when no year named before it
                # anchors them (association decides)
                start, end = str(recent_end - years + 1), str(recent_end)
        else:
            continue
        if g["asof"]:
            if kind == "now":
                pass
            elif end or start:
                as_of = end or start
                start = end = None
                kind = "as_of"
        after = text[m.end():m.end() + 8]
        if DESCRIPTIVE_BOUNDARY.match(after):
            last_year = named_before
            continue  # 2000年底前建成的小区, 2000年以前: a boundary that describes, not a period
        if tp.built_in is not None and kind in ("year", "month", "date") and \
                tp.built_in.search(text, max(0, m.start() - 3), m.start()):
            last_year = named_before
            continue  # 建于1992年的小区: when the thing was built
        if tp.year_described is not None and text[max(0, m.start() - 2):m.start()].lstrip("“\"‘").endswith("是") \
                and tp.year_described.match(text, m.end()):
            last_year = named_before
            continue  # 今年是“十四五”规划收官之年: what the year is, not a period
        if tp.reported is not None and kind in ("month", "date", "now") and \
                tp.reported.search(text, max(0, m.start() - 8), m.start()):
            last_year = named_before
            continue  # 记者1月15日从区住建局获悉, 记者近日获悉: when the news was gathered, not the work
        if tp.comparison is not None and kind in ("year", "relative", "month", "date") and \
                tp.comparison.search(text, max(0, m.start() - 2), m.start()):
            last_year = named_before
            continue  # 比上年多改造15个, 较2022年增加, 较上年同期, 较9月底提高: the base of a comparison dates nothing
        if same:
            # the figure compared with is that clause's own: no period for the text after it, and
            # no year for a part of a year named later (…，去年同期为98亿元。…前三季度: this year's)
            kind, last_year = "compared", named_before
        if kind == "date" and _alone_on_line(text, m.start(), m.end()):
            last_year = named_before  # 2024年3月28日 on a line of its own dates the document, not the text's year
        if (start or end) and kind in ("year", "month", "date", "relative") and (
                after.startswith("前")  # 2025年底前完成
                or (not g["asof"] and text[m.start() - 1:m.start()] in tp.until)  # 到2025年底
                or (tp.deadline_plan is not None and tp.deadline_end.match(after)  # 预计2027年底全部完成
                    and tp.deadline_plan.search(text, max(0, m.start() - 4), m.start())
                    and m.group() not in tp.whole_years)):
            # the end of the period (年内, the whole year, starts it too)
            start, kind, last_year = start if m.group() in tp.year_deadlines else None, "deadline", named_before
        if g["bm"] and kind == "month" and not g["since"] and not (
                text[m.end():m.end() + 1] in "，," and text[m.start() - 1:m.start()] in "\n。；;"):
            # 已于5月交付使用: when that clause's work happened, no period for others; but a month
            # opening a sentence as its own clause (5月，全区新开工…) is the time of that sentence
            kind = "event"
        since = bool(g["since"]) or (kind in ("year", "month", "date") and (
            (text[max(0, m.start() - 1):m.start()] == "自" and tp.since_ahead.match(text[m.end():]))
            # 从2022年起, 自2021年开始: from that time on (自2024年4月1日起至6月30日止 is a range's start)
            or _from_on(text, m.start(), m.end(), tp)))
        if since and kind not in ("range", "duration"):
            end = None  # “十四五”以来 like 2021年以来: from the plan's first year on
            # …up to now: a year written out names no year for a month or 年底 after it
            # (2023年以来…截至10月底 in a 2024 release is October 2024; 今年以来 does)
            if kind in ("year", "month", "date"):
                last_year = named_before
            if kind == "now":
                continue
        s, e = norm.to_source(m.start(), m.end())
        out.append(TimeMention(
            text=norm.source[s:e], span=(s, e), start=start, end=end, relative=relative,
            as_of=as_of, kind=("since" if since and kind in ("year", "month", "date", "plan") else kind),
            nspan=(m.start(), m.end()), years=years,
        ))
    if bare is not None and not (out and out[0].nspan[0] < title_end):
        s, e = norm.to_source(bare.start(), bare.end())
        out.insert(0, TimeMention(text=norm.source[s:e], span=(s, e), start=bare[1], end=bare[1],
                                  kind="year", nspan=(bare.start(), bare.end())))
    return out


TITLE_MAX = 40  # the longest first line read as a title for a year without 年
# The first year written in digits later in the same sentence (no 。！？; or line break before it;
# matched from the end of the as-of date, so that the sentence's end bounds it).
SENTENCE_YEAR = regex.compile(r"[^。！？!?；;\n]*?(?<!\d)((?:19|20)\d\d)年(?![底末])")
SENTENCE_YEAR_REACH = 40  # characters after an as-of date searched for its year


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands on a line of its own (spaces aside)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    return not text[ls:start].strip() and not text[end:le].strip()
