"""Language of an article as an ISO 639-1 code, with py3langid (offline, fast).

py3langid's model also knows languages that have no ISO 639-1 code, among them creoles and
dialects close to French and English (``gcr`` Guianese Creole, ``pcm`` Nigerian Pidgin): on a short
news sentence they often win by a hair ("Hadi Matar a poignardé Salman Rushdie." reads as ``gcr``),
and the article would then be stored as a language telex does not read. The identifier is limited
to the ISO 639-1 languages, which is what the record promises.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

MIN_CHARACTERS = 20


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    return identifier


def identify_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:5000]
    if len(sample.strip()) < MIN_CHARACTERS:
        return None
    language, _score = _identifier().classify(sample)
    return language
