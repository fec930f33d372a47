"""Functional administration of trajectory reference data. Case content is not in the admin."""

from django.contrib import admin

from .models import Brugdag, VoorbereidingSoort


@admin.register(Brugdag)
class BrugdagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]
    date_hierarchy = "datum"


@admin.register(VoorbereidingSoort)
class VoorbereidingSoortAdmin(admin.ModelAdmin):
    """The catalogue of release preparations (issue 11). The functional administrator adds
    kinds and retires them (actief); a kind is never deleted, since trajectories refer to it,
    and a code the system relies on (the benefit application's deadline) cannot be changed."""

    list_display = ["naam", "domein", "volgorde", "actief", "code"]
    list_filter = ["domein", "actief"]
    search_fields = ["naam"]
    ordering = ["domein", "volgorde", "naam"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None and obj.code else []

    def has_delete_permission(self, request, obj=None):
        return False
