from django import forms
from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import NLForm

from .models import MELDINGSSOORTEN, Kanaal

RADIO = "utrecht-radio-button utrecht-radio-button--html-input"


class MeldingsvoorkeurenForm(NLForm):
    """One radio group per kind of notification: in the app only, in the daily e-mail, or at
    once by e-mail (templates/signalering/instellingen.html renders each as a fieldset)."""

    def __init__(self, *args, **kwargs):
        for soort, label in MELDINGSSOORTEN:
            self.base_fields[soort] = forms.ChoiceField(
                label=label,
                choices=Kanaal.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies hoe u over deze meldingen hoort."),
                    "invalid_choice": _("Kies een van de drie mogelijkheden."),
                },
            )
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.widget.attrs["class"] = RADIO
