"""HTML pages saved as files: decoded with the charset they declare; extraction happens in clean."""

from __future__ import annotations

from telex.errors import BinaryDocument, EmptyDocument
from telex.ingest.decode import binary_evidence, decode_bytes, find_declared_charset
from telex.records import RawDocument


def read_html(source: str, data: bytes) -> RawDocument:
    """One HTML document from a file's bytes; raises a :class:`DocumentError` subclass if unusable."""
    evidence = binary_evidence(data)
    if evidence:
        raise BinaryDocument(source, evidence)
    html = decode_bytes(data, source, declared=find_declared_charset(data))
    if not html.strip():
        raise EmptyDocument(source, "only whitespace")
    return RawDocument(source=source, kind="html", html=html)
