"""System clients of the chain's API: tokens per organisation (stored hashed, revocable) and the
log of received detention notifications (idempotent on the external reference)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Organisatie
from trajecten.models import Traject


class Scope(models.TextChoices):
    """What a key may do (issue 17, ADR 0007). On top of the service account's grants: a scope
    never lets a key see more than the organisation's staff see, only less."""

    MELDINGEN_SCHRIJVEN = "meldingen:schrijven", _("Detentiemeldingen doen")
    TRAJECTEN_LEZEN = "trajecten:lezen", _("Trajecten, signaleringen en adresboek lezen")
    TRAJECTEN_SCHRIJVEN = "trajecten:schrijven", _("Trajecten bijwerken")
    # Issue 16: register callback URLs and read their delivery log. Only on request.
    ABONNEMENTEN_BEHEREN = "abonnementen:beheren", _("Abonnementen op gebeurtenissen beheren")


class ApiToken(models.Model):
    """A system client of one organisation. It acts through a service account of that
    organisation, so it sees exactly what the organisation's staff see - narrowed by its
    scopes, and only until its expiry date."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="api_tokens"
    )
    naam = models.CharField(_("naam van het systeem"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    sleutel_hash = models.CharField(max_length=64, unique=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_token"
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    laatst_gebruikt_op = models.DateTimeField(
        _("laatst gebruikt"),
        null=True,
        blank=True,
        help_text=_("Bijgewerkt hooguit eens per minuut"),
    )
    scopes = ArrayField(
        models.CharField(max_length=30, choices=Scope.choices),
        verbose_name=_("scopes"),
        default=list,
    )
    geldig_tot = models.DateField(_("geldig tot en met"))

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["organisatie__naam", "naam"]

    def __str__(self) -> str:
        return f"{self.organisatie} · {self.naam} ({self.prefix}…)"


class Detentiemelding(models.Model):
    """A received detention notification. Its reference is the sending organisation's own:
    unique per organisation, so another organisation's equal reference is a different one
    (ADR 0007)."""

    organisatie = models.ForeignKey(
        Organisatie, verbose_name=_("verzonden door"), on_delete=models.PROTECT, related_name="+"
    )
    externe_referentie = models.CharField(max_length=100)
    inhoud_hash = models.CharField(max_length=64)
    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="meldingen")
    ontvangen_van = models.ForeignKey(ApiToken, on_delete=models.PROTECT, null=True, blank=True)
    ontvangen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("detentiemelding")
        verbose_name_plural = _("detentiemeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "externe_referentie"], name="referentie_per_organisatie"
            ),
        ]

    def __str__(self) -> str:
        return self.externe_referentie
