"""Turning what a user types ("Poutine", "Putin", "RUS", "vladimir-putin") into actor ids.

Analysts search in the language they read: every alias of the knowledge base counts, and so
does any stored actor whose canonical name contains the words (unknown people included).
"""

from __future__ import annotations

import re

from telex.store import Store


def actor_ids_for(query: str, store: Store) -> list[str]:
    """Ids of the actors ``query`` names: by id, by any alias in the knowledge base (accents and
    case ignored), by a part of a stored canonical name, or — for a country or CAMEO code such as
    "PRK" or "RUSGOV" — every stored actor of that country or code."""
    from telex.actors.knowledge import load_knowledge

    ids = dict.fromkeys(store.actor_ids_named(query))
    if re.fullmatch(r"(?:[A-Z]{3})+", query):  # a country or CAMEO code: everyone it covers
        ids.update(dict.fromkeys(store.actor_ids_coded(query)))
    knowledge = load_knowledge()
    if query in knowledge.actors:
        ids[query] = None
    ids.update(dict.fromkeys(knowledge.actors_named(query)))
    return list(ids)
