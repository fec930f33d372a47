"""Forms in the NL Design System look with accessible errors: every field gets the Utrecht
classes, and a field with an error gets aria-invalid and aria-describedby pointing at the
message (UX.md, principle 6)."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .versies import VerouderdeVersie, weergave

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
            beschrijving = [f"id_{naam}_hulp"] if veld.help_text else []
            if heeft_teller(veld):
                widget.attrs["data-tekenteller"] = ""
                beschrijving.append(f"id_{naam}_teller")
            if beschrijving:
                widget.attrs["aria-describedby"] = " ".join(beschrijving)
        self.conflict: VerouderdeVersie | None = None

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
        """Call a service; its ValidationError lands at the fields. Returns the result or None.
        A save over someone else's newer version (`VerouderdeVersie`) keeps what the user typed,
        shows the stored version beside it, and carries the new version, so saving again is a
        deliberate choice to overwrite (ADR 0010)."""
        try:
            return service(**kwargs)
        except VerouderdeVersie as fout:
            self.conflict = fout
            self.data = self.data.copy()
            self.data[self.add_prefix("versie")] = str(fout.versie)
            self.add_error(None, fout.melding)
            return None
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.message_dict.items():
                    self.add_error(veld if veld in self.fields else None, fouten)
            else:
                self.add_error(None, fout.messages)
            self._markeer_fouten()
            return None

    def conflict_rijen(self) -> list[tuple[str, str, str]]:
        """(label, the stored value, what the user typed) for every field of this form the
        refused save would have written."""
        if self.conflict is None:
            return []
        rijen = []
        for naam, hun_waarde in self.conflict.hunne.items():
            if naam not in self.fields or naam == "versie":
                continue
            veld = self.fields[naam]
            getypt = self.cleaned_data.get(naam)
            if isinstance(veld, forms.ChoiceField) and not isinstance(veld, forms.ModelChoiceField):
                getypt = dict(cast(Any, veld.choices)).get(getypt, getypt)
            rijen.append((str(veld.label), hun_waarde, weergave(getypt)))
        return rijen


def heeft_teller(veld: forms.Field) -> bool:
    """Free text with a maximum shows a character counter (static/js/tekenteller.js)."""
    return isinstance(veld, forms.CharField) and (veld.max_length or 0) >= 300


class TekstVeld(forms.CharField):
    """Free text in a textarea, with a maximum. Line breaks count as one character, as the
    browser counts them for `maxlength` (a form posts them as CR LF)."""

    def __init__(self, *, max_length: int, rows: int = 3, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n")
        return super().to_python(value)


class VersieVeld(forms.IntegerField):
    """The version of the record the form was opened on (optimistic locking, ADR 0010)."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, min_value=0, **kwargs)


class DatumVeld(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 20-04-2026.")}
