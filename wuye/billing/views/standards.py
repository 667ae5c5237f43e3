"""Pages of fee items, fee standards and the billing policy."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.views import (
    AccessMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..models import FeeItem, FeeStandard
from ..services.standards import policy_for, save_policy, save_standard

# --- Fee items and standards ---------------------------------------------------------------------


class FeeItemMixin(ScopedObjectMixin):
    model = FeeItem
    perm_prefix = "billing.fee"
    url_base = "billing:feeitem"


class FeeItemListView(FeeItemMixin, ObjectListView):
    filterset_class = filtersets.FeeItemFilterSet
    table_class = tables.FeeItemTable


class FeeItemDetailView(FeeItemMixin, ObjectDetailView):
    template_name = "billing/feeitem_detail.html"
    detail_fields = [f for f in forms.FeeItemForm.Meta.fields if f not in forms.FEE_TARGET_FIELDS]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["standards"] = self.object.standards.order_by("-effective_from")
        context["buildings"] = self.object.buildings.all()
        return context


class FeeItemEditView(FeeItemMixin, ObjectEditView):
    form_class = forms.FeeItemForm


class FeeItemDeleteView(FeeItemMixin, ObjectDeleteView):
    pass


class FeeStandardMixin(ScopedObjectMixin):
    model = FeeStandard
    perm_prefix = "billing.fee"
    url_base = "billing:feestandard"
    related = ("fee_item",)

    # A standard is never deleted: it ends when the next one starts (bills keep their price).
    page_actions = ("view", "change")


class FeeStandardListView(FeeStandardMixin, ObjectListView):
    filterset_class = filtersets.FeeStandardFilterSet
    table_class = tables.FeeStandardTable


class FeeStandardDetailView(FeeStandardMixin, ObjectDetailView):
    detail_fields = ["fee_item", "effective_from", "effective_to", "unit_price", "tiers", "note"]


class FeeStandardEditView(FeeStandardMixin, ObjectEditView):
    form_class = forms.FeeStandardForm

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if self.object is None and data is None and self.request.GET.get("fee_item"):
            form.initial["fee_item"] = self.request.GET["fee_item"]
        return form

    def perform_save(self, form):
        return save_standard(form, actor=self.request.user, community=self.access.community)


# --- Policy ----------------------------------------------------------------------------------------


class PolicyView(AccessMixin, TemplateView):
    """The community's billing policy, with its defaults stated until someone changes them."""

    template_name = "billing/policy.html"
    permission = "billing.policy.view"
    title = gettext_lazy("Billing policy")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = policy_for(self.access.community)
        context["policy"] = policy
        context["saved"] = policy.pk is not None
        context["can_change"] = self.access.has("billing.policy.change")
        context.setdefault("form", forms.BillingPolicyForm(instance=policy, access=self.access))
        return context

    def post(self, request):
        if not self.access.has("billing.policy.change"):
            raise PermissionDenied
        policy = policy_for(self.access.community)
        form = forms.BillingPolicyForm(request.POST, instance=policy, access=self.access)
        if form.is_valid():
            save_policy(form, actor=request.user, community=self.access.community)
            messages.success(request, _("Billing policy saved."))
            return redirect("billing:policy")
        return self.render_to_response(self.get_context_data(form=form), status=400)
