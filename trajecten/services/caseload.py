"""Caseload continuity (issue 12): the staffunctionaris moves a leaving casemanager's cases to
colleagues in one action. Set-based: the number of queries does not grow with the cases."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Auditactie
from audit.services import vastleggen
from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol, Soort

from .. import access
from ..keuzes import Fase, Gebeurtenissoort
from ..models import Traject
from ._gedeeld import eis, meld_gebeurtenissen

OVERDRAGERS = {Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR}


@dataclass
class Caseloadoverdracht:
    """What a move did: the cases moved (id -> new casemanager id), and the cases left alone
    because someone changed them since the screen was read (their version moved, or they are no
    longer with the leaving casemanager: a double submit finds them all here)."""

    verplaatst: dict[int, int] = field(default_factory=dict)
    overgeslagen: list[Traject] = field(default_factory=list)


def mag_caseload_overdragen(user: Medewerker) -> bool:
    return (
        user.is_active
        and user.rol in OVERDRAGERS
        and user.organisatie is not None
        and user.organisatie.soort == Soort.PI
    )


@transaction.atomic
def draag_caseload_over(
    *,
    acting_user: Medewerker,
    van: Medewerker,
    toewijzingen: Mapping[int, int],
    versies: Mapping[int, int],
) -> Caseloadoverdracht:
    """Move the cases `toewijzingen` (trajectory id -> receiving casemanager id) from `van` to
    colleagues of the same PI. `versies` holds the version of each case as the screen showed it:
    a case changed since (version moved, or no longer `van`'s) is reported, not overwritten.
    The receivers must be active casemanagers of the acting user's PI and every case must be of
    that PI, else nothing is saved. Grants are recomputed for all cases at once, the move is in
    the audit trail, and each case announces CASELOAD_OVERGEDRAGEN to the new and the old
    casemanager."""
    eis(mag_caseload_overdragen(acting_user))
    pi_id = acting_user.organisatie_id
    if van.rol != Rol.CASEMANAGER or van.organisatie_id != pi_id:
        raise ValidationError({"van": _("Kies een casemanager van uw eigen inrichting.")})
    if not toewijzingen:
        raise ValidationError({"toewijzingen": _("Kies ten minste één traject om over te dragen.")})
    ontvangers = {
        m.pk: m
        for m in Medewerker.objects.filter(pk__in=set(toewijzingen.values())).only(
            "rol", "organisatie_id", "is_active", "username", "first_name", "last_name"
        )
    }
    for ontvanger_id in set(toewijzingen.values()):
        ontvanger = ontvangers.get(ontvanger_id)
        if (
            ontvanger is None
            or ontvanger.rol != Rol.CASEMANAGER
            or ontvanger.organisatie_id != pi_id
        ):
            raise ValidationError(
                {"ontvanger": _("Kies een casemanager van uw eigen inrichting als ontvanger.")}
            )
        if not ontvanger.is_active:
            raise ValidationError(
                {
                    "ontvanger": _(
                        "%(naam)s heeft geen actief account; kies een actieve casemanager."
                    )
                    % {"naam": ontvanger}
                }
            )
        if ontvanger.pk == van.pk:
            raise ValidationError(
                {"ontvanger": _("Kies een andere casemanager dan degene die vertrekt.")}
            )
    # The rows are locked: a second move of the same cases (a double submit, a colleague at the
    # same moment) waits here and then reads them as the first left them.
    trajecten = list(
        Traject.objects.select_for_update(of=("self",))
        .select_related("gedetineerde", "gewijzigd_door")
        .filter(pk__in=list(toewijzingen))
        .order_by("pk")
    )
    if len(trajecten) != len(toewijzingen) or any(t.pi_id != pi_id for t in trajecten):
        raise ValidationError(
            {
                "toewijzingen": _(
                    "Alleen trajecten van uw eigen inrichting kunnen worden overgedragen."
                )
            }
        )
    resultaat = Caseloadoverdracht()
    te_verplaatsen: list[Traject] = []
    for traject in trajecten:
        if (
            traject.casemanager_id != van.pk
            or traject.versie != versies.get(traject.pk)
            or traject.fase == Fase.AFGESLOTEN
        ):
            resultaat.overgeslagen.append(traject)
        else:
            te_verplaatsen.append(traject)
    if not te_verplaatsen:
        return resultaat
    nu = timezone.now()
    Traject.objects.filter(pk__in=[t.pk for t in te_verplaatsen]).update(
        casemanager_id=Case(
            *(When(pk=t.pk, then=Value(toewijzingen[t.pk])) for t in te_verplaatsen),
            output_field=IntegerField(),
        ),
        versie=F("versie") + 1,
        gewijzigd_door=acting_user,
        gewijzigd_op=nu,
    )
    for traject in te_verplaatsen:
        traject.casemanager_id = toewijzingen[traject.pk]
        traject.casemanager = ontvangers[toewijzingen[traject.pk]]
        traject.versie += 1
        traject.gewijzigd_door = acting_user
        traject.gewijzigd_op = nu
        resultaat.verplaatst[traject.pk] = traject.casemanager_id
    access.herbereken_toegang_bulk(
        trajecten=te_verplaatsen, acting_user=acting_user, reden=_("caseload overgedragen")
    )
    vastleggen(
        gebruiker=acting_user,
        actie=Auditactie.SCHRIJVEN,
        traject_ids=[t.pk for t in te_verplaatsen],
        object_type="traject",
        categorieen=["traject"],
        toelichting=_("caseload van %(van)s overgedragen") % {"van": van.username},
    )
    # The new casemanager hears of it by the kind's routing (the case as saved now), the
    # leaving one as named receiver: one set-based announcement for all cases.
    meld_gebeurtenissen(
        Gebeurtenissoort.CASELOAD_OVERGEDRAGEN,
        trajecten=te_verplaatsen,
        door=acting_user,
        ontvangers=[van.pk],
    )
    return resultaat


@transaction.atomic
def stel_caseloadnorm_in(*, acting_user: Medewerker, caseload_norm: int | None) -> Organisatie:
    """The staffunctionaris (or hoofd D&R) sets the caseload norm of their own PI: 1 to 100,
    or empty for the national norm (settings.CASELOAD_NORM). One number, last save wins."""
    eis(mag_caseload_overdragen(acting_user))
    if caseload_norm is not None and not 1 <= caseload_norm <= 100:
        raise ValidationError(
            {"caseload_norm": _("Vul een norm van 1 tot en met 100 trajecten in.")}
        )
    pi = acting_user.organisatie
    assert pi is not None
    oud = pi.caseload_norm
    pi.caseload_norm = caseload_norm
    pi.save(update_fields=["caseload_norm"])
    vastleggen(
        gebruiker=acting_user,
        actie=Auditactie.SCHRIJVEN,
        traject_ids=[None],  # type: ignore[list-item]
        object_type="organisatie",
        object_id=str(pi.pk),
        categorieen=[],
        toelichting=_("caseloadnorm van %(oud)s naar %(nieuw)s")
        % {"oud": oud or "—", "nieuw": caseload_norm or "—"},
    )
    return pi
