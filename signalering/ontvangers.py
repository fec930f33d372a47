"""Receivers of trajectory events (trajecten.signalen), connected in SignaleringConfig.ready:
signalering sits above trajecten, so trajecten announces and signalering acts."""

from typing import Any

from trajecten.signalen import traject_overgeplaatst

from . import services


def bij_overplaatsing(sender: Any, *, overplaatsing: Any, **kwargs: Any) -> None:
    traject = overplaatsing.traject
    services.meld_overplaatsing(
        traject_id=traject.pk, gemeente_id=traject.gemeente_id, datum=overplaatsing.datum
    )


def verbind() -> None:
    traject_overgeplaatst.connect(bij_overplaatsing, dispatch_uid="signalering.overplaatsing")
