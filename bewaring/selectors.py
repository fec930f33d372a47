"""Reads for the data lifecycle: everything that hangs below a set of rows (found through the
models' own relations, so a model added later is covered without a change here), and the
subject-access export built from it."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pghistory.models
from django.apps import apps
from django.db import models

from audit.models import Auditregel
from trajecten.models import Gedetineerde

from . import access

Verzameling = dict[type[models.Model], set]

# What retention and the export follow downwards: rows that belong to their parent.
VOLGEN = (models.CASCADE, models.PROTECT)


def historiemodellen() -> list[Any]:
    """Every pghistory event table of the project (one per tracked model)."""
    return [
        m
        for m in apps.get_models()
        if issubclass(m, pghistory.models.Event) and getattr(m, "pgh_tracked_model", None)
    ]


def _kinderen(model: type[models.Model]) -> Iterable[models.ForeignObjectRel]:
    for rel in model._meta.related_objects:
        if (
            (rel.one_to_many or rel.one_to_one)
            and rel.on_delete in VOLGEN
            and not issubclass(rel.related_model, pghistory.models.Event)
            and rel.related_model is not model
        ):
            yield rel


def verzamel(model: type[models.Model], pks: Iterable, volgorde: list | None = None) -> Verzameling:
    """The rows of `model` with these pks and every row below them (CASCADE and PROTECT
    relations, recursively). `volgorde` receives (model, pks) children first: the order in
    which they can be deleted. One query per relation per level, whatever the number of rows."""
    verzameld: Verzameling = defaultdict(set)

    def stap(m: type[models.Model], ids: set) -> None:
        nieuw = ids - verzameld[m]
        if not nieuw:
            return
        verzameld[m] |= nieuw
        for rel in _kinderen(m):
            kind = rel.related_model
            kind_ids = set(
                kind._base_manager.filter(**{f"{rel.field.name}__in": nieuw}).values_list(
                    "pk", flat=True
                )
            )
            stap(kind, kind_ids)
        if volgorde is not None:
            volgorde.append((m, nieuw))

    stap(model, set(pks))
    return verzameld


def historie_bij(verzameld: Verzameling) -> Verzameling:
    """Extends `verzameld` with the pks of rows that exist only in the history tables now (a
    deleted action of a kept trajectory): an event table copies its model's foreign keys, so
    an event whose parent is in the set belongs to it too. Repeated until nothing is added."""
    historie = historiemodellen()
    uitgebreid: Verzameling = defaultdict(set, {m: set(ids) for m, ids in verzameld.items()})
    veranderd = True
    while veranderd:
        veranderd = False
        for event in historie:
            gevolgd = event.pgh_tracked_model
            for veld in gevolgd._meta.concrete_fields:
                if not veld.is_relation or not uitgebreid.get(veld.related_model):
                    continue
                if veld.related_model is gevolgd:
                    continue
                ids = (
                    set(
                        event.objects.filter(
                            **{f"{veld.attname}__in": uitgebreid[veld.related_model]}
                        ).values_list("pgh_obj_id", flat=True)
                    )
                    - uitgebreid[gevolgd]
                )
                if ids:
                    uitgebreid[gevolgd] |= ids
                    veranderd = True
    return uitgebreid


def _rij(obj: models.Model) -> dict:
    return {veld.attname: getattr(obj, veld.attname) for veld in obj._meta.concrete_fields}


def inzage(persoon: Gedetineerde) -> dict:
    """Everything the system holds on this person (AVG art. 15): the person, every row that
    hangs below the person (trajectories, basisvoorwaarden, actions, meetings, contact moments,
    plan and its versions, handover, notifications, flags ...), the earlier values in the
    history tables, and who read the file (the audit trail). Nothing of anyone else."""
    verzameld = historie_bij(verzamel(Gedetineerde, [persoon.pk]))
    gegevens: dict[str, list[dict]] = {}
    for model, ids in sorted(verzameld.items(), key=lambda paar: paar[0]._meta.label):
        if model is Gedetineerde or not ids:
            continue
        rijen = model._base_manager.filter(pk__in=ids).order_by("pk")
        if rijen:
            gegevens[model._meta.label] = [_rij(r) for r in rijen]
    historie: dict[str, list[dict]] = {}
    for event in historiemodellen():
        obj_ids = verzameld.get(event.pgh_tracked_model)
        if obj_ids:
            rijen = event.objects.filter(pgh_obj_id__in=obj_ids).order_by("pgh_id")
            if rijen:
                historie[event.pgh_tracked_model._meta.label] = [_rij(r) for r in rijen]
    traject_ids = sorted(verzameld.get(apps.get_model("trajecten", "Traject"), set()))
    ingezien = [
        {
            "op": r.op,
            "gebruikersnaam": r.gebruikersnaam,
            "organisatie": r.organisatie,
            "rol": r.rol,
            "actie": r.actie,
            "traject_id": r.traject_id,
            "grondslag": r.grondslag,
        }
        for r in Auditregel.objects.filter(traject_id__in=traject_ids).order_by("op", "pk")
    ]
    return {
        "persoon": _rij(persoon),
        "trajecten": [_rij(t) for t in access.trajecten_van(persoon)],
        "gegevens": gegevens,
        "historie": historie,
        "ingezien_door": ingezien,
    }
