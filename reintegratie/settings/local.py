"""Development on a laptop or this machine: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-development-only-not-secret")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the finders; production serves the collected, hashed copy.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Event subscriptions may call back to http://localhost here (issue 16).
ABONNEMENTEN_HTTP_LOKAAL = True
