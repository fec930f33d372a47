from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import NLForm
from trajecten.validators import valideer_bsn


class InzageForm(NLForm):
    bsn = forms.CharField(
        label=_("BSN van de persoon"),
        help_text=_("9 cijfers. U krijgt een JSON-bestand met alle gegevens van deze persoon."),
        max_length=9,
        min_length=9,
        error_messages={
            "required": _("Vul het BSN in."),
            "min_length": _("Een BSN heeft 9 cijfers."),
            "max_length": _("Een BSN heeft 9 cijfers."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].strip()
        if not bsn.isdigit():
            raise ValidationError(_("Een BSN bestaat alleen uit cijfers."), code="cijfers")
        valideer_bsn(bsn)
        return bsn
