"""Speech cues in a parsed article and who speaks through them.

A speech is a cue ("a déclaré", "a-t-il ajouté", "fait savoir", "selon") with the phrase that names
its speaker and, for reported speech, the words it reports: a "que" clause, an infinitive ("nie
avoir été informé"), or the clause before an inverted verb ("…, précise l'OFAG"). Speakers are
resolved in text order through the document's coreference (:mod:`telex.nlp.coref`), so "a-t-il
ajouté" and "a expliqué le responsable" continue the speaker before them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from telex.clean.normalize import fold
from telex.nlp.blocks import HEADING, block_at
from telex.nlp.coref import Coreference, Referent
from telex.nlp.doccache import doc_text, mention_index, sentence_of, sentences
from telex.nlp.grammar import Grammar
from telex.nlp.index import span_set
from telex.nlp.salience import introduced_by_preposition
from telex.nlp.verbforms import infinitive_auxiliary
from telex.quotes.lexicon import Cue, CueLexicon

SUBJECTS = ("nsubj", "nsubj:pass", "expl:subj")
AGENTS = ("obl:agent",)
SPEAKING_TYPES = ("person", "organization", "group", "country")
SENTENCE_STOPS = (".", "!", "?", "…")


@dataclass(slots=True)
class Speech:
    """A speech cue of the article with its (resolved) speaker and reported words."""

    cue: Span | None  # the cue's words; None for a quote continuing the last speaker
    subject: Token | None  # head of the phrase naming the speaker, before resolution
    candidates: list[Token] | None = None  # every phrase that may name the speaker, best first
    stance: str | None = None
    clause: Span | None = None  # reported words of indirect speech
    speaker: str | None = None  # actor key
    speaker_key: str | None = None  # coreference key (an anonymous source has one, not an actor)
    speaker_span: Span | None = None  # the words that designate the speaker here
    antecedent: tuple[int, int] | None = None  # the mention those words continue
    rule: str = ""  # how the speaker was found
    ambiguous: bool = False  # a marker that speaks only through a speaking actor ("pour X, …")
    infinitive: bool = False  # the clause is an infinitive report ("nie avoir été informé")

    @property
    def start(self) -> int:
        return self.cue.start_char if self.cue is not None else 0


class SpeechFinder:
    """Finds speech cues and their speakers in one language (its cues and grammar words)."""

    def __init__(
        self,
        cues: CueLexicon,
        grammar: Grammar,
        impersonal: frozenset[str],
        source_nouns: frozenset[str],
        date_words: frozenset[str] = frozenset(),
        receiving_verbs: frozenset[str] = frozenset(),
        possessor_voices: frozenset[str] = frozenset(),
    ):
        self.cues = cues
        self.grammar = grammar
        self.date_words = date_words  # weekday and month names (folded): times, not speakers
        self.impersonal = impersonal
        self.source_nouns = source_nouns
        self.receiving_verbs = receiving_verbs  # "obtenu par l'AFP": the agent received the document
        self.possessor_voices = possessor_voices  # "son bureau", "son cabinet": they speak for the possessor
        self.markers_by_first_word: dict[str, tuple[Cue, ...]] = {}
        for cue in cues.markers():  # longest first, as the lexicon gives them
            first = cue.words[0]
            self.markers_by_first_word[first] = (*self.markers_by_first_word.get(first, ()), cue)
        self.multiword_by_head: dict[str, tuple[Cue, ...]] = {}
        for cue in cues.multiword():
            if cue.type == "verb":
                self.multiword_by_head[cue.head] = (*self.multiword_by_head.get(cue.head, ()), cue)

    # --- cues -----------------------------------------------------------------------------

    def cue_of(self, token: Token, quoted: list[tuple[int, int]]) -> tuple[Cue, Span] | None:
        """The lexicon entry and the cue's words when ``token`` is a speech verb here, else None.

        Multiword cues ("faire savoir", "faire part de", "faire état de") are found by the head
        verb and their other words among its dependents. An ambiguous verb ("lancer", "assurer",
        "juger") counts only in a speech position: governing a "que" clause or an infinitive
        report, right after a closing quotation mark (an incise), or before a colon.
        """
        if token.pos_ not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN", "X") or span_set(quoted).covers(token.idx):
            return None
        if token.pos_ in ("NOUN", "PROPN", "X") and not self._verb_in_disguise(token):
            return None
        reflexive = any(
            c.dep_ in ("expl:pv", "expl:comp", "expl:pass", "expl", "obj")
            and c.lower_ in self.grammar.reflexive_pronouns
            for c in token.children
        )
        multiword = self._multiword(token)
        if multiword is not None:
            cue, last = multiword
            return cue, token.doc[token.i : last + 1] if last > token.i else self.cue_span(token)
        cue = self.cues.find(token.lower_, token.lemma_, reflexive=reflexive)
        if cue is None or (cue.reflexive and not reflexive):
            return None
        if cue.complement:
            complements = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
            if not complements & set(cue.complement):
                return None
        if cue.ambiguous and not self._in_speech_position(token):
            return None
        return cue, self.cue_span(token)

    def _verb_in_disguise(self, token: Token) -> bool:
        """The tagger sometimes calls a past participle a noun or a foreign word ("a tweeté"): a noun
        with an auxiliary."""
        doc = token.doc
        after_quotation = token.i > 1 and doc[token.i - 1].text == "," and doc[token.i - 2].text in QUOTE_MARKS
        return (
            any(c.dep_.startswith("aux") for c in token.children)
            or (token.i > 0 and doc[token.i - 1].lemma_ in self.grammar.auxiliaries)
            or after_quotation  # "« … », demande le ministre": an incise, however it is tagged
        )

    def _multiword(self, token: Token) -> tuple[Cue, int] | None:
        for cue in self.multiword_by_head.get(token.lemma_.lower(), ()):
            rest = cue.words[1:]
            found = []
            for word in rest:
                match = next((c for c in token.subtree if c.i > token.i and word in (c.lemma_.lower(), c.lower_)), None)
                if match is None or match.i - token.i > 4:
                    break
                found.append(match.i)
            else:
                return cue, max(found)
        return None

    def _in_speech_position(self, token: Token) -> bool:
        if self.reported_clause(token) is not None or self.infinitive_report(token) is not None:
            return True
        doc = token.doc
        window = doc[max(token.i - 6, 0) : token.i]  # « … », a-t-il ajouté
        if any(t.text in ("»", "”", '"') for t in window):
            return True
        following = doc[token.i + 1 : min(token.i + 6, len(doc))]
        return any(t.text == ":" for t in following)

    def cue_span(self, verb: Token) -> Span:
        """The verb with its auxiliaries and inverted clitics: "a-t-il déclaré", "avait indiqué"."""
        start, end = verb.i, verb.i + 1
        for child in verb.children:
            inverted = child.text.startswith("-")  # "a-t-il déclaré", "martèle-t-elle"
            reflexive = child.lower_ in self.grammar.reflexive_pronouns and child.i < verb.i
            auxiliary = child.dep_.startswith("aux") or (
                child.dep_ == "dep" and child.lemma_ in self.grammar.auxiliaries  # "a tweeté" mis-tagged
            )
            if (auxiliary or reflexive) and child.i < start and verb.i - child.i <= 3:
                start = child.i
            elif inverted and abs(child.i - verb.i) <= 2:
                start, end = min(start, child.i), max(end, child.i + 1)
        for token in verb.doc[end : min(end + 2, len(verb.doc))]:  # "-t -elle" parsed apart
            if token.lower_ in self.grammar.inverted_clitics or token.lower_ in self.grammar.euphonic_t:
                end = token.i + 1
        return verb.doc[start:end]

    def is_cue_lemma(self, token: Token) -> bool:
        return self.cues.find(token.lower_, token.lemma_) is not None

    # --- reported words -------------------------------------------------------------------

    def reported_clause(self, verb: Token) -> Span | None:
        """The "que …" clause a speech verb governs, also through an adjective ("s'est dit
        certain que …")."""
        heads = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "acl", "amod") and c.pos_ == "ADJ"]
        for head in heads:
            for child in head.children:
                if child.dep_ not in ("ccomp", "advcl", "acl", "xcomp") or child.i < verb.i:
                    continue
                marks = [m for m in child.children if m.dep_ == "mark" and m.lower_ in self.grammar.complementizers]
                first = child.left_edge
                if not marks and child.dep_ == "ccomp" and first.head.i == child.i:
                    # "expliquant qu'il prévoyait…": a clause's "qu'" the parser read as a relative pronoun
                    marks = [first] if first.lower_ in self.grammar.complementizers else []
                if marks and not self._in_conjunction(marks[0]):
                    return self._clause_from(verb, marks[0], child)
        # the parser often hangs "qu'il ..." on a noun before it: take the first "que" after the verb
        doc = verb.doc
        for token in doc[verb.i + 1 : sentence_of(verb).end]:
            if token.i > verb.i + 1 and token.pos_ == "VERB" and self.is_cue_lemma(token):
                return None  # another speech verb comes first
            if token.lower_ in self.grammar.complementizers and token.dep_ == "mark" and token.head.i > token.i:
                return None if self._in_conjunction(token) else self._clause_from(verb, token, token.head)
        return None

    def _in_conjunction(self, mark: Token) -> bool:
        """ "pendant que", "alors que": this "que" belongs to a conjunction of time or cause."""
        return mark.i > 0 and mark.doc[mark.i - 1].lower_ in self.grammar.conjunction_heads

    def infinitive_report(self, verb: Token) -> Span | None:
        """ "nie avoir été informé", "assure avoir agi", "dit vouloir", "accuse X d'avoir attaqué": an
        infinitive complement reports what the speaker says of themselves (or of the object)."""
        describing = "VerbForm=Part" in verb.morph and "Tense=Past" in verb.morph
        if describing and not any(c.dep_.startswith("aux") or c.dep_ in SUBJECTS for c in verb.children):
            return None  # "un Iranien accusé d'avoir espionné": a participle describes, nobody speaks
        for child in verb.children:
            # "nie avoir été informé", "accuse X d'avoir attaqué": a past infinitive, whose infinitive is
            # the auxiliary
            past = infinitive_auxiliary(child)
            if child.dep_ != "xcomp" or child.i < verb.i or not ("VerbForm=Inf" in child.morph or past):
                continue
            if self.is_cue_lemma(child) and not past:
                return None  # "a tenu à dire": the inner verb is the cue ("avoir été informé" is not)
            marks = [c for c in child.children if c.dep_ == "mark" and c.i < child.i]
            if any(m.lower_ not in self.grammar.infinitive_report_marks for m in marks):
                return None  # "poursuivi pour avoir menti": a cause, not what was said
            subtree = list(child.subtree)
            start = subtree[0].i
            while start < child.i and verb.doc[start].dep_ in ("mark", "case"):
                start += 1  # "d'avoir" → "avoir"
            end = min(subtree[-1].i + 1, written_sentence(verb.doc, verb.i)[1])
            end = _trim_end(verb.doc, start, end)
            if end - start >= 2:
                return verb.doc[start:end]
        return None

    def clause_before(self, verb: Token, cue: Span) -> Span | None:
        """ "…, précise l'OFAG." / "…, a-t-on annoncé de source officielle": an inverted reporting
        verb after a comma reports the clause before it (no quotation marks)."""
        doc = verb.doc
        if cue.start == 0 or doc[cue.start - 1].text != ",":
            return None
        if "VerbForm=Part" in verb.morph and "Tense=Pres" in verb.morph:
            return None  # "…, dénonçant la dictature": the sentence's subject acts, nothing is reported
        if "VerbForm=Part" in verb.morph and not any(c.dep_.startswith("aux") for c in verb.children):
            return None  # "…, Harvey Weinstein, accusé de viols": a participle describes, it reports nothing
        first, last = written_sentence(doc, verb.i)
        if any(t.text in SENTENCE_STOPS for t in doc[cue.end : last - 1]) or any(
            t.pos_ == "VERB" and t.dep_ in ("ccomp",) for t in doc[cue.end : last]
        ):
            return None
        end = cue.start - 1
        words = doc[first:end]
        if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        if any(t.text in '«»“”"' for t in words):
            return None  # a quotation's incise, handled with the quotation
        if any(c.dep_ in ("nsubj", "nsubj:pass") and first <= c.i < end for c in verb.children):
            return None  # "Lors de son procès, Khaled Drareni, 40 ans, a dénoncé": the subject, not a report
        index = mention_index(doc)
        if any(
            c.dep_ == "obj"
            and c.i > verb.i
            and c.pos_ == "NOUN"
            and index.get(c.i) is None
            and c.lemma_.lower() not in self.source_nouns
            for c in verb.children
        ):
            return None  # "…, 40 ans, avait rejeté les accusations": what it rejects, not who speaks
        return words

    def _clause_from(self, verb: Token, mark: Token, head: Token) -> Span:
        """From "que" to the end of its clause, stopping before the next speech verb of the
        sentence ("…, mais estimé que …" is another report) and at the end of the written sentence."""
        doc = verb.doc
        sentence_end = written_sentence(doc, mark.i)[1]
        end = min(head.right_edge.i + 1, sentence_end)
        if end < sentence_end and _cut_at_quotation(doc, end):
            end = self._clause_end(doc, end, sentence_end)
        for token in doc[head.i + 1 : end]:
            if token.pos_ == "VERB" and token.dep_ == "conj" and self.is_cue_lemma(token):
                end = token.i
                break
        return doc[mark.i : _trim_end(doc, mark.i, end)]

    def _clause_end(self, doc: Doc, start: int, sentence_end: int) -> int:
        """Where a reported clause the parser cut at a quotation mark really ends: the end of the
        written sentence, or an incise ("…, a-t-il ajouté") or a ";" before it."""
        for token in doc[start:sentence_end]:
            if token.text == ";":
                return token.i
            if token.text == "," and any(self.is_cue_lemma(t) for t in doc[token.i + 1 : token.i + 4]):
                return token.i
        return sentence_end

    # --- speakers -------------------------------------------------------------------------

    def subject_candidates(self, verb: Token, cue: Span, quoted: list[tuple[int, int]]) -> list[Token]:
        """Heads of the phrases that may name who speaks through ``verb``, most likely first: an
        inverted clitic ("a-t-il"), its own subject or passive agent, a subject placed after it in an
        incise ("a expliqué le responsable"), the subjects of the verbs it is coordinated with or
        hangs on. The caller takes the first that resolves to someone."""
        for token in cue:
            if token.lower_ in self.grammar.inverted_clitics:
                return [token]
        own = [
            c
            for c in verb.children
            if c.dep_ in SUBJECTS + AGENTS
            and c.lower_ not in self.grammar.euphonic_t
            and not self._object_pronoun(c)  # "leur a promis X": "leur" is whom it was said to
            and not span_set(quoted).covers(c.idx)  # the quotation's own words
            and not (c.dep_ in SUBJECTS and introduced_by_preposition(c))  # "Sur Twitter, X s'est dit"
        ]
        if own and "VerbForm=Part" in verb.morph and "Tense=Pres" in verb.morph:
            index = mention_index(verb.doc)
            if not any(index.get(t.i) is not None for c in own for t in c.subtree):
                own = []  # "…, ajoutant que": a participle adjunct has no subject of its own but a misparse
        incise = self._incise_after_quotation(cue, quoted)
        if own and incise:
            # 'Elle "soulève le coeur…", a tweeté le secrétaire général de RSF': "Elle" is the
            # quotation's own subject, the speaker follows the verb
            own = [c for c in own if c.i > verb.i]
        if len(own) > 1:
            # "le directeur général du département…, Fu Cong a répondu": the name, not the role
            # phrase apposed to it (which could resolve to someone else named before)
            index = mention_index(verb.doc)
            own.sort(key=lambda c: 0 if c.pos_ == "PROPN" and index.get(c.i) is not None else 1)
        if own:
            # "Le chef de la junte, le général Tiani, a affirmé": the parse gives two
            return own + self._words_after(verb, cue) if incise else own
        inherited = self._inherited_subjects(verb)
        if "VerbForm=Part" in verb.morph and "Tense=Pres" in verb.morph:
            # "…, ajoutant que": a participle adjunct speaks with its sentence's speaker, wherever
            # the parser hung it; failing a speech verb, with the subject of the sentence's main verb
            root = sentence_of(verb).root
            main = [c for c in root.children if c.dep_ in SUBJECTS] if root.i < verb.i else []
            inherited = [*self._earlier_speech_subjects(verb, quoted), *inherited, *main]
        after = self._words_after(verb, cue)
        if not after:
            # the first that resolves speaks: "le dossier devrait revenir … et le ministre … Gérald
            # Darmanin a affirmé": the inherited "dossier" names no one, the name before the verb does
            return [*inherited, *(self._subject_of_detached_auxiliary(cue) or self._named_just_before(cue))]
        if self._coordinated_outside_quotes(verb, quoted):
            return [*inherited, *after]  # "Il en fait un outil …, a salué la Russie": Russia is the object
        return [*after, *inherited]

    def _subject_of_detached_auxiliary(self, cue: Span) -> list[Token]:
        """ "Un porte-parole a de son côté souligné que…": the parser reads the auxiliary as the main
        verb, with the subject, and hangs the participle on "côté"."""
        doc = cue.doc
        for token in reversed(doc[max(cue.start - 5, 0) : cue.start]):
            if token.lemma_ in self.grammar.auxiliaries and token.pos_ in ("VERB", "AUX"):
                return [c for c in token.children if c.dep_ in SUBJECTS][:1]
        return []

    def _named_just_before(self, cue: Span) -> list[Token]:
        """A name right before the verb that the parse did not make its subject ("Sur Twitter, le
        Premier ministre Boris Johnson s'est dit « choqué »": attached to "Twitter")."""
        doc = cue.doc
        index = cue.start - 1
        while index >= 0 and (
            doc[index].lower_ in self.grammar.reflexive_pronouns
            or doc[index].lower_ in self.grammar.negation_clitics
            or doc[index].pos_ == "ADV"
        ):
            index -= 1
        if index < 0 or mention_index(doc).get(index) is None:
            return []
        return [doc[index]]

    def _words_after(self, verb: Token, cue: Span) -> list[Token]:
        """Subjects after the verb: as the parse attaches them, else as the words run."""
        doc = verb.doc
        first, last = written_sentence(doc, verb.i)
        start = cue.start
        while start > first and self._object_pronoun(doc[start - 1]):
            start -= 1  # "…, leur a promis X"
        start = self._before_insertions(doc, start, first)
        if not (start == first or doc[start - 1].text in (",", "»", '"', "”")):
            return []  # only an incise or an inversion puts the subject after the verb
        found = [self._post_verbal_subject(verb, cue), self._first_bare_phrase_after(cue, last)]
        return list(dict.fromkeys(t for t in found if t is not None))

    def _before_insertions(self, doc: Doc, start: int, first: int) -> int:
        """Back from the participle over "pour sa part", "de son côté"… and the auxiliary before
        them ("…, avait pour sa part assuré X"), when there is such an insertion."""
        position, skipped = start, False
        while position > first:
            for words in self.grammar.incise_insertions:
                begin = position - len(words)
                if begin >= first and tuple(t.lower_ for t in doc[begin:position]) == words:
                    position, skipped = begin, True
                    break
            else:
                break
        before = doc[position - 1] if position > first else None
        if (
            before is not None
            and before.lemma_ in self.grammar.auxiliaries
            and (skipped or before.dep_.startswith("aux"))
        ):
            return position - 1  # also the auxiliary a multiword cue leaves out ("a mis en garde X")
        return start

    def _object_pronoun(self, token: Token) -> bool:
        if token.pos_ != "PRON":
            return False
        pronoun = self.grammar.pronoun(token.lower_)
        if pronoun is not None:
            return pronoun.role == "object"
        # a clitic that is no subject form ("leur", "les"): the parser's "subject" is an object
        return token.lower_ in self.grammar.clitics and token.lower_ not in self.grammar.forms(role="subject")

    def _incise_after_quotation(self, cue: Span, quoted: list[tuple[int, int]]) -> bool:
        """Is the cue an incise right after a quotation ("« … », a déclaré X")?"""
        # the quotation closing last before the cue: if any leaves no word before it, that one does
        end = span_set(quoted).latest_end_by(cue.start_char)
        return end is not None and not any(ch.isalnum() for ch in doc_text(cue.doc)[end : cue.start_char])

    def subject_of(self, verb: Token, cue: Span) -> Token | None:
        candidates = self.subject_candidates(verb, cue, [])
        return candidates[0] if candidates else None

    def _inherited_subjects(self, verb: Token) -> list[Token]:
        found = []
        current = verb
        crossed_clause = False  # above a "que" clause only another speech verb's subject can speak
        for _ in range(5):
            if current.head.i == current.i or current.dep_ not in ("conj", "xcomp", "advcl", "ccomp"):
                break
            crossed_clause = crossed_clause or current.dep_ == "ccomp"
            current = current.head
            if crossed_clause and not self.is_cue_lemma(current):
                continue
            found += [
                c for c in current.children if c.dep_ in SUBJECTS + AGENTS and c.lower_ not in self.grammar.euphonic_t
            ][:1]
        return found

    def _coordinated_outside_quotes(self, verb: Token, quoted: list[tuple[int, int]]) -> bool:
        """Is ``verb`` a second predicate of a subject stated before it, outside any quotation?"""
        head = verb.head
        if verb.dep_ not in ("conj", "parataxis") or head.i == verb.i or head.i > verb.i:
            return False
        if span_set(quoted).covers(head.idx):
            return False  # « … disent … », a poursuivi X: an incise after a quotation
        return any(c.dep_ in SUBJECTS for c in head.children)

    def _earlier_speech_subjects(self, verb: Token, quoted: list[tuple[int, int]]) -> list[Token]:
        doc = verb.doc
        first = written_sentence(doc, verb.i)[0]
        for token in reversed(doc[first : verb.i]):
            if (token.pos_ in ("VERB", "AUX") or self._verb_in_disguise(token)) and self.is_cue_lemma(token):
                if "VerbForm=Part" in token.morph and "Tense=Pres" in token.morph:
                    continue  # "Ajoutant sa voix…, le barreau a diffusé une analyse concluant…": it has no speaker
                if _subordinate_elsewhere(token, verb):
                    continue  # "Alors qu'X a annoncé …, Y a botté en touche, arguant …": Y argues
                found = self.subject_candidates(token, self.cue_span(token), quoted)
                if found:
                    return found
        return []

    def _post_verbal_subject(self, verb: Token, cue: Span) -> Token | None:
        """In an incise or an inversion the subject follows the verb, often parsed as an object
        ("…, a expliqué le responsable", "…, ont indiqué mardi Gilles Simeoni et …"). Times
        ("mardi", "lundi soir") are skipped."""
        doc = verb.doc
        first, last = written_sentence(doc, verb.i)
        preceded = cue.start > first and doc[cue.start - 1].text in (",", "»", '"', "”")
        starts_sentence = cue.start == first
        if not (preceded or starts_sentence):
            return None
        index = mention_index(doc)
        children = list(verb.children)
        for child in list(children):
            if child.pos_ in ("VERB", "AUX") and index.get(child.i) is not None:
                children.extend(child.children)  # "a souligné sur France Inter la maire…": "Inter" read as a verb
        for child in sorted(children, key=lambda t: t.i):
            if child.i < cue.end or child.i >= last or child.dep_ in ("punct", "obl:mod", "advmod", "mark", "cc"):
                continue
            if fold(child.text) in self.date_words or (child.pos_ in ("VERB", "AUX") and index.get(child.i)):
                continue
            if child.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and not any(c.dep_ == "case" for c in child.children):
                return child  # the parser calls it obj, xcomp, appos: its place says subject
            hung = [
                c
                for c in child.children
                if c.pos_ == "PROPN"
                and c.i > child.i
                and (c.dep_ == "appos" or (c.dep_ == "nmod" and not any(g.dep_ == "case" for g in c.children)))
            ]
            if hung and child.i < hung[0].i:
                return hung[0]  # "a déclaré à l'AFP Me Nouredine Benissad": hung on the addressee
        return None

    def _first_bare_phrase_after(self, cue: Span, last: int) -> Token | None:
        """The parse often hangs an incise's subject on a complement ("a plaidé dans un communiqué
        le Comité pour la protection des journalistes"): read the words after the verb instead,
        skipping complements, times and adverbs; the first noun phrase no preposition introduces is
        the subject. A verb or a relative pronoun first: there is none."""
        doc = cue.doc
        index = cue.end
        while index < last:
            token = doc[index]
            if token.pos_ == "ADP":
                # skip the complement's own noun and name, not what the parse hung on it
                noun = token.head if token.head.i > token.i else token
                tight = [c.right_edge.i for c in noun.children if c.dep_ in TIGHT_DEPS and c.i > noun.i]
                index = max([noun.i, token.i, *tight]) + 1
                continue
            if (token.is_punct and token.text in ',«»"“”') or token.pos_ in ("ADV", "DET", "PART"):
                index += 1
                continue
            if fold(token.text) in self.date_words or token.like_num:
                index += 1
                if index < last and doc[index].text[:1].islower() and doc[index].pos_ not in ("DET", "ADP", "PRON"):
                    index += 1  # "lundi après-midi", "mardi soir"
                continue
            following = doc[token.i + 1] if token.i + 1 < last else None
            titled = token.pos_ == "NOUN" and token.text[:1].isupper()
            if titled and following is not None and following.pos_ == "PROPN":
                return following  # "Me Mustapha Bouchachi": a title before the name
            if token.pos_ in ("NOUN", "PROPN") or (
                token.pos_ == "PRON" and token.lower_ not in self.grammar.relative_pronouns
            ):
                return token
            return None
        return None

    def first_speaker(self, heads: list[Token], verb: Token | None, coref: Coreference, quoted) -> Speech:
        """The first of ``heads`` that resolves to a speaker (a cue-less Speech; unresolved if none)."""
        for head in heads:
            # a subject inherited from a verb that is no speech ("elle était revenue…, plaidant")
            # follows the text's salience, not the last speaker
            speaking = verb is None or head.head.i == verb.i or self.is_cue_lemma(head.head)
            speech = self.speaker_of(head, verb, coref, quoted, speaking=speaking)
            if speech.speaker_key is not None:
                return speech
        return Speech(None, heads[0] if heads else None, None)

    def speaker_of(
        self, head: Token | None, verb: Token | None, coref: Coreference, quoted, *, speaking: bool = True
    ) -> Speech:
        """Resolve the phrase headed by ``head`` to a speaker (filled into a new, cue-less Speech).
        ``speaking``: the phrase is the subject of a speech verb, so a pronoun leans to the last
        speaker; the subject of any other verb ("il s'en est pris à …") follows the salience of
        what the text just said instead."""
        speech = Speech(None, head, None)
        if head is None:
            return speech
        doc = head.doc
        if head.lower_.lstrip("-") in self.impersonal:  # "a-t-on annoncé de source officielle à Téhéran"
            place = self._impersonal_source(verb) if verb is not None else None
            if place is not None:
                speech.speaker = speech.speaker_key = place[0]
                speech.speaker_span, speech.rule = place[1], "impersonal"
            return speech
        if not doc.has_annotation("DEP"):  # no parse to walk: the words named at the head only
            found = mention_index(doc).get(head.i)
            if found is not None:
                speech.speaker = speech.speaker_key = found.actor
                speech.speaker_span = doc.char_span(found.start, found.end, alignment_mode="expand")
                speech.rule = found.rule or "name"
            return speech
        # a person named beside the phrase speaks ("l'ambassadeur estonien à l'ONU, Sven Jürgenson"),
        # whatever the phrase itself stands for
        mention = (
            apposed_person(doc, head, coref.actors)
            or mention_index(doc).get(head.i)
            or person_apposed_before(doc, head, coref.actors)
        )
        mention = _kin_of(doc, mention) or mention
        if mention is None:  # a pronoun, a description, an anonymous source
            referent = coref.resolve(head, speaking=speaking, excluded=quoted)
            if referent is None and head.lemma_.lower() in self.possessor_voices:
                possessive = next((c for c in head.children if c.dep_ == "det" and "Poss=Yes" in c.morph), None)
                referent = coref.possessor(possessive) if possessive is not None else None
            if referent is not None:
                self._fill(speech, referent, doc)
                return speech
            mention = phrase_mention(doc, head, coref.actors, self.possessor_voices)
        actor = coref.actors.get(mention.actor) if mention is not None else None
        if mention is not None and (actor is None or actor.type in SPEAKING_TYPES):  # places do not speak
            speech.speaker = speech.speaker_key = mention.actor
            speech.speaker_span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            speech.rule = mention.rule or "name"
        return speech

    def _fill(self, speech: Speech, referent: Referent, doc: Doc) -> None:
        speech.speaker = referent.actor
        speech.speaker_key = referent.key or referent.actor
        speech.speaker_span = doc.char_span(referent.start, referent.end, alignment_mode="expand")
        speech.antecedent = referent.antecedent
        speech.rule = referent.rule

    def _impersonal_source(self, verb: Token) -> tuple[str, Span] | None:
        """ "insistait-on à l'état-major", "a-t-on appris de source proche": the place or body named
        in the clause speaks."""
        doc = verb.doc
        index = mention_index(doc)
        last = written_sentence(doc, verb.i)[1]
        for token in doc[verb.i + 1 : last]:
            mention = index.get(token.i)
            if mention is None:
                continue
            actor = (doc._.telex_actors or {}).get(mention.actor)
            if actor is not None and actor.type in SPEAKING_TYPES:
                return mention.actor, doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return None

    # --- markers --------------------------------------------------------------------------

    def marker_at(self, doc: Doc, index: int) -> tuple[int, Cue] | None:
        """A "selon X" marker starting at token ``index``: (index after the marker, cue)."""
        token = doc[index]
        for cue in self.markers_by_first_word.get(token.lemma_.lower(), ()) + self.markers_by_first_word.get(
            token.lower_, ()
        ):
            words = cue.words
            end = index + len(words)
            if end > len(doc):
                continue
            if all(doc[index + k].lemma_.lower() == w or doc[index + k].lower_ == w for k, w in enumerate(words)):
                if cue.ambiguous and not (index == sentence_of(token).start and "," in doc[end : end + 6].text):
                    continue  # "pour X, …" only opening a sentence
                return end, cue
        return None

    def marker_speeches(self, doc: Doc, quoted: list[tuple[int, int]]) -> list[Speech]:
        """ "selon X", "d'après X", and sentence-initial "pour X," introduce reported speech."""
        found = []
        first_words = self.markers_by_first_word
        for sentence in sentences(doc):
            for token in sentence:
                if token.lower_ not in first_words and token.lemma_.lower() not in first_words:
                    continue  # what marker_at finds first, without building its list of cues
                marker = self.marker_at(doc, token.i)
                if marker is None or span_set(quoted).covers(token.idx) or in_heading(doc, token.idx):
                    continue
                marker_end, entry = marker
                if marker_end >= sentence.end or "PronType=Rel" in doc[marker_end].morph:
                    continue  # "des révélations selon lesquelles …": a relative clause, no source
                head_index = marker_end
                while head_index + 1 < sentence.end and doc[head_index].lower_ in self.grammar.determiners:
                    head_index += 1  # "according to the Kremlin"
                head = doc[head_index]
                if doc[marker_end - 1].lower_ in self.source_nouns:
                    head = doc[marker_end - 1]  # "de source officielle à Téhéran": the source is the speaker
                while (
                    head.head.i != head.i
                    and head.head.i >= marker_end
                    and head.head.i < sentence.end
                    and head.dep_ in ("amod", "flat:name", "flat", "fixed", "compound")
                ):
                    head = head.head
                cue = doc[token.i : marker_end]
                speech = Speech(
                    cue,
                    head,
                    marker_candidates(head, self.receiving_verbs),
                    stance=entry.stance,
                    rule="marker",
                    ambiguous=entry.ambiguous,
                )
                found.append((speech, marker_end, sentence))
        speeches = []
        for speech, marker_end, sentence in found:
            speeches.append(speech)
            speech_end = marker_end
            while speech_end < sentence.end and doc[speech_end].text not in (",", ":", ";"):
                speech_end += 1
            following = doc[speech_end + 1] if speech_end + 1 < sentence.end else None
            if following is not None and following.dep_ == "acl" and following.head.i < speech_end:
                speech_end = following.right_edge.i + 1  # "selon le projet, obtenu par l'AFP, …"
            first, last = written_sentence(doc, speech.cue.start)
            first, last = _parenthesis_around(doc, speech.cue.start, first, last)
            rest = [t for t in doc[first:last] if not (speech.cue.start <= t.i <= speech_end)]
            if rest:
                start, end = rest[0].i, _trim_end(doc, rest[0].i, rest[-1].i + 1)
                if end > start:
                    speech.clause = doc[start:end]
        return speeches


REFLEXIVE_DEPS = frozenset({"expl:pv", "expl:comp", "expl:pass", "expl", "obj"})
TIGHT_DEPS = frozenset({"flat:name", "flat", "compound", "amod", "fixed"})
QUOTE_MARKS = frozenset('«»“”"')
CLAUSAL_DEPS = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})


def _parenthesis_around(doc: Doc, index: int, first: int, last: int) -> tuple[int, int]:
    """A marker inside parentheses reports what they hold ("des intérêts (qui s'élèveraient à 6%
    selon le RN)"), not the whole sentence: the token range inside them, else (first, last)."""
    opening = next((i for i in range(index - 1, first - 1, -1) if doc[i].text in "()"), None)
    if opening is None or doc[opening].text != "(":
        return first, last
    closing = next((i for i in range(index + 1, last) if doc[i].text == ")"), None)
    return opening + 1, closing if closing is not None else last


def _subordinate_elsewhere(cue: Token, verb: Token) -> bool:
    """Whether a speech verb sits in an adverbial clause opened by a subordinator ("alors que",
    "après que") that does not hold ``verb``: it belongs to a circumstance, not to the sentence's
    speaker."""
    clause = cue
    while clause.dep_ in ("xcomp", "conj", "ccomp") and clause.head.i != clause.i:
        clause = clause.head  # up to the clause that holds the cue
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" for c in clause.children):
        return False
    return not (clause.left_edge.i <= verb.i <= clause.right_edge.i)


def marker_candidates(head: Token, receiving_verbs: frozenset[str] = frozenset()) -> list[Token]:
    """Who a "selon" names: its noun, else the one its noun comes from ("selon un comptage de
    l'AFP", "selon un bilan établi par le ministère": the AFP, the ministry). Whoever obtained
    or consulted a document did not write it ("selon un document obtenu par l'AFP")."""
    candidates = [head]
    for child in head.children:
        if child.dep_ == "nmod" and child.i > head.i:
            candidates.append(child)
        if child.dep_ == "acl" and child.lemma_.lower() not in receiving_verbs:
            candidates.extend(c for c in child.children if c.dep_ == "obl:agent")
    return candidates


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``, without its relative or other clauses
    ("le leader de FO, qui entend ... au président": not the president)."""
    found, pending = [], [head]
    while pending:
        token = pending.pop()
        found.append(token)
        pending.extend(child for child in token.children if child.dep_ not in CLAUSAL_DEPS)
    return sorted(found, key=lambda t: t.i)


def apposed_person(doc: Doc, head: Token, actors):
    """A person named in apposition to a noun phrase ("la cheffe des démocrates au Congrès Nancy
    Pelosi"), never one named in its complement ("l'ancien vice-président *de* Barack Obama")."""
    if head.pos_ not in ("NOUN", "PRON", "NUM"):  # "un des porte-parole de LR, Gilles Platret"
        return None
    index = mention_index(doc)
    own = index.get(head.i)
    # "le chef du Bureau …, Vic Reynolds" names the chief; "selon les informations de L'Express,
    # Emmanuel Macron aurait…" opens the reported clause
    introduced_head = any(c.dep_ == "case" for c in head.children)
    a_role = not introduced_head and (own is None or (own.rule or "").startswith("role"))
    people = []
    for token in phrase_tokens(head):
        mention = index.get(token.i)
        if mention is None or token.i <= head.i:
            continue
        actor = actors.get(mention.actor)
        introduced = _introduced_below(token, head, a_role)
        if actor is not None and actor.type == "person" and not introduced:
            people.append(mention)
    return people[-1] if people else None


def _kin_of(doc: Doc, mention):
    """ "La famille d'Ahmaud Arbery réclamait": the relatives named just before a person, whom
    the parser may leave out of the subject, are who acts."""
    if mention is None:
        return None
    first = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if first is None:
        return None
    start = first.start
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1  # "d'Ahmaud Arbery" whose parts the model named apart
    if start < 2 or doc[start - 1].lower_ not in ("de", "d'", "d’"):
        return None
    before = mention_index(doc).get(start - 2)
    return before if before is not None and (before.rule or "") == "kin" else None


def person_apposed_before(doc: Doc, head: Token, actors):
    """ "Hogan Gidley, un ancien porte-parole de la Maison Blanche, a dénoncé": a person named
    right before a common-noun subject, a comma between, is who that phrase describes (the parser
    often hangs the name elsewhere)."""
    if head.pos_ != "NOUN":
        return None
    comma = head.left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    mention = mention_index(doc).get(comma - 1)
    if mention is None:
        return None
    actor = actors.get(mention.actor)
    name = doc[comma - 1]
    while name.dep_ in ("flat:name", "flat") and name.head.i < name.i:
        name = name.head
    if actor is None or actor.type != "person" or any(c.dep_ == "case" for c in name.children):
        return None  # "de Barack Obama, l'ancien président": introduced by a preposition
    start = name.left_edge.i
    if start > 0 and doc[start - 1].text not in (",", "\n") and not doc[start].is_sent_start:
        return None
    return mention


def _introduced_below(token: Token, head: Token, after_comma_apposes: bool = True) -> bool:
    """Does a preposition introduce ``token`` or one of its heads below ``head`` ("de Barack
    Obama", whose surname the parser may hang on the first name)?"""
    current = token
    while current.i != head.i and current.head.i != current.i:
        if any(c.dep_ == "case" for c in current.children):
            return True
        if after_comma_apposes and current.dep_ in ("appos", "conj") and current.doc[current.i - 1].text == ",":
            return False  # "le chef du Bureau …, Vic Reynolds": after a comma, the whole phrase's apposition
        current = current.head
    return False


def phrase_mention(doc: Doc, head: Token, actors, voices: frozenset[str] = frozenset()):
    """The actor mention naming the phrase headed by ``head``: the head itself, else a name, role or
    demonym inside the phrase ("le Président russe", "le gouvernement malien") — not a person in a
    noun's complement ("le vice-président de X": X is someone else), unless the noun is one of the
    ``voices`` a person speaks through ("la voix de X", "le camp de X")."""
    index = mention_index(doc)
    found = index.get(head.i)
    if found is not None or head.pos_ == "PRON":
        return found
    complement_people = set()
    speaks_through = head.lemma_.lower() in voices or head.lower_ in voices  # "la voix de X"
    for token in phrase_tokens(head):
        if token.i == head.i or token.dep_ not in ("flat:name", "amod", "nmod", "appos", "det", "case", "fixed"):
            continue
        found = index.get(token.i)
        if found is None or found.actor in complement_people:
            continue  # "Obama" after "Barack", the complement's own name
        actor = actors.get(found.actor)
        if (
            token.dep_ == "nmod"
            and head.pos_ == "NOUN"
            and actor is not None
            and actor.type == "person"
            and not speaks_through
        ):
            complement_people.add(found.actor)
            continue
        return found
    return None


def in_heading(doc: Doc, char: int) -> bool:
    block = block_at(doc, char)
    return block is not None and block.kind == HEADING


def written_sentence(doc: Doc, index: int) -> tuple[int, int]:
    """The token bounds of the sentence as written around ``index``: from the previous to the next
    full stop followed by a capital (or a quotation mark), or line break. The parser's sentences
    are not used here: straight quotes make it join several sentences or split one."""
    start, end = 0, len(doc)
    for position in range(index - 1, -1, -1):
        token = doc[position]
        if "\n" in token.text or (token.text in SENTENCE_STOPS and doc[position + 1].text[:1].isupper()):
            start = position + 1
            break
    for position in range(index, len(doc)):
        token = doc[position]
        if "\n" in token.text:
            end = position
            break
        if token.text in SENTENCE_STOPS and (
            position + 1 == len(doc) or doc[position + 1].text[:1].isupper() or doc[position + 1].text[:1] in '«"“'
        ):
            end = position + 1
            break
    return start, end


def _cut_at_quotation(doc: Doc, end: int) -> bool:
    """The parse often ends a "que" clause at a quotation mark inside it ('a déploré que "des
    salariés", "des syndicats" bloquent…'): the clause goes on after it."""
    return any(t.text in QUOTE_MARKS for t in doc[max(end - 1, 0) : end + 2])


def _trim_end(doc: Doc, start: int, end: int) -> int:
    while end > start + 1 and (
        (doc[end - 1].is_punct and doc[end - 1].text not in '»”"')
        or doc[end - 1].dep_ in ("cc", "aux", "aux:tense")
        or doc[end - 1].is_space
    ):
        end -= 1
    return end


def text_between_has_words(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


def words_speeches(finder: SpeechFinder, doc: Doc, quoted: list[tuple[int, int]], coref: Coreference) -> list[Speech]:
    """Speech verbs found by their word forms, speakers by adjacency, for a language without a
    parser here: "X said", "said X", "he added", "X said that …"."""
    found = []
    text = doc_text(doc)
    mentions = sorted(doc._.telex_mentions or (), key=lambda m: m.start)
    starts = [m.start for m in mentions]
    actors = doc._.telex_actors or {}
    pronouns = finder.grammar.forms(number="sing", role="subject", animate=True)
    for token in doc:
        if span_set(quoted).covers(token.idx):
            continue
        cue = finder.cues.find(token.lower_)
        if cue is None:
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        preceding = doc[token.i - 1] if token.i > 0 else None
        near_quote = any(t.text in ('"', "”", "“", "»", ":") for t in doc[max(token.i - 3, 0) : token.i + 3])
        if cue.ambiguous and not (
            near_quote or (following is not None and following.lower_ in finder.grammar.complementizers)
        ):
            continue
        speech = Speech(doc[token.i : token.i + 1], None, stance=cue.stance, rule="adjacent")
        position = bisect_right(starts, token.idx)
        before = mentions[position - 1] if position > 0 else None
        after = mentions[position] if position < len(mentions) else None
        if before is not None and before.end <= token.idx and not text_between_has_words(text, before.end, token.idx):
            speech.speaker = speech.speaker_key = before.actor  # "Putin said"
            speech.speaker_span = doc.char_span(before.start, before.end, alignment_mode="expand")
        elif preceding is not None and preceding.lower_ in pronouns:
            speech = finder.speaker_of(preceding, None, coref, quoted)
            speech.cue, speech.stance = doc[token.i : token.i + 1], cue.stance
        elif (
            after is not None
            and len(text[token.idx + len(token.text) : after.start].split()) <= 3
            and actors.get(after.actor) is not None
            and actors[after.actor].type in SPEAKING_TYPES
        ):  # "said Putin", "said the Kremlin spokesman Dmitry Peskov"
            speech.speaker = speech.speaker_key = after.actor
            speech.speaker_span = doc.char_span(after.start, after.end, alignment_mode="expand")
        sentence = sentence_of(token)
        clause = None
        if (
            following is not None
            and following.lower_ in finder.grammar.complementizers
            and following.i + 1 < sentence.end
        ):
            clause = doc[following.i : sentence.end]
        elif (
            speech.speaker_span is not None
            and speech.speaker_span.end <= token.i
            and following is not None
            and following.lower_ in finder.grammar.clause_openers
            and following.i + 2 < sentence.end
        ):  # "Putin said the talks were useful", not "Putin said on Wednesday"
            clause = doc[following.i : sentence.end]
        if clause is not None:
            end = clause.end
            while end > clause.start + 1 and doc[end - 1].is_punct:
                end -= 1
            speech.clause = doc[clause.start : end]
        found.append(speech)
    return found
