from django.urls import path

from shop.charter import views

app_name = "charter"

urlpatterns = [
    # Public
    path("fornitori/", views.SupplierListView.as_view(), name="supplier_list"),
    path("fornitori/candidatura/", views.ApplyView.as_view(), name="apply"),
    path("fornitori/carta-etica/", views.CharterTextView.as_view(), name="charter_text"),
    path("fornitori/<slug:code>/", views.SupplierDetailView.as_view(), name="supplier"),
    # The supplier's own pages, inside Oscar's dashboard
    path("dashboard/carta-etica/", views.MyCharterView.as_view(), name="mine"),
    path("dashboard/carta-etica/firma/", views.SignView.as_view(), name="sign"),
    path("dashboard/carta-etica/candidatura/", views.ResubmitView.as_view(), name="resubmit"),
    path("dashboard/carta-etica/servizi/<int:pk>/", views.ServiceTermsView.as_view(), name="service_terms"),
    # The manager's pages
    path("dashboard/carta-etica/domande/", views.QueueView.as_view(), name="queue"),
    path("dashboard/carta-etica/fornitori/", views.SuppliersView.as_view(), name="suppliers"),
    path("dashboard/carta-etica/fornitori/<int:pk>/", views.AdmissionDetailView.as_view(), name="admission"),
    path("dashboard/carta-etica/firme/<int:pk>/pdf/", views.SignaturePdfView.as_view(), name="signature_pdf"),
    path("dashboard/carta-etica/versioni/", views.VersionListView.as_view(), name="versions"),
    path("dashboard/carta-etica/versioni/nuova/", views.VersionCreateView.as_view(), name="version_create"),
    path("dashboard/carta-etica/versioni/<int:pk>/", views.VersionDetailView.as_view(), name="version"),
]
