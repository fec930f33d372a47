from django.contrib import admin

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
