"""Receivers of the events subscriptions are about, connected in AbonnementenConfig.ready:
`trajecten.signalen.gebeurtenis(sen)` and `signalering.signalen.signaleringen_aangemaakt`, both
sent inside the transaction of the change, so the delivery rows commit or roll back with it;
the deliveries are queued only after commit."""

from functools import partial
from typing import Any

from django.db import transaction

from signalering.signalen import signaleringen_aangemaakt
from trajecten.signalen import gebeurtenis, gebeurtenissen

from . import services, tasks


def _na_commit(ids: list[int]) -> None:
    if ids:
        transaction.on_commit(partial(tasks.in_wachtrij, ids))


def bij_gebeurtenis(sender: Any, *, soort: str, traject: Any, **kwargs: Any) -> None:
    _na_commit(services.schrijf_afleveringen(gebeurtenis=soort, traject_ids=[traject.pk]))


def bij_gebeurtenissen(sender: Any, *, soort: str, trajecten: Any, **kwargs: Any) -> None:
    ids = services.schrijf_afleveringen(gebeurtenis=soort, traject_ids=[t.pk for t in trajecten])
    _na_commit(ids)


def bij_signaleringen(sender: Any, *, ids: list[int], **kwargs: Any) -> None:
    _na_commit(services.schrijf_signaleringen(signalering_ids=ids))


def verbind() -> None:
    gebeurtenis.connect(bij_gebeurtenis, dispatch_uid="abonnementen.gebeurtenis")
    gebeurtenissen.connect(bij_gebeurtenissen, dispatch_uid="abonnementen.gebeurtenissen")
    signaleringen_aangemaakt.connect(bij_signaleringen, dispatch_uid="abonnementen.signaleringen")
