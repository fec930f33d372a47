"""Meetings, contact moments and the informatieblad shared with the gemeente."""

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Organisatie
from reintegratie.keuzes import SnelleKeuzes

from ..keuzes import (
    Annuleringsreden,
    Gesprekssoort,
    Kanaal,
)
from ..validators import MAX_LANGE_TEKST, MAX_TEKST
from ._tekst import hoogstens
from .traject import Traject

MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class Trajectgesprek(SnelleKeuzes, models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="gesprekken")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    soort = models.CharField(_("soort gesprek"), max_length=20, choices=Gesprekssoort.choices)
    gepland_op = models.DateTimeField(_("datum en tijd"))
    duur_minuten = models.PositiveSmallIntegerField(_("duur in minuten"), default=60)
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    videolink = models.URLField(_("videolink"), blank=True)
    organisaties = models.ManyToManyField(
        Organisatie, verbose_name=_("deelnemende organisaties"), related_name="+", blank=True
    )
    deelnemers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemers"), related_name="+", blank=True
    )
    gedetineerde_aanwezig = models.BooleanField(_("gedetineerde is aanwezig"), default=True)
    gehouden_datum = models.DateField(_("gehouden op"), null=True, blank=True)
    verslag = models.TextField(_("verslag"), blank=True)
    gepland_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    # Release cancels what was planned after the release day (issue 12); a cancelled meeting
    # counts as planned nowhere (deadlines, section status, the informatieblad, .ics).
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    geannuleerd_reden = models.CharField(
        _("reden van annuleren"), max_length=20, choices=Annuleringsreden.choices, blank=True
    )

    class Meta:
        verbose_name = _("trajectgesprek")
        verbose_name_plural = _("trajectgesprekken")
        ordering = ["gepland_op"]
        # The dashboard counts the meetings held in a period from this index (issue 18)
        # instead of walking every meeting of ten years of the region's trajectories.
        indexes = [
            models.Index(
                fields=["gehouden_datum"],
                include=["traject", "soort"],
                condition=models.Q(gehouden_datum__isnull=False),
                name="gesprek_gehouden",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(plaats="") | ~Q(videolink=""), name="gesprek_heeft_plaats_of_link"
            ),
            hoogstens("verslag", MAX_LANGE_TEKST, "verslag_lengte"),
            models.CheckConstraint(
                condition=Q(geannuleerd_op__isnull=True, geannuleerd_reden="")
                | (Q(geannuleerd_op__isnull=False) & ~Q(geannuleerd_reden="")),
                name="gesprek_geannuleerd_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.gepland_op:%d-%m-%Y %H:%M}"

    @property
    def geannuleerd(self) -> bool:
        return self.geannuleerd_op is not None


@pghistory.track()
class Contactmoment(SnelleKeuzes, models.Model):
    """Contact between partners about the trajectory. Contact with the gemeente meets the
    ten-working-day deadline (DOMAIN.md)."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="contactmomenten")
    organisatie = models.ForeignKey(
        Organisatie, verbose_name=_("met organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    contactpersoon = models.CharField(_("met wie"), max_length=200, blank=True)
    kanaal = models.CharField(_("hoe"), max_length=20, choices=Kanaal.choices)
    datum = models.DateField(_("datum"))
    samenvatting = models.TextField(_("samenvatting"))
    geregistreerd_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-datum", "-pk"]
        constraints = [hoogstens("samenvatting", MAX_TEKST, "samenvatting_lengte")]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.organisatie}"


class InformatiebladGedeeld(SnelleKeuzes, models.Model):
    """When the informatieblad was made available to which gemeente, by whom."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="informatiebladen")
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    gedeeld_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    gedeeld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("informatieblad gedeeld")
        verbose_name_plural = _("informatiebladen gedeeld")
        ordering = ["-gedeeld_op"]

    def __str__(self) -> str:
        return f"{self.traject_id} → {self.gemeente} ({self.gedeeld_op:%d-%m-%Y})"


@pghistory.track()
class NietOnzeGemeente(SnelleKeuzes, models.Model):
    """A gemeente answers an incoming detention with "niet onze inwoner" (issue 12), with a reason
    and, when known, the right gemeente. Open (`afgehandeld_op` empty) until the casemanager
    verifies the return gemeente; while open, the answering gemeente holds no grant on the case
    (access._gewenst) and the case page asks the casemanager to verify."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="niet_onze_antwoorden"
    )
    gemeente = models.ForeignKey(
        Organisatie, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    reden = models.TextField(_("reden"))
    juiste_gemeente = models.ForeignKey(
        Organisatie,
        verbose_name=_("juiste gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gemeld_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    gemeld_op = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("antwoord 'niet onze gemeente'")
        verbose_name_plural = _("antwoorden 'niet onze gemeente'")
        ordering = ["-gemeld_op"]
        constraints = [
            # A double submit records one open answer per gemeente.
            models.UniqueConstraint(
                fields=["traject", "gemeente"],
                condition=Q(afgehandeld_op__isnull=True),
                name="niet_onze_gemeente_een_open_antwoord",
            ),
            hoogstens("reden", MAX_TEKST, "niet_onze_gemeente_reden_lengte"),
        ]

    def __str__(self) -> str:
        return f"{self.traject_id}: {self.gemeente} — niet onze inwoner"
