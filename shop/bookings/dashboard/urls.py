"""The bookings pages of the partner dashboard, under /dashboard/prenotazioni/."""

from django.urls import path

from shop.bookings.dashboard import views

app_name = "bookings-dashboard"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/conferma/", views.BookingAnswerView.as_view(accept=True), name="confirm"),
    path("<int:pk>/rifiuta/", views.BookingAnswerView.as_view(accept=False), name="refuse"),
    path("<int:pk>/mantieni/", views.BookingReviewView.as_view(keep=True), name="review-keep"),
    path("<int:pk>/annulla/", views.BookingReviewView.as_view(keep=False), name="review-cancel"),
    path("calendari/", views.CalendarListView.as_view(), name="calendars"),
    path("calendari/<int:record>/", views.CalendarEditView.as_view(), name="calendar"),
    path("calendari/<int:record>/eccezioni/", views.ExceptionsView.as_view(), name="exceptions"),
    path(
        "calendari/<int:record>/chiusure/<int:pk>/elimina/",
        views.ExceptionDeleteView.as_view(kind="closure"),
        name="closure-delete",
    ),
    path(
        "calendari/<int:record>/aperture/<int:pk>/elimina/",
        views.ExceptionDeleteView.as_view(kind="extra"),
        name="extra-delete",
    ),
    path("feste-patronali/", views.FeastDaysView.as_view(), name="feast-days"),
    path("feste-patronali/<int:pk>/elimina/", views.FeastDayDeleteView.as_view(), name="feast-day-delete"),
    path("calendari/<int:record>/settimana/", views.WeekView.as_view(), name="week"),
]
