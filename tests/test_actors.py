"""Who is who: mentions resolved to canonical actors (issue "Who is who")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _resolved(analysis, names):
    return {(m.text, names[m.actor]) for m in analysis.mentions}


def _actor(analysis, name):
    return next(a for a in analysis.actors if a.name == name)


def test_seed_persons_with_country_and_code(seed_analysis):
    _article, analysis, _names = seed_analysis
    assert (_actor(analysis, "Kim Jong-un").country, _actor(analysis, "Kim Jong-un").code) == ("PRK", "PRKGOV")
    assert (_actor(analysis, "Vladimir Putin").country, _actor(analysis, "Vladimir Putin").code) == ("RUS", "RUSGOV")
    assert (_actor(analysis, "Dmitry Peskov").country, _actor(analysis, "Dmitry Peskov").code) == ("RUS", "RUSGOV")
    countries = {a.id for a in analysis.actors if a.type == "country"}
    assert countries == {"RUS", "PRK", "UKR"}


def test_seed_names_roles_and_demonyms_resolve(seed_analysis):
    _article, analysis, names = seed_analysis
    resolved = _resolved(analysis, names)
    for expected in [
        ("président russe", "Vladimir Putin"),
        ("Président russe", "Vladimir Putin"),
        ("Kim", "Kim Jong-un"),
        ("Nord-Coréen", "Kim Jong-un"),
        ("Pyongyang", "North Korea"),
        ("RPDC", "North Korea"),
        ("Corée du Nord", "North Korea"),
        ("Moscou", "Russia"),
        ("Kremlin", "Russia"),
        ("Russie", "Russia"),
        ("porte-parole du Kremlin", "Dmitry Peskov"),
        ("dirigeant de la RPDC", "Kim Jong-un"),
    ]:
        assert expected in resolved


def test_seed_has_no_junk_entities_and_author_is_not_an_actor(seed_analysis):
    _article, analysis, _names = seed_analysis
    texts = {m.text.lower() for m in analysis.mentions}
    for junk in ("qu’", "qu'", "n’", "n'", "stagiaire", "facebook comments"):
        assert junk not in texts
    assert not any("Nado" in a.name for a in analysis.actors)


def test_mentions_point_at_the_stored_text(seed_analysis):
    article, analysis, _names = seed_analysis
    for mention in analysis.mentions:
        assert article.text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2010-06-01", "Vladimir Putin"), ("2021-06-01", "Mikhail Mishustin")],
)
def test_role_that_changed_hands_resolves_on_the_article_date(analyze, published, expected):
    _article, analysis, names = analyze(
        "Le Premier ministre russe a reçu mardi une délégation chinoise à Moscou pour parler d'énergie.",
        published=published,
    )
    assert ("Premier ministre russe", expected) in _resolved(analysis, names)


def test_surname_after_full_name_and_unknown_person_with_country(analyze):
    _article, analysis, names = analyze(
        "L'opposant malien Moussa Diarrakoné a été arrêté à Bamako. Selon ses proches, Diarrakoné "
        "devait rencontrer des diplomates. Emmanuel Macron a réagi. Macron a demandé sa libération.",
        published="2024-05-02",
    )
    resolved = _resolved(analysis, names)
    assert ("Diarrakoné", "Moussa Diarrakoné") in resolved
    unknown = _actor(analysis, "Moussa Diarrakoné")
    assert (unknown.type, unknown.country) == ("person", "MLI")
    assert ("Macron", "Emmanuel Macron") in resolved
    # "arrêté à Bamako": the place of the arrest, in Mali, not Mali acting
    assert ("Bamako", "Bamako") in resolved and _actor(analysis, "Bamako").country == "MLI"


def test_agent_nouns_give_sector_actors(analyze):
    _article, analysis, _names = analyze(
        "L'armée malienne a annoncé avoir repoussé une attaque près de Gao.", published="2024-05-02"
    )
    armies = [a for a in analysis.actors if a.code == "MLIMIL"]
    assert armies and armies[0].country == "MLI"


def test_former_president_is_not_resolved_to_the_current_one(analyze):
    _article, _analysis, names = analyze(
        "L'ancien président français a publié ses mémoires cette semaine à Paris.", published="2024-05-02"
    )
    assert "Emmanuel Macron" not in names.values()


def test_english_article_uses_the_same_knowledge(analyze):
    _article, analysis, names = analyze(
        "Putin met the North Korean leader in Vostochny on Wednesday, the Kremlin said.",
        published="2023-09-13",
        language="en",
    )
    resolved = _resolved(analysis, names)
    assert ("Putin", "Vladimir Putin") in resolved
    assert ("North Korean leader", "Kim Jong-un") in resolved


def test_demonym_as_the_last_word_does_not_break_the_batch(analyze):
    _article, _analysis, names = analyze(
        "Le sommet s'est tenu à Moscou avec des dirigeants africains", published="2024-05-02"
    )
    assert "Moscou" in names.values()  # where the summit was held: the place, in Russia


def test_a_failing_article_is_reported_and_the_batch_goes_on(monkeypatch):
    from telex.analysis import AnalysisFailed, analyze_articles
    from telex.clean import clean_document
    from telex.records import RawDocument

    good = clean_document(RawDocument(source="good", kind="text", text="Emmanuel Macron a reçu Olaf Scholz à Paris."))
    bad = clean_document(RawDocument(source="bad", kind="text", text="Vladimir Poutine a reçu Kim Jong-un à Moscou."))
    import telex.actors.component as component

    original = component.ActorResolver.__call__

    def failing(self, doc):
        if "Poutine" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(component.ActorResolver, "__call__", failing)
    results = analyze_articles([good, bad])
    assert isinstance(results[1], AnalysisFailed) and "boom" in results[1].detail
    assert {a.name for a in results[0].actors} >= {"Emmanuel Macron", "Olaf Scholz"}


def test_cities_outside_the_knowledge_base_get_their_country(analyze):
    _article, analysis, _names = analyze(
        "Des jihadistes ont attaqué un poste militaire près de Gao.", published="2024-05-02"
    )
    gao = next(a for a in analysis.actors if a.name == "Gao")
    assert (gao.type, gao.country) == ("place", "MLI")


def test_surname_in_the_title_is_the_known_person_named_in_full_later(analyze):
    text = (
        'Pénurie de carburant : El Khomri dénonce "la prise en otage des Français"\n\n'
        "La ministre du Travail Myriam El Khomri a déploré lundi les blocages des raffineries."
    )
    _article, analysis, names = analyze(text, published="2016-05-23")
    assert "El Khomri" not in names.values()
    (fragment,) = [q for q in analysis.quotes if q.text == "la prise en otage des Français"]
    assert names[fragment.speaker] == "Myriam El Khomri"


def test_the_iranian_president_is_not_the_supreme_leader(analyze):
    _article, analysis, names = analyze(
        "Le président iranien a reçu M. Grossi. Le guide suprême ne s'est pas exprimé.", published="2020-08-26"
    )
    named = {m.text: names.get(m.actor) for m in analysis.mentions}
    assert named["président iranien"] == "Hassan Rouhani"
    assert named["guide suprême"] == "Ali Khamenei"


def test_bare_government_is_the_country_the_article_is_about(analyze):
    # domestic news never says "le gouvernement français" about its own government
    _article, analysis, names = analyze(
        "Emmanuel Macron a reçu Édouard Philippe à l'Élysée mardi. Selon des proches du président, "
        "le gouvernement a décidé de reporter la réforme.",
        published="2019-05-02",
    )
    government = [m for m in analysis.mentions if m.text == "gouvernement"]
    assert government and names[government[0].actor] == "Government of France"
    assert _actor(analysis, "Government of France").code == "FRAGOV"


def test_bare_government_with_nobody_before_it_stays_unresolved(analyze):
    _article, analysis, _names = analyze("Le gouvernement a décidé de reporter la réforme.", published="2019-05-02")
    assert not [m for m in analysis.mentions if m.text == "gouvernement"]


@pytest.mark.parametrize(
    "text, not_an_actor",
    [
        ("Le suspect a fui vers un État américain voisin, selon la police.", "État américain"),
        ("La ressortissante Britannico-iranienne a été libérée lundi.", "Britannico-iranienne"),
        ("L'axe Moscou-Ankara se renforce en Libye, selon les analystes.", "Moscou-Ankara"),
        ("Le pays vit sous l'épée de Damoclès des sanctions, a dit le ministre.", "Damoclès"),
    ],
)
def test_common_words_nationalities_and_glued_names_are_no_places(analyze, text, not_an_actor):
    _article, analysis, _names = analyze(text, published="2020-05-02")
    assert not [a for a in analysis.actors if a.name == not_an_actor]


def test_a_surname_the_ner_takes_for_a_place_is_the_person_named_before():
    import spacy

    from telex.actors.component import ActorResolver

    doc = spacy.blank("fr")("La famille Arbery réclame justice.")
    seen = [("person:ahmaud-arbery", {"Ahmaud", "Arbery"}), ("person:joe-biden", {"Joe", "Biden"})]
    assert ActorResolver._person_named_by_part(doc[2:3], seen) == "person:ahmaud-arbery"
    assert ActorResolver._person_named_by_part(doc[0:1], seen) is None
    assert ActorResolver._person_named_by_part(doc[1:3], seen) is None  # one word only


def test_a_capital_said_only_as_a_place_does_not_make_its_country_an_actor(analyze):
    _article, analysis, names = analyze(
        "Les négociateurs iraniens et américains se retrouveront la semaine prochaine pour une réunion "
        "à Vienne, a annoncé Téhéran.",
        published="2021-04-02",
    )
    assert "Austria" not in names.values()
    vienna = next(m for m in analysis.mentions if m.text == "Vienne")
    assert (_actor(analysis, names[vienna.actor]).type, _actor(analysis, names[vienna.actor]).country) == (
        "place",
        "AUT",
    )
    assert "Iran" in names.values()  # "a annoncé Téhéran": the capital acting is its country


def test_a_capital_addressed_is_its_country(analyze):
    _article, _analysis, names = analyze(
        "La Chine a demandé à Washington de lever ses sanctions.", published="2021-04-02"
    )
    assert "United States" in names.values()


def test_a_persons_family_is_a_group_of_its_own(analyze):
    _article, analysis, names = analyze(
        "George Floyd est mort lundi à Minneapolis.\n\nLa famille de George Floyd réclamait depuis "
        'plusieurs jours son arrestation et s\'est dite "soulagée".',
        published="2020-05-08",
    )
    family = next(a for a in analysis.actors if a.name == "family of George Floyd")
    person = next(a for a in analysis.actors if a.name == "George Floyd")
    assert family.type == "group" and family.country == person.country
    (quote,) = [q for q in analysis.quotes if q.text == "soulagée"]
    assert names.get(quote.speaker) == "family of George Floyd"


def test_kin_nouns_need_one_person_placeholder(tmp_path):
    from telex.actors.knowledge import load_actor_words
    from telex.errors import KnowledgeError
    from telex.knowledge import Knowledge

    folder = tmp_path / "actors"
    folder.mkdir()
    (folder / "resolution_fr.yaml").write_text("kin_nouns: {famille: family}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="kin_nouns"):
        load_actor_words("fr", Knowledge([tmp_path]))


def test_an_unknown_persons_nationality_is_read_in_their_own_phrase_not_across_a_coordination(analyze):
    _article, analysis, _names = analyze(
        "La distinction a déjà été retirée au cycliste américain accusé de dopage Lance Armstrong ou au "
        "styliste britannique John Galliano.",
        published="2018-04-16",
    )
    assert _actor(analysis, "Lance Armstrong").country == "USA"
    assert _actor(analysis, "John Galliano").country == "GBR"


def test_a_government_after_a_singular_possessive_is_the_possessors(analyze):
    # an earlier "gouvernement chinois" is someone else's: "son gouvernement" is Morrison's
    _article, analysis, names = analyze(
        "Le gouvernement chinois a adopté la loi. Jugeant la situation très préoccupante, le Premier ministre "
        "australien Scott Morrison a annoncé que son gouvernement envisageait d'accueillir les habitants de Hong Kong.",
        published="2020-07-02",
    )
    text = _article.text
    governments = {
        text[m.start : m.end]: names[m.actor] for m in analysis.mentions if "gouvernement" in text[m.start : m.end]
    }
    assert "Government of Australia" in governments.values() and "Government of China" in governments.values()


@pytest.mark.parametrize(
    "text",
    [
        "Le journaliste algérien Khaled Drareni a été condamné.",
        "Khaled Drareni, journaliste algérien, a été condamné.",
        # French order: a qualifier between the noun and the nationality
        "Le journaliste indépendant algérien Khaled Drareni a été condamné.",
        # the title names him bare, the body with his nationality: the body's counts
        "Lourde peine pour le journaliste Khaled Drareni\n\nLe journaliste indépendant algérien Khaled Drareni "
        "a été condamné.",
    ],
)
def test_a_person_named_by_a_singular_agent_noun_takes_its_sector(analyze, text):
    _article, analysis, _names = analyze(text, published="2020-08-10")
    assert [(a.name, a.code) for a in analysis.actors] == [("Khaled Drareni", "DZAMED")]


def test_a_platform_something_was_said_on_is_no_actor(analyze):
    _article, analysis, names = analyze(
        "Sur Twitter, le Premier ministre britannique Boris Johnson s'est dit choqué. "
        "Twitter a suspendu le compte de Donald Trump.",
        published="2020-10-11",
    )
    text = _article.text
    twitter = [m.start for m in analysis.mentions if names.get(m.actor) == "Twitter"]
    assert twitter == [text.index("Twitter a suspendu")]


def test_an_agent_noun_in_a_relative_clause_of_place_is_that_countrys(analyze):
    _article, _analysis, names = analyze(
        "Israël a mené depuis 2011 plusieurs raids en Syrie, où le régime est soutenu militairement par l'Iran.",
        published="2020-08-03",
    )
    assert "Government of Syria" in names.values()


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Les dépôts de carburant du Havre sont bloqués par la CGT.", "Le Havre", "FRA"),
        ("La Cour pénale internationale siège à La Haye.", "La Haye", "NLD"),
    ],
)
def test_a_place_keeps_the_article_of_its_name(analyze, text, place, country):
    """ "du Havre" is Le Havre: the gazetteer knows the name with its article."""
    _article, analysis, _names = analyze(text, published="2020-05-02")
    assert (place, country) in [(a.name, a.country) for a in analysis.actors if a.type == "place"]


def test_the_former_name_of_a_party_is_the_party(analyze):
    _article, analysis, _names = analyze(
        "Le Rassemblement national (RN, ex-FN) a dénoncé la décision.", published="2020-05-02"
    )
    assert [a.name for a in analysis.actors] == ["National Rally"]


def test_a_bare_group_noun_takes_up_a_name_built_on_it_not_one_that_merely_holds_it(analyze):
    """ "le ministère" after "le ministère américain de la Justice" is that ministry; "certains
    journalistes" after "le Comité pour la protection des journalistes" are not the Committee."""
    _article, analysis, _names = analyze(
        "Le Comité pour la protection des journalistes (CPJ) a dénoncé le verdict. Certains journalistes "
        "ont été accusés par le régime algérien de semer la discorde.",
        published="2020-08-10",
    )
    assert not [m for m in analysis.mentions if m.text == "journalistes" and m.actor == "cpj"]
    _article, analysis, _names = analyze(
        "Le ministère américain de la Justice a abandonné les poursuites. Le ministère a expliqué sa décision.",
        published="2020-05-08",
    )
    assert [m.actor for m in analysis.mentions if m.text == "ministère"] == ["us_justice_department"]


def test_a_nationality_noun_touching_a_name_is_that_person(analyze):
    text = "L'Iranien Mahmoud Moussavi Majd a été reconnu coupable."
    _article, analysis, names = analyze(text, published="2020-08-10")
    assert {(m.text, names[m.actor]) for m in analysis.mentions} == {
        ("Iranien", "Mahmoud Moussavi Majd"),
        ("Mahmoud Moussavi Majd", "Mahmoud Moussavi Majd"),
    }
    assert ("Mahmoud Moussavi Majd", "IRN") in [(a.name, a.country) for a in analysis.actors]


def test_an_indefinite_nationality_noun_is_someone_new(analyze):
    """ "exécuter un Iranien" after Soleimani was named: not Soleimani, and not Iran either."""
    text = "Le général iranien Qassem Soleimani a été tué. L'Iran s'apprête à exécuter un Iranien."
    _article, analysis, _names = analyze(text, published="2020-08-10")
    assert not [m for m in analysis.mentions if m.text == "Iranien"]


@pytest.mark.parametrize(
    "text, group, code",
    [
        ("Des jihadistes ont attaqué un poste de l'armée malienne.", "jihadists", "UAFMUS"),
        ("Des hommes armés ont enlevé trois humanitaires au Niger.", "armed men", "UAF"),
        ("Les rebelles ont pris le contrôle de la ville.", "rebels", "REB"),
    ],
)
def test_an_armed_group_with_no_country_is_the_group_of_its_noun(analyze, text, group, code):
    _article, analysis, _names = analyze(text, published="2024-05-02")
    (actor,) = [a for a in analysis.actors if a.name == group]
    assert (actor.type, actor.country, actor.code) == ("group", None, code)


def test_a_countryless_group_acts_in_events(analyze):
    _article, analysis, names = analyze(
        "Des jihadistes ont attaqué un poste de l'armée malienne.", published="2024-05-02"
    )
    assert any(e.cameo.startswith("19") and [names[s] for s in e.source] == ["jihadists"] for e in analysis.events)


@pytest.mark.parametrize(
    "text, absent",
    [
        ("La CEDEAO restera unie face aux menaces terroristes.", "terrorists"),  # an adjective
        ("Les médias ont rapporté l'attaque.", "media"),  # a sector too vague without a country
    ],
)
def test_no_group_from_an_adjective_or_a_vague_sector(analyze, text, absent):
    _article, analysis, _names = analyze(text, published="2024-05-02")
    assert absent not in {a.name for a in analysis.actors}


def test_an_indefinite_group_noun_takes_up_the_same_group_named_with_its_country(analyze):
    _article, analysis, _names = analyze(
        "Le retrait de centaines de mercenaires russes a commencé. Avec ce retrait (des mercenaires), la Russie "
        "met fin à l'offensive.",
        published="2020-05-27",
    )
    assert "mercenaries" not in {a.name for a in analysis.actors}
    assert any(a.code == "RUSUAF" for a in analysis.actors)


def test_an_agent_named_with_a_region_is_that_regions_countrys(analyze):
    _article, analysis, _names = analyze(
        "The Sudanese government has accused Darfur rebels of violating a month-old ceasefire.",
        published="2004-05-02",
        language="en",
    )
    assert any(a.code == "SDNREB" for a in analysis.actors)
    assert "rebels" not in {a.name for a in analysis.actors}


def test_militants_of_a_named_organisation_are_no_countryless_group(analyze):
    _article, analysis, _names = analyze(
        "Militants loyal to Iraq's Al-Qaeda frontman Abu Musab al-Zarqawi said they attempted to assassinate "
        "Prime Minister Iyad Allawi.",
        published="2004-12-28",
        language="en",
    )
    assert "militants" not in {a.name for a in analysis.actors}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a story about the US Congress: its Senate
        (
            "Le Sénat, dominé par les républicains de Donald Trump, a voté la loi jeudi, comme la veille la "
            "Chambre des représentants.",
            "United States Senate",
        ),
        # French politics: France's
        ("Emmanuel Macron a salué le vote. Le Sénat a adopté la loi mardi.", "Senate (France)"),
        # no country named: the entry the knowledge base does not mark ambiguous, France's
        ("Le Sénat a voté la loi mardi.", "Senate (France)"),
    ],
)
def test_an_alias_two_countries_share_is_the_one_of_the_articles_country(analyze, text, expected):
    _article, analysis, names = analyze(text, published="2020-07-02")
    assert ("Sénat", expected) in _resolved(analysis, names)
