"""What every worker process holds: heavy libraries used by a few pages only are imported on
use, not at start-up.

Each module a worker imports stays in its heap for good, and Python's garbage collector walks
the whole heap on every full collection (about one every 20 checkouts). Excel import
(openpyxl, about 18,000 objects), PDF reading (pypdf, 14,000), calendar files (icalendar,
10,000), PDF writing (reportlab, 8,000) and QR codes (qrcode, 4,000) serve an HR upload, a
document check, a booking email, a delivery sheet or a report, and a second-factor set-up:
loaded with the URLconf they made a quarter of a worker's heap.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ON_USE = ("openpyxl", "pypdf", "icalendar", "reportlab", "qrcode")

STARTUP = """
import json, sys
import django
django.setup()
from django.urls import get_resolver

def walk(resolver):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            walk(pattern)
        else:
            pattern.callback  # every view imported, as the first request of a worker does

walk(get_resolver())
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_a_worker_starts_without_the_libraries_of_a_few_pages(tmp_path):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="shop.settings", VAR_DIR=str(tmp_path))
    started = subprocess.run(
        [sys.executable, "-c", STARTUP], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 0, started.stderr[-2000:]
    loaded = set(json.loads(started.stdout.strip().splitlines()[-1]))

    assert "oscar" in loaded and "shop" in loaded  # the URLconf and its views were imported
    assert not loaded & set(ON_USE)
