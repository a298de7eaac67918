"""The text the NLP stages read: typography unified, with a map back to the stored text.

spaCy's French models were trained on text with straight apostrophes and plain spaces; with
curly apostrophes they tag "qu’" and "n’" as named entities. So the models read a normalised
copy, and every span they find is mapped back through :class:`OffsetMap` to the stored text.
"""

from __future__ import annotations

import re
import unicodedata

from telex.clean.offsets import OffsetMap

# Typographic variants → the form the models expect. Same length where possible.
CHARACTER_REPLACEMENTS: dict[str, str] = {
    "\u2019": "'",  # right single quotation mark, the French typographic apostrophe
    "\u2018": "'",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u2032": "'",  # prime, seen in scraped text
    "`": "'",
    "\u00b4": "'",
    "\u00a0": " ",  # no-break space (before ; : ! ? » in French typography)
    "\u202f": " ",  # narrow no-break space
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u3000": " ",
    "\t": " ",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen, common in names: Jong‑un
    "\u2012": "-",
    "\u2212": "-",
    "\u201a": ",",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\ufb00": "ff",  # Latin ligatures from PDFs and OCR; œ and æ are real French letters and stay
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u2026": "...",
}

_TO_REPLACE = re.compile("|".join(re.escape(c) for c in CHARACTER_REPLACEMENTS))


def normalize_for_nlp(text: str) -> tuple[str, OffsetMap]:
    """Return the NLP view of ``text`` and the map from its offsets back to ``text``."""
    offsets = OffsetMap()
    pieces: list[str] = []
    position = 0
    for match in _TO_REPLACE.finditer(text):
        start = match.start()
        if start > position:
            pieces.append(text[position:start])
            offsets.copy(position, start - position)
        replacement = CHARACTER_REPLACEMENTS[match.group()]
        if len(replacement) == 1:  # one for one: positions still correspond exactly
            offsets.copy(start, 1)
        else:
            offsets.replace(start, 1, len(replacement))
        pieces.append(replacement)
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
        offsets.copy(position, len(text) - position)
    return "".join(pieces), offsets


def fold(text: str) -> str:
    """Case, typographic apostrophes and accents set aside: how names are compared when a user or
    a page may write "Etats-Unis" for "États-Unis" or "Côte d’Ivoire" for "Côte d'Ivoire"."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()
