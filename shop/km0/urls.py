from django.urls import path

from shop.km0 import views

app_name = "km0"

urlpatterns = [
    path("coverage/", views.CoverageMapView.as_view(), name="coverage-map"),
    path("km0-share/", views.Km0ShareMapView.as_view(), name="share-map"),
]
