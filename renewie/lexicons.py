"""Load, validate and freeze the vocabulary in ``lexicons/`` (STYLE P2).

The files ship inside the wheel as ``renewie/lexicons``; in a source checkout they are read
from the top-level ``lexicons/`` folder.  A user can point :func:`load` at a folder of their own
files that *add to* the packaged ones (see ``UserLexicon`` in the README).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .errors import LexiconError

__all__ = ["Lexicons", "Unit", "Place", "load", "lexicon_dir"]

CATEGORIES = (
    "old_community", "shantytown", "urban_village", "dilapidated_housing",
    "affordable_housing", "drainage", "heritage", "urban_renewal",
)
STATUSES = ("completed", "in_progress", "started", "planned")
APPROX = ("exact", "about", "over", "under")
KINDS = ("money", "area", "length", "count", "persons")


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    unit: str
    kind: str
    factor: int
    noun: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    adcode: str
    name: str
    level: str
    parent: str
    short: str = ""


@dataclass(frozen=True)
class Lexicons:
    units: Mapping[str, Unit]
    unit_not_followed_by: Mapping[str, tuple[str, ...]]
    digits: Mapping[str, int]
    small: Mapping[str, int]
    large: Mapping[str, int]
    vague_prefix: Mapping[str, str]
    qual_before: Mapping[str, str]
    qual_after_number: Mapping[str, str]
    qual_after_unit: Mapping[str, str]
    qual_words: tuple[str, ...]  # words ending in a qualifier (签约): not a qualifier there
    categories: Mapping[str, tuple[str, ...]]
    status: Mapping[str, tuple[str, ...]]
    metrics: Mapping[str, Mapping[str, tuple[str, ...]]]
    item_only: tuple[str, ...]
    continuations: tuple[str, ...]
    label_strip: tuple[str, ...]
    times: Mapping[str, Any]
    places: Mapping[str, Place]
    townships: tuple[tuple[str, str, str], ...]
    home_words: Mapping[str, str]
    place_not_followed_by: tuple[str, ...]
    place_stopwords: frozenset[str]
    weak_names: frozenset[str] = frozenset()
    # zones.tsv and new_areas.tsv: (name, parent adcode) of functional zones and national new areas,
    # no units of their own (苏州工业园区, 两江新区): places that resolve to the unit they lie in
    zones: tuple[tuple[str, str], ...] = ()
    respectively: tuple[str, ...] = ()
    place_groups: tuple[str, ...] = ()  # places.yaml: 四区, 两县 … name the places listed before
    list_joins: tuple[str, ...] = ()  # places.yaml: 太原、大同 (a stop-listed short form in a list)
    list_ends: tuple[str, ...] = ()  # places.yaml: …长治三市
    venue_after: tuple[str, ...] = ()  # places.yaml: 在包河区**举行** (a venue, no figure's place)
    ranking_before: tuple[str, ...] = ()  # places.yaml: **居**全市首位 (a frame of comparison, no figure's place)
    class_before: tuple[str, ...] = ()  # places.yaml: 该项目**是**合肥市首批…之一 (a class the subject is in)
    dateline_marks: tuple[str, ...] = ()  # places.yaml: 新华社北京1月24日**电** (where a report was filed)
    work_parts: tuple[str, ...] = ()  # metrics.yaml: 主体工程 … (metrics.metric_of)
    vouching_towns: int = 0  # places.yaml: a township of at most this many counties vouches for a short form
    former_suffixes: tuple[str, ...] = ()  # places.yaml: 宁乡县 names 宁乡市
    former_not_followed_by: tuple[str, ...] = ()  # places.yaml: 振兴县域 is no former name
    autonomous_marks: tuple[str, ...] = ()  # places.yaml: 管城回族区 is also 管城区
    generic_triggers: frozenset[str] = frozenset()  # category_rules.yaml: lose to any other trigger
    body_suffixes: tuple[str, ...] = ()  # category_rules.yaml: a trigger before these names an office
    utility_words: tuple[str, ...] = ()  # category_rules.yaml: a trigger listed with these is none
    content_list_ends: tuple[str, ...] = ()  # category_rules.yaml: …、雨污分流等内容 is no trigger
    content_list_starts: tuple[str, ...] = ()  # category_rules.yaml: 改造内容包括…、雨污分流 is none either
    work_list_ends: tuple[str, ...] = ()  # category_rules.yaml: 外立面翻新、雨污分流、…等改造 is none either
    purpose_words: tuple[str, ...] = ()  # category_rules.yaml: 2.3亿元，**支持**城中村改造项目3个
    work_sites: frozenset[str] = frozenset()  # category_rules.yaml: 雨污分流改造**老旧小区** is drainage's
    site_verbs: tuple[str, ...] = ()  # category_rules.yaml: the verbs between a work and its site
    kind_list_words: tuple[str, ...] = ()  # category_rules.yaml: 棚户区**改造**和老旧小区改造分别…
    not_site_works: frozenset[str] = frozenset()  # category_rules.yaml: 城市更新改造老旧小区 stays old-community
    pipe_nouns: tuple[str, ...] = ()  # category_rules.yaml: a length of these takes only pipe_hosts' kind
    pipe_metrics: frozenset[str] = frozenset()  # category_rules.yaml: the metrics such a length is read in
    pipe_hosts: frozenset[str] = frozenset()  # category_rules.yaml: the kinds of work that lay pipes
    pipe_default: str | None = None  # category_rules.yaml: the kind of pipes after other work
    descriptive_labels: tuple[str, ...] = ()  # metrics.yaml: labels of figures that describe
    change_words: tuple[str, ...] = ()  # metrics.yaml: 减少到 … (a figure in a change of state)
    except_frame: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # metrics.yaml: 除…外 (a figure set apart)
    except_rest: tuple[str, ...] = ()  # metrics.yaml except_frame.rest: 其余, 均 (the frame restates)
    count_suffixes: tuple[str, ...] = ()  # metrics.yaml: 数, 数量 closing a label (小区数（个）)
    measure_suffixes: tuple[str, ...] = ()  # metrics.yaml: 长度 after a label's noun (管网长度（公里）)
    work_suffixes: tuple[str, ...] = ()  # metrics.yaml: 综合整治 after a label's noun (老旧小区综合整治30个)
    unit_glosses: tuple[str, ...] = ()  # units.yaml: （间） after 套
    same_place_references: tuple[str, ...] = ()  # places.yaml: 该项目 … (a sentence about the place before)
    subject_areas: tuple[str, ...] = ()  # metrics.yaml: 中心城区 as the subject before a figure's verb
    part_place_suffixes: tuple[str, ...] = ()  # metrics.yaml: 华胥**街道**6个 after 蓝关街道14个
    descriptive_before: tuple[str, ...] = ()  # metrics.yaml: 户均 … (a rate or an average)
    stock_before: tuple[str, ...] = ()  # metrics.yaml: 存量 … (what exists, with no status word)
    paid_out_before: tuple[str, ...] = ()  # metrics.yaml: 发放 … (counts of people paid)
    applicant_words: tuple[str, ...] = ()  # metrics.yaml: 申购 … (counts of people who applied)
    oversight_words: tuple[str, ...] = ()  # metrics.yaml: 督办 … (counts of what was inspected)
    example_openers: tuple[str, ...] = ()  # metrics.yaml: 例如 … (a sentence working an example)
    example_marks: tuple[str, ...] = ()  # metrics.yaml: 为例
    oversight_followers: tuple[str, ...] = ()  # metrics.yaml: 涉及 (a clause after an oversight one)
    problem_headings: tuple[str, ...] = ()  # metrics.yaml: 存在的问题 … (sections of shortcomings)
    latin_large: Mapping[str, int] = field(default_factory=dict)  # numerals.yaml: 1.2w户 (万)
    colon_fillers: tuple[str, ...] = ()  # metrics.yaml: 人民币 … between a label's colon and its figure
    bare_money_after: tuple[str, ...] = ()
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""

    def ancestors(self, adcode: str) -> tuple[str, ...]:
        """Codes from the province down to ``adcode`` itself (precomputed at load)."""
        return self.chains.get(adcode, ())

    def path(self, adcode: str) -> list[str]:
        return [self.places[c].name for c in self.chains.get(adcode, ())]


def lexicon_dir() -> Path:
    """Folder of the packaged lexicons (wheel) or of the checkout's ``lexicons/``."""
    packaged = resources.files("renewie") / "lexicons"
    if packaged.is_dir():
        return Path(str(packaged))
    here = Path(__file__).resolve().parent.parent / "lexicons"
    if here.is_dir():
        return here
    raise LexiconError("lexicon folder not found: neither renewie/lexicons nor ./lexicons exists")


def _yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise LexiconError(f"missing lexicon file {path}") from None
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from None


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


def _tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated file without its header (no quoting in our files)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        raise LexiconError(f"missing lexicon file {path}") from None
    return [line.split("\t") for line in lines[1:] if line]


def _freeze(d: Mapping) -> Mapping:
    return MappingProxyType(dict(d))


def _tuple_map(d: Mapping[str, Any], where: str) -> Mapping[str, tuple[str, ...]]:
    if not isinstance(d, Mapping):
        raise LexiconError(f"{where}: expected a mapping")
    out = {}
    for k, v in d.items():
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise LexiconError(f"{where}: {k} must be a list of strings")
        out[str(k)] = tuple(v)
    return _freeze(out)


@cache
def load(extra: str | None = None) -> Lexicons:
    """Load the packaged lexicons, plus a user folder ``extra`` if given (cached)."""
    base = lexicon_dir()
    units_doc = _yaml(base / "units.yaml")
    units = {}
    for row in units_doc["units"]:
        u = Unit(row["surface"], row["unit"], row["kind"], int(row["factor"]), bool(row.get("noun", False)))
        if u.kind not in KINDS:
            raise LexiconError(f"units.yaml: {u.surface}: unknown kind {u.kind}")
        units[u.surface] = u
    num = _yaml(base / "numerals.yaml")
    qual = _yaml(base / "qualifiers.yaml")
    for part in ("before", "after_number", "after_unit"):
        for k, v in qual[part].items():
            if v not in APPROX:
                raise LexiconError(f"qualifiers.yaml: {k}: {v} is not an approx value")
    cats = _tuple_map(_yaml(base / "categories.yaml"), "categories.yaml")
    for k in cats:
        if k not in CATEGORIES:
            raise LexiconError(f"categories.yaml: {k} is not a SPEC category")
    cat_rules = _tuple_map(_yaml(base / "category_rules.yaml"), "category_rules.yaml")
    status = _tuple_map(_yaml(base / "status.yaml"), "status.yaml")
    met = _yaml(base / "metrics.yaml")
    metrics = {name: _tuple_map(spec, f"metrics.yaml:{name}") for name, spec in met["metrics"].items()}
    places_doc = _yaml(base / "places.yaml")
    places = {}
    for row in _tsv(base / "gazetteer.tsv"):
        if len(row) != 5:
            raise LexiconError(f"gazetteer.tsv: expected 5 columns, got {row!r}")
        places[row[0]] = Place(*row)
    towns = tuple(tuple(row) for row in _tsv(base / "townships.tsv"))
    zones = tuple((row[1], row[2]) for row in _tsv(base / "zones.tsv")) \
        + tuple((row[0], row[1]) for row in _tsv(base / "new_areas.tsv"))
    for name, parent in zones:
        if parent not in places:
            raise LexiconError(f"zones: {name} lies in {parent}, which is no unit of gazetteer.tsv")
    stop = frozenset(_lines(base / "place_stopwords.txt"))
    aliases: dict[str, tuple[str, ...]] = {}
    cats = dict(cats)
    status = dict(status)
    units_extra: dict[str, Unit] = {}
    if extra:
        user = Path(extra)
        from .userlex import merge_user_lexicon  # noqa: PLC0415 - only for user folders

        merge_user_lexicon(user, places, aliases, cats, status, units_extra)
    units.update(units_extra)
    chains = {}
    for code in places:
        chain, c = [], code
        while c and c in places:
            chain.append(c)
            c = places[c].parent
        chains[code] = tuple(chain[::-1])
    return Lexicons(
        chains=_freeze(chains),
        units=_freeze(units),
        unit_not_followed_by=_tuple_map(units_doc.get("not_followed_by", {}), "units.yaml:not_followed_by"),
        unit_glosses=tuple(units_doc.get("unit_glosses", ())),
        digits=_freeze(num["digits"]),
        small=_freeze(num["small"]),
        large=_freeze(num["large"]),
        vague_prefix=_freeze(num["vague_prefix"]),
        latin_large=_freeze(num.get("latin_large", {})),
        qual_before=_freeze(qual["before"]),
        qual_after_number=_freeze(qual["after_number"]),
        qual_after_unit=_freeze(qual["after_unit"]),
        qual_words=tuple(qual.get("words", ())),
        categories=_freeze(cats),
        status=_freeze(status),
        metrics=_freeze(metrics),
        item_only=tuple(met["item_only"]),
        continuations=tuple(met["continuations"]),
        work_parts=tuple(met.get("work_parts", ())),
        descriptive_labels=tuple(met.get("descriptive_labels", ())),
        change_words=tuple(met.get("change_words", ())),
        subject_areas=tuple(met.get("subject_areas", ())),
        part_place_suffixes=tuple(met.get("part_place_suffixes", ())),
        same_place_references=tuple(places_doc.get("same_place_references", ())),
        except_frame=(tuple(met.get("except_frame", {}).get("opens", ())), tuple(met.get("except_frame", {}).get("closes", ()))),
        except_rest=tuple(met.get("except_frame", {}).get("rest", ())),
        descriptive_before=tuple(met.get("descriptive_before", ())),
        stock_before=tuple(met.get("stock_before", ())),
        paid_out_before=tuple(met.get("paid_out_before", ())),
        applicant_words=tuple(met.get("applicant_words", ())),
        oversight_words=tuple(met.get("oversight_words", ())),
        example_openers=tuple(met.get("example_openers", ())),
        example_marks=tuple(met.get("example_marks", ())),
        oversight_followers=tuple(met.get("oversight_followers", ())),
        problem_headings=tuple(met.get("problem_headings", ())),
        colon_fillers=tuple(met.get("colon_fillers", ())),
        label_strip=tuple(sorted(met["label_strip"], key=len, reverse=True)),
        count_suffixes=tuple(sorted(met.get("count_suffixes", ()), key=len, reverse=True)),
        measure_suffixes=tuple(sorted(met.get("measure_suffixes", ()), key=len, reverse=True)),
        work_suffixes=tuple(sorted(met.get("work_suffixes", ()), key=len, reverse=True)),
        times=_freeze(_yaml(base / "times.yaml")),
        places=_freeze(places),
        townships=towns,
        zones=zones,
        home_words=_freeze(places_doc["home_words"]),
        place_not_followed_by=tuple(places_doc["not_followed_by"]),
        place_stopwords=stop,
        weak_names=frozenset(places_doc.get("weak_names", ())),
        respectively=tuple(places_doc.get("respectively", ())),
        place_groups=tuple(places_doc.get("place_groups", ())),
        list_joins=tuple(places_doc.get("list_joins", ())),
        list_ends=tuple(places_doc.get("list_ends", ())),
        venue_after=tuple(places_doc.get("venue_after", ())),
        ranking_before=tuple(places_doc.get("ranking_before", ())),
        class_before=tuple(places_doc.get("class_before", ())),
        dateline_marks=tuple(places_doc.get("dateline_marks", ())),
        vouching_towns=int(places_doc.get("vouching_towns", 0)),
        former_suffixes=tuple(places_doc.get("former_suffixes", ())),
        former_not_followed_by=tuple(places_doc.get("former_not_followed_by", ())),
        autonomous_marks=tuple(places_doc.get("autonomous_marks", ())),
        generic_triggers=frozenset(cat_rules.get("generic", ())),
        body_suffixes=tuple(cat_rules.get("body_suffixes", ())),
        utility_words=tuple(cat_rules.get("utility_words", ())),
        content_list_ends=tuple(cat_rules.get("content_list_ends", ())),
        content_list_starts=tuple(cat_rules.get("content_list_starts", ())),
        work_list_ends=tuple(cat_rules.get("work_list_ends", ())),
        purpose_words=tuple(cat_rules.get("purpose_words", ())),
        work_sites=frozenset(cat_rules.get("work_sites", ())),
        site_verbs=tuple(cat_rules.get("site_verbs", ())),
        kind_list_words=tuple(sorted(cat_rules.get("kind_list_words", ()), key=len, reverse=True)),
        not_site_works=frozenset(cat_rules.get("not_site_works", ())),
        pipe_nouns=tuple(cat_rules.get("pipe_nouns", ())),
        pipe_metrics=frozenset(cat_rules.get("pipe_metrics", ())),
        pipe_hosts=frozenset(cat_rules.get("pipe_hosts", ())),
        pipe_default=next(iter(cat_rules.get("pipe_default", ())), None),
        bare_money_after=tuple(units_doc.get("bare_money_after", ())),
        aliases=_freeze(aliases),
        source=str(base) + (f" + {extra}" if extra else ""),
    )
