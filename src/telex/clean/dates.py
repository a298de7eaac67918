"""Explicit calendar dates written in article text, with their offsets.

Scraped pages often carry their date only in the prose ("le mercredi 13 septembre 2023"), and
the event layer needs the same dates to time events. Dates are found with patterns built from
the month and weekday names in ``data/clean/dates.yaml`` and checked with ``datetime``.
Relative expressions ("hier", "mercredi dernier") need a reference date and belong to the
event layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml

from telex.clean.normalize import fold
from telex.errors import KnowledgeError


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: date
    has_year: bool  # False: "le 13 septembre", the year taken from the reference date


@dataclass(frozen=True, slots=True)
class _DatePatterns:
    month_numbers: dict[str, int]
    textual: re.Pattern[str]
    numeric: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    variants = {w for w in words} | {fold(w) for w in words}
    return "|".join(re.escape(w) for w in sorted(variants, key=len, reverse=True))


@cache
def _patterns() -> _DatePatterns:
    resource = resources.files("telex") / "data" / "clean" / "dates.yaml"
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    month_numbers: dict[str, int] = {}
    weekdays: list[str] = []
    for key in ("months", "month_abbreviations"):
        for language, names in data.get(key, {}).items():
            if len(names) != 12:
                raise KnowledgeError(f"dates.yaml: {key}.{language}: expected 12 names, got {len(names)}")
            for number, name in enumerate(names, start=1):
                month_numbers[fold(name)] = number
                month_numbers[fold(name).rstrip(".")] = number
    for names in data.get("weekdays", {}).values():
        weekdays.extend(names)
    month = _alternation(list(month_numbers))
    weekday = _alternation(weekdays)
    # 13 septembre 2023 | 1er mai 2020 | September 13, 2023 | mercredi 13 septembre
    textual = re.compile(
        rf"\b(?:(?:{weekday}),?\s+)?(?:"
        rf"(?P<day1>[0-3]?\d)(?:er|st|nd|rd|th)?\s+(?P<month1>{month})(?!\w)(?:\s+(?P<year1>(?:1[89]|20)\d\d))?"
        rf"|(?P<month2>{month})(?!\w)\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year2>(?:1[89]|20)\d\d))?"
        rf")\b",
        re.IGNORECASE,
    )
    numeric = re.compile(
        r"\b(?:(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)"
        r"|(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)\d\d))\b"
    )
    return _DatePatterns(month_numbers, textual, numeric)


def find_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Every explicit date in ``text``, in order. Day-month dates without a year take the
    reference's year and are skipped when there is no reference. Numeric dates are read
    day first (French usage)."""
    patterns = _patterns()
    found: list[DateMention] = []
    for match in patterns.textual.finditer(text):
        day = match.group("day1") or match.group("day2")
        month_name = match.group("month1") or match.group("month2")
        year = match.group("year1") or match.group("year2")
        month_number = patterns.month_numbers.get(fold(month_name).rstrip("."))
        if year is None and reference is None:
            continue
        try:
            value = date(int(year) if year else reference.year, month_number, int(day))
        except (TypeError, ValueError):
            continue
        found.append(DateMention(match.start(), match.end(), match.group(), value, year is not None))
    for match in patterns.numeric.finditer(text):
        groups = match.groupdict()
        try:
            if groups["iso_y"]:
                value = date(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
            else:
                value = date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        except ValueError:
            continue
        found.append(DateMention(match.start(), match.end(), match.group(), value, True))
    return sorted(found, key=lambda mention: mention.start)


def first_full_date(text: str) -> DateMention | None:
    """The first date in ``text`` that states its year: the best guess of a page's date
    when the page carries no metadata."""
    return next((d for d in find_dates(text) if d.has_year), None)
