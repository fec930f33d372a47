"""The audit trail: who read or changed which detainee's data, when, and on what legal basis.
Append-only: a database trigger refuses every UPDATE and DELETE (see docs/security.md)."""

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Auditactie(models.TextChoices):
    LEZEN = "lezen", _("Ingezien")
    LIJST = "lijst", _("In een lijst getoond")
    SCHRIJVEN = "schrijven", _("Gewijzigd")
    EXPORT = "export", _("Geëxporteerd of gedownload")
    TOEGANG_VERLEEND = "toegang_verleend", _("Toegang verleend")
    TOEGANG_INGETROKKEN = "toegang_ingetrokken", _("Toegang ingetrokken")
    # A BSN typed at intake or in a correction matched a known person: the answer ("known",
    # "detained") is itself information, so the question is recorded on that person's cases.
    BSN_GEZOCHT = "bsn_gezocht", _("BSN opgezocht (intake of correctie)")
    # Who looked at the audit trail itself, and with which filter (issue 17).
    AUDIT_INGEZIEN = "audit_ingezien", _("Audittrail ingezien")
    # Accounts (issue 17): written by audit/ontvangers.py on ketenpartners.signalen.
    INLOGGEN_MISLUKT = "inloggen_mislukt", _("Inloggen mislukt")
    ACCOUNT_GEBLOKKEERD = "account_geblokkeerd", _("Account of adres geblokkeerd")
    MFA_INGESCHREVEN = "mfa_ingeschreven", _("Tweede factor ingesteld")
    HERSTELCODE_GEBRUIKT = "herstelcode_gebruikt", _("Herstelcode gebruikt")
    MFA_GERESET = "mfa_gereset", _("Tweede factor gereset door beheer")
    ACCOUNT_GEWIJZIGD = "account_gewijzigd", _("Account gewijzigd door beheer")


class Auditregel(models.Model):
    op = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gebruikersnaam = models.CharField(max_length=150, blank=True)
    organisatie = models.CharField(_("organisatie"), max_length=200, blank=True)
    rol = models.CharField(_("rol"), max_length=30, blank=True)
    actie = models.CharField(_("actie"), max_length=30, choices=Auditactie.choices)
    traject_id = models.BigIntegerField(_("traject"), null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    categorieen = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    grondslag = models.CharField(_("grondslag"), max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    toelichting = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-op", "-pk"]
        indexes = [models.Index(fields=["gebruiker", "op"])]
        triggers = [
            pgtrigger.Protect(
                name="audit_alleen_toevoegen", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.op:%d-%m-%Y %H:%M} {self.gebruikersnaam} {self.actie} traject {self.traject_id}"
        )
