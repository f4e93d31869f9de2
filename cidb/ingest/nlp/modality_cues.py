"""Closed-class cue words for sentence roles, per language (ISO 639-1).

These are function words and fixed phrases of each language, not topic vocabulary:
negation particles and pronouns, denial verbs, hedging adverbs and reporting phrases,
and words that point to another or an earlier case. Sources: the negation and
hedging entries of the Universal Dependencies treebanks (features ``Polarity=Neg``,
``PronType=Neg``; lemmas of ``advmod`` hedges) and Wiktionary's category pages
"<language> negative particles" / "<language> modal adverbs", checked against the
grammar summaries of each language. They cover all official EU/EEA languages plus
English, Norwegian (nb/nn) and Icelandic; Luxembourgish is added because it occurs
in Luxembourg's news. A language missing here falls back to the English table and the
sentence's reasons say so ("no_cues:xx").

Single words are matched as whole lower-cased tokens; entries with a space are
phrases matched as substrings at word boundaries; entries ending in ``*`` are stems.
"""

from __future__ import annotations

# Negation particles, negative pronouns/determiners and "without".
NEGATION: dict[str, str] = {
    "en": "not no never none nothing neither nor without cannot n't nobody",
    "de": "nicht kein keine keinen keinem keiner keines nie niemals nichts ohne weder",
    # French "ne"/"n'" alone is often expletive ("avant qu'elles ne fuitent"): the
    # second part of the negation (pas, plus, jamais, rien, aucun) carries it
    "fr": "pas aucun aucune jamais rien sans ni nullement",
    "nl": "niet geen nooit niets zonder noch",
    "sv": "inte ej icke ingen inget inga aldrig utan ingenting",
    "da": "ikke ingen intet ingenting aldrig uden",
    "no": "ikke ingen intet ingenting aldri uten",
    "nb": "ikke ingen intet ingenting aldri uten",
    "nn": "ikkje ikke ingen inga ingi ingenting aldri utan",
    "is": "ekki enginn engin ekkert engir engar aldrei án",
    "fi": "ei eivät eikä en et emme ette ilman mitään koskaan",
    "et": "ei pole mitte ilma kunagi midagi",
    "es": "no ni nunca jamás ningún ninguna ninguno nada sin tampoco",
    "pt": "não nao nem nunca jamais nenhum nenhuma nada sem",
    "it": "non né mai nessun nessuno nessuna niente nulla senza",
    "ca": "no ni mai cap res sense",
    "ro": "nu nici niciun nicio niciodată nimic fără",
    "pl": "nie żaden żadne żadna żadnych żadnej nigdy nic bez ani",
    "cs": "ne nebyl nebyla nebylo nebyly není nejsou nebude nebudou nemá nemají nedošlo "
    "žádné žádná žádný žádná nikdy nic bez ani",
    "sk": "nie nebol nebola nebolo neboli nebude nemá nedošlo žiadne žiadny žiadna "
    "žiadnych nikdy nič bez ani",
    "sl": "ne ni niso nobenih noben nobena nikoli nič brez",
    "hr": "ne nije nisu neće nema nikakvi nikakvih nikakav nikada ništa bez ni",
    "bg": "не няма никакви никакъв никога нищо без ни",
    "el": "δεν μην μη όχι κανένα καμία κανείς ποτέ τίποτα χωρίς",
    "hu": "nem nincs nincsenek sem soha semmi semmilyen nélkül",
    "lt": "ne nėra nebuvo nebus jokie jokių jokios joks niekada nieko be",
    "lv": "ne nav nebija netika nebūs netiks nekādi nekādu nekad nekas bez",
    "mt": "ma mhux ebda qatt xejn mingħajr",
    "ga": "ní níor nach gan riamh",
    "lb": "net keen keng keng näischt ni ouni",
}

# Denials: a sentence reporting that something is denied is negated as a whole.
DENIAL: dict[str, str] = {
    "en": "deny* denied denial* refute* dismissed the claim* rejected the claim* no evidence "
    "no indication* no sign of",
    "de": "dementi* bestreit* bestritten weist zurück zurückgewiesen keine hinweise keine anzeichen",
    "fr": "dément* démenti* conteste* aucune preuve aucun indice aucune indication",
    "nl": "ontken* geen aanwijzing* geen bewijs",
    "sv": "förnekar förnekade dementer* inga tecken inga indikationer inga bevis",
    "da": "afvis* benægt* dementer* ingen tegn ingen indikationer ingen beviser",
    "no": "avvis* benekt* dementer* ingen tegn ingen indikasjoner ingen bevis",
    "nb": "avvis* benekt* dementer* ingen tegn ingen indikasjoner ingen bevis",
    "nn": "avvis* benekt* dementer* ingen teikn ingen prov",
    "is": "neitar neitaði vísar á bug engin merki",
    "fi": "kiistää kiisti kiistetään ei merkkejä ei viitteitä",
    "et": "eitab eitas lükkab tagasi märke ei ole",
    "es": "niega negó desmient* desmintió ninguna prueba ningún indicio",
    "pt": "nega negou desment* desmentiu nenhuma prova nenhum indício",
    "it": "smentisc* smentit* nega negato nessuna prova nessun indizio",
    "ca": "nega negà desmenteix desmentit cap prova cap indici",
    "ro": "neagă negat dezminte dezmint* nicio dovadă niciun indiciu",
    "pl": "zaprzecz* dementuj* zdementował* brak dowodów brak śladów",
    "cs": "popírá popřel* dementoval* žádné důkazy",
    "sk": "popiera poprel* dementoval* žiadne dôkazy",
    "sl": "zanika zanikal* ni dokazov",
    "hr": "demantira* negira* nema dokaza",
    "bg": "отрича опроверга* няма доказателства",
    "el": "διαψεύδ* αρνείται αρνήθηκε",
    "hu": "cáfol* tagad* nincs bizonyíték",
    "lt": "neigia paneigė nėra įrodymų",
    "lv": "noliedz* nav pierādījumu",
    "mt": "jiċħad ċaħad",
    "ga": "séan*",
    "lb": "dementéiert",
}

# Hedges: the sentence reports a possibility, a suspicion or an unconfirmed claim
# (including conditional / reported-speech forms used for that in Romance languages).
HEDGE: dict[str, str] = {
    "en": "unclear possibly possible perhaps maybe may have might could have suspected suspect* "
    "reportedly allegedly alleged unconfirmed likely probably believed to thought to "
    "appears to appeared to rumour* rumor* unverified not yet confirmed it is unclear",
    "de": "unklar möglicherweise vielleicht vermutlich mutmaßlich mutmasslich angeblich wahrscheinlich "
    "unbestätigt verdacht könnte könnten dürfte",
    "fr": "incertain peut-être possiblement probablement présumé* supposé* aurait auraient pourrait "
    "pourraient serait seraient vraisemblablement soupçon* non confirmé* selon des rumeurs",
    "nl": "onduidelijk mogelijk misschien waarschijnlijk vermoedelijk zou zouden naar verluidt onbevestigd "
    "vermoed*",
    "sv": "oklart möjligen möjligt kanske troligen troligtvis sannolikt misstänkt* misstänks påstås "
    "enligt uppgift uppges obekräftad* skulle kunna kan ha",
    "da": "uklart muligvis måske sandsynligvis formentlig* mistænk* angiveligt efter sigende "
    "ubekræftet kan have",
    "no": "uklart muligens kanskje trolig sannsynligvis mistenk* angivelig etter sigende ubekreftet "
    "kan ha",
    "nb": "uklart muligens kanskje trolig sannsynligvis mistenk* angivelig etter sigende ubekreftet "
    "kan ha",
    "nn": "uklart moglegvis kanskje truleg sannsynlegvis mistenk* visstnok ubekrefta kan ha",
    "is": "hugsanlega kannski líklega grunur grunað* meint* óstaðfest*",
    "fi": "epäselv* mahdollisesti ehkä todennäköisesti epäil* väitetysti vahvistamat* saattaa "
    "saattoi voi olla",
    "et": "ebaselge võimalik võib-olla tõenäoliselt väidetavalt kahtlusta* kinnitamata",
    "es": "posiblemente quizá quizás tal vez probablemente presuntamente supuestamente "
    "presunt* supuest* habría habrían podría podrían sospech* no confirmad*",
    "pt": "possivelmente talvez provavelmente alegadamente supostamente suposto suposta "
    "teria teriam poderá poderia suspeit* não confirmad*",
    "it": "forse probabilmente presumibilmente presunt* sospett* avrebbe avrebbero sarebbe "
    "sarebbero potrebbe potrebbero non confermat*",
    "ca": "possiblement potser probablement presumptament suposadament hauria haurien "
    "podria sospit*",
    "ro": "posibil probabil poate presupus* se pare suspect* neconfirmat* ar fi",
    "pl": "niejasn* prawdopodobnie możliwe być może rzekomo podobno domniemany podejrzew* "
    "niepotwierdzon* mógł mogła mogło",
    "cs": "nejasn* pravděpodobně možná údajně podezření nepotvrzen* prý",
    "sk": "nejasn* pravdepodobne možno údajne podozreni* nepotvrden* vraj",
    "sl": "verjetno morda domnevno naj bi nepotrjen*",
    "hr": "vjerojatno možda navodno sumnj* nepotvrđen*",
    "bg": "вероятно може би предполагаем* твърди се непотвърден* подозира*",
    "el": "πιθανώς ίσως φέρεται φερόμεν* ύποπτ* ανεπιβεβαίωτ* πιθανόν",
    "hu": "tisztázatlan valószínűleg talán állítólag feltehetően gyanú* megerősítetlen*",
    "lt": "galbūt galimai tikriausiai įtariam* neva nepatvirtint*",
    "lv": "iespējams varbūt domājams aizdomas neapstiprināt*",
    "mt": "possibbilment forsi allegatament suspettat*",
    "ga": "b'fhéidir is dócha líomhnaítear",
    "lb": "vläicht méiglecherweis wahrscheinlech ugeblech",
}

# Another or an earlier case ("another council", "last year", "previously").
OTHER_CASE: dict[str, str] = {
    "en": "another other similar last year previous previously earlier in the past "
    "first seen for the first time years ago also hit",
    "de": "eine weitere einen weiteren andere anderen ähnlich* im vergangenen jahr letztes jahr "
    "vorjahr bereits zuvor früher zum ersten mal vor jahren",
    "fr": "un autre une autre d'autres similaire* l'an dernier l'année dernière précédent* "
    "auparavant déjà pour la première fois il y a ans",
    "nl": "een andere andere soortgelijk* vorig jaar eerder eerdere voor het eerst jaar geleden",
    "sv": "en annan ett annat andra liknande förra året i fjol tidigare för första gången år sedan",
    "da": "en anden et andet andre lignende sidste år sidste år tidligere for første gang år siden",
    "no": "en annen et annet andre lignende i fjor tidligere for første gang år siden",
    "nb": "en annen et annet andre lignende i fjor tidligere for første gang år siden",
    "nn": "ein annan eit anna andre liknande i fjor tidlegare for første gong år sidan",
    "is": "annar önnur annað svipað* í fyrra áður",
    "fi": "toinen toisen muita vastaava* viime vuonna aiemmin ensimmäisen kerran vuotta sitten",
    "et": "teine teise sarnane möödunud aastal eelmisel aastal varem aastat tagasi",
    "es": "otro otra otros otras similar* el año pasado anterior* anteriormente hace años "
    "por primera vez",
    "pt": "outro outra outros outras semelhante* o ano passado no ano passado anterior* "
    "anteriormente há anos pela primeira vez",
    "it": "un altro un'altra altri altre simil* l'anno scorso precedent* in passato anni fa "
    "per la prima volta",
    "ca": "un altre una altra altres similar* l'any passat anterior* anteriorment fa anys",
    "ro": "un alt o altă alte similar* anul trecut anterior* în urmă cu ani",
    "pl": "inny inna inne innego innej podobn* w zeszłym roku w ubiegłym roku wcześniej "
    "poprzedni* lat temu rok temu",
    "cs": "jiný jiná jiné podobn* loni minulý rok dříve předchozí* před lety",
    "sk": "iný iná iné podobn* vlani minulý rok skôr predchádzajúc* pred rokmi",
    "sl": "drug druga drugi podobn* lani prejšnje leto prej pred leti",
    "hr": "drugi druga drugo slično* prošle godine ranije prethodn* prije godina",
    "bg": "друг друга други подобн* миналата година по-рано преди години",
    "el": "άλλη άλλο άλλος παρόμοι* πέρυσι προηγούμεν* παλαιότερα",
    "hu": "másik más hasonló* tavaly korábban előző* évvel ezelőtt",
    "lt": "kitas kita kiti panaš* pernai anksčiau ankstesn* prieš metus",
    "lv": "cits cita citi līdzīg* pagājušajā gadā iepriekš agrāk pirms gadiem",
    "mt": "ieħor oħra oħrajn simili* is-sena li għaddiet qabel",
    "ga": "eile cosúil anuraidh roimhe",
    "lb": "en aneren eng aner ähnlech lescht joer virdrun",
}

# General statements: explainers, advice, statistics ("attacks like these", "experts
# recommend", "every year", "in general").
GENERAL: dict[str, str] = {
    "en": "attacks like such attacks these attacks in general generally typically often "
    "increasingly every year each year worldwide experts recommend should is a type of "
    "is a form of according to a report according to a survey advise* tips percent",
    "de": "solche angriffe derartige angriffe im allgemeinen in der regel häufig oft "
    "zunehmend jedes jahr jährlich weltweit experten raten empfehlen sollten ist eine form "
    "laut einer studie laut einer umfrage prozent",
    "fr": "ce type d'attaque ces attaques de telles attaques en général généralement souvent "
    "de plus en plus chaque année dans le monde les experts recommand* devraient conseil* "
    "selon une étude selon un rapport pour cent",
    "nl": "zulke aanvallen dergelijke aanvallen in het algemeen vaak steeds meer elk jaar "
    "jaarlijks wereldwijd experts raden aan zouden moeten volgens een onderzoek procent",
    "sv": "sådana attacker den här typen i allmänhet ofta allt fler varje år årligen "
    "i världen experter rekommenderar bör enligt en undersökning enligt en rapport procent",
    "da": "sådanne angreb den slags i almindelighed ofte flere og flere hvert år årligt "
    "eksperter anbefaler bør ifølge en undersøgelse ifølge en rapport procent",
    "no": "slike angrep denne typen generelt ofte stadig flere hvert år årlig eksperter "
    "anbefaler bør ifølge en undersøkelse ifølge en rapport prosent",
    "nb": "slike angrep denne typen generelt ofte stadig flere hvert år årlig eksperter "
    "anbefaler bør ifølge en undersøkelse ifølge en rapport prosent",
    "nn": "slike åtak denne typen generelt ofte stadig fleire kvart år ekspertar tilrår bør "
    "prosent",
    "fi": "tällaiset hyökkäykset yleensä usein yhä useammin vuosittain joka vuosi "
    "asiantuntijat suosittelevat pitäisi tutkimuksen mukaan prosenttia",
    "es": "este tipo de ataques estos ataques en general generalmente a menudo cada vez más "
    "cada año en todo el mundo los expertos recomiendan deberían según un estudio "
    "según un informe por ciento",
    "pt": "este tipo de ataque estes ataques em geral geralmente frequentemente cada vez mais "
    "todos os anos em todo o mundo os especialistas recomendam deveriam segundo um estudo "
    "por cento",
    "it": "questo tipo di attacchi questi attacchi in generale generalmente spesso sempre più "
    "ogni anno nel mondo gli esperti consigliano dovrebbero secondo uno studio "
    "secondo un rapporto per cento",
    "pl": "tego typu ataki takie ataki ogólnie często coraz więcej każdego roku na świecie "
    "eksperci zalecają powinni według raportu procent",
    "ro": "acest tip de atac astfel de atacuri în general adesea tot mai multe în fiecare an "
    "experții recomandă ar trebui potrivit unui raport la sută",
}


# phrases of each table (multi-word entries), listed where they are not obvious from
# single words; everything else in a table value is one entry per word
MULTI_WORD: dict[str, list[str]] = {
    "en": [
        "may have",
        "could have",
        "believed to",
        "thought to",
        "appears to",
        "appeared to",
        "not yet confirmed",
        "it is unclear",
        "last year",
        "in the past",
        "first seen",
        "for the first time",
        "years ago",
        "also hit",
        "attacks like",
        "such attacks",
        "these attacks",
        "in general",
        "every year",
        "each year",
        "experts recommend",
        "is a type of",
        "is a form of",
        "according to a report",
        "according to a survey",
        "dismissed the claim*",
        "rejected the claim*",
        "no evidence",
        "no indication*",
        "no sign of",
    ],
    "de": [
        "soll haben",
        "sollen haben",
        "soll worden sein",
        "eine weitere",
        "einen weiteren",
        "im vergangenen jahr",
        "letztes jahr",
        "zum ersten mal",
        "vor jahren",
        "solche angriffe",
        "derartige angriffe",
        "im allgemeinen",
        "in der regel",
        "jedes jahr",
        "experten raten",
        "ist eine form",
        "laut einer studie",
        "laut einer umfrage",
        "weist zurück",
        "keine hinweise",
        "keine anzeichen",
    ],
    "fr": [
        "non confirmé*",
        "selon des rumeurs",
        "un autre",
        "une autre",
        "l'an dernier",
        "l'année dernière",
        "pour la première fois",
        "il y a ans",
        "ce type d'attaque",
        "ces attaques",
        "de telles attaques",
        "en général",
        "de plus en plus",
        "chaque année",
        "dans le monde",
        "les experts recommand*",
        "selon une étude",
        "selon un rapport",
        "pour cent",
        "aucune preuve",
        "aucun indice",
        "aucune indication",
    ],
    "nl": [
        "naar verluidt",
        "een andere",
        "vorig jaar",
        "voor het eerst",
        "jaar geleden",
        "zulke aanvallen",
        "dergelijke aanvallen",
        "in het algemeen",
        "steeds meer",
        "elk jaar",
        "experts raden aan",
        "zouden moeten",
        "volgens een onderzoek",
        "geen aanwijzing*",
        "geen bewijs",
    ],
    "sv": [
        "enligt uppgift",
        "skulle kunna",
        "kan ha",
        "en annan",
        "ett annat",
        "förra året",
        "i fjol",
        "för första gången",
        "år sedan",
        "sådana attacker",
        "den här typen",
        "i allmänhet",
        "allt fler",
        "varje år",
        "i världen",
        "experter rekommenderar",
        "enligt en undersökning",
        "enligt en rapport",
        "inga tecken",
        "inga indikationer",
        "inga bevis",
    ],
    "da": [
        "efter sigende",
        "kan have",
        "en anden",
        "et andet",
        "sidste år",
        "for første gang",
        "år siden",
        "sådanne angreb",
        "den slags",
        "i almindelighed",
        "flere og flere",
        "hvert år",
        "eksperter anbefaler",
        "ifølge en undersøgelse",
        "ifølge en rapport",
        "ingen tegn",
        "ingen indikationer",
        "ingen beviser",
    ],
    "no": [
        "etter sigende",
        "kan ha",
        "en annen",
        "et annet",
        "i fjor",
        "for første gang",
        "år siden",
        "slike angrep",
        "denne typen",
        "stadig flere",
        "hvert år",
        "eksperter anbefaler",
        "ifølge en undersøkelse",
        "ifølge en rapport",
        "ingen tegn",
        "ingen indikasjoner",
        "ingen bevis",
    ],
    "nn": [
        "kan ha",
        "ein annan",
        "eit anna",
        "i fjor",
        "for første gong",
        "år sidan",
        "slike åtak",
        "denne typen",
        "stadig fleire",
        "kvart år",
        "ekspertar tilrår",
        "ingen teikn",
        "ingen prov",
    ],
    "is": ["í fyrra", "vísar á bug", "engin merki"],
    "fi": [
        "voi olla",
        "viime vuonna",
        "ensimmäisen kerran",
        "vuotta sitten",
        "tällaiset hyökkäykset",
        "yhä useammin",
        "joka vuosi",
        "asiantuntijat suosittelevat",
        "tutkimuksen mukaan",
        "ei merkkejä",
        "ei viitteitä",
    ],
    "et": ["möödunud aastal", "eelmisel aastal", "aastat tagasi", "lükkab tagasi", "märke ei ole"],
    "es": [
        "tal vez",
        "no confirmad*",
        "el año pasado",
        "hace años",
        "por primera vez",
        "este tipo de ataques",
        "estos ataques",
        "en general",
        "a menudo",
        "cada vez más",
        "cada año",
        "en todo el mundo",
        "los expertos recomiendan",
        "según un estudio",
        "según un informe",
        "por ciento",
        "ninguna prueba",
        "ningún indicio",
    ],
    "pt": [
        "não confirmad*",
        "o ano passado",
        "no ano passado",
        "há anos",
        "pela primeira vez",
        "este tipo de ataque",
        "estes ataques",
        "em geral",
        "cada vez mais",
        "todos os anos",
        "em todo o mundo",
        "os especialistas recomendam",
        "segundo um estudo",
        "por cento",
        "nenhuma prova",
        "nenhum indício",
    ],
    "it": [
        "non confermat*",
        "un altro",
        "un'altra",
        "l'anno scorso",
        "in passato",
        "anni fa",
        "per la prima volta",
        "questo tipo di attacchi",
        "questi attacchi",
        "in generale",
        "sempre più",
        "ogni anno",
        "nel mondo",
        "gli esperti consigliano",
        "secondo uno studio",
        "secondo un rapporto",
        "per cento",
        "nessuna prova",
        "nessun indizio",
    ],
    "ca": ["un altre", "una altra", "l'any passat", "fa anys", "cap prova", "cap indici"],
    "ro": [
        "se pare",
        "ar fi",
        "un alt",
        "o altă",
        "anul trecut",
        "în urmă cu",
        "acest tip de atac",
        "astfel de atacuri",
        "în general",
        "tot mai multe",
        "în fiecare an",
        "experții recomandă",
        "ar trebui",
        "potrivit unui raport",
        "la sută",
        "nicio dovadă",
        "niciun indiciu",
    ],
    "pl": [
        "być może",
        "w zeszłym roku",
        "w ubiegłym roku",
        "lat temu",
        "rok temu",
        "tego typu ataki",
        "takie ataki",
        "coraz więcej",
        "każdego roku",
        "na świecie",
        "eksperci zalecają",
        "według raportu",
        "brak dowodów",
        "brak śladów",
    ],
    "cs": ["minulý rok", "před lety", "žádné důkazy"],
    "sk": ["minulý rok", "pred rokmi", "žiadne dôkazy"],
    "sl": ["naj bi", "prejšnje leto", "pred leti", "ni dokazov"],
    "hr": ["prošle godine", "prije godina", "nema dokaza"],
    "bg": [
        "може би",
        "твърди се",
        "миналата година",
        "по-рано",
        "преди години",
        "няма доказателства",
    ],
    "hu": ["évvel ezelőtt", "nincs bizonyíték"],
    "lt": ["prieš metus", "nėra įrodymų"],
    "lv": ["pagājušajā gadā", "pirms gadiem", "nav pierādījumu"],
    "mt": ["is-sena li għaddiet"],
    "ga": ["is dócha"],
    "lb": ["lescht joer", "en aneren", "eng aner"],
}
