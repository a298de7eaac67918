"""Remove site furniture from scraped text, keeping bylines and site names as metadata.

Scraped pages mix the story with widgets ("Facebook Comments Box"), the site's name and the
byline. The patterns live in ``data/clean/boilerplate.yaml`` so analysts can add a site's
furniture without touching code; this module only applies them, line by line, and records
where each kept character came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from telex.clean.offsets import OffsetMap
from telex.knowledge import Knowledge, default_knowledge, problem, read_yaml_file
from telex.records import Author

RESOURCE = "boilerplate"


@dataclass(frozen=True, slots=True)
class BylinePattern:
    regex: re.Pattern[str]
    language: str


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Compiled furniture, byline and site patterns (see the data file for their meaning)."""

    max_line_length: int
    edge_lines: int
    furniture: tuple[tuple[str, re.Pattern[str]], ...]  # (category, pattern)
    bylines: tuple[BylinePattern, ...]
    name: re.Pattern[str]
    name_separators: re.Pattern[str]
    roles: frozenset[str]
    sites: tuple[re.Pattern[str], ...]
    heading_max_length: int = 100
    headings: tuple[re.Pattern[str], ...] = ()

    def is_heading(self, line: str) -> bool:
        """A section heading inside the body ("- Rebond en Chine -"), by the data's patterns."""
        line = line.strip()
        return 0 < len(line) <= self.heading_max_length and any(p.fullmatch(line) for p in self.headings)

    def furniture_category(self, line: str) -> str | None:
        if len(line) > self.max_line_length:
            return None
        for category, pattern in self.furniture:
            if pattern.fullmatch(line):
                return category
        return None

    def byline_authors(self, line: str) -> tuple[Author, ...]:
        """The authors a byline names, or ``()`` when the line is not a byline."""
        if len(line) > self.max_line_length:
            return ()
        for byline in self.bylines:
            match = byline.regex.fullmatch(line)
            if not match:
                continue
            groups = match.groupdict()
            if groups.get("names"):
                names = [n.strip() for n in self.name_separators.split(groups["names"]) if n.strip()]
                if names and all(self.name.fullmatch(n) for n in names):
                    return tuple(Author(n) for n in names)
                continue
            name, role = groups.get("name"), (groups.get("role") or "").strip() or None
            if name and self.name.fullmatch(name) and (role is None or role.casefold() in self.roles):
                return (Author(name.strip(), role),)
        return ()

    def site_name(self, line: str) -> str | None:
        for pattern in self.sites:
            match = pattern.fullmatch(line)
            if match:
                return match.group("site")
        return None


@dataclass(slots=True)
class StrippedText:
    """Article body without furniture, the metadata found in it, and the audit trail."""

    text: str
    offsets: OffsetMap
    site: str | None = None
    authors: tuple[Author, ...] = ()
    removed: list[tuple[str, str]] = field(default_factory=list)  # (category, line)


def _compile(pattern: str, where: str, field: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise problem(where, None, field, f"invalid regular expression {pattern!r}: {error}") from error


def _require(mapping: object, key: str, kind: type, where: str, parent: str = "") -> object:
    field = f"{parent}.{key}" if parent else key
    if not isinstance(mapping, dict) or key not in mapping:
        raise problem(where, None, field, "missing")
    value = mapping[key]
    if not isinstance(value, kind):
        raise problem(where, None, field, f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def parse_boilerplate_rules(data: object, where: str) -> BoilerplateRules:
    """Validate the loaded YAML and compile it; every error names the file and the entry."""
    max_line_length = _require(data, "max_line_length", int, where)
    edge_lines = _require(data, "edge_lines", int, where)
    furniture: list[tuple[str, re.Pattern[str]]] = []
    for category, by_language in _require(data, "furniture", dict, where).items():
        if not isinstance(by_language, dict):
            raise problem(where, None, f"furniture.{category}", "expected a mapping of languages")
        for language, patterns in by_language.items():
            if not isinstance(patterns, list):
                raise problem(where, None, f"furniture.{category}.{language}", "expected a list")
            for index, pattern in enumerate(patterns):
                place = f"furniture.{category}.{language}[{index}]"
                furniture.append((category, _compile(str(pattern), where, place)))
    bylines_data = _require(data, "bylines", dict, where)
    name_pattern = str(_require(bylines_data, "name", str, where, "bylines"))
    roles = [str(r) for r in _require(bylines_data, "roles", list, where, "bylines")]
    roles_alternation = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))
    bylines: list[BylinePattern] = []
    for language, patterns in _require(bylines_data, "patterns", dict, where, "bylines").items():
        for index, pattern in enumerate(patterns):
            expanded = str(pattern).replace("{name}", name_pattern).replace("{roles}", roles_alternation)
            place = f"bylines.patterns.{language}[{index}]"
            bylines.append(BylinePattern(_compile(expanded, where, place), language))
    sites = [
        _compile(str(p), where, f"sites.patterns[{i}]")
        for i, p in enumerate(_require(_require(data, "sites", dict, where), "patterns", list, where, "sites"))
    ]
    for index, site in enumerate(sites):
        if "site" not in site.groupindex:
            raise problem(where, None, f"sites.patterns[{index}]", "needs a (?P<site>...) group")
    headings_data = data.get("headings") or {"max_length": 100, "patterns": []}
    heading_max_length = _require(headings_data, "max_length", int, where, "headings")
    headings = tuple(
        _compile(str(p), where, f"headings.patterns[{i}]")
        for i, p in enumerate(_require(headings_data, "patterns", list, where, "headings"))
    )
    return BoilerplateRules(
        max_line_length=max_line_length,
        edge_lines=edge_lines,
        furniture=tuple(furniture),
        bylines=tuple(bylines),
        name=re.compile(name_pattern),  # case-sensitive: names are capitalised
        name_separators=_compile(
            str(_require(bylines_data, "name_separators", str, where, "bylines")), where, "bylines.name_separators"
        ),
        roles=frozenset(r.casefold() for r in roles),
        sites=tuple(sites),
        heading_max_length=heading_max_length,
        headings=headings,
    )


def load_boilerplate_rules(path: Path | None = None, knowledge: Knowledge | None = None) -> BoilerplateRules:
    """The rules of the knowledge layers (analysts' patterns added to the packaged ones, compiled
    once), or an analyst's own file alone when ``path`` is given."""
    if path is not None:
        return parse_boilerplate_rules(read_yaml_file(path), str(path))
    knowledge = default_knowledge(knowledge)
    return knowledge.compiled((RESOURCE,), lambda: parse_boilerplate_rules(*knowledge.merged_yaml(RESOURCE)))


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """Each line's start offset and its content without surrounding whitespace."""
    lines = []
    position = 0
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        leading = len(raw_line) - len(raw_line.lstrip())
        lines.append((position + leading, stripped))
        position += len(raw_line) + 1
    return lines


def strip_boilerplate(text: str, rules: BoilerplateRules | None = None) -> StrippedText:
    """Drop furniture lines; turn edge-of-document bylines and site names into metadata."""
    rules = rules or load_boilerplate_rules()
    lines = _lines_with_offsets(text)
    non_empty = [i for i, (_start, line) in enumerate(lines) if line]
    edge = set(non_empty[: rules.edge_lines]) | set(non_empty[-rules.edge_lines :])
    keep: list[bool] = []
    site: str | None = None
    authors: list[Author] = []
    removed: list[tuple[str, str]] = []
    for index, (_start, line) in enumerate(lines):
        if not line:
            keep.append(False)
            continue
        category = rules.furniture_category(line)
        if category is None and index in edge:
            found_authors = rules.byline_authors(line)
            if found_authors:
                authors.extend(a for a in found_authors if a not in authors)
                category = "byline"
            elif (found_site := rules.site_name(line)) is not None:
                site = site or found_site
                category = "site"
        if category is not None:
            removed.append((category, line))
        keep.append(category is None)

    offsets = OffsetMap()
    pieces: list[str] = []
    previous_kept: int | None = None
    for index, (start, line) in enumerate(lines):
        if not keep[index]:
            continue
        if previous_kept is not None:
            separator = "\n" if previous_kept == index - 1 else "\n\n"
            offsets.replace(start, 0, len(separator))
            pieces.append(separator)
        offsets.copy(start, len(line))
        pieces.append(line)
        previous_kept = index
    return StrippedText("".join(pieces), offsets, site, tuple(authors), removed)
