"""Run renewie on a Dask cluster (``pip install 'renewie[dask]'``).

``extract_bag(bag)`` maps a Dask bag of inputs to a bag of document dicts (SPEC section 4);
``run_on_cluster(tasks, "tcp://HOST:PORT")`` is what ``renewie extract --scheduler`` uses: it
keeps input order and a bounded number of chunks in flight, so its output equals a local
run's.  Each worker builds its own Pipeline once.  Document time limits need the main thread
of a process and are not enforced on Dask workers (which run tasks in threads).

>>> import dask.bag as db
>>> from renewie.dask import extract_bag
>>> bag = db.from_sequence([{"id": "a", "text": "2020年，青云谱区完成14个老旧小区改造。"}])
>>> [d["records"][0]["region"]["adcode"] for d in extract_bag(bag).compute(scheduler="sync")]
['360104']
"""

from __future__ import annotations

from collections import deque
from typing import Any, Iterable, Iterator

from .batch import Task, _process_chunk, process_task

__all__ = ["extract_bag", "run_on_cluster", "to_task"]

CHUNK = 32  # documents per Dask task
WINDOW = 8  # chunks in flight per worker


def to_task(item: Any) -> Task:
    """A bag item as a Task: a Task, a path string, or a dict ``{"id", "text", "published"?, "url"?}``."""
    if isinstance(item, Task):
        return item
    if isinstance(item, str):
        from pathlib import Path

        return Task(Path(item).name, path=item)
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        return Task(str(item.get("id", "")), text=item["text"], published=item.get("published"), url=item.get("url"))
    return Task(str(item.get("id", "")) if isinstance(item, dict) else "", error="InputError: a bag item needs a 'text' string or a path")


def _one(item: Any, lexicon_dir: str | None) -> dict[str, Any]:
    from . import batch

    if lexicon_dir and batch._LEXICON_DIR != lexicon_dir:
        batch._init_worker(lexicon_dir)
    return process_task(to_task(item), timeout=None)


def extract_bag(bag, *, lexicon_dir: str | None = None):
    """A bag of document dicts, one per input item, in the bag's order."""
    return bag.map(_one, lexicon_dir=lexicon_dir)


def _chunk_remote(tasks: list[Task], lexicon_dir: str | None) -> list[dict[str, Any]]:
    from . import batch

    if batch._LEXICON_DIR != lexicon_dir:
        batch._init_worker(lexicon_dir)
    return _process_chunk(tasks, None)


def run_on_cluster(tasks: Iterable[Task], address: str, *, lexicon_dir: str | None = None,
                   timeout: float | None = None, client=None) -> Iterator[dict[str, Any]]:
    """Document dicts in input order, computed on the cluster at ``address``."""
    from distributed import Client

    own = client is None
    client = client or Client(address)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        it = iter(tasks)
        pending: deque = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < n_workers * WINDOW:
                chunk = [t for _, t in zip(range(CHUNK), it)]
                if not chunk:
                    exhausted = True
                    break
                pending.append(client.submit(_chunk_remote, chunk, lexicon_dir, pure=False))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        if own:
            client.close()
