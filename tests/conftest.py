"""Shared fixtures.  Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

import pytest

from helpers import shared_dir  # noqa: F401 - re-exported for fixtures


@pytest.fixture(scope="session")
def pipeline():
    from renewie import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def lex(pipeline):
    return pipeline.lex


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.json from the current output (review the diff like code)")


@pytest.fixture(scope="session")
def update_golden(request):
    return request.config.getoption("--update-golden")
