"""Every page of every role (tests/a11y/pages.py), on the demo data, at 1280×800 and on a
390×844 phone: axe-core finds no critical or serious violation and no ``landmark-one-main`` or
``region``; no page scrolls sideways; on the storefront every link and button is a 44×44 px
target or spaced as one (tests/a11y/sweep.py). One browser for the whole sweep; each role's
main pages are kept in docs/screenshots/a11y-<role>-<page>-<width>.png.

``A11Y_ROLES=hr,manager`` sweeps only those roles (while fixing a page).
"""

import io
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.a11y.demo import demo_user
from tests.a11y.pages import PAGES, SCREENSHOTS, STOREFRONT_ROLES
from tests.a11y.sweep import SIZES, page_address, page_problems, set_size
from tests.browser import load_axe_with_every_page, screenshot, sign_in_with_session, sign_out

pytestmark = pytest.mark.browser


def sweep_role(driver, live_url: str, role: str, sign_in) -> tuple[list[str], list[str]]:
    """Visit the role's pages at both sizes; returns (problems, pages not reached)."""
    user = demo_user(role)
    sign_out(driver)
    if user is not None:
        sign_in(driver, user)
    problems, unreached, found = [], [], {}
    for width, (w, h) in SIZES.items():
        set_size(driver, w, h)
        for name, spec in PAGES[role].items():
            if name not in found:
                address = page_address(driver, live_url, name, spec, user, found)
                if address is None:
                    unreached.append(f"{role} {name}")
                    found[name] = None
                    continue
                found[name] = address
            if found[name] is None:
                continue
            driver.get(live_url + found[name])
            if "/accounts/login/" in driver.current_url and role != "visitor":
                problems.append(f"{role} {name} {width}: sent to the login page")
                continue
            found_here = page_problems(
                driver, f"{role} {name} {width} ({found[name]})", role in STOREFRONT_ROLES
            )
            if found_here:  # printed as they come: a sweep cut short still tells
                print(*found_here, sep="\n")
            problems += found_here
            if name in SCREENSHOTS.get(role, ()):
                screenshot(driver, f"a11y-{role}-{name.replace(':', '-')}-{width}")
    return problems, unreached


@pytest.fixture
def demo_shop(transactional_db, settings):
    settings.LANGUAGE_CODE = "it"
    settings.SHOP_REQUIRE_2FA = False  # the second factor has its own page, listed for HR
    call_command("load_demo", stdout=io.StringIO())
    cache.clear()  # the header's category menu is cached: the demo's, not an earlier test's


def test_every_page_of_every_role_passes_axe_fits_a_phone_and_has_touch_targets(
    browser, live_server, demo_shop
):
    roles = [role for role in os.environ.get("A11Y_ROLES", ",".join(PAGES)).split(",") if role]

    def sign_in(driver, user):
        sign_in_with_session(driver, live_server, user)

    load_axe_with_every_page(browser)
    problems, unreached = [], []
    for role in roles:
        role_problems, role_unreached = sweep_role(browser, live_server.url, role, sign_in)
        problems += role_problems
        unreached += role_unreached
    assert not unreached, f"pages whose link was not found: {unreached}"
    assert not problems, "\n".join(problems)
