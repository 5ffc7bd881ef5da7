import logging

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.core.roles import Role, grant_role

Partner = get_model("partner", "Partner")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Pages render without a collectstatic manifest, as in development."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _user(email: str, **extra):
    return get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password="Password-di-prova-1", **extra
    )


@pytest.fixture
def customer(db):
    """A registered shopper with no role at all."""
    return _user("cliente@example.org")


@pytest.fixture
def employee(db):
    user = _user("dipendente@example.org")
    grant_role(user, Role.EMPLOYEE)
    return user


@pytest.fixture
def hr_contact(db):
    user = _user("hr@example.org")
    grant_role(user, Role.HR_CONTACT)
    return user


@pytest.fixture
def supplier_user(db):
    user = _user("fornitore@example.org")
    grant_role(user, Role.SUPPLIER)
    partner = Partner._default_manager.create(name="Fornitore di prova")
    partner.users.add(user)
    return user


@pytest.fixture
def manager(db):
    user = _user("gestore@example.org", is_staff=True)
    grant_role(user, Role.MANAGER)
    return user


class _ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.records = []

    def emit(self, record):
        self.records.append(record.audit)


@pytest.fixture
def audit_records():
    """The records written to the shop.audit logger during the test."""
    logger = logging.getLogger("shop.audit")
    handler = _ListHandler()
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="admin", email="admin@example.org", password="Password-di-prova-1"
    )


@pytest.fixture
def sfa_operator(db):
    user = _user("operatore@example.org")
    grant_role(user, Role.SFA_OPERATOR)
    return user


@pytest.fixture
def sfa_trainee(db):
    user = _user("tirocinante@example.org")
    grant_role(user, Role.SFA_TRAINEE)
    return user
