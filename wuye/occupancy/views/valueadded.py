"""Value-added services (OCC-07): agency listings with their photos, viewings and deals; the
paid service catalog; paid service orders."""

from django.utils import timezone

from wuye.core.commands import CommandPageMixin
from wuye.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)

from .. import filtersets, forms, tables
from ..choices import ListingAction, ListingStatus, ServiceOrderAction, ServiceOrderStatus
from ..commands import LISTING_COMMANDS, SERVICE_ORDER_COMMANDS
from ..models import Listing, ListingPhoto, PaidService, ServiceOrder
from ..services import valueadded

LISTING_FORMS = {
    ListingAction.VIEWING: ("viewing_form", forms.ViewingForm),
    ListingAction.CLOSE: ("close_form", forms.CloseDealForm),
    ListingAction.WITHDRAW: ("withdraw_form", forms.WithdrawListingForm),
}


class ListingMixin(ScopedObjectMixin):
    model = Listing
    perm_prefix = "occupancy.listing"
    url_base = "occupancy:listing"
    related = ("unit__building", "fee_bill", "created_by")
    page_actions = ("view", "change")


class ListingListView(ListingMixin, ObjectListView):
    filterset_class = filtersets.ListingFilterSet
    table_class = tables.ListingTable


class ListingCreateView(ListingMixin, ObjectEditView):
    form_class = forms.ListingForm
    create_service = valueadded.list_unit


class ListingDetailView(CommandPageMixin, ListingMixin, ObjectDetailView):
    commands = LISTING_COMMANDS
    page_forms = {action: key for action, (key, _form) in LISTING_FORMS.items()}
    template_name = "occupancy/listing_detail.html"
    detail_fields = [
        "number",
        "unit",
        "kind",
        "owner_name",
        "owner_phone",
        "asking_price",
        "description",
        "status",
        "deal_price",
        "deal_on",
        "counterparty",
        "agency_fee",
        "fee_bill",
        "closing_note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.object
        if listing.status == ListingStatus.LISTED:
            initial = {
                ListingAction.VIEWING: {"viewed_at": timezone.localtime().replace(second=0)},
                ListingAction.CLOSE: {"deal_on": timezone.localdate()},
            }
            for action, (key, form_class) in LISTING_FORMS.items():
                if self.commands[action].allowed(self.access):
                    context.setdefault(key, form_class(initial=initial.get(action)))
        context["photos"] = listing.photos.all()
        context["viewings"] = listing.viewings.all()
        return context


class ListingPhotoView(StoredFileView):
    """A listing's photo, only to those who may see the listing."""

    model = ListingPhoto
    permission = "occupancy.listing.view"
    field = "image"


class PaidServiceMixin(ScopedObjectMixin):
    model = PaidService
    perm_prefix = "occupancy.paidservice"
    url_base = "occupancy:paidservice"
    page_actions = ("view", "change")


class PaidServiceListView(PaidServiceMixin, ObjectListView):
    filterset_class = filtersets.PaidServiceFilterSet
    table_class = tables.PaidServiceTable


class PaidServiceEditView(PaidServiceMixin, ObjectEditView):
    form_class = forms.PaidServiceForm


class PaidServiceDetailView(PaidServiceMixin, ObjectDetailView):
    detail_fields = ["name", "category", "price", "per", "description", "is_active"]


class ServiceOrderMixin(ScopedObjectMixin):
    model = ServiceOrder
    perm_prefix = "occupancy.serviceorder"
    url_base = "occupancy:serviceorder"
    related = ("unit__building", "service", "bill", "work_order", "created_by")
    page_actions = ("view", "change")


class ServiceOrderListView(ServiceOrderMixin, ObjectListView):
    filterset_class = filtersets.ServiceOrderFilterSet
    table_class = tables.ServiceOrderTable


class ServiceOrderCreateView(ServiceOrderMixin, ObjectEditView):
    form_class = forms.ServiceOrderForm
    create_service = valueadded.order_service


class ServiceOrderDetailView(CommandPageMixin, ServiceOrderMixin, ObjectDetailView):
    commands = SERVICE_ORDER_COMMANDS
    page_forms = {ServiceOrderAction.CANCEL: "cancel_form"}
    template_name = "occupancy/serviceorder_detail.html"
    detail_fields = [
        "number",
        "unit",
        "service",
        "quantity",
        "unit_price",
        "amount",
        "contact_name",
        "contact_phone",
        "wanted_on",
        "channel",
        "note",
        "status",
        "bill",
        "work_order",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status == ServiceOrderStatus.ORDERED and self.commands[
            ServiceOrderAction.CANCEL
        ].allowed(self.access):
            context.setdefault("cancel_form", forms.CancelServiceOrderForm())
        return context
