"""The login form with one message for every refusal, and the second-factor forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import NLForm

from .models import Organisatie


class GemeenteVeld(forms.ModelChoiceField):
    """A gemeente out of 342, as a type-ahead (static/js/typeahead.js); a select without JS."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Organisatie.objects.gemeenten().actief().order_by("naam"), **kwargs
        )
        self.widget.attrs["data-typeahead"] = ""

    def label_from_instance(self, obj):
        return obj.naam


class UitnodigingForm(NLForm):
    gemeente = GemeenteVeld(label=_("Gemeente"))
    naam = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("De uitnodiging gaat naar dit adres; het wordt ook de inlognaam."),
    )


class AannemenForm(NLForm):
    verplicht_meldingen = {
        "wachtwoord": _("Kies een wachtwoord"),
        "wachtwoord2": _("Vul het wachtwoord nog een keer in"),
    }
    wachtwoord = forms.CharField(
        label=_("Wachtwoord"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 12 tekens; geen veelgebruikt wachtwoord."),
    )
    wachtwoord2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        een, twee = data.get("wachtwoord"), data.get("wachtwoord2")
        if een and twee and een != twee:
            self.add_error("wachtwoord2", _("De twee wachtwoorden zijn niet gelijk."))
        return data


# One message for a wrong password, an unknown name, an inactive account and a lockout: the
# answer never tells whether the account exists (issue 17).
INLOGGEN_LUKT_NIET = _(
    "Inloggen lukt niet. Controleer uw gegevens of probeer het over 15 minuten opnieuw."
)


class InlogFormulier(AuthenticationForm):
    error_messages = {
        "invalid_login": INLOGGEN_LUKT_NIET,
        "inactive": INLOGGEN_LUKT_NIET,
    }


class CodeFormulier(NLForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De zes cijfers uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "autofocus": True}
        ),
    )
    verplicht_meldingen = {"code": _("Vul de code uit uw authenticator-app in.")}


class InschrijfFormulier(CodeFormulier):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _(
            "Scan de QR-code of typ de sleutel in uw app; typ daarna de zes cijfers die de app "
            "laat zien."
        )
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
