"""Service calendars and bookings: a service is booked for a slot, not shipped.

A ``ServiceCalendar`` belongs to one service stock record; its weekly slots, extra slots and
closures generate the bookable slots (``shop.bookings.slots``). Where the service takes place
and how many sessions it holds are facts of the product sold (``shop.bookings.choices``), read
here, never stored twice. A ``Booking`` holds one place
in each of its sessions' slots: held while the basket is checked out, pending once ordered,
then confirmed or refused by the supplier. ``SlotCounter`` is the row locked to decide the
last place of a slot.
"""

from django.conf import settings
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from shop.bookings.choices import ServicePlace


class ServiceCalendar(models.Model):
    Where = ServicePlace

    stockrecord = models.OneToOneField(
        "partner.StockRecord",
        verbose_name=_("stock record"),
        on_delete=models.CASCADE,
        related_name="service_calendar",
    )
    # Denormalised from the stock record, so every query is scoped by partner without a join.
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("supplier"),
        on_delete=models.CASCADE,
        related_name="service_calendars",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="service_calendars",
    )
    slot_minutes = models.PositiveIntegerField(_("slot length (minutes)"), default=60)
    default_capacity = models.PositiveIntegerField(_("places per slot"), default=1)
    min_notice_hours = models.PositiveIntegerField(_("minimum notice (hours)"), default=24)
    horizon_days = models.PositiveIntegerField(_("bookable up to (days ahead)"), default=60)
    cancel_free_hours = models.PositiveIntegerField(
        _("free cancellation up to (hours before)"),
        default=48,
        help_text=_("Later than this the buyer can no longer cancel; shown before buying."),
    )
    confirm_within_hours = models.PositiveIntegerField(
        _("supplier answers within (hours)"),
        null=True,
        blank=True,
        help_text=_("Empty: the shop's default (SHOP_BOOKING_CONFIRM_HOURS)."),
    )
    session_every_days = models.PositiveIntegerField(
        _("days between sessions"),
        default=7,
        help_text=_("1: the following opening days; 7: the same slot each week."),
    )
    is_active = models.BooleanField(_("bookable"), default=True)

    class Meta:
        verbose_name = _("service calendar")
        verbose_name_plural = _("service calendars")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slot_minutes__gt=0), name="bookings_calendar_slot_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(session_every_days__gt=0), name="bookings_calendar_every_positive"
            ),
        ]

    def __str__(self):
        return str(self.product)

    @property
    def where(self) -> str:
        return self.product.service_place

    def get_where_display(self) -> str:
        return self.product.get_service_place_display()

    @property
    def session_count(self) -> int:
        return self.product.session_count

    @property
    def is_home(self) -> bool:
        return self.where == ServicePlace.HOME

    @property
    def is_multi_session(self) -> bool:
        return self.session_count > 1


class OpeningWindow(models.Model):
    """Opening hours of one day, split into slots of the calendar's length."""

    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))
    capacity = models.PositiveIntegerField(
        _("places per slot"), null=True, blank=True, help_text=_("Empty: the calendar's default.")
    )

    class Meta:
        abstract = True


class WeeklySlot(OpeningWindow):
    """An opening window on one weekday, split into slots of the calendar's length."""

    calendar = models.ForeignKey(ServiceCalendar, on_delete=models.CASCADE, related_name="weekly_slots")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )

    class Meta:
        verbose_name = _("weekly slot")
        verbose_name_plural = _("weekly slots")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="bookings_weekly_end_after_start"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Closure(models.Model):
    """Days without slots (holidays, leave), both ends included."""

    calendar = models.ForeignKey(ServiceCalendar, on_delete=models.CASCADE, related_name="closures")
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["date_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_to__gte=models.F("date_from")), name="bookings_closure_to_after_from"
            )
        ]

    def __str__(self):
        return f"{self.date_from}–{self.date_to}"


class LocalFeastDay(models.Model):
    """A feast day of the supplier's town (its patron saint): no slot of that supplier, every year."""

    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("supplier"),
        on_delete=models.CASCADE,
        related_name="local_feast_days",
    )
    month = models.PositiveSmallIntegerField(_("month"))
    day = models.PositiveSmallIntegerField(_("day"))
    name = models.CharField(_("feast"), max_length=120)

    class Meta:
        verbose_name = _("local feast day")
        verbose_name_plural = _("local feast days")
        ordering = ["month", "day"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "month", "day"], name="bookings_feast_once_per_day"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31),
                name="bookings_feast_valid_date",
            ),
        ]

    def __str__(self):
        return f"{self.day:02d}/{self.month:02d} {self.name}"

    @property
    def month_name(self) -> str:
        return str(MONTHS[self.month])


class ExtraSlot(OpeningWindow):
    """An opening outside the weekly pattern, split into slots like a weekly one."""

    calendar = models.ForeignKey(ServiceCalendar, on_delete=models.CASCADE, related_name="extra_slots")
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("extra slot")
        verbose_name_plural = _("extra slots")
        ordering = ["date", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="bookings_extra_end_after_start"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.start:%H:%M}–{self.end:%H:%M}"


class Booking(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("held in the basket")
        PENDING = "pending", _("waiting for the supplier")
        CONFIRMED = "confirmed", _("confirmed")
        REFUSED = "refused", _("refused by the supplier")
        EXPIRED = "expired", _("not answered in time")
        CANCELLED = "cancelled", _("cancelled")
        RELEASED = "released", _("released")

    # A place in the slot is taken while a booking is in one of these statuses (a HELD one
    # only until ``held_until``).
    TAKING = (Status.HELD, Status.PENDING, Status.CONFIRMED)
    ANSWERABLE = (Status.PENDING,)

    reference = models.CharField(_("reference"), max_length=12, unique=True)
    calendar = models.ForeignKey(ServiceCalendar, on_delete=models.PROTECT, related_name="bookings")
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="bookings"
    )
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("service"), on_delete=models.PROTECT, related_name="bookings"
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="bookings"
    )
    basket_line = models.ForeignKey(
        "basket.Line", null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    order_line = models.ForeignKey(
        "order.Line", null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.HELD)
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)
    respond_by = models.DateTimeField(_("supplier answers by"), null=True, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    # First session's start and last session's end, copied for ordering and the reminder job.
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supplier_note = models.TextField(_("supplier's note"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # A confirmed booking of a supplier that may no longer sell waits for the manager to keep
    # or cancel it (shop.bookings.services.bookings_supplier_stopped, booking_review).
    review_requested_at = models.DateTimeField(_("sent to the manager's review"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed by the manager"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "held_until"]),
            models.Index(fields=["status", "respond_by"]),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_home(self) -> bool:
        return self.product.service_place == ServicePlace.HOME


class BookingSession(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start"]
        indexes = [models.Index(fields=["start"])]

    def __str__(self):
        return f"{self.booking} {self.start:%Y-%m-%d %H:%M}"


class SlotCounter(models.Model):
    """One row per slot that was ever booked: locked (select_for_update) while deciding a place.

    ``taken`` is the count of places taken after the last change, kept for the dashboard;
    the decision itself recounts the sessions under the lock.
    """

    calendar = models.ForeignKey(ServiceCalendar, on_delete=models.CASCADE, related_name="counters")
    start = models.DateTimeField()
    taken = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["calendar", "start"], name="bookings_counter_unique_slot")
        ]

    def __str__(self):
        return f"{self.calendar_id} {self.start:%Y-%m-%d %H:%M}: {self.taken}"
