"""``telex_actors``: every mention of a person, country or organisation, resolved to one actor.

A spaCy component, so NLP users can ``nlp.add_pipe("telex_actors")`` and read
``doc._.telex_mentions`` / ``doc._.telex_actors``. It combines, in order of trust:

1. dictionary matches of the knowledge base (names, aliases, capitals, seats of power);
2. role phrases resolved to whoever held the role on the article's date ("le président
   russe", "le porte-parole du Kremlin", "le dirigeant de la RPDC");
3. demonyms used as nouns ("les Nord-Coréens" → the country, "le Nord-Coréen" → the salient
   North Korean person);
4. the statistical NER for everyone else, with within-document coreference of names
   ("Kim" after "Kim Jong-un"; an unknown person's canonical name is the longest form used).

The article date comes from ``doc._.telex_date`` (set before the pipeline runs); without it,
roles resolve on today's date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from telex.actors.gazetteer import country_code_of_place, listed_places
from telex.actors.knowledge import FORMER_SECTOR, KnowledgeBase, load_actor_words, load_knowledge
from telex.clean.dates import load_date_words
from telex.clean.normalize import fold
from telex.knowledge import Knowledge
from telex.nlp.blocks import in_heading
from telex.nlp.doccache import sentence_of
from telex.nlp.extensions import register_extensions
from telex.nlp.grammar import load_grammar
from telex.nlp.index import ByPosition, Intervals
from telex.records import Actor

PERSON, COUNTRY, ORGANIZATION, PLACE, GROUP = "person", "country", "organization", "place", "group"
APPOSED_PREFIX = "apposed:"  # a role phrase waiting for the unknown person named beside it
MINORITY_SECTOR = "CVL"  # a people living in another country is that country's civilians ("ethnic Albanians in Serbia")
AGENT_PREFIX = "agent:"  # role-noun index entries that name a sector ("l'armée russe"), not a post
INSTITUTION_PREFIX = "institution:"  # "le ministère chinois des Affaires étrangères"
GROUP_PREFIX = "group:"  # "les jihadistes", "des hommes armés": actors without a country
CASE_SENSITIVE = "="  # a group noun matched only as written ("républicains", not "Républicains")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention in the doc's own (normalised) text; ``actor`` is a key of ``doc._.telex_actors``."""

    start: int
    end: int
    text: str
    actor: str
    rule: str


@dataclass(slots=True)
class _Candidate:
    start: int  # token indices
    end: int
    actor: str | None
    rule: str
    priority: int
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    singular: bool = False
    person_name: bool = False
    extra: dict = field(default_factory=dict)


def _latest_of_sector(actors: dict[str, Actor], sector: str) -> str | None:
    """The latest country's agent of ``sector`` the article named ("les mercenaires russes"), which a
    bare agent noun of that sector takes up."""
    return next((key for key in reversed(actors) if actors[key].type == GROUP and key.endswith(sector)), None)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class ActorResolver:
    """Finds and resolves actor mentions; built once per pipeline (the matchers are the cost)."""

    def __init__(self, nlp: Language, name: str, knowledge: Knowledge | None = None) -> None:
        register_extensions()
        self.name = name
        self.language = nlp.lang
        self.kb: KnowledgeBase = load_knowledge(knowledge=knowledge)
        words = load_actor_words(self.language, knowledge)
        self.not_current = words.not_current
        self.singular_determiners = words.singular_determiners
        self.capitalised_demonyms = words.capitalised_demonyms
        self.role_country_from_sentence = words.role_country_from_sentence
        self.titles_over_dates = words.titles_over_dates
        self.role_links = words.role_links
        self.link_determiners = words.link_determiners
        self.place_links = words.place_links
        self.where_prepositions, self.where_verbs = words.where_prepositions, words.where_verbs
        self.media_platforms, self.medium_prepositions = words.media_platforms, words.medium_prepositions
        self.kin_nouns = words.kin_nouns
        self.minority_markers = words.minority_markers
        self.stance_prefixes = words.stance_prefixes
        self.listed_places = listed_places(knowledge)
        self.sent_abroad = words.sent_abroad
        self.not_actors = words.not_actors
        grammar = load_grammar(self.language, knowledge)
        self.articles = grammar.articles
        self.contractions = frozenset(grammar.contractions)  # "du", "au": a preposition with its article
        self.singular_possessives = grammar.singular_possessives
        self.where_pronouns = grammar.where_pronouns
        self.honorifics = frozenset(words.honorifics)
        dates = load_date_words(knowledge)
        self.date_words = frozenset(dates.month_numbers) | {
            fold(name) for names in dates.weekdays.values() for name in names
        }
        self._build_matchers(nlp)

    # --- set-up ---------------------------------------------------------------------------

    def _build_matchers(self, nlp: Language) -> None:
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.forms: dict[str, list] = {}
        self.folded_names: dict[str, str] = {}  # folded country/capital name → actor id, for NER fallbacks
        texts: dict[str, list] = {}
        for form in self.kb.surface_forms():
            if form.lang not in (None, self.language, "any") and form.kind != "capital":
                continue
            if form.kind == "demonym":
                continue
            texts.setdefault(form.text, []).append(form)
            if form.kind in ("name", "alias", "capital", "nickname"):
                folded = fold(form.text)
                self.folded_names.setdefault(folded, form.actor_id)
                article, _space, rest = folded.partition(" ")
                if rest and article in self.articles:  # "au Caire" → "Caire" → Le Caire
                    self.folded_names.setdefault(rest, form.actor_id)
        for text, forms in texts.items():
            key = f"form:{text}"
            self.forms[key] = forms
        for key, doc in zip(self.forms, nlp.tokenizer.pipe(t[5:] for t in self.forms), strict=True):
            self.names.add(key, [doc])
        self.demonyms: dict[str, str] = {}
        for form in self.kb.surface_forms():
            if form.kind == "demonym" and form.lang in (None, self.language, "any"):
                self.demonyms.setdefault(form.text.lower(), form.actor_id)
        self.iso3_of_iso2 = {
            actor.iso2: actor.id for actor in self.kb.actors.values() if actor.type == COUNTRY and actor.iso2
        }
        self.demonym_first_words = frozenset(demonym.split()[0] for demonym in self.demonyms)
        self.folded_demonyms = frozenset(fold(demonym) for demonym in self.demonyms)
        # role nouns and agent nouns, matched case-insensitively token by token
        self.role_nouns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, role in self.kb.role_nouns(self.language).items():
            tokens = tuple(t.lower_ for t in nlp.make_doc(phrase))
            self.role_nouns.setdefault(tokens[0], []).append((tokens, role))
        for noun, sector in self.kb.agent_nouns(self.language).items():
            tokens = tuple(t.lower_ for t in nlp.make_doc(noun))
            self.role_nouns.setdefault(tokens[0], []).append((tokens, f"{AGENT_PREFIX}{sector}"))
        for noun, institution in self.kb.institution_nouns(self.language).items():
            tokens = tuple(t.lower_ for t in nlp.make_doc(noun))
            self.role_nouns.setdefault(tokens[0], []).append((tokens, f"{INSTITUTION_PREFIX}{institution.key}"))
        self.institutions = {d.key: d for d in self.kb.institution_nouns(self.language).values()}
        self.groups = {d.key: d for d in self.kb.group_nouns(self.language).values()}
        # "jihadistes" is an agent noun (with a country, "les jihadistes maliens": MLIREB) and a group
        # noun (alone, "des jihadistes": the jihadists): the agent reading that finds no country falls back
        self.group_of_words = {
            tuple(t.lower_ for t in nlp.make_doc(noun)): group.key
            for noun, group in self.kb.group_nouns(self.language).items()
            if not group.case_sensitive
        }
        for noun, group in self.kb.group_nouns(self.language).items():
            if group.case_sensitive:
                tokens = tuple(t.text for t in nlp.make_doc(noun))
                self.role_nouns.setdefault(tokens[0].lower(), []).append(
                    (tokens, f"{GROUP_PREFIX}{CASE_SENSITIVE}{group.key}")
                )
            else:
                tokens = tuple(t.lower_ for t in nlp.make_doc(noun))
                self.role_nouns.setdefault(tokens[0], []).append((tokens, f"{GROUP_PREFIX}{group.key}"))
        for variants in self.role_nouns.values():
            variants.sort(key=lambda item: -len(item[0]))

    # --- the component --------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        on = doc._.telex_date or date.today()
        dictionary = self._dictionary_candidates(doc)
        roles = self._role_candidates(doc, dictionary)
        # role phrases may contain a country or seat ("porte-parole du Kremlin"): both are kept
        role_tokens = {i for r in roles for i in range(r.start, r.end)}
        ner = self._ner_candidates(doc)
        ner += self._titled_people(doc, ner)
        dictionary = _names_inside_longer_names(dictionary, ner, self.kb)
        others = dictionary + [
            c for c in self._demonym_candidates(doc) + ner if not role_tokens & set(range(c.start, c.end))
        ]
        others = _without_overlaps(others)
        self._peoples_where_they_live(doc, others, roles)
        # a role phrase that is exactly a name the knowledge base lists ("le ministère américain de
        # la Justice") is that name, not a second, generic institution
        named_spans = {(c.start, c.end) for c in others if c.actor is not None}
        roles = [r for r in roles if (r.start, r.end) not in named_spans or r.extra.get("coordinated")]
        # "US and British forces": the country coordinated before an agent noun is that agent
        coordinated = {(r.start, r.end) for r in roles if r.extra.get("coordinated")}
        others = [c for c in others if (c.start, c.end) not in coordinated]
        chosen = sorted(others + roles, key=lambda c: (c.start, -(c.end - c.start)))
        mentions, actors = self._resolve(doc, chosen, on)
        mentions = self._kin(doc, mentions, actors)
        doc._.telex_mentions = mentions
        doc._.telex_actors = actors
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _dictionary_candidates(self, doc: Doc) -> list[_Candidate]:
        found = []
        shared: list[tuple[int, int, list]] = []
        for match_id, start, end in self.names(doc):
            forms = self.forms[doc.vocab.strings[match_id]]
            if len({f.actor_id for f in forms}) > 1:  # an alias several actors share: decided below
                shared.append((start, end, forms))
                continue
            found.append(self._dictionary_candidate(start, end, forms[0]))
        if shared:
            countries = Counter(c.country for c in found if c.country)
            for start, end, forms in shared:
                form = self._by_the_articles_country(forms, countries)
                if form is not None:  # "le Sénat" in a story about the US Congress
                    found.append(self._dictionary_candidate(start, end, form))
        return found

    def _dictionary_candidate(self, start: int, end: int, form) -> _Candidate:
        actor = self.kb.actors[form.actor_id]
        candidate = _Candidate(start, end, form.actor_id, form.kind, priority=3, country=actor.country)
        if form.kind == "seat" and form.code:
            candidate.extra["code"] = form.code
        candidate.person_name = actor.type == PERSON
        return candidate

    def _by_the_articles_country(self, forms: list, countries: Counter):
        """Of the actors an alias names ("Sénat": France's, the United States'), the one of the
        country the article's unambiguous names belong to clearly most. When the article names
        none of their countries, the one the knowledge base does not mark ``ambiguous`` ("le Sénat
        a voté la loi": France's); when it names several equally, none (the context, NER and
        coreference, decide then)."""
        by_country: dict[str, object] = {}
        for form in forms:
            country = self.kb.actors[form.actor_id].country
            if country is None or by_country.get(country, form).actor_id != form.actor_id:
                return None  # an actor of no country, or two of one country: the alias says too little
            by_country.setdefault(country, form)
        ranked = sorted(by_country, key=lambda country: -countries[country])
        if len(ranked) < 2:
            return None
        if countries[ranked[0]] == 0:
            plain = [form for form in by_country.values() if not self.kb.actors[form.actor_id].ambiguous]
            return plain[0] if len(plain) == 1 else None
        return by_country[ranked[0]] if countries[ranked[0]] > countries[ranked[1]] else None

    def _role_candidates(self, doc: Doc, dictionary: list[_Candidate]) -> list[_Candidate]:
        by_start = {c.start: c for c in dictionary}
        found = []
        index = 0
        while index < len(doc):
            start = index
            match = self._match_role_noun(doc, index)
            leading_demonym = self._demonym_at(doc, index)
            qualifier = None  # "Nigerian junior foreign minister": one lowercase adjective between
            if match is None and leading_demonym is not None:  # English order: "the North Korean leader"
                match = self._match_role_noun(doc, leading_demonym[0])
                after = leading_demonym[0]
                if match is None and self.capitalised_demonyms and after < len(doc) and _qualifier(doc[after]):
                    match, qualifier = self._match_role_noun(doc, after + 1), doc[after].lower_
                if match is not None:
                    match = (match[0], match[1], match[2] or leading_demonym[1])
            if match is None:
                index += 1
                continue
            end, role, country = match
            organization = None
            if country is None and end < len(doc) and doc[end].lower_ in self.demonyms:
                country, end = self.demonyms[doc[end].lower_], end + 1
            elif (
                country is None
                and end + 1 < len(doc)
                and doc[end + 1].lower_ in self.demonyms
                and doc[end].lower_ not in self.demonyms
                and _qualifier(doc[end])
                and doc[end + 1].pos_ == "ADJ"
            ):  # French order: "le journaliste indépendant algérien", one qualifier between
                country, end = self.demonyms[doc[end + 1].lower_], end + 2
            elif country is None and end < len(doc) and doc[end].lower_ in self.role_links:
                position = end + 1
                if position < len(doc) and doc[position].lower_ in self.link_determiners:
                    position += 1
                linked = by_start.get(position)
                if linked is not None and linked.actor is not None:
                    linked_actor = self.kb.actors[linked.actor]
                    if linked_actor.type == COUNTRY:
                        country, end = linked.actor, linked.end
                    elif linked_actor.type in (ORGANIZATION, GROUP):
                        organization, end = linked.actor, linked.end
            abroad = doc[start:end].text.lower() in self.sent_abroad  # "the peacekeeping force in Lebanon"
            if country is None and organization is None and role.startswith(AGENT_PREFIX) and not abroad:
                country = self._country_they_are_in(doc, end, by_start)  # "Security forces in Guinea"
            if country is None and organization is None:
                country = self._possessor_country(doc, start, by_start)  # "Lebanon's new President"
            if country is None and organization is None and self.capitalised_demonyms:
                country = self._country_before(start, by_start)  # "U.S. Secretary of State"
            if country is None and organization is None:  # "porte-parole du Kremlin" as one role noun
                inside = [c for c in _starting_in(dictionary, index, end) if c.end <= end and c.actor]
                for candidate in inside:
                    if self.kb.actors[candidate.actor].type == COUNTRY:
                        country = candidate.actor
            before = doc[index - 1].lower_ if index > 0 else ""
            current = not {before.rstrip("-"), qualifier} & {w.rstrip("-") for w in self.not_current}
            candidate = _Candidate(start, end, None, "role", priority=2, country=country, role=role)
            candidate.extra.update(organization=organization, current=current)
            if leading_demonym is not None and role.startswith(AGENT_PREFIX):
                found += self._coordinated_agents(doc, start, role, by_start)
            found.append(candidate)
            index = end
        return found

    def _coordinated_agents(self, doc: Doc, start: int, role: str, by_start: dict[int, _Candidate]) -> list[_Candidate]:
        """ "Hungarian and Romanian officials", "U.S. and Russian negotiators": the nationalities
        coordinated before an agent noun name one agent each, of the same sector."""
        found = []
        position = start
        while position >= 2 and (doc[position - 1].pos_ == "CCONJ" or doc[position - 1].text == ","):
            first = position - 2
            named = next((c for c in by_start.values() if c.end == position - 1 and c.actor is not None), None)
            two_words = doc[position - 3 : position - 1].text.lower() if position >= 3 else ""
            if named is not None and self.kb.actors[named.actor].type == COUNTRY:
                first, country = named.start, named.actor
            elif two_words in self.demonyms:  # "Sierra Leonean and Liberian refugees"
                first, country = position - 3, self.demonyms[two_words]
            elif doc[first].lower_ in self.demonyms:
                country = self.demonyms[doc[first].lower_]
            else:
                break
            candidate = _Candidate(first, position - 1, None, "role", priority=2, country=country, role=role)
            candidate.extra.update(organization=None, current=True, coordinated=True)
            found.append(candidate)
            position = first
        return found

    def _country_they_are_in(self, doc: Doc, end: int, by_start: dict[int, _Candidate]) -> str | None:
        """ "Rebels in the Ivory Coast", "Demonstrators in Baghdad": agents named by where they are
        are that country's; the place stays a mention of its own."""
        if end >= len(doc) or doc[end].lower_ not in self.place_links:
            return None
        position = end + 1
        if position < len(doc) and doc[position].lower_ in self.link_determiners:
            position += 1
        linked = by_start.get(position)
        if linked is None or linked.actor is None:
            return None
        actor = self.kb.actors[linked.actor]
        return linked.actor if actor.type == COUNTRY else None

    def _peoples_where_they_live(self, doc: Doc, candidates: list[_Candidate], roles=()) -> None:
        """A people named by where it lives is of that country, as CAMEO codes ethnic groups ("ethnic
        Albanians in south Serbia", "the Albanians of southern Serbia": Serbia; "Bosnian Serbs":
        Bosnia): a plural demonym noun followed by a place link or a role link and a country (the
        place's adjectives between), or preceded by another country's demonym adjective."""
        by_start = {c.start: c for c in candidates}
        for candidate in candidates:
            if candidate.rule != "demonym" or candidate.singular:
                continue
            token = doc[candidate.start]
            if token.pos_ not in ("NOUN", "PROPN") or "Plur" not in token.morph.get("Number"):
                continue
            before = by_start.get(candidate.start - 1)
            if before is not None and before.rule == "demonym" and before.end == candidate.start:
                if before.country and before.country != candidate.country:
                    candidate.country = before.country  # "Bosnian Serbs"
                    candidate.extra["minority"] = True
                continue
            position = candidate.end
            if position >= len(doc) or doc[position].lower_ not in (*self.place_links, *self.role_links):
                continue
            position += 1
            while position < len(doc) and position - candidate.end <= 4 and position not in by_start:
                if doc[position].lower_ not in self.link_determiners and doc[position].pos_ not in ("ADJ", "NOUN"):
                    break
                position += 1
            linked = by_start.get(position)
            country = None if linked is None else (linked.actor if linked.actor is not None else linked.country)
            if country is not None and country in self.kb.actors and self.kb.actors[country].type == COUNTRY:
                candidate.country = country
                candidate.extra["minority"] = country != self.demonyms.get(token.lower_)
        # "ethnic Albanians demonstrated in Serbia", "ethnic Albanian guerrillas operating in Macedonia":
        # a minority is of the country its sentence places it in, the one its sentence names nearest
        for candidate in [*candidates, *roles]:
            marked = candidate.start > 0 and doc[candidate.start - 1].lower_ in self.minority_markers
            if not marked or candidate.rule not in ("demonym", "role") or candidate.country is None:
                continue
            own = self.demonyms.get(doc[candidate.start].lower_)
            if own is not None and candidate.country != own:
                continue  # already placed by a place link
            country = self._nearest_other_country(doc, candidate, candidates, own)
            if country is not None:
                candidate.country = country
                candidate.extra["minority"] = True

    def _nearest_other_country(
        self, doc: Doc, candidate: _Candidate, candidates: list[_Candidate], own: str | None
    ) -> str | None:
        sentence = sentence_of(doc[candidate.start])
        best: tuple[int, str] | None = None
        for other in candidates:
            if other is candidate or other.start < sentence.start or other.end > sentence.end:
                continue
            country = other.actor if other.actor is not None else other.country
            if country is None or country == own or country not in self.kb.actors:
                continue
            if self.kb.actors[country].type != COUNTRY:
                continue
            distance = min(abs(other.start - candidate.end), abs(candidate.start - other.end))
            if best is None or distance < best[0]:
                best = (distance, country)
        return best[1] if best is not None else None

    def _country_before(self, start: int, by_start: dict[int, _Candidate]) -> str | None:
        """English puts a country's name before a role noun as a modifier ("U.S. Secretary of State
        Warren Christopher", "Iraq President"): the country named right before the role."""
        for candidate in by_start.values():
            if candidate.end == start and candidate.actor is not None:
                return candidate.actor if self.kb.actors[candidate.actor].type == COUNTRY else None
        return None

    def _countryless_group(self, doc: Doc, candidate: _Candidate, chosen: list[_Candidate], sector: str) -> str | None:
        """The group an agent noun with no country stands for ("des hommes armés": armed men), if its
        sector is one of the knowledge base's countryless ones; "les médias" is too vague to be an
        actor without a country, "menaces terroristes" is an adjective."""
        if sector not in self.kb.countryless_sectors:
            return None
        words = doc[candidate.start : candidate.end]
        group = self.group_of_words.get(tuple(t.lower_ for t in words))
        if group is None or words.root.pos_ not in ("NOUN", "PROPN"):
            return None
        return None if self._organization_in_phrase(doc, candidate, chosen) else group

    def _organization_in_phrase(self, doc: Doc, candidate: _Candidate, chosen: list[_Candidate]) -> bool:
        """Does an organisation named inside the agent's own phrase say whose they are ("Militants
        loyal to Iraq's Al-Qaeda", "les combattants de l'EI")? Then they are no countryless group."""
        root = doc[candidate.start : candidate.end].root
        inside = {t.i for t in root.subtree} - set(range(candidate.start, candidate.end))
        for near in chosen:
            actor = self.kb.actors.get(near.actor) if near.actor is not None else None
            if actor is not None and actor.type in (ORGANIZATION, GROUP) and near.start in inside:
                return True
        return False

    def _country_of_place_around(self, doc: Doc, candidate: _Candidate, chosen: list[_Candidate]) -> str | None:
        """An agent named with the place where it is belongs to that place's country: after a place
        link ("the rebels in Darfur"), or, in English, before the noun ("Darfur rebels"): a city or
        region the knowledge base does not list, found by the gazetteer (countries are the role's
        own links, with their exceptions)."""
        around = []
        if self.capitalised_demonyms:
            around += [c for c in chosen if c.end == candidate.start and c is not candidate]
        position = candidate.end
        if position < len(doc) and doc[position].lower_ in self.place_links:
            position += 1
            if position < len(doc) and doc[position].lower_ in self.link_determiners:
                position += 1
            around += [c for c in chosen if c.start == position]
        for near in around:  # a country is the role's own link, with its exceptions ("the force in Lebanon")
            if near.actor is None and near.extra.get("kind") == PLACE:
                country = self._country_of_place(doc[near.start : near.end].text)
                if country is not None:
                    return country
        return None

    def _possessor_country(self, doc: Doc, start: int, by_start: dict[int, _Candidate]) -> str | None:
        """The country of a possessive before a role noun, adjectives between ("Lebanon's new
        President", "Iran's religious leader"): a possessive ending the language tags as such."""
        position = start - 1
        while position >= 0 and doc[position].pos_ == "ADJ" and start - position <= 2:
            position -= 1
        if position < 1 or doc[position].tag_ != "POS":
            return None
        for candidate in by_start.values():
            if candidate.end == position and candidate.actor is not None:
                actor = self.kb.actors[candidate.actor]
                return candidate.actor if actor.type == COUNTRY else None
        return None

    def _demonym_at(self, doc: Doc, index: int) -> tuple[int, str] | None:
        """A demonym of one or two words starting at ``index`` ("russe", "North Korean")."""
        if doc[index].lower_ not in self.demonym_first_words:
            return None
        for length in (2, 1):
            if index + length <= len(doc):
                words = doc[index : index + length].text.lower()
                if words in self.demonyms:
                    return index + length, self.demonyms[words]
        return None

    def _match_role_noun(self, doc: Doc, index: int) -> tuple[int, str, str | None] | None:
        """A role noun starting at ``index``, allowing one demonym inside it ("ministre russe
        des Affaires étrangères"): (end, role, country of the inserted demonym)."""
        if index >= len(doc):
            return None
        for tokens, role in self.role_nouns.get(doc[index].lower_, ()):
            position, inserted = index, None
            matched = 0
            exact = role.startswith(f"{GROUP_PREFIX}{CASE_SENSITIVE}")
            while matched < len(tokens) and position < len(doc):
                word = doc[position].text if exact else doc[position].lower_
                if word == tokens[matched]:
                    matched += 1
                    position += 1
                elif inserted is None and matched > 0 and word in self.demonyms:
                    inserted = self.demonyms[word]
                    position += 1
                else:
                    break
            if matched == len(tokens):
                return position, role, inserted
        return None

    def _demonym_candidates(self, doc: Doc) -> list[_Candidate]:
        found = []
        for token in doc:
            if token.lower_ not in self.demonyms or not token.text[:1].isupper():
                continue
            if token.i == sentence_of(token).start and token.pos_ == "ADJ" and not self.capitalised_demonyms:
                continue  # "Russes et Américains..." at sentence start stays ambiguous only if adjective
            previous = doc[token.i - 1].lower_ if token.i > 0 else ""
            if previous == "-" and token.i > 1 and doc[token.i - 2].lower_ in self.stance_prefixes:
                continue  # "the pro-Iranian Hizbollah": a stance, not Iran
            singular = previous in self.singular_determiners and "Plur" not in token.morph.get("Number")
            candidate = _Candidate(
                token.i,
                token.i + 1,
                None,
                "demonym",
                priority=2,
                country=self.demonyms[token.lower_],
                singular=singular,
            )
            found.append(candidate)
        return found

    def _titled_people(self, doc: Doc, ner: list[_Candidate]) -> list[_Candidate]:
        """ "Me Nouredine Benissad", "M. Ashoori", "Dr Tedros": a title before capitalised names
        names a person, where the NER missed it or glued it to its neighbours ("AFP Me …" as MISC)."""
        taken = {i for c in ner for i in range(c.start, c.end)}
        found = []
        for token in doc:
            title = token.lower_
            if title not in self.honorifics or not token.text[:1].isupper() or token.i + 1 >= len(doc):
                continue
            start = token.i + 1
            if doc[start].text == "." and f"{title}." in self.honorifics:
                start += 1  # "M ." tokenised apart
            end = start
            while end < len(doc) and end - start < 4 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            if end == start or taken & set(range(start, end)) or in_heading(doc, doc[start].idx):
                continue
            candidate = _Candidate(start, end, None, "titled", priority=1, person_name=True)
            candidate.extra["kind"] = PERSON
            found.append(candidate)
        return found

    def _ner_candidates(self, doc: Doc) -> list[_Candidate]:
        found = []
        for entity in doc.ents:
            if entity.label_ not in ("PER", "ORG", "LOC"):
                continue
            span = _trim(entity)
            while entity.label_ == "PER" and span is not None and len(span) > 1 and span[0].lower_ in self.honorifics:
                span = span[1:]  # "Me Benissad", "Dr Tedros": the person is named without the title
            if span is None or span.text.lower() in self.not_actors or not any(c.isupper() for c in span.text):
                continue
            if len(span) == 1 and span[0].lower_ in self.role_nouns:
                continue
            if in_heading(doc, span.start_char) or self._capitalised_word(span):
                continue
            folded = fold(span.text)
            known = self.folded_names.get(folded) or self.folded_names.get(folded.strip("-"))
            if known is None and entity.label_ == "LOC" and not self._place_name(span):
                continue
            if known is not None:
                found.append(
                    _Candidate(
                        span.start,
                        span.end,
                        known,
                        "name-folded",
                        priority=1,
                        country=self.kb.actors[known].country,
                        person_name=self.kb.actors[known].type == PERSON,
                    )
                )
                continue
            kind = {"PER": PERSON, "ORG": ORGANIZATION, "LOC": PLACE}[entity.label_]
            candidate = _Candidate(span.start, span.end, None, "ner", priority=1, person_name=kind == PERSON)
            candidate.extra["kind"] = kind
            found.append(candidate)
        return found

    def _place_name(self, span: Span) -> bool:
        """Whether an unknown LOC is a place's name: a proper noun or an unknown word in it ("État
        américain", "Départements" are common words only), not a nationality ("Britannico-iranienne",
        "Européens"), not two known names glued by a hyphen ("Moscou-Ankara")."""
        vocab = span.doc.vocab
        if span.text.strip("-") != span.text:  # "Kremlin--": a word glued to a dash by the tokenizer
            return False
        if not any(token.pos_ == "PROPN" or not vocab.has_vector(token.lower_) for token in span):
            return False
        parts = [part for part in fold(span.text).split("-") if part]
        if parts and parts[-1] in self.folded_demonyms:
            return False
        return not (len(parts) > 1 and all(part in self.folded_names for part in parts))

    def _capitalised_word(self, span: Span) -> bool:
        """A word the NER took for a name only because it is capitalised: a sentence's first word
        that the tagger reads as a verb, adjective or common noun ("Interrogé", "Etat", "Photos"), or a
        weekday or month ("Lundi")."""
        if len(span) != 1:
            return False
        token = span[0]
        if fold(token.text) in self.date_words:
            return True
        starts = token.is_sent_start or (token.i > 0 and token.doc[token.i - 1].is_punct)
        return starts and token.pos_ in ("VERB", "ADJ", "NOUN", "ADV", "AUX")

    # --- resolution -----------------------------------------------------------------------

    def _resolve(self, doc: Doc, chosen: list[_Candidate], on: date) -> tuple[list[ActorMention], dict[str, Actor]]:
        actors: dict[str, Actor] = {}
        linked: list[tuple[_Candidate, str]] = []
        people_seen: list[tuple[str, set[str]]] = []  # (actor key, name parts), in order of appearance
        unknown_people: dict[str, list[_Candidate]] = {}

        def person_parts(text: str) -> set[str]:
            return {
                part
                for part in re.split(r"\s+", text)
                if part[:1].isupper() and len(part) > 1 and part.lower() not in self.honorifics
            }

        def salient_person(country: str | None) -> str | None:
            """The latest person seen so far, of that country when one is given."""
            for key, _parts in reversed(people_seen):
                if country is None or self._person_country(key, actors) == country:
                    return key
            return None

        # a capital only ever said as a place ("les pourparlers à Vienne") does not make its country an actor
        where = {id(c) for c in chosen if c.rule == "capital" and self._says_where(doc[c.start : c.end])}
        acting_countries = {c.actor for c in chosen if c.actor is not None and id(c) not in where}
        for candidate in chosen:
            span = doc[candidate.start : candidate.end]
            key: str | None = candidate.actor
            rule = candidate.rule
            if key in self.media_platforms and self._said_on(span):
                continue  # "Sur Twitter, le Premier ministre s'est dit choqué": where, not who
            if id(candidate) in where and candidate.actor not in acting_countries:
                key, rule = self._capital_as_place(span, candidate.actor, actors), "capital-place"
            elif key is None and candidate.rule == "role":
                key, rule = self._resolve_role(candidate, on, people_seen, actors, doc, chosen, linked)
            elif key is None and candidate.rule == "demonym":
                named = _person_named_by_demonym(candidate, chosen, doc) if candidate.singular else None
                if named is not None:  # "l'Iranien Mahmoud Moussavi Majd": that man, of that country
                    if named.actor is None and candidate.country is not None:
                        named.extra.setdefault("country", candidate.country)
                    key = named.actor or f"{APPOSED_PREFIX}{named.start}"
                    rule = "demonym-apposition"
                elif (
                    candidate.singular
                    and self._indefinite(doc, candidate.start)
                    and doc[candidate.end - 1].dep_ != "amod"
                    and doc[candidate.end - 1].pos_ != "ADJ"
                ):
                    continue  # "exécuter un Iranien": someone new, neither the Iranian named last nor Iran
                elif candidate.singular:
                    key = salient_person(candidate.country)
                    rule = "demonym-person" if key else "demonym"
                if key is None and candidate.extra.get("minority") and candidate.country:
                    key, rule = self._agent_actor(candidate.country, MINORITY_SECTOR, actors), "minority"
                key = key or candidate.country
            elif key is None and candidate.extra.get("kind") == PERSON:
                key, rule = self._link_person(span.text, people_seen, unknown_people, candidate)
            elif key is None and (person := self._person_named_by_part(span, people_seen)) is not None:
                key, rule = person, "coref-name"  # "Arbery" tagged a place after "Ahmaud Arbery"
            elif key is None:
                kind = candidate.extra.get("kind", PLACE)
                key = f"{'org' if kind == ORGANIZATION else 'place'}:{_slug(span.text)}"
                if key not in actors:
                    name = self._place_with_article(span) if kind == PLACE else span.text
                    country = self._country_of_place(name) if kind == PLACE else None
                    actors[key] = Actor(key, name, kind, country)
            if key is None:
                continue
            if self.kb.actors.get(key) is not None and key not in actors:
                known = self.kb.actors[key]
                actors[key] = Actor(known.id, known.name, known.type, known.country, self.kb.code_on(key, on))
            if "titled" in candidate.extra and key in actors:
                actors[key] = self._titled(actors[key], *candidate.extra.pop("titled"))
            if self._is_person(key, actors) and all(k != key for k, _ in people_seen):
                people_seen.append((key, person_parts(span.text) | self._known_parts(key)))
            elif self._is_person(key, actors):
                for index, (seen_key, parts) in enumerate(people_seen):
                    if seen_key == key:
                        people_seen[index] = (seen_key, parts | person_parts(span.text))
            linked.append((candidate, key))
            candidate.extra["rule"] = rule

        self._name_unknown_people(doc, unknown_people, actors, people_seen, linked)
        by_start = {c.start: c for c, _key in linked}
        mentions = []
        for candidate, key in linked:
            if key.startswith(APPOSED_PREFIX):
                named = by_start.get(int(key[len(APPOSED_PREFIX) :]))
                key = named.extra.get("merged_into", "") if named is not None else ""
            key = candidate.extra.get("merged_into", key)
            if key not in actors:
                continue
            span = doc[candidate.start : candidate.end]
            mentions.append(ActorMention(span.start_char, span.end_char, span.text, key, candidate.extra["rule"]))
        return mentions, actors

    @staticmethod
    def _person_named_by_part(span: Span, people_seen: list[tuple[str, set[str]]]) -> str | None:
        """The person seen before whose name holds this one word: the NER's place or organisation
        is their surname again ("Arbery" after "Ahmaud Arbery")."""
        if len(span) != 1:
            return None
        return next((key for key, parts in reversed(people_seen) if span.text in parts), None)

    def _kin(self, doc: Doc, mentions: list[ActorMention], actors: dict[str, Actor]) -> list[ActorMention]:
        """ "la famille d'Ahmaud Arbery": the relatives of a person speak and act as a group of their
        own ("family of Ahmaud Arbery"), never as the person. ("sa famille" stays unresolved: the
        latest person named is too often not the possessor.)"""
        if not self.kin_nouns:
            return mentions
        by_token = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                by_token.update({token.i: mention for token in span})
        added = []
        for token in doc:
            template = self.kin_nouns.get(token.lower_)
            if template is None or token.i in by_token or token.pos_ != "NOUN":
                continue
            person = None
            for child in token.children:
                named = by_token.get(child.i)
                if child.dep_ == "nmod" and named is not None and any(c.dep_ == "case" for c in child.children):
                    person = named.actor
            if person is None or actors.get(person) is None or actors[person].type != PERSON:
                continue
            key = f"kin:{token.lower_}:{person}"
            if key not in actors:
                name = template.format(person=actors[person].name)
                actors[key] = Actor(key, name, GROUP, actors[person].country)
            added.append(ActorMention(token.idx, token.idx + len(token.text), token.text, key, "kin"))
        return sorted([*mentions, *added], key=lambda m: (m.start, m.end)) if added else mentions

    def _said_on(self, span: Span) -> bool:
        """Is a platform here the medium something was said on ("sur Twitter", "on Facebook")?"""
        return any(c.dep_ == "case" and c.lower_ in self.medium_prepositions for c in span.root.children)

    def _says_where(self, span: Span) -> bool:
        """Is a capital here the place something happens ("à Vienne", "depuis Bruxelles",
        "l'ambassadeur à Washington") rather than its country acting ("Washington a annoncé")?"""
        head = span.root
        preposition = next((c.lower_ for c in head.children if c.dep_ == "case"), None)
        if preposition is None or preposition not in self.where_prepositions:
            return False
        if preposition not in ("à", "au"):
            return True
        return head.head.pos_ in ("NOUN", "PROPN") or head.head.lemma_.lower() in self.where_verbs

    def _capital_as_place(self, span: Span, country: str | None, actors: dict[str, Actor]) -> str:
        key = f"place:{_slug(span.text)}"
        if key not in actors:
            actors[key] = Actor(key, span.text, PLACE, country)
        return key

    def _place_with_article(self, span: Span) -> str:
        """A place's name with the article that belongs to it ("à La Haye" → "La Haye", "les
        raffineries du Havre" → "Le Havre"), when the gazetteer knows the name with it."""
        before = span.doc[span.start - 1].lower_ if span.start > 0 else None
        if before not in self.articles and before not in self.contractions:
            return span.text
        for article in sorted(self.articles):
            elided = article.endswith(("'", "’"))
            name = article.capitalize() + ("" if elided else " ") + span.text
            if self._country_of_place(name) is not None:
                return name
        return span.text

    def _country_of_place(self, name: str) -> str | None:
        """ISO3 of the country of a city the knowledge base does not list ("Gao" → MLI)."""
        iso2 = country_code_of_place(name)
        if iso2:
            return self.iso3_of_iso2.get(iso2)
        return self.listed_places.get(fold(name))  # "Darfur": a region Phoenix codes as Sudan

    def _titled(self, actor: Actor, country: str | None, sector: str | None) -> Actor:
        """A listed person the text titles with a current office ("Russian President Boris
        Yeltsin"): when their dated roles give no office that day (the code is the bare country or
        the former officials' ELI), the title's country and sector (``titles_over_dates``)."""
        country = country or actor.country
        home = self.kb.actors.get(country) if country else None
        if actor.type != PERSON or sector is None or home is None or home.code is None:
            return actor
        if actor.code not in (None, home.code, f"{home.code}{FORMER_SECTOR}"):
            return actor  # in office that day: the knowledge base knows better
        if actor.country is not None and actor.country != country:
            return actor  # a title of another country's office: not the text's word on this person
        return Actor(actor.id, actor.name, actor.type, actor.country or country, f"{home.code}{sector}")

    def _known_parts(self, key: str) -> set[str]:
        known = self.kb.actors.get(key)
        if known is None or known.type != PERSON:
            return set()
        parts = set()
        for alias in known.all_aliases():
            parts |= {p for p in alias.split() if p[:1].isupper() and len(p) > 1}
        return parts

    def _is_person(self, key: str, actors: dict[str, Actor]) -> bool:
        actor = actors.get(key)
        return (actor is not None and actor.type == PERSON) or key.startswith("person:")

    def _person_country(self, key: str, actors: dict[str, Actor]) -> str | None:
        actor = actors.get(key)
        return actor.country if actor else None

    def _resolve_role(self, candidate, on, people_seen, actors, doc, chosen, linked=()) -> tuple[str | None, str]:
        role, country = candidate.role, candidate.country
        organization = candidate.extra.get("organization")
        if role.startswith(INSTITUTION_PREFIX):  # "le ministère chinois des Affaires étrangères"
            key = role[len(INSTITUTION_PREFIX) :]
            if country is None:  # "l'état-major" after "l'armée française": that country's, else nobody
                sector = self.institutions[key].sector
                same = f"-{key.replace('_', '-')}"
                earlier = next(
                    (
                        k
                        for k in reversed(actors)
                        if actors[k].type in (GROUP, ORGANIZATION)
                        and actors[k].country is not None
                        # a bare GOV says too little: "le ministère de la Justice" is no earlier government's
                        and (k.endswith(same) if sector == "GOV" else (actors[k].code or "").endswith(sector))
                    ),
                    None,
                )
                if earlier is None:
                    return None, "institution-unresolved"
                return self._institution_actor(actors[earlier].country, key, actors), "institution-coref"
            return self._institution_actor(country, key, actors), "institution"
        if role.startswith(GROUP_PREFIX):  # "les jihadistes", "les manifestants hongkongais"
            return self._group_actor(role[len(GROUP_PREFIX) :].lstrip(CASE_SENSITIVE), country, actors), "group"
        if role.startswith(AGENT_PREFIX):  # "l'armée russe" → RUSMIL
            sector = role[len(AGENT_PREFIX) :]
            named = _person_named_by_agent_noun(candidate, chosen, doc)
            if named is not None:  # "le journaliste algérien Khaled Drareni": one journalist, DZAMED
                if named.actor is not None:
                    return named.actor, "agent-apposition"
                if country is not None:
                    named.extra.setdefault("country", country)
                    named.extra.setdefault("sector", (country, sector))
                return f"{APPOSED_PREFIX}{named.start}", "agent-apposition"
            if country is None:  # "Darfur rebels", "the rebels in Darfur": the place's country's
                country = self._country_of_place_around(doc, candidate, chosen)
            group = self._countryless_group(doc, candidate, chosen, sector) if country is None else None
            if country is None and self._indefinite(doc, candidate.start):
                if group is not None:  # "des hommes armés ont enlevé…": the group, as CAMEO codes it
                    earlier = _latest_of_sector(actors, sector)
                    if earlier is not None:  # "des mercenaires" after "les mercenaires russes": those
                        return earlier, "agent-coref"
                    return self._group_actor(group, None, actors), "group"
                return None, "agent-unresolved"  # "un autre diplomate" is someone new
            if country is None:  # "en Syrie, où le régime…": the country the clause is about
                country = _country_of_where_clause(doc, candidate, linked, actors, self.where_pronouns)
            if country is None and self._home_agent(doc, candidate):  # "son gouvernement": the possessor's
                country = _owner_of_possessive(doc, candidate, linked, actors, self.singular_possessives)
                if country is not None and country in self.kb.actors:
                    return self._agent_actor(country, sector, actors), "agent-possessor"
                country = None
            if country is None:  # "l'armée" after "l'armée française": the same one; else nobody
                named = _earlier_named_with_noun(doc, candidate, linked, actors)
                if named is not None:  # "le ministère" after "le ministère américain de la Justice"
                    return named, "agent-coref"
                earlier = _latest_of_sector(actors, sector)
                if earlier is not None:
                    return earlier, "agent-coref"
                home = _salient_country(linked, actors) if self._home_agent(doc, candidate) else None
                if (
                    home is not None and home in self.kb.actors
                ):  # "le gouvernement" in a page about Macron and Philippe: France's
                    return self._agent_actor(home, sector, actors), "agent-home"
                if group is not None:  # "les jihadistes" with no country in sight
                    return self._group_actor(group, None, actors), "group"
                return None, "agent-unresolved"
            return self._agent_actor(country, sector, actors), "agent"
        apposed = _apposed_person(candidate, chosen, doc)
        if apposed is not None and apposed.actor is not None:
            if self.titles_over_dates and organization is None and candidate.extra.get("current", True):
                candidate.extra["titled"] = (country, self.kb.sector_of_role(role))
            return apposed.actor, "role-apposition"
        if apposed is not None:  # an unknown person named next to the role: the role is theirs
            if country is not None:
                apposed.extra.setdefault("country", country)
                if candidate.extra.get("current", True):  # "the German foreign minister X": DEUGOV
                    apposed.extra.setdefault("sector", (country, self.kb.sector_of_role(role)))
            elif organization is None and candidate.extra.get("current", True) and self.role_country_from_sentence:
                apposed.extra.setdefault("uncountried_sector", self.kb.sector_of_role(role))  # "President Avril"
            return f"{APPOSED_PREFIX}{apposed.start}", "role-apposition"
        if not candidate.extra.get("current", True):
            return None, "role-not-current"
        if country is None and organization is None:
            # "le président" alone: the latest person seen who held that role on that day
            for key, _parts in reversed(people_seen):
                if self.kb.actors.get(key) and any(r.role == role for r in self.kb.roles_on(key, on)):
                    return key, "role-salient"
            sole = self.kb.sole_holder(role, on) if self.kb.roles[role].holders == "world" else None
            if sole is not None:
                return sole.id, "role-sole-holder"  # "le guide suprême": there is only one
            return None, "role-unresolved"
        holders = self.kb.role_holders(role, country, on, organization=organization)
        if len(holders) == 1:
            return holders[0].id, "role"
        if country is not None and organization is None:
            # "le ministre iranien" after "le chef de la diplomatie iranienne Mohammad Javad Zarif"
            kinds = self.kb.narrower_roles(role)
            for key, _parts in reversed(people_seen):
                if any(r.role in kinds and r.country == country for r in self.kb.roles_on(key, on)):
                    return key, "role-salient"
        if apposed is not None:  # an unknown person named next to the role: keep the country
            apposed.extra.setdefault("country", country)
        if country is not None:  # nobody known held it: the country's government as a group
            return self._agent_actor(country, self.kb.sector_of_role(role), actors), "role-agent"
        return None, "role-unresolved"

    def _home_agent(self, doc: Doc, candidate: _Candidate) -> bool:
        """Is this a bare agent noun the knowledge file reads as the article's own country's?"""
        return " ".join(t.lower_ for t in doc[candidate.start : candidate.end]) in self.kb.home_agents(self.language)

    def _indefinite(self, doc: Doc, start: int) -> bool:
        """Is the phrase at ``start`` introduced by an indefinite determiner ("un", "des", "plusieurs")?"""
        return any(t.pos_ == "DET" and "Definite=Ind" in t.morph for t in doc[max(start - 2, 0) : start + 1])

    def _agent_actor(self, country: str, sector: str | None, actors: dict[str, Actor]) -> str:
        if not sector:
            return country
        code = f"{self.kb.actors[country].code or country}{sector}"
        if code not in actors:
            actors[code] = Actor(code, self.kb.sector_name(country, sector), GROUP, country, code)
        return code

    def _institution_actor(self, country: str, key: str, actors: dict[str, Actor]) -> str:
        """A country's ministry or body named generically: "Chinese Ministry of Foreign Affairs"."""
        definition = self.institutions[key]
        identifier = f"{country}-{key.replace('_', '-')}"
        if identifier not in actors:
            code = f"{self.kb.actors[country].code or country}{definition.sector}"
            name = self.kb.institution_name(definition, country)
            actors[identifier] = Actor(identifier, name, ORGANIZATION, country, code)
        return identifier

    def _group_actor(self, key: str, country: str | None, actors: dict[str, Actor]) -> str | None:
        """A group that acts in the news by itself ("les jihadistes", "des hommes armés"), or the
        organisation its noun stands for ("les démocrates"); with a demonym, that country's."""
        definition = self.groups.get(key)
        if definition is None:
            return None
        if definition.actor is not None and definition.actor in self.kb.actors:
            return definition.actor
        if country is not None:
            identifier = f"group:{key}:{country}"
            code = f"{self.kb.actors[country].code or country}{definition.code}"
            demonyms = self.kb.actors[country].demonyms.get("en") or ()
            name = f"{demonyms[0]} {definition.name}" if demonyms else f"{definition.name} ({country})"
        else:
            identifier, code, name = f"group:{key}", definition.code, definition.name
        if identifier not in actors:
            actors[identifier] = Actor(identifier, name, GROUP, country, code)
        return identifier

    def _link_person(self, text, people_seen, unknown_people, candidate) -> tuple[str | None, str]:
        parts = {p for p in text.split() if len(p) > 1 and p.lower() not in self.honorifics}  # "M. Salehi"
        for key, seen_parts in reversed(people_seen):
            if parts and parts <= seen_parts:
                if key in unknown_people:  # an unknown person again: what this mention's role says counts too
                    candidate.extra["text"] = text
                    unknown_people[key].append(candidate)
                return key, "coref-name"
        group = f"person:{_slug(text)}"
        for existing, members in unknown_people.items():
            member_parts = set().union(*({p for p in m.extra["text"].split()} for m in members))
            if parts <= member_parts or member_parts <= parts:
                group = existing
                break
        candidate.extra["text"] = text
        unknown_people.setdefault(group, []).append(candidate)
        return group, "ner"

    def _name_unknown_people(
        self, doc: Doc, unknown_people: dict[str, list[_Candidate]], actors, people_seen=(), linked=()
    ) -> None:
        known = [(key, parts) for key, parts in people_seen if key in self.kb.actors]
        for group, members in unknown_people.items():
            parts = {p for m in members for p in m.extra["text"].split() if p.lower() not in self.honorifics}
            later = [key for key, seen in known if parts and parts < seen]
            if len(later) == 1:  # "El Khomri" in the title, "Myriam El Khomri" in the body
                for member in members:
                    member.extra["merged_into"] = later[0]
                actors.pop(group, None)
                continue
            longest = max((m.extra["text"] for m in members), key=lambda t: (len(t.split()), len(t)))
            country = next((m.extra.get("country") for m in members if m.extra.get("country")), None)
            if country is None and self.capitalised_demonyms:
                country = self._country_named_before(doc, members, linked)  # "U.S. negotiator Paul Nitze"
            if country is None:
                country = self._country_near(doc, members)
            key = f"person:{_slug(longest)}"
            code = self.kb.actors[country].code if country and country in self.kb.actors else None
            sector = next((m.extra["sector"][1] for m in members if m.extra.get("sector", ())[:1] == (country,)), None)
            titled = next((m for m in members if m.extra.get("uncountried_sector")), None)
            if country is None and sector is None and titled is not None:
                country = self._country_of_sentence(doc, titled, linked, actors)
                sector = titled.extra["uncountried_sector"] if country is not None else None
                code = self.kb.actors[country].code if country in self.kb.actors else None
            if code and sector:
                code += sector  # a role's holder the knowledge base does not list: country and sector
            actors[key] = Actor(key, longest, PERSON, country, code)
            for member in members:
                member.extra["merged_into"] = key
            if group != key:
                actors.pop(group, None)

    def _country_of_sentence(self, doc: Doc, member: _Candidate, linked, actors) -> str | None:
        """The country the sentence of a titled person names, nearest to them (a capital counts for
        its country): "President Prosper Avril declared a state of siege in Haiti" is Haiti's."""
        sentence = sentence_of(doc[member.start])
        best: tuple[int, str] | None = None
        for other, key in linked:
            if other.start < sentence.start or other.end > sentence.end or other is member:
                continue
            actor = actors.get(key)
            if actor is None or actor.type != COUNTRY or not self._where_or_whose(doc[other.start : other.end].root):
                continue
            distance = min(abs(other.start - member.end), abs(member.start - other.end))
            if best is None or distance < best[0]:
                best = (distance, key)
        return best[1] if best is not None else None

    def _where_or_whose(self, token) -> bool:
        """A country named as the place ("in Haiti", "of Morocco") or the owner ("Washington's") of
        what the sentence tells, not as the one acted upon ("threatened action against Russia")."""
        for child in token.children:
            if child.dep_ == "case" and (child.lower_ in self.place_links or child.lower_ in self.role_links):
                return True
            if child.tag_ == "POS":
                return True
        return False

    def _country_named_before(self, doc: Doc, members: list[_Candidate], linked) -> str | None:
        """A country's name just before a person or their description, English word order ("U.S.
        negotiator Paul Nitze"): before a nationality named after them ("... met Russian officials")."""
        for member in members:
            for other, key in linked:
                between = doc[other.end : member.start]
                if not (other.end <= member.start and member.start - other.end <= 2):
                    continue
                if all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in between):
                    actor = self.kb.actors.get(key)
                    if actor is not None and actor.type == COUNTRY:
                        return key
        return None

    def _country_near(self, doc: Doc, members: list[_Candidate]) -> str | None:
        """The country the text gives for a person: a demonym in the phrase just before the name
        ("l'opposant russe Alexeï Navalny", "le cycliste américain accusé de dopage Lance
        Armstrong") or in an apposition after it, never across a coordination ("… ou au styliste
        britannique John Galliano")."""
        for member in members:
            sentence = sentence_of(doc[member.start])
            before = []
            for token in reversed(doc[max(member.start - 6, sentence.start) : member.start]):
                if token.is_punct or token.pos_ == "CCONJ" or "VerbForm=Fin" in token.morph:
                    break  # "… ou au styliste britannique John Galliano": another phrase
                before.append(token)
            after = []
            for token in doc[member.end : min(member.end + 5, sentence.end)]:
                if token.pos_ == "CCONJ":
                    break
                after.append(token)
            for token in [*before, *after]:
                if token.lower_ in self.demonyms:
                    return self.demonyms[token.lower_]
        return None


def _qualifier(token) -> bool:
    """A lowercase adjective that may stand between a nationality and a role noun ("junior",
    "senior", "new", "former"): not a capitalised identity ("Russian Jewish immigrants")."""
    return token.pos_ == "ADJ" and token.text.islower() and token.is_alpha


def _country_of_where_clause(
    doc: Doc,
    candidate: _Candidate,
    linked: Sequence[tuple[_Candidate, str]],
    actors: dict[str, Actor],
    where_pronouns: frozenset[str],
) -> str | None:
    """ "plusieurs raids en Syrie, où le régime est soutenu par l'Iran": a bare agent noun in a
    relative clause of place is that place's country's."""
    token = doc[candidate.end - 1]
    for _ in range(4):
        if token.dep_ == "acl:relcl":
            break
        if token.head.i == token.i:
            return None
        token = token.head
    else:
        return None
    if not any(c.lower_ in where_pronouns for c in token.children):
        return None
    antecedent = token.head
    for other, key in reversed(list(linked)):
        if other.start <= antecedent.i < other.end:
            actor = actors.get(key)
            return actor.country if actor is not None and actor.type in (COUNTRY, PLACE) else None
    return None


def _owner_of_possessive(
    doc: Doc,
    candidate: _Candidate,
    linked: Sequence[tuple[_Candidate, str]],
    actors: dict[str, Actor],
    possessives: frozenset[str],
) -> str | None:
    """ "Scott Morrison a annoncé que son gouvernement envisageait…": a bare agent noun after a
    singular possessive is the possessor's, the latest person or country named before it in its
    sentence; an earlier "gouvernement chinois" is someone else's."""
    start = candidate.start
    determiner = doc[start] if doc[start].lower_ in possessives else doc[start - 1] if start > 0 else None
    if determiner is None or determiner.lower_ not in possessives:
        return None
    sentence_start = doc[start].sent.start
    for other, key in reversed(list(linked)):
        if other.start >= start:
            continue
        if other.start < sentence_start:
            break
        actor = actors.get(key)
        if actor is not None and actor.country is not None and actor.type in (PERSON, COUNTRY):
            return actor.country
    return None


def _salient_country(linked: Sequence[tuple[_Candidate, str]], actors: dict[str, Actor]) -> str | None:
    """The country the article's actors so far belong to most (a country named, a person or body
    of it), the latest on a tie; None below two mentions: too little to say what it is about."""
    counts: dict[str, int] = {}
    latest: dict[str, int] = {}
    for position, (_candidate, key) in enumerate(linked):
        actor = actors.get(key)
        if actor is not None and actor.country is not None:
            counts[actor.country] = counts.get(actor.country, 0) + 1
            latest[actor.country] = position
    if not counts:
        return None
    best = max(counts, key=lambda country: (counts[country], latest[country]))
    return best if counts[best] >= 2 else None


def _earlier_named_with_noun(
    doc: Doc, candidate: _Candidate, linked: Sequence[tuple[_Candidate, str]], actors: dict[str, Actor]
) -> str | None:
    """The latest organisation or group named with the same noun as a bare agent noun ("le
    ministère", "l'armée"): the article's own earlier "ministère américain de la Justice"."""
    noun = doc[candidate.end - 1].lower_
    if not isinstance(linked, list):
        for other, key in reversed(list(linked)):
            actor = actors.get(key)
            if actor is None or actor.type not in (ORGANIZATION, GROUP) or other.end - other.start < 2:
                continue
            if noun == _head_word(doc, other):
                return key
        return None
    for position in reversed(_linked_with_word(doc, linked).get(noun, ())):
        actor = actors.get(linked[position][1])
        if actor is not None and actor.type in (ORGANIZATION, GROUP):
            return linked[position][1]
    return None


_LINKED_WORDS: dict[int, tuple[list, list[int], dict[str, list[int]]]] = {}


def _linked_with_word(doc: Doc, linked: list[tuple[_Candidate, str]]) -> dict[str, list[int]]:
    """Head word → the positions in ``linked`` of the mentions of two words or more built on it,
    in order; brought up to date with what was linked since the last call (``linked`` only grows)."""
    cached = _LINKED_WORDS.get(id(linked))
    if cached is None or cached[0] is not linked or cached[1][0] > len(linked):
        _LINKED_WORDS.clear()
        cached = (linked, [0], {})
        _LINKED_WORDS[id(linked)] = cached
    _linked, done, words = cached
    for position in range(done[0], len(linked)):
        other = linked[position][0]
        if other.end - other.start >= 2:
            words.setdefault(_head_word(doc, other), []).append(position)
    done[0] = len(linked)
    return words


def _head_word(doc: Doc, candidate: _Candidate) -> str:
    """The noun a name is built on, its first ("ministère" in "ministère américain de la Justice"):
    "les journalistes" does not take up "le Comité pour la protection des journalistes"."""
    for token in doc[candidate.start : candidate.end]:
        if token.pos_ in ("NOUN", "PROPN"):
            return token.lower_
    return doc[candidate.start].lower_


def _person_named_by_agent_noun(candidate: _Candidate, chosen: list[_Candidate], doc: Doc) -> _Candidate | None:
    """ "le journaliste algérien Khaled Drareni", "Khaled Drareni, journaliste": a person the
    singular agent noun stands right next to. A comma after the noun is not enough ("selon
    l'armée, Jean Dupont a été tué": the army did not say it was Jean Dupont)."""
    if "Number=Plur" in str(doc[candidate.end - 1].morph):
        return None
    return _apposed_person(candidate, chosen, doc, after=frozenset({""}), before=frozenset({","}))


def _person_named_by_demonym(candidate: _Candidate, chosen: list[_Candidate], doc: Doc) -> _Candidate | None:
    """ "l'Iranien Mahmoud Moussavi Majd": the person a singular nationality noun touches is
    the one it stands for, not the salient person of that country nor the country."""
    named = _apposed_person(candidate, chosen, doc, after=frozenset({""}), before=frozenset())
    return named if named is not None and named.start >= candidate.end else None


APPOSITION_MARKS = frozenset({"", ",", "(", ":"})  # "": the name touches the phrase


def _apposed_person(
    candidate: _Candidate,
    chosen: list[_Candidate],
    doc: Doc,
    after: frozenset[str] = APPOSITION_MARKS,
    before: frozenset[str] = APPOSITION_MARKS,
) -> _Candidate | None:
    """A person named right next to a role phrase: "Le porte-parole du Kremlin, Dmitri Peskov"
    or "Dmitri Peskov, porte-parole du Kremlin". ``after`` and ``before``: the one mark that may
    stand between the phrase and a name after it, or before it ("" for none)."""
    for other in _neighbours(candidate, chosen):
        if not other.person_name:
            continue
        if other.start >= candidate.end:
            between, marks = doc[candidate.end : other.start], after
        else:
            between, marks = doc[other.end : candidate.start], before
        if len(between) <= 1 and (between[0].text if len(between) else "") in marks:
            return other
    return None


_BY_START: dict[int, tuple[list, int, ByPosition]] = {}


def _starting_in(candidates: list[_Candidate], low: int, high: int) -> list[_Candidate]:
    """The candidates starting in tokens ``[low, high)``, in the list's order (by bisection)."""
    cached = _BY_START.get(id(candidates))
    if cached is None or cached[0] is not candidates or cached[1] != len(candidates):
        _BY_START.clear()
        cached = (candidates, len(candidates), ByPosition(list(enumerate(candidates)), key=lambda i: i[1].start))
        _BY_START[id(candidates)] = cached
    return [candidate for _order, candidate in sorted(cached[2].between(low, high), key=lambda i: i[0])]


_NEIGHBOURS: dict[int, tuple[list, int, ByPosition, Intervals]] = {}


def _neighbours(candidate: _Candidate, chosen: list[_Candidate]) -> list[_Candidate]:
    """The candidates of ``chosen`` (in its order) that ``_apposed_person`` can accept: starting at
    most one token after ``candidate`` ends, or overlapping or ending at most one token before it
    starts. Found by bisection instead of a scan of every candidate for every role."""
    cached = _NEIGHBOURS.get(id(chosen))
    if cached is None or cached[0] is not chosen or cached[1] != len(chosen):
        _NEIGHBOURS.clear()
        ordered = list(enumerate(chosen))
        by_start = ByPosition(ordered, key=lambda item: item[1].start)
        reaching = Intervals(ordered, span=lambda item: (item[1].start, item[1].end + 1))  # end inclusive
        cached = (chosen, len(chosen), by_start, reaching)
        _NEIGHBOURS[id(chosen)] = cached
    _chosen, _size, by_start, reaching = cached
    near = (
        by_start.between(candidate.start - 1, candidate.end + 2)  # starting before, inside or just after
        + reaching.containing(candidate.start - 1)  # starting earlier, reaching its first token or the one before
    )
    return [other for _order, other in sorted(dict(near).items())]


def _trim(entity: Span) -> Span | None:
    """Drop determiners and punctuation NER sometimes includes at the edges."""
    start, end = entity.start, entity.end
    doc = entity.doc
    while start < end and (doc[start].is_punct or doc[start].pos_ in ("DET", "ADP") or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    return doc[start:end]


def _names_inside_longer_names(
    dictionary: list[_Candidate], ner: list[_Candidate], kb: KnowledgeBase
) -> list[_Candidate]:
    """A capital or country name inside a longer name is part of that name: "le Washington Post" is a
    newspaper, "Dominique de Villepin" a person, not the USA and Dominica. Known people and
    organisations inside a name stay ("le porte-parole de l'ONU")."""
    longer = [
        c for c in ner if c.actor is None and c.end - c.start > 1 and c.extra.get("kind") in (PERSON, ORGANIZATION)
    ]
    if not longer:
        return dictionary
    kept = []
    spans = Intervals(longer, span=lambda other: (other.start, other.end))
    for candidate in dictionary:
        actor = kb.actors.get(candidate.actor or "")
        inside = any(
            candidate.end <= other.end and (other.start, other.end) != (candidate.start, candidate.end)
            for other in spans.containing(candidate.start)
        )
        if inside and actor is not None and actor.type == COUNTRY and candidate.rule in ("name", "capital", "alias"):
            continue
        kept.append(candidate)
    return kept


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the most trusted, then longest, candidate where several overlap; in text order."""
    ordered = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    taken: set[int] = set()
    kept = []
    for candidate in ordered:
        tokens = set(range(candidate.start, candidate.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


@Language.factory(
    "telex_actors",
    default_config={"knowledge": []},
    assigns=["doc._.telex_mentions", "doc._.telex_actors"],
    requires=["doc.ents", "token.pos", "token.morph", "token.is_sent_start"],
)
def make_actor_resolver(nlp: Language, name: str, knowledge: list[str]) -> ActorResolver:
    """The language is ``nlp.lang``. ``knowledge``: analysts' folders layered over the packaged data
    and ``$TELEX_KNOWLEDGE`` (each mirroring ``data/``)."""
    return ActorResolver(nlp, name, Knowledge.default().with_folders(knowledge))
