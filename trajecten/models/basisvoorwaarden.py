"""The six basisvoorwaarden of a trajectory and the actions under each ('wie doet wat')."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Organisatie
from reintegratie.keuzes import SnelleKeuzes

from ..keuzes import (
    ActieStatus,
    BVStatus,
    Domein,
)
from ..validators import MAX_OMSCHRIJVING, MAX_TEKST
from ._tekst import hoogstens
from .contact import Trajectgesprek
from .traject import Traject

MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class Basisvoorwaarde(SnelleKeuzes, models.Model):
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
class Actie(SnelleKeuzes, models.Model):
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
    vervallen_reden = models.CharField(
        _("reden van vervallen"), max_length=MAX_OMSCHRIJVING, blank=True, default=""
    )
    afgerond_datum = models.DateField(
        _("gedaan of vervallen op"),
        null=True,
        blank=True,
        help_text=_("Leeg zolang de actie loopt."),
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
        constraints = [
            # A dropped action says why; any other status carries no reason.
            models.CheckConstraint(
                condition=(Q(status=ActieStatus.VERVALLEN) & ~Q(vervallen_reden=""))
                | (~Q(status=ActieStatus.VERVALLEN) & Q(vervallen_reden="")),
                name="actie_vervallen_met_reden",
            ),
            # Done or dropped has a date; open or busy has none.
            models.CheckConstraint(
                condition=Q(
                    status__in=[ActieStatus.GEDAAN, ActieStatus.VERVALLEN],
                    afgerond_datum__isnull=False,
                )
                | Q(status__in=[ActieStatus.OPEN, ActieStatus.BEZIG], afgerond_datum__isnull=True),
                name="actie_afgerond_met_datum",
            ),
            hoogstens("vervallen_reden", MAX_OMSCHRIJVING, "actie_reden_lengte"),
        ]
        indexes = [
            # "Mijn acties" and the navigation count: the running actions of one organisation.
            models.Index(
                fields=["organisatie", "uiterlijk_datum"],
                condition=Q(status__in=[ActieStatus.OPEN, ActieStatus.BEZIG]),
                name="actie_lopend_per_organisatie",
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def loopt(self) -> bool:
        return self.status in (ActieStatus.OPEN, ActieStatus.BEZIG)
