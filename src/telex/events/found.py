"""What the coder finds in a doc, before it becomes a record: offsets in the doc's own text,
actors as keys of ``doc._.telex_actors``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span


@dataclass(frozen=True, slots=True)
class EventFound:
    start: int  # the sentence that states it
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    status: str
    date: str | None
    date_source: str | None
    location: tuple[str, str | None] | None = None
    quote: object | None = None  # the QuoteFound that states or reports it
    rule: str = ""
    also_at: tuple[tuple[int, int], ...] = ()  # other sentences stating the same act

    @property
    def key(self) -> tuple:
        """What makes two findings one event: the same act between the same actors, with the
        same status, on the same day."""
        return (self.cameo, self.source, self.target, self.status, self.date)


def found_at(
    sentence: Span,
    trigger: Span,
    cameo: str,
    source: tuple[str, ...],
    target: tuple[str, ...],
    status: str,
    when: Any,
    rule: str,
    location: tuple[str, str | None] | None = None,
    quote: object | None = None,
) -> EventFound:
    """An event stated by ``sentence`` through the words ``trigger``, dated by ``when`` (a
    :func:`telex.events.dating.date_event` result): the one way the coders build a finding."""
    return EventFound(
        sentence.start_char,
        sentence.end_char,
        trigger.text,
        trigger.start_char,
        trigger.end_char,
        cameo,
        source,
        target,
        status,
        when.value.isoformat() if when.value else None,
        when.source,
        location,
        quote,
        rule,
    )
