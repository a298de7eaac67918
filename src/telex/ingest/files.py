"""Which files a run reads: the paths given, with folders expanded in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a file over this is reported, not read (``--max-size``)


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to read: each file as given, each folder's files recursively, sorted by path.

    Every path is checked before anything is yielded, so a typo fails the run at once with
    :class:`FileNotFoundError`. Inside folders, hidden files and folders (``.git``) are skipped,
    symbolic links to folders are not followed, and a file reached twice is yielded once.
    """
    given = [Path(path) for path in paths]
    for path in given:
        if not path.exists():
            raise FileNotFoundError(str(path))  # the message is the path, as the CLI prints it
    seen: set[Path] = set()
    for path in given:
        for file in _folder_files(path) if path.is_dir() else [path]:
            identity = file.resolve()
            if identity not in seen:
                seen.add(identity)
                yield file


def _folder_files(folder: Path) -> list[Path]:
    """A folder's visible files at any depth, sorted name by name (``a/z.txt`` before ``a.txt``)."""
    files: list[Path] = []
    # An unreadable sub-folder is yielded as is, so that reading it reports why.
    for root, folders, names in os.walk(folder, onerror=lambda error: files.append(Path(error.filename))):
        folders[:] = [name for name in folders if not name.startswith(".")]
        visible = (Path(root, name) for name in names if not name.startswith("."))
        files.extend(file for file in visible if file.is_file())
    return sorted(files, key=lambda file: file.relative_to(folder).parts)
