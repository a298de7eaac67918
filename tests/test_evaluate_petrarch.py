"""UniversalPetrarch's PETRARCH-2 validation records converted to telex's gold format.

The records themselves stay outside the repository (eval/README.md); these tests run the converter
on records written here in the file's own layout.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from telex.evaluate.gold import load_gold

SCRIPT = Path(__file__).resolve().parents[1] / "eval" / "convert_petrarch_validation.py"

RECORDS = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
<Sentences>
<Sentence category="AFP" date="20080806" id="AFP0808020675_1" evaluate="true"/>
<EventCoding eventcode="031" sourcecode="BRA" targetcode="USA" />
<EventCoding eventcode="031" sourcecode="USAGOV" targetcode="---LEG" />
<Text>
Brazil and the United States are seeking to deepen a partnership in energy,
US officials said here Wednesday.
</Text>
<Parse>
1	Brazil	Brazil	PROPN	NNP	Number=Sing	7	nsubj	_	_
</Parse>
</Sentence>

<Sentence category="TEST" date="20150101" id="TEST_2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
The weather was fine &amp; warm in Paris.
</Text>
</Sentence>

<Sentence category="OTHER" date="20150101" id="EMPTY_1" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="NGAREB" targetcode="NGAMUS" />
<Text>
</Text>
</Sentence>
</Sentences>
</Validation>
"""


def _converter():
    spec = importlib.util.spec_from_file_location("convert_petrarch_validation", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_validation_records_convert_to_valid_gold(tmp_path):
    source = tmp_path / "PETR2_GSR_validation.xml"
    source.write_text(RECORDS, encoding="utf-8")
    output = tmp_path / "petrarch.jsonl"
    assert _converter().convert(source, output) == 2  # the record with an empty text is left out
    first, second = load_gold(output)
    assert first.id == "PETR2-AFP0808020675_1" and str(first.input.published)[:10] == "2008-08-06"
    assert first.input.text.startswith("Brazil and the United States are seeking") and "\n" not in first.input.text
    assert [(e.source, e.target, e.codings[0].cameo) for e in first.events] == [
        (("BRA",), ("USA",), ("031",)),
        (("USAGOV", "USA"), None, ("031",)),  # an unidentified side ("---LEG") is not checked
    ]
    assert second.events == () and second.input.text == "The weather was fine & warm in Paris."


def test_cameo_country_codes_are_referred_to_by_their_iso_code_too():
    converter = _converter()
    assert converter.side_refs("JAP") == ["JAP", "JPN"]
    assert converter.side_refs("IGOUNO") == ["IGOUNO"]
    assert converter.side_refs("---") is None
