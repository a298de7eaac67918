"""Terminal rendering of an article with what telex found in it.

Article text is untrusted: it only ever enters :class:`rich.text.Text` as plain text, and
styles are applied by offsets, so markup-like strings in articles are shown, not interpreted;
control characters are replaced by visible stand-ins of the same length
(:func:`telex.terminal.printable`), so escape sequences never reach the terminal.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from telex.records import Analysis
from telex.terminal import plain

MENTION_STYLE = "bold cyan"
QUOTE_STYLE = "italic green"
CUE_STYLE = "bold magenta"
TRIGGER_STYLE = "bold yellow underline"


def render_article_text(text: str, analysis: Analysis) -> Text:
    """The clean text with quotes, cues, actor mentions and event triggers styled in place."""
    rendered = plain(text)  # same length: the offsets below still fit
    for quote in analysis.quotes:
        rendered.stylize(QUOTE_STYLE, quote.start, quote.end)
        if quote.cue_start is not None and quote.cue_end is not None:
            rendered.stylize(CUE_STYLE, quote.cue_start, quote.cue_end)
    for mention in analysis.mentions:
        rendered.stylize(MENTION_STYLE, mention.start, mention.end)
    for event in analysis.events:
        rendered.stylize(TRIGGER_STYLE, event.trigger_start, event.trigger_end)
    return rendered


def analysis_tables(analysis: Analysis) -> list[Table]:
    """Tables of actors (with mention counts), quotes and events for one article."""
    names = {actor.id: actor.name for actor in analysis.actors}
    tables = []
    if analysis.actors:
        counts: dict[str, int] = {}
        for mention in analysis.mentions:
            counts[mention.actor] = counts.get(mention.actor, 0) + 1
        actors = Table(title="Actors")
        for column in ("name", "type", "country", "code", "mentions", "as written"):
            actors.add_column(column)
        for actor in sorted(analysis.actors, key=lambda a: -counts.get(a.id, 0)):
            forms = dict.fromkeys(m.text for m in analysis.mentions if m.actor == actor.id)
            actors.add_row(
                plain(actor.name),
                plain(actor.type),
                plain(actor.country or ""),
                plain(actor.code or ""),
                str(counts.get(actor.id, 0)),
                plain(" | ".join(forms)),
            )
        tables.append(actors)
    if analysis.quotes:
        quotes = Table(title="Quotes")
        for column in ("speaker", "cue", "kind", "quote"):
            quotes.add_column(column, overflow="fold")
        for quote in analysis.quotes:
            quotes.add_row(
                plain(names.get(quote.speaker or "", "—")), plain(quote.cue or ""), plain(quote.kind), plain(quote.text)
            )
        tables.append(quotes)
    if analysis.events:
        events = Table(title="Events")
        for column in ("date", "source", "cameo", "plover", "target", "status", "trigger"):
            events.add_column(column, overflow="fold")
        for event in analysis.events:
            events.add_row(
                plain(event.date or ""),
                plain(", ".join(names.get(a, a) for a in event.source)),
                plain(event.cameo),
                plain(event.plover or ""),
                plain(", ".join(names.get(a, a) for a in event.target)),
                plain(event.status),
                plain(event.trigger),
            )
        tables.append(events)
    return tables
