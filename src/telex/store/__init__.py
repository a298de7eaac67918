"""Storage: SQLite schema migrations and the repository (the only SQL in telex)."""

from telex.errors import ArticleNotFound, BadQuery, StoreUnavailable
from telex.records import StoredArticle
from telex.store.browse import ArticleFilter, EventFilter, Page, QuoteFilter, plain_words_query
from telex.store.repository import DB_ENVIRONMENT_VARIABLE, AddResult, Store, default_db_path

__all__ = [
    "DB_ENVIRONMENT_VARIABLE",
    "AddResult",
    "ArticleFilter",
    "ArticleNotFound",
    "BadQuery",
    "EventFilter",
    "Page",
    "QuoteFilter",
    "Store",
    "StoreUnavailable",
    "StoredArticle",
    "default_db_path",
    "plain_words_query",
]
