"""Phase changes by hand, and release with its handover."""

from collections.abc import Mapping
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from reintegratie.datums import datum_dag
from reintegratie.versies import VerouderdeVersie, bewaar_versie

from .. import access, selectors
from ..keuzes import IN_DETENTIE, Annuleringsreden, Domein, Fase, Gebeurtenissoort, Titel
from ..models import Overdracht, OverdrachtNotitie, Traject, UitstroomBasisvoorwaarde
from ..overdracht import concept_vanaf, regie_weigering
from ..validators import MAX_TEKST, controleer_lengtes
from ._gedeeld import (
    OngeldigeFaseovergang,
    audit,
    eis,
    huidige_datum,
    meld_gebeurtenis,
    naar_fase,
)


@transaction.atomic
def wijzig_fase(*, acting_user: Medewerker, traject: Traject, naar: str) -> Traject:
    """The transition table in keuzes.FASE_OVERGANGEN is the only way phases change. Release
    goes through `registreer_uitstroom`, which records the handover."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    if naar == Fase.NA_DETENTIE:
        raise OngeldigeFaseovergang(traject.fase, naar)
    naar_fase(traject, naar)
    audit(acting_user, traject, "traject", "fase")
    return traject


def regie_voor_titel(titel: str) -> str | None:
    """Traject.regie_na_uitstroom for a title not yet saved."""
    return Traject(titel=titel).regie_na_uitstroom


@transaction.atomic
def registreer_uitstroom(
    *,
    acting_user: Medewerker,
    traject: Traject,
    versie: int | None,
    uitstroom_datum: date,
    titel: str,
    toelichting: str = "",
    geregeld: Mapping[str, str] | None = None,
    toch_versturen: bool = False,
    reden: str = "",
) -> Overdracht:
    """Release and handover. Case direction passes to the reclassering when a judicial title
    remains, to the gemeente when none does (DOMAIN.md, process table); a direction to a party
    that is not involved is refused with whom to involve (issue 12). The handover freezes what
    the facts say per basisvoorwaarde (trajecten.overdracht) with the concept's notes
    (`geregeld` overrides them); readiness warnings must be accepted with a reason
    (`toch_versturen`, `reden`), stored on the handover. Meetings planned after the release
    day are cancelled and each is announced; the handover is announced (OVERDRACHT_VERSTUURD)
    inside this transaction. `versie` is the trajectory the user saw: a release over someone
    else's newer change, or a second release at the same moment, is refused (ADR 0010)."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    fouten = {}
    if traject.fase not in IN_DETENTIE:
        fouten["uitstroom_datum"] = _("Dit traject is al uitgestroomd.")
    elif uitstroom_datum < traject.binnenkomst_datum:
        fouten["uitstroom_datum"] = _("Vul een uitstroomdatum in die na de binnenkomst ligt.")
    elif uitstroom_datum > huidige_datum():
        fouten["uitstroom_datum"] = _("Registreer de uitstroom op of na de dag zelf.")
    if titel not in Titel.values or titel == Titel.ONBEKEND:
        fouten["titel"] = _(
            "Kies de justitiële titel: die bepaalt wie na uitstroom de regie heeft."
        )
    elif weigering := regie_weigering(
        regie_voor_titel(titel),
        reclassering_id=traject.reclassering_id,
        reclasseringswerker_id=traject.reclasseringswerker_id,
        gemeente_id=traject.gemeente_id,
    ):
        fouten["titel"] = weigering
    concept = selectors.overdracht_concept(traject)
    reden = reden.strip()
    if concept.waarschuwingen and "uitstroom_datum" not in fouten:
        if not toch_versturen:
            fouten["toch_versturen"] = _(
                "Er zijn waarschuwingen. Regel eerst wat ontbreekt, of vink aan dat u de "
                "overdracht toch verstuurt en geef de reden."
            )
        if not reden:
            fouten["reden"] = _("Geef de reden waarom u de overdracht toch verstuurt.")
    if fouten:
        raise ValidationError(fouten)
    if not concept.waarschuwingen:
        reden = ""
    notities = {r.domein: r.notitie for r in concept.regels}
    notities.update({d: t.strip() for d, t in (geregeld or {}).items()})
    controleer_lengtes(MAX_TEKST, toelichting=toelichting, reden=reden, **notities)
    bewaar_versie(
        traject,
        versie=versie,
        acting_user=acting_user,
        uitstroom_datum=uitstroom_datum,
        titel=titel,
    )
    naar_fase(traject, Fase.NA_DETENTIE)
    regie_naar = traject.regie_na_uitstroom
    assert regie_naar is not None  # the title was checked above: known
    overdracht = Overdracht.objects.create(
        traject=traject,
        regie_naar=regie_naar,
        toelichting=toelichting.strip(),
        opgesteld_door=acting_user,
        waarschuwingen=[w.als_dict() for w in concept.waarschuwingen],
        reden_ondanks_waarschuwingen=reden,
    )
    feiten = {r.domein: r.feiten for r in concept.regels}
    UitstroomBasisvoorwaarde.objects.bulk_create(
        [
            UitstroomBasisvoorwaarde(
                overdracht=overdracht,
                domein=b.domein,
                status=b.status,
                afgeleid=feiten.get(b.domein, []),
                geregeld=notities.get(b.domein, ""),
            )
            for b in traject.basisvoorwaarden.all()
        ]
    )
    audit(
        acting_user,
        traject,
        "overdracht",
        overdracht.pk,
        toelichting=_("Toch verstuurd ondanks %(n)s waarschuwing(en): %(reden)s")
        % {"n": len(concept.waarschuwingen), "reden": reden}
        if reden
        else "",
    )
    _annuleer_gesprekken_na(traject, uitstroom_datum, acting_user)
    meld_gebeurtenis(Gebeurtenissoort.OVERDRACHT_VERSTUURD, traject=traject, door=acting_user)
    return overdracht


def _annuleer_gesprekken_na(traject: Traject, dag: date, acting_user: Medewerker) -> None:
    """Release ends what detention started: a meeting planned after the release day will not
    take place; each cancellation is announced so the people invited hear of it."""
    nu = timezone.now()
    for gesprek in traject.gesprekken.filter(
        gehouden_datum__isnull=True, geannuleerd_op__isnull=True
    ).select_for_update():
        if timezone.localdate(gesprek.gepland_op) <= dag:
            continue
        gesprek.geannuleerd_op = nu
        gesprek.geannuleerd_reden = Annuleringsreden.UITSTROOM
        gesprek.save(update_fields=["geannuleerd_op", "geannuleerd_reden"])
        audit(
            acting_user, traject, "gesprek", gesprek.pk, toelichting=_("Geannuleerd: uitgestroomd")
        )
        meld_gebeurtenis(
            Gebeurtenissoort.GESPREK_GEANNULEERD,
            traject=traject,
            door=acting_user,
            gesprek_id=str(gesprek.pk),
        )


@transaction.atomic
def bewaar_overdracht_notities(
    *,
    acting_user: Medewerker,
    traject: Traject,
    notities: Mapping[str, str],
    versies: Mapping[str, int | None],
) -> list[OverdrachtNotitie]:
    """The casemanager's notes per basisvoorwaarde in the concept handover (issue 12): only
    while the trajectory is in detention and from OVERDRACHT_CONCEPT_WEKEN_VOORAF weeks before
    the expected release. Only notes whose text changed are written. `versies[domein]` is the
    note the user saw (None or 0: there was none yet); two people saving the same domain from
    the same version: one wins, the other gets `VerouderdeVersie` with `.domein` (ADR 0010)."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    onbekend = set(notities) - set(Domein.values)
    if onbekend:
        raise ValidationError(_("Onbekende basisvoorwaarde."))
    _controleer_venster(traject)
    schoon = {d: t.strip() for d, t in notities.items()}
    controleer_lengtes(MAX_TEKST, **{f"tekst_{d}": t for d, t in schoon.items()})
    bestaand = {
        n.domein: n
        for n in OverdrachtNotitie.objects.filter(traject=traject, domein__in=list(schoon))
    }
    bewaard = []
    for domein, tekst in schoon.items():
        notitie = bestaand.get(domein)
        if notitie is not None and notitie.tekst == tekst:
            continue
        if notitie is None and not tekst:
            continue
        try:
            if notitie is None:
                if versies.get(domein):  # the note the user saw was removed meanwhile: not here
                    raise OverdrachtNotitie.DoesNotExist
                with transaction.atomic():
                    notitie = OverdrachtNotitie.objects.create(
                        traject=traject,
                        domein=domein,
                        tekst=tekst,
                        gewijzigd_door=acting_user,
                        gewijzigd_op=timezone.now(),
                    )
            else:
                bewaar_versie(
                    notitie, versie=versies.get(domein) or 0, acting_user=acting_user, tekst=tekst
                )
        except IntegrityError:  # someone else wrote the first note of this domain just now
            actueel = OverdrachtNotitie.objects.get(traject=traject, domein=domein)
            fout = VerouderdeVersie(actueel, {"tekst": tekst})
            fout.domein = domein  # type: ignore[attr-defined]
            raise fout from None
        except VerouderdeVersie as fout:
            fout.domein = domein  # type: ignore[attr-defined]
            raise
        audit(acting_user, traject, "overdracht_notitie", domein)
        bewaard.append(notitie)
    return bewaard


def _controleer_venster(traject: Traject) -> None:
    if traject.fase not in IN_DETENTIE:
        raise ValidationError(
            {"__all__": _("Dit traject is al uitgestroomd: de overdracht is verstuurd.")}
        )
    vanaf = concept_vanaf(
        traject.verwachte_uitstroom_datum, settings.OVERDRACHT_CONCEPT_WEKEN_VOORAF
    )
    if vanaf is None:
        raise ValidationError(
            {
                "__all__": _(
                    "Vul eerst de verwachte uitstroomdatum in: de overdracht wordt voorbereid "
                    "vanaf %(n)s weken daarvoor."
                )
                % {"n": settings.OVERDRACHT_CONCEPT_WEKEN_VOORAF}
            }
        )
    if huidige_datum() < vanaf:
        raise ValidationError(
            {
                "__all__": _("De overdracht kan worden voorbereid vanaf %(dag)s.")
                % {"dag": datum_dag(vanaf)}
            }
        )
