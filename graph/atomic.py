"""Write output files whole or not at all: a temporary file in the same folder, then a rename.

Only regular files are written. A symbolic link is followed to its target, which is then
replaced (the link stays); a folder, a device, a FIFO or a socket at the path is refused, so
that ``--out /dev/full`` never replaces the device with a file. Every path that cannot be
written (a read-only folder, a file used as a folder, ``/proc``, a full disk) gives an
:class:`~graph.errors.AikgError` naming the path and the reason, never a traceback.

Folders written as a whole (``aikg build``) are written into a temporary folder beside the
target and renamed into place once complete (:func:`replace_folder`): the previous output stays
until the new one is whole, and a run killed part-way leaves only a hidden ``.NAME.*.partial``
folder, which the next run removes.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import IO

from .errors import AikgError

#: Errors from writing into an open file that are about the destination, not the caller's data.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _why(exc: OSError) -> str:
    """A short reason for a failed write, for a user who can fix it."""
    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EFBIG: "the file is too large for this file system",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EEXIST: "a part of the path is a file, not a folder",
        errno.EISDIR: "it is a folder; give a file name",
        errno.ENOENT: "no such file or folder can be created there",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ELOOP: "too many symbolic links",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def cannot_write(path: str | os.PathLike[str], exc: OSError) -> AikgError:
    """The error for ``path`` that could not be written because of ``exc``."""
    return AikgError(f"cannot write {path}: {_why(exc)}")


def _kind(mode: int) -> str | None:
    """What a non-regular file is, for the message refusing it (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder; give a file name"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def regular_target(path: str | os.PathLike[str]) -> tuple[Path, os.stat_result | None]:
    """The file a write to ``path`` replaces, and its status (None if it does not exist yet).

    A symbolic link is followed to its final target (a dangling link: the file it names).

    Raises
    ------
    AikgError
        ``path`` is a folder, a device, a FIFO or a socket, a symbolic link loop, or lies under
        a file.
    """
    given = Path(path)
    try:
        target = given.resolve(strict=False) if given.is_symlink() else given
    except (RuntimeError, OSError):  # a symbolic link loop
        raise AikgError(f"cannot write {given}: a symbolic link loop") from None
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise cannot_write(given, exc) from None
    kind = _kind(st.st_mode)
    if kind is not None:
        hint = "" if stat.S_ISDIR(st.st_mode) else "; aikg writes only regular files (leave --out out to print)"
        raise AikgError(f"cannot write {given}: it is {kind}{hint}")
    return target, st


def _make_parent(given: Path, parent: Path) -> None:
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AikgError(f"cannot write {given}: cannot make the folder {parent}: {_why(exc)}") from None


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str], mode: str = "wb", **kwargs: object) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it to ``path``, else delete it.

    ``path`` must be, or name, a regular file (:func:`regular_target`); a symbolic link is
    written through. A new file gets the permissions a plain ``open`` would give (``mkstemp``
    would leave 0600); a replaced file keeps its own.

    Raises
    ------
    AikgError
        The path cannot be written: it names the path and the reason.
    """
    given = Path(path)
    target, st = regular_target(given)
    _make_parent(given, target.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise AikgError(f"cannot write {given}: cannot create a file in {target.parent}: {_why(exc)}") from None
    try:
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        with os.fdopen(fd, mode, **kwargs) as fh:  # type: ignore[call-overload]
            yield fh
        # Checked again just before the rename: the path may have changed while writing.
        regular_target(given)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno in _WRITE_ERRNOS or exc.filename in (tmp, str(target)):
            raise cannot_write(given, exc) from None
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; the parent folder is created if needed."""
    with open_atomic(path, "wb") as fh:
        fh.write(data)
    return Path(path)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    return write_bytes(path, text.encode("utf-8"))


# --------------------------------------------------------------------------- whole folders
#: The manifest a folder written by :func:`replace_folder` carries: the entries it wrote.
MANIFEST = ".aikg-build.json"


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _sweep_partials(parent: Path, name: str) -> None:
    """Remove ``.NAME.*.partial`` folders left beside the target by runs that were killed."""
    for partial in parent.glob(f".{name}.*.partial"):
        try:
            pid = int((partial / ".pid").read_text().strip())
        except (OSError, ValueError):
            continue  # not one of ours, or still being set up
        if not process_alive(pid):
            shutil.rmtree(partial, ignore_errors=True)


def _check_replaceable(target: Path, given: Path, products: tuple[str, ...]) -> None:
    """Refuse to replace a folder holding anything this tool did not write there."""
    try:
        entries = sorted(p.name for p in target.iterdir())
    except OSError as exc:
        raise cannot_write(given, exc) from None
    if not entries:
        return
    try:
        written = set(json.loads((target / MANIFEST).read_text(encoding="utf-8"))["entries"])
        foreign = [e for e in entries if e not in written and e != MANIFEST]
    except (OSError, ValueError, KeyError, TypeError):
        # No manifest (an output written before manifests, or someone else's folder): only
        # entries with the names a build writes.
        foreign = [e for e in entries if not any(fnmatch(e, pattern) for pattern in products)]
    if foreign:
        shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise AikgError(
            f"--out {given}: the folder holds files aikg did not write ({shown}); it is replaced as a "
            "whole, so choose a new or empty folder, or move those files"
        )


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    return False


@contextlib.contextmanager
def replace_folder(path: str | os.PathLike[str], products: tuple[str, ...] = ("*",)) -> Iterator[Path]:
    """Yield a new folder beside ``path``; when the block succeeds, it replaces ``path`` whole.

    The previous folder at ``path`` stays until the new one is complete; on failure (or Ctrl-C)
    the new one is deleted; a run killed outright leaves a hidden ``.NAME.*.partial`` folder
    that the next run removes. The new folder gets a manifest (:data:`MANIFEST`) of what it
    holds, and an existing folder is replaced only if it holds nothing else (without a manifest:
    only entries matching one of ``products``, glob patterns), so nobody's own files are lost.

    Raises
    ------
    AikgError
        ``path`` is a file, holds files this tool did not write, or its folder cannot be written.
    """
    given = Path(path)
    target = given.resolve(strict=False)
    if target.parent == target:
        raise AikgError(f"--out {given}: cannot replace the root folder")
    if target.exists() and not target.is_dir():
        raise AikgError(f"--out {given}: it is a file, not a folder")
    if target.is_dir():
        _check_replaceable(target, given, products)
    _make_parent(given, target.parent)
    _sweep_partials(target.parent, target.name)
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    except OSError as exc:
        raise cannot_write(given, exc) from None
    try:
        (stage / ".pid").write_text(f"{os.getpid()}\n")
        yield stage
        (stage / ".pid").unlink()
        entries = sorted(p.name for p in stage.iterdir())
        manifest = {"entries": entries, "note": "written by aikg; the next run replaces this folder as a whole"}
        (stage / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        os.chmod(stage, 0o777 & ~_umask())  # mkdtemp leaves 0700
        if target.is_dir() and _exchange(stage, target):
            shutil.rmtree(stage, ignore_errors=True)  # now the previous folder
        else:
            old = None
            if target.is_dir():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
                os.replace(target, old / "previous")
            os.replace(stage, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if exc.errno in _WRITE_ERRNOS:
            raise cannot_write(given, exc) from None
        raise
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
