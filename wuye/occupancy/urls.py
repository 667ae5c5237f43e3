from django.urls import path

from .views import (
    decoration,
    handover,
    movein,
    municipal,
    parking,
    passes,
    vacant,
    valueadded,
)

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
    path(
        "municipal/",
        municipal.MunicipalRequestListView.as_view(),
        name="municipalrequest_list",
    ),
    path(
        "municipal/add/",
        municipal.MunicipalRequestCreateView.as_view(),
        name="municipalrequest_add",
    ),
    path(
        "municipal/<int:pk>/",
        municipal.MunicipalRequestDetailView.as_view(),
        name="municipalrequest_detail",
    ),
    path("handovers/", handover.HandoverListView.as_view(), name="handover_list"),
    path("handovers/add/", handover.HandoverCreateView.as_view(), name="handover_add"),
    path("handovers/<int:pk>/", handover.HandoverDetailView.as_view(), name="handover_detail"),
    path("handovers/<int:pk>/pdf/", handover.HandoverPdfView.as_view(), name="handover_pdf"),
    path(
        "handovers/defects/",
        handover.HandoverDefectListView.as_view(),
        name="handoverdefect_list",
    ),
    path(
        "handovers/defects/<int:pk>/",
        handover.HandoverDefectDetailView.as_view(),
        name="handoverdefect_detail",
    ),
    path(
        "handovers/defects/<int:pk>/photo/",
        handover.HandoverDefectPhotoView.as_view(),
        name="handoverdefect_photo",
    ),
    path("listings/", valueadded.ListingListView.as_view(), name="listing_list"),
    path("listings/add/", valueadded.ListingCreateView.as_view(), name="listing_add"),
    path("listings/<int:pk>/", valueadded.ListingDetailView.as_view(), name="listing_detail"),
    path(
        "listings/photos/<int:pk>/",
        valueadded.ListingPhotoView.as_view(),
        name="listingphoto_image",
    ),
    path("paid-services/", valueadded.PaidServiceListView.as_view(), name="paidservice_list"),
    path("paid-services/add/", valueadded.PaidServiceEditView.as_view(), name="paidservice_add"),
    path(
        "paid-services/<int:pk>/",
        valueadded.PaidServiceDetailView.as_view(),
        name="paidservice_detail",
    ),
    path(
        "paid-services/<int:pk>/edit/",
        valueadded.PaidServiceEditView.as_view(),
        name="paidservice_edit",
    ),
    path("service-orders/", valueadded.ServiceOrderListView.as_view(), name="serviceorder_list"),
    path(
        "service-orders/add/",
        valueadded.ServiceOrderCreateView.as_view(),
        name="serviceorder_add",
    ),
    path(
        "service-orders/<int:pk>/",
        valueadded.ServiceOrderDetailView.as_view(),
        name="serviceorder_detail",
    ),
    path("move-ins/", movein.MoveInListView.as_view(), name="movein_list"),
    path("move-ins/add/", movein.MoveInCreateView.as_view(), name="movein_add"),
    path("move-ins/day/", movein.MoveInBoardView.as_view(), name="movein_board"),
    path("move-ins/<int:pk>/", movein.MoveInDetailView.as_view(), name="movein_detail"),
    path("move-ins/<int:pk>/pack/", movein.MoveInPackView.as_view(), name="movein_pdf"),
    path("vacant/", vacant.VacantUnitListView.as_view(), name="vacantunit_list"),
    path("vacant/<int:pk>/", vacant.VacantUnitDetailView.as_view(), name="vacantunit_detail"),
    path(
        "vacant/inspections/",
        vacant.VacantInspectionListView.as_view(),
        name="vacantinspection_list",
    ),
    path(
        "vacant/inspections/<int:pk>/",
        vacant.VacantInspectionDetailView.as_view(),
        name="vacantinspection_detail",
    ),
    path(
        "vacant/inspections/<int:pk>/photo/",
        vacant.VacantInspectionPhotoView.as_view(),
        name="vacantinspection_photo",
    ),
    path(
        "vacant/keys/<int:pk>/action/",
        vacant.KeyHoldingCommandView.as_view(),
        name="keyholding_action",
    ),
    path("settings/", vacant.OccupancySettingsView.as_view(), name="settings"),
    path(
        "decoration/",
        decoration.DecorationPermitListView.as_view(),
        name="decorationpermit_list",
    ),
    path(
        "decoration/add/",
        decoration.DecorationPermitCreateView.as_view(),
        name="decorationpermit_add",
    ),
    path(
        "decoration/<int:pk>/",
        decoration.DecorationPermitDetailView.as_view(),
        name="decorationpermit_detail",
    ),
    path(
        "decoration/<int:pk>/pdf/",
        decoration.DecorationPermitPdfView.as_view(),
        name="decorationpermit_pdf",
    ),
    path(
        "decoration/drawings/<int:pk>/",
        decoration.DecorationDrawingView.as_view(),
        name="decorationdrawing_file",
    ),
    path(
        "decoration/patrols/<int:pk>/",
        decoration.DecorationInspectionDetailView.as_view(),
        name="decorationinspection_detail",
    ),
    path(
        "decoration/patrols/<int:pk>/photo/",
        decoration.DecorationInspectionPhotoView.as_view(),
        name="decorationinspection_photo",
    ),
    path(
        "decoration/patrols/<int:pk>/notice/",
        decoration.RectificationNoticePdfView.as_view(),
        name="decorationinspection_notice",
    ),
]
