"""The Doc attributes telex's components read and write, registered in one place.

Components communicate through these (``telex_events`` reads what ``telex_actors`` and
``telex_quotes`` set); the factories' ``assigns``/``requires`` name them, so
``nlp.analyze_pipes()`` shows who needs what.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: dict[str, object] = {
    "telex_date": None,  # the article's publication date (datetime.date), set before the pipeline runs
    "telex_blocks": None,  # ((start_char, end_char, kind), ...): title, standfirst, headings, paragraphs
    "telex_mentions": None,  # list of ActorMention, in text order
    "telex_actors": None,  # actor key → Actor
    "telex_quotes": None,  # list of QuoteFound
    "telex_events": None,  # list of EventFound
}


def register_extensions() -> None:
    """Register every telex Doc extension (idempotent: safe in any process, any number of times)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
