"""Fuzzing the whole path after the readers: mutated real pages through cleaning and the NLP.

Real pages (the bundled fixtures, and OrangeSum pages when ``../shared`` is there) are mutated
as in ``test_fuzz_readers.py``, plus what hurts the NLP rather than the readers: long runs of
symbols, nested and unbalanced quotation marks, control characters, a paragraph repeated
hundreds of times, text glued without spaces. Each page is read, cleaned and analysed by telex's
NLP in this process (the model loads once). The property, for every document:

- it ends as an analysis or as a specific error (:class:`DocumentError`), never an exception;
- an analysis only points at its own article: every mention, quote, cue, speaker and event
  trigger span lies inside the text, and the quoted text is the text at that span.

Seeded and bounded like the reader suite (``TELEX_FUZZ_SEED``, ``TELEX_FUZZ_SCALE``, the seed in
pytest's header); about a minute with the default scale.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from telex.errors import DocumentError
from telex.records import Analysis, RawDocument
from test_fuzz_readers import FIXTURE_PAGES, HOSTILE_FRAGMENTS, fuzz, mutate

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]

# What the NLP meets in scraped text and the readers let through: runs the tokenizer crawls
# over, quotation marks that never close, controls, repetition.
NLP_FRAGMENTS = [
    "[" * 3000,
    "«" * 2000,
    "« " * 500,
    "»" * 800,
    "« Il a dit « oui » puis « non ",
    "(((" * 400,
    "?!" * 700,
    "\u200b" * 500,
    "\x1b]0;titre\x07\x1b[31m",
    "Emmanuel Macron a déclaré : « ",
    "selon selon selon le le le ministre",
    " a-t-il a-t-elle ajouté, ",
    "Il " * 300,
    "Ouagadougou" * 200,
    "https://exemple.org/" + "a/" * 600,
    "\n\n" * 300,
]


def mutate_text(page: bytes, operations: list[tuple], inserts: list[tuple[float, str]], repeat: int) -> bytes:
    """The page mutated as bytes, then with text the NLP finds hard inserted at places, and one
    stretch repeated ``repeat`` times."""
    data = bytearray(mutate(page, operations))
    for where, fragment in inserts:
        at = int(len(data) * where)
        data[at:at] = fragment.encode("utf-8")
    if repeat and data:
        start = len(data) // 3
        data[start:start] = bytes(data[start : start + 400]) * repeat
    return bytes(data)


nlp_operations = st.lists(
    st.one_of(
        st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 2000)),
        st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(HOSTILE_FRAGMENTS)),
        st.tuples(st.just("duplicate"), st.floats(0, 1), st.integers(1, 2000)),
    ),
    max_size=3,
)
nlp_inserts = st.lists(st.tuples(st.floats(0, 1), st.sampled_from(NLP_FRAGMENTS)), min_size=1, max_size=4)


def check_analysed(folder, name: str, data: bytes) -> None:
    from telex.ingest import read_documents
    from telex.pipeline import analyze_documents

    path = folder / name
    path.write_bytes(data)
    documents = list(read_documents(path))
    for result in analyze_documents(documents):
        if result.error is not None:
            assert isinstance(result.error, DocumentError), result.error
            str(result.error).encode("utf-8")
            continue
        assert isinstance(result.analysis, Analysis), result
        text = result.article.text
        for mention in result.analysis.mentions:
            assert 0 <= mention.start < mention.end <= len(text) and text[mention.start : mention.end] == mention.text
        for quote in result.analysis.quotes:
            assert 0 <= quote.start <= quote.end <= len(text) and text[quote.start : quote.end] == quote.text
            for start, end in ((quote.cue_start, quote.cue_end), (quote.speaker_start, quote.speaker_end)):
                assert start is None or 0 <= start <= end <= len(text)
        for event in result.analysis.events:
            assert text[event.trigger_start : event.trigger_end] == event.trigger
            assert 0 <= event.start <= event.trigger_start and event.trigger_end <= event.end <= len(text)


@fuzz(40)
@given(
    page=st.sampled_from([p for p in FIXTURE_PAGES if p.suffix in (".html", ".txt")]),
    operations=nlp_operations,
    inserts=nlp_inserts,
    repeat=st.sampled_from([0, 0, 50, 300]),
)
def test_mutated_fixture_pages_are_analysed_or_reported(tmp_path_factory, page, operations, inserts, repeat):
    folder = tmp_path_factory.mktemp("fuzz-nlp", numbered=True)
    check_analysed(folder, "page" + page.suffix, mutate_text(page.read_bytes(), operations, inserts, repeat))


@pytest.fixture(scope="module")
def orangesum_pages():
    from conftest import SHARED

    pages = SHARED / "corpus" / "orangesum" / "pages"
    if not pages.is_dir():
        pytest.skip(f"{pages} not available")
    return sorted(pages.glob("*.html"))[:50]


@fuzz(40)
@given(
    pick=st.integers(0, 49),
    operations=nlp_operations,
    inserts=nlp_inserts,
    repeat=st.sampled_from([0, 0, 50, 300]),
    saved_as=st.sampled_from([".html", ".txt"]),
)
def test_mutated_orangesum_pages_are_analysed_or_reported(
    tmp_path_factory, orangesum_pages, pick, operations, inserts, repeat, saved_as
):
    folder = tmp_path_factory.mktemp("fuzz-nlp", numbered=True)
    page = orangesum_pages[pick % len(orangesum_pages)]
    check_analysed(folder, "orangesum" + saved_as, mutate_text(page.read_bytes(), operations, inserts, repeat))


def test_analysis_fuzz_inserts_reach_the_text():
    """The inserted fragments survive reading and cleaning (else the NLP never sees them)."""
    from telex.clean import clean_document

    page = next(p for p in FIXTURE_PAGES if p.suffix == ".txt")
    data = mutate_text(page.read_bytes(), [], [(0.5, "«" * 2000)], 0)
    article = clean_document(RawDocument(source="t", kind="text", text=data.decode("utf-8")))
    assert "«" * 2000 in article.text
