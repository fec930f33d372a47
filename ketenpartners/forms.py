"""The login form with one message for every refusal, and the second-factor forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import NLForm

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
    verplicht_meldingen = {"code": _("Typ de code uit uw authenticator-app.")}


class InschrijfFormulier(CodeFormulier):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _(
            "Scan de QR-code of typ de sleutel in uw app; typ daarna de zes cijfers die de app "
            "laat zien."
        )
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
