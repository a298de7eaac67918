"""Which files a run reads: the paths given, with folders expanded in a stable order.

A folder is the user's choice of *what is inside it*: a symbolic link found in it that points
elsewhere (``crawl/passwd -> /etc/passwd``) is not read unless ``follow_links`` is set, and is
reported instead of silently dropped. A path given directly, link or not, is read as given.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from telex.errors import SkippedLink
from telex.surrogates import escape_surrogates

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a file over this is reported, not read (``--max-size``)


def source_name(path: str | Path) -> str:
    """A path as telex shows and stores it: undecodable bytes in the name written as ``\\xNN``.

    File names are bytes; one that is not UTF-8 would otherwise reach SQLite and the terminal as
    lone surrogates and raise ``UnicodeEncodeError`` there.
    """
    return escape_surrogates(str(path))


def iter_input_files(paths: Iterable[str | Path], follow_links: bool = False) -> Iterator[Path | SkippedLink]:
    """Files to read: each file as given, each folder's files recursively, sorted by path.

    Every path is checked before anything is yielded, so a typo fails the run at once with
    :class:`FileNotFoundError`. Inside folders, hidden files and folders (``.git``) are skipped
    and a file reached twice is yielded once. A symbolic link inside a folder that resolves
    outside it is yielded as a :class:`SkippedLink` (report it, do not read it) unless
    ``follow_links``; with ``follow_links`` linked folders are walked too, each real folder once.
    """
    given = [Path(path) for path in paths]
    for path in given:
        if not path.exists():
            raise FileNotFoundError(str(path))  # the message is the path, as the CLI prints it
    seen: set[Path] = set()
    for path in given:
        for item in _folder_entries(path, follow_links) if path.is_dir() else [path]:
            if isinstance(item, SkippedLink):
                yield item
                continue
            identity = _resolved(item) or item
            if identity not in seen:
                seen.add(identity)
                yield item


def _folder_entries(folder: Path, follow_links: bool) -> list[Path | SkippedLink]:
    """A folder's visible files (and links refused) at any depth, sorted name by name
    (``a/z.txt`` before ``a.txt``)."""
    root = folder.resolve()
    entries: list[Path | SkippedLink] = []
    walked: set[str] = set()
    # An unreadable sub-folder is yielded as is, so that reading it reports why.
    walk = os.walk(folder, onerror=lambda error: entries.append(Path(error.filename)), followlinks=follow_links)
    for directory, folders, names in walk:
        if follow_links:  # a link to an ancestor would otherwise be walked forever
            real = os.path.realpath(directory)
            if real in walked:
                folders[:] = []
                continue
            walked.add(real)
        folders[:] = [name for name in folders if not name.startswith(".")]
        if not follow_links:
            entries.extend(_links_out(root, (Path(directory, name) for name in folders)))
        for name in names:
            if name.startswith("."):
                continue
            file = Path(directory, name)
            if file.is_symlink():
                refused = [] if follow_links else _links_out(root, [file])
                if refused or not file.exists():  # a dangling link or a loop: reading it says which
                    entries.extend(refused or [file])
                    continue
            if file.is_file():  # not FIFOs or devices, which would block or never end
                entries.append(file)
    return sorted(entries, key=lambda entry: _entry_path(entry).relative_to(folder).parts)


def _links_out(root: Path, paths: Iterable[Path]) -> list[SkippedLink]:
    """The symbolic links among ``paths`` whose target is not inside ``root``."""
    refused = []
    for path in paths:
        if not path.is_symlink():
            continue
        target = _resolved(path)
        if target is not None and not target.is_relative_to(root):
            refused.append(SkippedLink(path, source_name(path), source_name(target)))
    return refused


def _resolved(path: Path) -> Path | None:
    """The real path behind ``path``, or None for a loop of links."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a symlink loop
        return None


def _entry_path(entry: Path | SkippedLink) -> Path:
    return entry.path if isinstance(entry, SkippedLink) else entry
