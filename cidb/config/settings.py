"""cidb settings. Everything comes from environment variables with safe defaults.

See the README ("Settings") for the full list.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SOURCE_ROOT = PACKAGE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Comma-separated IP addresses or CIDR networks; anything else stops start-up (a
    typo must not silently trust nobody, or everybody)."""
    networks = []
    for item in env_list(name):
        try:
            networks.append(ipaddress.ip_network(item, strict=True))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address or network ({exc})"
            ) from None
    return networks


def _default_data_dir() -> Path:
    # A source checkout keeps its data beside the code (./data); an installed package
    # keeps it in the user's data directory.
    if (SOURCE_ROOT / "pyproject.toml").exists():
        return SOURCE_ROOT / "data"
    return Path.home() / ".local" / "share" / "cidb"


DATA_DIR = Path(env("CIDB_DATA_DIR") or _default_data_dir())
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    # Never fall back to a key written in the source: generate one per installation.
    configured = env("CIDB_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("CIDB_DEBUG", False)
ALLOWED_HOSTS = env_list("CIDB_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CIDB_CSRF_TRUSTED_ORIGINS")
SITE_URL = env("CIDB_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env("CIDB_SITE_NAME", "cidb")

# HTTPS hardening: on for a deployment behind TLS (CIDB_HTTPS=1); then
# `cidb check --deploy` is clean.
HTTPS = env_bool("CIDB_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(env("CIDB_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("CIDB_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR networks,
# comma-separated); from any other peer the header is ignored. Parsed strictly.
TRUSTED_PROXIES = env_networks("CIDB_TRUSTED_PROXIES")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "huey.contrib.djhuey",
    "cidb.core",
    "cidb.accounts",
    "cidb.incidents",
    "cidb.stats",
]
# Optional apps that are present once built (tagging, ingestion, exchange).
for _optional in ("tagging", "ingest", "exchange"):
    if (PACKAGE_DIR / _optional / "apps.py").exists():
        INSTALLED_APPS.append(f"cidb.{_optional}")
# REST API, OpenAPI schema and docs (served offline by the sidecar), TAXII.
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar", "cidb.api"]
# Atom feeds, saved searches with e-mail alerts, citations.
INSTALLED_APPS.append("cidb.alerts")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cidb.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cidb.core.middleware.QueryStringLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cidb.config.urls"
WSGI_APPLICATION = "cidb.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cidb.core.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'cidb.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers (web workers) and one writer (ingest) work at once.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["TEST"] = {"NAME": env("CIDB_TEST_SQLITE_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "home"

REDIS_URL = env("CIDB_REDIS_URL")
if env("CIDB_CACHE_URL", "").startswith("redis") or (REDIS_URL and not env("CIDB_CACHE_URL")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("CIDB_CACHE_URL") or REDIS_URL,
        }
    }
elif env("CIDB_CACHE_URL") == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Shared by all gunicorn workers of one machine.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

HUEY = {
    "name": "cidb",
    "immediate": env_bool("CIDB_HUEY_IMMEDIATE", False),
    "consumer": {"workers": int(env("CIDB_HUEY_WORKERS", "1")), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "huey.sqlite3")})

EMAIL_BACKEND = env("CIDB_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("CIDB_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("CIDB_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("CIDB_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("CIDB_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("CIDB_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("CIDB_DEFAULT_FROM_EMAIL", "cidb <noreply@localhost>")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("CIDB_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env("CIDB_STATIC_ROOT") or DATA_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cidb.core.storage.StaticStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("CIDB_MEDIA_ROOT") or DATA_DIR / "media")
SERVE_MEDIA = env_bool("CIDB_SERVE_MEDIA", True)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Largest file `cidb import` and the editors' import form accept (bytes).
IMPORT_MAX_BYTES = int(env("CIDB_IMPORT_MAX_BYTES", "100000000"))
FILE_UPLOAD_HANDLERS = [
    "cidb.exchange.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Browse pages
PAGE_SIZE = int(env("CIDB_PAGE_SIZE", "25"))
MAX_QUERY_STRING = int(env("CIDB_MAX_QUERY_STRING", "2048"))
FACET_CACHE_SECONDS = int(env("CIDB_FACET_CACHE_SECONDS", "600"))
# How often huey recounts the whole-database statistics after a change (0: never).
STATS_WARM_MINUTES = int(env("CIDB_STATS_WARM_MINUTES", "5"))

# Log-in throttling: after LOGIN_FAILURES wrong passwords for one account from one
# address, or LOGIN_IP_FAILURES from one address, log-ins from there wait until the
# window (counted from the first failure) ends; the lock always expires.
LOGIN_FAILURES = int(env("CIDB_LOGIN_FAILURES", "5"))
LOGIN_IP_FAILURES = int(env("CIDB_LOGIN_IP_FAILURES", "50"))
LOGIN_LOCKOUT_SECONDS = int(env("CIDB_LOGIN_LOCKOUT_MINUTES", "15")) * 60
AUTHENTICATION_BACKENDS = ["cidb.accounts.throttle.ThrottledModelBackend"]

# REST API (/api/v1/) and TAXII (/taxii2/). Rates per tier: anonymous < free < member.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cidb.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["cidb.api.throttles.TierRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": env("CIDB_API_RATE_ANONYMOUS", "60/min"),
        "free": env("CIDB_API_RATE_FREE", "300/min"),
        "member": env("CIDB_API_RATE_MEMBER", "1200/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "cidb.api.schema.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "cidb API",
    "DESCRIPTION": "Cyber Incident Database. Visitors and free users get public fields and "
    "counts; members get every value. Authenticate with `Authorization: Token <key>` "
    "(members create tokens on their account page).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "ENUM_NAME_OVERRIDES": {"CIAValueEnum": "cidb.incidents.models.CIA_CHOICES"},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("CIDB_LOG_LEVEL", "WARNING")},
}
