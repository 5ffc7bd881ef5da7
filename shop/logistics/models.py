"""Delivery rounds, boxes and the packing work done by SFA trainees.

A *zone* is a group of the territory's municipalities delivered on the same trip. An order
with delivered goods gets one *box* in the *round* of its zone for its delivery day; each
delivered order line is one *box item* the trainee puts in (or finds missing). Trainees
appear only under a pseudonymous *trainee code*: reports never name a person.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.logistics import pictograms


class Zone(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    municipalities = models.ManyToManyField(
        "territory.Municipality", verbose_name=_("municipalities"), related_name="delivery_zones", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("delivery zone")
        verbose_name_plural = _("delivery zones")

    def __str__(self):
        return self.name


class Round(models.Model):
    """The boxes of one zone delivered on one day."""

    class Status(models.TextChoices):
        OPEN = "open", _("Taking orders")
        CLOSED = "closed", _("To pack")
        PACKING = "packing", _("Packing")
        PACKED = "packed", _("Ready to deliver")
        DONE = "done", _("Delivered")

    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="rounds")
    delivery_date = models.DateField(_("delivery day"))
    cutoff_at = models.DateTimeField(_("orders accepted until"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["delivery_date", "zone__name"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "delivery_date"], name="one_round_per_zone_and_day")
        ]
        verbose_name = _("delivery round")
        verbose_name_plural = _("delivery rounds")
        permissions = [
            ("manage_rounds", _("Can run delivery rounds, see packing figures and print labels")),
            ("use_packing_station", _("Can pack boxes at the packing station")),
            ("deliver_boxes", _("Can mark boxes delivered")),
        ]

    def __str__(self):
        return f"{self.zone} {self.delivery_date:%d/%m/%Y}"


class TraineeCode(models.Model):
    """A trainee known only by a code; the login behind it has no name and no email."""

    code = models.CharField(_("trainee code"), max_length=12, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("station login"),
        on_delete=models.PROTECT,
        related_name="trainee_code",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name = _("trainee code")
        verbose_name_plural = _("trainee codes")

    def __str__(self):
        return self.code


class WorkSession(models.Model):
    """A stretch of work by one trainee, opened by an operator, closed by the trainee or the operator."""

    trainee = models.ForeignKey(
        TraineeCode, verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="sessions"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    undo_count = models.PositiveIntegerField(
        _("steps undone"), default=0, help_text=_("Mistakes the trainee corrected with «Go back one step».")
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee"], condition=Q(ended_at__isnull=True), name="one_open_session_per_trainee"
            )
        ]
        verbose_name = _("work session")
        verbose_name_plural = _("work sessions")

    def __str__(self):
        return f"{self.trainee} {self.started_at:%d/%m/%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class Box(models.Model):
    """One order's delivered goods, packed in one box and delivered in one stop."""

    class Status(models.TextChoices):
        TO_PACK = "to_pack", _("To pack")
        PACKING = "packing", _("Being packed")
        PACKED = "packed", _("Packed")
        DELIVERED = "delivered", _("Delivered")
        NOT_HOME = "not_home", _("Not at home")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="boxes")
    order = models.OneToOneField(
        "order.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="delivery_box"
    )
    municipality = models.ForeignKey(
        "territory.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TO_PACK)
    session = models.ForeignKey(
        WorkSession,
        verbose_name=_("packed in session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="boxes",
    )
    packed_at = models.DateTimeField(_("packed"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        TraineeCode,
        verbose_name=_("delivered by trainee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delivery_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delivery recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delivered_at = models.DateTimeField(_("delivery recorded"), null=True, blank=True)
    delivery_note = models.CharField(_("delivery note"), max_length=255, blank=True)

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("box")
        verbose_name_plural = _("boxes")

    def __str__(self):
        return f"{self.order.number} ({self.round})"


class BoxItem(models.Model):
    """One delivered order line in its box."""

    class Status(models.TextChoices):
        TO_DO = "to_do", _("To put in")
        DONE = "done", _("Put in")
        MISSING = "missing", _("Missing")

    box = models.ForeignKey(Box, verbose_name=_("box"), on_delete=models.CASCADE, related_name="items")
    line = models.OneToOneField(
        "order.Line", verbose_name=_("order line"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.TO_DO)
    handled_by = models.ForeignKey(
        TraineeCode,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    refunded_amount = models.DecimalField(
        _("refunded"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["box", "pk"]
        verbose_name = _("box item")
        verbose_name_plural = _("box items")

    def __str__(self):
        return f"{self.line.title} × {self.line.quantity}"


class ItemGuide(models.Model):
    """How the packing station shows a product: an easy-to-read name and, if set, its own pictogram."""

    product = models.OneToOneField(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="packing_guide"
    )
    easy_name = models.CharField(
        _("easy-to-read name"),
        max_length=60,
        blank=True,
        help_text=_("Short and plain, as a trainee reads it: «Miele», «Uova». Empty: the product's title."),
    )
    pictogram = models.CharField(
        _("pictogram"),
        max_length=16,
        choices=pictograms.CHOICES,
        blank=True,
        help_text=_("Empty: chosen by the pictogram rules from the product's title, category or type."),
    )

    class Meta:
        verbose_name = _("packing guide")
        verbose_name_plural = _("packing guides")

    def __str__(self):
        return self.easy_name or str(self.product)


class PictogramRule(models.Model):
    """Which pictogram shows a product that has no photo: the first rule that matches wins.

    A rule matches when every criterion it sets holds: a word of the title starts with
    ``title_word``, the product is in ``category`` (or below it), its type is ``product_class``.
    """

    position = models.PositiveIntegerField(_("position"), default=100, help_text=_("Lower is tried first."))
    title_word = models.CharField(
        _("word in the title"),
        max_length=40,
        blank=True,
        help_text=_(
            "A word of the product's title starts with this (not case-sensitive): «miele», «formagg»."
        ),
    )
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    product_class = models.ForeignKey(
        "catalogue.ProductClass",
        verbose_name=_("product type"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    pictogram = models.CharField(_("pictogram"), max_length=16, choices=pictograms.CHOICES)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("pictogram rule")
        verbose_name_plural = _("pictogram rules")

    def __str__(self):
        criteria = [c for c in (self.title_word, self.category, self.product_class) if c]
        return f"{' + '.join(str(c) for c in criteria)} → {self.get_pictogram_display()}"

    def clean(self):
        self.title_word = self.title_word.strip().lower()
        if not (self.title_word or self.category_id or self.product_class_id):
            raise ValidationError(_("Give a word of the title, a category or a product type."))
