"""Release preparations (issue 11): the practical things the inspection report says decide the
first week after release (ID-bewijs, benefit, bank account, housing, insurance), tracked per
trajectory on the basisvoorwaarde they belong to. The catalogue of kinds is reference data the
functional administrator extends."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenpartners.models import Organisatie
from reintegratie.keuzes import SnelleKeuzes

from ..keuzes import Domein, VoorbereidingStatus
from ..validators import MAX_OMSCHRIJVING
from ._tekst import hoogstens
from .basisvoorwaarden import Basisvoorwaarde

MEDEWERKER = settings.AUTH_USER_MODEL


class VoorbereidingSoortQuerySet(models.QuerySet):
    def actief(self) -> "VoorbereidingSoortQuerySet":
        return self.filter(actief=True)


@pghistory.track()
class VoorbereidingSoort(SnelleKeuzes, models.Model):
    """One kind of preparation in the catalogue, e.g. "ID-bewijs aangevraagd"."""

    domein = models.CharField(_("basisvoorwaarde"), max_length=30, choices=Domein.choices)
    naam = models.CharField(_("naam"), max_length=120)
    code = models.SlugField(
        _("code"),
        max_length=50,
        blank=True,
        help_text=_(
            "Vaste code waar het systeem op rekent (bijvoorbeeld een termijn). Laat leeg voor "
            "een eigen soort."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Een inactieve soort kan niet meer worden gekozen.")
    )

    objects = VoorbereidingSoortQuerySet.as_manager()

    class Meta:
        verbose_name = _("soort voorbereiding")
        verbose_name_plural = _("soorten voorbereiding")
        ordering = ["domein", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["domein", "naam"], name="voorbereidingsoort_naam"),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="voorbereidingsoort_code"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


@pghistory.track()
class Voorbereiding(SnelleKeuzes, models.Model):
    """One preparation of one trajectory: who arranges it, and when it was requested, is
    expected and was done."""

    basisvoorwaarde = models.ForeignKey(
        Basisvoorwaarde, on_delete=models.CASCADE, related_name="voorbereidingen"
    )
    soort = models.ForeignKey(
        VoorbereidingSoort, verbose_name=_("wat"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("stand"),
        max_length=20,
        choices=VoorbereidingStatus.choices,
        default=VoorbereidingStatus.NOG_NIET_GESTART,
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("wie regelt het"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aangevraagd_datum = models.DateField(_("aangevraagd op"), null=True, blank=True)
    verwacht_datum = models.DateField(_("verwacht op"), null=True, blank=True)
    gereed_datum = models.DateField(_("geregeld op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    gewijzigd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("voorbereiding")
        verbose_name_plural = _("voorbereidingen")
        ordering = ["soort__volgorde", "soort__naam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["basisvoorwaarde", "soort"], name="een_voorbereiding_per_soort"
            ),
            hoogstens("toelichting", MAX_OMSCHRIJVING, "voorbereiding_toelichting_lengte"),
            models.CheckConstraint(
                condition=Q(gereed_datum__isnull=True)
                | Q(aangevraagd_datum__isnull=True)
                | Q(gereed_datum__gte=models.F("aangevraagd_datum")),
                name="voorbereiding_gereed_na_aanvraag",
            ),
        ]

    def __str__(self) -> str:
        return str(self.soort)

    @property
    def statusklasse(self) -> str:
        """The task-list colour of its stand (static/css/thema.css)."""
        klassen: dict[str, str] = {
            VoorbereidingStatus.GEREGELD: "klaar",
            VoorbereidingStatus.NIET_NODIG: "klaar",
            VoorbereidingStatus.AANGEVRAAGD: "bezig",
        }
        return klassen.get(self.status, "niet-gestart")
