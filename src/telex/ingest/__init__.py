"""Ingest: files in, raw documents out, with a precise error for every document that cannot be read.

>>> for path in iter_input_files(["pages/"]):
...     for item in read_documents(path):
...         ...  # a RawDocument, or a DocumentError to report and skip (a Skipped one is not a failure)

``iter_input_files`` yields a ``SkippedLink`` for each symbolic link that leads out of a folder;
``read_documents`` gives it back as is, so the loop above reports it too.

The readers (and the feed, WARC and charset libraries behind them) load on first use, so that
the CLI can show its defaults and list files without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from telex.errors import UnreadableFile
from telex.ingest.files import DEFAULT_MAX_BYTES, iter_input_files, source_name

if TYPE_CHECKING:
    from telex.ingest.decode import decode_bytes, find_declared_charset, sniff_binary
    from telex.ingest.detect import detect_kind
    from telex.ingest.readers import read_documents

__all__ = [
    "DEFAULT_MAX_BYTES",
    "UnreadableFile",
    "decode_bytes",
    "detect_kind",
    "find_declared_charset",
    "iter_input_files",
    "read_documents",
    "sniff_binary",
    "source_name",
]
_MODULES = {
    "decode_bytes": "telex.ingest.decode",
    "detect_kind": "telex.ingest.detect",
    "find_declared_charset": "telex.ingest.decode",
    "read_documents": "telex.ingest.readers",
    "sniff_binary": "telex.ingest.decode",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_MODULES[name]), name)
    globals()[name] = value
    return value
