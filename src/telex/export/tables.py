"""Article records flattened into tables, one per layer, for CSV and Parquet.

JSONL keeps each article whole; spreadsheets and dataframes want flat rows. Every table
carries ``article_id`` so the layers join back together. Nested values (authors, event
source/target lists) are JSON strings in CSV and lists in Parquet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TABLES = ("articles", "actors", "mentions", "quotes", "events")
_NESTED_ARTICLE_FIELDS = ("actors", "mentions", "quotes", "events")


def tables_from_records(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for record in records:
        article_id = record["id"]
        tables["articles"].append({k: v for k, v in record.items() if k not in _NESTED_ARTICLE_FIELDS})
        for layer in _NESTED_ARTICLE_FIELDS:
            for position, row in enumerate(record[layer]):
                flat = {"article_id": article_id}
                if layer in ("quotes", "events"):
                    flat["position"] = position
                for key, value in row.items():
                    if key == "location":
                        flat["location_name"] = value["name"] if value else None
                        flat["location_country"] = value["country"] if value else None
                    elif key == "id" and layer == "actors":
                        flat["actor_id"] = value
                    else:
                        flat[key] = value
                tables[layer].append(flat)
    return tables
