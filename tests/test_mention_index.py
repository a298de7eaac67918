"""The positional indexes answer exactly what the scans they replace answered.

Each index method is checked against the list comprehension it stands for, on random spans
(Hypothesis) and on the mentions of real analysed articles; ``salient_actor`` against its former
implementation (a scan of every earlier mention), at every token of real articles.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED, SHARED
from telex.nlp.index import SUBJECT_DEPS, ByPosition, Intervals, mentions_of, span_set

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda p: (p[0], p[0] + p[1])), max_size=25)


@settings(max_examples=300, database=None)
@given(items=spans, x=st.integers(-2, 95))
def test_intervals_answer_like_a_scan_of_every_span(items, x):
    index = Intervals(items)
    ordered = sorted(items, key=lambda span: span[0])
    assert list(index) == ordered
    assert index.covers(x) == any(start <= x < end for start, end in items)
    assert index.first_containing(x) == next((span for span in ordered if span[0] <= x < span[1]), None)
    assert index.starting_in(x, x + 10) == [span for span in ordered if x <= span[0] < x + 10]
    assert index.containing(x) == [span for span in ordered if span[0] <= x < span[1]]
    assert index.latest_end_by(x) == max((end for _start, end in items if end <= x), default=None)
    holding = [span for span in ordered if span[0] <= x < span[1]]
    if holding:
        start, reach = index.containing_start(x)
        assert start == holding[0][0] and reach >= holding[0][1]
        assert all(index.covers(s) for s, _e in ordered if start <= s <= x)  # a walk back may jump to start
    else:
        assert index.containing_start(x) is None


@settings(max_examples=200, database=None)
@given(keys=st.lists(st.integers(0, 50), max_size=30), low=st.integers(0, 50), width=st.integers(0, 20))
def test_by_position_answers_like_a_filter(keys, low, width):
    items = list(enumerate(keys))  # (input order, position)
    index = ByPosition(items, key=lambda item: item[1])
    ordered = sorted(items, key=lambda item: item[1])
    assert index.between(low, low + width) == [item for item in ordered if low <= item[1] < low + width]
    assert list(index.before(low)) == [item for item in reversed(ordered) if item[1] < low]
    assert list(index.at_or_after(low)) == [item for item in ordered if item[1] >= low]


def test_intervals_hold_any_item_through_a_span_function():
    quotes = [{"start": 40, "end": 90, "speaker": "b"}, {"start": 10, "end": 30, "speaker": "a"}]
    index = Intervals(quotes, span=lambda quote: (quote["start"], quote["end"]))
    assert [quote["speaker"] for quote in index] == ["a", "b"]
    assert index.first_containing(45)["speaker"] == "b" and index.first_containing(35) is None


def test_span_set_converts_a_list_once_and_sees_it_grow():
    quoted = [(start, start + 10) for start in range(10, 1000, 20)]  # a doc's quotations
    first = span_set(quoted)
    assert span_set(quoted) is first and first.covers(15) and not first.covers(25)
    others = [[(n, n + 1)] for n in range(20)]  # lists made for one call each are not kept
    assert all(span_set(other).covers(other[0][0]) for other in others)
    assert span_set(quoted) is first
    quoted.append((2000, 2010))
    assert span_set(quoted).covers(2005)
    assert span_set(first) is first
    few = [(10, 20), (30, 40)]
    assert span_set(few).covers(15) and not span_set(few).covers(25)


# --- the call sites' own indexes -----------------------------------------------------------------


class _Cue:
    def __init__(self, start_char: int, length: int) -> None:
        self.start_char, self.end_char, self.start = start_char, start_char + length, start_char // 5


class _Speech:
    def __init__(self, cue: _Cue | None, key: str | None) -> None:
        self.cue, self.speaker_key, self.speaker, self.speaker_span = cue, key, key, None
        self.clause, self.rule = None, ""


speeches = st.lists(
    st.tuples(st.integers(0, 80), st.integers(1, 12), st.sampled_from(["a", "b", None])).map(
        lambda t: _Speech(_Cue(t[0], t[1]), t[2])
    ),
    max_size=20,
)


@settings(max_examples=300, database=None)
@given(found=speeches, low=st.integers(0, 90), width=st.integers(0, 40), key=st.sampled_from(["a", "b", None]))
def test_speech_index_answers_like_the_scans_of_the_quotes_component(found, low, width, key):
    from telex.quotes.component import _SpeechIndex

    high = low + width
    for listed in (sorted(found, key=lambda s: s.cue.start_char), found):  # as the component sorts them; any
        index = _SpeechIndex(listed)
        within = [s for s in listed if s.cue is not None and low <= s.cue.start_char and s.cue.end_char <= high]
        assert index.last_cue_within(low, high) is (within[-1] if within else None)
        by = [s for s in listed if s.cue is not None and s.cue.end_char <= high and s.speaker_key == key]
        assert index.last_cue_by(key, high) is (by[-1] if by else None)
        assert [s for _order, s in sorted(index.by_cue.between(low // 5, high // 5))] == [
            s for s in listed if low // 5 <= s.cue.start < high // 5
        ]


class _Candidate:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


@settings(max_examples=300, database=None)
@given(
    chosen=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=25),
    start=st.integers(0, 40),
    length=st.integers(1, 6),
)
def test_apposed_person_neighbours_are_those_the_scan_could_accept(chosen, start, length):
    from telex.actors.component import _neighbours, _starting_in

    candidates = [_Candidate(first, first + size) for first, size in chosen]
    role = _Candidate(start, start + length)
    expected = [  # what _apposed_person's scan accepts: at most one token between them
        other
        for other in candidates
        if (other.start >= role.end and other.start - role.end <= 1)
        or (other.start < role.end and role.start - other.end <= 1)
    ]
    assert _neighbours(role, candidates) == expected
    assert _starting_in(candidates, start, start + length) == [
        other for other in candidates if start <= other.start < start + length
    ]


# --- on real analysed articles --------------------------------------------------------------------


def _reference_salient_actor(doc, before, types=("person",), excluded_spans=()):
    """salient_actor as it was before the index: a scan of every earlier mention."""

    def type_of(actor_id):
        actor = (doc._.telex_actors or {}).get(actor_id)
        return actor.type if actor else None

    mentions = [
        m
        for m in doc._.telex_mentions or ()
        if m.end <= before
        and type_of(m.actor) in types
        and not any(start <= m.start < end for start, end in excluded_spans)
    ]
    if not mentions:
        return None
    for mention in reversed(mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and any(t.dep_ in SUBJECT_DEPS or t.head.dep_ in SUBJECT_DEPS for t in span):
            return mention.actor
    return mentions[-1].actor


def _analysed_docs():
    from telex.analysis import _prepared_doc
    from telex.clean import clean_document
    from telex.ingest import read_documents
    from telex.nlp.model import load_pipeline
    from telex.records import RawDocument

    nlp = load_pipeline("fr")
    raws = [RawDocument(source="seed", kind="text", text=SEED.read_text(encoding="utf-8"))]
    pages = SHARED / "corpus" / "orangesum" / "pages"
    if pages.is_dir():
        for page in sorted(pages.glob("*.html"))[:12]:
            raws += [item for item in read_documents(page) if isinstance(item, RawDocument)]
    docs = []
    for raw in raws:
        doc, _offsets = _prepared_doc(nlp, clean_document(raw))
        docs.append(nlp(doc))
    return docs


@pytest.fixture(scope="module")
def docs():
    return _analysed_docs()


@pytest.mark.slow
def test_salient_actor_names_the_same_actor_as_a_scan_of_every_earlier_mention(docs):
    from telex.nlp.salience import salient_actor

    compared = named = 0
    for doc in docs:
        quoted = [(q.start, q.end) for q in doc._.telex_quotes or ()]
        for token in doc:
            for types, excluded in ((("person",), ()), (("person", "country", "organization"), quoted)):
                expected = _reference_salient_actor(doc, token.idx, types, excluded)
                assert salient_actor(doc, token.idx, types, excluded) == expected, (token.idx, types)
                compared += 1
                named += expected is not None
    real_pages = (SHARED / "corpus" / "orangesum" / "pages").is_dir()  # else the seed alone
    assert compared > (5000 if real_pages else 500) and named > compared // 2


@pytest.mark.slow
def test_mention_index_answers_like_scans_of_the_doc_mentions(docs):
    for doc in docs:
        mentions = list(doc._.telex_mentions)
        index = mentions_of(doc)
        assert index.ordered and mentions_of(doc) is index
        for sentence in doc.sents:
            low, high = sentence.start_char, sentence.end_char
            assert index.starting_in(low, high) == [m for m in mentions if low <= m.start < high]
            assert index.inside(low, high) == [m for m in mentions if low <= m.start and m.end <= high]
            assert list(index.ending_by(high)) == [m for m in reversed(mentions) if m.end <= high]


@pytest.mark.slow
def test_event_scene_finds_quotes_like_scans_of_every_quote(docs):
    from telex.events.participants import Scene

    for doc in docs:
        quotes = list(doc._.telex_quotes or ())
        scene = Scene(doc, None, None, quotes=quotes)
        for token in doc:
            char = token.idx
            innermost = None
            for quote in quotes:
                if quote.start <= char < quote.end and (innermost is None or quote.start >= innermost.start):
                    innermost = quote
            assert scene.quote_at(char) is innermost
            assert scene.in_own_words(char) == any(q.kind == "direct" and q.start <= char < q.end for q in quotes)
            cued = next((q for q in quotes if q.cue_start is not None and q.cue_start <= char < q.cue_end), None)
            assert scene.cue_quote(token) is cued


def test_mention_index_is_rebuilt_when_a_component_replaces_the_mentions():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from telex.actors.component import ActorMention
    from telex.nlp.extensions import register_extensions
    from telex.records import Actor

    register_extensions()
    doc = Doc(Vocab(), words=["Macron", "parle", "à", "Berlin", "."])
    doc._.telex_actors = {"macron": Actor("macron", "Emmanuel Macron", "person", "FRA")}
    doc._.telex_mentions = [ActorMention(0, 6, "Macron", "macron", "name")]
    first = mentions_of(doc)
    assert [m.actor for m in first.ending_by(20)] == ["macron"]
    doc._.telex_actors = {**doc._.telex_actors, "DEU": Actor("DEU", "Allemagne", "country", "DEU")}
    doc._.telex_mentions = [*doc._.telex_mentions, ActorMention(16, 22, "Berlin", "DEU", "capital")]
    second = mentions_of(doc)
    assert second is not first and second.latest(30, ("country",)).actor == "DEU"
