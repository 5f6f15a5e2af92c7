"""The command line (issues 2–4): every command, its output and its exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import renewie
from helpers import CORPUS
from renewie.cli import main

TRAD = CORPUS / "docs" / "19_gulou_trad.txt"
HTML = CORPUS / "docs" / "05_donghu_html.html"


def test_cli_help_explains_every_command(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("extract", "eval", "mentions", "normalize", "explain"):
        assert cmd in out
    for cmd in ("extract", "eval", "mentions", "normalize", "explain"):
        with pytest.raises(SystemExit):
            main([cmd, "--help"])
        assert "usage: renewie " + cmd in capsys.readouterr().out


def test_cli_version_console_script():
    out = subprocess.run([sys.executable, "-m", "renewie.cli", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"renewie {renewie.__version__}"


def test_cli_normalize_and_meta(capsys):
    assert main(["normalize", str(TRAD)]) == 0
    out = capsys.readouterr().out
    assert "老旧小区" in out and "(qū)" not in out
    assert main(["normalize", "--meta", str(HTML)]) == 0
    meta = json.loads(capsys.readouterr().out)
    assert meta["published"] == "2022-11-08" and meta["title"] == "东湖区老旧小区改造惠民生"


def test_cli_normalize_unreadable_file(tmp_path, capsys):
    bad = tmp_path / "x.bin"
    bad.write_bytes(bytes(range(256)) * 8)
    assert main(["normalize", str(bad)]) == 1
    assert "x.bin" in capsys.readouterr().err


def test_cli_mentions_jsonl(capsys):
    assert main(["mentions", str(TRAD), str(HTML)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [d["doc_id"] for d in lines] == [TRAD.name, HTML.name]
    raw = renewie.read(TRAD)
    for group in ("places", "amounts", "counts", "times"):
        for m in lines[0]["mentions"][group]:
            assert raw[m["span"][0]:m["span"][1]] == m["text"]


def test_cli_explain(capsys):
    assert main(["explain", str(CORPUS / "docs" / "07_hongshan_years.txt")]) == 0
    out = capsys.readouterr().out
    assert "home region: 洪山区" in out and "records:" in out and "planned" in out


def test_cli_eval_show_errors_lists_misses(tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(json.dumps({"doc": "a.txt", "published": None, "facts": [
        {"adcode": "500114", "metric": "communities", "value": 39, "category": "old_community",
         "status": "completed", "start": "2023", "end": None, "approx": "exact", "evidence": "39个"},
        {"adcode": "500114", "metric": "households", "value": 99, "category": "old_community",
         "status": "completed", "start": "2023", "end": None, "approx": "exact", "evidence": "99户"}]}), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("2023年以来，黔江区已对39个老旧小区实施改造，惠及居民2147户。", encoding="utf-8")
    assert main(["eval", str(docs), str(gold), "--show-errors"]) == 0
    out = capsys.readouterr().out
    assert "MISS  a: households=99" in out and "EXTRA a: households=2147" in out
    assert out.strip().splitlines()[-1] == "facts: precision 0.500  recall 0.500  F1 0.500"


@pytest.mark.parametrize("argv", [
    ["extract", "x", "--workers", "0"],
    ["extract", "x", "--resume"],
    ["eval", "x", "/nonexistent/gold"],
])
def test_cli_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("renewie: error:")
