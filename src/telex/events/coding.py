"""What the coder needs beyond its triggers, and how found events become records.

``events/coding.yaml`` names the codes with a job in the coder: the denial statement, a hosted
visit, the code a speech cue's stance gives a statement, and the threat code of each threatened
act. :func:`event_records` turns the component's findings into :class:`~telex.records.Event`
records, with the codebook's PLOVER category, QuadClass and Goldstein value and offsets in the
article's text: a change to event coding stays inside ``telex.events``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from telex.events.codebook import Codebook, load_codebook
from telex.knowledge import Knowledge, check_keys, default_knowledge, problem
from telex.records import Event, Location

RESOURCE = "event-coding"
FILE_KEYS = (
    "denial",
    "host",
    "visit",
    "stances",
    "threats",
    "demands",
    "intended_as_threat",
    "promised_under_condition",
    "pleas_stood_for_by_demand",
    "neutral_statement",
    "place_as_target",
    "without_target",
    "target_in_quote",
    "target_in_clause",
    "target_in_condition",
    "target_by_nationality",
    "target_of_demonstrative",
    "performed_in_quote",
    "by_source_sector",
)
WITHOUT_TARGET_KEYS = ("kinds", "roots")
KINDS = ("act", "statement")


@dataclass(frozen=True, slots=True)
class CodingRules:
    denial: str
    host: str
    visit: str
    stances: Mapping[str, str]  # stance of a speech cue → CAMEO code of the statement
    threats: Mapping[str, str]  # threatened code or root → threat code ("default" for the rest)
    demands: Mapping[str, str]  # demanded code or root → demand code ("default" for the rest)
    targetless_kinds: frozenset[str] = frozenset()
    targetless_roots: frozenset[str] = frozenset()
    quoted_targets: tuple[str, ...] = ()  # codes whose target may be the first actor the quote names
    clause_targets: tuple[str, ...] = ()  # codes whose target may be the subject of their clause
    condition_targets: tuple[str, ...] = ()  # threats: the subject of their "if" / "unless" clause
    nationality_targets: tuple[str, ...] = ()  # codes whose target a nationality adjective may name
    demonstrative_targets: tuple[str, ...] = ()  # "ces affirmations": the previous sentence's subject
    performed_in_quote: tuple[str, ...] = ()  # codes a speaker performs by saying "nous appelons…"
    intended_as_threat: tuple[str, ...] = ()  # acts whose announcement is a threat ("will impose sanctions")
    promised_under_condition: tuple[str, ...] = ()  # "would meet X if ...": a promise, the act's intent
    place_as_target: tuple[str, ...] = ()  # "raids en Syrie": the country where it happened is the target
    pleas: tuple[str, ...] = ()  # "« Y doit Z », plaide X": a plea the demand it quotes stands for
    neutral_statement: str | None = None  # "« … », a commenté X": the quotation, not an event
    # CAMEO sector of the source → code → code ("JUD": {"111": "116"}: a court's condemnation is a sentence)
    by_source_sector: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def may_lack_target(self, code: str, kind: str) -> bool:
        """Whether an event of ``code`` and ``kind`` stands without a target actor."""
        return kind in self.targetless_kinds or any(code.startswith(prefix) for prefix in self.targetless_roots)

    def for_sources(self, code: str, source_codes: Sequence[str | None]) -> str:
        """The code an act takes when all its sources are of one sector that ``by_source_sector``
        reads otherwise ("les condamnations" by "la justice algérienne", DZAJUD: 116, a sentence)."""
        sectors = {(c or "")[3:6] for c in source_codes}
        if len(sectors) != 1:
            return code
        return self.by_source_sector.get(sectors.pop(), {}).get(code, code)

    def demand_for(self, code: str | None) -> str:
        """The demand code of requiring the act ``code`` of someone ("0842" → "1053"); ``None``
        (an act no trigger codes: "China must drop barriers") → the default, 100."""
        for key in (code, code[:3], code[:2]) if code else ():
            if key in self.demands:
                return self.demands[key]
        return self.demands["default"]

    def threat_for(self, code: str) -> str:
        """The threat code of threatening the act ``code`` ("163" → "1312", "190" → "138")."""
        for key in (code, code[:3], code[:2]):
            if key in self.threats:
                return self.threats[key]
        return self.threats["default"]


def load_coding_rules(knowledge: Knowledge | None = None) -> CodingRules:
    knowledge = default_knowledge(knowledge)
    return knowledge.compiled((RESOURCE,), lambda: _build(knowledge))


def _build(knowledge: Knowledge) -> CodingRules:
    data, source = knowledge.merged_yaml(RESOURCE)
    codebook = load_codebook(knowledge=knowledge)
    if not isinstance(data, dict):
        raise problem(source, None, None, "expected a mapping")
    check_keys(data, FILE_KEYS, source, None)

    def code(value: Any, field: str) -> str:
        if not isinstance(value, str) or not codebook.is_valid(value):
            raise problem(source, None, field, f'{value!r} is not a CAMEO code (quote it: "016")')
        return value

    stances = data.get("stances") or {}
    threats = data.get("threats") or {}
    demands = data.get("demands") or {}
    if not isinstance(stances, dict) or not isinstance(threats, dict) or not isinstance(demands, dict):
        raise problem(source, None, "stances", "expected mappings for stances, threats and demands")
    if "default" not in threats:
        raise problem(source, None, "threats", "needs a default threat code")
    if "default" not in demands:
        raise problem(source, None, "demands", "needs a default demand code")
    alone = data.get("without_target") or {}
    if not isinstance(alone, dict):
        raise problem(source, None, "without_target", "expected a mapping with kinds and roots")
    check_keys(alone, WITHOUT_TARGET_KEYS, source, "without_target")
    kinds = [str(k) for k in alone.get("kinds") or ()]
    roots = [str(r) for r in alone.get("roots") or ()]
    for kind in kinds:
        if kind not in KINDS:
            raise problem(source, None, "without_target.kinds", f"{kind!r} is not one of {', '.join(KINDS)}")
    for root in roots:
        if not (len(root) >= 2 and root.isdigit() and 1 <= int(root[:2]) <= 20):
            raise problem(
                source, None, "without_target.roots", f'{root!r} is not a CAMEO root ("01" to "20") or code ("161")'
            )

    def prefixes(field: str) -> tuple[str, ...]:
        value = data.get(field) or []
        if not isinstance(value, list) or not all(isinstance(c, str) and c.isdigit() for c in value):
            raise problem(source, None, field, 'expected a list of CAMEO codes or roots (quoted: "11")')
        return tuple(value)

    sectors = data.get("by_source_sector") or {}
    if not isinstance(sectors, dict) or not all(
        isinstance(k, str) and len(k) == 3 and k.isupper() and isinstance(v, dict) for k, v in sectors.items()
    ):
        raise problem(source, None, "by_source_sector", 'expected {SECTOR: {"code": "code"}} (JUD: {"111": "116"})')
    by_sector = {
        sector: {code(k, f"by_source_sector.{sector}"): code(v, f"by_source_sector.{sector}.{k}") for k, v in m.items()}
        for sector, m in sectors.items()
    }
    return CodingRules(
        by_source_sector=by_sector,
        denial=code(data.get("denial"), "denial"),
        host=code(data.get("host"), "host"),
        visit=code(data.get("visit"), "visit"),
        stances={str(stance): code(value, f"stances.{stance}") for stance, value in stances.items()},
        threats={str(key): code(value, f"threats.{key}") for key, value in threats.items()},
        demands={str(key): code(value, f"demands.{key}") for key, value in demands.items()},
        targetless_kinds=frozenset(kinds),
        targetless_roots=frozenset(roots),
        quoted_targets=prefixes("target_in_quote"),
        clause_targets=prefixes("target_in_clause"),
        condition_targets=prefixes("target_in_condition"),
        nationality_targets=prefixes("target_by_nationality"),
        demonstrative_targets=prefixes("target_of_demonstrative"),
        performed_in_quote=prefixes("performed_in_quote"),
        intended_as_threat=prefixes("intended_as_threat"),
        promised_under_condition=prefixes("promised_under_condition"),
        pleas=prefixes("pleas_stood_for_by_demand"),
        neutral_statement=code(data["neutral_statement"], "neutral_statement")
        if data.get("neutral_statement")
        else None,
        place_as_target=prefixes("place_as_target"),
    )


def event_records(
    found: Sequence[Any],
    quotes: Sequence[Any],
    span: Callable[[int, int], tuple[int, int, str]],
    codebook: Codebook | None = None,
) -> list[Event]:
    """Records of the events found in a doc: ``span`` maps the doc's offsets to the article's text
    (and gives the text there); ``quotes`` are the doc's quotes, in the order they are stored."""
    codebook = codebook or load_codebook()
    positions = {id(quote): index for index, quote in enumerate(quotes)}
    events = []
    for event in found:
        start, end, _text = span(event.start, event.end)
        trigger_start, trigger_end, trigger = span(event.trigger_start, event.trigger_end)
        code = codebook.get(event.cameo)
        location = Location(event.location[0], event.location[1]) if event.location is not None else None
        events.append(
            Event(
                start=start,
                end=end,
                trigger=trigger,
                trigger_start=trigger_start,
                trigger_end=trigger_end,
                cameo=event.cameo,
                source=event.source,
                target=event.target,
                plover=code.plover,
                plover_mode=code.plover_mode,
                quad_class=code.quad_class,
                goldstein=code.goldstein,
                date=event.date,
                date_source=event.date_source,
                status=event.status,
                location=location,
                quote=positions.get(id(event.quote)) if event.quote is not None else None,
                rule=event.rule,
                also_stated_at=tuple(span(s, e)[:2] for s, e in event.also_at),
            )
        )
    return events
