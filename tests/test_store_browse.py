"""The store's paged queries (telex.store.browse): filters, keyset cursors, aggregates, read-only opening."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from telex.clean import clean_document
from telex.errors import StoreSchemaOutdated
from telex.records import Actor, Analysis, Event, Mention, Quote, RawDocument
from telex.store import ArticleFilter, BadQuery, EventFilter, QuoteFilter, Store, StoreUnavailable, plain_words_query
from telex.store.browse import split_snippet
from telex.store.migrate import available_migrations

PUTIN = Actor("vladimir-putin", "Vladimir Putin", "person", "RUS", "RUSGOV")
KIM = Actor("kim-jong-un", "Kim Jong-un", "person", "PRK", "PRKGOV")
RUSSIA = Actor("RUS", "Russia", "country", "RUS", "RUS")


def _article(day: str, words: str, site: str = "Netafrique.net", language: str = "fr"):
    """A short article whose text names Putin then Kim (what :func:`_analysis` marks)."""
    text = f"Vladimir Poutine a reçu Kim Jong-un le {day}. {words}"
    article = clean_document(
        RawDocument(source=f"{day}-{words[:10]}.txt", kind="text", text=text, published=day, site=site)
    )
    article.language = language
    return article


def _analysis(text: str, day: str, status: str = "asserted", cameo: str = "043") -> Analysis:
    putin_end = text.index("Poutine") + len("Poutine")
    kim = text.index("Kim Jong-un")
    return Analysis(
        actors=[PUTIN, KIM],
        mentions=[Mention(0, putin_end, "Vladimir Poutine", PUTIN.id, "alias"), Mention(kim, kim + 11, "Kim", KIM.id)],
        quotes=[Quote(kim, len(text), text[kim:], "direct", PUTIN.id, "a dit", None, None, 0, putin_end)],
        events=[
            Event(
                0,
                len(text),
                "a reçu",
                17,
                23,
                cameo,
                (PUTIN.id,),
                (KIM.id,),
                "CONSULT",
                None,
                1,
                2.8,
                day,
                "text",
                status,
            )
        ],
    )


@pytest.fixture
def filled(store):
    """Five dated articles and one undated, each with a mention of each actor, a quote by Putin and an
    event Putin → Kim."""
    days = ["2023-09-01", "2023-09-05", "2023-09-05", "2023-09-12", "2023-10-02"]
    for number, day in enumerate(days):
        article = _article(day, f"Texte numéro {number} sur la sécurité.")
        store.add([(article, _analysis(article.text, day, "denied" if number == 4 else "asserted"))])
    article = _article("2023-08-01", "Un article en anglais sur les sanctions.", site="example.org", language="en")
    article.published = None
    store.add([(article, _analysis(article.text, None, cameo="0311"))])
    return store


def _all_pages(fetch, limit):
    items, after, pages = [], None, 0
    while True:
        page = fetch(limit=limit, after=after)
        items += page.items
        pages += 1
        if page.next_key is None:
            return items, pages
        after = page.next_key


def test_article_pages_are_newest_first_with_undated_last_and_cover_every_article_once(filled):
    whole = filled.article_page(limit=None).items
    assert [item["published"] for item in whole] == [
        "2023-10-02", "2023-09-12", "2023-09-05", "2023-09-05", "2023-09-01", None
    ]  # fmt: skip
    paged, pages = _all_pages(filled.article_page, 2)
    assert [item["id"] for item in paged] == [item["id"] for item in whole] and pages == 3
    assert whole[0]["mentions"] == 2 and whole[0]["quotes"] == 1 and whole[0]["events"] == 1


def test_a_page_boundary_holds_when_articles_are_added_between_pages(filled):
    first = filled.article_page(limit=3)
    article = _article("2023-09-20", "Ajouté pendant la lecture.")
    filled.add([(article, None)])  # newer than everything on the first page
    rest, _ = _all_pages(lambda limit, after: filled.article_page(limit=limit, after=after or first.next_key), 10)
    seen = [item["id"] for item in first.items + rest]
    assert len(seen) == len(set(seen)) == 6  # no repeat, no skip; the new article sorts before the cursor


def test_article_filters_by_site_language_and_dates(filled):
    assert len(filled.article_page(ArticleFilter(site="NETAFRIQUE.NET")).items) == 5
    assert [a["site"] for a in filled.article_page(ArticleFilter(language="en")).items] == ["example.org"]
    dates = [a["published"] for a in filled.article_page(ArticleFilter(since="2023-09-05", until="2023-09-12")).items]
    assert dates == ["2023-09-12", "2023-09-05", "2023-09-05"]


def test_full_text_search_folds_accents_and_gives_the_matched_words_offsets(filled):
    page = filled.article_page(ArticleFilter(words="securite"))
    assert len(page.items) == 5
    for item in page.items:
        start, end = item["snippet_matches"][0]
        assert item["snippet"][start:end] == "sécurité"
    assert [a["site"] for a in filled.article_page(ArticleFilter(words="sanctions")).items] == ["example.org"]
    with pytest.raises(BadQuery, match="bad search expression"):
        filled.article_page(ArticleFilter(words='"unbalanced'))


def test_typed_words_become_a_literal_search():
    assert plain_words_query('Kim Jong-un "x') == '"Kim" "Jong-un" """x"'
    assert split_snippet("a \ue000b\ue001 c \ue000dé\ue001") == ("a b c dé", [[2, 3], [6, 8]])


def test_article_search_index_follows_new_articles_and_is_built_for_existing_ones(tmp_path):
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    for version, name, sql in available_migrations():
        if version < 6:  # a store made before the full-text index existed
            connection.executescript(sql)
            connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                               " name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT '')")  # fmt: skip
            connection.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
    connection.execute(
        "INSERT INTO articles (id, content_hash, text, source, kind, ingested_at) VALUES"
        " ('old1', 'h', 'Un ancien texte sur la frontière.', 'a.txt', 'text', '2023-01-01T00:00:00Z')"
    )
    connection.commit()
    connection.close()
    with pytest.raises(StoreSchemaOutdated, match="older telex"):
        Store(path, read_only=True)
    with Store(path) as store:  # migrates, indexing the article already there
        assert [a["id"] for a in store.article_page(ArticleFilter(words="frontiere")).items] == ["old1"]
        article = _article("2023-09-01", "Une nouvelle frontière.")
        store.add([(article, None)])
        assert len(store.article_page(ArticleFilter(words="frontiere")).items) == 2


def test_iter_article_ids_reads_every_selected_id_a_page_at_a_time(filled):
    statements = []
    filled.connection.set_trace_callback(statements.append)
    ids = list(filled.iter_article_ids(ArticleFilter(site="netafrique.net"), batch=2))
    filled.connection.set_trace_callback(None)
    assert ids == [item["id"] for item in filled.article_page(ArticleFilter(site="netafrique.net"), limit=None).items]
    assert len(statements) == 3  # 2 + 2 + 1 ids


def test_quote_pages_filter_by_speaker_words_dates_and_article(filled):
    everything = filled.quote_page(limit=None).items
    assert len(everything) == 6 and all(q["speaker"] == "Vladimir Putin" for q in everything)
    paged, pages = _all_pages(filled.quote_page, 4)
    assert [(q["article_id"], q["position"]) for q in paged] == [(q["article_id"], q["position"]) for q in everything]
    assert pages == 2
    assert filled.quote_page(QuoteFilter(speakers=[KIM.id])).items == []
    assert len(filled.quote_page(QuoteFilter(speakers=[], words="numero")).items) == 0
    assert len(filled.quote_page(QuoteFilter(words="numero")).items) == 5
    assert len(filled.quote_page(QuoteFilter(since="2023-09-05", until="2023-09-05")).items) == 2
    one = everything[0]
    assert [q["text"] for q in filled.quote_page(QuoteFilter(article=one["article_id"])).items] == [one["text"]]
    assert one["speaker_start"] == 0 and one["speaker_end"] > 0


def test_event_pages_filter_by_side_code_plover_status_and_dates(filled):
    assert len(filled.event_page(EventFilter(sources=[PUTIN.id])).items) == 6
    assert filled.event_page(EventFilter(targets=[PUTIN.id])).items == []
    assert len(filled.event_page(EventFilter(actors=[KIM.id])).items) == 6
    assert [e["cameo"] for e in filled.event_page(EventFilter(code="031")).items] == ["0311"]
    assert len(filled.event_page(EventFilter(plover="CONSULT")).items) == 6
    denied = filled.event_page(EventFilter(status="denied")).items
    assert [e["date"] for e in denied] == ["2023-10-02"]
    assert len(filled.event_page(EventFilter(exclude_statuses=["denied"])).items) == 5
    assert [e["date"] for e in filled.event_page(EventFilter(since="2023-09-12")).items] == ["2023-10-02", "2023-09-12"]
    event = denied[0]
    assert event["source_names"] == ["Vladimir Putin"] and event["target_names"] == ["Kim Jong-un"]
    assert event["also_stated_at"] == [] and event["source"] == [PUTIN.id]
    paged, pages = _all_pages(filled.event_page, 4)
    assert len({(e["article_id"], e["position"]) for e in paged}) == 6 and pages == 2
    assert paged[-1]["date"] is None  # undated last


def test_event_weeks_start_on_monday_and_count_by_quad_class(filled):
    weeks = filled.event_weeks()
    assert weeks == [
        {"week": "2023-08-28", "quad_class": 1, "events": 1},  # Friday 1 September
        {"week": "2023-09-04", "quad_class": 1, "events": 2},
        {"week": "2023-09-11", "quad_class": 1, "events": 1},
        {"week": "2023-10-02", "quad_class": 1, "events": 1},  # a Monday is its own week
    ]
    by_role = filled.actor_event_weeks([KIM.id], exclude_statuses=["denied"])
    assert {row["role"] for row in by_role} == {"target"} and sum(row["events"] for row in by_role) == 4


def test_dyads_and_counterparts_count_each_source_target_pair(filled):
    assert filled.event_dyads() == [
        {
            "source": PUTIN.id,
            "target": KIM.id,
            "events": 6,
            "source_name": "Vladimir Putin",
            "target_name": "Kim Jong-un",
        }
    ]
    (kim,) = filled.actor_counterparts(PUTIN.id)
    assert (kim["id"], kim["name"], kim["as_target"], kim["as_source"]) == (KIM.id, "Kim Jong-un", 6, 0)
    (putin,) = filled.actor_counterparts(KIM.id)
    assert (putin["as_target"], putin["as_source"]) == (0, 6)


def test_actor_pages_summary_forms_and_codes(filled):
    actors = filled.actor_page(limit=None).items
    assert [a["id"] for a in actors] == sorted([PUTIN.id, KIM.id])  # equal mentions: by id
    assert actors[0]["codes"] == ["PRKGOV"]
    first = filled.actor_page(limit=1)
    assert [a["id"] for a in filled.actor_page(limit=1, after=first.next_key).items] == [PUTIN.id]
    assert [a["id"] for a in filled.actor_page(code="RUS").items] == [PUTIN.id]
    assert [a["id"] for a in filled.actor_page(country="PRK", actor_type="person").items] == [KIM.id]
    assert filled.actor_page(ids=[]).items == []
    summary = filled.actor_summary(PUTIN.id)
    assert summary["mentions"] == 6 and summary["quotes"] == 6
    assert (summary["events_as_source"], summary["events_as_target"]) == (6, 0)
    assert (summary["first_seen"], summary["last_seen"]) == ("2023-09-01", "2023-10-02")
    assert filled.actor_summary("nobody") is None
    assert filled.actor_forms(PUTIN.id) == [
        {"text": "Vladimir Poutine", "mentions": 6, "articles": 6, "rules": ["alias"]}
    ]
    (code,) = filled.actor_codes(PUTIN.id)
    assert (code["code"], code["articles"], code["first"], code["last"]) == ("RUSGOV", 6, "2023-09-01", "2023-10-02")
    assert filled.totals()["articles"] == 6 and filled.totals()["sites"] == 2


def test_a_read_only_store_refuses_writes_and_serves_any_thread(filled):
    with Store(filled.path, read_only=True) as reader:
        with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only"):
            reader.connection.execute("DELETE FROM articles")
        found = []
        thread = threading.Thread(target=lambda: found.append(reader.count()))
        thread.start()
        thread.join()
        assert found == [6]
    assert filled.count() == 6
    with pytest.raises(StoreUnavailable, match="no such file"):
        Store(filled.path.with_name("missing.db"), read_only=True)
