"""Buyer pages of bookings; the supplier's pages are in shop/bookings/dashboard/urls.py."""

from django.urls import path

from shop.bookings import views

app_name = "bookings"

urlpatterns = [
    path("prenotazioni/", views.MyBookingsView.as_view(), name="mine"),
    path("prenotazioni/prenota/<int:pk>/", views.BookView.as_view(), name="book"),
    path("prenotazioni/<str:reference>/", views.BookingDetailView.as_view(), name="detail"),
    path("prenotazioni/<str:reference>/annulla/", views.BookingCancelView.as_view(), name="cancel"),
    path("prenotazioni/<str:reference>/calendario.ics", views.BookingIcsView.as_view(), name="ics"),
]
