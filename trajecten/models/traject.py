"""One detention (Traject) of one person, from intake to handover, and its access grants."""

from datetime import date, timedelta

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from ketenpartners.models import Locatie, Organisatie, Team
from ketenpartners.rollen import Soort
from reintegratie.keuzes import SnelleKeuzes

from ..keuzes import (
    IN_DETENTIE,
    Fase,
    Regie,
    Titel,
)
from ..querysets import CLIENTVOLGORDE, TrajectQuerySet
from ..validators import MAX_RISICO_TOELICHTING
from ._tekst import hoogstens
from .persoon import Gedetineerde

KORT_VERBLIJF = timedelta(days=91)  # under three months (DOMAIN.md, "Short stays")

MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class Traject(SnelleKeuzes, models.Model):
    """One detention of one person, from intake to handover."""

    gedetineerde = models.ForeignKey(
        Gedetineerde,
        verbose_name=_("gedetineerde"),
        on_delete=models.PROTECT,
        related_name="trajecten",
    )
    pi = models.ForeignKey(
        Organisatie,
        verbose_name=_("PI"),
        on_delete=models.PROTECT,
        related_name="trajecten_in_pi",
        limit_choices_to={"soort": Soort.PI},
    )
    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.PROTECT, null=True, blank=True
    )
    casemanager = models.ForeignKey(
        MEDEWERKER,
        verbose_name=_("casemanager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    mentor = models.ForeignKey(
        MEDEWERKER,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    binnenkomst_datum = models.DateField(_("datum binnenkomst in de PI"))
    # What this PI assessed about the person: on the trajectory, not the person (ADR 0009).
    lvb = models.BooleanField(_("licht verstandelijke beperking (LVB)"), default=False)
    lvb_toelichting = models.TextField(_("toelichting LVB"), blank=True)
    communicatiebehoeften = models.TextField(
        _("communicatiebehoeften"),
        blank=True,
        help_text=_("Bijvoorbeeld tolk nodig, moeite met lezen, eenvoudige taal."),
    )
    verwachte_uitstroom_datum = models.DateField(
        _("verwachte uitstroomdatum"), null=True, blank=True
    )
    uitstroom_datum = models.DateField(_("werkelijke uitstroomdatum"), null=True, blank=True)
    gemelde_gemeente = models.ForeignKey(
        Organisatie,
        verbose_name=_("gemeente volgens melding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"soort": Soort.GEMEENTE},
    )
    terugkeer_gemeente = models.ForeignKey(
        Organisatie,
        verbose_name=_("geverifieerde terugkeergemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"soort": Soort.GEMEENTE},
    )
    terugkeer_geverifieerd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    terugkeer_geverifieerd_op = models.DateTimeField(null=True, blank=True)
    reclassering = models.ForeignKey(
        Organisatie,
        verbose_name=_("reclassering"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"soort": Soort.RECLASSERING},
    )
    reclassering_team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, null=True, blank=True
    )
    reclasseringswerker = models.ForeignKey(
        MEDEWERKER,
        verbose_name=_("reclasseringswerker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    titel = models.CharField(
        _("justitiële titel na uitstroom"),
        max_length=30,
        choices=Titel.choices,
        default=Titel.ONBEKEND,
    )
    fase = models.CharField(_("fase"), max_length=30, choices=Fase.choices, default=Fase.INSTROOM)
    zvh = models.ForeignKey(
        Organisatie,
        verbose_name=_("Zorg- en Veiligheidshuis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"soort": Soort.ZVH},
    )
    beperkt = models.BooleanField(
        _("beperkte toegang"),
        default=False,
        help_text=_("Alleen de genoemde personen zien dit traject; elke inzage wordt vastgelegd."),
    )
    beperkt_tot = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("alleen zichtbaar voor"),
        blank=True,
        related_name="+",
    )
    # Why the case is restricted (issue 17): shown in the banner to those who still see it.
    beperking_reden = models.CharField(_("reden beperkte toegang"), max_length=500, blank=True)
    gezien_door_gemeente = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gezien_door_gemeente_op = models.DateTimeField(
        _("gezien door de gemeente op"), null=True, blank=True
    )
    opgepakt_door = models.ForeignKey(
        MEDEWERKER,
        verbose_name=_("opgepakt door (gemeente)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opgepakte_trajecten",
    )
    opgepakt_op = models.DateTimeField(_("opgepakt door de gemeente op"), null=True, blank=True)
    # Known risks of violence or sexual offences, which must reach the chain partners who need
    # them (report; art. 18a Pbw; ADR 0011). Recorded by the PI; who and when, so "none known"
    # differs from "never asked". Set with services.leg_risicos_vast, version-checked.
    risico_geweld = models.BooleanField(_("bekend risico op geweld"), default=False)
    risico_zeden = models.BooleanField(_("bekend risico op zedendelicten"), default=False)
    risico_toelichting = models.TextField(_("toelichting risico's"), blank=True)
    risico_vastgelegd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    risico_vastgelegd_op = models.DateTimeField(_("risico's vastgelegd op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # Optimistic locking of the case's own data (gegevens, handover): who changed it last, when,
    # and a version the forms and the API carry (ADR 0010). Phase changes by events do not count.
    gewijzigd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)
    # The browser intake form's one-time token: a double submit finds the first result.
    intake_sleutel = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = TrajectQuerySet.as_manager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-binnenkomst_datum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(uitstroom_datum__isnull=True)
                | Q(uitstroom_datum__gte=models.F("binnenkomst_datum")),
                name="uitstroom_na_binnenkomst",
            ),
            models.CheckConstraint(
                condition=Q(verwachte_uitstroom_datum__isnull=True)
                | Q(verwachte_uitstroom_datum__gte=models.F("binnenkomst_datum")),
                name="verwachte_uitstroom_na_binnenkomst",
            ),
            # A gemeente answering "niet onze inwoner" may name the right one: it becomes the
            # return gemeente unverified until the casemanager verifies (issue 12, ADR 0017).
            models.CheckConstraint(
                condition=Q(terugkeer_geverifieerd_op__isnull=True)
                | Q(terugkeer_gemeente__isnull=False),
                name="geverifieerd_heeft_terugkeer_gemeente",
            ),
            models.CheckConstraint(
                condition=Q(uitstroom_datum__isnull=False) | Q(fase__in=IN_DETENTIE),
                name="na_detentie_heeft_uitstroomdatum",
            ),
            models.UniqueConstraint(
                fields=["gedetineerde"],
                condition=Q(uitstroom_datum__isnull=True),
                name="een_lopende_detentie_per_persoon",
            ),
            hoogstens("risico_toelichting", MAX_RISICO_TOELICHTING, "risico_toelichting_lengte"),
        ]
        indexes = [
            models.Index(fields=["pi", "fase"]),
            models.Index(fields=["casemanager", "fase"]),
            # Issue 18 (ADR 0025): the current cases without reading ten years of history. The
            # inbox: a gemeente's running cases by the return gemeente rule (the expression of
            # querysets.GEMEENTE_ID); the reclassering's current clients; the cases in
            # detention (caseloads, the morning scan).
            models.Index(
                Coalesce("terugkeer_gemeente_id", "gemelde_gemeente_id"),
                F("fase"),
                name="traject_lopend_per_gemeente",
                condition=Q(fase__in=[*IN_DETENTIE, Fase.NA_DETENTIE]),
            ),
            models.Index(
                fields=["reclassering", "uitstroom_datum"], name="traject_reclassering_uitstroom"
            ),
            # The reclassering organisation's whole list, a page at a time in its order.
            models.Index(
                F("reclassering"),
                *CLIENTVOLGORDE,
                name="traject_reclassering_volgorde",
                condition=Q(reclassering__isnull=False),
            ),
            models.Index(
                fields=["pi", "casemanager"],
                name="traject_in_detentie",
                condition=Q(fase__in=IN_DETENTIE),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gedetineerde} ({self.pi}, {self.binnenkomst_datum:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("trajecten:detail", kwargs={"pk": self.pk})

    @property
    def gemeente(self) -> Organisatie | None:
        """The return gemeente as far as known: verified, else as notified."""
        return self.terugkeer_gemeente or self.gemelde_gemeente

    @property
    def gemeente_id(self) -> int | None:
        """The same rule as `gemeente` and `querysets.GEMEENTE_ID`, without a query."""
        return self.terugkeer_gemeente_id or self.gemelde_gemeente_id

    @property
    def kort_verblijf(self) -> bool:
        if self.verwachte_uitstroom_datum is None:
            return False
        return self.verwachte_uitstroom_datum - self.binnenkomst_datum < KORT_VERBLIJF

    @property
    def heeft_risico(self) -> bool:
        return self.risico_geweld or self.risico_zeden

    @property
    def nazorg_tot(self) -> date | None:
        """The end of the nazorg phase: NAZORGFASE_WEKEN weeks after the release (issue 12)."""
        if self.uitstroom_datum is None:
            return None
        return self.uitstroom_datum + timedelta(weeks=settings.NAZORGFASE_WEKEN)

    @property
    def regie_na_uitstroom(self) -> str | None:
        """A remaining judicial title gives case direction to the reclassering, none to the
        gemeente (DOMAIN.md, process table, 'after release')."""
        if self.titel == Titel.ONBEKEND:
            return None
        return Regie.GEMEENTE if self.titel == Titel.GEEN else Regie.RECLASSERING


class TrajectUserObjectPermission(UserObjectPermissionBase):
    """django-guardian, direct foreign key: a person's grant on one trajectory."""

    content_object = models.ForeignKey(Traject, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        pass


class TrajectGroupObjectPermission(GroupObjectPermissionBase):
    """django-guardian, direct foreign key: an organisation's grant (its group) on one
    trajectory, so every colleague of a gemeente sees it without a grant of their own."""

    content_object = models.ForeignKey(Traject, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        pass


@pghistory.track()
class Overplaatsing(SnelleKeuzes, models.Model):
    """A running trajectory moved to another PI (ADR 0009): one row per move, with its date and
    reason; the trajectory itself keeps its history in pghistory."""

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="overplaatsingen", verbose_name=_("traject")
    )
    van_pi = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("van PI")
    )
    naar_pi = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("naar PI")
    )
    naar_locatie = models.ForeignKey(
        Locatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    datum = models.DateField(_("datum overplaatsing"))
    reden = models.TextField(_("reden"))
    door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overplaatsing")
        verbose_name_plural = _("overplaatsingen")
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(van_pi=models.F("naar_pi")), name="overplaatsing_naar_andere_pi"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van_pi} → {self.naar_pi} ({self.datum:%d-%m-%Y})"
