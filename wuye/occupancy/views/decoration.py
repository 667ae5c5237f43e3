"""Decoration (OCC-03): the applications and permits, one permit's page (review, deposit and
permit, workers), the printed permit with its QR code and the workers' passes."""

import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View

from wuye.core import pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.models import restricted
from wuye.core.photos import document_response
from wuye.core.qr import qr_svg
from wuye.core.validators import mask_id_number
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)

from .. import filtersets, forms, tables
from ..choices import InspectionAction, PermitAction, PermitStatus
from ..commands import INSPECTION_COMMANDS, PERMIT_COMMANDS
from ..models import DecorationDrawing, DecorationInspection, DecorationPermit
from ..services import decoration
from ..services.vacant import settings_for

# The forms a permit's page shows, by the command each posts.
PAGE_FORMS = {
    PermitAction.APPROVE: ("approve_form", forms.ReviewPermitForm),
    PermitAction.REJECT: ("reject_form", forms.RejectPermitForm),
    PermitAction.ISSUE: ("issue_form", forms.IssuePermitForm),
    PermitAction.ADD_WORKER: ("worker_form", forms.AddWorkerForm),
    PermitAction.INSPECT: ("patrol_form", forms.PatrolForm),
    PermitAction.COMPLETE: ("complete_form", forms.CompletePermitForm),
}


class DecorationPermitMixin(ScopedObjectMixin):
    model = DecorationPermit
    perm_prefix = "occupancy.decoration"
    url_base = "occupancy:decorationpermit"
    related = (
        "unit__building",
        "reviewed_by",
        "deposit__payment__receipt",
        "refund",
        "created_by",
    )
    page_actions = ("view", "change")  # applied for here; moved on by its commands


class DecorationPermitListView(DecorationPermitMixin, ObjectListView):
    filterset_class = filtersets.DecorationPermitFilterSet
    table_class = tables.DecorationPermitTable


class DecorationPermitCreateView(DecorationPermitMixin, ObjectEditView):
    form_class = forms.DecorationPermitForm
    create_service = decoration.apply_permit


class DecorationPermitDetailView(CommandPageMixin, DecorationPermitMixin, ObjectDetailView):
    commands = PERMIT_COMMANDS
    page_forms = {action: key for action, (key, _form) in PAGE_FORMS.items()}
    template_name = "occupancy/decorationpermit_detail.html"
    detail_fields = [
        "number",
        *(name for name in forms.DecorationPermitForm.Meta.fields if name != "scope"),
        "status",
        "review_note",
        "reviewed_by",
        "reviewed_at",
        "deposit",
        "issued_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        permit = self.object
        allowed = {c.name for c in self.commands if c.allowed(self.access)}
        status = permit.status
        offered = {
            PermitAction.APPROVE: status == PermitStatus.APPLIED,
            PermitAction.REJECT: status in (PermitStatus.APPLIED, PermitStatus.APPROVED),
            PermitAction.ISSUE: status == PermitStatus.APPROVED,
            PermitAction.ADD_WORKER: status in (PermitStatus.APPROVED, PermitStatus.ISSUED),
            PermitAction.INSPECT: status == PermitStatus.ISSUED,
            PermitAction.COMPLETE: status == PermitStatus.ISSUED,
        }
        settings = settings_for(self.access.community)
        initial = {
            PermitAction.ISSUE: {
                "deposit": settings.decoration_deposit,
                "idempotency_key": uuid.uuid4().hex,
                "channel": "cash",
            }
        }
        for action, (key, form_class) in PAGE_FORMS.items():
            if action in allowed and offered[action]:
                context.setdefault(key, form_class(initial=initial.get(action)))
        context["workers"] = [
            (worker, mask_id_number(worker.id_number)) for worker in permit.workers.all()
        ]
        context["settings"] = settings
        context["inspections"] = permit.inspections.all()
        context["drawings"] = permit.drawings.all()
        context["can_print"] = status in (PermitStatus.ISSUED, PermitStatus.COMPLETED)
        context["can_refund"] = (
            PermitAction.REFUND in allowed
            and status == PermitStatus.COMPLETED
            and permit.refund_id is None
        )
        return context


class DecorationPermitPdfView(DecorationPermitMixin, ObjectDetailView):
    """The permit (装修许可证) to post at the door, with its QR code and the community's rules;
    the workers' passes follow on the next page."""

    def get(self, request, *args, **kwargs):
        permit = self.get_object()
        context = {
            "object": permit,
            "community": self.access.community,
            "settings": settings_for(self.access.community),
            "qr": qr_svg(permit.number, scale=3),
            "workers": [
                (worker, mask_id_number(worker.id_number), qr_svg(worker.pass_number, scale=2))
                for worker in permit.workers.all()
            ],
        }
        data = pdf.render_pdf("occupancy/decorationpermit_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"装修许可证-{permit.number}.pdf")


class DecorationInspectionMixin(ScopedObjectMixin):
    model = DecorationInspection
    perm_prefix = "occupancy.decoration"
    url_base = "occupancy:decorationinspection"
    related = ("permit__unit", "created_by")
    page_actions = ("view",)

    def list_crumb(self):
        return (
            DecorationPermit._meta.verbose_name_plural,
            reverse("occupancy:decorationpermit_list"),
        )


class DecorationInspectionDetailView(CommandPageMixin, DecorationInspectionMixin, ObjectDetailView):
    commands = INSPECTION_COMMANDS
    template_name = "occupancy/decorationinspection_detail.html"
    detail_fields = [
        "permit",
        "inspected_at",
        "violation",
        "findings",
        "notice_number",
        "deadline",
        "rectified_at",
        "rectified_note",
        "created_by",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_rectify"] = self.object.open and self.commands[
            InspectionAction.RECTIFIED
        ].allowed(self.access)
        context.setdefault("rectified_form", forms.RectifiedForm())
        return context


class DecorationInspectionPhotoView(StoredFileView):
    """A patrol's photo, only to those who may see the decoration."""

    model = DecorationInspection
    permission = "occupancy.decoration.view"


class RectificationNoticePdfView(DecorationInspectionMixin, ObjectDetailView):
    """The rectification notice (整改通知书) for a violation, with its deadline."""

    def get(self, request, *args, **kwargs):
        inspection = self.get_object()
        if not inspection.violation:
            raise Http404
        context = {
            "object": inspection,
            "permit": inspection.permit,
            "community": self.access.community,
            "settings": settings_for(self.access.community),
        }
        data = pdf.render_pdf("occupancy/rectification_notice_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"整改通知书-{inspection.notice_number}.pdf")


class DecorationDrawingView(AccessMixin, View):
    """A drawing handed in with the application, only to those who may see the decoration: a
    photo shown, a PDF downloaded."""

    model = DecorationDrawing
    permission = "occupancy.decoration.view"

    def get(self, request, pk):
        drawing = get_object_or_404(restricted(DecorationDrawing, self.access), pk=pk)
        return document_response(drawing.file)
