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
from telex.nlp.index import SUBJECT_DEPS, mentions_of, span_set

__all__ = ["SUBJECT_DEPS", "actor_of_phrase", "mention_at", "mention_for_phrase", "salient_actor"]


def mention_at(doc: Doc, token: Token):
    """The actor mention covering ``token``, if any."""
    return mention_index(doc).get(token.i)


def mention_for_phrase(doc: Doc, head: Token):
    """The mention naming the phrase headed by ``head``: the head itself, else a word of its
    own phrase ("le Président russe" → the role mention; "Dmitri Peskov" → the name)."""
    found = mention_at(doc, head)
    if found is not None or not doc.has_annotation("DEP"):
        return found  # without a parse a word has no phrase (and a parser-less subtree once crashed)
    words = [
        token
        for token in phrase_words(head)
        # "compound" and "nmod:poss" only come from English parses ("a U.S. request", "Russia's plan")
        if token.dep_ in ("flat:name", "amod", "nmod", "appos", "det", "case", "fixed", "compound", "nmod:poss")
    ]
    # a name before a generic group word: "l'organisation jihadiste Etat islamique" is the Islamic State
    # (not one after a preposition: "the biggest Cambodian refugee camp in Thailand" is Cambodian refugees)
    mentions = [(m, token) for m, token in ((mention_at(doc, token), token) for token in words) if m is not None]
    named = [m for m, token in mentions if m.rule != "group" and not introduced_by_preposition(token)]
    groups = [m for m, _token in mentions if m.rule == "group"]
    if groups and named:
        return named[0]
    return mentions[0][0] if mentions else None


CLAUSE_DEPS = frozenset({"acl:relcl", "advcl", "ccomp", "parataxis", "conj"})


def phrase_words(head: Token, excluded: frozenset[str] = CLAUSE_DEPS) -> list[Token]:
    """The words of ``head``'s phrase in text order, without the dependents of ``excluded``
    relations and theirs: by default the clauses hung on it ("quatre terroristes qui posaient des
    explosifs près du Golan": the Golan names no terrorist)."""
    words, pending = [head], [c for c in head.children if c.dep_ not in excluded]
    while pending:
        token = pending.pop()
        words.append(token)
        pending.extend(c for c in token.children if c.dep_ not in excluded)
    return sorted(words, key=lambda token: token.i)


def introduced_by_preposition(token: Token) -> bool:
    """ "Sur Twitter, le Premier ministre s'est dit choqué", "the camp in Thailand": a phrase a
    preposition introduces is no subject, and no name of the phrase it hangs on."""
    return any(c.dep_ == "case" for c in token.children)


def salient_actor(
    doc: Doc,
    before: int,
    types: Sequence[str] = ("person",),
    excluded_spans: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The actor a pronoun at character ``before`` most likely refers to.

    Mentions inside ``excluded_spans`` (the words of quotations, whose "il" is someone else's
    voice) are ignored. Subjects win over other mentions of the same paragraph or earlier.

    Asked for many pronouns of a long article, this is answered from the doc's
    :class:`~telex.nlp.index.MentionIndex` by bisection, not by a scan of every earlier mention.
    """
    index = mentions_of(doc)
    excluded = span_set(excluded_spans) if excluded_spans else None
    found = index.latest(before, types, excluded, subject=True) or index.latest(before, types, excluded)
    return found.actor if found is not None else None


def actor_of_phrase(doc: Doc, head: Token, excluded_spans: Sequence[tuple[int, int]] = ()) -> str | None:
    """The actor a subject or agent phrase stands for, pronouns included."""
    mention = mention_for_phrase(doc, head)
    if mention is not None:
        return mention.actor
    if head.pos_ == "PRON" and head.lower_ in load_grammar(doc.lang_).forms(number="sing", animate=True):
        return salient_actor(doc, head.idx, excluded_spans=excluded_spans)  # "il", "-t-elle", "lui"; "he"
    return None
