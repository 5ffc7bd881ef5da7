"""Member companies of the Alliance, their HR contacts and their employee rosters."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.km0.models import Area


class Employer(models.Model):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        LEFT = "left", _("Left")

    legal_name = models.CharField(_("legal name"), max_length=200)
    vat_number = models.CharField(_("VAT number"), max_length=11, unique=True)
    status = models.CharField(_("membership status"), max_length=12, choices=Status.choices, default=Status.APPLICANT)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_until = models.DateField(_("member until"), null=True, blank=True)
    area = models.CharField(_("social-services area"), max_length=20, choices=Area.choices)
    seat = models.ForeignKey(
        "km0.Municipality", verbose_name=_("seat"), on_delete=models.PROTECT, related_name="employers"
    )

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self):
        return self.legal_name


class HRContact(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="hr_contacts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hr_contacts")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employer", "user"], name="unique_hr_contact")]
        verbose_name = _("HR contact")
        verbose_name_plural = _("HR contacts")

    def __str__(self):
        return f"{self.user} @ {self.employer}"


class Employee(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="employees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="employments"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    codice_fiscale = models.CharField(_("codice fiscale"), max_length=16)
    work_email = models.EmailField(_("work email"))
    home_municipality = models.ForeignKey(
        "km0.Municipality", verbose_name=_("home municipality"), on_delete=models.PROTECT, related_name="+"
    )
    work_municipality = models.ForeignKey(
        "km0.Municipality",
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
            models.UniqueConstraint(fields=["employer", "codice_fiscale"], name="unique_employee_per_employer")
        ]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self):
        return f"{self.first_name} {self.last_name}"
