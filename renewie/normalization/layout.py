"""Layout repair: full-width forms, page-break repeats, letter-spacing and broken lines.

PDF extraction leaves spaces between characters (``建 筑 面 积``, ``楼栋 1156 栋``), breaks
lines inside sentences and words, and sometimes repeats the last fragment of a page at the top
of the next.  HTML ``<p>`` fragments split subtitles the same way.  These steps decide, from the
characters on both sides of each break, whether it is a real paragraph boundary.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from .offsets import Builder, OffsetMap, rewrite
from .markup import BYLINE, DATE_FIELD, line_spans

# ---- character classes (structure, not vocabulary) ----------------------------------------
# End a sentence or a quoted sentence: a line ending here is a real line end.
TERMINAL = frozenset("。！？!?；;…”」』）)")
# Cannot end a sentence: the text goes on after a break.
CONTINUES = frozenset("，,、：:“「『（(《—-")
# Cannot start a sentence: the break before it is inside a sentence.
CLOSING = frozenset("，,、。：:；;！？!?）)》」』”")
SENTENCE_PUNCT = frozenset("，,。；;！？!?")
PUNCT = frozenset("，,、。：:；;！？!?…“”‘’「」『』（）()《》〈〉【】—-·.／/ ")

# A blank line inside a sentence is joined only after a line at least this long (in visible
# characters): a page break cuts a paragraph, while a short line before a blank line is a
# heading, a caption or a by-line (000_8b07…: 贺娜, 核心提示).
HARD_JOIN_MIN_LINE = 20
HARD_JOIN_COMMA_LINE = 16  # …unless it holds a comma: then this long (a heading with a comma is shorter)
WRAP_MIN = 20  # a wrapped line's length from which a full line ending a sentence goes on (_wrapped_full)
WRAP_LINES = 3  # lines cut inside sentences at one length that show the text's wrap width
NARROW_WRAP_MIN = 12  # …and for a narrow column whose lines a blank line parts, from this length
NARROW_WRAP_LINES = 5  # …held by this many lines
NARROW_SHARE = 0.75  # the share of that width a line cut inside a sentence fills
WRAP_SPREAD = 1.5  # the longest next line of a setting wrapped at one width, to this line's length
# A line this long without any punctuation is still taken for a title before a blank line.
TITLE_MAX = 40
# Headings: short, no sentence punctuation, words separated by spaces.
HEADING_MAX = 30
# A page-break repeat is a block of at least this many characters equal to the end of the
# block before it (000_8b07…: 份群众满意的高答卷。 twice).
REPEAT_MIN = 4
REPEAT_MAX = 60
OVERLAP_MIN = 6

FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# keep the Chinese punctuation that has its own meaning in Chinese prose
for _keep in "，：；！？（）":
    FULLWIDTH.pop(ord(_keep), None)
SPACES = {0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20}
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
WIDTH_TABLE = {**FULLWIDTH, **SPACES, **{ord(z): None for z in ZERO_WIDTH}}
# a Chinese comma stays one, except between full-width digits (１，１６５)
WIDTH_CHARS = regex.compile("[" + regex.escape("".join(chr(c) for c in WIDTH_TABLE)) + "]+|(?<=[０-９])，(?=[０-９0-9]{3}(?![０-９0-9]))")
# whether there is anything to rewrite at all (a comma is rewritten only between full-width
# digits, as a thousands separator: three digits after it, １２，５００ but not ５.３１，３１个, which
# are in the class); the stdlib ``re`` tests a character class far faster
ANY_WIDTH_CHAR = re.compile("[" + re.escape("".join(chr(c) for c in WIDTH_TABLE)) + "]")

WHITESPACE_RUN = regex.compile(r"[ \t\f\v]*\n\s*|[ \t\f\v]+")
BLOCK_SPLIT = regex.compile(r"\n[ \t]*\n\s*")


def is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f"


def full_width(text: str) -> tuple[str, OffsetMap]:
    """Full-width digits, letters and signs to ASCII; odd spaces to a space; zero-width gone."""
    if not ANY_WIDTH_CHAR.search(text):
        return text, OffsetMap.identity(len(text))
    return rewrite(text, WIDTH_CHARS.finditer(text), _width_run)


# A half-width full stop ending a Chinese sentence (…老旧小区改造.截至9月底,…): after a Han
# character, a closing quote or bracket or a per cent sign, before a Han character, an opening
# quote, a line end or the end.  2.5万 and www.gov.cn are left alone.
# A digit may follow one after a Han character or a closing mark (惠及居民1.2万户.2022年,…), never a
# digit's own point (1.2, 2024.5.31).
HALF_STOP = regex.compile(r"(?<=[\p{Han}”’」』）)》%\"])\.(?=[\p{Han}“‘「『《\"\d”’」』）]|\s|$)")


def half_width_stops(text: str) -> tuple[str, OffsetMap]:
    """A half-width full stop between Chinese sentences becomes 。 (one character for one)."""
    if "." not in text:
        return text, OffsetMap.identity(len(text))
    return rewrite(text, HALF_STOP.finditer(text), _full_stop)


def _full_stop(m: regex.Match, b: Builder) -> None:
    b.put("。", m.start(), m.end(), linear=True)


# A vertical bar parting a label from its figures on a line of a post or a card (老旧小区改造｜开工212个｜
# 完工168个; 合肥丨城市更新): between words or figures, not at a line's ends as in a Markdown table row
# (those are read before), it parts clauses as a comma does.  丨 (U+4E28) is a Han character no
# modern sentence uses but as this mark.
# So does a pictograph inside a line, as posts mark the parts of one (项目✅已完工32个 🚧在建15个
# 📋待开工8个); at a line's start it is a bullet (BULLET_START).
PICTOGRAPHS = "\u2600-\u27BF\u2B00-\u2BFF\U0001F300-\U0001FAFF"
PICTOGRAPH = regex.compile(f"[{PICTOGRAPHS}]")
BAR_SEPARATOR = regex.compile(
    rf"(?<=[\p{{Han}}\d%）)”】])[ \t\u3000]*(?:[|丨]|[{PICTOGRAPHS}]\ufe0f?)[ \t\u3000]*(?=[\p{{Han}}\d（(“【])")


def bar_separators(text: str) -> tuple[str, OffsetMap]:
    """A bar or a pictograph between the parts of a line (开工212个｜完工168个, ✅已完工32个 🚧在建15个)
    becomes a comma; after a figure opening its line (38个｜老旧小区完成改造) it goes, the figure read
    with its caption as the text of an infographic once joined (38个老旧小区完成改造; see
    ``FIGURE_ALONE``)."""
    if "|" not in text and "丨" not in text and not PICTOGRAPH.search(text):
        return text, OffsetMap.identity(len(text))
    return rewrite(text, BAR_SEPARATOR.finditer(text), _bar)


def _bar(m: regex.Match, b: Builder) -> None:
    text = m.string
    start = text.rfind("\n", 0, m.start()) + 1
    if FIGURE_ALONE.fullmatch(text, start, m.start()):
        b.put("", m.start(), m.end())
    else:
        b.put("，", m.start(), m.end(), linear=True)


def _width_run(m: regex.Match, b: Builder) -> None:
    run = m.group()
    if run == "，":
        b.put(",", m.start(), m.end(), linear=True)
    elif any(z in run for z in ZERO_WIDTH):
        for i, c in enumerate(run, m.start()):
            b.put(c.translate(WIDTH_TABLE), i, i + 1, linear=True)
    else:
        b.put(run.translate(WIDTH_TABLE), m.start(), m.end(), linear=True)


def _visible(s: str) -> int:
    return len(s) - s.count(" ") - s.count("\t") - s.count("\n") - s.count("\u3000")


_PUNCT_CLASS = re.escape("".join(sorted(PUNCT)))
PURE_PUNCT = re.compile(rf"[\s{_PUNCT_CLASS}]*[{re.escape(''.join(sorted(PUNCT - {' '})))}][\s{_PUNCT_CLASS}]*")
SENTENCE_PUNCT_RE = re.compile("[" + re.escape("".join(sorted(SENTENCE_PUNCT))) + "]")


def _pure_punct(s: str) -> bool:
    """Whether ``s`` holds at least one punctuation mark and nothing but punctuation and spaces."""
    return PURE_PUNCT.fullmatch(s) is not None


def is_heading(line: str) -> bool:
    """A short line of space-separated words with no sentence punctuation."""
    words = line.split()
    if len(words) < 2:
        return False
    line = line.strip()
    if _visible(line) > HEADING_MAX or SENTENCE_PUNCT_RE.search(line):
        return False
    singles = sum(1 for w in words if len(w) == 1)
    return singles * 2 < len(words) and sum(1 for w in words if len(w) >= 2) >= 2


# A page number on a line of its own (— 2 —, - 12 -, 第3页, 第 3 页 共 10 页, 3/10), where a PDF
# page broke; the running header or footer line printed on each page next to it.
PAGE_MARK = regex.compile(
    r"^[ \t\u3000]*(?:[—–\-－~～]{1,2}[ \t]*\d{1,4}[ \t]*[—–\-－~～]{1,2}|第[ \t]*\d{1,4}[ \t]*页"
    r"(?:[ \t]*[，,/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?|\d{1,4}[ \t]*/[ \t]*\d{1,4})[ \t\u3000]*(?:\n|\Z)",
    regex.M,
)
RUNNING_LINE_MAX = 40  # the longest running header or footer line, in visible characters


def drop_page_marks(text: str) -> tuple[str, OffsetMap]:
    """Remove page numbers on lines of their own (PAGE_MARK) and, next to them, a running header
    or footer: a short line the text holds elsewhere too (叙州区住房和城乡建设局文件 at the top of
    every page).  The prose around them is then one broken line (…新建改造管网 / 18.6公里), which
    the line repair joins.  A line opening with a list number or a bullet (三、下半年工作安排 both in a
    slide deck's outline and over its last page) is a heading, never a running line."""
    if not PAGE_MARK.search(text):
        return text, OffsetMap.identity(len(text))
    spans = line_spans(text)
    lines = [text[s:e] for s, e in spans]
    counts: dict[str, int] = {}
    keys = [" ".join(line.split()) for line in lines]  # spaced apart as a PDF sets it (公报      2024 年第 6 期)
    for key in keys:
        if key and len(key) - key.count(" ") <= RUNNING_LINE_MAX:
            counts[key] = counts.get(key, 0) + 1
    drop = set()
    for i, line in enumerate(lines):
        if PAGE_MARK.fullmatch(line) is None:
            continue
        drop.add(i)
        for j in (i - 1, i + 1):  # a running line beside it (blank lines between do not count)
            while 0 <= j < len(lines) and not lines[j].strip():
                j += -1 if j < i else 1
            if 0 <= j < len(lines) and counts.get(keys[j], 0) > 1 and ITEM_MARK.match(lines[j]) is None:
                drop.add(j)
    b = Builder(text)
    last = 0
    for i in sorted(drop):
        end = min(spans[i][1] + 1, len(text))
        b.keep(last, spans[i][0])
        last = end
    b.keep(last, len(text))
    return b.finish()


def drop_repeats(text: str) -> tuple[str, OffsetMap]:
    """Remove a fragment repeated across a page break: a block equal to the end of the block
    before it, or the start of a block that repeats the unfinished end of the one before."""
    seps = list(BLOCK_SPLIT.finditer(text))
    if not seps:
        return text, OffsetMap.identity(len(text))
    starts = [0] + [m.end() for m in seps]
    ends = [m.start() for m in seps] + [len(text)]
    b = Builder(text)
    last = 0
    ref = 0  # the block repeats are compared with (a dropped block is never a reference)
    for i in range(1, len(starts)):
        prev = text[starts[ref]:ends[ref]].rstrip()
        raw = text[starts[i]:ends[i]]
        cur = raw.strip()
        if REPEAT_MIN <= len(cur) <= REPEAT_MAX and len(prev) > len(cur) and prev.endswith(cur):
            b.keep(last, seps[i - 1].start())
            last = ends[i]
            continue
        if prev and prev[-1] not in TERMINAL:
            k = min(len(cur) - 1, REPEAT_MAX, len(prev))
            while k >= OVERLAP_MIN and not prev.endswith(cur[:k]):
                k -= 1
            if k >= OVERLAP_MIN:
                lead = len(raw) - len(raw.lstrip())
                b.keep(last, starts[i] + lead)
                last = starts[i] + lead + k
        ref = i
    b.keep(last, len(text))
    return b.finish()


def _token_before(text: str, i: int) -> str:
    j = i
    while j > 0 and not text[j - 1].isspace() and i - j < 12:
        j -= 1
    return text[j:i]


def _token_after(text: str, i: int) -> str:
    j = i
    while j < len(text) and not text[j].isspace() and j - i < 12:
        j += 1
    return text[i:j]


def _cjk_side(c: str) -> bool:
    return is_han(c) or c in PUNCT and not c.isascii() or c in "“”‘’〇"  # 〇 (二〇二三年) is a numeral outside the Han blocks


SPACED_MIN = 6  # visible characters of a line set letter by letter (小 店 区 2 0 2 3 年)


def _letter_spaced(text: str, pos: int, cache: dict[int, bool]) -> bool:
    """Whether the line holding ``pos`` is set letter by letter: a single space after nearly
    every visible character (a PDF's spaced title or paragraph, digits included)."""
    ls = text.rfind("\n", 0, pos) + 1
    got = cache.get(ls)
    if got is None:
        le = text.find("\n", pos)
        line = text[ls:le if le >= 0 else len(text)].strip()
        visible = len(line) - line.count(" ")
        singles = sum(1 for i in range(1, len(line) - 1) if line[i] == " " and line[i - 1] != " " and line[i + 1] != " ")
        got = cache[ls] = visible >= SPACED_MIN and singles >= 0.8 * (visible - 1)
    return got


def _drop_space(text: str, start: int, end: int, spaced: bool = False) -> bool:
    a, b = text[start - 1], text[end]
    if spaced and end - start == 1:
        return True  # 4 6 个, 2 . 6 8 亿 元: letter-spacing, digits too
    if a.isdigit() and b.isdigit():
        return False  # two numbers, or digit groups: never glue
    if (a.isdigit() and (is_han(b) or b in "万亿千百")) or (b.isdigit() and is_han(a)):
        return True  # 楼栋 1156 栋, 149.62 万平方米
    if not (_cjk_side(a) and _cjk_side(b)):
        return False
    before, after = _token_before(text, start), _token_after(text, end)
    words = (len(before) >= 2 and all(is_han(c) for c in before)
             and len(after) >= 2 and all(is_han(c) for c in after))
    return not words  # two real words: a heading's separator stays


NUMBER_LINE = regex.compile(r"[\d.,]+")
# Bullet signs that open a line (▍老旧小区改造, ■, ●, ▶, 📌): block elements, geometric shapes,
# symbols, dingbats, emoji, • and ※; and the list marks of Markdown and plain text (- , * , + ,
# · ) when a space follows them.
BULLET_BLOCK = (0x2580, 0x27BF)  # block elements, shapes, symbols, dingbats (■ ● ◆ ★ ✓ ➤); labels drop them too
BULLETS = f"{chr(BULLET_BLOCK[0])}-{chr(BULLET_BLOCK[1])}\U0001F300-\U0001FAFF•※"
ASCII_BULLET = r"[-*+·](?=[^\S\n])"
BULLET_START = regex.compile(rf"\s*(?:[{BULLETS}]|{ASCII_BULLET})")
# A line that opens an enumerated item (一、 （二） 3. 4、 ① 第三部分, or a bullet): a new unit of
# the text, never the rest of the line before it (association reads sections from the same
# marks).  3.5万户 is a number, not item 3.
# a list number (（二）, 三、, 3.): a section's or an item's
NUMBER_MARK = r"[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d)"
# …and a numbered part of a document named by its kind (案例二：…, 专栏1, 附件2：…)
PART_MARK = r"(?:案例|专栏|附件|附表)[一二三四五六七八九十\d]{1,3}(?=[：:、\s])"
ITEM_MARK = regex.compile(
    rf"\s*(?:{NUMBER_MARK}|第[一二三四五六七八九十]{{1,3}}[部章节]|{PART_MARK}|[①-⑳{BULLETS}]|{ASCII_BULLET})")
# A section number on a line of its own, as posts print them (01, 02 over a section's heading):
# a line of its own, never a count cut from its unit.
SECTION_NUMBER = regex.compile(r"\s*0[1-9]\s*")
# A by-line of labelled fields (发布时间：2024-09-20  来源：…  浏览次数：312): a field, spaces, a field.
FIELDS_LINE = regex.compile(r"[^\s，,。；;]{1,8}[:：][^\s，,。；;]+(?:\s+[^\s，,。；;]{1,8}[:：][^\s，,。；;]*)+\s*")


# A line that is a row of a table as the table readers write it (markup.py): short cells parted
# by commas (rows held together by a cell spanning them by semicolons), a full stop at its end
# (指标，2023年，2024年，合计，。).  Narrower than association's CELL_ROW (document.py), which
# also takes a paragraph of short comma-parted parts for a line of a list once lines are set.
TABLE_ROW_LINE = regex.compile(r"\s*[^，,。；;：:\n]{1,16}[，；](?:[^，,。；;：:\n]{0,16}[，；])+[^，,。；;：:\n]{0,16}。\s*")
# Two lines that each open with a short label and a colon (建设内容：…\n进度：…) are fields of a
# record, each a line of its own.
FIELD_START = regex.compile(r"\s*[^\s，,。；;：:\d]{2,6}[：:]")
# A line that is one labelled figure (开工改造：126个, 完成投资：8.7亿元) is a line of its own, as in
# the figure lists of social-media posts; so is a line opening with a bullet sign (BULLET_START),
# whatever ends the line before (…带你看变化——).
# The label opening such a line: words and a colon, or words in 【】 (also association's, for the label
# of a bulleted line: status._item_label_hits).
LINE_LABEL = r"(?:[^\s，,。；;：:]{1,16}[:：]|【[^\s，,。；;：:【】]{1,16}】)"
FIGURE_FIELD = regex.compile(rf"\s*{LINE_LABEL}\s*[约近超过逾]*\d[\d.,]*[^\s，,。；;:：\d]{{0,6}}\s*")


# A line that is one figure and nothing else (42个, 1.28万户), as the text of an infographic gives
# each figure under its label line (完成改造\n42个\n惠及居民\n1.28万户): it closes its label, and a
# short line of words after it is the next label.
FIGURE_ALONE = regex.compile(r"\s*[约近超过逾]*\d[\d.,]*[^\s，,。；;:：\d]{1,6}\s*")
# A line of words ending in a figure and its unit, with no punctuation at all (开工改造城镇老旧小区212个,
# 惠及居民3.6万户), as a card gives one figure a line: prose never runs two clauses together unparted,
# so the next such line, or the title above, is a line of its own.
CARD_LINE = regex.compile(r"\s*[^\d\s，,。；;:：、！？!?]{2,}\d[\d.]*\s*[万亿千]?[^\s\d，,。；;:：、！？!?]{1,3}\s*")


def _join_lines(prev_line: str, next_line: str, a: str, b: str, hard: bool, before_line: str = "",
                after_line: str = "", fields_follow: bool = False, after_section: bool = False,
                opens_block: bool = False, first_line: bool = False) -> bool:
    p, n = prev_line.strip(), next_line.strip()
    if not p or not n:
        return False
    if a in "：:" and ITEM_MARK.match(n):
        return False  # 具体如下：\n1. 先锋街道…: a list opens on its own line
    if BULLET_START.match(n):
        return False
    if a in "：:" and TABLE_ROW_LINE.fullmatch(n):
        return False  # 目标任务如下：\n指标，2023年，2024年，合计。: a table opens on its own line
    if SECTION_NUMBER.fullmatch(p) or SECTION_NUMBER.fullmatch(n) or (
            after_section and _visible(p) <= HEADING_MAX and not SENTENCE_PUNCT_RE.search(p)):
        return False  # 01\n城中村改造\n全年启动…: a section number, its heading, its text
    if b in CLOSING or a in CONTINUES or _pure_punct(n) or (_pure_punct(p) and not (hard and a in TERMINAL)):
        # (a full stop wrapped onto a line of its own ends its paragraph at a blank line: …调试\n。\n\n二、…)
        return True
    if NUMBER_LINE.fullmatch(p) and is_han(b) and before_line and before_line[-1] not in TERMINAL \
            and not before_line[-1].isdigit():
        return True  # <p>43</p><p>个，…: a number cut from its unit (a page number follows a full stop)
    if NUMBER_LINE.fullmatch(n) and a not in TERMINAL and not a.isdigit() and after_line and is_han(after_line):
        return True  # …改造</p><p>46</p><p>个: the words before a number cut from its unit (never a number: 12, 8620)
    if a in TERMINAL or is_heading(p):
        return False
    if FIGURE_ALONE.fullmatch(p) and not opens_block and _visible(n) <= HEADING_MAX \
            and not SENTENCE_PUNCT_RE.search(n) and not n[:1].isdigit():
        # 完成改造\n42个\n惠及居民: a figure under its label, then the next label (a figure opening
        # its block is over its label instead: 86个\n老旧小区完成改造)
        return False
    if CARD_LINE.fullmatch(n) and _visible(n) <= HEADING_MAX and _visible(p) <= TITLE_MAX \
            and not SENTENCE_PUNCT_RE.search(p) and (opens_block or CARD_LINE.fullmatch(p)):
        # 九江市2024年城镇老旧小区改造成绩单\n开工改造城镇老旧小区212个\n惠及居民3.6万户: a card's lines
        return False
    # the words closing a line of prose before its colon (…现将有关事项公\n告如下：\n一、…) are no field
    tail = FIELD_START.fullmatch(n) is not None and any(c in "，,、；;。" for c in p)
    # (a line of prose cut before a line parted by bars goes on there: …，雁塔区2024年老旧\n小区改造项目✅已完工32个)
    # (…累计惠及居民1.1\n万户: a number cut from its unit goes on whatever parts the lines)
    barred = not (a.isdigit() and is_han(b)) and (
        BAR_SEPARATOR.search(p) or (BAR_SEPARATOR.search(n) and not any(c in "，,；;" for c in p)))
    if FIGURE_FIELD.fullmatch(p) or FIGURE_FIELD.fullmatch(n) or barred or (
            FIELD_START.match(n) and (fields_follow or FIELD_START.match(p)) and not tail):
        # 开工改造：126个\n惠及居民：3.4万户: a list of labelled figures, or of fields (a line parted
        # by bars too: 老旧小区改造｜开工212个\n城中村改造｜…, 来源：…｜作者：…); the first field
        # of a list stays off the title above it (…招标公告\n项目编号：…\n项目名称：…)
        return False
    if BYLINE.fullmatch(n) or BYLINE.fullmatch(p) or DATE_FIELD.fullmatch(n) or DATE_FIELD.fullmatch(p):
        # a title, then 2024-07-18 08:30　来源：四川日报 or 发布时间：2024-05-20: a by-line is a line
        # of its own
        return False
    if ITEM_MARK.match(n) or FIELDS_LINE.fullmatch(p) or (
            ITEM_MARK.match(p) and _visible(p) <= HEADING_MAX and not SENTENCE_PUNCT_RE.search(p)):
        return False  # …\n（二）合江门…, 二、分项目情况\n…, 浏览次数：312\n根据…: lines of their own
    if hard:
        if BULLET_START.match(p):
            return False  # 👉 惠及居民2.4万户，完成投资6.3亿元, a blank line: a bulleted item ends there
        if FIELD_START.match(p) and not any(c in "，,、；;。" for c in p) and not b.isdigit():
            # 建设期限：2024年5月—2024年11月, then a blank line: a field ends its line (a next
            # line opening with a number is left to the rule for page breaks below)
            return False
        # a page break cuts a line of running prose; a title has no punctuation at all
        prose = any(c in "，,、；;：:" for c in p) or _visible(p) > TITLE_MAX
        # a shorter line cuts one too when it holds a comma, is no title, ends inside a word and the
        # next line is no longer than a line of the same setting (a page setting one printed line a
        # paragraph: <p>今年以来，西陵区把老旧小区改造作为</p><p>重点民生工程…; but a heading,
        # 城中村：拆改结合，留住乡愁, stands over a long paragraph)
        cut = any(c in "，,、；;" for c in p) and not first_line and (is_han(a) or a.isdigit()) \
            and _visible(n) <= WRAP_SPREAD * _visible(p)
        long_enough = _visible(p) >= (HARD_JOIN_COMMA_LINE if cut else HARD_JOIN_MIN_LINE)
        return prose and long_enough and (is_han(b) or b.isalnum())
    return True


def _unspaced(text: str, start: int, end: int, cache: dict[int, bool]) -> str:
    """``text[start:end]``, a line, without its letter-spacing if it is set letter by letter."""
    line = text[start:end]
    if " " in line.strip() and _letter_spaced(text, start, cache):
        return line.replace(" ", "")
    return line


def _cut(line: str) -> bool:
    """Whether a line ends inside a sentence: in a Han character, a digit or a comma."""
    return bool(line) and (is_han(line[-1]) or line[-1].isdigit() or line[-1] in "，,、")


def _cut_lengths(text: str) -> Counter[int]:
    """How many lines of ``text`` cut inside a sentence have each length (counted once a text)."""
    return Counter(_visible(line) for line in text.split("\n") if _cut(line.rstrip()))


def _wrap_width(lengths: Counter[int], least: int, lines: int) -> int:
    """The width a text is set in, when lines cut inside sentences show one (``lengths``, see
    ``_cut_lengths``): the commonest length of such lines, if at least ``least`` and held by
    ``lines`` of them; else 0."""
    if not lengths:
        return 0
    width, count = lengths.most_common(1)[0]
    return width if width >= least and count >= lines else 0


def _narrow_cut(prev_line: str, next_line: str, width: int | None, text: str, ls: int) -> bool:
    """Whether ``prev_line``, before a blank line, is a line of a column set at ``width`` cut inside
    a sentence (a PDF's narrow column given one line a paragraph: …荆州区累\n\n计改造老旧小区95个): nearly as
    long as the width, ending inside a sentence, before a Han character or a digit, neither line
    opening a list item.  A PDF sets digits narrower than characters, so a full line may
    hold fewer characters: ``NARROW_SHARE`` of the width, when the line before is such a line too."""
    p, n = prev_line.strip(), next_line.strip()
    if not width or not n or not _cut(p) or not (is_han(n[0]) or n[0].isdigit()) or any(
            ITEM_MARK.match(x) or BULLET_START.match(x) for x in (p, n)):
        return False
    if _visible(p) >= width - 1:
        return True
    # a shorter line only inside running text, after a line cut too (a heading follows a paragraph's end)
    j = ls  # the end of the last line with letters before this one (no copy of the text before it)
    while j > 0 and text[j - 1].isspace():
        j -= 1
    before = text[text.rfind("\n", 0, j) + 1:j].strip()
    share = NARROW_SHARE * width
    return _visible(p) >= share and _cut(before) and _visible(before) >= share and not ITEM_MARK.match(before)


def _wrapped_full(text: str, ls: int, s: int, width: int) -> bool:
    """Whether the line ``text[ls:s]``, ending a sentence, is as long as the text's wrap width (or
    as the line cut inside a sentence before it in its block) within a character: the width of
    the setting, not a paragraph's end, closes it."""
    if not width and ls >= 2 and text[ls - 1] == "\n":
        prev = text[text.rfind("\n", 0, ls - 1) + 1:ls - 1].rstrip()
        if _cut(prev) and _visible(prev) >= WRAP_MIN:
            width = _visible(prev)
    return bool(width) and _visible(text[ls:s]) >= width - 1


def _unit_after_digit(text: str, start: int, end: int) -> bool:
    """Whether the run of ASCII letters ending ``text[start:end]`` follows a digit (120k of 120k\nm)."""
    i = end
    while i > start and text[i - 1].isascii() and text[i - 1].isalpha():
        i -= 1
    return i > start and text[i - 1].isdigit()


def _last_visible(text: str, end: int) -> str:
    """The last non-space character of ``text[:end]`` ("" when there is none)."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


def _first_visible(text: str, start: int) -> str:
    """The first non-space character of ``text[start:]`` ("" when there is none)."""
    i, n = start, len(text)
    while i < n and text[i].isspace():
        i += 1
    return text[i] if i < n else ""


# A number set digit by digit inside an ordinary line (雨污管网 2 1 . 3 公里, 充电桩 2 6 0 个): single
# digits and its point parted by single spaces, three at least; one number (12 36 are two).
SPACED_NUMBER = regex.compile(r"(?<![\d.])[\d.](?: [\d.]){2,}(?![\d.])")
# …and in a text that sets numbers so, two digits between words (项目 3 6 个, 易涝点 1 1 处)
SPACED_PAIR = regex.compile(r"(?<=\p{Han} )\d \d(?= ?\p{Han})")
# Thousands parted by a space, as PDFs set them (租赁住房5 860套): groups of three digits after the
# first, the number going on with words
THOUSANDS_SPACED = regex.compile(r"(?<![\d.,] ?)\d{1,3}(?: \d{3})+(?![\d.])(?= ?\p{Han})")


def _spaced_number_gaps(text: str) -> frozenset[int]:
    """Positions of the spaces inside numbers set digit by digit (``SPACED_NUMBER``, and
    ``SPACED_PAIR`` once the text has one of those) or parted into thousands (``THOUSANDS_SPACED``)."""
    gaps: set[int] = set()
    for m in SPACED_NUMBER.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 2:
            gaps.update(range(m.start() + 1, m.end(), 2))
    if gaps:
        gaps.update(m.start() + 1 for m in SPACED_PAIR.finditer(text))
    for m in THOUSANDS_SPACED.finditer(text):
        gaps.update(i for i in range(m.start(), m.end()) if text[i] == " ")
    return frozenset(gaps)


def repair_lines(text: str) -> tuple[str, OffsetMap]:
    """Join lines broken inside sentences, remove letter-spacing, tidy paragraph breaks."""
    b = Builder(text)
    last = 0  # text[last:s] is copied unchanged when the next change is written
    n = len(text)
    spaced: dict[int, bool] = {}
    number_gaps = _spaced_number_gaps(text) if " " in text else frozenset()
    width: int | None = None  # the text's wrap width, found when first needed
    narrow: int | None = None  # …and that of a narrow column, for blank lines between its lines
    lengths: Counter[int] | None = None  # the lengths of lines cut inside sentences (both widths read it)
    for m in WHITESPACE_RUN.finditer(text):
        s, e = m.start(), m.end()
        if s == 0 or e == n:
            b.keep(last, s)
            last = e
            continue  # leading and trailing whitespace goes
        run = m.group()
        a, c = text[s - 1], text[e]
        if run == "\n" and a in TERMINAL and c not in CLOSING and is_han(c):
            # the common case, a sentence ending at a line end before a line of prose: kept,
            # unless the line before is only punctuation
            ls = text.rfind("\n", 0, s) + 1
            if width is None:
                lengths = _cut_lengths(text) if lengths is None else lengths
                width = _wrap_width(lengths, WRAP_MIN, WRAP_LINES)
            if _wrapped_full(text, ls, s, width):
                # …but a line as full as the wrapped line before it ends where the width did, not
                # where a paragraph does (PDF text: …计划年内开工8000套。\n七里河区…)
                b.keep(last, s)
                last = e
                continue
            if is_han(text[ls]) or not _pure_punct(text[ls:s]):
                continue
        if "\n" not in run:
            if (run == " " and s in number_gaps) or \
                    _drop_space(text, s, e, run == " " and not (is_han(a) and is_han(c)) and _letter_spaced(text, s, spaced)):
                b.keep(last, s)
                last = e
            elif run != " ":
                b.keep(last, s)
                b.put(" ", s, e)
                last = e
            continue
        ls = text.rfind("\n", 0, s) + 1
        ne = text.find("\n", e)
        ne = n if ne < 0 else ne
        hard = run.count("\n") >= 2
        before_line = _last_visible(text, ls)
        after_line = _first_visible(text, ne) if c.isdigit() else ""
        fields_follow = ne < n and FIELD_START.match(text, e, ne) is not None and \
            FIELD_START.match(text, ne + 1) is not None
        # the line before this one a section number (01), this one its heading: only a short line
        after_section = 0 < ls and s - ls <= HEADING_MAX and SECTION_NUMBER.fullmatch(
            text, text.rfind("\n", 0, ls - 1) + 1, ls - 1) is not None
        opens_block = ls == 0 or not text[text.rfind("\n", 0, ls - 1) + 1:ls - 1].strip()
        # a letter-spaced line is judged by its letters (加 装 电 梯 ： 1 9 2 部 is a labelled figure)
        prev_line, next_line = _unspaced(text, ls, s, spaced), _unspaced(text, e, ne, spaced)
        if hard and narrow is None and ls > 0:
            lengths = _cut_lengths(text) if lengths is None else lengths
            narrow = _wrap_width(lengths, NARROW_WRAP_MIN, NARROW_WRAP_LINES)
        if _join_lines(prev_line, next_line, a, c, hard, before_line, after_line, fields_follow, after_section,
                       opens_block, ls == 0) or (hard and _narrow_cut(prev_line, next_line, narrow, text, ls)
                                                 and ls > text.find("\n\n")):  # (never the title's block)
            b.keep(last, s)
            last = e
            if a.isascii() and a.isalpha() and c.isascii() and c.isalpha() and not _unit_after_digit(text, ls, s):
                b.put(" ", s, e)  # English words go on after a space; a unit cut after its number (120k\nm) does not
            continue
        sep = "\n\n" if hard else "\n"
        if run != sep:
            b.keep(last, s)
            b.put(sep, s, e)
            last = e
    b.keep(last, n)
    return b.finish()
