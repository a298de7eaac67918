"""Who a pronoun or a vague subject refers to: the salient actor at a point of the article.

Quotes and events both need it ("il a déclaré", "Elle devrait renforcer", "les deux hommes").
The rule is the one news prose follows: the latest person named as the subject of a clause is
the one a following pronoun continues with; failing a subject, the latest person named at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from telex.nlp.doccache import mention_index
from telex.nlp.grammar import load_grammar

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "expl:subj", "csubj"})


def mention_at(doc: Doc, token: Token):
    """The actor mention covering ``token``, if any."""
    return mention_index(doc).get(token.i)


def mention_for_phrase(doc: Doc, head: Token):
    """The mention naming the phrase headed by ``head``: the head itself, else a word of its
    own phrase ("le Président russe" → the role mention; "Dmitri Peskov" → the name)."""
    found = mention_at(doc, head)
    if found is not None:
        return found
    for token in head.subtree:
        # "compound" and "nmod:poss" only come from English parses ("a U.S. request", "Russia's plan")
        if token.dep_ in ("flat:name", "amod", "nmod", "appos", "det", "case", "fixed", "compound", "nmod:poss") or (
            token is head
        ):
            found = mention_at(doc, token)
            if found is not None:
                return found
    return None


def _type_of(doc: Doc, actor_id: str) -> str | None:
    actor = (doc._.telex_actors or {}).get(actor_id)
    return actor.type if actor else None


def salient_actor(
    doc: Doc,
    before: int,
    types: Sequence[str] = ("person",),
    excluded_spans: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The actor a pronoun at character ``before`` most likely refers to.

    Mentions inside ``excluded_spans`` (the words of quotations, whose "il" is someone else's
    voice) are ignored. Subjects win over other mentions of the same paragraph or earlier.
    """
    mentions = [
        m
        for m in doc._.telex_mentions or ()
        if m.end <= before
        and _type_of(doc, m.actor) in types
        and not any(start <= m.start < end for start, end in excluded_spans)
    ]
    if not mentions:
        return None
    for mention in reversed(mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and any(t.dep_ in SUBJECT_DEPS or t.head.dep_ in SUBJECT_DEPS for t in span):
            return mention.actor
    return mentions[-1].actor


def actor_of_phrase(doc: Doc, head: Token, excluded_spans: Sequence[tuple[int, int]] = ()) -> str | None:
    """The actor a subject or agent phrase stands for, pronouns included."""
    mention = mention_for_phrase(doc, head)
    if mention is not None:
        return mention.actor
    if head.pos_ == "PRON" and head.lower_ in load_grammar(doc.lang_).forms(number="sing", animate=True):
        return salient_actor(doc, head.idx, excluded_spans=excluded_spans)  # "il", "-t-elle", "lui"; "he"
    return None
