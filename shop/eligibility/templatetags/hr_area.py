"""The HR area's menu: every HR page, including credit plans, payroll export and reports."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from shop.eligibility.models import Employer
from shop.eligibility.selectors import employers_for_hr

register = template.Library()


def _employer(context) -> Employer | None:
    """The employer the page is about, else the HR contact's only employer (None if several)."""
    employer = context.get("employer")
    if isinstance(employer, Employer):
        return employer
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    employers = list(employers_for_hr(user=request.user)[:2])
    return employers[0] if len(employers) == 1 else None


@register.inclusion_tag("eligibility/hr/_menu.html", takes_context=True)
def hr_menu(context):
    employer = _employer(context)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    items = []
    if employer is None:
        items.append((_("Overview"), reverse("eligibility:hr-index"), ("eligibility:hr-index",)))
    else:
        pk = employer.pk
        items += [
            (_("Overview"), reverse("eligibility:hr-dashboard", args=[pk]), ("eligibility:hr-dashboard",)),
            (
                _("Roster"),
                reverse("eligibility:hr-roster", args=[pk]),
                (
                    "eligibility:hr-roster",
                    "eligibility:hr-employee-add",
                    "eligibility:hr-employee-edit",
                    "eligibility:hr-employee-end",
                ),
            ),
            (
                _("Roster import"),
                reverse("eligibility:hr-roster-import", args=[pk]),
                ("eligibility:hr-roster-import", "eligibility:hr-roster-import-columns"),
            ),
            (
                _("Invitations"),
                reverse("eligibility:hr-invitations", args=[pk]),
                ("eligibility:hr-invitations",),
            ),
            (
                _("Join requests"),
                reverse("eligibility:hr-join-requests", args=[pk]),
                ("eligibility:hr-join-requests", "eligibility:hr-join-request-decide"),
            ),
        ]
    items += [
        (
            _("Credit plans"),
            reverse("welfare:hr-plan-list"),
            (
                "welfare:hr-plan-list",
                "welfare:hr-plan-create",
                "welfare:hr-plan-detail",
                "welfare:hr-categories",
            ),
        ),
        (_("Payroll export"), reverse("welfare:hr-payroll"), ("welfare:hr-payroll",)),
        (
            _("Reports"),
            reverse("reports:hr-report", args=[employer.pk])
            if employer
            else reverse("reports:hr-report-index"),
            ("reports:hr-report",),
        ),
    ]
    return {"items": [(label, url, current in names) for label, url, names in items]}
