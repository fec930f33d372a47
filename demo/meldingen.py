"""Demo notifications (issue 12): the intakes of the demo seed announced their detentions, so
nazorg1 (gemeente Enschede) has event notifications. Two stay unread, so the bell shows what a
new detention looks like; the rest is read. The seed mails nobody: the immediate mails its
intakes wrote to the outbox (to @demo.example addresses) are removed again."""

from django.utils import timezone

from ketenpartners.models import Medewerker
from signalering.models import Bericht, Berichtsoort, Notificatie


def maak_demo_meldingen() -> int:
    nazorg1 = Medewerker.objects.get(username="nazorg1")
    gebeurtenissen = Notificatie.objects.filter(
        ontvanger=nazorg1, gebeurtenis__isnull=False
    ).order_by("-aangemaakt_op", "-pk")
    ongelezen = list(gebeurtenissen.values_list("pk", flat=True)[:2])
    gebeurtenissen.exclude(pk__in=ongelezen).update(gelezen_op=timezone.now())
    Bericht.objects.filter(
        soort=Berichtsoort.DIRECT, aan__endswith="@demo.example", status="wachtend"
    ).delete()
    return len(ongelezen)
