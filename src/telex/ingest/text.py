"""Plain scraped text files: one article per file, kept exactly as decoded for the clean stage."""

from __future__ import annotations

from telex.errors import BinaryDocument, EmptyDocument
from telex.ingest.decode import binary_evidence, decode_bytes
from telex.records import RawDocument


def read_text(source: str, data: bytes) -> RawDocument:
    """One text document from a file's bytes; raises a :class:`DocumentError` subclass if unusable."""
    evidence = binary_evidence(data)
    if evidence:
        raise BinaryDocument(source, evidence)
    text = decode_bytes(data, source)
    if not text.strip():
        raise EmptyDocument(source, "only whitespace")
    return RawDocument(source=source, kind="text", text=text)
