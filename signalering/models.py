"""Flags on missed deadlines, the in-app notifications they cause, and the e-mail outbox.

A flag (Signalering) is unique per (trajectory, kind, deadline day): the scan may run twice, at
the same time, or again after a killed worker, and the flags stay the same. A flag resolves
itself when the missing event is recorded ('te laat gehaald')."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Contactpunt
from trajecten.models import Actie, Traject


class Signaleringssoort(models.TextChoices):
    CONTACT_GEMEENTE = "contact_gemeente", _("Screening en contact gemeente (10 werkdagen)")
    PLAN_VASTGESTELD = "plan_vastgesteld", _("D&R-plan vastgesteld (4 weken)")
    STARTOVERLEG = "startoverleg", _("Startoverleg gehouden (4 weken)")
    ONTVANGST = "ontvangst", _("Gemeente heeft de detentie niet gezien")
    ONTVANGST_ESCALATIE = "ontvangst_escalatie", _("Gemeente reageert niet: escalatie")
    # The meetings the plan and the process agreed (issue 11): resolved when held, lapsed
    # after release.
    MDO = "mdo", _("MDO niet gehouden (elke 6 weken)")
    TRAJECTGESPREK = "trajectgesprek", _("Trajectgesprek niet gehouden (afgesproken frequentie)")
    UITSTROOMOVERLEG = "uitstroomoverleg", _("Uitstroomoverleg niet gehouden")
    # Not a deadline but an event the gemeente must hear of; created resolved (ADR 0009).
    OVERPLAATSING = "overplaatsing", _("Overgeplaatst naar een andere PI")
    # One agreed action ("wie doet wat") past its due date; the flag names the action.
    ACTIE_VERLOPEN = "actie_verlopen", _("Actie niet op tijd gedaan")
    UITKERING_AANVRAAG = (
        "uitkering_aanvraag",
        _("Uitkeringsaanvraag niet voorbereid vóór uitstroom"),
    )


class Signalering(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="signaleringen")
    soort = models.CharField(_("soort"), max_length=30, choices=Signaleringssoort.choices)
    uiterlijk = models.DateField(_("termijn was uiterlijk"))
    gesignaleerd_datum = models.DateField(_("gesignaleerd op"))
    opgelost_datum = models.DateField(_("te laat gehaald op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    opgelost_op = models.DateTimeField(null=True, blank=True)
    vervallen = models.BooleanField(
        _("vervallen"),
        default=False,
        help_text=_("De termijn geldt niet meer, bijvoorbeeld na een gecorrigeerde datum."),
    )
    actie = models.ForeignKey(
        Actie,
        verbose_name=_("actie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signaleringen",
    )

    class Meta:
        verbose_name = _("signalering")
        verbose_name_plural = _("signaleringen")
        ordering = ["uiterlijk", "pk"]
        constraints = [
            # Deadlines of the case: one flag per kind and day. An action's flag is one per
            # action and day instead, so two actions due on the same day are two flags.
            models.UniqueConstraint(
                fields=["traject", "soort", "uiterlijk"],
                condition=Q(actie__isnull=True),
                name="een_signalering_per_termijn",
            ),
            models.UniqueConstraint(
                fields=["actie", "uiterlijk"],
                condition=Q(actie__isnull=False),
                name="een_signalering_per_actie",
            ),
            models.CheckConstraint(
                condition=Q(soort="actie_verlopen", actie__isnull=False)
                | (~Q(soort="actie_verlopen") & Q(actie__isnull=True)),
                name="actiesignalering_noemt_actie",
            ),
            models.CheckConstraint(
                condition=Q(opgelost_datum__isnull=True) | Q(opgelost_op__isnull=False),
                name="opgelost_heeft_moment",
            ),
        ]
        indexes = [models.Index(fields=["opgelost_datum", "gesignaleerd_datum"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} · traject {self.traject_id} · {self.uiterlijk:%d-%m-%Y}"


class Berichtstatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wacht op verzending")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")
    # Cancelled by the functional administrator instead of deleted (issue 17): it stays visible.
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Bericht(models.Model):
    """The outbox: one daily digest per address. The worker drains it; a failed send stays
    here with its error, never lost."""

    aan = models.EmailField(_("aan"))
    datum = models.DateField(_("datum"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    status = models.CharField(
        max_length=20, choices=Berichtstatus.choices, default=Berichtstatus.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(default=0)
    laatste_fout = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-datum", "aan"]
        constraints = [
            models.UniqueConstraint(fields=["aan", "datum"], name="een_digest_per_adres_per_dag"),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.aan} {self.datum:%d-%m-%Y} ({self.get_status_display()})"


class Notificatie(models.Model):
    """In-app notification for a person, or for an organisation's contact point (e-mail only)."""

    signalering = models.ForeignKey(
        Signalering, on_delete=models.CASCADE, related_name="notificaties"
    )
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notificaties",
    )
    contactpunt = models.ForeignKey(
        Contactpunt, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    bericht = models.ForeignKey(
        Bericht, on_delete=models.SET_NULL, null=True, blank=True, related_name="notificaties"
    )
    gelezen_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ontvanger__isnull=True) ^ Q(contactpunt__isnull=True),
                name="notificatie_voor_persoon_of_contactpunt",
            ),
            models.UniqueConstraint(
                fields=["signalering", "ontvanger"], name="notificatie_uniek_persoon"
            ),
            models.UniqueConstraint(
                fields=["signalering", "contactpunt"], name="notificatie_uniek_contactpunt"
            ),
        ]
        indexes = [models.Index(fields=["ontvanger", "gelezen_op"])]

    def __str__(self) -> str:
        return f"{self.signalering} → {self.ontvanger or self.contactpunt}"
