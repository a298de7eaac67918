"""Clean stage: boilerplate, bylines, site names, dates, language; offsets kept.

The names below load on first use, so that the light modules of this package (``normalize``'s
accent folding, which queries use) import without trafilatura, which ``clean_document`` needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from telex.clean.article import clean_document, content_hash
    from telex.clean.normalize import normalize_for_nlp
    from telex.clean.offsets import OffsetMap

__all__ = ["OffsetMap", "clean_document", "content_hash", "normalize_for_nlp"]
_MODULES = {
    "OffsetMap": "telex.clean.offsets",
    "clean_document": "telex.clean.article",
    "content_hash": "telex.clean.article",
    "normalize_for_nlp": "telex.clean.normalize",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_MODULES[name]), name)
    globals()[name] = value
    return value
