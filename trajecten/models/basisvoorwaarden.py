"""The six basisvoorwaarden of a trajectory and the actions under each ('wie doet wat')."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Organisatie

from ..keuzes import (
    ActieStatus,
    BVStatus,
    Domein,
)
from ..validators import MAX_TEKST
from ._tekst import hoogstens
from .contact import Trajectgesprek
from .traject import Traject

MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class Basisvoorwaarde(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="basisvoorwaarden")
    domein = models.CharField(_("basisvoorwaarde"), max_length=30, choices=Domein.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=BVStatus.choices, default=BVStatus.ONBEKEND
    )
    hulpvraag = models.TextField(
        _("hulpvraag"), blank=True, help_text=_("Wat is er nodig, in gewone woorden.")
    )
    notities = models.TextField(_("notities"), blank=True)
    uitvoerende_partner = models.ForeignKey(
        Organisatie,
        verbose_name=_("wie pakt het op"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gewijzigd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("basisvoorwaarde")
        verbose_name_plural = _("basisvoorwaarden")
        constraints = [
            models.UniqueConstraint(fields=["traject", "domein"], name="basisvoorwaarde_uniek"),
            hoogstens("hulpvraag", MAX_TEKST, "hulpvraag_lengte"),
            hoogstens("notities", MAX_TEKST, "bv_notities_lengte"),
        ]

    def __str__(self) -> str:
        return self.get_domein_display()


@pghistory.track()
class Actie(models.Model):
    """'Wie doet wat': one agreed action for one basisvoorwaarde."""

    basisvoorwaarde = models.ForeignKey(
        Basisvoorwaarde, on_delete=models.CASCADE, related_name="acties"
    )
    omschrijving = models.CharField(_("wat"), max_length=300)
    organisatie = models.ForeignKey(
        Organisatie, verbose_name=_("welke organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    medewerker = models.ForeignKey(
        MEDEWERKER,
        verbose_name=_("wie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acties",
    )
    uiterlijk_datum = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActieStatus.choices, default=ActieStatus.OPEN
    )
    uit_gesprek = models.ForeignKey(
        Trajectgesprek, on_delete=models.SET_NULL, null=True, blank=True, related_name="afspraken"
    )
    aangemaakt_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["uiterlijk_datum", "pk"]

    def __str__(self) -> str:
        return self.omschrijving
