"""The matching rules of ``telex eval``, as pure functions over gold items and export records.

Every rule here is written down in ``docs/gold-format.md`` ("Matching rules"); change both together.
Produced data is the export record (``docs/record-format.md``): plain dicts, so the rules can be
tested with hand-made records and never import spaCy.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from telex.evaluate.gold import Coding, ForbiddenEvent, GoldActor, GoldEvent, GoldQuote

QUOTE_OVERLAP = 0.5  # a quote is found when at least half of the tokens of each side are shared
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"\w+")
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")

Record = dict[str, Any]


# --- text -----------------------------------------------------------------------------------


def quote_tokens(text: str) -> list[str]:
    """The tokens quote overlap is computed on.

    NFKC, casefold, typographic apostrophes → ``'``; then every run of word characters is a token,
    so quotation marks, punctuation and apostrophes only separate tokens (``l’impérialisme`` →
    ``l``, ``impérialisme``).
    """
    normal = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    return _WORD.findall(normal)


def token_overlap(gold: str, produced: str) -> float:
    """|shared tokens| / max(|gold tokens|, |produced tokens|), tokens counted as a multiset.

    The longer side is the denominator, so a quote cut in half and a quote glued to its neighbour
    both fall below 0.5: ≥ 0.5 means each side covers at least half of the other.
    """
    gold_tokens, produced_tokens = Counter(quote_tokens(gold)), Counter(quote_tokens(produced))
    longest = max(sum(gold_tokens.values()), sum(produced_tokens.values()))
    if longest == 0:
        return 0.0
    return sum((gold_tokens & produced_tokens).values()) / longest


# --- actors ---------------------------------------------------------------------------------


def _fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_APOSTROPHES).casefold().split())


def actor_matches_ref(actor: Record, ref: str, *, person_country: bool = False) -> bool:
    """Does a produced actor answer to a gold reference (canonical name, actor id, CAMEO actor code,
    or ISO3 country code)?

    A country code matches any actor of that country that is not a person (country, organization,
    group, place: "le Kremlin" coded as Russia is Russia); a person matches a country code only when
    ``person_country`` is set (forbidden events: an arms deal is forbidden whoever signs it).
    """
    if _fold(actor.get("name")) == _fold(ref) or actor.get("id") == ref or (actor.get("code") and actor["code"] == ref):
        return True
    if _COUNTRY_CODE.match(ref) and actor.get("country") == ref:
        return actor.get("type") != "person" or person_country
    return False


def side_matches(
    actor_id: str | None,
    refs: Sequence[str] | None,
    actors: dict[str, Record],
    *,
    person_country: bool = False,
) -> bool:
    """One side of a produced dyad against a gold side: ``None`` gold refs accept anything, else
    the produced actor must answer to one of the alternative refs."""
    if refs is None:
        return True
    if actor_id is None:
        return False
    actor = actors.get(actor_id, {"id": actor_id})
    return any(actor_matches_ref(actor, ref, person_country=person_country) for ref in refs)


def actor_matches(gold: GoldActor, actor: Record) -> bool:
    """Actors match on canonical name, or, for a gold country, on its ISO3 code (as the produced
    country actor's id or country)."""
    if any(_fold(name) == _fold(actor.get("name")) for name in gold.names):
        return True
    if gold.type == "country" and gold.country and actor.get("type") == "country":
        return gold.country in (actor.get("country"), actor.get("id"))
    return False


# --- quotes ---------------------------------------------------------------------------------


def quote_text_matches(gold: GoldQuote, quote: Record) -> bool:
    return token_overlap(gold.text, quote.get("text") or "") >= QUOTE_OVERLAP


def speaker_matches(gold: GoldQuote, quote: Record, actors: dict[str, Record]) -> bool:
    """A gold speaker of ``None`` (nobody is quoted) wants no speaker; otherwise the produced speaker
    must answer to one of the gold refs by name or id; a person is never matched by country (a
    country-coded ref accepts only a non-person actor of that country: "le gouvernement malien")."""
    speaker = quote.get("speaker")
    if gold.speaker is None:
        return speaker is None
    if speaker is None:
        return False
    actor = actors.get(speaker, {"id": speaker})
    for ref in gold.speaker:
        if _COUNTRY_CODE.match(ref):
            if actor_matches_ref(actor, ref):
                return True
        elif _fold(actor.get("name")) == _fold(ref) or actor.get("id") == ref:
            return True
    return False


# --- events ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dyad:
    """One source → target pair of a produced event: the unit events are scored on."""

    source: str | None
    target: str | None
    cameo: str
    plover: str | None
    plover_mode: str | None
    status: str
    date: str | None
    event: int  # index of the event in the record

    def describe(self, actors: dict[str, Record]) -> str:
        def name(actor_id: str | None) -> str:
            if actor_id is None:
                return "—"
            return actors.get(actor_id, {}).get("name") or actor_id

        return f"{name(self.source)} → {name(self.target)} {self.cameo} {self.status}" + (
            f" {self.date}" if self.date else ""
        )


def event_dyads(record: Record) -> list[Dyad]:
    """Every (source, target) pair of every produced event, self-pairs dropped, exact duplicates
    (same pair, code, status, date) kept once: events are compared as an article-level set."""
    dyads: dict[tuple, Dyad] = {}
    for index, event in enumerate(record.get("events") or ()):
        sources = list(event.get("source") or ()) or [None]
        targets = list(event.get("target") or ()) or [None]
        for source in sources:
            for target in targets:
                if source is not None and source == target:
                    continue
                dyad = Dyad(
                    source,
                    target,
                    str(event.get("cameo") or ""),
                    event.get("plover"),
                    event.get("plover_mode"),
                    event.get("status") or "asserted",
                    (event.get("date") or None),
                    index,
                )
                dyads.setdefault((source, target, dyad.cameo, dyad.status, dyad.date), dyad)
    return list(dyads.values())


def cameo_root(code: str) -> str:
    """The CAMEO root: the first two digits ("0431" → "04", "190" → "19")."""
    return code[:2]


def coding_matches_root(coding: Coding, dyad: Dyad) -> bool:
    if coding.cameo:
        return bool(dyad.cameo) and cameo_root(dyad.cameo) in {cameo_root(code) for code in coding.cameo}
    return coding.plover is not None and dyad.plover == coding.plover


def coding_matches_full(coding: Coding, dyad: Dyad) -> bool:
    if coding.cameo:
        return dyad.cameo in coding.cameo
    return (
        coding.plover is not None
        and dyad.plover == coding.plover
        and (coding.plover_mode is None or dyad.plover_mode == coding.plover_mode)
    )


def event_sides_match(gold: GoldEvent, dyad: Dyad, actors: dict[str, Record]) -> bool:
    return side_matches(dyad.source, gold.source, actors) and side_matches(dyad.target, gold.target, actors)


def event_matches_root(gold: GoldEvent, dyad: Dyad, actors: dict[str, Record]) -> bool:
    return event_sides_match(gold, dyad, actors) and any(coding_matches_root(c, dyad) for c in gold.codings)


def event_matches_full(gold: GoldEvent, dyad: Dyad, actors: dict[str, Record]) -> bool:
    return event_sides_match(gold, dyad, actors) and any(coding_matches_full(c, dyad) for c in gold.codings)


def event_matches_status(gold: GoldEvent, dyad: Dyad, actors: dict[str, Record]) -> bool:
    return event_sides_match(gold, dyad, actors) and any(
        coding_matches_root(c, dyad) and dyad.status in c.statuses for c in gold.codings
    )


def event_matches_date(gold: GoldEvent, dyad: Dyad, actors: dict[str, Record]) -> bool:
    """Root match and the same day; a gold event without a date accepts any date."""
    if not event_matches_root(gold, dyad, actors):
        return False
    return gold.date is None or (dyad.date or "")[:10] == gold.date[:10]


def forbidden_matches(forbidden: ForbiddenEvent, dyad: Dyad, actors: dict[str, Record]) -> bool:
    """A produced dyad that states a forbidden event: code starting with a forbidden prefix (or the
    forbidden PLOVER category), a status in the forbidden statuses, sides matching with persons
    counted as their country."""
    if dyad.status not in forbidden.statuses:
        return False
    coded = any(dyad.cameo.startswith(prefix) for prefix in forbidden.cameo_prefixes) or (
        forbidden.plover is not None and dyad.plover == forbidden.plover
    )
    return (
        coded
        and side_matches(dyad.source, forbidden.source, actors, person_country=True)
        and side_matches(dyad.target, forbidden.target, actors, person_country=True)
    )


# --- one-to-one matching --------------------------------------------------------------------


def match_pairs(
    gold: Sequence[Any],
    produced: Sequence[Any],
    matches: Callable[[Any, Any], bool],
    score: Callable[[Any, Any], float] | None = None,
) -> dict[int, int]:
    """A maximum one-to-one matching {gold index: produced index} under ``matches``.

    Augmenting paths (Kuhn), so a greedy early choice never costs a match; among candidates the
    higher ``score`` is tried first, which keeps the natural pairing when several are possible.
    """
    candidates: list[list[int]] = []
    for g in gold:
        found = [j for j, p in enumerate(produced) if matches(g, p)]
        if score is not None:
            found.sort(key=lambda j, g=g: -score(g, produced[j]))
        candidates.append(found)
    owner: dict[int, int] = {}  # produced index → gold index

    def augment(i: int, visited: set[int]) -> bool:
        for j in candidates[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


@dataclass(slots=True)
class LayerMatch:
    """The outcome of matching one layer of one article."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: tuple[str, ...] = ()
    false_positives: tuple[str, ...] = ()


def match_layer(
    gold: Sequence[Any],
    optional: Iterable[bool],
    produced: Sequence[Any],
    matches: Callable[[Any, Any], bool],
    describe_gold: Callable[[Any], str],
    describe_produced: Callable[[Any], str],
    score: Callable[[Any, Any], float] | None = None,
    scored: Callable[[Any], bool] | None = None,
) -> LayerMatch:
    """Count one layer: required gold items are matched first, then optional ones take what is left;
    a produced item matched to an optional gold item counts neither way. ``scored`` limits which
    produced items can be false positives (e.g. only actors that carry a code)."""
    flags = list(optional)
    required = [i for i, flag in enumerate(flags) if not flag]
    optional_items = [i for i, flag in enumerate(flags) if flag]
    first = match_pairs([gold[i] for i in required], produced, matches, score)
    used = set(first.values())
    rest = [j for j in range(len(produced)) if j not in used]
    second = match_pairs([gold[i] for i in optional_items], [produced[j] for j in rest], matches, score)
    used |= {rest[j] for j in second.values()}
    misses = tuple(describe_gold(gold[required[i]]) for i in range(len(required)) if i not in first)
    false_positives = tuple(
        describe_produced(produced[j])
        for j in range(len(produced))
        if j not in used and (scored is None or scored(produced[j]))
    )
    return LayerMatch(len(first), len(false_positives), len(misses), misses, false_positives)


# --- metadata -------------------------------------------------------------------------------


def _metadata_value(name: str, value: Any) -> Any:
    """The comparable form of a metadata value; None when the value is empty."""
    if value in (None, "", [], ()):
        return None
    if name == "published":
        return str(value)[:10]
    if name == "authors":
        pairs = []
        for author in value:
            author_name, role = (author["name"], author.get("role")) if isinstance(author, dict) else author
            pairs.append((_fold(author_name), _fold(role) or None))
        return frozenset(pairs)
    if name == "language":
        return str(value).casefold()
    return _fold(str(value))


def metadata_outcome(name: str, gold: Any, produced: Any) -> LayerMatch:
    """One metadata field, exact match after normalisation (published: the date part only).

    Expected and found equal: 1 TP. Expected but missing: 1 miss. Expected and different: 1 miss
    and 1 false positive. Expected empty (null) and something found: 1 false positive.
    """
    gold_value, produced_value = _metadata_value(name, gold), _metadata_value(name, produced)
    if gold_value is None and produced_value is None:
        return LayerMatch()
    if gold_value == produced_value:
        return LayerMatch(tp=1)
    misses = (f"{name} = {gold!r}",) if gold_value is not None else ()
    found = (f"{name} = {produced!r}",) if produced_value is not None else ()
    return LayerMatch(0, len(found), len(misses), misses, found)
