"""Member companies of the Alliance, their HR contacts, their employee rosters and how people join."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.eligibility.validators import validate_codice_fiscale, validate_partita_iva
from shop.territory.models import Area


class Employer(models.Model):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        LEFT = "left", _("Left")

    legal_name = models.CharField(_("legal name"), max_length=200)
    vat_number = models.CharField(
        _("VAT number"), max_length=11, unique=True, validators=[validate_partita_iva]
    )
    status = models.CharField(
        _("membership status"), max_length=12, choices=Status.choices, default=Status.APPLICANT
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_until = models.DateField(_("member until"), null=True, blank=True)
    area = models.CharField(_("social-services area"), max_length=20, choices=Area.choices)
    seat = models.ForeignKey(
        "territory.Municipality", verbose_name=_("seat"), on_delete=models.PROTECT, related_name="employers"
    )

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self):
        return self.legal_name


class PersonOnRoster(models.Model):
    """Who a person is on an employer's roster: an employee, or a user asking to become one."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    codice_fiscale = models.CharField(
        _("codice fiscale"), max_length=16, validators=[validate_codice_fiscale]
    )
    work_email = models.EmailField(_("work email"))
    home_municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class HRContact(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="hr_contacts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hr_contacts")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employer", "user"], name="unique_hr_contact")]
        verbose_name = _("HR contact")
        verbose_name_plural = _("HR contacts")

    def __str__(self):
        return f"{self.user} @ {self.employer}"


class Employee(PersonOnRoster):
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="employees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="employments"
    )
    work_municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("work municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    start_date = models.DateField(_("employed from"))
    end_date = models.DateField(_("employed until"), null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "codice_fiscale"], name="unique_employee_per_employer"
            )
        ]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An email sent from the roster; following its link links an account to the employee."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("sent to"))
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} ({self.employee.employer})"


class JoinRequest(PersonOnRoster):
    """A registered user asking to be recognised as an employee; the employer's HR decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="join_requests")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employee = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="join_requests"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open request per person and employer; decided ones stay as history.
            models.UniqueConstraint(
                fields=["user", "employer"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")

    def __str__(self):
        return f"{self.first_name} {self.last_name} -> {self.employer}"


class ResidentProfile(models.Model):
    """Where a user who is not (or not only) an employee lives: decides citizen purchases."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident_profile"
    )
    home_municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resident profile")
        verbose_name_plural = _("resident profiles")

    def __str__(self):
        return f"{self.user} ({self.home_municipality})"


class RosterColumnMapping(models.Model):
    """How an employer's payroll export names the roster columns, as its HR contact chose once.

    ``columns`` maps each template column (``codice_fiscale``…) to the header of the file in
    its normalised form (see ``roster_import.normalise_header``); "" means "not in the file".
    """

    employer = models.OneToOneField(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="roster_columns"
    )
    columns = models.JSONField(_("columns"), default=dict)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("roster column mapping")
        verbose_name_plural = _("roster column mappings")

    def __str__(self):
        return str(self.employer)
