"""The matching rules and the report of ``telex eval``, on hand-made records (no model)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from telex.evaluate.command import EXIT_INVALID_GOLD, run_eval
from telex.evaluate.gold import GoldFormatError, load_gold, parse_item
from telex.evaluate.matching import event_dyads, quote_tokens, token_overlap
from telex.evaluate.runner import aggregate, evaluate, report_to_json, score_item
from telex.records import Actor, Analysis, Event, Quote

PUTIN = {"id": "vladimir-putin", "name": "Vladimir Putin", "type": "person", "country": "RUS", "code": "RUSGOV"}
KIM = {"id": "kim-jong-un", "name": "Kim Jong-un", "type": "person", "country": "PRK", "code": "PRKGOV"}
RUSSIA = {"id": "RUS", "name": "Russia", "type": "country", "country": "RUS", "code": "RUS"}
NORTH_KOREA = {"id": "PRK", "name": "North Korea", "type": "country", "country": "PRK", "code": "PRK"}


def item(**fields):
    return parse_item({"id": "t", "input": {"text": "x"}, **fields}, Path("gold.jsonl"), 1)


def event(source, target, cameo, status="asserted", date=None):
    return {"source": source, "target": target, "cameo": cameo, "status": status, "date": date}


def score(gold_item, record):
    return score_item(gold_item, record).layers


# --- quotes ---------------------------------------------------------------------------------


def test_quote_tokens_ignore_marks_case_and_apostrophe_style():
    assert quote_tokens("« L’Impérialisme ! »") == quote_tokens("l'impérialisme") == ["l", "impérialisme"]


def test_quote_overlap_of_exactly_half_matches():
    # 4 tokens each, 2 shared: 2 / max(4, 4) = 0.5
    assert token_overlap("lutte sacrée contre Occident", "lutte sacrée pour Moscou") == 0.5
    gold = item(quotes=[{"text": "lutte sacrée contre Occident", "speaker": "Kim Jong-un"}])
    record = {"actors": [KIM], "quotes": [{"text": "lutte sacrée pour Moscou", "speaker": "kim-jong-un"}]}
    layers = score(gold, record)
    assert (layers["quotes"].tp, layers["quote speakers"].tp) == (1, 1)


def test_quote_overlap_below_half_does_not_match():
    # 2 shared of the longer side's 5 tokens: 0.4
    gold = item(quotes=[{"text": "lutte sacrée", "speaker": "Kim Jong-un"}])
    record = {"actors": [KIM], "quotes": [{"text": "sa lutte sacrée contre Occident", "speaker": "kim-jong-un"}]}
    layers = score(gold, record)
    assert (layers["quotes"].tp, layers["quotes"].fp, layers["quotes"].fn) == (0, 1, 1)


def test_quote_with_wrong_speaker_is_found_but_its_speaker_is_not():
    gold = item(quotes=[{"text": "Je suis heureux de vous voir.", "speaker": "Vladimir Putin", "kind": "direct"}])
    record = {"actors": [PUTIN, KIM], "quotes": [{"text": "Je suis heureux de vous voir.", "speaker": "kim-jong-un"}]}
    layers = score(gold, record)
    assert (layers["quotes"].tp, layers["quotes"].fp, layers["quotes"].fn) == (1, 0, 0)
    assert (layers["quote speakers"].tp, layers["quote speakers"].fp, layers["quote speakers"].fn) == (0, 1, 1)


def test_scare_quote_wants_no_speaker():
    gold = item(quotes=[{"text": "cohabitation", "speaker": None, "kind": "fragment"}])
    assert score(gold, {"quotes": [{"text": "cohabitation", "speaker": None}]})["quote speakers"].tp == 1
    assert (
        score(gold, {"actors": [KIM], "quotes": [{"text": "cohabitation", "speaker": "kim-jong-un"}]})[
            "quote speakers"
        ].tp
        == 0
    )


def test_optional_quote_is_neither_a_miss_nor_a_false_positive():
    gold = item(
        quotes=[
            {"text": "qu’il voulait combattre « l’impérialisme » avec Vladimir Poutine", "speaker": "Kim Jong-un"},
            {"text": "l’impérialisme", "speaker": "Kim Jong-un", "optional": True},
        ]
    )
    found = {"text": "qu'il voulait combattre l'impérialisme avec Vladimir Poutine", "speaker": "kim-jong-un"}
    fragment = {"text": "l'impérialisme", "speaker": "kim-jong-un"}
    both = score(gold, {"actors": [KIM], "quotes": [fragment, found]})["quotes"]
    assert (both.tp, both.fp, both.fn) == (1, 0, 0)
    alone = score(gold, {"actors": [KIM], "quotes": [found]})["quotes"]
    assert (alone.tp, alone.fp, alone.fn) == (1, 0, 0)


# --- events ---------------------------------------------------------------------------------


def test_event_root_matches_when_full_code_does_not():
    gold = item(events=[{"source": "Kim Jong-un", "target": "Vladimir Putin", "cameo": "042"}])
    layers = score(gold, {"actors": [KIM, PUTIN], "events": [event(["kim-jong-un"], ["vladimir-putin"], "040")]})
    assert layers["events (root)"].tp == 1
    assert (layers["events (full code)"].tp, layers["events (full code)"].fp, layers["events (full code)"].fn) == (
        0,
        1,
        1,
    )


def test_any_code_of_the_alternatives_list_is_accepted():
    gold = item(events=[{"source": "Kim Jong-un", "target": "Vladimir Putin", "cameo": ["042", "040", "046"]}])
    layers = score(gold, {"actors": [KIM, PUTIN], "events": [event(["kim-jong-un"], ["vladimir-putin"], "046")]})
    assert layers["events (full code)"].tp == 1


def test_alternative_coding_ties_code_and_status():
    # the arms-deal denial: 016 asserted, or the arms transfer itself with status denied
    gold = item(
        events=[
            {
                "source": "PRK",
                "target": None,
                "cameo": "016",
                "alternatives": [{"cameo": ["072"], "status": "denied"}],
            }
        ]
    )
    denied = score(gold, {"actors": [NORTH_KOREA, RUSSIA], "events": [event(["PRK"], ["RUS"], "072", "denied")]})
    assert (denied["events (full code)"].tp, denied["events (status)"].tp) == (1, 1)
    asserted = score(gold, {"actors": [NORTH_KOREA, RUSSIA], "events": [event(["PRK"], ["RUS"], "072")]})
    assert (asserted["events (full code)"].tp, asserted["events (status)"].tp) == (1, 0)


def test_country_coded_side_matches_a_country_actor_but_not_a_person_of_that_country():
    gold = item(events=[{"source": "RUS", "target": "PRK", "cameo": "033", "status": ["asserted", "intended"]}])
    by_country = score(gold, {"actors": [RUSSIA, NORTH_KOREA], "events": [event(["RUS"], ["PRK"], "033")]})
    assert by_country["events (root)"].tp == 1
    by_person = score(gold, {"actors": [PUTIN, KIM], "events": [event(["vladimir-putin"], ["kim-jong-un"], "033")]})
    assert by_person["events (root)"].tp == 0


def test_reciprocal_event_of_two_actors_gives_two_dyads_without_self_pairs():
    record = {"events": [event(["kim-jong-un", "vladimir-putin"], ["kim-jong-un", "vladimir-putin"], "040")]}
    pairs = {(d.source, d.target) for d in event_dyads(record)}
    assert pairs == {("kim-jong-un", "vladimir-putin"), ("vladimir-putin", "kim-jong-un")}


def test_event_date_is_compared_by_day():
    gold = item(events=[{"source": "Kim Jong-un", "target": "Vladimir Putin", "cameo": "042", "date": "2023-09-13"}])
    right = score(
        gold, {"actors": [KIM, PUTIN], "events": [event(["kim-jong-un"], ["vladimir-putin"], "042", date="2023-09-13")]}
    )
    wrong = score(
        gold, {"actors": [KIM, PUTIN], "events": [event(["kim-jong-un"], ["vladimir-putin"], "042", date="2023-09-12")]}
    )
    assert (right["events (date)"].tp, wrong["events (date)"].tp) == (1, 0)


def test_denied_arms_deal_is_not_a_forbidden_event_but_an_asserted_one_is():
    gold = item(forbidden_events=[{"source": "RUS", "target": "PRK", "cameo": "072"}])
    denied = score_item(
        gold, {"actors": [PUTIN, KIM], "events": [event(["vladimir-putin"], ["kim-jong-un"], "072", "denied")]}
    )
    assert denied.forbidden == []
    # persons count as their country for forbidden events
    asserted = score_item(
        gold, {"actors": [PUTIN, KIM], "events": [event(["vladimir-putin"], ["kim-jong-un"], "0721")]}
    )
    assert len(asserted.forbidden) == 1
    assert aggregate("g", [asserted]).forbidden.produced == 1


# --- actors and metadata --------------------------------------------------------------------


def test_country_actor_is_matched_by_its_code_whatever_its_name():
    gold = item(actors=[{"name": "North Korea", "type": "country", "country": "PRK", "code": "PRK"}])
    produced = {
        "id": "PRK",
        "name": "Democratic People's Republic of Korea",
        "type": "country",
        "country": "PRK",
        "code": "PRK",
    }
    layers = score(gold, {"actors": [produced]})
    assert (layers["actors"].tp, layers["actor codes"].tp) == (1, 1)


def test_wrong_actor_code_counts_against_codes_not_actors():
    gold = item(actors=[{"name": "Kim Jong-un", "type": "person", "country": "PRK", "code": "PRKGOV"}])
    layers = score(gold, {"actors": [{**KIM, "code": "PRKMIL"}, PUTIN]})
    assert (layers["actors"].tp, layers["actors"].fp) == (1, 1)
    assert (layers["actor codes"].tp, layers["actor codes"].fp, layers["actor codes"].fn) == (0, 2, 1)


def test_metadata_published_compares_the_date_part():
    gold = item(metadata={"published": "2023-09-13", "site": "Netafrique.net"})
    layers = score(gold, {"published": "2023-09-13T08:00:00", "site": "netafrique.net"})
    assert (layers["metadata.published"].tp, layers["metadata.site"].tp) == (1, 1)
    wrong = score(gold, {"published": "2023-09-12", "site": None})
    assert (wrong["metadata.published"].fp, wrong["metadata.published"].fn, wrong["metadata.site"].fn) == (1, 1, 1)


# --- gold validation ------------------------------------------------------------------------


def test_invalid_gold_line_names_file_line_and_field(tmp_path):
    gold = tmp_path / "gold.jsonl"
    good = {"id": "a", "input": {"text": "Texte."}}
    bad = {"id": "b", "input": {"text": "Texte."}, "events": [{"source": "RUS", "target": None, "cameo": 43}]}
    gold.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError) as raised:
        load_gold(gold)
    assert raised.value.line == 3
    assert raised.value.field == "events[0].cameo"
    assert f"{gold}:3" in str(raised.value)


def test_broken_json_and_unknown_field_are_reported(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "input": {"text": "x"}, "quotse": []}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold.jsonl:1: field 'quotse': unknown field"):
        load_gold(gold)
    gold.write_text('{"id": "a",\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold.jsonl:1: invalid JSON"):
        load_gold(gold)


def test_unknown_cameo_code_is_refused():
    with pytest.raises(GoldFormatError, match="not a CAMEO code"):
        item(events=[{"source": "RUS", "target": None, "cameo": "999"}])


def test_shipped_gold_files_are_valid():
    root = Path(__file__).resolve().parents[1] / "eval" / "gold"
    seed = load_gold(root / "seed.jsonl")
    dev = load_gold(root / "dev.jsonl")
    assert len(seed) == 1 and len(dev) >= 25
    assert seed[0].forbidden_events and all(i.metadata.get("published") for i in dev)


# --- the whole run, with a stand-in analyzer -----------------------------------------------


def _fake_analyzer(articles):
    analyses = []
    for article in articles:
        start = article.text.index("Je suis")
        quote = Quote(start, start + 29, article.text[start : start + 29], "direct", "vladimir-putin")
        analyses.append(
            Analysis(
                actors=[Actor("vladimir-putin", "Vladimir Putin", "person", "RUS", "RUSGOV")],
                quotes=[quote],
                events=[Event(0, 10, "reçu", 0, 4, "043", ("vladimir-putin",), ())],
            )
        )
    return analyses


def test_evaluate_scores_inline_text_and_reports_json(tmp_path):
    gold = tmp_path / "gold.jsonl"
    text = "Vladimir Poutine a reçu son hôte. « Je suis heureux de vous voir », a-t-il dit."
    gold.write_text(
        json.dumps(
            {
                "id": "inline",
                "input": {"text": text, "published": "2023-09-13"},
                "metadata": {"published": "2023-09-13", "language": "fr"},
                "actors": [{"name": "Vladimir Putin", "type": "person", "country": "RUS", "code": "RUSGOV"}],
                "quotes": [{"text": "Je suis heureux de vous voir", "speaker": "Vladimir Putin"}],
                "events": [{"source": "Vladimir Putin", "target": "Kim Jong-un", "cameo": "043"}],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    report = evaluate(gold, analyzer=_fake_analyzer)
    assert report.totals["quote speakers"].f1 == 1.0
    assert report.totals["actors"].f1 == 1.0
    assert report.totals["events (root)"].tp == 0  # no target produced
    assert report.totals["metadata.published"].f1 == 1.0
    data = report_to_json(report)
    assert data["layers"]["quotes"]["tp"] == 1
    assert data["items"][0]["layers"]["events (root)"]["misses"]
    assert json.loads(json.dumps(data)) == data


def test_run_eval_exits_2_with_line_on_invalid_gold(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a"}\n', encoding="utf-8")
    errors = io.StringIO()
    code = run_eval(gold, console=Console(file=io.StringIO()), errors=Console(file=errors, width=200))
    assert code == EXIT_INVALID_GOLD
    assert "gold.jsonl:1: field 'input': is required" in errors.getvalue()
