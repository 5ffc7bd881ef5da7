"""One demo login per role, with the documented password (docs/demo.md)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from oscar.core.loading import get_model

from shop.core.roles import Role, ensure_role_groups
from shop.eligibility.models import Employee, Employer, HRContact

Partner = get_model("partner", "Partner")

PASSWORD = "demo-atc56w"
HR_EMPLOYER = "La Cordata Società Cooperativa Sociale ONLUS"
SUPPLIER_PARTNER = "Apicoltura Monte Bronzone"


@dataclass(frozen=True)
class Login:
    username: str
    email: str
    first_name: str
    last_name: str
    role: str | None
    is_staff: bool = False
    is_superuser: bool = False


STAFF_LOGINS = [
    Login("hr", "hr@atc56w.example", "Paola", "Gritti", Role.HR_CONTACT),
    Login("fornitore", "fornitore@atc56w.example", "Luigi", "Bonetti", Role.SUPPLIER),
    Login("operatore-sfa", "operatore.sfa@atc56w.example", "Marta", "Zenoni", Role.SFA_OPERATOR),
    Login("tirocinante-sfa", "tirocinante.sfa@atc56w.example", "Tommaso", "Belotti", Role.SFA_TRAINEE),
    Login("gestore", "gestore@atc56w.example", "Anna", "Cadei", Role.MANAGER, is_staff=True),
    Login(
        "admin", "admin@atc56w.example", "Amministratore", "AtC56W+", None, is_staff=True, is_superuser=True
    ),
]


class _PasswordCache:
    """Hash and check the demo password once per load, not once per user (PBKDF2 costs ~0.5 s)."""

    def __init__(self):
        self.valid: dict[str, bool] = {}
        self.encoded = ""

    def is_demo_password(self, encoded: str) -> bool:
        if encoded not in self.valid:
            self.valid[encoded] = check_password(PASSWORD, encoded)
        return self.valid[encoded]

    def demo_hash(self) -> str:
        if not self.encoded:
            self.encoded = make_password(PASSWORD)
            self.valid[self.encoded] = True
        return self.encoded


def _user_load(login: Login, groups, passwords: _PasswordCache) -> object:
    User = get_user_model()
    user = User._default_manager.filter(username=login.username).first()
    if user is None:
        user = User(username=login.username)
    wanted = {
        "email": login.email,
        "first_name": login.first_name,
        "last_name": login.last_name,
        "is_active": True,
        "is_staff": login.is_staff,
        "is_superuser": login.is_superuser,
    }
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    if not user.has_usable_password() or not passwords.is_demo_password(user.password):
        user.password = passwords.demo_hash()
        changed.append("password")
    if user.pk is None:
        user.save()
    elif changed:
        user.save(update_fields=changed)
    if login.role and not user.groups.filter(name=login.role).exists():
        user.groups.add(groups[login.role])
    return user


def demo_employee() -> Employee:
    """The employee whose login the demo documents: the first current one of the HR contact's employer."""
    return (
        Employee.objects.filter(employer__legal_name=HR_EMPLOYER, end_date__isnull=True)
        .order_by("codice_fiscale")
        .first()
    )


def logins_load() -> dict[str, object]:
    groups = ensure_role_groups()
    passwords = _PasswordCache()
    users = {}
    employee = demo_employee()
    users[Role.EMPLOYEE] = _user_load(
        Login("dipendente", employee.work_email, employee.first_name, employee.last_name, Role.EMPLOYEE),
        groups,
        passwords,
    )
    if employee.user_id != users[Role.EMPLOYEE].pk:
        employee.user = users[Role.EMPLOYEE]
        employee.save(update_fields=["user"])
    for login in STAFF_LOGINS:
        users[login.role or "superuser"] = _user_load(login, groups, passwords)
    HRContact.objects.get_or_create(
        employer=Employer.objects.get(legal_name=HR_EMPLOYER), user=users[Role.HR_CONTACT]
    )
    partner = Partner.objects.get(name=SUPPLIER_PARTNER)
    if not partner.users.filter(pk=users[Role.SUPPLIER].pk).exists():
        partner.users.add(users[Role.SUPPLIER])
    return users
