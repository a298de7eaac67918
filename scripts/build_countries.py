# ruff: noqa: E501  (the hand-written tables below are one country per line)
"""Write the first draft of ``src/telex/data/actors/countries.yaml``.

A one-off generator, never imported at run time. Names come from pycountry (English and its
French gettext catalogue) and babel's CLDR territory names; French demonyms, capitals in both
languages, seats of power and extra names are hand-written in the tables below, because no
package has them. countrynames is used only to print abbreviations it knows that the draft
lacks, as hints for the analyst who curates the output.

After the first run, countries.yaml is the source of truth: edit the YAML, not this script.
Run with the ``build-data`` extra installed::

    python scripts/build_countries.py > /tmp/countries.yaml
"""

from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path

import countrynames
import pycountry
import yaml
from babel import Locale

OBSERVERS = {"VAT", "PSE"}

# Phoenix/CAMEO country codes that differ from ISO 3166 alpha-3.
CAMEO_EXCEPTIONS = {"TLS": "TMP", "XKX": "KSV"}

# iso3 | French demonym (masculine singular, inflected by rule; "a/b/c/d" = forms given
# literally; "," separates alternatives) | English demonyms | capitals (French, English
# spellings; the seat of government too when it differs) | extra French names | extra English names
TABLE = """
AFG|afghan|Afghan,Afghans|Kaboul,Kabul||
ALB|albanais|Albanian|Tirana|
DZA|algérien|Algerian|Alger,Algiers||
AND|andorran|Andorran|Andorre-la-Vieille,Andorra la Vella||
AGO|angolais|Angolan|Luanda||
ATG|antiguais|Antiguan|Saint John's||
ARG|argentin|Argentine,Argentinian,Argentines,Argentinians|Buenos Aires||
ARM|arménien|Armenian|Erevan,Yerevan||
AUS|australien|Australian|Canberra||
AUT|autrichien|Austrian|Vienne,Vienna||
AZE|azerbaïdjanais,azéri|Azerbaijani,Azeri|Bakou,Baku|Azerbaidjan|
BHS|bahaméen|Bahamian|Nassau|Bahamas|Bahamas
BHR|bahreïni,bahreïnien|Bahraini|Manama|Bahrein|
BGD|bangladais|Bangladeshi|Dacca,Dhaka||
BRB|barbadien|Barbadian,Bajan|Bridgetown||
BLR|biélorusse,bélarusse|Belarusian,Belarusians|Minsk|Biélorussie,Belarus|Byelorussia
BEL|belge|Belgian|Bruxelles,Brussels||
BLZ|bélizien|Belizean|Belmopan||
BEN|béninois|Beninese|Porto-Novo,Cotonou||
BTN|bhoutanais|Bhutanese|Thimphou,Thimphu||
BOL|bolivien|Bolivian|La Paz||
BIH|bosnien,bosnien-herzégovin,bosnien-herzégovinien|Bosnian|Sarajevo|Bosnie,Bosnie-Herzégovine,Bosnie-et-Herzégovine|Bosnia,Bosnia-Herzegovina
BWA|botswanais|Motswana,Batswana,Botswanan|Gaborone||
BRA|brésilien|Brazilian|Brasilia,Brasília||
BRN|brunéien|Bruneian|Bandar Seri Begawan|Brunei|Brunei
BGR|bulgare|Bulgarian|Sofia||
BFA|burkinabè/burkinabè/burkinabès,burkinabé/burkinabés,burkinabe/burkinabes|Burkinabe,Burkinabè,Burkinabé|Ouagadougou,Ouaga|Burkina|Burkina
BDI|burundais|Burundian|Gitega,Bujumbura||
CPV|cap-verdien|Cape Verdean|Praia|Cap-Vert,Cabo Verde|Cape Verde
KHM|cambodgien|Cambodian|Phnom Penh||
CMR|camerounais|Cameroonian|Yaoundé,Yaounde||
CAN|canadien|Canadian|Ottawa||
CAF|centrafricain|Central African,Central Africans|Bangui|Centrafrique,RCA,République centrafricaine|CAR
TCD|tchadien|Chadian|N'Djamena,Ndjamena,N'Djaména||
CHL|chilien|Chilean|Santiago,Santiago du Chili||
CHN|chinois|Chinese|Pékin,Beijing|RPC,République populaire de Chine,Chine populaire|PRC,People's Republic of China
COL|colombien|Colombian|Bogota,Bogotá||
COM|comorien|Comorian|Moroni||
COG|congolais|Congolese|Brazzaville|Congo,Congo-Brazzaville,République du Congo,Congo Brazzaville|Congo-Brazzaville,Republic of the Congo,Congo Republic
COD|congolais,rdcongolais|Congolese|Kinshasa|RDC,RD Congo,RDCongo,République démocratique du Congo,Congo-Kinshasa,Congo Kinshasa|DRC,DR Congo,Democratic Republic of the Congo,Democratic Republic of Congo,Congo-Kinshasa
CRI|costaricien,costaricain|Costa Rican|San José||
CIV|ivoirien|Ivorian,Ivorians|Yamoussoukro,Abidjan|Côte d'Ivoire,Cote d'Ivoire,RCI|Ivory Coast,Côte d'Ivoire,Cote d'Ivoire
HRV|croate|Croatian,Croat,Croats|Zagreb||
CUB|cubain|Cuban|La Havane,Havana||
CYP|chypriote,cypriote|Cypriot|Nicosie,Nicosia||
CZE|tchèque|Czech,Czechs|Prague|Tchéquie,République tchèque|Czech Republic,Czechia
PRK|nord-coréen|North Korean|Pyongyang|Corée du Nord,RPDC,République populaire démocratique de Corée|North Korea,DPRK,Democratic People's Republic of Korea
DNK|danois|Danish,Dane,Danes|Copenhague,Copenhagen||
DJI|djiboutien|Djiboutian|Djibouti||
DMA|dominiquais|Dominican|Roseau||
DOM|dominicain|Dominican|Saint-Domingue,Santo Domingo|République dominicaine|Dominican Republic
ECU|équatorien|Ecuadorian|Quito|Equateur|
EGY|égyptien|Egyptian|Le Caire,Cairo|Egypte|
SLV|salvadorien|Salvadoran,Salvadorian|San Salvador||
GNQ|équato-guinéen|Equatorial Guinean|Malabo|Guinée équatoriale,Guinée-Équatoriale|Equatorial Guinea
ERI|érythréen|Eritrean|Asmara|Erythrée|
EST|estonien|Estonian|Tallinn||
SWZ|swazi/swazie/swazis/swazies,eswatinien|Swazi,Swazis,Eswatini|Mbabane,Lobamba|Eswatini,Swaziland|Eswatini,Swaziland
ETH|éthiopien|Ethiopian|Addis-Abeba,Addis Abeba,Addis Ababa|Ethiopie|
FJI|fidjien|Fijian|Suva|Fidji|
FIN|finlandais|Finnish,Finn,Finns|Helsinki||
FRA|français|French,Frenchman,Frenchmen,Frenchwoman,Frenchwomen|Paris|République française|French Republic
GAB|gabonais|Gabonese|Libreville||
GMB|gambien|Gambian|Banjul||
GEO|géorgien|Georgian|Tbilissi,Tbilisi||
DEU|allemand|German|Berlin||
GHA|ghanéen|Ghanaian|Accra||
GRC|grec/grecque/grecs/grecques|Greek|Athènes,Athens||
GRD|grenadien|Grenadian|St. George's||
GTM|guatémaltèque|Guatemalan|Guatemala,Guatemala City||
GIN|guinéen|Guinean|Conakry|Guinée-Conakry|Guinea-Conakry
GNB|bissau-guinéen|Bissau-Guinean|Bissau||
GUY|guyanien|Guyanese|Georgetown||
HTI|haïtien|Haitian|Port-au-Prince|Haiti|
HND|hondurien|Honduran|Tegucigalpa||
HUN|hongrois|Hungarian|Budapest||
ISL|islandais|Icelandic,Icelander,Icelanders|Reykjavik||
IND|indien|Indian|New Delhi|Inde|
IDN|indonésien|Indonesian|Jakarta||
IRN|iranien|Iranian|Téhéran,Tehran|République islamique d'Iran|Islamic Republic of Iran
IRQ|irakien,iraquien|Iraqi|Bagdad,Baghdad||
IRL|irlandais|Irish|Dublin|République d'Irlande|Republic of Ireland
ISR|israélien|Israeli|Jérusalem,Jerusalem,Tel-Aviv,Tel Aviv|État hébreu,Etat hébreu|
ITA|italien|Italian|Rome||
JAM|jamaïcain|Jamaican|Kingston|Jamaique|
JPN|japonais|Japanese|Tokyo||
JOR|jordanien|Jordanian|Amman||
KAZ|kazakh/kazakhe/kazakhs/kazakhes,kazakhstanais|Kazakh,Kazakhs,Kazakhstani|Astana||
KEN|kényan,kenyan|Kenyan|Nairobi|Kenya|
KIR|kiribatien|I-Kiribati|Tarawa||
KWT|koweïtien|Kuwaiti|Koweït,Kuwait City|Koweit|
KGZ|kirghiz/kirghize/kirghiz/kirghizes,kirghizistanais|Kyrgyz,Kyrgyzstani|Bichkek,Bishkek|Kirghizstan|
LAO|laotien|Laotian,Lao|Vientiane||
LVA|letton|Latvian|Riga||
LBN|libanais|Lebanese|Beyrouth,Beirut|Pays du Cèdre|
LSO|lesothan|Basotho,Mosotho|Maseru||
LBR|libérien|Liberian|Monrovia||
LBY|libyen|Libyan|Tripoli||
LIE|liechtensteinois|Liechtensteiner,Liechtensteiners|Vaduz||
LTU|lituanien|Lithuanian|Vilnius||
LUX|luxembourgeois|Luxembourger,Luxembourgers,Luxembourgish|Luxembourg||
MDG|malgache|Malagasy|Antananarivo,Tananarive||
MWI|malawite,malawien|Malawian|Lilongwe||
MYS|malaisien|Malaysian|Kuala Lumpur,Putrajaya||
MDV|maldivien|Maldivian|Malé|Maldives|Maldives
MLI|malien|Malian|Bamako||
MLT|maltais|Maltese|La Valette,Valletta||
MHL|marshallais|Marshallese|Majuro|Îles Marshall,Iles Marshall|Marshall Islands
MRT|mauritanien|Mauritanian|Nouakchott||
MUS|mauricien|Mauritian|Port-Louis,Port Louis|Maurice,Île Maurice,Ile Maurice|
MEX|mexicain|Mexican|Mexico,Mexico City||
FSM|micronésien|Micronesian|Palikir|Micronésie|Micronesia
MDA|moldave|Moldovan|Chisinau,Chișinău,Kichinev||
MCO|monégasque|Monegasque|Monaco||
MNG|mongol|Mongolian|Oulan-Bator,Ulaanbaatar,Ulan Bator||
MNE|monténégrin|Montenegrin|Podgorica||
MAR|marocain|Moroccan|Rabat|Royaume chérifien|
MOZ|mozambicain|Mozambican|Maputo||
MMR|birman|Burmese,Myanmar|Naypyidaw,Naypyitaw,Rangoun,Yangon|Birmanie|Burma
NAM|namibien|Namibian|Windhoek||
NRU|nauruan|Nauruan|Yaren||
NPL|népalais|Nepali,Nepalese|Katmandou,Kathmandu||
NLD|néerlandais,hollandais|Dutch,Dutchman,Dutchmen|Amsterdam|Pays-Bas|Holland
NZL|néo-zélandais|New Zealander,New Zealanders|Wellington||
NIC|nicaraguayen|Nicaraguan|Managua||
NER|nigérien|Nigerien|Niamey||
NGA|nigérian,nigerian|Nigerian|Abuja||
MKD|macédonien|Macedonian|Skopje|Macédoine du Nord,Macédoine|North Macedonia,Macedonia
NOR|norvégien|Norwegian|Oslo||
OMN|omanais|Omani|Mascate,Muscat||
PAK|pakistanais|Pakistani|Islamabad||
PLW|palaosien|Palauan|Ngerulmud|Palaos|
PAN|panaméen|Panamanian|Panama,Panama City||
PNG|papouan-néo-guinéen/papouane-néo-guinéenne/papouans-néo-guinéens/papouanes-néo-guinéennes|Papua New Guinean|Port Moresby|Papouasie-Nouvelle-Guinée|
PRY|paraguayen|Paraguayan|Asuncion,Asunción||
PER|péruvien|Peruvian|Lima||
PHL|philippin|Filipino,Filipinos,Philippine|Manille,Manila|Philippines|Philippines
POL|polonais|Polish,Pole,Poles|Varsovie,Warsaw||
PRT|portugais|Portuguese|Lisbonne,Lisbon||
QAT|qatari/qatarie/qataris/qataries,qatarien|Qatari|Doha||
KOR|sud-coréen|South Korean|Séoul,Seoul|Corée du Sud,République de Corée|South Korea,Republic of Korea,ROK
ROU|roumain|Romanian|Bucarest,Bucharest||
RUS|russe|Russian|Moscou,Moscow|Fédération de Russie|Russian Federation
RWA|rwandais|Rwandan|Kigali||
KNA|kittitien,christophien|Kittitian,Nevisian|Basseterre|Saint-Christophe-et-Niévès,Saint-Kitts-et-Nevis|Saint Kitts and Nevis,St Kitts and Nevis
LCA|saint-lucien|Saint Lucian|Castries|Sainte-Lucie|Saint Lucia
VCT|saint-vincentais|Vincentian|Kingstown|Saint-Vincent-et-les-Grenadines|Saint Vincent and the Grenadines
WSM|samoan|Samoan|Apia||
SMR|saint-marinais|Sammarinese|Saint-Marin,San Marino||
STP|santoméen|Santomean,São Toméan|São Tomé,Sao Tomé,Sao Tome|Sao Tomé-et-Principe,São Tomé-et-Príncipe|Sao Tome and Principe
SAU|saoudien|Saudi,Saudis,Saudi Arabian|Riyad,Riyadh|Arabie Saoudite|
SEN|sénégalais|Senegalese|Dakar||
SRB|serbe|Serbian,Serb,Serbs|Belgrade||
SYC|seychellois|Seychellois|Victoria||
SLE|sierraléonais,sierra-léonais|Sierra Leonean|Freetown||
SGP|singapourien|Singaporean|Singapour,Singapore||
SVK|slovaque|Slovak,Slovaks,Slovakian|Bratislava||
SVN|slovène|Slovenian,Slovene,Slovenes|Ljubljana||
SLB|salomonais|Solomon Islander,Solomon Islanders|Honiara|Îles Salomon,Iles Salomon|Solomon Islands
SOM|somalien|Somali,Somalis,Somalian|Mogadiscio,Mogadishu||
ZAF|sud-africain|South African|Pretoria,Le Cap,Cape Town|République sud-africaine|
SSD|sud-soudanais|South Sudanese|Djouba,Juba|Soudan du Sud|
ESP|espagnol|Spanish,Spaniard,Spaniards|Madrid||
LKA|sri-lankais,srilankais|Sri Lankan|Colombo,Sri Jayawardenepura Kotte||
SDN|soudanais|Sudanese|Khartoum,Port-Soudan,Port Sudan||
SUR|surinamais|Surinamese|Paramaribo||
SWE|suédois|Swedish,Swede,Swedes|Stockholm||
CHE|suisse/suisse/suisses/suisses,helvétique|Swiss|Berne,Bern|Confédération helvétique|Switzerland
SYR|syrien|Syrian|Damas,Damascus||
TJK|tadjik/tadjike/tadjiks/tadjikes,tadjikistanais|Tajik,Tajiks,Tajikistani|Douchanbé,Dushanbe||
TZA|tanzanien|Tanzanian|Dodoma,Dar es Salaam|Tanzanie|Tanzania
THA|thaïlandais|Thai,Thais|Bangkok|Thailande|
TLS|timorais,est-timorais|Timorese,East Timorese|Dili|Timor oriental,Timor-Leste|East Timor
TGO|togolais|Togolese|Lomé,Lome||
TON|tongien|Tongan|Nuku'alofa||
TTO|trinidadien|Trinidadian,Tobagonian|Port-d'Espagne,Port of Spain|Trinité-et-Tobago|
TUN|tunisien|Tunisian|Tunis||
TUR|turc/turque/turcs/turques|Turkish,Turk,Turks|Ankara|Türkiye|Türkiye,Turkey,Republic of Turkey
TKM|turkmène|Turkmen,Turkmens|Achgabat,Ashgabat||
TUV|tuvaluan|Tuvaluan|Funafuti||
UGA|ougandais|Ugandan|Kampala||
UKR|ukrainien|Ukrainian|Kiev,Kyiv||
ARE|émirien,émirati/émiratie/émiratis/émiraties|Emirati,Emiratis|Abou Dhabi,Abu Dhabi|EAU,Emirats arabes unis,Émirats|UAE,Emirates
GBR|britannique|British,Briton,Britons,Brits|Londres,London|Grande-Bretagne,UK,Royaume Uni|UK,U.K.,Britain,Great Britain
USA|américain,états-unien,étasunien|American,Americans|Washington|Etats-Unis,USA,US,U.S.A.|US,U.S.,USA,U.S.A.,United States of America
URY|uruguayen|Uruguayan|Montevideo||
UZB|ouzbek/ouzbèke/ouzbeks/ouzbèkes,ouzbékistanais|Uzbek,Uzbeks,Uzbekistani|Tachkent,Tashkent||
VUT|vanuatais,vanuatuan|Ni-Vanuatu,Vanuatuan|Port-Vila||
VEN|vénézuélien|Venezuelan|Caracas||
VNM|vietnamien|Vietnamese|Hanoï,Hanoi|Viêt Nam,Viet Nam|Viet Nam
YEM|yéménite|Yemeni,Yemenis|Sanaa,Sana'a,Aden|Yemen|
ZMB|zambien|Zambian|Lusaka||
ZWE|zimbabwéen|Zimbabwean|Harare||
VAT|vatican|Vatican,Vatican City|Vatican|Saint-Siège,Cité du Vatican,Vatican|Holy See,Vatican
PSE|palestinien|Palestinian|Ramallah|Territoires palestiniens,État de Palestine,Etat de Palestine|State of Palestine,Palestinian territories
TWN|taïwanais|Taiwanese|Taipei,Taïpei|Formose,République de Chine|Republic of China
HKG|hongkongais|Hongkonger,Hongkongers,Hong Konger|Hong Kong|Hong Kong|Hong Kong
XKX|kosovar,kosovien|Kosovar,Kosovan|Pristina,Priština||
ESH|sahraoui|Sahrawi,Sahrawis|Laâyoune,Laayoune||
PRI|portoricain|Puerto Rican|San Juan|Porto Rico|
GRL|groenlandais|Greenlandic,Greenlander,Greenlanders|Nuuk||
NCL|néo-calédonien,calédonien|New Caledonian|Nouméa,Noumea|Calédonie|
PYF|polynésien|French Polynesian|Papeete|Polynésie|
REU|réunionnais|Réunionese||La Réunion|
MYT|mahorais|Mahoran|Mamoudzou||
GLP|guadeloupéen|Guadeloupean|Basse-Terre||
MTQ|martiniquais|Martinican|Fort-de-France||
GUF|guyanais|French Guianese|Cayenne||
"""

# Seats of power: metonyms for a government; an entry "name=CODE" overrides the default <cameo>GOV.
SEATS = {
    "RUS": ({"fr": ["Kremlin"], "en": ["Kremlin"]}),
    "USA": {
        "fr": [
            "Maison Blanche",
            "Maison-Blanche",
            "Pentagone=USAMIL",
            "Département d'État",
            "Département d'Etat",
            "Capitole=USALEG",
        ],
        "en": ["White House", "Pentagon=USAMIL", "State Department", "Capitol Hill=USALEG"],
    },
    "FRA": {
        "fr": [
            "Élysée",
            "Elysée",
            "Elysee",
            "Matignon",
            "Quai d'Orsay",
            "Bercy",
            "place Beauvau",
            "Hôtel de Brienne=FRAMIL",
        ],
        "en": ["Élysée", "Elysée", "Elysee", "Elysee Palace", "Élysée Palace", "Matignon", "Quai d'Orsay"],
    },
    "GBR": {"fr": ["Downing Street", "Foreign Office"], "en": ["Downing Street", "Whitehall", "Foreign Office"]},
    "CHN": {"fr": ["Zhongnanhai"], "en": ["Zhongnanhai"]},
    "BFA": {"fr": ["Kossyam", "palais de Kossyam"], "en": ["Kossyam"]},
    "MLI": {"fr": ["Koulouba", "palais de Koulouba"], "en": ["Koulouba"]},
    "BEN": {"fr": ["palais de la Marina"], "en": []},
    "TCD": {"fr": ["palais Rose"], "en": []},
    "GAB": {"fr": ["palais du Bord de mer"], "en": []},
    "CMR": {"fr": ["Etoudi", "Étoudi", "palais d'Etoudi", "palais d'Étoudi"], "en": ["Etoudi"]},
    "DZA": {"fr": ["El Mouradia", "palais d'El Mouradia"], "en": ["El Mouradia"]},
    "MAR": {"fr": ["Makhzen"], "en": ["Makhzen"]},
    "TUN": {"fr": ["palais de Carthage"], "en": ["Carthage Palace"]},
    "ISR": {"fr": ["Knesset=ISRLEG"], "en": ["Knesset=ISRLEG"]},
    "ITA": {"fr": ["palais Chigi", "Palazzo Chigi", "Quirinal"], "en": ["Palazzo Chigi", "Quirinale"]},
    "ESP": {"fr": ["Moncloa"], "en": ["Moncloa"]},
    "BRA": {"fr": ["Planalto"], "en": ["Planalto"]},
    "ARG": {"fr": ["Casa Rosada"], "en": ["Casa Rosada"]},
    "KOR": {"fr": ["Maison Bleue"], "en": ["Blue House"]},
}

NICKNAMES = {
    "FRA": {"fr": ["Hexagone"], "en": []},
    "USA": {"fr": ["Oncle Sam"], "en": ["Uncle Sam"]},
    "GBR": {"fr": ["Albion"], "en": []},
    "CHN": {"fr": ["Empire du Milieu"], "en": []},
    "JPN": {"fr": ["Archipel nippon", "pays du Soleil-Levant"], "en": []},
}

# Display (canonical English) names where CLDR's short form is not what news uses.
DISPLAY = {
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CIV": "Côte d'Ivoire",
    "MMR": "Myanmar",
    "VAT": "Vatican City",
    "PSE": "Palestine",
    "HKG": "Hong Kong",
    "MAC": "Macao",
    "TWN": "Taiwan",
    "XKX": "Kosovo",
    "SXM": "Sint Maarten",
    "MAF": "Saint Martin",
}
# Names that would collide with another territory's or mislead; dropped from the draft.
DROP = {("SXM", "Saint-Martin"), ("UMI", "U.S. Outlying Islands")}
# Demonyms shared by two countries: the entry named here is marked ambiguous (the other keeps priority).
AMBIGUOUS = {"COG", "DMA"}


def _apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("ʼ", "'").strip()


def inflect_fr(masculine: str) -> list[str]:
    """The four forms of a French demonym from its masculine singular."""
    if "/" in masculine:
        return list(dict.fromkeys(masculine.split("/")))
    m = masculine
    if m.endswith("e") and not m.endswith("é"):
        return [m, m + "s"]
    if m.endswith(("s", "x", "z")):
        return [m, m + "e", m + "es"]
    if m.endswith(("ien", "éen", "en", "on")):
        return [m, m + "ne", m + "s", m + "nes"]
    if m.endswith(("è", "é")):
        return [m, m + "s"]
    return [m, m + "e", m + "s", m + "es"]


def plural_en(word: str) -> list[str]:
    """The adjective and, for regular nouns ("Malian" → "Malians"), the plural noun."""
    if word.endswith(("man", "men", "ese", "ish", "ch", "ss", "sh", "s")):
        return [word]
    if word.endswith(("an", "i", "er", "ot", "ite", "k")):
        return [word, word + "s"]
    return [word]


def _split(cell: str) -> list[str]:
    return [_apostrophes(x) for x in cell.split(",") if x.strip()]


def _clean_names(names: list[str], iso3: str) -> list[str]:
    out = []
    for name in names:
        if not name or "," in name or (iso3, name) in DROP:
            continue
        match = re.fullmatch(r"(.+?) \((.+)\)", name)
        if match and iso3 == "MMR":  # "Myanmar (Birmanie)" → both
            out += [match.group(1), match.group(2)]
            continue
        out.append(_apostrophes(name))
    return list(dict.fromkeys(out))


def build() -> list[dict]:
    fr_catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    fr_cldr, en_cldr = Locale("fr").territories, Locale("en").territories
    table = {}
    for line in TABLE.strip().splitlines():
        cells = (line.split("|") + [""] * 7)[:7]
        table[cells[0]] = cells
    countries = list(pycountry.countries)
    entries = []
    rows = [(c.alpha_3, c.alpha_2, c) for c in countries] + [("XKX", "XK", None)]
    for iso3, iso2, country in rows:
        en_names, fr_names = [], []
        if country is not None:
            for attribute in ("common_name", "name", "official_name"):
                value = getattr(country, attribute, None)
                if value:
                    en_names.append(value)
                    fr_names.append(fr_catalog.gettext(value))
        en_names.insert(0, en_cldr.get(iso2, ""))
        fr_names.insert(0, fr_cldr.get(iso2, ""))
        cells = table.get(iso3)
        demonyms: dict[str, list[str]] = {"fr": [], "en": []}
        capitals: list[str] = []
        if cells:
            _, fr_dem, en_dem, caps, fr_extra, en_extra, _ = cells
            for masculine in _split(fr_dem):
                demonyms["fr"] += inflect_fr(masculine)
            for word in _split(en_dem):
                demonyms["en"] += plural_en(word)
            capitals = _split(caps)
            fr_names += _split(fr_extra)
            en_names += _split(en_extra)
        display = DISPLAY.get(iso3) or _apostrophes(en_cldr.get(iso2) or (country.name if country else iso3))
        en_names.insert(0, display)
        status = "observer" if iso3 in OBSERVERS else ("member" if cells and iso3 in MEMBERS else "territory")
        entry = {
            "iso3": iso3,
            "iso2": iso2,
            "name": display,
            "cameo": CAMEO_EXCEPTIONS.get(iso3, iso3),
            "status": status,
            "names": {"fr": _clean_names(fr_names, iso3), "en": _clean_names(en_names, iso3)},
            "demonyms": {k: list(dict.fromkeys(v)) for k, v in demonyms.items()},
            "capitals": list(dict.fromkeys(capitals)),
        }
        if iso3 in SEATS:
            entry["seats"] = {lang: [_seat(s) for s in forms] for lang, forms in SEATS[iso3].items()}
        if iso3 in NICKNAMES:
            entry["nicknames"] = NICKNAMES[iso3]
        if iso3 in AMBIGUOUS:
            entry["ambiguous"] = True
        entries.append(entry)
    return sorted(entries, key=lambda e: e["iso3"])


def _seat(text: str) -> str | dict:
    name, _, code = text.partition("=")
    return {"name": name, "code": code} if code else name


# The 193 UN member states.
_MEMBER_CODES = """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
    BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA
    DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
    HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
    LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC
    NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP
    SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON
    TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
MEMBERS = frozenset(_MEMBER_CODES.split())


def hints(entries: list[dict]) -> None:
    """Print to stderr the abbreviations countrynames knows that the draft lacks."""
    data_file = Path(countrynames.__file__).with_name("data.yaml")
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    for entry in entries:
        known = set(entry["names"]["fr"]) | set(entry["names"]["en"])
        extra = [
            n
            for n in data.get(entry["iso2"], [])
            if re.fullmatch(r"[A-Z]{2,5}", n) and n not in known and n not in (entry["iso3"], entry["iso2"])
        ]
        if extra:
            print(f"# {entry['iso3']}: countrynames also has {sorted(set(extra))}", file=sys.stderr)


def main() -> None:
    assert len(MEMBERS) == 193, len(MEMBERS)
    entries = build()
    hints(entries)
    header = (
        "# Countries and territories: names, demonyms, capitals, seats of power (see docs/knowledge-base.md).\n"
        "# First drafted by scripts/build_countries.py; curated by hand since: edit this file, not the script.\n"
    )
    sys.stdout.write(
        header + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)
    )


if __name__ == "__main__":
    main()
