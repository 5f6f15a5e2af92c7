"""Markup removal: YAML front matter, HTML tags/entities/scripts, light Markdown.

Every step returns ``(text, OffsetMap)``; the map points into the step's input.
"""

from __future__ import annotations

import html
import logging
from datetime import date, datetime
from email.utils import parsedate_to_datetime

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

# Light Markdown: heading hashes, emphasis markers, [text](url) links and images.
MD_TOKEN = regex.compile(
    r"(?P<hash>^[ \t]{0,3}\#{1,6}[ \t]+)(?P<htext>[^\n]*)(?P<hnl>\n)?|(?P<emph>\*\*|__)|(?P<img>!\[[^\]\n]*\]\([^)\n]*\))|(?P<link>\[(?P<ltext>[^\]\n]+)\]\((?P<url>[^)\n]*)\))",
    regex.M,
)
CR = regex.compile(r"\r\n?")
MD_HINT = regex.compile(r"^[ \t]{0,3}\#{1,6}[ \t]+\S|\*\*\S|\]\(", regex.M)


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
        published = _parse_date(data.get("date"))
        if published:
            meta["published"] = published
    b = Builder(text)
    b.put("", 0, m.end())
    b.keep(m.end(), len(text))
    out, omap = b.finish()
    return out, omap, meta


# <meta name="PubDate" content="2023-12-20 10:30">, <meta property="article:published_time" …>
HTML_DATE = regex.compile(
    r"""<meta\s[^<>]*?(?:name|property)\s*=\s*["']?(?:pubdate|publishdate|publish_date|PubDate|article:published_time|og:published_time|date)["']?[^<>]*?content\s*=\s*["']([^"'<>]+)["']""",
    regex.I,
)
# 发布时间：2023-12-20, 发布日期：2023年12月20日 — near the top of a page's text
TEXT_DATE = regex.compile(
    r"(?:发布时间|发布日期|发稿时间|发表时间|日期)\s*[:：]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
    # a by-line of its own: 2024-01-18 09:12  来源：… or 2024年9月3日 来源：… (a date, a clock time, the source)
    r"|(?m:^)[ \t]*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*(?:来源|信息来源|作者|编辑)\s*[:：]"
    # the date line under the title of a speech or work report: ——2024年1月8日在…会议上,
    # （2024年1月8日在…会议上）
    r"|(?m:^)[ \t]*(?:[—–-]{1,2}|[（(])[ \t]*(\d{4}年\d{1,2}月\d{1,2}日)[ \t]*在"
)
TEXT_DATE_WORDS = ("时间", "日期", "来源", "作者", "编辑", "日在")
# A by-line with no label: a line of its own near the top holding a full date, perhaps after a
# short name and before a clock time and a short source (镜湖发布 2024-06-12 18:05 发表于安徽,
# 2023年11月28日  泉州晚报, 二〇二四年五月十六日　永丰县融媒体中心); no sentence punctuation.
BYLINE = regex.compile(
    r"(?m)^[ \t\u3000]*(?:[^\s，。,；;：:]{1,16}[ \t\u3000]+)?"
    r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|" + CN_DATE.pattern.replace("(", "(?:") + r")"
    r"(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?(?:[ \t\u3000]+[^\n，。,；;！？!?]{1,24})?[ \t\u3000]*$")
TEXT_DATE_WINDOW = 600  # characters from the top searched for such a line
# the date under the signature that closes an official report or notice: a line of its own,
# the last of the text (…住房和城乡建设局\n2024年1月12日)
SIGNATURE_DATE = regex.compile(r"(?:^|\n)[ \t]*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
SIGNATURE_WINDOW = 60


def page_date(raw: str, text: str) -> str | None:
    """Publication date from an HTML meta tag or a 发布时间 line at the top of the text."""
    head = raw[:20000]
    m = HTML_DATE.search(head) if "<" in head else None
    if m:
        found = _parse_date(m[1])
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
            return _parse_date(m[1])
    m = SIGNATURE_DATE.search(raw[-SIGNATURE_WINDOW:]) or SIGNATURE_DATE.search(text[-SIGNATURE_WINDOW:])
    return _parse_date(m[1]) if m else None


def strip_html(text: str) -> tuple[str, OffsetMap]:
    """Drop tags, scripts, styles and comments; decode entities; block tags become line breaks.

    Whether two ``<p>`` fragments really are separate paragraphs is decided later by the
    layout step, which sees the same blank line a PDF paragraph break gives."""
    if ("<" not in text and "&" not in text) or not HTML_HINT.search(text):
        return text, OffsetMap.identity(len(text))
    return rewrite(text, HTML_TOKEN.finditer(text), _html_token)


def _html_token(m: regex.Match, b: Builder) -> None:
    if m["drop"]:
        return
    if m["tag"]:
        name = (m["name"] or "").lower()
        closing = m.group().startswith("</")
        if name == "tr" and closing:
            b.put("。\n\n", m.start(), m.end())
        elif name in BLOCK_TAGS:
            b.put("\n\n", m.start(), m.end())
        elif name in CELL_END_TAGS and closing:
            b.put("，", m.start(), m.end())
        return
    decoded = html.unescape(m["entity"])
    if decoded == m["entity"]:
        b.keep(m.start(), m.end())
    else:
        decoded = decoded.replace("\xa0", " ")
        b.put(decoded, m.start(), m.end(), linear=len(decoded) == len(m["entity"]))


def strip_markdown(text: str) -> tuple[str, OffsetMap]:
    """Heading hashes, ``**`` emphasis, images and link targets (the link text stays)."""
    if ("#" not in text and "**" not in text and "](" not in text) or not MD_HINT.search(text):
        return text, OffsetMap.identity(len(text))
    return rewrite(text, MD_TOKEN.finditer(text), _md_token)


def _md_token(m: regex.Match, b: Builder) -> None:
    if m["link"]:
        b.keep(m.start("ltext"), m.end("ltext"))
    elif m["hash"]:
        # a heading is its own paragraph, whatever follows it
        b.keep(m.start("htext"), m.end("htext"))
        if m["hnl"]:
            b.put("\n\n", m.start("hnl"), m.end("hnl"))
