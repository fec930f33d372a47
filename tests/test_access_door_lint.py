"""A view that bypasses the access door fails this test: views and API modules never query case
models directly, and every lookup of a case's child object is scoped to a trajectory that came
through the door (`traject=traject`)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE_MODELS = {"Traject", "Gedetineerde"}
VIEW_MODULES = (
    [p for p in ROOT.glob("*/views.py") if p.parent.name not in {".venv", "node_modules"}]
    # A views package (trajecten/views/) counts under its app's name.
    + [p.parent for p in ROOT.glob("*/views/__init__.py")]
    + [p for p in ROOT.glob("*/api/*.py") if p.parts[-3] != "tests"]
)
VIEW_MODULES = [m for p in VIEW_MODULES for m in (sorted(p.glob("*.py")) if p.is_dir() else [p])]


def test_there_are_view_modules_to_check():
    apps = {
        p.parent.parent.name if p.parent.name == "views" else p.parent.name for p in VIEW_MODULES
    }
    assert apps >= {"trajecten", "signalering", "ketenpartners"}


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
    assert overtredingen == []


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
    assert overtredingen == []
