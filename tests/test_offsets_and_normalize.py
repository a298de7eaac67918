from __future__ import annotations

from telex.clean import OffsetMap, normalize_for_nlp


def test_curly_apostrophes_and_no_break_spaces_are_normalised_in_place():
    text = "qu’il n’a pas dit\u00a0: «\u202fnon\u202f»"
    normalized, offsets = normalize_for_nlp(text)
    assert normalized == "qu'il n'a pas dit : « non »"
    assert len(normalized) == len(text)
    assert offsets.source_span(0, 5) == (0, 5)


def test_ligature_expansion_maps_back_to_the_single_character():
    text = "La conﬁance règne… à Paris"
    normalized, offsets = normalize_for_nlp(text)
    assert normalized == "La confiance règne... à Paris"
    start = normalized.index("confiance")
    source_start, source_end = offsets.source_span(start, start + len("confiance"))
    assert text[source_start:source_end] == "conﬁance"
    paris = normalized.index("Paris")
    assert text[slice(*offsets.source_span(paris, paris + 5))] == "Paris"


def test_soft_hyphen_is_dropped_and_spans_still_map():
    text = "Ouaga\u00addougou est la capitale"
    normalized, offsets = normalize_for_nlp(text)
    assert normalized.startswith("Ouagadougou ")
    assert text[slice(*offsets.source_span(0, 11))] == "Ouaga\u00addougou"


def test_offset_map_tail_drops_a_prefix():
    offsets = OffsetMap()
    offsets.copy(10, 5)
    offsets.replace(15, 0, 2)
    offsets.copy(20, 4)
    tail = offsets.tail(3)
    assert tail.target_length == 8
    assert tail.source_span(0, 2) == (13, 15)
    assert tail.source_span(4, 8) == (20, 24)
