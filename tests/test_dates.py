from __future__ import annotations

from datetime import date

from telex.clean.dates import find_dates, first_full_date


def test_french_date_in_words_with_weekday():
    found = first_full_date("Kim Jong-un a affirmé le mercredi 13 septembre 2023 qu'il voulait")
    assert found is not None
    assert found.value == date(2023, 9, 13)
    assert found.text == "mercredi 13 septembre 2023"


def test_first_of_month_and_day_month_without_year():
    found = find_dates("le 1er mai 2020 puis le 3 juin", reference=date(2020, 1, 1))
    assert [(d.value, d.has_year) for d in found] == [(date(2020, 5, 1), True), (date(2020, 6, 3), False)]


def test_english_and_numeric_dates():
    assert first_full_date("On September 13, 2023, talks").value == date(2023, 9, 13)
    assert first_full_date("le 13/09/2023").value == date(2023, 9, 13)
    assert first_full_date("2023-09-13").value == date(2023, 9, 13)


def test_impossible_dates_are_ignored():
    assert first_full_date("le 31 février 2020") is None
    assert first_full_date("mai 2020") is None
