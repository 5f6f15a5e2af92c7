"""Batch runs: stream inputs, extract in worker processes, keep input order, lose nothing.

This is the one place that catches broadly (STYLE P7): any exception while processing a
document, or a document that runs past its time limit, becomes that document's ``error``
object and the run goes on.  Inputs are streamed and at most ``workers × WINDOW`` documents
are in flight, so memory does not grow with the number of documents.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import InputError, ReadError

__all__ = ["Task", "Line", "iter_tasks", "run", "process_task", "error_document", "repair_output"]

log = logging.getLogger(__name__)

WINDOW = 16  # documents in flight per worker
DEFAULT_TIMEOUT = 5.0  # seconds per document


@dataclass(frozen=True, slots=True)
class Task:
    """One input document: a file to read, or text given inline (JSON Lines input)."""

    doc_id: str
    path: str | None = None
    text: str | None = None
    published: str | None = None
    url: str | None = None
    error: str | None = None  # a task that is already known to fail (bad JSON line)
    default_published: str | None = None  # used when the document gives no date


# ---- inputs --------------------------------------------------------------------------------
def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def iter_tasks(inputs: Iterable[str], input_format: str = "text", stdin=None) -> Iterator[Task]:
    """Tasks from files, directories (recursive, sorted), globs and ``-`` (standard input)."""
    if input_format not in ("text", "jsonl"):
        raise InputError(f"unknown input format {input_format!r} (text or jsonl)")
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin
            if input_format == "jsonl":
                yield from _jsonl_tasks(stream, "<stdin>")
            else:
                yield Task("-", text=stream.read())
            continue
        path = Path(item)
        if path.is_dir():
            paths: Iterable[Path] = _walk(path)
        elif path.exists():
            paths = [path]
        elif glob.has_magic(item):
            matched = sorted(glob.glob(item, recursive=True))
            paths = [Path(p) for p in matched]
            if not matched:
                log.warning("no file matches %s", item)
        else:
            yield Task(path.name or item, path=item)  # reading it will report the error
            continue
        for p in paths:
            if p.is_dir():
                for q in _walk(p):
                    yield from _file_tasks(q, input_format)
            else:
                yield from _file_tasks(p, input_format)


def _file_tasks(p: Path, input_format: str) -> Iterator[Task]:
    if input_format == "jsonl":
        try:
            with open(p, encoding="utf-8", errors="replace") as f:
                yield from _jsonl_tasks(f, str(p))
        except OSError as exc:
            yield Task(p.name, error=f"ReadError: {p}: {exc.strerror or exc}")
        return
    yield Task(p.name, path=str(p))


def _jsonl_tasks(stream, name: str) -> Iterator[Task]:
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Task(f"{name}:{n}", error=f"InputError: line {n} of {name} is not JSON: {exc.msg}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield Task(str(obj.get("id", f"{name}:{n}")) if isinstance(obj, dict) else f"{name}:{n}",
                       error=f"InputError: line {n} of {name} has no 'text' string")
            continue
        yield Task(str(obj.get("id", f"{name}:{n}")), text=obj["text"], published=obj.get("published"),
                   url=obj.get("url"))


# ---- one document --------------------------------------------------------------------------
def error_document(doc_id: str, type_: str, message: str, meta: dict | None = None) -> dict[str, Any]:
    return {
        "doc_id": doc_id, "meta": meta or {"title": None, "published": None, "author": None, "script": None},
        "home_region": None, "records": [], "mentions": {"places": [], "amounts": [], "counts": [], "times": []},
        "warnings": [], "error": {"type": type_, "message": message},
    }


class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # pragma: no cover - called by the OS
    raise _Timeout()


_PIPELINE = None
_LEXICON_DIR: str | None = None


_FREEZE = False


def _init_worker(lexicon_dir: str | None, freeze: bool = False) -> None:
    """Set up a worker.  ``freeze``: once the lexicons are loaded, move them out of the cyclic
    garbage collector's sight (``gc.freeze``), so that collections triggered by the objects
    of each document do not walk the hundreds of thousands of gazetteer objects again and
    again.  Only for processes renewie owns (pool workers, the command line)."""
    global _PIPELINE, _LEXICON_DIR, _FREEZE
    _LEXICON_DIR = lexicon_dir
    _PIPELINE = None
    _FREEZE = freeze


def _pipeline():
    global _PIPELINE
    if _PIPELINE is None:
        from .pipeline import Pipeline, default_pipeline

        _PIPELINE = Pipeline(_LEXICON_DIR) if _LEXICON_DIR else default_pipeline()
        if _FREEZE:
            import gc

            _PIPELINE.matcher  # noqa: B018 - load the place automaton before freezing
            gc.collect()
            gc.freeze()
    return _PIPELINE


def process_task(task: Task, timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """Extract one task into a document dict; never raises."""
    if task.error:
        type_, _, message = task.error.partition(": ")
        return error_document(task.doc_id, type_, message)
    use_alarm = bool(timeout) and hasattr(signal, "SIGALRM") and _in_main_thread()
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        pipe = _pipeline()
        kw = {"doc_id": task.doc_id, "published": task.published, "default_published": task.default_published}
        if task.path is not None:
            doc = pipe.extract(Path(task.path), **kw)
        else:
            doc = pipe.extract(task.text or "", **kw)
        out = doc.to_dict()
        if task.url:
            out["meta"]["url"] = task.url
        return out
    except _Timeout:
        return error_document(task.doc_id, "Timeout", f"processing took longer than {timeout} s")
    except ReadError as exc:
        return error_document(task.doc_id, "ReadError", str(exc))
    except Exception as exc:  # noqa: BLE001 - the batch boundary: contain and report
        log.debug("document %s failed", task.doc_id, exc_info=True)
        return error_document(task.doc_id, type(exc).__name__, str(exc))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _process_chunk(tasks: list[Task], timeout: float | None, as_json: bool = False) -> list:
    docs = [process_task(t, timeout) for t in tasks]
    if as_json:
        # serialised where it was made: the parent process only writes lines
        from .output.jsonl import dumps

        return [Line(dumps(d), d["error"] is not None, len(d["records"])) for d in docs]
    return docs


@dataclass(frozen=True, slots=True)
class Line:
    """A document already serialised as one JSON line, with what the run summary needs."""

    text: str
    failed: bool
    records: int


# ---- the run -------------------------------------------------------------------------------
def run(tasks: Iterable[Task], *, workers: int = 1, timeout: float | None = DEFAULT_TIMEOUT,
        lexicon_dir: str | None = None, chunk: int = 8, as_json: bool = False,
        own_process: bool = False) -> Iterator:
    """Document dicts in input order (``Line`` objects with ``as_json``).  ``workers`` > 1
    uses that many processes.  ``own_process``: the caller is renewie's command line, which
    may tune the garbage collector of its own process (see ``_init_worker``)."""
    _init_worker(lexicon_dir, freeze=own_process)
    if workers <= 1:
        try:
            for t in tasks:
                yield from _process_chunk([t], timeout, as_json)
        finally:
            if own_process:
                import gc

                gc.unfreeze()  # the caller's objects are the collector's again
        return
    it = iter(tasks)
    pending: deque[tuple[list[Task], Future]] = deque()
    executor = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(lexicon_dir, True))
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < workers * WINDOW // chunk + 1:
                batch = [t for _, t in zip(range(chunk), it)]
                if not batch:
                    exhausted = True
                    break
                pending.append((batch, executor.submit(_process_chunk, batch, timeout, as_json)))
            if not pending:
                return
            batch, fut = pending.popleft()
            try:
                results = fut.result()
            except BrokenProcessPool:
                # a worker died (out of memory, a crash in native code): redo this chunk one
                # document at a time in a fresh pool so that only the culprit is lost
                executor.shutdown(wait=False, cancel_futures=True)
                executor = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(lexicon_dir, True))
                redo = [batch] + [b for b, _ in pending]
                pending.clear()
                for b in redo:
                    pending.append((b, executor.submit(_process_chunk, b, timeout, as_json)))
                batch, fut = pending.popleft()
                try:
                    results = fut.result()
                except BrokenProcessPool:
                    results = [error_document(t.doc_id, "WorkerCrash", "the worker process died on this chunk")
                               for t in batch]
                    if as_json:
                        from .output.jsonl import dumps

                        results = [Line(dumps(d), True, 0) for d in results]
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(lexicon_dir, True))
                    rest = [b for b, _ in pending]
                    pending.clear()
                    for b in rest:
                        pending.append((b, executor.submit(_process_chunk, b, timeout, as_json)))
            yield from results
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def repair_output(path: Path) -> list[str]:
    """For --resume: drop a partial last line and return the doc_ids already written."""
    if not path.exists():
        return []
    done: list[str] = []
    good_end = 0
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        nl = data.find(b"\n", pos)
        if nl < 0:
            break  # partial last line
        line = data[pos:nl]
        try:
            obj = json.loads(line)
            done.append(str(obj.get("doc_id")))
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            break
        pos = nl + 1
        good_end = pos
    if good_end != len(data):
        with open(path, "r+b") as f:
            f.truncate(good_end)
    return done
