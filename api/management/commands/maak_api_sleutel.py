import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services
from api.models import Scope
from ketenpartners.models import Organisatie


def datum(tekst: str) -> datetime.date:
    for vorm in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    raise CommandError(f"Ongeldige datum {tekst!r}: gebruik dd-mm-jjjj.")


class Command(BaseCommand):
    help = "Geeft een API-sleutel uit aan een organisatie (toont de sleutel één keer)."

    def add_arguments(self, parser):
        parser.add_argument("organisatie", help="Code, bijvoorbeeld GM0153 of PI-ALMELO")
        parser.add_argument("naam", help="Naam van het systeem, bijvoorbeeld 'Injus-koppeling'")
        parser.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            dest="scopes",
            help="Wat de sleutel mag (herhaalbaar). Standaard: alles wat de organisatie kan.",
        )
        parser.add_argument(
            "--geldig-tot",
            help="Laatste geldige dag, dd-mm-jjjj. Standaard over een jaar, hooguit over twee.",
        )

    def handle(self, *args, **options):
        geldig_tot = datum(options["geldig_tot"]) if options["geldig_tot"] else None
        try:
            organisatie = Organisatie.objects.get(code=options["organisatie"], actief=True)
            token, sleutel = services.geef_token_uit(
                acting_user=None,
                organisatie=organisatie,
                naam=options["naam"],
                scopes=options["scopes"],
                geldig_tot=geldig_tot,
            )
        except Organisatie.DoesNotExist as fout:
            raise CommandError(
                f"Onbekende of inactieve organisatie: {options['organisatie']}"
            ) from fout
        except ValidationError as fout:
            raise CommandError("; ".join(fout.messages)) from fout
        self.stdout.write(f"Sleutel voor {token}: {sleutel}")
        self.stdout.write(
            f"Scopes: {', '.join(token.scopes)}; geldig tot en met {token.geldig_tot:%d-%m-%Y}."
        )
        self.stdout.write("Bewaar hem nu: hij is gehasht opgeslagen en wordt niet opnieuw getoond.")
