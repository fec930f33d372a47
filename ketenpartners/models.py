"""The chain: regions, organisations (PI, reclassering, gemeente, ZVH, beheer), their locations
and teams, staff accounts with a role, and the contact directory ("whom do I call there")."""

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegratie.keuzes import SnelleKeuzes

from .rollen import SOORT_VAN_ROL, Rol, Soort


class Regio(SnelleKeuzes, models.Model):
    """A veiligheidsregio: the default regional grouping of gemeenten and PIs."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    naam = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^VR[0-9]{2}$"), name="regio_code_vorm"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class OrganisatieQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)

    def gemeenten(self):
        return self.filter(soort=Soort.GEMEENTE)

    def inrichtingen(self):
        return self.filter(soort=Soort.PI)


@pghistory.track()
class Organisatie(SnelleKeuzes, models.Model):
    """A chain partner. Reference data is upserted by `code` (CBS code for a gemeente), so a newer
    list keeps existing links; a gemeente that merged away becomes inactive and is never deleted."""

    Soort = Soort

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("CBS-code voor een gemeente (GM0153), anders een vaste afkorting."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    regio = models.ForeignKey(
        Regio,
        verbose_name=_("veiligheidsregio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisaties",
    )
    cluster = models.CharField(_("DJI-cluster"), max_length=50, blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    # A PI's own caseload norm (issue 12); empty: settings.CASELOAD_NORM. See `norm`.
    caseload_norm = models.PositiveSmallIntegerField(
        _("caseloadnorm"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("Vul een norm van 1 tot en met 100 trajecten in.")),
            MaxValueValidator(100, message=_("Vul een norm van 1 tot en met 100 trajecten in.")),
        ],
        help_text=_(
            "Trajecten per casemanager van deze PI. Leeg: de landelijke norm uit de instellingen."
        ),
    )

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["soort", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort=Soort.GEMEENTE)
                | (Q(code__regex=r"^GM[0-9]{4}$") & Q(regio__isnull=False)),
                name="gemeente_heeft_cbs_code_en_regio",
            ),
            models.CheckConstraint(
                condition=Q(caseload_norm__isnull=True) | Q(caseload_norm__range=(1, 100)),
                name="caseload_norm_1_tot_100",
            ),
        ]
        indexes = [models.Index(fields=["soort", "actief"])]

    def __str__(self) -> str:
        if self.soort == Soort.GEMEENTE:
            return _("gemeente %(naam)s") % {"naam": self.naam}
        return self.naam

    @property
    def norm(self) -> int:
        """The caseload norm that holds here: the PI's own, else the national setting."""
        return self.caseload_norm or settings.CASELOAD_NORM


class Locatie(SnelleKeuzes, models.Model):
    """A site of a PI (PI Veenhuizen has Esserheem and Norgerhaven)."""

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("inrichting"),
        on_delete=models.PROTECT,
        related_name="locaties",
        limit_choices_to={"soort": Soort.PI},
    )
    naam = models.CharField(_("naam"), max_length=200)
    gemeente = models.ForeignKey(
        Organisatie,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"soort": Soort.GEMEENTE},
    )
    bijzonderheden = models.CharField(_("bijzonderheden"), max_length=300, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["organisatie__naam", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "naam"], name="locatie_uniek_per_pi"),
        ]

    def __str__(self) -> str:
        if self.naam == self.organisatie.naam.removeprefix("PI "):
            return self.organisatie.naam
        return f"{self.organisatie.naam}, {_('locatie')} {self.naam}"


class Team(SnelleKeuzes, models.Model):
    """A regional team within an organisation, e.g. Reclassering Nederland, team Oost."""

    organisatie = models.ForeignKey(
        Organisatie, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="teams"
    )
    naam = models.CharField(_("naam"), max_length=200)
    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.PROTECT, null=True, blank=True
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisatie__naam", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "naam"], name="team_uniek_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie.naam}, {_('team')} {self.naam}"


@pghistory.track(exclude=["password", "last_login"])
class Medewerker(SnelleKeuzes, AbstractUser):
    """A staff account: one person in one organisation with one role. The role decides the
    group (model permissions); which cases they see is decided by ketenpartners/access.py."""

    Rol = Rol

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
    )
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email_meldingen = models.BooleanField(
        _("dagelijkse e-mail met signaleringen"),
        default=True,
        help_text=_("Eén bericht per dag met de termijnen die aandacht vragen."),
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rol="") | Q(organisatie__isnull=False),
                name="medewerker_met_rol_heeft_organisatie",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        """A role belongs to one kind of organisation: a casemanager works at a PI, a
        nazorgcoördinator at a gemeente, and so on (rollen.SOORT_VAN_ROL)."""
        super().clean()
        if not self.rol:
            return
        if self.organisatie is None:
            raise ValidationError(
                {"organisatie": _("Kies de organisatie waar deze medewerker werkt.")}
            )
        if self.organisatie.soort != SOORT_VAN_ROL[self.rol]:
            raise ValidationError(
                {
                    "rol": _("De rol %(rol)s hoort bij een %(soort)s, niet bij %(org)s.")
                    % {
                        "rol": Rol(self.rol).label,
                        "soort": Soort(SOORT_VAN_ROL[self.rol]).label.lower(),
                        "org": self.organisatie,
                    }
                }
            )
        if self.team is not None and self.team.organisatie_id != self.organisatie_id:
            raise ValidationError(
                {"team": _("Dit team hoort niet bij %(org)s.") % {"org": self.organisatie}}
            )


@pghistory.track()
class Contactpunt(SnelleKeuzes, models.Model):
    """The functional contact point of an organisation or one of its teams: the number and
    address that are answered, even when the person who usually answers is away."""

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="contactpunten",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contactpunten",
    )
    naam = models.CharField(
        _("naam"), max_length=200, help_text=_("Bijvoorbeeld ‘Nazorg’ of ‘Casemanagement’.")
    )
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    bereikbaarheid = models.CharField(
        _("bereikbaarheid"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld ‘ma–vr 9–17 uur’."),
    )
    notities = models.TextField(_("notities"), blank=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("contactpunt")
        verbose_name_plural = _("contactpunten")
        ordering = ["organisatie__naam", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "team", "naam"],
                name="contactpunt_uniek",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=~Q(telefoon="") | ~Q(email=""),
                name="contactpunt_heeft_telefoon_of_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} — {self.naam}"


@pghistory.track(exclude=["token_hash"])
class Uitnodiging(SnelleKeuzes, models.Model):
    """The functional administrator invites a gemeente's first nazorgcoördinator (issue 12). Only
    a hash of the token is stored; the link in the e-mail carries the token itself. Valid for
    UITNODIGING_GELDIG_DAGEN days and used once: accepting it creates the account. pghistory
    keeps who invited whom and when the invitation was used (ketenpartners sits below audit)."""

    gemeente = models.ForeignKey(
        Organisatie,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="uitnodigingen",
        limit_choices_to={"soort": Soort.GEMEENTE},
    )
    naam = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        "Medewerker", on_delete=models.PROTECT, related_name="+", null=True
    )
    aangemaakt_op = models.DateTimeField(_("uitgenodigd op"), auto_now_add=True)
    verloopt_op = models.DateTimeField(_("geldig tot"))
    gebruikt_op = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    medewerker = models.OneToOneField(
        "Medewerker",
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uitnodiging",
    )

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gebruikt_op__isnull=True) | Q(medewerker__isnull=False),
                name="uitnodiging_gebruikt_heeft_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class Inlogteller(SnelleKeuzes, models.Model):
    """Failed logins per key ("account:<naam>" or "ip:<adres>"), shared by every process through
    the database. Written with one atomic upsert (ketenpartners.inloggen), so two workers that
    count at the same moment never lose a count. No password, only the name that was typed."""

    sleutel = models.CharField(max_length=200, unique=True)
    aantal = models.PositiveIntegerField(default=0)
    sinds = models.DateTimeField()
    geblokkeerd_tot = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inlogteller")
        verbose_name_plural = _("inlogtellers")

    def __str__(self) -> str:
        return f"{self.sleutel}: {self.aantal}"
