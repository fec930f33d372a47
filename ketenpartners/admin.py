"""The functional administrator's screens: organisations, accounts, contact points. No case
content is registered here."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    list_display = ["username", "naam", "rol", "organisatie", "is_active", "tweede_stap"]
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

    def get_queryset(self, request):
        # One query for the whole list: does each account have a confirmed authenticator app?
        app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(heeft_tweede_stap=Exists(app))

    @admin.display(description=_("Tweede stap"), boolean=True)
    def tweede_stap(self, obj):
        return getattr(obj, "heeft_tweede_stap", None)

    @admin.display(description=_("Naam"), ordering="last_name")
    def naam(self, obj):
        return obj.get_full_name()

    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Rol in de keten"), {"fields": ["rol", "organisatie", "team", "email", "telefoon"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    # Issue 17: the administrator cannot help himself. His own account is read-only here (role,
    # organisation, password, active, second factor); changes to another account's sensitive
    # fields are audited and told to that organisation's staffunctionaris (services).
    actions = ["reset_tweede_factor", "deactiveren"]

    def _is_zelf(self, request, obj_of_id) -> bool:
        pk = getattr(obj_of_id, "pk", obj_of_id)
        return pk is not None and str(pk) == str(request.user.pk)

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._is_zelf(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def _weiger_zelf(self, request):
        messages.error(request, services.EIGEN_ACCOUNT)
        return redirect("admin:ketenpartners_medewerker_changelist")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if self._is_zelf(request, object_id):
            if request.method == "POST":
                return self._weiger_zelf(request)
            messages.info(request, services.EIGEN_ACCOUNT)
        return super().change_view(request, object_id, form_url, extra_context)

    def user_change_password(self, request, id, form_url=""):
        if self._is_zelf(request, id):
            return self._weiger_zelf(request)
        antwoord = super().user_change_password(request, id, form_url)
        if request.method == "POST" and antwoord.status_code == 302:
            services.meld_accountwijziging(
                acting_user=request.user,
                medewerker=self.get_object(request, id),
                wijzigingen={"password": (None, None)},
            )
        return antwoord

    def save_model(self, request, obj, form, change):
        oud = Medewerker.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        services.koppel_groepen(medewerker=obj)
        wijzigingen = {}
        for veld in services.GEVOELIGE_VELDEN:
            if veld == "password":
                continue
            was = getattr(oud, veld) if oud is not None else None
            wordt = getattr(obj, veld)
            if was != wordt:
                wijzigingen[veld] = (was, wordt)
        if not change and "password1" in form.cleaned_data:
            wijzigingen["password"] = (None, None)
        services.meld_accountwijziging(
            acting_user=request.user, medewerker=obj, wijzigingen=wijzigingen, nieuw=not change
        )

    @admin.action(description=_("Tweede stap resetten (telefoon kwijt)"))
    def reset_tweede_factor(self, request, queryset):
        gereset = 0
        for medewerker in queryset:
            try:
                services.reset_tweede_factor(acting_user=request.user, medewerker=medewerker)
            except ValidationError as fout:
                messages.error(request, " ".join(fout.messages))
            else:
                gereset += 1
        if gereset:
            messages.success(
                request,
                _(
                    "De tweede stap van %(aantal)s account(s) is gereset; zij stellen die bij de "
                    "volgende keer inloggen opnieuw in."
                )
                % {"aantal": gereset},
            )

    # Accounts are deactivated, never deleted (issue 17): deleting one removed its
    # notifications and left no history.

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Deactiveren"))
    def deactiveren(self, request, queryset):
        aantal = services.deactiveer_medewerkers(
            acting_user=request.user, medewerker_ids=queryset.values_list("pk", flat=True)
        )
        messages.success(request, _("%(n)s account(s) gedeactiveerd.") % {"n": aantal})
