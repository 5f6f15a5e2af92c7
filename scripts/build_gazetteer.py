"""Build lexicons/gazetteer.tsv, lexicons/townships.tsv and lexicons/zones.tsv from the division tables.

Usage: python scripts/build_gazetteer.py [DATA_DIR] [OUT_DIR]
  DATA_DIR defaults to ../shared/data (admin_divisions.tsv, admin_townships.tsv),
  OUT_DIR to lexicons/.

gazetteer.tsv: adcode, name, level, parent, short — one row per GB/T 2260 unit at province,
prefecture and county level.  ``short`` is the name without its administrative suffix
(黔江区 → 黔江, 郴州市 → 郴州), kept only where it is unambiguous: when two units share a short
form and one is the ancestor of the other, the ancestor keeps it (荆州 → 荆州市, not 荆州区);
otherwise a unit of a higher level than all the others keeps it (西安 → 西安市, not the
districts named 西安区); any other clash drops it.  Short forms of one character are dropped.
townships.tsv: code, name, county — township-level units; ``county`` is the 6-digit code of
the county (or prefecture, for prefectures without counties) that contains them; functional
zones that are not GB/T units are mapped to their prefecture.
zones.tsv: code, name, parent — those functional zones themselves (苏州工业园区, 兰州新区), each in
the unit that contains it.
script_keep.txt: the names and short forms of all three whose official (simplified) form OpenCC's
t2s would change (乾县 → 干县, 洩湖镇 → 泄湖镇): the normaliser leaves them as they are.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区", "省", "市", "区", "县", "盟", "旗"]
RANK = {"province": 0, "city": 1, "county": 2}


def _ethnic() -> list[str]:
    words = [
        line.strip()
        for line in (ROOT / "lexicons" / "ethnic_groups.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return sorted(words, key=len, reverse=True)


def short_form(name: str, ethnic: list[str]) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return name
    # strip nationalities at the end of autonomous names: 恩施土家族苗族 → 恩施
    changed = True
    while changed:
        changed = False
        for e in ethnic:
            if stem.endswith(e) and len(stem) > len(e):
                stem = stem[: -len(e)]
                changed = True
    return stem


def build(data_dir: Path) -> tuple[list[list[str]], list[list[str]]]:
    ethnic = _ethnic()
    with open(data_dir / "admin_divisions.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    parent = {r["code"]: r["parent_code"] for r in rows}
    level = {r["code"]: r["level"] for r in rows}

    def ancestors(code: str) -> set[str]:
        out = set()
        while parent.get(code):
            code = parent[code]
            out.add(code)
        return out

    shorts: dict[str, list[str]] = defaultdict(list)
    names = {r["name"] for r in rows}
    for r in rows:
        s = short_form(r["name"], ethnic)
        if s != r["name"] and len(s) >= 2:
            shorts[s].append(r["code"])
    keep: dict[str, str] = {}
    for s, codes in shorts.items():
        if s in names:
            continue  # a short form that is another unit's full name (e.g. 吉林)
        if len(codes) == 1:
            keep[codes[0]] = s
            continue
        tops = [c for c in codes if not (ancestors(c) & set(codes))]
        if len(tops) > 1:
            # 西安: the prefecture 西安市 over the districts 西安区 of other prefectures
            best = min(RANK[level[c]] for c in tops)
            tops = [c for c in tops if RANK[level[c]] == best]
        if len(tops) == 1:
            keep[tops[0]] = s
    gaz = [[r["code"], r["name"], r["level"], r["parent_code"], keep.get(r["code"], "")] for r in rows]

    nonstd: dict[str, str] = {}
    ns_path = data_dir / "admin_nonstandard_units.tsv"
    if ns_path.exists():
        with open(ns_path, encoding="utf-8") as f:
            nonstd = {r["code"]: r["parent_code"] for r in csv.DictReader(f, delimiter="\t")}
    towns = []
    with open(data_dir / "admin_townships.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            county = r["parent_county_code"]
            county = nonstd.get(county, county)
            name = r["name"]
            if name.endswith("办事处") and len(name) > 5:
                name = name[: -len("办事处")]
            towns.append([r["code"], name, county])
    return gaz, towns


def render(rows: list[list[str]], header: list[str]) -> str:
    return "\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows)


GAZ_HEADER = ["adcode", "name", "level", "parent", "short"]
TOWN_HEADER = ["code", "name", "county"]
ZONE_HEADER = ["code", "name", "parent"]


def build_zones(data_dir: Path) -> list[list[str]]:
    """NBS statistical functional zones (development zones, new areas, management areas) that are
    no GB/T 2260 unit: code, name and the unit they lie in (a prefecture), from
    ``admin_nonstandard_units.tsv``; none when the table is absent."""
    path = data_dir / "admin_nonstandard_units.tsv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [[r["code"], r["name"], r["parent_code"]] for r in csv.DictReader(f, delimiter="\t")]


KEEP_HEADER = (
    "# Place names (and short forms) of gazetteer.tsv, townships.tsv and zones.tsv that OpenCC's t2s would\n"
    "# change although they are the official simplified form (乾县, 洩湖镇): generated by\n"
    "# scripts/build_gazetteer.py; the normaliser converts around them (renewie/normalization/script.py).\n"
)


def script_keep(rows: list[list[str]]) -> list[str]:
    """Names and short forms in ``rows`` (Han text in any column) that t2s changes."""
    import opencc

    conv = opencc.OpenCC("t2s")
    names = {cell for row in rows for cell in row[1:] if cell and not cell.isascii()}
    return sorted(n for n in names if conv.convert(n) != n)


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    out_dir = Path(argv[2]) if len(argv) > 2 else ROOT / "lexicons"
    gaz, towns = build(data_dir)
    (out_dir / "gazetteer.tsv").write_text(render(gaz, GAZ_HEADER), encoding="utf-8")
    (out_dir / "townships.tsv").write_text(render(towns, TOWN_HEADER), encoding="utf-8")
    zones = build_zones(data_dir)
    if zones:  # without the table of non-standard units, the zones.tsv there is kept as it is
        (out_dir / "zones.tsv").write_text(render(zones, ZONE_HEADER), encoding="utf-8")
    keep = script_keep([*gaz, *towns, *zones])
    (out_dir / "script_keep.txt").write_text(KEEP_HEADER + "".join(n + "\n" for n in keep), encoding="utf-8")
    kept = "" if zones else " (no table of non-standard units: the file there kept)"
    print(f"gazetteer.tsv: {len(gaz)} units; townships.tsv: {len(towns)} townships; zones.tsv: {len(zones)} zones{kept}; script_keep.txt: {len(keep)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
