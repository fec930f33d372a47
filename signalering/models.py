"""Flags on missed deadlines, the in-app notifications they cause, and the e-mail outbox.

A flag (Signalering) is unique per (trajectory, kind, deadline day): the scan may run twice, at
the same time, or again after a killed worker, and the flags stay the same. A flag resolves
itself when the missing event is recorded ('te laat gehaald')."""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Contactpunt
from reintegratie.keuzes import SnelleKeuzes
from trajecten.keuzes import Gebeurtenissoort
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
    # The handover nobody confirmed (issue 12): chased, then escalated to the PI's staf.
    OVERDRACHT_ONTVANGST = "overdracht_ontvangst", _("Overdracht niet bevestigd")
    OVERDRACHT_ESCALATIE = "overdracht_escalatie", _("Overdracht niet bevestigd: escalatie")


class Signalering(SnelleKeuzes, models.Model):
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


class Berichtsoort(models.TextChoices):
    DIGEST = "digest", _("Dagelijkse e-mail")
    DIRECT = "direct", _("Directe e-mail")


class Bericht(SnelleKeuzes, models.Model):
    """The outbox: one daily digest per address, and the immediate mails of events a person
    wants at once. The worker drains it; a failed send stays here with its error, never lost."""

    aan = models.EmailField(_("aan"))
    soort = models.CharField(
        _("soort"), max_length=10, choices=Berichtsoort.choices, default=Berichtsoort.DIGEST
    )
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
            models.UniqueConstraint(
                fields=["aan", "datum"],
                condition=Q(soort="digest"),
                name="een_digest_per_adres_per_dag",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.aan} {self.datum:%d-%m-%Y} ({self.get_status_display()})"


class Gebeurtenis(SnelleKeuzes, models.Model):
    """Something people must hear of (issue 12), announced by a service through
    `trajecten.services.meld_gebeurtenis`; its notifications are written in the same
    transaction (signalering.gebeurtenissen). `gegevens` hold short strings, no personal data."""

    soort = models.CharField(_("soort"), max_length=30, choices=Gebeurtenissoort.choices)
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="gebeurtenissen")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["traject", "soort"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} · traject {self.traject_id}"

    @property
    def omschrijving(self) -> str:
        """The line in the bell and in an e-mail, in Dutch, without names."""
        datum = self.gegevens.get("datum")
        if datum:
            try:
                datum = date.fromisoformat(str(datum)[:10]).strftime("%d-%m-%Y")
            except ValueError:
                datum = None
        G = Gebeurtenissoort
        if self.soort == G.UITSTROOMDATUM_GEWIJZIGD:
            if datum:
                return _("Verwachte uitstroomdatum gewijzigd naar %(datum)s") % {"datum": datum}
            return str(_("Verwachte uitstroomdatum gewijzigd: niet meer bekend"))
        if self.soort == G.GESPREK_GEPLAND and datum:
            return _("U bent uitgenodigd voor een overleg op %(datum)s") % {"datum": datum}
        if self.soort == G.GESPREK_GEANNULEERD and datum:
            return _("Het overleg van %(datum)s gaat niet door") % {"datum": datum}
        if self.soort == G.DETENTIE_GEMELD:
            return str(_("Nieuwe detentie van een inwoner van uw gemeente"))
        return str(self.get_soort_display())


class Kanaal(models.TextChoices):
    APP = "app", _("Alleen in de app")
    DIGEST = "digest", _("In de dagelijkse e-mail")
    DIRECT = "direct", _("Direct per e-mail")


# The flags on missed deadlines are one more kind in the preferences, beside the events.
SIGNALERINGEN = "signaleringen"
MELDINGSSOORTEN: list[tuple[str, Any]] = [
    (SIGNALERINGEN, _("Signaleringen: termijnen en acties die aandacht vragen")),
    *Gebeurtenissoort.choices,
]


class Meldingsvoorkeur(SnelleKeuzes, models.Model):
    """A person's choice how to hear of one kind of notification. No row: the default of the
    role (signalering.voorkeuren.STANDAARD)."""

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingsvoorkeuren"
    )
    soort = models.CharField(_("soort melding"), max_length=30, choices=MELDINGSSOORTEN)
    kanaal = models.CharField(_("hoe"), max_length=10, choices=Kanaal.choices)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["medewerker", "soort"], name="een_voorkeur_per_soort"),
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} · {self.soort}: {self.kanaal}"


class Notificatie(SnelleKeuzes, models.Model):
    """In-app notification for a person, or for an organisation's contact point (e-mail only),
    of a flag or of an event (exactly one of the two)."""

    signalering = models.ForeignKey(
        Signalering, on_delete=models.CASCADE, null=True, blank=True, related_name="notificaties"
    )
    gebeurtenis = models.ForeignKey(
        Gebeurtenis, on_delete=models.CASCADE, null=True, blank=True, related_name="notificaties"
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
            models.CheckConstraint(
                condition=Q(signalering__isnull=True) ^ Q(gebeurtenis__isnull=True),
                name="notificatie_van_signalering_of_gebeurtenis",
            ),
            models.UniqueConstraint(
                fields=["gebeurtenis", "ontvanger"], name="notificatie_uniek_persoon_gebeurtenis"
            ),
            models.UniqueConstraint(
                fields=["gebeurtenis", "contactpunt"],
                name="notificatie_uniek_contactpunt_gebeurtenis",
            ),
        ]
        indexes = [
            models.Index(fields=["ontvanger", "gelezen_op"]),
            # The meldingen page in its own order (unread first, newest first): read from the
            # person's rows in page order and stop at the page (issue 18, ADR 0025).
            models.Index(
                F("ontvanger"),
                F("gelezen_op").desc(nulls_first=True),
                F("aangemaakt_op").desc(),
                F("id").desc(),
                name="notificatie_ontvanger_volgorde",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signalering or self.gebeurtenis} → {self.ontvanger or self.contactpunt}"

    @property
    def traject_id(self) -> int:
        bron = self.signalering or self.gebeurtenis
        assert bron is not None  # notificatie_van_signalering_of_gebeurtenis
        return bron.traject_id


class Scanrun(SnelleKeuzes, models.Model):
    """The morning scan's run of a day (issue 18): begun, and completed once its flags and
    digests are committed. Beat's catch-up runs (`signalering.scan_inhalen`) do nothing on a day
    whose scan completed, and run it when the morning run never started (Redis down at 06:30)
    or was killed (begun minutes ago, never completed)."""

    datum = models.DateField(_("datum"), unique=True)
    begonnen_op = models.DateTimeField(_("begonnen op"))
    voltooid_op = models.DateTimeField(_("voltooid op"), null=True, blank=True)
    pogingen = models.PositiveIntegerField(_("pogingen"), default=0)

    class Meta:
        verbose_name = _("scanrun")
        verbose_name_plural = _("scanruns")
        ordering = ["-datum"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y}"
