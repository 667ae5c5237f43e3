import django_filters
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet, YearFilter

from .models import (
    Activity,
    Announcement,
    BookableFacility,
    Booking,
    Campaign,
    ChronicleEntry,
    Delivery,
    FacilityLog,
    ForumDigest,
    ForumKeyword,
    ForumPost,
    ForumReply,
    GroupMember,
    MessageTemplate,
    OptOut,
    Outage,
    RecipientList,
    ResidentGroup,
    Response,
    StaffNotice,
    Survey,
    Visit,
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


class OutageFilterSet(BaseFilterSet):
    search_fields = ("reason",)

    class Meta:
        model = Outage
        fields = ["kind"]


class SurveyFilterSet(BaseFilterSet):
    search_fields = ("title", "number")

    class Meta:
        model = Survey
        fields = ["status", "sampling"]


class ResponseFilterSet(BaseFilterSet):
    search_fields = ("unit__code", "respondent")

    class Meta:
        model = Response
        fields = ["survey", "channel"]


class StaffNoticeFilterSet(BaseFilterSet):
    search_fields = ("title", "number", "body")
    unread = django_filters.BooleanFilter(label=_("not read by me"), method="filter_unread")

    class Meta:
        model = StaffNotice
        fields = ["kind", "unread"]

    def filter_unread(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value is None or user is None or not user.is_authenticated:
            return queryset
        mine = queryset.filter(receipts__user=user)
        if value:
            return mine.filter(receipts__read_at__isnull=True)
        return mine.filter(receipts__read_at__isnull=False)


class ActivityFilterSet(BaseFilterSet):
    search_fields = ("title", "number", "place")
    year = YearFilter(field_name="planned_month")

    class Meta:
        model = Activity
        fields = ["status", "category", "year"]


class ResidentGroupFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = ResidentGroup
        fields = ["is_active"]


class GroupMemberFilterSet(BaseFilterSet):
    search_fields = ("person__name", "group__name")

    class Meta:
        model = GroupMember
        fields = ["group", "role"]


class ChronicleEntryFilterSet(BaseFilterSet):
    search_fields = ("title", "description")
    year = YearFilter(field_name="occurred_on")

    class Meta:
        model = ChronicleEntry
        fields = ["category", "year"]


class VisitFilterSet(BaseFilterSet):
    search_fields = ("visitor", "purpose")

    class Meta:
        model = Visit
        fields = ["kind", "status"]


class BookableFacilityFilterSet(BaseFilterSet):
    search_fields = ("facility__name", "facility__code")

    class Meta:
        model = BookableFacility
        fields = ["is_active"]


class BookingFilterSet(BaseFilterSet):
    search_fields = ("name", "phone", "unit__code")
    day = django_filters.DateFilter(label=_("day"))

    class Meta:
        model = Booking
        fields = ["bookable", "status", "day"]


class FacilityLogFilterSet(BaseFilterSet):
    search_fields = ("note", "out_of_limits")
    flagged = django_filters.BooleanFilter(label=_("out of limits"), method="filter_flagged")

    class Meta:
        model = FacilityLog
        fields = ["bookable", "flagged"]

    def filter_flagged(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(out_of_limits="") if value else queryset.filter(out_of_limits="")


class ForumPostFilterSet(BaseFilterSet):
    search_fields = ("title", "body", "shown_as")
    unanswered = django_filters.BooleanFilter(
        label=_("without an official reply"), method="filter_unanswered"
    )
    to_order = django_filters.BooleanFilter(
        label=_("made a work order"), field_name="work_order", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = ForumPost
        fields = ["status", "category", "is_pinned", "is_closed", "unanswered", "to_order"]

    def filter_unanswered(self, queryset, name, value):
        if value is None:
            return queryset
        unanswered = queryset.unanswered()
        return unanswered if value else queryset.exclude(pk__in=unanswered.values("pk"))


class ForumReplyFilterSet(BaseFilterSet):
    search_fields = ("body", "shown_as")

    class Meta:
        model = ForumReply
        fields = ["post", "status", "is_official"]


class ForumKeywordFilterSet(BaseFilterSet):
    search_fields = ("word", "note")

    class Meta:
        model = ForumKeyword
        fields: list[str] = []


class ForumDigestFilterSet(BaseFilterSet):
    year = YearFilter(field_name="day")

    class Meta:
        model = ForumDigest
        fields = ["year"]
