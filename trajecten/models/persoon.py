"""The person (Gedetineerde) and the decreed bridging days the deadlines count with."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegratie.keuzes import SnelleKeuzes

from ..keuzes import (
    Geslacht,
)
from ..validators import valideer_bsn

MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class Brugdag(SnelleKeuzes, models.Model):
    """A day a royal decree equates with an Atw holiday. Data an administrator extends."""

    datum = models.DateField(_("datum"), unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)

    class Meta:
        verbose_name = _("brugdag bij besluit")
        verbose_name_plural = _("brugdagen bij besluit")
        ordering = ["datum"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"


@pghistory.track()
class Gedetineerde(SnelleKeuzes, models.Model):
    """The person: names, birth date, BSN. One record per person, shared by every trajectory of
    that person; what one organisation assesses about the person (LVB, communication needs) is
    on its trajectory, so one PI never changes another PI's record (ADR 0009)."""

    voornamen = models.CharField(_("voornamen"), max_length=200)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    bsn = models.CharField(
        _("BSN"), max_length=9, blank=True, validators=[valideer_bsn], help_text=_("9 cijfers")
    )
    geslacht = models.CharField(
        _("geslacht"), max_length=10, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gedetineerde")
        verbose_name_plural = _("gedetineerden")
        ordering = ["achternaam", "voornamen"]
        constraints = [
            models.UniqueConstraint(fields=["bsn"], condition=~Q(bsn=""), name="bsn_uniek"),
            models.CheckConstraint(
                condition=Q(bsn="") | Q(bsn__regex=r"^[0-9]{9}$"), name="bsn_vorm"
            ),
        ]

    def __str__(self) -> str:
        return self.korte_naam

    # Set by `markeer_naamgenoten` on a list where two people share a `korte_naam`.
    toon_geboortejaar = False

    @property
    def lijstnaam(self) -> str:
        """The `korte_naam`, with the birth year when a namesake is on the same list:
        'M. Hoekstra (1988)'."""
        if self.toon_geboortejaar:
            return f"{self.korte_naam} ({self.geboortedatum:%Y})"
        return self.korte_naam

    @property
    def korte_naam(self) -> str:
        """'J. de Vries': how the chain names a person on lists."""
        initialen = "".join(f"{deel[0]}." for deel in self.voornamen.split() if deel)
        return f"{initialen} {self.achternaam}".strip()

    @property
    def volledige_naam(self) -> str:
        return f"{self.voornamen} {self.achternaam}"
