"""The deploy/ files agree with the settings and the scripts do what they say."""

import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY = BASE_DIR / "deploy"
# Read only by the test runner, never set on a server.
TEST_ONLY_VARIABLES = {"TEST_DB_NAME"}


def _settings_variables() -> set[str]:
    source = (BASE_DIR / "shop" / "settings.py").read_text()
    return set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))


def _example_variables() -> set[str]:
    text = (DEPLOY / "atc56w.env.example").read_text()
    return set(re.findall(r"^#?\s?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_env_example_lists_every_variable_the_settings_read():
    missing = _settings_variables() - _example_variables() - TEST_ONLY_VARIABLES
    assert not missing, f"add to deploy/atc56w.env.example: {sorted(missing)}"
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "SHOP_ENV"} <= _settings_variables()


def test_env_example_holds_no_real_secret():
    text = (DEPLOY / "atc56w.env.example").read_text()
    for name in ("SECRET_KEY", "EMAIL_HOST_PASSWORD"):
        assert re.search(rf"^{name}=change-me$", text, flags=re.MULTILINE)
    assert "postgres://atc56w:change-me@" in text


def test_nginx_serves_static_and_media_and_caps_uploads():
    conf = (DEPLOY / "nginx" / "atc56w.conf").read_text()
    assert "location /static/" in conf and "immutable" in conf
    assert "location /media/" in conf
    assert "location ^~ /media/charter-signatures/ { return 404; }" in conf
    size = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert size > 10  # above the largest upload the validators accept (SHOP_UPLOAD_PDF_MAX_MB)
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in conf


def test_gunicorn_config_defaults_to_production():
    code = (
        "import os, runpy; os.environ.pop('SHOP_ENV', None);"
        f"c = runpy.run_path({str(DEPLOY / 'gunicorn.conf.py')!r});"
        "print(os.environ['SHOP_ENV'], c['wsgi_app'], c['workers'] > 0, c['preload_app'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["production", "shop.wsgi:application", "True", "True"]


def test_systemd_units_point_at_the_deploy_scripts():
    units = DEPLOY / "systemd"
    assert "deploy/gunicorn.conf.py" in (units / "atc56w.service").read_text()
    assert "/srv/atc56w/deploy/daily.sh" in (units / "atc56w-daily.service").read_text()
    assert "OnCalendar=" in (units / "atc56w-daily.timer").read_text()
    assert "/srv/atc56w/deploy/backup.sh" in (units / "atc56w-backup.service").read_text()
    for unit in units.glob("*.service"):
        assert "EnvironmentFile=/etc/atc56w/atc56w.env" in unit.read_text(), unit.name


def test_daily_runner_runs_installed_commands_and_skips_missing_ones(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
    env.update(
        PYTHON=sys.executable,
        VAR_DIR=str(tmp_path),
        SHOP_DAILY_COMMANDS="check --fail-level ERROR; not_a_real_command_yet",
    )
    result = subprocess.run(
        ["bash", str(DEPLOY / "daily.sh")], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "daily: ok check" in result.stdout
    assert "daily: skip not_a_real_command_yet (not installed in this version of the shop)" in result.stdout


def test_daily_runner_reports_a_failing_command(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
    env.update(PYTHON=sys.executable, VAR_DIR=str(tmp_path), SHOP_DAILY_COMMANDS="check --tag no_such_tag")
    result = subprocess.run(
        ["bash", str(DEPLOY / "daily.sh")], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "daily: FAILED check" in result.stderr


def test_default_daily_jobs_include_credit_expiry():
    assert '"expire_credit"' in (DEPLOY / "daily.sh").read_text()
