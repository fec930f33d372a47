"""The functional administrator issues and revokes API keys here. A key is shown once."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegratie.formulieren import DatumVeld

from . import services
from .models import ApiToken, Scope


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen wat het systeem nodig heeft. Detentiemeldingen doen alleen PI's."),
    )
    geldig_tot = DatumVeld(
        label=_("Geldig tot en met"),
        initial=services.standaard_geldig_tot,
        help_text=_("dd-mm-jjjj; standaard over een jaar, hooguit over twee jaar"),
    )

    class Meta:
        model = ApiToken
        fields = ["organisatie", "naam", "scopes", "geldig_tot"]

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("organisatie") and gegevens.get("scopes") and gegevens.get("geldig_tot"):
            try:
                services.controleer_keuze(
                    organisatie=gegevens["organisatie"],
                    scopes=gegevens["scopes"],
                    geldig_tot=gegevens["geldig_tot"],
                )
            except ValidationError as fout:
                self.add_error(None, fout)
        return gegevens


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = [
        "naam",
        "organisatie",
        "prefix",
        "scopes",
        "aangemaakt_op",
        "geldig_tot",
        "laatst_gebruikt_op",
        "ingetrokken_op",
    ]
    list_filter = ["ingetrokken_op", "geldig_tot"]
    search_fields = ["naam", "organisatie__naam", "prefix"]
    autocomplete_fields = ["organisatie"]
    actions = ["intrekken"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the audit trail keeps pointing at the client

    def save_model(self, request, obj, form, change):
        token, sleutel = services.geef_token_uit(
            acting_user=request.user,
            organisatie=form.cleaned_data["organisatie"],
            naam=form.cleaned_data["naam"],
            scopes=form.cleaned_data["scopes"],
            geldig_tot=form.cleaned_data["geldig_tot"],
        )
        obj.pk = token.pk
        messages.warning(
            request,
            _("Bewaar deze sleutel nu; hij wordt niet opnieuw getoond: %(sleutel)s")
            % {"sleutel": sleutel},
        )

    @admin.action(description=_("Geselecteerde sleutels intrekken"))
    def intrekken(self, request, queryset):
        for token in queryset.filter(ingetrokken_op__isnull=True):
            services.trek_token_in(acting_user=request.user, token=token)
