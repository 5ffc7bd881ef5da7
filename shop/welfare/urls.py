from django.urls import path

from shop.welfare import views

app_name = "welfare"

urlpatterns = [
    path("welfare/", views.WalletView.as_view(), name="wallet"),
    path("hr/welfare/plans/", views.HRPlanListView.as_view(), name="hr-plan-list"),
    path("hr/welfare/plans/new/", views.HRPlanCreateView.as_view(), name="hr-plan-create"),
    path("hr/welfare/plans/<int:pk>/", views.HRPlanDetailView.as_view(), name="hr-plan-detail"),
    path("hr/welfare/plans/<int:pk>/fund/", views.HRPlanFundView.as_view(), name="hr-plan-fund"),
]
