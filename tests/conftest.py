"""Shared fixtures: the shipped graph (article layer only, so core tests stay stable as layers
are added) and an in-process CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.cli.main import main
from graph.store.memory import load_graph

from .listeners import listen, recorder  # noqa: F401 - fixtures: listeners on 127.0.0.1 (tests/listeners.py)

ROOT = Path(__file__).resolve().parent.parent

# The suite runs with aikg's cache on, as users do, but in a folder of its own (set before any
# test, so that the commands the tests start inherit it): never the user's ~/.cache/aikg, and
# empty at the start, so each run parses everything at least once.
_CACHE = tempfile.mkdtemp(prefix="aikg-test-cache-")
os.environ["AIKG_CACHE_DIR"] = _CACHE
os.environ.pop("AIKG_CACHE", None)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def article_graph():
    """The ontology, the actor registry and the article layer, with derived triples."""
    return load_graph(layers="article")


@pytest.fixture(scope="module")
def shipped_graph():
    """Every shipped layer, as `aikg extract` loads by default (the public layers' actors and
    epithets); one per test module, as a module may read it while another changes its own."""
    return load_graph("all")


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys) -> Callable[..., CliResult]:
    """Run ``aikg ARGS...`` in-process; return exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


PREFIXES_TTL = """\
@prefix aikg: <https://w3id.org/ai-infra-kg/ontology#> .
@prefix actor: <https://w3id.org/ai-infra-kg/id/actor/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""
