"""Clean stage: boilerplate, bylines, site names, dates, language; offsets kept."""

from telex.clean.article import clean_document, content_hash
from telex.clean.normalize import normalize_for_nlp
from telex.clean.offsets import OffsetMap

__all__ = ["OffsetMap", "clean_document", "content_hash", "normalize_for_nlp"]
