"""Who said what: quotations, speakers, cues and kinds (issue "Who said what")."""

from __future__ import annotations

import pytest

from telex.quotes.marks import find_quoted_spans

pytestmark = pytest.mark.slow


def _plain(text):
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _quotes(analysis, names):
    return [(q.kind, names.get(q.speaker), q.cue, _plain(q.text)) for q in analysis.quotes]


def _find(analysis, names, fragment):
    """The quote that is exactly ``fragment``, else the first that contains it."""
    quotes = _quotes(analysis, names)
    exact = [q for q in quotes if q[3].strip() == fragment]
    matches = exact or [q for q in quotes if fragment in q[3]]
    assert matches, f"no quote containing {fragment!r} in {quotes}"
    return matches[0]


@pytest.mark.parametrize(
    ("fragment", "kind", "speaker", "cue"),
    [
        ("Je suis heureux de vous voir.", "direct", "Vladimir Putin", "a lancé"),
        ("n’avaient pas vocation à être rendus publics", "fragment", "Dmitry Peskov", "estimé"),
        ("La Russie respecte toutes ces restrictions. Mais il y a des choses", "direct", "Vladimir Putin", "a déclaré"),
        (
            "Le dirigeant de la RPDC (République populaire démocratique de Corée) est très intéressé",
            "direct",
            "Vladimir Putin",
            "confirmé",
        ),
        ("lutte sacrée", "fragment", "Kim Jong-un", None),
        ("grand mal qui prétend à l’hégémonie et nourrit l’illusion expansionniste", "fragment", "Kim Jong-un", None),
        ("de la plus haute importance", "fragment", "Kim Jong-un", None),
        ("pour lutter contre l’impérialisme", "fragment", "Kim Jong-un", None),
        ("grande Russie", "fragment", "Kim Jong-un", None),
        ("qu’il voulait combattre « l’impérialisme » avec Vladimir Poutine", "indirect", "Kim Jong-un", "a affirmé"),
        (
            "que les deux parties mèneraient des « négociations » lors de la visite de Kim Jong-un",
            "indirect",
            "Dmitry Peskov",
            "avait indiqué",
        ),
    ],
)
def test_seed_quotes(seed_analysis, fragment, kind, speaker, cue):
    _article, analysis, names = seed_analysis
    found_kind, found_speaker, found_cue, _text = _find(analysis, names, fragment)
    assert (found_kind, found_speaker) == (kind, speaker)
    if cue is not None:
        assert found_cue == cue


def test_quote_offsets_point_at_the_stored_text(seed_analysis):
    article, analysis, _names = seed_analysis
    for quote in analysis.quotes:
        assert article.text[quote.start : quote.end] == quote.text
        if quote.cue_start is not None:
            assert article.text[quote.cue_start : quote.cue_end] == quote.cue


@pytest.mark.parametrize(
    ("text", "fragment", "kind", "speaker"),
    [
        # incise with a role noun
        (
            "« Nous ne céderons pas », a déclaré le président ivoirien lors d'un meeting.",
            "Nous ne céderons pas",
            "direct",
            "Alassane Ouattara",
        ),
        # inverted pronoun incise: the speaker named before
        (
            "Emmanuel Macron est arrivé à Dakar. « La France restera un partenaire fidèle », a-t-il ajouté.",
            "La France restera",
            "direct",
            "Emmanuel Macron",
        ),
        # colon construction with a name alone
        (
            "Sergueï Lavrov : « Les sanctions ne changeront rien à notre politique. »",
            "Les sanctions ne changeront",
            "direct",
            "Sergey Lavrov",
        ),
        # curly English-style quotes and a verb of stance; no country says whose Prime Minister: nobody
        (
            "Le Premier ministre a dénoncé “une attaque inacceptable contre nos soldats”, selon son entourage.",
            "une attaque inacceptable contre nos soldats",
            "fragment",
            None,
        ),
        # reported speech with que
        (
            "Le chef de la junte, le général Abdourahamane Tiani, a affirmé que le Niger ne reculerait pas.",
            "que le Niger ne reculerait pas",
            "indirect",
            "Abdourahamane Tiani",
        ),
        # selon X
        (
            "Selon Antonio Guterres, la situation humanitaire à Gaza est catastrophique.",
            "la situation humanitaire à Gaza est catastrophique",
            "indirect",
            "António Guterres",
        ),
        # s'est dit certain que
        (
            "Ousmane Sonko s'est dit certain que le Sénégal atteindrait ses objectifs.",
            "que le Sénégal atteindrait ses objectifs",
            "indirect",
            "Ousmane Sonko",
        ),
        # scare quotes: nobody speaks
        ("La « transition » malienne dure depuis 2020 et le pays reste sous pression.", "transition", "fragment", None),
        # straight quotes and a speaker named in an incise after the quote
        (
            '"Nous voulons la paix et la sécurité pour tous", a dit Volodymyr Zelensky.',
            "Nous voulons la paix",
            "direct",
            "Volodymyr Zelensky",
        ),
    ],
)
def test_constructions(analyze, text, fragment, kind, speaker):
    _article, analysis, names = analyze(text, published="2024-05-02")
    found_kind, found_speaker, _cue, _text = _find(analysis, names, fragment)
    assert (found_kind, found_speaker) == (kind, speaker)


def test_multi_paragraph_quote_is_one_quote(analyze):
    text = (
        "Le ministre malien des Affaires étrangères Abdoulaye Diop a pris la parole devant l'Assemblée : « Le Mali "
        "ne se laissera pas dicter sa conduite.\n\n« Nous choisirons nos partenaires librement. »"
    )
    _article, analysis, names = analyze(text, published="2024-05-02")
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert "Nous choisirons nos partenaires librement" in direct[0].text
    assert names[direct[0].speaker] == "Abdoulaye Diop"


def test_quote_marks_pairing_survives_stray_and_nested_marks():
    text = "« Il a parlé de “ paix ” hier », dit-il.\n\n« puce sans fin\nsuite"
    spans = find_quoted_spans(text)
    assert [(s.depth, text[s.start : s.end]) for s in spans] == [(0, "Il a parlé de “ paix ” hier"), (1, "paix")]


@pytest.mark.parametrize(
    ("text", "fragment", "kind", "speaker"),
    [
        (
            '"We will not give up our sovereignty," Putin said on Wednesday.',
            "We will not give up our sovereignty",
            "direct",
            "Vladimir Putin",
        ),
        (
            'Antony Blinken said that the talks had been useful. "This is a turning point," he added.',
            "that the talks had been useful",
            "indirect",
            "Antony Blinken",
        ),
        (
            'Antony Blinken said that the talks had been useful. "This is a turning point," he added.',
            "This is a turning point",
            "direct",
            "Antony Blinken",
        ),
        (
            "According to the Kremlin, the meeting lasted two hours.",
            "the meeting lasted two hours",
            "indirect",
            "Russia",
        ),
        (
            'The Kremlin spokesman Dmitry Peskov told reporters: "There will be no statement."',
            "There will be no statement.",
            "direct",
            "Dmitry Peskov",
        ),
    ],
)
def test_english_constructions_without_a_parser(analyze, text, fragment, kind, speaker):
    _article, analysis, names = analyze(text, published="2024-05-02", language="en")
    found_kind, found_speaker, _cue, _text = _find(analysis, names, fragment)
    assert (found_kind, found_speaker) == (kind, speaker)


def test_reported_clause_stops_at_the_end_of_the_written_sentence(analyze):
    text = (
        'Selon lui, la réunion a été utile. "Les fonctionnaires ont fourni une protection appropriée", a déclaré '
        "le ministre australien du Commerce Simon Birmingham. Le ministère chinois a répondu plus tard."
    )
    _article, analysis, _names = analyze(text, published="2024-05-02")
    reported = [q for q in analysis.quotes if q.kind == "indirect"]
    assert all("\\n" not in q.text and "Les fonctionnaires" not in q.text for q in reported)


def test_bare_institution_noun_continues_the_institution_named_before(analyze):
    """ "Le ministère a estimé…" after "Le ministère américain de la Justice": the same ministry, not
    the latest government mentioned ("un diplomate russe"), and the full name is one actor."""
    text = (
        "Le ministère américain de la Justice a retiré jeudi le dossier contre Michael Flynn, poursuivi pour "
        "avoir menti sur ses contacts avec un diplomate russe.\n\n"
        "Le ministère a estimé que l'enquête n'avait pas \"de base légitime\", selon des documents judiciaires."
    )
    _article, analysis, names = analyze(text, published="2020-05-08")
    (indirect,) = [q for q in analysis.quotes if q.kind == "indirect" and q.text.startswith("que l'enquête")]
    assert names[indirect.speaker] == "United States Department of Justice"
    assert "American Ministry of Justice" not in names.values()


def test_selon_a_count_names_who_counted(analyze):
    text = (
        "La pandémie a fait plus de 427.000 morts dans le monde, selon un comptage de l'AFP établi "
        "à partir de sources officielles."
    )
    _article, analysis, names = analyze(text, published="2020-06-13")
    speakers = {names.get(q.speaker) for q in analysis.quotes if q.text.startswith("La pandémie a fait")}
    assert "Agence France-Presse" in speakers


def test_anonymous_military_spokesman_speaks_for_the_army_named_before(analyze):
    text = (
        "L'armée israélienne a annoncé dimanche une opération près du Golan.\n\n"
        "Les quatre hommes posaient des explosifs, a déclaré un porte-parole militaire."
    )
    _article, analysis, names = analyze(text, published="2020-08-03")
    (indirect,) = [q for q in analysis.quotes if q.kind == "indirect" and "explosifs" in q.text]
    assert names[indirect.speaker] == "Israel Defense Forces"


def test_reported_clause_goes_on_past_a_quoted_word_the_parser_stops_at(analyze):
    text = (
        'La ministre du Travail Myriam El Khomri a déploré que "des salariés", "des syndicats" bloquent '
        "les raffineries du pays."
    )
    _article, analysis, names = analyze(text, published="2016-05-24")
    (indirect,) = [q for q in analysis.quotes if q.kind == "indirect"]
    assert indirect.text.endswith("bloquent les raffineries du pays")
    assert names[indirect.speaker] == "Myriam El Khomri"


def test_incise_after_a_quotation_whose_sentence_has_its_own_subject(analyze):
    """'Elle "soulève…", a tweeté X, fustigeant "…"': "Elle" is the quoted sentence's subject, the
    speaker follows the verb (tagged X by the model here), and the participle speaks with X."""
    text = (
        "La sentence très sévère a choqué ses collègues à Alger.\n\n"
        'Elle "soulève le coeur et l\'esprit par son caractère arbitraire, absurde et violent", a tweeté '
        'le secrétaire général de RSF, Christophe Deloire, fustigeant une "justice aux ordres".'
    )
    _article, analysis, names = analyze(text, published="2020-08-10")
    speakers = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert speakers["justice aux ordres"] == "Christophe Deloire"
    assert any(t.startswith("soulève le coeur") and s == "Christophe Deloire" for t, s in speakers.items())


def test_speaker_hung_on_the_addressee_and_named_without_title(analyze):
    text = (
        "\"C'est un verdict très lourd. Le dossier est vide\", a déclaré à l'AFP Me Nouredine Benissad, "
        "un avocat du collectif de défense."
    )
    _article, analysis, names = analyze(text, published="2020-08-10")
    (direct,) = [q for q in analysis.quotes if q.kind == "direct"]
    assert names[direct.speaker] == "Nouredine Benissad"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"Nous allons faire en sorte que la justice soit rendue", leur a promis vendredi la procureure '
            "Joyette Holmes.",
            "Joyette Holmes",
        ),
        (
            '"Les autorités algériennes doivent relâcher immédiatement Khaled Drareni", a plaidé dans un '
            "communiqué le Comité pour la protection des journalistes (CPJ), ONG basée aux Etats-Unis.",
            "Committee to Protect Journalists",
        ),
    ],
)
def test_incise_subject_after_an_object_pronoun_or_a_complement(analyze, text, speaker):
    _article, analysis, names = analyze(text, published="2020-08-10")
    (direct,) = [q for q in analysis.quotes if q.kind == "direct"]
    assert names.get(direct.speaker) == speaker


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # the parse attaches the subject to "Twitter": the name right before the verb speaks
        (
            'Sur Twitter, le Premier ministre britannique Boris Johnson s\'est dit "choqué" et a adressé '
            'ses "pensées" aux victimes.',
            "choqué",
            "Boris Johnson",
        ),
        # fragments of a clause reported by an incise the tagger calls a proper noun
        (
            'Le retrait du dossier d\'accusation "ne blanchit pas" Michael Flynn, mais "incrimine Bill Barr", '
            "a tweeté l'élu démocrate Adam Schiff.",
            "ne blanchit pas",
            "Adam Schiff",
        ),
        # an elided article glued to the quotation mark, and a pronominal cue marked expl:pass
        (
            "Le ministre français des Affaires étrangères Jean-Yves Le Drian s'est cependant inquiété "
            'mercredi d\'"une syrianisation de la Libye".',
            "une syrianisation de la Libye",
            "Jean-Yves Le Drian",
        ),
    ],
)
def test_fragment_speakers_on_real_wire_constructions(analyze, text, fragment, speaker):
    _article, analysis, names = analyze(text, published="2020-06-10")
    found = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert found.get(fragment) == speaker


def test_elided_word_is_split_from_the_quotation_mark():
    from telex.nlp.model import load_pipeline

    nlp = load_pipeline("fr")
    assert [t.text for t in nlp.make_doc("d'\"une\" qu'« il »")] == ["d'", '"', "une", '"', "qu'", "«", "il", "»"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Et, selon les analystes, les pays du Golfe se chargent de financer le groupe Wagner.", "analysts"),
        ("Ils ont été acheminés par des avions non identifiés jusqu'à Al-Joufra, d'après des sources militaires.",
         "military sources"),
        ("Les détracteurs du texte dénoncent le fait que la Chine aura juridiction sur certaines affaires.",
         "critics"),
    ],
)  # fmt: skip
def test_sources_quoted_as_a_body_are_a_group_speaker(analyze, text, speaker):
    _article, analysis, names = analyze(text, published="2020-06-10")
    (indirect,) = [q for q in analysis.quotes if q.kind == "indirect"]
    assert names.get(indirect.speaker) == speaker
