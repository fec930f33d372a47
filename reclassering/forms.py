from django import forms
from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import NLForm


class AdviesForm(NLForm):
    tekst = forms.CharField(
        label=_("D&R-advies van de reclassering"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Uw advies staat naast het plan van de PI; het plan zelf blijft van de PI."),
    )
