"""The JSON API of ``telex serve`` through FastAPI's TestClient, over the seed and a hostile page
analysed by the real pipeline (the ``web_store_path`` fixture)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from telex.export import article_record
from telex.store import Store, StoreUnavailable
from telex.web.app import ServerSettings, create_app

pytestmark = pytest.mark.slow
TOKEN = "s3cret-token-for-tests"
SEED_ID_PREFIX_LENGTH = 6


@pytest.fixture(scope="module")
def client(web_store_path):
    with TestClient(create_app(ServerSettings(web_store_path))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ids(web_store_path) -> dict[str, str]:
    with Store(web_store_path, read_only=True) as store:
        items = store.article_page(limit=None).items
    return {"hostile": items[0]["id"], "seed": items[1]["id"]}


@pytest.fixture
def writable(web_store_path, tmp_path) -> Path:
    """A copy of the shared store that a test may write to."""
    path = tmp_path / "copy.db"
    shutil.copy(web_store_path, path)
    return path


def _error_location(response) -> list[list[str]]:
    assert response.status_code == 422, response.text
    return [detail["loc"] for detail in response.json()["detail"]]


def _pages(client, url: str, limit: int) -> tuple[list[dict], int]:
    items, cursor, pages = [], None, 0
    while True:
        response = client.get(url, params={"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages


# --- the schema -------------------------------------------------------------------------------


def test_openapi_documents_every_read_endpoint_and_hides_ingest_without_a_token(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/actors",
        "/api/v1/actors/{actor_id}",
        "/api/v1/quotes",
        "/api/v1/events",
        "/api/v1/export",
        "/api/v1/stats",
    }
    names = {p["name"] for p in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert names >= {"actor", "source", "target", "code", "plover", "status", "since", "until", "limit", "cursor"}


def test_docs_page_serves_swagger_ui_from_the_package_not_a_cdn(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert '<script src="/static/vendor/swagger-ui-bundle.js">' in page.text and "https://" not in page.text
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200


# --- articles ---------------------------------------------------------------------------------


def test_articles_are_listed_newest_first_with_counts(client, ids):
    body = client.get("/api/v1/articles").json()
    assert [item["id"] for item in body["items"]] == [ids["hostile"], ids["seed"]]
    seed = body["items"][1]
    assert (seed["site"], seed["published"], seed["language"]) == ("Netafrique.net", "2023-09-13", "fr")
    assert seed["lead"].startswith("Kim Jong-un a affirmé le mercredi 13 septembre 2023") and len(seed["lead"]) == 240
    assert seed["quotes"] >= 10 and seed["events"] >= 5 and seed["mentions"] >= 20
    assert body["next_cursor"] is None


def test_article_search_finds_words_accents_ignored_and_points_at_them(client, ids):
    for query in ("impérialisme", "imperialisme", "IMPERIALISME"):
        (item,) = client.get("/api/v1/articles", params={"q": query}).json()["items"]
        assert item["id"] == ids["seed"]
        start, end = item["snippet_matches"][0]
        assert item["snippet"][start:end] == "impérialisme"
    found = client.get("/api/v1/articles", params={"q": "Poutine"}).json()["items"]
    assert [item["id"] for item in found] == [ids["hostile"], ids["seed"]]


def test_article_filters_select_by_site_language_and_dates(client, ids):
    def listed(**params):
        return [item["id"] for item in client.get("/api/v1/articles", params=params).json()["items"]]

    assert listed(site="NETAFRIQUE.NET") == [ids["seed"]]
    assert listed(language="fr") == [ids["hostile"], ids["seed"]] and listed(language="en") == []
    assert listed(since="2023-09-14") == [ids["hostile"]]
    assert listed(until="2023-09-13") == [ids["seed"]]
    assert listed(since="2023-09-13", until="2023-09-13") == [ids["seed"]]


def test_article_pages_follow_the_cursor_to_the_end(client, ids):
    items, pages = _pages(client, "/api/v1/articles", 1)
    assert [item["id"] for item in items] == [ids["hostile"], ids["seed"]] and pages == 2


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"since": "13/09/2023"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"since": "2023-09-14", "until": "2023-09-01"}, "until"),
        ({"q": '"unbalanced'}, "q"),
        ({"q": "AND"}, "q"),
        ({"language": "French"}, "language"),
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"cursor": "not-a-cursor!"}, "cursor"),
        ({"cursor": "WzEsMiwzXQ"}, "cursor"),  # [1,2,3]: valid JSON, not this listing's key
    ],
)
def test_a_bad_article_parameter_is_a_422_that_names_it(client, params, parameter):
    assert ["query", parameter] in _error_location(client.get("/api/v1/articles", params=params))


def test_an_article_is_its_export_record_by_id_or_unique_prefix(client, ids, web_store_path):
    with Store(web_store_path, read_only=True) as store:
        stored = store.get(ids["seed"])
        expected = json.loads(json.dumps(article_record(stored.article, store.analysis(ids["seed"]), stored)))
    assert client.get(f"/api/v1/articles/{ids['seed']}").json() == expected
    assert client.get(f"/api/v1/articles/{ids['seed'][:SEED_ID_PREFIX_LENGTH]}").json() == expected
    record = expected
    putin = [q for q in record["quotes"] if q["speaker"] == "vladimir-putin"]
    assert any(q["text"] == "Je suis heureux de vous voir." for q in putin)
    assert record["text"][putin[0]["start"] : putin[0]["end"]] == putin[0]["text"]


def test_an_unknown_article_is_a_404(client):
    response = client.get("/api/v1/articles/ffffffffffffffff")
    assert response.status_code == 404 and "no article" in response.json()["detail"]
    assert client.get("/api/v1/articles/%25").status_code == 404  # "%" is a prefix, not a wildcard


# --- actors -----------------------------------------------------------------------------------


def test_actors_are_listed_most_mentioned_first_and_filtered(client):
    items = client.get("/api/v1/actors", params={"limit": 500}).json()["items"]
    mentions = [actor["mentions"] for actor in items]
    assert mentions == sorted(mentions, reverse=True) and len(items) >= 8
    putin = next(actor for actor in items if actor["id"] == "vladimir-putin")
    assert putin["articles"] == 2 and putin["codes"] == ["RUSGOV"]

    def listed(**params):
        return {actor["id"] for actor in client.get("/api/v1/actors", params=params).json()["items"]}

    assert "vladimir-putin" in listed(q="Poutine") and "vladimir-putin" in listed(q="Putin")
    assert listed(type="country") >= {"RUS", "PRK", "UKR"} and "vladimir-putin" not in listed(type="country")
    assert listed(country="PRK") == {"PRK", "kim-jong-un"}
    assert listed(code="RUSGOV") >= {"vladimir-putin", "dmitry-peskov"} and "RUS" not in listed(code="RUSGOV")
    assert "RUS" in listed(code="RUS")
    body = client.get("/api/v1/actors", params={"q": "Poutine"}).json()
    assert body["matched"] == ["vladimir-putin"]
    paged, pages = _pages(client, "/api/v1/actors", 3)
    assert [actor["id"] for actor in paged] == [actor["id"] for actor in items] and pages > 2


@pytest.mark.parametrize(
    ("params", "parameter"),
    [({"type": "planet"}, "type"), ({"country": "ru"}, "country"), ({"code": "RUSG"}, "code"), ({"q": ""}, "q")],
)
def test_a_bad_actor_parameter_is_a_422_that_names_it(client, params, parameter):
    assert ["query", parameter] in _error_location(client.get("/api/v1/actors", params=params))


def test_an_actor_has_names_codes_and_roles_over_time_and_counts(client):
    putin = client.get("/api/v1/actors/vladimir-putin").json()
    assert (putin["name"], putin["type"], putin["country"]) == ("Vladimir Putin", "person", "RUS")
    assert "Poutine" in putin["names"]["fr"] and "Putin" in putin["names"]["en"]
    assert {form["text"] for form in putin["forms"]} >= {"Vladimir Poutine"}
    assert [(code["code"], code["first"]) for code in putin["codes"]] == [("RUSGOV", "2023-09-13")]
    assert any(role["role"] == "head_of_state" and role["end"] is None for role in putin["roles"])
    assert putin["counts"]["quotes"] >= 3 and putin["counts"]["articles"] == 2
    assert putin["counts"]["events_as_source"] >= 1 and putin["counts"]["events_as_target"] >= 1
    assert putin["counterparts"][0]["id"] == "kim-jong-un"
    assert {row["week"] for row in putin["timeline"]} == {"2023-09-11"}
    assert {row["role"] for row in putin["timeline"]} == {"source", "target"}


def test_actor_ids_with_a_colon_and_unknown_actors(client):
    place = client.get("/api/v1/actors/place:occident")
    assert place.status_code == 200 and place.json()["names"] == {}  # not in the knowledge base
    missing = client.get("/api/v1/actors/nobody-at-all")
    assert missing.status_code == 404 and "no actor" in missing.json()["detail"]


# --- quotes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("speaker", ["Poutine", "Vladimir Putin", "vladimir-putin", "RUSGOV", "RUS"])
def test_quotes_by_speaker_accept_every_spelling_the_cli_accepts(client, speaker):
    body = client.get("/api/v1/quotes", params={"speaker": speaker, "limit": 500}).json()
    assert "vladimir-putin" in body["matched"]
    assert "Je suis heureux de vous voir." in [quote["text"] for quote in body["items"]]
    if speaker not in ("RUSGOV", "RUS"):
        assert {quote["speaker_id"] for quote in body["items"]} == {"vladimir-putin"}


def test_quotes_filter_by_words_and_dates_and_page(client, ids):
    words = client.get("/api/v1/quotes", params={"q": "imperialisme"}).json()["items"]
    assert words and all("impérialisme" in quote["text"] for quote in words)
    assert {q["article_id"] for q in client.get("/api/v1/quotes", params={"since": "2023-09-14"}).json()["items"]} == {
        ids["hostile"]
    }
    everything = client.get("/api/v1/quotes", params={"limit": 500}).json()["items"]
    paged, pages = _pages(client, "/api/v1/quotes", 4)
    assert [(q["article_id"], q["position"]) for q in paged] == [(q["article_id"], q["position"]) for q in everything]
    assert pages == -(-len(everything) // 4)
    nobody = client.get("/api/v1/quotes", params={"speaker": "Personne Inconnue Du Tout"}).json()
    assert nobody == {"items": [], "next_cursor": None, "matched": []}
    assert ["query", "q"] in _error_location(client.get("/api/v1/quotes", params={"q": "NEAR("}))


# --- events -----------------------------------------------------------------------------------


def test_events_filter_by_actor_side_code_plover_status_and_date(client, ids):
    def events(**params):
        return client.get("/api/v1/events", params={"limit": 500, **params}).json()["items"]

    russia_to_korea = events(source="Russie", target="Corée du Nord")  # the countries themselves
    assert {event["cameo"] for event in russia_to_korea} == {"033", "0311", "0312"}
    assert all(event["status"] == "intended" for event in russia_to_korea)
    russians_to_koreans = events(source="RUS", target="PRK")  # country codes: every actor of the country
    assert {event["cameo"] for event in russians_to_koreans} == {"033", "0311", "0312", "040", "016"}
    assert {e["cameo"] for e in events(code="03")} == {"033", "0311", "0312"}
    assert {e["cameo"] for e in events(code="031")} == {"0311", "0312"}
    assert {e["plover"] for e in events(plover="AGREE")} == {"AGREE"}
    everything = events()
    for status in {event["status"] for event in everything}:  # the filter keeps exactly that status
        kept = [(e["article_id"], e["position"]) for e in events(status=status)]
        assert kept == [(e["article_id"], e["position"]) for e in everything if e["status"] == status]
    assert {e["cameo"] for e in events(status="intended")} == {"033", "0311", "0312"}
    assert len(events(actor="Poutine")) == len(events(actor="vladimir-putin")) >= 2
    assert {e["article_id"] for e in events(since="2023-09-14")} == {ids["hostile"]}
    assert {e["article_id"] for e in events(until="2023-09-13")} == {ids["seed"]}
    body = client.get("/api/v1/events", params={"actor": "Poutine", "target": "PRK"}).json()
    assert body["matched"]["actor"] == ["vladimir-putin"] and "kim-jong-un" in body["matched"]["target"]
    event = russia_to_korea[0]
    assert event["source_names"] == ["Russia"] and event["target_names"] == ["North Korea"]


def test_event_pages_follow_the_cursor(client):
    everything = client.get("/api/v1/events", params={"limit": 500}).json()["items"]
    paged, pages = _pages(client, "/api/v1/events", 3)
    assert [(e["article_id"], e["position"]) for e in paged] == [(e["article_id"], e["position"]) for e in everything]
    assert pages == -(-len(everything) // 3)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"plover": "HUG"}, "plover"),
        ({"status": "maybe"}, "status"),
        ({"code": "4a"}, "code"),
        ({"code": "04321"}, "code"),
        ({"since": "2023-13-01"}, "since"),
    ],
)
def test_a_bad_event_parameter_is_a_422_that_names_it(client, params, parameter):
    assert ["query", parameter] in _error_location(client.get("/api/v1/events", params=params))


def test_stats_count_what_the_store_holds(client):
    stats = client.get("/api/v1/stats").json()
    assert stats["articles"] == 2 and stats["sites"] == 2
    assert (stats["first_published"], stats["last_published"]) == ("2023-09-13", "2023-09-14")


# --- export -----------------------------------------------------------------------------------


def test_jsonl_export_streams_the_records_of_the_selected_articles(client, ids):
    response = client.get("/api/v1/export", params={"format": "jsonl"})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in response.headers["content-disposition"]
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [record["id"] for record in records] == [ids["hostile"], ids["seed"]]
    assert records[1] == client.get(f"/api/v1/articles/{ids['seed']}").json()
    since = client.get("/api/v1/export", params={"format": "jsonl", "since": "2023-09-14"}).text.splitlines()
    assert [json.loads(line)["id"] for line in since] == [ids["hostile"]]


def test_csv_export_streams_one_table_with_the_cli_columns(client):
    events = client.get("/api/v1/export", params={"format": "csv", "table": "events"})
    assert events.headers["content-type"].startswith("text/csv")
    lines = events.text.splitlines()
    assert lines[0].startswith("article_id,position,start,end,trigger,source,target,cameo")
    assert len(lines) - 1 == len(client.get("/api/v1/events", params={"limit": 500}).json()["items"])
    articles = client.get("/api/v1/export", params={"format": "csv"}).text
    assert articles.startswith("id,url,site,title,authors,published,language,text")
    empty = client.get("/api/v1/export", params={"format": "csv", "table": "quotes", "since": "2030-01-01"})
    assert empty.text.splitlines() == ["article_id,position,start,end,text,speaker,cue,kind,cue_start,cue_end,"
                                       "speaker_start,speaker_end"]  # fmt: skip


def test_gdelt_export_streams_event_rows(client):
    rows = [line.split("\t") for line in client.get("/api/v1/export", params={"format": "gdelt"}).text.splitlines()]
    assert rows and all(len(row) == 61 for row in rows)
    assert {row[26] for row in rows} >= {"033", "0311"}  # EventCode


def test_export_reads_one_article_at_a_time(web_store_path, monkeypatch):
    from telex.store import ArticleFilter
    from telex.web.exports import stream_jsonl
    from telex.web.stores import ReadOnlyStores

    analysed = []
    original = Store.analysis
    monkeypatch.setattr(
        Store, "analysis", lambda self, article_id: analysed.append(article_id) or original(self, article_id)
    )
    stream = stream_jsonl(ReadOnlyStores(web_store_path), ArticleFilter())
    first = next(stream)
    assert len(analysed) == 1  # the first line is out before the second article is read
    assert json.loads(first)["id"] == analysed[0]
    assert len(list(stream)) == 1 and len(analysed) == 2


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"format": "xml"}, "format"),
        ({}, "format"),
        ({"format": "csv", "table": "x"}, "table"),
        ({"format": "jsonl", "q": '"'}, "q"),
    ],
)
def test_a_bad_export_parameter_is_a_422_before_anything_is_streamed(client, params, parameter):
    assert ["query", parameter] in _error_location(client.get("/api/v1/export", params=params))


# --- reads never write ------------------------------------------------------------------------


def test_reads_use_a_store_that_cannot_write(client, web_store_path):
    import sqlite3

    with client.app.state.stores.reading() as store:
        assert store.read_only
        with pytest.raises(sqlite3.OperationalError):
            store.connection.execute("DELETE FROM articles")
    assert client.get("/api/v1/stats").json()["articles"] == 2


def test_every_response_carries_the_security_headers(client, ids):
    for url in ("/api/v1/stats", f"/articles/{ids['seed']}", "/api/v1/articles/nothing", "/static/telex.css"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert headers["x-content-type-options"] == "nosniff"


# --- ingest and jobs --------------------------------------------------------------------------


def _wait(client, job_id: str, headers: dict[str, str]) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/jobs/{job_id}", headers=headers).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("the ingest job did not finish in two minutes")


PAGE = (
    "<!DOCTYPE html><html><head><title>Macron reçoit Zelensky</title></head><body><article>"
    "<h1>Macron reçoit Zelensky</h1><p>Paris, 14 septembre 2023. Emmanuel Macron a reçu Volodymyr Zelensky"
    " à l'Élysée mercredi. « Nous serons aux côtés de l'Ukraine aussi longtemps qu'il le faudra », a déclaré"
    " le président français devant la presse, avant un long entretien sur la défense aérienne.</p>"
    "</article></body></html>"
)


def test_without_a_token_ingest_is_refused_and_nothing_is_written(writable):
    with TestClient(create_app(ServerSettings(writable))) as client:
        for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
            response = client.post("/api/v1/ingest", content=PAGE.encode(), headers=headers)
            assert response.status_code == 403 and "TELEX_TOKEN" in response.json()["detail"]
        assert client.get("/api/v1/jobs/" + "0" * 32, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 403
        assert client.get("/api/v1/stats").json()["articles"] == 2
    assert not writable.with_name(writable.name + ".uploads").exists()


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": f"Basic {TOKEN}"}, 401),
        ({"Authorization": "Bearer wrong-token"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ],
)
def test_with_a_token_ingest_needs_the_right_bearer_and_writes_nothing_otherwise(writable, headers, status):
    with TestClient(create_app(ServerSettings(writable, token=TOKEN))) as client:
        response = client.post("/api/v1/ingest", content=PAGE.encode(), headers=headers)
        assert response.status_code == status
        if status == 401:
            assert response.headers["www-authenticate"] == "Bearer"
        assert client.get("/api/v1/stats").json()["articles"] == 2
    uploads = writable.with_name(writable.name + ".uploads")
    assert not uploads.exists() or not any(uploads.iterdir())


def test_an_ingested_page_is_analysed_in_the_background_and_served(writable):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(ServerSettings(writable, token=TOKEN))) as client:
        assert "/api/v1/ingest" in client.get("/openapi.json").json()["paths"]
        response = client.post(
            "/api/v1/ingest", params={"name": "../../etc/macron.html"}, content=PAGE.encode(), headers=headers
        )
        assert response.status_code == 202, response.text
        job = response.json()
        assert response.headers["location"] == f"/api/v1/jobs/{job['id']}"
        assert job["name"] == "macron.html" and job["bytes"] == len(PAGE.encode()) and job["documents_total"] == 1
        done = _wait(client, job["id"], headers)
        assert done["state"] == "done" and done["documents_done"] == 1 and done["failed"] == []
        (article_id,) = done["added"]
        record = client.get(f"/api/v1/articles/{article_id}").json()
        assert "Emmanuel Macron a reçu Volodymyr Zelensky" in record["text"]
        assert record["sources"][0].endswith(f"{job['id']}/macron.html")
        assert any(quote["speaker"] == "emmanuel-macron" for quote in record["quotes"])
        assert Path(record["sources"][0]).read_bytes() == PAGE.encode()  # what was received is kept
        again = _wait(
            client, client.post("/api/v1/ingest", content=PAGE.encode(), headers=headers).json()["id"], headers
        )
        assert again["present"] == [article_id] and again["added"] == []
        assert client.get("/api/v1/stats").json()["articles"] == 3


def test_a_jsonl_batch_reports_each_document_that_failed(writable):
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    lines = [
        json.dumps({"text": "Le Premier ministre a démissionné lundi à Bamako, selon la radio nationale.",
                    "published": "2023-09-15", "url": "https://example.org/a"}),
        "{not json",
        json.dumps({"text": "Un autre texte publié hier soir.", "published": "hier"}),
        "",
    ]  # fmt: skip
    with TestClient(create_app(ServerSettings(writable, token=TOKEN))) as client:
        response = client.post("/api/v1/ingest", content="\n".join(lines).encode(), headers=headers)
        assert response.status_code == 202
        assert response.json()["name"] == "upload.jsonl" and response.json()["documents_total"] == 3
        job = _wait(client, response.json()["id"], headers)
    assert job["state"] == "done" and len(job["added"]) == 1 and job["documents_done"] == 3
    reasons = {failure["source"].rsplit("/", 1)[-1]: failure["reason"] for failure in job["failed"]}
    assert reasons == {"upload.jsonl:2": "invalid JSON line", "upload.jsonl:3": "bad metadata"}
    assert "published" in next(f["detail"] for f in job["failed"] if f["reason"] == "bad metadata")


def test_an_upload_over_the_limit_or_empty_is_refused_and_nothing_is_kept(writable):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(ServerSettings(writable, token=TOKEN, max_upload=1000))) as client:
        assert client.post("/api/v1/ingest", content=b"x" * 1001, headers=headers).status_code == 413

        def chunks():  # no Content-Length: the limit is enforced while reading
            for _ in range(11):
                yield b"y" * 100

        assert client.post("/api/v1/ingest", content=chunks(), headers=headers).status_code == 413
        assert ["body", "body"] in _error_location(client.post("/api/v1/ingest", content=b"", headers=headers))
        assert client.get("/api/v1/stats").json()["articles"] == 2
    assert not any(writable.with_name(writable.name + ".uploads").iterdir())


def test_unknown_and_malformed_job_ids(writable):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(ServerSettings(writable, token=TOKEN))) as client:
        assert client.get("/api/v1/jobs/" + "a" * 32, headers=headers).status_code == 404
        assert ["path", "job_id"] in _error_location(client.get("/api/v1/jobs/NOT-a-job", headers=headers))
        assert client.get("/api/v1/jobs/" + "a" * 32).status_code == 401


# --- starting -----------------------------------------------------------------------------------


def test_a_missing_store_is_an_error_unless_ingest_may_create_it(tmp_path):
    with pytest.raises(StoreUnavailable, match="no store at"):
        create_app(ServerSettings(tmp_path / "missing.db"))
    with TestClient(create_app(ServerSettings(tmp_path / "new.db", token=TOKEN))) as client:
        assert client.get("/api/v1/stats").json()["articles"] == 0


def test_a_name_is_resolved_again_once_the_store_changes(writable):
    from telex.clean import clean_document
    from telex.records import Actor, Analysis, Mention, RawDocument
    from telex.web.lookup import actor_ids

    with Store(writable, read_only=True) as reader:
        assert actor_ids("Poutine", reader) == ["vladimir-putin"]
        assert actor_ids("Poutine", reader) == ["vladimir-putin"]  # remembered
        text = "Igor Poutine, un homonyme, a parlé à Lyon."
        article = clean_document(RawDocument(source="igor.txt", kind="text", text=text, published="2023-09-20"))
        igor = Actor("person:igor-poutine", "Igor Poutine", "person")
        with Store(writable) as writer:  # another connection commits: the answer is stale
            writer.add([(article, Analysis(actors=[igor], mentions=[Mention(0, 12, "Igor Poutine", igor.id)]))])
        assert set(actor_ids("Poutine", reader)) == {"vladimir-putin", "person:igor-poutine"}
