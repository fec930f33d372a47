"""Enumerations of the trajectory domain and the phase transition table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Fase(models.TextChoices):
    INSTROOM = "instroom", _("Instroom")
    SCREENING = "screening", _("Screening")
    DR_PLAN = "dr_plan", _("D&R-plan")
    DETENTIE = "detentie", _("Detentie")
    VOORBEREIDING_UITSTROOM = "voorbereiding_uitstroom", _("Voorbereiding uitstroom")
    NA_DETENTIE = "na_detentie", _("Na detentie")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


IN_DETENTIE = (
    Fase.INSTROOM,
    Fase.SCREENING,
    Fase.DR_PLAN,
    Fase.DETENTIE,
    Fase.VOORBEREIDING_UITSTROOM,
)

# The one table of allowed phase changes (trajecten.services.wijzig_fase enforces it).
# Release can come in any detention phase: three quarters stay under three months (DOMAIN.md).
FASE_OVERGANGEN: dict[str, set[str]] = {
    Fase.INSTROOM: {Fase.SCREENING, Fase.NA_DETENTIE},
    Fase.SCREENING: {Fase.DR_PLAN, Fase.DETENTIE, Fase.NA_DETENTIE},
    Fase.DR_PLAN: {Fase.DETENTIE, Fase.NA_DETENTIE},
    Fase.DETENTIE: {Fase.VOORBEREIDING_UITSTROOM, Fase.NA_DETENTIE},
    Fase.VOORBEREIDING_UITSTROOM: {Fase.DETENTIE, Fase.NA_DETENTIE},
    Fase.NA_DETENTIE: {Fase.AFGESLOTEN},
    Fase.AFGESLOTEN: set(),
}


class Geslacht(models.TextChoices):
    MAN = "man", _("Man")
    VROUW = "vrouw", _("Vrouw")
    X = "x", _("X / anders")
    ONBEKEND = "onbekend", _("Onbekend")


class Titel(models.TextChoices):
    """The judicial title after release decides who takes case direction (DOMAIN.md)."""

    ONBEKEND = "onbekend", _("Nog niet bekend")
    GEEN = "geen", _("Geen justitiële titel")
    VI = "vi", _("Voorwaardelijke invrijheidstelling (v.i.)")
    VOORWAARDELIJKE_STRAF = "voorwaardelijke_straf", _("Voorwaardelijke straf")
    OVERIG = "overig", _("Andere justitiële titel")


class Domein(models.TextChoices):
    ID_BEWIJS = "id_bewijs", _("ID-bewijs")
    HUISVESTING = "huisvesting", _("Huisvesting")
    WERK_INKOMEN = "werk_inkomen", _("Werk en inkomen")
    FINANCIEN_SCHULDEN = "financien_schulden", _("Financiën en schulden")
    ZORG = "zorg", _("Zorg")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Sociaal netwerk")


class BVStatus(models.TextChoices):
    ONBEKEND = "onbekend", _("Onbekend")
    OP_ORDE = "op_orde", _("Op orde")
    NIET_OP_ORDE = "niet_op_orde", _("Niet op orde")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")


class Uitkomst(models.TextChoices):
    """A basisvoorwaarde at the close of the nazorg phase (issue 12)."""

    OP_ORDE = "op_orde", _("Op orde")
    NIET_OP_ORDE = "niet_op_orde", _("Niet op orde")
    ONBEKEND = "onbekend", _("Onbekend")


class ActieStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEZIG = "bezig", _("Bezig")
    GEDAAN = "gedaan", _("Gedaan")
    VERVALLEN = "vervallen", _("Vervallen")


# An action still to be done: what "Mijn acties", the navigation count and the scan look at.
ACTIE_LOPEND = (ActieStatus.OPEN, ActieStatus.BEZIG)
ACTIE_AFGEROND = (ActieStatus.GEDAAN, ActieStatus.VERVALLEN)
# Which status may follow which (zet_actiestatus). A done or dropped action may be reopened by
# its owner (a click on the wrong row, a benefit application that bounced); going from gedaan to
# vervallen or back goes through reopening, so the record never claims both.
ACTIE_OVERGANGEN: dict[str, set[str]] = {
    ActieStatus.OPEN: {ActieStatus.BEZIG, ActieStatus.GEDAAN, ActieStatus.VERVALLEN},
    ActieStatus.BEZIG: {ActieStatus.OPEN, ActieStatus.GEDAAN, ActieStatus.VERVALLEN},
    ActieStatus.GEDAAN: {ActieStatus.OPEN, ActieStatus.BEZIG},
    ActieStatus.VERVALLEN: {ActieStatus.OPEN, ActieStatus.BEZIG},
}


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    HERZIEN = "herzien", _("In herziening")


class Regie(models.TextChoices):
    PI = "pi", _("PI (casemanager)")
    RECLASSERING = "reclassering", _("Reclassering")
    GEMEENTE = "gemeente", _("Gemeente")


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    OVERLEG = "overleg", _("Overleg")
    VIDEO = "video", _("Videogesprek")
    BRIEF = "brief", _("Brief")


class Gesprekssoort(models.TextChoices):
    STARTOVERLEG = "startoverleg", _("Startoverleg")
    PERIODIEK = "periodiek", _("Periodiek trajectgesprek")
    MDO = "mdo", _("MDO")
    UITSTROOMOVERLEG = "uitstroomoverleg", _("Uitstroomoverleg")


class Annuleringsreden(models.TextChoices):
    """Why a planned meeting will not take place (issue 12): release ends what detention started."""

    UITSTROOM = "uitstroom", _("uitgestroomd")


class VoorbereidingStatus(models.TextChoices):
    """A release preparation (issue 11): the words a casemanager uses for it."""

    NOG_NIET_GESTART = "nog_niet_gestart", _("Nog niet gestart")
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    GEREGELD = "geregeld", _("Geregeld")
    NIET_NODIG = "niet_nodig", _("Niet nodig")


# The benefit application is prepared in the PI; its deadline hangs on this catalogue code.
UITKERING_AANVRAAG = "uitkering_aanvraag"


class Gebeurtenissoort(models.TextChoices):
    """Events people must hear of (issue 12): announced by services through
    `services.meld_gebeurtenis`, turned into notifications by signalering per each person's
    preference (in-app, daily digest, immediate e-mail). The values are stable: the API's event
    subscriptions (issue 16) name them."""

    DETENTIE_GEMELD = "detentie_gemeld", _("Nieuwe detentie")
    UITSTROOMDATUM_GEWIJZIGD = "uitstroomdatum_gewijzigd", _("Uitstroomdatum gewijzigd")
    GESPREK_GEPLAND = "gesprek_gepland", _("Overleg gepland")
    GESPREK_GEANNULEERD = "gesprek_geannuleerd", _("Overleg geannuleerd")
    OVERDRACHT_VERSTUURD = "overdracht_verstuurd", _("Overdracht ontvangen")
    OVERDRACHT_BEVESTIGD = "overdracht_bevestigd", _("Overdracht bevestigd door de ontvanger")
    NIET_ONZE_GEMEENTE = "niet_onze_gemeente", _("Gemeente meldt: niet onze inwoner")
    GEMEENTE_GEWIJZIGD = "gemeente_gewijzigd", _("Traject naar uw gemeente verplaatst")
    CASELOAD_OVERGEDRAGEN = "caseload_overgedragen", _("Casemanager gewijzigd")
    TRAJECT_AFGESLOTEN = "traject_afgesloten", _("Traject afgesloten")
