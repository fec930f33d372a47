"""The D&R-plan, its adopted versions, and the reclassering's advice beside it."""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Organisatie
from reintegratie.keuzes import SnelleKeuzes

from ..keuzes import (
    PlanStatus,
    Regie,
)
from ..validators import MAX_LANGE_TEKST
from ._tekst import hoogstens
from .traject import Traject

MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class DRPlan(SnelleKeuzes, models.Model):
    """The D&R-plan with the parts art. 18a Pbw requires. The fourth part, the essential
    conditions still missing, is derived from the basisvoorwaarden and never typed."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="plan")
    begeleidingsplan = models.TextField(
        _("individueel begeleidingsplan, inclusief benodigde zorg"), blank=True
    )
    doelen = models.TextField(_("gedrags- en re-integratiedoelen"), blank=True)
    activiteiten = models.TextField(
        _("activiteiten en verloven die bij goed gedrag verdiend kunnen worden"), blank=True
    )
    regie = models.CharField(
        _("wie heeft de regie"), max_length=20, choices=Regie.choices, default=Regie.PI
    )
    monitoring = models.TextField(_("hoe de voortgang wordt gevolgd"), blank=True)
    gespreksfrequentie_weken = models.PositiveSmallIntegerField(
        _("trajectgesprek elke … weken"), default=6
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.CONCEPT
    )
    gewijzigd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("D&R-plan")
        verbose_name_plural = _("D&R-plannen")
        constraints = [
            models.CheckConstraint(
                condition=Q(gespreksfrequentie_weken__gte=1, gespreksfrequentie_weken__lte=26),
                name="gespreksfrequentie_redelijk",
            ),
            hoogstens("begeleidingsplan", MAX_LANGE_TEKST, "begeleidingsplan_lengte"),
            hoogstens("doelen", MAX_LANGE_TEKST, "doelen_lengte"),
            hoogstens("activiteiten", MAX_LANGE_TEKST, "activiteiten_lengte"),
            hoogstens("monitoring", MAX_LANGE_TEKST, "monitoring_lengte"),
        ]

    def __str__(self) -> str:
        return str(_("D&R-plan van %(naam)s") % {"naam": self.traject.gedetineerde})


class DRPlanVersie(SnelleKeuzes, models.Model):
    """An adopted version of the plan, as the MDO adopted it. Immutable: the database refuses
    to change or delete it."""

    plan = models.ForeignKey(DRPlan, on_delete=models.PROTECT, related_name="versies")
    versie = models.PositiveSmallIntegerField()
    vastgesteld_datum = models.DateField(_("vastgesteld in het MDO van"))
    vastgesteld_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    inhoud = models.JSONField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vastgestelde versie van het D&R-plan")
        verbose_name_plural = _("vastgestelde versies van het D&R-plan")
        ordering = ["plan", "versie"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "versie"], name="planversie_uniek"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="planversie_onveranderlijk", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.versie} ({self.vastgesteld_datum:%d-%m-%Y})"


@pghistory.track()
class DRAdvies(SnelleKeuzes, models.Model):
    """The reclassering's own advice beside the plan (D&R-advies): its text, never the PI's."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="adviezen")
    tekst = models.TextField(_("advies"))
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    opgesteld_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    opgesteld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("D&R-advies")
        verbose_name_plural = _("D&R-adviezen")
        ordering = ["-opgesteld_op", "-pk"]
        constraints = [hoogstens("tekst", MAX_LANGE_TEKST, "advies_lengte")]

    def __str__(self) -> str:
        return f"{self.organisatie} · {self.opgesteld_op:%d-%m-%Y}"
