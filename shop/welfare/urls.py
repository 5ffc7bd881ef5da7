from django.urls import path

from shop.welfare import fiscal_views, views

app_name = "welfare"

urlpatterns = [
    path("welfare/", views.WalletView.as_view(), name="wallet"),
    path("hr/welfare/plans/", views.HRPlanListView.as_view(), name="hr-plan-list"),
    path("hr/welfare/plans/new/", views.HRPlanCreateView.as_view(), name="hr-plan-create"),
    path("hr/welfare/plans/<int:pk>/", views.HRPlanDetailView.as_view(), name="hr-plan-detail"),
    path("hr/welfare/plans/<int:pk>/fund/", views.HRPlanFundView.as_view(), name="hr-plan-fund"),
    path("welfare/fringe/", fiscal_views.FringeView.as_view(), name="fringe"),
    path("welfare/claims/", fiscal_views.ClaimListView.as_view(), name="claim-list"),
    path(
        "welfare/wallets/<int:wallet_pk>/claims/new/",
        fiscal_views.ClaimCreateView.as_view(),
        name="claim-create",
    ),
    path("welfare/claims/<int:pk>/", fiscal_views.ClaimDetailView.as_view(), name="claim-detail"),
    path("welfare/claims/<int:pk>/receipt/", fiscal_views.ClaimReceiptView.as_view(), name="claim-receipt"),
    path("dashboard/welfare/claims/", fiscal_views.ClaimReviewListView.as_view(), name="claim-review-list"),
    path(
        "dashboard/welfare/claims/<int:pk>/",
        fiscal_views.ClaimReviewDetailView.as_view(),
        name="claim-review-detail",
    ),
    path(
        "dashboard/welfare/claims/<int:pk>/receipt/",
        fiscal_views.ClaimReviewReceiptView.as_view(),
        name="claim-review-receipt",
    ),
    path("hr/welfare/payroll/", fiscal_views.PayrollView.as_view(), name="hr-payroll"),
    path("hr/welfare/categories/", fiscal_views.HRCategoriesView.as_view(), name="hr-categories"),
]
