"""What the knowledge base adds to the store for a reader: who a typed name means, and an actor's
names and dated roles.

The knowledge base is loaded once per process (about a second and a half, then cached): a server
warms it up in the background after it starts, so the first search by name does not wait for it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from telex.store import EventFilter, Store

RESOLVED_KEPT = 512  # answers remembered per connection; the oldest are forgotten first
# per store object (so per connection and file), forgotten with it
_resolved: WeakKeyDictionary[Store, OrderedDict[tuple[int, str], list[str]]] = WeakKeyDictionary()
_resolved_lock = threading.Lock()


def warm_up() -> None:
    """Load the actor knowledge base now (from a background thread at start-up)."""
    from telex.actors.knowledge import load_knowledge

    load_knowledge()


def actor_ids(query: str, store: Store) -> list[str]:
    """The actors ``query`` names, as the CLI's ``--speaker`` and ``--actor`` understand it: any
    spelling the knowledge base knows, a part of a stored name, an actor id, an ISO3 country code
    or a CAMEO actor code."""
    from telex.query import actor_ids_for

    # A name ("USA": every American actor) costs a few milliseconds to resolve, and a client paging
    # asks the same again and again: answers are remembered per connection until the store changes.
    key = (store.data_version(), query.strip())
    with _resolved_lock:
        answers = _resolved.setdefault(store, OrderedDict())
        if key in answers:
            answers.move_to_end(key)
            return list(answers[key])
    ids = actor_ids_for(query.strip(), store)
    with _resolved_lock:
        answers[key] = ids
        while len(answers) > RESOLVED_KEPT:
            answers.popitem(last=False)
    return list(ids)


def known_actor(actor_id: str) -> dict[str, Any] | None:
    """The knowledge base's entry for an actor: names per language (aliases, demonyms, capitals,
    seats) and, for a person, every role with its dates and the CAMEO code it gives; None for an
    actor only the statistical NER found."""
    from telex.actors.knowledge import load_knowledge

    knowledge = load_knowledge()
    actor = knowledge.actors.get(actor_id)
    if actor is None:
        return None
    names = {lang: list(values) for lang, values in actor.names.items()}
    for lang, values in actor.nicknames.items():
        names.setdefault(lang, []).extend(value for value in values if value not in names[lang])
    roles = []
    for spell in actor.roles:
        holder_of = spell.organization or spell.country
        of = knowledge.actors.get(holder_of) if holder_of else None
        roles.append(
            {
                "role": spell.role,
                "label": spell.role.replace("_", " "),
                "of": holder_of,
                "of_name": of.name if of is not None else holder_of,
                "start": spell.start.isoformat() if spell.start else None,
                "end": spell.end.isoformat() if spell.end else None,
                "code": knowledge.code_on(actor_id, spell.start) if spell.start else None,
            }
        )
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "code_today": knowledge.code_on(actor_id),
        "names": names,
        "demonyms": {lang: list(values) for lang, values in actor.demonyms.items()},
        "capitals": list(actor.capitals),
        "seats": sorted({seat.name for seats in actor.seats.values() for seat in seats}),
        "roles": roles,
    }


def event_filter(
    store: Store,
    named: dict[str, str | None],
    code: str | None = None,
    plover: str | None = None,
    status: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> tuple[EventFilter, dict[str, list[str]]]:
    """The filter of an events query, API or page alike: ``named`` gives ``actor`` (either side),
    ``source`` and ``target`` as a user writes them; also the ids each one matched."""
    matched = {name: actor_ids(value, store) for name, value in named.items() if value}
    where = EventFilter(
        actors=matched.get("actor"),
        sources=matched.get("source"),
        targets=matched.get("target"),
        code=code,
        plover=plover,
        status=status,
        since=since,
        until=until,
    )
    return where, matched
