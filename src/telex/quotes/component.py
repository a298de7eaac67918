"""``telex_quotes``: every quotation in an article, who said it, with which cue.

Three kinds, after the usage of French newsrooms:

- *direct*: words in quotation marks that stand as a sentence of their own, introduced by a
  colon ("a lancé : « … »"), followed by an incise ("« … », a déclaré X") or floating after
  the sentence that names the speaker ("… confirmé par Vladimir Poutine. « … »");
- *indirect*: reported speech, the clause after a speech verb ("X a affirmé que …"), or a
  sentence under "selon X" / "d'après X" / "pour X,";
- *fragment*: quoted words inside a sentence (« lutte sacrée »), attributed to the speaker of
  the reported speech around them or of the speech verb of their sentence — and to nobody
  when there is none (scare quotes).

Speakers are actors resolved by ``telex_actors`` (names, roles, pronouns via salience).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from telex.knowledge import Knowledge
from telex.nlp.doccache import doc_text, sentence_of, sentences
from telex.nlp.extensions import register_extensions
from telex.nlp.grammar import load_grammar
from telex.nlp.salience import actor_of_phrase, salient_actor
from telex.quotes.lexicon import load_cues
from telex.quotes.marks import QuotedSpan, find_quoted_spans

SENTENCE_END = ".!?…"
SENTENCE_STOPS = (".", "!", "?", "…")
SUBJECTS = ("nsubj", "nsubj:pass", "expl:subj")
AGENTS = ("obl:agent",)
CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "acl", "parataxis", "conj")
SPEAKING_TYPES = ("person", "organization", "group", "country")  # "Pour le Qatar, « … »"
INCISE_WINDOW = 8  # tokens after a closing mark in which an incise's verb must appear


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
    speaker_start: int | None = None
    speaker_end: int | None = None
    stance: str | None = None  # from the cue lexicon: neutral, deny, agree, praise, ...


@dataclass(slots=True)
class _Speech:
    """A speech verb (or marker) of the article with its resolved speaker."""

    cue: Span
    speaker: str | None
    speaker_span: Span | None
    stance: str | None
    clause: Span | None = None  # the reported clause, for indirect speech


class QuoteExtractor:
    def __init__(self, nlp: Language, name: str, knowledge: Knowledge | None = None) -> None:
        register_extensions()
        self.name = name
        self.language = nlp.lang
        self.cues = load_cues(self.language, knowledge=knowledge)
        grammar = load_grammar(self.language, knowledge)
        self.grammar = grammar
        self.reflexives = grammar.reflexive_pronouns
        self.complementizers = grammar.complementizers
        self.inverted_clitics = grammar.inverted_clitics
        self.euphonic_t = grammar.euphonic_t
        self.determiners = grammar.determiners
        self.clause_openers = grammar.clause_openers
        self.subject_pronouns = grammar.forms(number="sing", role="subject", animate=True)
        self.markers_by_first_word: dict[str, tuple] = {}
        for cue in self.cues.markers():  # longest first, as the lexicon gives them
            first = cue.words[0]
            self.markers_by_first_word[first] = (*self.markers_by_first_word.get(first, ()), cue)

    # --- cues -----------------------------------------------------------------------------

    def _cue_of(self, token: Token, quoted: list[tuple[int, int]]):
        """The lexicon entry when ``token`` is a speech verb here, else None. An ambiguous verb
        ("lancer", "assurer") counts only when it governs a "que" clause, sits right after a
        closing quotation mark (an incise) or before a colon."""
        if token.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        reflexive = any(
            c.dep_ in ("expl:pv", "expl:comp", "obj") and c.lower_ in self.reflexives for c in token.children
        )
        cue = self.cues.find(token.lower_, token.lemma_, reflexive=reflexive)
        if cue is None:
            return None
        if cue.reflexive and not reflexive:
            return None
        if cue.complement:
            complements = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
            if not complements & set(cue.complement):
                return None
        if cue.ambiguous and not self._in_speech_position(token, quoted):
            return None
        return cue

    def _in_speech_position(self, token: Token, quoted: list[tuple[int, int]]) -> bool:
        if self._reported_clause(token) is not None:
            return True
        doc = token.doc
        window = doc[max(token.i - 6, 0) : token.i]  # « … », a-t-il ajouté
        if any(t.text in ("»", "”", '"') for t in window):
            return True
        following = doc[token.i + 1 : min(token.i + 6, len(doc))]
        return any(t.text == ":" for t in following)

    def _marker_at(self, doc: Doc, index: int):
        """A "selon X" marker starting at token ``index``: (index after the marker, cue)."""
        for cue in self.markers_by_first_word.get(doc[index].lemma_.lower(), ()) + self.markers_by_first_word.get(
            doc[index].lower_, ()
        ):
            words = cue.words
            end = index + len(words)
            if end > len(doc):
                continue
            if all(doc[index + k].lemma_.lower() == w or doc[index + k].lower_ == w for k, w in enumerate(words)):
                if cue.ambiguous and not (index == sentence_of(doc[index]).start and "," in doc[end : end + 6].text):
                    continue  # "pour X, …" only opening a sentence
                return end, cue
        return None

    def _cue_span(self, verb: Token) -> Span:
        """The verb with its auxiliaries and inverted clitics: "a-t-il déclaré", "avait indiqué"."""
        start, end = verb.i, verb.i + 1
        for child in verb.children:
            inverted = child.text.startswith("-")  # "a-t-il déclaré", "martèle-t-elle"
            reflexive = child.lower_ in self.reflexives and child.i < verb.i
            if (child.dep_.startswith("aux") or reflexive) and child.i < start and verb.i - child.i <= 3:
                start = child.i
            elif inverted and abs(child.i - verb.i) <= 2:
                start, end = min(start, child.i), max(end, child.i + 1)
        return verb.doc[start:end]

    def _speaker_of_verb(self, verb: Token, quoted: list[tuple[int, int]]) -> tuple[str | None, Span | None]:
        """The subject (or "par" agent) of a speech verb, borrowed from the verb it is
        coordinated with when it has none ("avait indiqué … mais estimé que")."""
        doc = verb.doc
        for token in doc[max(verb.i - 3, 0) : min(verb.i + 3, len(doc))]:
            if token.lower_ in self.inverted_clitics:  # "a-t-il martelé", however it was parsed
                actor = actor_of_phrase(doc, token, quoted) or salient_actor(doc, token.idx, excluded_spans=quoted)
                if actor is not None:
                    return actor, doc[token.i : token.i + 1]
        current = verb
        crossed_clause = False  # above a "que" clause only another speech verb's subject can speak
        for _ in range(5):
            own_subjects = [
                c for c in current.children if c.dep_ in SUBJECTS + AGENTS and c.lower_ not in self.euphonic_t
            ]
            if current.i == verb.i or not crossed_clause or self._cue_lemma(current):
                for child in own_subjects:
                    actor = actor_of_phrase(doc, child, quoted)
                    if actor is not None:
                        if child.pos_ == "PRON":
                            return actor, doc[child.i : child.i + 1]
                        return actor, doc[child.left_edge.i : child.right_edge.i + 1]
                if own_subjects and current.i == verb.i:
                    return None, None  # its own subject is no actor ("les deux parties")
            if current.head.i == current.i or current.dep_ not in ("conj", "xcomp", "advcl", "ccomp"):
                break
            crossed_clause = crossed_clause or current.dep_ == "ccomp"
            current = current.head
        return None, None

    def _cue_lemma(self, token: Token) -> bool:
        return self.cues.find(token.lower_, token.lemma_) is not None

    def _speeches(self, doc: Doc, quoted: list[tuple[int, int]]) -> list[_Speech]:
        if not doc.has_annotation("DEP"):  # a language without a parser here (English)
            found = self._speeches_from_words(doc, quoted) + self._marker_speeches(doc, quoted)
            return sorted(found, key=lambda s: s.cue.start)
        found = []
        for token in doc:
            entry = self._cue_of(token, quoted)
            if entry is None or any(start <= token.idx < end for start, end in quoted):
                continue
            speaker, speaker_span = self._speaker_of_verb(token, quoted)
            found.append(
                _Speech(self._cue_span(token), speaker, speaker_span, entry.stance, self._reported_clause(token))
            )
        found += self._marker_speeches(doc, quoted)
        return sorted(found, key=lambda s: s.cue.start)

    def _reported_clause(self, verb: Token) -> Span | None:
        """The "que …" clause a speech verb governs, also through an adjective ("s'est dit
        certain que …")."""
        heads = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "acl", "amod") and c.pos_ == "ADJ"]
        for head in heads:
            for child in head.children:
                if child.dep_ not in ("ccomp", "advcl", "acl", "xcomp") or child.i < verb.i:
                    continue
                marks = [m for m in child.children if m.dep_ == "mark" and m.lower_ in self.complementizers]
                if not marks:
                    continue
                return self._clause_from(verb, marks[0], child)
        # the parser often hangs "qu'il ..." on a noun before it: take the first "que" after the verb
        doc = verb.doc
        for token in doc[verb.i + 1 : sentence_of(verb).end]:
            if token.i > verb.i + 1 and token.pos_ == "VERB" and self._cue_lemma(token):
                return None  # another speech verb comes first
            if token.lower_ in self.complementizers and token.dep_ == "mark" and token.head.i > token.i:
                return self._clause_from(verb, token, token.head)
        return None

    def _clause_from(self, verb: Token, mark: Token, head: Token) -> Span:
        """From "que" to the end of its clause, stopping before the next speech verb of the
        sentence ("…, mais estimé que …" is another report) and at the end of the written sentence."""
        doc = verb.doc
        end = min(head.right_edge.i + 1, _written_sentence(doc, mark.i)[1])
        for token in doc[head.i + 1 : end]:
            if token.pos_ == "VERB" and token.dep_ == "conj" and self._cue_lemma(token):
                end = token.i
                break
        while end > mark.i + 1 and (
            (doc[end - 1].is_punct and doc[end - 1].text not in '»”"')
            or doc[end - 1].dep_ in ("cc", "aux", "aux:tense")
            or doc[end - 1].is_space
        ):
            end -= 1
        return doc[mark.i : end]

    def _speeches_from_words(self, doc: Doc, quoted: list[tuple[int, int]]) -> list[_Speech]:
        """Speech verbs found by their word forms, speakers by adjacency: "X said", "said X",
        "he added", "X said that …" — what can be read reliably without a dependency parse."""
        found = []
        mentions = list(doc._.telex_mentions or ())
        actors = doc._.telex_actors or {}
        for token in doc:
            if any(start <= token.idx < end for start, end in quoted):
                continue
            cue = self.cues.find(token.lower_)
            if cue is None:
                continue
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            preceding = doc[token.i - 1] if token.i > 0 else None
            near_quote = any(t.text in ('"', "”", "“", "»", ":") for t in doc[max(token.i - 3, 0) : token.i + 3])
            if cue.ambiguous and not (
                near_quote or (following is not None and following.lower_ in self.complementizers)
            ):
                continue
            speaker, speaker_span = None, None
            for mention in reversed(mentions):  # "Putin said", "the Kremlin spokesman said"
                if mention.end <= token.idx and not text_between_has_words(doc_text(doc), mention.end, token.idx):
                    speaker = mention.actor
                    speaker_span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                    break
            if speaker is None and preceding is not None and preceding.lower_ in self.subject_pronouns:
                speaker = salient_actor(doc, preceding.idx, excluded_spans=quoted)
                speaker_span = doc[preceding.i : token.i]
            if speaker is None:  # "said Putin", "said the Kremlin spokesman Dmitry Peskov"
                for mention in mentions:
                    if (
                        mention.start >= token.idx + len(token.text)
                        and len(doc_text(doc)[token.idx + len(token.text) : mention.start].split()) <= 3
                    ):
                        if actors.get(mention.actor) is not None and actors[mention.actor].type in SPEAKING_TYPES:
                            speaker = mention.actor
                            speaker_span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                        break
            clause = None
            sentence = sentence_of(token)
            if following is not None and following.lower_ in self.complementizers and following.i + 1 < sentence.end:
                clause = doc[following.i : sentence.end]
            elif (
                speaker_span is not None
                and speaker_span.end <= token.i
                and following is not None
                and (following.lower_ in self.clause_openers and following.i + 2 < sentence.end)
            ):  # "Putin said the talks were useful", not "Putin said on Wednesday"
                clause = doc[following.i : sentence.end]
            if clause is not None:
                end = clause.end
                while end > clause.start + 1 and doc[end - 1].is_punct:
                    end -= 1
                clause = doc[clause.start : end]
            found.append(_Speech(doc[token.i : token.i + 1], speaker, speaker_span, cue.stance, clause))
        return found

    def _marker_speeches(self, doc: Doc, quoted: list[tuple[int, int]]) -> list[_Speech]:
        """ "selon X", "d'après X", and sentence-initial "pour X," introduce reported speech."""
        found = []
        for sentence in sentences(doc):
            for token in sentence:
                marker = self._marker_at(doc, token.i)
                if marker is None or any(s <= token.idx < e for s, e in quoted):
                    continue
                marker_end, entry = marker
                if marker_end >= sentence.end:
                    continue
                head_index = marker_end
                while head_index + 1 < sentence.end and doc[head_index].lower_ in self.determiners:
                    head_index += 1  # "according to the Kremlin"
                actor = actor_of_phrase(doc, doc[head_index], quoted)
                if actor is None:
                    continue
                actor_record = (doc._.telex_actors or {}).get(actor)
                if entry.ambiguous and (actor_record is None or actor_record.type not in SPEAKING_TYPES):
                    continue
                speaker_end = marker_end
                while speaker_end < sentence.end and doc[speaker_end].text not in (",", ":", ";"):
                    speaker_end += 1
                first, last = _written_sentence(doc, token.i)
                rest = [t for t in doc[first:last] if not (token.i <= t.i <= speaker_end)]
                clause = None
                if rest:
                    start, end = rest[0].i, rest[-1].i + 1
                    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in '»”"':
                        end -= 1
                    if end > start:
                        clause = doc[start:end]
                found.append(
                    _Speech(doc[token.i : marker_end], actor, doc[marker_end:speaker_end], entry.stance, clause)
                )
        return found

    # --- the component --------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        spans = find_quoted_spans(doc_text(doc))
        top = [s for s in spans if s.depth == 0]
        quoted = [(s.start, s.end) for s in top]
        speeches = self._speeches(doc, quoted)
        found: list[QuoteFound] = []
        direct_speakers: list[tuple[int, str | None]] = []
        for span in spans:
            quote = self._quotation(doc, span, speeches, quoted, direct_speakers)
            if quote is not None:
                found.append(quote)
                if quote.kind == "direct":
                    direct_speakers.append((span.close, quote.speaker))
        for speech in speeches:
            if speech.clause is None or not speech.clause.text.strip():
                continue
            clause = speech.clause
            found.append(
                QuoteFound(
                    clause.start_char,
                    clause.end_char,
                    clause.text,
                    "indirect",
                    speech.speaker,
                    speech.cue.text,
                    speech.cue.start_char,
                    speech.cue.end_char,
                    speech.speaker_span.start_char if speech.speaker_span is not None else None,
                    speech.speaker_span.end_char if speech.speaker_span is not None else None,
                    speech.stance,
                )
            )
        doc._.telex_quotes = sorted(found, key=lambda q: (q.start, -q.end))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def _quotation(self, doc, span: QuotedSpan, speeches, quoted, direct_speakers) -> QuoteFound | None:
        text = doc_text(doc)
        before = text[: span.open].rstrip()
        after = text[span.close + 1 :].lstrip(" \u00a0\u202f\t")
        content = text[span.start : span.end]
        starts_sentence = not before or before[-1] in SENTENCE_END + ':»”"\n' or text[span.open - 1 : span.open] == "\n"
        ends_sentence = (
            not after
            or after[0] in SENTENCE_END + "\n,"
            or doc_text(doc)[span.start : span.close].rstrip()[-1:] in SENTENCE_END + ","  # English: "…," he said
        )
        speech = None
        kind = "fragment"
        introduced = self._marker_just_before(doc, span, speeches)
        if span.depth == 0 and introduced is not None and ends_sentence and _is_clause(content):
            kind, speech = "direct", introduced  # "Pour le Qatar, « … »", "Selon X : « … »"
        elif span.depth == 0 and starts_sentence and ends_sentence and _is_clause(content):
            kind = "direct"
            speech = (
                self._incise_after(doc, span, speeches)
                or self._colon_before(doc, span, speeches, before)
                or self._floating(doc, span, speeches, direct_speakers)
            )
        elif span.depth == 0:
            speech = self._enclosing_speech(doc, span, speeches)
        if speech is None:
            return QuoteFound(span.start, span.end, content, kind, None, None, None, None)
        speaker_span = speech.speaker_span
        return QuoteFound(
            span.start,
            span.end,
            content,
            kind,
            speech.speaker,
            speech.cue.text if speech.cue is not None else None,
            speech.cue.start_char if speech.cue is not None else None,
            speech.cue.end_char if speech.cue is not None else None,
            speaker_span.start_char if speaker_span is not None else None,
            speaker_span.end_char if speaker_span is not None else None,
            speech.stance,
        )

    def _marker_just_before(self, doc: Doc, span: QuotedSpan, speeches) -> _Speech | None:
        for speech in speeches:
            named = speech.speaker_span
            if speech.clause is None or named is None or speech.speaker is None:
                continue
            if named.end_char <= span.open and doc_text(doc)[named.end_char : span.open].strip() in (",", ":", ""):
                return speech
        return None

    def _incise_after(self, doc, span: QuotedSpan, speeches) -> _Speech | None:
        """ "« … », a déclaré X" / "« … », a-t-il ajouté" / "« … », selon X"; "« Non ! » lance-t-il"."""
        after = doc_text(doc)[span.close + 1 :].lstrip(" \u00a0\u202f")
        content_end = doc_text(doc)[span.start : span.close].rstrip()[-1:]  # the comma inside "…," counts
        if not (after.startswith(",") or content_end == "," or (content_end in "!?…" and after[:1].islower())):
            return None
        following = doc.char_span(span.close, span.close + 1, alignment_mode="expand")
        if following is None:
            return None
        first = following.end
        limit = min(first + INCISE_WINDOW, len(doc))
        for speech in speeches:
            if first <= speech.cue.start < limit and speech.speaker is None:
                speech.speaker, speech.speaker_span = self._subject_after(doc, speech.cue)
            if (
                first <= speech.cue.start < limit
                and not any(t.is_sent_start for t in doc[first + 1 : speech.cue.start + 1])
                and all(not t.is_punct or t.text == "," for t in doc[first : speech.cue.start])
            ):
                return speech if speech.speaker is not None else None
        return None

    def _subject_after(self, doc: Doc, cue: Span) -> tuple[str | None, Span | None]:
        """In an incise the subject follows the verb ("…», a averti le ministre israélien de la
        Défense, Yoav Gallant"), and the parser often calls it an object: the first speaking actor
        named after the verb, before the sentence goes on."""
        actors = doc._.telex_actors or {}
        for mention in doc._.telex_mentions or ():
            if mention.start < cue.end_char:
                continue
            between = doc_text(doc)[cue.end_char : mention.start]
            if any(mark in between for mark in '.;«»“”"') or len(between) > 40:
                return None, None
            actor = actors.get(mention.actor)
            if actor is not None and actor.type in SPEAKING_TYPES:
                return mention.actor, doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return None, None

    def _colon_before(self, doc, span: QuotedSpan, speeches, before: str) -> _Speech | None:
        """ "X a lancé à son hôte : « … »" or "X : « … »"."""
        if not before.endswith(":"):
            return None
        colon = len(before) - 1
        candidates = [s for s in speeches if s.cue.end_char <= colon and colon - s.cue.end_char < 200]
        sentence_start = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if sentence_start is not None:
            sent_start_char = sentence_of(sentence_start[0]).start_char
            candidates = [s for s in candidates if s.cue.start_char >= sent_start_char]
        if candidates and candidates[-1].speaker is not None:
            return candidates[-1]
        introduced = self._clause_subject_before(doc, colon)
        if introduced is not None:
            return introduced
        for mention in reversed(doc._.telex_mentions or ()):  # "Vladimir Poutine : « … »"
            if mention.end <= colon and not text_between_has_words(doc_text(doc), mention.end, colon):
                actor = (doc._.telex_actors or {}).get(mention.actor)
                if actor is not None and actor.type in ("person", "organization", "group"):
                    cue = doc.char_span(colon, colon + 1, alignment_mode="expand")
                    name = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                    return _Speech(cue, mention.actor, name, "neutral")
        return None

    def _clause_subject_before(self, doc: Doc, colon: int) -> _Speech | None:
        """ "X a pris la parole devant l'Assemblée : « … »": a clause ending in a colon before a
        quotation introduces its speaker, whatever its verb."""
        colon_span = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if colon_span is None or colon_span.start == 0:
            return None
        verb = doc[colon_span.start - 1]
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or verb.i > colon_span.start:
            return None
        speaker, speaker_span = self._speaker_of_verb(verb, [])
        if speaker is None:
            return None
        return _Speech(self._cue_span(verb), speaker, speaker_span, "neutral")

    def _floating(self, doc, span: QuotedSpan, speeches, direct_speakers) -> _Speech | None:
        """A quote standing alone continues the latest speaker of its paragraph or the one
        before: the nearest preceding speech verb, else the previous direct quote's speaker."""
        paragraph_start = doc_text(doc).rfind("\n\n", 0, span.open)
        previous_paragraph = doc_text(doc).rfind("\n\n", 0, max(paragraph_start, 0)) if paragraph_start > 0 else -1
        window_start = max(previous_paragraph, 0)
        earlier = [s for s in speeches if window_start <= s.cue.start_char < span.open and s.speaker is not None]
        last_direct = next((sp for close, sp in reversed(direct_speakers) if close >= window_start), None)
        if earlier:
            return earlier[-1]
        if last_direct is not None:
            return _Speech(None, last_direct, None, "neutral")  # type: ignore[arg-type]
        return None

    def _enclosing_speech(self, doc, span: QuotedSpan, speeches) -> _Speech | None:
        """The speech a fragment belongs to: the reported clause around it, else the speech verb
        of its own sentence."""
        for speech in speeches:
            clause = speech.clause
            if clause is not None and clause.start_char <= span.open and span.close < clause.end_char + 1:
                return speech if speech.speaker is not None else None
        around = doc.char_span(span.start, span.end, alignment_mode="expand")
        if around is None:
            return None
        sentence = sentence_of(around[0])
        same_sentence = [s for s in speeches if sentence.start <= s.cue.start < sentence.end and s.speaker is not None]
        if not same_sentence:
            return None
        return min(same_sentence, key=lambda s: abs(s.cue.start - around.start))


def _written_sentence(doc: Doc, index: int) -> tuple[int, int]:
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


def text_between_has_words(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


def _is_clause(content: str) -> bool:
    """A direct quote says something: at least three words (shorter quoted words are fragments)."""
    return len(content.split()) >= 3


@Language.factory(
    "telex_quotes",
    default_config={"knowledge": []},
    assigns=["doc._.telex_quotes"],
    requires=["doc._.telex_mentions", "doc._.telex_actors", "token.dep", "token.lemma", "token.is_sent_start"],
)
def make_quote_extractor(nlp: Language, name: str, knowledge: list[str]) -> QuoteExtractor:
    """Speech cues of ``nlp.lang``; ``knowledge``: analysts' folders layered over the packaged data."""
    return QuoteExtractor(nlp, name, Knowledge.default().with_folders(knowledge))
