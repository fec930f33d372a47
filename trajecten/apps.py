from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Trajecten")

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from .kalender import vul_kalender
        from .models import Brugdag

        def kalender_bijwerken(**kwargs: object) -> None:
            # A bridging day changes every working-day count after it (issue 18).
            transaction.on_commit(vul_kalender)

        post_save.connect(
            kalender_bijwerken, sender=Brugdag, dispatch_uid="kalender_brugdag_save", weak=False
        )
        post_delete.connect(
            kalender_bijwerken, sender=Brugdag, dispatch_uid="kalender_brugdag_delete", weak=False
        )
