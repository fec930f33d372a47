from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services
from ketenpartners.models import Organisatie


class Command(BaseCommand):
    help = "Geeft een API-sleutel uit aan een organisatie (toont de sleutel één keer)."

    def add_arguments(self, parser):
        parser.add_argument("organisatie", help="Code, bijvoorbeeld GM0153 of PI-ALMELO")
        parser.add_argument("naam", help="Naam van het systeem, bijvoorbeeld 'Injus-koppeling'")

    def handle(self, *args, **options):
        try:
            organisatie = Organisatie.objects.get(code=options["organisatie"], actief=True)
            token, sleutel = services.geef_token_uit(
                acting_user=None, organisatie=organisatie, naam=options["naam"]
            )
        except Organisatie.DoesNotExist as fout:
            raise CommandError(
                f"Onbekende of inactieve organisatie: {options['organisatie']}"
            ) from fout
        except ValidationError as fout:
            raise CommandError("; ".join(fout.messages)) from fout
        self.stdout.write(f"Sleutel voor {token}: {sleutel}")
        self.stdout.write("Bewaar hem nu: hij is gehasht opgeslagen en wordt niet opnieuw getoond.")
