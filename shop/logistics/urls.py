from django.urls import path

from shop.logistics import views

app_name = "logistics"

urlpatterns = [
    # Operators
    path("", views.RoundListView.as_view(), name="round-list"),
    path("giri/<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("giri/<int:pk>/chiudi/", views.RoundCloseView.as_view(), name="round-close"),
    path("giri/<int:pk>/etichette.pdf", views.RoundLabelsPdfView.as_view(), name="round-labels"),
    path("giri/<int:pk>/foglio-consegna.pdf", views.RoundSheetPdfView.as_view(), name="round-sheet"),
    path("lavoro/", views.WorkOverviewView.as_view(), name="work"),
    path("tirocinanti/", views.TraineeListView.as_view(), name="trainees"),
    path("tirocinanti/<int:pk>/apri-sessione/", views.SessionOpenView.as_view(), name="session-open"),
    path("sessioni/<int:pk>/chiudi/", views.SessionCloseView.as_view(), name="session-close"),
    # Packing station (tablet)
    path("postazione/", views.StationView.as_view(), name="station"),
    path("postazione/prendi-scatola/", views.StationStartView.as_view(), name="station-start"),
    path("postazione/voce/<int:item_id>/", views.StationItemView.as_view(), name="station-item"),
    path("postazione/indietro/", views.StationUndoView.as_view(), name="station-undo"),
    path("postazione/chiudi-scatola/", views.StationCloseBoxView.as_view(), name="station-close-box"),
    path("postazione/fine/", views.StationEndView.as_view(), name="station-end"),
    path("postazione/arrivederci/", views.StationByeView.as_view(), name="station-bye"),
    # Delivery
    path("consegne/", views.DeliveryRoundsView.as_view(), name="delivery-rounds"),
    path("consegne/giri/<int:pk>/", views.DeliveryRoundView.as_view(), name="delivery-round"),
    path("consegne/scatole/<int:pk>/", views.DeliveryBoxView.as_view(), name="delivery-box"),
    # Buyers
    path("le-mie-consegne/", views.MyDeliveriesView.as_view(), name="my-deliveries"),
]
