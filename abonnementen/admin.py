from django.contrib import admin

from .models import Abonnement, Aflevering


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    """The functional administrator reads (and may pause) subscriptions; systems manage their
    own through the API."""

    list_display = ["naam", "organisatie", "url", "gepauzeerd_op", "falend_sinds", "verwijderd_op"]
    list_filter = ["organisatie"]
    fields = ["organisatie", "naam", "url", "soorten", "melden_aan", "gepauzeerd_op"]
    readonly_fields = ["organisatie", "naam", "url", "soorten", "melden_aan"]

    def has_add_permission(self, request):
        return False


@admin.register(Aflevering)
class AfleveringAdmin(admin.ModelAdmin):
    list_display = ["event_id", "soort", "abonnement", "status", "pogingen", "volgende_poging"]
    list_filter = ["status", "soort"]
    readonly_fields = [f.name for f in Aflevering._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
