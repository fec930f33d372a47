"""The close of the nazorg phase (issue 12): per basisvoorwaarde whether it was in order at the
end, by the party with case direction. 'Basisvoorwaarden op orde na nazorg' on the dashboard."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegratie.keuzes import SnelleKeuzes

from ..keuzes import Domein, Uitkomst
from ..validators import MAX_OMSCHRIJVING, MAX_TEKST
from ._tekst import hoogstens
from .traject import Traject

MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class Afsluiting(SnelleKeuzes, models.Model):
    """One per trajectory (a double submit closes once): who closed the nazorg phase, when, why."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="afsluiting")
    toelichting = models.TextField(_("toelichting"), blank=True)
    afgesloten_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    afgesloten_op = models.DateTimeField(_("afgesloten op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afsluiting nazorg")
        verbose_name_plural = _("afsluitingen nazorg")
        constraints = [hoogstens("toelichting", MAX_TEKST, "afsluiting_toelichting_lengte")]

    def __str__(self) -> str:
        return f"{self.traject} afgesloten"


@pghistory.track()
class AfsluitingUitkomst(SnelleKeuzes, models.Model):
    """The outcome of one basisvoorwaarde at the close, with an optional short note."""

    afsluiting = models.ForeignKey(Afsluiting, on_delete=models.CASCADE, related_name="uitkomsten")
    domein = models.CharField(max_length=30, choices=Domein.choices)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices)
    notitie = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("uitkomst bij afsluiting")
        verbose_name_plural = _("uitkomsten bij afsluiting")
        constraints = [
            models.UniqueConstraint(
                fields=["afsluiting", "domein"], name="afsluiting_uitkomst_uniek"
            ),
            hoogstens("notitie", MAX_OMSCHRIJVING, "afsluiting_notitie_lengte"),
        ]

    def __str__(self) -> str:
        return f"{self.get_domein_display()}: {self.get_uitkomst_display()}"
