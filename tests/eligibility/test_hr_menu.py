"""The HR area has its own layout: one menu to every HR page, no storefront header."""

import pytest
from django.test import Client
from django.urls import reverse

from shop.eligibility.models import HRContact
from tests.factories.eligibility import EmployerFactory, make_hr_contact

pytestmark = pytest.mark.django_db

MENU_LABELS = [
    "Panoramica",
    "Ruolino",
    "Importa ruolino",
    "Inviti",
    "Richieste di adesione",
    "Piani di credito",
    "Esportazione paghe",
    "Report",
]


def menu_links(employer):
    return [
        reverse("eligibility:hr-dashboard", args=[employer.pk]),
        reverse("eligibility:hr-roster", args=[employer.pk]),
        reverse("eligibility:hr-roster-import", args=[employer.pk]),
        reverse("eligibility:hr-invitations", args=[employer.pk]),
        reverse("eligibility:hr-join-requests", args=[employer.pk]),
        reverse("welfare:hr-plan-list"),
        reverse("welfare:hr-payroll"),
        reverse("reports:hr-report", args=[employer.pk]),
    ]


def hr_pages(employer):
    return [*menu_links(employer), reverse("welfare:hr-plan-create"), reverse("welfare:hr-categories")]


def menu_of(html: str) -> str:
    start = html.index('<nav class="mainnav mainnav--area')
    return html[start : html.index("</nav>", start)]


def test_every_hr_page_has_the_whole_menu_and_no_storefront_header(hr_client, employer):
    for url in hr_pages(employer):
        response = hr_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        menu = menu_of(html)
        for link in menu_links(employer):
            assert f'href="{link}"' in menu, (url, link)
        for label in MENU_LABELS:
            assert f">{label}</a>" in menu, (url, label)
        assert menu.count('aria-current="page"') == 1, url
        assert "basket-summary" not in html, url
        assert "Categorie dell" not in html and 'class="mainnav on-dark"' not in html, url
        assert "site-search" not in html, url


def test_the_current_page_is_marked_in_the_menu(hr_client, employer):
    menu = menu_of(hr_client.get(reverse("welfare:hr-payroll")).content.decode())
    assert f'<a href="{reverse("welfare:hr-payroll")}" aria-current="page">' in menu
    menu = menu_of(
        hr_client.get(reverse("eligibility:hr-roster-import", args=[employer.pk])).content.decode()
    )
    assert (
        f'<a href="{reverse("eligibility:hr-roster-import", args=[employer.pk])}" aria-current="page">'
        in menu
    )


def test_storefront_keeps_its_header(client):
    html = client.get("/").content.decode()
    assert "basket-summary" in html and "mainnav--area" not in html


def test_hr_of_two_employers_gets_the_employer_choice_from_pages_without_one(employer):
    second = EmployerFactory(legal_name="Cooperativa Due")
    user = make_hr_contact(employer=employer)
    HRContact.objects.create(employer=second, user=user)
    client = Client()
    client.force_login(user)
    menu = menu_of(client.get(reverse("welfare:hr-plan-list")).content.decode())
    assert f'href="{reverse("eligibility:hr-index")}"' in menu
    assert f'href="{reverse("reports:hr-report-index")}"' in menu
    assert "roster" not in menu
    # On an employer's own page the menu is that employer's.
    menu = menu_of(client.get(reverse("eligibility:hr-roster", args=[second.pk])).content.decode())
    assert f'href="{reverse("eligibility:hr-invitations", args=[second.pk])}"' in menu


def test_another_employers_pages_are_not_offered_in_the_menu(hr_client, employer, other_employer):
    html = hr_client.get(reverse("welfare:hr-plan-list")).content.decode()
    assert f"/hr/{other_employer.pk}/" not in menu_of(html)
    assert hr_client.get(reverse("eligibility:hr-roster", args=[other_employer.pk])).status_code == 404
