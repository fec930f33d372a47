import io

import pytest
from django.core.management import call_command

from ketenpartners.demo import DEMO_ACCOUNTS
from ketenpartners.models import Medewerker


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (342 gemeenten, the PIs, 3RO) is in every test database, as in production."""
    with django_db_blocker.unblock():
        call_command("load_referentiedata", stdout=io.StringIO())


@pytest.fixture
def demo(db) -> dict[str, Medewerker]:
    """The eight demo accounts of the README, by username."""
    call_command("seed_demo", "--force", stdout=io.StringIO())
    return {
        m.username: m for m in Medewerker.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
    }
