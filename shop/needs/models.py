"""Household needs: the taxonomy of work-family needs, household profiles, urgent requests.

A household profile is special-category data (GDPR art. 9: health and care of relatives).
It exists only with explicit consent, belongs to its user alone, and is hard-deleted when
consent is withdrawn. Nothing outside ``shop.needs.selectors`` reads it, and those selectors
give other roles counts of at least ``MIN_GROUP_SIZE`` people only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Need(models.Model):
    """One need of the taxonomy, answered by categories (with descendants), product classes or products."""

    class Concerns(models.TextChoices):
        CHILD = "child", _("A child")
        ELDER = "elder", _("An elderly relative")
        DISABLED = "disabled", _("A disabled or seriously ill relative")
        RELATIVE = "relative", _("An elderly, disabled or ill relative")
        CARER = "carer", _("The carer themselves")
        HOUSEHOLD = "household", _("The household")

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    concerns = models.CharField(_("concerns"), max_length=12, choices=Concerns.choices)
    child_age_min = models.PositiveSmallIntegerField(
        _("children from age"), null=True, blank=True, help_text=_("Years; for needs of children only.")
    )
    child_age_max = models.PositiveSmallIntegerField(
        _("children up to age"), null=True, blank=True, help_text=_("Years, included.")
    )
    emergency_prompt = models.CharField(
        _("emergency situation"),
        max_length=160,
        blank=True,
        help_text=_(
            'Shown on the "Urgent" page when set, e.g. "My child is ill and I work tomorrow morning".'
        ),
    )
    categories = models.ManyToManyField(
        "catalogue.Category", verbose_name=_("categories (with subcategories)"), blank=True, related_name="+"
    )
    product_classes = models.ManyToManyField(
        "catalogue.ProductClass", verbose_name=_("product classes"), blank=True, related_name="+"
    )
    products = models.ManyToManyField(
        "catalogue.Product", verbose_name=_("specific products"), blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        permissions = [("view_coverage", _("Can view the coverage of needs across the territory"))]

    def __str__(self):
        return self.name


class HouseholdProfile(models.Model):
    class WorkingHours(models.TextChoices):
        FULL_DAY = "full_day", _("Full time, daytime")
        MORNINGS = "mornings", _("Part time, mornings")
        AFTERNOONS = "afternoons", _("Part time, afternoons")
        SHIFTS = "shifts", _("Shifts, nights or weekends")
        FLEXIBLE = "flexible", _("Flexible or varying hours")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="household_profile"
    )
    home_municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    working_hours = models.CharField(
        _("working hours"), max_length=12, choices=WorkingHours.choices, blank=True
    )
    needs = models.ManyToManyField(
        Need, verbose_name=_("what you need now"), blank=True, related_name="households"
    )
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consent_given_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("household profile")
        verbose_name_plural = _("household profiles")

    def __str__(self):
        return str(_("Household profile #%(pk)s") % {"pk": self.pk})


class CaredPerson(models.Model):
    """Someone the employee cares for: no name is asked, only relation, birth year and where they live."""

    class Kind(models.TextChoices):
        CHILD = "child", _("Child")
        ELDER = "elder", _("Elderly relative")
        DISABLED = "disabled", _("Disabled or seriously ill relative")

    class Relation(models.TextChoices):
        SON = "son", _("son")
        DAUGHTER = "daughter", _("daughter")
        PARENT = "parent", _("parent")
        PARENT_IN_LAW = "parent_in_law", _("parent-in-law")
        GRANDPARENT = "grandparent", _("grandparent")
        PARTNER = "partner", _("spouse or partner")
        SIBLING = "sibling", _("brother or sister")
        OTHER = "other", _("other relative")

    profile = models.ForeignKey(HouseholdProfile, on_delete=models.CASCADE, related_name="people")
    kind = models.CharField(_("who"), max_length=10, choices=Kind.choices)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("lives in"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Leave empty if they live with you."),
    )

    class Meta:
        ordering = ["kind", "birth_year", "pk"]
        verbose_name = _("person cared for")
        verbose_name_plural = _("people cared for")

    def __str__(self):
        return self.get_relation_display()


class ConsentEvent(models.Model):
    """Proof of consent (GDPR art. 7.1) outliving the profile: who, which text, when, given or withdrawn."""

    class Action(models.TextChoices):
        GIVEN = "given", _("Given")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    consent_version = models.CharField(_("consent text version"), max_length=20)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")

    def __str__(self):
        return f"{self.get_action_display()} {self.consent_version}"


class UrgentService(models.Model):
    """A service its supplier can deliver at short notice: listed on the "Urgent" page.

    Stands in for the booking calendar (shop.bookings) until it exists; the emergency flow
    will then read the earliest slot within ``notice_hours`` instead.
    """

    product = models.OneToOneField(
        "catalogue.Product",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="urgent_service",
    )
    notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice (hours)"), default=24, help_text=_("24 or 48: how soon the service can start.")
    )
    is_active = models.BooleanField(_("available for emergencies"), default=True)

    class Meta:
        verbose_name = _("service available at short notice")
        verbose_name_plural = _("services available at short notice")

    def __str__(self):
        return str(self.product)


class UrgentRequest(models.Model):
    """A buyer asks a supplier for a service at short notice; the supplier accepts or refuses in time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the supplier")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired without an answer")

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="urgent_requests"
    )
    need = models.ForeignKey(Need, verbose_name=_("situation"), on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("service"), on_delete=models.PROTECT, related_name="+"
    )
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="urgent_requests",
    )
    municipality = models.ForeignKey(
        "territory.Municipality", verbose_name=_("where"), on_delete=models.PROTECT, related_name="+"
    )
    wanted_from = models.DateTimeField(_("needed from"))
    message = models.TextField(_("message to the supplier"), max_length=1000, blank=True)
    contact_phone = models.CharField(_("phone to call back"), max_length=30)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    respond_by = models.DateTimeField(_("answer due by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supplier_note = models.CharField(_("supplier's note"), max_length=300, blank=True)
    # Filled by shop.bookings when it exists: the slot this request was turned into.
    booking_reference = models.CharField(_("booking"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "respond_by"], name="needs_urgent_status_due")]
        verbose_name = _("urgent request")
        verbose_name_plural = _("urgent requests")

    def __str__(self):
        return f"#{self.pk} {self.product} ({self.get_status_display()})"
