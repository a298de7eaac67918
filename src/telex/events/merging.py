"""One event per act: the same act stated in the title, the standfirst and the body is one
event stated three times, and a meeting told as "un échange", "la visite" and "les
négociations" is one consultation per side and day.

Pure functions over :class:`~telex.events.found.EventFound`: the first statement is kept, with
the sentences of the others in ``also_at``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from telex.events.found import EventFound

CONSULT_ROOT = "04"
UNCERTAIN = ("negated", "denied", "intended")
DATED_BY_TEXT = ("text", "relative")  # a date the sentence gives, not the publication's
STATUS_RANK = {"asserted": 0, "reported": 1, "intended": 2, "negated": 3, "denied": 4}


def merge_repeats(events: list[EventFound]) -> list[EventFound]:
    """Findings with the same key become one event: the first, with the others' sentences."""
    kept: dict[tuple, EventFound] = {}
    for event in events:
        first = kept.get(event.key) or _told_before_by_more(event, kept)
        if first is None:
            kept[event.key] = event
        elif event.start != first.start and (event.start, event.end) not in first.also_at:
            kept[first.key] = replace(
                first,
                also_at=(*first.also_at, (event.start, event.end)),
                quote=first.quote if first.quote is not None else event.quote,
            )
    return list(kept.values())


def _told_before_by_more(event: EventFound, kept: dict[tuple, EventFound]) -> EventFound | None:
    """ "La Maison Blanche et Donald Trump ont démenti…" then "La Maison Blanche a vigoureusement
    démenti": the same act, said again by some of those who did it."""
    for first in kept.values():
        same_day = event.date == first.date or event.date_source not in DATED_BY_TEXT
        same_act = (first.cameo, first.target, first.status) == (event.cameo, event.target, event.status)
        if same_act and same_day and event.source and set(event.source) < set(first.source):
            return first
    return None


def one_meeting_per_pair_and_day(events: list[EventFound]) -> list[EventFound]:
    """A meeting (04x) told several ways is one consultation from each side per day: keep the
    best attested (asserted over reported), then the most specific code (042 visit over 040)."""
    best: dict[tuple, EventFound] = {}
    for event in events:
        if not event.cameo.startswith(CONSULT_ROOT) or event.status in UNCERTAIN:
            continue
        key = (event.source, event.target, event.date)
        kept = best.get(key)
        if kept is None or _rank(event) < _rank(kept):
            best[key] = event
    winners = {id(event) for event in best.values()}
    merged = []
    for event in events:
        if not event.cameo.startswith(CONSULT_ROOT) or event.status in UNCERTAIN:
            merged.append(event)
        elif id(event) in winners:
            others = tuple(
                (other.start, other.end)
                for other in events
                if other is not event
                and other.cameo.startswith(CONSULT_ROOT)
                and other.status not in UNCERTAIN
                and (other.source, other.target, other.date) == (event.source, event.target, event.date)
                and other.start != event.start
            )
            merged.append(replace(event, also_at=tuple(dict.fromkeys((*event.also_at, *others)))))
    return merged


def _rank(event: EventFound) -> tuple[int, bool]:
    return STATUS_RANK.get(event.status, 9), event.cameo == "040"


def main_event_per_sentence(
    events: list[EventFound], height: Callable[[EventFound], int], governs: Callable[[EventFound, EventFound], bool]
) -> list[EventFound]:
    """One event per sentence, as PETRARCH and GDELT code news: the events of the trigger highest
    in the sentence's parse (``height``: the number of heads between the trigger and the root;
    the first such trigger on a tie). "Russia said Sudan must return the helicopter it captured":
    the return, not the capture. An event with a target comes before one without ("has refused
    to meet King Abdullah": the refused meeting, 125, not a bare refusal, 120). A more specific
    code of the same root on a complement of that trigger, for the same source, is what it
    states ("threatened to ban the opposition": 1313 rather than 130; "refused to meet": 125
    rather than 120; ``governs(a, b)``: a's trigger governs b's). A trigger coded in several
    directions ("A and B met") keeps them all."""
    by_sentence: dict[int, list[EventFound]] = {}
    for event in events:
        by_sentence.setdefault(event.start, []).append(event)
    chosen: set[int] = set()
    for found in by_sentence.values():
        main = min(found, key=lambda e: (not e.target, height(e), e.trigger_start))
        specific = [
            e
            for e in found
            if e.cameo[:2] == main.cameo[:2]
            and _more_specific(e.cameo, main.cameo)
            and e.source == main.source
            and (e.target or not main.target)
            and governs(main, e)
        ]
        if specific:
            main = min(specific, key=lambda e: (height(e), e.trigger_start))
        chosen.add(main.trigger_start)
    return [event for event in events if event.trigger_start in chosen]


def _more_specific(code: str, than: str) -> bool:
    """ "0331" over "033" over "030"; "125" over "120"."""

    def depth(c: str) -> int:
        return len(c) if not c.endswith("0") or len(c) == 2 else len(c) - 1

    return depth(code) > depth(than)
