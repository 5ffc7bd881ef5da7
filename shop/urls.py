from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from shop.storefront import views as storefront_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", storefront_views.HomeView.as_view(), name="home"),
    path("", include("shop.charter.urls")),
    path("security/", include("shop.core.security.urls")),
    path("", include("shop.eligibility.urls")),
    path("", include("shop.welfare.urls")),
    path("dashboard/territory/", include("shop.km0.urls")),
    path("logistica/", include("shop.logistics.urls")),
    path("", include("shop.needs.urls")),
    path("", include("shop.reports.urls")),
    path("", include("shop.bookings.urls")),
    path("dashboard/prenotazioni/", include("shop.bookings.dashboard.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.SERVE_MEDIA:
    # Demo and development only: in production nginx serves media (deploy/nginx.conf).
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
