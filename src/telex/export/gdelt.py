"""GDELT 2.0 event-table rows from telex records (tab-separated, no header, 61 columns).

The mapping is documented in docs/gdelt-export.md. In short: one row per source-target pair of
each event; negated events are left out (they did not happen); denials are kept as the denial
statements they are (CAMEO 016); fields telex does not measure (tone, religion, ethnicity,
coordinates, counts across sources) are empty or 1, never invented.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import IO, Any

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
EXPORTED_STATUSES = frozenset({"asserted", "reported", "intended", "denied"})
COUNTRY_GEO_TYPE, PLACE_GEO_TYPE = "1", "4"  # GDELT: 1 country, 4 world city


def _event_id(article_id: str, position: int, source: str | None, target: str | None) -> int:
    """A stable 63-bit id: the same event of the same article always gets the same number."""
    digest = hashlib.sha256(f"{article_id}:{position}:{source}:{target}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _fraction_date(day: str) -> str:
    year, month, date = int(day[:4]), int(day[5:7]), int(day[8:10])
    return f"{year + ((month - 1) * 30 + date) / 365:.4f}"


def _actor_columns(actor: dict[str, Any] | None) -> list[str]:
    if actor is None:
        return [""] * 10
    code = actor.get("code") or ""
    country = actor.get("country") or ""
    cameo_country = code[:3] if code and country else ""
    sectors = [code[i : i + 3] for i in range(3 if cameo_country else 0, len(code), 3)]
    known_group = code if code.startswith("IGO") or (actor.get("type") == "group" and not country) else ""
    return [
        code,
        (actor.get("name") or "").upper(),
        cameo_country or country,
        known_group,
        "",
        "",
        "",
        *([*sectors, "", "", ""])[:3],
    ]


def gdelt_rows(records: Iterable[dict[str, Any]]) -> Iterator[list[str]]:
    """Rows of the GDELT 2.0 event table, one per source→target pair of each exported event."""
    for record in records:
        actors = {a["id"]: a for a in record.get("actors") or ()}
        first_paragraph_end = (record.get("text") or "").find("\n\n")
        added = (record.get("ingested_at") or "").replace("-", "").replace("T", "").replace(":", "").rstrip("Z")
        for position, event in enumerate(record.get("events") or ()):
            if event.get("status") not in EXPORTED_STATUSES or not event.get("date"):
                continue
            day = event["date"][:10]
            cameo = event["cameo"]
            location = event.get("location") or None
            geo = (
                [
                    COUNTRY_GEO_TYPE if location.get("country") and location["name"] else PLACE_GEO_TYPE,
                    location["name"],
                    location.get("country") or "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
                if location
                else [""] * 8
            )
            is_root = "1" if first_paragraph_end < 0 or event["start"] < first_paragraph_end else "0"
            for source in event.get("source") or [None]:
                for target in event.get("target") or [None]:
                    if source is not None and source == target:
                        continue
                    yield [
                        str(_event_id(record["id"], position, source, target)),
                        day.replace("-", ""),
                        day[:7].replace("-", ""),
                        day[:4],
                        _fraction_date(day),
                        *_actor_columns(actors.get(source)),
                        *_actor_columns(actors.get(target)),
                        is_root,
                        cameo,
                        cameo[:3],
                        cameo[:2],
                        str(event.get("quad_class") or ""),
                        "" if event.get("goldstein") is None else f"{event['goldstein']:.1f}",
                        "1",
                        "1",
                        "1",
                        "",
                        *[""] * 8,
                        *[""] * 8,
                        *geo,
                        added[:14],
                        record.get("url") or record.get("source") or "",
                    ]


def gdelt_line(row: list[str]) -> str:
    """One row as a line of the tab-separated table: tabs and newlines inside values become spaces."""
    return "\t".join(value.replace("\t", " ").replace("\n", " ") for value in row) + "\n"


def write_gdelt(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in gdelt_rows(records):
        out.write(gdelt_line(row))
        count += 1
    return count
