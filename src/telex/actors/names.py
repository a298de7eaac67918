"""First names and their gender: what coreference checks agreement with ("a-t-elle ajouté" cannot
refer to "Joe Biden").

The list is data (``data/actors/first_names.tsv``, telex's own, MIT); this module reads and validates
it through the knowledge loader and answers one question, :meth:`FirstNames.gender_of`: the gender a
person's name shows, from its given name. Names are compared folded (case, accents, hyphens and
spaces inside a name), so two rows that fold the same must agree on the gender.

An analyst's ``actors/first_names.tsv`` in a ``$TELEX_KNOWLEDGE`` folder replaces the packaged rows
of the same (folded) name and adds the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from telex.clean.normalize import CHARACTER_REPLACEMENTS, fold
from telex.errors import KnowledgeError
from telex.knowledge import Knowledge, default_knowledge, problem

RESOURCE = "first-names"
FIRST_NAMES_FILE = "actors/first_names.tsv"
MASC, FEM, ANY = "masc", "fem", "any"
GENDERS = (MASC, FEM, ANY)
REQUIRED_COLUMNS = ("name", "gender")
COLUMNS = ("name", "gender", "region", "note")
# fmt: off
REGIONS = frozenset({
    "fr", "en", "celtic", "de", "nl", "nordic", "it", "el", "es", "pt", "slavic", "eu-east", "caucasus",
    "ar", "fa", "turkic", "he", "africa", "zh", "ko", "ja", "vi", "km", "in", "sea",
})
# fmt: on
# Where the press writes the given name after the family name ("Kim Jong-un", "Xi Jinping").
FAMILY_NAME_FIRST = frozenset({"zh", "ko", "vi", "km"})
# Japanese names come in both orders ("Shinzo Abe", "Kishida Fumio").
EITHER_ORDER = frozenset({"ja"})
# Longest given name looked up, in words ("Aung San Suu Kyi").
MAX_WORDS = 4

# Titles before a name, folded and without their dot: the gender they show, or None.
# fmt: off
HONORIFICS: dict[str, str | None] = {
    **dict.fromkeys((
        "m", "mm", "monsieur", "messieurs", "mr", "mister", "sir", "lord", "herr", "senor", "signor",
        "roi", "king", "prince", "emir", "imam", "ayatollah", "mollah", "mullah", "pape", "pope", "mgr",
        "monseigneur", "hadj", "hadji", "haj", "hajj", "elhadj", "el-hadj",
    ), MASC),
    **dict.fromkeys((
        "mme", "mmes", "madame", "mesdames", "mlle", "mlles", "mademoiselle", "mrs", "ms", "miss", "dame",
        "lady", "frau", "senora", "senorita", "signora", "reine", "queen", "princesse", "princess",
        "sheikha", "cheikha", "begum", "daw", "hadja",
    ), FEM),
    **dict.fromkeys((
        "dr", "docteur", "doctor", "pr", "prof", "professeur", "professor", "me", "maitre", "sheikh",
        "shaikh", "hon", "rev",
    )),
}
# Family-name particles that may open what is left once titles are set aside ("de Villepin").
PARTICLES = frozenset({
    "de", "du", "des", "d", "da", "das", "do", "dos", "di", "del", "della", "van", "von", "der", "den",
    "ter", "ten", "le", "la", "les", "el", "ul",
})
# fmt: on
PARTICLE_PREFIXES = ("al-", "el-", "ash-", "d'", "l'")
_INITIALS = re.compile(r"^[^\W\d_]\.?$|^(?:[^\W\d_]\.-?)+$")  # "J.", "J.D.", "J.-L."
_STRIP = "\"'“”«»‹›()[]{},;:!?"
_TYPOGRAPHY = str.maketrans(CHARACTER_REPLACEMENTS)  # non-breaking hyphens, curly apostrophes...
# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h"}
)


def name_key(name: str) -> str:
    """How names are compared: case and accents folded (``fold``), letters like ł and ı made plain,
    apostrophes dropped, and hyphens and spaces inside a name made one hyphen (Jong Un = Jong-un)."""
    folded = fold(name.translate(_TYPOGRAPHY)).translate(_UNDECOMPOSED).replace("'", "")
    return re.sub(r"[\s-]+", "-", folded).strip("-")


@dataclass(frozen=True, slots=True)
class FirstName:
    """One row of the list: a given name as written, its gender, where it is usual, and where it is
    listed (``file:line``)."""

    name: str
    gender: str
    regions: tuple[str, ...] = ()
    note: str | None = None
    source: str = ""

    @property
    def after_family_name(self) -> bool:
        """True for a given name the press may write after the family name (Korean, Chinese...)."""
        return any(region in FAMILY_NAME_FIRST or region in EITHER_ORDER for region in self.regions)

    @property
    def only_after_family_name(self) -> bool:
        """True when the name is usual only where the family name comes first: as the first word of a
        longer name it is then more likely a family name ("Lam" in "Lam Cheng")."""
        return bool(self.regions) and all(region in FAMILY_NAME_FIRST for region in self.regions)


class FirstNames:
    """Given names by folded name; every spelling of a name is kept (Frédéric, Frederic)."""

    def __init__(self, entries: dict[str, tuple[FirstName, ...]], source: str = FIRST_NAMES_FILE) -> None:
        self._entries = entries
        self.source = source

    def __len__(self) -> int:
        """The number of distinct (folded) names."""
        return len(self._entries)

    def __iter__(self) -> Iterator[FirstName]:
        for spellings in self._entries.values():
            yield from spellings

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name_key(name) in self._entries

    def get(self, given_name: str) -> FirstName | None:
        """The row of one given name ("Jean-Luc", "jong un"), None when it is not listed."""
        spellings = self._entries.get(name_key(given_name))
        return spellings[0] if spellings else None

    def gender_of(self, full_name: str) -> str | None:
        """``masc``, ``fem`` or ``any`` for a person's name, None when its given name is unknown.

        A gendered title decides ("Mme Borne"); other titles and family-name particles are set aside
        ("Dr", "Sheikh", "de", "al-"); then the given name is the longest listed name at the start
        ("Jean-Marie", "Aung San Suu Kyi"), else the first part of a hyphenated one ("Jean-Thierry"),
        unless an East Asian given name follows the family name ("Kim Jong-un", "Park Geun-hye").
        """
        gender, _entry = self._read(full_name)
        return gender

    def first_name_of(self, full_name: str) -> FirstName | None:
        """The row that decided :meth:`gender_of` (None when a title decided or nothing is known)."""
        return self._read(full_name)[1]

    def _read(self, full_name: str) -> tuple[str | None, FirstName | None]:
        words = _words(full_name)
        while words:
            word = words[0].casefold().rstrip(".")
            title = fold(word)
            if title in HONORIFICS and len(words) > 1:
                if HONORIFICS[title] is not None:
                    return HONORIFICS[title], None
            elif not (title in PARTICLES or title.startswith(PARTICLE_PREFIXES) or _INITIALS.match(words[0])):
                break
            words = words[1:]
        if not words:
            return None, None
        first, used = self._given_at_start(words)
        if first is not None and first.only_after_family_name and used < len(words):
            first = None  # "Lam Cheng": the first word is the family name
        after = self._given_after_family_name(words) if len(words) > 1 else None
        if after is not None and (first is None or first.gender == ANY or first.after_family_name):
            return after.gender, after
        if first is not None:
            return first.gender, first
        return None, None

    def _given_at_start(self, words: Sequence[str]) -> tuple[FirstName | None, int]:
        for count in range(min(MAX_WORDS, len(words)), 0, -1):
            entry = self.get(" ".join(words[:count]))
            if entry is not None:
                return entry, count
        head = words[0].split("-")[0]
        if head != words[0] and len(head) > 1:  # "Jean-Thierry", "Abdel-Ilah": the first part says it
            entry = self.get(head)
            if entry is not None and not entry.only_after_family_name:
                return entry, 1
        return None, 0

    def _given_after_family_name(self, words: Sequence[str]) -> FirstName | None:
        candidates = [" ".join(words[1:])]
        if len(words) > 2:
            candidates.append(words[-1])  # Vietnamese: the given name is the last word ("Pham Minh Chinh")
        for candidate in candidates:
            entry = self.get(candidate)
            if entry is not None and entry.after_family_name:
                return entry
        return None


def _words(full_name: str) -> list[str]:
    text = full_name.translate(_TYPOGRAPHY)
    return [word for word in (raw.strip(_STRIP) for raw in text.split()) if word and word != "-"]


# --- loading ----------------------------------------------------------------------------------


def load_first_names(knowledge: Knowledge | None = None) -> FirstNames:
    """The first names of the knowledge layers, compiled once per knowledge instance."""
    knowledge = default_knowledge(knowledge)
    return knowledge.compiled((RESOURCE,), lambda: _build(knowledge))


def parse_first_names(text: str, source: str) -> FirstNames:
    """One TSV read and validated on its own (tests, an analyst checking a file)."""
    return FirstNames(_parse_rows(text, source), source)


def _build(knowledge: Knowledge) -> FirstNames:
    files = knowledge.text_files(RESOURCE)
    if not files or files[0][0].layer != 0:
        raise problem(FIRST_NAMES_FILE, None, None, "packaged data file is missing")
    entries: dict[str, tuple[FirstName, ...]] = {}
    for file, text in files:
        entries.update(_parse_rows(text, file.label))  # a later layer replaces a name's rows
    label = " + ".join(file.label for file, _ in files)
    return FirstNames(entries, label)


def _parse_rows(text: str, source: str) -> dict[str, tuple[FirstName, ...]]:
    header: list[str] | None = None
    entries: dict[str, tuple[FirstName, ...]] = {}
    written: dict[str, FirstName] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{source}:{number}"
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            missing = [column for column in REQUIRED_COLUMNS if column not in header]
            if missing:
                raise problem(where, None, None, f"header lacks columns {', '.join(missing)}")
            unknown = [column for column in header if column not in COLUMNS]
            if unknown:
                raise problem(where, None, unknown[0], f"unknown column (allowed: {', '.join(COLUMNS)})")
            continue
        if len(cells) > len(header):
            raise problem(where, None, None, f"{len(cells)} cells where the header has {len(header)} columns")
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        entry = _parse_row(row, where)
        same = written.get(entry.name.casefold())
        if same is not None:
            raise problem(where, f"name {entry.name}", "name", f"listed twice (also {same.source})")
        key = name_key(entry.name)
        others = entries.get(key, ())
        if others and others[0].gender != entry.gender:
            other = others[0]
            raise problem(
                where,
                f"name {entry.name}",
                "gender",
                f"{entry.gender} conflicts with {other.name} ({other.gender}, {other.source}): "
                "names that fold the same must agree (use any, and say why in the note)",
            )
        written[entry.name.casefold()] = entry
        entries[key] = (*others, entry)
    if header is None:
        raise problem(source, None, None, "no header line")
    return entries


def _parse_row(row: dict[str, str], where: str) -> FirstName:
    name = " ".join(row["name"].split())

    def fail(field: str, message: str) -> KnowledgeError:
        return problem(where, f"name {name}" if name else None, field, message)

    if not name:
        raise fail("name", "empty")
    if not any(c.isalpha() for c in name) or any(c.isdigit() for c in name) or not name_key(name):
        raise fail("name", f"{name!r} is not a name")
    gender = row["gender"]
    if gender not in GENDERS:
        raise fail("gender", f"{gender!r} is not {', '.join(GENDERS[:-1])} or {GENDERS[-1]}")
    regions = tuple(row.get("region", "").split())
    unknown = [region for region in regions if region not in REGIONS]
    if unknown:
        raise fail("region", f"{unknown[0]!r} is not a region code (see the file's header)")
    return FirstName(name=name, gender=gender, regions=regions, note=row.get("note") or None, source=where)
