"""The dashboard's filters: a period of whole months and optionally one PI of the region."""

from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import NLForm

from .periode import Periode, eerste_van_maand, lees_maand, maand_plus, maandcode

STANDAARD_MAANDEN = 6
MAXIMUM_MAANDEN = 24


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
        self.deze_maand = eerste_van_maand(vandaag)
        super().__init__(self._met_standaard(data))
        cast(forms.ChoiceField, self.fields["pi"]).choices = [
            ("", _("Alle inrichtingen in de regio")),
            *((str(pi.pk), pi.naam) for pi in inrichtingen),
        ]

    def _met_standaard(self, data) -> dict[str, str]:
        """Empty fields get the default: the last six months, this month included."""
        ingevuld = {k: data.get(k, "").strip() for k in ("van", "tot", "pi")}
        if not ingevuld["tot"]:
            ingevuld["tot"] = maandcode(self.deze_maand)
        if not ingevuld["van"]:
            tot = lees_maand(ingevuld["tot"]) or self.deze_maand
            ingevuld["van"] = maandcode(maand_plus(tot, 1 - STANDAARD_MAANDEN))
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
        elif Periode(van, tot).aantal_maanden > MAXIMUM_MAANDEN:
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
        filters = {"van": maandcode(periode.van), "tot": maandcode(periode.tot)}
        if self.cleaned_data["pi_id"]:
            filters["pi"] = str(self.cleaned_data["pi_id"])
        return filters
