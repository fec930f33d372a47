"""pytest: the same PostgreSQL and Redis as production, a fast hasher, mail kept in memory."""

import os
import time

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
# A second connection to the same test database, so the replica router is tested in `make test`
# (tests/test_replica.py). Reads use it only where a test turns LEES_VAN_REPLICA on: a mirror
# does not see the uncommitted rows of a non-transactional test.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
LEES_VAN_REPLICA = False
# Dashboard figures are cached only where a test turns the cache on (tests/dashboard).
DASHBOARD_CACHE_SECONDEN = 0
# Likewise the "Mijn acties" count (tests/trajecten/test_navigatie.py): a test that compares the
# queries of two pages would otherwise see the second one served from the cache.
NAVIGATIE_CACHE_SECONDEN = 0
# Tests that need a worker start one on a database of their own (tests/conftest.py).
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/15")
CELERY_BROKER_URL = REDIS_URL
# The shared cache in the test's Redis database, with a prefix per test process: counts of an
# earlier run (same user ids, same keys) never leak into this one.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "gedeeld": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that hangs costs a page at most this, not redis-py's default of seconds: the
        # navigation count (and the dashboard's figures) are then taken from the database.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        "KEY_PREFIX": f"test-{os.getpid()}-{time.time_ns()}",
    },
}
# Serve static files straight from the finders; production serves the collected, hashed copy.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The accept page's attempt limit is tested on its own (tests/ketenpartners/test_uitnodigingen.py).
UITNODIGING_POGINGEN_PER_10_MIN = 10_000

# Callbacks of event subscriptions to http://localhost (issue 16): the journey test receiver.
ABONNEMENTEN_HTTP_LOKAAL = True
