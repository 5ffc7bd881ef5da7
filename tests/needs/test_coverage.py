from django.urls import reverse

from shop.needs import selectors
from tests.needs.conftest import ENDINE, GRONE, SARNICO, TRESCORE, need, service, supplier


def test_municipality_with_no_service_for_a_need_is_uncovered(places, categories):
    nursery = supplier(name="Nido Girotondo", seat=places[TRESCORE], serves=[places[GRONE], places[TRESCORE]])
    service(title="Micronido", category=categories["nursery"], partner=nursery, origin=places[TRESCORE])
    service(title="Nido pomeriggio", category=categories["nursery"], partner=nursery, origin=places[TRESCORE])
    unsigned = supplier(name="Nido senza carta", seat=places[ENDINE], serves=[places[ENDINE]], admitted=False)
    service(
        title="Nido non in vendita", category=categories["nursery"], partner=unsigned, origin=places[ENDINE]
    )

    coverage = selectors.needs_coverage()

    childcare = need("infanzia-0-3")
    assert coverage.count(need=childcare, municipality=places[GRONE]) == 2
    assert coverage.count(need=childcare, municipality=places[ENDINE]) == 0  # only an unsigned supplier
    assert places[SARNICO] in coverage.uncovered_places(childcare)
    assert places[ENDINE] in coverage.uncovered_places(childcare)
    # Lovere has no social-services area: not part of the matrix.
    assert all(m.area for m in coverage.municipalities)
    elderly = need("genitore-anziano")
    assert coverage.uncovered_places(elderly) == coverage.municipalities


def test_coverage_page_for_the_manager(client, manager, places, categories):
    client.force_login(manager)
    response = client.get(reverse("needs:dashboard-coverage"))
    assert response.status_code == 200
    assert "Grone" in response.content.decode()


def test_manager_edits_the_taxonomy(client, manager, categories):
    client.force_login(manager)
    childcare = need("infanzia-0-3")
    response = client.post(
        reverse("needs:dashboard-need", args=[childcare.pk]),
        {
            "name": "Nido 0-3 anni",
            "slug": childcare.slug,
            "description": "",
            "concerns": "child",
            "child_age_min": "0",
            "child_age_max": "3",
            "emergency_prompt": "",
            "categories": [categories["nursery"].pk],
            "position": "5",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    childcare.refresh_from_db()
    assert childcare.name == "Nido 0-3 anni"
    bad = client.post(
        reverse("needs:dashboard-need", args=[childcare.pk]),
        {
            "name": "X",
            "slug": childcare.slug,
            "concerns": "child",
            "child_age_min": "5",
            "child_age_max": "2",
            "position": "5",
        },
    )
    assert bad.status_code == 200 and bad.context["form"].errors["child_age_max"]
