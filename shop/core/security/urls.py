from django.urls import path

from shop.core.security import views

app_name = "security"
urlpatterns = [
    path("2fa/setup/", views.TwoFactorSetupView.as_view(), name="2fa-setup"),
    path("2fa/verify/", views.TwoFactorVerifyView.as_view(), name="2fa-verify"),
]
