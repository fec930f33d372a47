"""'Mijn plan' (issue 15, ADR 0020): the person's own plan in plain Dutch, with a pictogram per
domain, printed in the cell and taken through the gate. Pure functions over facts already
fetched (`selectors.mijn_plan_feiten`): no queries, no clock. Nothing is typed again: every
line is worded from the basisvoorwaarden, the release preparations, the running actions with
their owner, the planned meetings after release and the contact points.

The words are B1 (short sentences, "je", no professional jargon; `JARGON` lists what never
appears in text this module writes). Text typed by professionals appears only as the
description of an action, on its own line. Where the trajectory records LVB or a need for
plain language (`eenvoudig`), the layout uses larger pictures and fewer lines per domain."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .keuzes import ACTIE_LOPEND, BVStatus, Domein, VoorbereidingStatus

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

# Words of the professionals that the person's plan never uses (the readability rule of
# issue 15 checks the rendered page against this list).
JARGON = (
    "basisvoorwaarde",
    "d&r",
    "mdo",
    "regie",
    "justitiële titel",
    "detentie",
    "nazorg",
    "traject",
    "hulpvraag",
    "ketenpartner",
    "screening",
    "casus",
    "pbw",
)

# Words in the trajectory's communication needs that ask for plain language or pictures.
EENVOUDIG_WOORDEN = (
    "lezen",
    "laaggeletterd",
    "eenvoudig",
    "makkelijke taal",
    "plaatjes",
    "pictogram",
    "lvb",
    "korte zinnen",
)

# The object type of the export rows in the audit trail (print view and PDF); the handover
# checklist reads the last one ("Mijn plan meegegeven", ADR 0020).
EXPORT_OBJECT_TYPE = "mijn_plan"

# The days after release "Je eerste week buiten" shows: release day and the six after it.
EERSTE_WEEK_DAGEN = 7


@dataclass(frozen=True)
class Domeintekst:
    """How one domain is named for the person, its pictogram and what they do themselves."""

    titel: "StrOrPromise"
    pictogram: str
    alt: "StrOrPromise"
    zelf_geregeld: "StrOrPromise"
    zelf_open: "StrOrPromise"


DOMEINEN: dict[str, Domeintekst] = {
    Domein.ID_BEWIJS: Domeintekst(
        gettext_lazy("Je ID-bewijs"),
        "id.svg",
        gettext_lazy("Plaatje van een ID-kaart met een gezicht"),
        gettext_lazy("Bewaar je ID-bewijs goed."),
        gettext_lazy("Vraag bij de gemeente een ID-kaart aan."),
    ),
    Domein.HUISVESTING: Domeintekst(
        gettext_lazy("Wonen"),
        "wonen.svg",
        gettext_lazy("Plaatje van een huis"),
        gettext_lazy("Ga op je eerste dag naar je woonplek."),
        gettext_lazy("Ga op je eerste dag naar het loket van de gemeente."),
    ),
    Domein.WERK_INKOMEN: Domeintekst(
        gettext_lazy("Geld en werk"),
        "geld.svg",
        gettext_lazy("Plaatje van een portemonnee met geld"),
        gettext_lazy("Kijk elke maand of je geld binnen is."),
        gettext_lazy("Vraag bij de gemeente naar een uitkering."),
    ),
    Domein.FINANCIEN_SCHULDEN: Domeintekst(
        gettext_lazy("Schulden"),
        "schulden.svg",
        gettext_lazy("Plaatje van een brief met een rekening"),
        gettext_lazy("Open je post en bewaar je brieven."),
        gettext_lazy("Neem brieven over schulden mee naar de gemeente."),
    ),
    Domein.ZORG: Domeintekst(
        gettext_lazy("Zorg en hulp"),
        "zorg.svg",
        gettext_lazy("Plaatje van een hart met een plus"),
        gettext_lazy("Ga naar je afspraken voor zorg."),
        gettext_lazy("Vraag de gemeente om hulp bij zorg."),
    ),
    Domein.SOCIAAL_NETWERK: Domeintekst(
        gettext_lazy("Mensen om je heen"),
        "mensen.svg",
        gettext_lazy("Plaatje van drie mensen naast elkaar"),
        gettext_lazy("Bel de mensen die je willen helpen."),
        gettext_lazy("Vertel ons wie jou kan helpen."),
    ),
}

STATUS: dict[str, "StrOrPromise"] = {
    BVStatus.OP_ORDE: gettext_lazy("Dit is geregeld."),
    BVStatus.IN_BEHANDELING: gettext_lazy("Hier wordt aan gewerkt."),
    BVStatus.NIET_OP_ORDE: gettext_lazy("Dit is nog niet geregeld."),
    BVStatus.ONBEKEND: gettext_lazy("Dit bespreek je nog met je casemanager."),
}

# The catalogue's preparations (trajecten/catalogus.py) in the person's words; a kind added
# later by the administrator is shown by its own name.
VOORBEREIDING: dict[str, "StrOrPromise"] = {
    "ID-bewijs aangevraagd": gettext_lazy("Je ID-bewijs aanvragen"),
    "ID-bewijs opgehaald": gettext_lazy("Je ID-bewijs ophalen"),
    "DigiD aangevraagd": gettext_lazy("Je DigiD"),
    "Huur doorbetaald": gettext_lazy("Je huur betalen"),
    "Ingeschreven als woningzoekende": gettext_lazy("Inschrijven voor een huis"),
    "Plek in de maatschappelijke opvang": gettext_lazy("Een plek in de opvang"),
    "Uitkering aangevraagd (voorbereid in de PI)": gettext_lazy("Je uitkering"),
    "Lopende uitkering tijdig stopgezet": gettext_lazy("Je oude uitkering stoppen"),
    "Bankrekening": gettext_lazy("Je bankrekening"),
    "Beschermingsbewind aangevraagd": gettext_lazy("Hulp bij je geld"),
    "Aangemeld bij schuldhulpverlening": gettext_lazy("Hulp bij je schulden"),
    "Zorgverzekering geregeld": gettext_lazy("Je zorgverzekering"),
    "Afspraak zorg na detentie": gettext_lazy("Een afspraak voor zorg"),
    "Contact met familie of netwerk bij uitstroom": gettext_lazy("Contact met je familie"),
}


@dataclass
class Domeinblok:
    domein: str
    titel: str
    pictogram: str
    alt: str
    regels: list[str]


@dataclass
class Afspraak:
    datum: str
    tijd: str
    waar: str
    met: str
    meenemen: list[str]


@dataclass
class Belregel:
    wie: str
    naam: str
    telefoon: str
    wanneer: str = ""


@dataclass
class MijnPlan:
    voornaam: str
    eenvoudig: bool
    vrij_op: date | None
    domeinen: list[Domeinblok]
    eerste_week: list[Afspraak] = field(default_factory=list)
    bellen: list[Belregel] = field(default_factory=list)


def is_eenvoudig(lvb: bool, communicatiebehoeften: str) -> bool:
    """LVB, or communication needs that ask for plain words or pictures, change the layout."""
    tekst = communicatiebehoeften.casefold()
    return lvb or any(w in tekst for w in EENVOUDIG_WOORDEN)


def voornaam(persoon) -> str:
    """A staff member's first name, the way the person says it."""
    if persoon is None:
        return ""
    return (persoon.first_name or persoon.username).split()[0]


def _dag(d: date) -> str:
    return date_format(d, "l j F")


def _telefoon(persoon, punten: Iterable) -> str:
    if persoon is not None and persoon.telefoon:
        return persoon.telefoon
    return next((cp.telefoon for cp in punten if cp.telefoon), "")


def _voorbereiding(v) -> list[str]:
    wat = str(VOORBEREIDING.get(v.soort.naam, v.soort.naam))
    if v.status == VoorbereidingStatus.GEREGELD:
        return [_("%(wat)s: dat is klaar.") % {"wat": wat}]
    if v.status == VoorbereidingStatus.AANGEVRAAGD:
        regels = [_("%(wat)s: dat is aangevraagd.") % {"wat": wat}]
        if v.verwacht_datum:
            regels.append(_("Het is klaar rond %(d)s.") % {"d": _dag(v.verwacht_datum)})
        return regels
    if v.status == VoorbereidingStatus.NOG_NIET_GESTART:
        return [_("%(wat)s: dat moet nog.") % {"wat": wat}]
    return []


def _actie(a, punten: Mapping, toon_wie: bool) -> list[str]:
    wat = a.omschrijving.strip().rstrip(".")
    wie = voornaam(a.medewerker) if toon_wie and a.medewerker_id else ""
    wie = wie or capfirst(str(a.organisatie))
    regels = [_("%(wie)s helpt je: %(wat)s.") % {"wie": wie, "wat": wat}]
    telefoon = _telefoon(a.medewerker if toon_wie else None, punten.get(a.organisatie_id, []))
    if telefoon:
        regels.append(_("Bel %(tel)s.") % {"tel": telefoon})
    return regels


def domeinblokken(
    basisvoorwaarden: Iterable,
    voorbereidingen: Iterable,
    acties: Iterable,
    punten: Mapping,
    *,
    toon_wie: bool,
    eenvoudig: bool,
) -> list[Domeinblok]:
    """Per domain, in the order of `Domein`: how it stands, what is arranged or still to do,
    who helps (first name and phone where `toon_wie`), and what the person does. `acties`
    may hold done ones: only running actions are shown. With `eenvoudig`, fewer lines: the
    state, the first person who helps, and what you do yourself."""
    status = {b.domein: b.status for b in basisvoorwaarden}
    partner = {b.domein: b.uitvoerende_partner for b in basisvoorwaarden}
    per_v: dict[str, list[str]] = {d: [] for d in Domein.values}
    per_a: dict[str, list[str]] = {d: [] for d in Domein.values}
    for v in voorbereidingen:
        per_v[v.soort.domein].extend(_voorbereiding(v))
    for a in acties:
        if a.status in ACTIE_LOPEND:
            per_a[a.basisvoorwaarde.domein].extend(_actie(a, punten, toon_wie))
    blokken = []
    for d in Domein.values:
        tekst = DOMEINEN[d]
        st = status.get(d, BVStatus.ONBEKEND)
        hulp = per_a[d]
        if not hulp and toon_wie and partner.get(d) is not None:
            hulp = [_("%(wie)s helpt je hierbij.") % {"wie": capfirst(str(partner[d]))}]
        zelf = tekst.zelf_geregeld if st == BVStatus.OP_ORDE else tekst.zelf_open
        if eenvoudig:
            regels = [str(STATUS[st]), *hulp[:2], str(zelf)]
        else:
            regels = [str(STATUS[st]), *per_v[d], *hulp, str(zelf)]
        blokken.append(Domeinblok(d, str(tekst.titel), tekst.pictogram, str(tekst.alt), regels))
    return blokken


def meenemen(basisvoorwaarden: Iterable, voorbereidingen: Iterable) -> list[str]:
    """What to bring to an appointment: this plan, and the ID and bank card once arranged."""
    lijst = [_("dit plan")]
    if any(b.domein == Domein.ID_BEWIJS and b.status == BVStatus.OP_ORDE for b in basisvoorwaarden):
        lijst.append(_("je ID-bewijs"))
    if any(
        v.soort.naam == "Bankrekening" and v.status == VoorbereidingStatus.GEREGELD
        for v in voorbereidingen
    ):
        lijst.append(_("je bankpas"))
    return lijst


def eerste_week(gesprekken: Iterable, vrij_op: date | None, mee: list[str]) -> list[Afspraak]:
    """The meetings planned from the release day through the six days after it, in order;
    cancelled or held ones are left out."""
    if vrij_op is None:
        return []
    tot = vrij_op + timedelta(days=EERSTE_WEEK_DAGEN)
    afspraken = []
    for g in sorted(gesprekken, key=lambda g: g.gepland_op):
        moment: datetime = timezone.localtime(g.gepland_op)
        if g.geannuleerd_op or g.gehouden_datum or not vrij_op <= moment.date() < tot:
            continue
        met = ", ".join(str(o) for o in g.organisaties.all())
        waar = g.plaats or (_("Via een videogesprek") if g.videolink else "")
        afspraken.append(
            Afspraak(
                datum=_dag(moment.date()),
                tijd=moment.strftime("%H:%M"),
                waar=waar or _("Dat hoor je nog"),
                met=met,
                meenemen=mee,
            )
        )
    return afspraken


def bellen(traject, punten: Mapping, *, toon_wie: bool) -> list[Belregel]:
    """Who to call: the gemeente's counter, the reclassering officer, the casemanager until
    release. A name only where `toon_wie`; a contact point's number where a person has none."""
    lijst = []
    gemeente = traject.gemeente
    if gemeente is not None:
        gp = [cp for cp in punten.get(gemeente.pk, []) if cp.telefoon]
        if gp:
            lijst.append(
                Belregel(
                    _("Het loket van de gemeente %(naam)s") % {"naam": gemeente.naam},
                    "",
                    gp[0].telefoon,
                    gp[0].bereikbaarheid,
                )
            )
    if traject.reclassering_id:
        werker = traject.reclasseringswerker if toon_wie else None
        rp = punten.get(traject.reclassering_id, [])
        if traject.reclassering_team_id:
            rp = [cp for cp in rp if cp.team_id in (None, traject.reclassering_team_id)]
        telefoon = _telefoon(werker, rp)
        if telefoon:
            lijst.append(
                Belregel(
                    _("Je reclassering"),
                    voornaam(werker) or str(traject.reclassering),
                    telefoon,
                )
            )
    cm = traject.casemanager if toon_wie else None
    telefoon = _telefoon(cm, punten.get(traject.pi_id, []))
    if telefoon:
        lijst.append(
            Belregel(
                _("Je casemanager in de gevangenis"),
                voornaam(cm) or str(traject.pi),
                telefoon,
                _("tot de dag dat je vrijkomt"),
            )
        )
    return lijst


def opstellen(
    traject,
    basisvoorwaarden: list,
    voorbereidingen: list,
    acties: list,
    gesprekken: list,
    punten: Mapping,
    *,
    toon_wie: bool,
) -> MijnPlan:
    """The whole plan for one person from the facts of their trajectory."""
    eenvoudig = is_eenvoudig(traject.lvb, traject.communicatiebehoeften)
    vrij_op = traject.uitstroom_datum or traject.verwachte_uitstroom_datum
    return MijnPlan(
        voornaam=(traject.gedetineerde.voornamen.split() or [""])[0],
        eenvoudig=eenvoudig,
        vrij_op=vrij_op,
        domeinen=domeinblokken(
            basisvoorwaarden,
            voorbereidingen,
            acties,
            punten,
            toon_wie=toon_wie,
            eenvoudig=eenvoudig,
        ),
        eerste_week=eerste_week(gesprekken, vrij_op, meenemen(basisvoorwaarden, voorbereidingen)),
        bellen=bellen(traject, punten, toon_wie=toon_wie),
    )
