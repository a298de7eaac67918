"""Doc properties computed once per doc instead of on every access.

``Doc.text``, ``Token.sent`` and ``Doc.sents`` are rebuilt from the tokens each time they are read;
the telex components read them thousands of times per article, so they are computed once and
kept in ``doc.user_data`` (a profile of 60 news articles showed them as the components' main cost).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEY = "telex_sentence_bounds"
_TEXT_KEY = "telex_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None or cached[1] != len(doc):
        cached = (doc.text, len(doc))
        doc.user_data[_TEXT_KEY] = cached
    return cached[0]


def _bounds(doc: Doc) -> tuple[list[Span], list[int]]:
    cached = doc.user_data.get(_KEY)
    if cached is None or cached[2] != len(doc):
        sentences = list(doc.sents)
        index_of = [0] * len(doc)
        for number, sentence in enumerate(sentences):
            for position in range(sentence.start, sentence.end):
                index_of[position] = number
        cached = (sentences, index_of, len(doc))
        doc.user_data[_KEY] = cached
    return cached[0], cached[1]


def sentences(doc: Doc) -> list[Span]:
    return _bounds(doc)[0]


def sentence_number(token: Token) -> int:
    """The position of ``token``'s sentence in the doc (0 for the first), computed once per doc."""
    return _bounds(token.doc)[1][token.i]


def sentence_of(token: Token) -> Span:
    """The sentence of ``token``, as ``token.sent`` but computed once per doc."""
    spans, index_of = _bounds(token.doc)
    return spans[index_of[token.i]]


_MENTIONS_KEY = "telex_mention_index"


def mention_index(doc: Doc) -> dict[int, object]:
    """Token index → the actor mention covering it, built once per set of mentions: components ask
    "which actor is this word" for many tokens of every sentence."""
    mentions = doc._.telex_mentions or ()
    cached = doc.user_data.get(_MENTIONS_KEY)
    if cached is None or cached[0] is not mentions:
        index: dict[int, object] = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for position in range(span.start, span.end) if span is not None else ():
                index.setdefault(position, mention)
        cached = (mentions, index)
        doc.user_data[_MENTIONS_KEY] = cached
    return cached[1]
