"""When an event happened: a date written in its sentence, a relative expression resolved
against the publication date, or else the publication date itself — and which of the three.

The expressions live in ``data/clean/dates.yaml`` beside the month names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

import yaml

from telex.clean.dates import find_dates
from telex.errors import KnowledgeError

TEXT, RELATIVE, PUBLISHED = "text", "relative", "published"


@dataclass(frozen=True, slots=True)
class EventDate:
    value: date | None
    source: str | None  # text | relative | published
    start: int | None = None  # the expression's offsets in the sentence's text, when written
    end: int | None = None


@dataclass(frozen=True, slots=True)
class _Relative:
    pattern: re.Pattern[str]
    days: int | None
    weekday: str | None


@cache
def _relatives(language: str) -> tuple[tuple[_Relative, ...], dict[str, int]]:
    resource = resources.files("telex") / "data" / "clean" / "dates.yaml"
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    weekdays = {name: number for number, name in enumerate(data["weekdays"][language])}
    alternation = "|".join(weekdays)
    found = []
    for index, entry in enumerate(data.get("relative", {}).get(language, [])):
        where = f"dates.yaml: relative.{language}[{index}]"
        if ("days" in entry) == ("weekday" in entry):
            raise KnowledgeError(f"{where}: give exactly one of 'days' or 'weekday'")
        if entry.get("weekday") not in (None, "last", "next", "nearest"):
            raise KnowledgeError(f"{where}: weekday must be last, next or nearest")
        try:
            pattern = re.compile(rf"\b(?:{entry['pattern'].replace('{weekday}', alternation)})\b", re.IGNORECASE)
        except (re.error, KeyError) as error:
            raise KnowledgeError(f"{where}: bad pattern: {error}") from error
        found.append(_Relative(pattern, entry.get("days"), entry.get("weekday")))
    return tuple(found), weekdays


def _weekday_date(reference: date, weekday: int, direction: str) -> date:
    delta = (reference.weekday() - weekday) % 7
    if direction == "next":
        return reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    if direction == "last":
        return reference - timedelta(days=delta or 7)
    return reference - timedelta(days=delta)  # nearest in the past: news reports what happened


def date_event(sentence: str, published: date | None, language: str = "fr", future: bool = False) -> EventDate:
    """The date of an event stated in ``sentence`` (its own text, offsets relative to it)."""
    explicit = [d for d in find_dates(sentence, reference=published) if d.has_year or published is not None]
    if explicit:
        first = explicit[0]
        return EventDate(first.value, TEXT, first.start, first.end)
    if published is not None and language in ("fr", "en"):
        relatives, weekdays = _relatives(language)
        for relative in relatives:
            match = relative.pattern.search(sentence)
            if match is None:
                continue
            if relative.days is not None:
                return EventDate(published + timedelta(days=relative.days), RELATIVE, match.start(), match.end())
            weekday = weekdays[match.group("weekday").lower()]
            direction = relative.weekday
            if direction == "nearest" and future:
                direction = "next"
            return EventDate(_weekday_date(published, weekday, direction), RELATIVE, match.start(), match.end())
    if published is not None:
        return EventDate(published, PUBLISHED)
    return EventDate(None, None)
