"""The dashboard's filters: a period of whole months and optionally one PI of the region."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import NLForm

from .selectors import Periode, maand_plus

MAAND = re.compile(r"^(\d{4})-(\d{2})$")
STANDAARD_MAANDEN = 6
MAXIMUM_MAANDEN = 24


def lees_maand(waarde: str) -> date | None:
    """'2026-05' → 1 May 2026; None for anything else (months from the year 2000)."""
    gevonden = MAAND.match(waarde.strip())
    if not gevonden:
        return None
    jaar, maand = int(gevonden[1]), int(gevonden[2])
    if jaar < 2000 or not 1 <= maand <= 12:
        return None
    return date(jaar, maand, 1)


class MaandVeld(forms.Field):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "jjjj-mm", "maxlength": 7})
    default_error_messages = {
        "invalid": _("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-05."),
    }

    def to_python(self, value):
        tekst = str(value or "").strip()
        if not tekst:
            return None
        maand = lees_maand(tekst)
        if maand is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return maand


class FilterForm(NLForm):
    van = MaandVeld(label=_("Van maand"))
    tot = MaandVeld(label=_("Tot en met maand"))
    pi = forms.ChoiceField(
        label=_("Inrichting"),
        required=False,
        error_messages={"invalid_choice": _("Kies een inrichting uit uw regio.")},
    )

    def __init__(self, data, *, inrichtingen, vandaag: date):
        self.deze_maand = vandaag.replace(day=1)
        super().__init__(self._met_standaard(data))
        self.fields["pi"].choices = [
            ("", _("Alle inrichtingen in de regio")),
            *((str(pi.pk), pi.naam) for pi in inrichtingen),
        ]

    def _met_standaard(self, data) -> dict[str, str]:
        """Empty fields get the default: the last six months, this month included."""
        ingevuld = {k: data.get(k, "").strip() for k in ("van", "tot", "pi")}
        if not ingevuld["tot"]:
            ingevuld["tot"] = f"{self.deze_maand:%Y-%m}"
        if not ingevuld["van"]:
            tot = lees_maand(ingevuld["tot"]) or self.deze_maand
            ingevuld["van"] = f"{maand_plus(tot, 1 - STANDAARD_MAANDEN):%Y-%m}"
        return ingevuld

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van is None or tot is None:
            return data
        if tot > self.deze_maand:
            self.add_error("tot", _("Kies een maand die niet na deze maand ligt."))
        elif van > tot:
            self.add_error("van", _("Kies een beginmaand die niet na de eindmaand ligt."))
        elif len(Periode(van, tot).maanden) > MAXIMUM_MAANDEN:
            self.add_error(
                "van",
                _("Kies een periode van hoogstens %(n)s maanden.") % {"n": MAXIMUM_MAANDEN},
            )
        else:
            data["periode"] = Periode(van, tot)
        data["pi_id"] = int(data["pi"]) if data.get("pi") else None
        return data

    def querystring(self) -> dict[str, str]:
        """The validated filters, for the CSV links."""
        periode = self.cleaned_data["periode"]
        filters = {"van": f"{periode.van:%Y-%m}", "tot": f"{periode.tot:%Y-%m}"}
        if self.cleaned_data["pi_id"]:
            filters["pi"] = str(self.cleaned_data["pi_id"])
        return filters
