"""The supplier's side of bookings in Oscar's dashboard: calendars and the bookings inbox.

Every object is read through ``selectors`` scoped to the user: another supplier's calendar or
booking is a 404, a user who is neither a supplier nor the manager is refused (403).
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from shop.bookings.dashboard import selectors, services
from shop.bookings.dashboard.forms import (
    CalendarForm,
    ClosureForm,
    ExtraSlotForm,
    FeastDayForm,
    RefuseForm,
    WeeklySlotFormSet,
)
from shop.bookings.exceptions import BookingError
from shop.bookings.forms import day_or_none
from shop.bookings.models import ServiceCalendar
from shop.bookings.services import booking_confirm, booking_refuse, booking_review
from shop.bookings.slots import booking_zone
from shop.core.access import RoleRequiredMixin


class BookingsDashboardMixin(RoleRequiredMixin):
    """A supplier (its own partners) or the manager (every supplier)."""

    def has_role(self):
        return selectors.may_use_bookings_dashboard(self.request.user)


class StockRecordMixin(BookingsDashboardMixin):
    """``self.record``: a service of the user's partners; ``self.calendar``: its calendar or None."""

    needs_calendar = True

    def setup_scoped(self, request, **kwargs):
        self.record = get_object_or_404(
            selectors.service_records_for_user(user=request.user), pk=kwargs["record"]
        )
        self.calendar = (
            ServiceCalendar.objects.filter(stockrecord=self.record).select_related("product").first()
        )

    def refuse_early(self):
        if self.needs_calendar and self.calendar is None:
            # Closures, openings and the week need a calendar: its settings page comes first.
            messages.info(self.request, _("First set up the calendar of this service."))
            return redirect("bookings-dashboard:calendar", record=self.record.pk)
        return None

    def get_context_data(self, **kwargs):
        # The URL's ``record`` (an id) gives way to the stock record itself.
        kwargs.update(
            record=self.record,
            calendar=self.calendar,
            page_title=_("Calendar of “%(service)s”") % {"service": self.record.product.get_title()},
        )
        return super().get_context_data(**kwargs)


# --- The bookings inbox ------------------------------------------------------------------------


class InboxView(BookingsDashboardMixin, TemplateView):
    template_name = "bookings/dashboard/inbox.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        inbox = selectors.bookings_inbox(user=self.request.user, now=now)
        for bookings in inbox.values():
            for booking in bookings:
                booking.contact = selectors.buyer_contact(booking)
        return super().get_context_data(
            page_title=_("Bookings"),
            is_inbox=True,
            now=now,
            refuse_form=RefuseForm(),
            sees_all=selectors.sees_every_supplier(self.request.user),
            **inbox,
            **kwargs,
        )


class BookingAnswerView(BookingsDashboardMixin, View):
    """POST only: confirm or refuse (with a note) one pending booking of the user's partners."""

    accept = True

    def post(self, request, pk):
        # Scoped first: another supplier's booking is a 404, whatever the form says.
        booking = get_object_or_404(selectors.dashboard_bookings(user=request.user), pk=pk)
        try:
            if self.accept:
                booking = booking_confirm(booking=booking, by=request.user)
                text = _("Booking %(reference)s confirmed: the buyer was told by email.")
            else:
                form = RefuseForm(request.POST)
                if not form.is_valid():
                    messages.error(request, " ".join(form.errors["note"]))
                    return redirect("bookings-dashboard:inbox")
                booking = booking_refuse(booking=booking, by=request.user, note=form.cleaned_data["note"])
                text = _("Booking %(reference)s refused: the buyer was refunded and told by email.")
        except BookingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, text % {"reference": booking.reference})
        return redirect("bookings-dashboard:inbox")


class BookingReviewView(BookingsDashboardMixin, View):
    """POST only, the manager: keep or cancel (with a full refund) a confirmed booking of a
    supplier that may no longer sell. Suppliers get 403; a booking not in the queue, 404."""

    keep = True

    def post(self, request, pk):
        if not selectors.sees_every_supplier(request.user):
            raise PermissionDenied
        booking = get_object_or_404(selectors.bookings_to_review(user=request.user), pk=pk)
        try:
            booking = booking_review(booking=booking, by=request.user, keep=self.keep)
        except BookingError as exc:
            messages.error(request, str(exc))
        else:
            text = (
                _("Booking %(reference)s kept: its sessions take place as booked.")
                if self.keep
                else _("Booking %(reference)s cancelled: the buyer was refunded and told by email.")
            )
            messages.success(request, text % {"reference": booking.reference})
        return redirect("bookings-dashboard:inbox")


# --- Calendars ---------------------------------------------------------------------------------


class CalendarListView(BookingsDashboardMixin, TemplateView):
    template_name = "bookings/dashboard/calendars.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Service calendars"),
            records=selectors.service_records_for_user(user=self.request.user),
            **kwargs,
        )


class CalendarEditView(StockRecordMixin, TemplateView):
    """Settings and weekly windows of one service's calendar, created on the first save."""

    template_name = "bookings/dashboard/calendar_form.html"
    needs_calendar = False

    def _forms(self, data=None):
        instance = self.calendar or ServiceCalendar(stockrecord=self.record)
        return CalendarForm(data, instance=instance), WeeklySlotFormSet(
            data, instance=instance, prefix="weekly"
        )

    def get(self, request, *args, **kwargs):
        form, formset = self._forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        form, formset = self._forms(request.POST)
        if form.is_valid():
            formset.slot_minutes = form.cleaned_data["slot_minutes"]
        if form.is_valid() and formset.is_valid():
            try:
                services.calendar_save(
                    stockrecord=self.record, fields=form.cleaned_data, weekly=formset.windows()
                )
            except BookingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Calendar saved."))
                return redirect("bookings-dashboard:calendar", record=self.record.pk)
        messages.error(request, _("The calendar was not saved: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def get_context_data(self, **kwargs):
        served = self.record.partner.served_municipalities.order_by("name")
        return super().get_context_data(served=served, **kwargs)


class ExceptionsView(StockRecordMixin, TemplateView):
    """Closures and extra openings: listed and added (POST with ``kind``)."""

    template_name = "bookings/dashboard/exceptions.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(
                closure_form=ClosureForm(), extra_form=ExtraSlotForm(calendar=self.calendar)
            )
        )

    def post(self, request, *args, **kwargs):
        calendar = self.calendar
        closure_form, extra_form = ClosureForm(), ExtraSlotForm(calendar=calendar)
        try:
            if request.POST.get("kind") == "closure":
                closure_form = ClosureForm(request.POST)
                if closure_form.is_valid():
                    closure = services.closure_add(calendar=calendar, **closure_form.cleaned_data)
                    self._closure_added(closure)
                    return redirect("bookings-dashboard:exceptions", record=self.record.pk)
            else:
                extra_form = ExtraSlotForm(request.POST, calendar=calendar)
                if extra_form.is_valid():
                    services.extra_slot_add(calendar=calendar, **extra_form.cleaned_data)
                    messages.success(request, _("Extra opening added."))
                    return redirect("bookings-dashboard:exceptions", record=self.record.pk)
            messages.error(request, _("Nothing was saved: correct the fields marked below."))
        except BookingError as exc:
            messages.error(request, str(exc))
        return self.render_to_response(
            self.get_context_data(closure_form=closure_form, extra_form=extra_form)
        )

    def _closure_added(self, closure):
        messages.success(self.request, _("Closure added: no slot is offered on those days."))
        count = selectors.bookings_between(
            calendar=self.calendar, date_from=closure.date_from, date_to=closure.date_to
        ).count()
        if count:
            messages.warning(
                self.request,
                _(
                    "Bookings already made on those days: %(count)s. They stay as they are: refuse "
                    "the pending ones or agree another date with the buyers."
                )
                % {"count": count},
            )

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            closures=self.calendar.closures.filter(date_to__gte=today),
            extras=self.calendar.extra_slots.filter(date__gte=today),
            **kwargs,
        )


class ExceptionDeleteView(StockRecordMixin, View):
    """POST only: delete one closure (``kind`` = closure) or extra opening of this calendar."""

    kind = "closure"

    def post(self, request, record, pk):
        if self.kind == "closure":
            services.closure_delete(closure=get_object_or_404(self.calendar.closures, pk=pk))
            messages.success(request, _("Closure removed."))
        else:
            services.extra_slot_delete(extra=get_object_or_404(self.calendar.extra_slots, pk=pk))
            messages.success(request, _("Extra opening removed."))
        return redirect("bookings-dashboard:exceptions", record=self.record.pk)


class FeastDaysView(BookingsDashboardMixin, TemplateView):
    """The feast days of the supplier's town (its patron saint): listed and added. No slot of
    that supplier falls on them, every year, as on public holidays."""

    template_name = "bookings/dashboard/feast_days.html"

    def _form(self, data=None):
        return FeastDayForm(data, partners=selectors.partners_for_user(user=self.request.user))

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.feast_day_add(**form.cleaned_data)
            except BookingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Feast day added: no slot is offered on it, every year."))
                return redirect("bookings-dashboard:feast-days")
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Local feast days"),
            feasts=selectors.feast_days_for_user(user=self.request.user),
            **kwargs,
        )


class FeastDayDeleteView(BookingsDashboardMixin, View):
    """POST only: remove a feast day of one of the user's suppliers (another's is a 404)."""

    def post(self, request, pk):
        feast = get_object_or_404(selectors.feast_days_for_user(user=request.user), pk=pk)
        services.feast_day_delete(feast=feast)
        messages.success(request, _("Feast day removed."))
        return redirect("bookings-dashboard:feast-days")


class WeekView(StockRecordMixin, TemplateView):
    """The coming week's slots with places taken and left, and the bookings on those days."""

    template_name = "bookings/dashboard/week.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        first = day_or_none(self.request.GET.get("dal")) or today
        first = max(first, today)
        days = [first + datetime.timedelta(days=n) for n in range(7)]
        zone = booking_zone()
        by_day = {day: [] for day in days}
        for slot in selectors.week_slots(calendar=self.calendar, date_from=days[0], date_to=days[-1]):
            by_day.setdefault(slot.start.astimezone(zone).date(), []).append(slot)
        bookings = (
            selectors.dashboard_bookings(user=self.request.user)
            .filter(
                pk__in=selectors.bookings_between(calendar=self.calendar, date_from=days[0], date_to=days[-1])
            )
            .order_by("starts_at")
        )
        return super().get_context_data(
            days=[(day, by_day[day]) for day in days],
            week_bookings=bookings,
            previous=first - datetime.timedelta(days=7) if first > today else None,
            following=first + datetime.timedelta(days=7),
            **kwargs,
        )
