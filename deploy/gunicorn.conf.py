"""gunicorn settings for AtC56W+ (read with `gunicorn -c deploy/gunicorn.conf.py shop.wsgi`).

Every value can be overridden from the environment (deploy/atc56w.env.example); the
defaults suit one 2-4 core machine behind nginx on the same host.
"""

import multiprocessing
import os

# Anything gunicorn serves is production unless the operator says otherwise, so the
# hardened settings (HTTPS, HSTS, secure cookies, mandatory 2FA) apply by default.
os.environ.setdefault("SHOP_ENV", "production")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

wsgi_app = "shop.wsgi:application"
# nginx talks to gunicorn over a local socket (or 127.0.0.1:8001 when GUNICORN_BIND says so);
# gunicorn is never reachable from outside, so X-Real-IP can only come from nginx.
bind = os.environ.get("GUNICORN_BIND", "unix:/run/atc56w/gunicorn.sock")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads let a worker wait on PostgreSQL/Redis for one request while serving another.
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows (jitter avoids all at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# Load the app once in the master: workers fork with it ready, a broken deploy fails fast.
preload_app = True
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
proc_name = "atc56w"
