"""Export stored articles: JSONL (the record contract), CSV and Parquet tables."""

from telex.export.tables import TABLES, tables_from_records
from telex.export.writers import FORMATS, export

__all__ = ["FORMATS", "TABLES", "export", "tables_from_records"]
