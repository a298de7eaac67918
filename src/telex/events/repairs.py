"""Repairs of the parse that event arguments need: phrases and names the French parser hangs in the
wrong place ("condamnée jeudi par Pékin" under the date, "Pékin et Washington s'étaient rejeté…"
under an adverbial, a name left dangling before its verb, a sentence that is only a noun and a
participle). Each function reads the parse and says where the phrase belongs; none changes it.
"""

from __future__ import annotations

from spacy.tokens import Token

from telex.clean.dates import load_date_words
from telex.nlp.doccache import mention_index
from telex.nlp.grammar import Grammar

SUBJECT_DEPS = ("nsubj", "expl:subj")  # active subjects (the events package's own reading)

__all__ = [
    "dangling_name_before",
    "hung_on_dates",
    "is_date_word",
    "names_right_before",
    "noun_misread_as_root",
    "stranded_after_subject",
    "verb_beyond_a_date",
    "verbless_participle",
]


def is_date_word(token: Token, grammar: Grammar) -> bool:
    """A number, a month, a weekday or a span of time (grammar ``time_nouns``: "le 10 décembre",
    "jeudi", "ces derniers mois"), which the parser may make an object or hang phrases on."""
    lower = token.lower_
    if token.like_num or lower in grammar.time_nouns:
        return True
    words = load_date_words()
    return lower in words.month_numbers or lower in words.weekdays.get(grammar.language, {})


def verb_beyond_a_date(noun: Token, grammar: Grammar) -> Token | None:
    """The verb whose object the parser hung on a date between them ("a déposé le 10 décembre une
    plainte": "plainte" an nmod of "décembre", itself of "10"): a noun phrase with no preposition
    never modifies a date."""
    if noun.dep_ != "nmod" or any(c.dep_ == "case" for c in noun.children):
        return None
    current = noun.head
    for _ in range(2):
        dated = (
            is_date_word(current, grammar)
            or any(c.pos_ == "NUM" for c in current.children)
            or current.head.pos_ == "NUM"
        )
        if not dated or current.i > noun.i:
            return None
        if current.head.pos_ == "VERB" and current.dep_ in ("obj", "obl:mod", "obl", "nmod"):
            return current.head
        current = current.head
    return None


def dangling_name_before(verb: Token) -> Token | None:
    """A name the parser left hanging ("dep") right before a verb that has no subject, with only
    its own apposition and commas between ("au cours duquel il est apparu amaigri, Khaled Drareni,
    40 ans, avait rejeté les accusations": Drareni rejected them)."""
    if verb.dep_ not in ("conj", "ROOT", "parataxis"):
        return None
    # the auxiliaries and clitic pronouns before the verb ("s'étaient rejeté") belong to it
    before = [c.i for c in verb.children if c.i < verb.i and (c.dep_.startswith("aux") or c.pos_ == "PRON")]
    first = min([*before, verb.i])
    index = mention_index(verb.doc)
    position = first - 1
    while position >= max(0, first - 10):
        token = verb.doc[position]
        # "dep", or a second root: "Pékin et Washington s'étaient rejeté…" parsed as two sentences
        dangling = token.dep_ == "dep" or (token.dep_ == "ROOT" and verb.dep_ == "ROOT" and token.i != verb.i)
        if dangling and token.pos_ == "PROPN" and index.get(token.i) is not None:
            between = verb.doc[token.i + 1 : first]
            subtree = {t.i for t in token.subtree}
            if all(t.i in subtree or t.is_punct for t in between):
                return token
            return None
        if token.pos_ in ("VERB", "AUX") or token.dep_ in ("nsubj", "obj"):
            return None
        position -= 1
    return None


def hung_on_dates(head: Token, grammar: Grammar) -> list[Token]:
    """Phrases the parser hung on a date that depends on ``head`` ("condamnée jeudi par Pékin":
    "par Pékin" under "jeudi"; "le 10 décembre une plainte"): a date modifies nothing."""
    found: list[Token] = []
    pending = [c for c in head.children if is_date_word(c, grammar)]
    for _ in range(2):
        following = []
        for date_token in pending:
            for child in date_token.children:
                if is_date_word(child, grammar):
                    following.append(child)
                elif child.dep_ in ("nmod", "obl", "obl:mod", "obl:arg") and child.i > date_token.i:
                    found.append(child)
        pending = following
    return found


def verbless_participle(head: Token, agent_preposition: str) -> bool:
    """ "Un choix là aussi moqué par les républicains.": a sentence whose root is a past participle
    with no auxiliary, a noun subject and an agent: a noun and its participle, passive."""
    morph = str(head.morph)
    if head.dep_ != "ROOT" or "VerbForm=Part" not in morph or "Tense=Past" not in morph:
        return False
    if any(c.dep_.startswith("aux") for c in head.children):
        return False
    nouns = [c for c in head.children if c.dep_ in SUBJECT_DEPS and c.pos_ == "NOUN" and c.i < head.i]
    agents = [c for c in head.children if any(g.dep_ == "case" and g.lower_ == agent_preposition for g in c.children)]
    return bool(nouns) and bool(agents)


def names_right_before(verb: Token) -> list[Token]:
    """The names standing right before a finite verb that has no subject, with only "et" and
    commas between them and nothing but its auxiliaries and clitics after them: its subject,
    whatever the parser attached them to ("En fin de semaine dernière, Pékin et Washington
    s'étaient rejeté la responsabilité": Pékin, parsed as a conjunct of "fin", and Washington)."""
    before = [c.i for c in verb.children if c.i < verb.i and (c.dep_.startswith("aux") or c.pos_ == "PRON")]
    finite = any("VerbForm=Fin" in str(verb.doc[i].morph) for i in [*before, verb.i])
    if verb.dep_ not in ("ROOT", "conj", "parataxis") or not finite:
        return []
    first = min([*before, verb.i])
    if any(i not in before for i in range(first, verb.i)):
        return []
    index = mention_index(verb.doc)
    names: list[Token] = []
    position = first - 1
    while position >= 0:
        token = verb.doc[position]
        mention = index.get(token.i)
        if mention is not None and token.pos_ == "PROPN":
            start = verb.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            names.append(token)
            position = (start.start if start is not None else position) - 1
            continue
        if names and (token.pos_ == "CCONJ" or token.text == ","):
            position -= 1
            continue
        break
    opening = min((t.i for t in names), default=0)
    if names and opening > 0 and verb.doc[opening - 1].pos_ == "ADP":
        return []  # "à Pékin et Washington": a place phrase, not a subject
    return sorted(names, key=lambda t: t.i)


def noun_misread_as_root(verb: Token, subjects: list[Token]) -> bool:
    """ "L'Allemagne et l'Estonie ont soumis…": the parser makes the first name the sentence's
    root and the verb its conjunct; a name coordinated with a verb whose subject follows that
    "et" is the verb's first subject."""
    noun = verb.head
    if verb.dep_ != "conj" or noun.pos_ not in ("PROPN", "NOUN") or noun.dep_ != "ROOT":
        return False
    first = min(c.i for c in subjects)
    coordinator = [c for c in verb.children if c.dep_ == "cc" and noun.i < c.i < first]
    return bool(coordinator) and mention_index(verb.doc).get(noun.i) is not None


def stranded_after_subject(noun: Token) -> list[Token]:
    """ "L'offensive du maréchal Haftar, l'homme fort de l'est, contre Tripoli paraît compromise":
    the parser hangs a phrase that ends a subject noun's phrase on the verb; a phrase between the
    subject and its verb is the subject's own. Likewise a phrase right after a noun's phrase that
    the parser hangs on the noun above it ("au surlendemain des frappes françaises contre la
    Syrie": the strikes are against Syria, not the day after)."""
    verb = noun.head
    if noun.pos_ != "NOUN" or verb.i == noun.i:
        return []
    if noun.dep_ == "nmod" and verb.pos_ == "NOUN" and verb.i < noun.i:
        end = max(t.i for t in noun.subtree)
        return [c for c in verb.children if c.dep_ == "nmod" and c.i > end and c.left_edge.i == end + 1]
    if noun.dep_ not in SUBJECT_DEPS or verb.i <= noun.i:
        return []
    return [c for c in verb.children if noun.i < c.i < verb.i and c.dep_.startswith("obl")]
