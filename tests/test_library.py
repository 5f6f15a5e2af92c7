"""A pleasant library (issue 6): user lexicons, public names, errors, no work at import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import renewie
from renewie import LexiconError, Pipeline, UserLexicon


def test_user_lexicon_place_alias_changes_the_region(tmp_path):
    text = "2023年，两江新区完成老旧小区改造12个，惠及居民3000户。"
    plain = renewie.extract(text)
    assert all(r.region.adcode != "500112" for r in plain.records)
    folder = UserLexicon(places={"两江新区": "500112"}).write_to(tmp_path / "lex")
    doc = Pipeline(folder).extract(text)
    assert [(r.region.adcode, r.region.name) for r in doc.records] == [("500112", "两江新区")]
    assert doc.records[0].metrics["communities"].value == 12


def test_user_lexicon_triggers_and_units(tmp_path):
    text = "2023年，黔江区完成完整社区建设8个。"
    assert renewie.extract(text).records == []  # 完整社区 is not a packaged trigger
    folder = UserLexicon(categories={"old_community": ["完整社区"]}).write_to(tmp_path / "lex")
    doc = Pipeline(folder).extract(text)
    assert [(r.category.value, r.status.value) for r in doc.records] == [("old_community", "completed")]
    unit_folder = UserLexicon(units=[{"surface": "樘", "unit": "樘", "kind": "count", "factor": 1}]).write_to(tmp_path / "u")
    m = Pipeline(unit_folder).process_text("更换门窗300樘").mentions
    assert [(c["value"], c["unit"]) for c in m["counts"]] == [(300, "樘")]


@pytest.mark.parametrize("files,message", [
    ({"places.tsv": "alias\tadcode\n两江新区\t999999\n"}, "adcode"),
    ({"categories.yaml": "not_a_category: [x]\n"}, "SPEC category"),
    ({"units.yaml": "units:\n  - {surface: x, unit: x, kind: weight}\n"}, "kind"),
])
def test_user_lexicon_errors_are_clear(tmp_path, files, message):
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        Pipeline(tmp_path)


def test_user_lexicon_missing_folder(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        Pipeline(tmp_path / "missing")


def test_public_names_and_error_hierarchy():
    for name in renewie.__all__:
        assert getattr(renewie, name) is not None, name
    assert callable(renewie.extract) and callable(renewie.normalize) and callable(renewie.read)
    for err in (renewie.ReadError, renewie.LexiconError, renewie.InputError):
        assert issubclass(err, renewie.RenewieError)
    with pytest.raises(renewie.InputError):
        renewie.extract("x", published="yesterday")


def test_import_does_no_work():
    code = ("import sys, logging; import renewie; "
            "assert 'renewie.lexicons' not in sys.modules and 'opencc' not in sys.modules; "
            "assert logging.getLogger().handlers == []; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok" and out.stderr == ""


def test_package_data_is_shipped():
    """py.typed, the schema and the lexicons are inside an installed wheel (CI installs one;
    an editable install reads ./lexicons instead)."""
    from importlib import resources
    from pathlib import Path

    from helpers import ROOT
    from renewie.lexicons import lexicon_dir

    assert (resources.files("renewie") / "py.typed").is_file()
    assert (resources.files("renewie") / "schema" / "document.schema.json").is_file()
    assert (lexicon_dir() / "gazetteer.tsv").is_file()
    installed = ROOT not in Path(renewie.__file__).resolve().parents
    if installed:
        assert lexicon_dir() == Path(renewie.__file__).resolve().parent / "lexicons"
