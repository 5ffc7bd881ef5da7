"""Every dashboard page of the supplier and the manager (tests/a11y/pages.py), rendered in
Italian on the demo data, shows none of the English strings of Oscar's dashboard templates: a
string Oscar marks for translation must have an Italian translation (Oscar's catalogue or
locale/it) wherever it appears, and the few English words Oscar does not mark are overridden
(templates/oscar/dashboard/layout.html)."""

import html
import io
import re
from pathlib import Path

import oscar
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.translation import override, trans_real

from tests.a11y.demo import demo_user
from tests.a11y.pages import PAGES, via
from tests.a11y.sweep import url_name_of

DASHBOARD_TEMPLATES = Path(oscar.__file__).parent / "templates" / "oscar" / "dashboard"
# English that Oscar's dashboard writes without marking it for translation.
UNMARKED = ("Toggle navigation",)
_TAG = re.compile(
    r"{%\s*(?:trans|translate)\s+(['\"])(.+?)\1.*?%}"
    r"|{%\s*blocktrans(?:late)?\b[^%]*%}(.*?){%\s*endblocktrans(?:late)?\s*%}",
    re.S,
)


def oscar_dashboard_msgids() -> set[str]:
    """The strings Oscar's dashboard templates mark for translation."""
    found = set()
    for template in DASHBOARD_TEMPLATES.rglob("*.html"):
        for match in _TAG.finditer(template.read_text()):
            text = match.group(2) or match.group(3) or ""
            if "{% plural" not in text:
                # blocktranslate's {{ name }} is %(name)s in the catalogue.
                text = re.sub(r"{{\s*([\w.]+)\s*}}", r"%(\1)s", text)
                found.add(re.sub(r"\s+", " ", text).strip())
    return found


def untranslated_patterns() -> list[tuple[str, re.Pattern]]:
    """A pattern for each Oscar dashboard msgid with no Italian translation."""
    catalogue = trans_real.translation("it")._catalog
    patterns = []
    for msgid in oscar_dashboard_msgids() | set(UNMARKED):
        if msgid in catalogue and msgid not in UNMARKED:
            continue
        words = re.sub(r"<[^>]+>", "", msgid)
        if len(words.split()) < 2:  # single words read the same in Italian too often (Partner, Email)
            continue
        parts = re.split(r"%\(\w+\)s|{{.*?}}|%s", words)
        pattern = r"\S*".join(r"\s+".join(map(re.escape, part.split())) for part in parts)
        patterns.append((msgid, re.compile(r"(?<!\w)" + pattern.strip() + r"(?!\w)")))
    return patterns


def shown_text(page: str) -> str:
    """What a person reads or hears: the text outside scripts and styles, and the names in
    aria-label, title, placeholder and alt attributes."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    names = re.findall(r"(?:aria-label|title|placeholder|alt)=\"([^\"]*)\"", page)
    text = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(" ".join([text, *names])))


def links_to(page: str, name: str) -> str | None:
    for href in re.findall(r"href=\"([^\"#]+)\"", page):
        if url_name_of(html.unescape(href)) == name:
            return html.unescape(href)
    return None


def dashboard_pages(client: Client, role: str, user):
    """(name, address, html) of the role's pages under /dashboard/."""
    rendered: dict[str, tuple[str, str]] = {}
    for name, spec in PAGES[role].items():
        if isinstance(spec, via):
            parent = rendered.get(spec.parent)
            address = parent and links_to(parent[1], name)
        elif callable(spec):
            address = reverse(name, kwargs=spec(user))
        else:
            address = reverse(name) + (spec or "")
        if not address:
            continue
        response = client.get(address)
        assert response.status_code == 200, (role, name, address, response.status_code)
        rendered[name] = (address, response.content.decode())
        if address.startswith("/dashboard/"):
            yield name, address, rendered[name][1]


@pytest.mark.django_db
def test_dashboard_pages_show_no_english_in_italian(settings):
    settings.LANGUAGE_CODE = "it"
    settings.SHOP_REQUIRE_2FA = False
    call_command("load_demo", stdout=io.StringIO())
    patterns = untranslated_patterns()
    assert any(msgid == "Toggle navigation" for msgid, _ in patterns)
    english, seen = [], 0
    for role in ("supplier", "manager"):
        client = Client(HTTP_ACCEPT_LANGUAGE="it")
        client.force_login(demo_user(role))
        with override("it"):
            for name, address, page in dashboard_pages(client, role, demo_user(role)):
                seen += 1
                text = shown_text(page)
                english += [
                    f"{role} {name} ({address}): {msgid!r}" for msgid, p in patterns if p.search(text)
                ]
    assert seen >= 30
    assert not english, "\n".join(english)


def test_the_check_finds_english_in_a_name():
    """Oscar's own navbar button, named in English: the check reads names too."""
    page = (
        '<button class="navbar-toggler" aria-label="Toggle navigation"><i class="fas fa-bars"></i></button>'
    )
    assert [msgid for msgid, pattern in untranslated_patterns() if pattern.search(shown_text(page))] == [
        "Toggle navigation"
    ]
