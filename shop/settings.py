"""Settings of the AtC56W+ welfare shop, one module configured from the environment.

Every variable read here is listed in the README. SQLite is the embedded default;
``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` turns on the Redis cache and
session store.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE as CSP_NONCE
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's documented way to get its defaults)

from shop.bookings.dashboard import nav as bookings_nav
from shop.charter import nav as charter_nav
from shop.km0 import nav as km0_nav
from shop.needs import nav as needs_nav
from shop.reports import nav as reports_nav
from shop.welfare import nav as welfare_nav

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# "production" turns on the hardened defaults below (HTTPS only, HSTS, secure cookies,
# mandatory two-factor for staff) and makes SECRET_KEY and ALLOWED_HOSTS mandatory;
# gunicorn (deploy/gunicorn.conf.py) sets it unless told otherwise.
SHOP_ENV = env("SHOP_ENV", default="development")
PRODUCTION = SHOP_ENV == "production"
if PRODUCTION:
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-only-for-demo-and-tests-0123456789abcdef")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
TESTING = "PYTEST_VERSION" in os.environ
# A test run keeps its database file, media, search index and static files in a fresh
# temporary folder, so runs (and parallel workers) never share state with the demo.
VAR_DIR = Path(
    env("VAR_DIR", default=tempfile.mkdtemp(prefix="atc56w-") if TESTING else str(BASE_DIR / "var"))
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # The project's domain apps: one business rule each (see docs/architecture.md).
    "shop.core",
    # Reference data every rule app may read: municipalities, their distances and polygons.
    "shop.territory",
    "shop.km0",
    "shop.eligibility",
    # After charter: welfare's demo purchases need suppliers admitted by charter's demo.
    "shop.charter",
    "shop.welfare",
    "shop.logistics",
    "shop.needs",
    "shop.bookings",
    # One order, many suppliers: who sees and does what on a shared order's lines.
    "shop.marketplace",
    "shop.reports",
    # Above the rule apps: the home page and cards, the demo shop and the consistency checks.
    "shop.storefront",
    "shop.demo",
    "shop.invariants",
    # Oscar, with the apps this project customises forked into forked_apps/.
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "forked_apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "forked_apps.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "forked_apps.partner.apps.PartnerConfig",
    "forked_apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "forked_apps.offer.apps.OfferConfig",
    "forked_apps.order.apps.OrderConfig",
    "forked_apps.customer.apps.CustomerConfig",
    "forked_apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "forked_apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "forked_apps.dashboard.orders.apps.OrdersDashboardConfig",
    "forked_apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "forked_apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    # Third-party apps Oscar depends on.
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Security: login throttling, two-factor (TOTP), Content Security Policy.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # Emails off the request: a task queue on Redis (shop/core/tasks.py).
    "django_rq",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shop.core.middleware.ItalianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shop.core.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.core.middleware.PermissionsPolicyMiddleware",
    "shop.core.middleware.DashboardCsvMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    # Last of the others, as django-axes asks: turns a lockout into its Italian page.
    "axes.middleware.AxesMiddleware",
    # After every other process_view: the view of a writing request in one transaction.
    "shop.core.middleware.WritingRequestsAtomicMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

_context_processors = [
    "django.template.context_processors.debug",
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "shop.core.context_processors.search_form",  # Oscar's, made on first use
    "oscar.apps.checkout.context_processors.checkout",
    "shop.core.context_processors.notifications",  # Oscar's, kept in the cache per user
    "oscar.core.context_processors.metadata",
    "shop.core.context_processors.shop",
    "shop.welfare.context_processors.wallet",
]
_loaders = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": _context_processors,
            # {% url %} keeps what it reversed with plain arguments (shop/core/urltag.py).
            "builtins": ["shop.core.urltag"],
            # Templates are parsed once per process outside development.
            "loaders": _loaders if DEBUG else [("django.template.loaders.cached.Loader", _loaders)],
        },
    }
]

# Django's form renderer with the plain <input> widgets written out in Python (the same markup,
# without three templates per field).
FORM_RENDERER = "shop.core.form_renderer.FastInputsRenderer"

AUTHENTICATION_BACKENDS = (
    # First, so a locked-out username+IP is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Oscar's, with each user's permissions kept in the cache (shop/core/auth_backends.py: the
    # account menu asks on every page); Django's after it then reuses what it read.
    "shop.core.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)

# --- Database -----------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
# Requests that write run their view in one transaction, page reads in none
# (shop.core.middleware.WritingRequestsAtomicMiddleware).
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers, so two workers never answer
    # "database is locked"; WAL lets readers proceed while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles large listing queries for ~0.5 s each time: a loss for
    # page-sized queries (measured by benchmarks/km0_category.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Each test process gets its own test database, so parallel runs never collide.
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DB_NAME", default=None)}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# --- Cache and sessions -------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="atc56w"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    # Django's cache sessions, read with the cache versions in one round trip (shop/core/sessions.py).
    SESSION_ENGINE = "shop.core.sessions"
else:
    # Django's default of 300 entries is smaller than sorl-thumbnail's key-value store for a
    # catalogue (a few keys per picture): culled keys would send listings back to the database.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Parts of pages that are the same for every visitor and request ({% cache ... using=
# "fragments" %}: the footer, the checkout steps; the messages part without messages), kept
# by each process: a local read instead of a render, and no round trip to Redis. With DEBUG
# on, none is kept, so that an edited template shows at once.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.dummy.DummyCache"
    if DEBUG
    else "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "atc56w-fragments",
    "TIMEOUT": 3600,
}

# --- Internationalisation: Italian first, English second -----------------------------------
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE",
            default="shop.core.static_storage.KeptUrlsStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Media are served by nginx in production; the demo server serves them itself.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Claim receipts (docs/welfare-fiscal.md): outside MEDIA_ROOT, never served by a media URL.
SHOP_PRIVATE_MEDIA_ROOT = Path(env("SHOP_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))

# --- Tasks: emails after commit, off the request (shop/core/tasks.py) ----------------------
# A django-rq queue (SHOP_TASKS_QUEUE) on Redis when TASKS_REDIS_URL (default: REDIS_URL) is
# set, with a worker (`manage.py rqworker default`, deploy/atc56w-rqworker.service); without
# it the work runs in the request's process after the commit (the demo); in tests at once.
TASKS_REDIS_URL = env("TASKS_REDIS_URL", default=REDIS_URL)
SHOP_TASKS_EAGER = env.bool("SHOP_TASKS_EAGER", default=TESTING)
SHOP_TASKS_QUEUE = env("SHOP_TASKS_QUEUE", default="default")
RQ_QUEUES = {SHOP_TASKS_QUEUE: {"URL": TASKS_REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 300}}
# Jobs run in the worker's own process, not in a child forked for each (shop/core/tasks.py).
RQ = {"WORKER_CLASS": "shop.core.tasks.InProcessWorker"}
# No queue pages in /admin/: its views look queues up by list index and answer 500 to any
# other; `manage.py rqstats` shows the queues to whoever runs the server.
RQ_SHOW_ADMIN_LINK = False

# --- Email --------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="AtC56W+ <noreply@atc56w.example>")

# --- Search: Whoosh through haystack, with an Italian stemming analyser --------------------
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": env("HAYSTACK_ENGINE", default="shop.core.search_backend.ItalianWhooshEngine"),
        "PATH": env("WHOOSH_PATH", default=str(VAR_DIR / "whoosh_index")),
        "INCLUDE_SPELLING": True,
    }
}
# Several app servers cannot share a Whoosh directory: there HAYSTACK_ENGINE names an
# Elasticsearch/OpenSearch engine and HAYSTACK_URL its server (docs/deploy.md).
if "whoosh" not in HAYSTACK_CONNECTIONS["default"]["ENGINE"].lower():
    HAYSTACK_CONNECTIONS["default"]["URL"] = env("HAYSTACK_URL", default="http://127.0.0.1:9200/")
    HAYSTACK_CONNECTIONS["default"]["INDEX_NAME"] = env("HAYSTACK_INDEX_NAME", default="atc56w")
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# --- Thumbnails: the key-value store lives in the cache, not in the database ---------------
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_CACHE_TIMEOUT = 60 * 60 * 24 * 30
THUMBNAIL_PRESERVE_FORMAT = True

# --- Security -----------------------------------------------------------------------------
# Every switch has a hardened default in production (SHOP_ENV=production) and can be
# overridden from the environment; docs/security.md explains each one.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_HSTS_SECONDS > 0)
# Preloading asks browsers to hard-code HTTPS for the domain: hard to undo. Turning it off
# (SECURE_HSTS_PRELOAD=0) is a deliberate choice, so Django's reminder about it is silenced.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or not PRODUCTION else ["security.W021"]
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = env("SECURE_REFERRER_POLICY", default="same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Browser features no page of the shop uses, switched off for every page and frame.
SHOP_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
# The host name links in emails point to (password reset): required in production, where
# the demo Site (127.0.0.1:8000) must never reach a user's mailbox (shop/core/checks.py).
SHOP_SITE_DOMAIN = env("SHOP_SITE_DOMAIN", default="")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Content Security Policy (django-csp 4): no inline script or style without the per-request
# nonce ({{ request.csp_nonce }}), nothing loaded from other hosts unless listed here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF, CSP_NONCE],
        "style-src": [CSP_SELF, CSP_NONCE],
        "img-src": [CSP_SELF, "data:", *env.list("CSP_IMG_SRC_EXTRA", default=[])],
        "font-src": [CSP_SELF, "data:"],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
        **({"report-uri": [env("CSP_REPORT_URI")]} if env("CSP_REPORT_URI", default="") else {}),
    }
}

# Login throttling (django-axes): a username+IP pair is locked out for AXES_COOLOFF_MINUTES
# after AXES_FAILURE_LIMIT failed logins. Off in tests, where the test client logs in
# without a request; tests of the lockout switch it on.
AXES_ENABLED = env.bool("AXES_ENABLED", default=not TESTING)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "shop.core.security.views.lockout_response"
# The account itself is locked too after this many failures from any addresses within the
# cool-off time, and its owner is told by email (shop/core/login_lock.py).
AXES_HANDLER = "shop.core.login_lock.AccountLockHandler"
SHOP_AXES_ACCOUNT_FAILURE_LIMIT = env.int("SHOP_AXES_ACCOUNT_FAILURE_LIMIT", default=20)
# Behind nginx the client address is the X-Real-IP header nginx overwrites on every
# request; without a proxy only the socket's address counts (a header could be forged).
SHOP_BEHIND_PROXY = env.bool("SHOP_BEHIND_PROXY", default=PRODUCTION)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_REAL_IP", "REMOTE_ADDR"] if SHOP_BEHIND_PROXY else ["REMOTE_ADDR"]
)

# Two-factor authentication (django-otp, TOTP) for the manager's administrators and HR
# contacts: URLs under these prefixes need a verified second factor from anyone who has a
# device, and from those roles a device at all when SHOP_REQUIRE_2FA is on.
SHOP_REQUIRE_2FA = env.bool("SHOP_REQUIRE_2FA", default=PRODUCTION)
SHOP_2FA_PROTECTED_PREFIXES = ["/dashboard/", "/admin/", "/hr/", "/logistica/"]
OTP_TOTP_ISSUER = "AtC56W+"
# A device's secret (its QR code in the admin) is never shown to anyone but its owner, at
# enrolment: an administrator who could read it could pass for the owner's second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Uploads: images and signed PDFs are checked by content, not by name (shop/core/uploads.py).
SHOP_UPLOAD_IMAGE_MAX_MB = env.int("SHOP_UPLOAD_IMAGE_MAX_MB", default=5)
SHOP_UPLOAD_PDF_MAX_MB = env.int("SHOP_UPLOAD_PDF_MAX_MB", default=10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"audit": {"()": "shop.core.audit.AuditFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Money and charter actions, one JSON object a line (shop/core/audit.py).
        "audit": (
            {"class": "logging.handlers.WatchedFileHandler", "filename": env("AUDIT_LOG_FILE"),
             "formatter": "audit"}
            if env("AUDIT_LOG_FILE", default="")
            else {"class": "logging.StreamHandler", "formatter": "audit"}
        ),
    },
    "loggers": {"shop.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# --- Oscar --------------------------------------------------------------------------------
OSCAR_SHOP_NAME = "AtC56W+"
OSCAR_SHOP_TAGLINE = _("Welfare for work-family balance in Basso Sebino and Val Cavallina")
OSCAR_DEFAULT_CURRENCY = "EUR"
OSCAR_CURRENCY_FORMAT = {"EUR": {"currency_digits": True, "format_type": "standard"}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_HOMEPAGE = "/"
OSCAR_PRODUCTS_PER_PAGE = 20
OSCAR_ALLOW_ANON_CHECKOUT = False
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode", "country")
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
OSCAR_SEARCH_FACETS = {
    "fields": {
        "category": {"name": _("Category"), "field": "category"},
        "supplier": {"name": _("Supplier"), "field": "supplier"},
        # Oscar's FacetMunger looks facet counts up by this key: it must equal the field.
        "product_class": {"name": _("Type"), "field": "product_class"},
    },
    # Whoosh through haystack has no query facets: price ranges are not offered.
    "queries": {},
}

# --- The shop's own rules -------------------------------------------------------------------
# Km 0: the radius within which a product counts as local, and the centre used for
# anonymous visitors (ISTAT code of the municipality at the heart of the territory).
SHOP_KM0_RADIUS_KM = env.int("SHOP_KM0_RADIUS_KM", default=70)
SHOP_TERRITORY_CENTRE_ISTAT = env("SHOP_TERRITORY_CENTRE_ISTAT", default="016119")
# Citizens of the territory may buy paying in full only once this is switched on.
SHOP_CITIZEN_PURCHASES = env.bool("SHOP_CITIZEN_PURCHASES", default=False)
# Welfare credit (docs/welfare.md). The art. 51 c.3 fringe-benefit caps per tax year are a
# table of laws in shop/welfare/fiscal.py (FRINGE_CAPS), not a setting.
# Order statuses (stored as shown to buyers). Credit reserved at placement is spent when an
# order reaches a "spend" status and returned, line by line, on a "return" status.
OSCAR_INITIAL_ORDER_STATUS = "Ricevuto"
OSCAR_INITIAL_LINE_STATUS = "Ricevuto"
# An order's "Parzialmente annullato" and "Annullato" follow its lines (shop.marketplace):
# some lines cancelled, or all of them.
OSCAR_LINE_STATUS_PIPELINE = {
    "Ricevuto": ("Confermato", "Annullato"),
    "Confermato": ("Consegnato", "Annullato"),
    "Consegnato": ("Rimborsato",),
    "Annullato": (),
    "Rimborsato": (),
}
OSCAR_ORDER_STATUS_PIPELINE = {
    "Ricevuto": ("Confermato", "Parzialmente annullato", "Annullato"),
    "Confermato": ("Consegnato", "Parzialmente annullato", "Annullato"),
    "Parzialmente annullato": ("Confermato", "Consegnato", "Annullato"),
    "Consegnato": ("Rimborsato",),
    "Annullato": (),
    "Rimborsato": (),
}
OSCAR_ORDER_STATUS_CASCADE = {
    status: status for status in ("Confermato", "Consegnato", "Annullato", "Rimborsato")
}
SHOP_WELFARE_SPEND_STATUSES = ("Confermato", "Consegnato")
SHOP_WELFARE_RETURN_STATUSES = ("Annullato", "Rimborsato")
# Codes of Oscar payment event types that return the credit of the lines they name.
SHOP_WELFARE_REFUND_EVENT_CODES = ("rimborso", "refund")
# Delivery rounds (docs/logistics.md): boxes go out on these weekdays (0 = Monday), and an
# order joins a day's round if placed at least SHOP_DELIVERY_CUTOFF_HOURS before that day
# begins (Friday rounds with 36 hours: orders until Wednesday 12:00). The hub is the seat
# the rounds start from (ISTAT code; Trescore Balneario).
SHOP_DELIVERY_DAYS = env.list("SHOP_DELIVERY_DAYS", cast=int, default=[4])
SHOP_DELIVERY_CUTOFF_HOURS = env.int("SHOP_DELIVERY_CUTOFF_HOURS", default=36)
SHOP_LOGISTICS_HUB_ISTAT = env("SHOP_LOGISTICS_HUB_ISTAT", default="016218")
# Days a supplier keeps selling on the previous charter after a new version takes effect.
SHOP_CHARTER_GRACE_DAYS = env.int("SHOP_CHARTER_GRACE_DAYS", default=60)
# Hours a supplier has to accept or refuse an urgent request before it expires (docs/needs.md).
SHOP_URGENT_RESPONSE_HOURS = env.int("SHOP_URGENT_RESPONSE_HOURS", default=4)
# Service bookings (docs/bookings.md): minutes a slot stays held while the basket is checked
# out; hours a supplier has to answer when its calendar does not say; hours before the start
# the reminder email goes out. Times are shown in SHOP_BOOKING_TIME_ZONE.
SHOP_BOOKING_HOLD_MINUTES = env.int("SHOP_BOOKING_HOLD_MINUTES", default=20)
SHOP_BOOKING_CONFIRM_HOURS = env.int("SHOP_BOOKING_CONFIRM_HOURS", default=24)
SHOP_BOOKING_REMIND_HOURS = env.int("SHOP_BOOKING_REMIND_HOURS", default=24)
SHOP_BOOKING_TIME_ZONE = env("SHOP_BOOKING_TIME_ZONE", default="Europe/Rome")
# Oscar's "Reports" entry moves into the shop's "Report" menu (shop/reports/nav.py).
OSCAR_DASHBOARD_NAVIGATION = [  # noqa: F405
    item for item in OSCAR_DASHBOARD_NAVIGATION if item.get("url_name") != "dashboard:reports-index"  # noqa: F405
] + [
    charter_nav.MENU,
    km0_nav.MENU,
    needs_nav.MENU,
    bookings_nav.MENU,
    welfare_nav.MENU,
    reports_nav.MENU,
]

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
