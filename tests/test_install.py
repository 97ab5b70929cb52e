"""A non-editable install from a built wheel works from any directory: the ontology and the
shipped data travel inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, ROOT],
        check=True,
    )
    (wheel,) = dist.glob("aikg-*.whl")
    env_dir = base / "venv"
    # The dependencies come from this interpreter's site-packages; the package itself only
    # from the wheel, so the test proves the wheel carries the ontology and the data.
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run([pip, "install", "-q", "--no-deps", "--force-reinstall", wheel], check=True)
    return env_dir


def run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [env_dir / "bin" / "aikg", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_wheel_install_answers_from_another_directory(installed, tmp_path):
    where = subprocess.run(
        [
            installed / "bin" / "python",
            "-c",
            "import graph, graph.core.resources as r; print(graph.__file__);print(r.ontology_file())",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(str(installed) in w for w in where), where
    r = run(
        installed,
        "query",
        "compute-suppliers",
        "--actor",
        "OpenAI",
        "--format",
        "json",
        "--layers",
        "article",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    (row,) = json.loads(r.stdout)["results"]["bindings"]
    assert row["supplierLabel"]["value"] == "Amazon Web Services"
    assert row["start"]["value"] == "2025-11-03"  # the bundled query names the effective start ?start


@pytest.mark.slow
def test_wheel_install_validates_and_builds(installed, tmp_path):
    r = run(installed, "validate", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(installed, "build", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "aikg-out" / "aikg.ttl").is_file()
