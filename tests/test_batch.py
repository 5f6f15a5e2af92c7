"""Batch runs (issue 5): every input yields exactly one line in input order, errors are
contained, --resume continues without repeating or losing a document, outputs agree."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import CORPUS
from renewie.batch import Task, iter_tasks, repair_output, run
from renewie.cli import main

GOOD = "2020年，青云谱区完成14个老旧小区改造，涉及1.15万户。"
TRAD = "截至2022年9月，永興縣共投入資金2.86億元，改造老舊片區27個，惠及居民8557戶。"


def _mixed_folder(root: Path, n: int) -> list[str]:
    """n files cycling through good, empty, binary, GBK, Big5 and broken inputs."""
    names = []
    for i in range(n):
        kind = i % 6
        name = f"{i:05d}_{kind}.txt"
        data = {
            0: GOOD.encode(),
            1: b"",
            2: bytes(range(256)) * 4,
            3: (GOOD + "2021年启动改造53个老旧小区。").encode("gbk"),
            4: TRAD.encode("big5"),
            5: b"%PDF-1.4 not text",
        }[kind]
        (root / name).write_bytes(data)
        names.append(name)
    return names


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_one_line_per_document_in_order_with_errors(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    names = _mixed_folder(docs, 60)
    out = tmp_path / "out.jsonl"
    status = main(["extract", str(docs), "-o", str(out), "--workers", "2", "--quiet"])
    lines = _lines(out)
    assert [d["doc_id"] for d in lines] == names
    errors = [d for d in lines if d["error"]]
    assert len(errors) == 20  # binary and PDF files
    assert all(d["error"]["type"] == "ReadError" for d in errors)
    assert status == 1  # some documents failed
    assert all(d["records"] for d in lines if d["doc_id"].endswith(("_0.txt", "_3.txt", "_4.txt")))


def test_batch_workers_agree_with_one_worker(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["extract", str(CORPUS / "docs"), "-o", str(a), "--workers", "1", "-q"]) == 0
    assert main(["extract", str(CORPUS / "docs"), "-o", str(b), "--workers", "2", "-q"]) == 0
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_batch_jsonl_input_and_bad_lines(tmp_path):
    src = tmp_path / "crawl.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "x1", "text": GOOD, "url": "http://example.invalid/1"}, ensure_ascii=False),
        "not json",
        json.dumps({"id": "x3"}),
        json.dumps({"id": "x4", "text": "今年，青云谱区计划改造老旧小区20个。", "published": "2022-05-01"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "--input-format", "jsonl", "-o", str(out), "-q", "--workers", "1"]) == 1
    lines = _lines(out)
    assert [d["doc_id"] for d in lines] == ["x1", f"{src}:2", "x3", "x4"]
    assert lines[0]["meta"]["url"] == "http://example.invalid/1"
    assert lines[1]["error"]["type"] == "InputError" and lines[2]["error"]["type"] == "InputError"
    assert lines[3]["records"][0]["period"]["start"] == "2022"


def test_batch_stdin_and_globs(tmp_path, monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD))
    assert main(["extract", "-", "-q", "--workers", "1"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["doc_id"] == "-" and line["records"]
    assert main(["extract", str(CORPUS / "docs" / "0[12]_*"), "-q", "--workers", "1"]) == 0
    ids = [json.loads(x)["doc_id"] for x in capsys.readouterr().out.splitlines()]
    assert ids == ["01_wuhou_plain.txt", "02_xian_plain.txt"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_batch_output_dash_is_standard_output(tmp_path, monkeypatch, capsys, fmt):
    """-o - writes to standard output (as - reads standard input), never to a file named -."""
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    assert main(["extract", str(doc), "-o", "-", "--format", fmt, "-q", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert not (tmp_path / "-").exists()
    assert ("a.txt" in json.loads(out)["doc_id"]) if fmt == "jsonl" else out.startswith("doc_id,")
    assert main(["extract", str(doc), "-o", "-", "--resume", "-q"]) == 2  # --resume needs a file


def test_batch_missing_input_gives_an_error_line(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), "-q", "--workers", "1"]) == 1
    line = json.loads(capsys.readouterr().out)
    assert line["error"]["type"] == "ReadError" and "no such file" in line["error"]["message"]


def test_batch_timeout_and_exception_are_contained(monkeypatch):
    from renewie import batch

    class Slow:
        def extract(self, *a, **k):
            time.sleep(2)

    class Boom:
        def extract(self, *a, **k):
            raise ValueError("kaboom")

    monkeypatch.setattr(batch, "_pipeline", lambda: Slow())
    d = batch.process_task(Task("slow", text="x"), timeout=0.2)
    assert d["error"]["type"] == "Timeout"
    monkeypatch.setattr(batch, "_pipeline", lambda: Boom())
    d = batch.process_task(Task("boom", text="x"), timeout=1)
    assert d["error"] == {"type": "ValueError", "message": "kaboom"}


def test_batch_repair_output_drops_partial_last_line(tmp_path):
    p = tmp_path / "o.jsonl"
    p.write_text('{"doc_id": "a"}\n{"doc_id": "b"}\n{"doc_id": "c", "rec', encoding="utf-8")
    assert repair_output(p) == ["a", "b"]
    assert p.read_text(encoding="utf-8") == '{"doc_id": "a"}\n{"doc_id": "b"}\n'


@pytest.mark.slow
def test_batch_10000_documents_killed_and_resumed(tmp_path):
    """Issue 5 acceptance: 10,000 mixed documents, a job killed midway, resumed with --resume,
    gives the same output as an uninterrupted run."""
    docs = tmp_path / "docs"
    docs.mkdir()
    names = _mixed_folder(docs, 10_000)
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    assert main(["extract", str(docs), "-o", str(full), "-q"]) == 1
    cmd = [sys.executable, "-m", "renewie.cli", "extract", str(docs), "-o", str(part), "-q"]
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and (not part.exists() or part.stat().st_size < 200_000):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(part.read_bytes().splitlines())
    assert 0 < done_before < 10_000
    subprocess.run(cmd + ["--resume"], check=False)
    assert part.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
    lines = _lines(full)
    assert [d["doc_id"] for d in lines] == names
    assert sum(1 for d in lines if d["error"]) == sum(1 for n in names if n.endswith(("_2.txt", "_5.txt")))


def test_batch_iter_tasks_walks_directories_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    assert [t.doc_id for t in iter_tasks([str(tmp_path)])] == ["a.txt", "2.txt"]
    assert [d["doc_id"] for d in run(iter_tasks([str(tmp_path)]), workers=1)] == ["a.txt", "2.txt"]


def test_batch_cli_lexicons_and_published_reach_the_workers(tmp_path):
    from renewie import UserLexicon

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("今年，两江新区完成老旧小区改造12个。", encoding="utf-8")
    (docs / "b.txt").write_text("今年，两江新区计划改造老旧小区20个。", encoding="utf-8")
    lex = UserLexicon(places={"两江新区": "500112"}).write_to(tmp_path / "lex")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(docs), "-o", str(out), "-q", "--workers", "2", "--lexicons", lex,
                 "--published", "2024-05-01"]) == 0
    lines = _lines(out)
    assert [(d["records"][0]["region"]["adcode"], d["records"][0]["period"]["start"]) for d in lines] == [
        ("500112", "2024"), ("500112", "2024")]


def test_batch_progress_bar_on_a_terminal(tmp_path, monkeypatch, capsys):
    """On a terminal: a bar with a total (so time left), then the summary; -q silences both."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(CORPUS / "docs"), "-o", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    n = len(list((CORPUS / "docs").iterdir()))
    assert f"{n}/{n}" in err and "doc/s" in err
    assert f"renewie: {n} documents" in err
    assert main(["extract", str(CORPUS / "docs"), "-o", str(out), "--workers", "1", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_batch_published_option_does_not_override_front_matter(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("---\ndate: 2021-12-23\n---\n今年，青云谱区完成老旧小区改造14个。", encoding="utf-8")
    (docs / "b.txt").write_text("今年，青云谱区完成老旧小区改造14个。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(docs), "-o", str(out), "-q", "--workers", "1", "--published", "2024-01-01"]) == 0
    assert [d["meta"]["published"] for d in _lines(out)] == ["2021-12-23", "2024-01-01"]


def test_batch_glob_matching_a_folder_keeps_the_input_format(tmp_path):
    crawl = tmp_path / "crawl_2023"
    crawl.mkdir()
    (crawl / "part1.jsonl").write_text(json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False) + "\n"
                                       + json.dumps({"id": "b", "text": GOOD}, ensure_ascii=False) + "\n", encoding="utf-8")
    tasks = list(iter_tasks([str(tmp_path / "crawl_*")], "jsonl"))
    assert [(t.doc_id, t.text is not None) for t in tasks] == [("a", True), ("b", True)]


def test_batch_own_process_freezes_the_lexicons_only_while_it_runs():
    """The command line hides the loaded lexicons from the garbage collector while documents
    are processed (gc.freeze) and gives the caller's process back as it found it."""
    import gc

    assert gc.get_freeze_count() == 0
    seen = []
    for d in run([Task(doc_id="a", text=GOOD), Task(doc_id="b", text=GOOD)], workers=1, own_process=True):
        seen.append(gc.get_freeze_count())
        assert d["records"]
    assert seen[0] > 0  # frozen while running
    assert gc.get_freeze_count() == 0
    list(run([Task(doc_id="a", text=GOOD)], workers=1))
    assert gc.get_freeze_count() == 0  # a library caller's process is never frozen
