"""Forms in the NL Design System look with accessible errors: every field gets the Utrecht
classes, and a field with an error gets aria-invalid and aria-describedby pointing at the
message (UX.md, principle 6)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KLASSEN = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}


class NLForm(forms.Form):
    template_name = "formulieren/form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, veld in self.fields.items():
            widget = veld.widget
            soort = getattr(widget, "input_type", None) or type(widget).__name__.lower()
            klasse = KLASSEN.get(soort, "utrecht-textbox utrecht-textbox--html-input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {klasse}".strip()
            if veld.help_text:
                widget.attrs["aria-describedby"] = f"id_{naam}_hulp"

    def full_clean(self):
        super().full_clean()
        self._markeer_fouten()

    def _markeer_fouten(self):
        for naam in self.errors:
            if naam not in self.fields:
                continue
            attrs = self.fields[naam].widget.attrs
            attrs["aria-invalid"] = "true"
            beschrijving = attrs.get("aria-describedby", "")
            if f"id_{naam}_fout" not in beschrijving:
                attrs["aria-describedby"] = f"id_{naam}_fout {beschrijving}".strip()

    def bewaar(self, service, **kwargs):
        """Call a service; its ValidationError lands at the fields. Returns the result or None."""
        try:
            return service(**kwargs)
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.message_dict.items():
                    self.add_error(veld if veld in self.fields else None, fouten)
            else:
                self.add_error(None, fout.messages)
            self._markeer_fouten()
            return None


class DatumVeld(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 20-04-2026.")}
