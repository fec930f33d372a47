from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewaringConfig(AppConfig):
    """Data lifecycle (issue 17 item 5, ADR 0023): retention terms carried out, and the
    subject-access export. Sits beside the screens: it reads and removes across every app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bewaring"
    verbose_name = _("Bewaring en inzage")
