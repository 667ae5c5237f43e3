"""Community activities (COM-06): the year's plan, an activity's sign-ups with the waiting
list and the day's check-in, its summary and photos; resident groups with their members."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from wuye.core.commands import CommandPageMixin
from wuye.core.errors import DomainError
from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import ActivityAction, ActivityStatus, SignUpStatus
from ..commands import ACTIVITY_COMMANDS
from ..models import Activity, ActivityPhoto, GroupMember, ResidentGroup
from ..services import activities


class ActivityMixin(ScopedObjectMixin):
    model = Activity
    perm_prefix = "community.activity"
    url_base = "community:activity"
    related = ("organizer",)


class ActivityListView(ActivityMixin, ObjectListView):
    """The activities, by default the plan of the year in month order."""

    filterset_class = filtersets.ActivityFilterSet
    table_class = tables.ActivityTable

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                people=Sum(
                    "signups__party",
                    filter=Q(signups__status__in=(SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED)),
                ),
                waiting=Count("signups", filter=Q(signups__status=SignUpStatus.WAITING)),
            )
        )


class ActivityEditView(ActivityMixin, ObjectEditView):
    form_class = forms.ActivityForm
    create_service = activities.create_activity
    update_service = activities.update_activity


class ActivityDeleteView(ActivityMixin, ObjectDeleteView):
    def perform_delete(self, obj):
        if obj.status != ActivityStatus.PLANNED or obj.signups.exists():
            raise DomainError(_("Only a planned activity without sign-ups is deleted."))
        super().perform_delete(obj)


class ActivityDetailView(CommandPageMixin, ActivityMixin, ObjectDetailView):
    commands = ACTIVITY_COMMANDS
    template_name = "community/activity_detail.html"
    page_forms = {
        ActivityAction.SIGN_UP: "signup_form",
        ActivityAction.FINISH: "finish_form",
        ActivityAction.CANCEL: "cancel_form",
    }
    detail_fields = [
        "number",
        "category",
        "planned_month",
        "starts_at",
        "ends_at",
        "place",
        "capacity",
        "waitlist",
        "signup_deadline",
        "organizer",
        "status",
        "attended",
        "cancel_reason",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        status = activity.status
        runs = self.access.has("community.activity.change")
        signs = self.access.has("community.activity.sign_up")
        signups = list(activity.signups.select_related("unit").order_by("id"))
        context["confirmed"] = [
            s for s in signups if s.status in (SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED)
        ]
        context["waiting"] = [s for s in signups if s.status == SignUpStatus.WAITING]
        context["taken"] = sum(s.party for s in context["confirmed"])
        context["photos"] = activity.photos.all()
        context["can_open"] = runs and status in (ActivityStatus.PLANNED, ActivityStatus.CLOSED)
        context["can_close"] = runs and status == ActivityStatus.OPEN
        context["can_check_in"] = signs and status in (ActivityStatus.OPEN, ActivityStatus.CLOSED)
        context["can_change"] = context["can_change"] and status not in (
            ActivityStatus.DONE,
            ActivityStatus.CANCELLED,
        )
        context["can_delete"] = context["can_delete"] and status == ActivityStatus.PLANNED
        if signs and status == ActivityStatus.OPEN:
            context.setdefault("signup_form", forms.SignUpForm(target=activity, access=self.access))
        if runs and status in (ActivityStatus.OPEN, ActivityStatus.CLOSED):
            context.setdefault("finish_form", forms.FinishActivityForm(target=activity))
        if runs and status in (
            ActivityStatus.PLANNED,
            ActivityStatus.OPEN,
            ActivityStatus.CLOSED,
        ):
            context.setdefault("cancel_form", forms.CancelActivityForm(target=activity))
        return context


class ActivityPhotoView(StoredFileView):
    model = ActivityPhoto
    permission = "community.activity.view"


(
    ResidentGroupListView,
    _detail,
    ResidentGroupEditView,
    ResidentGroupDeleteView,
) = crud_views(
    ResidentGroup,
    "community.group",
    filterset=filtersets.ResidentGroupFilterSet,
    table=tables.ResidentGroupTable,
    form=forms.ResidentGroupForm,
)


class ResidentGroupDetailView(ObjectDetailView):
    model = ResidentGroup
    perm_prefix = "community.group"
    url_base = "community:residentgroup"
    template_name = "community/residentgroup_detail.html"
    detail_fields = ["name", "description", "meets", "contact", "is_active"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = self.object.members.select_related("person").order_by(
            "role", "joined_on"
        )
        return context


(
    GroupMemberListView,
    GroupMemberDetailView,
    GroupMemberEditView,
    GroupMemberDeleteView,
) = crud_views(
    GroupMember,
    "community.group",
    filterset=filtersets.GroupMemberFilterSet,
    table=tables.GroupMemberTable,
    form=forms.GroupMemberForm,
    related=("group", "person"),
)
