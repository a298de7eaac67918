"""``telex_quotes``: every quotation in an article, who said it, with which cue.

Three kinds, after the usage of French newsrooms:

- *direct*: words in quotation marks that stand as a sentence of their own, introduced by a
  colon ("a lancé : « … »"), followed by an incise ("« … », a déclaré X"), opening a headline
  ("« Un crétin » : Biden tacle Trump") or floating after the sentence that names the speaker;
- *indirect*: reported speech: the clause after a speech verb ("X a affirmé que …"), an infinitive
  report ("nie avoir été informé"), the clause before an inverted verb ("…, précise l'OFAG"), or a
  sentence under "selon X" / "d'après X" / "pour X,";
- *fragment*: quoted words inside a sentence (« lutte sacrée »), attributed to the speaker of the
  reported speech around them or of the speech verb of their sentence — and to nobody when there
  is none (scare quotes).

Speakers are resolved in text order through the document's coreference, so pronouns ("a-t-il
ajouté"), descriptions ("a expliqué le responsable") and anonymous sources ("selon une source
proche de l'état-major") get their speaker, and a run of quotes keeps it. Quotes repeated in the
title, the standfirst or a heading take the speaker of their occurrence in the body; a heading's
other quotes are not quotes of anyone.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from telex.actors.knowledge import load_actor_words, load_knowledge
from telex.clean.dates import load_date_words
from telex.clean.normalize import fold
from telex.knowledge import Knowledge
from telex.nlp.blocks import HEADING, PARAGRAPH, STANDFIRST, TITLE, block_at, block_index
from telex.nlp.coref import Coreference, coreference
from telex.nlp.doccache import doc_text, sentence_of
from telex.nlp.extensions import register_extensions
from telex.nlp.grammar import load_grammar
from telex.nlp.index import ByPosition, Intervals, mentions_of, span_set
from telex.quotes.lexicon import load_cues
from telex.quotes.marks import QuotedSpan, find_quoted_spans
from telex.quotes.speech import (
    AGENTS,
    QUOTE_MARKS,
    SPEAKING_TYPES,
    Speech,
    SpeechFinder,
    in_heading,
    text_between_has_words,
    words_speeches,
    written_sentence,
)

SENTENCE_END = ".!?…"
INCISE_WINDOW = 8  # tokens after a closing mark in which an incise's verb must appear
MEDIA_SECTOR = "MED"  # CAMEO sector of news media
CLAUSE_SUBJECT_DEPTH = 6  # how far up the tree a quoted fragment looks for its clause's subject
# Stances whose infinitive complement is an act asked, promised or refused, not words reported
# ("a appelé à faire preuve de prudence", "a refusé de faire un commentaire"): events, not quotes
ACTS_NOT_REPORTS = frozenset({"request", "promise", "reject"})
NOMINAL_SPEECH_DEPTH = 3  # how far up a quoted fragment looks for the speech noun governing it
ECHO_OVERLAP = 0.5  # share of a headline quote's words found in a body quote for it to echo it


@dataclass(frozen=True, slots=True)
class QuoteFound:
    """A quotation in the doc's own text offsets; ``speaker`` is an actor key or None."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None = None  # the words that designate the speaker for this quote
    speaker_end: int | None = None
    stance: str | None = None  # from the cue lexicon: neutral, deny, agree, praise, ...
    antecedent_start: int | None = None  # the name those words stand for (pronouns, descriptions)
    antecedent_end: int | None = None
    rule: str = ""  # how the speaker was found: name, pronoun, description, anonymous, last-speaker, ...


class QuoteExtractor:
    def __init__(self, nlp: Language, name: str, knowledge: Knowledge | None = None) -> None:
        register_extensions()
        self.name = name
        self.language = nlp.lang
        self.knowledge = knowledge
        self.cues = load_cues(self.language, knowledge=knowledge)
        grammar = load_grammar(self.language, knowledge)
        words = load_actor_words(self.language, knowledge)
        dates = load_date_words(knowledge)
        date_words = frozenset(dates.month_numbers) | {fold(n) for names in dates.weekdays.values() for n in names}
        kb = load_knowledge(knowledge=knowledge)
        lang = self.language
        # nouns that name someone, resolved or not: "selon le porte-parole de l'agence", "selon sa
        # famille" stay quotes without a known speaker; "selon les chiffres officiels" names no one
        self.naming_nouns = frozenset(
            fold(noun.split()[0])
            for noun in (
                *kb.role_nouns(lang),
                *kb.agent_nouns(lang),
                *kb.institution_nouns(lang),
                *kb.group_nouns(lang),
                *words.kin_nouns,
                *words.person_descriptions,
                *words.organization_descriptions,
                *words.source_nouns,
                *words.description_sectors,
            )
        )
        self.finder = SpeechFinder(
            self.cues,
            grammar,
            words.impersonal_pronouns,
            words.source_nouns,
            date_words,
            words.receiving_verbs,
            words.possessor_voices,
        )

    # --- the component --------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        coref = coreference(doc, self.knowledge)
        text = doc_text(doc)
        spans = find_quoted_spans(text)
        # 'explique « un important macroniste »': the source's description, no quotation (decided once)
        describing = {id(s) for s in spans if s.depth == 0 and self._describes_the_speaker(doc, s)}
        top = [s for s in spans if s.depth == 0 and id(s) not in describing]
        quoted = span_set([(s.start, s.end) for s in top])  # indexed once: asked at every token
        speeches = self._speeches(doc, quoted, coref)
        found: list[QuoteFound] = []
        for span in spans:
            if id(span) in describing:
                continue  # who speaks, in the source's words
            quote = self._quotation(doc, span, speeches, quoted, coref)
            if quote is not None:
                found.append(quote)
                if quote.speaker is not None and quote.kind == "direct":
                    coref.note_speaker(span.open, quote.speaker)
        infinitives: list[QuoteFound] = []
        for speech in speeches:
            clause = speech.clause
            if clause is None or not clause.text.strip():
                continue
            _speaker_of_governing_quote(speech, found)
            if _opens_a_quotation(clause.start_char, clause.end_char, top):
                continue  # '"La France doit …", a abondé X': the direct quote already holds it
            if speech.infinitive:
                infinitives.append(_quote(clause.start_char, clause.end_char, clause.text, "indirect", speech))
                continue
            if clause[0].lower_ in ("que", "qu'", "qu’") and not _has_a_verb_of_its_own(clause):
                continue  # "que Droukdal", "que les dernières statistiques officielles": a parse cut short
            found.append(_quote(clause.start_char, clause.end_char, clause.text, "indirect", speech))
        for quote in infinitives:  # "…reproché d'avoir…, selon RSF": inside a report, not one of its own
            if not any(o.kind == "indirect" and o.start <= quote.start < o.end for o in found):
                found.append(quote)
        found = self._echoes(doc, found)
        found = _voiced_by_its_people(doc, _without_duplicates(found))
        doc._.telex_quotes = found
        _add_coreferent_mentions(doc, coref)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    # --- speeches -------------------------------------------------------------------------

    def _speeches(self, doc: Doc, quoted: list[tuple[int, int]], coref: Coreference) -> list[Speech]:
        """Every speech cue with its speaker, resolved in text order (a pronoun's speaker is the
        one before it) and noted for the coreference of the speeches after it."""
        finder = self.finder
        pending: list[tuple[int, Speech, object]] = []
        if not doc.has_annotation("DEP"):  # a language without a parser here: word forms and adjacency
            for speech in words_speeches(finder, doc, quoted, coref):
                coref.note_speaker(speech.start, speech.speaker_key)
                pending.append((speech.start, speech, "resolved"))
        for token in doc if doc.has_annotation("DEP") else ():
            if in_heading(doc, token.idx):
                continue
            cue = finder.cue_of(token, quoted)
            if cue is None:
                continue
            entry, cue_span = cue
            clause = finder.reported_clause(token)
            infinitive = False
            if clause is None and entry.stance not in ACTS_NOT_REPORTS:
                clause = finder.infinitive_report(token)
                infinitive = clause is not None
            if clause is None:
                clause = finder.clause_before(token, cue_span)
            heads = finder.subject_candidates(token, cue_span, quoted)
            if infinitive and any(c.dep_ == "aux:pass" for c in token.children):
                # "Pierre Dupont est accusé (par X) d'avoir fourni…": the accused is no speaker
                heads = [head for head in heads if head.dep_ in AGENTS]
            speech = Speech(
                cue_span, heads[0] if heads else None, heads, stance=entry.stance, clause=clause, infinitive=infinitive
            )
            pending.append((cue_span.start_char, speech, token))
        for speech in finder.marker_speeches(doc, quoted):
            pending.append((speech.start, speech, None))
        resolved = []
        for _start, speech, verb in sorted(pending, key=lambda item: item[0]):
            if verb == "resolved":
                resolved.append(speech)
                continue
            heads = speech.candidates if speech.candidates is not None else [speech.subject] if speech.subject else []
            found = finder.first_speaker(heads, verb, coref, quoted)
            speech.speaker, speech.speaker_key = found.speaker, found.speaker_key
            speech.speaker_span, speech.antecedent = found.speaker_span, found.antecedent
            if speech.rule == "marker":
                speech.rule = f"marker:{found.rule}" if found.rule else "marker"
            else:
                speech.rule = found.rule
            if speech.ambiguous:
                actor = (doc._.telex_actors or {}).get(speech.speaker or "")
                if actor is None or actor.type not in SPEAKING_TYPES:
                    continue  # "pour la première fois, …" is no speech
            if speech.rule.startswith("marker"):
                _speaker_out_of_the_clause(speech, doc)
                if speech.speaker is None:
                    self._issuer_of_the_document(speech, coref, quoted)
            if speech.rule.startswith("marker") and speech.speaker_key is None and not self._names_someone(speech):
                continue  # "selon les chiffres officiels": a marker without a speaker reports nothing
            if not _through_a_document(speech) and not _reporting_body(speech, doc):
                coref.note_speaker(speech.start, speech.speaker_key)
            resolved.append(speech)
        return resolved

    def _names_someone(self, speech: Speech) -> bool:
        """Does a marker name someone telex could not resolve ("selon Rosstat", "selon le
        porte-parole de l'agence iranienne", "selon sa famille")? Their words stay a quote without a
        known speaker. Figures and counts ("selon les chiffres officiels") name no one."""
        head = speech.subject
        if head is None:
            return False
        if head.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in head.subtree if t.i > head.i and t.dep_ != "appos"):
            return True
        return fold(head.lower_) in self.naming_nouns or fold(head.lemma_.lower()) in self.naming_nouns

    def _issuer_of_the_document(self, speech: Speech, coref: Coreference, quoted) -> None:
        """ "La justice japonaise a émis un mandat d'arrêt… Selon le mandat d'arrêt, …": a document
        the marker cites without its author speaks for whoever the article said issued it: the
        subject of the verb the same noun was the object of, earlier in the article."""
        noun = speech.subject
        if noun is None or noun.pos_ != "NOUN":
            return
        lemma = noun.lemma_.lower()
        for earlier in reversed(noun.doc[: noun.i]):
            if earlier.lemma_.lower() != lemma or earlier.dep_ != "obj" or earlier.head.pos_ != "VERB":
                continue
            subjects = [c for c in earlier.head.children if c.dep_ in ("nsubj", "obl:agent")]
            found = self.finder.first_speaker(subjects, earlier.head, coref, quoted) if subjects else None
            if found is not None and found.speaker is not None:
                speech.speaker, speech.speaker_key = found.speaker, found.speaker_key
                speech.speaker_span, speech.antecedent = found.speaker_span, found.antecedent
                speech.rule = f"marker:issuer:{found.rule}"
            return

    def _describes_the_speaker(self, doc: Doc, span: QuotedSpan) -> bool:
        """A noun phrase in quotation marks right after a speech verb, in the place of its inverted
        subject ('…, explique « un important macroniste » au Parisien'): the description the
        journalist was given of the source, not words anyone said."""
        words = doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or not 1 < len(words) <= 5 or words[0].pos_ != "DET":
            return False
        if any(t.pos_ in ("VERB", "AUX") for t in words):
            return False
        previous = words.start - 1
        while previous >= 0 and doc[previous].idx >= span.open:
            previous -= 1  # back over the opening mark, whichever it is
        if previous < 0 or doc[previous].pos_ != "VERB" or not self.finder.is_cue_lemma(doc[previous]):
            return False
        verb = doc[previous]
        auxiliaries = [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i]
        if "VerbForm=Fin" not in verb.morph and not auxiliaries:
            return False  # 'en espérant « un accord rapidement »': what is hoped for
        opening = min([verb.i, *(c.i for c in auxiliaries)])
        # an incise: the verb opens it after a comma or the quotation, with no subject before it
        return (
            opening > 0
            and doc[opening - 1].text in {",", *QUOTE_MARKS}
            and not any(c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i for c in verb.children)
        )

    # --- attribution ----------------------------------------------------------------------

    def _quotation(self, doc, span: QuotedSpan, speeches, quoted, coref: Coreference) -> QuoteFound | None:
        text = doc_text(doc)
        before = text[: span.open].rstrip()
        after = text[span.close + 1 :].lstrip(" \u00a0\u202f\t")
        content = text[span.start : span.end]
        starts_sentence = not before or before[-1] in SENTENCE_END + ':»”"\n' or text[span.open - 1 : span.open] == "\n"
        if before and before[-1] in '»”"' and before[:-1].rstrip()[-1:] not in SENTENCE_END:
            starts_sentence = False  # 'Sa couverture du "Hirak" "relève…"': that quotation is in the sentence
        inner_end = text[span.start : span.close].rstrip()[-1:]
        ends_sentence = not after or after[0] in SENTENCE_END + "\n," or inner_end in SENTENCE_END + ","
        speech = None
        kind = "fragment"
        introduced = self._marker_just_before(doc, span, speeches)
        if span.depth == 0 and introduced is not None and ends_sentence and _is_clause(content):
            kind, speech = "direct", introduced  # "Pour le Qatar, « … »", "Selon X : « … »"
        elif span.depth == 0 and starts_sentence and (ends_sentence or after.startswith(":")) and _is_clause(content):
            kind = "direct"
            incise = self._incise(doc, span, speeches)
            speech = (
                self._incise_after(doc, span, speeches)
                or (incise if incise is not None and self._names_its_source(incise) else None)
                or self._colon_before(doc, span, speeches, before, coref)
                or self._headline(doc, span, after, coref)
                or self._floating(doc, span, coref, speeches)
            )
        elif span.depth == 0 and starts_sentence and after.startswith(":"):
            speech = self._headline(doc, span, after, coref)  # « Un crétin » : Biden tacle Trump
        elif span.depth == 0 and _names_something(doc, span):
            speech = None  # 'le « Commander in Chief »', 'du « Hirak »', 'le principe « Un pays, deux systèmes »'
        elif span.depth == 0:
            speech = (
                self._nominal_speech(doc, span, coref, quoted)
                or self._enclosing_speech(doc, span, speeches)
                or self._clause_subject(doc, span, coref, quoted)
                or self._continued(doc, span, content, coref)
            )
        if speech is None:
            return QuoteFound(span.start, span.end, content, kind, None, None, None, None)
        return _quote(span.start, span.end, content, kind, speech)

    def _marker_just_before(self, doc: Doc, span: QuotedSpan, speeches) -> Speech | None:
        """The first marker speech ("selon X", "pour X") whose speaker's words end right before the
        quotation, a comma or a colon between (found by bisection on where those words end)."""
        text = doc_text(doc)
        reach = span.open  # back over the spaces and the commas or colons a marker may end with
        while reach > 0 and (text[reach - 1].isspace() or text[reach - 1] in ",:"):
            reach -= 1
        candidates = [
            (order, speech)
            for order, speech in _indexed(speeches).markers_by_name_end.between(reach, span.open + 1)
            if text[speech.speaker_span.end_char : span.open].strip() in (",", ":", "")
        ]
        return min(candidates, key=lambda item: item[0])[1] if candidates else None

    def _incise_after(self, doc, span: QuotedSpan, speeches) -> Speech | None:
        """ "« … », a déclaré X" / "« … », a-t-il ajouté" / "« … », selon X"; "« Non ! » lance-t-il"."""
        speech = self._incise(doc, span, speeches)
        return speech if speech is not None and (speech.speaker_key is not None or speech.rule == "anonymous") else None

    def _names_its_source(self, speech: Speech) -> bool:
        """An incise whose subject is an indefinite description no actor answers to ('…, explique
        « un important macroniste » au Parisien'): someone the article does not name speaks, not the
        speaker of the quotation before."""
        doc = speech.cue.doc
        verb = speech.cue.root
        _first, last = written_sentence(doc, verb.i)
        after = [t for t in doc[speech.cue.end : min(speech.cue.end + 4, last)] if not t.is_punct]
        return bool(after) and after[0].pos_ == "DET" and "Definite=Ind" in after[0].morph

    def _incise(self, doc, span: QuotedSpan, speeches) -> Speech | None:
        """The speech verb of the incise right after a quotation, whoever it names."""
        after = doc_text(doc)[span.close + 1 :].lstrip(" \u00a0\u202f")
        content_end = doc_text(doc)[span.start : span.close].rstrip()[-1:]  # the comma inside "…," counts
        if not (after.startswith(",") or content_end == "," or (content_end in "!?…" and after[:1].islower())):
            return None
        following = doc.char_span(span.close, span.close + 1, alignment_mode="expand")
        if following is None:
            return None
        first = following.end
        limit = min(first + INCISE_WINDOW, len(doc))
        for _order, speech in sorted(_indexed(speeches).by_cue.between(first, limit), key=lambda item: item[0]):
            if not any(t.is_sent_start for t in doc[first + 1 : speech.cue.start + 1]) and all(
                not t.is_punct or t.text == "," for t in doc[first : speech.cue.start]
            ):
                return speech
        return None

    def _colon_before(self, doc, span: QuotedSpan, speeches, before: str, coref: Coreference) -> Speech | None:
        """ "X a lancé à son hôte : « … »", "Et d'ajouter : « … »" or "X : « … »"."""
        if not before.endswith(":"):
            return None
        colon = len(before) - 1
        colon_span = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if colon_span is None:
            return None
        sentence_start = sentence_of(colon_span[0]).start_char
        speech = _indexed(speeches).last_cue_within(sentence_start, colon)
        if speech is not None:
            if speech.speaker_key is not None:
                return speech
            return self._last_speaker(doc, span, coref, "continues-colon")  # "Et d'ajouter :"
        introduced = self._clause_subject_before(doc, colon_span, coref)
        if introduced is not None:
            return introduced
        for mention in mentions_of(doc).ending_by(colon):  # "Vladimir Poutine : « … »"
            if mention.end <= colon and not text_between_has_words(doc_text(doc), mention.end, colon):
                actor = (doc._.telex_actors or {}).get(mention.actor)
                if actor is not None and actor.type in ("person", "organization", "group"):
                    name = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                    return Speech(
                        colon_span,
                        None,
                        stance="neutral",
                        speaker=mention.actor,
                        speaker_key=mention.actor,
                        speaker_span=name,
                        rule="name-colon",
                    )
            if mention.end <= colon:
                break
        return None

    def _clause_subject_before(self, doc: Doc, colon_span: Span, coref: Coreference) -> Speech | None:
        """ "X a pris la parole devant l'Assemblée : « … »": a clause ending in a colon before a
        quotation introduces its speaker, whatever its verb."""
        if colon_span.start == 0:
            return None
        verb = doc[colon_span.start - 1]
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or verb.i > colon_span.start:
            return None
        cue = self.finder.cue_span(verb)
        found = self.finder.first_speaker(self.finder.subject_candidates(verb, cue, []), verb, coref, [])
        if found.speaker_key is None:
            return None
        found.cue, found.stance = cue, "neutral"
        return found

    def _headline(self, doc: Doc, span: QuotedSpan, after: str, coref: Coreference) -> Speech | None:
        """ "« Un parfait crétin » : Joe Biden a répondu mardi…": in headlines and leads a quotation
        before a colon is said by the subject of the clause after it."""
        if not after.startswith(":"):
            return None
        colon = doc_text(doc).index(":", span.close)
        following = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if following is None or following.end >= len(doc):
            return None
        last = written_sentence(doc, following.end)[1]
        for token in doc[following.end : last]:
            if token.dep_ in ("nsubj", "nsubj:pass") and token.head.pos_ in ("VERB", "AUX") and token.head.i < last:
                found = self.finder.speaker_of(token, token.head, coref, [])
                if found.speaker_key is not None:
                    found.cue, found.stance = self.finder.cue_span(token.head), "neutral"
                    found.rule = f"headline:{found.rule}"
                    return found
                return None
        return None

    def _floating(self, doc, span: QuotedSpan, coref: Coreference, speeches) -> Speech | None:
        """A quote standing alone continues the latest speaker of its paragraph or the one before
        (never across a heading), with the cue that introduced them when a speech did."""
        incise = self._incise(doc, span, speeches)  # unresolved, it still says how many speak
        number = _verb_number(incise.cue.root) if incise is not None and incise.cue is not None else None
        titled = incise is not None and incise.cue is not None and _quoted_title_after(doc, incise.cue)
        found = self._last_speaker(doc, span, coref, "last-speaker", within_blocks=1, number=number, person=titled)
        if found is None:
            return self._previous_subject(doc, span, coref) or self._next_incise(doc, span, speeches)
        earlier = _indexed(speeches).last_cue_by(found.speaker_key, span.open)
        if earlier is not None:
            found.cue, found.speaker_span, found.antecedent = earlier.cue, earlier.speaker_span, earlier.antecedent
        return found

    def _next_incise(self, doc, span: QuotedSpan, speeches) -> Speech | None:
        """'« Ca faisait deux jours … ».' then '« C'est une construction », a précisé X': with
        nobody heard before, a quote standing alone is the words of whoever the next quotation's
        incise names, in the same paragraph or the next."""
        here = block_index(doc, span.open)
        text = doc_text(doc)
        for speech in sorted(speeches, key=lambda s: s.start):
            if speech.cue is None or speech.start <= span.close or speech.speaker_key is None:
                continue
            if block_index(doc, speech.start) - here > 1 or speech.rule.startswith("marker"):
                return None
            before = text[: speech.start].rstrip(" ,\u00a0")
            if before[-1:] in '»”"':  # an incise: '« … », a précisé X'
                return replace(speech, rule=f"next-incise:{speech.rule}")
            return None
        return None

    def _previous_subject(self, doc, span: QuotedSpan, coref: Coreference) -> Speech | None:
        """ "Et il n'a pas mâché ses mots. « C'est un crétin » ": with nobody heard before, a quote
        that follows a sentence of its own paragraph is that sentence's subject's, if someone."""
        opening = doc.char_span(span.open, span.open + 1, alignment_mode="expand")
        block = block_at(doc, span.open)
        if opening is None or opening.start == 0 or block is None or block.kind != PARAGRAPH:
            return None
        first, _last = written_sentence(doc, opening.start - 1)
        if doc[first].idx < block.start:
            return None
        root = next((t for t in doc[first : opening.start] if t.dep_ == "ROOT"), None)
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "expl:subj")), None) if root else None
        if subject is None or any(t.text in '«»“”"' for t in doc[first : opening.start]):
            return None
        found = self.finder.speaker_of(subject, root, coref, [])
        actor = (doc._.telex_actors or {}).get(found.speaker or "")
        if found.speaker_key is None or actor is None or actor.type != "person":
            return None
        found.rule = f"previous-subject:{found.rule}"
        return found

    def _last_speaker(
        self,
        doc,
        span: QuotedSpan,
        coref: Coreference,
        rule: str,
        within_blocks: int = 1,
        number: str | None = None,
        person: bool = False,
    ) -> Speech | None:
        key = coref.last_speaker(span.open, within_blocks=within_blocks, number=number, person=person)
        if key is None or _heading_between(doc, coref, key, span.open):
            return None
        return Speech(None, None, stance="neutral", speaker=coref.actor_of(key), speaker_key=key, rule=rule)

    def _enclosing_speech(self, doc, span: QuotedSpan, speeches) -> Speech | None:
        """The speech a fragment belongs to: the clause a speech verb reports around it, else the
        speech verb of its own sentence, else a "selon X" around it ("X a dénoncé « … », selon son
        entourage": X's words)."""
        markers = []
        for _order, speech in sorted(_indexed(speeches).clauses.containing(span.open), key=lambda item: item[0]):
            clause = speech.clause
            if clause is not None and clause.start_char <= span.open and span.close < clause.end_char + 1:
                if speech.rule.startswith("marker"):
                    markers.append(speech)
                    continue
                return speech if speech.speaker_key is not None else None
        around = doc.char_span(span.start, span.end, alignment_mode="expand")
        if around is None:
            return None
        first, last = written_sentence(doc, around.start)
        same_sentence = [
            s
            for _order, s in sorted(_indexed(speeches).by_cue.between(first, last), key=lambda item: item[0])
            if s.speaker_key is not None and not s.rule.startswith("marker")
        ]
        if same_sentence:
            return min(same_sentence, key=lambda s: abs(s.cue.start - around.start))
        return next((m for m in markers if m.speaker_key is not None), None)

    def _nominal_speech(self, doc: Doc, span: QuotedSpan, coref: Coreference, quoted) -> Speech | None:
        """Quoted words governed by a speech noun with its author: "une demande de son homologue
        américain d'« isoler le régime iranien »", "sa promesse de « tout changer »". The noun's
        "de X" or possessive names the speaker, whoever the sentence's verb belongs to."""
        words = doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or not len(words):
            return None
        current = words.root
        for _ in range(NOMINAL_SPEECH_DEPTH):
            if current.head.i == current.i or current.head.pos_ in ("VERB", "AUX"):
                return None
            current = current.head
            if current.pos_ == "NOUN" and self.cues.is_speech_lemma(current.lemma_.lower(), "noun"):
                break
        else:
            return None
        if self.cues.is_speech_lemma(current.head.lemma_.lower()):
            return None  # "en qualifiant les propos du président de « trucs machos »": the qualifier's words
        outside = [c for c in current.children if not (span.open <= c.idx <= span.close)]
        author = next(
            (
                c
                for c in outside
                if c.dep_ == "nmod" and c.i < words.start and any(g.lower_ in ("de", "du", "des") for g in c.children)
            ),
            None,
        ) or next((c for c in outside if c.dep_ == "det" and "Poss=Yes" in c.morph), None)
        if author is None:
            return None
        found = self.finder.speaker_of(author, current, coref, quoted)
        actor = (doc._.telex_actors or {}).get(found.speaker or "")
        if found.speaker_key is None or actor is None or actor.type not in SPEAKING_TYPES:
            return None
        found.rule = f"speech-noun:{found.rule}"
        return found

    def _clause_subject(self, doc: Doc, span: QuotedSpan, coref: Coreference, quoted) -> Speech | None:
        """Quoted words inside a clause with no speech verb are its subject's words ("il s'en est pris
        à la CPI, accusée de n'avoir « aucune légitimité »", "les républicains, qui le surnomment
        « Joe l'endormi »"): the nearest verb above them with an active subject that is someone."""
        words = doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or not len(words) or _is_a_name(words):
            return None
        current = words.root
        # 'Emmanuel Macron a « demandé à ce que … »': the quoted verb's own subject, outside the marks
        own = current.pos_ == "VERB" and any(
            c.dep_ in ("nsubj", "expl:subj")
            and not (span.open <= c.idx <= span.close)
            and c.lower_ not in self.finder.grammar.relative_pronouns  # 'les tensions, qui « restent … »'
            for c in current.children
        )
        for step in range(CLAUSE_SUBJECT_DEPTH):
            if not (own and step == 0):
                if current.head.i == current.i:
                    break
                current = current.head
            if current.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue
            subjects = [c for c in current.children if c.dep_ in ("nsubj", "expl:subj")]
            if not subjects:
                continue
            subject = subjects[0]
            if subject.lower_ in self.finder.grammar.relative_pronouns:
                subject = _antecedent_of_relative(subject, current)  # "les républicains, qui le surnomment …"
                if subject is None:
                    return None
            found = self.finder.speaker_of(subject, current, coref, quoted, speaking=False)
            actor = (doc._.telex_actors or {}).get(found.speaker or "")
            if found.speaker_key is None or actor is None or actor.type not in SPEAKING_TYPES:
                return None
            found.rule = f"clause-subject:{found.rule}"
            return found
        return None

    def _continued(self, doc, span: QuotedSpan, content: str, coref: Coreference) -> Speech | None:
        """Quoted words in a sentence without a speech verb, in a paragraph that reports someone:
        their words too ("Une fois l'objectif identifié, « ça s'est fait dans la journée »")."""
        block = block_at(doc, span.open)
        if block is None or block.kind not in (PARAGRAPH, STANDFIRST) or len(content.split()) < 2:
            return None
        return self._last_speaker(doc, span, coref, "continues", within_blocks=1)

    # --- title, standfirst and headings ---------------------------------------------------

    def _echoes(self, doc: Doc, found: list[QuoteFound]) -> list[QuoteFound]:
        """A quotation in the title, the standfirst or a heading that repeats words quoted in the
        body takes their speaker; a heading's quotation that repeats nothing is nobody's quote."""
        body = [
            q
            for q in found
            if q.speaker is not None and (block := block_at(doc, q.start)) is not None and block.kind == PARAGRAPH
        ]
        result = []
        for quote in found:
            block = block_at(doc, quote.start)
            kind = block.kind if block is not None else PARAGRAPH
            if kind in (TITLE, STANDFIRST, HEADING) and quote.speaker is None:
                source = _echoed(quote, body)
                if source is not None:
                    quote = QuoteFound(
                        quote.start, quote.end, quote.text, quote.kind, source.speaker, source.cue, None, None,
                        source.speaker_start, source.speaker_end, source.stance, source.antecedent_start,
                        source.antecedent_end, "echo",
                    )  # fmt: skip
                elif kind == HEADING:
                    continue
            result.append(quote)
        return result


def _reporting_body(speech: Speech, doc: Doc) -> bool:
    """ "selon The Atlantic": a news medium a marker cites reports what others did; the next "il"
    continues the person the sentence is about, not the magazine."""
    if not speech.rule.startswith("marker"):
        return False
    actor = (doc._.telex_actors or {}).get(speech.speaker or "")
    return actor is not None and (actor.code or "").endswith(MEDIA_SECTOR)


def _speaker_of_governing_quote(speech: Speech, found: list[QuoteFound]) -> None:
    """ "« … », a ajouté le "Commander in Chief", se félicitant que…": a participle adjunct without a
    subject of its own, on the cue of a quotation already attributed, speaks with that quotation's
    speaker (before any other name of the sentence: the quotations are attributed after the cues)."""
    verbs = [t for t in speech.cue or () if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return
    verb = verbs[-1]
    if "VerbForm=Part" not in verb.morph or "Tense=Pres" not in verb.morph or verb.head.i == verb.i:
        return
    if any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children):
        return
    head = verb.head
    opening = min([head.idx, *(c.idx for c in head.children if c.dep_.startswith("aux") and c.i < head.i)])
    for quote in found:
        if quote.speaker is None:
            continue
        its_cue = quote.cue_start is not None and quote.cue_start <= head.idx < quote.cue_end
        # an incise right after the quotation: '« … », a ajouté X' (its speaker found another way)
        incise = quote.kind == "direct" and quote.end <= opening and opening - quote.end <= 4
        # or hung by the parser on a word of the quotation it follows
        inside = quote.kind == "direct" and quote.start <= head.idx < quote.end <= verb.idx
        if its_cue or incise or inside:
            speech.speaker = speech.speaker_key = quote.speaker
            speech.speaker_span = speech.antecedent = None
            speech.rule = "governing-quote"
            return


def _speaker_out_of_the_clause(speech: Speech, doc: Doc) -> None:
    """A "selon" speaker the parse found inside the reported words: a name closed by a comma is the
    marker's apposition, and the words start after it ("Selon l'ambassadeur à l'ONU, Sven
    Jürgenson, la Russie a bloqué…"); a name the clause goes on from is its subject, and the marker
    has no speaker ("Selon le mandat d'arrêt, Carlos Ghosn aurait détourné…")."""
    named, clause, cue = speech.speaker_span, speech.clause, speech.cue
    if named is None or clause is None or cue is None or not (clause.start <= named.start and named.end <= clause.end):
        return
    comma = next((t.i for t in doc[cue.end : named.start] if t.text in (",", ":")), None)
    if comma is None or comma != named.start - 1:
        return  # named within the marker's own phrase ("selon le ministère de X"), or before it
    if named.start == clause.start and named.end < clause.end and doc[named.end].text == ",":
        speech.clause = doc[named.end + 1 : clause.end]
        return
    speech.speaker = speech.speaker_key = None
    speech.speaker_span = speech.antecedent = None


def _through_a_document(speech: Speech) -> bool:
    """ "selon un bilan de l'AFP": the AFP is the source of a count, not someone the next "ses
    membres" or "il" continues."""
    named, subject = speech.speaker_span, speech.subject
    return (
        speech.rule.startswith("marker")
        and named is not None
        and subject is not None
        and not (named.start <= subject.i < named.end)
    )


def _antecedent_of_relative(pronoun: Token, verb: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of its clause, or the noun just before it
    when the parser did not attach the clause to it."""
    if verb.dep_ == "acl:relcl":
        return verb.head
    index = pronoun.i - 1
    while index >= 0 and pronoun.doc[index].is_punct:
        index -= 1
    if index >= 0 and pronoun.doc[index].pos_ in ("NOUN", "PROPN"):
        return pronoun.doc[index]
    return None


def _names_something(doc: Doc, span: QuotedSpan) -> bool:
    """A capitalised quotation of a few words used as a noun, after an article or a noun outside
    the marks ('le « Commander in Chief »', 'du « Hirak »', 'le principe « Un pays, deux systèmes »'):
    the name of a thing, a title or a slogan, which nobody is quoted as saying. After a verb it
    may be someone's words ('qui le surnomment « Joe l'endormi »')."""
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words) or len(words) > 5 or not words[0].text[:1].isupper():
        return False
    previous = words.start - 1
    while previous >= 0 and (doc[previous].is_punct or doc[previous].is_space):
        if doc[previous].text in SENTENCE_END or "\n" in doc[previous].text:
            return False  # a quotation opening a sentence or a paragraph
        previous -= 1
    if previous < 0 or doc[previous].idx + len(doc[previous].text) < doc_text(doc).rfind("\n", 0, span.open):
        return False
    before = doc[previous]
    return before.pos_ in ("DET", "NOUN") or (before.pos_ == "ADP" and "Definite=Def" in before.morph)


def _is_a_name(words: Span) -> bool:
    """'le "Hirak"', '"Mossos d'Esquadra"': a name in quotation marks designates, nobody says it."""
    return all(t.pos_ == "PROPN" or t.is_punct or not t.text[:1].isalpha() for t in words) or (
        len(words) == 1 and words[0].text[:1].isupper()
    )


def _echoed(quote: QuoteFound, body: list[QuoteFound]) -> QuoteFound | None:
    from telex.evaluate.matching import quote_tokens

    words = quote_tokens(quote.text)
    if not words:
        return None
    best, best_share = None, 0.0
    for candidate in body:
        theirs = set(quote_tokens(candidate.text))
        share = sum(1 for word in words if word in theirs) / len(words)
        if share > best_share:
            best, best_share = candidate, share
    return best if best_share >= ECHO_OVERLAP else None


class _SpeechIndex:
    """A doc's resolved speeches by position, each with its place in the list (the order the
    scans they replace went through them, for ties): answers by bisection."""

    def __init__(self, speeches: list) -> None:
        ordered = [(order, speech) for order, speech in enumerate(speeches) if speech.cue is not None]
        self.by_cue = ByPosition(ordered, key=lambda item: item[1].cue.start)  # the cue's first token
        self.markers_by_name_end = ByPosition(
            [
                item
                for item in ordered
                if item[1].clause is not None
                and item[1].speaker_span is not None
                and item[1].speaker is not None
                and item[1].rule.startswith("marker")
            ],
            key=lambda item: item[1].speaker_span.end_char,
        )
        self.clauses = Intervals(
            [(order, speech) for order, speech in enumerate(speeches) if speech.clause is not None],
            span=lambda item: (item[1].clause.start_char, item[1].clause.end_char + 1),
        )
        # speeches come sorted by where their cue starts: the later in the list, the later the cue
        starts = [speech.cue.start_char for _order, speech in ordered]
        self.in_cue_order = all(a <= b for a, b in pairwise(starts))
        self.speeches = speeches
        self.cue_starts = starts
        self.cued = ordered
        self.by_key: dict[str | None, tuple[list[int], list]] = {}
        for _order, speech in ordered:
            key_starts, key_items = self.by_key.setdefault(speech.speaker_key, ([], []))
            key_starts.append(speech.cue.start_char)
            key_items.append(speech)

    def last_cue_within(self, start: int, end: int) -> Speech | None:
        """The last speech (in list order) whose cue lies in ``[start, end]`` characters:
        ``[s for s in speeches if s.cue and start <= s.cue.start_char and s.cue.end_char <= end][-1]``."""
        if not self.in_cue_order:
            found = [
                s for s in self.speeches if s.cue is not None and start <= s.cue.start_char and s.cue.end_char <= end
            ]
            return found[-1] if found else None
        for position in range(bisect_right(self.cue_starts, end) - 1, -1, -1):
            speech = self.cued[position][1]
            if speech.cue.start_char < start:
                return None
            if speech.cue.end_char <= end:
                return speech
        return None

    def last_cue_by(self, key: str | None, end: int) -> Speech | None:
        """The last speech (in list order) of speaker ``key`` whose cue ends by ``end``."""
        if not self.in_cue_order:
            found = [s for s in self.speeches if s.cue is not None and s.cue.end_char <= end and s.speaker_key == key]
            return found[-1] if found else None
        key_starts, key_items = self.by_key.get(key, ([], []))
        for position in range(bisect_right(key_starts, end) - 1, -1, -1):
            if key_items[position].cue.end_char <= end:
                return key_items[position]
        return None


_SPEECH_INDEXES: dict[int, tuple[list, int, _SpeechIndex]] = {}


def _indexed(speeches: list) -> _SpeechIndex:
    """The :class:`_SpeechIndex` of a doc's speeches, built once for the list (and kept with it)."""
    cached = _SPEECH_INDEXES.get(id(speeches))
    if cached is None or cached[0] is not speeches or cached[1] != len(speeches):
        _SPEECH_INDEXES.clear()
        cached = (speeches, len(speeches), _SpeechIndex(speeches))
        _SPEECH_INDEXES[id(speeches)] = cached
    return cached[2]


def _heading_between(doc: Doc, coref: Coreference, key: str, char: int) -> bool:
    """Was the last speaker heard before a heading that comes before ``char``? Then a new section
    started and the speaker does not carry over."""
    spoken = coref.last_spoken(key, char)
    if spoken is None:
        return False
    starts = _heading_starts(doc)
    position = bisect_right(starts, spoken)  # the first heading starting after the speech
    return position < len(starts) and starts[position] < char


def _heading_starts(doc: Doc) -> list[int]:
    """Where the doc's headings start, in order (built once per doc)."""
    cached = doc.user_data.get("telex_heading_starts")
    if cached is None:
        from telex.nlp.blocks import blocks_of

        cached = sorted(block.start for block in blocks_of(doc) if block.kind == HEADING)
        doc.user_data["telex_heading_starts"] = cached
    return cached


def _quote(start: int, end: int, text: str, kind: str, speech: Speech) -> QuoteFound:
    named = speech.speaker_span
    cue = speech.cue
    antecedent = speech.antecedent
    return QuoteFound(
        start,
        end,
        text,
        kind,
        speech.speaker,
        cue.text if cue is not None else None,
        cue.start_char if cue is not None else None,
        cue.end_char if cue is not None else None,
        named.start_char if named is not None else None,
        named.end_char if named is not None else None,
        speech.stance,
        antecedent[0] if antecedent else None,
        antecedent[1] if antecedent else None,
        speech.rule,
    )


def _add_coreferent_mentions(doc: Doc, coref: Coreference) -> None:
    """Pronouns and descriptions resolved here become mentions of their actor ("il" → Joe Biden)."""
    from telex.actors.component import ActorMention

    fresh = [
        ActorMention(r.start, r.end, doc_text(doc)[r.start : r.end], r.actor, f"coref-{r.rule}")
        for r in coref.new_mentions()
    ]
    if not fresh:
        return
    existing = list(doc._.telex_mentions or ())
    taken = {(m.start, m.end) for m in existing}
    merged = existing + [m for m in fresh if (m.start, m.end) not in taken]
    doc._.telex_mentions = sorted(merged, key=lambda m: (m.start, -m.end))


def _has_a_verb_of_its_own(clause: Span) -> bool:
    """Whether reported words say something: a finite verb or an infinitive ("nie avoir été
    informé") that is not inside a relative clause or a participle phrase of the clause."""
    for token in clause:
        if token.pos_ not in ("VERB", "AUX") or not {"Fin", "Inf"} & set(token.morph.get("VerbForm")):
            continue
        current, inside = token, True
        while inside and current.head.i != current.i and clause.start <= current.head.i < clause.end:
            if current.dep_ in ("acl:relcl", "acl"):
                inside = False  # modifies a noun of the clause: "que Bruno Covas, qui lutte contre un cancer"
            current = current.head
        if inside:
            return True
    return False


def _without_duplicates(found: list[QuoteFound]) -> list[QuoteFound]:
    """One quote per stretch of text and kind, in text order: two speeches reporting the same
    clause ("a indiqué … et souhaité que …") give it once, to the one that names a speaker."""
    best: dict[tuple[int, int, str], QuoteFound] = {}
    for quote in found:
        # reported clauses are one when they start together ("…, a-t-on annoncé de source officielle")
        key = (quote.start, -1 if quote.kind == "indirect" else quote.end, quote.kind)
        if key not in best or (best[key].speaker is None and quote.speaker is not None):
            best[key] = quote
    return sorted(best.values(), key=lambda q: (q.start, -q.end))


def _voiced_by_its_people(doc: Doc, found: list[QuoteFound]) -> list[QuoteFound]:
    """ "La Russie a rejeté les pressions. « Nous ne pouvons accepter » …. « … », a dénoncé
    l'ambassadeur russe Vassily Nebenzia": quoted words given to a country are the words of the
    person of that country quoted next in the same paragraph, with nobody else quoted between."""
    actors = doc._.telex_actors or {}
    result = list(found)
    for index, quote in enumerate(found):
        country = actors.get(quote.speaker or "")
        if country is None or country.type != "country" or quote.kind == "indirect":
            continue
        block = block_at(doc, quote.start)
        for later in found[index + 1 :]:
            if block is None or later.start >= block.end or later.speaker is None or later.speaker == quote.speaker:
                continue
            person = actors.get(later.speaker)
            if person is not None and person.type == "person" and person.country == country.id:
                result[index] = replace(
                    quote,
                    speaker=later.speaker,
                    speaker_start=later.speaker_start,
                    speaker_end=later.speaker_end,
                    antecedent_start=later.antecedent_start,
                    antecedent_end=later.antecedent_end,
                    rule=f"voiced:{later.rule}",
                )
            break
    return result


def _quoted_title_after(doc: Doc, cue: Span) -> bool:
    """'a ajouté le « Commander in Chief »': the speaker is called by a title in quotation marks,
    so a person."""
    after = doc[cue.end : cue.end + 2]
    return len(after) == 2 and after[0].pos_ == "DET" and after[1].text in QUOTE_MARKS


def _verb_number(verb: Token) -> str | None:
    """ "sing" or "plur" from a verb or its auxiliary ("a ajouté", "ont affirmé"); None if unsaid."""
    for token in (verb, *(c for c in verb.children if c.dep_.startswith("aux"))):
        number = token.morph.get("Number")
        if number:
            return "plur" if number[0] == "Plur" else "sing"
    return None


def _opens_a_quotation(start: int, end: int, top: list[QuotedSpan]) -> bool:
    """Whether a reported clause opens with quotation marks: a direct quote with its cue after it
    ('"La France doit …", a abondé X'), already found as such, the cue's own words being the
    quote. A clause of its own that quotes words ('que le gouvernement choisisse "de bomber le
    torse"') stays."""
    return any(span.open <= start <= span.start for span in top)


def _is_clause(content: str) -> bool:
    """A direct quote says something: at least three words (shorter quoted words are fragments)."""
    return len(content.split()) >= 3


@Language.factory(
    "telex_quotes",
    default_config={"knowledge": []},
    assigns=["doc._.telex_quotes", "doc._.telex_mentions"],
    requires=["doc._.telex_mentions", "doc._.telex_actors", "token.dep", "token.lemma", "token.is_sent_start"],
)
def make_quote_extractor(nlp: Language, name: str, knowledge: list[str]) -> QuoteExtractor:
    """Speech cues of ``nlp.lang``; ``knowledge``: analysts' folders layered over the packaged data."""
    return QuoteExtractor(nlp, name, Knowledge.default().with_folders(knowledge))
