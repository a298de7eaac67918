"""Gold files for ``telex eval``: load and validate them, one JSON object per line.

The format is documented in ``docs/gold-format.md``. Loading is strict: any unknown field, wrong
type or missing value raises :class:`GoldFormatError` naming the file, the line and the field, so
that a typo in a gold file never silently turns into a wrong score.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from telex.errors import TelexError
from telex.events.codebook import PLOVER_CATEGORIES
from telex.events.dictionary import STATUSES

ACTOR_TYPES = frozenset({"person", "country", "organization", "place", "group"})
QUOTE_KINDS = frozenset({"direct", "indirect", "fragment"})
EVENT_STATUSES = frozenset(STATUSES)
METADATA_FIELDS = ("site", "authors", "published", "language", "title", "url")
# a forbidden event is "produced" only when the system presents it as having happened or as going to
DEFAULT_FORBIDDEN_STATUSES = ("asserted", "reported", "intended")

_CAMEO_CODE = re.compile(r"^\d{2,4}$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
_INPUT_FIELDS = {"path", "text", "url", "title", "site", "authors", "published"}
_ITEM_FIELDS = {
    "id",
    "input",
    "constructions",
    "note",
    "metadata",
    "actors",
    "quotes",
    "events",
    "forbidden_events",
}
_ACTOR_FIELDS = {"name", "type", "country", "code", "optional", "note"}
_QUOTE_FIELDS = {"text", "speaker", "kind", "optional", "note"}
_EVENT_FIELDS = {
    "source",
    "target",
    "cameo",
    "plover",
    "plover_mode",
    "status",
    "date",
    "alternatives",
    "optional",
    "note",
}
_CODING_FIELDS = {"cameo", "plover", "plover_mode", "status"}
_FORBIDDEN_FIELDS = {"source", "target", "cameo", "plover", "status", "note"}


@cache
def _known_cameo_codes() -> frozenset[str]:
    """Every code of telex's CAMEO codebook, to catch typos; empty if the codebook cannot load."""
    try:
        from telex.events.codebook import load_codebook

        return frozenset(code.code for code in load_codebook())
    except Exception:  # the gold still loads; codes are then only checked for shape
        return frozenset()


class GoldFormatError(TelexError):
    """A gold file that does not follow docs/gold-format.md; the message names file, line and field."""

    def __init__(self, path: str | Path, line: int, field: str, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.problem = problem
        where = f"{path}:{line}" + (f": field {field!r}" if field else "")
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class GoldInput:
    """What telex reads: a file (any format ``telex ingest`` reads) or inline text with metadata."""

    path: Path | None = None  # resolved against the gold file's folder
    text: str | None = None
    url: str | None = None
    title: str | None = None
    site: str | None = None
    authors: tuple[tuple[str, str | None], ...] = ()
    published: str | None = None


@dataclass(frozen=True, slots=True)
class GoldActor:
    names: tuple[str, ...]  # the canonical name, then any other acceptable canonical names
    type: str | None = None
    country: str | None = None
    codes: tuple[str, ...] = ()  # acceptable CAMEO actor codes; empty: not scored
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldQuote:
    text: str
    speaker: tuple[str, ...] | None  # acceptable speaker refs; None: nobody is quoted (scare quotes)
    kind: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Coding:
    """One acceptable way to code an event: CAMEO codes or a PLOVER category, and statuses."""

    cameo: tuple[str, ...] = ()
    plover: str | None = None
    plover_mode: str | None = None
    statuses: tuple[str, ...] = ("asserted",)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: tuple[str, ...] | None  # acceptable references for the one source actor; None: unchecked
    target: tuple[str, ...] | None  # acceptable references for the one target; None: unchecked
    codings: tuple[Coding, ...]
    date: str | None = None
    optional: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class ForbiddenEvent:
    source: tuple[str, ...] | None
    target: tuple[str, ...] | None
    cameo_prefixes: tuple[str, ...] = ()
    plover: str | None = None
    statuses: tuple[str, ...] = DEFAULT_FORBIDDEN_STATUSES
    note: str = ""


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    line: int
    input: GoldInput
    constructions: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    actors: tuple[GoldActor, ...] | None = None  # None: layer not annotated for this item
    quotes: tuple[GoldQuote, ...] | None = None
    events: tuple[GoldEvent, ...] | None = None
    forbidden_events: tuple[ForbiddenEvent, ...] = ()


class _Line:
    """Validation helpers that know where they are."""

    def __init__(self, path: Path, number: int) -> None:
        self.path = path
        self.number = number

    def fail(self, field_name: str, problem: str) -> GoldFormatError:
        return GoldFormatError(self.path, self.number, field_name, problem)

    def obj(self, value: Any, where: str, allowed: set[str], required: Iterable[str] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be an object, not {type(value).__name__}")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(
                f"{where}.{unknown[0]}" if where else unknown[0],
                f"unknown field (allowed: {', '.join(sorted(allowed))})",
            )
        for name in required:
            if value.get(name) in (None, ""):
                raise self.fail(f"{where}.{name}" if where else name, "is required")
        return value

    def string(self, value: Any, where: str, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be a non-empty string")
        return value

    def strings(self, value: Any, where: str) -> tuple[str, ...]:
        """A string or a non-empty list of strings."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(where, "must be a string or a non-empty list of strings")
        for index, item in enumerate(value):
            self.string(item, f"{where}[{index}]")
        return tuple(value)

    def choice(self, value: Any, where: str, allowed: frozenset[str]) -> str:
        if value not in allowed:
            raise self.fail(where, f"{value!r} is not one of {', '.join(sorted(allowed))}")
        return value

    def boolean(self, value: Any, where: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.fail(where, "must be true or false")
        return value

    def iso_date(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        text = self.string(value, where)
        try:
            date.fromisoformat(text[:10])
        except ValueError:
            raise self.fail(where, f"{text!r} is not an ISO date (YYYY-MM-DD)") from None
        return text

    def cameo_codes(self, value: Any, where: str) -> tuple[str, ...]:
        codes = self.strings(value, where)
        known = _known_cameo_codes()
        for index, code in enumerate(codes):
            if not _CAMEO_CODE.match(code) or (known and code not in known):
                raise self.fail(
                    f"{where}[{index}]", f"{code!r} is not a CAMEO code (2 to 4 digits, as a string, in the codebook)"
                )
        return codes

    def actor_refs(self, value: Any, where: str) -> tuple[str, ...] | None:
        if value is None:
            return None
        return self.strings(value, where)

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        return value


def _parse_input(line: _Line, value: Any, gold_path: Path) -> GoldInput:
    raw = line.obj(value, "input", _INPUT_FIELDS)
    if ("path" in raw) == ("text" in raw):
        raise line.fail("input", "needs exactly one of 'path' or 'text'")
    path = None
    if "path" in raw:
        path = (gold_path.parent / line.string(raw["path"], "input.path")).resolve()
    text = line.string(raw["text"], "input.text") if "text" in raw else None
    authors = tuple(_parse_authors(line, raw.get("authors", []), "input.authors"))
    return GoldInput(
        path=path,
        text=text,
        url=line.string(raw.get("url"), "input.url", nullable=True),
        title=line.string(raw.get("title"), "input.title", nullable=True),
        site=line.string(raw.get("site"), "input.site", nullable=True),
        authors=authors,
        published=line.iso_date(raw.get("published"), "input.published"),
    )


def _parse_authors(line: _Line, value: Any, where: str) -> list[tuple[str, str | None]]:
    authors = []
    for index, author in enumerate(line.items(value, where)):
        entry = line.obj(author, f"{where}[{index}]", {"name", "role"}, ("name",))
        authors.append(
            (
                line.string(entry["name"], f"{where}[{index}].name"),
                line.string(entry.get("role"), f"{where}[{index}].role", nullable=True),
            )
        )
    return authors


def _parse_metadata(line: _Line, value: Any) -> dict[str, Any]:
    raw = line.obj(value, "metadata", set(METADATA_FIELDS))
    metadata: dict[str, Any] = {}
    for name, item in raw.items():
        where = f"metadata.{name}"
        if name == "authors":
            metadata[name] = tuple(_parse_authors(line, item, where))
        elif name == "published":
            metadata[name] = line.iso_date(item, where)
        else:
            metadata[name] = line.string(item, where, nullable=True)
    return metadata


def _parse_actor(line: _Line, value: Any, where: str) -> GoldActor:
    raw = line.obj(value, where, _ACTOR_FIELDS, ("name",))
    country = line.string(raw.get("country"), f"{where}.country", nullable=True)
    if country is not None and not _COUNTRY_CODE.match(country):
        raise line.fail(f"{where}.country", f"{country!r} is not an ISO 3166-1 alpha-3 code")
    return GoldActor(
        names=line.strings(raw["name"], f"{where}.name"),
        type=line.choice(raw["type"], f"{where}.type", ACTOR_TYPES) if raw.get("type") is not None else None,
        country=country,
        codes=line.strings(raw["code"], f"{where}.code") if raw.get("code") is not None else (),
        optional=line.boolean(raw.get("optional"), f"{where}.optional"),
    )


def _parse_quote(line: _Line, value: Any, where: str) -> GoldQuote:
    raw = line.obj(value, where, _QUOTE_FIELDS, ("text",))
    if "speaker" not in raw:
        raise line.fail(f"{where}.speaker", "is required (null when nobody is quoted)")
    return GoldQuote(
        text=line.string(raw["text"], f"{where}.text"),
        speaker=line.actor_refs(raw["speaker"], f"{where}.speaker"),
        kind=line.choice(raw["kind"], f"{where}.kind", QUOTE_KINDS) if raw.get("kind") is not None else None,
        optional=line.boolean(raw.get("optional"), f"{where}.optional"),
    )


def _parse_coding(line: _Line, raw: dict[str, Any], where: str) -> Coding:
    if not raw.get("cameo") and not raw.get("plover"):
        raise line.fail(f"{where}.cameo", "an event needs 'cameo' (codes) or 'plover' (category)")
    statuses = line.strings(raw.get("status", "asserted"), f"{where}.status")
    for index, status in enumerate(statuses):
        line.choice(status, f"{where}.status[{index}]", EVENT_STATUSES)
    plover = raw.get("plover")
    if plover is not None:
        line.choice(plover, f"{where}.plover", PLOVER_CATEGORIES)
    return Coding(
        cameo=line.cameo_codes(raw["cameo"], f"{where}.cameo") if raw.get("cameo") else (),
        plover=plover,
        plover_mode=line.string(raw.get("plover_mode"), f"{where}.plover_mode", nullable=True),
        statuses=statuses,
    )


def _parse_event(line: _Line, value: Any, where: str) -> GoldEvent:
    raw = line.obj(value, where, _EVENT_FIELDS)
    for side in ("source", "target"):
        if side not in raw:
            raise line.fail(f"{where}.{side}", "is required (null when it is not checked)")
    codings = [_parse_coding(line, raw, where)]
    for index, alternative in enumerate(line.items(raw.get("alternatives", []), f"{where}.alternatives")):
        inner = f"{where}.alternatives[{index}]"
        codings.append(_parse_coding(line, line.obj(alternative, inner, _CODING_FIELDS), inner))
    return GoldEvent(
        source=line.actor_refs(raw["source"], f"{where}.source"),
        target=line.actor_refs(raw["target"], f"{where}.target"),
        codings=tuple(codings),
        date=line.iso_date(raw.get("date"), f"{where}.date"),
        optional=line.boolean(raw.get("optional"), f"{where}.optional"),
        note=raw.get("note") or "",
    )


def _parse_forbidden(line: _Line, value: Any, where: str) -> ForbiddenEvent:
    raw = line.obj(value, where, _FORBIDDEN_FIELDS)
    if not raw.get("cameo") and not raw.get("plover"):
        raise line.fail(f"{where}.cameo", "a forbidden event needs 'cameo' (code prefixes) or 'plover'")
    statuses = line.strings(raw.get("status", list(DEFAULT_FORBIDDEN_STATUSES)), f"{where}.status")
    for index, status in enumerate(statuses):
        line.choice(status, f"{where}.status[{index}]", EVENT_STATUSES)
    if raw.get("plover") is not None:
        line.choice(raw["plover"], f"{where}.plover", PLOVER_CATEGORIES)
    return ForbiddenEvent(
        source=line.actor_refs(raw.get("source"), f"{where}.source"),
        target=line.actor_refs(raw.get("target"), f"{where}.target"),
        cameo_prefixes=line.cameo_codes(raw["cameo"], f"{where}.cameo") if raw.get("cameo") else (),
        plover=raw.get("plover"),
        statuses=statuses,
        note=raw.get("note") or "",
    )


def parse_item(value: Any, path: Path, number: int) -> GoldItem:
    """One gold line, already decoded from JSON, validated into a :class:`GoldItem`."""
    line = _Line(path, number)
    raw = line.obj(value, "", _ITEM_FIELDS, ("id", "input"))

    def layer(name: str, parse):
        if name not in raw:
            return None
        return tuple(parse(line, item, f"{name}[{index}]") for index, item in enumerate(line.items(raw[name], name)))

    constructions = line.strings(raw["constructions"], "constructions") if raw.get("constructions") else ()
    return GoldItem(
        id=line.string(raw["id"], "id"),
        line=number,
        input=_parse_input(line, raw["input"], path),
        constructions=constructions,
        metadata=_parse_metadata(line, raw["metadata"]) if "metadata" in raw else {},
        actors=layer("actors", _parse_actor),
        quotes=layer("quotes", _parse_quote),
        events=layer("events", _parse_event),
        forbidden_events=layer("forbidden_events", _parse_forbidden) or (),
    )


def load_gold(path: str | Path) -> list[GoldItem]:
    """Every item of a gold file; raises :class:`GoldFormatError` at the first invalid line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GoldFormatError(path, 0, "", f"cannot read the gold file ({error})") from error
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    for number, content in enumerate(text.splitlines(), start=1):
        if not content.strip() or content.lstrip().startswith("//"):
            continue
        try:
            value = json.loads(content)
        except json.JSONDecodeError as error:
            raise GoldFormatError(path, number, "", f"invalid JSON ({error.msg} at column {error.colno})") from None
        item = parse_item(value, path, number)
        if item.id in seen:
            raise GoldFormatError(path, number, "id", f"duplicate id {item.id!r} (first on line {seen[item.id]})")
        seen[item.id] = number
        if item.input.path is not None and not item.input.path.exists():
            raise GoldFormatError(path, number, "input.path", f"no such file: {item.input.path}")
        items.append(item)
    if not items:
        raise GoldFormatError(path, 0, "", "no gold items in the file")
    return items
