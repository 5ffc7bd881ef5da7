from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shop.needs import selectors, services
from shop.needs.models import CaredPerson
from shop.needs.templatetags.needs import per_te_for
from tests.needs.conftest import GRONE, SARNICO, TRESCORE, good, need, service, supplier


def _household(employee, *, people, needs=()):
    return services.household_profile_save(
        user=employee.user,
        consent=True,
        home_municipality=employee.home_municipality,
        working_hours="full_day",
        needs=list(needs),
        people=people,
    )


def _child(age, place=None):
    return {
        "kind": CaredPerson.Kind.CHILD,
        "relation": CaredPerson.Relation.SON,
        "birth_year": timezone.localdate().year - age,
        "municipality": place,
    }


def test_child_of_two_in_grone_sees_childcare_reaching_grone_before_leisure(employee, places, categories):
    nursery = supplier(name="Nido Girotondo", seat=places[TRESCORE], serves=[places[GRONE], places[TRESCORE]])
    far_nursery = supplier(name="Nido Lontano", seat=places[SARNICO], serves=[places[SARNICO]])
    spa = supplier(name="Terme Vicine", seat=places[GRONE], serves=[places[GRONE]])
    childcare = service(
        title="Micronido a tempo pieno",
        category=categories["nursery"],
        partner=nursery,
        origin=places[TRESCORE],
    )
    unreachable = service(
        title="Baby sitting a Sarnico",
        category=categories["nursery"],
        partner=far_nursery,
        origin=places[SARNICO],
    )
    leisure = service(
        title="Giornata alle terme", category=categories["wellness"], partner=spa, origin=places[GRONE]
    )
    _household(employee, people=[_child(2)], needs=[need("riposo-caregiver")])

    ranked = selectors.per_te_for_user(user=employee.user)

    titles = [s.product.title for s in ranked]
    assert titles == [childcare.title, leisure.title]
    assert unreachable.title not in titles  # its supplier does not serve Grone
    first = ranked[0]
    assert first.reason.need.slug == "infanzia-0-3" and first.reason.from_person
    assert "2" in first.reason.reason and "Grone" in first.reason.reason
    assert first.need_points == 60 and first.reach_points == 20
    assert first.score == first.need_points + first.reach_points + first.nearness_points
    assert ranked[1].need_points == 30  # chosen as needed now, nobody tied to it


def test_parent_elsewhere_is_served_where_the_parent_lives(employee, places, categories):
    carers = supplier(name="Cooperativa Casazza", seat=places["casazza"], serves=[places["casazza"]])
    home_care = service(
        title="Assistenza domiciliare anziani",
        category=categories["home_care"],
        partner=carers,
        origin=places["casazza"],
    )
    _household(
        employee,
        people=[
            {
                "kind": CaredPerson.Kind.ELDER,
                "relation": CaredPerson.Relation.PARENT,
                "birth_year": 1944,
                "municipality": places["casazza"],
            }
        ],
    )

    ranked = selectors.per_te_for_user(user=employee.user)

    assert [s.product for s in ranked] == [home_care]
    assert "Casazza" in ranked[0].reason.reason


def test_goods_rank_by_distance_from_home(employee, places, categories):
    farm = supplier(name="Cascina", seat=places[GRONE], serves=[])
    far = supplier(name="Lago", seat=places[SARNICO], serves=[])
    near_box = good(
        title="Cassetta di Grone", category=categories["wellness"], partner=farm, origin=places[GRONE]
    )
    far_box = good(
        title="Cassetta di Sarnico", category=categories["wellness"], partner=far, origin=places[SARNICO]
    )
    _household(employee, people=[], needs=[need("riposo-caregiver")])

    ranked = selectors.per_te_for_user(user=employee.user)

    assert [s.product for s in ranked] == [near_box, far_box]
    assert ranked[0].nearness_points > ranked[1].nearness_points


def test_supplier_that_may_not_sell_is_not_suggested(employee, places, categories):
    unsigned = supplier(name="Nido Senza Carta", seat=places[GRONE], serves=[places[GRONE]], admitted=False)
    service(title="Nido senza firma", category=categories["nursery"], partner=unsigned, origin=places[GRONE])
    _household(employee, people=[_child(1)])

    assert selectors.per_te_for_user(user=employee.user) == []


def test_no_profile_no_suggestions_and_anonymous_costs_no_query(
    employee, categories, django_assert_num_queries
):
    assert selectors.per_te_for_user(user=employee.user) == []
    with django_assert_num_queries(0):
        assert per_te_for(AnonymousUser()) == {"has_profile": False, "suggestions": []}


def test_per_te_queries_do_not_grow_with_the_offer(employee, places, categories):
    nursery = supplier(name="Nido Girotondo", seat=places[TRESCORE], serves=[places[GRONE]])
    _household(employee, people=[_child(2)], needs=[need("riposo-caregiver")])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            per_te_for(employee.user)
        return len(ctx.captured_queries)

    service(title="Nido 0", category=categories["nursery"], partner=nursery, origin=places[TRESCORE])
    few = count()
    for n in range(1, 9):
        service(title=f"Nido {n}", category=categories["nursery"], partner=nursery, origin=places[TRESCORE])
    assert count() == few
    assert few <= 20


def test_home_page_include_renders_reason(client, employee, places, categories):
    from django.template import Context, Template
    from django.test import RequestFactory

    nursery = supplier(name="Nido Girotondo", seat=places[TRESCORE], serves=[places[GRONE]])
    service(title="Micronido", category=categories["nursery"], partner=nursery, origin=places[TRESCORE])
    _household(employee, people=[_child(2)])
    request = RequestFactory().get("/")
    request.user = employee.user
    html = Template('{% include "needs/_per_te.html" %}').render(
        Context({"user": employee.user, "request": request})
    )
    assert "Micronido" in html and "Grone" in html and "/urgente/" in html


def test_home_page_shows_the_section_with_the_reason(client, employee, places, categories):
    nursery = supplier(name="Nido Girotondo", seat=places[TRESCORE], serves=[places[GRONE]])
    service(
        title="Micronido a Grone", category=categories["nursery"], partner=nursery, origin=places[TRESCORE]
    )
    _household(employee, people=[_child(2)])

    anonymous = client.get("/").content.decode()
    client.force_login(employee.user)
    signed_in = client.get("/").content.decode()

    reasons = ("figlio di 2 anni a Grone", "son aged 2 in Grone")
    assert 'id="per-te-title"' in anonymous and not any(r in anonymous for r in reasons)
    assert 'id="per-te-title"' in signed_in and any(r in signed_in for r in reasons)
