"""Explicit calendar dates written in article text, with their offsets.

Scraped pages often carry their date only in the prose ("le mercredi 13 septembre 2023"), and
the event layer needs the same dates to time events. Dates are found with patterns built from
the month and weekday names in ``data/clean/dates.yaml`` and checked with ``datetime``.
Relative expressions ("hier", "mercredi dernier") need a reference date and belong to the
event layer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from telex.clean.normalize import fold
from telex.knowledge import Knowledge, check_keys, default_knowledge, problem

RESOURCE = "dates"
FILE_KEYS = ("months", "month_abbreviations", "weekdays", "relative")
RELATIVE_KEYS = ("pattern", "days", "weekday", "precision")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: date
    has_year: bool  # False: "le 13 septembre", the year taken from the reference date


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A relative expression: a fixed offset in days, or a weekday in a direction (last, next,
    nearest) named by the pattern's ``weekday`` group."""

    pattern: re.Pattern[str]
    days: int | None
    weekday: str | None


@dataclass(frozen=True, slots=True)
class DateWords:
    """Month and weekday names and relative expressions, compiled once for the whole pipeline:
    the clean stage finds publication dates with them, the event layer dates events."""

    month_numbers: dict[str, int]
    textual: re.Pattern[str]
    numeric: re.Pattern[str]
    weekdays: Mapping[str, dict[str, int]]  # language → weekday name → Monday-based number
    relative: Mapping[str, tuple[RelativeDate, ...]]  # language → expressions, first match wins


def _alternation(words: list[str]) -> str:
    variants = {w for w in words} | {fold(w) for w in words}
    return "|".join(re.escape(w) for w in sorted(variants, key=len, reverse=True))


def load_date_words(knowledge: Knowledge | None = None) -> DateWords:
    """The date words of the knowledge layers (analysts' expressions added), compiled once."""
    knowledge = default_knowledge(knowledge)
    return knowledge.compiled((RESOURCE,), lambda: parse_date_words(*knowledge.merged_yaml(RESOURCE)))


def parse_date_words(data: Any, source: str) -> DateWords:
    """Validate and compile ``dates.yaml``; every problem names the file, the entry and the field."""
    if not isinstance(data, dict):
        raise problem(source, None, None, "expected a mapping with months, weekdays and relative")
    check_keys(data, FILE_KEYS, source, None)
    month_numbers: dict[str, int] = {}
    weekday_names: list[str] = []
    for key in ("months", "month_abbreviations"):
        for language, names in (data.get(key) or {}).items():
            if not isinstance(names, list) or len(names) != 12:
                raise problem(source, None, f"{key}.{language}", "expected 12 names")
            for number, name in enumerate(names, start=1):
                month_numbers[fold(name)] = number
                month_numbers[fold(name).rstrip(".")] = number
    weekdays: dict[str, dict[str, int]] = {}
    for language, names in (data.get("weekdays") or {}).items():
        if not isinstance(names, list) or len(names) != 7:
            raise problem(source, None, f"weekdays.{language}", "expected 7 names, Monday first")
        weekdays[language] = {str(name): number for number, name in enumerate(names)}
        weekday_names.extend(names)
    month = _alternation(list(month_numbers))
    weekday = _alternation(weekday_names)
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
    relative: dict[str, tuple[RelativeDate, ...]] = {}
    for language, entries in (data.get("relative") or {}).items():
        alternation = "|".join(weekdays.get(language, {}))
        compiled = []
        for index, entry in enumerate(entries or []):
            where = f"relative.{language}[{index}]"
            if not isinstance(entry, dict):
                raise problem(source, where, None, "expected {pattern, days | weekday}")
            check_keys(entry, RELATIVE_KEYS, source, where)
            if ("days" in entry) == ("weekday" in entry):
                raise problem(source, where, "days", "give exactly one of 'days' or 'weekday'")
            if entry.get("weekday") not in (None, "last", "next", "nearest"):
                raise problem(source, where, "weekday", "must be last, next or nearest")
            try:
                pattern = re.compile(rf"\b(?:{entry['pattern'].replace('{weekday}', alternation)})\b", re.IGNORECASE)
            except (re.error, KeyError, AttributeError) as error:
                raise problem(source, where, "pattern", f"bad pattern: {error}") from error
            compiled.append(RelativeDate(pattern, entry.get("days"), entry.get("weekday")))
        relative[language] = tuple(compiled)
    return DateWords(month_numbers, textual, numeric, weekdays, relative)


def find_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Every explicit date in ``text``, in order. Day-month dates without a year take the
    reference's year and are skipped when there is no reference. Numeric dates are read
    day first (French usage)."""
    patterns = load_date_words()
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
