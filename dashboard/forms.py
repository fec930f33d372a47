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


class CaseloadnormForm(NLForm):
    """The PI's own caseload norm (issue 12): 1 to 100; empty means the national norm."""

    caseload_norm = forms.IntegerField(
        label=_("Caseloadnorm van uw inrichting"),
        required=False,
        help_text=_("Trajecten per casemanager. Leeg: de landelijke norm."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 100}),
        error_messages={"invalid": _("Vul een norm van 1 tot en met 100 trajecten in.")},
    )


class CaseloadOverdrachtForm(forms.Form):
    """One leaving casemanager's open cases, each to be moved (pre-selected) to the colleague
    chosen for it, or to the one chosen for all. Hidden: the version of each case as shown."""

    def __init__(self, data=None, *, van, trajecten, ontvangers, alles_aan=True):
        super().__init__(data)
        self.van = van
        self.trajecten = list(trajecten)
        keuzes = [("", "—")] + [(str(m.pk), m.keuzelabel) for m in ontvangers]
        self.ontvangers = {m.pk: m for m in ontvangers}
        fout = {"invalid_choice": _("Kies een actieve casemanager van uw eigen inrichting.")}
        self.fields["naar_alle"] = forms.ChoiceField(
            label=_("Alle geselecteerde trajecten naar"),
            choices=keuzes,
            required=False,
            error_messages=fout,
        )
        for t in self.trajecten:
            self.fields[f"kies_{t.pk}"] = forms.BooleanField(
                label=t.gedetineerde.lijstnaam, required=False, initial=alles_aan
            )
            self.fields[f"naar_{t.pk}"] = forms.ChoiceField(
                label=_("Naar (%(naam)s)") % {"naam": t.gedetineerde.lijstnaam},
                choices=[("", _("zoals voor alle")), *keuzes[1:]],
                required=False,
                error_messages=fout,
            )
            self.fields[f"versie_{t.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=t.versie
            )

    def rijen(self):
        return [
            (t, self[f"kies_{t.pk}"], self[f"naar_{t.pk}"], self[f"versie_{t.pk}"])
            for t in self.trajecten
        ]

    def clean(self):
        data = super().clean()
        alle = data.get("naar_alle")
        toewijzingen: dict[int, int] = {}
        versies: dict[int, int] = {}
        for t in self.trajecten:
            if not data.get(f"kies_{t.pk}"):
                continue
            naar = data.get(f"naar_{t.pk}") or alle
            if f"naar_{t.pk}" in self.errors or "naar_alle" in self.errors:
                continue
            if not naar:
                self.add_error(
                    f"naar_{t.pk}",
                    _("Kies wie %(naam)s krijgt, of kies iemand voor alle trajecten.")
                    % {"naam": t.gedetineerde.lijstnaam},
                )
                continue
            toewijzingen[t.pk] = int(naar)
            if data.get(f"versie_{t.pk}") is not None:
                versies[t.pk] = data[f"versie_{t.pk}"]
        if not toewijzingen and not self.errors:
            self.add_error(None, _("Kies ten minste één traject om over te dragen."))
        data["toewijzingen"] = toewijzingen
        data["versies"] = versies
        return data

    def per_ontvanger(self) -> list[tuple[object, int]]:
        """(receiver, number of cases) for the confirmation, in the receivers' order."""
        tellen: dict[int, int] = {}
        for m_id in self.cleaned_data["toewijzingen"].values():
            tellen[m_id] = tellen.get(m_id, 0) + 1
        return [(m, tellen[pk]) for pk, m in self.ontvangers.items() if pk in tellen]
