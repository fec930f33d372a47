from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbonnementenConfig(AppConfig):
    name = "abonnementen"
    verbose_name = _("Abonnementen op gebeurtenissen")

    def ready(self) -> None:
        from . import ontvangers

        ontvangers.verbind()
