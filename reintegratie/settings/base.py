"""Settings shared by every environment. Everything that differs per machine comes from the
environment (see .env.example); nothing secret lives in this file."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_htmx",
    "pgtrigger",
    "pghistory",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ketenpartners",
    "trajecten",
    "signalering",
    "abonnementen",
    "audit",
    "dashboard",
    "api",
    "nazorg",
    "reclassering",
    "bewaring",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # 413 for a body over the limit, 400 for a query parameter that is not clean text (ADR 0010).
    "reintegratie.middleware.InvoerBewaking",
    # The audit rows of a request's reads in one INSERT at its end, also when it fails (ADR 0024).
    "audit.middleware.AuditPerVerzoek",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # The admin on its own host name when ADMIN_HOST is set (404 elsewhere).
    "ketenpartners.middleware.BeheerHost",
    # Privacy by default: every view needs a login unless it says @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout and the absolute limit of one working day (docs/security.md).
    "ketenpartners.middleware.SessieBewaking",
    # Under MFA_VEREIST a session without a verified second factor sees only the MFA pages.
    "ketenpartners.middleware.TweedeFactorVereist",
    # Cache-Control: no-store on every answer to a logged-in user.
    "ketenpartners.middleware.NietBewaren",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
]

# A request body over 1 MB is refused with 413 (reintegratie.middleware, ADR 0010): the longest
# form (the plan, 4 × 20,000 characters, even percent-encoded) stays below it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576

ROOT_URLCONF = "reintegratie.urls"
# Form templates (templates/formulieren/) are found like every other template.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "reintegratie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # The reading format for dates (|datum, |datum_dag, |datum_tijd), issue 14.
            "builtins": ["reintegratie.datums"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "signalering.context_processors.meldingen",
                "trajecten.context_processors.acties",
                "ketenpartners.context_processors.terug",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/reintegratie"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


# No JIT compilation: this is short OLTP work, and at national volume the planner's estimates
# for the scan and the lists passed jit_above_cost, so PostgreSQL spent 1-3 s compiling a query
# that runs in 0.1 s (ADR 0026's addendum, issue 18). Added to any options the URL carries.
def _zonder_jit(database: dict) -> None:
    opties = database.setdefault("OPTIONS", {})
    opties["options"] = f"{opties.get('options', '')} -c jit=off".strip()


_zonder_jit(DATABASES["default"])
# Optional read replica (issue 18, ADR 0027): the dashboard, its CSV files and the API's lists
# read there through reintegratie.routers; everything else and every write stays on default.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    _zonder_jit(DATABASES["replica"])
LEES_VAN_REPLICA = "replica" in DATABASES
DATABASE_ROUTERS = ["reintegratie.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
# "Mijn acties" in the navigation, per user in the shared cache: a change of the organisation's
# actions is in it at the next page, a change of who sees a case within this many seconds
# (trajecten.navigatie, issue 18). 0: counted on every page.
NAVIGATIE_CACHE_SECONDEN = env.int("NAVIGATIE_CACHE_SECONDEN", default=60)
# "default" stays per process; "gedeeld" is Redis, for counts every process must share (the API
# throttle). Keys are prefixed, so the broker's database can hold them.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "gedeeld": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that hangs costs a page at most this, not redis-py's default of seconds: the
        # navigation count (and the dashboard's figures) are then taken from the database.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        "KEY_PREFIX": "reintegratie",
    },
}

AUTH_USER_MODEL = "ketenpartners.Medewerker"
AUTHENTICATION_BACKENDS = [
    # ModelBackend with the lockout around it (ketenpartners/inloggen.py).
    "ketenpartners.inloggen.InlogBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Nobody reads case data without logging in, so guardian needs no anonymous user.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Accounts and sessions (issue 17, docs/security.md, ADR 0019).
# A second factor (TOTP app + recovery codes) for every account; True in production settings.
MFA_VEREIST = env.bool("MFA_VEREIST", default=False)
OTP_TOTP_ISSUER = "reintegratie"
# Lockout: this many failed logins per account name within INLOG_BLOKKADE_MINUTEN lock it for
# that long; an address (many colleagues behind one PI gateway) has a higher limit.
INLOG_MAX_POGINGEN = env.int("INLOG_MAX_POGINGEN", default=5)
INLOG_MAX_POGINGEN_PER_IP = env.int("INLOG_MAX_POGINGEN_PER_IP", default=50)
INLOG_BLOKKADE_MINUTEN = env.int("INLOG_BLOKKADE_MINUTEN", default=15)
# Behind a reverse proxy: the META key that carries the client address (else REMOTE_ADDR).
INLOG_IP_HEADER = env("INLOG_IP_HEADER", default="")
# A session ends after this many minutes without a request, and in any case after
# SESSIE_MAX_UUR hours from login (one working day); a dialog warns two minutes before.
SESSIE_INACTIEF_MINUTEN = env.int("SESSIE_INACTIEF_MINUTEN", default=30)
SESSIE_WAARSCHUWING_SECONDEN = 120
SESSIE_MAX_UUR = env.int("SESSIE_MAX_UUR", default=8)
# Flash messages name detainees ("Traject van … aangemaakt"): kept server-side, not in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# The admin on its own host name (for example beheer.reintegratie.example); empty: same host.
ADMIN_HOST = env("ADMIN_HOST", default="")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Dutch interface; msgids are Dutch so no catalogue is needed for nl (docs/adr/0002).
LANGUAGE_CODE = "nl"
# Only Dutch until an English catalogue exists; then add ("en", ...) and LocaleMiddleware.
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Every asset is served from this origin: no CDN, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# EMAIL_URL as smtp+tls://user:password@host:587 in production; the console in development.
_email = env.email("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="reintegratie <noreply@reintegratie.example>"
)

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Exactly one beat runs (docker-compose.yml: service `beat`; `make run`: one beat process).
CELERY_BEAT_SCHEDULE = {
    "termijnen-scannen": {
        "task": "signalering.scan_termijnen",
        "schedule": crontab(hour=6, minute=30, day_of_week="1-5"),
    },
    # Catch-up (issue 18): a no-op once today's scan completed; else it scans, so Redis down
    # at 06:30 or a killed worker costs minutes, not a day (signalering.tasks.scan_inhalen).
    "termijnen-inhalen-ochtend": {
        "task": "signalering.scan_inhalen",
        "schedule": crontab(hour=6, minute="40,50", day_of_week="1-5"),
    },
    "termijnen-inhalen": {
        "task": "signalering.scan_inhalen",
        "schedule": crontab(hour="7-17", minute="*/10", day_of_week="1-5"),
    },
    "outbox-legen": {"task": "signalering.leeg_outbox", "schedule": 300.0},
    # Event subscriptions (issue 16): retries after backoff, and what no queued task delivered.
    "abonnementen-bezorgen": {"task": "abonnementen.bezorg_verschuldigde", "schedule": 60.0},
    # ADR 0023: expired data goes, next year's audit partitions are made.
    "bewaartermijnen": {
        "task": "bewaring.bewaartermijnen",
        "schedule": crontab(hour=2, minute=30),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.SleutelAuthenticatie",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.ScopeVereist",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.paginering.Bladzijden",
    "PAGE_SIZE": 50,
    # Every operation documents its problem answers and its deprecation (ADR 0022).
    "DEFAULT_SCHEMA_CLASS": "api.schema.ContractSchema",
    "EXCEPTION_HANDLER": "api.problemen.exception_handler",
    # Per client (the key; a browser session per user), counted in Redis so that every worker
    # process and every web container shares one count (cache alias "gedeeld").
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerSleutel"],
    "DEFAULT_THROTTLE_RATES": {"user": env("API_THROTTLE", default="600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "reintegratie API",
    "DESCRIPTION": (
        "API van het gedeelde informatiesysteem voor re-integratie van gedetineerden. Elke sleutel "
        "hoort bij één organisatie en ziet wat de medewerkers van die organisatie zien; velden "
        "volgen de deelmatrix (art. 18a Pbw). Fouten zijn problem details (RFC 9457)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "BasisvoorwaardeStatusEnum": "trajecten.keuzes.BVStatus",
        "ActieStatusEnum": "trajecten.keuzes.ActieStatus",
        "GesprekssoortEnum": "trajecten.keuzes.Gesprekssoort",
        "SignaleringSoortEnum": "signalering.models.Signaleringssoort",
        "EventsoortEnum": "abonnementen.models.Eventsoort",
        "AfleverstatusEnum": "abonnementen.models.Afleverstatus",
    },
}

# The national norm for a casemanager's caseload (inspection report, ch. 3).
CASELOAD_NORM = 30
# The dashboard's regional figures are cached in the shared cache per region, PI filter, period
# and day (ADR 0027): a new figure shows within this many seconds; 0 turns the cache off.
DASHBOARD_CACHE_SECONDEN = env.int("DASHBOARD_CACHE_SECONDEN", default=600)
# The concept handover opens this many weeks before the expected release (issue 12).
OVERDRACHT_CONCEPT_WEKEN_VOORAF = env.int("OVERDRACHT_CONCEPT_WEKEN_VOORAF", default=6)

# No personal data in logs: search terms travel in query strings (?zoek=…), so request lines are
# logged without them (runserver here, gunicorn in gunicorn.conf.py). docs/security.md.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"zonder_query": {"()": "reintegratie.logboek.ZonderQueryString"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["zonder_query"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Lead time of the uitstroomoverleg before the expected release, in working days.
UITSTROOMOVERLEG_WERKDAGEN_VOORAF = env.int("UITSTROOMOVERLEG_WERKDAGEN_VOORAF", default=10)
# The benefit application is prepared in the PI this many working days before the expected
# release (20: four weeks), so the money can come within a week of release (issue 11).
UITKERING_AANVRAAG_WERKDAGEN_VOORAF = env.int("UITKERING_AANVRAAG_WERKDAGEN_VOORAF", default=20)

# Deadline watch (signalering). A gemeente acknowledges an incoming detention within N working
# days, else its contact point is chased; after M working days the PI's staffunctionaris is.
SIGNALERING_ONTVANGST_WERKDAGEN = env.int("SIGNALERING_ONTVANGST_WERKDAGEN", default=2)
SIGNALERING_ONTVANGST_ESCALATIE_WERKDAGEN = env.int(
    "SIGNALERING_ONTVANGST_ESCALATIE_WERKDAGEN", default=5
)
# Receipt of the handover (issue 12): the receiver confirms within N working days of sending,
# else the gemeente (and the reclassering with regie) is chased; after M the PI's
# staffunctionaris is. After release the case stays in the nazorg phase for this many weeks.
OVERDRACHT_BEVESTIGING_WERKDAGEN = env.int("OVERDRACHT_BEVESTIGING_WERKDAGEN", default=2)
OVERDRACHT_ESCALATIE_WERKDAGEN = env.int("OVERDRACHT_ESCALATIE_WERKDAGEN", default=5)
NAZORGFASE_WEKEN = env.int("NAZORGFASE_WEKEN", default=13)
# Open flags older than this many working days appear on the staffunctionaris's list.
SIGNALERING_ESCALATIE_WERKDAGEN = env.int("SIGNALERING_ESCALATIE_WERKDAGEN", default=5)
# A scan begun less than this many minutes ago and not completed is taken as still at work;
# after that, as killed: beat's catch-up run scans again (issue 18).
SIGNALERING_SCAN_BEZIG_MINUTEN = env.int("SIGNALERING_SCAN_BEZIG_MINUTEN", default=5)
# Absolute links in e-mail.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Issue 12: an invitation for a gemeente's first nazorgcoördinator is valid this many days, and
# the accept page allows this many attempts per address per ten minutes.
UITNODIGING_GELDIG_DAGEN = env.int("UITNODIGING_GELDIG_DAGEN", default=7)
UITNODIGING_POGINGEN_PER_10_MIN = env.int("UITNODIGING_POGINGEN_PER_10_MIN", default=20)

# Event subscriptions (issue 16, ADR 0021): plain http callbacks to this machine only where a
# setting file allows it (test, local); production requires https to a public address.
ABONNEMENTEN_HTTP_LOKAAL = env.bool("ABONNEMENTEN_HTTP_LOKAAL", default=False)
ABONNEMENTEN_TIMEOUT = env.float("ABONNEMENTEN_TIMEOUT", default=5.0)
# Retention (issue 17 item 5, ADR 0023; legal basis there). A closed trajectory with all that
# hangs below it and its history is kept this many years after closure; notifications and
# events this many months; sent, failed or cancelled outbox mails this many days; the audit
# trail this many months in whole months (the database refuses fewer than 24).
BEWAARTERMIJN_TRAJECT_JAREN = env.int("BEWAARTERMIJN_TRAJECT_JAREN", default=5)
BEWAARTERMIJN_MELDING_MAANDEN = env.int("BEWAARTERMIJN_MELDING_MAANDEN", default=13)
BEWAARTERMIJN_OUTBOX_DAGEN = env.int("BEWAARTERMIJN_OUTBOX_DAGEN", default=90)
BEWAARTERMIJN_AFLEVERING_DAGEN = env.int("BEWAARTERMIJN_AFLEVERING_DAGEN", default=90)
BEWAARTERMIJN_AUDIT_MAANDEN = env.int("BEWAARTERMIJN_AUDIT_MAANDEN", default=84)
