"""Every page carries the browser-side protections: CSP without inline script, no framing."""

import re

import pytest

from tests.security.test_url_forbidden_paths import _client

STOREFRONT_PAGES = ["/", "/catalogue/", "/basket/", "/accounts/login/", "/fornitori/"]


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("path", STOREFRONT_PAGES)
def test_page_has_content_security_policy_without_unsafe_inline_scripts(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", STOREFRONT_PAGES)
def test_page_has_no_inline_script_the_policy_would_block(client, path):
    response = client.get(path)
    policy = _directives(response["Content-Security-Policy"])
    nonces = {word[len("'nonce-") : -1] for word in policy["script-src"] if word.startswith("'nonce-")}
    html = response.content.decode()
    for attributes in re.findall(r"<script\b([^>]*)>", html):
        if "src=" in attributes:
            continue
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert nonce and nonce.group(1) in nonces, f"inline <script{attributes}> on {path} has no nonce"


@pytest.mark.django_db
def test_responses_forbid_framing_sniffing_and_cross_site_referrers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_session_cookie_is_http_only(client, customer):
    response = client.post(
        "/accounts/login/",
        {"login-username": customer.email, "login-password": "Password-di-prova-1", "login_submit": "1"},
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"


@pytest.mark.django_db
def test_dashboard_has_no_inline_script_the_policy_would_block(manager):
    client = _client(manager)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    nonces = {word[len("'nonce-") : -1] for word in policy["script-src"] if word.startswith("'nonce-")}
    for attributes in re.findall(r"<script\b([^>]*)>", response.content.decode()):
        if "src=" not in attributes:
            nonce = re.search(r'nonce="([^"]+)"', attributes)
            assert nonce and nonce.group(1) in nonces
