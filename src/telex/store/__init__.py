"""Storage: SQLite schema migrations and the repository (the only SQL in telex)."""

from telex.store.repository import (
    DB_ENVIRONMENT_VARIABLE,
    AddResult,
    ArticleNotFound,
    Store,
    StoredArticle,
    article_record,
    default_db_path,
)

__all__ = [
    "DB_ENVIRONMENT_VARIABLE",
    "AddResult",
    "ArticleNotFound",
    "Store",
    "StoredArticle",
    "article_record",
    "default_db_path",
]
