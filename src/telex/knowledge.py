"""One way in for everything telex knows before it reads an article: the data files.

Actors, speech cues, event triggers, modality cues, argument words, grammar words, boilerplate
patterns, date words and the CAMEO code table are YAML or TSV files that analysts edit. They are
all read through :class:`Knowledge`, which

- finds a resource in every *layer*: the packaged ``telex/data/`` folder, then the folders of
  ``$TELEX_KNOWLEDGE`` (``os.pathsep``-separated), then folders given in code. An analyst's folder
  mirrors ``data/`` (``actors/people/mine.yaml``, ``quotes/cues_fr.yaml``...); each resource's
  loader says how a later layer's entries combine with earlier ones;
- parses YAML safely (dates stay text, so a bad date is reported with its file and entry) and
  reports every problem in one form: ``file: entry, field 'x': problem``;
- compiles each resource once per process and keeps the expensive ones compiled on disk, keyed by
  the fingerprint, so a CLI query does not re-validate 1,500 people each time;
- hashes, for the pipeline fingerprint, exactly the files its resources cover: ``telex
  reprocess`` re-runs what a change of knowledge would change, and nothing drifts.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from telex.errors import KnowledgeError

ENV_VAR = "TELEX_KNOWLEDGE"
CACHE_ENV_VAR = "TELEX_CACHE_DIR"

# Every data file telex reads, by resource; "{lang}" stands for a language code. A loader may only
# read files these patterns cover (checked), and the fingerprint hashes every file they cover.
RESOURCES: Mapping[str, tuple[str, ...]] = {
    "actors": (
        "actors/countries.yaml",
        "actors/organizations.yaml",
        "actors/organizations/*.yaml",
        "actors/roles.yaml",
        "actors/people/*.yaml",
    ),
    "actor-words": ("actors/resolution_{lang}.yaml",),
    "first-names": ("actors/first_names.tsv",),
    "places": ("actors/places.tsv",),
    "cues": ("quotes/cues_{lang}.yaml",),
    "triggers": ("events/{lang}/*.yaml",),
    "modality": ("events/modality_{lang}.yaml",),
    "arguments": ("events/arguments_{lang}.yaml",),
    "event-coding": ("events/coding.yaml",),
    "grammar": ("lang/{lang}.yaml",),
    "boilerplate": ("clean/boilerplate.yaml",),
    "dates": ("clean/dates.yaml",),
    "codebook": ("codes/cameo.tsv",),
}
# Build inputs kept beside the data for provenance: never read at run time, not fingerprinted.
BUILD_INPUTS = ("codes/CAMEO.goldsteinscale.txt",)

T = TypeVar("T")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, but dates stay text: a bad date is then reported with its file and entry."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# --- one way to report a problem ---------------------------------------------------------------


def problem(source: str | Path, entry: str | None, field: str | None, message: str) -> KnowledgeError:
    """The one form of every knowledge error: ``file: entry, field 'x': problem``.

    ``source`` is a file (its name is enough for packaged files, the full path for analysts').
    """
    where = str(source)
    if entry:
        where += f": {entry}"
    if field:
        where += f", field {field!r}"
    return KnowledgeError(f"{where}: {message}")


def check_keys(data: Mapping[str, Any], allowed: Iterable[str], source: str | Path, entry: str | None) -> None:
    """Reject keys a schema does not know: a typo ("taget") must not pass silently."""
    allowed = frozenset(allowed)
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise problem(source, entry, unknown[0], f"unknown key (allowed: {', '.join(sorted(allowed))})")


def parse_yaml(text: str, source: str | Path) -> Any:
    """YAML read safely, dates kept as text; a syntax error names the file."""
    try:
        return yaml.load(text, Loader=_Loader)
    except (yaml.YAMLError, ValueError) as error:
        raise problem(source, None, None, f"invalid YAML ({' '.join(str(error).split())})") from None


def read_yaml_file(path: Path) -> Any:
    """An analyst's single file, read the same way as layered resources (for ``load_x(path=...)``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise problem(path, None, None, f"cannot read ({error})") from None
    return parse_yaml(text, path)


def string_list(value: Any, source: str | Path, entry: str | None, field: str) -> tuple[str, ...]:
    """A list of non-empty strings, lower-cased duplicates kept once in order."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        hint = ""
        if isinstance(value, list) and any(isinstance(item, bool | int | float) for item in value):
            hint = ' (quote words YAML reads as booleans or numbers: "on", "no", "y", "1")'
        raise problem(source, entry, field, "expected a list of non-empty strings" + hint)
    return tuple(dict.fromkeys(item.strip() for item in value))


def deep_merge(base: Any, overlay: Any) -> Any:
    """A later layer over an earlier one: mappings merge key by key, lists add their new items,
    anything else is replaced. How settings-like files (boilerplate, dates, grammar words) layer."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = deep_merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(overlay, list):
        return base + [item for item in overlay if item not in base]
    return overlay


# --- the layers ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DataFile:
    """One file of one layer: ``relative`` is its path inside the layer ("quotes/cues_fr.yaml")."""

    path: Path
    relative: str
    layer: int  # 0: packaged data; 1...: analysts' folders in order

    @property
    def label(self) -> str:
        """How errors name it: the relative path for packaged files, the full path for analysts'."""
        return self.relative if self.layer == 0 else str(self.path)


def packaged_data_folder() -> Path:
    return Path(str(resources.files("telex") / "data"))


def _pattern_of(resource: str, lang: str | None) -> list[str]:
    patterns = RESOURCES[resource]
    return [p.replace("{lang}", lang if lang is not None else "*") for p in patterns]


class Knowledge:
    """The layered data folders, and every resource compiled from them (once per instance)."""

    def __init__(self, folders: Iterable[str | Path] = (), *, data_folder: Path | None = None) -> None:
        """``folders``: analysts' folders over the packaged data; ``data_folder`` replaces the packaged
        data itself (a copy under test, or a fork's own data)."""
        extra = [Path(folder).resolve() for folder in folders]
        for folder in extra:
            if not folder.is_dir():
                raise problem(folder, None, None, f"knowledge folder not found (from {ENV_VAR} or configuration)")
        self.layers: tuple[Path, ...] = (data_folder or packaged_data_folder(), *extra)
        self.files_read: set[Path] = set()
        self._compiled: dict[tuple, Any] = {}
        self._fingerprint: str | None = None

    def __repr__(self) -> str:
        return f"Knowledge(layers={[str(layer) for layer in self.layers]})"

    @classmethod
    def default(cls) -> Knowledge:
        """The packaged data with ``$TELEX_KNOWLEDGE`` on top: one instance per value of the variable."""
        return _default_knowledge(os.environ.get(ENV_VAR, ""))

    def with_folders(self, folders: Iterable[str | Path]) -> Knowledge:
        """These layers plus more analysts' folders on top (a component's ``knowledge`` config)."""
        folders = list(folders)
        return Knowledge([*self.layers[1:], *folders], data_folder=self.layers[0]) if folders else self

    # --- finding and reading files --------------------------------------------------------

    def files(self, resource: str, lang: str | None = None) -> list[DataFile]:
        """The files of ``resource`` in every layer, packaged first, each layer's files sorted."""
        found: list[DataFile] = []
        for index, layer in enumerate(self.layers):
            for pattern in _pattern_of(resource, lang):
                wildcard = any(c in pattern for c in "*?[")
                paths = sorted(layer.glob(pattern)) if wildcard else [layer / pattern]
                for path in paths:
                    if path.is_file():
                        found.append(DataFile(path, path.relative_to(layer).as_posix(), index))
        return found

    def yaml_files(self, resource: str, lang: str | None = None) -> list[tuple[DataFile, Any]]:
        """Every file of ``resource`` parsed, in layer order."""
        return [(file, parse_yaml(self._read(file, resource), file.label)) for file in self.files(resource, lang)]

    def merged_yaml(self, resource: str, lang: str | None = None) -> tuple[Any, str]:
        """A settings-like resource with later layers merged over the packaged file (:func:`deep_merge`),
        and the label of the packaged file for error messages."""
        parsed = self.yaml_files(resource, lang)
        if not parsed or parsed[0][0].layer != 0:
            raise problem(_pattern_of(resource, lang)[0], None, None, "packaged data file is missing")
        data = parsed[0][1]
        for _file, overlay in parsed[1:]:
            data = deep_merge(data, overlay)
        label = parsed[0][0].label if len(parsed) == 1 else " + ".join(file.label for file, _ in parsed)
        return data, label

    def text_files(self, resource: str, lang: str | None = None) -> list[tuple[DataFile, str]]:
        return [(file, self._read(file, resource)) for file in self.files(resource, lang)]

    def _read(self, file: DataFile, resource: str) -> str:
        if not any(fnmatch(file.relative, pattern) for pattern in _pattern_of(resource, None)):
            raise RuntimeError(f"{file.relative} is not a file of resource {resource!r}")  # a defect of ours
        try:
            text = file.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise problem(file.label, None, None, f"cannot read ({error})") from None
        self.files_read.add(file.path)
        return text

    def languages(self) -> list[str]:
        """The languages telex has grammar words for: one ``lang/<code>.yaml`` each."""
        return sorted({Path(file.relative).stem for file in self.files("grammar")})

    # --- compiled resources ---------------------------------------------------------------

    def compiled(self, key: tuple, build: Callable[[], T], *, on_disk: bool = False) -> T:
        """``build()`` once per instance and key; with ``on_disk`` also kept in the cache folder under
        the fingerprint and the builder's own source, so neither a data nor a code change is missed."""
        if key in self._compiled:
            return self._compiled[key]
        value = self._from_disk(key, build) if on_disk else build()
        self._compiled[key] = value
        return value

    def _from_disk(self, key: tuple, build: Callable[[], T]) -> T:
        folder = cache_folder()
        if folder is None:
            return build()
        code = hashlib.sha256(_source_of(build)).hexdigest()[:12]
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", "-".join(map(str, key)))
        path = folder / f"{name}-{self.fingerprint().split('+')[-1]}-{code}.pickle"
        try:
            with path.open("rb") as stream:
                value = pickle.load(stream)  # our own file in the user's cache folder
            self._note_reads(key)
            return value
        except FileNotFoundError:
            pass
        except Exception:  # a cache from another Python or a half-written file: rebuild it
            path.unlink(missing_ok=True)
        value = build()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(stream.name, path)
        except OSError:
            pass  # a read-only home: work without the cache
        return value

    def _note_reads(self, key: tuple) -> None:
        """A value from the disk cache stands for the files its resource would have read."""
        resource = key[0]
        lang = key[1] if len(key) > 1 and isinstance(key[1], str) else None
        if resource in RESOURCES:
            self.files_read.update(file.path for file in self.files(resource, lang))

    # --- the fingerprint ------------------------------------------------------------------

    def all_files(self) -> list[DataFile]:
        """Every file any resource covers, in every language and layer: what the fingerprint hashes."""
        found: dict[Path, DataFile] = {}
        for resource in RESOURCES:
            for file in self.files(resource):
                found.setdefault(file.path, file)
        return sorted(found.values(), key=lambda f: (f.layer, f.relative))

    def fingerprint(self) -> str:
        """telex's version and a hash of every knowledge file (name and bytes, per layer)."""
        if self._fingerprint is None:
            import telex

            digest = hashlib.sha256(telex.__version__.encode())
            for file in self.all_files():
                digest.update(f"{file.layer}:{file.relative}\0".encode())
                digest.update(file.path.read_bytes())
                digest.update(b"\0")
            self._fingerprint = f"{telex.__version__}+{digest.hexdigest()[:12]}"
        return self._fingerprint

    def load_everything(self) -> None:
        """Compile every resource in every language: validates all files (tests, ``telex check``)."""
        from telex.actors.gazetteer import listed_places
        from telex.actors.knowledge import load_actor_words, load_knowledge
        from telex.actors.names import load_first_names
        from telex.clean.boilerplate import load_boilerplate_rules
        from telex.clean.dates import load_date_words
        from telex.events.codebook import load_codebook
        from telex.events.coding import load_coding_rules
        from telex.events.dictionary import load_arguments, load_event_dictionary, load_modality
        from telex.nlp.grammar import load_grammar
        from telex.quotes.lexicon import load_cues

        load_knowledge(knowledge=self)
        load_first_names(knowledge=self)
        listed_places(knowledge=self)
        load_codebook(knowledge=self)
        load_coding_rules(knowledge=self)
        load_boilerplate_rules(knowledge=self)
        load_date_words(knowledge=self)
        for lang in self.languages():
            load_grammar(lang, knowledge=self)
            load_actor_words(lang, knowledge=self)
            load_cues(lang, knowledge=self)
            load_event_dictionary(lang, knowledge=self)
            load_modality(lang, knowledge=self)
            load_arguments(lang, knowledge=self)


@cache
def _default_knowledge(variable: str) -> Knowledge:
    return Knowledge(folder for folder in variable.split(os.pathsep) if folder.strip())


def default_knowledge(knowledge: Knowledge | None = None) -> Knowledge:
    """``knowledge`` when given, else the process-wide default (packaged data + $TELEX_KNOWLEDGE)."""
    return knowledge if knowledge is not None else Knowledge.default()


def pipeline_fingerprint() -> str:
    """What produced an analysis: telex's version and every knowledge file the stages read. Stored
    with each analysis; `telex reprocess` re-runs the articles whose fingerprint differs."""
    return Knowledge.default().fingerprint()


def cache_folder() -> Path | None:
    """Where compiled knowledge is kept: ``$TELEX_CACHE_DIR``, else the user's cache folder; None
    when set to an empty value (no disk cache)."""
    configured = os.environ.get(CACHE_ENV_VAR)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "telex"


def _source_of(build: Callable[..., Any]) -> bytes:
    """The source of the module that builds a value: a changed builder invalidates its cache."""
    target = inspect.unwrap(build)
    module = inspect.getmodule(target)
    try:
        return inspect.getsource(module).encode() if module is not None else b""
    except (OSError, TypeError):
        return b""


def iter_entries(data: Any, source: str | Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(number, entry)`` for a YAML list of mappings; anything else is reported with its position."""
    if data is None:
        return
    if not isinstance(data, list):
        raise problem(source, None, None, f"expected a list of {what}, got {type(data).__name__}")
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            raise problem(source, f"{what} {number}", None, "expected a mapping")
        yield number, entry
