"""Docstring examples of the installed package and the README's examples run as tests
(issue 6: the README's examples run)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import renewie
from helpers import ROOT

OPTIONAL = {"renewie.spacy_component": "spacy", "renewie.dask": "dask"}
MODULES = [m.name for m in pkgutil.walk_packages(renewie.__path__, "renewie.")]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_of_module(name):
    if name in OPTIONAL:
        pytest.importorskip(OPTIONAL[name])
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_readme_examples(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 5
    assert result.failed == 0


def test_readme_commands_match_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```bash\n")[1:3]]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[0].endswith("renewie extract corpus/docs -o corpus-records.jsonl")
    assert blocks[1] in ci.splitlines()  # CI runs exactly the README's test command
