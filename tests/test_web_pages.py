"""The web pages of ``telex serve``: what they show, how they mark facts, and that hostile article
text stays text."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from telex.records import Analysis, Event, Mention, Quote
from telex.store import Store
from telex.web.app import ServerSettings, create_app
from telex.web.marks import article_spans, facts, runs
from telex.web.pages import safe_link

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<script>window.__xss=2</script>")


@pytest.fixture(scope="module")
def client(web_store_path):
    with TestClient(create_app(ServerSettings(web_store_path))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ids(web_store_path) -> dict[str, str]:
    with Store(web_store_path, read_only=True) as store:
        items = store.article_page(limit=None).items
    return {"hostile": items[0]["id"], "seed": items[1]["id"]}


def _facts(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="facts">(.*?)</script>', page, re.S)
    assert block is not None
    return json.loads(block.group(1))


# --- marks ------------------------------------------------------------------------------------


TEXT = "Poutine a dit : « Nous aiderons Pyongyang. » Kim a salué la Russie."


def _analysis() -> Analysis:
    quote_start, quote_end = TEXT.index("Nous"), TEXT.index(".") + 1
    return Analysis(
        mentions=[
            Mention(0, 7, "Poutine", "vladimir-putin"),
            Mention(TEXT.index("Pyongyang"), TEXT.index("Pyongyang") + 9, "Pyongyang", "PRK"),
            Mention(TEXT.index("Kim"), TEXT.index("Kim") + 3, "Kim", "kim-jong-un"),
        ],
        quotes=[
            Quote(quote_start, quote_end, TEXT[quote_start:quote_end], "direct", "vladimir-putin", "a dit", 8, 13, 0, 7)
        ],
        events=[
            Event(
                0,
                TEXT.index("»") + 1,
                "aiderons",
                TEXT.index("aiderons"),
                TEXT.index("aiderons") + 8,
                "033",
                ("RUS",),
                ("PRK",),
                quote=0,
                status="intended",
            ),
            Event(
                TEXT.index("Kim"),
                len(TEXT),
                "a salué",
                TEXT.index("a salué"),
                TEXT.index("a salué") + 7,
                "051",
                ("kim-jong-un",),
                ("RUS",),
            ),
        ],
    )


def test_runs_cut_the_text_at_every_fact_boundary_and_rebuild_it():
    cut = runs(TEXT, article_spans(_analysis(), len(TEXT)))
    assert "".join(run.text for run in cut) == TEXT
    by_text = {run.text: run for run in cut}
    assert by_text["Poutine"].kinds == ("mention", "sentence", "speaker")
    assert by_text["Poutine"].target == "m0"  # the narrowest fact is the one a click selects
    assert by_text["Pyongyang"].target == "m1" and "q0" in by_text["Pyongyang"].spans
    assert by_text["aiderons"].target == "t0"
    assert by_text["a dit"].target == "c0"
    assert by_text["Nous "].target == "q0" and by_text["Nous "].kinds == ("quote", "sentence")


def test_a_quote_lights_up_its_speakers_mention_cue_and_the_events_it_states():
    found = facts(_analysis(), {"vladimir-putin": "Vladimir Putin"}, {"033": "Express intent to provide aid"})
    quote = found["q0"]
    assert set(quote["links"]) >= {"q0", "c0", "s0", "m0", "t0", "e0"}
    assert quote["speaker_name"] == "Vladimir Putin" and found["c0"]["id"] == found["s0"]["id"] == "q0"
    event = found["t1"]
    assert event["label"] is None and event["source"] == ["kim-jong-un"]  # no name known: the id
    assert set(event["links"]) == {"t1", "e1", "m2"}  # Kim's mention in the sentence, not Poutine's
    assert found["t0"]["label"] == "Express intent to provide aid" and "q0" in found["t0"]["links"]
    assert found["m0"]["links"] == ["m0"]


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://x.fr", "http://x.fr"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("http://[bad", None),
        (None, None),
    ],
)
def test_only_http_links_become_links(url, link):
    assert safe_link(url) == link


# --- hostile text -----------------------------------------------------------------------------


@pytest.mark.slow
def test_hostile_article_text_is_escaped_everywhere_on_its_page(client, ids):
    page = client.get(f"/articles/{ids['hostile']}").text
    for payload in PAYLOADS:
        assert payload not in page
        assert html.escape(payload, quote=False) in page  # shown as the text it is
    assert "<img" not in page and "<svg" not in page
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", page, re.I)  # no tag carries an event handler
    assert 'href="javascript:' not in page and "javascript:alert(document.domain)" in page  # the URL as text
    assert "&lt;b onmouseover=alert(5)&gt;Mallory&lt;/b&gt;" in page  # the author
    # every script is either one of ours or inert JSON
    for tag in re.findall(r"<script[^>]*>", page):
        assert tag in ('<script type="application/json" id="facts">', '<script src="/static/article.js">'), tag
    scripts = re.findall(r'<script type="application/json" id="facts">(.*?)</script>', page, re.S)
    assert len(scripts) == 1 and "<" not in scripts[0]  # tojson writes < as \u003c: no way out of the block
    assert any("<script>alert(1)</script>" in fact.get("text", "") for fact in _facts(page).values())


@pytest.mark.slow
@pytest.mark.parametrize("url", ["/", "/?q=Poutine", "/articles", "/articles?q=alert", "/quotes", "/quotes?q=alert",
                                 "/actors", "/events", "/actors/vladimir-putin"])  # fmt: skip
def test_hostile_titles_sites_and_quotes_are_escaped_in_every_listing(client, url):
    page = client.get(url)
    assert page.status_code == 200
    for payload in (*PAYLOADS, "<script>alert('title')</script>", '"><img src=x onerror=alert(4)>'):
        assert payload not in page.text
    assert "<img" not in page.text


@pytest.mark.slow
def test_a_search_box_value_is_escaped_back_into_the_form(client):
    page = client.get("/quotes", params={"speaker": '"><script>alert(9)</script>', "q": "<svg onload=alert(8)>"}).text
    assert "<script>alert(9)" not in page and "<svg onload" not in page
    assert 'value="&#34;&gt;&lt;script&gt;alert(9)&lt;/script&gt;"' in page


# --- what the pages show ----------------------------------------------------------------------


@pytest.mark.slow
def test_the_article_page_marks_quotes_mentions_and_triggers_in_the_text(client, ids):
    page = client.get(f"/articles/{ids['seed'][:8]}").text
    assert "Netafrique.net" in page and "Anne-Marie Nado KY" in page and "2023-09-13" in page
    found = _facts(page)
    (quote_id,) = [k for k, f in found.items() if f["id"] == k and f.get("text") == "Je suis heureux de vous voir."]
    quote = found[quote_id]
    assert quote["speaker"] == "vladimir-putin" and quote["cue"] == "a lancé"
    speaker_mentions = [link for link in quote["links"] if link.startswith("m")]
    assert speaker_mentions and all(found[m]["actor"] == "vladimir-putin" for m in speaker_mentions)
    assert f'data-target="{quote_id}">Je suis heureux de vous voir.</span>' in page
    assert 'class="run k-mention' in page and "k-trigger" in page and "k-cue" in page
    text = re.search(r'<div id="text" class="text" lang="fr">(.*?)</div>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", text)) == client.get(f"/api/v1/articles/{ids['seed']}").json()["text"]
    assert "<th>speaker</th>" in page and "Express intent to" in page  # tables with CAMEO labels


@pytest.mark.slow
def test_the_actor_page_shows_names_codes_roles_quotes_and_a_timeline_chart(client):
    page = client.get("/actors/vladimir-putin").text
    assert "Vladimir Poutine" in page and "RUSGOV" in page and "head of state" in page
    assert "Je suis heureux de vous voir." in page and "Kim Jong-un" in page
    spec = json.loads(re.search(r'<script type="application/json" id="spec-timeline">(.*?)</script>', page, re.S)[1])
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")  # an identifier, never fetched
    rows = spec["data"]["values"]
    assert {row["role"] for row in rows} == {"as source", "as target"} and {row["week"] for row in rows} == {
        "2023-09-11"
    }
    assert '<script src="/static/vendor/vega.min.js">' in page and "cdn" not in page.lower()


@pytest.mark.slow
def test_the_events_page_filters_and_draws_a_timeline_and_dyads(client):
    page = client.get("/events", params={"source": "Russie", "code": "03"}).text
    assert page.count('<tr class="quad-1">') == 3 and "Express intent" in page
    dyads = json.loads(re.search(r'id="spec-dyads">(.*?)</script>', page, re.S)[1])
    assert dyads["layer"][0]["mark"]["type"] == "rect"
    assert {"source": "Russia", "target": "North Korea", "events": 3} in dyads["data"]["values"]
    assert 'id="spec-timeline"' in page


@pytest.mark.slow
@pytest.mark.parametrize(
    ("url", "field"),
    [("/events?since=demain", "since"), ("/events?plover=HUG", "plover"), ("/quotes?until=2023-02-30", "until"),
     ("/articles?language=French", "language"), ("/actors?type=planet", "type"), ("/events?cursor=zzz", "cursor")],
)  # fmt: skip
def test_a_bad_form_value_is_shown_beside_its_field_with_a_422(client, url, field):
    response = client.get(url)
    assert response.status_code == 422 and 'class="field-error"' in response.text
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.slow
def test_searches_accept_words_as_typed_and_pages_link_to_the_next(client):
    page = client.get("/", params={"q": "Kim Jong-un"}).text  # not valid FTS5: searched as plain words
    assert "Articles matching" in page and "Netafrique.net" in page
    quotes = client.get("/quotes", params={"speaker": "Poutine"}).text
    assert "Je suis heureux de vous voir." in quotes
    first = client.get("/articles", params={"language": "fr"})
    assert 'rel="next"' not in first.text
    events = client.get("/events")
    assert events.status_code == 200


@pytest.mark.slow
def test_an_unknown_article_or_actor_is_a_404_page(client):
    for url in ("/articles/ffffffffffff", "/actors/nobody"):
        response = client.get(url)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
        assert "<h1>404</h1>" in response.text
