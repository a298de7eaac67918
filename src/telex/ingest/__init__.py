"""Ingest: files in, raw documents out, with a precise error for every document that cannot be read.

>>> for path in iter_input_files(["pages/"]):
...     for item in read_documents(path):
...         ...  # a RawDocument, or a DocumentError to report and skip (a Skipped one is not a failure)

``iter_input_files`` yields a ``SkippedLink`` for each symbolic link that leads out of a folder;
``read_documents`` gives it back as is, so the loop above reports it too.
"""

from telex.errors import UnreadableFile
from telex.ingest.decode import decode_bytes, find_declared_charset, sniff_binary
from telex.ingest.detect import detect_kind
from telex.ingest.files import iter_input_files, source_name
from telex.ingest.readers import DEFAULT_MAX_BYTES, read_documents

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
