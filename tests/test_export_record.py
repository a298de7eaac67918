"""The export record (docs/record-format.md) built from plain records, with or without a store."""

from __future__ import annotations

import json

from telex.clean import clean_document
from telex.export import article_record, article_records
from telex.records import (
    Actor,
    Analysis,
    Author,
    Event,
    Location,
    Mention,
    Quote,
    RawDocument,
    StoredArticle,
)

TEXT = "Vladimir Poutine a reçu Kim Jong-un mercredi. « Je suis heureux de vous voir », a-t-il déclaré."


def _analysis() -> Analysis:
    return Analysis(
        actors=[Actor("vladimir-putin", "Vladimir Putin", "person", "RUS", "RUSGOV")],
        mentions=[Mention(0, 16, "Vladimir Poutine", "vladimir-putin", "alias")],
        quotes=[Quote(48, 76, "Je suis heureux de vous voir", "direct", "vladimir-putin", "a-t-il déclaré", 80, 94)],
        events=[
            Event(
                0,
                45,
                "a reçu",
                17,
                23,
                "042",
                ("vladimir-putin",),
                ("kim-jong-un",),
                plover="CONSULT",
                plover_mode="visit",
                quad_class=1,
                goldstein=1.9,
                date="2023-09-13",
                date_source="relative",
                location=Location("Vostotchny", "RUS"),
                rule="verb:recevoir",
            )
        ],
    )


def _article():
    raw = RawDocument(
        source="a.txt",
        kind="text",
        text=TEXT,
        url="https://ex.org/a",
        authors=(Author("Anne-Marie Nado KY", "Stagiaire"),),
        published="2023-09-13",
    )
    return clean_document(raw)


def test_contract_fields_come_first_in_their_order_then_telex_fields():
    record = article_record(_article(), _analysis())
    assert list(record) == [
        *("id", "url", "site", "title", "authors", "published", "language", "text"),
        *("actors", "mentions", "quotes", "events"),
        *("content_hash", "published_from", "source", "sources", "kind", "version", "previous_id", "ingested_at"),
        *("raw_text", "raw_offsets", "blocks"),
        "notes",
    ]
    assert list(record["actors"][0]) == ["id", "name", "type", "country", "code"]
    assert list(record["mentions"][0]) == ["start", "end", "text", "actor", "rule"]
    assert list(record["quotes"][0]) == [
        *("start", "end", "text", "speaker", "cue", "kind"),
        *("cue_start", "cue_end", "speaker_start", "speaker_end"),
    ]
    event = record["events"][0]
    assert list(event) == [
        *("start", "end", "trigger", "source", "target", "cameo", "plover", "quad_class", "goldstein"),
        *("date", "date_source", "status", "location"),
        *("trigger_start", "trigger_end", "plover_mode", "quote", "rule", "also_stated_at"),
    ]
    assert event["source"] == ["vladimir-putin"] and event["location"] == {"name": "Vostotchny", "country": "RUS"}
    assert record["authors"] == [{"name": "Anne-Marie Nado KY", "role": "Stagiaire"}]
    assert json.loads(json.dumps(record)) == record  # plain JSON types only


def test_without_a_store_the_article_is_described_as_stored_once():
    record = article_record(_article(), Analysis())
    assert (record["version"], record["previous_id"], record["sources"], record["ingested_at"]) == (1, None, [], "")
    assert record["actors"] == record["mentions"] == record["quotes"] == record["events"] == []


def test_stored_facts_come_from_the_store():
    article = _article()
    stored = StoredArticle(article, 2, "0123456789abcdef", "2024-05-02T10:00:00Z", ["a.txt", "copy/a.txt"])
    (record,) = article_records([(stored, _analysis())])
    assert (record["version"], record["previous_id"], record["sources"], record["ingested_at"]) == (
        2,
        "0123456789abcdef",
        ["a.txt", "copy/a.txt"],
        "2024-05-02T10:00:00Z",
    )
    assert record["id"] == article.id and record["text"] == article.text
