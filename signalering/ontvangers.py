"""Receivers of trajectory events (trajecten.signalen), connected in SignaleringConfig.ready:
signalering sits above trajecten, so trajecten announces and signalering acts."""

from typing import Any

from django.utils import timezone

from trajecten.signalen import actie_afgerond, gebeurtenis, gebeurtenissen, traject_overgeplaatst

from . import acties, services
from . import gebeurtenissen as gebeurtenissen_module


def bij_overplaatsing(sender: Any, *, overplaatsing: Any, **kwargs: Any) -> None:
    traject = overplaatsing.traject
    services.meld_overplaatsing(
        traject_id=traject.pk, gemeente_id=traject.gemeente_id, datum=overplaatsing.datum
    )


def bij_actie_afgerond(sender: Any, *, actie: Any, **kwargs: Any) -> None:
    acties.los_actie_op(
        actie_id=actie.pk, status=actie.status, datum=actie.afgerond_datum, nu=timezone.now()
    )


def verbind() -> None:
    traject_overgeplaatst.connect(bij_overplaatsing, dispatch_uid="signalering.overplaatsing")
    actie_afgerond.connect(bij_actie_afgerond, dispatch_uid="signalering.actie_afgerond")
    gebeurtenis.connect(
        gebeurtenissen_module.bij_gebeurtenis, dispatch_uid="signalering.gebeurtenis"
    )
    gebeurtenissen.connect(
        gebeurtenissen_module.bij_gebeurtenissen, dispatch_uid="signalering.gebeurtenissen"
    )
