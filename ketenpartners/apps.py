from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KetenpartnersConfig(AppConfig):
    name = "ketenpartners"
    verbose_name = _("Ketenpartners")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import sessie_gestart

        def gestart(sender, request, user, **kwargs):
            if request is not None and hasattr(request, "session"):
                sessie_gestart(request)

        user_logged_in.connect(gestart, dispatch_uid="ketenpartners.sessie_gestart", weak=False)
