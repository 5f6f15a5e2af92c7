"""The Dask runner (issue 5): a run on a local cluster equals the local run on corpus/."""

from __future__ import annotations

import json

import pytest

from helpers import CORPUS
from renewie.cli import main

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.mark.slow
def test_dask_scheduler_run_equals_local_run(tmp_path, cluster):
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["extract", str(CORPUS / "docs"), "-o", str(local), "-q", "--workers", "1"]) == 0
    assert main(["extract", str(CORPUS / "docs"), "-o", str(remote), "-q", "--scheduler", cluster.scheduler_address]) == 0
    assert remote.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")


@pytest.mark.slow
def test_dask_extract_bag_equals_local(cluster):
    import dask.bag as db
    from distributed import Client

    import renewie
    from renewie.dask import extract_bag

    paths = [str(p) for p in sorted((CORPUS / "docs").iterdir())]
    with Client(cluster):  # the default scheduler while open
        out = extract_bag(db.from_sequence(paths, npartitions=4)).compute()
    local = [renewie.extract(__import__("pathlib").Path(p), doc_id=__import__("pathlib").Path(p).name).to_dict() for p in paths]
    assert json.dumps(out, ensure_ascii=False, sort_keys=True) == json.dumps(local, ensure_ascii=False, sort_keys=True)
