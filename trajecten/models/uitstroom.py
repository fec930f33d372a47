"""Release: the handover and the state of every basisvoorwaarde on the release day."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegratie.keuzes import SnelleKeuzes

from ..keuzes import (
    BVStatus,
    Domein,
    Regie,
)
from ..validators import MAX_TEKST
from ._tekst import hoogstens
from .traject import Traject

MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class Overdracht(SnelleKeuzes, models.Model):
    """The handover at release: who takes case direction, what is arranged per basisvoorwaarde."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="overdracht")
    regie_naar = models.CharField(_("regie gaat naar"), max_length=20, choices=Regie.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    opgesteld_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    opgesteld_op = models.DateTimeField(auto_now_add=True)
    # Check before sending (issue 12): the readiness warnings shown at sending, and why the
    # casemanager sent it anyway. Empty list: nothing to warn about; then no reason either.
    waarschuwingen = models.JSONField(_("waarschuwingen bij versturen"), default=list, blank=True)
    reden_ondanks_waarschuwingen = models.TextField(_("reden om toch te versturen"), blank=True)
    # Receipt (issue 12): the receiver's "Ontvangen, ik pak het op". Set once, by a
    # conditional UPDATE (services.bevestig_overdracht): a second click or a race confirms once.
    ontvangen_door = models.ForeignKey(
        MEDEWERKER,
        verbose_name=_("ontvangen door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ontvangen_op = models.DateTimeField(_("ontvangen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            models.CheckConstraint(
                condition=Q(regie_naar__in=[Regie.RECLASSERING, Regie.GEMEENTE]),
                name="overdracht_naar_reclassering_of_gemeente",
            ),
            hoogstens("toelichting", MAX_TEKST, "overdracht_toelichting_lengte"),
            hoogstens("reden_ondanks_waarschuwingen", MAX_TEKST, "overdracht_reden_toch_lengte"),
            models.CheckConstraint(
                condition=Q(ontvangen_op__isnull=True) | Q(ontvangen_door__isnull=False),
                name="overdracht_ontvangen_door_iemand",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.traject} → {self.get_regie_naar_display()}"


class UitstroomBasisvoorwaarde(SnelleKeuzes, models.Model):
    """The state of one basisvoorwaarde on the release day: 'op orde bij uitstroom'."""

    overdracht = models.ForeignKey(Overdracht, on_delete=models.CASCADE, related_name="uitkomsten")
    domein = models.CharField(max_length=30, choices=Domein.choices)
    status = models.CharField(max_length=20, choices=BVStatus.choices)
    # What the facts said on the release day (trajecten.overdracht.afleiden), one line each,
    # and the casemanager's note beside it (`geregeld`, from the concept's OverdrachtNotitie).
    afgeleid = models.JSONField(_("afgeleid uit de feiten"), default=list, blank=True)
    geregeld = models.TextField(_("wat is geregeld, wat loopt door"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["overdracht", "domein"], name="uitkomst_uniek"),
            hoogstens("geregeld", MAX_TEKST, "uitkomst_geregeld_lengte"),
        ]

    def __str__(self) -> str:
        return f"{self.get_domein_display()}: {self.get_status_display()}"


@pghistory.track()
class OverdrachtNotitie(SnelleKeuzes, models.Model):
    """The concept handover (issue 12): the casemanager's note on one basisvoorwaarde, only
    where it adds something to what the facts already say. Versioned: two people preparing the
    same domain do not overwrite each other (ADR 0010). Copied onto the handover at release."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="overdracht_notities"
    )
    domein = models.CharField(_("basisvoorwaarde"), max_length=30, choices=Domein.choices)
    tekst = models.TextField(_("aanvulling"), blank=True)
    gewijzigd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("aanvulling op de overdracht")
        verbose_name_plural = _("aanvullingen op de overdracht")
        constraints = [
            models.UniqueConstraint(fields=["traject", "domein"], name="overdracht_notitie_uniek"),
            hoogstens("tekst", MAX_TEKST, "overdracht_notitie_lengte"),
        ]

    def __str__(self) -> str:
        return f"{self.traject_id} {self.get_domein_display()}"
