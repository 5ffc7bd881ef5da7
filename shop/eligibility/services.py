"""Writes on employers' rosters: adding and ending employments, CSV import, joining.

A person becomes an employee of the shop when an account is linked to their roster row,
either by accepting an invitation sent from the roster or by a join request the employer's
HR contact confirms. Emails go through Django's email backend (console in the demo).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.customer.forms import generate_username

from shop.core.roles import Role, grant_role
from shop.core.validators import check_period
from shop.eligibility.exceptions import (
    InvitationInvalid,
    JoinRequestInvalid,
    RosterColumnsUnknown,
    RosterImportInvalid,
)
from shop.eligibility.models import (
    Employee,
    Employer,
    HRContact,
    Invitation,
    JoinRequest,
    ResidentProfile,
    RosterColumnMapping,
)
from shop.eligibility.roster_import import (
    COLUMN_LABELS,
    EmployeeResource,
    match_columns,
    missing_columns,
    normalise_header,
    read_roster_file,
    roster_dataset,
    row_errors,
)
from shop.eligibility.selectors import invitation_check, roster_columns_remembered
from shop.eligibility.validators import normalise_codice_fiscale
from shop.territory.models import Municipality

INVITATION_VALID_DAYS = 30


def hr_contact_add(*, employer: Employer, user) -> HRContact:
    """Make ``user`` an HR contact of ``employer``: the scoping row plus the role's group."""
    with transaction.atomic():
        contact, _created = HRContact.objects.get_or_create(employer=employer, user=user)
        grant_role(user, Role.HR_CONTACT)
    return contact


def employee_add(
    *,
    employer: Employer,
    first_name: str,
    last_name: str,
    codice_fiscale: str,
    work_email: str,
    home_municipality: Municipality,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> Employee:
    employee = Employee(
        employer=employer,
        first_name=first_name,
        last_name=last_name,
        codice_fiscale=normalise_codice_fiscale(codice_fiscale),
        work_email=work_email,
        home_municipality=home_municipality,
        start_date=start_date,
        end_date=end_date,
    )
    check_period(employee.start_date, employee.end_date, field="end_date")
    employee.full_clean()
    with transaction.atomic():
        employee.save()
    return employee


def employee_update(*, employee: Employee, **changes) -> Employee:
    """Change roster fields of ``employee``; the employer and the linked account never change here."""
    for name in ("first_name", "last_name", "work_email", "home_municipality", "start_date", "end_date"):
        if name in changes:
            setattr(employee, name, changes[name])
    if "codice_fiscale" in changes:
        employee.codice_fiscale = normalise_codice_fiscale(changes["codice_fiscale"])
    check_period(employee.start_date, employee.end_date, field="end_date")
    employee.full_clean()
    with transaction.atomic():
        employee.save()
    return employee


def employee_end(*, employee: Employee, end_date: datetime.date) -> Employee:
    """End an employment: eligible up to and including ``end_date``, not the day after."""
    return employee_update(employee=employee, end_date=end_date)


@dataclass(frozen=True)
class RosterImported:
    added: int
    ignored_headers: list[str]  # columns of the file that are not roster columns


def roster_import(
    *, employer: Employer, content: bytes, filename: str = "", columns: dict[str, int | None] | None = None
) -> RosterImported:
    """Add every row of a roster file (CSV or XLSX) to ``employer``'s roster, or none of them.

    Columns are found by their usual Italian wordings and by what ``employer``'s HR contact
    chose on an earlier import (``roster_columns_remember``); ``columns`` (template column ->
    index in the file, None for "not in the file") overrides both. A required column still not
    found raises RosterColumnsUnknown, which carries the file so the HR contact can choose.

    The whole file is validated first (format and check character of each codice fiscale,
    dates, municipality, duplicates within the file and against the roster); any bad row
    raises RosterImportInvalid listing each bad line, and nothing is written. Good files go
    in with one bulk INSERT.
    """
    try:
        table = read_roster_file(content, filename=filename)
    except ValueError as exc:
        raise RosterImportInvalid(str(exc), errors=[]) from exc
    if columns is None:
        matched = match_columns(table.headers, remembered=roster_columns_remembered(employer=employer))
        missing = missing_columns(matched)
        if missing and len(matched) < len([h for h in table.headers if h]):
            raise RosterColumnsUnknown(
                _("Columns not recognised (%(columns)s): choose which column of the file holds each.")
                % {"columns": ", ".join(str(COLUMN_LABELS[c]) for c in missing)},
                table=table,
                matched=matched,
            )
        if missing:
            raise RosterImportInvalid(
                _("Columns missing from the first line: %(columns)s. Start from the template.")
                % {"columns": ", ".join(missing)},
                errors=[],
            )
        columns = dict(matched)
    if not table.rows:
        raise RosterImportInvalid(_("The file has a header but no rows."), errors=[])
    dataset = roster_dataset(table, columns)
    resource = EmployeeResource(employer=employer)
    with transaction.atomic():
        result = resource.import_data(dataset, use_transactions=True, rollback_on_validation_errors=True)
        errors = row_errors(result, table.line_numbers)
        if errors:
            # Raising inside the atomic block rolls back whatever the bulk insert wrote.
            raise RosterImportInvalid(
                _("The file has %(count)s line(s) with errors: nothing was imported.")
                % {"count": len(errors)},
                errors=errors,
            )
    used = {i for i in columns.values() if i is not None}
    ignored = [h for i, h in enumerate(table.headers) if h and i not in used]
    return RosterImported(added=result.totals["new"], ignored_headers=ignored)


def roster_columns_remember(
    *, employer: Employer, headers: list[str], columns: dict[str, int | None], by=None
) -> RosterColumnMapping:
    """Remember which header of ``employer``'s payroll export holds each roster column.

    Stored normalised, so the next export with the same headers (any case, accents or
    spacing) is imported without asking again.
    """
    remembered = {
        column: normalise_header(headers[i]) if i is not None else "" for column, i in columns.items()
    }
    with transaction.atomic():
        mapping, _created = RosterColumnMapping.objects.update_or_create(
            employer=employer, defaults={"columns": remembered, "updated_by": by}
        )
    return mapping


# --- Invitations ---------------------------------------------------------------------------


def invitation_send(*, employee: Employee, sent_by, site_url: str) -> Invitation:
    """Email ``employee`` a link that links their account to the roster row.

    ``site_url`` is the scheme and host the link starts with (e.g. "https://shop.example").
    A new invitation replaces nothing: older links stay valid until they expire or one is used.
    """
    if employee.user_id:
        raise InvitationInvalid(_("%(name)s has already joined.") % {"name": employee})
    with transaction.atomic():
        invitation = Invitation.objects.create(
            employee=employee,
            email=employee.work_email,
            sent_by=sent_by,
            expires_at=timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS),
        )
        link = site_url.rstrip("/") + reverse("eligibility:invitation-accept", args=[invitation.token])
        context = {
            "employee": employee,
            "employer": employee.employer,
            "link": link,
            "days": INVITATION_VALID_DAYS,
        }
        subject = _("%(employer)s invites you to the AtC56W+ welfare shop") % {"employer": employee.employer}
        body = render_to_string("eligibility/email/invitation.txt", context)
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
        )
    return invitation


def account_create(*, email: str, password: str):
    """The account an invited employee signs up with, made as Oscar's sign-up makes it."""
    user = get_user_model()(email=email, username=generate_username())
    user.set_password(password)
    user.save()
    return user


def invitation_accept(*, invitation: Invitation | None, user) -> Employee:
    """Link ``user`` to the invited roster row, once; the invitation cannot be reused."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(pk=getattr(invitation, "pk", None)).first()
        invitation_check(invitation=invitation)
        employee = invitation.employee
        _link_account(employee=employee, user=user)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return employee


def _link_account(*, employee: Employee, user) -> None:
    employee.user = user
    employee.save(update_fields=["user"])
    grant_role(user, Role.EMPLOYEE)


# --- Join requests -------------------------------------------------------------------------


def join_request_create(
    *,
    user,
    employer: Employer,
    first_name: str,
    last_name: str,
    codice_fiscale: str,
    work_email: str,
    home_municipality: Municipality,
) -> JoinRequest:
    """A registered user asks ``employer`` to recognise them; its HR contacts get an email."""
    if employer.status not in (Employer.Status.ACTIVE, Employer.Status.APPLICANT):
        raise JoinRequestInvalid(_("%(employer)s is not a member of the Alliance.") % {"employer": employer})
    if JoinRequest.objects.filter(user=user, employer=employer, status=JoinRequest.Status.PENDING).exists():
        raise JoinRequestInvalid(_("You have already asked to join %(employer)s.") % {"employer": employer})
    if Employee.objects.filter(user=user, employer=employer, end_date__isnull=True).exists():
        raise JoinRequestInvalid(_("You are already on the roster of %(employer)s.") % {"employer": employer})
    join_request = JoinRequest(
        user=user,
        employer=employer,
        first_name=first_name,
        last_name=last_name,
        codice_fiscale=normalise_codice_fiscale(codice_fiscale),
        work_email=work_email,
        home_municipality=home_municipality,
    )
    join_request.full_clean()
    with transaction.atomic():
        join_request.save()
        recipients = list(employer.hr_contacts.values_list("user__email", flat=True))
        if recipients:
            subject = _("Join request for %(employer)s") % {"employer": employer}
            body = render_to_string("eligibility/email/join_request.txt", {"join_request": join_request})
            transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
    return join_request


def join_request_confirm(*, join_request: JoinRequest, decided_by, start_date: datetime.date) -> Employee:
    """Link the requester to the roster row with their codice fiscale, adding the row if missing.

    A row already linked to another account is refused: HR must sort that out first.
    """
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.PENDING:
            raise JoinRequestInvalid(_("This request has already been decided."))
        employee = Employee.objects.filter(
            employer=join_request.employer, codice_fiscale=join_request.codice_fiscale
        ).first()
        if employee is None:
            employee = employee_add(
                employer=join_request.employer,
                first_name=join_request.first_name,
                last_name=join_request.last_name,
                codice_fiscale=join_request.codice_fiscale,
                work_email=join_request.work_email,
                home_municipality=join_request.home_municipality,
                start_date=start_date,
            )
        elif employee.user_id and employee.user_id != join_request.user_id:
            raise JoinRequestInvalid(
                _("The roster row with codice fiscale %(cf)s is already linked to another account.")
                % {"cf": join_request.codice_fiscale}
            )
        _link_account(employee=employee, user=join_request.user)
        join_request.status = JoinRequest.Status.CONFIRMED
        join_request.decided_at = timezone.now()
        join_request.decided_by = decided_by
        join_request.employee = employee
        join_request.save(update_fields=["status", "decided_at", "decided_by", "employee"])
        _notify_decision(join_request)
    return employee


def join_request_refuse(*, join_request: JoinRequest, decided_by) -> JoinRequest:
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.PENDING:
            raise JoinRequestInvalid(_("This request has already been decided."))
        join_request.status = JoinRequest.Status.REFUSED
        join_request.decided_at = timezone.now()
        join_request.decided_by = decided_by
        join_request.save(update_fields=["status", "decided_at", "decided_by"])
        _notify_decision(join_request)
    return join_request


def _notify_decision(join_request: JoinRequest) -> None:
    email = join_request.user.email
    if not email:
        return
    subject = _("Your request to join %(employer)s") % {"employer": join_request.employer}
    body = render_to_string("eligibility/email/join_decision.txt", {"join_request": join_request})
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))


# --- Residence -----------------------------------------------------------------------------


def resident_profile_set(*, user, home_municipality: Municipality) -> ResidentProfile:
    with transaction.atomic():
        profile, _created = ResidentProfile.objects.update_or_create(
            user=user, defaults={"home_municipality": home_municipality}
        )
    return profile
