"""Functional administration of trajectory reference data. Case content is not in the admin."""

from django.contrib import admin

from .models import Brugdag


@admin.register(Brugdag)
class BrugdagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]
    date_hierarchy = "datum"
