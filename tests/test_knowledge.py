"""The one knowledge loader: every data file goes through it, layers combine, the fingerprint
follows every file, compiled knowledge is reused from disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from telex.errors import KnowledgeError
from telex.knowledge import BUILD_INPUTS, Knowledge, packaged_data_folder


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TELEX_CACHE_DIR", str(folder))
    return folder


def test_every_packaged_data_file_is_read_through_the_loader(cache_dir):
    knowledge = Knowledge()
    knowledge.load_everything()
    data = packaged_data_folder()
    on_disk = {path for path in data.rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    build_inputs = {data / relative for relative in BUILD_INPUTS}
    assert knowledge.files_read == on_disk - build_inputs
    assert {file.path for file in knowledge.all_files()} == knowledge.files_read


def test_fingerprint_changes_when_any_data_file_changes(tmp_path, cache_dir):
    copy = tmp_path / "data"
    shutil.copytree(packaged_data_folder(), copy)
    files = [file.path for file in Knowledge(data_folder=copy).all_files()]
    assert len(files) > 50
    before = Knowledge(data_folder=copy).fingerprint()
    for path in files:
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited by an analyst\n")
        assert Knowledge(data_folder=copy).fingerprint() != before, path
        path.write_bytes(original)
    assert Knowledge(data_folder=copy).fingerprint() == before


def test_fingerprint_covers_analysts_folders(tmp_path, cache_dir):
    mine = tmp_path / "mine"
    (mine / "quotes").mkdir(parents=True)
    (mine / "quotes" / "cues_fr.yaml").write_text("language: fr\ncues:\n  - {lemma: vociférer, type: verb}\n")
    assert Knowledge([mine]).fingerprint() != Knowledge().fingerprint()


def test_analyst_layers_add_and_replace_entries(tmp_path, cache_dir):
    from telex.clean.boilerplate import load_boilerplate_rules
    from telex.events.dictionary import load_event_dictionary
    from telex.quotes.lexicon import load_cues

    mine = tmp_path / "mine"
    (mine / "quotes").mkdir(parents=True)
    (mine / "quotes" / "cues_fr.yaml").write_text(
        "language: fr\ncues:\n  - {lemma: vociférer, type: verb}\n  - {lemma: dire, type: verb, stance: warn}\n"
    )
    (mine / "events" / "fr").mkdir(parents=True)
    (mine / "events" / "fr" / "mine.yaml").write_text(
        'language: fr\nverbs:\n  - {lemma: rencontrer, code: "043", kind: act}\n'
        '  - {lemma: pactiser, code: "060", kind: act, target: [avec]}\n'
    )
    (mine / "clean").mkdir()
    (mine / "clean" / "boilerplate.yaml").write_text("furniture:\n  promo:\n    fr: ['Abonnez-vous à Mon Journal']\n")
    knowledge = Knowledge([mine])
    cues = load_cues("fr", knowledge=knowledge)
    assert cues.get("vociférer") is not None and cues.get("dire").stance == "warn"
    triggers = load_event_dictionary("fr", knowledge=knowledge)
    assert triggers.verb_entries("rencontrer")[0].code == "043"  # replaced
    assert triggers.verb_entries("pactiser")[0].code == "060"  # added
    assert triggers.verb_entries("accueillir")  # the packaged ones stay
    rules = load_boilerplate_rules(knowledge=knowledge)
    assert rules.furniture_category("Abonnez-vous à Mon Journal") == "promo"
    assert rules.furniture_category("Facebook Comments Box") is not None


def test_bad_analyst_yaml_names_the_file(tmp_path, cache_dir):
    from telex.quotes.lexicon import load_cues

    mine = tmp_path / "mine"
    (mine / "quotes").mkdir(parents=True)
    (mine / "quotes" / "cues_fr.yaml").write_text("language: fr\ncues: [{lemma: dire, type: verb\n")
    with pytest.raises(KnowledgeError, match=r"mine/quotes/cues_fr.yaml: invalid YAML"):
        load_cues("fr", knowledge=Knowledge([mine]))


def test_yaml_booleans_in_word_lists_get_a_hint(tmp_path, cache_dir):
    from telex.nlp.grammar import load_grammar

    mine = tmp_path / "mine"
    (mine / "lang").mkdir(parents=True)
    (mine / "lang" / "fr.yaml").write_text("clitics: [y, on]\n")
    with pytest.raises(KnowledgeError, match=r"field 'clitics': .*quote words YAML reads as booleans"):
        load_grammar("fr", knowledge=Knowledge([mine]))


def test_missing_knowledge_folder_is_reported(tmp_path):
    with pytest.raises(KnowledgeError, match="knowledge folder not found"):
        Knowledge([tmp_path / "nowhere"])


def test_actor_knowledge_is_reused_from_disk(cache_dir, monkeypatch):
    import telex.actors.knowledge as actors

    first = actors.load_knowledge(knowledge=Knowledge())
    assert list(cache_dir.glob("actors-*.pickle"))

    def no_rebuild(knowledge):
        raise AssertionError("rebuilt although the data did not change")

    monkeypatch.setattr(actors, "_build_knowledge_base", no_rebuild)
    fresh = Knowledge()
    second = actors.load_knowledge(knowledge=fresh)
    assert second.actors.keys() == first.actors.keys()
    assert any(path.name == "countries.yaml" for path in fresh.files_read)  # it stands for its files


def test_disk_cache_follows_the_data(tmp_path, cache_dir):
    from telex.actors.knowledge import load_knowledge

    copy = tmp_path / "data"
    shutil.copytree(packaged_data_folder(), copy)
    before = load_knowledge(knowledge=Knowledge(data_folder=copy))
    roles = copy / "actors" / "roles.yaml"
    roles.write_text(roles.read_text().replace("    armée: MIL\n", "    armée: MIL\n    bouffons: CVL\n", 1))
    after = load_knowledge(knowledge=Knowledge(data_folder=copy))
    assert "bouffons" not in before.agent_nouns("fr") and after.agent_nouns("fr")["bouffons"] == "CVL"
