"""Lexicon lint (STYLE §4, after dateparser's data-integrity test) and the generated gazetteer."""

from __future__ import annotations

import importlib.util

import yaml

from helpers import ROOT, shared_dir
from renewie.lexicons import APPROX, CATEGORIES, KINDS, STATUSES, lexicon_dir, load

LEX = lexicon_dir()


def _yaml(name):
    return yaml.safe_load((LEX / name).read_text(encoding="utf-8"))


def test_lexicons_gazetteer_integrity():
    lex = load()
    assert len(lex.places) == 3213
    levels = {p.level for p in lex.places.values()}
    assert levels == {"province", "city", "county"}
    for p in lex.places.values():
        assert len(p.adcode) == 6 and p.adcode.isdigit()
        assert not p.parent or p.parent in lex.places
        assert (p.level == "province") == (not p.parent)
    shorts = [p.short for p in lex.places.values() if p.short]
    assert len(shorts) == len(set(shorts)), "a short form maps to two units"
    assert all(len(t[2]) == 6 and t[2] in lex.places for t in lex.townships)
    # zones (NBS functional zones, national new areas) lie in a unit; their names are no unit's
    assert len(lex.zones) >= 140
    assert all(parent in lex.places for _, parent in lex.zones)
    unit_names = {p.name for p in lex.places.values()}
    assert not unit_names & {name for name, _ in lex.zones}


def test_lexicons_yaml_values_are_spec_values():
    assert set(_yaml("categories.yaml")) <= set(CATEGORIES)
    status = _yaml("status.yaml")
    assert {"planned", "completed", "started_strong", "started_weak", "in_progress"} <= set(status)
    metrics = _yaml("metrics.yaml")["metrics"]
    spec_metrics = {"communities", "buildings", "households", "residents", "floor_area_m2", "investment_yuan",
                    "funding_yuan", "housing_units", "length_m", "elevators", "parking_spaces", "charging_points"}
    assert set(metrics) == spec_metrics
    for part in ("before", "after_number", "after_unit"):
        assert set(_yaml("qualifiers.yaml")[part].values()) <= set(APPROX)
    assert STATUSES


def test_lexicons_units_have_kinds_and_factors():
    surfaces = []
    for u in _yaml("units.yaml")["units"]:
        assert u["kind"] in KINDS and int(u["factor"]) >= 1
        surfaces.append(u["surface"])
    assert len(surfaces) == len(set(surfaces)), "a unit surface is listed twice"


def test_lexicons_no_trigger_in_two_categories():
    seen = {}
    for cat, words in _yaml("categories.yaml").items():
        for w in words:
            assert w not in seen, f"{w} in {seen.get(w)} and {cat}"
            seen[w] = cat


def test_lexicons_generated_files_are_up_to_date():
    data = shared_dir("data")
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gaz, towns = mod.build(data)
    assert mod.render(gaz, mod.GAZ_HEADER) == (ROOT / "lexicons" / "gazetteer.tsv").read_text(encoding="utf-8")
    assert mod.render(towns, mod.TOWN_HEADER) == (ROOT / "lexicons" / "townships.tsv").read_text(encoding="utf-8")
    zones = mod.build_zones(data)
    assert mod.render(zones, mod.ZONE_HEADER) == (ROOT / "lexicons" / "zones.tsv").read_text(encoding="utf-8")
    keep = mod.KEEP_HEADER + "".join(n + "\n" for n in mod.script_keep([*gaz, *towns, *zones]))
    assert keep == (ROOT / "lexicons" / "script_keep.txt").read_text(encoding="utf-8")


def test_lexicons_script_keep_names_places_t2s_changes():
    # every name the normaliser keeps from t2s is a place of the lexicons that t2s would change
    import opencc

    lex = load()
    known = {p.name for p in lex.places.values()} | {p.short for p in lex.places.values() if p.short}
    known |= {t[1] for t in lex.townships} | {name for name, _ in lex.zones}
    names = [ln for ln in (LEX / "script_keep.txt").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    conv = opencc.OpenCC("t2s")
    assert {"乾县", "洩湖镇"} <= set(names)
    for name in names:
        assert name in known, name
        assert conv.convert(name) != name, name
