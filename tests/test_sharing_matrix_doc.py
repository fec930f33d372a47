"""Documentation that stays true: every role of the code has its row in the sharing matrix
page, and each row's legal basis in the code is one the page names."""

from pathlib import Path

from ketenpartners.deelmatrix import MATRIX
from ketenpartners.rollen import Rol

DOC = (Path(__file__).resolve().parent.parent / "docs" / "sharing-matrix.md").read_text()


def test_every_role_has_a_row():
    rijen = {regel.split("|")[1].strip() for regel in DOC.splitlines() if regel.startswith("| ")}
    assert set(Rol.values) <= rijen


def test_every_role_is_in_the_matrix_and_case_roles_have_a_legal_basis():
    assert set(MATRIX) == set(Rol.values)
    for rol, zicht in MATRIX.items():
        if zicht.traject:
            assert zicht.grondslag.startswith("art. 18a Penitentiaire beginselenwet"), rol
        else:
            assert rol == Rol.FUNCTIONEEL_BEHEERDER
