"""The dashboard's tables, formatted once: the page shows them and the CSV export writes them,
so both hold exactly the same numbers. An empty cell means 'nothing to compute' (no deadline
decided, no response yet); the page shows it as a dash."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .cijfers import Dashboard, Teller, procent
from .periode import maandcode, maandnaam


@dataclass(frozen=True)
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[str]
    rijen: list[list[str]]
    # What the page shows, when it differs from the CSV: a percentage with its n,
    # '1 van 1 = 100 %'. The CSV keeps bare numbers in `rijen`.
    weergave: list[list[str]] | None = None

    @property
    def pagina_rijen(self) -> list[list[str]]:
        return self.rijen if self.weergave is None else self.weergave

    def bestandsnaam(self, van: date, tot: date) -> str:
        return f"{self.sleutel}_{maandcode(van)}_{maandcode(tot)}.csv"


def getal(waarde: int | None) -> str:
    return "" if waarde is None else str(waarde)


def decimaal(waarde: Decimal | float | None, plaatsen: int) -> str:
    if waarde is None:
        return ""
    return number_format(waarde, decimal_pos=plaatsen, use_l10n=True)


def met_n(deel: int, geheel: int) -> str:
    """'1 van 1 = 100 %': a percentage never without the numbers it was made of."""
    waarde = procent(deel, geheel)
    if waarde is None:
        return ""
    return _("%(deel)s van %(geheel)s = %(procent)s %%") % {
        "deel": deel,
        "geheel": geheel,
        "procent": waarde,
    }


def _teller(t: Teller) -> list[str]:
    return [getal(t.op_tijd), getal(t.beslist), getal(t.procent)]


def _teller_met_n(t: Teller) -> list[str]:
    return [getal(t.op_tijd), getal(t.beslist), met_n(t.op_tijd, t.beslist)]


def termijnen(d: Dashboard) -> Tabel:
    kolommen = [_("Maand van binnenkomst")]
    for naam in (_("Contact gemeente"), _("Plan vastgesteld"), _("Startoverleg")):
        kolommen += [
            _("%(termijn)s: op tijd") % {"termijn": naam},
            _("%(termijn)s: beoordeeld") % {"termijn": naam},
            _("%(termijn)s: %% op tijd") % {"termijn": naam},
        ]

    def rijen_met(cellen) -> list[list[str]]:
        rijen = [
            [maandnaam(m.maand), *cellen(m.contact), *cellen(m.plan), *cellen(m.startoverleg)]
            for m in d.termijnen
        ]
        rijen.append(
            [
                _("Hele periode"),
                *cellen(d.contact_totaal),
                *cellen(d.plan_totaal),
                *cellen(d.startoverleg_totaal),
            ]
        )
        return rijen

    return Tabel(
        "termijnen",
        _("Termijnen op tijd gehaald, per maand van binnenkomst"),
        kolommen,
        rijen_met(_teller),
        weergave=rijen_met(_teller_met_n),
    )


def gesprekken(d: Dashboard) -> Tabel:
    return Tabel(
        "gesprekken",
        _("Gehouden trajectgesprekken per traject, per maand"),
        [
            _("Maand"),
            _("Gehouden trajectgesprekken"),
            _("Trajecten in detentie"),
            _("Gesprekken per traject"),
        ],
        [
            [
                maandnaam(m.maand),
                getal(m.gehouden),
                getal(m.in_detentie),
                decimaal(m.per_traject, 2),
            ]
            for m in d.gesprekken
        ],
    )


def gemeenten(d: Dashboard) -> Tabel:
    return Tabel(
        "gemeenten",
        _("Reactietijd van gemeenten in werkdagen, traagste bovenaan"),
        [
            _("Gemeente"),
            _("Trajecten gemeld"),
            _("Gezien"),
            _("Mediaan werkdagen tot gezien"),
            _("Opgepakt"),
            _("Mediaan werkdagen tot opgepakt"),
        ],
        [
            [
                r.naam,
                getal(r.trajecten),
                getal(r.gezien),
                decimaal(r.mediaan_gezien, 1),
                getal(r.opgepakt),
                decimaal(r.mediaan_opgepakt, 1),
            ]
            for r in d.respons
        ],
    )


def zonder_reactie(d: Dashboard) -> Tabel:
    return Tabel(
        "zonder_reactie",
        _("Gemeenten die nog op geen enkele melding reageerden, langst wachtend bovenaan"),
        [_("Gemeente"), _("Trajecten gemeld"), _("Werkdagen sinds oudste melding")],
        [[z.naam, getal(z.trajecten), getal(z.werkdagen_wachten)] for z in d.zonder_reactie],
    )


def caseload(d: Dashboard) -> Tabel:
    rijen = [[c.naam, getal(c.aantal), getal(c.norm)] for c in d.caseload]
    if d.zonder_casemanager:
        rijen.append([_("Zonder casemanager"), getal(d.zonder_casemanager), ""])
    return Tabel(
        "caseload",
        _("Caseload per casemanager van uw inrichting, tegen de norm"),
        [_("Casemanager"), _("Trajecten in detentie"), _("Norm")],
        rijen,
    )


def groepen(d: Dashboard) -> Tabel:
    g = d.groepen
    return Tabel(
        "groepen",
        _("Kort verblijf en LVB onder de actieve trajecten"),
        [_("Groep"), _("Aantal"), _("% van actief")],
        [
            [_("Actieve trajecten"), getal(g.actief), getal(procent(g.actief, g.actief))],
            [
                _("Kort verblijf (< 3 maanden)"),
                getal(g.kort_verblijf),
                getal(procent(g.kort_verblijf, g.actief)),
            ],
            [_("LVB"), getal(g.lvb), getal(procent(g.lvb, g.actief))],
        ],
        weergave=[
            [_("Actieve trajecten"), getal(g.actief), met_n(g.actief, g.actief)],
            [
                _("Kort verblijf (< 3 maanden)"),
                getal(g.kort_verblijf),
                met_n(g.kort_verblijf, g.actief),
            ],
            [_("LVB"), getal(g.lvb), met_n(g.lvb, g.actief)],
        ],
    )


def uitstroom(d: Dashboard) -> Tabel:
    return Tabel(
        "uitstroom",
        _("Basisvoorwaarden op orde bij uitstroom"),
        [_("Basisvoorwaarde"), _("Op orde bij uitstroom"), _("Uitgestroomd"), _("% op orde")],
        [
            [b.label, getal(b.op_orde), getal(b.uitgestroomd), getal(b.procent)]
            for b in d.bij_uitstroom
        ],
        weergave=[
            [b.label, getal(b.op_orde), getal(b.uitgestroomd), met_n(b.op_orde, b.uitgestroomd)]
            for b in d.bij_uitstroom
        ],
    )


def na_nazorg(d: Dashboard) -> Tabel:
    return Tabel(
        "na_nazorg",
        _("Basisvoorwaarden op orde na nazorg"),
        [_("Basisvoorwaarde"), _("Op orde bij afsluiting"), _("Afgesloten"), _("% op orde")],
        [[b.label, getal(b.op_orde), getal(b.uitgestroomd), getal(b.procent)] for b in d.na_nazorg],
        weergave=[
            [b.label, getal(b.op_orde), getal(b.uitgestroomd), met_n(b.op_orde, b.uitgestroomd)]
            for b in d.na_nazorg
        ],
    )


MAKERS = {
    "termijnen": termijnen,
    "gesprekken": gesprekken,
    "gemeenten": gemeenten,
    "zonder_reactie": zonder_reactie,
    "caseload": caseload,
    "groepen": groepen,
    "uitstroom": uitstroom,
    "na_nazorg": na_nazorg,
}


def alle(d: Dashboard) -> dict[str, Tabel]:
    return {sleutel: maak(d) for sleutel, maak in MAKERS.items()}
