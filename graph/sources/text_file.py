"""A news text read safely: UTF-8 with the byte and line of a bad byte, a size bound, never blank.

Offsets everywhere are code points of the file decoded as UTF-8, line ends kept as they are, so
``text[start:end]`` in any UTF-8 reader gives a quote back.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import AikgError

#: Largest input ``aikg extract`` reads: 2 MB, twenty times a long news feature. The work is
#: linear in the text, so this bounds the run time (well under a minute on two cores).
MAX_BYTES = 2 * 1024 * 1024


def read_text(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, decoded as UTF-8, with clear errors.

    Raises
    ------
    AikgError
        The file is missing, larger than ``max_bytes`` (checked before reading), empty or blank,
        or not UTF-8 (the message gives the byte offset and line of the first bad byte).
    """
    path = Path(path)
    if not path.is_file():
        raise AikgError(f"{path}: no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise AikgError(
            f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit of aikg extract "
            "(a news text is a few kilobytes); split the file or extract from its relevant part"
        )
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew while we looked
        raise AikgError(f"{path}: over the {max_bytes:,}-byte limit of aikg extract")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise AikgError(
            f"{path}: not UTF-8 text (byte {exc.start}, line {line}: {data[exc.start : exc.start + 1]!r}); "
            "save the file as UTF-8"
        ) from None
    if not text.strip():
        raise AikgError(f"{path}: the file is empty; nothing to extract")
    return text
