"""Wuye settings. Every value that differs between machines comes from the environment;
README.md lists each variable. Nothing secret lives in this file."""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WUYE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# HTTPS=1 in production: secure cookies, HSTS and the redirect to https.
HTTPS = env_bool("HTTPS", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment; a local development key is made once in var/."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if HTTPS:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when HTTPS=1.")
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "auditlog",
    "axes",
    "huey.contrib.djhuey",
    "wuye.core",
    "wuye.org",
    "wuye.estate",
    "wuye.billing",
    "wuye.service",
    "wuye.occupancy",
    "wuye.quality",
    "wuye.community",
    "wuye.finance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wuye.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wuye.urls"
WSGI_APPLICATION = "wuye.wsgi.application"
AUTH_USER_MODEL = "org.User"
# The tenancy root the platform's records belong to (core names no app; org holds them).
WUYE_COMPANY_MODEL = "org.Company"
WUYE_COMMUNITY_MODEL = "org.Community"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wuye" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wuye.core.context_processors.wuye",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'wuye.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while the cashier writes; IMMEDIATE takes the write lock at BEGIN
    # so two writers queue on busy_timeout instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; "
        # Statement journals in memory: each row inserted into a table with a guarding
        # trigger (bill lines) otherwise writes a temporary file.
        "PRAGMA temp_store=MEMORY;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth and security --------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Nothing is loaded from anywhere but this server (offline intranets; no CDN).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF, "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Internationalization -----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
VENDOR_DIR = VAR_DIR / "vendor"
VENDOR_DIR.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "wuye" / "static", ("vendor", VENDOR_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Largest .xlsx an importer accepts.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "20000"))

# --- UI libraries -------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_PAGE_RANGE = 5
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK: dict[str, Any] = {
    # Token first: its WWW-Authenticate header makes DRF answer 401 (not 403) to a request
    # without valid credentials.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON only; views that take files add multipart (the forms read form posts as text, where
    # `false` and "abc" would both be a ticked box).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "wuye.core.api.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "wuye.core.api.support.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "wuye.core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "wuye.core.api.support.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )
SPECTACULAR_SETTINGS = {
    "TITLE": "Wuye 物业服务中心管理系统 API",
    "DESCRIPTION": "REST API of Wuye. Every resource is scoped to the current community "
    "(header `X-Community` with the community code, or the one last chosen in the UI).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Choice sets that several fields (under several names) use get one enum name each.
    "ENUM_NAME_OVERRIDES": {
        "MeterKindEnum": "wuye.estate.choices.MeterKind",
        "SpaceKindEnum": "wuye.estate.choices.SpaceKind",
        "UnitUseEnum": "wuye.estate.choices.UnitUse",
        "UnitStatusEnum": "wuye.estate.choices.UnitStatus",
        "OrderKindEnum": "wuye.service.choices.OrderKind",
        "OrderChannelEnum": "wuye.service.choices.OrderChannel",
        "CounterChannelEnum": "wuye.billing.choices.counter_channel_choices",
        "ListingKindEnum": "wuye.occupancy.choices.ListingKind",
        "PostEnum": "wuye.core.roles.Post",
        "AgreementKindEnum": "wuye.occupancy.choices.AgreementKind",
        "CheckKindEnum": "wuye.quality.choices.CheckKind",
        "SignKindEnum": "wuye.quality.choices.SignKind",
        "CertificateKindEnum": "wuye.quality.choices.CertificateKind",
        "StandardKindEnum": "wuye.quality.choices.STANDARD_KINDS",
        "DepartmentKindEnum": "wuye.org.choices.DepartmentKind",
        "VendorCategoryEnum": "wuye.estate.choices.VendorCategory",
        "AnnouncementCategoryEnum": "wuye.community.choices.AnnouncementCategory",
        "MessageKindEnum": "wuye.community.choices.MessageKind",
        "OutageKindEnum": "wuye.community.choices.OutageKind",
        "QuestionKindEnum": "wuye.community.choices.QuestionKind",
        "NoticeKindEnum": "wuye.community.choices.NoticeKind",
        "GroupRoleEnum": "wuye.community.choices.GroupRole",
        "RelationRoleEnum": "wuye.estate.choices.RelationRole",
        "VisitKindEnum": "wuye.community.choices.VisitKind",
        "VisitStatusEnum": "wuye.community.choices.VisitStatus",
        "ChronicleCategoryEnum": "wuye.community.choices.ChronicleCategory",
        "ActivityCategoryEnum": "wuye.community.choices.ActivityCategory",
        "ForumStatusEnum": "wuye.community.choices.ForumStatus",
        "ForumCategoryEnum": "wuye.community.choices.ForumCategory",
        "BookStatusEnum": "wuye.finance.choices.BookStatus",
        "NumberStatusEnum": "wuye.finance.choices.NumberStatus",
        "SealKindEnum": "wuye.finance.choices.SealKind",
        "BookKindEnum": "wuye.finance.choices.BookKind",
        "StocktakeResultEnum": "wuye.finance.choices.StocktakeResult",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "wuye.core.api.schema.postprocess_ids",
    ],
}

# --- Background jobs ----------------------------------------------------------------------
# django.tasks is the API the code uses; huey runs the tasks (SQLite file or Redis).
TASKS = {"default": {"BACKEND": "wuye.core.tasks_backend.HueyTaskBackend"}}
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "wuye",
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "wuye",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# --- Outbound services --------------------------------------------------------------------
# SMS (wuye/core/sms.py): "file" appends to var/sms.log, "console" prints; a provider is the
# dotted path of its transport class.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "file")
# Invoices (wuye/finance/invoicing.py): "simulator" issues numbered PDF invoices without a tax
# system (INVOICE_SIMULATOR "ok", "refuse" or "timeout" to try failures); a real provider is
# the dotted path of its backend class (docs/invoicing.md).
INVOICE_BACKEND = os.environ.get("INVOICE_BACKEND", "simulator")
INVOICE_SIMULATOR = os.environ.get("INVOICE_SIMULATOR", "ok")
# Campaigns (wuye/community): messages per second handed to the provider (0: no limit), and the
# quiet hours (local time, from 21:00 to 08:00) in which only urgent campaigns send.
SMS_RATE_PER_SECOND = float(os.environ.get("SMS_RATE_PER_SECOND", "20"))
SMS_QUIET_HOURS = (21, 8)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
