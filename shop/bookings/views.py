"""Buyer pages: book a slot (adds the line to the basket), own bookings, cancellation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from shop.bookings import notifications, selectors, services
from shop.bookings.exceptions import BookingError
from shop.bookings.panel import booking_panel

Product = get_model("catalogue", "Product")


class BookView(LoginRequiredMixin, generic.TemplateView):
    """GET: the service's days and slots; POST: hold the slot and add the line to the basket."""

    template_name = "bookings/book.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.product = get_object_or_404(Product._default_manager.browsable(), pk=kwargs["pk"])
        self.calendar = selectors.calendar_for_product(product=self.product)
        if self.calendar is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "panel",
            booking_panel(calendar=self.calendar, day=self.request.GET.get("giorno"), user=self.request.user),
        )
        return super().get_context_data(product=self.product, calendar=self.calendar, **kwargs)

    def post(self, request, *args, **kwargs):
        panel = booking_panel(calendar=self.calendar, data=request.POST)
        form = panel.form
        if form.is_valid():
            try:
                booking = services.booking_add_to_basket(
                    basket=request.basket,
                    calendar=self.calendar,
                    buyer=request.user,
                    start=form.cleaned_data["slot"],
                    municipality=form.cleaned_data.get("municipality"),
                    address=form.cleaned_data.get("address", ""),
                )
            except BookingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("%(service)s booked for %(when)s: the slot is held for you while you check out.")
                    % {"service": self.product.get_title(), "when": notifications.when_text(booking)},
                )
                return redirect("basket:summary")
        return self.render_to_response(self.get_context_data(panel=panel), status=200)


class MyBookingsView(LoginRequiredMixin, generic.TemplateView):
    template_name = "bookings/my_bookings.html"

    def get_context_data(self, **kwargs):
        upcoming, past = selectors.bookings_upcoming_and_past(user=self.request.user)
        return super().get_context_data(upcoming=upcoming, past=past, active_tab="bookings", **kwargs)


class OwnBookingMixin(LoginRequiredMixin):
    def get_booking(self):
        # Another buyer's reference answers 404, like one that does not exist.
        return get_object_or_404(
            selectors.bookings_for_buyer(user=self.request.user), reference=self.kwargs["reference"]
        )


class BookingDetailView(OwnBookingMixin, generic.TemplateView):
    template_name = "bookings/detail.html"

    def get_context_data(self, **kwargs):
        booking = self.get_booking()
        return super().get_context_data(
            booking=booking,
            cancellable=selectors.booking_cancellable(booking=booking),
            where=notifications.where_text(booking),
            sessions=[notifications.session_text(s.start, s.end) for s in booking.sessions.all()],
            active_tab="bookings",
            **kwargs,
        )


class BookingCancelView(OwnBookingMixin, generic.View):
    def post(self, request, *args, **kwargs):
        booking = self.get_booking()
        try:
            services.booking_cancel(booking=booking, by=request.user)
        except BookingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Booking %(reference)s cancelled: you have been refunded.")
                % {"reference": booking.reference},
            )
        return redirect(reverse("bookings:detail", args=[booking.reference]))


class BookingIcsView(OwnBookingMixin, generic.View):
    def get(self, request, *args, **kwargs):
        booking = self.get_booking()
        if booking.status != booking.Status.CONFIRMED:
            raise Http404
        response = HttpResponse(
            notifications.booking_ics(booking), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="prenotazione-{booking.reference}.ics"'
        return response
