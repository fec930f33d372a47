from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReclasseringConfig(AppConfig):
    name = "reclassering"
    verbose_name = _("Reclassering")
