"""An article's text cut into runs that carry the facts found there, for the article page.

Mentions, quotes, cues, speakers' spans, event triggers and event sentences overlap (a mention
inside a quote inside an event's sentence), and HTML elements cannot. The text is therefore cut at
every fact's start and end: each run of characters lists the facts that cover it, and the page
styles a run by those facts' kinds. Each fact also lists the facts linked to it (a quote: its cue,
its speaker's span and the mentions there, the events it states), so that selecting one lights up
the rest.

Only plain strings and numbers leave this module: the template escapes the text of every run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from telex.records import Analysis

# What a click on a run selects when several facts cover it: the narrowest visible fact, and
# among equals the kind first in this list.
CLICK_PRIORITY = ("trigger", "mention", "speaker", "cue", "quote")
VISIBLE_KINDS = frozenset(CLICK_PRIORITY)


@dataclass(frozen=True, slots=True)
class Span:
    """A fact's stretch of text: ``id`` names it on the page ("q3"), ``kind`` says how it is drawn."""

    id: str
    kind: str  # mention | quote | cue | speaker | trigger | sentence
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Run:
    """Characters ``text`` covered by the facts ``spans`` (ids), drawn with ``kinds``."""

    text: str
    spans: tuple[str, ...]
    kinds: tuple[str, ...]
    target: str | None  # the fact a click on this run selects


def article_spans(analysis: Analysis, text_length: int) -> list[Span]:
    """Every fact of the analysis as spans, with ids ``m<i>`` (mention), ``q<i>``/``c<i>``/``s<i>``
    (quote, its cue, its speaker's span), ``t<i>``/``e<i>`` (event trigger, event sentence)."""
    spans: list[Span] = []

    def add(span_id: str, kind: str, start: int | None, end: int | None) -> None:
        if start is None or end is None:
            return
        start, end = max(0, start), min(text_length, end)
        if start < end:
            spans.append(Span(span_id, kind, start, end))

    for index, mention in enumerate(analysis.mentions):
        add(f"m{index}", "mention", mention.start, mention.end)
    for index, quote in enumerate(analysis.quotes):
        add(f"q{index}", "quote", quote.start, quote.end)
        add(f"c{index}", "cue", quote.cue_start, quote.cue_end)
        add(f"s{index}", "speaker", quote.speaker_start, quote.speaker_end)
    for index, event in enumerate(analysis.events):
        add(f"t{index}", "trigger", event.trigger_start, event.trigger_end)
        add(f"e{index}", "sentence", event.start, event.end)
    return spans


def _narrowest_first(span: Span) -> tuple[int, int]:
    return span.end - span.start, CLICK_PRIORITY.index(span.kind) if span.kind in VISIBLE_KINDS else len(CLICK_PRIORITY)


def runs(text: str, spans: Iterable[Span]) -> list[Run]:
    """``text`` cut at every span boundary, each run with the spans that cover it (in one sweep)."""
    spans = list(spans)
    boundaries = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    open_spans: list[Span] = []
    result: list[Run] = []
    for left, right in pairwise(boundaries):
        open_spans = [span for span in open_spans if span.end > left] + starting.get(left, [])
        covering = sorted(open_spans, key=_narrowest_first)
        clickable = [span for span in covering if span.kind in VISIBLE_KINDS]
        result.append(
            Run(
                text[left:right],
                tuple(span.id for span in covering),
                tuple(sorted({span.kind for span in covering})),
                clickable[0].id if clickable else None,
            )
        )
    return result


def _overlaps(start: int, end: int) -> Callable[[Any], bool]:
    return lambda item: item.start < end and start < item.end


def facts(analysis: Analysis, names: dict[str, str], labels: dict[str, str]) -> dict[str, dict[str, Any]]:
    """What the page shows of each fact when it is selected, and the ids it lights up (``links``).

    ``names``: canonical names by actor id; ``labels``: CAMEO labels by event code.
    """
    result: dict[str, dict[str, Any]] = {}
    mentions_of: dict[str, list[str]] = {}
    for index, mention in enumerate(analysis.mentions):
        mentions_of.setdefault(mention.actor, []).append(f"m{index}")
    quote_events: dict[int, list[int]] = {}
    for index, event in enumerate(analysis.events):
        if event.quote is not None:
            quote_events.setdefault(event.quote, []).append(index)

    for index, mention in enumerate(analysis.mentions):
        result[f"m{index}"] = {
            "kind": "mention",
            "text": mention.text,
            "actor": mention.actor,
            "actor_name": names.get(mention.actor, mention.actor),
            "rule": mention.rule,
            "links": mentions_of[mention.actor],
        }
    for index, quote in enumerate(analysis.quotes):
        links = [f"q{index}", f"c{index}", f"s{index}"]
        if quote.speaker_start is not None and quote.speaker_end is not None:
            inside = _overlaps(quote.speaker_start, quote.speaker_end)
            links += [f"m{i}" for i, mention in enumerate(analysis.mentions) if inside(mention)]
        for event_index in quote_events.get(index, []):
            links += [f"t{event_index}", f"e{event_index}"]
        fact = {
            "kind": "quote",
            "text": quote.text,
            "quote_kind": quote.kind,
            "speaker": quote.speaker,
            "speaker_name": names.get(quote.speaker, quote.speaker) if quote.speaker else None,
            "cue": quote.cue,
            "links": links,
        }
        for span_id in (f"q{index}", f"c{index}", f"s{index}"):
            result[span_id] = {**fact, "id": f"q{index}"}
    for index, event in enumerate(analysis.events):
        in_sentence = _overlaps(event.start, event.end)
        actors = set(event.source) | set(event.target)
        links = [f"t{index}", f"e{index}"]
        links += [
            f"m{i}" for i, mention in enumerate(analysis.mentions) if mention.actor in actors and in_sentence(mention)
        ]
        if event.quote is not None:
            links.append(f"q{event.quote}")
        fact = {
            "kind": "event",
            "trigger": event.trigger,
            "cameo": event.cameo,
            "label": labels.get(event.cameo),
            "plover": event.plover,
            "quad_class": event.quad_class,
            "goldstein": event.goldstein,
            "status": event.status,
            "date": event.date,
            "date_source": event.date_source,
            "rule": event.rule,
            "source": [names.get(actor, actor) for actor in event.source],
            "target": [names.get(actor, actor) for actor in event.target],
            "location": event.location.name if event.location else None,
            "links": links,
        }
        result[f"t{index}"] = {**fact, "id": f"t{index}"}
        result[f"e{index}"] = {**fact, "id": f"t{index}"}
    for index in range(len(analysis.mentions)):
        result[f"m{index}"]["id"] = f"m{index}"
    return result
