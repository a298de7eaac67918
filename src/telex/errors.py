"""Errors for bad input, one class per reason.

A reader raises (or yields) one of these for a single document; the batch catches it at its
boundary, reports it with the file and the line or record, and goes on with the rest. The
other :class:`TelexError`s stop a command: the CLI prints their message as one ``error:`` line.
"""

from __future__ import annotations

from pathlib import Path

from telex.surrogates import escape_surrogates


class TelexError(Exception):
    """Base class of telex's own errors: every one a user can cause, with a message for them."""


class DocumentError(TelexError):
    """A document that cannot be turned into an article; ``reason`` is shown to the user."""

    reason = "unreadable document"

    def __init__(self, source: str, detail: str = "") -> None:
        # Sources and details quote file names and input: never let them break printing or storage.
        self.source = escape_surrogates(source)
        self.detail = escape_surrogates(detail)
        message = f"{self.source}: {self.reason}" + (f" ({self.detail})" if self.detail else "")
        super().__init__(message)

    def __reduce__(self) -> tuple:
        # pickled as its fields, not its message: errors come back from worker processes
        return _restore, (type(self), str(self), dict(self.__dict__))


def _restore(kind: type[DocumentError], message: str, fields: dict) -> DocumentError:
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.__dict__.update(fields)
    return error


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


class JsonTooDeep(DocumentError):
    """A JSON line nested deeper than any article needs: refused before parsing, so that a line of
    100,000 brackets costs a scan, not a ``RecursionError``."""

    reason = "JSON line nested too deep"


class TruncatedArchive(DocumentError):
    reason = "truncated or corrupt archive"


class ArchiveHeaderTooLarge(DocumentError):
    """A WARC record whose header lines run past the limit: where the record ends is unknown, so
    reading the archive stops here (the records before it were read)."""

    reason = "archive record header over the size limit"


class BadMetadata(DocumentError):
    """A field the container declared that cannot be true ("published": "hier", year 10000).

    The document is reported, not stored: guessing would store a wrong fact as the source's own.
    ``detail`` names the field and quotes the value.
    """

    reason = "bad metadata"


class AnalysisFailed(DocumentError):
    """The NLP raised on this document (a defect of ours or of a library on odd input)."""

    reason = "NLP analysis failed"


class TextTooLong(DocumentError):
    """A clean text over the character cap (``--max-chars``): refused whole, never truncated, so
    that nothing stored pretends to be the analysis of the whole text."""

    reason = "text over the character limit"


class UnreadableFile(DocumentError):
    """A file the operating system will not let us read (permissions, a folder, a vanished file)."""

    reason = "file cannot be read"


class UnsupportedInput(DocumentError):
    reason = "unsupported input format"


class ReaderDefect(DocumentError):
    """An exception a reader (or a parsing library under it) was not meant to raise: a defect of
    ours, reported for its file so that the rest of the batch is still read."""

    reason = "unexpected error while reading"


class ProcessingDefect(DocumentError):
    """An exception cleaning or the NLP was not meant to raise, caught in a worker process and sent
    back in a form that survives the trip (the original's class may not)."""

    reason = "unexpected error while processing"


class Skipped(DocumentError):
    """Input seen and deliberately not read as an article: a WARC request record, an image, a
    404 page, a symbolic link out of the input folder.

    Not a failure (a normal crawl is full of them): the batch lists them apart and the exit status
    stays 0. ``reason`` is the kind of thing skipped, ``detail`` the specifics.
    """

    reason = "skipped"

    def __init__(self, source: str, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(source, detail)


class SkippedRecord(Skipped):
    """A record inside a container (WARC) that holds no article."""


class SkippedLink(Skipped):
    """A symbolic link found inside an input folder that points outside it (``--follow-links`` reads it)."""

    def __init__(self, path: Path, source: str, target: str) -> None:
        self.path = path
        super().__init__(source, "symbolic link out of the input folder, not followed", f"points to {target}")


class KnowledgeError(TelexError):
    """A data file (actors, lexicons, code tables) that fails validation; names file and entry."""


class StoreError(TelexError):
    """A store that cannot do what was asked; the message says why."""


class StoreUnavailable(StoreError):
    """A store file SQLite cannot open or read (a folder, a missing parent folder, not a database)."""


class StoreSchemaOutdated(StoreUnavailable):
    """A store written by an older telex, opened read-only: it needs one read-write open to migrate."""


class StoreWriteFailed(StoreError):
    """A write the store itself refused (a full disk, a read-only file or folder): the job stops;
    what earlier transactions stored is intact."""


class ArticleNotStored(DocumentError):
    """An article the database refused (a value it cannot hold): that article alone is not stored."""

    reason = "could not be stored"


class ArticleNotFound(StoreError, LookupError):
    """No article, or more than one, has the id or id prefix asked for."""


class BadQuery(StoreError, ValueError):
    """A search expression SQLite rejects (FTS5 syntax in ``telex quotes --search``)."""
