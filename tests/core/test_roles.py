"""Roles are groups with explicit permissions; Oscar's dashboard opens only to those who hold them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from shop.core.roles import (
    OSCAR_DASHBOARD_PERMISSIONS,
    ROLE_PERMISSIONS,
    Role,
    ensure_role_groups,
    grant_role,
)
from tests.factories import PartnerFactory

Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db

MANAGER_PAGES = [
    "dashboard:index",
    "dashboard:catalogue-product-list",
    "dashboard:catalogue-category-list",
    "dashboard:catalogue-class-list",
    "dashboard:order-list",
    "dashboard:partner-list",
    "dashboard:offer-list",
    "dashboard:range-list",
    "dashboard:page-list",
    "dashboard:reports-index",
    "dashboard:users-index",
    "dashboard:voucher-list",
    "dashboard:comms-list",
    "dashboard:shipping-method-list",
    "dashboard:reviews-list",
]


@pytest.fixture(autouse=True)
def _plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(email, *, is_staff=False, role=None):
    user = get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password="pw-12345678"
    )
    user.is_staff = is_staff
    user.save()
    if role:
        grant_role(user, role)
    return user


def test_every_role_gets_a_group_with_exactly_its_permissions():
    groups = ensure_role_groups()

    assert set(groups) == {role.value for role in Role}
    for role, group in groups.items():
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(ROLE_PERMISSIONS[role])


def test_ensuring_groups_twice_keeps_one_group_per_role():
    ensure_role_groups()
    ensure_role_groups()

    from django.contrib.auth.models import Group

    assert Group.objects.filter(name__in=[r.value for r in Role]).count() == len(Role)


def test_a_role_group_loses_a_permission_given_by_hand_and_gets_back_its_own():
    from django.contrib.auth.models import Permission

    group = ensure_role_groups()[Role.HR_CONTACT]
    group.permissions.remove(Permission.objects.get(codename="view_employee"))
    group.permissions.add(Permission.objects.get(codename="delete_employee"))

    grant_role(make_user("hr@example.org"), Role.HR_CONTACT)

    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert held == set(ROLE_PERMISSIONS[Role.HR_CONTACT])


def test_a_permission_missing_from_the_database_is_named(monkeypatch):
    from django.contrib.auth.models import Permission

    wanted = ["logistics.deliver_boxes", "logistics.fly_drones"]
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.SFA_TRAINEE, wanted)

    with pytest.raises(Permission.DoesNotExist, match="logistics.fly_drones"):
        grant_role(make_user("tirocinante@example.org"), Role.SFA_TRAINEE)


def test_granting_the_managers_role_reads_its_permissions_in_one_query(django_assert_max_num_queries):
    ensure_role_groups()
    user = make_user("gestore@example.org", is_staff=True)

    # The manager holds about a hundred permissions: one query reads them, not one each.
    with django_assert_max_num_queries(8):
        grant_role(user, Role.MANAGER)


def test_manager_opens_every_oscar_dashboard_page(client):
    make_user("gestore@example.org", is_staff=True, role=Role.MANAGER)
    client.login(username="gestore@example.org", password="pw-12345678")

    for name in MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == 200, name


def test_staff_without_the_manager_role_is_kept_out_of_dashboard_pages(client):
    make_user("staff@example.org", is_staff=True)
    client.login(username="staff@example.org", password="pw-12345678")

    assert client.get(reverse("dashboard:catalogue-product-list")).status_code in (302, 403)
    assert client.get(reverse("dashboard:partner-list")).status_code in (302, 403)


def test_manager_permissions_cover_oscar_permission_maps():
    from django.apps import apps

    needed = set()

    def collect(perms):
        if isinstance(perms, str):
            if "." in perms and perms != "partner.dashboard_access":
                needed.add(perms)
        elif perms:
            for item in perms:
                collect(item)

    for config in apps.get_app_configs():
        if "dashboard" in config.label:
            for perms in getattr(config, "permissions_map", {}).values():
                collect(perms)

    assert needed <= set(OSCAR_DASHBOARD_PERMISSIONS)


def test_supplier_enters_the_partner_dashboard_but_not_the_partner_admin(client):
    user = make_user("fornitore@example.org", role=Role.SUPPLIER)
    PartnerFactory().users.add(user)
    client.login(username="fornitore@example.org", password="pw-12345678")

    assert client.get(reverse("dashboard:index")).status_code == 200
    assert client.get(reverse("dashboard:catalogue-product-list")).status_code == 200
    assert client.get(reverse("dashboard:partner-list")).status_code in (302, 403)


def test_employee_has_no_dashboard(client):
    make_user("dipendente@example.org", role=Role.EMPLOYEE)
    client.login(username="dipendente@example.org", password="pw-12345678")

    assert client.get(reverse("dashboard:index")).status_code in (302, 403)
