"""Issue 20, point 4 (stores): two ``aikg load`` into one folder, and a load killed outright.

The first load is a real ``aikg load`` process, frozen (SIGSTOP) while it writes the store, so
that the second finds it busy whatever the machine's speed; the killed load gets SIGKILL at the
same point.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store_oxigraph import INCOMPLETE, MARKER

from .conftest import ROOT

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A synthetic graph large enough that a load takes a moment."""
    from graph.cli.main import main

    path = tmp_path_factory.mktemp("synth") / "big.ttl"
    assert main(["synth", "--actors", "1000", "--relations", "10000", "--out", str(path)]) == 0
    return path


def _load(location: Path, data: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "graph", "load", "--store", f"oxigraph:{location}", "--layers", "", "--data", str(data)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stop_while_writing(process: subprocess.Popen, location: Path, seconds: float = 120.0) -> None:
    """Freeze ``process`` once it has started writing the store."""
    deadline = time.monotonic() + seconds
    while not (location / INCOMPLETE).exists():
        assert process.poll() is None, "the load ended before it could be stopped: " + process.stderr.read()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)
    process.send_signal(signal.SIGSTOP)


def _finish(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGCONT)
        process.kill()
        process.wait(timeout=60)


def test_a_second_load_into_a_store_being_written_says_it_is_in_use(cli, tmp_path, big):
    location = tmp_path / "store"
    first = _load(location, big)
    try:
        _stop_while_writing(first, location)
        r = cli("load", "--store", f"oxigraph:{location}", "--layers", "", "--data", big)
        assert r.code == 2 and "Traceback" not in r.err
        assert f"the store at {location} is in use by another program" in r.err
        r = cli("load", "--store", f"oxigraph:{location}", "--layers", "", "--data", big, "--replace")
        assert r.code == 2 and "in use" in r.err
        r = cli("query", COUNT, "--store", f"oxigraph:{location}")
        assert r.code == 2 and "is incomplete: an `aikg load` is writing it" in r.err
        first.send_signal(signal.SIGCONT)
        _, err = first.communicate(timeout=300)
        assert first.returncode == 0, err
    finally:
        _finish(first)
    r = cli("query", COUNT, "--store", f"oxigraph:{location}", "--format", "csv")
    assert r.code == 0 and int(r.out.split()[-1]) > 100_000


def test_a_load_killed_outright_is_detected_and_replace_rebuilds_it(cli, tmp_path, big):
    location = tmp_path / "store"
    first = _load(location, big)
    try:
        _stop_while_writing(first, location)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=60)
    finally:
        _finish(first)
    assert (location / INCOMPLETE).exists() and not (location / MARKER).exists()
    r = cli("load", "--store", f"oxigraph:{location}", "--layers", "", "--data", big)
    assert r.code == 2 and "Traceback" not in r.err
    assert "was left incomplete by an `aikg load` that was stopped part-way" in r.err
    assert f"aikg load --replace --store oxigraph:{location}" in r.err
    r = cli("query", COUNT, "--store", f"oxigraph:{location}")
    assert r.code == 2 and "was stopped part-way" in r.err
    r = cli("load", "--store", f"oxigraph:{location}", "--layers", "", "--data", big, "--replace")
    assert r.code == 0, r.err
    assert not (location / INCOMPLETE).exists()
    fresh = tmp_path / "fresh"
    assert cli("load", "--store", f"oxigraph:{fresh}", "--layers", "", "--data", big).code == 0
    counts = [cli("query", COUNT, "--store", f"oxigraph:{s}", "--format", "csv").out for s in (location, fresh)]
    assert counts[0] == counts[1] and int(counts[0].split()[-1]) > 100_000


def test_a_store_location_that_cannot_be_written_gives_a_message(cli, tmp_path):
    (tmp_path / "file").write_text("mine")
    cases = {
        tmp_path / "file": "it is a file, not a folder",
        tmp_path / "file" / "store": "cannot write the store",
        Path("/proc/aikg-store"): "cannot write the store",
    }
    for location, message in cases.items():
        r = cli("load", "--store", f"oxigraph:{location}", "--layers", "article")
        assert r.code == 2 and "Traceback" not in r.err and message in r.err, r.err
    assert (tmp_path / "file").read_text() == "mine"
