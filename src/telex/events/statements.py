"""Statements that are events: a quotation whose speech cue takes a stance ("a dénoncé",
"accuse", "a salué", "a appelé à", "a démenti") is an act of its speaker, coded by the stance
(``events/coding.yaml``: criticize → 111, accuse → 112, praise → 051, request → 020, ...).

A neutral cue ("a déclaré", "selon") makes a quote, not an event. The statement's source is the
quote's speaker — resolved by the quote step, pronouns and descriptions included — its target
the actor the cue's own complements name ("a dénoncé la politique américaine": the United
States), or none. The triggers of the event dictionary come first: a cue they already coded is
not coded twice.
"""

from __future__ import annotations

from spacy.tokens import Token

from telex.events.coding import CodingRules
from telex.events.dating import date_event
from telex.events.found import EventFound, found_at
from telex.events.participants import Participants, Scene, names_one_of
from telex.events.status import ASSERTED, REPORTED, StatusReader
from telex.events.triggers import trigger_span
from telex.nlp.doccache import sentence_of

TARGET_ROLES = ("obj", "à", "contre", "envers", "iobj", "obl:arg")
NEUTRAL = "neutral"
CRITICIZE = "criticize"
OWN_WORDS = ("direct", "fragment")  # the speaker's own words, whole or quoted in part


class StatementCoder:
    def __init__(self, participants: Participants, status: StatusReader, rules: CodingRules, lang: str) -> None:
        self.participants = participants
        self.status = status
        self.rules = rules
        self.lang = lang
        critical = participants.arguments.critical_words  # split once: words by token, phrases by text
        self.critical_words = frozenset(w for w in critical if " " not in w)
        self.critical_phrases = tuple(w for w in critical if " " in w)

    def code(self, scene: Scene, coded_cues: set[int], quoted: list[tuple[int, int]]) -> list[EventFound]:
        """One statement per speech cue with a stance, its speaker known, not coded already."""
        found: list[EventFound] = []
        seen: set[int] = set()
        for quote in scene.quotes:
            stance = quote.stance
            if stance in (None, NEUTRAL) and quote.kind in OWN_WORDS and self._critical(quote, scene):
                stance = CRITICIZE  # "« Le président joue avec le feu », a réagi Philippe Martinez"
            if stance in (None, NEUTRAL) or not quote.speaker or quote.cue_start is None:
                continue
            code = self.rules.stances.get(stance)
            cue = scene.cue_token(quote)
            if code is None or cue is None or cue.i in seen or cue.i in coded_cues:
                continue
            seen.add(cue.i)
            status, rule = self.status.status(cue, quoted)
            if status not in (ASSERTED, REPORTED):
                continue  # "n'a pas critiqué", "va dénoncer": no statement was made
            source = (quote.speaker,)
            targets = self._targets(cue, scene, source, quote, code)
            if not targets and not self.rules.may_lack_target(code, "statement"):
                continue  # "a dénoncé un travesti de justice": against whom, the coder cannot say
            sentence = sentence_of(cue)
            when = date_event(sentence.text, scene.published, self.lang, future=False)
            span = trigger_span(cue)
            about = f"statement:{cue.lemma_.lower()} ({stance})" + (f" [{rule}]" if rule else "")
            found.append(found_at(sentence, span, code, source, targets, status, when, about, quote=quote))
        return found

    def _critical(self, quote, scene: Scene) -> bool:
        """Whether a speaker's own words criticise (``critical_words``: "crétin", "joue avec le
        feu"): a word of the quotation, by its form or lemma, or a phrase of its text."""
        words = self.critical_words
        span = scene.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if words and span is not None and any(t.lower_ in words or t.lemma_.lower() in words for t in span):
            return True
        if not self.critical_phrases:
            return False
        text = " ".join(quote.text.lower().replace("’", "'").split())
        return any(phrase in text for phrase in self.critical_phrases)

    def _targets(self, cue: Token, scene: Scene, source: tuple[str, ...], quote, code: str) -> tuple[str, ...]:
        """The actor the cue's complements name, outside the quotation itself."""
        for role in TARGET_ROLES:
            for phrase in self.participants.phrases(cue, role, passive=False):
                if quote.start <= phrase.idx < quote.end or names_one_of(phrase, source):
                    continue
                actors = self.participants.actors_of(phrase, scene, exclude=source, inner=True, demonyms=True)
                actors = [a for a in actors if a not in source]
                if actors:
                    return tuple(dict.fromkeys(actors))
        if code.startswith(self.rules.clause_targets):
            actors = self.participants.clause_subject(cue, scene, source)
            if actors:
                return tuple(dict.fromkeys(actors))
        if code.startswith(self.rules.demonstrative_targets):
            actors = self.participants.demonstrative_antecedent(cue, scene, source)
            if actors:
                return tuple(dict.fromkeys(actors))
        if code.startswith(self.rules.quoted_targets):
            return tuple(self.participants.actors_in_quote(quote, scene, source)[:1])
        return ()
