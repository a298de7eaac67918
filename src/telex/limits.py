"""The limits a job runs under by default, in one place (the CLI shows them as option defaults).

Kept apart from the modules that apply them so that the CLI and the pipeline read them without
importing spaCy.
"""

from __future__ import annotations

# Characters of clean text one article may have; a longer one is refused whole (never truncated).
# 2,000,000 is a book, or a live blog of months; analysed, it takes about two minutes.
DEFAULT_MAX_CHARS = 2_000_000

# Seconds the NLP may spend on one document before its worker is stopped and the document is
# reported. A news article takes well under a second; a 1,000,000-character text under a minute.
DEFAULT_DOC_TIMEOUT = 60.0
