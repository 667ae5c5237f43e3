"""The API of fee items, fee standards and the billing policy."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from wuye.core.access import get_access
from wuye.core.api.base import ScopedViewSet

from ... import filtersets, forms
from ...models import BillingPolicy, FeeItem, FeeStandard
from ...services.standards import policy_for, save_policy, save_standard
from ..serializers.standards import (
    BillingPolicySerializer,
    FeeItemSerializer,
    FeeStandardSerializer,
)


class FeeItemViewSet(ScopedViewSet):
    """Fee items (BIL-01). An item collected for a utility (代收代缴) carries no handling fee
    (BIL-17). An item already used on bills cannot be deleted (400): set it out of use."""

    queryset = FeeItem.objects.all()
    serializer_class = FeeItemSerializer
    filterset_class = filtersets.FeeItemFilterSet
    form_class = forms.FeeItemForm
    perm_prefix = "billing.fee"
    prefetch = ("buildings", "units")
    ordering_fields = ["code", "name", "calculation", "is_active"]


class FeeStandardViewSet(ScopedViewSet):
    """Fee standards (BIL-02): a fee item's price from a date on. A new standard ends the
    previous one the day before it starts. Never deleted; a standard already used on bills
    cannot be changed (400): add a new one from a later date."""

    queryset = FeeStandard.objects.all()
    serializer_class = FeeStandardSerializer
    filterset_class = filtersets.FeeStandardFilterSet
    form_class = forms.FeeStandardForm
    perm_prefix = "billing.fee"
    related = ("fee_item",)
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    ordering_fields = ["effective_from", "effective_to", "unit_price"]

    def save_form(self, form):
        return save_standard(
            form, actor=self.request.user, community=get_access(self.request).community
        )


@extend_schema_view(
    retrieve=extend_schema(
        summary="The current community's billing policy",
        description="The saved policy, or the defaults (`saved`: false) until someone saves it.",
    ),
    update=extend_schema(
        summary="Save the billing policy",
        description="Fields left out take the defaults.",
    ),
    partial_update=extend_schema(summary="Change some fields of the billing policy"),
)
class BillingPolicyViewSet(ScopedViewSet):
    """The billing policy of the current community: a single object at billing-policy/."""

    # No `queryset`: this is not a list of records (and has no id in its URL).
    serializer_class = BillingPolicySerializer
    form_class = forms.BillingPolicyForm
    perm_prefix = "billing.policy"
    filter_backends = []
    pagination_class = None
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self):
        return BillingPolicy.objects.for_access(get_access(self.request))

    def get_object(self):
        return policy_for(get_access(self.request).community)

    def save_form(self, form):
        return save_policy(
            form, actor=self.request.user, community=get_access(self.request).community
        )
