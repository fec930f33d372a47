from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Bericht


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    """Failed sends are visible here (status 'mislukt' with the last error); no case names are
    in a digest, so the functional administrator may see the outbox."""

    list_display = ["aan", "datum", "status", "pogingen", "verzonden_op"]
    list_filter = ["status", "datum"]
    readonly_fields = [
        "aan",
        "datum",
        "onderwerp",
        "tekst",
        "pogingen",
        "laatste_fout",
        "verzonden_op",
    ]
    search_fields = ["aan"]
    actions = ["annuleren"]

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead: the outbox keeps its history (issue 17)

    @admin.action(description=_("Annuleren"))
    def annuleren(self, request, queryset):
        aantal = services.annuleer_berichten(
            acting_user=request.user, bericht_ids=queryset.values_list("pk", flat=True)
        )
        messages.success(request, _("%(n)s bericht(en) geannuleerd.") % {"n": aantal})
