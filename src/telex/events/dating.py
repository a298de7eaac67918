"""When an event happened: a date written in its sentence, a relative expression resolved
against the publication date, or else the publication date itself — and which of the three.

The expressions live in ``data/clean/dates.yaml`` beside the month names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from telex.clean.dates import find_dates, load_date_words

TEXT, RELATIVE, PUBLISHED = "text", "relative", "published"


@dataclass(frozen=True, slots=True)
class EventDate:
    value: date | None
    source: str | None  # text | relative | published
    start: int | None = None  # the expression's offsets in the sentence's text, when written
    end: int | None = None


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
    words = load_date_words()
    if published is not None:
        weekdays = words.weekdays.get(language, {})
        for relative in words.relative.get(language, ()):
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
