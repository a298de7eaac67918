"""What the coder finds in a doc, before it becomes a record: offsets in the doc's own text,
actors as keys of ``doc._.telex_actors``."""

from __future__ import annotations

from dataclasses import dataclass


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
