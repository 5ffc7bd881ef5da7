from django.urls import path

from shop.needs import views

app_name = "needs"

urlpatterns = [
    # The employee's own household profile
    path("accounts/famiglia/", views.HouseholdView.as_view(), name="household"),
    path("accounts/famiglia/modifica/", views.HouseholdEditView.as_view(), name="household-edit"),
    path("accounts/famiglia/esporta/", views.HouseholdExportView.as_view(), name="household-export"),
    path("accounts/famiglia/elimina/", views.HouseholdDeleteView.as_view(), name="household-delete"),
    # Emergencies
    path("urgente/", views.UrgentView.as_view(), name="urgent"),
    path("urgente/richieste/", views.MyUrgentRequestsView.as_view(), name="my-requests"),
    path(
        "urgente/<slug:slug>/<str:place>/<int:product>/<int:partner>/",
        views.UrgentRequestView.as_view(),
        name="urgent-request",
    ),
    # The supplier's answers, inside Oscar's dashboard
    path("dashboard/richieste-urgenti/", views.SupplierRequestsView.as_view(), name="supplier-requests"),
    path(
        "dashboard/richieste-urgenti/<int:pk>/risposta/",
        views.SupplierAnswerView.as_view(),
        name="supplier-answer",
    ),
    # The manager's pages
    path("dashboard/bisogni/", views.NeedListView.as_view(), name="dashboard-needs"),
    path("dashboard/bisogni/nuovo/", views.NeedEditView.as_view(), name="dashboard-need-create"),
    path("dashboard/bisogni/<int:pk>/", views.NeedEditView.as_view(), name="dashboard-need"),
    path("dashboard/bisogni/copertura/", views.CoverageView.as_view(), name="dashboard-coverage"),
]
