from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Abonnement, Aflevering


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    """The functional administrator reads subscriptions and may resume a paused one (through
    services.hervat: audited, falend_sinds cleared, waiting deliveries due); systems manage their
    own through the API."""

    list_display = ["naam", "organisatie", "url", "gepauzeerd_op", "falend_sinds", "verwijderd_op"]
    list_filter = ["organisatie"]
    fields = ["organisatie", "naam", "url", "soorten", "melden_aan", "gepauzeerd_op"]
    readonly_fields = ["organisatie", "naam", "url", "soorten", "melden_aan", "gepauzeerd_op"]
    actions = ["hervatten"]

    def has_add_permission(self, request):
        return False

    @admin.action(
        permissions=["change"], description=_("Geselecteerde gepauzeerde abonnementen hervatten")
    )
    def hervatten(self, request, queryset):
        gepauzeerd = queryset.filter(gepauzeerd_op__isnull=False, verwijderd_op__isnull=True)
        aantal = 0
        for abonnement in gepauzeerd:
            services.hervat(acting_user=request.user, abonnement=abonnement)
            aantal += 1
        self.message_user(
            request,
            ngettext("%(aantal)d abonnement hervat.", "%(aantal)d abonnementen hervat.", aantal)
            % {"aantal": aantal},
            messages.SUCCESS,
        )


@admin.register(Aflevering)
class AfleveringAdmin(admin.ModelAdmin):
    list_display = ["event_id", "soort", "abonnement", "status", "pogingen", "volgende_poging"]
    list_filter = ["status", "soort"]
    readonly_fields = [f.name for f in Aflevering._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
