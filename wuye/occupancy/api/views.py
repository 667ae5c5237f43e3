from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet, bind_form
from wuye.core.api.commands import command_actions, run_command
from wuye.core.api.fields import form_serializer
from wuye.estate.models import Unit

from .. import filtersets, forms
from ..choices import PassAction
from ..commands import (
    AGREEMENT_COMMANDS,
    DEFECT_COMMANDS,
    HANDOVER_COMMANDS,
    INSPECTION_COMMANDS,
    KEY_COMMANDS,
    LISTING_COMMANDS,
    MOVE_IN_COMMANDS,
    PASS_COMMANDS,
    PERMIT_COMMANDS,
    REQUEST_COMMANDS,
    SERVICE_ORDER_COMMANDS,
    VACANT_COMMANDS,
)
from ..models import (
    DecorationInspection,
    DecorationPermit,
    Handover,
    HandoverDefect,
    KeyHolding,
    Listing,
    MoveIn,
    MunicipalRequest,
    PaidService,
    ParkingAgreement,
    ReleasePass,
    ServiceOrder,
    VacantInspection,
)
from ..services import (
    decoration,
    handover,
    movein,
    municipal,
    parking,
    passes,
    vacant,
    valueadded,
)
from . import serializers


@command_actions(PASS_COMMANDS)
class ReleasePassViewSet(ScopedViewSet):
    """Release passes (放行条, OCC-04). POST release-passes/ applies for one; the actions
    approve, reject, cancel and verify (let out at the gate, once). At the gate, by the number
    scanned or typed: GET release-passes/lookup/?code= shows the pass, POST
    release-passes/verify/ lets it out (a second time: 409 with when and by whom)."""

    queryset = ReleasePass.objects.all()
    serializer_class = serializers.ReleasePassSerializer
    filterset_class = filtersets.ReleasePassFilterSet
    perm_prefix = "occupancy.pass"
    related = ("unit", "decided_by", "used_by")
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"lookup": "verify", "verify_code": "verify"}

    form_class = forms.ReleasePassForm
    create_service = passes.request_pass

    def _by_code(self, code):
        found = passes.find_pass(self.get_queryset(), code)
        if found is None:
            raise exceptions.NotFound(
                _("There is no pass “%(code)s” in this service center: do not let the items out.")
                % {"code": str(code)[:30]}
            )
        return found

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "code", str, required=True, description="the pass number, scanned or typed"
            )
        ],
        responses=serializers.GatePassSerializer,
    )
    @action(detail=False, methods=["get"])
    def lookup(self, request):
        """The pass a scanned or typed number names, as the gate sees it (nothing changes)."""
        code = request.query_params.get("code", "")
        if not code.strip():
            raise exceptions.ValidationError({"code": [_("Type or scan the pass number.")]})
        return Response(serializers.GatePassSerializer(self._by_code(code)).data)

    @extend_schema(
        operation_id="v1_release_passes_verify_by_code",
        request=form_serializer(forms.GateCodeForm),
        responses=serializers.GatePassSerializer,
    )
    @action(detail=False, methods=["post"], url_path="verify")
    def verify_code(self, request):
        """Let the items out on the pass with this number: once. A second verification is
        refused (409, code `already_used`) with when and by whom it was used."""
        form = bind_form(forms.GateCodeForm, request)
        target = self._by_code(form.cleaned_data["code"])
        used = run_command(PASS_COMMANDS[PassAction.VERIFY], target, request)
        return Response(serializers.GatePassSerializer(used).data)


@command_actions(AGREEMENT_COMMANDS)
class ParkingAgreementViewSet(ScopedViewSet):
    """Parking agreements (OCC-06). POST parking-agreements/ signs one (a space already under
    an agreement in the period: 400 `overlap`) and bills it; POST …/{id}/cancel/ withdraws one
    none of whose fees is paid."""

    queryset = ParkingAgreement.objects.all()
    serializer_class = serializers.ParkingAgreementSerializer
    filterset_class = filtersets.ParkingAgreementFilterSet
    perm_prefix = "occupancy.parking"
    related = ("space__area", "unit")
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.ParkingAgreementForm
    create_service = parking.sign_agreement


@command_actions(REQUEST_COMMANDS)
class MunicipalRequestViewSet(ScopedViewSet):
    """Municipal service requests (OCC-08). POST municipal-requests/ registers one (a utility's
    fee is billed to the unit at the utility's price); …/{id}/forward/, complete/, cancel/."""

    queryset = MunicipalRequest.objects.all()
    serializer_class = serializers.MunicipalRequestSerializer
    filterset_class = filtersets.MunicipalRequestFilterSet
    perm_prefix = "occupancy.municipal"
    related = ("unit",)
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.MunicipalRequestForm
    create_service = municipal.register_request


@command_actions(
    VACANT_COMMANDS,
    answers={
        "inspect": (serializers.VacantInspectionSerializer, status.HTTP_201_CREATED),
        "receive_keys": (serializers.KeyHoldingSerializer, status.HTTP_201_CREATED),
    },
)
class VacantUnitViewSet(ScopedReadOnlyViewSet):
    """Vacant and unsold units and shops (OCC-05), with their last inspection and keys held.
    POST …/{id}/inspect/ (multipart, with `photo`) records an inspection — a problem becomes a
    work order —; POST …/{id}/receive-keys/ records keys handed to the service center."""

    queryset = Unit.objects.all()
    serializer_class = serializers.VacantUnitSerializer
    filterset_class = filtersets.VacantUnitFilterSet
    perm_prefix = "occupancy.vacant"
    http_method_names = ["get", "post", "head", "options"]
    walk_prepare = staticmethod(vacant.make_vacant_for_walk)

    def get_queryset(self):
        return vacant.vacant_units(super().get_queryset())


class VacantInspectionViewSet(ScopedReadOnlyViewSet):
    """Inspections of vacant units (OCC-05)."""

    queryset = VacantInspection.objects.all()
    serializer_class = serializers.VacantInspectionSerializer
    filterset_class = filtersets.VacantInspectionFilterSet
    perm_prefix = "occupancy.vacant"
    related = ("unit",)


@command_actions(KEY_COMMANDS)
class KeyHoldingViewSet(ScopedReadOnlyViewSet):
    """Keys of vacant units held by the service center; POST …/{id}/return/ gives them back."""

    queryset = KeyHolding.objects.all()
    serializer_class = serializers.KeyHoldingSerializer
    perm_prefix = "occupancy.vacant"
    related = ("unit",)
    http_method_names = ["get", "post", "head", "options"]


@command_actions(
    PERMIT_COMMANDS,
    answers={"inspect": (serializers.DecorationInspectionSerializer, status.HTTP_201_CREATED)},
)
class DecorationPermitViewSet(ScopedViewSet):
    """Decoration applications and permits (OCC-03). POST decoration-permits/ applies; the
    actions approve or reject after review, issue (the deposit taken at the counter — it needs
    the cashier's permission and an `idempotency_key` — and a management fee billed),
    add-worker, inspect (a patrol; multipart with `photo`; a violation gets a notice and a
    deadline), complete (the completion check with deductions) and refund (the deposit refund
    asked of finance through billing)."""

    queryset = DecorationPermit.objects.all()
    serializer_class = serializers.DecorationPermitSerializer
    filterset_class = filtersets.DecorationPermitFilterSet
    perm_prefix = "occupancy.decoration"
    related = ("unit", "deposit")
    prefetch = ("workers",)
    http_method_names = ["get", "post", "head", "options"]
    upload_actions = {"create": ("drawings",)}

    form_class = forms.DecorationPermitForm
    create_service = decoration.apply_permit


@command_actions(INSPECTION_COMMANDS)
class DecorationInspectionViewSet(ScopedReadOnlyViewSet):
    """Patrols of decorations and their rectification notices; POST …/{id}/rectified/ closes
    a notice."""

    queryset = DecorationInspection.objects.all()
    serializer_class = serializers.DecorationInspectionSerializer
    perm_prefix = "occupancy.decoration"
    http_method_names = ["get", "post", "head", "options"]


@command_actions(MOVE_IN_COMMANDS)
class MoveInViewSet(ScopedViewSet):
    """Move-ins (入伙, OCC-02). POST move-ins/ books one for the unit's owner; the actions arrive,
    complete (the checklist: documents, keys, cards, `reading_<meter id>` for each meter of the
    unit, months billed ahead — done once, a retry answers the move-in as it is) and cancel."""

    queryset = MoveIn.objects.all()
    serializer_class = serializers.MoveInSerializer
    filterset_class = filtersets.MoveInFilterSet
    perm_prefix = "occupancy.movein"
    related = ("unit", "first_bill")
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.MoveInForm
    create_service = movein.book_move_in


@command_actions(
    HANDOVER_COMMANDS,
    answers={
        "round": (serializers.HandoverRoundSerializer, status.HTTP_201_CREATED),
        "defect": (serializers.HandoverDefectSerializer, status.HTTP_201_CREATED),
    },
)
class HandoverViewSet(ScopedViewSet):
    """Handover acceptances from the developer (承接查验, OCC-01). POST handovers/ starts one
    with the standard checklist; the actions round (`check_<item id>`: passed or failed), defect
    (multipart with `photo`; forwarded to the developer as a work order under warranty) and
    accept (signed; open defects stay listed)."""

    queryset = Handover.objects.all()
    serializer_class = serializers.HandoverSerializer
    filterset_class = filtersets.HandoverFilterSet
    perm_prefix = "occupancy.handover"
    related = ("developer",)
    prefetch = ("checks", "rounds", "buildings")
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.HandoverForm
    create_service = handover.start_handover


@command_actions(DEFECT_COMMANDS)
class HandoverDefectViewSet(ScopedReadOnlyViewSet):
    """Defects of handovers; POST …/{id}/recheck/ records a re-inspection (fixed or not)."""

    queryset = HandoverDefect.objects.all()
    serializer_class = serializers.HandoverDefectSerializer
    filterset_class = filtersets.HandoverDefectFilterSet
    perm_prefix = "occupancy.handover"
    related = ("work_order",)
    http_method_names = ["get", "post", "head", "options"]


@command_actions(
    LISTING_COMMANDS,
    answers={"viewing": (serializers.ListingViewingSerializer, status.HTTP_201_CREATED)},
)
class ListingViewSet(ScopedViewSet):
    """Agency listings (代理出租、出售, OCC-07). POST listings/ (multipart with `photos`) lists a
    unit for its owner; the actions viewing, close (the agency fee is billed to the unit) and
    withdraw."""

    queryset = Listing.objects.all()
    serializer_class = serializers.ListingSerializer
    filterset_class = filtersets.ListingFilterSet
    perm_prefix = "occupancy.listing"
    related = ("unit",)
    prefetch = ("viewings", "photos")
    http_method_names = ["get", "post", "head", "options"]
    upload_actions = {"create": ("photos",)}

    form_class = forms.ListingForm
    create_service = valueadded.list_unit


class PaidServiceViewSet(ScopedReadOnlyViewSet):
    """The paid service catalog (家政、维修、搬家、开荒保洁…) with its prices."""

    queryset = PaidService.objects.all()
    serializer_class = serializers.PaidServiceSerializer
    filterset_class = filtersets.PaidServiceFilterSet
    perm_prefix = "occupancy.paidservice"


@command_actions(SERVICE_ORDER_COMMANDS)
class ServiceOrderViewSet(ScopedViewSet):
    """Paid service orders (OCC-07). POST service-orders/ orders one for a unit: billed at the
    catalog price and handed to customer service as a work order; cancel cancels both."""

    queryset = ServiceOrder.objects.all()
    serializer_class = serializers.ServiceOrderSerializer
    filterset_class = filtersets.ServiceOrderFilterSet
    perm_prefix = "occupancy.serviceorder"
    related = ("unit", "work_order")
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.ServiceOrderForm
    create_service = valueadded.order_service
