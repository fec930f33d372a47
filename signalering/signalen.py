"""Signals signalering sends, for the apps above it (issue 16's event subscriptions).

`signaleringen_aangemaakt` is sent inside the transaction that inserted new flags, with
`ids` (the new `Signalering` primary keys), so a receiver can write its own outbox rows
atomically with them. Every statement that inserts flags sends it (`meld_nieuw`)."""

from django.dispatch import Signal

signaleringen_aangemaakt = Signal()


def meld_nieuw(ids: list[int]) -> None:
    if ids:
        signaleringen_aangemaakt.send(sender=None, ids=ids)
