"""The D&R-plan (art. 18a Pbw): the concept, and its adoption by the MDO."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from reintegratie.versies import VerouderdeVersie, bewaar_versie

from .. import access
from ..keuzes import BVStatus, Domein, Fase, PlanStatus, Regie
from ..models import Basisvoorwaarde, DRPlan, DRPlanVersie, Traject
from ..validators import MAX_LANGE_TEKST, controleer_lengtes
from ._gedeeld import audit, eis, huidige_datum, vooruit_naar_fase


@transaction.atomic
def bewerk_plan(
    *,
    acting_user: Medewerker,
    traject: Traject,
    versie: int | None,
    begeleidingsplan: str,
    doelen: str,
    activiteiten: str,
    regie: str,
    monitoring: str,
    gespreksfrequentie_weken: int,
) -> DRPlan:
    """Edit the concept. Editing an adopted plan starts a revision ('herzien'); the adopted
    version stays as it was. A save over someone else's newer version is refused (ADR 0010)."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    if regie not in Regie.values:
        raise ValidationError({"regie": _("Kies wie de regie heeft.")})
    if not 1 <= gespreksfrequentie_weken <= 26:
        raise ValidationError(
            {"gespreksfrequentie_weken": _("Kies een frequentie tussen 1 en 26 weken.")}
        )
    controleer_lengtes(
        MAX_LANGE_TEKST,
        begeleidingsplan=begeleidingsplan,
        doelen=doelen,
        activiteiten=activiteiten,
        monitoring=monitoring,
    )
    plan = traject.plan
    bewaar_versie(
        plan,
        versie=versie,
        acting_user=acting_user,
        begeleidingsplan=begeleidingsplan.strip(),
        doelen=doelen.strip(),
        activiteiten=activiteiten.strip(),
        regie=regie,
        monitoring=monitoring.strip(),
        gespreksfrequentie_weken=gespreksfrequentie_weken,
        status=PlanStatus.HERZIEN if plan.status == PlanStatus.VASTGESTELD else plan.status,
    )
    vooruit_naar_fase(traject, Fase.DR_PLAN)
    audit(acting_user, traject, "plan")
    return plan


def ontbrekende_voorwaarden(basisvoorwaarden: Iterable[Basisvoorwaarde]) -> list[dict[str, str]]:
    """Art. 18a Pbw part 4, derived: every basisvoorwaarde not in order, with its hulpvraag."""
    return [
        {
            "domein": b.domein,
            "label": b.get_domein_display(),
            "status": b.get_status_display(),
            "hulpvraag": b.hulpvraag,
        }
        for b in sorted(basisvoorwaarden, key=lambda b: Domein.values.index(b.domein))
        if b.status != BVStatus.OP_ORDE
    ]


@transaction.atomic
def stel_plan_vast(
    *, acting_user: Medewerker, traject: Traject, versie: int | None, vastgesteld_datum: date
) -> DRPlanVersie:
    """The MDO adopts the plan (deadline: 4 weeks after arrival). The adopted text, including the
    derived missing conditions of that day, is kept as an immutable version. `versie` is the
    plan the user saw: a text changed since then is not adopted unseen (ADR 0010)."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    plan = DRPlan.objects.select_for_update().get(pk=traject.plan.pk)
    if plan.versie != versie:
        raise VerouderdeVersie(plan, {"begeleidingsplan": None, "doelen": None})
    fouten = {}
    if not plan.begeleidingsplan:
        fouten["begeleidingsplan"] = _("Vul het begeleidingsplan in voordat het MDO het vaststelt.")
    if not plan.doelen:
        fouten["doelen"] = _(
            "Vul de gedrags- en re-integratiedoelen in voordat het MDO het plan vaststelt."
        )
    if vastgesteld_datum > huidige_datum():
        fouten["vastgesteld_datum"] = _("Het MDO kan niet in de toekomst hebben vastgesteld.")
    elif vastgesteld_datum < traject.binnenkomst_datum:
        fouten["vastgesteld_datum"] = _("Vul een datum in die na de binnenkomst ligt.")
    if plan.status == PlanStatus.VASTGESTELD:
        fouten["vastgesteld_datum"] = _(
            "Deze versie is al vastgesteld. Wijzig het plan om het te herzien."
        )
    if fouten:
        raise ValidationError(fouten)
    vastgesteld = DRPlanVersie.objects.create(
        plan=plan,
        versie=plan.versies.count() + 1,
        vastgesteld_datum=vastgesteld_datum,
        vastgesteld_door=acting_user,
        inhoud={
            "begeleidingsplan": plan.begeleidingsplan,
            "doelen": plan.doelen,
            "activiteiten": plan.activiteiten,
            "ontbrekende_voorwaarden": ontbrekende_voorwaarden(traject.basisvoorwaarden.all()),
            "regie": plan.regie,
            "monitoring": plan.monitoring,
            "gespreksfrequentie_weken": plan.gespreksfrequentie_weken,
        },
    )
    plan.status = PlanStatus.VASTGESTELD
    plan.save(update_fields=["status"])
    vooruit_naar_fase(traject, Fase.DETENTIE)
    audit(acting_user, traject, "plan", f"versie {vastgesteld.versie}")
    return vastgesteld
