"""Convert the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt) to telex's gold format.

    python eval/convert_plover_gsr.py [OUTPUT.jsonl] [--source PATH]

The data (CC BY-SA 4.0, Open Event Data Alliance) stays in ../shared; the output is generated,
not committed (default eval/gold/plover-gsr.jsonl, ignored by convention, see eval/README.md).
Each record becomes one gold item: inline English text, one gold event per source x target pair,
coded with a PLOVER category (no CAMEO code in the source data). Labels from PLOVER 0.5b1 are
mapped to the 16 current categories by ``PLOVER_05_TO_CURRENT``; actors are referred to by their
surface text, their ISO3 code and their CAMEO code plus sector (e.g. "USAGOV").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
DEFAULT_OUTPUT = HERE / "gold" / "plover-gsr.jsonl"

# PLOVER 0.5b1 labels that no longer exist → (current category, implied mode); see
# CAMEO2PLOVER-2021.txt: 09x → ACCUSE/investigate, 10x → REQUEST, 11x → ACCUSE/disapprove, 19x → ASSAULT
PLOVER_05_TO_CURRENT = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "FIGHT": ("ASSAULT", None),
    "INVESTIGATE": ("ACCUSE", "investigate"),
}
# CAMEO actor codes in the file that are not ISO 3166-1 alpha-3 country codes
NON_COUNTRY_CODES = {"IGO", "NGO", "IMG", "ISM", "MNC", "UAF", "VTN"}
CAMEO_TO_ISO3 = {"JAP": "JPN", "ITL": "ITA"}
SKIPPED_EVENTS = {"DOCUMENT"}  # the file's own documentation record


def actor_refs(actor: dict[str, Any]) -> list[str]:
    """How a gold side may be matched: surface text, ISO3 code, CAMEO code + sector."""
    refs = []
    text = (actor.get("actorText") or "").strip()
    if text:
        refs.append(text)
    code = (actor.get("code") or "").strip().upper()
    if code and code not in NON_COUNTRY_CODES:
        refs.append(CAMEO_TO_ISO3.get(code, code))
    if code and actor.get("sector"):  # the same country code as above: JAP + GOV is JPNGOV
        refs.append(f"{CAMEO_TO_ISO3.get(code, code)}{actor['sector'].strip().upper()}")
    return refs


def _actors(value: Any) -> list[dict[str, Any]]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def convert_record(record: dict[str, Any]) -> dict[str, Any] | None:
    """One GSR record → one gold item, or None for records that are not events."""
    label = record.get("event")
    if label in SKIPPED_EVENTS or not record.get("text"):
        return None
    category, implied_mode = PLOVER_05_TO_CURRENT.get(label, (label, None))
    mode = (record.get("mode") or "").strip() or implied_mode
    sources = [actor_refs(a) for a in _actors(record.get("source"))] or [None]
    targets = [actor_refs(a) for a in _actors(record.get("target"))] or [None]
    events = []
    for source in sources:
        for target in targets:
            event: dict[str, Any] = {"source": source or None, "target": target or None, "plover": category}
            if mode:
                event["plover_mode"] = mode
            events.append(event)
    item: dict[str, Any] = {
        "id": record["id"],
        "input": {"text": record["text"]},
        "constructions": [f"plover.{category.lower()}", f"plover05.{label.lower()}"],
        "metadata": {"language": record.get("language") or "en"},
        "events": events,
    }
    if record.get("date"):
        item["input"]["published"] = record["date"]
    return item


def convert(source: Path, output: Path) -> int:
    """Write the gold file; returns the number of items written."""
    records = json.loads(source.read_text(encoding="utf-8"))
    items = [item for item in map(convert_record, records) if item is not None]
    seen: dict[str, int] = {}
    for item in items:  # the source file repeats a few ids
        count = seen[item["id"]] = seen.get(item["id"], 0) + 1
        if count > 1:
            item["id"] = f"{item['id']}-{count}"
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as stream:
        for item in items:
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"error: {args.source} not found (the PLOVER data lives in ../shared)", file=sys.stderr)
        return 2
    count = convert(args.source, args.output)
    print(f"{count} gold items written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
