"""Storage: SQLite schema migrations and the repository (the only SQL in telex)."""

from telex.errors import ArticleNotFound, BadQuery, StoreUnavailable
from telex.records import StoredArticle
from telex.store.repository import DB_ENVIRONMENT_VARIABLE, AddResult, Store, default_db_path

__all__ = [
    "DB_ENVIRONMENT_VARIABLE",
    "AddResult",
    "ArticleNotFound",
    "BadQuery",
    "Store",
    "StoreUnavailable",
    "StoredArticle",
    "default_db_path",
]
