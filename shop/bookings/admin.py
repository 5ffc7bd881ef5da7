"""Admin: calendars with their windows, and bookings read-only (they change only through the
services, so refunds and emails are never skipped)."""

from django.contrib import admin

from shop.bookings.models import (
    Booking,
    BookingSession,
    Closure,
    ExtraSlot,
    LocalFeastDay,
    ServiceCalendar,
    WeeklySlot,
)


class WeeklySlotInline(admin.TabularInline):
    model = WeeklySlot
    fields = ("weekday", "start", "end", "capacity")
    extra = 0


class ExtraSlotInline(admin.TabularInline):
    model = ExtraSlot
    fields = ("date", "start", "end", "capacity")
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


@admin.register(ServiceCalendar)
class ServiceCalendarAdmin(admin.ModelAdmin):
    list_display = (
        "product",
        "partner",
        "where",
        "slot_minutes",
        "default_capacity",
        "session_count",
        "is_active",
    )
    list_select_related = ("product", "partner")
    list_filter = ("product__service_place", "is_active")
    search_fields = ("product__title", "partner__name")
    raw_id_fields = ("stockrecord", "partner", "product")
    inlines = [WeeklySlotInline, ExtraSlotInline, ClosureInline]


class BookingSessionInline(admin.TabularInline):
    model = BookingSession
    extra = 0
    can_delete = False
    readonly_fields = ("start", "end")


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("reference", "product", "partner", "buyer", "status", "starts_at", "respond_by")
    list_filter = ("status",)
    search_fields = ("reference", "product__title", "partner__name", "buyer__email")
    inlines = [BookingSessionInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LocalFeastDay)
class LocalFeastDayAdmin(admin.ModelAdmin):
    list_display = ("partner", "day", "month", "name")
    list_filter = ("partner",)
