"""A receiver of CloudEvents on this machine (http.server in a thread) and keys with the scope
abonnementen:beheren, for the subscription tests (issue 16)."""

import importlib.util
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from api import services as apidiensten
from ketenpartners.models import Organisatie

ROOT = Path(__file__).resolve().parents[2]


def laad_verificatie():
    """The example verifier from the docs, imported as a receiver would copy it."""
    spec = importlib.util.spec_from_file_location(
        "abonnementen_verificatie", ROOT / "docs" / "abonnementen_verificatie.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Ontvanger:
    """Records every POST (headers, raw body) and answers `status` (settable: 503 = down)."""

    def __init__(self):
        self.ontvangen: list[tuple[dict, bytes]] = []
        self.status = 204
        ontvanger = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                lengte = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(lengte)
                ontvanger.ontvangen.append((dict(self.headers), body))
                self.send_response(ontvanger.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def ontvanger():
    o = Ontvanger()
    yield o
    o.stop()


@pytest.fixture
def sleutels(demo):
    """Keys of gemeente Enschede and Rotterdam that may manage subscriptions, and a PI key."""
    uit = {}
    for naam, code, scopes in (
        ("enschede", "GM0153", ["trajecten:lezen", "trajecten:schrijven", "abonnementen:beheren"]),
        ("rotterdam", "GM0599", ["trajecten:lezen", "trajecten:schrijven", "abonnementen:beheren"]),
        ("enschede_lezen", "GM0153", ["trajecten:lezen"]),
        ("pi", "PI-ALMELO", None),
    ):
        uit[naam] = apidiensten.geef_token_uit(
            acting_user=demo["beheer1"],
            organisatie=Organisatie.objects.get(code=code),
            naam=naam,
            scopes=scopes,
        )
    return uit
