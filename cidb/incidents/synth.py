"""Deterministic synthetic incident corpus for load testing (``cidb generate``).

Pure Python (stdlib + pycountry for country names); no Django imports so that it can
produce hundreds of thousands of incident dicts per second-ish on a single core.

All weighted choices use precomputed lookup tables (``table[int(random() * len)]``),
which is several times faster than ``random.choices``. Every public method derives its own
``random.Random`` from the seed, so results do not depend on the order of calls.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator, Sequence

from cidb.incidents import vocab

__all__ = [
    "ATTACK_TYPES",
    "CIA_VALUES",
    "CONFIDENCES",
    "DEFAULT_TECHNIQUE_IDS",
    "MOTIVES",
    "SECTORS",
    "STATUSES",
    "SyntheticCorpus",
]

# ---------------------------------------------------------------------------
# Vocabularies: cidb.incidents.vocab; sectors and attack types here are ranked by
# how common they are (the order drives the skew), tests keep them complete.
# ---------------------------------------------------------------------------

SECTORS: tuple[str, ...] = (
    "healthcare",
    "local_government",
    "education",
    "manufacturing",
    "government",
    "finance",
    "it_services",
    "retail",
    "energy",
    "transport",
    "telecom",
    "media",
    "hospitality",
    "politics",
    "defence",
    "civil_society",
    "other",
)
ATTACK_TYPES: tuple[str, ...] = (
    "ransomware",
    "data_breach",
    "ddos",
    "phishing",
    "account_compromise",
    "intrusion",
    "espionage",
    "extortion",
    "supply_chain",
    "defacement",
    "wiper",
    "other",
)
MOTIVES: tuple[str, ...] = tuple(vocab.MOTIVES)
CIA_VALUES: tuple[str, ...] = tuple(vocab.CIA_VALUES)
STATUSES: tuple[str, ...] = ("published", "draft", "in_review", "retracted")
CONFIDENCES: tuple[str, ...] = ("confirmed", "claimed", "suspected")
ACTOR_TYPES: tuple[str, ...] = (
    "nation_state",
    "state_affiliated",
    "organized_crime",
    "hacktivist",
    "insider",
    "individual",
    "unknown",
)

# ATT&CK Enterprise v18.1 technique IDs, roughly ordered by how often they show up in
# incident reporting (the order drives the Zipf skew of the "long tail" techniques).
DEFAULT_TECHNIQUE_IDS: tuple[str, ...] = (
    "T1486", "T1566", "T1190", "T1078", "T1498", "T1566.001", "T1490", "T1133",
    "T1499", "T1041", "T1567", "T1021.001", "T1059.001", "T1003.001", "T1110",
    "T1566.002", "T1078.002", "T1489", "T1485", "T1657", "T1562.001", "T1047",
    "T1570", "T1105", "T1219", "T1048", "T1021.002", "T1059.003", "T1110.003",
    "T1499.002", "T1498.001", "T1491.002", "T1078.004", "T1114", "T1195.002",
    "T1199", "T1204.002", "T1505.003", "T1567.002", "T1560.001", "T1069",
    "T1087.002", "T1482", "T1018", "T1046", "T1082", "T1083", "T1135", "T1003",
    "T1003.003", "T1558.003", "T1555", "T1552.001", "T1071.001", "T1572",
    "T1090", "T1573", "T1053.005", "T1569.002", "T1543.003", "T1547.001",
    "T1136", "T1098", "T1070.001", "T1070.004", "T1027", "T1036", "T1140",
    "T1218.011", "T1055", "T1112", "T1068", "T1548.002", "T1134", "T1212",
    "T1210", "T1203", "T1189", "T1195", "T1561.001", "T1561.002", "T1491.001",
    "T1529", "T1531", "T1565.001", "T1496", "T1621", "T1111", "T1539",
    "T1550.002", "T1606.002", "T1556", "T1656", "T1566.004", "T1598", "T1589",
    "T1595.002", "T1588.002", "T1583.005", "T1584.005", "T1114.002", "T1213",
    "T1530", "T1005", "T1039", "T1119", "T1074", "T1020", "T1071.004", "T1095",
    "T1102", "T1059.005", "T1059.006", "T1021.004", "T1021.006", "T1016",
    "T1057", "T1033", "T1049", "T1518.001", "T1497", "T1553.002", "T1072",
    "T1200", "T1091", "T1495", "T1499.004", "T1498.002",
)  # fmt: skip

# ---------------------------------------------------------------------------
# Countries: (alpha-2, language, cities). Order = popularity (Zipf rank).
# ---------------------------------------------------------------------------

# fmt: off
_COUNTRIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("US", "en", ("New York", "Los Angeles", "Chicago", "Houston", "Phoenix", "Dallas", "Atlanta",
                  "Denver", "Seattle", "Boston", "Austin", "Columbus", "Tulsa", "Baltimore", "Oakland",
                  "Sacramento", "Portland", "Nashville", "Memphis", "Omaha", "Wichita", "Dayton")),
    ("GB", "en", ("London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Liverpool",
                  "Sheffield", "Cardiff", "Edinburgh", "Belfast", "Nottingham", "Leicester", "Derby",
                  "Hull", "Plymouth", "Norwich", "Exeter", "Oxford", "Cambridge", "Redcar", "Gloucester")),
    ("DE", "de", ("Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Düsseldorf",
                  "Leipzig", "Dortmund", "Bremen", "Dresden", "Hannover", "Nürnberg", "Ulm", "Kassel",
                  "Potsdam", "Schwerin", "Witten", "Bielefeld", "Münster", "Augsburg", "Freiburg",
                  "Rostock", "Erfurt")),
    ("FR", "fr", ("Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Strasbourg",
                  "Montpellier", "Bordeaux", "Lille", "Rennes", "Reims", "Brest", "Dijon", "Angers",
                  "Grenoble", "Rouen", "Caen", "Arles", "Villefranche-sur-Saône", "Cannes", "Metz")),
    ("SE", "sv", ("Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping",
                  "Helsingborg", "Jönköping", "Norrköping", "Lund", "Umeå", "Gävle", "Borås",
                  "Sundsvall", "Kalix", "Luleå", "Karlstad", "Växjö", "Halmstad", "Kiruna", "Visby")),
    ("NO", "nb", ("Oslo", "Bergen", "Trondheim", "Stavanger", "Drammen", "Fredrikstad", "Kristiansand",
                  "Tromsø", "Sandnes", "Bodø", "Ålesund", "Hamar", "Lillehammer", "Gjøvik", "Molde",
                  "Arendal", "Halden", "Harstad")),
    ("DK", "da", ("København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding",
                  "Horsens", "Vejle", "Roskilde", "Herning", "Silkeborg", "Næstved", "Viborg",
                  "Svendborg", "Holbæk")),
    ("FI", "fi", ("Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä", "Lahti",
                  "Kuopio", "Pori", "Joensuu", "Lappeenranta", "Vaasa", "Rovaniemi", "Kotka", "Seinäjoki")),
    ("NL", "nl", ("Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg",
                  "Almere", "Breda", "Nijmegen", "Zwolle", "Maastricht", "Leiden", "Enschede", "Arnhem",
                  "Haarlem", "Delft", "Lochem", "Hof van Twente", "Deventer")),
    ("IT", "it", ("Roma", "Milano", "Napoli", "Torino", "Palermo", "Genova", "Bologna", "Firenze",
                  "Bari", "Verona", "Padova", "Trieste", "Brescia", "Parma", "Modena", "Pisa")),
    ("ES", "es", ("Madrid", "Barcelona", "Valencia", "Sevilla", "Zaragoza", "Málaga", "Murcia",
                  "Palma", "Bilbao", "Alicante", "Córdoba", "Valladolid", "Vigo", "Gijón", "Granada")),
    ("CA", "en", ("Toronto", "Montreal", "Vancouver", "Calgary", "Edmonton", "Ottawa", "Winnipeg",
                  "Halifax", "Victoria", "Regina", "Saskatoon", "Hamilton")),
    ("AU", "en", ("Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra", "Hobart",
                  "Darwin", "Geelong", "Newcastle", "Wollongong", "Cairns")),
    ("JP", "ja", ("Tokyo", "Osaka", "Nagoya", "Yokohama", "Sapporo", "Fukuoka", "Kobe", "Kyoto",
                  "Sendai", "Hiroshima", "Niigata", "Kumamoto")),
    ("IE", "en", ("Dublin", "Cork", "Limerick", "Galway", "Waterford", "Kilkenny", "Sligo", "Athlone")),
    ("BE", "nl", ("Brussel", "Antwerpen", "Gent", "Brugge", "Leuven", "Mechelen", "Hasselt", "Kortrijk")),
    ("AT", "de", ("Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt", "Villach", "Wels")),
    ("CH", "de", ("Zürich", "Basel", "Bern", "Luzern", "St. Gallen", "Winterthur", "Zug", "Chur")),
    ("PL", "pl", ("Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk", "Szczecin", "Lublin",
                  "Katowice", "Białystok")),
    ("UA", "uk", ("Київ", "Харків", "Одеса", "Дніпро", "Львів", "Запоріжжя", "Вінниця", "Полтава")),
    ("EE", "et", ("Tallinn", "Tartu", "Narva", "Pärnu", "Viljandi", "Rakvere", "Kuressaare")),
    ("PT", "pt", ("Lisboa", "Porto", "Braga", "Coimbra", "Funchal", "Setúbal", "Aveiro", "Faro")),
    ("BR", "pt", ("São Paulo", "Rio de Janeiro", "Brasília", "Salvador", "Fortaleza", "Belo Horizonte",
                  "Curitiba", "Recife", "Porto Alegre")),
    ("NZ", "en", ("Auckland", "Wellington", "Christchurch", "Hamilton", "Dunedin", "Tauranga")),
    ("KR", "en", ("Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju")),
    ("IN", "en", ("Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Kolkata", "Pune")),
    ("CZ", "en", ("Praha", "Brno", "Ostrava", "Plzeň", "Olomouc")),
    ("LT", "en", ("Vilnius", "Kaunas", "Klaipėda", "Šiauliai")),
    ("LV", "en", ("Rīga", "Daugavpils", "Liepāja", "Jelgava")),
    ("IL", "en", ("Tel Aviv", "Jerusalem", "Haifa", "Beersheba")),
    ("MX", "es", ("Ciudad de México", "Guadalajara", "Monterrey", "Puebla", "Tijuana", "Mérida")),
    ("SK", "en", ("Bratislava", "Košice", "Prešov", "Žilina")),
    ("HU", "en", ("Budapest", "Debrecen", "Szeged", "Pécs")),
    ("RO", "en", ("București", "Cluj-Napoca", "Timișoara", "Iași", "Constanța")),
    ("GR", "en", ("Athens", "Thessaloniki", "Patras", "Heraklion")),
    ("TR", "en", ("Istanbul", "Ankara", "Izmir", "Bursa", "Antalya")),
    ("ZA", "en", ("Johannesburg", "Cape Town", "Durban", "Pretoria", "Port Elizabeth")),
    ("SG", "en", ("Singapore",)),
    ("TW", "en", ("Taipei", "Kaohsiung", "Taichung", "Tainan")),
    ("AR", "es", ("Buenos Aires", "Córdoba", "Rosario", "Mendoza")),
    ("CL", "es", ("Santiago", "Valparaíso", "Concepción", "Antofagasta")),
    ("CO", "es", ("Bogotá", "Medellín", "Cali", "Barranquilla")),
    ("AE", "en", ("Dubai", "Abu Dhabi", "Sharjah")),
    ("SA", "en", ("Riyadh", "Jeddah", "Dammam")),
    ("IS", "en", ("Reykjavík", "Akureyri", "Kópavogur")),
    ("LU", "fr", ("Luxembourg", "Esch-sur-Alzette", "Differdange")),
    ("SI", "en", ("Ljubljana", "Maribor", "Celje")),
    ("HR", "en", ("Zagreb", "Split", "Rijeka", "Osijek")),
    ("BG", "en", ("Sofia", "Plovdiv", "Varna", "Burgas")),
    ("RS", "en", ("Belgrade", "Novi Sad", "Niš")),
    ("MY", "en", ("Kuala Lumpur", "George Town", "Johor Bahru")),
    ("TH", "en", ("Bangkok", "Chiang Mai", "Phuket")),
    ("PH", "en", ("Manila", "Quezon City", "Cebu City", "Davao")),
    ("ID", "en", ("Jakarta", "Surabaya", "Bandung", "Medan")),
    ("VN", "en", ("Hanoi", "Ho Chi Minh City", "Da Nang")),
    ("EG", "en", ("Cairo", "Alexandria", "Giza")),
    ("NG", "en", ("Lagos", "Abuja", "Kano", "Ibadan")),
    ("KE", "en", ("Nairobi", "Mombasa", "Kisumu")),
    ("MA", "fr", ("Rabat", "Casablanca", "Marrakech", "Fès")),
    ("CY", "en", ("Nicosia", "Limassol", "Larnaca")),
    ("MT", "en", ("Valletta", "Birkirkara", "Sliema")),
)

# fmt: on

_COUNTRY_NAME_OVERRIDES = {"NL": "the Netherlands", "CZ": "Czechia", "TW": "Taiwan"}  # fmt: skip


def _country_names() -> dict[str, str]:
    try:
        import pycountry  # noqa: PLC0415 - optional, only used for display names
    except ImportError:  # pragma: no cover - pycountry is a project dependency
        pycountry = None
    names: dict[str, str] = {}
    for code, _lang, _cities in _COUNTRIES:
        if code in _COUNTRY_NAME_OVERRIDES:
            names[code] = _COUNTRY_NAME_OVERRIDES[code]
            continue
        obj = pycountry.countries.get(alpha_2=code) if pycountry else None
        names[code] = (getattr(obj, "common_name", None) or obj.name) if obj else code
    return names


# ---------------------------------------------------------------------------
# Organisation name patterns per language. Each entry: sector -> ((name, alias), ...).
# Placeholders: {city}, {sur} (surname / brand stem), {n} (ordinal-ish number).
# ---------------------------------------------------------------------------

_SURNAMES: dict[str, tuple[str, ...]] = {
    "en": ("Anderson", "Baker", "Carter", "Dawson", "Ellis", "Fletcher", "Graham", "Harper", "Irving",
           "Jensen", "Keller", "Lawson", "Mercer", "Norton", "Owens", "Parker", "Quinn", "Reed",
           "Sawyer", "Turner", "Vaughn", "Walker", "Whitman", "Young", "Ashford", "Bramley",
           "Crestwood", "Dunmore", "Everly", "Fairfield", "Granite", "Harbor", "Ironbridge",
           "Juniper", "Kingsley", "Lakeside", "Meridian", "Northgate", "Oakridge", "Pinecrest"),
    "de": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
           "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
           "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner",
           "Krause", "Lehmann", "Köhler", "Herrmann", "Walter", "Kaiser", "Brandt", "Voigt"),
    "fr": ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
           "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David",
           "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
           "Dupont", "Lambert", "Bonnet", "François", "Legrand", "Garnier"),
    "sv": ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
           "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
           "Bengtsson", "Lindberg", "Lindqvist", "Lundgren", "Berg", "Holm", "Sandberg", "Forsberg",
           "Sjöberg", "Wallin", "Engström", "Lindström", "Norrland", "Fjäll", "Skog", "Älv"),
    "nb": ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
           "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
           "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Fjord",
           "Nord", "Vest", "Fjell", "Bakke", "Moen", "Lie", "Strand"),
    "da": ("Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
           "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
           "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Bøgh",
           "Holm", "Skov", "Dalgaard", "Lund", "Vestergaard", "Østergaard", "Nørgaard"),
    "fi": ("Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
           "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
           "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen",
           "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen"),
    "nl": ("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
           "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
           "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
           "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "Haan", "Vermeulen"),
    "es": ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
           "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz",
           "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez",
           "Ramos", "Gil", "Ramírez", "Serrano"),
    "it": ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
           "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
           "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi",
           "Caruso", "Ferrara", "Galli"),
    "pl": ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
           "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
           "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski"),
    "pt": ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
           "Jesus", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves",
           "Almeida", "Ribeiro", "Pinto", "Carvalho", "Teixeira", "Moreira", "Correia", "Mendes"),
    "et": ("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel",
           "Luik", "Lepik", "Oja", "Kuusk", "Raudsepp", "Vaher", "Karu", "Lill", "Kallas", "Org"),
    "uk": ("Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Мельник",
           "Поліщук", "Лисенко", "Руденко", "Савченко", "Петренко", "Марченко", "Мороз",
           "Дніпро", "Карпати", "Поділля", "Світанок"),
    "ja": ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
           "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue",
           "Kimura", "Hayashi", "Shimizu", "Yamazaki", "Mori", "Ikeda", "Hashimoto", "Ishikawa"),
}  # fmt: skip

# Stems x endings for plausible smaller places, used once the real city names of a country are
# exhausted (so that hundreds of thousands of organisations stay unique without "City of X 7").
_TOWN_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("Ash", "Brook", "Clear", "Dale", "Elm", "Fair", "Green", "Hazel", "Kings", "Lake", "Mill",
            "North", "Oak", "Pine", "Red", "Silver", "Spring", "Stone", "West", "Wood", "Glen", "Maple",
            "River", "Bridge", "Cedar", "High", "Long", "East"),
           ("ton", "field", "ford", "wood", "ville", "bury", "dale", "port", "ham", "view", "brook",
            "worth", "ridge", "mouth")),
    "de": (("Ober", "Unter", "Neu", "Alt", "Hoh", "Kirch", "Wald", "Berg", "Stein", "Linden", "Eichen",
            "Buchen", "Rosen", "Mühl", "Schön", "Frieden", "Feld", "Tann", "Wiesen", "Sonnen"),
           ("hausen", "dorf", "heim", "bach", "berg", "stadt", "feld", "au", "burg", "ingen", "brück",
            "hofen", "rode", "weiler")),
    "fr": (("Mont", "Beau", "Clair", "Ville", "Bois", "Fontaine", "Val", "Roche", "Pont", "Champ",
            "Bel", "Château", "Neuf", "Grand"),
           ("ville", "mont", "court", "val", "fort", "lieu", "bourg", "champ", "font", "ay", "ac",
            "mesnil")),
    "sv": (("Norr", "Sör", "Väster", "Öster", "Berg", "Sjö", "Lind", "Ek", "Björk", "Strand", "Mark",
            "Hög", "Lång", "Skog", "Sand", "Gran", "Ljung", "Al"),
           ("köping", "by", "berga", "hamn", "vik", "sund", "holm", "torp", "näs", "ås", "dal", "fors",
            "stad", "tuna")),
    "nb": (("Nord", "Sør", "Øst", "Vest", "Berg", "Fjell", "Li", "Dal", "Sand", "Strand", "Vik", "Hol",
            "Stein", "Elv", "Skog", "Lang"),
           ("vik", "dal", "stad", "heim", "nes", "øy", "berg", "sund", "fjord", "by", "land", "rud",
            "ås", "mo")),
    "da": (("Nør", "Sønder", "Øster", "Vester", "Hol", "Skov", "Strand", "Lund", "Høj", "Bjerg", "Mark",
            "Sø", "Lyng", "Ege", "Birke"),
           ("by", "rup", "strup", "løse", "borg", "lev", "sted", "bjerg", "holm", "købing", "havn",
            "ager", "skov", "hus")),
    "fi": (("Ylä", "Ala", "Järvi", "Koski", "Mäki", "Lahti", "Niemi", "Salo", "Kivi", "Suo", "Metsä",
            "Ranta", "Kuusi", "Koivu", "Pihla"),
           ("la", "lahti", "koski", "järvi", "mäki", "niemi", "salo", "vaara", "joki", "lampi", "saari",
            "vesi")),
    "nl": (("Noord", "Zuid", "Oost", "West", "Hoog", "Nieuw", "Oud", "Berg", "Zand", "Veen", "Dijk",
            "Brug", "Water", "Linde"),
           ("wijk", "dorp", "veen", "hoven", "dam", "drecht", "horst", "berg", "huizen", "broek", "zijl",
            "kerk", "haven", "loo")),
    "es": (("Villa", "Torre", "Puerto", "Monte", "Valle", "Campo", "Fuente", "Puebla", "Castro", "Peña"),
           ("nueva", "alta", "real", "verde", "blanca", "seca", "larga", "mayor", "rubia", "hermosa")),
    "it": (("Monte", "Castel", "Borgo", "Villa", "Porto", "Roc", "Pieve", "Ponte", "Colle", "Rocca"),
           ("franco", "nuovo", "vecchio", "alto", "fiore", "rotondo", "verde", "marina", "bello",
            "lungo")),
    "pt": (("Vila", "Santa", "Porto", "Monte", "Vale", "Campo", "Ribeira", "Torre"),
           (" Nova", " Real", " Verde", " Alta", " Grande", " do Sul", " do Norte", " Velha")),
    "pl": (("Nowy", "Stary", "Biała", "Zielona", "Góra", "Wola", "Dąbrowa", "Lipno", "Brzeg", "Jasło"),
           (" Wielka", " Mała", " Dolna", " Górna", " Nowa", " Stara", " Leśna", " Polna")),
    "et": (("Kuusi", "Kase", "Männi", "Järve", "Mõisa", "Rannu", "Kivi", "Pae", "Saare", "Lille"),
           ("küla", "vere", "maa", "mäe", "jõe", "salu", "metsa", "ranna", "oru", "nõmme")),
    "uk": (("Нова ", "Стара ", "Велика ", "Мала ", "Біла ", "Зелена "),
           ("Каховка", "Ушиця", "Слобода", "Гута", "Діброва", "Липова", "Калинівка", "Березівка")),
    "ja": (("Higashi", "Nishi", "Kita", "Minami", "Naka", "Shin", "Kami", "Shimo", "Oo", "Ko"),
           ("yama", "kawa", "hara", "mura", "shima", "saki", "oka", "sawa", "mori", "ta")),
}  # fmt: skip
_TOWN_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": ("New ", "East ", "West ", "North ", "South ", "Upper ", "Lower ", "Port ", "Mount "),
    "de": ("Bad ", "Neu-", "Alt-", "Groß ", "Klein "),
    "fr": ("Saint-", "Sainte-", "Bourg-", "Villers-"),
    "sv": ("Stora ", "Lilla ", "Norra ", "Södra "),
    "nb": ("Nedre ", "Øvre ", "Nordre ", "Søndre "),
    "da": ("Store ", "Lille ", "Nørre ", "Sønder "),
    "fi": ("Iso-", "Pikku-", "Ylä-", "Ala-"),
    "nl": ("Nieuw-", "Oud-", "Groot-", "Klein-"),
    "es": ("San ", "Santa ", "Villar de ", "Nueva "),
    "it": ("San ", "Santa ", "Castel ", "Borgo "),
    "pt": ("São ", "Santa ", "Nova ", "Alto "),
    "pl": ("Nowa ", "Stara ", "Mała ", "Wielka "),
    "et": ("Uus-", "Vana-", "Suur-", "Väike-"),
    "uk": ("Нова ", "Стара ", "Велика ", "Мала "),
    "ja": ("Shin-", "Higashi-", "Nishi-", "Kita-"),
}


def _towns(lang: str) -> tuple[str, ...]:
    stems, ends = _TOWN_PARTS[lang]
    base = [a + b for a in stems for b in ends]
    return tuple(base + [p + t for p in _TOWN_PREFIXES[lang] for t in base])


_TOWNS: dict[str, tuple[str, ...]] = {lang: _towns(lang) for lang in _TOWN_PARTS}

_Pat = tuple[tuple[str, str], ...]

_NAMES: dict[str, dict[str, _Pat]] = {
    "en": {
        "government": (("Department of {sur} Affairs", ""), ("{city} Revenue Office", ""),
                       ("National {sur} Agency", "N{S}A"), ("Office of the {city} Regional Commissioner", "")),
        "local_government": (("City of {city}", "{city} City Council"), ("{city} County Council", ""),
                             ("{city} Borough Council", ""), ("Town of {city}", ""),
                             ("{city} District Council", "")),
        "healthcare": (("{city} General Hospital", ""), ("{city} Regional Medical Center", ""),
                       ("St. {sur}'s Hospital {city}", ""), ("{city} Children's Hospital", ""),
                       ("{sur} Health Partners", ""), ("{city} Community Health Trust", "")),
        "education": (("University of {city}", "U{C}"), ("{city} Community College", ""),
                      ("{city} Public Schools", ""), ("{sur} College", ""), ("{city} Institute of Technology", "")),
        "finance": (("{sur} Savings Bank", ""), ("{city} Credit Union", ""), ("{sur} Capital", ""),
                    ("First {city} Bank", ""), ("{sur} Insurance Group", "")),
        "energy": (("{city} Power & Light", ""), ("{sur} Energy", ""), ("{city} Water Authority", ""),
                   ("{sur} Pipeline Company", "")),
        "transport": (("{city} Transit Authority", ""), ("Port of {city}", ""), ("{sur} Logistics", ""),
                      ("{city} International Airport", ""), ("{sur} Freight Lines", "")),
        "telecom": (("{sur} Telecom", ""), ("{sur} Communications", ""), ("{city} Broadband", "")),
        "it_services": (("{sur} Technologies", ""), ("{sur} IT Solutions", ""), ("{sur} Software", ""),
                        ("{sur} Managed Services", ""), ("{sur} Cloud", "")),
        "manufacturing": (("{sur} Manufacturing", ""), ("{sur} Industries", ""), ("{sur} Steel", ""),
                          ("{sur} Plastics", ""), ("{sur} Components", ""), ("{sur} Foods", "")),
        "retail": (("{sur} Stores", ""), ("{sur} Supermarkets", ""), ("{sur} Outfitters", ""),
                   ("{sur} Pharmacy", "")),
        "hospitality": (("{sur} Hotels & Resorts", ""), ("{city} Grand Hotel", ""), ("{sur} Casino", "")),
        "media": (("The {city} Herald", ""), ("{city} Public Radio", ""), ("{sur} Media Group", ""),
                  ("{city} Evening News", "")),
        "defence": (("{sur} Defense Systems", ""), ("{sur} Aerospace", ""), ("{sur} Dynamics", "")),
        "politics": (("{city} Democratic Committee", ""), ("{city} Republican Party", ""),
                     ("{sur} for Mayor Campaign", "")),
        "civil_society": (("{city} Food Bank", ""), ("{sur} Foundation", ""), ("{city} Human Rights Centre", "")),
        "other": (("{sur} Law Group", ""), ("{sur} & Partners", ""), ("{city} Museum of Art", ""),
                  ("{city} Public Library", "")),
    },
    "de": {
        "government": (("Bundesamt für {sur}wesen", ""), ("Landesamt für Statistik {city}", ""),
                       ("Finanzamt {city}", ""), ("Landratsamt {city}", "")),
        "local_government": (("Stadt {city}", "Stadtverwaltung {city}"), ("Landkreis {city}", ""),
                             ("Gemeinde {city}", ""), ("Kreisverwaltung {city}", "")),
        "healthcare": (("Klinikum {city}", ""), ("Universitätsklinikum {city}", "UK {city}"),
                       ("St.-{sur}-Krankenhaus {city}", ""), ("Kreiskrankenhaus {city}", ""),
                       ("Evangelisches Krankenhaus {city}", ""), ("Praxis Dr. {sur}", "")),
        "education": (("Universität {city}", "Uni {city}"), ("Hochschule {city}", ""),
                      ("Technische Hochschule {city}", ""), ("Gymnasium {city}-Mitte", ""),
                      ("Berufsschule {city}", "")),
        "finance": (("Sparkasse {city}", ""), ("Volksbank {city}", ""), ("{sur} Privatbank", ""),
                    ("{sur} Versicherung AG", "")),
        "energy": (("Stadtwerke {city}", "SW {city}"), ("{sur} Energie GmbH", ""),
                   ("Wasserverband {city}", ""), ("Netzgesellschaft {city}", "")),
        "transport": (("Verkehrsbetriebe {city}", ""), ("{sur} Logistik GmbH", ""),
                      ("Flughafen {city}", ""), ("{sur} Spedition", "")),
        "telecom": (("{sur} Telekommunikation GmbH", ""), ("{city}Net GmbH", "")),
        "it_services": (("{sur} IT-Systemhaus", ""), ("Kommunales Rechenzentrum {city}", "KRZ {city}"),
                        ("{sur} Software AG", ""), ("{sur} Datentechnik GmbH", "")),
        "manufacturing": (("{sur} Maschinenbau GmbH", ""), ("{sur} Metallwerke AG", ""),
                          ("{sur} Automotive GmbH", ""), ("{sur} Chemie AG", ""),
                          ("{sur} Kunststofftechnik", "")),
        "retail": (("{sur} Handels GmbH", ""), ("{sur} Markt", ""), ("Apotheke am {sur}platz", "")),
        "hospitality": (("Hotel {sur} {city}", ""), ("{sur} Gastronomie GmbH", "")),
        "media": (("{city}er Tageblatt", ""), ("{sur} Verlag", ""), ("Radio {city}", "")),
        "defence": (("{sur} Wehrtechnik GmbH", ""), ("{sur} Defence Systems", "")),
        "politics": (("SPD {city}", ""), ("CDU-Kreisverband {city}", ""), ("Grüne {city}", "")),
        "civil_society": (("Caritasverband {city}", ""), ("{sur}-Stiftung", ""), ("Verein {city} e.V.", "")),
        "other": (("Kanzlei {sur} & Partner", ""), ("Museum {city}", ""), ("Stadtbibliothek {city}", "")),
    },
    "fr": {
        "government": (("Ministère de la {sur}", ""), ("Préfecture de {city}", ""),
                       ("Direction départementale de {city}", "")),
        "local_government": (("Mairie de {city}", "Ville de {city}"), ("Métropole de {city}", ""),
                             ("Conseil départemental de {city}", ""), ("Communauté de communes de {city}", "")),
        "healthcare": (("Hôpital de {city}", "CH {city}"), ("Centre hospitalier de {city}", "CH de {city}"),
                       ("CHU de {city}", ""), ("Clinique {sur}", ""), ("Hôpital privé {sur}", "")),
        "education": (("Université de {city}", ""), ("Lycée {sur} de {city}", ""), ("École {sur}", ""),
                      ("IUT de {city}", "")),
        "finance": (("Banque {sur}", ""), ("Crédit {sur}", ""), ("Mutuelle de {city}", ""),
                    ("Assurances {sur}", "")),
        "energy": (("Régie d'électricité de {city}", ""), ("{sur} Énergie", ""), ("Eaux de {city}", "")),
        "transport": (("Transports de {city}", ""), ("Port de {city}", ""), ("Aéroport de {city}", ""),
                      ("Transports {sur}", "")),
        "telecom": (("{sur} Télécom", ""),),
        "it_services": (("{sur} Informatique", ""), ("{sur} Services Numériques", ""), ("{sur} Conseil", "")),
        "manufacturing": (("{sur} Industrie", ""), ("Ateliers {sur}", ""), ("{sur} Aéronautique", ""),
                          ("Fromagerie {sur}", "")),
        "retail": (("Magasins {sur}", ""), ("Pharmacie {sur}", ""), ("{sur} Distribution", "")),
        "hospitality": (("Hôtel {sur}", ""), ("Groupe hôtelier {sur}", "")),
        "media": (("Le Journal de {city}", ""), ("Radio {city}", ""), ("Éditions {sur}", "")),
        "defence": (("{sur} Défense", ""),),
        "politics": (("Fédération de {city} du Parti socialiste", ""), ("Les Républicains {city}", "")),
        "civil_society": (("Association {sur}", ""), ("Fondation {sur}", "")),
        "other": (("Cabinet {sur} Avocats", ""), ("Musée de {city}", ""), ("Bibliothèque de {city}", "")),
    },
    "sv": {
        "government": (("{sur}verket", ""), ("Länsstyrelsen i {city}", ""), ("Statens {sur}institut", "")),
        "local_government": (("{city} kommun", "{city} municipality"), ("Region {city}", ""),
                             ("{city} stad", "")),
        "healthcare": (("{city} sjukhus", ""), ("Vårdcentralen {city}", ""), ("Region {city} hälso- och sjukvård", ""),
                       ("{sur} Vård AB", "")),
        "education": (("{city} universitet", ""), ("Högskolan i {city}", ""), ("{city} gymnasium", ""),
                      ("{sur}skolan", "")),
        "finance": (("{city} Sparbank", ""), ("{sur} Bank AB", ""), ("{sur} Försäkring", "")),
        "energy": (("{city} Energi AB", ""), ("{sur} Kraft AB", ""), ("{city} Vatten AB", "")),
        "transport": (("{city} Lokaltrafik", ""), ("{sur} Åkeri AB", ""), ("{city} Hamn AB", ""),
                      ("{city} flygplats", "")),
        "telecom": (("{sur} Telekom AB", ""), ("{city} Stadsnät AB", "")),
        "it_services": (("{sur} IT-konsult AB", ""), ("{sur} Data AB", ""), ("{sur} System AB", "")),
        "manufacturing": (("{sur} Verkstad AB", ""), ("{sur} Bruk AB", ""), ("{sur} Industri AB", ""),
                          ("{sur} Trä AB", "")),
        "retail": (("{sur} Livs", ""), ("{sur}s Järnhandel", ""), ("Apotek {sur}", "")),
        "hospitality": (("Hotell {sur}", ""), ("{city} Stadshotell", "")),
        "media": (("{city}-Kuriren", ""), ("{city} Tidning", ""), ("Radio {city}", "")),
        "defence": (("{sur} Försvarsteknik AB", ""),),
        "politics": (("Socialdemokraterna i {city}", ""), ("Moderaterna {city}", "")),
        "civil_society": (("Svenska kyrkan i {city}", ""), ("{sur}stiftelsen", ""), ("Föreningen {sur}", "")),
        "other": (("Advokatfirman {sur}", ""), ("{city} museum", ""), ("{city} stadsbibliotek", "")),
    },
    "nb": {
        "government": (("{sur}direktoratet", ""), ("Statsforvalteren i {city}", ""), ("{sur}tilsynet", "")),
        "local_government": (("{city} kommune", "{city} municipality"), ("{city} fylkeskommune", "")),
        "healthcare": (("Sykehuset {city}", ""), ("Helse {city} HF", ""), ("{city} legesenter", "")),
        "education": (("Universitetet i {city}", ""), ("Høgskolen i {city}", ""), ("{city} videregående skole", "")),
        "finance": (("{city} Sparebank", ""), ("{sur} Bank ASA", ""), ("{sur} Forsikring", "")),
        "energy": (("{city} Energi AS", ""), ("{sur} Kraft AS", ""), ("{city} Nett AS", "")),
        "transport": (("{city} Kollektivtrafikk", ""), ("{sur} Transport AS", ""), ("{city} Havn KF", "")),
        "telecom": (("{sur} Telecom AS", ""), ("{city} Fiber AS", "")),
        "it_services": (("{sur} IT AS", ""), ("{sur} Data AS", ""), ("IKT {city}", "")),
        "manufacturing": (("{sur} Mekaniske Verksted AS", ""), ("{sur} Industrier AS", ""),
                          ("{sur} Aluminium AS", ""), ("{sur} Sjømat AS", "")),
        "retail": (("{sur} Handel AS", ""), ("{sur} Dagligvare AS", "")),
        "hospitality": (("Hotell {sur}", ""), ("{city} Turisthotell", "")),
        "media": (("{city} Avis", ""), ("{city}posten", ""), ("Radio {city}", "")),
        "defence": (("{sur} Forsvarssystemer AS", ""),),
        "politics": (("{city} Arbeiderparti", ""), ("{city} Høyre", "")),
        "civil_society": (("{sur}stiftelsen", ""), ("{city} Røde Kors", "")),
        "other": (("Advokatfirmaet {sur}", ""), ("{city} museum", ""), ("{city} bibliotek", "")),
    },
    "da": {
        "government": (("{sur}styrelsen", ""), ("Statsforvaltningen {city}", "")),
        "local_government": (("{city} Kommune", "{city} municipality"), ("Region {city}", "")),
        "healthcare": (("{city} Sygehus", ""), ("{city} Universitetshospital", ""), ("Lægehuset {city}", "")),
        "education": (("{city} Universitet", ""), ("Professionshøjskolen {city}", ""), ("{city} Gymnasium", "")),
        "finance": (("{city} Sparekasse", ""), ("{sur} Bank A/S", ""), ("{sur} Forsikring", "")),
        "energy": (("{city} Forsyning", ""), ("{sur} Energi A/S", ""), ("{city} Fjernvarme", "")),
        "transport": (("{city} Trafikselskab", ""), ("{sur} Transport A/S", ""), ("{city} Havn", "")),
        "telecom": (("{sur} Telecom A/S", ""),),
        "it_services": (("{sur} IT A/S", ""), ("{sur} Data A/S", "")),
        "manufacturing": (("{sur} Maskinfabrik A/S", ""), ("{sur} Industri A/S", ""), ("{sur} Mejeri", "")),
        "retail": (("{sur} Supermarked", ""), ("{sur} Apotek", "")),
        "hospitality": (("Hotel {sur}", ""),),
        "media": (("{city} Dagblad", ""), ("{city} Avis", ""), ("Radio {city}", "")),
        "defence": (("{sur} Forsvarsteknik A/S", ""),),
        "politics": (("Socialdemokratiet i {city}", ""), ("Venstre i {city}", "")),
        "civil_society": (("{sur} Fonden", ""), ("Foreningen {sur}", "")),
        "other": (("Advokatfirmaet {sur}", ""), ("{city} Museum", ""), ("{city} Bibliotek", "")),
    },
    "fi": {
        "government": (("{sur}virasto", ""), ("Verohallinto {city}", "")),
        "local_government": (("{city}n kaupunki", "City of {city}"), ("{city}n kunta", ""),
                             ("{city}n hyvinvointialue", "")),
        "healthcare": (("{city}n keskussairaala", ""), ("{city}n terveyskeskus", ""), ("Lääkäriasema {sur}", "")),
        "education": (("{city}n yliopisto", ""), ("{city}n ammattikorkeakoulu", ""), ("{city}n lukio", "")),
        "finance": (("{city}n Osuuspankki", ""), ("{sur} Vakuutus Oy", ""), ("{sur} Pankki Oyj", "")),
        "energy": (("{city}n Energia Oy", ""), ("{sur} Voima Oy", ""), ("{city}n Vesi", "")),
        "transport": (("{city}n Liikenne Oy", ""), ("{sur} Kuljetus Oy", ""), ("{city}n Satama Oy", "")),
        "telecom": (("{sur} Tele Oy", ""),),
        "it_services": (("{sur} IT Oy", ""), ("{sur} Ohjelmistot Oy", "")),
        "manufacturing": (("{sur} Konepaja Oy", ""), ("{sur} Teollisuus Oy", ""), ("{sur} Metalli Oy", "")),
        "retail": (("{sur} Kauppa Oy", ""), ("{sur}n apteekki", "")),
        "hospitality": (("Hotelli {sur}", ""),),
        "media": (("{city}n Sanomat", ""), ("Radio {city}", "")),
        "defence": (("{sur} Defence Oy", ""),),
        "politics": (("{city}n sosiaalidemokraatit", ""), ("{city}n Kokoomus", "")),
        "civil_society": (("{sur}-säätiö", ""), ("{city}n seurakuntayhtymä", "")),
        "other": (("Asianajotoimisto {sur}", ""), ("{city}n taidemuseo", ""), ("{city}n kaupunginkirjasto", "")),
    },
    "nl": {
        "government": (("Ministerie van {sur}zaken", ""), ("Rijksdienst voor {sur}", ""),
                       ("Provincie {city}", "")),
        "local_government": (("Gemeente {city}", "Municipality of {city}"), ("Waterschap {city}", ""),
                             ("Veiligheidsregio {city}", "")),
        "healthcare": (("Ziekenhuis {city}", ""), ("Medisch Centrum {city}", ""), ("GGD {city}", ""),
                       ("Zorggroep {sur}", "")),
        "education": (("Universiteit {city}", ""), ("Hogeschool {city}", ""), ("{sur} College {city}", "")),
        "finance": (("{sur} Bank N.V.", ""), ("{sur} Verzekeringen", ""), ("Spaarbank {city}", "")),
        "energy": (("{sur} Energie B.V.", ""), ("Waterbedrijf {city}", ""), ("Netbeheer {city}", "")),
        "transport": (("Haven {city}", ""), ("{sur} Transport B.V.", ""), ("Vervoerbedrijf {city}", "")),
        "telecom": (("{sur} Telecom B.V.", ""),),
        "it_services": (("{sur} ICT B.V.", ""), ("{sur} Software B.V.", "")),
        "manufacturing": (("{sur} Machinefabriek B.V.", ""), ("{sur} Industrie B.V.", ""),
                          ("{sur} Voedingsmiddelen", "")),
        "retail": (("{sur} Supermarkten", ""), ("Apotheek {sur}", "")),
        "hospitality": (("Hotel {sur}", ""),),
        "media": (("{city}s Dagblad", ""), ("Omroep {city}", "")),
        "defence": (("{sur} Defensiesystemen", ""),),
        "politics": (("PvdA {city}", ""), ("VVD {city}", "")),
        "civil_society": (("Stichting {sur}", ""), ("Vereniging {sur}", "")),
        "other": (("Advocatenkantoor {sur}", ""), ("Museum {city}", ""), ("Bibliotheek {city}", "")),
    },
    "es": {
        "government": (("Ministerio de {sur}", ""), ("Agencia Tributaria de {city}", "")),
        "local_government": (("Ayuntamiento de {city}", "City of {city}"), ("Diputación de {city}", "")),
        "healthcare": (("Hospital Universitario de {city}", ""), ("Hospital {sur}", ""), ("Clínica {sur}", "")),
        "education": (("Universidad de {city}", ""), ("Colegio {sur}", ""), ("Instituto {sur} de {city}", "")),
        "finance": (("Banco {sur}", ""), ("Caja Rural de {city}", ""), ("Seguros {sur}", "")),
        "energy": (("Eléctrica de {city}", ""), ("Aguas de {city}", ""), ("{sur} Energía", "")),
        "transport": (("Puerto de {city}", ""), ("Transportes {sur}", ""), ("Metro de {city}", "")),
        "telecom": (("{sur} Telecomunicaciones", ""),),
        "it_services": (("{sur} Sistemas", ""), ("{sur} Informática", "")),
        "manufacturing": (("Industrias {sur}", ""), ("Metalúrgica {sur}", ""), ("Conservas {sur}", "")),
        "retail": (("Supermercados {sur}", ""), ("Farmacia {sur}", "")),
        "hospitality": (("Hotel {sur}", ""),),
        "media": (("Diario de {city}", ""), ("Radio {city}", "")),
        "defence": (("{sur} Defensa", ""),),
        "politics": (("Partido Socialista de {city}", ""),),
        "civil_society": (("Fundación {sur}", ""), ("Asociación {sur}", "")),
        "other": (("Abogados {sur}", ""), ("Museo de {city}", "")),
    },
    "it": {
        "government": (("Ministero della {sur}", ""), ("Prefettura di {city}", ""), ("Regione {city}", "")),
        "local_government": (("Comune di {city}", "City of {city}"), ("Provincia di {city}", "")),
        "healthcare": (("Ospedale di {city}", ""), ("ASL {city}", ""), ("Azienda Ospedaliera {sur}", ""),
                       ("Clinica {sur}", "")),
        "education": (("Università di {city}", ""), ("Politecnico di {city}", ""), ("Liceo {sur}", "")),
        "finance": (("Banca {sur}", ""), ("Cassa di Risparmio di {city}", ""), ("Assicurazioni {sur}", "")),
        "energy": (("{sur} Energia S.p.A.", ""), ("Acquedotto di {city}", "")),
        "transport": (("Porto di {city}", ""), ("Trasporti {sur}", ""), ("Aeroporto di {city}", "")),
        "telecom": (("{sur} Telecomunicazioni", ""),),
        "it_services": (("{sur} Informatica S.r.l.", ""), ("{sur} Sistemi", "")),
        "manufacturing": (("{sur} Meccanica S.p.A.", ""), ("Industrie {sur}", ""), ("Pastificio {sur}", "")),
        "retail": (("Supermercati {sur}", ""), ("Farmacia {sur}", "")),
        "hospitality": (("Hotel {sur}", ""),),
        "media": (("Il Giornale di {city}", ""), ("Radio {city}", "")),
        "defence": (("{sur} Difesa", ""),),
        "politics": (("Partito Democratico {city}", ""),),
        "civil_society": (("Fondazione {sur}", ""), ("Associazione {sur}", "")),
        "other": (("Studio Legale {sur}", ""), ("Museo di {city}", "")),
    },
    "pl": {
        "government": (("Urząd Skarbowy w {city}", ""), ("Ministerstwo {sur}", "")),
        "local_government": (("Urząd Miasta {city}", "City of {city}"), ("Starostwo Powiatowe w {city}", "")),
        "healthcare": (("Szpital Miejski w {city}", ""), ("Szpital Wojewódzki w {city}", "")),
        "education": (("Uniwersytet w {city}", ""), ("Politechnika {city}", "")),
        "finance": (("Bank Spółdzielczy w {city}", ""), ("{sur} Ubezpieczenia", "")),
        "energy": (("Energetyka {city}", ""), ("Wodociągi {city}", "")),
        "transport": (("Port {city}", ""), ("Przedsiębiorstwo Komunikacyjne {city}", "")),
        "telecom": (("{sur} Telekom", ""),),
        "it_services": (("{sur} Informatyka", ""), ("{sur} Systemy", "")),
        "manufacturing": (("Zakłady {sur}", ""), ("{sur} Metal", "")),
        "retail": (("Sklepy {sur}", ""), ("Apteka {sur}", "")),
        "hospitality": (("Hotel {sur}", ""),),
        "media": (("Gazeta {city}", ""), ("Radio {city}", "")),
        "defence": (("{sur} Obronność", ""),),
        "politics": (("Komitet {sur}", ""),),
        "civil_society": (("Fundacja {sur}", ""), ("Stowarzyszenie {sur}", "")),
        "other": (("Kancelaria {sur}", ""), ("Muzeum w {city}", "")),
    },
    "pt": {
        "government": (("Ministério da {sur}", ""), ("Autoridade Tributária de {city}", "")),
        "local_government": (("Câmara Municipal de {city}", "Prefeitura de {city}"), ("Município de {city}", "")),
        "healthcare": (("Hospital de {city}", ""), ("Hospital {sur}", ""), ("Clínica {sur}", "")),
        "education": (("Universidade de {city}", ""), ("Escola {sur}", "")),
        "finance": (("Banco {sur}", ""), ("Caixa de Crédito de {city}", ""), ("Seguros {sur}", "")),
        "energy": (("Águas de {city}", ""), ("{sur} Energia", "")),
        "transport": (("Porto de {city}", ""), ("Transportes {sur}", "")),
        "telecom": (("{sur} Telecomunicações", ""),),
        "it_services": (("{sur} Sistemas", ""), ("{sur} Informática", "")),
        "manufacturing": (("Indústrias {sur}", ""), ("Metalúrgica {sur}", "")),
        "retail": (("Supermercados {sur}", ""), ("Farmácia {sur}", "")),
        "hospitality": (("Hotel {sur}", ""),),
        "media": (("Jornal de {city}", ""), ("Rádio {city}", "")),
        "defence": (("{sur} Defesa", ""),),
        "politics": (("Partido {sur}", ""),),
        "civil_society": (("Fundação {sur}", ""), ("Associação {sur}", "")),
        "other": (("Advogados {sur}", ""), ("Museu de {city}", "")),
    },
    "et": {
        "government": (("{sur} Amet", ""), ("Maksu- ja Tolliamet {city}", "")),
        "local_government": (("{city} Linnavalitsus", "City of {city}"), ("{city} vallavalitsus", "")),
        "healthcare": (("{city} Haigla", ""), ("{city} Tervisekeskus", "")),
        "education": (("{city} Ülikool", ""), ("{city} Gümnaasium", "")),
        "finance": (("{sur} Pank AS", ""), ("{sur} Kindlustus", "")),
        "energy": (("{city} Vesi AS", ""), ("{sur} Energia AS", "")),
        "transport": (("{city} Sadam", ""), ("{sur} Transport OÜ", "")),
        "telecom": (("{sur} Telekom AS", ""),),
        "it_services": (("{sur} IT OÜ", ""), ("{sur} Tarkvara OÜ", "")),
        "manufacturing": (("{sur} Tööstus AS", ""), ("{sur} Puit OÜ", "")),
        "retail": (("{sur} Kaubandus", ""), ("{sur} Apteek", "")),
        "hospitality": (("Hotell {sur}", ""),),
        "media": (("{city} Postimees", ""), ("Raadio {city}", "")),
        "defence": (("{sur} Kaitsetööstus", ""),),
        "politics": (("{sur} Erakond", ""),),
        "civil_society": (("{sur} Sihtasutus", ""), ("MTÜ {sur}", "")),
        "other": (("Advokaadibüroo {sur}", ""), ("{city} Muuseum", "")),
    },
    "uk": {
        "government": (("Міністерство {sur}", ""), ("Податкова служба м. {city}", "")),
        "local_government": (("{city} міська рада", "City council of {city}"), ("{city} обласна адміністрація", "")),
        "healthcare": (("Міська лікарня м. {city}", ""), ("Клініка {sur}", "")),
        "education": (("Університет м. {city}", ""), ("Ліцей {sur}", "")),
        "finance": (("Банк {sur}", ""), ("Страхова компанія {sur}", "")),
        "energy": (("{city}обленерго", ""), ("{city}водоканал", ""), ("Енергокомпанія {sur}", "")),
        "transport": (("{city}ський морський порт", ""), ("Транспортна компанія {sur}", "")),
        "telecom": (("Телеком {sur}", ""),),
        "it_services": (("ІТ-компанія {sur}", ""),),
        "manufacturing": (("Завод {sur}", ""), ("Комбінат {sur}", "")),
        "retail": (("Мережа магазинів {sur}", ""),),
        "hospitality": (("Готель {sur}", ""),),
        "media": (("Газета {city}", ""), ("Радіо {city}", "")),
        "defence": (("Оборонний завод {sur}", ""),),
        "politics": (("Партія {sur}", ""),),
        "civil_society": (("Фонд {sur}", ""), ("Громадська організація {sur}", "")),
        "other": (("Адвокатське об'єднання {sur}", ""), ("Музей м. {city}", "")),
    },
    "ja": {
        "government": (("{city} Regional Tax Bureau", ""), ("{sur} Agency", "")),
        "local_government": (("{city} City Office", "{city}市役所"), ("{city} Prefectural Government", "")),
        "healthcare": (("{city} University Hospital", ""), ("{city} Municipal Hospital", ""),
                       ("{sur} Clinic", "")),
        "education": (("{city} University", ""), ("{sur} Gakuen", "")),
        "finance": (("{city} Shinkin Bank", ""), ("{sur} Securities", "")),
        "energy": (("{city} Gas", ""), ("{sur} Electric Power", "")),
        "transport": (("Port of {city}", "{city}港"), ("{sur} Express", "")),
        "telecom": (("{sur} Telecom", ""),),
        "it_services": (("{sur} Systems", ""), ("{sur} Solutions", "")),
        "manufacturing": (("{sur} Seisakusho", ""), ("{sur} Industries", ""), ("{sur} Precision", "")),
        "retail": (("{sur} Shoten", ""), ("{sur} Drugstore", "")),
        "hospitality": (("Hotel {sur} {city}", ""), ("{sur} Ryokan", "")),
        "media": (("{city} Shimbun", ""), ("{sur} Publishing", "")),
        "defence": (("{sur} Heavy Industries", ""),),
        "politics": (("{city} Prefectural Assembly", ""),),
        "civil_society": (("{sur} Foundation", ""),),
        "other": (("{sur} Law Office", ""), ("{city} Museum", "")),
    },
}  # fmt: skip

# Local word for "cyber attack" and a couple of quotable statements per language.
_LOCAL: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": ("cyber attack", ("We are working around the clock to restore services safely.",
                            "We take the protection of personal data extremely seriously.")),
    "de": ("Cyberangriff", ("„Wir arbeiten mit Hochdruck an der Wiederherstellung der Systeme.“",
                            "„Nach derzeitigem Stand wurden auch personenbezogene Daten abgeflossen.“",
                            "„Die Notfallversorgung ist sichergestellt.“")),
    "fr": ("cyberattaque", ("« Nous mettons tout en œuvre pour rétablir les services au plus vite. »",
                            "« La prise en charge des patients reste assurée en mode dégradé. »")),
    "sv": ("it-attack", ("”Vi arbetar för fullt med att återställa systemen.”",
                         "”Det här är ett allvarligt dataintrång och vi har polisanmält händelsen.”")),
    "nb": ("dataangrep", ("«Vi jobber på spreng for å få systemene opp igjen.»",
                          "«Dette er et alvorlig dataangrep, og vi har anmeldt forholdet til politiet.»")),
    "da": ("hackerangreb", ("»Vi arbejder på højtryk for at genetablere systemerne.«",
                            "»Vi har anmeldt angrebet til politiet.«")),
    "fi": ("tietomurto", ("”Teemme kaikkemme, jotta palvelut saadaan palautettua mahdollisimman pian.”",
                          "”Olemme tehneet tietomurrosta rikosilmoituksen poliisille.”")),
    "nl": ("cyberaanval", ("“We werken met man en macht aan het herstel van de systemen.”",
                           "“Er is mogelijk sprake van een datalek.”")),
    "es": ("ciberataque", ("«Estamos trabajando para restablecer los servicios lo antes posible.»",
                           "«Hemos denunciado el incidente ante las autoridades.»")),
    "it": ("attacco informatico", ("«Stiamo lavorando per ripristinare i servizi il prima possibile.»",
                                   "«Abbiamo presentato denuncia alla Polizia Postale.»")),
    "pl": ("cyberatak", ("„Pracujemy nad przywróceniem działania systemów.”",
                         "„Incydent został zgłoszony do CERT Polska.”")),
    "pt": ("ciberataque", ("«Estamos a trabalhar para repor os serviços o mais rapidamente possível.»",
                           "«O incidente foi comunicado às autoridades competentes.»")),
    "et": ("küberrünnak", ("„Töötame selle nimel, et süsteemid võimalikult kiiresti taastada.“",
                           "„Juhtumist on teavitatud Riigi Infosüsteemi Ametit.“")),
    "uk": ("кібератака", ("«Ми працюємо над відновленням роботи систем.»",
                          "«Персональні дані абонентів не постраждали.»")),
    "ja": ("サイバー攻撃", ("「システムの復旧に全力で取り組んでいます。」",
                           "「個人情報が流出した可能性があります。」")),
}  # fmt: skip

# National authorities: (cyber agency, data protection authority).
_AUTHORITIES: dict[str, tuple[str, str]] = {
    "US": ("CISA and the FBI", "state attorneys general"),
    "GB": ("the National Cyber Security Centre", "the Information Commissioner's Office"),
    "DE": (
        "the Federal Office for Information Security (BSI)",
        "the state data protection commissioner",
    ),
    "FR": ("ANSSI", "the CNIL"),
    "SE": ("CERT-SE", "the Swedish Authority for Privacy Protection (IMY)"),
    "NO": ("the National Security Authority (NSM)", "Datatilsynet"),
    "DK": ("the Centre for Cyber Security (CFCS)", "Datatilsynet"),
    "FI": (
        "the National Cyber Security Centre Finland at Traficom",
        "the Data Protection Ombudsman",
    ),
    "NL": ("the National Cyber Security Centre (NCSC)", "the Autoriteit Persoonsgegevens"),
    "IT": (
        "the National Cybersecurity Agency (ACN)",
        "the Garante per la protezione dei dati personali",
    ),
    "ES": ("INCIBE-CERT", "the Spanish Data Protection Agency (AEPD)"),
    "IE": ("the National Cyber Security Centre", "the Data Protection Commission"),
    "AU": (
        "the Australian Cyber Security Centre",
        "the Office of the Australian Information Commissioner",
    ),
    "CA": ("the Canadian Centre for Cyber Security", "the Office of the Privacy Commissioner"),
    "JP": ("JPCERT/CC", "the Personal Information Protection Commission"),
    "EE": ("the Information System Authority (RIA)", "the Data Protection Inspectorate"),
    "UA": ("CERT-UA", "the State Service of Special Communications"),
    "PL": ("CERT Polska", "the Personal Data Protection Office (UODO)"),
    "BE": ("the Centre for Cybersecurity Belgium", "the Data Protection Authority"),
    "AT": ("CERT.at", "the Data Protection Authority"),
    "CH": ("the National Cyber Security Centre (NCSC)", "the Federal Data Protection Commissioner"),
    "NZ": ("CERT NZ", "the Privacy Commissioner"),
}
_DEFAULT_AUTHORITIES = (
    "the national computer emergency response team",
    "the data protection authority",
)

_SECTOR_NOUNS: dict[str, tuple[str, ...]] = {
    "healthcare": ("hospital", "healthcare provider", "health organisation"),
    "local_government": ("municipality", "local authority", "council"),
    "education": ("university", "school", "educational institution"),
    "manufacturing": ("manufacturer", "industrial company", "producer"),
    "government": ("government agency", "public authority", "ministry"),
    "finance": ("bank", "financial services company", "insurer"),
    "it_services": ("IT service provider", "software company", "managed service provider"),
    "retail": ("retailer", "retail chain", "store operator"),
    "energy": ("energy utility", "utility", "energy company"),
    "transport": ("transport operator", "logistics company", "port operator"),
    "telecom": ("telecom operator", "internet provider", "telecommunications company"),
    "media": ("media company", "publisher", "broadcaster"),
    "hospitality": ("hotel group", "hospitality company", "resort operator"),
    "politics": ("political party", "party organisation", "campaign organisation"),
    "defence": ("defence contractor", "defence supplier", "aerospace company"),
    "civil_society": ("non-profit organisation", "foundation", "charity"),
    "other": ("organisation", "firm", "institution"),
}

# ---------------------------------------------------------------------------
# Actors: (name, aliases, type, country, ATT&CK ID). Order within a type = popularity.
# Names/IDs of ATT&CK groups match Enterprise ATT&CK v18.1 exactly.
# ---------------------------------------------------------------------------

_ACTORS: tuple[tuple[str, tuple[str, ...], str, str | None, str | None], ...] = (
    # ransomware / extortion crews
    ("LockBit", ("LockBit 3.0", "LockBit Black"), "organized_crime", None, None),
    ("ALPHV", ("BlackCat",), "organized_crime", None, None),
    ("Akira", ("GOLD SAHARA", "PUNK SPIDER", "Howling Scorpius"), "organized_crime", None, "G1024"),
    ("TA505", ("Cl0p", "Hive0065", "Spandex Tempest"), "organized_crime", None, "G0092"),
    ("Wizard Spider", ("Conti", "Grim Spider", "UNC1878", "ITG23"), "organized_crime", "RU", "G0102"),
    ("Black Basta", (), "organized_crime", None, None),
    ("Play", (), "organized_crime", None, "G1040"),
    ("GOLD SOUTHFIELD", ("REvil", "Sodinokibi", "Pinchy Spider"), "organized_crime", "RU", "G0115"),
    ("Rhysida", (), "organized_crime", None, None),
    ("Royal", ("BlackSuit",), "organized_crime", None, None),
    ("Qilin", ("Agenda",), "organized_crime", None, None),
    ("RansomHub", (), "organized_crime", None, None),
    ("Vice Society", (), "organized_crime", None, None),
    ("Hive", (), "organized_crime", None, None),
    ("INC Ransom", ("GOLD IONIC",), "organized_crime", None, "G1032"),
    ("Medusa Group", (), "organized_crime", None, "G1051"),
    ("BlackByte", ("Hecamede",), "organized_crime", None, "G1043"),
    ("Indrik Spider", ("Evil Corp", "Manatee Tempest", "DEV-0243"), "organized_crime", "RU", "G0119"),
    ("DarkSide", (), "organized_crime", None, None),
    ("DoppelPaymer", ("Doppel Spider",), "organized_crime", None, None),
    ("Ragnar Locker", (), "organized_crime", None, None),
    ("Pysa", ("Mespinoza",), "organized_crime", None, None),
    # data theft / fraud crews
    ("Scattered Spider", ("Roasted 0ktapus", "Octo Tempest", "UNC3944"), "organized_crime", None, "G1015"),
    ("ShinyHunters", (), "organized_crime", None, None),
    ("LAPSUS$", ("DEV-0537", "Strawberry Tempest"), "organized_crime", None, "G1004"),
    ("FIN7", ("Carbon Spider", "ELBRUS", "Sangria Tempest"), "organized_crime", None, "G0046"),
    ("Carbanak", ("Anunak",), "organized_crime", None, "G0008"),
    ("Cobalt Group", ("Cobalt Gang", "Cobalt Spider"), "organized_crime", None, "G0080"),
    ("FIN6", ("Magecart Group 6", "Skeleton Spider"), "organized_crime", None, "G0037"),
    ("Silence", ("Whisper Spider",), "organized_crime", None, "G0091"),
    # nation-state groups
    ("APT28", ("Fancy Bear", "Sofacy", "Sednit", "STRONTIUM", "Forest Blizzard"), "nation_state", "RU", "G0007"),
    ("APT29", ("Cozy Bear", "NOBELIUM", "The Dukes", "Midnight Blizzard"), "nation_state", "RU", "G0016"),
    ("Sandworm Team", ("ELECTRUM", "Voodoo Bear", "Seashell Blizzard", "APT44"), "nation_state", "RU", "G0034"),
    ("Lazarus Group", ("HIDDEN COBRA", "ZINC", "Diamond Sleet"), "nation_state", "KP", "G0032"),
    ("APT41", ("Wicked Panda", "Brass Typhoon", "BARIUM"), "nation_state", "CN", "G0096"),
    ("Turla", ("Snake", "Venomous Bear", "Secret Blizzard"), "nation_state", "RU", "G0010"),
    ("Kimsuky", ("Velvet Chollima", "Emerald Sleet", "APT43"), "nation_state", "KP", "G0094"),
    ("Volt Typhoon", ("BRONZE SILHOUETTE", "Vanguard Panda"), "nation_state", "CN", "G1017"),
    ("HAFNIUM", ("Silk Typhoon",), "nation_state", "CN", "G0125"),
    ("Mustang Panda", ("TA416", "RedDelta", "BRONZE PRESIDENT"), "nation_state", "CN", "G0129"),
    ("menuPass", ("APT10", "Stone Panda", "Cicada"), "nation_state", "CN", "G0045"),
    ("ZIRCONIUM", ("APT31", "Violet Typhoon"), "nation_state", "CN", "G0128"),
    ("Gamaredon Group", ("Primitive Bear", "Armageddon", "Shuckworm"), "nation_state", "RU", "G0047"),
    ("Ember Bear", ("UNC2589", "DEV-0586", "Cadet Blizzard"), "nation_state", "RU", "G1003"),
    ("Magic Hound", ("APT35", "Charming Kitten", "Mint Sandstorm"), "nation_state", "IR", "G0059"),
    ("MuddyWater", ("Seedworm", "Mango Sandstorm", "Static Kitten"), "nation_state", "IR", "G0069"),
    ("OilRig", ("APT34", "Helix Kitten", "Hazel Sandstorm"), "nation_state", "IR", "G0049"),
    ("APT33", ("Elfin", "Peach Sandstorm"), "nation_state", "IR", "G0064"),
    ("Threat Group-3390", ("APT27", "Emissary Panda", "LuckyMouse"), "nation_state", "CN", "G0027"),
    ("Salt Typhoon", (), "nation_state", "CN", "G1045"),
    ("Star Blizzard", ("SEABORGIUM", "Callisto Group", "COLDRIVER"), "nation_state", "RU", "G1033"),
    ("APT38", ("Bluenoroff", "Stardust Chollima", "Sapphire Sleet"), "nation_state", "KP", "G0082"),
    ("Dragonfly", ("Energetic Bear", "Berserk Bear", "Crouching Yeti"), "nation_state", "RU", "G0035"),
    ("Leviathan", ("APT40", "Kryptonite Panda", "Gingham Typhoon"), "nation_state", "CN", "G0065"),
    ("Agrius", ("Pink Sandstorm", "BlackShadow"), "nation_state", "IR", "G1030"),
    ("APT32", ("OceanLotus", "SeaLotus", "Canvas Cyclone"), "nation_state", "VN", "G0050"),
    # hacktivists and state-affiliated personas
    ("NoName057(16)", ("NoName",), "hacktivist", "RU", None),
    ("Killnet", (), "hacktivist", "RU", None),
    ("Anonymous Sudan", ("Storm-1359",), "hacktivist", None, None),
    ("CyberArmyofRussia_Reborn", ("CARR",), "hacktivist", "RU", None),
    ("Anonymous", (), "hacktivist", None, None),
    ("IT Army of Ukraine", (), "state_affiliated", "UA", None),
    ("Cyber Av3ngers", (), "state_affiliated", "IR", None),
    ("Syrian Electronic Army", ("SEA",), "state_affiliated", "SY", None),
    ("GhostSec", (), "hacktivist", None, None),
    ("LulzSec", (), "hacktivist", None, None),
)  # fmt: skip

# ---------------------------------------------------------------------------
# Attack profiles: primary attack type -> how the rest of the incident looks.
# ---------------------------------------------------------------------------

_PRIMARY_WEIGHTS: dict[str, float] = {
    "ransomware": 30, "data_breach": 18, "ddos": 12, "phishing": 7, "account_compromise": 7,
    "intrusion": 6, "espionage": 5, "extortion": 4, "supply_chain": 3, "defacement": 3,
    "wiper": 2, "other": 3,
}  # fmt: skip

# sector -> multipliers applied to _PRIMARY_WEIGHTS
_SECTOR_BIAS: dict[str, dict[str, float]] = {
    "healthcare": {"ransomware": 1.8, "ddos": 0.5, "espionage": 0.3},
    "government": {"ddos": 2.5, "espionage": 3.0, "defacement": 2.0, "ransomware": 0.6},
    "politics": {"ddos": 2.0, "espionage": 4.0, "account_compromise": 2.5, "defacement": 2.0, "ransomware": 0.2},
    "defence": {"espionage": 6.0, "intrusion": 2.0, "ransomware": 0.6},
    "finance": {"ddos": 2.0, "phishing": 2.0, "data_breach": 1.3, "account_compromise": 1.5},
    "energy": {"wiper": 3.0, "espionage": 2.0, "intrusion": 1.5},
    "telecom": {"data_breach": 1.6, "espionage": 2.0, "wiper": 1.5},
    "it_services": {"supply_chain": 5.0, "ransomware": 1.2},
    "transport": {"ddos": 2.0, "ransomware": 1.2},
    "media": {"ddos": 1.8, "defacement": 3.0, "account_compromise": 2.0},
    "retail": {"data_breach": 1.8, "phishing": 1.2},
    "education": {"ransomware": 1.4, "data_breach": 1.2, "phishing": 1.5},
    "local_government": {"ransomware": 1.6, "ddos": 1.3},
}  # fmt: skip

# type -> (secondary types with probability, CIA table, motives table, core techniques,
#          extra technique count range, actor probability, actor pool)
_A, _N, _U = "affected", "not_affected", "unknown"

_PROFILES: dict[str, dict] = {
    "ransomware": {
        "secondary": (("data_breach", 0.45), ("extortion", 0.40), ("phishing", 0.08)),
        "cia": (((_A, _A, _A), 40), ((_U, _A, _A), 45), ((_N, _A, _A), 15)),
        "motives": ((("Financial",), 97), (("Unknown",), 3)),
        "core": (("T1486", 1.0), ("T1490", 0.45), ("T1489", 0.25), ("T1133", 0.25), ("T1078", 0.2),
                 ("T1566.001", 0.15), ("T1190", 0.2), ("T1021.001", 0.15), ("T1567.002", 0.1)),
        "extra": (0, 4), "actor_p": 0.36, "pool": "ransomware",
    },
    "data_breach": {
        "secondary": (("extortion", 0.2), ("intrusion", 0.15), ("account_compromise", 0.1)),
        "cia": (((_A, _N, _N), 55), ((_A, _U, _U), 35), ((_A, _A, _N), 10)),
        "motives": ((("Financial",), 55), (("Unknown",), 25), (("Espionage",), 8), (("Grudge",), 5),
                    (("Convenience",), 4), (("Fun",), 3)),
        "core": (("T1190", 0.35), ("T1078", 0.3), ("T1530", 0.12), ("T1041", 0.3), ("T1567", 0.2),
                 ("T1005", 0.15), ("T1213", 0.1)),
        "extra": (0, 3), "actor_p": 0.13, "pool": "theft",
    },
    "ddos": {
        "secondary": (("other", 0.03),),
        "cia": (((_N, _N, _A), 90), ((_U, _N, _A), 10)),
        "motives": ((("Ideology",), 78), (("Unknown",), 10), (("Grudge",), 5), (("Fun",), 4),
                    (("Financial",), 3)),
        "core": (("T1498", 0.75), ("T1499", 0.35), ("T1499.002", 0.3), ("T1498.001", 0.2),
                 ("T1499.004", 0.08)),
        "extra": (0, 0), "actor_p": 0.5, "pool": "hacktivist",
    },
    "phishing": {
        "secondary": (("account_compromise", 0.5), ("data_breach", 0.2)),
        "cia": (((_A, _N, _N), 45), ((_U, _U, _N), 35), ((_A, _A, _N), 20)),
        "motives": ((("Financial",), 80), (("Espionage",), 10), (("Unknown",), 10)),
        "core": (("T1566", 0.5), ("T1566.001", 0.35), ("T1566.002", 0.35), ("T1204.002", 0.3),
                 ("T1598", 0.1), ("T1566.004", 0.08)),
        "extra": (0, 3), "actor_p": 0.1, "pool": "fraud",
    },
    "account_compromise": {
        "secondary": (("data_breach", 0.3), ("phishing", 0.3)),
        "cia": (((_A, _U, _N), 50), ((_A, _A, _N), 25), ((_U, _U, _N), 25)),
        "motives": ((("Financial",), 50), (("Espionage",), 18), (("Unknown",), 25), (("Fun",), 7)),
        "core": (("T1078", 0.6), ("T1110", 0.3), ("T1110.003", 0.2), ("T1078.004", 0.25),
                 ("T1114", 0.2), ("T1621", 0.15), ("T1539", 0.08)),
        "extra": (0, 3), "actor_p": 0.15, "pool": "fraud",
    },
    "intrusion": {
        "secondary": (("data_breach", 0.3), ("espionage", 0.25)),
        "cia": (((_A, _A, _N), 35), ((_U, _U, _N), 40), ((_A, _U, _U), 25)),
        "motives": ((("Espionage",), 40), (("Financial",), 25), (("Unknown",), 35)),
        "core": (("T1190", 0.4), ("T1133", 0.25), ("T1078", 0.3), ("T1505.003", 0.15),
                 ("T1003.001", 0.2), ("T1021.001", 0.15)),
        "extra": (1, 5), "actor_p": 0.35, "pool": "state",
    },
    "espionage": {
        "secondary": (("intrusion", 0.6), ("data_breach", 0.2), ("phishing", 0.15)),
        "cia": (((_A, _N, _N), 55), ((_A, _U, _N), 35), ((_A, _A, _N), 10)),
        "motives": ((("Espionage",), 95), (("Unknown",), 5)),
        "core": (("T1566.001", 0.3), ("T1190", 0.35), ("T1078", 0.25), ("T1071.001", 0.3),
                 ("T1114.002", 0.2), ("T1041", 0.3), ("T1195.002", 0.04)),
        "extra": (1, 6), "actor_p": 0.85, "pool": "state",
    },
    "extortion": {
        "secondary": (("data_breach", 0.8),),
        "cia": (((_A, _N, _N), 60), ((_A, _U, _U), 40)),
        "motives": ((("Financial",), 95), (("Unknown",), 5)),
        "core": (("T1657", 0.6), ("T1041", 0.3), ("T1567.002", 0.2), ("T1078", 0.2)),
        "extra": (0, 3), "actor_p": 0.4, "pool": "ransomware",
    },
    "supply_chain": {
        "secondary": (("ransomware", 0.35), ("data_breach", 0.35), ("espionage", 0.2)),
        "cia": (((_A, _A, _A), 35), ((_U, _A, _A), 30), ((_A, _A, _N), 35)),
        "motives": ((("Financial",), 55), (("Espionage",), 35), (("Unknown",), 10)),
        "core": (("T1195.002", 0.7), ("T1199", 0.4), ("T1072", 0.15), ("T1195", 0.2)),
        "extra": (1, 4), "actor_p": 0.5, "pool": "mixed",
    },
    "defacement": {
        "secondary": (("ddos", 0.15),),
        "cia": (((_N, _A, _A), 50), ((_N, _A, _N), 50)),
        "motives": ((("Ideology",), 65), (("Fun",), 25), (("Grudge",), 5), (("Unknown",), 5)),
        "core": (("T1491.002", 0.9), ("T1190", 0.4), ("T1078", 0.1)),
        "extra": (0, 1), "actor_p": 0.4, "pool": "hacktivist",
    },
    "wiper": {
        "secondary": (("intrusion", 0.5), ("supply_chain", 0.08)),
        "cia": (((_U, _A, _A), 60), ((_A, _A, _A), 40)),
        "motives": ((("Other",), 40), (("Ideology",), 30), (("Espionage",), 15), (("Unknown",), 15)),
        "core": (("T1485", 0.8), ("T1561.002", 0.35), ("T1561.001", 0.25), ("T1529", 0.2)),
        "extra": (1, 4), "actor_p": 0.8, "pool": "destructive",
    },
    "other": {
        "secondary": (),
        "cia": (((_U, _U, _U), 40), ((_A, _N, _N), 30), ((_N, _N, _A), 30)),
        "motives": ((("Unknown",), 50), (("Convenience",), 15), (("Grudge",), 15), (("Fear",), 10),
                    (("Other",), 10)),
        "core": (("T1078", 0.2), ("T1496", 0.15), ("T1565.001", 0.1)),
        "extra": (0, 3), "actor_p": 0.1, "pool": "any",
    },
}  # fmt: skip

# actor pools: predicate on (type, country, index in _ACTORS)
_RANSOM_NAMES = frozenset(a[0] for a in _ACTORS[:22])
_THEFT_NAMES = frozenset(("ShinyHunters", "Scattered Spider", "LAPSUS$", "TA505", "LockBit", "ALPHV",
                          "FIN7", "FIN6", "Kimsuky", "APT41", "Lazarus Group"))  # fmt: skip
_FRAUD_NAMES = frozenset(("Scattered Spider", "TA505", "FIN7", "Carbanak", "Cobalt Group", "Silence",
                          "FIN6", "Kimsuky", "APT28", "Star Blizzard", "Magic Hound", "LAPSUS$"))  # fmt: skip
_DESTRUCTIVE_NAMES = frozenset(("Sandworm Team", "Ember Bear", "Agrius", "Lazarus Group", "APT33",
                                "Cyber Av3ngers", "IT Army of Ukraine", "Gamaredon Group"))  # fmt: skip


def _in_pool(pool: str, actor: tuple) -> bool:
    name, _aliases, typ, _country, _attack = actor
    if pool == "ransomware":
        return name in _RANSOM_NAMES
    if pool == "theft":
        return name in _THEFT_NAMES or name in _RANSOM_NAMES
    if pool == "fraud":
        return name in _FRAUD_NAMES
    if pool == "hacktivist":
        return typ in ("hacktivist", "state_affiliated")
    if pool == "state":
        return typ == "nation_state"
    if pool == "destructive":
        return name in _DESTRUCTIVE_NAMES
    if pool == "mixed":
        return typ == "nation_state" or name in _RANSOM_NAMES
    return True


# Descriptive phrases for techniques used in the narrative (unknown IDs get a generic phrase).
_TECH_PHRASES: dict[str, str] = {
    "T1486": "encrypted servers and workstations", "T1490": "deleted shadow copies and backups",
    "T1489": "stopped database and backup services", "T1133": "logged in through an exposed VPN gateway",
    "T1078": "used valid employee credentials", "T1078.002": "abused domain administrator accounts",
    "T1078.004": "signed in to cloud accounts with stolen credentials",
    "T1566": "sent phishing emails to staff", "T1566.001": "sent spear-phishing emails with malicious attachments",
    "T1566.002": "sent emails with links to fake login pages", "T1566.004": "called employees posing as IT support",
    "T1190": "exploited a vulnerability in an internet-facing application",
    "T1021.001": "moved laterally over Remote Desktop", "T1021.002": "copied tools over SMB admin shares",
    "T1059.001": "ran PowerShell scripts", "T1003.001": "dumped credentials from LSASS memory",
    "T1110": "guessed passwords in a brute-force campaign", "T1110.003": "ran a password spraying campaign",
    "T1498": "flooded the network with traffic from a botnet", "T1498.001": "launched volumetric floods",
    "T1499": "overloaded web servers with requests", "T1499.002": "exhausted web services with HTTP requests",
    "T1499.004": "exploited an application flaw to crash the service",
    "T1041": "exfiltrated data over the command-and-control channel",
    "T1567": "uploaded stolen files to a web service", "T1567.002": "uploaded archives to cloud storage",
    "T1657": "demanded payment under threat of publishing data", "T1485": "destroyed data on many systems",
    "T1561.001": "wiped disk contents", "T1561.002": "overwrote the master boot record",
    "T1529": "forced systems to shut down", "T1491.002": "defaced public websites",
    "T1491.001": "displayed a message on internal screens", "T1195.002": "tampered with a software update",
    "T1199": "abused a trusted supplier's access", "T1072": "misused software deployment tools",
    "T1505.003": "installed a web shell", "T1114": "collected email", "T1114.002": "read mailboxes remotely",
    "T1621": "bombarded users with MFA prompts", "T1219": "installed remote access software",
    "T1047": "executed commands through WMI", "T1562.001": "disabled security tools",
    "T1570": "transferred tools between hosts", "T1105": "downloaded additional tooling",
    "T1204.002": "relied on users opening a malicious file", "T1530": "accessed data in cloud storage",
    "T1213": "collected data from internal document repositories", "T1005": "copied files from local systems",
    "T1071.001": "used HTTPS for command and control", "T1496": "installed cryptocurrency miners",
    "T1565.001": "manipulated stored data",
}  # fmt: skip
_GENERIC_TECH_PHRASES = (
    "used a range of publicly available tools",
    "relied on built-in administration utilities",
    "took steps to avoid detection",
    "performed reconnaissance of the internal network",
)

# ---------------------------------------------------------------------------
# Narrative templates. Placeholders:
#  {org} {country} {city} {when} {When} {noun} {localterm} {actor} {actor_country} {days} {det}
#  {staff} {records} {authority} {dpa} {quote} {tech} {year}
# ---------------------------------------------------------------------------

_OPEN: dict[str, tuple[str, ...]] = {
    "ransomware": (
        "{When} {org}, {a_noun} in {city}, {country}, was hit by a ransomware attack that encrypted large parts of its IT environment.",
        "{org} in {country} reported {when} that ransomware had disabled core systems and forced staff to switch to manual routines.",
        "A ransomware attack {when} crippled the systems of {org}, {a_noun} based in {city}, {country}.",
        "{When} criminals encrypted servers at {org}, leaving the {noun} in {city} without access to key applications.",
    ),
    "data_breach": (
        "{org}, {a_noun} in {country}, disclosed {when} that personal data of {records} people had been accessed by an unauthorised party.",
        "{When} {org} in {city} discovered that attackers had copied records of {records} customers and employees.",
        "A data breach at {org}, {a_noun} in {city}, {country}, exposed information about {records} individuals {when}.",
        "{org} confirmed {when} that files containing personal data of {records} people had been stolen from its systems.",
    ),
    "ddos": (
        "{When} the websites of {org} in {country} were made unavailable by a distributed denial-of-service attack.",
        "A DDoS attack {when} knocked the online services of {org}, {a_noun} in {city}, offline for several hours.",
        "{org} in {city}, {country}, faced waves of denial-of-service traffic {when} that disrupted its public website.",
    ),
    "phishing": (
        "{When} a phishing campaign targeted employees of {org}, {a_noun} in {city}, {country}.",
        "Staff at {org} in {country} received convincing phishing emails {when}, and several entered their credentials on a fake page.",
        "{org}, {a_noun} in {city}, reported {when} that a phishing attack had led to unauthorised access to staff accounts.",
    ),
    "account_compromise": (
        "{When} attackers took over user accounts at {org}, {a_noun} in {city}, {country}.",
        "{org} in {country} detected {when} that several employee accounts had been compromised and used by an outsider.",
        "Unauthorised logins to email and cloud accounts of {org} in {city} were discovered {when}.",
    ),
    "intrusion": (
        "{When} {org}, {a_noun} in {city}, {country}, discovered an intruder in its internal network.",
        "Attackers gained access to the network of {org} in {country} and remained undetected for weeks before being found {when}.",
        "{org} reported {when} that an unknown party had broken into its systems in {city}.",
    ),
    "espionage": (
        "{When} {org} in {country} disclosed that its network had been the target of a long-running espionage operation.",
        "Investigators found {when} that a state-sponsored group had been stealing information from {org}, {a_noun} in {city}.",
        "A cyber espionage campaign against {org} in {city}, {country}, came to light {when}.",
    ),
    "extortion": (
        "{When} {org}, {a_noun} in {country}, received an extortion demand from criminals who claimed to have stolen internal data.",
        "Criminals tried to extort {org} in {city} {when}, threatening to publish stolen documents.",
        "{org} in {country} said {when} that it was being blackmailed by a group claiming to hold copies of its files.",
    ),
    "supply_chain": (
        "{When} {org}, {a_noun} in {city}, {country}, was affected by a compromise of a software supplier used across its sector.",
        "A supply-chain attack {when} spread through a trusted service provider to {org} in {country} and many other customers.",
        "{org} in {city} was one of many organisations hit {when} after attackers abused a widely used IT product.",
    ),
    "defacement": (
        "{When} the public website of {org} in {country} was defaced with political messages.",
        "Hackers replaced the homepage of {org}, {a_noun} in {city}, with propaganda {when}.",
        "{org} in {city}, {country}, found its website defaced {when} by a group claiming political motives.",
    ),
    "wiper": (
        "{When} destructive malware erased data on systems of {org}, {a_noun} in {city}, {country}.",
        "A wiper attack {when} destroyed servers and workstations at {org} in {country}.",
        "{org} in {city} lost large amounts of data {when} when attackers deployed malware designed to destroy rather than ransom.",
    ),
    "other": (
        "{When} {org}, {a_noun} in {city}, {country}, reported a security incident affecting some of its systems.",
        "{org} in {country} disclosed {when} an incident involving the misuse of its IT resources.",
        "A cyber incident at {org} in {city} was reported to the authorities {when}.",
    ),
}  # fmt: skip

_IMPACT: dict[str, tuple[str, ...]] = {
    "ransomware": (
        "Email, case management and payroll systems were unavailable for about {days} days, and some services had to be postponed.",
        "Services were restored gradually from backups over roughly {days} days while staff worked with pen and paper.",
        "The outage lasted around {days} days and affected customers, employees and partners.",
    ),
    "data_breach": (
        "The stolen data included names, contact details and in some cases identity numbers and financial information.",
        "Affected people were notified by letter and email and warned about possible phishing attempts.",
        "Names, addresses, dates of birth and internal correspondence were among the exposed information.",
    ),
    "ddos": (
        "Online services were intermittently unavailable for about {days} days while traffic filtering was strengthened.",
        "Internal systems were not affected, but residents and customers could not reach online services for several hours.",
    ),
    "phishing": (
        "The attackers used the compromised mailboxes to send further phishing messages to partners and customers.",
        "Some staff credentials were captured before the fake login page was taken down.",
    ),
    "account_compromise": (
        "The compromised accounts were used to read email and attempt fraudulent payments.",
        "Passwords were reset for all affected users and multi-factor authentication was enforced.",
    ),
    "intrusion": (
        "The intruders moved between systems for about {days} days before they were detected.",
        "It remained unclear for some time which data the intruders had accessed.",
    ),
    "espionage": (
        "The operation appeared designed to collect documents and email over a long period rather than to cause disruption.",
        "Investigators believed that sensitive correspondence had been copied over a period of months.",
    ),
    "extortion": (
        "The criminals published samples of the data to put pressure on the organisation.",
        "Several employees and customers were also contacted directly by the extortionists.",
    ),
    "supply_chain": (
        "Because the supplier's software was widely used, the incident affected many organisations at the same time.",
        "Operations were disrupted for about {days} days until the supplier released a fix and systems were cleaned.",
    ),
    "defacement": (
        "The website was taken offline and restored within hours.",
        "The messages were visible for a short time before administrators removed them.",
    ),
    "wiper": (
        "Hundreds of computers had to be reinstalled and recovery took about {days} days.",
        "Because the data was destroyed, restoring services depended entirely on offline backups.",
    ),
    "other": (
        "The organisation said that the impact on services was limited.",
        "The affected systems were isolated while the incident was investigated.",
    ),
}  # fmt: skip

_RESPONSE = (
    "The incident was reported to the police and to {authority}.",
    "{org} engaged external incident responders and informed {authority}.",
    "Investigators from {authority} supported the analysis and recovery.",
    "The organisation set up a crisis team and informed its board, staff and partners the same day.",
)
_RESPONSE_DATA = (
    "The organisation notified {dpa} and began contacting affected people.",
    "The breach was reported to {dpa} within the statutory deadline.",
)
_RESPONSE_RANSOM = (
    "A crisis team was set up and the organisation said it would not pay any ransom.",
    "The organisation refused to negotiate with the attackers and began restoring systems from backups.",
)
_RESPONSE_FLOOD = (
    "The organisation worked with its hosting provider to filter the malicious traffic.",
    "Traffic from abroad was temporarily blocked to keep services available for local users.",
)
_AFTERMATH = {
    "disruptive": (
        "Full recovery took several months, and some legacy systems were replaced entirely rather than restored.",
        "The organisation estimated the total cost, including lost revenue and overtime, at several million euros.",
        "Most services were working normally again after a few weeks, although some data could not be recovered.",
    ),
    "data": (
        "Data protection regulators later examined whether the organisation had met its legal obligations.",
        "The organisation offered free identity monitoring to affected people for one year.",
        "Lawyers began collecting complaints from affected people with a view to a group claim.",
    ),
    "flood": (
        "Similar attacks hit other public websites in {country} during the same week.",
        "Experts noted that the attack caused visible disruption but no lasting damage.",
        "The attackers referred to a current political debate in {country} in their messages.",
    ),
}
_DETAIL_FLOOD = (
    "Traffic peaked at many times the normal volume and came from thousands of compromised devices.",
    "Payment, booking and information pages were the most affected, while internal systems continued to work.",
    "The attack was announced on a Telegram channel shortly before the traffic started.",
    "Filtering rules at the upstream provider eventually brought the situation under control.",
)
_CATEGORY = {
    "ransomware": "disruptive", "wiper": "disruptive", "supply_chain": "disruptive", "ddos": "flood",
    "defacement": "flood", "data_breach": "data", "extortion": "data", "phishing": "data",
    "account_compromise": "data", "espionage": "data", "intrusion": "data", "other": "data",
}  # fmt: skip
_RANSOM_TYPES = frozenset(("ransomware", "extortion"))

_ATTRIB_ACTOR = (
    "The group {actor} later claimed responsibility.",
    "Researchers attributed the activity to {actor}.",
    "{actor} listed the victim on its leak site a few days later.",
    "Authorities linked the attack to {actor}.",
)
_ATTRIB_NONE = (
    "No group publicly claimed responsibility.",
    "The identity of the attackers remained unknown.",
    "Investigators did not attribute the attack to a known group.",
)
_TECH_INTRO = (
    "According to the investigation, the attackers {tech}.",
    "Forensic analysis showed that the intruders {tech}.",
    "Incident responders found that the attackers {tech}.",
    "The technical report concluded that the threat actor {tech}.",
)
_DETAIL_GENERIC = (
    "{org} said that it had activated its contingency plans immediately and prioritised critical services.",
    "Local media in {city} reported on the incident{localterm} for several days, and residents were advised to be cautious with unexpected messages.",
    "In a statement the management apologised to everyone affected and promised a thorough review.",
    "The incident prompted questions from politicians in {country} about the security of similar organisations.",
    "An internal review later identified missing multi-factor authentication and outdated systems as contributing factors.",
    "Insurers and auditors were informed, and the board commissioned an independent report.",
    "Security experts in {country} pointed to the case as an example of a growing trend of attacks against {nouns}.",
    "Customer service lines were overwhelmed with calls in the first days after the incident{localterm} became public.",
    "The investigation into the incident at {org} was still ongoing months later.",
    "The regional newspaper in {city} described the incident as one of the most serious in the area in {year}.",
)
_DETAIL_DISRUPTIVE = (
    "Employees were told not to log in to their computers until the IT department had checked every device.",
    "The organisation published regular status updates on its website and social media while systems were being restored.",
    "External specialists were brought in to rebuild the network segment by segment, starting with the most critical systems.",
    "The {noun} said the cost of recovery and additional security measures would run into the millions.",
    "Backups stored offline proved decisive for the recovery.",
    "Some appointments and deliveries had to be rescheduled, and temporary manual procedures stayed in place for weeks.",
)
_DETAIL_DATA = (
    "A dedicated information page and helpline were set up for people who were worried about their data.",
    "Affected individuals were advised to watch out for fraudulent messages and to change reused passwords.",
    "The organisation said that there was no indication so far that the data had been misused.",
    "The exact scope of the accessed data took several weeks to establish.",
    "Copies of some files later appeared on a criminal forum, according to researchers who monitor such sites.",
    "Regulators opened an inquiry into whether the organisation had protected the data adequately.",
)
_BACKGROUND = (
    "{org} employs around {staff} people and is an important {noun} in the {city} area.",
    "With about {staff} employees, {org} is one of the larger {nouns} in {country}.",
    "The {noun} serves customers and residents across the region around {city}.",
    "{org} has operated in {city} for decades and relies heavily on centralised IT systems.",
)
_TIMELINE = (
    "The first signs of the attack were noticed {det} days before the organisation went public.",
    "Suspicious activity had been visible in logs for about {det} days before anyone raised the alarm.",
    "The incident was detected by the organisation's own monitoring and made public after {det} days.",
    "A security vendor alerted the organisation, which confirmed the incident {det} days later.",
)
_ACTOR_DESC = {
    "nation_state": "{actor} is a state-sponsored group that security agencies associate with {actor_country}.",
    "state_affiliated": "{actor} presents itself as a hacktivist collective but is widely believed to be linked to the state of {actor_country}.",
    "organized_crime": "{actor} is a financially motivated criminal group known for ransomware and data-leak extortion.",
    "hacktivist": "{actor} is a hacktivist group that announces its targets and claims its attacks on Telegram.",
}
_ACTOR_COUNTRY_NAMES = {"RU": "Russia", "CN": "China", "KP": "North Korea", "IR": "Iran", "VN": "Vietnam",
                        "UA": "Ukraine", "SY": "Syria", None: "a foreign government"}  # fmt: skip
# Impact techniques that only make sense when the attack type calls for them.
_SIGNATURE_TECHNIQUES = frozenset(
    ("T1486", "T1490", "T1489", "T1485", "T1561", "T1561.001", "T1561.002", "T1529", "T1498", "T1498.001",
     "T1498.002", "T1499", "T1499.001", "T1499.002", "T1499.003", "T1499.004", "T1491", "T1491.001",
     "T1491.002", "T1657", "T1195", "T1195.002", "T1496", "T1495", "T1531")
)  # fmt: skip
_QUOTE_INTRO = (
    "A spokesperson said: {quote}",
    "In a statement, management said: {quote}",
    "The head of IT told local media: {quote}",
)
_CLOSE = (
    "The case added to a series of similar incidents in {country} in {year}.",
    "Similar {nouns} across {country} were urged to review their own defences.",
    "Lessons from the incident were shared with other organisations in the sector.",
    "The organisation later announced additional investment in cyber security.",
)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _table(items: Sequence[tuple[object, float]], size: int = 2048) -> list:
    """Expand weighted items into a lookup list of roughly ``size`` entries."""
    total = float(sum(w for _, w in items))
    out: list = []
    for value, w in items:
        if w <= 0:
            continue
        out.extend([value] * max(1, round(size * w / total)))
    return out


def _zipf(values: Sequence, s: float = 1.0, size: int = 4096) -> list:
    return _table([(v, 1.0 / (i + 1) ** s) for i, v in enumerate(values)], size)


class SyntheticCorpus:
    """Deterministic generator of organisations, actors and incident dicts."""

    def __init__(
        self,
        seed: int = 0,
        technique_ids: Sequence[str] = DEFAULT_TECHNIQUE_IDS,
        end_date: datetime.date = datetime.date(2026, 10, 31),
        start_year: int = 2005,
    ) -> None:
        self.seed = seed
        # Popular techniques first (the order drives the Zipf skew), whatever order the caller uses.
        rank = {tid: i for i, tid in enumerate(DEFAULT_TECHNIQUE_IDS)}
        unique = list(dict.fromkeys(technique_ids))
        self.technique_ids = tuple(sorted(unique, key=lambda t: rank.get(t, len(rank))))
        self.end_date = end_date
        self.start_year = start_year
        self._country_names = _country_names()
        self._org_cache: dict[int, list[dict]] = {}
        self._org_cities: dict[int, list[str]] = {}

    def _rng(self, salt: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + salt)

    # -- organisations -----------------------------------------------------

    def organizations(self, n: int) -> list[dict]:
        """Return ``n`` unique organisations with language-appropriate names."""
        cached = self._org_cache.get(n)
        if cached is not None:
            return [dict(o, aliases=list(o["aliases"])) for o in cached]
        rng = self._rng(1)
        rand = rng.random
        country_tbl = _zipf(list(range(len(_COUNTRIES))), s=1.05)
        sector_tbl = _zipf(SECTORS, s=0.9)
        seen: set[str] = set()
        orgs: list[dict] = []
        org_cities: list[str] = []
        for _ in range(n):
            ci = country_tbl[int(rand() * len(country_tbl))]
            code, lang, cities = _COUNTRIES[ci]
            sector = sector_tbl[int(rand() * len(sector_tbl))]
            pats = _NAMES[lang][sector]
            surnames = _SURNAMES[lang]
            towns = _TOWNS[lang]
            name = alias = city = ""
            for attempt in range(24):
                tpl, alias_tpl = pats[int(rand() * len(pats))]
                if attempt < 4:
                    city = cities[int(rand() * len(cities))]
                else:  # real cities exhausted for this pattern: a plausible smaller place
                    city = towns[int(rand() * len(towns))]
                sur = surnames[int(rand() * len(surnames))]
                if attempt >= 8 and "{sur}" in tpl and "{city}" not in tpl:
                    # widen the name space: "Müller & Weber ..." / "... Ulm"
                    sur = f"{sur} & {surnames[int(rand() * len(surnames))]}"
                name = tpl.format(city=city, sur=sur)
                if name not in seen:
                    alias = (
                        alias_tpl.format(city=city, sur=sur, S=sur[:1], C=city[:1])
                        if alias_tpl
                        else ""
                    )
                    break
            else:
                base, k = name, 2
                while name in seen:
                    name = f"{base} {k}"
                    k += 1
                alias = ""
            seen.add(name)
            aliases = [alias] if alias and alias != name else []
            orgs.append({"name": name, "aliases": aliases, "country": code, "sector": sector})
            org_cities.append(city)
        self._org_cache[n] = orgs
        self._org_cities[n] = org_cities
        return [dict(o, aliases=list(o["aliases"])) for o in orgs]

    # -- actors --------------------------------------------------------------

    def actors(self) -> list[dict]:
        """Return the fixed list of threat actors (index = actor id used by incidents)."""
        return [
            {
                "name": name,
                "aliases": list(aliases),
                "type": typ,
                "country": country,
                "attack_id": attack_id,
            }
            for name, aliases, typ, country, attack_id in _ACTORS
        ]

    # -- incidents -------------------------------------------------------------

    def _year_table(self) -> list[int]:
        end = self.end_date
        weights = []
        for y in range(self.start_year, end.year + 1):
            w = 1.2 ** (y - self.start_year)
            if y == end.year:
                w *= end.timetuple().tm_yday / 365.0
            weights.append((y, w))
        return _table(weights, 8192)

    def incidents(self, n: int, n_organizations: int, n_actors: int) -> Iterator[dict]:
        """Yield ``n`` incident dicts referencing organisations/actors by index.

        ``n_organizations`` must match the ``n`` passed to :meth:`organizations` (the
        organisation list is regenerated deterministically from the seed); actor indices
        are restricted to ``range(n_actors)``.
        """
        if n_organizations <= 0:
            raise ValueError("n_organizations must be positive")
        if n_organizations not in self._org_cache:
            self.organizations(n_organizations)
        orgs = self._org_cache[n_organizations]
        rng = self._rng(2)
        rand = rng.random
        n_actors = max(0, min(n_actors, len(_ACTORS)))
        tech_set = set(self.technique_ids)
        tail = [t for t in self.technique_ids if t not in _SIGNATURE_TECHNIQUES]
        tech_tbl = _zipf(tail, s=1.1, size=8192) if tail else []
        len_tech = len(tech_tbl)
        year_tbl = self._year_table()
        n_year = len(year_tbl)
        end = self.end_date
        end_year, end_month, end_day = end.year, end.month, end.day

        # per-country narrative context
        country_codes = [c[0] for c in _COUNTRIES]
        country_info = {}
        for code, lang, cities in _COUNTRIES:
            word, quotes = _LOCAL[lang]
            authority, dpa = _AUTHORITIES.get(code, _DEFAULT_AUTHORITIES)
            localterm = "" if lang == "en" else f" (locally reported as a “{word}”)"
            country_info[code] = (
                self._country_names[code],
                lang,
                localterm,
                quotes,
                cities,
                authority,
                dpa,
            )

        # per-sector primary attack type tables and nouns with articles
        sector_info = {}
        for sector in SECTORS:
            bias = _SECTOR_BIAS.get(sector, {})
            tbl = _table([(t, w * bias.get(t, 1.0)) for t, w in _PRIMARY_WEIGHTS.items()])
            nouns = tuple(
                (
                    nn,
                    ("an " if nn[0] in "aeiouAEIOU" else "a ") + nn,
                    nn[:-1] + "ies" if nn.endswith("y") and nn[-2] not in "aeiou" else nn + "s",
                )
                for nn in _SECTOR_NOUNS[sector]
            )
            sector_info[sector] = (tbl, nouns)

        # compiled attack profiles
        profiles = {}
        for t, p in _PROFILES.items():
            pool = [i for i in range(n_actors) if _in_pool(p["pool"], _ACTORS[i])]
            if not pool and n_actors:
                pool = list(range(n_actors))
            category = _CATEGORY[t]
            responses = _RESPONSE + (
                _RESPONSE_FLOOD
                if category == "flood"
                else _RESPONSE_DATA
                if category == "data"
                else ()
            )
            if t in _RANSOM_TYPES:
                responses += _RESPONSE_RANSOM
            specific = {
                "flood": _DETAIL_FLOOD,
                "data": _DETAIL_DATA,
                "disruptive": _DETAIL_DISRUPTIVE,
            }[category]
            profiles[t] = (
                p["secondary"],
                _table(p["cia"], 512),
                _table([(m, w) for m, w in p["motives"]], 512),
                tuple((tid, pr) for tid, pr in p["core"] if tid in tech_set and pr > 0),
                p["extra"][0],
                p["extra"][1] - p["extra"][0] + 1,
                p["actor_p"] if pool else 0.0,
                _zipf(pool, s=1.1, size=2048) if pool else [],
                _OPEN[t],
                _IMPACT[t],
                responses,
                specific,
                _AFTERMATH[category],
            )

        status_tbl = _table(
            [("published", 970), ("draft", 15), ("in_review", 10), ("retracted", 5)], 2000
        )
        conf_tbl = _table([("confirmed", 72), ("claimed", 16), ("suspected", 12)], 500)
        conf_actor_tbl = _table([("confirmed", 45), ("claimed", 40), ("suspected", 15)], 500)
        nsrc_tbl = _table([(0, 5), (1, 30), (2, 30), (3, 18), (4, 11), (5, 6)], 500)
        prec_tbl = _table([("day", 76), ("month", 19), ("year", 5)], 500)
        prec_old_tbl = _table([("day", 50), ("month", 35), ("year", 15)], 500)
        org_info = [
            (o["name"], o["country"], o["sector"], c)
            for o, c in zip(orgs, self._org_cities[n_organizations], strict=True)
        ]
        n_orgs = len(orgs)
        rec_rng = random.Random(self.seed)
        records_tbl = [f"{int(1000 * 10 ** (rec_rng.random() * 3.5)):,}" for _ in range(1024)]
        staff_tbl = [f"{x:,}" for x in (40, 60, 85, 120, 150, 200, 250, 320, 400, 500, 650, 800, 1000, 1200,
                                        1500, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000, 25000)]  # fmt: skip
        n_staff = len(staff_tbl)
        actor_info = [
            (
                name,
                _ACTOR_DESC.get(typ, ""),
                _ACTOR_COUNTRY_NAMES.get(country, "a foreign government"),
            )
            for name, _aliases, typ, country, _aid in _ACTORS
        ]
        tech_phrases = _TECH_PHRASES
        generic_tech = _GENERIC_TECH_PHRASES
        months = _MONTHS
        attrib_actor, attrib_none = _ATTRIB_ACTOR, _ATTRIB_NONE
        tech_intro, quote_intro, close = _TECH_INTRO, _QUOTE_INTRO, _CLOSE
        detail_generic, background, timeline = _DETAIL_GENERIC, _BACKGROUND, _TIMELINE
        n_generic, n_background, n_timeline, n_close = (
            len(detail_generic),
            len(background),
            len(timeline),
            len(close),
        )
        date_cls = datetime.date
        last_day = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        n_countries = len(country_codes)

        for _ in range(n):
            # organisation: mostly uniform, some organisations are hit repeatedly
            r = rand()
            oi = int(n_orgs * rand() ** 3) if r < 0.25 else int(n_orgs * rand())
            org_name, code, sector, org_city = org_info[oi]
            country = country_codes[int(rand() * n_countries)] if rand() < 0.04 else code
            ptbl, nouns = sector_info[sector]
            primary = ptbl[int(rand() * len(ptbl))]
            (secondary, cia_tbl, mot_tbl, core, extra_lo, extra_span, actor_p, actor_tbl, opens, impacts,
             responses, specific, aftermath) = profiles[primary]  # fmt: skip

            # date & precision (weighted towards recent years)
            year = year_tbl[int(rand() * n_year)]
            month = int(rand() * 12) + 1
            if year == end_year and month > end_month:
                month = int(rand() * end_month) + 1
            day = int(rand() * (last_day[month - 1] + (month == 2 and year % 4 == 0))) + 1
            if year == end_year and month == end_month and day > end_day:
                day = end_day
            precision = (
                prec_old_tbl[int(rand() * 500)] if year < 2012 else prec_tbl[int(rand() * 500)]
            )
            if precision == "day":
                d = date_cls(year, month, day)
                when = f"on {day} {months[month - 1]} {year}"
            elif precision == "month":
                d = date_cls(year, month, 1)
                when = f"in {months[month - 1]} {year}"
            else:
                d = date_cls(year, 1, 1)
                when = f"in {year}"

            # attack types, techniques, actors
            types = [primary]
            for t, p in secondary:
                if rand() < p and t not in types:
                    types.append(t)
            techs = [tid for tid, p in core if rand() < p]
            for _j in range(extra_lo + int(rand() * extra_span)):
                if len_tech:
                    tid = tech_tbl[int(rand() * len_tech)]
                    if tid not in techs:
                        techs.append(tid)
            actors: list[int] = []
            if actor_p and rand() < actor_p:
                first = actor_tbl[int(rand() * len(actor_tbl))]
                actors.append(first)
                if rand() < 0.06:
                    other = actor_tbl[int(rand() * len(actor_tbl))]
                    if other != first:
                        actors.append(other)

            # narrative: choose templates, then format summary and description once each
            country_name, lang, localterm, quotes, cities, authority, dpa = country_info[country]
            noun, a_noun, noun_plural = nouns[int(rand() * 3)]
            if actors:
                actor_name, actor_desc, actor_country = actor_info[actors[0]]
                attr_s = attrib_actor[int(rand() * 4)]
                attr_t = f"{attr_s} {actor_desc}"
            else:
                actor_name, actor_country = "an unknown group", ""
                attr_s = attr_t = attrib_none[int(rand() * 3)]
            tech_words = [tech_phrases.get(t) or generic_tech[int(rand() * 4)] for t in techs[:4]]
            if len(tech_words) > 1:
                tech = ", ".join(tech_words[:-1]) + " and " + tech_words[-1]
            else:
                tech = tech_words[0] if tech_words else generic_tech[int(rand() * 4)]
            ctx = {
                "org": org_name,
                "country": country_name,
                "city": org_city if country == code else cities[int(rand() * len(cities))],
                "when": when,
                "When": when[0].upper() + when[1:] + ",",
                "noun": noun,
                "a_noun": a_noun,
                "nouns": noun_plural,
                "localterm": localterm,
                "actor": actor_name,
                "actor_country": actor_country,
                "days": 2 + int(rand() * 40),
                "det": 1 + int(rand() * 30),
                "staff": staff_tbl[int(rand() * n_staff)],
                "records": records_tbl[int(rand() * 1024)],
                "authority": authority,
                "dpa": dpa,
                "year": year,
                "tech": tech,
                "quote": quotes[int(rand() * len(quotes))],
            }
            open_t = opens[int(rand() * len(opens))]
            impact_t = impacts[int(rand() * len(impacts))]
            resp_t = responses[int(rand() * len(responses))]
            close_t = close[int(rand() * n_close)]
            summary = f"{open_t} {impact_t} {resp_t} {attr_s}".format_map(ctx)
            if len(summary) < 470:
                summary = f"{summary} {close_t.format_map(ctx)}"
                if len(summary) < 400:
                    summary = f"{summary} {aftermath[int(rand() * 3)].format_map(ctx)}"

            n_spec = len(specific)
            i1 = int(rand() * n_generic)
            i2 = (i1 + 1 + int(rand() * (n_generic - 1))) % n_generic
            s1 = int(rand() * n_spec)
            s2 = (s1 + 1 + int(rand() * (n_spec - 1))) % n_spec
            quote_t = (
                f"{quote_intro[int(rand() * 3)]} "
                if rand() < (0.45 if lang != "en" else 0.15)
                else ""
            )
            description = (
                f"{open_t} {background[int(rand() * n_background)]} {impact_t}\n\n"
                f"{timeline[int(rand() * n_timeline)]} {tech_intro[int(rand() * 4)]} {specific[s1]}\n\n"
                f"{resp_t} {quote_t}{detail_generic[i1]} {specific[s2]} {aftermath[int(rand() * 3)]}\n\n"
                f"{attr_t} {detail_generic[i2]} {close_t}"
            ).format_map(ctx)
            if len(description) < 1200:
                extra = [x for i, x in enumerate(specific) if i != s1 and i != s2]
                description += " " + " ".join(extra).format_map(ctx)
            if len(description) > 2000:
                description = description[:1995].rsplit(" ", 1)[0] + "."

            yield {
                "org": oi,
                "country": country,
                "date": d,
                "precision": precision,
                "summary": summary,
                "description": description,
                "attack_types": types,
                "cia": cia_tbl[int(rand() * len(cia_tbl))],
                "motives": list(mot_tbl[int(rand() * len(mot_tbl))]),
                "techniques": techs,
                "actors": actors,
                "status": status_tbl[int(rand() * len(status_tbl))],
                "confidence": (conf_actor_tbl if actors else conf_tbl)[int(rand() * 500)],
                "n_sources": nsrc_tbl[int(rand() * len(nsrc_tbl))],
            }
