"""Pages of the cashier's daily closing: the list, one closing, closing the day."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.commands import CommandMixin
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.views import AccessMixin, ObjectDetailView, ObjectListView, ScopedObjectMixin

from .. import closing as closing_services
from .. import filtersets, forms, tables
from ..choices import Channel, ClosingStatus
from ..commands import CLOSING_COMMANDS
from ..models import DailyClosing, Payment

# --- Daily closing and the daily collection report (BIL-12) --------------------------------------------


class DailyClosingMixin(ScopedObjectMixin):
    model = DailyClosing
    perm_prefix = "billing.closing"
    url_base = "billing:dailyclosing"
    related = ("cashier", "confirmed_by")

    page_actions = ("view",)


class DailyClosingListView(DailyClosingMixin, ObjectListView):
    filterset_class = filtersets.DailyClosingFilterSet
    table_class = tables.DailyClosingTable


class DailyClosingDetailView(CommandMixin, DailyClosingMixin, ObjectDetailView):
    commands = CLOSING_COMMANDS
    template_name = "billing/dailyclosing_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        closing = self.object
        context["channel_rows"] = [(Channel(k).label, v) for k, v in sorted(closing.totals.items())]
        context["can_confirm"] = (
            self.commands["confirm"].allowed(self.access)
            and closing.status == ClosingStatus.SUBMITTED
        )
        context["can_bank"] = (
            self.commands["bank"].allowed(self.access)
            and closing.status == ClosingStatus.CONFIRMED
            and not closing.bank_amount
        )
        context["return_form"] = forms.ReturnClosingForm()
        context["bank_form"] = forms.BankDepositForm(
            initial={"bank_amount": closing.counted_cash, "bank_date": timezone.localdate()}
        )
        return context

    def post(self, request, pk):
        return self.run_command(request, self.get_object())


class CloseDayView(AccessMixin, TemplateView):
    """The cashier's own day, counted blind: he types the cash he counted without being shown
    the system's figure; after he submits, the difference is shown. A count that differs
    stands — he explains it, he does not count again (finance may return the closing)."""

    template_name = "billing/close_day.html"
    permission = "billing.closing.change"
    title = gettext_lazy("Close my day")

    def todays_closing(self, day):
        return (
            DailyClosing.objects.for_access(self.access)
            .filter(cashier=self.request.user, business_date=day)
            .first()
        )

    def get_context_data(self, **kwargs):

        context = super().get_context_data(**kwargs)
        day = timezone.localdate()
        totals, count = closing_services.day_totals(self.access.community, self.request.user, day)
        closing = self.todays_closing(day)
        closed = closing is not None and closing.status in closing_services.LOCKING
        pending = (
            None
            if closed
            else closing_services.blind_count(
                community=self.access.community,
                cashier=self.request.user,
                day=day,
                closing=closing,
            )
        )
        cash_paid_out = closing_services.cash_paid_out(
            self.access.community, self.request.user, day
        )
        system_cash = totals.get(Channel.CASH, Decimal("0.00")) - cash_paid_out
        # Blind until counted: cash figures appear only once the count is in.
        revealed = closed or pending is not None
        context.update(
            day=day,
            count=count,
            closing=closing,
            closed=closed,
            revealed=revealed,
            pending=pending,
            channel_rows=[
                (Channel(k).label, v)
                for k, v in sorted(totals.items())
                if revealed or k != Channel.CASH
            ],
            has_cash=Channel.CASH in totals,
            cash_label=Channel.CASH.label,
            cash_paid_out=cash_paid_out,
            system_cash=system_cash if revealed else None,
            difference=(pending - system_cash) if pending is not None else None,
            payments=Payment.objects.for_access(self.access)
            .filter(cashier=self.request.user, business_date=day)
            .select_related("receipt", "unit"),
        )
        if not closed:
            context.setdefault(
                "form",
                forms.ExplainDifferenceForm() if pending is not None else forms.CloseDayForm(),
            )
        return context

    def post(self, request):
        day = timezone.localdate()
        pending = closing_services.blind_count(
            community=self.access.community,
            cashier=request.user,
            day=day,
            closing=self.todays_closing(day),
        )
        form: forms.ExplainDifferenceForm | forms.CloseDayForm
        if pending is not None:
            form = forms.ExplainDifferenceForm(request.POST)
            counted = pending if form.is_valid() else None
        else:
            form = forms.CloseDayForm(request.POST)
            counted = form.cleaned_data["counted_cash"] if form.is_valid() else None
        if counted is not None:
            try:
                closing = closing_services.submit_closing(
                    community=self.access.community,
                    cashier=request.user,
                    day=day,
                    counted_cash=counted,
                    explanation=form.cleaned_data.get("explanation", ""),
                    actor=request.user,
                )
            except DomainError as exc:
                if exc.field == "explanation" and pending is None:
                    # The count differs: it stands; now show the difference and ask why.
                    closing_services.record_blind_count(
                        community=self.access.community,
                        cashier=request.user,
                        day=day,
                        counted=q2(counted),
                    )
                    messages.warning(
                        request,
                        _(
                            "Your count differs from the system: explain the difference to close the day."
                        ),
                    )
                    return redirect("billing:close_day")
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Your day is closed and waits for finance."))
                return redirect(closing.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)
