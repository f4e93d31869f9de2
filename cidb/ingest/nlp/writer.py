"""English summary and description of an incident, written from its event frame.

Each written sentence comes from named frame slots (``text_provenance``), so every
statement can be traced to the source sentences the slots keep. Nothing is stated
that the frame does not hold; claims are worded as claims, suspicions as suspicions,
disputed values as disputed. Dates, numbers and lists are formatted for English
readers ("on 5 September 2023", "about 4,000 computers", "A, B and C").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pycountry

from .numbers import format_quantity

TYPE_LABEL = {
    "ransomware": "a ransomware attack",
    "ddos": "a DDoS attack",
    "data_breach": "a data breach",
    "intrusion": "a network intrusion",
    "account_compromise": "an account compromise",
    "phishing": "a phishing or fraud attack",
    "defacement": "a website defacement",
    "supply_chain": "a supply-chain compromise",
    "wiper": "a wiper attack",
    "extortion": "an extortion attack",
    "espionage": "a cyber-espionage operation",
    "other": "a cyberattack",
}
AGENCY_LABEL = {
    "BSI": "the federal office for information security (BSI)",
    "BfV": "the domestic intelligence service (BfV)",
    "Verfassungsschutz": "the domestic intelligence service (Verfassungsschutz)",
    "NCSC": "the national cyber security centre (NCSC)",
    "MSB": "the civil contingencies agency (MSB)",
    "NSM": "the national security authority (NSM)",
    "CFCS": "the centre for cyber security (CFCS)",
    "ANSSI": "the national cyber security agency (ANSSI)",
    "ACN": "the national cybersecurity agency (ACN)",
    "INCIBE": "the national cybersecurity institute (INCIBE)",
    "CCB": "the centre for cybersecurity (CCB)",
    "Traficom": "the Finnish transport and communications agency's cyber security centre (Traficom)",
}
UNIT_NOUN = {
    "computers": "computers",
    "servers": "servers",
    "employees": "employees",
    "municipalities": "municipalities and districts",
    "stores": "stores",
    "customers": "customers",
    "users": "users",
    "websites": "websites",
    "people": "people",
    "patients": "patients",
    "pupils": "pupils",
    "records": "records",
    "files": "files",
    "accounts": "accounts",
}


def join(items: list[str], conj: str = "and") -> str:
    """["A"] -> "A"; ["A", "B"] -> "A and B"; ["A", "B", "C"] -> "A, B and C"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return items[0] if items else ""
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def date_phrase(date: str | None) -> str:
    """ "2023-09-05" -> "on 5 September 2023", "2023-09" -> "in September 2023",
    "2023" -> "in 2023"; "" when the date is unknown."""
    if not date:
        return ""
    parts = str(date).split("-")
    try:
        if len(parts) >= 3:
            d = dt.date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
            return f"on {d.day} {d:%B %Y}"
        if len(parts) == 2:
            return f"in {dt.date(int(parts[0]), int(parts[1]), 1):%B %Y}"
        return f"in {int(parts[0])}"
    except ValueError:
        return ""


# Country names read with "the" in running text ("in the Netherlands").
_WITH_THE = {"NL", "GB", "US", "CZ", "PH", "AE", "BS", "GM", "MV", "MH", "SB", "VA", "KY", "FO"}


def country_name(code: str | None) -> str | None:
    """English name for running text: "SE" -> "Sweden", "NL" -> "the Netherlands"."""
    if not code:
        return None
    c = pycountry.countries.get(alpha_2=code)
    name = getattr(c, "common_name", None) or (c.name if c else code)
    return f"the {name}" if code.upper() in _WITH_THE else name


def quantity(v: dict, noun: str | None = None) -> str:
    """{"value": 4000, "unit": "computers", "qualifier": "about"} -> "about 4,000 computers";
    a vague value (None) -> "several weeks"."""
    unit = v["unit"]
    if v.get("value") is None:
        return f"several {unit}"
    text = format_quantity(v["value"], unit if noun is None else None)
    if noun:
        text = f"{text} {noun}"
    q = v.get("qualifier")
    return f"{q} {text}" if q else text


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


class _Text:
    """Sentences with the slots they were written from."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, list[str]]] = []  # (part, sentence, slots)

    def add(self, part: str, sentence: str, slots: list[str]) -> None:
        sentence = _cap(sentence.strip())
        if not sentence.endswith((".", "!", "?")):
            sentence += "."
        self.items.append((part, sentence, slots))

    def part(self, name: str) -> list[str]:
        return [s for p, s, _ in self.items if p == name]


def _values(frame: dict, slot: str) -> list:
    v = (frame.get(slot) or {}).get("value")
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _value(frame: dict, slot: str) -> Any:
    vs = _values(frame, slot)
    return vs[0] if vs else None


def _what(d: dict, frame: dict, t: _Text) -> None:
    victim = d.get("victim") or "An organisation"
    where = country_name(d.get("country"))
    types = [x for x in d.get("attack_types") or [] if x != "other"] or ["other"]
    what = TYPE_LABEL.get(types[0], "a cyberattack")
    s = f"{victim}{f' in {where}' if where else ''} was hit by {what}"
    when = date_phrase(d.get("date"))
    if when:
        s += f" {when}"
    slots = ["victim", "country", "attack_types"] + (["date"] if when else [])
    if _value(frame, "encrypted") == "encrypted":
        s += " in which data on its systems was encrypted"
        slots.append("encrypted")
    t.add("what", s, slots)
    entries = _values(frame, "entry_point")
    if entries:
        t.add("what", f"The attackers got in through {join(entries, 'or')}", ["entry_point"])
    if _value(frame, "backups_deleted"):
        t.add("what", "The attackers also deleted backups", ["backups_deleted"])
    if len(types) > 1:
        # extortion goes without saying for ransomware
        implied = {"extortion"} if "ransomware" in types else set()
        others = [TYPE_LABEL[x] for x in types[1:] if x in TYPE_LABEL and x not in implied]
        if others:
            t.add("what", f"Sources also describe it as {join(others)}", ["attack_types"])


def _impact(d: dict, frame: dict, t: _Text) -> None:
    services = _values(frame, "services")
    # computers/servers are said with their numbers when there are any
    counted = {v["unit"] for v in _values(frame, "affected")}
    services = [s for s in services if s not in counted]
    if services:
        t.add("impact", f"The attack disrupted {join(services[:7])}", ["services"])
    # a figure the data paragraph gives ("data of 43 million people") is not repeated
    told = {(v.get("value"), v["unit"]) for v in _values(frame, "data_subjects")}
    affected = [v for v in _values(frame, "affected") if (v.get("value"), v["unit"]) not in told]
    if affected:
        parts = [quantity(v, UNIT_NOUN.get(v["unit"], v["unit"])) for v in affected[:3]]
        verb = "was" if len(parts) == 1 and affected[0].get("value") == 1 else "were"
        t.add("impact", f"{join(parts)} {verb} affected", ["affected"])
    outage = _values(frame, "outage_duration")
    if outage:
        t.add("impact", f"The disruption lasted {quantity(outage[0])}", ["outage_duration"])
    if _value(frame, "manual_operations"):
        t.add(
            "impact",
            "Staff switched to manual procedures, working with pen and paper",
            ["manual_operations"],
        )
    care = _values(frame, "patients_diverted")
    if "emergency care suspended" in care:
        tail = (
            " and patients were diverted to other hospitals" if "patients diverted" in care else ""
        )
        t.add("impact", f"Emergency care was suspended{tail}", ["patients_diverted"])
    elif care:
        t.add("impact", "Patients were diverted to other hospitals", ["patients_diverted"])


def _response(d: dict, frame: dict, t: _Text) -> None:
    victim = d.get("victim") or "The organisation"
    acts, slots = [], []
    verbs = {
        "shut down": "shut down its systems",
        "disconnected": "took its systems offline",
        "isolated": "isolated the affected systems",
    }
    cont = [
        verbs[c]
        for c in ("shut down", "disconnected", "isolated")
        if c in _values(frame, "containment")
    ]
    if cont:
        acts.append(join(cont[:2]))
        slots.append("containment")
    if _value(frame, "external_experts"):
        acts.append("brought in external IT security experts")
        slots.append("external_experts")
    crisis = _values(frame, "crisis")
    if "state of emergency" in crisis:
        acts.append("declared a state of emergency (disaster)")
    elif "crisis management" in crisis:
        acts.append("activated its crisis management team")
    elif "emergency plan" in crisis:
        acts.append("activated its emergency plan")
    if crisis:
        slots.append("crisis")
    told = []
    police = _values(frame, "police")
    if "criminal complaint" in police:
        acts.append("filed a criminal complaint with the police")
        slots.append("police")
    elif "reported to the police" in police:
        told.append("the police")
    if _value(frame, "dpa"):
        names = _values(frame, "dpa_name")[:1]
        told.append("the data protection authority" + (f" ({names[0]})" if names else ""))
        slots += ["dpa", "dpa_name"] if names else ["dpa"]
    if told:
        acts.append(f"notified {join(told)}")
        if "police" not in slots and "reported to the police" in police:
            slots.append("police")
    if acts:
        t.add("response", f"{victim} {join(acts)}", slots)
    if "investigating" in police:
        t.add("response", "Police and prosecutors opened a criminal investigation", ["police"])
    victim_folded = (d.get("victim") or "").casefold()
    certs = [c for c in _values(frame, "cert") if c.casefold() != victim_folded][:4]
    if certs:
        names = [AGENCY_LABEL.get(c, c) for c in certs]
        verb = "was" if len(names) == 1 else "were"
        t.add("response", f"{_cap(join(names))} {verb} involved in the response", ["cert"])


def _data(d: dict, frame: dict, t: _Text) -> None:
    stolen = _value(frame, "data_stolen")
    published = _value(frame, "data_published") == "published"
    kinds = _values(frame, "data_kinds")
    what = join(kinds[:4]) if kinds else "data"
    volume = _values(frame, "data_volume")
    vol = f" ({quantity(volume[0])})" if volume else ""
    subjects = [v for v in _values(frame, "data_subjects") if v.get("value") is not None]
    whose = ""
    if subjects:
        whose = " concerning " + join(
            [quantity(v, UNIT_NOUN.get(v["unit"], v["unit"])) for v in subjects[:2]]
        )
    sites = _values(frame, "data_site")
    site = f" on {sites[0]}" if sites else ""
    slots = [
        s for s in ("data_stolen", "data_kinds", "data_volume", "data_subjects") if frame.get(s)
    ]
    if stolen == "stolen" and published:
        t.add(
            "data",
            f"The attackers stole {what}{vol}{whose} and later published it{site}",
            slots + ["data_published", "data_site"],
        )
    elif stolen == "stolen":
        t.add("data", f"The attackers stole {what}{vol}{whose}", slots)
    elif published:
        t.add(
            "data",
            f"{_cap(what)}{vol}{whose} {'were' if kinds else 'was'} published{site}",
            slots + ["data_published", "data_site"],
        )
    elif stolen == "accessed":
        t.add("data", f"The attackers accessed {what}{vol}{whose}", slots)
    elif stolen == "possibly stolen":
        t.add("data", f"{_cap(what)}{whose} may have been accessed by the attackers", slots)
    elif stolen == "no data stolen":
        t.add(
            "data",
            "According to the sources there is no indication of any data loss",
            ["data_stolen"],
        )
    elif volume:
        t.add("data", f"The breach concerned {quantity(volume[0])} of data{whose}", slots)
    elif subjects:
        t.add("data", f"The breach affected data{whose}", slots)
    if _value(frame, "data_sale"):
        t.add("data", "The stolen data was offered for sale", ["data_sale"])


def _ransom(d: dict, frame: dict, t: _Text) -> None:
    victim = d.get("victim") or "the organisation"
    demanded = _value(frame, "ransom") == "demanded"
    response = _value(frame, "ransom_response")
    amounts = _values(frame, "ransom_amount")
    amount = f" of {quantity(amounts[0])}" if amounts else ""
    slots = [s for s in ("ransom", "ransom_amount", "ransom_response") if frame.get(s)]
    disputed = not (frame.get("ransom_response") or {}).get("agree", True)
    ransom_case = (
        demanded or amounts or {"ransomware", "extortion"} & set(d.get("attack_types") or [])
    )
    if response == "refused" and not disputed and ransom_case:
        if demanded or amounts:
            t.add(
                "ransom",
                f"The attackers demanded a ransom{amount}, which {victim} refused to pay",
                slots,
            )
        else:
            t.add("ransom", f"{victim} refused to pay a ransom", slots)
    elif response == "paid" and not disputed:
        t.add(
            "ransom",
            f"The attackers demanded a ransom{amount}; according to the sources it was paid",
            slots,
        )
    elif demanded or amounts:
        t.add("ransom", f"The attackers demanded a ransom{amount}", slots)
        if disputed:
            t.add("ransom", "Sources disagree on whether it was paid", ["ransom_response"])


def _claims(d: dict, frame: dict, t: _Text) -> None:
    claimed = _values(frame, "claimed_by")
    suspected = [a for a in _values(frame, "suspected") if a not in claimed]
    if claimed:
        verb = "claimed" if len(claimed) == 1 else "each claimed"
        t.add("claims", f"{join(claimed)} {verb} responsibility for the attack", ["claimed_by"])
    if suspected:
        t.add("claims", f"Sources link the attack to {join(suspected)}", ["suspected"])
    named = [a for a in _values(frame, "named_actor") if a not in claimed and a not in suspected]
    if named:
        t.add(
            "claims",
            f"The sources name {join(named)} in connection with the attack",
            ["named_actor"],
        )
    nation = _value(frame, "nation")
    if nation and not claimed:
        t.add("claims", f"The attack was attributed to {nation} actors", ["nation"])
    if _value(frame, "perpetrator_unknown") and not claimed and not suspected and not named:
        t.add("claims", "The perpetrators are unknown", ["perpetrator_unknown"])


def _recovery(d: dict, frame: dict, t: _Text) -> None:
    rec = _value(frame, "recovery")
    time = _values(frame, "recovery_time")
    if rec == "restored":
        t.add("recovery", "Systems were later restored", ["recovery"])
    elif rec == "partly restored":
        t.add("recovery", "Systems were later partly restored", ["recovery"])
    elif rec == "still disrupted":
        t.add(
            "recovery", "Some services were still disrupted at the time of reporting", ["recovery"]
        )
    if time:
        t.add(
            "recovery",
            f"Restoring the systems was expected to take {quantity(time[0])}",
            ["recovery_time"],
        )
    elif rec == "restoration under way":
        t.add("recovery", "Work to restore the systems was under way", ["recovery"])
    cost = _values(frame, "cost")
    if cost:
        t.add("recovery", f"The cost of the incident was put at {quantity(cost[0])}", ["cost"])
    later = _values(frame, "later")
    phrases = {
        "arrest": "an arrest was made",
        "charges": "charges were brought",
        "fine": "a fine was imposed",
        "investigation closed": "the criminal investigation was closed",
    }
    fines = _values(frame, "fine_amount")
    if fines:
        phrases["fine"] = f"a fine of {quantity(fines[0])} was imposed"
        later = [*later, "fine"]
    steps = [
        phrases[x] for x in ("arrest", "charges", "fine", "investigation closed") if x in later
    ]
    if steps:
        t.add("recovery", f"Later, {join(steps)}", ["later"] + (["fine_amount"] if fines else []))


def _timeline(d: dict, t: _Text) -> None:
    steps = []
    start = str(d.get("date") or "")[:7]
    for e in d.get("timeline") or []:
        if start and str(e.get("date") or "")[:7] < start:
            continue  # a stage before the attack belongs to another story
        when = date_phrase(e.get("date"))
        if when and e.get("event") and e["event"] != "attack reported":
            steps.append(f"{e['event']} {when}")
        if len(steps) >= 4:
            break
    if steps:
        t.add("chronology", f"Reported stages: {join(steps)}", ["timeline"])


_NUMBER_LABEL = {
    "affected": "the number affected",
    "data_subjects": "the number of people or records affected",
    "data_volume": "the amount of data",
    "ransom_amount": "the ransom amount",
    "outage_duration": "how long services were down",
    "recovery_time": "how long recovery would take",
    "cost": "the cost",
}


def _unknowns(d: dict, frame: dict, t: _Text) -> None:
    for c in d.get("conflicts") or []:
        field = c.get("field", "")
        vals = [str(v.get("value")) for v in c.get("values", [])][:3]
        if field.startswith("number:"):
            label = _NUMBER_LABEL.get(field.split(":", 1)[1], "a figure")
            t.add(
                "unknown",
                f"Sources give different figures for {label}: {join(vals, 'and')}",
                [field],
            )
        elif field == "date":
            # the dates themselves stay in the conflicts list: a losing date is often
            # another incident's, and stating it would repeat the error
            t.add("unknown", "Sources differ on when the attack happened", ["date"])
        elif field == "person":
            t.add("unknown", f"Sources name people differently: {join(vals, 'and')}", ["people"])
    if not d.get("date"):
        t.add("unknown", "The sources give no date for the attack", ["date"])
    named = any(
        frame.get(s)
        for s in ("claimed_by", "suspected", "named_actor", "nation", "perpetrator_unknown")
    )
    if not named and not d.get("actors"):
        t.add("unknown", "The sources do not name the attackers", ["claimed_by"])


def compose(d: dict) -> _Text:
    frame = d.get("frame") or {}
    t = _Text()
    _what(d, frame, t)
    _timeline(d, t)
    _impact(d, frame, t)
    _response(d, frame, t)
    _data(d, frame, t)
    _ransom(d, frame, t)
    _claims(d, frame, t)
    _recovery(d, frame, t)
    _unknowns(d, frame, t)
    return t


# Summary: the opening sentence, then one sentence per group of parts (clauses of a
# group joined with semicolons), in this order, within SUMMARY_MAX characters.
SUMMARY_GROUPS = (("impact",), ("data", "ransom", "claims"), ("response", "recovery"))
SUMMARY_MAX = 750
# Clause openings written by this module that are not names: lower-cased after ";".
_COMMON_START = re.compile(
    r"^(?:The|Staff|Some|Systems|Sources|Work|Police|Patients|Later|According|Data|Restoring|About|"
    r"More than|Nearly|At least|Up to|Emergency|Customer|Employee|Personal|Health)\b"
)


def _clause(sentence: str) -> str:
    s = sentence.rstrip(".")
    return s[0].lower() + s[1:] if _COMMON_START.match(s) else s


def _joined(sentences: list[str]) -> str:
    """Sentences of one group as one: "A; b; c." ("the attackers" once, then "they")."""
    if not sentences:
        return ""
    clauses = [sentences[0].rstrip(".")] + [_clause(s) for s in sentences[1:]]
    for i in range(1, len(clauses)):
        if clauses[i].startswith("the attackers ") and any(
            "attackers" in c.lower() for c in clauses[:i]
        ):
            clauses[i] = "they " + clauses[i][len("the attackers ") :]
    return "; ".join(clauses) + "."


def write(d: dict) -> tuple[str, str, list[dict]]:
    """(summary, description, text_provenance) for a draft with a ``frame``."""
    t = compose(d)
    summary = t.part("what")[:1]
    length = len(summary[0]) if summary else 0
    for group in SUMMARY_GROUPS:
        sentences = [x for part in group for x in t.part(part)]
        # drop clauses from the end until the sentence fits
        while sentences:
            s = _joined(sentences)
            if length + len(s) + 1 <= SUMMARY_MAX:
                summary.append(s)
                length += len(s) + 1
                break
            sentences = sentences[:-1]
    paragraphs = [
        t.part("what") + t.part("chronology"),
        t.part("impact") + t.part("response") + t.part("recovery"),
        t.part("data") + t.part("ransom") + t.part("claims"),
        t.part("unknown"),
    ]
    description = "\n\n".join(" ".join(p) for p in paragraphs if p)
    provenance = [{"sentence": s, "slots": slots, "part": part} for part, s, slots in t.items]
    return " ".join(summary), description, provenance
