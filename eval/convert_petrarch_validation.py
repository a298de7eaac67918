"""Convert UniversalPetrarch's PETRARCH-2 validation records (PETR2_GSR_validation.xml) to gold.

    python eval/convert_petrarch_validation.py [OUTPUT.jsonl] [--source PATH]

The records (MIT, Open Event Data Alliance, repository openeventdata/UniversalPetrarch, file
UniversalPetrarch/data/text/PETR2_GSR_validation.xml) are English AFP/GigaWord sentences, each with
the CAMEO events PETRARCH-2 should code (``<EventCoding eventcode sourcecode targetcode>``, or
``noevents="True"``). The data stays outside this repository (default ../shared/data/petrarch/);
the output is generated, not committed (default eval/gold/petrarch-validation.jsonl).

Each record becomes one gold item: the sentence as inline text, published on the record's date,
one gold event per EventCoding, coded in CAMEO. A side coded "USAGOV" is referred to by that code
and by its country ("USA": a country, organisation or group of the United States answers to it,
see docs/gold-format.md); a side whose country PETRARCH left unidentified ("---", "---LEG") is not
checked. ``noevents`` records have an empty event list: whatever is coded there is a false positive.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "data" / "petrarch" / "PETR2_GSR_validation.xml"
DEFAULT_OUTPUT = HERE / "gold" / "petrarch-validation.jsonl"

# CAMEO actor codes whose first three letters are not ISO 3166-1 alpha-3 country codes
NON_COUNTRY_PREFIXES = {"IGO", "NGO", "IMG", "ISM", "MNC", "UAF", "---"}
CAMEO_TO_ISO3 = {"JAP": "JPN", "ITL": "ITA"}

_SENTENCE = re.compile(r"<Sentence\b(?P<attributes>[^>]*)>(?P<body>.*?)</Sentence>", re.S)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def side_refs(code: str) -> list[str] | None:
    """How a gold side may be matched: the CAMEO code and its country; None when unidentified."""
    code = code.strip().upper()
    if not code or code.startswith("---"):
        return None
    refs = [code]
    prefix = CAMEO_TO_ISO3.get(code[:3], code[:3])
    country_agent = len(code) > 3 and code[:3] not in NON_COUNTRY_PREFIXES  # "USAGOV" → also "USA"
    renamed_country = len(code) == 3 and prefix != code  # CAMEO's "JAP" is ISO's "JPN"
    if country_agent or renamed_country:
        refs.append(prefix)
    return refs


def convert_record(attributes: dict[str, str], body: str) -> dict[str, Any] | None:
    """One validation record → one gold item, or None when it has no text (one record has an
    empty <Text>, only its parse)."""
    text_match = _TEXT.search(body)
    text = " ".join(html.unescape(text_match.group(1)).split()) if text_match else ""
    if not text:
        return None  # one record has only its parse
    events = []
    for coding in _CODING.finditer(body):
        fields = dict(_ATTRIBUTE.findall(coding.group(1)))
        if fields.get("noevents", "").lower() == "true" or "eventcode" not in fields:
            continue
        events.append(
            {
                "source": side_refs(fields.get("sourcecode", "")),
                "target": side_refs(fields.get("targetcode", "")),
                "cameo": fields["eventcode"],
            }
        )
    item: dict[str, Any] = {
        "id": f"PETR2-{attributes.get('id', '')}",
        "input": {"text": text},
        "constructions": [f"petrarch.{attributes.get('category', '').lower()}"],
        "metadata": {"language": "en"},
        "events": events,
    }
    day = attributes.get("date", "")
    if re.fullmatch(r"\d{8}", day):
        item["input"]["published"] = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    return item


def convert(source: Path, output: Path) -> int:
    """Write the gold file; returns the number of items written."""
    content = source.read_text(encoding="utf-8")
    # the file closes each <Sentence .../> tag at once and ends the record with </Sentence>
    content = re.sub(r"(<Sentence\b[^>]*?)\s*/>", r"\1>", content)
    items = []
    seen: dict[str, int] = {}
    for match in _SENTENCE.finditer(content):
        item = convert_record(dict(_ATTRIBUTE.findall(match.group("attributes"))), match.group("body"))
        if item is None:
            continue
        count = seen[item["id"]] = seen.get(item["id"], 0) + 1
        if count > 1:
            item["id"] = f"{item['id']}-{count}"
        items.append(item)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as stream:
        for item in items:
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"no validation file at {args.source} (see eval/README.md)", file=sys.stderr)
        return 2
    count = convert(args.source, args.output)
    print(f"{count} gold items written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
