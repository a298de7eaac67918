"""Export articles: the record contract (JSONL), CSV and Parquet tables, GDELT rows."""

from telex.export.record import article_record, article_records
from telex.export.tables import TABLES, tables_from_records
from telex.export.writers import FORMATS, export

__all__ = ["FORMATS", "TABLES", "article_record", "article_records", "export", "tables_from_records"]
