"""The shop's roles as Django groups, each with the permissions it needs and no more.

Scoping of what each role may *see* lives in each domain app's selectors; this module only
says who belongs to which role and which model permissions the role's group carries. Whether a
user holds a role, and the views' access mixins, are in ``shop.core.access``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    HR_CONTACT = "hr_contact", _("HR contact")
    SUPPLIER = "supplier", _("Supplier")
    SFA_OPERATOR = "sfa_operator", _("SFA operator")
    SFA_TRAINEE = "sfa_trainee", _("SFA trainee")
    MANAGER = "manager", _("Manager administrator")


# Oscar 4.2 lets staff into a dashboard page only with the model permissions in that page's
# permissions_map (oscar/apps/dashboard/*/apps.py); the manager runs the whole dashboard.
OSCAR_DASHBOARD_PERMISSIONS = [
    "analytics.view_userrecord",
    *(f"auth.{action}_user" for action in ("view", "add", "change", "delete")),
    *(
        f"catalogue.{action}_{model}"
        for model in ("product", "productclass", "category", "option", "attributeoptiongroup")
        for action in ("view", "add", "change", "delete")
    ),
    "communication.view_communicationeventtype",
    "communication.change_communicationeventtype",
    *(f"flatpages.{action}_flatpage" for action in ("view", "add", "change", "delete")),
    *(
        f"offer.{action}_{model}"
        for model in ("conditionaloffer", "range")
        for action in ("view", "add", "change", "delete")
    ),
    "order.view_order",
    "order.change_order",
    *(f"partner.{action}_partner" for action in ("view", "add", "change", "delete")),
    "partner.view_stockalert",
    *(f"reviews.{action}_productreview" for action in ("view", "change", "delete")),
    *(f"shipping.{action}_weightbased" for action in ("view", "add", "change", "delete")),
    *(
        f"voucher.{action}_{model}"
        for model in ("voucher", "voucherset")
        for action in ("view", "add", "change", "delete")
    ),
]

# "app_label.codename" for each role; domain apps add the permissions their pages check.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.EMPLOYEE: [],
    # Roster keeping on their own employer (scoped in shop.eligibility.selectors).
    Role.HR_CONTACT: [
        "eligibility.view_employee",
        "eligibility.add_employee",
        "eligibility.change_employee",
        "eligibility.add_invitation",
        "eligibility.change_joinrequest",
        # Its own employees' report, aggregates only (shop.reports, scoped by employers_for_hr).
        "reports.view_employer_report",
    ],
    # Oscar lets partner users into the dashboard through this permission.
    Role.SUPPLIER: ["partner.dashboard_access"],
    # Delivery rounds, packing figures, labels; trainees pack and deliver (shop.logistics).
    Role.SFA_OPERATOR: ["logistics.manage_rounds", "logistics.deliver_boxes"],
    Role.SFA_TRAINEE: ["logistics.use_packing_station", "logistics.deliver_boxes"],
    # Admitting suppliers and publishing the ethical charter (shop.charter).
    Role.MANAGER: [
        *OSCAR_DASHBOARD_PERMISSIONS,
        "charter.review_admission",
        "charter.publish_charterversion",
        # Territory maps of offer coverage and km-0 spending (shop.km0).
        "territory.view_territory_maps",
        # Reviewing reimbursement claims and their receipts (shop.welfare).
        "welfare.review_claim",
        # Needs taxonomy, short-notice services and the coverage of needs (shop.needs);
        # never household profiles, which no staff permission opens.
        "needs.view_coverage",
        # Manager's and funder's reports (shop.reports).
        "reports.view_reports",
        *(f"needs.{a}_{m}" for m in ("need", "urgentservice") for a in ("view", "add", "change", "delete")),
        # Which pictogram shows a product without a photo at the packing station (shop.logistics).
        *(
            f"logistics.{a}_{m}"
            for m in ("pictogramrule", "itemguide")
            for a in ("view", "add", "change", "delete")
        ),
    ],
}


def user_has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.groups.filter(name=role).exists()


def _permissions(dotted_names) -> list[Permission]:
    """The permissions named "app_label.codename", read in one query; a missing one raises."""
    wanted = {tuple(dotted.split(".", 1)) for dotted in dotted_names}
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app_label for app_label, _codename in wanted},
            codename__in={codename for _app_label, codename in wanted},
        )
    }
    missing = sorted(".".join(name) for name in wanted - found.keys())
    if missing:
        raise Permission.DoesNotExist(f"Permissions not found: {', '.join(missing)}")
    return [found[name] for name in wanted]


@transaction.atomic
def ensure_role_group(role: str) -> Group:
    """Create (or bring up to date) the role's group with exactly its permissions."""
    group, _created = Group.objects.get_or_create(name=role)
    group.permissions.set(_permissions(ROLE_PERMISSIONS[role]))
    return group


@transaction.atomic
def ensure_role_groups() -> dict[str, Group]:
    """Every role's group, each with exactly its permissions."""
    return {role.value: ensure_role_group(role.value) for role in Role}


def grant_role(user, role: str) -> None:
    user.groups.add(ensure_role_group(role))
