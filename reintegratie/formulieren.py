"""Forms in the NL Design System look with accessible errors: every field gets the Utrecht
classes, and a field with an error gets aria-invalid and aria-describedby pointing at the
message (UX.md, principle 6)."""

import datetime
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .versies import VerouderdeVersie, weergave

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

KLASSEN = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}


# Words in the labels that take "het" (issue 14): "Vul het BSN in", not "Vul de BSN in".
HET_WOORDEN = (
    "bsn",
    "adres",
    "nummer",
    "verslag",
    "plan",
    "doel",
    "team",
    "type",
    "bericht",
    "onderwerp",
    "resultaat",
    "advies",
    "contactpunt",
    "wachtwoord",
    "geslacht",
    "account",
)
# A label phrased as a question cannot take an article: its message says "Vul in: …".
VRAAGWOORDEN = ("wat", "wie", "hoe", "welke", "welk", "met", "naar", "van", "tot", "waar")


def verplicht_melding(veld: forms.Field) -> str:
    """The message when a required field is left empty, derived from the field (issue 14):
    "Vul de voornamen in", "Vul het BSN in", "Kies de terugkeergemeente". A field sets its own
    with `error_messages={"required": …}` or the form's `verplicht_meldingen`."""
    label = str(veld.label or "").strip()
    kiezen = isinstance(veld, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)
    if not label:
        return str(_("Kies een antwoord") if kiezen else _("Vul dit veld in"))
    eerste = label.split()[0].lower()
    if eerste in VRAAGWOORDEN or "…" in label:
        sjabloon = _("Kies: %(label)s") if kiezen else _("Vul in: %(label)s")
        return str(sjabloon) % {"label": label[0].lower() + label[1:]}
    if isinstance(veld, forms.BooleanField):
        return str(_("Vink aan: %(label)s")) % {"label": label[0].lower() + label[1:]}
    # "BSN" and "D&R-advies" keep their capitals; "Voornamen" becomes "voornamen".
    woord = (
        label if any(c.isupper() for c in label.split()[0][1:]) else label[0].lower() + label[1:]
    )
    het = eerste.endswith(HET_WOORDEN)
    if kiezen:
        sjabloon = _("Kies het %(label)s") if het else _("Kies de %(label)s")
    else:
        sjabloon = _("Vul het %(label)s in") if het else _("Vul de %(label)s in")
    return str(sjabloon) % {"label": woord}


STANDAARD_VERPLICHT = str(forms.Field.default_error_messages["required"])


class NLForm(forms.Form):
    template_name = "formulieren/form.html"
    # Per field a message for an empty required field, where the derived one reads badly.
    verplicht_meldingen: dict[str, "StrOrPromise"] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, veld in self.fields.items():
            if naam in self.verplicht_meldingen:
                veld.error_messages["required"] = str(self.verplicht_meldingen[naam])
            elif str(veld.error_messages.get("required", "")) == STANDAARD_VERPLICHT:
                veld.error_messages["required"] = verplicht_melding(veld)
            widget = veld.widget
            soort = getattr(widget, "input_type", None) or type(widget).__name__.lower()
            klasse = KLASSEN.get(soort, "utrecht-textbox utrecht-textbox--html-input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {klasse}".strip()
            # The ids carry the form's prefix, as the field's own id does: two forms on one
            # page (add and edit a preparation) must not share them.
            html = self.add_prefix(naam)
            beschrijving = [f"id_{html}_hulp"] if veld.help_text else []
            if heeft_teller(veld):
                widget.attrs["data-tekenteller"] = ""
                beschrijving.append(f"id_{html}_teller")
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
            fout = f"id_{self.add_prefix(naam)}_fout"
            if fout not in beschrijving:
                attrs["aria-describedby"] = f"{fout} {beschrijving}".strip()

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


DATUM_INVOER = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d"]


class DatumVeld(forms.DateField):
    """A date typed as dd-mm-jjjj in a plain text box, so no browser shows its own locale's
    mm/dd/yyyy next to a hint that says 20-04-2026 (issue 14). ISO (2026-04-20) is also
    accepted, for pasted dates and for the API's clients."""

    # DateInput is a text box (input_type "text") that formats a stored date as dd-mm-jjjj;
    # a TextInput would show it as ISO in every edit form.
    widget = forms.DateInput(
        format="%d-%m-%Y",
        attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10, "class": "rt-datum"},
    )
    default_error_messages = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 20-04-2026.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATUM_INVOER)
        super().__init__(**kwargs)
        if not self.help_text:
            self.help_text = _("Bijvoorbeeld 20-04-2026.")


class DatumDelenWidget(forms.MultiWidget):
    """Day, month and year in three labelled boxes in one fieldset (the GOV.UK date input),
    for a date someone knows, such as a birth date."""

    template_name = "formulieren/datumdelen.html"
    DELEN = (("dag", _("Dag"), 2), ("maand", _("Maand"), 2), ("jaar", _("Jaar"), 4))

    def __init__(self, attrs=None):
        widgets = {
            naam: forms.TextInput(
                attrs={"inputmode": "numeric", "maxlength": lengte, "size": lengte + 1}
            )
            for naam, _label, lengte in self.DELEN
        }
        super().__init__(widgets, attrs)

    def id_for_label(self, id_):
        # The error summary links to the day box.
        return f"{id_}_0" if id_ else ""

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        # One ISO value under the field's own name is accepted too (older clients, tests).
        if name in data and not any(f"{name}_{deel}" in data for deel, *_r in self.DELEN):
            waarde = str(data.get(name) or "")
            try:
                d = datetime.date.fromisoformat(waarde)
            except ValueError:
                return [waarde, "", ""] if waarde else ["", "", ""]
            return [str(d.day), str(d.month), str(d.year)]
        return super().value_from_datadict(data, files, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for sub, (_naam, label, _lengte) in zip(
            context["widget"]["subwidgets"], self.DELEN, strict=True
        ):
            sub["label"] = label
            klasse = "utrecht-textbox utrecht-textbox--html-input rt-datumdeel"
            sub["attrs"]["class"] = f"{klasse} rt-datumdeel--{_lengte}"
            sub["attrs"].pop("aria-describedby", None)
        return context


class DatumDelenVerborgen(DatumDelenWidget):
    """The three parts as hidden inputs (a confirmation page carries them to the next POST)."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(
            self, {naam: forms.HiddenInput() for naam, *_r in self.DELEN}, attrs
        )

    def get_context(self, name, value, attrs):
        return forms.MultiWidget.get_context(self, name, value, attrs)


class DatumDelenVeld(forms.MultiValueField):
    """A known date in three boxes (DatumDelenWidget), one Dutch message for the whole date."""

    widget = DatumDelenWidget
    hidden_widget = DatumDelenVerborgen
    default_error_messages = {
        "invalid": _("Vul een bestaande datum in, bijvoorbeeld 20 4 1990."),
        "incomplete": _("Vul de dag, de maand en het jaar in."),
    }

    def __init__(self, **kwargs):
        velden = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1900, max_value=2100),
        )
        super().__init__(velden, require_all_fields=False, **kwargs)
        self.help_text = self.help_text or _("Bijvoorbeeld 20 4 1990.")

    def clean(self, value):
        if isinstance(value, datetime.date):  # a disabled field cleans its initial date
            return value
        delen = [str(d or "").strip() for d in (value or [])]
        if not any(delen):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        if not all(delen):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            dag, maand, jaar = (int(d) for d in delen)
            if not 1000 <= jaar <= 9999:
                raise ValueError
            return datetime.date(jaar, maand, dag)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def compress(self, data_list):  # pragma: no cover - clean() above does the work
        return None
