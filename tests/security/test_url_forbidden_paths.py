"""Every URL of the project, tried by every role that must not use it.

The URLs come from the URL conf (tests/security/urlwalk.py), so a URL added tomorrow is
tried tomorrow. A URL that anyone may open must be named in PUBLIC_URL_NAMES; a dashboard
page that suppliers may open must be in SUPPLIER_DASHBOARD_NAMES (or be granted to partner
users by Oscar's own dashboard permissions). Everything else is forbidden to:

- anonymous visitors: a redirect to a login page or to a public page, or a 4xx;
- customers, employees and suppliers on /admin/, and customers and employees on
  /dashboard/ and /hr/: anything but 200;
- suppliers on the manager's dashboard pages and on /hr/: anything but 200;
- HR contacts on /dashboard/ and /admin/: anything but 200;

and no role ever gets a 500. URLs that need an object are built with harmless values
("1", "x"): a 404 is a fine answer.
"""

from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import Resolver404, resolve

from tests.security.urlwalk import LOGIN_PATH_RE, project_urls

PUBLIC_URL_NAMES = {
    "home",
    "set_language",
    "search:search",
    # Catalogue, offers and reviews (Oscar lets anyone read and write reviews).
    "catalogue:index",
    "catalogue:detail",
    "catalogue:category",
    "catalogue:range",
    "catalogue:reviews-list",
    "catalogue:reviews-detail",
    "catalogue:reviews-add",
    "offer:list",
    "offer:detail",
    # The basket belongs to the browser session before login.
    "basket:summary",
    "basket:add",
    "basket:vouchers-add",
    "basket:vouchers-remove",
    "basket:saved",
    # Logging in and out, registering, resetting a password.
    "customer:login",
    "customer:logout",
    "customer:register",
    "password-reset",
    "password-reset-done",
    "password-reset-confirm",
    "password-reset-complete",
    "dashboard:login",
    "dashboard:logout",
    "admin:login",
    "admin:logout",
    # Translations for treebeard's admin widget: static strings, no data.
    "admin:javascript-catalog",
    # Links from e-mails, protected by an unguessable key or hash.
    "customer:anon-order-form",
    "customer:anon-order",
    "customer:alerts-confirm",
    "customer:alerts-cancel-by-key",
    "wishlists:detail",
    "eligibility:invitation-accept",
    # The Alliance's public pages: suppliers, the charter, the supplier application.
    "charter:supplier_list",
    "charter:supplier",
    "charter:charter_text",
    "charter:apply",
    # The packing station's "goodbye" page after a trainee's session ends: text only.
    "logistics:station-bye",
}

# Non-Oscar dashboard pages of the supplier's own (Oscar's are read from its permissions).
SUPPLIER_DASHBOARD_NAMES = {
    "dashboard:login",
    "dashboard:logout",
    "charter:mine",
    "charter:sign",
    "charter:resubmit",
    "charter:service_terms",
    "needs:supplier-requests",
    "needs:supplier-answer",
    # Service calendars and bookings of the supplier's own partners (shop.bookings.dashboard).
    *(
        f"bookings-dashboard:{name}"
        for name in (
            "inbox",
            "confirm",
            "refuse",
            "calendars",
            "calendar",
            "exceptions",
            "closure-delete",
            "extra-delete",
            "week",
            "feast-days",
            "feast-day-delete",
        )
    ),
}

REDIRECTS = {301, 302, 303, 307, 308}


def _oscar_partner_dashboard_names() -> set[str]:
    """URL names Oscar's dashboard opens to partner users (partner.dashboard_access)."""
    names = set()
    for config in apps.get_app_configs():
        permissions_map = getattr(config, "permissions_map", None)
        dashboard = config.name.startswith(("oscar.apps.dashboard", "forked_apps.dashboard"))
        if not permissions_map or not dashboard:
            continue
        for view_name, permissions in permissions_map.items():
            if "partner.dashboard_access" in repr(permissions):
                names.add(f"dashboard:{view_name}")
    return names


def _is_public_target(location: str) -> bool:
    path = urlsplit(location).path
    if LOGIN_PATH_RE.match(path):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in PUBLIC_URL_NAMES


def _lands_on_public_page(client: Client, location: str, hops: int = 5) -> bool:
    """Follow a redirect chain until it reaches a login or public page (or gives up)."""
    for _hop in range(hops):
        if _is_public_target(location):
            return True
        response = _get(client, urlsplit(location).path)
        if response.status_code not in REDIRECTS:
            return response.status_code != 200 and response.status_code < 500
        location = response["Location"]
    return False


def _get(client: Client, path: str):
    return client.get(path, HTTP_ACCEPT="text/html")


@pytest.fixture(scope="module")
def urls(django_db_blocker):
    with django_db_blocker.unblock():
        found, _shadowed = project_urls()
    assert len(found) > 100, "the URL conf walk found too few URLs"
    return found


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def test_public_allow_list_names_only_existing_urls(urls):
    names = {url.name for url in urls}
    assert PUBLIC_URL_NAMES <= names, sorted(PUBLIC_URL_NAMES - names)


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_or_refused_on_every_private_url(urls):
    client = _client()
    failures = []
    for url in urls:
        response = _get(client, url.path)
        status = response.status_code
        if status >= 500:
            failures.append(f"{url.name} {url.path}: {status}")
        elif url.name in PUBLIC_URL_NAMES:
            continue
        elif status == 200:
            failures.append(f"{url.name} {url.path}: 200 for an anonymous visitor")
        elif status in REDIRECTS and not _lands_on_public_page(client, response["Location"]):
            failures.append(f"{url.name} {url.path}: redirects to private {response['Location']}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused_everywhere(urls):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    failures = [
        f"{url.name} {url.path}: {status}"
        for url in urls
        if (status := client.post(url.path, {}).status_code) != 403
    ]
    assert not failures, "POST without a CSRF token must be refused:\n" + "\n".join(failures)


def _check_forbidden(client, urls, predicate, allowed=frozenset()):
    failures = []
    for url in urls:
        if not predicate(url):
            continue
        status = _get(client, url.path).status_code
        if status >= 500 or (status == 200 and url.name not in allowed | PUBLIC_URL_NAMES):
            failures.append(f"{url.name} {url.path}: {status}")
    return failures


def _staff_area(url) -> bool:
    return url.path.startswith(("/dashboard/", "/admin/", "/hr/"))


@pytest.mark.django_db
def test_customer_and_employee_get_nothing_from_dashboard_admin_and_hr(urls, customer, employee):
    failures = []
    for user in (customer, employee):
        failures += _check_forbidden(_client(user), urls, _staff_area)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_supplier_gets_nothing_from_admin_hr_and_manager_dashboard(urls, supplier_user):
    supplier_pages = SUPPLIER_DASHBOARD_NAMES | _oscar_partner_dashboard_names()
    assert "dashboard:catalogue-product-list" in supplier_pages
    failures = _check_forbidden(_client(supplier_user), urls, _staff_area, allowed=supplier_pages)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_hr_contact_gets_nothing_from_dashboard_and_admin(urls, hr_contact):
    failures = _check_forbidden(
        _client(hr_contact), urls, lambda url: url.path.startswith(("/dashboard/", "/admin/"))
    )
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_hr_contact_of_no_employer_sees_no_employer_page(urls, hr_contact):
    failures = _check_forbidden(
        _client(hr_contact), urls, lambda url: url.path.startswith("/hr/") and url.path != "/hr/"
    )
    assert not failures, "\n".join(failures)


# --- GET and POST of every URL by every role --------------------------------------------------

ROLES = [
    "customer",
    "employee",
    "hr_contact",
    "supplier_user",
    "sfa_operator",
    "sfa_trainee",
    "manager",
    "superuser",
]


def _logged_in(client: Client, user) -> Client:
    # A POST to a logout URL ends the session: log back in before the next request.
    if client.session.get("_auth_user_id") != str(user.pk):
        client.force_login(user)
    return client


def _post_refused(response) -> bool:
    """A refused POST: a 4xx, or a redirect to a login or public page."""
    status = response.status_code
    if 400 <= status < 500:
        return True
    return status in REDIRECTS and _is_public_target(response["Location"])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_500_to_get_or_post_of_any_role(urls, role, request):
    """Every URL, GET and an empty POST (with a valid CSRF token), for each role, even the
    manager and the superuser, who may open everything: never a server error. Forbidden
    areas refuse the POST as they refuse the GET."""
    user = request.getfixturevalue(role)
    client = _client(user)
    allowed = PUBLIC_URL_NAMES | _allowed_names(role)
    failures = []
    for url in urls:
        get = _get(_logged_in(client, user), url.path)
        post = _logged_in(client, user).post(url.path, {}, HTTP_ACCEPT="text/html")
        for method, response in (("GET", get), ("POST", post)):
            if response.status_code >= 500:
                failures.append(f"{method} {url.name} {url.path}: {response.status_code}")
        if _forbidden_for(role, url) and url.name not in allowed and not _post_refused(post):
            failures.append(f"POST {url.name} {url.path}: {post.status_code} for {role}")
    assert not failures, "\n".join(failures)


def _allowed_names(role: str) -> set[str]:
    if role == "supplier_user":
        return SUPPLIER_DASHBOARD_NAMES | _oscar_partner_dashboard_names()
    return set()


def _forbidden_for(role: str, url) -> bool:
    path = url.path
    if role in ("manager", "superuser"):
        return False
    if role == "supplier_user":
        return path.startswith(("/dashboard/", "/admin/", "/hr/"))
    if role == "hr_contact":
        return path.startswith(("/dashboard/", "/admin/"))
    return path.startswith(("/dashboard/", "/admin/", "/hr/"))
