"""No Docker engine runs here, so the deployment files are checked by reading them."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_five_services_each_with_a_health_check():
    """Five long-running services with a health check, and the one-shot `migrate` (roles and
    migrations as the owner role, issue 17) that exits when it is done."""
    services = compose()["services"]
    assert set(services) == {"db", "redis", "migrate", "web", "worker", "beat"}
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for naam, service in services.items():
        if naam == "migrate":
            continue
        assert "healthcheck" in service, naam
        assert service["healthcheck"]["test"], naam


def test_web_worker_and_beat_share_one_definition_and_the_wiring():
    c = compose()
    gedeeld = c["x-app"]
    for naam in ("web", "worker", "beat"):
        service = c["services"][naam]
        assert service["image"] == gedeeld["image"] == "reintegratie:latest"
        env = service["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "reintegratie.settings.production"
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert "@db:5432/reintegratie" in env["DATABASE_URL"]
        # As the application role, after the migrations ran as the owner (docs/security.md).
        assert env["DATABASE_URL"].startswith("postgres://reintegratie_app:")
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
        assert service["env_file"] == ".env"
    assert "gunicorn" in " ".join(c["services"]["web"]["command"])
    assert c["services"]["worker"]["command"][:4] == ["celery", "-A", "reintegratie", "worker"]


def test_exactly_one_beat():
    services = compose()["services"]
    beats = [n for n, s in services.items() if "beat" in s.get("command", [])]
    assert beats == ["beat"]
    assert services["beat"]["deploy"]["replicas"] == 1


def test_redis_never_evicts_queued_work_and_persists_it():
    command = compose()["services"]["redis"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"
    assert command[command.index("--appendonly") + 1] == "yes"
    assert "redisdata:/data" in compose()["services"]["redis"]["volumes"]


def test_no_secret_in_the_compose_file():
    tekst = (ROOT / "docker-compose.yml").read_text()
    assert "${POSTGRES_PASSWORD:?" in tekst
    assert "SECRET_KEY" not in tekst


def test_the_image_runs_as_a_non_root_user():
    regels = [r.strip() for r in (ROOT / "Dockerfile").read_text().splitlines() if r.strip()]
    users = [r.split()[1] for r in regels if r.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}
    laatste_user = max(i for i, r in enumerate(regels) if r.startswith("USER "))
    assert not any(r.startswith("RUN ") for r in regels[laatste_user:])


def _is_os_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _leest_omgeving(node: ast.AST) -> bool:
    """`env(...)`, `env.<cast>(...)`, `os.getenv(...)`, `os.environ.get(...)`."""
    if not isinstance(node, ast.Call):
        return False
    functie = node.func
    if isinstance(functie, ast.Name):
        return functie.id == "env"
    if not isinstance(functie, ast.Attribute):
        return False
    if isinstance(functie.value, ast.Name):
        return functie.value.id == "env" or (functie.value.id, functie.attr) == ("os", "getenv")
    return _is_os_environ(functie.value) and functie.attr == "get"


def gelezen_omgevingsvariabelen(bron: str) -> tuple[set[str], list[int]]:
    """The names a settings module reads from the environment: through django-environ
    (`env("X")`, `env.int("X")`, `env.db("X")`, ..., the `env` of settings/base.py) or plainly
    (`os.environ["X"]`, `os.getenv("X")`). Also the line numbers of reads whose name is not a
    string literal, which this check cannot follow."""
    namen, onleesbaar = set(), []
    for node in ast.walk(ast.parse(bron)):
        if isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            eerste = node.slice
        elif _leest_omgeving(node):
            eerste = (
                node.args[0]
                if node.args
                else next((k.value for k in node.keywords if k.arg in ("var", "key")), None)
            )
        else:
            continue
        if isinstance(eerste, ast.Constant) and isinstance(eerste.value, str):
            namen.add(eerste.value)
        else:
            onleesbaar.append(node.lineno)
    return namen, onleesbaar


def settings_omgevingsvariabelen() -> set[str]:
    namen = set()
    for pad in sorted((ROOT / "reintegratie" / "settings").glob("*.py")):
        gevonden, onleesbaar = gelezen_omgevingsvariabelen(pad.read_text())
        assert onleesbaar == [], f"{pad.name}: env() without a literal name on {onleesbaar}"
        namen |= gevonden
    return namen


def test_the_env_reader_finds_every_form_of_call():
    bron = """
A = env("A", default="")
B = env.int("B", default=1)
C = env.db("C")
D = env.list(var="D")
E = env.email_url("E")
F = os.environ["F"]
G = os.getenv("G")
H = os.environ.get("H", "")
env(naam)
environ.Env.read_env(BASE_DIR / ".env")
"""
    assert gelezen_omgevingsvariabelen(bron) == ({"A", "B", "C", "D", "E", "F", "G", "H"}, [10])


def test_the_settings_read_what_the_deployment_needs():
    assert settings_omgevingsvariabelen() >= {
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "EMAIL_URL",
        "CONN_MAX_AGE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSIE_MAX_UUR",
    }


def test_every_env_setting_is_documented_in_env_example():
    documented = {
        r.split("=", 1)[0]
        for r in (ROOT / ".env.example").read_text().splitlines()
        if r and not r.startswith("#")
    }
    ontbrekend = sorted(settings_omgevingsvariabelen() - documented)
    assert ontbrekend == [], f"read by the settings, not in .env.example: {ontbrekend}"


def test_every_env_setting_is_in_the_readme_configuration_table():
    readme = (ROOT / "README.md").read_text()
    tabel = readme[readme.index("## Configuration") :].split("\n## ", 1)[0]
    in_tabel = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", tabel))
    ontbrekend = sorted(settings_omgevingsvariabelen() - in_tabel)
    assert ontbrekend == [], f"read by the settings, not in the README's table: {ontbrekend}"


def test_production_settings_hash_with_argon2_and_refuse_without_secret_key():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "reintegratie.settings.production"}
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    )
    zonder = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert zonder.returncode != 0
    assert "SECRET_KEY" in zonder.stderr
    met = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "reintegratie.example"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert met.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"
