from django.urls import path

from shop.reports import views

app_name = "reports"

urlpatterns = [
    path("dashboard/report/", views.ManagerReportView.as_view(), name="manager"),
    path("dashboard/report/funder/", views.FunderReportView.as_view(), name="funder"),
    path("dashboard/report/funder/report.pdf", views.FunderPdfView.as_view(), name="funder-pdf"),
    path("dashboard/report/export/<slug:slug>.<str:fmt>", views.ManagerExportView.as_view(), name="export"),
    path("hr/report/", views.HRReportIndexView.as_view(), name="hr-report-index"),
    path("hr/<int:employer_pk>/report/", views.HRReportView.as_view(), name="hr-report"),
    path(
        "hr/<int:employer_pk>/report/export/<slug:slug>.<str:fmt>",
        views.HRExportView.as_view(),
        name="hr-export",
    ),
]
