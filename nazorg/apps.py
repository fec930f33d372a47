from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NazorgConfig(AppConfig):
    name = "nazorg"
    verbose_name = _("Nazorg (gemeente)")
