"""The functional administrator issues and revokes API keys here. A key is shown once."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ApiToken


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["organisatie", "naam"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = [
        "naam",
        "organisatie",
        "prefix",
        "aangemaakt_op",
        "laatst_gebruikt_op",
        "ingetrokken_op",
    ]
    list_filter = ["ingetrokken_op"]
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
