"""The Pipeline: the only module that knows the order of the stages (STYLE §3).

Build one ``Pipeline`` and reuse it: it loads the lexicons and compiles every pattern and the
place automaton once.  ``renewie.extract`` uses a lazily built default pipeline.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from functools import cache
from pathlib import Path

from .associate.records import Vocab, associate
from .errors import InputError
from .extractors.patterns import build_patterns
from .extractors.places import (PlaceMatcher, find_places, home_region, home_word_in_line, of_level, region_of,
                                resolve_home_word, resolve_places)
from .extractors.quantities import find_quantities
from .extractors.times import TimePatterns, find_times
from .lexicons import Lexicons, load
from .models import Document, PlaceMention
from .normalization import Normalized, normalize
from .reader import decode, read_bytes

__all__ = ["Pipeline", "default_pipeline"]

log = logging.getLogger(__name__)


class Pipeline:
    """Reusable extractor.  ``Pipeline(lexicon_dir=...)`` adds a user lexicon folder.

    >>> doc = Pipeline().extract("2020年，青云谱区完成14个老旧小区改造，涉及1.15万户。")
    >>> [(r.region.name, r.status.value, sorted(r.metrics)) for r in doc.records]
    [('青云谱区', 'completed', ['communities', 'households'])]
    """

    def __init__(self, lexicon_dir: str | os.PathLike | None = None, *, lexicons: Lexicons | None = None):
        self.lex = lexicons or load(str(lexicon_dir) if lexicon_dir else None)
        self.patterns = build_patterns(self.lex)
        self.times = TimePatterns(self.lex)
        self.vocab = Vocab.build(self.lex)
        self._matcher: PlaceMatcher | None = None

    @property
    def matcher(self) -> PlaceMatcher:
        if self._matcher is None:
            self._matcher = PlaceMatcher(self.lex)
        return self._matcher

    # -- stages ---------------------------------------------------------------------------
    def normalize(self, text: str) -> Normalized:
        return normalize(text)

    def mentions(self, norm: Normalized, published: str | None = None):
        """Places (resolved), home region, quantities and times of a normalised document."""
        lex = self.lex
        quantities = find_quantities(norm, lex, self.patterns)
        times = find_times(norm, self.times, published)
        places, warnings = resolve_places(find_places(norm, self.matcher, lex), lex)
        if places and quantities:
            quantities = _outside(quantities, places)
        home = home_region(places, lex, title_span=_title_line(norm.text), text=norm.text)
        places = [self._fill_home(places, i, home, norm.text) for i in range(len(places))]
        return places, home, quantities, times, warnings

    def _fill_home(self, places: list[PlaceMention], i: int, home: str | None, text: str) -> PlaceMention:
        p = places[i]
        if p.kind != "home":
            return p
        level = p.candidates[0] if p.candidates else ""
        if level == "国":
            return replace(p, adcode="000000", level="country", path=())
        code = resolve_home_word(level, home, self.lex)
        if code is None:
            return p
        if code == home and home is not None and not of_level(home, level, self.lex):
            # 全区 in a city's release: the district named before it on its line, if any
            code = home_word_in_line(places, i, text, home, self.lex) or code
        place = self.lex.places[code]
        return replace(p, adcode=code, level=place.level, path=tuple(self.lex.path(code)))

    # -- public ---------------------------------------------------------------------------
    def process_text(self, text: str, *, doc_id: str = "", published: str | None = None,
                     meta: dict | None = None, warnings: list[str] | None = None,
                     default_published: str | None = None) -> Document:
        """``published`` overrides the document's own date (front matter); ``default_published``
        is used only when the document gives none."""
        norm = self.normalize(text)
        doc_meta = {**norm.meta, **(meta or {})}
        if published:
            doc_meta["published"] = published
        elif default_published and not doc_meta.get("published"):
            doc_meta["published"] = default_published
        pub = doc_meta.get("published")
        places, home, quantities, times, place_warnings = self.mentions(norm, pub)
        records = associate(norm, self.lex, self.vocab, places, times, quantities, home, published=pub)
        return Document(
            doc_id=doc_id,
            meta=doc_meta,
            home_region=region_of(home, self.lex) if home else None,
            records=records,
            places=places,
            amounts=[q for q in quantities if q.role == "quantity" and q.kind == "money"],
            counts=[q for q in quantities if q.role == "quantity" and q.kind != "money"],
            times=times,
            warnings=[*(warnings or []), *place_warnings],
        )

    def process_bytes(self, data: bytes, *, doc_id: str = "", published: str | None = None,
                      name: str | None = None, default_published: str | None = None) -> Document:
        decoded = decode(data, name or doc_id or "<bytes>")
        return self.process_text(decoded.text, doc_id=doc_id, published=published, warnings=decoded.warnings,
                                 default_published=default_published)

    def extract(self, text_or_path: str | os.PathLike | bytes, *, doc_id: str | None = None,
                published: str | None = None, default_published: str | None = None) -> Document:
        """Extract one document given as text, bytes or a path (``pathlib.Path``, or a string
        naming an existing file).  ``published`` (YYYY-MM-DD) overrides the document's own
        date; ``default_published`` applies only when it has none.  Raises
        :class:`renewie.ReadError` for unreadable files."""
        for value in (published, default_published):
            if value is not None and not _is_date(value):
                raise InputError(f"published must be YYYY-MM-DD, got {value!r}")
        kw = {"published": published, "default_published": default_published}
        if isinstance(text_or_path, (bytes, bytearray)):
            return self.process_bytes(bytes(text_or_path), doc_id=doc_id or "", **kw)
        if isinstance(text_or_path, os.PathLike) or _looks_like_path(text_or_path):
            data, name = read_bytes(text_or_path)
            return self.process_bytes(data, doc_id=doc_id or Path(name).name, name=name, **kw)
        if not isinstance(text_or_path, str):
            raise InputError(f"expected text, bytes or a path, got {type(text_or_path).__name__}")
        return self.process_text(text_or_path, doc_id=doc_id or "", **kw)


def _outside(quantities: list, places: list[PlaceMention]) -> list:
    """Quantities that are not part of a place name (伍家岗区 holds 伍家, "five 家"; 七台河市
    holds 七台): both lists are in text order."""
    spans = [p.nspan for p in places]
    out, k = [], 0
    for q in quantities:
        s, e = q.nspan
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] < e:
            continue
        out.append(q)
    return out


def _looks_like_path(s: object) -> bool:
    return isinstance(s, str) and 0 < len(s) < 4096 and "\n" not in s and os.path.isfile(s)


def _is_date(s: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(s)
        return True
    except (TypeError, ValueError):
        return False


@cache
def default_pipeline() -> Pipeline:
    """The process-wide default pipeline, built on first use."""
    return Pipeline()


TITLE_LINE_MAX = 64  # characters of a first line that can be a title


def _title_line(text: str) -> tuple[int, int] | None:
    """The span of the text's first line when it reads as a title: short, no full stop or semicolon
    (a title joined to the line below it, 工作动态【11月18日】东湖区…。, is none)."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    line = text[:end]
    if not line.strip() or end > TITLE_LINE_MAX or any(c in line for c in "。；;！？!?"):
        return None
    return 0, end
