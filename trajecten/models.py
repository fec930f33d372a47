"""One detention (Traject) of one person (Gedetineerde), its basisvoorwaarden, actions, plan,
contact moments, meetings and handover. Every table is tracked by pghistory: who changed what,
when, is answerable for every record."""

import uuid
from datetime import timedelta

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from ketenpartners.models import Locatie, Organisatie, Team
from ketenpartners.rollen import Soort

from .keuzes import (
    IN_DETENTIE,
    ActieStatus,
    BVStatus,
    Domein,
    Fase,
    Geslacht,
    Gesprekssoort,
    Kanaal,
    PlanStatus,
    Regie,
    Titel,
)
from .validators import valideer_bsn

KORT_VERBLIJF = timedelta(days=91)  # under three months (DOMAIN.md, "Short stays")
MEDEWERKER = settings.AUTH_USER_MODEL


@pghistory.track()
class Brugdag(models.Model):
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
class Gedetineerde(models.Model):
    voornamen = models.CharField(_("voornamen"), max_length=200)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    bsn = models.CharField(
        _("BSN"), max_length=9, blank=True, validators=[valideer_bsn], help_text=_("9 cijfers")
    )
    geslacht = models.CharField(
        _("geslacht"), max_length=10, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    lvb = models.BooleanField(_("licht verstandelijke beperking (LVB)"), default=False)
    lvb_toelichting = models.TextField(_("toelichting LVB"), blank=True)
    communicatiebehoeften = models.TextField(
        _("communicatiebehoeften"),
        blank=True,
        help_text=_("Bijvoorbeeld tolk nodig, moeite met lezen, eenvoudige taal."),
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

    @property
    def korte_naam(self) -> str:
        """'J. de Vries': how the chain names a person on lists."""
        initialen = "".join(f"{deel[0]}." for deel in self.voornamen.split() if deel)
        return f"{initialen} {self.achternaam}".strip()

    @property
    def volledige_naam(self) -> str:
        return f"{self.voornamen} {self.achternaam}"


@pghistory.track()
class Traject(models.Model):
    """One detention of one person, from intake to handover."""

    Fase = Fase

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
        MEDEWERKER, verbose_name=_("alleen zichtbaar voor"), blank=True, related_name="+"
    )
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
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

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
            models.CheckConstraint(
                condition=Q(terugkeer_gemeente__isnull=True)
                | Q(terugkeer_geverifieerd_op__isnull=False),
                name="terugkeer_gemeente_is_geverifieerd",
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
        ]
        indexes = [
            models.Index(fields=["pi", "fase"]),
            models.Index(fields=["casemanager", "fase"]),
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
    def kort_verblijf(self) -> bool:
        if self.verwachte_uitstroom_datum is None:
            return False
        return self.verwachte_uitstroom_datum - self.binnenkomst_datum < KORT_VERBLIJF

    @property
    def regie_na_uitstroom(self) -> str | None:
        """A remaining judicial title gives case direction to the reclassering, none to the
        gemeente (DOMAIN.md, process table, 'after release')."""
        if self.titel == Titel.ONBEKEND:
            return None
        return Regie.GEMEENTE if self.titel == Titel.GEEN else Regie.RECLASSERING


@pghistory.track()
class Basisvoorwaarde(models.Model):
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

    class Meta:
        verbose_name = _("basisvoorwaarde")
        verbose_name_plural = _("basisvoorwaarden")
        constraints = [
            models.UniqueConstraint(fields=["traject", "domein"], name="basisvoorwaarde_uniek"),
        ]

    def __str__(self) -> str:
        return self.get_domein_display()


@pghistory.track()
class Trajectgesprek(models.Model):
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
        MEDEWERKER, verbose_name=_("deelnemers"), related_name="+", blank=True
    )
    gedetineerde_aanwezig = models.BooleanField(_("gedetineerde is aanwezig"), default=True)
    gehouden_datum = models.DateField(_("gehouden op"), null=True, blank=True)
    verslag = models.TextField(_("verslag"), blank=True)
    gepland_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("trajectgesprek")
        verbose_name_plural = _("trajectgesprekken")
        ordering = ["gepland_op"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(plaats="") | ~Q(videolink=""), name="gesprek_heeft_plaats_of_link"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.gepland_op:%d-%m-%Y %H:%M}"


@pghistory.track()
class Actie(models.Model):
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
    uit_gesprek = models.ForeignKey(
        Trajectgesprek, on_delete=models.SET_NULL, null=True, blank=True, related_name="afspraken"
    )
    aangemaakt_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["uiterlijk_datum", "pk"]

    def __str__(self) -> str:
        return self.omschrijving


@pghistory.track()
class DRPlan(models.Model):
    """The D&R-plan with the parts art. 18a Pbw requires. The fourth part, the essential
    conditions still missing, is derived from the basisvoorwaarden and never typed."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="plan")
    begeleidingsplan = models.TextField(
        _("individueel begeleidingsplan, inclusief benodigde zorg"), blank=True
    )
    doelen = models.TextField(_("gedrags- en re-integratiedoelen"), blank=True)
    activiteiten = models.TextField(
        _("activiteiten en verloven die bij goed gedrag verdiend kunnen worden"), blank=True
    )
    regie = models.CharField(
        _("wie heeft de regie"), max_length=20, choices=Regie.choices, default=Regie.PI
    )
    monitoring = models.TextField(_("hoe de voortgang wordt gevolgd"), blank=True)
    gespreksfrequentie_weken = models.PositiveSmallIntegerField(
        _("trajectgesprek elke … weken"), default=6
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.CONCEPT
    )
    gewijzigd_door = models.ForeignKey(
        MEDEWERKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("D&R-plan")
        verbose_name_plural = _("D&R-plannen")
        constraints = [
            models.CheckConstraint(
                condition=Q(gespreksfrequentie_weken__gte=1, gespreksfrequentie_weken__lte=26),
                name="gespreksfrequentie_redelijk",
            ),
        ]

    def __str__(self) -> str:
        return str(_("D&R-plan van %(naam)s") % {"naam": self.traject.gedetineerde})


class DRPlanVersie(models.Model):
    """An adopted version of the plan, as the MDO adopted it. Immutable: the database refuses
    to change or delete it."""

    plan = models.ForeignKey(DRPlan, on_delete=models.PROTECT, related_name="versies")
    versie = models.PositiveSmallIntegerField()
    vastgesteld_datum = models.DateField(_("vastgesteld in het MDO van"))
    vastgesteld_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    inhoud = models.JSONField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vastgestelde versie van het D&R-plan")
        verbose_name_plural = _("vastgestelde versies van het D&R-plan")
        ordering = ["plan", "versie"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "versie"], name="planversie_uniek"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="planversie_onveranderlijk", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.versie} ({self.vastgesteld_datum:%d-%m-%Y})"


@pghistory.track()
class Contactmoment(models.Model):
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

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.organisatie}"


@pghistory.track()
class DRAdvies(models.Model):
    """The reclassering's own advice beside the plan (D&R-advies): its text, never the PI's."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="adviezen")
    tekst = models.TextField(_("advies"))
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    opgesteld_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    opgesteld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("D&R-advies")
        verbose_name_plural = _("D&R-adviezen")
        ordering = ["-opgesteld_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisatie} · {self.opgesteld_op:%d-%m-%Y}"


class InformatiebladGedeeld(models.Model):
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
class Overdracht(models.Model):
    """The handover at release: who takes case direction, what is arranged per basisvoorwaarde."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="overdracht")
    regie_naar = models.CharField(_("regie gaat naar"), max_length=20, choices=Regie.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    opgesteld_door = models.ForeignKey(MEDEWERKER, on_delete=models.PROTECT, related_name="+")
    opgesteld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            models.CheckConstraint(
                condition=Q(regie_naar__in=[Regie.RECLASSERING, Regie.GEMEENTE]),
                name="overdracht_naar_reclassering_of_gemeente",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.traject} → {self.get_regie_naar_display()}"


class UitstroomBasisvoorwaarde(models.Model):
    """The state of one basisvoorwaarde on the release day: 'op orde bij uitstroom'."""

    overdracht = models.ForeignKey(Overdracht, on_delete=models.CASCADE, related_name="uitkomsten")
    domein = models.CharField(max_length=30, choices=Domein.choices)
    status = models.CharField(max_length=20, choices=BVStatus.choices)
    geregeld = models.TextField(_("wat is geregeld, wat loopt door"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["overdracht", "domein"], name="uitkomst_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.get_domein_display()}: {self.get_status_display()}"


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
