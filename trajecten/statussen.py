"""The status words of a trajectory, in one place (issue 11, "statuses that mean what they say").

Pure functions over data already fetched: no queries, no clock. The caseload, the gemeente's
inbox, the trajectory page and the API all call these, so one fact gives the same word on every
screen. A status has a stable `code` (for the API and tests), a `klasse` (the css modifier of
`rt-status`/`rt-termijn`) and Dutch words (`tekst`).

Rules, as a casemanager reads them:
- Red ("te-laat") means: something must be done now. A deadline that is missed but whose meeting
  is planned is not red: the work is in hand; the words still say the deadline was missed.
- After release nothing is red: a deadline not met by then lapsed ("vervallen door uitstroom",
  grey); what was met keeps its day.
- "Klaar" only when it is done: the basisvoorwaarden section is "Klaar" only when all six are
  "op orde"; all assessed but not all in order is "Gescreend · 3 van 6 op orde".
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .deadlines import Termijn, Termijnsoort, Termijnstatus
from .keuzes import BVStatus, Fase, PlanStatus


@dataclass(frozen=True)
class Status:
    code: str
    klasse: str
    tekst: str

    def __str__(self) -> str:
        return self.tekst

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "tekst": self.tekst}


def _dag(d: date) -> str:
    return d.strftime("%d-%m-%Y")


# Which meeting meets which deadline: a planned one of this kind turns "te laat" into "gepland".
GESPREK_VAN_TERMIJN = {
    Termijnsoort.STARTOVERLEG: "startoverleg_gepland",
    Termijnsoort.MDO: "mdo_gepland",
    Termijnsoort.TRAJECTGESPREK: "trajectgesprek_gepland",
    Termijnsoort.UITSTROOMOVERLEG: "uitstroomoverleg_gepland",
}


def gepland_voor(traject, soort: str) -> date | None:
    """The day a meeting that meets this deadline is planned (annotated by
    `selectors.met_termijndata`), or None."""
    veld = GESPREK_VAN_TERMIJN.get(Termijnsoort(soort))
    return getattr(traject, veld, None) if veld else None


def termijnstatus(termijn: Termijn, *, uitgestroomd: bool, gepland: date | None = None) -> Status:
    """One deadline in words. Met: "gehaald op …" (or "te laat gehaald op …"). After release an
    unmet deadline is "vervallen door uitstroom", grey, never red. A deadline whose meeting is
    planned reads "gepland op …" (with "termijn verlopen" when the planned day is late)."""
    s = termijn.status
    if s == Termijnstatus.GEHAALD:
        return Status("gehaald", "gehaald", termijn.omschrijving)
    if s == Termijnstatus.TE_LAAT_GEHAALD:
        return Status("te_laat_gehaald", "te_laat_gehaald", termijn.omschrijving)
    if uitgestroomd or s == Termijnstatus.VERVALLEN:
        return Status("vervallen", "vervallen", _("vervallen door uitstroom"))
    if gepland is not None:
        if gepland > termijn.uiterlijk or termijn.te_laat:
            tekst = _("gepland op %(dag)s · termijn verlopen") % {"dag": _dag(gepland)}
        else:
            tekst = _("gepland op %(dag)s") % {"dag": _dag(gepland)}
        return Status("gepland", "gepland", tekst)
    if termijn.te_laat:
        return Status("te_laat", "te-laat", termijn.omschrijving)
    if (termijn.werkdagen_over or 0) <= 2:
        return Status("bijna", "bijna", termijn.omschrijving)
    return Status("open", "open", termijn.omschrijving)


def termijnstatus_van(traject, termijn: Termijn) -> Status:
    """`termijnstatus` for a trajectory annotated by `selectors.met_termijndata`."""
    return termijnstatus(
        termijn,
        uitgestroomd=traject.uitstroom_datum is not None,
        gepland=gepland_voor(traject, termijn.soort),
    )


def basisvoorwaarden(
    *,
    aantal: int,
    beoordeeld: int,
    op_orde: int,
    tien_dagen: Termijn | None,
    uitgestroomd: bool = False,
) -> Status:
    """The screening section. "Te laat" only while the ten-day deadline is overdue and domains
    are still unassessed, and never after release; "Klaar" only when every domain is "op
    orde"."""
    if (
        not uitgestroomd
        and tien_dagen is not None
        and tien_dagen.te_laat
        and tien_dagen.status != Termijnstatus.VERVALLEN
        and beoordeeld < aantal
    ):
        return Status(
            "te_laat",
            "te-laat",
            _("Te laat · %(n)s van %(totaal)s beoordeeld") % {"n": beoordeeld, "totaal": aantal},
        )
    if beoordeeld == 0:
        return Status("niet_gestart", "niet-gestart", _("Niet gestart"))
    if beoordeeld < aantal:
        return Status(
            "screening",
            "bezig",
            _("Screening: %(n)s van %(totaal)s beoordeeld") % {"n": beoordeeld, "totaal": aantal},
        )
    if op_orde < aantal:
        return Status(
            "gescreend",
            "bezig",
            _("Gescreend · %(n)s van %(totaal)s op orde") % {"n": op_orde, "totaal": aantal},
        )
    return Status("klaar", "klaar", _("Klaar · alle %(totaal)s op orde") % {"totaal": aantal})


def screening(
    bv_statussen: Iterable[str], *, tien_dagen: Termijn | None, uitgestroomd: bool = False
) -> Status:
    """`basisvoorwaarden` from the statuses of a trajectory's basisvoorwaarden."""
    lijst = list(bv_statussen)
    return basisvoorwaarden(
        aantal=len(lijst),
        beoordeeld=sum(s != BVStatus.ONBEKEND for s in lijst),
        op_orde=sum(s == BVStatus.OP_ORDE for s in lijst),
        tien_dagen=tien_dagen,
        uitgestroomd=uitgestroomd,
    )


def plan(*, status: str, bewerkt: bool, termijn: Termijn | None, uitgestroomd: bool) -> Status:
    if status == PlanStatus.VASTGESTELD:
        return Status("vastgesteld", "klaar", _("Vastgesteld"))
    if status == PlanStatus.HERZIEN:
        return Status("in_herziening", "bezig", _("In herziening"))
    if not uitgestroomd and termijn is not None and termijn.te_laat:
        return Status("te_laat", "te-laat", _("Te laat"))
    if bewerkt:
        return Status("concept", "bezig", _("Concept"))
    return Status("niet_gestart", "niet-gestart", _("Niet gestart"))


_GESPREK_LABEL = {
    Termijnsoort.STARTOVERLEG: gettext_lazy("startoverleg"),
    Termijnsoort.MDO: gettext_lazy("MDO"),
    Termijnsoort.TRAJECTGESPREK: gettext_lazy("trajectgesprek"),
    Termijnsoort.UITSTROOMOVERLEG: gettext_lazy("uitstroomoverleg"),
}


def gesprekken(
    *,
    termijnen: Iterable[Termijn],
    gepland: Mapping[str, date | None],
    eerstvolgend_gepland: date | None,
    aantal_gehouden: int,
    uitgestroomd: bool,
) -> Status:
    """The meetings section. A meeting deadline that is overdue with no meeting of its kind
    planned is "Te laat: startoverleg"; once it is planned the section says "Gepland op …"
    (the deadline row keeps "termijn verlopen"): the casemanager has done what could be done
    and red would send them to do it again. Otherwise the next planned meeting, else "Bezig"
    once one was held, else "Niet gestart"."""
    if not uitgestroomd:
        for t in termijnen:
            if t.soort in _GESPREK_LABEL and t.te_laat and not gepland.get(t.soort):
                return Status(
                    "te_laat", "te-laat", _("Te laat: %(wat)s") % {"wat": _GESPREK_LABEL[t.soort]}
                )
        if eerstvolgend_gepland is not None:
            return Status(
                "gepland", "bezig", _("Gepland op %(dag)s") % {"dag": _dag(eerstvolgend_gepland)}
            )
    if aantal_gehouden:
        return Status(
            "gehouden",
            "bezig",
            ngettext("%(n)s gesprek gehouden", "%(n)s gesprekken gehouden", aantal_gehouden)
            % {"n": aantal_gehouden},
        )
    return Status("niet_gestart", "niet-gestart", _("Niet gestart"))


def overdracht(*, heeft_overdracht: bool, fase: str) -> Status:
    if heeft_overdracht:
        return Status("overgedragen", "klaar", _("Overgedragen"))
    if fase == Fase.VOORBEREIDING_UITSTROOM:
        return Status("in_voorbereiding", "bezig", _("In voorbereiding"))
    return Status("niet_gestart", "niet-gestart", _("Niet gestart"))


@dataclass(frozen=True)
class Onderdeel:
    """One part of the ten-day step: met or not, and the day it was met."""

    code: str
    tekst: str
    gehaald: bool
    datum: date | None


def tiendagenstap(traject) -> list[Onderdeel]:
    """The parts of "screening en contact gemeente" (issue 11) for a trajectory annotated by
    `selectors.met_termijndata`: screening complete, contact with the gemeente and, when a
    reclassering is involved, contact with it. The step is met on the latest of their days."""
    screening = traject.screening_datum
    contact = traject.gemeente_contact_datum
    blad = traject.informatieblad_gezien_datum
    if contact is not None and (blad is None or contact <= blad):
        gemeente_tekst = _("Contact met de gemeente")
        gemeente_datum = contact
    elif blad is not None:
        gemeente_tekst = _("Contact met de gemeente: informatieblad gedeeld en gezien")
        gemeente_datum = blad
    else:
        gemeente_tekst = _(
            "Contact met de gemeente (een contactmoment, of het informatieblad gedeeld en "
            "gezien door de gemeente)"
        )
        gemeente_datum = None
    delen = [
        Onderdeel(
            "screening",
            _("Screening compleet: alle basisvoorwaarden beoordeeld"),
            screening is not None,
            screening,
        ),
        Onderdeel("gemeente", gemeente_tekst, gemeente_datum is not None, gemeente_datum),
    ]
    if traject.reclassering_id is not None:
        r = traject.reclassering_contact_datum
        delen.append(Onderdeel("reclassering", _("Contact met de reclassering"), r is not None, r))
    return delen
