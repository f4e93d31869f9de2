"""Multilingual cue tables of the event frame (see frame.py).

Cues are regular expressions over *folded* text (lower case, accents stripped: ä->a,
ö/ø->o, å->a, æ->ae, ß->ss; see ``cidb.tagging.glossary.fold``). ``(?<!\\w)`` is put in
front of every alternative, so a cue matches at a word start and inside compounds
only as their head ("lösegeldforderung" is found by "losegeld"). General vocabulary of
the domain only: no names of victims, outlets or events. Languages: en, sv, no, da,
de, nl, fr, es, it, pt, fi, pl and, where known, cs/sk, et, lv, ro.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- contexts: a concept that lists them needs one of them in the same sentence ---
DISRUPT = (
    r"down\b|unavailable|offline|outage|knocked out|not work|paraly|disrupt|inaccessible|could not|"
    r"cannot|can't|couldn't|unable|no access|kunde inte|kan inte|kunne ikke|kan ikke|kunne ikkje|konnten nicht|"
    r"konnen nicht|kon(?:den)? niet|ne pouv|ne peuv|no pudi|no pued|non pote|non puo|eivat voineet|ei voi|"
    r"nie mogl|nie moze|nao pod|not accessible|hit\b|affected|impacted|crippled|halt|"
    r"ur funktion|ligger nere|lag nere|nere\b|slogs ut|slog ut|slar ut|slagits ut|utslagen|drabbad|paverka|fungerar inte|inte fungera|"
    r"lamslag|lammet|lamma|nede\b|ute av drift|ikke tilgjengelig|rammet|ramt|berort|berørt|virker ikke|"
    r"ausgefallen|ausfall|lahmgelegt|nicht erreichbar|betroffen|eingeschrankt|nicht (?:mehr )?(?:moglich|verfugbar|nutzbar)|"
    r"stillstand|storung|plat\b|platgelegd|onbereikbaar|niet bereikbaar|niet beschikbaar|getroffen|"
    r"paralys|indisponible|hors service|perturb|bloqu|touche|impossible|a l'arret|"
    r"afectad|caid|inaccesible|paraliz|interrump|inoperativ|sin servicio|no funciona|"
    r"colpit|bloccat|inaccessibil|fuori uso|paralizzat|disserviz|in tilt|ko\b|"
    r"afetad|indisponive|paralisad|inoperaciona|"
    r"pois kaytosta|ei toimi|eivat toimi|kaatui|lamaantu|nurin|hairio|katko|"
    r"sparalizow|niedostep|nie dzial|zablokow|awari|"
    r"nedostup|nefunk|vypadok|mimo prevadzk|kasutu|ei toota|rivis|nestrada|nepieejam|nefunkcion|"
    r"blocat|indisponibil|afectat|nefunctional|zasiah|nefunkcn|leallt|nem mukod|neveik|ne deluje|ne radi|"
    r"stopped|standstill|stood still|closed|stillstand|stillgestanden|stand still|stod still|sto stille|"
    r"stengt|lukket|stangd|geschlossen|gesloten|stilgelegd|ferme|cerrad|chius|suljet|zamkniet|fechad|"
    r"lahmgelegt|arrete|parad|detenid|ferm[oa]|"
    r"gick inte|gar inte|komma at|ingen tilgang|ingen adgang|kein zugriff|kein zugang|geen toegang|"
    r"pas acces|sin acceso|nessun accesso|ei paasy|brak dostepu|not access|"
    r"lost|gone|locked out|forsvunn|forsvann|utelast|utestengt|forsvundet|ausgesperrt|verschwunden|"
    r"buitengesloten|verdwenen|disparu|desaparec|scompars|kadonn|zniknel|stracon"
)
REPORT = (
    r"report|filed|complaint|notif|inform|contact|alert|anmal|anmeld|meldt|meldet|anzeige|"
    r"erstattet|gemeldet|informiert|aangifte|gemeld|plainte|signale|saisi|denuncia|notific|"
    r"informad|comunic|denunc|segnal|esposto|querela|ilmoit|rikosilmoitus|zglos|zawiadom|"
    r"powiadom|participac|oznam|teavita|zinoj|sesizat|notificat"
)
INVESTIGATE = (
    r"investigat|inquir|prob|utred|undersok|forundersok|etterforsk|efterforsk|ermittl|ermittel|untersuch|"
    r"onderzo|enquet|investig|indag|inchiest|tutki|sledztw|dochodzen|postepowan|vysetr|uurim|izmekl|"
    r"menetlus|konani|vysetrov|tyrim|nyomoz|preiskav|istrag|"
    r"ancheta|cercet"
)
DATA_ACT = (
    r"stole|stolen|steal|theft|exfiltrat|download|copied|leak|publish|posted|released|dump|"
    r"accessed|access to|compromis|expos|breach|obtain|captur|for sale|auction|"
    r"stul|stjal|stjael|stal\b|stals\b|kopier|lackt|lacka|lackor|lackan|lackage|lekket|lekkasje|laek|publicer|publiser|offentliggjor|lagt ut|at komma at|"
    r"tillgang|tilgang|adgang|kommit at|kommet pa avveie|pa avveg|"
    r"gestohlen|entwendet|abgeflossen|abfluss|abgegriffen|erbeut|veroffentlich|geleakt|zugriff|kopiert|"
    r"gestolen|buitgemaakt|gelekt|gepubliceerd|toegang|"
    r"vol\b|vols\b|vole|volee|derob|divulg|publie|mis en ligne|acces|fuite|exfiltr|"
    r"robad|robo|sustraid|filtrad|publicad|difundid|acceso|"
    r"rubat|sottratt|trafugat|pubblicat|diffus|accesso|esfiltr|"
    r"roubad|furtad|vazad|divulgad|acedid|"
    r"varast|anastet|vuot|vuod|julkais|paasy|vienyt|viety|"
    r"skradzion|kradziez|wykradz|wyciek|opublikow|dostep|"
    r"ukradn|odcudz|uniknut|zverejn|lekkinud|avaldat|nopludin|nozagt|publicet|furat|sustras|scurs|publicat"
)
ATTACKER = (
    r"attacker|hacker|perpetrator|culprit|criminal|gang|group|behind|"
    r"angripar|angriper|angriber|gar?ningsm|gjerningsm|kriminell|bakom|star bak|bag\b|"
    r"tater|angreifer|hinter|kriminelle|daders?\b|aanvaller|crimine|achter|"
    r"auteur|attaquant|pirate|derriere|atacante|autor|detras|piratas|aggressor|autori|dietro|"
    r"atacant|tekija|hyokkaaj|rikollis|takana|sprawc|przestepc|za atakiem|utocnik|pachatel|rundaja|uzbrucej|atacator|autor"
)
ATTRIB = (
    r"behind|attribut|blame|suspect|believ|linked|tied to|bakom|star bak|misstank|mistenk|mistaenk|tillskriv|"
    r"hinter|verdacht|vermut|zugeschrieben|verantwortlich|achter|verdenk|toegeschreven|derriere|soupcon|attribu|"
    r"detras|sospech|atribu|dietro|sospett|attribui|takana|epail|stoi za|podejrz|przypis|stoji za|podozr|"
    r"kahtlust|aizdom|suspect"
)
CLAIM = (
    r"claim|responsib|took credit|taken credit|ansvar|tog pa sig|tagit pa sig|patok seg|tatt pa seg|"
    r"paatager|bekannt|reklamiert|opgeeist|eist|claimt|revendiqu|reivindic|atribuy|rivendic|"
    r"vastuun|ottanut vastuun|przyznal|reivindicou|prihlasil|asumat|revendicat|"
    r"leak site|leak-site|lekasjeside|dark ?web|darknet|onion|admit|carried out|"
    r"erkande|innromm|indromm|eingeraumt|toegegeven|reconnu avoir|admiti|ammesso|myonsi|przyznal"
)
RESTORE_CONTEXT = (
    r"restor|back online|recover|resum|reopen|running again|working again|rebuil|normal|"
    r"aterstall|igang igen|i gang igen|fungerar igen|aterupprat|gjenopprett|virker igjen|oppe igjen|"
    r"genopret|kører igen|korer igen|wiederhergestellt|wiederherstell|wieder (?:online|erreichbar|verfugbar|in betrieb|nutzbar|hergestellt)|"
    r"wiederaufbau|hersteld|herstel|weer (?:online|bereikbaar|beschikbaar|operationeel)|"
    r"retabli|restaur|de nouveau|a nouveau|remis en|reprise|restablec|recuper|normalidad|reanud|"
    r"ripristin|tornat|ripres|riattiv|palautet|palautu|toimii taas|toimivat taas|palautus|"
    r"przywroc|odbudow|wznow|restabelec|retom|obnov|taastat|atjauno|restabilit|reluat"
)
STILL = r"still|fortfarande|fortsatt|fremdeles|stadig|immer noch|weiterhin|nach wie vor|nog steeds|nog altijd|toujours|encore|todavia|sigue|siguen|ancora|yha|edelleen|nadal|wciaz|ainda|stale|endiselt|joprojam|inca"
PARTLY = r"partly|partial|some of|delvis|delvist|teilweise|zum teil|gedeeltelijk|deels|partiel|en partie|parcial|en parte|parzial|in parte|osittain|osin|czesciow|parcialmente|ciastocn|osaliselt|dalej|partial"
COST = r"cost|expens|damage|kost|skade|skada|schaden|kosten|schade|cout|dommage|coste|costo|dano|danni|kustann|vahing|koszt|szkod|custo|prejuizo|naklad|skod|kahju|zaudej|cost"
# ransom, but not ransomware ("Erpressungssoftware", "rançongiciel", "lunnasohjelma")
_RANSOM_WORDS = (
    r"ransom(?!ware)|extort|blackmail|losen(?!ord)|losesum(?!svirus)|losepeng(?!evirus|eprogram|e-virus|eangrep)|"
    r"losegeld(?!virus|trojaner)|erpress(?!ungs(?:software|trojaner|virus|programm)|er-?software|ertrojaner|ervirus)|"
    r"losgeld(?!software|virus)|afpers(?!ingssoftware|ingsvirus)|chantage|"
    r"rancon(?!giciel)|extorsion|rescate|riscatt|estors|lunnas(?!ohjelm|haittaohjelm)|"
    r"kirist(?!yshaitta|ysohjelm|yshaitta)|okup|wymusz|resgate|vykupn|lunaraha|izpirk|rascumpar|"
    r"ispirk|valtsagdij|odkupnin|otkupnin|lytra"
)
RANSOM = _RANSOM_WORDS + r"|demand|krav|forderung|eis\b|exig|richiest|vaati|zadan|pozadav"

CONTEXTS = {
    "DISRUPT": DISRUPT,
    "REPORT": REPORT,
    "INVESTIGATE": INVESTIGATE,
    "DATA_ACT": DATA_ACT,
    "ATTACKER": ATTACKER,
    "ATTRIB": ATTRIB,
    "CLAIM": CLAIM,
    "RESTORE": RESTORE_CONTEXT,
    "STILL": STILL,
    "PARTLY": PARTLY,
    "COST": COST,
    "RANSOM": RANSOM,
}


@dataclass(frozen=True)
class Concept:
    """A slot value and its cues. ``needs``: context names of which one must occur in the
    sentence too; ``negated``: the value the concept takes in a negated sentence (None:
    a negated sentence says nothing about it); ``inherent``: the cue itself states a
    negative ("refused to pay"), so it also counts in a sentence marked negated."""

    slot: str
    value: str
    cue: str
    needs: tuple[str, ...] = ()
    negated: str | None = None
    inherent: bool = False
    excludes: tuple[str, ...] = ()


_ENCRYPT = (
    r"encrypt|krypter|kryptert|krypteret|verschlussel|versleutel|chiffr|cifrad|cifrat|crittograf|"
    r"criptograf|salat|salaa|szyfr|zasifr|sifrovan|kruptee|sifret|criptat|cryptolocker|crypto-locker"
)
_BACKUP = (
    r"backup|back-up|sakerhetskop|sikkerhetskop|sikkerhedskop|datensicherung|sauvegarde|"
    r"copia de seguridad|copias de seguridad|copie di sicurezza|copia di backup|varmuuskop|kopi[ae] zapasow|zalohy|varukoopi|rezerves kopij"
)
_DELETE = (
    r"delet|wiped|destroy|eras|radera|raderat|slettet|slette|slettede|geloscht|losch|vernicht|verwijder|"
    r"supprim|detruit|efface|borrad|eliminad|destruid|cancellat|distrutt|eliminat|poistet|tuhot|"
    r"usun|zniszcz|apagad|vymaz|zmaz|kustut|izdzes|sters"
)

CONCEPTS: list[Concept] = [
    # --- what happened ---
    # a negated sentence naming encryption rarely denies it ("no trace of those who encrypted")
    Concept("encrypted", "encrypted", _ENCRYPT),
    Concept("backups_deleted", "backups deleted", rf"(?:{_BACKUP})[^.]{{0,80}}(?:{_DELETE})"),
    Concept("backups_deleted", "backups deleted", rf"(?:{_DELETE})[^.]{{0,80}}(?:{_BACKUP})"),
    Concept(
        "entry_point",
        "a phishing e-mail",
        r"phishing|natfiske|nettfiske|phishingmail|hameconnage|suplantacion|fishing|tietojenkalastel|kalastelu",
    ),
    Concept(
        "entry_point",
        "a software vulnerability",
        r"vulnerab|sarbarhet|sarbarhed|schwachstelle|sicherheitsluck|kwetsbaarhe|faille|vulnerabilidad|"
        r"vulnerabilita|haavoittuv|podatnos|luk[ai] w zabezpiecz|zero-day|zero day|zranitelnost|turvaauk|ievainojamib|vulnerabilit",
        needs=("VIA", "ATTACKER"),
    ),
    Concept(
        "entry_point",
        "remote access",
        r"remote access|remote desktop|\brdp\b|vpn|fernzugriff|fernwartung|fernzugang|fjarratkomst|"
        r"fjernaksess|fjernadgang|externe toegang|toegang op afstand|acces a distance|acceso remoto|"
        r"accesso remoto|etayhtey|zdalny dostep|acesso remoto",
        needs=("VIA", "ATTACKER"),
    ),
    Concept(
        "entry_point",
        "a compromised account",
        r"stolen (?:credentials|password)|compromised (?:account|credentials)|administrator(?:'s)? account|"
        r"admin account|inloggningsuppgift|paloggingsinformasjon|brukerkonto|zugangsdaten|administratorkonto|"
        r"benutzerkonto|inloggegevens|identifiants|credenciales|credenziali|account di un amministratore|"
        r"utenza|tunnukse|dane logowania|konto administrator|credenciais|prihlasovacie|"
        r"amministratore di rete|administrador de red",
    ),
    Concept(
        "entry_point",
        "an IT service provider",
        r"supplier|service provider|it provider|vendor|leverantor|leverandor|dienstleister|zulieferer|"
        r"leverancier|fournisseur|prestataire|proveedor|fornitore|toimittaja|dostawc|fornecedor|dodavatel|tarnija|piegadatajs|furnizor",
        needs=("VIA",),
    ),
    # --- impact: services and systems that went down ---
    Concept(
        "services",
        "the website",
        r"website|web site|homepage|webbplats|hemsida|webside|hjemmeside|nettside|nettsted|webseite|"
        r"internetseite|internetauftritt|internetprasenz|site web|site internet|sitio web|pagina web|"
        r"sito web|sito internet|portale|verkkosivu|kotisivu|strona internetow|witryn|webstranka|"
        r"veebileht|timekla vietn|site-ul|website-ul",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "online services",
        r"online service|e-service|e-tjanst|e-tjeneste|selvbetjening|online-dienst|digitale dienst|"
        r"services en ligne|teleservice|servicios (?:en linea|online|electronicos|telematicos)|sede electronica|"
        r"oficina virtual|oficinas virtuales|web municipal|servizi online|servizi digitali|sportello telematico|"
        r"verkkopalvelu|e-palvelu|uslugi online|e-uslug|servicos online|portal do cidadao|e-teenus|e-pakalpojum",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "production",
        r"production|produktion|produksjon|fertigung|productie|produccion|produzione|tuotanto|produkcj|"
        r"producao|vyrob|tootmi|razosan|productie",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "e-mail",
        r"e-mail|email|e-post|epost|mejl|courriel|correo|posta elettronica|sahkoposti|poczt|mail\b|mails\b",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "telephones",
        r"telephon|phone|telefon|telefoon|telefono|puhelin|telefone|telefoni",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "payment systems",
        r"payment|betalning|betaling|zahlung|paiement|pagos|pagament|maksu|platnos|platb|cash register|"
        r"kassasystem|kassor|kasser|kassen|checkout|tills\b|caisse|cajas|casse|kassa",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "payroll",
        r"payroll|salar|lonesystem|lonutbetal|loneutbetal|lonn|gehalt|lohn|salaris|salaire|paie\b|nomina|"
        r"stipendi|palk|wynagrodz|folha de pagamento|mzd",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "patient records",
        r"patient record|medical record|health record|patientjournal|journalsystem|journaler|journal\b|pasientjournal|"
        r"patientakte|patientendaten|patientdossier|dossier(?:s)? (?:medic|patient)|historia(?:s)? clinica|"
        r"cartell[ae] clinic|potilastie|potilasjarjest|dokumentacj[ai] medyczn|prontuario",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "care records",
        r"care record|omsorgsjournal|omsorgssystem|pflegedokument|sosialjournal|omsorgsdokument",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "home and elderly care",
        r"home care|elderly care|hemtjanst|aldreomsorg|eldreomsorg|hjemmetjeneste|hjemmepleje|aeldrepleje|"
        r"altenpflege|ambulante pflege|thuiszorg|ouderenzorg|aide a domicile|ayuda a domicilio|assistenza domiciliare|"
        r"kotihoito|vanhustenhoito|opieka domowa",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "the fire brigade",
        r"fire brigade|fire service|fire department|brandkar|raddningstjanst|brannvesen|brandvaesen|"
        r"feuerwehr|brandweer|pompiers|bomberos|vigili del fuoco|palokun|pelastuslaitos|straz pozarn|bombeiros|hasici|paaste|ugunsdzes|pompier",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "schools",
        r"school|skol|skole|schule|ecole|escuela|colegio|scuol|koulu|szkol|escola|skoly|kool|skolas|scoli",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "libraries",
        r"librar|bibliotek|bibliothe|bibliotec|biblioteche|kirjast|bibliotek|knihovn|raamatukog|biblioteka",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "citizen services",
        r"citizen service|citizens' office|public service|medborgar|borgerservice|innbyggertjenest|"
        r"burgerburo|burgeramt|burgerservice|service public|servicios (?:al ciudadano|municipales|publicos)|"
        r"servizi (?:al cittadino|comunali|pubblici)|asiointi|uslug|servicos|sluzb|teenus|pakalpojum|servicii",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "vehicle registration",
        r"vehicle registration|kfz-zulassung|zulassungsstelle|zulassung|fordonsregist|immatricul|matricul|motorizzazion",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "booking systems",
        r"booking|bokning|bestilling|buchung|reserv|prenotazion|varaus|rezerwac|appointment|cita previa|"
        r"afspra|termin|rendez-vous|agendamento|objednav|broneer|pierakst",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "finance systems",
        r"financ|ekonomisystem|okonomisystem|okonomi|finanz|buchhaltung|boekhoud|comptab|contabil|"
        r"talousjarjestelm|kirjanpi|finans|ksiegow|ucetn|raamatupid|gramatved|invoice|faktur|rechnung",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "computers",
        r"computer|datorer|datamaskin|pc\b|pcs\b|rechner|ordinateur|ordenador|computador|tietokone|"
        r"komputer|workstation|arbeitsplatz|arbetsplats|postazion|pocitac|arvuti|dator",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "servers",
        r"server|serveur|servidor|palvelin|serwer|servere",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "the internal network",
        r"internal network|intranet|natverk|nettverk|netvaerk|netzwerk|netwerk|reseau|red interna|"
        r"rete (?:informatic|intern)|sisaverk|siec|sit\b|vork|tikl|retea",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "social benefit payments",
        r"benefit|social payment|welfare|sozialleistung|sozialhilfe|unterhalt|elterngeld|bidrag|stonad|ytelse|"
        r"uitkering|prestations sociales|prestaciones|prestazioni|etuuksi|zasilk|swiadczen",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "vaccination services",
        r"vaccin|impf|rokot|szczepi|ockovan|vakts",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "alarm systems",
        r"alarm|larm\b|trygghetslarm|trygghetsalarm|hausnotruf|noodoproep|teleassistance|teleasistencia|turvapuhelin",
        needs=("DISRUPT",),
    ),
    Concept(
        "services",
        "the police",
        r"police|polis\b|polisen|politi\b|politiet|polizei|politie|policia|polizia|poliisi|policj|policie|politsei|policij|politia",
        needs=("DISRUPT",),
        excludes=("REPORT", "INVESTIGATE"),
    ),
    Concept(
        "manual_operations",
        "manual operations",
        r"pen and paper|paper and pen|pencil|by hand|manual|papper och penna|penna och papper|papper|"
        r"penn og papir|papir og penn|papir og blyant|papir|blyant|manuell|manuel|analog|"
        r"stift und papier|papier und stift|auf papier|handisch|von hand|pen en papier|papier en pen|handmatig|"
        r"stylo|papier|a la main|manuellement|papel|a mano|manualmente|carta e penna|cartace|su carta|"
        r"kyna ja paperi|paperi|kasin|manuaalis|dlugopis|recznie|papierow|ruc|pliiats|paber|manual",
    ),
    Concept(
        "patients_diverted",
        "emergency care suspended",
        r"von der notfallversorgung abgemeldet|notfallversorgung abgemeldet|aus der notfallversorgung|"
        r"emergency (?:care|department|room)s?[^.]{0,40}(?:closed|suspended|shut)|plan blanc|white plan|"
        r"akutmottagning\w*[^.]{0,30}(?:stang|stangd)|skadestue\w*[^.]{0,30}(?:lukket|stengt)|"
        r"spoedeisende hulp[^.]{0,30}(?:gesloten|dicht)|urgences[^.]{0,30}(?:fermees|fermee)|"
        r"urgencias[^.]{0,30}(?:cerrad)|pronto soccorso[^.]{0,30}(?:chius)|paivystys[^.]{0,30}(?:suljet)",
    ),
    Concept(
        "patients_diverted",
        "patients diverted",
        r"divert|redirect|ambulances? (?:were|was|are|is) (?:sent|taken|rerouted)|omdirig|ambulanser|"
        r"umgeleitet|abgemeldet|notaufnahme|omgeleid|detourn|redirig|desviad|dirottat|ohjat|przekierow|presmer",
    ),
    # --- response ---
    Concept(
        "containment",
        "isolated",
        r"isolat|isolerad|isolerat|isolert|isoleret|isoliert|geisoleerd|isole|aislad|aislar|isolad|eristet|izolow|izolov|isoleer|izolet|izolat|contain",
    ),
    Concept(
        "containment",
        "shut down",
        r"shut down|shut off|shutting down|shutdown|switched off|turned off|powered down|stangde ner|stangt ned|stangdes ner|"
        r"stangde av|stangdes av|stangde ned|stangdes ned|slackte ned|slacktes ned|slackt ned|slog av|slo av|skrudd av|stengt ned|stengte ned|lukket ned|slukket|"
        r"heruntergefahren|abgeschaltet|ausgeschaltet|uitgeschakeld|stilgelegd|eteint|arrete|coupe|apagad|"
        r"apagar|spent|spegn|sammutet|sammutettu|ajettiin alas|wylaczon|vypnut|deslig|valja lulit|izslegt|oprit",
    ),
    Concept(
        "containment",
        "disconnected",
        r"disconnect|taken offline|took offline|off the network|off the internet|unplugged|kopplade bort|"
        r"kopplats bort|kopplades bort|bortkopplad|frakoblet|koblet fra|afbrudt|frakoblede|vom netz|getrennt|"
        r"vom internet|offline genommen|losgekoppeld|afgesloten|offline gehaald|deconnect|debranch|desconect|"
        r"scollegat|disconness|irrotet|irti verkosta|odlaczon|odpojen|desconectad|lahti uhendat|atvienot|deconectat",
    ),
    Concept(
        "external_experts",
        "external experts",
        r"(?:expert|specialist|consultant|incident response|forensic|security firm|security company|"
        r"experter|specialister|konsult|eksperter|spesialist|konsulent|experten|spezialist|forensik|"
        r"deskundig|specialisten|specialistes|expertos|especialistas|esperti|specialisti|asiantuntij|"
        r"ekspert|specjalist|odbornik|eksperdi|eksperti|expertii)",
        needs=("EXTERNAL",),
    ),
    Concept(
        "external_experts",
        "external experts",
        r"forensi|incident response (?:team|firm|company|specialist)|security firm|cybersecurity firm|"
        r"it-sicherheitsunternehmen|sicherheitsfirma|sakerhetsforetag|sikkerhetsselskap|sikkerhedsfirma|"
        r"beveiligingsbedrijf|societe de cybersecurite|empresa de ciberseguridad|societa di sicurezza|"
        r"tietoturvayhtio|firma zajmujaca sie bezpieczenstwem",
    ),
    Concept(
        "crisis",
        "crisis management",
        r"crisis (?:team|management|staff|unit|cell|mode)|krisledning|krisstab|krisgrupp|kriseledelse|krisestab|"
        r"krisenstab|crisisteam|crisisorganisatie|cellule de crise|gabinete de crisis|comitato di crisi|unita di crisi|"
        r"kriisiryhm|sztab kryzys|krizov|kriisi|krise\b|krisen\b|staff mode|stabslage|extraordinary situation|"
        r"extraordinar handelse|sarskild handelse|beredskap",
    ),
    Concept(
        "crisis",
        "emergency plan",
        r"emergency plan|contingency plan|task force|notfallplan|notfallmodus|beredskapsplan|beredskabsplan|"
        r"kriseplan|noodplan|calamiteitenplan|plan d'urgence|plan de continuite|plan de emergencia|"
        r"plan de contingencia|piano di emergenza|valmiussuunnitel|plan awaryjn|plano de emergencia|plano de contingencia",
    ),
    Concept(
        "crisis",
        "state of emergency",
        r"state of (?:emergency|disaster)|katastrophenfall|katastrofe|noodtoestand|etat d'urgence|"
        r"estado de emergencia|stato di emergenza|poikkeustila|stan wyjatkow|nudzov|eriolukord|stare de urgenta|disaster",
    ),
    # --- authorities told ---
    Concept(
        "police",
        "reported to the police",
        r"police|polis|politi|polizei|politie|policia|polizia|poliisi|policj|policie|politsei|policij|politia|law enforcement",
        needs=("REPORT",),
    ),
    Concept(
        "police",
        "investigating",
        r"police|polis|politi|polizei|politie|policia|polizia|poliisi|policj|policie|politsei|policij|politia|"
        r"law enforcement|prosecutor|aklagar|anklager|statsadvokat|staatsanwalt|openbaar ministerie|parket|parquet|"
        r"procureur|fiscal|procura|syyttaja|prokura|keskusrikospoliisi|krp\b|lka\b|zac\b|cybercrime|prokuratur|prokurator",
        needs=("INVESTIGATE",),
    ),
    Concept(
        "police",
        "criminal complaint",
        r"criminal complaint|polisanmal|politianmeld|strafanzeige|anzeige erstattet|aangifte|plainte|denuncia|"
        r"rikosilmoitus|zawiadomienie o przestepstw|trestne oznamen|kuriteoteade|denunt",
    ),
    Concept(
        "dpa",
        "the data protection authority",
        r"data protection|dataskydd|integritetsskydd|imy\b|datatilsyn|datainspektion|datenschutz|"
        r"autoriteit persoonsgegevens|\bap\b|cnil|aepd|proteccion de datos|garante|protezione dei dati|"
        r"tietosuoja|uodo|ochrony danych|cnpd|protecao de dados|gegevensbeschermingsautoriteit|\bapd\b|"
        r"information commissioner|\bico\b|ochrany osobnych|andmekaitse|datu valsts inspekcij|anspdcp|privacy",
        needs=("REPORT", "INVESTIGATE"),
    ),
    # --- data ---
    Concept(
        "data_stolen",
        "stolen",
        r"stole|stolen|steal|theft|exfiltrat|downloaded|copied|made off|"
        r"stulit|stulna|stulen|stals\b|stal\b|stjal|stjalet|stjaalet|kopierat|kopierats|kopiert|"
        r"gestohlen|entwendet|abgeflossen|abfluss|abgegriffen|erbeutet|abgezogen|"
        r"gestolen|buitgemaakt|gekopieerd|"
        r"vole|volees|voles|derobe|exfiltr|"
        r"robad|robo de|sustraid|exfiltrad|"
        r"rubat|sottratt|trafugat|esfiltrat|"
        r"roubad|furtad|exfiltrad|"
        r"varastet|anastet|vienyt|viety|vei tiedo|"
        r"skradzion|kradziez|wykradzion|wykradl|"
        r"ukradn|odcudzen|varastat|nozagt|furat|sustras|laadis alla|alla laadi|pavog|ellopt|ukraden",
        negated="no data stolen",
    ),
    Concept(
        "data_stolen",
        "accessed",
        r"(?:accessed|gained access to|got access to|had access to|viewed)[^.]{0,40}(?:data|information|details|records|names|files)|"
        r"(?:data|information|details|records|names|addresses|files)[^.]{0,60}(?:were|was|have been|had been|has been) (?:accessed|viewed|exposed|compromised)|"
        r"fick tillgang till|har fatt tillgang till|fikk tilgang til|fik adgang til|zugriff auf|zugang zu (?:daten|den daten)|"
        r"toegang tot (?:gegevens|de gegevens|data)|acces aux donnees|ont eu acces|tuvieron acceso|accedieron a|"
        r"ottenuto accesso|hanno avuto accesso|paasivat kasiksi|uzyskali dostep|tiveram acesso",
        needs=("DATA_ACT",),
        negated="no data stolen",
    ),
    Concept(
        "data_kinds",
        "names and addresses",
        r"(?:names?|namn|navn|namen|noms?|nombres?|nomi|nimet|nazwisk)[^.]{0,40}(?:address|adress|adresse|adres|indirizz|direcci|osoit)",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "phone numbers",
        r"phone number|telefonnummer|telefonnumre|telefonnummern|telefoonnummer|numeros? de telephone|"
        r"numeros? de telefono|numeri di telefono|puhelinnumero|numery telefon|handynummer",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "dates of birth",
        r"date of birth|dates of birth|birth date|fodelsedatum|fodselsdato|fodselsdatoer|geburtsdat|geboortedat|"
        r"dates? de naissance|fechas? de nacimiento|date di nascita|syntymaaik|dat[ay] urodzenia",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "passwords",
        r"password|losenord|passord|adgangskode|passwort|wachtwoord|mot de passe|contrasena|password|salasan|hasl",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_stolen",
        "no data stolen",
        r"no (?:data|evidence|indication|sign)[^.]{0,60}(?:stolen|taken|exfiltrat|accessed|leaked)|"
        r"no data (?:was|were|has been|have been) (?:stolen|lost|taken)|nothing was stolen|no data loss|"
        r"no data (?:are|is) lost|inga (?:uppgifter|data)[^.]{0,40}(?:stulits|lackt|kommit)|ingen data|"
        r"ingen tegn|ingen indikasjon|keine daten|keine hinweise|kein datenabfluss|geen gegevens|geen aanwijzing|"
        r"aucune donnee|aucun vol|ningun dato|ninguna prueba|nessun dato|ei tietoja|ei merkkeja|brak dowodow|"
        r"zadne dane|nenhum dado",
        inherent=True,
    ),
    Concept(
        "data_published",
        "published",
        r"publish|leaked|leak\b(?! ?site)|posted|released|dumped|put online|made available|uploaded|"
        r"publicer|publiser|offentliggjor|lagt ut|lackt|lackts|lekket|laekket|"
        r"veroffentlich|geleakt|ins netz gestellt|gepubliceerd|gelekt|online gezet|"
        r"publie|divulgu|mis en ligne|publicad|filtrad|difundid|pubblicat|diffus|"
        r"julkais|vuot|vuod|opublikow|wyciek|upubliczn|vazad|divulgad|zverejn|unikl[ao]?\b|avaldat|lekkinud|"
        r"publicet|noplud|publicat|scurs|lekkis|nutek|kiszivarg|zverejnen",
        negated="not published",
    ),
    Concept(
        "data_site",
        "the dark web",
        r"dark ?web|darknet|dark net|deep web|morka natet|morke nett|morke web|dunkle[nm]? (?:netz|web)|"
        r"tor network|tor-netz|onion|web oscur|red oscur|web profond|dark-web|pimea verkko|pimeaan verkkoon|"
        r"ciemn\w* (?:sieci|stron)|temn\w* web|tumeveeb|tumsaj|dark",
    ),
    Concept(
        "data_site",
        "a leak site",
        r"leak site|leak-site|leaksite|lackningssajt|lackagesajt|lekkasjeside|lakagesite|leak-seite|leakseite|"
        r"site de fuite|site vitrine|sitio de filtracion|portal de filtraciones|sito di leak|vuotosivusto|"
        r"blog\w* (?:of|de|di|der) (?:the )?(?:gang|group|hacker|ransomware|cybercrimin)|its blog|sein(?:em)? blog",
    ),
    Concept(
        "data_sale",
        "for sale",
        r"for sale|auction|sold|sell|till salu|auktion|salu|til salg|salg|zum verkauf|versteiger|verkauf|"
        r"te koop|geveild|veiling|en vente|enchere|a la venta|subasta|vendita|in vendita|asta|myyn|huutokaup|"
        r"sprzeda|licytac|venda|leilao|predaj|dražb|muuk|pardosan|vanzare|licitat",
    ),
    Concept(
        "data_kinds",
        "personal data",
        r"personal data|personal information|personal details|personuppgift|personopplysning|personoplysning|"
        r"personenbezogen|personendaten|persoonsgegevens|donnees personnelles|donnees a caractere personnel|"
        r"datos personales|dati personali|henkilotie|dane osobow|dados pessoais|osobne udaje|osobni udaj|"
        r"isikuandme|personas dati|date personale|date cu caracter personal",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "health data",
        r"health|medical|patient|halsa|halso|helse|sundhed|gesundheit|medizin|gezondheid|medisch|sante|"
        r"medical|salud|medic|salute|sanitari|terveys|potila|zdrow|medyczn|saude|zdravot|terviseandme|veselib|sanatat",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "national ID numbers",
        r"social security|personnummer|personnumre|fodselsnummer|cpr-nummer|cpr-numre|sozialversicherungsnummer|"
        r"burgerservicenummer|\bbsn\b|securite sociale|henkilotunnu|pesel|\bdni\b|codice fiscale|identity number|"
        r"id number|id card|passport|pass(?:nummer|kopie)|ausweis|rodne cislo|isikukood|personas kods|\bcnp\b",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "bank details",
        r"bank account|bank details|account number|credit card|card data|payment data|kontonummer|kreditkort|"
        r"kreditkarte|bankverbindung|iban|carte bancaire|coordonnees bancaires|tarjeta|cuenta bancaria|"
        r"carta di credito|dati bancari|luottokort|pankkitie|karta kredyt|dane bankow|cartao|bankov|pangakaart",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "employee data",
        r"employee|staff|anstalld|medarbetar|personal(?:ens|data)|ansatt|medarbejder|mitarbeiter|beschaftigt|"
        r"medewerker|personeel|salarie|personnel|empleado|trabajador|dipendent|tyontekij|henkilost|"
        r"pracownik|funcionari|zamestnan|tootaja|darbinie|angajat|\bhr\b|human resources",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "customer data",
        r"customer|kund|kunde|klant|client|asiakas|klient|abonnent|passenger|passager|pasajer|passegger|"
        r"passageir|matkustaj|pasazer|zakaznik|klient",
        needs=("DATA_ACT",),
    ),
    Concept(
        "data_kinds",
        "e-mail addresses",
        r"e-mail address|email address|e-postadress|e-postadresse|e-mail-adresse|adresses e-mail|"
        r"direcciones de correo|indirizzi e-mail|sahkopostiosoit|adresy e-mail|enderecos de e-mail",
        needs=("DATA_ACT",),
    ),
    # --- ransom ---
    Concept(
        "ransom",
        "demanded",
        _RANSOM_WORDS,
        needs=("DEMAND",),
    ),
    Concept(
        "ransom",
        "demanded",
        r"ransom demand|ransom note|losensumm|losesumm|losepengekrav|krav om losepeng|losesumskrav|"
        r"losegeldforderung|erpresserbrief|erpresserschreiben|utpressningsbrev|afpersingsbrief|losgeldeis|"
        r"demande de rancon|demande de ran|peticion de rescate|richiesta di riscatto|lunnasvaatimu|"
        r"zadanie okupu|pedido de resgate",
    ),
    Concept(
        "ransom_response",
        "refused",
        r"refus|not (?:to )?pay|won't pay|will not pay|would not pay|did not pay|didn't pay|never pay|declin|"
        r"no ransom (?:was|has been|will be) paid|not be paid|not negotiat|no negotiat|not give in|reject|"
        r"vagra|inte betala|inte (?:kommer att )?betala|kommer inte (?:att )?betala|inte kommer att betala|inte betalat|aldrig betala|ikke betale|ikke betalt|ikkje betale|"
        r"avvis|afvis|nicht zahlen|nicht bezahlen|nicht gezahlt|keine zahlung|kein losegeld|verweiger|weiger|"
        r"niet betalen|niet betaald|geen losgeld|pas payer|ne paiera|ne pas payer|ne va pas payer|refuse|"
        r"no pagar|no pagara|no ha pagado|no se pagara|se nego|rechaz|non pagare|non paghera|rifiut|"
        r"ei maksa|ei aio maksaa|kieltaytyi|nie zaplac|nie zamierza plac|odmow|nao pagar|nao pagou|recus|"
        r"nebude platit|nezaplat|ei maksa|atsak|nu va plati|refuz|"
        r"(?:inte|ikke|ikkje|nicht|niet|pas|no|non|ei) (?:\w+ ){0,3}(?:bemota|mota|motes|tillmotesga|ga med pa|"
        r"etterkomme|efterkomme|imotekomme|nachkommen|eingehen|ingaan|ceder|acceder|cedere|suostu)",
        needs=("RANSOM",),
        inherent=True,
    ),
    Concept(
        "ransom_response",
        "refused",
        r"refused to pay|refuses to pay|refusing to pay|will not pay|won't pay|would not pay|did not pay|"
        r"didn't pay|will not be paid|not to pay|vagrar betala|vagrade betala|vil ikke betale|ville ikke betale|"
        r"vil ikkje betale|nagter at betale|afviser at betale|will nicht zahlen|weigert sich,? zu zahlen|"
        r"wil niet betalen|weigert te betalen|refuse de payer|refuse de payer|refusent de payer|a refuse de payer|"
        r"se niega a pagar|no va a pagar|rifiuta di pagare|non paghera|kieltaytyi maksamasta|ei aio maksaa|"
        r"odmowil zaplaty|odmawia zaplaty|recusou-se a pagar|nao vai pagar|not agree to the demands|"
        r"inte ga med pa|inte kommer att ga med|not meet the demands|not comply|instead of paying|rather than pay|"
        r"without paying|i stallet for att betala|istallet for att betala|i stedet for a betale|i stedet for at betale|"
        r"statt zu zahlen|anstatt zu zahlen|ohne zu zahlen|in plaats van te betalen|au lieu de payer|sans payer|"
        r"en lugar de pagar|sin pagar|invece di pagare|senza pagare|maksamatta|sen sijaan etta maksa|zamiast zaplacic|"
        r"lehnte die zahlung ab|lehnt die zahlung ab|zahlung abgelehnt|weigerte sich",
        inherent=True,
    ),
    Concept(
        # "will not pay" without the word ransom, in a sentence marked negated
        "ransom_response",
        "",
        r"pay|paid|betal|udbetal|zahl|bezahl|paye|payer|pag|maks|zaplac|plat|platit",
        negated="refused",
    ),
    Concept(
        "ransom_response",
        "paid",
        r"paid the ransom|paid a ransom|ransom was paid|ransom has been paid|agreed to pay|"
        r"betalade losen|betalt losepenger|betalte losesum|losegeld gezahlt|losegeld bezahlt|losgeld betaald|"
        r"paye la rancon|pago el rescate|pagato il riscatto|maksoi lunnaat|zaplacil okup|pagou o resgate",
        negated="refused",
    ),
    # --- claims and attribution (actor names come from the entities) ---
    Concept(
        "perpetrator_unknown",
        "unknown",
        r"unknown|not known|unclear who|unidentified|no contact|okand|okanda|ukjent|ukendt|unbekannt|"
        r"onbekend|inconnu|desconocid|sconosciut|ignot|tuntemat|nieznan|desconhecid|neznam|tundmatu|nezinam|necunoscut",
        needs=("ATTACKER",),
    ),
    # --- recovery ---
    Concept(
        "recovery",
        "restored",
        r"restored|back online|back up and running|up and running again|running again|working again|"
        r"operational again|available again|reopened|back to normal|aterstallda|aterstallts|aterstalld|"
        r"igang igen|i gang igen|fungerar igen|fungerer igjen|virker igjen|oppe igjen|oppe at kore|"
        r"genoprettet|korer igen|wiederhergestellt|wieder (?:online|erreichbar|verfugbar|in betrieb|nutzbar|da)|"
        r"hersteld|weer (?:online|bereikbaar|beschikbaar|operationeel)|retabli|de nouveau (?:accessible|disponible|operationnel)|"
        r"restablecid|de nuevo operativ|vuelto a la normalidad|volvi\w* a la normalidad|ripristinat|tornat[oi] (?:online|operativ|disponibil)|"
        r"palautettu|palautui|toimii taas|toimivat taas|przywrocon|znow dzial|restabelecid|obnoven|taastatud|atjaunot|restabilit",
    ),
    Concept(
        "recovery",
        "restoration under way",
        r"restor|recover|rebuil|aterstall|aterupp|gjenoppretting|gjenopprett|genopret|wiederherstell|wiederaufbau|"
        r"herstel|retablissement|restaur|restablec|recuper|ripristin|palautus|palautt|przywrac|odbudow|restabelec|obnov|taast|atjauno|restabil",
        excludes=("RANSOM",),  # "a ransom to recover the systems" is no restoration
    ),
    # --- later stages ---
    Concept(
        "later",
        "arrest",
        r"arrest|gripen|gripits|anhallen|hakt|pagrepet|pagripen|arrestert|anholdt|festgenommen|verhaftet|"
        r"gearresteerd|aangehouden|interpelle|arrete|detenid|arrestat|fermato|pidatet|pidatettiin|zatrzyman|"
        r"aresztowan|detido|zadrzan|zatknut|vahistat|aizturet|retinut",
    ),
    Concept(
        "later",
        "charges",
        r"charged|indicted|prosecuted|atal\b|atalad|tiltale|tiltalt|anklag|angeklagt|anklage erhoben|aangeklaagd|"
        r"inculpe|mis en examen|acusad|imputad|rinviat a giudizio|syyte|syytet|oskarzon|akt oskarzenia|"
        r"obvinen|obzalov|suudistus|apsudz|inculpat",
    ),
    Concept(
        "later",
        "fine",
        r"fined|a fine|penalty|sanktionsavgift|boter|overtredelsesgebyr|bode\b|bussgeld|geldbusse|boete|amende|"
        r"multa|sanzione|sakko|seuraamusmaksu|kara pieniezn|grzywn|coima|pokut|trahv|sodu nauda|amenda",
    ),
    Concept(
        "later",
        "investigation closed",
        rf"(?:{INVESTIGATE})[^.]{{0,60}}(?:closed|dropped|discontinued|shelved|nedlagd|lagts ned|lades ned|"
        r"henlagt|henlagd|eingestellt|geseponeerd|classe|archivad|archiviat|lopetet|umorzon|zastaven|lopetati)",
    ),
]

# "external / called in" for experts
EXTERNAL = (
    r"extern|outside|third-party|called in|brought in|hired|engaged|help|assist|support|"
    r"hjalp|bistand|inhyrd|anlita|tog in|tilkalt|hentet inn|hilfe|unterstutz|hinzugezogen|beauftragt|"
    r"hulp|ingeschakeld|ingehuurd|aide|fait appel|mandat|ayuda|apoyo|contratad|aiuto|supporto|incaricat|"
    r"apua|avuksi|tuke|pomoc|wsparc|zewnetrzn|ajuda|apoio|pomoc|abi|palidz|ajutor"
)
CONTEXTS["EXTERNAL"] = EXTERNAL
CONTEXTS["ENCRYPT"] = _ENCRYPT
# "can take several months": how long the crisis or recovery lasts
CONTEXTS["TAKE"] = (
    r"can take|could take|may take|will take|might take|expected to take|last|kan ta|kommer att ta|kan vara|"
    r"kan tage|vil tage|kan dauern|wird dauern|dauern|kan duren|zal duren|prendre|prendra|durer|tardar|durar|"
    r"llevar|richiedere|durare|vorra|kestaa|voi kestaa|potrwa|moze potrwac|levar|pode levar|trvat|kesta|ilgt"
)
# a ransom that was asked for (not the word in a definition): demand, note, amount, payment
CONTEXTS["DEMAND"] = (
    r"demand|sought|asked|want|pay|paid|note|letter|message|amount|sum\b|summ|bitcoin|deadline|"
    r"pid|pedi|solicit|chied|richied|reclam|wezwa|zada|"
    r"krav|krev|kraev|forder|verlang|eis|exig|richiest|chied|vaati|zada|pozad|betal|zahl|pag|maks|plac|plat|"
    r"brev|brief|lettre|carta|lettera|kirje|list\b|meddelande|melding|besked|nachricht|bericht|viesti|wiadomosc|"
    r"betrag|bedrag|montant|monto|importo|kwot|frist|ultimatum|€|\$|£|euro|dollar|kron|franken"
)
# how the attackers got in: "via", "through"
CONTEXTS["VIA"] = (
    r"via|through|got in|gained access|genom|gjennom|gennem|uber|durch|door|par l'intermediaire|par le biais|"
    r"a traves|tramite|attraverso|kautta|przez|prin|cez|kaudu|caur|por meio|"
    r"exploit|ausgenutzt|ausnutz|utnytt|misbrug|uitgebuit|aprovech|sfrutt|hyodyn|wykorzyst|zneuzi"
)
# a fine and its amount
CONTEXTS["FINE"] = (
    r"fined|a fine|penalty|sanktionsavgift|boter|overtredelsesgebyr|bode\b|bussgeld|geldbusse|boete|"
    r"amende|multa|sanzione|sakko|seuraamusmaksu|grzywn|kara|pokut|trahv|sodu nauda|amenda"
)

# Actors: who claimed, who is suspected; nation-state attribution (adjective -> cues).
NATIONS = {
    "Russian": r"russia|russian|ryssland|rysk|russland|russisk|russisch|russie|russe|rusia|ruso|rusa|russia|russo|"
    r"venaja|venalai|rosj|rosyj|rusko|rusk|venemaa|vene\b|krievij|rusia|rus\b",
    "Chinese": r"china|chinese|kina|kines|chinesisch|chinees|chine|chinois|chino|cinese|kiina|kiinal|chin|cinsk|hiina",
    "North Korean": r"north korea|nordkorea|nord-korea|nordkoreansk|noord-korea|coree du nord|corea del norte|"
    r"corea del nord|pohjois-korea|korea polnocn|severn",
    "Iranian": r"iran",
}
STATE = (
    r"state|government|intelligence|staat|bundesregierung|military|gru|fsb|svr|apt\s?\d|fancy bear|stat|regering|regjering|"
    r"staatlich|regierung|geheimdienst|militar|overheid|inlichtingen|etat|gouvernement|renseignement|"
    r"estado|gobierno|inteligencia|stato|governo|intelligence|valtio|hallitus|tiedustelu|panstw|rzad|wywiad|vlad|statn"
)
