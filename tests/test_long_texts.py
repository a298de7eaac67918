"""Issue 15, faults half: texts too long or too strange for spaCy as it comes.

Rows of the issue's table: a text (or an HTML page's text) over spaCy's 1,000,000-character limit,
a long real article, 100 KB runs of ``[`` or ``«``, an English page with "according to X". Each is
analysed and stored beside good pages, with every offset exact; a text over ``--max-chars`` fails
alone with that reason. Times and memory against length are in ``bench/long_text.py``, not here.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from typer.testing import CliRunner

from conftest import requires_shared
from telex.cli import app
from telex.export import article_records
from telex.nlp.longtext import LONGEST_WORD, SYMBOL_RUN, _cut_points, block_bounds, tokenize
from telex.pipeline import ingest, reprocess

OPENING = (
    "Le président burkinabè Ibrahim Traoré a reçu mercredi à Ouagadougou le ministre malien des Affaires"
    " étrangères, Abdoulaye Diop. « Nous sommes unis face au terrorisme », a déclaré Abdoulaye Diop."
)
CLOSING = (
    "À Niamey, le Premier ministre nigérien a salué l'accord. « Le Sahel avance », a affirmé Vladimir Poutine"
    " dans un message lu par son ambassadeur."
)
GOOD = "À Niamey, les syndicats de l'enseignement ont suspendu leur grève, a annoncé leur porte-parole."
WORD = "Ouagadougou" * 9  # one long word: a paragraph of them is long in characters, short in tokens


def filler(paragraphs: int) -> list[str]:
    """Distinct paragraphs of about 900 characters and a dozen tokens each (HTML extraction drops
    repeated paragraphs): length without the cost of analysing a million characters of prose."""
    return [f"Paragraphe {number} : {' '.join([WORD] * 9)}." for number in range(paragraphs)]


def records(store) -> dict[str, dict]:
    return {record["source"].rsplit("/", 1)[-1]: record for record in article_records(store.articles_with_analyses())}


def assert_offsets_exact(record: dict) -> None:
    text = record["text"]
    for layer in ("mentions", "quotes"):
        for item in record[layer]:
            assert text[item["start"] : item["end"]] == item["text"], (layer, item)


# --- over spaCy's 1,000,000 characters ------------------------------------------------------------


@pytest.mark.slow
def test_text_and_html_over_a_million_characters_are_analysed_whole_with_exact_offsets(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text("\n\n".join([OPENING, *filler(1120), CLOSING]), encoding="utf-8")
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in [OPENING, *filler(1130), CLOSING])
    page = f"<!DOCTYPE html><html lang='fr'><head><title>Dossier</title></head><body><article>{body}</article>"
    (folder / "long.html").write_text(page + "</body></html>", encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    report = ingest([folder], store)  # the defaults: worker process, time budget
    assert report.failed == [] and len(report.added) == 3
    stored = records(store)
    for name in ("long.txt", "long.html"):
        record = stored[name]
        assert len(record["text"]) > 1_000_000 and record["text"].endswith("son ambassadeur.")
        assert_offsets_exact(record)
        last = [mention for mention in record["mentions"] if mention["actor"] == "vladimir-putin"]
        assert last and last[-1]["start"] > 1_000_000  # found in the last block, at its place
        assert any(quote["speaker"] == "vladimir-putin" for quote in record["quotes"])
        assert {m["actor"] for m in record["mentions"] if m["start"] < 1000} >= {"ibrahim-traore", "abdoulaye-diop"}
    assert stored["good.txt"]["actors"]
    again = reprocess(store, everything=True)  # reprocess died on these too
    assert again.failed == [] and len(again.added) == 3


def test_blocks_are_cut_at_sentence_starts_and_cover_the_doc(analyze):
    from telex.analysis import _prepared_doc
    from telex.clean import clean_document
    from telex.nlp.model import load_pipeline
    from telex.records import RawDocument

    text = "\n\n".join([OPENING, *filler(40), CLOSING])
    article = clean_document(RawDocument(source="t", kind="text", text=text))
    doc, _offsets = _prepared_doc(load_pipeline("fr"), article)
    bounds = block_bounds(doc, 5_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(end == next_start for (_s, end), (next_start, _e) in pairwise(bounds))
    assert all(doc[start:end].end_char - doc[start].idx <= 5_000 for start, end in bounds)
    assert all(doc[start].is_sent_start for start, _end in bounds)


def test_a_long_real_article_in_blocks_gets_the_records_of_the_whole_doc(monkeypatch):
    """Blocks change nothing: the same records as one Doc (under spaCy's limit, to compare)."""
    import telex.analysis as analysis
    from telex.clean import clean_document
    from telex.ingest import read_documents
    from telex.records import RawDocument

    pages = sorted(requires_shared("corpus/orangesum/pages").glob("*.html"))[:25]
    texts = [
        clean_document(item).text for page in pages for item in read_documents(page) if isinstance(item, RawDocument)
    ]
    article = clean_document(RawDocument(source="dossier", kind="text", text="\n\n".join(texts)))
    assert len(article.text) > 60_000
    monkeypatch.setattr(analysis, "BLOCK_CHARS", 10**9)
    (whole,) = analysis.analyze_articles([article])
    monkeypatch.setattr(analysis, "BLOCK_CHARS", 15_000)
    (blocks,) = analysis.analyze_articles([article])
    assert blocks == whole and len(whole.mentions) > 100 and len(whole.quotes) > 20


# --- runs of symbols --------------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", ["[", "«", "(.", "'", '"', "?!"])
def test_a_100kb_run_of_symbols_is_tokenised_piece_by_piece_with_the_text_intact(symbol):
    from telex.nlp.model import load_pipeline

    text = f"Il a dit {symbol * (100_000 // len(symbol))} puis il est parti."
    doc = tokenize(load_pipeline("fr"), text)
    assert doc.text == text
    assert max(len(token) for token in doc) <= SYMBOL_RUN
    assert [token.text for token in doc][:3] == ["Il", "a", "dit"] and doc[-1].text == "."


def test_cut_points_cover_the_text_and_leave_ordinary_text_whole():
    text = "Un texte ordinaire, avec « guillemets » et une URL https://exemple.org/a/b?c=d."
    assert _cut_points(text) == []
    long_word = "a" * (LONGEST_WORD * 2 + 5)
    text = "début " + "[" * 70 + " milieu " + long_word + "(((" * 20 + "fin"
    segments = _cut_points(text)
    assert "".join(text[start:end] for start, end, _whole in segments) == text
    assert all(end - start <= LONGEST_WORD for start, end, _whole in segments[1:-1])
    assert {text[start:end] for start, end, whole in segments if whole} == {
        "[" * SYMBOL_RUN,
        "[" * 6,
        "(" * SYMBOL_RUN,
        "(" * 28,
    }


@pytest.mark.slow
@pytest.mark.parametrize("symbol", ["[", "«"])
def test_a_text_with_a_100kb_run_of_brackets_or_guillemets_is_analysed_and_stored(tmp_path, store, symbol):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "runs.txt").write_text(f"{OPENING}\n\n{symbol * 100_000}\n\n{CLOSING}", encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    report = ingest([folder], store)
    assert report.failed == [] and len(report.added) == 2
    record = records(store)["runs.txt"]
    assert_offsets_exact(record)
    assert {"ibrahim-traore", "vladimir-putin"} <= {mention["actor"] for mention in record["mentions"]}


# --- the hard cap -----------------------------------------------------------------------------------


def test_a_text_over_max_chars_fails_alone_with_the_limit_in_the_reason(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text("\n\n".join([OPENING, *filler(10), CLOSING]), encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    report = ingest([folder], store, nlp=False, max_chars=5_000)
    assert len(report.added) == 1 and store.count() == 1
    (failure,) = report.failed
    assert failure.source.endswith("long.txt") and failure.reason == "text over the character limit"
    assert failure.detail.endswith("characters; the limit is 5,000 (--max-chars)")


def test_analysis_refuses_a_text_over_max_chars_whoever_calls_it():
    from telex.analysis import analyze_articles
    from telex.clean import clean_document
    from telex.errors import TextTooLong
    from telex.records import RawDocument

    article = clean_document(RawDocument(source="a.txt", kind="text", text="\n\n".join(filler(10))))
    (result,) = analyze_articles([article], max_chars=1_000)
    assert isinstance(result, TextTooLong) and result.source == "a.txt"


def test_cli_max_chars_reports_the_text_as_failed(tmp_path):
    source = tmp_path / "long.txt"
    source.write_text("\n\n".join(filler(10)), encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["ingest", str(source), "--db", str(tmp_path / "t.db"), "--no-nlp", "--max-chars", "1000"],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 1 and "text over the character limit" in result.stdout


# --- English ----------------------------------------------------------------------------------------


def test_english_page_with_according_to_is_analysed_with_its_speakers(analyze):
    text = (
        "Talks resumed in Geneva on Monday. According to Vladimir Putin, the war will go on.\n\n"
        "He said the talks would continue, according to Reuters."
    )
    article, analysis, _names = analyze(text, language="en")
    assert article.language == "en"
    assert [quote.speaker for quote in analysis.quotes] == ["vladimir-putin", "reuters"]


@pytest.mark.slow
def test_english_page_is_stored_beside_french_ones_through_the_workers(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(
        "Talks resumed in Geneva on Monday. According to Vladimir Putin, the war will go on.", encoding="utf-8"
    )
    (folder / "fr.txt").write_text(GOOD, encoding="utf-8")
    report = ingest([folder], store)
    assert report.failed == [] and len(report.added) == 2
    assert records(store)["en.txt"]["quotes"][0]["speaker"] == "vladimir-putin"
