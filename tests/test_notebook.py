"""docs/restructuring.ipynb is run as a reader would run it, in a real Jupyter kernel: every cell
must run, and each output must be the one stored in the notebook, so the story it tells stays
the data's (after a change, ``python scripts/run-notebook`` re-runs it in place)."""

from __future__ import annotations

import os

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "docs" / "restructuring.ipynb"


def outputs(nb) -> list[list[str]]:
    """Each code cell's printed text and plain-text results (rich HTML left out)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                texts.append(out.text)
            elif out.output_type == "error":
                texts.append(f"{out.ename}: {out.evalue}")
            elif "text/plain" in out.get("data", {}):
                texts.append(out.data["text/plain"])
        cells.append(texts)
    return cells


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    stored = nbformat.read(NOTEBOOK, as_version=4)
    fresh = nbformat.read(NOTEBOOK, as_version=4)
    old = os.environ.get("AIKG_TODAY")
    os.environ["AIKG_TODAY"] = "2026-12-03"  # the kernel inherits it, as scripts/run-notebook sets it
    try:
        cwd = tmp_path_factory.mktemp("notebook")
        NotebookClient(fresh, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        if old is None:
            os.environ.pop("AIKG_TODAY", None)
        else:
            os.environ["AIKG_TODAY"] = old
    return outputs(stored), outputs(fresh)


def test_every_output_is_the_stored_one(executed):
    stored, fresh = executed
    assert len(stored) == len(fresh)
    for i, (was, now) in enumerate(zip(stored, fresh)):
        assert now == was, f"code cell {i + 1} now prints something else: run scripts/run-notebook and review"


def test_the_notebook_tells_the_restructuring_story(executed):
    _, fresh = executed
    text = "\n".join("\n".join(cell) for cell in fresh)
    # Before the event OpenAI needed Microsoft's approval; a week after it needed nobody's.
    assert "needs approval from" in text and "OpenAI restructuring" in text
    assert "new:    ['Amazon Web Services']" in text
    assert "ended: OpenAI needs approval from Microsoft [A03, F003]" in text
    assert not any(line.startswith("Traceback") for line in text.splitlines())
