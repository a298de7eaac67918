"""Language of an article as an ISO 639-1 code, with py3langid (offline, fast)."""

from __future__ import annotations

import py3langid

MIN_CHARACTERS = 20


def identify_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:5000]
    if len(sample.strip()) < MIN_CHARACTERS:
        return None
    language, _score = py3langid.classify(sample)
    return language
