"""The D&R-plan (art. 18a Pbw): the concept, and its adoption by the MDO."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker

from .. import access
from ..keuzes import BVStatus, Domein, Fase, PlanStatus, Regie
from ..models import Basisvoorwaarde, DRPlan, DRPlanVersie, Traject
from ._gedeeld import audit, eis, huidige_datum, vooruit_naar_fase


@transaction.atomic
def bewerk_plan(
    *,
    acting_user: Medewerker,
    traject: Traject,
    begeleidingsplan: str,
    doelen: str,
    activiteiten: str,
    regie: str,
    monitoring: str,
    gespreksfrequentie_weken: int,
) -> DRPlan:
    """Edit the concept. Editing an adopted plan starts a revision ('herzien'); the adopted
    version stays as it was."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    if regie not in Regie.values:
        raise ValidationError({"regie": _("Kies wie de regie heeft.")})
    if not 1 <= gespreksfrequentie_weken <= 26:
        raise ValidationError(
            {"gespreksfrequentie_weken": _("Kies een frequentie tussen 1 en 26 weken.")}
        )
    plan = traject.plan
    plan.begeleidingsplan = begeleidingsplan.strip()
    plan.doelen = doelen.strip()
    plan.activiteiten = activiteiten.strip()
    plan.regie = regie
    plan.monitoring = monitoring.strip()
    plan.gespreksfrequentie_weken = gespreksfrequentie_weken
    if plan.status == PlanStatus.VASTGESTELD:
        plan.status = PlanStatus.HERZIEN
    plan.gewijzigd_door = acting_user
    plan.gewijzigd_op = timezone.now()
    plan.save()
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
    *, acting_user: Medewerker, traject: Traject, vastgesteld_datum: date
) -> DRPlanVersie:
    """The MDO adopts the plan (deadline: 4 weeks after arrival). The adopted text, including the
    derived missing conditions of that day, is kept as an immutable version."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    plan = DRPlan.objects.select_for_update().get(pk=traject.plan.pk)
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
    versie = DRPlanVersie.objects.create(
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
    audit(acting_user, traject, "plan", f"versie {versie.versie}")
    return versie
