"""The API of collection visits and the dunning log."""

from wuye.core.api.base import ScopedViewSet

from ... import filtersets, forms
from ...models import CollectionAppointment, DunningContact
from ..serializers.arrears import CollectionVisitSerializer, DunningContactSerializer


class CollectionVisitViewSet(ScopedViewSet):
    """Door-to-door collection visits (BIL-13). `unit` takes the id or "3-2-1501"."""

    queryset = CollectionAppointment.objects.all()
    serializer_class = CollectionVisitSerializer
    filterset_class = filtersets.CollectionAppointmentFilterSet
    form_class = forms.CollectionAppointmentForm
    perm_prefix = "billing.visit"
    related = ("unit",)
    ordering_fields = ["scheduled_for"]


class DunningContactViewSet(ScopedViewSet):
    """The dunning log (BIL-14): calls, visits, SMS and letters, and promises to pay.
    `promise=broken` lists promises whose date has passed while the unit still owes."""

    queryset = DunningContact.objects.all()
    serializer_class = DunningContactSerializer
    filterset_class = filtersets.DunningContactFilterSet
    form_class = forms.DunningContactForm
    perm_prefix = "billing.dunning"
    related = ("unit", "created_by")
    ordering_fields = ["contacted_at", "promised_date"]
