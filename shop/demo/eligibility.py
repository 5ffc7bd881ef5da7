"""Demo data for joining: invitations and join requests at the demo HR contact's employer.

Runs after the base demo data (employers, rosters, role logins). Idempotent: rows are found
by natural keys, so running it twice changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.it import codicefiscale

from shop.core.roles import Role
from shop.eligibility.models import Employee, Employer, HRContact, Invitation, JoinRequest
from shop.eligibility.services import INVITATION_VALID_DAYS, hr_contact_add

# People who ask to join in the demo: (email, first name, last name, CF without check char).
JOIN_REQUESTERS = [
    ("giulia.bonetti@example.it", "Giulia", "Bonetti", "BNTGLI88C52E704"),
    ("marco.zanni@example.it", "Marco", "Zanni", "ZNNMRC79L10A794"),
]


def load(*, stdout, rng) -> None:
    User = get_user_model()
    hr_users = list(User.objects.filter(groups__name=Role.HR_CONTACT).order_by("pk"))
    if not hr_users:
        stdout.write("eligibility: no HR contact login in the demo data, nothing to add")
        return
    hr_user = hr_users[0]
    contact = HRContact.objects.filter(user=hr_user).select_related("employer").order_by("pk").first()
    if contact is None:
        employer = Employer.objects.filter(status=Employer.Status.ACTIVE).order_by("pk").first()
        if employer is None:
            stdout.write("eligibility: no active employer in the demo data, nothing to add")
            return
        contact = hr_contact_add(employer=employer, user=hr_user)
    employer = contact.employer

    # Invitations: two people on the roster who have not joined yet, one of them accepted later.
    waiting = list(
        Employee.objects.filter(employer=employer, user__isnull=True).order_by("last_name", "pk")[:2]
    )
    for employee in waiting:
        Invitation.objects.get_or_create(
            employee=employee,
            defaults={
                "email": employee.work_email,
                "sent_by": hr_user,
                "expires_at": timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS),
            },
        )

    # Join requests: registered users asking to join, one pending and one refused.
    municipality = employer.seat
    for (email, first, last, cf_base), status in zip(
        JOIN_REQUESTERS, [JoinRequest.Status.PENDING, JoinRequest.Status.REFUSED], strict=True
    ):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"username": email.split("@")[0][:30], "first_name": first, "last_name": last},
        )
        if created:
            user.set_password("demo-password-2026")
            user.save(update_fields=["password"])
        JoinRequest.objects.get_or_create(
            user=user,
            employer=employer,
            defaults={
                "first_name": first,
                "last_name": last,
                "codice_fiscale": cf_base + codicefiscale.calc_check_digit(cf_base),
                "work_email": email,
                "home_municipality": municipality,
                "status": status,
                "decided_at": timezone.now() if status != JoinRequest.Status.PENDING else None,
                "decided_by": hr_user if status != JoinRequest.Status.PENDING else None,
            },
        )
    stdout.write(
        f"eligibility: {len(waiting)} invitations and {len(JOIN_REQUESTERS)} join requests at {employer}"
    )
