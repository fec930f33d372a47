"""The functional administrator's screens: organisations, accounts, contact points. No case
content is registered here."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Contactpunt, Locatie, Medewerker, Organisatie, Regio, Team


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["code", "naam"]
    search_fields = ["code", "naam"]


class LocatieInline(admin.TabularInline):
    model = Locatie
    fk_name = "organisatie"
    extra = 0
    autocomplete_fields = ["gemeente"]


class ContactpuntInline(admin.StackedInline):
    model = Contactpunt
    extra = 0
    fields = ["naam", "team", "telefoon", "email", "bereikbaarheid", "notities"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "code", "regio", "actief"]
    list_filter = ["soort", "actief", "regio"]
    search_fields = ["naam", "code"]
    list_select_related = ["regio"]
    inlines = [LocatieInline, ContactpuntInline]

    def has_delete_permission(self, request, obj=None):
        # Organisations are made inactive, never deleted: trajectories keep their links.
        return False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["naam", "organisatie", "regio", "actief"]
    list_select_related = ["organisatie", "regio"]
    search_fields = ["naam", "organisatie__naam"]


@admin.register(Contactpunt)
class ContactpuntAdmin(admin.ModelAdmin):
    list_display = ["naam", "organisatie", "team", "telefoon", "email", "bereikbaarheid"]
    list_select_related = ["organisatie", "team"]
    search_fields = ["naam", "organisatie__naam", "email"]
    autocomplete_fields = ["organisatie"]


@admin.register(Medewerker)
class MedewerkerAdmin(UserAdmin):
    list_display = ["username", "naam", "rol", "organisatie", "is_active"]
    list_filter = ["rol", "is_active", "organisatie__soort"]
    list_select_related = ["organisatie"]
    search_fields = ["username", "first_name", "last_name", "email", "organisatie__naam"]
    autocomplete_fields = ["organisatie"]
    fieldsets = [
        # django-stubs types fieldsets as optional; UserAdmin always sets it.
        *UserAdmin.fieldsets[:2],  # type: ignore[index]
        (_("Rol in de keten"), {"fields": ["rol", "organisatie", "team", "telefoon"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]

    @admin.display(description=_("Naam"), ordering="last_name")
    def naam(self, obj):
        return obj.get_full_name()

    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Rol in de keten"), {"fields": ["rol", "organisatie", "team", "email", "telefoon"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.koppel_groepen(medewerker=obj)

    # Accounts are deactivated, never deleted (issue 17): deleting one removed its
    # notifications and left no history.
    actions = ["deactiveren"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Deactiveren"))
    def deactiveren(self, request, queryset):
        aantal = services.deactiveer_medewerkers(
            acting_user=request.user, medewerker_ids=queryset.values_list("pk", flat=True)
        )
        messages.success(request, _("%(n)s account(s) gedeactiveerd.") % {"n": aantal})
