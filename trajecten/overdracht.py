"""The handover that arrives (issue 12, ADR 0015): what is arranged and what continues per
basisvoorwaarde, derived from facts that already exist, and the readiness warnings of the check
before sending. Pure functions over data already fetched (no queries, no clock), used by the
concept page, the check page, the release service (which freezes the result on the handover)
and the handover document, so every screen says the same.

A fact is never typed twice and never shown as "—": the basisvoorwaarde's status, hulpvraag,
toelichting and who picks it up; each release preparation with its stand and dates; each
running action with who does it and its due date. The casemanager's note only adds."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from reintegratie.datums import datum

from .keuzes import (
    ACTIE_LOPEND,
    UITKERING_AANVRAAG,
    BVStatus,
    Domein,
    Regie,
    VoorbereidingStatus,
)

# A benefit application counts as made once requested or arranged, or when it is not needed.
_UITKERING_GEDAAN = (
    VoorbereidingStatus.AANGEVRAAGD,
    VoorbereidingStatus.GEREGELD,
    VoorbereidingStatus.NIET_NODIG,
)


@dataclass(frozen=True)
class Waarschuwing:
    """A readiness warning: `code` is stable (tests, the stored handover), `domein` is where
    the "wijzigen" link goes."""

    code: str
    domein: str
    tekst: str

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "domein": self.domein, "tekst": self.tekst}


@dataclass
class Domeinregel:
    """One basisvoorwaarde in the handover: its state, the derived lines, the note."""

    domein: str
    label: str
    status: str
    status_label: str
    feiten: list[str] = field(default_factory=list)
    notitie: str = ""


def concept_vanaf(verwachte_uitstroom: date | None, weken: int) -> date | None:
    """The first day the concept handover may be prepared; None while no release date is known."""
    if verwachte_uitstroom is None:
        return None
    return verwachte_uitstroom - timedelta(weeks=weken)


def _voorbereiding(v) -> str:
    delen = [str(v.soort), v.get_status_display().lower()]
    if v.aangevraagd_datum:
        delen.append(_("aangevraagd op %(d)s") % {"d": datum(v.aangevraagd_datum)})
    if v.verwacht_datum and v.status != VoorbereidingStatus.GEREGELD:
        delen.append(_("verwacht op %(d)s") % {"d": datum(v.verwacht_datum)})
    if v.gereed_datum:
        delen.append(_("geregeld op %(d)s") % {"d": datum(v.gereed_datum)})
    if v.organisatie_id:
        delen.append(_("door %(wie)s") % {"wie": v.organisatie})
    tekst = ": ".join([delen[0], ", ".join(delen[1:])])
    if v.toelichting:
        tekst += f" ({v.toelichting})"
    return tekst


def _actie(a) -> str:
    wie = a.medewerker.get_full_name() if a.medewerker_id else ""
    wie = f"{wie} ({a.organisatie})" if wie else str(a.organisatie)
    if a.uiterlijk_datum:
        return _("Loopt door: %(wat)s — %(wie)s, uiterlijk %(d)s") % {
            "wat": a.omschrijving,
            "wie": wie,
            "d": datum(a.uiterlijk_datum),
        }
    return _("Loopt door: %(wat)s — %(wie)s") % {"wat": a.omschrijving, "wie": wie}


def afleiden(
    basisvoorwaarden: Iterable,
    voorbereidingen: Iterable,
    acties: Iterable,
    notities: Mapping[str, str] | None = None,
) -> list[Domeinregel]:
    """Per basisvoorwaarde, in the order of `Domein`, the lines its facts give. `acties` may hold
    done ones: only running actions continue. A domain with no fact at all says so in words."""
    notities = notities or {}
    per_domein: dict[str, list[str]] = {d: [] for d in Domein.values}
    bvs = {b.domein: b for b in basisvoorwaarden}
    for b in bvs.values():
        if b.hulpvraag.strip():
            per_domein[b.domein].append(_("Hulpvraag: %(t)s") % {"t": b.hulpvraag.strip()})
        if b.notities.strip():
            per_domein[b.domein].append(_("Toelichting: %(t)s") % {"t": b.notities.strip()})
        if b.uitvoerende_partner_id:
            per_domein[b.domein].append(
                _("Wie pakt het op: %(wie)s") % {"wie": b.uitvoerende_partner}
            )
    for v in voorbereidingen:
        per_domein[v.soort.domein].append(_voorbereiding(v))
    for a in acties:
        if a.status in ACTIE_LOPEND:
            per_domein[a.basisvoorwaarde.domein].append(_actie(a))
    regels = []
    for d in Domein:
        b = bvs.get(d.value)
        status = b.status if b is not None else BVStatus.ONBEKEND
        regels.append(
            Domeinregel(
                domein=d.value,
                label=str(d.label),
                status=status,
                status_label=str(BVStatus(status).label),
                feiten=per_domein[d.value] or [_("Nog niets over vastgelegd.")],
                notitie=notities.get(d.value, "").strip(),
            )
        )
    return regels


def waarschuwingen(
    basisvoorwaarden: Iterable, voorbereidingen: Iterable, acties: Iterable, *, pi_id: int
) -> list[Waarschuwing]:
    """What the check before sending warns about (issue 12): no ID, no place to sleep, no
    income applied for, and the PI's own actions still running."""
    status = {b.domein: b.status for b in basisvoorwaarden}
    lijst = []
    if status.get(Domein.ID_BEWIJS) != BVStatus.OP_ORDE:
        lijst.append(
            Waarschuwing(
                "geen_id",
                Domein.ID_BEWIJS,
                _("Geen ID-bewijs: de basisvoorwaarde ID-bewijs is niet op orde."),
            )
        )
    if status.get(Domein.HUISVESTING) != BVStatus.OP_ORDE:
        lijst.append(
            Waarschuwing(
                "geen_slaapplek",
                Domein.HUISVESTING,
                _("Geen slaapplek: de basisvoorwaarde huisvesting is niet op orde."),
            )
        )
    if not any(
        v.soort.code == UITKERING_AANVRAAG and v.status in _UITKERING_GEDAAN
        for v in voorbereidingen
    ):
        lijst.append(
            Waarschuwing(
                "geen_inkomen",
                Domein.WERK_INKOMEN,
                _("Geen inkomen aangevraagd: de uitkering is niet aangevraagd of geregeld."),
            )
        )
    for a in acties:
        if a.status in ACTIE_LOPEND and a.organisatie_id == pi_id:
            lijst.append(
                Waarschuwing(
                    "open_actie_pi",
                    a.basisvoorwaarde.domein,
                    _("Open actie van de PI: %(wat)s") % {"wat": a.omschrijving},
                )
            )
    return lijst


def regie_weigering(
    regie: str | None,
    *,
    reclassering_id: int | None,
    reclasseringswerker_id: int | None,
    gemeente_id: int | None,
) -> str | None:
    """Why the direction cannot go where the title sends it, in words that say whom to involve;
    None when it can."""
    if regie == Regie.RECLASSERING and (reclassering_id is None or reclasseringswerker_id is None):
        return _(
            "Betrek eerst de reclassering: met deze titel krijgt de reclassering de regie, maar "
            "er is geen reclassering of reclasseringswerker bij dit traject betrokken. Leg die "
            "vast bij 'Gegevens en betrokkenen wijzigen', of kies de juiste titel."
        )
    if regie == Regie.GEMEENTE and gemeente_id is None:
        return _(
            "Betrek eerst de gemeente: zonder titel krijgt de gemeente de regie, maar de "
            "terugkeergemeente is onbekend. Verifieer eerst de terugkeergemeente."
        )
    return None
