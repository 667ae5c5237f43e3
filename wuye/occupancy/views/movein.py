"""Move-in (OCC-02): the appointments, a batch move-in day's booking and its board, one
move-in's page with its checklist, and the move-in pack (PDF)."""

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.billing.models import Bill
from wuye.core import pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.errors import DomainError
from wuye.core.validators import mask_id_number
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import MoveInAction, MoveInStatus
from ..commands import MOVE_IN_COMMANDS
from ..models import MoveIn
from ..services import movein
from ..services.vacant import settings_for

# The forms a move-in's page shows, by the command each posts.
PAGE_FORMS: dict[str, str] = {
    MoveInAction.DEPOSIT: "deposit_form",
    MoveInAction.COMPLETE: "complete_form",
    MoveInAction.CANCEL: "cancel_form",
}


class MoveInMixin(ScopedObjectMixin):
    model = MoveIn
    perm_prefix = "occupancy.movein"
    url_base = "occupancy:movein"
    related = ("unit__building", "first_bill", "created_by")
    page_actions = ("view", "change")  # booked here; moved on by its commands


class MoveInListView(MoveInMixin, ObjectListView):
    filterset_class = filtersets.MoveInFilterSet
    table_class = tables.MoveInTable


class MoveInCreateView(MoveInMixin, ObjectEditView):
    form_class = forms.MoveInForm
    create_service = movein.book_move_in


class MoveInDetailView(CommandPageMixin, MoveInMixin, ObjectDetailView):
    commands = MOVE_IN_COMMANDS
    page_forms = PAGE_FORMS
    template_name = "occupancy/movein_detail.html"
    detail_fields = [
        "number",
        "unit",
        "owner_name",
        "owner_phone",
        "appointment_date",
        "appointment_time",
        "status",
        "arrived_at",
        "moved_in_on",
        "keys_count",
        "access_cards",
        "months_billed",
        "first_bill",
        "note",
        "completed_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        move_in = self.object
        allowed = {c.name for c in self.commands if c.allowed(self.access)}
        status = move_in.status
        open_ = status in (MoveInStatus.BOOKED, MoveInStatus.ARRIVED)
        context["can_arrive"] = MoveInAction.ARRIVE in allowed and status == MoveInStatus.BOOKED
        if MoveInAction.COMPLETE in allowed and open_:
            context.setdefault(
                "complete_form",
                forms.CompleteMoveInForm(
                    target=move_in,
                    access=self.access,
                    initial={
                        "moved_in_on": timezone.localdate(),
                        "months": settings_for(self.access.community).move_in_months,
                    },
                ),
            )
        if MoveInAction.DEPOSIT in allowed and status in (MoveInStatus.ARRIVED, MoveInStatus.DONE):
            context.setdefault(
                "deposit_form",
                forms.MoveInDepositForm(
                    initial={"idempotency_key": uuid.uuid4().hex, "channel": "cash"}
                ),
            )
        context["deposits"] = move_in.deposits.select_related("payment__receipt")
        if MoveInAction.CANCEL in allowed and open_:
            context.setdefault("cancel_form", forms.CancelMoveInForm())
        context["masked_id"] = mask_id_number(move_in.id_number) if move_in.id_number else ""
        context["can_print"] = status == MoveInStatus.DONE
        return context


class MoveInPackView(MoveInMixin, ObjectDetailView):
    """The move-in pack (入伙资料): the checklist as done, keys and cards, the meters' starting
    readings, the first bills to pay at the counter and the house rules to sign."""

    def get(self, request, *args, **kwargs):
        move_in = self.get_object()
        if move_in.status != MoveInStatus.DONE:
            messages.error(request, _("The pack is printed once the move-in is completed."))
            return redirect(move_in.get_absolute_url())
        bill = (
            Bill.objects.prefetch_related("lines__fee_item").get(pk=move_in.first_bill_id)
            if move_in.first_bill_id
            else None
        )
        context = {
            "object": move_in,
            "community": self.access.community,
            "settings": settings_for(self.access.community),
            "masked_id": mask_id_number(move_in.id_number) if move_in.id_number else "",
            "bill": bill,
            "deposits": move_in.deposits.select_related("payment__receipt"),
        }
        data = pdf.render_pdf("occupancy/movein_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"入伙资料-{move_in.number}.pdf")


def _day(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


class MoveInBoardView(AccessMixin, TemplateView):
    """A move-in day (集中入伙日): the day's queue in appointment order with its progress, and,
    for the desk's supervisor, the booking of a building's owners in time slots."""

    template_name = "occupancy/movein_board.html"
    permission = "occupancy.movein.view"
    title = gettext_lazy("Move-in day")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = _day(self.request.GET.get("day"))
        context["day"] = day
        context["previous_day"] = day - dt.timedelta(days=1)
        context["next_day"] = day + dt.timedelta(days=1)
        context.update(movein.day_board(self.access.community, day))
        context["can_book"] = self.access.has("occupancy.movein.change")
        if context["can_book"]:
            context.setdefault(
                "form",
                forms.MoveInDayForm(
                    access=self.access,
                    initial={"appointment_date": day, "first_time": dt.time(9, 0)},
                ),
            )
        return context

    def post(self, request):
        if not self.access.has("occupancy.movein.change"):
            raise PermissionDenied
        form = forms.MoveInDayForm(request.POST, access=self.access)
        if form.is_valid():
            try:
                booked = movein.book_move_in_day(
                    community=self.access.community, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("%(count)d move-ins booked.") % {"count": len(booked)})
                day = form.cleaned_data["appointment_date"]
                return redirect(f"{request.path}?day={day:%Y-%m-%d}")
        return self.render_to_response(self.get_context_data(form=form), status=400)
