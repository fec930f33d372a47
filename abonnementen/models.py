"""Event subscriptions of the chain's systems (issue 16, ADR 0021): an organisation registers a
callback URL for kinds of events; each event becomes one delivery row per subscription (the
outbox), written in the transaction of the change, and every attempt to deliver it is logged."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Organisatie


class Eventsoort(models.TextChoices):
    """The CloudEvent `type` of each kind a system can subscribe to. Stable: receivers switch
    on these strings."""

    DETENTIE_GEMELD = "nl.reintegratie.detentie.gemeld", _("Nieuwe detentie")
    UITSTROOMDATUM_GEWIJZIGD = (
        "nl.reintegratie.uitstroomdatum.gewijzigd",
        _("Uitstroomdatum gewijzigd"),
    )
    OVERDRACHT_VERSTUURD = "nl.reintegratie.overdracht.verstuurd", _("Overdracht verstuurd")
    OVERDRACHT_BEVESTIGD = "nl.reintegratie.overdracht.bevestigd", _("Overdracht bevestigd")
    SIGNALERING_AANGEMAAKT = "nl.reintegratie.signalering.aangemaakt", _("Signalering gemaakt")
    TRAJECT_AFGESLOTEN = "nl.reintegratie.traject.afgesloten", _("Traject afgesloten")


class Abonnement(models.Model):
    """A callback URL of one organisation for some kinds of events. Events reach it only for
    trajectories the organisation may see at the moment of the event (the door's grants)."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="abonnementen"
    )
    # The account that registered it (a key's service account): deactivated, no more events.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="abonnementen"
    )
    naam = models.CharField(_("naam"), max_length=100)
    url = models.URLField(_("callback-URL"), max_length=500)
    soorten = ArrayField(
        models.CharField(max_length=60, choices=Eventsoort.choices), verbose_name=_("soorten")
    )
    melden_aan = models.EmailField(
        _("e-mail bij storing"),
        help_text=_("Wie hoort het als afleveren blijft mislukken en het abonnement pauzeert"),
    )
    # HMAC-SHA256 key of the signature: needed in the clear to sign, shown once.
    geheim = models.CharField(max_length=64)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gepauzeerd_op = models.DateTimeField(_("gepauzeerd op"), null=True, blank=True)
    falend_sinds = models.DateTimeField(_("mislukt sinds"), null=True, blank=True)
    verwijderd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["organisatie__naam", "naam", "pk"]
        indexes = [
            models.Index(
                fields=["organisatie"],
                condition=Q(verwijderd_op__isnull=True),
                name="abonnement_actief_per_org",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} · {self.naam}"


class Afleverstatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wacht op aflevering")
    AFGELEVERD = "afgeleverd", _("Afgeleverd")
    OPGEGEVEN = "opgegeven", _("Opgegeven na herhaalde mislukking")


class Aflevering(models.Model):
    """One event for one subscription: the outbox row. `envelop` is the CloudEvent exactly as
    sent (ids and links only). Due when `volgende_poging` has passed; a claim moves it forward
    by a lease, so a killed worker's delivery comes back by itself."""

    abonnement = models.ForeignKey(
        Abonnement, on_delete=models.CASCADE, related_name="afleveringen"
    )
    event_id = models.UUIDField(default=uuid.uuid4)
    soort = models.CharField(max_length=60, choices=Eventsoort.choices)
    traject_id = models.BigIntegerField()
    envelop = models.JSONField()
    status = models.CharField(
        max_length=12, choices=Afleverstatus.choices, default=Afleverstatus.WACHTEND
    )
    pogingen = models.PositiveIntegerField(default=0)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    volgende_poging = models.DateTimeField()
    afgeleverd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        constraints = [
            models.UniqueConstraint(
                fields=["abonnement", "event_id"], name="een_aflevering_per_event"
            ),
        ]
        indexes = [
            models.Index(
                fields=["volgende_poging"],
                condition=Q(status="wachtend"),
                name="aflevering_verschuldigd",
            ),
            models.Index(fields=["abonnement", "-aangemaakt_op"], name="aflevering_log"),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.event_id}"


class Poging(models.Model):
    """One attempt to deliver: what the receiver answered, or why it could not."""

    aflevering = models.ForeignKey(Aflevering, on_delete=models.CASCADE, related_name="log")
    op = models.DateTimeField()
    statuscode = models.PositiveSmallIntegerField(null=True, blank=True)
    fout = models.CharField(max_length=300, blank=True)
    duur_ms = models.PositiveIntegerField()
    gelukt = models.BooleanField()

    class Meta:
        verbose_name = _("afleverpoging")
        verbose_name_plural = _("afleverpogingen")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M:%S} {self.statuscode or self.fout}"
