from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def bsn_is_geldig(bsn: str) -> bool:
    """The 11-proef: 9 digits d1..d9 with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    som = sum(int(c) * w for c, w in zip(bsn[:8], range(9, 1, -1), strict=True)) - int(bsn[8])
    return som % 11 == 0


def valideer_bsn(waarde: str) -> None:
    if waarde and not bsn_is_geldig(waarde):
        raise ValidationError(
            _("Dit is geen geldig BSN: controleer de 9 cijfers (de elfproef klopt niet)."),
            code="bsn",
        )


# Free text (ADR 0010). A hulpvraag or a note is a few paragraphs; a plan part or a meeting's
# report may be a few pages. Beyond that it is a paste by mistake, not something a partner reads.
MAX_TEKST = 5_000
MAX_LANGE_TEKST = 20_000
MAX_OMSCHRIJVING = 300  # an action: one line
MAX_NAAM = 200  # a name, a place
# Known risks (ADR 0011): what happened and what partners must watch for, in a few sentences;
# the file itself stays with the PI and the OM.
MAX_RISICO_TOELICHTING = 2_000

# Plausible dates (ADR 0010): an adult or juvenile detainee between 12 and 100 years old at
# arrival; an intake is registered within five years of the arrival; a planned release or an
# action's due date no more than thirty years ahead.
MIN_LEEFTIJD = 12
MAX_LEEFTIJD = 100
MAX_JAREN_TERUG = 5
MAX_JAREN_VOORUIT = 30


def jaren_tussen(van: date, tot: date) -> int:
    """Whole years from `van` to `tot` (an age on a day)."""
    return tot.year - van.year - ((tot.month, tot.day) < (van.month, van.day))


def jaren_erbij(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + jaren, day=28)


def controleer_lengtes(maximum: int, **teksten: str) -> None:
    """Refuse a text over its maximum, with a Dutch message at the field."""
    fouten = {
        veld: _("Gebruik hoogstens %(max)s tekens; dit zijn er %(aantal)s.")
        % {"max": f"{maximum:,}".replace(",", "."), "aantal": f"{len(tekst):,}".replace(",", ".")}
        for veld, tekst in teksten.items()
        if tekst is not None and len(tekst) > maximum
    }
    if fouten:
        raise ValidationError(fouten)


def datumfouten_binnenkomst(
    *, geboortedatum: date | None, binnenkomst_datum: date | None, vandaag: date
) -> dict[str, str]:
    """The plausibility of a birth date and an arrival date, as field messages (empty: fine)."""
    fouten: dict[str, str] = {}
    if binnenkomst_datum is not None:
        if binnenkomst_datum > vandaag:
            fouten["binnenkomst_datum"] = _(
                "De datum van binnenkomst kan niet in de toekomst liggen."
            )
        elif binnenkomst_datum < jaren_erbij(vandaag, -MAX_JAREN_TERUG):
            fouten["binnenkomst_datum"] = _(
                "De datum van binnenkomst ligt meer dan %(jaren)s jaar terug: controleer het jaar."
            ) % {"jaren": MAX_JAREN_TERUG}
    if geboortedatum is not None:
        if geboortedatum > vandaag:
            fouten["geboortedatum"] = _("De geboortedatum kan niet in de toekomst liggen.")
        elif binnenkomst_datum is not None and "binnenkomst_datum" not in fouten:
            leeftijd = jaren_tussen(geboortedatum, binnenkomst_datum)
            if binnenkomst_datum < geboortedatum:
                fouten["binnenkomst_datum"] = _(
                    "De datum van binnenkomst ligt voor de geboortedatum."
                )
            elif leeftijd < MIN_LEEFTIJD:
                fouten["geboortedatum"] = _(
                    "Bij binnenkomst was deze persoon %(leeftijd)s jaar; dat kan niet "
                    "(minimaal %(min)s). Controleer de geboortedatum."
                ) % {"leeftijd": leeftijd, "min": MIN_LEEFTIJD}
            elif leeftijd > MAX_LEEFTIJD:
                fouten["geboortedatum"] = _(
                    "Bij binnenkomst zou deze persoon %(leeftijd)s jaar zijn (meer dan "
                    "%(max)s). Controleer de geboortedatum."
                ) % {"leeftijd": leeftijd, "max": MAX_LEEFTIJD}
    return fouten


def datumfout_vooruit(dag: date | None, *, vandaag: date) -> str | None:
    """A planned date (expected release, an action's due date) too far ahead to be meant."""
    if dag is not None and dag > jaren_erbij(vandaag, MAX_JAREN_VOORUIT):
        return _("Deze datum ligt meer dan %(jaren)s jaar vooruit: controleer het jaar.") % {
            "jaren": MAX_JAREN_VOORUIT
        }
    return None
