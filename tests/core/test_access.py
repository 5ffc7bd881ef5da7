"""One predicate per role, one access mixin per role (shop.core.access)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from shop.core.access import (
    HRContactRequiredMixin,
    ManagerRequiredMixin,
    SFAOperatorRequiredMixin,
    SFATraineeRequiredMixin,
    SupplierRequiredMixin,
    is_hr_contact,
    is_manager,
    is_sfa_operator,
    is_sfa_trainee,
    is_supplier,
)
from shop.core.roles import Role, grant_role
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

PREDICATES = {
    "manager": is_manager,
    "hr_contact": is_hr_contact,
    "supplier": is_supplier,
    "sfa_operator": is_sfa_operator,
    "sfa_trainee": is_sfa_trainee,
}


def make_user(kind: str):
    user = User.objects.create_user(username=f"{kind}-{User.objects.count()}", password="pw-12345678")
    if kind == "supplier":
        grant_role(user, Role.SUPPLIER)
        PartnerFactory().users.add(user)
    elif kind == "manager":
        user.is_staff = True
        user.save()
        grant_role(user, Role.MANAGER)
    elif kind != "employee":
        grant_role(user, kind)
    return User.objects.get(pk=user.pk)  # fresh: no permission cache from before the grant


@pytest.mark.parametrize("role", list(PREDICATES))
def test_each_role_answers_its_own_predicate_only(role):
    user = make_user(role)
    assert {name for name, holds in PREDICATES.items() if holds(user)} == {role}


def test_an_employee_and_an_anonymous_user_hold_no_role():
    employee = make_user("employee")
    assert not any(holds(employee) for holds in PREDICATES.values())
    assert not any(holds(AnonymousUser()) for holds in PREDICATES.values())


@pytest.mark.parametrize("role", list(PREDICATES))
def test_an_inactive_user_holds_no_role(role):
    user = make_user(role)
    user.is_active = False
    user.save()
    assert not PREDICATES[role](User.objects.get(pk=user.pk))


def test_the_managers_role_without_staff_status_is_not_a_manager():
    user = make_user("manager")
    user.is_staff = False
    user.save()
    assert not is_manager(User.objects.get(pk=user.pk))


def test_a_superuser_holds_the_permission_roles_but_is_no_supplier_unless_linked():
    superuser = User.objects.create_superuser(username="root", password="pw-12345678")
    assert is_hr_contact(superuser) and is_sfa_operator(superuser) and is_sfa_trainee(superuser)
    assert not is_supplier(superuser)
    assert is_manager(superuser)  # create_superuser makes staff
    superuser.is_staff = False
    superuser.save()
    assert not is_manager(User.objects.get(pk=superuser.pk))


class _Page(View):
    def get(self, request):
        return HttpResponse("ok")


MIXINS = {
    "manager": ManagerRequiredMixin,
    "hr_contact": HRContactRequiredMixin,
    "supplier": SupplierRequiredMixin,
    "sfa_operator": SFAOperatorRequiredMixin,
    "sfa_trainee": SFATraineeRequiredMixin,
}


def _get(view_class, user):
    request = RequestFactory().get("/pagina/")
    request.user = user
    return view_class.as_view()(request)


@pytest.mark.parametrize("role", list(MIXINS))
def test_the_role_holder_gets_the_page_the_anonymous_user_the_login_and_others_403(role):
    page = type("Page", (MIXINS[role], _Page), {})
    assert _get(page, make_user(role)).status_code == 200
    anonymous = _get(page, AnonymousUser())
    assert anonymous.status_code == 302 and "next=/pagina/" in anonymous["Location"]
    with pytest.raises(PermissionDenied):
        _get(page, make_user("employee"))


def test_raise_exception_refuses_the_anonymous_user_too():
    page = type("Page", (ManagerRequiredMixin, _Page), {"raise_exception": True})
    with pytest.raises(PermissionDenied):
        _get(page, AnonymousUser())


def test_a_page_permission_beyond_the_role_is_required_too():
    page = type("Page", (HRContactRequiredMixin, _Page), {"permission_required": "reports.view_reports"})
    with pytest.raises(PermissionDenied):
        _get(page, make_user("hr_contact"))


def test_the_supplier_mixin_names_the_users_partner():
    user = make_user("supplier")
    seen = {}

    class Page(SupplierRequiredMixin, _Page):
        def get(self, request):
            seen["partner"] = self.partner
            return super().get(request)

    _get(Page, user)
    assert seen["partner"] == user.partners.get()
