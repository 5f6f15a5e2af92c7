"""One normaliser, one offset map (SPEC section 3).

``normalize(text)`` runs every step in order and composes their offset maps, so that
``Normalized.to_source`` maps any span of the clean text to the input string it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import glosses, layout, markup, script
from .offsets import Builder, OffsetMap

__all__ = ["Normalized", "normalize", "OffsetMap", "Builder"]


@dataclass(slots=True)
class Normalized:
    """Clean simplified text, document metadata, and the map back to the input."""

    text: str
    source: str
    offsets: OffsetMap
    meta: dict = field(default_factory=dict)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of the input that ``text[start:end]`` came from (half-open).

        >>> n = normalize("小區(qū)改造")
        >>> n.text, n.to_source(0, 2)
        ('小区改造', (0, 2))
        """
        return self.offsets.to_source(start, end)


def normalize(text: str, *, convert: bool = True) -> Normalized:
    """Normalise one document: script, glosses, markup, full-width forms, tables, PDF damage.

    ``meta`` receives front-matter fields (``title``, ``published``, ``author``,
    ``categories``) and ``script`` (``"traditional"`` or ``"simplified"``).  Without front
    matter, ``published`` comes from an HTML ``<meta name="PubDate">``-style tag or a
    ``发布时间：…`` line at the top of the page.
    """
    meta: dict = {}
    cur, total = markup.newlines(text)

    def step(result: tuple) -> None:
        nonlocal cur, total
        new, m = result[0], result[1]
        total = total.then(m)
        cur = new

    if convert:
        # first, so that every later step reads the simplified words it knows (单位：万元 over a
        # table, 合计, 发布时间) whatever script the page is in
        converted = script.to_simplified(cur)
        meta["script"] = converted[2]
        step(converted)
    else:
        meta["script"] = script.detect_script(cur)
    step(glosses.remove_glosses(cur))  # before any table is read, whose header words it may cut (萬(wàn)元)
    out = markup.front_matter(cur)
    meta.update(out[2])
    step(out)
    step(markup.strip_html(cur))
    step(markup.box_tables(cur))
    step(markup.strip_markdown(cur))
    step(layout.full_width(cur))
    step(layout.half_width_stops(cur))
    step(markup.text_tables(cur))
    step(markup.line_cell_tables(cur))
    step(markup.unit_fields(cur))
    step(layout.drop_page_marks(cur))
    step(layout.drop_repeats(cur))
    step(layout.repair_lines(cur))
    step(layout.bar_separators(cur))
    if not meta.get("published"):
        meta["published"] = markup.page_date(text, cur)
    meta.setdefault("title", None)
    meta.setdefault("published", None)
    meta.setdefault("author", None)
    return Normalized(cur, text, total, meta)
