from django.urls import path

from .views import parking, passes

app_name = "occupancy"

urlpatterns = [
    path("gate/", passes.GateView.as_view(), name="gate"),
    path("passes/", passes.ReleasePassListView.as_view(), name="releasepass_list"),
    path("passes/add/", passes.ReleasePassCreateView.as_view(), name="releasepass_add"),
    path("passes/<int:pk>/", passes.ReleasePassDetailView.as_view(), name="releasepass_detail"),
    path("passes/<int:pk>/pdf/", passes.ReleasePassPdfView.as_view(), name="releasepass_pdf"),
    path(
        "passes/<int:pk>/action/",
        passes.ReleasePassCommandView.as_view(),
        name="releasepass_action",
    ),
    path(
        "parking-agreements/",
        parking.ParkingAgreementListView.as_view(),
        name="parkingagreement_list",
    ),
    path(
        "parking-agreements/add/",
        parking.ParkingAgreementCreateView.as_view(),
        name="parkingagreement_add",
    ),
    path(
        "parking-agreements/<int:pk>/",
        parking.ParkingAgreementDetailView.as_view(),
        name="parkingagreement_detail",
    ),
    path(
        "parking-agreements/<int:pk>/pdf/",
        parking.ParkingAgreementPdfView.as_view(),
        name="parkingagreement_pdf",
    ),
]
