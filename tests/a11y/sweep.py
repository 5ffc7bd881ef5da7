"""Checks run on each page of the sweep (tests/a11y/test_pages.py), in the browser.

- axe-core (tests/browser.py): no critical or serious violation, and no ``landmark-one-main``
  or ``region`` whatever their impact;
- no sideways scrolling: the page is no wider than the window;
- storefront only: every visible link, button and form control is a touch target of at least
  44×44 px, or the 44×44 px square centred on it touches no other target (the spacing WCAG 2.2
  2.5.8 accepts instead of size); links inside a sentence are exempt (2.5.8's inline exception).
"""

from pathlib import Path

from django.urls import NoReverseMatch, resolve, reverse

from tests.a11y.pages import via
from tests.browser import axe_source, ensure_axe

SIZES = {"1280": (1280, 800), "390": (390, 844)}
TARGET_PX = 44
ALWAYS_FAIL = ("landmark-one-main", "region")

# Targets smaller than TARGET_PX whose TARGET_PX square, centred on them, meets another target.
_SMALL_TARGETS = (Path(__file__).parent / "targets.js").read_text()


def set_size(driver, width: int, height: int) -> None:
    """A viewport of exactly ``width``×``height`` CSS px; a phone's (touch, meta viewport) when narrow."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": width < 600})


def url_name_of(href: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        match = resolve(urlsplit(href).path)
    except Exception:  # noqa: BLE001 (any address the URL conf does not know)
        return None
    return match.view_name


def page_address(driver, live_url: str, name: str, spec, user, found: dict[str, str]) -> str | None:
    """The address of page ``name`` for this role, or None when no link to it was found."""
    from selenium.webdriver.common.by import By

    if spec is None or isinstance(spec, str):
        return reverse(name) + (spec or "")
    if isinstance(spec, via):
        parent = found.get(spec.parent)
        if parent is None:
            return None
        driver.get(live_url + parent)
        for link in driver.find_elements(By.CSS_SELECTOR, spec.selector):
            href = link.get_attribute("href") or ""
            if href.startswith(live_url) and url_name_of(href) == name:
                return href[len(live_url) :]
        return None
    try:
        return reverse(name, kwargs=spec(user))
    except (NoReverseMatch, AttributeError):
        return None


def page_status(driver) -> int:
    """The HTTP status of the page on the screen, as the browser received it (Navigation
    Timing); asked again of the server when the browser does not tell."""
    status = driver.execute_script(
        "const entry = performance.getEntriesByType('navigation')[0];"
        "return entry && entry.responseStatus ? entry.responseStatus : 0;"
    )
    if status:
        return status
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(location.href, {credentials: 'same-origin'}).then(r => done(r.status)).catch(() => done(0));"
    )


def page_problems(driver, screen: str, touch_targets: bool) -> list[str]:
    """What is wrong with the page on the screen: axe, sideways scrolling, small targets."""
    problems = []
    status = page_status(driver)
    if status != 200:
        return [f"{screen}: answers {status}"]
    source = axe_source()
    if source:
        ensure_axe(driver, source)
        violations = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
            " 'wcag22aa', 'best-practice']}, resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, "
            "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
            ".catch(e => done([{id: 'axe-error ' + e, impact: 'critical', nodes: []}]));"
        )
        for violation in violations:
            if violation["impact"] in ("serious", "critical") or violation["id"] in ALWAYS_FAIL:
                problems.append(f"axe {violation['id']} ({violation['impact']}): {violation['nodes']}")
    width, page_width = driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    if page_width > width:
        wide = driver.execute_script(
            "const w = document.documentElement.clientWidth;"
            "const clipped = e => { for (let p = e.parentElement; p && p !== document.body;"
            " p = p.parentElement) { if (getComputedStyle(p).overflowX !== 'visible') return true; }"
            " return false; };"
            "return Array.from(document.querySelectorAll('body *'))"
            ".filter(e => e.getBoundingClientRect().right > w + 1 && !clipped(e))"
            ".slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
            " + (typeof e.className === 'string' && e.className"
            " ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))"
        )
        problems.append(f"scrolls sideways: {page_width} px wide in {width} px ({wide})")
    if touch_targets:
        small = driver.execute_script(_SMALL_TARGETS, TARGET_PX)
        if small:
            problems.append(
                f"targets under {TARGET_PX}×{TARGET_PX} px and crowded: {small[:6]} ({len(small)} in all)"
            )
    return [f"{screen}: {problem}" for problem in problems]


def check_at_both_sizes(driver, screen: str, screenshots: dict[str, str] | None = None, touch_targets=True):
    """The sweep's checks on the page on the screen at each size, for pages the sweep cannot
    reach (checkout steps need their basket); ``screenshots`` names the docs/screenshots file of
    each width ("1280", "390"). Leaves the window at 1280×800."""
    from tests.browser import screenshot

    problems = []
    for width, (w, h) in SIZES.items():
        set_size(driver, w, h)
        problems += page_problems(driver, f"{screen} {width}", touch_targets)
        if screenshots and width in screenshots:
            screenshot(driver, screenshots[width])
    set_size(driver, *SIZES["1280"])
    assert not problems, problems
