"""Issue 20, points 4 and 10: ``--out`` to paths that cannot be written, and whole folders.

Every unwritable path gives a clear message (exit 2, no traceback, nothing left behind); only
regular files are written (a symbolic link is written through; devices, FIFOs, sockets and
folders are refused and stay what they were); ``aikg build`` writes into a hidden folder beside
``--out`` and renames it into place, so a build killed part-way leaves the previous output whole.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.core.atomic import MANIFEST, replace_folder, write_text
from graph.core.errors import AikgError

from .conftest import ROOT
from .servers import interruptible

QUERY = ("query", "actors", "--layers", "article", "--format", "csv", "--out")


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _assert_clear(r, *fragments: str) -> None:
    assert r.code == 2, r.out + r.err
    assert "Traceback" not in r.err and r.err.startswith("aikg: error: cannot write"), r.err
    for fragment in fragments:
        assert fragment in r.err, r.err


def test_an_existing_folder_is_refused(cli, tmp_path):
    (tmp_path / "dir").mkdir()
    r = cli(*QUERY, tmp_path / "dir")
    _assert_clear(r, "it is a folder; give a file name")
    assert _listing(tmp_path / "dir") == []


def test_a_file_used_as_a_folder_is_refused(cli, tmp_path):
    (tmp_path / "file.txt").write_text("mine")
    for out in (tmp_path / "file.txt" / "res.csv", tmp_path / "file.txt" / "sub" / "res.csv"):
        r = cli(*QUERY, out)
        _assert_clear(r, str(out))
        assert "file, not a folder" in r.err
    assert (tmp_path / "file.txt").read_text() == "mine" and _listing(tmp_path) == ["file.txt"]


@pytest.mark.parametrize("out", ["/proc/aikg-res.csv", "/proc/self/aikg/res.csv", "/sys/aikg-res.csv"])
def test_special_file_systems_are_refused(cli, out):
    _assert_clear(cli(*QUERY, out), out)


def test_devices_are_refused_and_stay_devices(cli):
    for device in ("/dev/null", "/dev/full"):
        before = os.stat(device)
        r = cli(*QUERY, device)
        assert r.code == 2 and "it is a device, not a regular file" in r.err and "Traceback" not in r.err
        after = os.stat(device)
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_fifo_and_a_socket_are_refused_and_stay_what_they_were(cli, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    r = cli(*QUERY, fifo)  # never opened: the command would block on a FIFO nobody reads
    assert r.code == 2 and "a FIFO (named pipe), not a regular file" in r.err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock_path))
        r = cli(*QUERY, sock_path)
        assert r.code == 2 and "a socket, not a regular file" in r.err
        assert stat.S_ISSOCK(os.stat(sock_path).st_mode)
    assert sorted(_listing(tmp_path)) == ["fifo", "sock"]


def test_a_symbolic_link_is_written_through(cli, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    r = cli(*QUERY, link)
    assert r.code == 0, r.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("actor,")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640  # a replaced file keeps its permissions
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "new.csv")
    assert cli(*QUERY, dangling).code == 0
    assert dangling.is_symlink() and (tmp_path / "new.csv").read_text().startswith("actor,")
    assert sorted(_listing(tmp_path)) == ["dangling.csv", "link.csv", "new.csv", "real.csv"]


def test_a_link_to_a_folder_or_a_loop_is_refused(cli, tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "to-dir").symlink_to(tmp_path / "dir")
    r = cli(*QUERY, tmp_path / "to-dir")
    assert r.code == 2 and "it is a folder" in r.err
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    r = cli(*QUERY, tmp_path / "a")
    assert r.code == 2 and "symbolic link loop" in r.err and "Traceback" not in r.err


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody may write into: chmod for a user, the immutable attribute for root."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "res.csv").write_text("previous")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("root, and no immutable attribute on this file system: no read-only folder to test")
    try:
        yield folder
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_a_read_only_folder_is_refused_and_left_as_it_was(cli, read_only_folder):
    for out in (read_only_folder / "res.csv", read_only_folder / "new.csv", read_only_folder / "sub" / "x.csv"):
        r = cli(*QUERY, out)
        _assert_clear(r, str(out))
        assert "permission denied" in r.err or "not permitted" in r.err
    assert _listing(read_only_folder) == ["res.csv"]
    assert (read_only_folder / "res.csv").read_text() == "previous"


def test_a_report_folder_that_is_a_file_is_refused(cli, tmp_path):
    (tmp_path / "rep").write_text("mine")
    r = cli("report", "--layers", "article", "--out", tmp_path / "rep")
    assert r.code == 2 and "Traceback" not in r.err and "file, not a folder" in r.err
    assert (tmp_path / "rep").read_text() == "mine"


def test_write_errors_from_the_caller_are_not_disguised(tmp_path):
    from graph.core.atomic import open_atomic

    with pytest.raises(FileNotFoundError):
        with open_atomic(tmp_path / "x.txt") as fh:
            fh.write(b"a")
            open(tmp_path / "missing-input.txt")  # the caller's own error, not a write failure
    assert _listing(tmp_path) == []


# --------------------------------------------------------------------------- whole folders
def test_replace_folder_keeps_the_previous_output_until_the_new_one_is_whole(tmp_path):
    out = tmp_path / "site"
    with replace_folder(out) as stage:
        write_text(stage / "a.txt", "one")
    assert _listing(out) == [MANIFEST, "a.txt"]
    with pytest.raises(RuntimeError):
        with replace_folder(out) as stage:
            write_text(stage / "a.txt", "two")
            raise RuntimeError("failed half-way")
    assert (out / "a.txt").read_text() == "one"
    assert _listing(tmp_path) == ["site"]  # no partial folder left
    with replace_folder(out) as stage:
        write_text(stage / "b.txt", "three")
    assert _listing(out) == [MANIFEST, "b.txt"]  # replaced as a whole


def test_replace_folder_never_deletes_what_it_did_not_write(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(AikgError, match=r"holds files aikg did not write \(notes.txt\)"):
        with replace_folder(out, ("aikg.*",)):
            pass
    with replace_folder(tmp_path / "site2") as stage:
        write_text(stage / "a.txt", "one")
    (tmp_path / "site2" / "mine.txt").write_text("mine")  # added after a build
    with pytest.raises(AikgError, match=r"mine\.txt"):
        with replace_folder(tmp_path / "site2"):
            pass
    with pytest.raises(AikgError, match="it is a file, not a folder"):
        with replace_folder(out / "notes.txt"):
            pass
    assert (out / "notes.txt").read_text() == "mine" and (tmp_path / "site2" / "mine.txt").exists()


def _build(out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "graph", "build", "--layers", "article", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )


def _wait_for(predicate, process: subprocess.Popen, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_build_killed_part_way_leaves_the_previous_output_whole(tmp_path, sig):
    out = tmp_path / "aikg-out"
    first = _build(out)
    stdout, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert f"wrote the views: {out / 'view.html'}" in stdout  # paths as they are once in place
    assert ".partial" not in stdout
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    second = _build(out)
    try:
        # Killed once the new aikg.ttl is written, before the report and views.
        _wait_for(lambda: any(tmp_path.glob(".aikg-out.*.partial/aikg.ttl")), second)
        second.send_signal(sig)
        second.communicate(timeout=60)
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
    assert second.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    partials = list(tmp_path.glob(".aikg-out.*.partial"))
    assert len(partials) == (1 if sig == signal.SIGKILL else 0)  # Ctrl-C cleans up at once

    third = _build(out)
    stdout, stderr = third.communicate(timeout=300)
    assert third.returncode == 0, stderr
    assert _listing(tmp_path) == ["aikg-out"]  # the killed build's folder was swept
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_build_refuses_a_folder_with_someone_elses_files(cli, tmp_path):
    (tmp_path / "thesis.tex").write_text("mine")
    r = cli("build", "--layers", "article", "--out", tmp_path)
    assert r.code == 2 and "holds files aikg did not write (thesis.tex)" in r.err
    assert _listing(tmp_path) == ["thesis.tex"]
