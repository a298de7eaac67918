from __future__ import annotations

import sqlite3

import pytest

from telex.clean import clean_document
from telex.records import Actor, Analysis, Event, Mention, Quote, RawDocument
from telex.store import ArticleNotFound, Store

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
    record = store.record(result.article_id)
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
