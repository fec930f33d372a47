from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from ketenpartners.signalen import accountgebeurtenis

        from .ontvangers import accountgebeurtenis as schrijf

        accountgebeurtenis.connect(schrijf, dispatch_uid="audit.accountgebeurtenis")
