from __future__ import annotations

import sqlite3

import pytest

from telex.clean import clean_document
from telex.export import article_record
from telex.records import Actor, Analysis, Event, Mention, Quote, RawDocument
from telex.store import ArticleNotFound, BadQuery, Store, StoreUnavailable
from telex.store.columns import ANALYSIS_TABLES, ARTICLES, MENTIONS, RecordTable

TEXT = "Le président a reçu son homologue mercredi 4 octobre 2023 à Ouagadougou pour parler de sécurité."


def _article(text=TEXT, url="https://example.org/a", source="a.txt"):
    return clean_document(RawDocument(source=source, kind="text", text=text, url=url))


def test_migrations_run_once_and_wal_is_on(tmp_path):
    path = tmp_path / "t.db"
    Store(path).close()
    with Store(path) as store:
        versions = [r[0] for r in store.connection.execute("SELECT version FROM schema_migrations")]
        mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert versions == sorted(set(versions)) and versions[0] == 1
    assert mode == "wal"


def test_migrations_are_numbered_one_to_n_once_each_and_a_new_store_is_at_the_latest(tmp_path):
    """Two branches each adding a migration must not both take the next number: the newer-store
    refusal and `telex upgrade` go by the highest number applied."""
    from telex.store.migrate import available_migrations, latest_version, schema_version

    numbers = [version for version, _name, _sql in available_migrations()]
    assert numbers == list(range(1, len(numbers) + 1)) and latest_version() == len(numbers)
    with Store(tmp_path / "t.db") as store:
        assert schema_version(store.connection) == latest_version()


def test_same_article_twice_is_stored_once_with_both_sources(store):
    first = store.add([(_article(source="a.txt"), None)])
    second = store.add([(_article(source="copy/a.txt"), None)])
    assert [r.status for r in first + second] == ["added", "present"]
    assert store.count() == 1
    assert store.get(first[0].article_id).sources == ["a.txt", "copy/a.txt"]


def test_same_url_with_changed_text_is_a_new_version(store):
    (old,) = store.add([(_article(), None)])
    (new,) = store.add([(_article(TEXT.replace("sécurité", "coopération")), None)])
    assert (old.version, new.version) == (1, 2)
    stored = store.get(new.article_id)
    assert stored.previous_id == old.article_id
    assert store.get(old.article_id).article.text == TEXT  # the old text is kept


def test_duplicate_inside_one_batch_is_stored_once(store):
    results = store.add([(_article(source="x"), None), (_article(source="y"), None)])
    assert [r.status for r in results] == ["added", "present"]


def test_failed_batch_leaves_nothing_behind(store):
    good = _article()
    broken = _article(TEXT + " Autre.")
    broken.text = None  # violates NOT NULL: the whole batch must roll back
    with pytest.raises(sqlite3.IntegrityError):
        store.add([(good, None), (broken, None)])
    assert store.count() == 0


def test_analysis_round_trips_and_quotes_are_searchable(store):
    article = _article()
    analysis = Analysis(
        actors=[Actor("BFA", "Burkina Faso", "country", "BFA", "BFA")],
        mentions=[Mention(60, 71, "Ouagadougou", "BFA", "capital")],
        quotes=[Quote(0, 12, "Le président", "direct", None, "a dit", 13, 18)],
        events=[
            Event(
                0,
                len(TEXT),
                "a reçu",
                13,
                19,
                "043",
                ("BFA",),
                (),
                "CONSULT",
                None,
                1,
                2.8,
                "2023-10-04",
                "text",
                "asserted",
                None,
                None,
                "test",
            )
        ],
    )
    (result,) = store.add([(article, analysis)])
    assert store.analysis(result.article_id) == analysis
    hits = store.connection.execute("SELECT article_id FROM quotes_fts WHERE quotes_fts MATCH 'president'").fetchall()
    assert [h[0] for h in hits] == [result.article_id]  # diacritics folded


def test_id_prefix_lookup(store):
    (result,) = store.add([(_article(), None)])
    assert store.get(result.article_id[:6]).article.id == result.article_id
    with pytest.raises(ArticleNotFound):
        store.get("zzzz")


def test_record_follows_the_export_contract(store):
    (result,) = store.add([(_article(), None)])
    stored = store.get(result.article_id)
    record = article_record(stored.article, store.analysis(result.article_id), stored)
    for key in (
        "id",
        "url",
        "site",
        "title",
        "authors",
        "published",
        "language",
        "text",
        "actors",
        "mentions",
        "quotes",
        "events",
    ):
        assert key in record
    assert record["published"] == "2023-10-04"


def test_interrupted_batch_rolls_back_and_the_store_stays_usable(store, monkeypatch):
    written = store._add_one
    calls = []

    def interrupted(*arguments):
        calls.append(arguments)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C between two articles of one batch
        return written(*arguments)

    monkeypatch.setattr(store, "_add_one", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.add([(_article(), None), (_article(TEXT + " Autre."), None)])
    assert store.count() == 0 and not store.connection.in_transaction
    monkeypatch.undo()
    assert [r.status for r in store.add([(_article(), None)])] == ["added"]


def test_like_wildcards_in_user_input_match_literally(store):
    article = _article()
    analysis = Analysis(
        actors=[
            Actor("org:a", "Groupe_A", "group"),
            Actor("org:b", "GroupeXA", "group"),
            Actor("org:c", "C:\\D", "group"),
        ],
        events=[Event(0, 10, "a reçu", 13, 19, "043", ("org:a",), ("org:b",))],
    )
    (result,) = store.add([(article, analysis)])
    assert store.actor_ids_named("e_A") == ["org:a"]
    assert store.actor_ids_named("\\") == ["org:c"]
    assert store.actor_ids_named("%") == []
    assert [e["cameo"] for e in store.search_events(code="04")] == ["043"]
    assert store.search_events(code="0_3") == [] and store.search_events(code="\\") == []
    assert store.search_events(code="\\04") == []  # an unescaped backslash would match "04"
    for prefix in ("%", "_", "\\"):
        with pytest.raises(ArticleNotFound):
            store.resolve_id(prefix)
    assert store.resolve_id(result.article_id[:4]) == result.article_id


def test_event_listing_names_all_actors_in_one_query(store):
    events = [Event(0, 10, "a reçu", 13, 19, "043", ("BFA",), ("MLI", "person:inconnu")) for _ in range(5)]
    actors = [Actor("BFA", "Burkina Faso", "country", "BFA"), Actor("MLI", "Mali", "country", "MLI")]
    store.add([(_article(), Analysis(actors=actors, events=events))])
    statements = []
    store.connection.set_trace_callback(statements.append)
    found = store.search_events()
    store.connection.set_trace_callback(None)
    assert len(statements) == 2  # the events, then every name at once
    assert {(tuple(e["source_names"]), tuple(e["target_names"])) for e in found} == {
        (("Burkina Faso",), ("Mali", "person:inconnu"))  # an id the store has no name for stays an id
    }


def test_bad_search_expression_is_a_bad_query(store):
    store.add([(_article(), None)])
    with pytest.raises(BadQuery, match="bad search expression"):
        store.search_quotes(words='"')


def test_file_sqlite_cannot_open_is_store_unavailable(tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    for path in (tmp_path, text_file, tmp_path / "missing" / "t.db"):
        with pytest.raises(StoreUnavailable, match="cannot open the store"):
            Store(path)


def test_each_mapping_covers_its_record_and_its_table(store):
    """Adding a field to a record needs the record, its mapping and a migration: this checks the three agree."""
    for mapping in (ARTICLES, *ANALYSIS_TABLES):
        schema = {row[1] for row in store.connection.execute(f"PRAGMA table_info({mapping.table})")}
        assert set(mapping.column_names) == schema, mapping.table
        assert len(mapping.column_names) == len(schema)
    with pytest.raises(TypeError, match="unmapped fields \\['rule'\\]"):
        RecordTable("mentions", Mention, ("article_id",), MENTIONS.columns[:-1])
