"""Markup removal: YAML front matter, HTML tags/entities/scripts, light Markdown.

Every step returns ``(text, OffsetMap)``; the map points into the step's input.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import NamedTuple

import regex

from .offsets import Builder, OffsetMap, rewrite

log = logging.getLogger(__name__)

# Front matter: optional blank lines, a line of ---, YAML, a line of --- (Jekyll/Hexo style).
FRONT_MATTER = regex.compile(r"\A\s*^---[ \t]*\n(?P<body>.*?)^---[ \t]*(?:\n|\Z)", regex.M | regex.S)

# HTML is handled only when the text really has tags.
HTML_HINT = regex.compile(
    r"<(?:p|div|br|span|html|body|head|script|style|a|img|h[1-6]|li|ul|ol|table|td|tr|section|article|font|strong|b|i|em)\b[^<>]*>|&(?:nbsp|amp|lt|gt|quot|#\d+);",
    regex.I,
)
HTML_TOKEN = regex.compile(
    r"""(?P<drop><script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<head\b.*?</head\s*>)
      | (?P<rowend></tr\s*>\s*)
      | (?P<tag></?(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<![^<>]*>)
      | (?P<entity>&(?:[a-zA-Z][a-zA-Z0-9]{1,10}|\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6});)""",
    regex.S | regex.I | regex.X,
)
# Tags whose boundaries are paragraph boundaries; every other tag is inline and just vanishes.
BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote pre hr dd dt dl header footer".split()
)
# A table cell ends with a comma and a row with a full stop, so that the cells of a row read as
# the parts of one sentence and their numbers stay apart (<td>12</td><td>3200户</td> read as
# 123200户 when the cells were glued).
CELL_END_TAGS = frozenset(("td", "th"))
# A table whose header row gives a column's unit (改造小区（个）, 投资(万元), 2025年计划投资（万元）): each bare number of
# that column reads as the header's label, the number and the unit (王寨街道，改造小区16个，…),
# so that its row reads like a sentence.  The inserted words take no characters of the input:
# the number keeps its own span.
HEADER_CELL = regex.compile(r"\s*(?P<year>(?:19|20)\d\d年度?)?(?P<label>[^\s，,()（）。\d][^，,()（）。\n]{0,11}?)\s*[（(](?P<unit>[^\s，,()（）\d]{1,5})[）)]\s*")
PLAIN_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # 1,250 or 12.5, no unit
BARE_NUMBER = regex.compile(rf"(?:\s|&nbsp;)*{PLAIN_NUMBER}(?:\s|&nbsp;)*")
# …or one with its own 万 or 亿 (1.4万 in a column of 户), read with a unit holding no such word
SCALED_NUMBER = regex.compile(r"(?:\s|&nbsp;)*\d+(?:\.\d+)?[万亿](?:\s|&nbsp;)*")


# …or, in a column whose header is words (年度目标 | 已筹集) over rows naming no unit, a number
# with a unit of its own (1200套): the header's words go before it (年度目标1200套)
# (not a year or a date: 2023年 heads a column)
UNIT_NUMBER = regex.compile(r"(?:\s|&nbsp;)*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[万亿]?(?![年月日号])\p{Han}{1,3}(?:\s|&nbsp;)*")


def _fits(text: str, s: int, e: int, column: Column) -> bool:
    """Whether the cell ``text[s:e]`` takes ``column``'s words: a bare number when the column
    has a unit (``_bare``), else a number with its own unit."""
    if column is YEAR_COLUMN:
        return YEAR_CELL.fullmatch(text, s, e) is not None
    if column.unit:
        return _bare(text, s, e, column.unit)
    return UNIT_NUMBER.fullmatch(text, s, e) is not None


def _bare(text: str, s: int, e: int, unit: str) -> bool:
    """Whether the cell ``text[s:e]`` is a number a column's ``unit`` goes after (1.4万 with 户,
    not with 万元)."""
    return BARE_NUMBER.fullmatch(text, s, e) is not None or (
        unit[:1] not in "万亿" and SCALED_NUMBER.fullmatch(text, s, e) is not None)
HTML_CELL = regex.compile(r"<t[dh]\b[^<>]*>(.*?)</t[dh]\s*>", regex.S | regex.I)
HTML_ROW_END = regex.compile(r"</tr\s*>", regex.I)
TAG = regex.compile(r"<[^<>]*>")

# Light Markdown: heading hashes, emphasis markers, [text](url) links and images.
MD_TOKEN = regex.compile(
    r"(?P<table>(?:^[ \t]*\|[^\n]*\|[ \t]*(?:\n|\Z)){2,})|"
    r"(?P<hash>^[ \t]{0,3}\#{1,6}[ \t]+)(?P<htext>[^\n]*)(?P<hnl>\n)?|(?P<emph>\*\*|__)|(?P<img>!\[[^\]\n]*\]\([^)\n]*\))|(?P<link>\[(?P<ltext>[^\]\n]+)\]\((?P<url>[^)\n]*)\))",
    regex.M,
)
CR = regex.compile(r"\r\n?")
MD_HINT = regex.compile(r"^[ \t]{0,3}\#{1,6}[ \t]+\S|\*\*\S|\]\(|^[ \t]*\|[^\n]*\|[ \t]*$", regex.M)
# A pipe table: its rows, the line under the header (| --- | :---: |) and the pipes of a row.
MD_TABLE_RULE = regex.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*")
MD_ROW = regex.compile(r"[^\n]+")
MD_CELL = regex.compile(r"(?<=\|)[ \t]*([^|\n]*?)[ \t]*(?=\|)")


# A table drawn with box characters (┌──┬──┐ / │ 街道 │ 计划改造（个）│ / └──┴──┘), as text exports of
# spreadsheets and PDFs print them: each of its lines, one character for one, becomes a line of a
# pipe table (rules of dashes, cells between pipes), which ``strip_markdown`` then reads.
BOX_CHARS = "─━│┃┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬"
BOX_TABLE = str.maketrans({c: ("-" if c in "─━═" else "|") for c in BOX_CHARS})
BOX_LINE = regex.compile(rf"^[ \t]*[{BOX_CHARS}][^\n]*$", regex.M)


def box_tables(text: str) -> tuple[str, OffsetMap]:
    """Lines opening with a box-drawing character as lines of a pipe table (see ``BOX_TABLE``);
    one character for one, so the offsets stay those of the input."""
    if not any(c in text for c in "│┃║"):
        return text, OffsetMap.identity(len(text))
    return BOX_LINE.sub(lambda m: m.group().translate(BOX_TABLE), text), OffsetMap.identity(len(text))


def newlines(text: str) -> tuple[str, OffsetMap]:
    """CRLF and CR to LF."""
    if "\r" not in text:
        return text, OffsetMap.identity(len(text))
    return rewrite(text, CR.finditer(text), lambda m, b: b.put("\n", m.start(), m.end()))


# 二〇二四年五月十六日: a date written in Chinese numerals
CN_DATE = regex.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def _cn_int(s: str) -> int:
    """2024, 二〇二四, 十六, 二十 → int (a year digit by digit, a month or day with 十)."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def _parse_date(value: object) -> str | None:
    """Publication date as YYYY-MM-DD from the forms front matter uses."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = regex.match(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", s) or CN_DATE.match(s)
    if m:
        try:
            return date(*(_cn_int(g) for g in m.groups())).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# The keys a front matter may date its page with, first found first: SPEC's ``date`` (Jekyll, Hugo,
# Eleventy), then the publication keys of other site generators and CMS exports (Hugo's publishDate,
# Astro's pubDate, Ghost's published_at).
DATE_KEYS = ("date", "published", "publishDate", "publish_date", "pubDate", "pubdate", "published_at")


def front_matter(text: str) -> tuple[str, OffsetMap, dict]:
    """Strip a YAML front matter block and return its metadata."""
    m = FRONT_MATTER.match(text) if text.lstrip().startswith("---") else None
    if not m:
        return text, OffsetMap.identity(len(text)), {}
    import yaml  # only documents with front matter pay for it

    meta: dict = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(m["body"], Loader=loader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        # not YAML, or a value YAML cannot build (date: 2022-17-08): no metadata, text kept
        log.debug("front matter not readable: %s", exc)
        data = None
    if isinstance(data, dict):
        for key in ("title", "author"):
            if data.get(key) is not None:
                meta[key] = str(data[key])
        cats = data.get("categories") or data.get("tags")
        if isinstance(cats, list):
            meta["categories"] = [str(c) for c in cats if c is not None]
        elif isinstance(cats, str):
            meta["categories"] = [cats]
        published = next((got for key in DATE_KEYS if (got := _parse_date(data.get(key)))), None)
        if published:
            meta["published"] = published
    b = Builder(text)
    title = _title_span(text, m, meta.get("title"))
    if title is None:
        b.put("", 0, m.end())
    else:
        # the title stays as the text's first line (its own characters of the front matter), so
        # that what a title line tells (its year, 截至10月底 in brackets) is read as from one
        b.put("", 0, title[0])
        b.keep(*title)
        b.put("\n\n", title[1], m.end())
    b.keep(m.end(), len(text))
    out, omap = b.finish()
    return out, omap, meta


FRONT_TITLE = regex.compile(r"^title[ \t]*:[ \t]*[\"']?(?P<value>[^\n]*?)[\"']?[ \t]*$", regex.M)


def _title_span(text: str, m: regex.Match, title: str | None) -> tuple[int, int] | None:
    """Where the front matter's title is written in ``text`` (its ``title:`` line, quotes
    aside), when it is written there as read."""
    if not title:
        return None
    t = FRONT_TITLE.search(text, m.start("body"), m.end("body"))
    if t is None or t["value"] != title:
        return None
    return t.span("value")


# <meta name="PubDate" content="2023-12-20 10:30">, <meta property="article:published_time" …>; an
# RSS item's <pubDate>Tue, 17 Sep 2024 09:12:00 +0800</pubDate>, an Atom entry's <published>
HTML_DATE = regex.compile(
    r"""<meta\s[^<>]*?(?:name|property)\s*=\s*["']?(?:pubdate|publishdate|publish_date|PubDate|article:published_time|og:published_time|date)["']?[^<>]*?content\s*=\s*["']([^"'<>]+)["']"""
    r"""|<(?:pubDate|published)>\s*([^<>]{6,40}?)\s*</(?:pubDate|published)>""",
    regex.I,
)
# 发布时间：2023-12-20, 发布日期：2023年12月20日, a broadcast's 播出时间, the 回复时间 of a reply to a
# citizen's message (not its 留言时间) — near the top of a page's text
# (not the date a document was written or takes effect: 成文日期, 生效日期 in a metadata block)
TEXT_DATE = regex.compile(
    r"(?:发布时间|发布日期|发稿时间|发表时间|播出时间|播发时间|回复时间|答复时间|(?<!成文|印发|生效|实施|失效)日期)\s*[:：]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
    # a by-line of its own: 2024-01-18 09:12  来源：… or 2024年9月3日 来源：… (a date, a clock time, the source)
    r"|(?m:^)[ \t]*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*(?:来源|信息来源|作者|编辑)\s*[:：]"
    # …or a by-line of labelled fields with the date last (来源：湖北日报｜作者：李四｜2024年11月21日)
    r"|(?m:^)[ \t]*(?:来源|信息来源|作者|编辑)\s*[:：][^\n]{0,40}?[|｜丨，,\s]\s*(?:(?:发布)?(?:时间|日期)\s*[:：]\s*)?"
    r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"
    # the date line under the title of a speech or work report: ——2024年1月8日在…会议上,
    # （2024年1月8日在…会议上）
    r"|(?m:^)[ \t]*(?:[—–-]{1,2}|[（(])[ \t]*(\d{4}年\d{1,2}月\d{1,2}日)[ \t]*在"
)
TEXT_DATE_WORDS = ("时间", "日期", "来源", "作者", "编辑", "日在")
# A full date (2024-06-12, 2024年6月12日, 二〇二四年六月十二日), and a clock time after one.
WRITTEN_DATE = r"\d{4}年\d{1,2}月\d{1,2}日|" + CN_DATE.pattern.replace("(", "(?:")  # with 年月日
FULL_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|" + WRITTEN_DATE
CLOCK = r"(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?"  # 08:30 after a date
# A by-line with no label: a line of its own near the top holding a full date, perhaps after a
# short name and before a clock time and a short source (镜湖发布 2024-06-12 18:05 发表于安徽,
# 2023年11月28日  泉州晚报, 二〇二四年五月十六日　永丰县融媒体中心; a bar may part them: 北京日报客户端 | 2025-01-16;
# up to three short words before the date: a WeChat article's 原创 孝南发布 孝南发布 2024年08月12日 08:30 湖北);
# no sentence punctuation.  The
# date in brackets under the title of a report ((2024年1月22日)) is one too, perhaps after the
# issuer's name and before 发布 ((徐州市住房和城乡建设局  2025年3月12日发布)), or a broadcast's 播出
# ((万州区融媒体中心 2024年8月20日播出)).
BYLINE_GAP = r"(?:[ \t\u3000]*[|｜][ \t\u3000]*|[ \t\u3000]+)"  # spaces or a bar between a by-line's parts
BYLINE = regex.compile(
    r"(?m)^[ \t\u3000]*(?:[^\s，。,；;：:|｜]{1,16}" + BYLINE_GAP + r"){0,3}"
    r"(" + FULL_DATE + r")"
    + CLOCK + r"(?:" + BYLINE_GAP + r"[^\n，。,；;！？!?]{1,24})?[ \t\u3000]*$"
    r"|^[ \t\u3000]*[（(][ \t\u3000]*(?:[^\s，。,；;：:()（）]{2,20}[ \t\u3000]+)?"
    r"(" + WRITTEN_DATE + r")"
    r"[ \t\u3000]*(?:发布|播出)?[)）][ \t\u3000]*$")
TEXT_DATE_WINDOW = 600  # characters from the top searched for such a line
# A field holding only a date (发布时间：2024-05-20, 发布日期：2024年5月20日 10:30): like a by-line, a
# line of its own, never the end of a title line above it nor the start of the text below.
DATE_FIELD = regex.compile(
    r"[ \t\u3000]*[^\s，。,；;：:\d]{2,8}[：:][ \t\u3000]*(?:" + FULL_DATE + r")" + CLOCK + r"[ \t\u3000]*")
# the date under the signature that closes an official report or notice: a line of its own,
# the last of the text (…住房和城乡建设局\n2024年1月12日), or the newspaper and date closing a
# republished article ((厦门日报 2023年11月9日))
SIGNATURE_DATE = regex.compile(
    r"(?:^|\n)[ \t]*(?:[（(][^\n（）()]{0,20}?[ \t\u3000]*(?=\d{4}\s*年[^\n]*[)）]\s*$))?"
    r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[ \t]*[)）]?\s*$"
    # …or a closing source line with a date in digits (来源：南宁日报　2024-03-18), perhaps in
    # brackets ((来源：厦门市湖里区建设局　2024-07-15))
    r"|(?:^|\n)[ \t]*[（(]?(?:来源|信息来源|稿源)[:：][^\n\d]{1,20}?[ \t\u3000]+(\d{4}-\d{1,2}-\d{1,2})[ \t]*[)）]?\s*$"
    # …or the date before the newspaper's name ((2024年12月21日 合肥日报))
    r"|(?:^|\n)[ \t]*[（(](\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[ \t\u3000]+[^\n\d（）()]{2,20}[)）]\s*$")
SIGNATURE_WINDOW = 60


def page_date(raw: str, text: str) -> str | None:
    """Publication date from an HTML meta tag or a 发布时间 line at the top of the text."""
    head = raw[:20000]
    m = HTML_DATE.search(head) if "<" in head else None
    if m:
        found = _parse_date(m[1] or m[2])
        if found:
            return found
    # the normalised text first (markup gone); the raw lines, where line repair joined a
    # by-line to the title above it
    m = None
    for top in (text[:TEXT_DATE_WINDOW], raw[:TEXT_DATE_WINDOW]):
        # every branch of TEXT_DATE holds one of these words: most pages are passed at once
        if any(w in top for w in TEXT_DATE_WORDS):
            m = TEXT_DATE.search(top)
            if m:
                break
    if m:
        return _parse_date(next(g for g in m.groups() if g))
    for top in (text[:TEXT_DATE_WINDOW], raw[:TEXT_DATE_WINDOW]):
        m = BYLINE.search(top)
        if m:
            return _parse_date(m[1] or m[2])
    m = SIGNATURE_DATE.search(raw[-SIGNATURE_WINDOW:]) or SIGNATURE_DATE.search(text[-SIGNATURE_WINDOW:])
    return _parse_date(m[1] or m[2] or m[3]) if m else None


def strip_html(text: str) -> tuple[str, OffsetMap]:
    """Drop tags, scripts, styles and comments; decode entities; block tags become line breaks.

    Whether two ``<p>`` fragments really are separate paragraphs is decided later by the
    layout step, which sees the same blank line a PDF paragraph break gives."""
    if ("<" not in text and "&" not in text) or not HTML_HINT.search(text):
        return text, OffsetMap.identity(len(text))
    return rewrite(text, HTML_TOKEN.finditer(text), _HtmlTokens(text))


class Column(NamedTuple):
    """How a bare number of a table's column is read: ``label`` before it and ``unit`` after it,
    both taking no characters of the input; in a table whose rows name their units, ``head``
    before the label: the words of the column's header cell (a year, 已开工), standing for the
    header cell ``head_span`` of the input (a period or a signal read from them is traced to that
    cell)."""

    label: str
    unit: str
    head: str = ""
    head_span: tuple[int, int] | None = None


def header_units(cells: list[str], text: str = "", spans: list[tuple[int, int]] | None = None) -> list[Column | None] | None:
    """(label, unit) of each header cell that names a unit (改造小区（个）), None for the others;
    None when no cell does.  A year opening the cell (2025年计划投资（万元）) is its column's head,
    standing for those characters of the header cell at ``spans`` of ``text``, and is left out
    without them.  Beside such cells, a column of years (年度, 年份; a project's 建设起止年限)
    puts 年 after each year or range of years of its rows (2024 → 2024年, 2025—2026 → 2025—2026年),
    which then dates the row."""
    cols: list[Column | None] = []
    for i, c in enumerate(cells):
        h = HEADER_CELL.fullmatch(c)
        if h is None:
            cols.append(None)
            continue
        col = Column(h["label"], h["unit"])
        if h["year"] and spans is not None and i < len(spans):
            k = text.find(h["year"], spans[i][0], spans[i][1])
            if k >= 0:
                col = col._replace(head=h["year"], head_span=(k, k + len(h["year"])))
        cols.append(col)
    if not any(cols):
        return None
    return [YEAR_COLUMN if c is None and YEAR_COLUMN_HEADER.fullmatch(cell) else c for c, cell in zip(cols, cells)]


# …and so does a column of a project's years (建设起止年限 | 2025—2026: 2025—2026年)
YEAR_COLUMN_HEADER = regex.compile(r"\s*(?:年\s*度|年\s*份|(?:建\s*设|实\s*施)?(?:起\s*止)?年\s*限)\s*")
YEAR_COLUMN = Column("", "年")
YEAR_CELL = regex.compile(r"(?:\s|&nbsp;)*(?:19|20)\d\d(?:\s*(?:-|—{1,2}|–|~|～|－|至)\s*(?:19|20)\d\d)?(?:\s|&nbsp;)*")


# A table whose rows name what they count and its unit (改造老旧小区（个）) under a header whose
# columns say which figure each is: years (指标 | 2023年 | 2024年 | 2025年 | 合计), as plans print
# their yearly targets, or words (项目 | 年度计划 | 已开工 | 已完工), as progress tables print a
# year's targets beside what is done.  Each bare number of such a column reads as the header's
# words, the row's label, the number and the row's unit (2023年改造老旧小区186个, 已开工老旧小区
# 改造32个).  A total column after years (合计, 总计, 三年小计) covers them all (2023年至2025年…).
# Label and unit take no characters of the input; the header's words stand for its cell, so a
# period or a signal read from them is traced to the header.  Columns whose header names a unit
# of its own (完成投资（万元）) keep it, in every row.
YEAR_HEADER_CELL = regex.compile(r"\s*((?:19|20)\d\d)\s*年?度?\s*(?:[（(]?\s*(?P<word>计划|目标|预计|任务)\s*[)）]?)?\s*")
YEAR_IN_CELL = regex.compile(r"(?:19|20)\d\d年?")
TOTAL_HEADER_CELL = regex.compile(r"\s*[^\d\s，,()（）]{0,4}[合总小累共]\s*计\s*")
# A first header cell naming a column of row numbers (序号): in a table of one cell per line
# (序号\n区县\n改造小区（个）…\n1\n芙蓉区\n24) each row's first cell must then be its number in turn,
# or a total's label (合计), after which an empty line may stand for a word cell left empty
# (合计\n\n95\n12500); in a plain-text table a total's label may stand under the next column,
# the number left out (合计    113    16360).
SEQUENCE_HEADER = regex.compile(r"[ \t\u3000]*(?:序\s*号|编\s*号|序)[ \t\u3000]*")
# …a column's words may open with the months they cover (1-10月完成, 1—9月完成)
WORD_HEADER_CELL = regex.compile(r"\s*(?:(?:19|20)\d\d年度?|\d{1,2}\s*[-—－~至]\s*\d{1,2}月份?)?\p{Han}{2,8}\s*")
# A header cell saying that its column gives each row's unit (指标名称 | 单位 | 年度计划 | 1-10月完成),
# as statistical tables print them, and such a cell of a row (个, 公里)
UNIT_HEADER_CELL = regex.compile(r"\s*(?:计量)?单\s*位\s*")
UNIT_CELL = regex.compile(r"\s*([^\s，,()（）\d.%％]{1,5})\s*")
WORD_COLUMNS_MIN = 2


@dataclass(frozen=True, slots=True)
class LabelColumns:
    """The header of a table whose rows name their label and unit: per column, the words that go
    before the label of a row's figure in it and the header cell they stand for, or the
    ``Column`` of a header cell naming its own unit (None: the column holds no figures to
    read)."""

    heads: tuple[tuple[str, tuple[int, int] | None] | Column | None, ...]
    unit_col: int = -1  # the column giving each row's unit (单位), if any

    def of_row(self, cells: list[str]) -> list[Column | None] | None:
        """The columns for the row of ``cells``: its first cell names its label and unit
        (改造老旧小区（个）), or the last cell of words before the unit column its label when that
        column gives its unit (1 | 老旧小区改造 | 个 | 18: not the serial number), or a later cell
        names them (涪城区 | 老旧小区改造（个） | 46 under 区县 | 类别 | 完成数量); when none does, only
        the columns naming their own unit (None when there are none)."""
        first = cells[0] if cells else ""
        h = HEADER_CELL.fullmatch(first)
        if h is None and self.unit_col < 0:
            h = next((m for c in cells[1:] if (m := HEADER_CELL.fullmatch(c))), None)
        if h is not None:
            label, unit = h["label"], h["unit"]
        else:
            u = UNIT_CELL.fullmatch(cells[self.unit_col]) if 0 < self.unit_col < len(cells) else None
            # the label: the last cell before the unit column holding words (not a serial number)
            label = next((c.strip() for c in reversed(cells[:self.unit_col])
                          if c.strip() and not BARE_NUMBER.fullmatch(c)), "") if u is not None else ""
            if u is None or not label:
                # no label: the columns naming their own unit, and the header's words alone for
                # the numbers with their own unit (章贡区 | 1200套 | 1056套 under 年度目标 | 已筹集)
                fixed = [c if isinstance(c, Column) else Column("", "", c[0], c[1])
                         if c and k < len(cells) and UNIT_NUMBER.fullmatch(cells[k]) else None
                         for k, c in enumerate(self.heads)]
                return fixed if any(fixed) else None
            unit = u[1]
        return [c if isinstance(c, Column) else Column(label, unit, c[0], c[1]) if c else None
                for c in self.heads]


def _cell_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` of a cell without the spaces around its words."""
    cs, ce = span
    while cs < ce and text[cs].isspace():
        cs += 1
    while ce > cs and text[ce - 1].isspace():
        ce -= 1
    return cs, ce


def year_columns(cells: list[str], text: str = "", spans: list[tuple[int, int]] | None = None) -> LabelColumns | None:
    """``LabelColumns`` of a header row (``cells``, found at ``spans`` of ``text``) whose cells
    after the first are years, two at least, perhaps with a total after them; or months (7月 |
    8月 | 9月 | 三季度合计), as monthly statistics print them."""
    matches = [YEAR_HEADER_CELL.fullmatch(c) for c in cells[1:]]
    years = [m[1] if m else None for m in matches]
    if sum(1 for y in years if y) < 2 and "月" in "".join(cells):
        return _month_columns(cells, text, spans)
    found = [y for y in years if y]
    if len(found) < 2 or None in years[:_before_totals(cells, years)]:
        return None
    out: list[tuple[str, tuple[int, int] | None] | None] = [None]
    for k, y in enumerate(years, 1):
        # 2024年（计划）: the year and the word saying what its figures are, standing for the cell
        m = matches[k - 1]
        word = m["word"] if y and m is not None else None
        where = None
        if spans is not None:
            m = YEAR_IN_CELL.search(text, *spans[k]) if y and not word else None
            where = m.span() if m else _cell_span(text, spans[k])  # a total: its cell's words
        out.append((f"{y}年{word or ''}", where) if y else (f"{found[0]}年至{found[-1]}年", where))
    return LabelColumns(tuple(out))


def _before_totals(cells: list[str], heads: list) -> int:
    """How many of ``heads`` (one per header cell after the first) come before the total cells
    closing the header (合计, 三季度合计): those left None are totals."""
    n = len(heads)
    while n and heads[n - 1] is None and TOTAL_HEADER_CELL.fullmatch(cells[n]):
        n -= 1
    return n


MONTH_HEADER_CELL = regex.compile(r"\s*((?:(?:19|20)\d\d年)?(?:1[0-2]|0?[1-9])月)份?\s*")


def _month_columns(cells: list[str], text: str, spans: list[tuple[int, int]] | None) -> LabelColumns | None:
    """``LabelColumns`` of a header whose cells after the first are months, two at least, perhaps
    with a total after them (三季度合计: the months from the first to the last)."""
    matches = [MONTH_HEADER_CELL.fullmatch(c) for c in cells[1:]]
    found = [m[1] for m in matches if m]
    if len(found) < 2 or None in matches[:_before_totals(cells, matches)]:
        return None
    out: list[tuple[str, tuple[int, int] | None] | None] = [None]
    for k, m in enumerate(matches, 1):
        where = None
        if spans is not None:
            cs, ce = _cell_span(text, spans[k])
            where = (cs, cs + len(m[1])) if m and text.startswith(m[1], cs) else (cs, ce)
        out.append((m[1], where) if m else (f"{found[0]}至{found[-1]}", where))
    return LabelColumns(tuple(out))


def word_columns(cells: list[str], text: str = "", spans: list[tuple[int, int]] | None = None,
                 units: list[Column | None] | None = None) -> LabelColumns | None:
    """``LabelColumns`` of a header row whose cells after the first are short words (年度计划,
    已开工, 2024年完成, 1-10月完成), two at least, or name a unit of their own (``units``, from
    ``header_units``), or say that the column gives each row's unit (单位)."""
    # the first column holds each row's label, or its year (年度: ``header_units``)
    out: list[tuple[str, tuple[int, int] | None] | Column | None] = \
        [YEAR_COLUMN if units is not None and units[0] is YEAR_COLUMN else None]
    words = 0
    unit_col = -1
    for k, c in enumerate(cells[1:], 1):
        if units is not None and units[k] is not None:
            out.append(units[k])
        elif unit_col < 0 and UNIT_HEADER_CELL.fullmatch(c):
            unit_col = k
            out.append(None)
        elif WORD_HEADER_CELL.fullmatch(c):
            words += 1
            where = _cell_span(text, spans[k]) if spans is not None else None
            out.append((c.strip(), where))
        else:
            return None
    return LabelColumns(tuple(out), unit_col) if words >= WORD_COLUMNS_MIN else None


Columns = list[Column | None] | LabelColumns


def row_columns(columns: Columns | None, cells: list[str]) -> list[Column | None] | None:
    """The columns for the row of ``cells`` of a table with ``columns``."""
    if isinstance(columns, LabelColumns):
        return columns.of_row(cells)
    return columns


def header_columns(cells: list[str], text: str, spans: list[tuple[int, int]] | None,
                   table_start: int | None = None, words: bool = True) -> Columns | None:
    """The columns of a table with header ``cells`` (found at ``spans`` of ``text``): each header
    cell's unit (``header_units``), read with the words of the other cells when rows name their
    units (``word_columns``); for a header of years, ``year_columns``; when no header cell names
    a unit, the unit of a line ending at ``table_start`` (单位：万元 right before the table) for
    every column, each labelled by its header cell; else ``word_columns``.  ``words`` False: no
    header of words (the first row groups the columns under it)."""
    cells = [c.strip() for c in cells]
    units = header_units(cells, text, spans)
    if units is not None:
        return (word_columns(cells, text, spans, units) if words else None) or units
    got: Columns | None = year_columns(cells, text, spans)
    if got is None and table_start is not None:
        unit = _unit_line(text, table_start)
        if unit:
            got = [Column(c, unit) if c else None for c in cells] or None
    if got is None and words:
        got = word_columns(cells, text, spans)
    return got


def _put_label(b: Builder, pos: int, column: Column) -> None:
    """Before a bare number at ``pos``: the column's head (standing for its header cell) and
    label."""
    if column.head:
        if column.head_span is None:
            b.put(column.head, pos, pos)
        else:
            hs, he = column.head_span
            b.put(column.head, hs, he, linear=column.head == b.src[hs:he])
    if column.label:
        b.put(column.label, pos, pos)


def _put_cell(b: Builder, text: str, s: int, e: int, column: Column | None) -> None:
    """Copy the cell ``text[s:e]``; a bare number in a column with a unit gets the column's label
    before it and the unit after it, both taking no input characters (its span stays its own)."""
    if column is not None and _fits(text, s, e, column):
        _put_label(b, s, column)
        b.keep(s, e)
        if column.unit:
            b.put(column.unit, e, e)
    else:
        nl = text.find("\n", s, e)
        while nl >= 0:  # a header cell wrapped onto the next line (涉及户数\n（户）): one cell
            b.keep(s, nl)
            s = nl + 1
            nl = text.find("\n", s, e)
        b.keep(s, e)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text``, the line break excluded."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


# A table set in plain text (PDF text, a bulletin typed with spaces): cells parted by two spaces
# or more, or tabs.  A header line whose cells name a unit (计划改造小区（个）), or years (2023年
# 2024年  合计, each row then naming its unit: see LabelColumns), or words beside a unit column
# (单位  年度计划  1-10月完成, each row giving its unit there), and the rows under it with as many
# cells are read like an HTML table: cells parted by commas, a row ended by a full
# stop, each bare number of a unit's column read with its label and unit (inserted, taking no
# input characters).  A two-character word set letter by letter (区  县, 合  计) is one cell.
# Cells may also be parted by two ideographic spaces or more (类别　　年度计划), or, in a table
# copied as comma-separated values, by half-width commas (区县,完成改造小区（个）,惠及居民（户）);
# a 单位：亿元 line right before a header naming no unit gives every column that unit.
TEXT_TABLE_HINT = regex.compile(
    r"^[ \t\u3000]*\S[^\n]*?(?:[ \u3000]{2,}|\t)(?:[^\n]*[（(][^\n（()）]{1,5}[）)]|[ \t]*(?:19|20)\d\d年?(?:[ \u3000]{2,}|\t)+(?:19|20)\d\d)"
    r"|^[ \t]*[^\s（(][^\n（()）]{0,11}[（(][^\n（()）\d]{1,5}[）)](?:[ \u3000]{2,}|\t)[ \t]*\d"  # a row naming its unit
    r"|^[ \t]*\S[^\n]*?(?:[ \u3000]{2,}|\t)(?:计量)?单 ?位(?:[ \u3000]{2,}|\t)"  # a header with a unit column
    r"|^[ \t]*单\s*位\s*[：:][^\n]{1,6}\n[ \t]*\S[^\n]*?(?:[ \u3000]{2,}|\t)"  # a 单位 line over a header
    r"|^[^\n,，]{1,20}(?:,[^\n,，]{1,20}){2,}$",  # comma-separated values
    regex.M)
TEXT_CELL_GAP = regex.compile(r"[ \u3000]{2,}|\t+[ \u3000]*")
CSV_LINE = regex.compile(r"[^\n,，]{1,20}(?:,[^\n,，]{0,20}){2,}")
TEXT_TABLE_MIN_CELLS = 3
HAN_CHAR = regex.compile(r"\p{Han}")


def _text_cells(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The cells of the line ``text[lo:hi]``: spans parted by gaps, letter-spaced single Han
    characters (区  县) joined into one cell."""
    cells: list[tuple[int, int]] = []
    pos = lo
    while pos < hi and text[pos] in " \t\u3000":
        pos += 1
    end = hi
    while end > pos and text[end - 1] in " \t\u3000":
        end -= 1
    if not TEXT_CELL_GAP.search(text, pos, end) and CSV_LINE.fullmatch(text, pos, end):
        return _csv_cells(text, pos, end)
    for m in TEXT_CELL_GAP.finditer(text, pos, end):
        cells.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        cells.append((pos, end))
    out: list[tuple[int, int]] = []
    for c in cells:
        if out and c[1] - c[0] == 1 and out[-1][1] - out[-1][0] == 1 and \
                HAN_CHAR.match(text, c[0]) and HAN_CHAR.match(text, out[-1][0]):
            out[-1] = (out[-1][0], c[1])
        else:
            out.append(c)
    return out


def _csv_cells(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The cells of a line of comma-separated values ``text[lo:hi]``, without spaces around."""
    cells = []
    pos = lo
    for i in range(lo, hi + 1):
        if i == hi or text[i] == ",":
            cells.append(_cell_span(text, (pos, i)))
            pos = i + 1
    return cells


def text_tables(text: str) -> tuple[str, OffsetMap]:
    """Plain-text tables under a header naming units, read as rows of cells (see above)."""
    if ("  " not in text and "\t" not in text and "\u3000\u3000" not in text and "," not in text) \
            or not TEXT_TABLE_HINT.search(text):
        return text, OffsetMap.identity(len(text))
    lines = line_spans(text)
    b = Builder(text)
    done = 0
    i = 0
    while i < len(lines):
        lo, hi = lines[i]
        cells = _text_cells(text, lo, hi) if TEXT_CELL_GAP.search(text, lo, hi) or "," in text[lo:hi] else []
        header = None
        if len(cells) >= TEXT_TABLE_MIN_CELLS:
            names = [text[s:e] for s, e in cells]
            header = header_columns(names, text, cells, table_start=lo)
        if header is None:
            i += 1
            continue
        rows = []
        row_cols = []
        numbered = SEQUENCE_HEADER.fullmatch(text, *cells[0]) is not None
        j = i + 1
        while j < len(lines):
            row = _text_cells(text, *lines[j])
            # 合计 under the place column of a table numbering its rows (序号): no number before it
            unnumbered = numbered and len(row) == len(cells) - 1 and bool(row) and \
                TOTAL_HEADER_CELL.fullmatch(text, *row[0]) is not None
            names = [text[s:e] for s, e in row]
            columns = row_columns(header, [""] + names if unnumbered else names) \
                if len(row) == len(cells) - unnumbered else None
            if columns is not None and unnumbered:
                columns = columns[1:]
            if columns is None or not any(
                    (c := columns[k]) and _bare(text, s, e, c.unit) for k, (s, e) in enumerate(row)):
                break
            rows.append(row)
            row_cols.append(columns)
            j += 1
        if not rows:
            i += 1
            continue
        done = _write_rows(b, text, lo, done, [cells, *rows], [None, *row_cols])
        i = j
    b.keep(done, len(text))
    return b.finish()


def _write_rows(b: Builder, text: str, lo: int, done: int, rows: list[list[tuple[int, int]]],
                cols: list[list[Column | None] | None]) -> int:
    """Write a table starting at ``lo`` after what is written up to ``done``: each row's cells
    parted by commas (a number of a unit's column with its label and unit, ``_put_cell``), the row
    ended by a full stop and made a paragraph of its own, which the line repair does not join.
    Returns how far the input is written."""
    if lo > done and text[lo - 1] == "\n":
        b.keep(done, lo - 1)
        b.put("\n\n", lo - 1, lo)
    else:
        b.keep(done, lo)
    for row, columns in zip(rows, cols):
        for n, (s, e) in enumerate(row):
            if n:
                b.put("，", row[n - 1][1], s)
            _put_cell(b, text, s, e, columns[n] if columns else None)
        end = row[-1][1]
        b.put("。", end, end)
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        b.keep(end, line_end)
        done = line_end
        if line_end < len(text):
            b.put("\n\n", line_end, line_end + 1)
            done = line_end + 1
    return done


# A table a PDF gives one cell per line (辖市区\n计划改造（个）\n已完工（个）\n天宁区\n14\n12\n…): a
# run of short lines, the first k (three at least) a header naming units (as a plain-text table's
# header does), then rows of k lines each, a label and the numbers of its columns (a dash for an
# empty cell).  They are read like a plain-text table's rows: cells parted by commas, a row ended
# by a full stop.  A narrow column's header may wrap its unit onto a line of its own (涉及户数\n
# （户）): that line ends the cell above it.
CELL_LINE = regex.compile(r"[ \t\u3000]*[^\s，,。；;：:！？!?]{1,16}[ \t\u3000]*")
EMPTY_CELL = regex.compile(r"[ \t\u3000]*[—\-－/／]{1,2}[ \t\u3000]*")
BRACKET_UNIT = r"[（(][^\s（()）\d]{1,5}[）)]"  # （个）, (万元) closing a header cell
LINE_TABLE_HINT = regex.compile(  # two header cells naming units, each on its line (or wrapped)
    rf"(?m)^[ \t]*[^\s（(，。]{{1,12}}\n?[ \t]*{BRACKET_UNIT}[ \t]*\n[ \t]*[^\s（(，。]{{1,12}}\n?[ \t]*{BRACKET_UNIT}[ \t]*$")
UNIT_ONLY_LINE = regex.compile(rf"[ \t\u3000]*{BRACKET_UNIT}[ \t\u3000]*")  # （户）: a wrapped unit
LINE_TABLE_MAX = 8  # the most columns read


def _header_lines(text: str, lines: list[tuple[int, int]], i: int) -> Iterator[tuple[list[tuple[int, int]], int]]:
    """The headers a table of one cell per line may have from line ``i``: (cells, line after) for
    each number of cells up to ``LINE_TABLE_MAX``, a line holding only a unit in brackets ending the
    cell above it (涉及户数\n（户）, ``UNIT_ONLY_LINE``)."""
    cells: list[tuple[int, int]] = []
    j = i
    while j < len(lines) and CELL_LINE.fullmatch(text, *lines[j]):
        span = _cell_span(text, lines[j])
        if cells and UNIT_ONLY_LINE.fullmatch(text, *lines[j]) and text[cells[-1][1] - 1] not in "）)":
            cells[-1] = (cells[-1][0], span[1])
        else:
            if len(cells) == LINE_TABLE_MAX:
                return
            cells.append(span)
        j += 1
        if len(cells) >= TEXT_TABLE_MIN_CELLS and not (
                j < len(lines) and UNIT_ONLY_LINE.fullmatch(text, *lines[j])):
            yield list(cells), j


def _line_table_at(text: str, lines: list[tuple[int, int]], i: int):
    """(rows, the header's first, and their columns, the line after them) of a table of one cell per
    line starting at line ``i``, or None."""
    for head, j in _header_lines(text, lines, i):
        k = len(head)
        if j + k > len(lines):
            return None
        if any(c.isdigit() for c in text[head[0][0]:head[0][1]]):
            return None  # the label column's header is a word (区县, 项目), not a date line
        header = header_columns([text[s:e].replace("\n", "") for s, e in head], text, head)
        if header is None:
            continue
        rows: list[list[tuple[int, int]]] = [head]
        cols: list[list[Column | None] | None] = [None]
        numbered = SEQUENCE_HEADER.fullmatch(text, *head[0]) is not None
        while j + k <= len(lines):
            spans = lines[j:j + k]
            if numbered:
                first = text[spans[0][0]:spans[0][1]].strip()
                total = TOTAL_HEADER_CELL.fullmatch(first) is not None
                if first != str(len(rows)) and not total:
                    break
            if not all(CELL_LINE.fullmatch(text, *sp) or (
                    numbered and total and n and sp[0] == sp[1]) for n, sp in enumerate(spans)):
                break
            row = [_cell_span(text, sp) for sp in spans]
            columns = row_columns(header, [text[s:e] for s, e in row])
            if columns is None or (not numbered and BARE_NUMBER.fullmatch(text, *row[0])) or \
                    HEADER_CELL.fullmatch(text, *row[0]) or not any(
                    c and _bare(text, s, e, c.unit) for c, (s, e) in zip(columns, row)) or not all(
                    c is None or _bare(text, s, e, c.unit) or EMPTY_CELL.fullmatch(text, s, e)
                    for c, (s, e) in zip(columns, row)):
                break
            rows.append(row)
            cols.append(columns)
            j += k
        if len(rows) > 1:
            return rows, cols, j
    return None


def line_cell_tables(text: str) -> tuple[str, OffsetMap]:
    """Tables of one cell per line (see above), read as rows of cells."""
    if ("）\n" not in text and ")\n" not in text and "） " not in text) or not LINE_TABLE_HINT.search(text):
        return text, OffsetMap.identity(len(text))  # no line ending with a bracket: no header cell
    lines = line_spans(text)
    b = Builder(text)
    done = 0
    i = 0
    while i < len(lines):
        got = _line_table_at(text, lines, i) if CELL_LINE.fullmatch(text, *lines[i]) else None
        if got is None:
            i += 1
            continue
        rows, cols, j = got
        done = _write_rows(b, text, lines[i][0], done, rows, cols)
        i = j
    b.keep(done, len(text))
    return b.finish()


# A field whose label closes with its unit in brackets and whose value is a bare number (预算金额
# （万元）：4,268.50, 改造面积(平方米)：52680), as notices and forms print them: the unit is put after
# the number (taking no input characters), so the figure reads as 4,268.50万元 does.
UNIT_FIELD = regex.compile(
    r"^[ \t\u3000]*[^\s，,。；;：:（()）]{1,16}[（(](?P<unit>[^\s（()）\d%％]{1,5})[）)][ \t\u3000]*[：:][ \t\u3000]*"
    + PLAIN_NUMBER + r"(?=[ \t\u3000]*(?:$|[，,。；;]))", regex.M)


def unit_fields(text: str) -> tuple[str, OffsetMap]:
    """Fields whose label names their unit (see above), the unit put after their number."""
    if "）：" not in text and "):" not in text and "）:" not in text and ")：" not in text:
        return text, OffsetMap.identity(len(text))
    found = list(UNIT_FIELD.finditer(text))
    if not found:
        return text, OffsetMap.identity(len(text))
    b = Builder(text)
    done = 0
    for m in found:
        b.keep(done, m.end())
        b.put(m["unit"], m.end(), m.end())
        done = m.end()
    b.keep(done, len(text))
    return b.finish()


ROWSPAN = regex.compile(r"""\browspan\s*=\s*["']?\s*(\d{1,3})""", regex.I)
COLSPAN = regex.compile(r"""\bcolspan\s*=\s*["']?\s*(\d{1,3})""", regex.I)


def _span_attr(pattern: regex.Pattern, tag: str) -> int:
    """The rows or columns a cell's start tag says it spans (1 when it says nothing)."""
    m = pattern.search(tag) if "span" in tag else None
    return max(1, int(m[1])) if m else 1


# A line right before a table giving one unit for all its numbers (单位：万元, （单位：个）).
UNIT_LINE = regex.compile(r"单位\s*[:：]\s*(?P<unit>[^\s，,、。；;<>()（）\d]{1,4})\s*[)）]?")
UNIT_LINE_REACH = 80  # characters before a table searched for its unit line


def _html_header(text: str, pos: int, table_start: int) -> Columns | None:
    """The columns (``header_columns``) of the table starting at ``table_start`` whose first row
    starts at ``pos``; a first row grouping columns (a cell spanning them: 老旧小区改造 over 开工
    （个） and 完工（个）) and naming no unit is read with the row under it (``_two_row_header``)."""
    end = HTML_ROW_END.search(text, pos)
    if end is None:
        return None
    cells = list(HTML_CELL.finditer(text, pos, end.start()))
    names = [html.unescape(TAG.sub("", c[1])) for c in cells]
    tags = [text[c.start():c.start(1)] for c in cells]
    cols = [_span_attr(COLSPAN, t) for t in tags]
    grouping = any(n > 1 for n in cols)
    if grouping:
        # a second row of words with no figure (计划 | 完工 under 老旧小区（个）) names the columns
        # the first row's cells group: the header is both rows
        second = HTML_ROW_END.search(text, end.end())
        if second is not None:
            below = [html.unescape(TAG.sub("", c[1])) for c in HTML_CELL.finditer(text, end.end(), second.start())]
            if below and not any(ch.isdigit() for c in below for ch in c):
                got = header_units(_two_row_header(
                    [(n, _span_attr(ROWSPAN, t), k) for n, t, k in zip(names, tags, cols)], below))
                if got is not None:
                    return got
    return header_columns(names, text, [c.span(1) for c in cells], table_start, words=not grouping)


def _two_row_header(top: list[tuple[str, int, int]], below: list[str]) -> list[str]:
    """The header cell of each column of a header in two rows: ``top`` gives each cell of the
    first row with the rows and columns it spans, ``below`` the cells of the second row, which
    fill the columns no cell of the first row spans down into.  A column under a grouping cell
    reads the group and its own cell (老旧小区改造 + 开工（个） → 老旧小区改造开工（个））, the group's
    unit after both when the group names it (老旧小区（个） + 计划 → 老旧小区计划（个））."""
    columns: list[tuple[str, bool]] = []  # (top cell's words, whether it spans down)
    for name, rows, cols in top:
        columns += [(name.strip(), rows > 1)] * cols
    it = iter(below)
    out = []
    for name, down in columns:
        if down:
            out.append(name)
        else:
            sub = next(it, "").strip()
            group = HEADER_CELL.fullmatch(name)
            if sub and group is not None and HEADER_CELL.fullmatch(sub) is None:
                out.append(f"{group['label']}{sub}（{group['unit']}）")
            else:
                out.append(name + sub if sub else name)
    return out


def _unit_line(text: str, pos: int) -> str | None:
    """The unit of a 单位：… line ending right before ``pos`` (only markup and spaces between)."""
    lo = max(0, pos - UNIT_LINE_REACH)
    m = None
    for m in UNIT_LINE.finditer(text, lo, pos):
        pass
    if m is None or TAG.sub("", text[m.end():pos]).strip():
        return None
    return m["unit"]


class _HtmlTokens:
    """Writes each HTML token's replacement; keeps the header units of the table it is in and
    the columns that cells spanning several rows (``rowspan``) hold in the rows below them."""

    __slots__ = ("text", "columns", "row", "col", "unit", "spans", "covered", "fresh")

    def __init__(self, text: str):
        self.text = text
        self.columns: Columns | None = None
        self.row: list[Column | None] | None = None  # the columns for the current row
        self.col = -1
        self.unit = ""
        self.spans: dict[int, int] = {}  # column -> rows below the current one it still covers
        self.covered: frozenset[int] = frozenset()  # columns of the current row held from above
        self.fresh = False  # whether the current row's first cell is still to come

    def __call__(self, m: regex.Match, b: Builder) -> None:
        if m["drop"]:
            return
        if m["rowend"]:
            # the end of a row with the blank after it: a row whose cell spans the rows below
            # stays one paragraph with them, the rows kept apart by semicolons (大良街道，2022年，
            # …；2023年，…), so that the cell's words (a place) govern them all and no text is
            # copied into them
            if self.spans:
                b.put("；", m.start(), m.end())
            else:
                tag_end = m.string.index(">", m.start()) + 1
                b.put("。\n\n", m.start(), tag_end)
                b.keep(tag_end, m.end())
            return
        if m["tag"]:
            name = (m["name"] or "").lower()
            closing = m.group().startswith("</")
            if name == "table":
                self.columns = None if closing else _html_header(self.text, m.end(), m.start())
                self.row = row_columns(self.columns, [])
                self.spans = {}
            elif name == "tr" and not closing:
                self.col = -1
                self.fresh = True  # the row's first cell is still to come
                self.covered = frozenset(c for c, n in self.spans.items() if n > 0)
                self.spans = {c: n - 1 for c, n in self.spans.items() if n > 1}
                if self.covered:
                    return  # goes on the paragraph of the row above (see rowend)
            elif name in CELL_END_TAGS and not closing:
                self.col += 1
                while self.col in self.covered:
                    self.col += 1
                rows = _span_attr(ROWSPAN, m.group())
                if rows > 1:
                    self.spans[self.col] = rows - 1
                if self.fresh and isinstance(self.columns, LabelColumns):
                    end = HTML_ROW_END.search(self.text, m.start())
                    row_end = end.start() if end is not None else len(self.text)
                    self.row = self.columns.of_row([html.unescape(TAG.sub("", c[1]))
                                                    for c in HTML_CELL.finditer(self.text, m.start(), row_end)])
                self.fresh = False
                self._label(m.end(), b)
                self.col += _span_attr(COLSPAN, m.group()) - 1
            if name in BLOCK_TAGS:
                # <br> breaks a line inside its paragraph; the other block tags part paragraphs
                b.put("\n" if name == "br" else "\n\n", m.start(), m.end())
            elif name in CELL_END_TAGS and closing:
                if self.unit:
                    b.put(self.unit, m.start(), m.start())
                    self.unit = ""
                b.put("，", m.start(), m.end())
            return
        decoded = html.unescape(m["entity"])
        if decoded == m["entity"]:
            b.keep(m.start(), m.end())
        else:
            decoded = decoded.replace("\xa0", " ")
            b.put(decoded, m.start(), m.end(), linear=len(decoded) == len(m["entity"]))

    def _label(self, pos: int, b: Builder) -> None:
        """Before a bare number in a column with a unit: the column's label."""
        cols, col = self.row, self.col
        column = cols[col] if cols and col < len(cols) else None
        if column is None:
            return
        close = self.text.find("</t", pos)
        if close < 0 or not _fits(self.text, pos, close, column):
            return
        _put_label(b, pos, column)
        self.unit = column.unit


def strip_markdown(text: str) -> tuple[str, OffsetMap]:
    """Heading hashes, ``**`` emphasis, images and link targets (the link text stays); pipe
    tables become rows of cells (``_md_table``)."""
    if ("#" not in text and "**" not in text and "](" not in text and "|" not in text) or not MD_HINT.search(text):
        return text, OffsetMap.identity(len(text))
    return rewrite(text, MD_TOKEN.finditer(text), _md_token)


def _md_token(m: regex.Match, b: Builder) -> None:
    if m["table"]:
        _md_table(m, b)
    elif m["link"]:
        b.keep(m.start("ltext"), m.end("ltext"))
    elif m["hash"]:
        # a heading is its own paragraph, whatever follows it
        b.keep(m.start("htext"), m.end("htext"))
        if m["hnl"]:
            b.put("\n\n", m.start("hnl"), m.end("hnl"))


def _md_table(m: regex.Match, b: Builder) -> None:
    """A pipe table: each row a line of cells ending in a full stop (王寨街道，16，7，2140。), its
    rule line dropped, the numbers of a column whose header names a unit read with it (or with the
    unit of a 单位：… line right before the table)."""
    text = m.string
    rows = [r for r in MD_ROW.finditer(text, m.start(), m.end()) if not MD_TABLE_RULE.fullmatch(r.group())]
    first = list(MD_CELL.finditer(text, rows[0].start(), rows[0].end())) if rows else []
    header = header_columns([c[1] for c in first], text, [c.span(1) for c in first], m.start()) if rows else None
    for k, row in enumerate(rows):
        cells = list(MD_CELL.finditer(text, row.start(), row.end()))
        columns = row_columns(header, [c[1].strip() for c in cells]) if k > 0 else None
        lead = True  # empty cells opening a row (| | 合计 | …) put no comma: the row keeps its line
        for j, c in enumerate(cells):
            s, e = c.span(1)
            lead = lead and s == e
            _put_cell(b, text, s, e, columns[j] if columns and j < len(columns) else None)
            b.put("" if lead and j < len(cells) - 1 else "。" if j == len(cells) - 1 else "，", e, c.end())
        if text.startswith("\n", row.end()):
            b.put("\n", row.end(), row.end() + 1)
