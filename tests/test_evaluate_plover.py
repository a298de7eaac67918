"""The PLOVER gold-standard records converted to telex's gold format (data in ../shared)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import requires_shared
from telex.evaluate.gold import load_gold

SCRIPT = Path(__file__).resolve().parents[1] / "eval" / "convert_plover_gsr.py"


def _converter():
    spec = importlib.util.spec_from_file_location("convert_plover_gsr", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_plover_gsr_converts_to_valid_gold_with_current_categories(tmp_path):
    source = requires_shared("data/plover/PLOVER_GSR_CAMEO.txt")
    output = tmp_path / "plover-gsr.jsonl"
    assert _converter().convert(source, output) == 322
    items = load_gold(output)
    assert len(items) == 322 and len({i.id for i in items}) == 322
    categories = {coding.plover for i in items for e in i.events for coding in e.codings}
    assert len(categories) == 16
    assert not categories & {"DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE"}
    first = items[0]
    assert first.id == "PLOVER-GSR01-AGREE-0001"
    assert [e.source for e in first.events] == [("Hungarian", "HUN", "HUNGOV"), ("Romanian", "ROU", "ROUGOV")]
    assert all(i.metadata["language"] == "en" for i in items)


def test_a_cameo_country_code_is_normalised_in_the_code_with_sector_too():
    refs = _converter().actor_refs({"actorText": "Japanese Prime Minister", "code": "JAP", "sector": "GOV"})
    assert refs == ["Japanese Prime Minister", "JPN", "JPNGOV"]
    assert _converter().actor_refs({"actorText": "U.N.", "code": "IGO", "sector": "GOV"}) == ["U.N.", "IGOGOV"]
