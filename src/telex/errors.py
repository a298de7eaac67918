"""Errors for bad input, one class per reason.

A reader raises (or yields) one of these for a single document; the batch catches it at its
boundary, reports it with the file and the line or record, and goes on with the rest. The
other :class:`TelexError`s stop a command: the CLI prints their message as one ``error:`` line.
"""

from __future__ import annotations


class TelexError(Exception):
    """Base class of telex's own errors: every one a user can cause, with a message for them."""


class DocumentError(TelexError):
    """A document that cannot be turned into an article; ``reason`` is shown to the user."""

    reason = "unreadable document"

    def __init__(self, source: str, detail: str = "") -> None:
        self.source = source
        self.detail = detail
        message = f"{source}: {self.reason}" + (f" ({detail})" if detail else "")
        super().__init__(message)


class EmptyDocument(DocumentError):
    reason = "empty document"


class BinaryDocument(DocumentError):
    reason = "binary content, not text"


class UndecodableDocument(DocumentError):
    reason = "bytes not decodable as UTF-8, windows-1252 or latin-1 text"


class DocumentTooLarge(DocumentError):
    reason = "file over the size limit"


class NoArticleFound(DocumentError):
    reason = "no article text found"


class BrokenJsonLine(DocumentError):
    reason = "invalid JSON line"


class TruncatedArchive(DocumentError):
    reason = "truncated or corrupt archive"


class UnreadableFile(DocumentError):
    """A file the operating system will not let us read (permissions, a folder, a vanished file)."""

    reason = "file cannot be read"


class UnsupportedInput(DocumentError):
    reason = "unsupported input format"


class KnowledgeError(TelexError):
    """A data file (actors, lexicons, code tables) that fails validation; names file and entry."""


class StoreError(TelexError):
    """A store that cannot do what was asked; the message says why."""


class StoreUnavailable(StoreError):
    """A store file SQLite cannot open or read (a folder, a missing parent folder, not a database)."""


class ArticleNotFound(StoreError, LookupError):
    """No article, or more than one, has the id or id prefix asked for."""


class BadQuery(StoreError, ValueError):
    """A search expression SQLite rejects (FTS5 syntax in ``telex quotes --search``)."""
