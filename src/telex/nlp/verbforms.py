"""Verb forms read from the parse's morphology (UD features), one definition for every component.

French marks a past infinitive with an auxiliary in the infinitive ("avoir arrêté", "être parti",
"avoir été informé"): the participle carries the meaning and the tense, the auxiliary the form.
The quote finder (infinitive reports), the event status reader ("a annoncé avoir arrêté" is done)
and the participants ("accusé d'avoir fourni": who provided) all ask the same question.
"""

from __future__ import annotations

from spacy.tokens import Token


def infinitive_auxiliary(token: Token) -> bool:
    """ "avoir arrêté": the verb has an auxiliary in the infinitive."""
    return any(c.dep_.startswith("aux") and "VerbForm=Inf" in str(c.morph) for c in token.children)


def is_past_infinitive(token: Token) -> bool:
    """ "avoir arrêté", "être parti": a participle under an infinitive auxiliary."""
    return "VerbForm=Part" in str(token.morph) and infinitive_auxiliary(token)


def is_infinitive(token: Token) -> bool:
    """ "fournir", "avoir fourni": an infinitive, present or past."""
    return "VerbForm=Inf" in str(token.morph) or infinitive_auxiliary(token)
