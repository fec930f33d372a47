"""No Docker engine runs here, so the deployment files are checked by reading them."""

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_five_services_each_with_a_health_check():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    for naam, service in services.items():
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
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
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


def test_every_env_setting_is_documented_in_env_example():
    documented = {
        r.split("=", 1)[0]
        for r in (ROOT / ".env.example").read_text().splitlines()
        if r and not r.startswith("#")
    }
    for naam in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "EMAIL_URL"):
        assert naam in documented


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
