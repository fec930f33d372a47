"""A view that bypasses the access door fails this test: views and API modules never query case
models directly, and every lookup of a case's child object is scoped to a trajectory that came
through the door (`traject=traject`)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE_MODELS = {"Traject", "Gedetineerde"}
# Every module that renders or serializes case data, in today's layout and in the one the
# renovation may bring (views/ packages, an api/ package per app, serializers beside views).
PATRONEN = [
    "*/views.py",
    "*/views/**/*.py",
    "*/documenten.py",
    "*/serializers.py",
    "*/serializers/**/*.py",
    "api/**/*.py",
    "*/api/**/*.py",
]
NIET_VAN_DE_APP = {"tests", "migrations", ".venv", "node_modules", "static", ".data"}


def _view_modules() -> list[Path]:
    gevonden = {p for patroon in PATRONEN for p in ROOT.glob(patroon)}
    return sorted(
        p
        for p in gevonden
        if p.name != "__init__.py" and not NIET_VAN_DE_APP.intersection(p.relative_to(ROOT).parts)
    )


VIEW_MODULES = _view_modules()


def test_there_are_view_modules_to_check():
    namen = {str(p.relative_to(ROOT)) for p in VIEW_MODULES}
    assert namen >= {
        "api/views.py",
        "api/serializers.py",
        "trajecten/documenten.py",
        "trajecten/views/pagina.py",
        "trajecten/views/basisvoorwaarden.py",
        "trajecten/views/formulieren.py",
        "signalering/views.py",
        "ketenpartners/views.py",
        "reclassering/views.py",
        "nazorg/views.py",
    }
    assert not any(n.startswith("tests/") or "/migrations/" in n for n in namen), namen


def test_views_never_query_case_models_directly():
    overtredingen = []
    for pad in VIEW_MODULES:
        for node in ast.walk(ast.parse(pad.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "objects"
                and isinstance(node.value, ast.Name)
                and node.value.id in CASE_MODELS
            ):
                overtredingen.append(f"{pad.relative_to(ROOT)}:{node.lineno}")
    assert overtredingen == [], "bypasses the access door: " + ", ".join(overtredingen)


def test_child_lookups_are_scoped_to_a_trajectory_from_the_door():
    overtredingen = []
    for pad in VIEW_MODULES:
        for node in ast.walk(ast.parse(pad.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "get_object_or_404"
                and "traject" not in {k.arg for k in node.keywords}
            ):
                overtredingen.append(f"{pad.relative_to(ROOT)}:{node.lineno}")
    assert overtredingen == [], "bypasses the access door: " + ", ".join(overtredingen)
