import django_filters
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet

from .models import (
    Announcement,
    Campaign,
    Delivery,
    MessageTemplate,
    OptOut,
    RecipientList,
)


class AnnouncementFilterSet(BaseFilterSet):
    search_fields = ("title", "number", "body")
    showing = django_filters.BooleanFilter(label=_("on show now"), method="filter_showing")
    unread = django_filters.BooleanFilter(label=_("not read by me"), method="filter_unread")

    class Meta:
        model = Announcement
        fields = ["status", "category", "pinned", "showing", "unread"]

    def filter_showing(self, queryset, name, value):
        showing = queryset.showing()
        return showing if value else queryset.exclude(pk__in=showing.values("pk"))

    def filter_unread(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value is None or user is None or not user.is_authenticated:
            return queryset
        if value:
            return queryset.showing().exclude(reads__user=user)
        return queryset.filter(reads__user=user)


class MessageTemplateFilterSet(BaseFilterSet):
    search_fields = ("name", "text")

    class Meta:
        model = MessageTemplate
        fields = ["kind", "is_active"]


class CampaignFilterSet(BaseFilterSet):
    search_fields = ("title", "number", "text")

    class Meta:
        model = Campaign
        fields = ["status", "kind", "target"]


class DeliveryFilterSet(BaseFilterSet):
    search_fields = ("phone", "name", "unit_code")

    class Meta:
        model = Delivery
        fields = ["campaign", "status", "skip_reason"]


class RecipientListFilterSet(BaseFilterSet):
    search_fields = ("name", "note")

    class Meta:
        model = RecipientList
        fields: list[str] = []


class OptOutFilterSet(BaseFilterSet):
    search_fields = ("phone", "reason")

    class Meta:
        model = OptOut
        fields: list[str] = []
