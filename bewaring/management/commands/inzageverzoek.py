"""`python manage.py inzageverzoek --bsn BSN`: everything held on one person, as JSON (AVG art.
15), audited as an export (ADR 0023)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bewaring import access, services
from trajecten.validators import valideer_bsn


class Command(BaseCommand):
    help = "Drukt als JSON af wat het systeem over één persoon bevat (inzageverzoek, AVG art. 15)."

    def add_arguments(self, parser):
        parser.add_argument("--bsn", required=True, help="BSN van de persoon (9 cijfers)")

    def handle(self, *args, **opties):
        bsn = opties["bsn"].strip()
        try:
            if len(bsn) != 9 or not bsn.isdigit():
                raise ValidationError("")
            valideer_bsn(bsn)
        except ValidationError as fout:
            raise CommandError("Dit is geen geldig BSN (9 cijfers, elfproef).") from fout
        persoon = access.persoon_voor_inzage(bsn)
        if persoon is None:
            raise CommandError("Er is geen persoon met dit BSN.")
        self.stdout.write(
            services.inzageverzoek(persoon=persoon, acting_user=None, via="beheeropdracht")
        )
