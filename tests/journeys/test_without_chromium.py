"""Without Chromium the browser tests are skipped with a message saying what to install."""

import pytest

from tests import browser as browser_module

REASON = (
    "Chromium not found at /nonexistent/chromium: "
    "apt-get install chromium chromium-driver to run the browser tests"
)


def test_missing_chromium_skips_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(browser_module, "CHROMIUM", "/nonexistent/chromium")

    assert browser_module.chromium_missing() == REASON
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium chromium-driver"):
        browser_module.start_chromium()
