from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wuye.core.access import COMMUNITY_SESSION_KEY, get_access
from wuye.core.errors import DomainError
from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from . import services
from .filtersets import (
    CommunityFilterSet,
    DelegationFilterSet,
    DepartmentFilterSet,
    StaffFilterSet,
    ZoneFilterSet,
)
from .forms import CommunityForm, DelegationForm, DepartmentForm, StaffForm, ZoneForm
from .models import Community, Delegation, Department, Membership, Zone, signed_in
from .tables import CommunityTable, DelegationTable, DepartmentTable, StaffTable, ZoneTable

# --- Staff ------------------------------------------------------------------------------------


class StaffMixin(ScopedObjectMixin):
    model = Membership
    perm_prefix = "org.staff"
    url_base = "org:staff"
    related = ("user", "department")
    prefetch = ("zones",)

    def list_crumb(self):
        return (_("Staff"), reverse("org:staff_list"))


class StaffListView(StaffMixin, ObjectListView):
    filterset_class = StaffFilterSet
    table_class = StaffTable
    importer_key = "org.staff"
    title = gettext_lazy("Staff")
    export_name = gettext_lazy("Staff")


class StaffDetailView(StaffMixin, ObjectDetailView):
    template_name = "org/membership_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = self.object
        context["other_posts"] = (
            Membership.objects.for_access(self.access)
            .filter(user=membership.user)
            .exclude(pk=membership.pk)
            .select_related("department")
        )
        actor = signed_in(self.request.user)
        may_touch = membership.user_id != actor.pk and services.may_grant(
            actor, membership.community, membership.post
        )
        context["can_change"] = context["can_change"] and may_touch
        context["can_delete"] = context["can_delete"] and may_touch
        context["can_set_password"] = self.can("change") and services.can_manage_account(
            actor, membership.user
        )
        context["password_form"] = SetPasswordForm(membership.user)
        return context


class StaffEditView(StaffMixin, ObjectEditView):
    form_class = StaffForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object is None:
            context["title"] = _("Add staff")
        return context

    def perform_save(self, form):
        if self.object is None:
            return services.create_staff(
                community=self.access.community,
                data=form.cleaned_data,
                actor=signed_in(self.request.user),
            )
        return services.update_staff(
            self.object, data=form.cleaned_data, actor=signed_in(self.request.user)
        )


class StaffDeleteView(StaffMixin, ObjectDeleteView):
    def perform_delete(self, obj):
        services.remove_staff(obj, actor=signed_in(self.request.user))


class StaffPasswordView(StaffMixin, View):
    """A manager sets a staff member's password (new accounts start without one)."""

    action = "change"

    def post(self, request, pk):
        membership = get_object_or_404(self.get_queryset(), pk=pk)
        form = SetPasswordForm(membership.user, request.POST)
        if form.is_valid():
            try:
                services.set_password(
                    membership.user,
                    password=form.cleaned_data["new_password1"],
                    actor=request.user,
                    community=self.access.community,
                )
            except DomainError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(
                    request,
                    _("The password of %(name)s was set.") % {"name": membership.user.display_name},
                )
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
        return redirect(membership.get_absolute_url())


# --- Departments and zones ------------------------------------------------------------------------


class DepartmentMixin(ScopedObjectMixin):
    model = Department
    perm_prefix = "org.department"
    url_base = "org:department"
    related = ("head",)


class DepartmentListView(DepartmentMixin, ObjectListView):
    filterset_class = DepartmentFilterSet
    table_class = DepartmentTable

    def get_queryset(self):
        return super().get_queryset().annotate(staff_count=Count("memberships"))


class DepartmentDetailView(DepartmentMixin, ObjectDetailView):
    detail_fields = ["kind", "name", "phone", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.access.has("org.staff.view"):
            context["members"] = self.object.memberships.filter(is_active=True).select_related(
                "user"
            )
        return context


class DepartmentEditView(DepartmentMixin, ObjectEditView):
    form_class = DepartmentForm


class DepartmentDeleteView(DepartmentMixin, ObjectDeleteView):
    pass


class ZoneMixin(ScopedObjectMixin):
    model = Zone
    perm_prefix = "org.zone"
    url_base = "org:zone"
    related = ("responsible",)


class ZoneListView(ZoneMixin, ObjectListView):
    filterset_class = ZoneFilterSet
    table_class = ZoneTable


class ZoneDetailView(ZoneMixin, ObjectDetailView):
    detail_fields = ["code", "name", "responsible", "note"]


class ZoneEditView(ZoneMixin, ObjectEditView):
    form_class = ZoneForm


class ZoneDeleteView(ZoneMixin, ObjectDeleteView):
    pass


# --- Delegations ---------------------------------------------------------------------------------


class DelegationMixin(ScopedObjectMixin):
    model = Delegation
    perm_prefix = "org.delegation"
    url_base = "org:delegation"
    related = ("delegator", "delegate", "revoked_by")


class DelegationListView(DelegationMixin, ObjectListView):
    filterset_class = DelegationFilterSet
    table_class = DelegationTable


class DelegationDetailView(DelegationMixin, ObjectDetailView):
    detail_fields = [
        "delegator",
        "delegate",
        "start_date",
        "end_date",
        "reason",
        "revoked_at",
        "revoked_by",
    ]
    template_name = "org/delegation_detail.html"


class DelegationEditView(DelegationMixin, ObjectEditView):
    form_class = DelegationForm

    def get_object(self):
        # A delegation is never edited: revoke it and grant a new one (the audit stays readable).
        if self.kwargs.get("pk") is not None:
            raise Http404
        return None

    def perform_save(self, form):
        data = form.cleaned_data
        return services.grant_delegation(
            community=self.access.community,
            delegator=data["delegator"],
            delegate=data["delegate"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            reason=data["reason"],
            actor=signed_in(self.request.user),
        )


class DelegationRevokeView(DelegationMixin, View):
    action = "change"

    def post(self, request, pk):
        delegation = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.revoke_delegation(delegation, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The delegation was revoked."))
        return redirect(delegation.get_absolute_url())


# --- Communities --------------------------------------------------------------------------------


class CommunityMixin(ScopedObjectMixin):
    model = Community
    perm_prefix = "org.community"
    url_base = "org:community"
    related = ("company",)


class CommunityListView(CommunityMixin, ObjectListView):
    filterset_class = CommunityFilterSet
    table_class = CommunityTable

    # Service centers are created by the company (seed or admin), not from this list.
    page_actions = ("view",)


class CommunityDetailView(CommunityMixin, ObjectDetailView):
    detail_fields = ["code", "name", "company", "service_grade", "address", "phone"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Editing is allowed for the current community only (the permission is per community).
        context["can_change"] = context["can_change"] and self.object == self.access.community
        context["can_delete"] = False
        return context


class CommunityEditView(CommunityMixin, ObjectEditView):
    form_class = CommunityForm

    def get_queryset(self):
        return super().get_queryset().filter(pk=self.access.community.pk)

    def perform_save(self, form):
        return services.update_community(
            form.instance, values=form.cleaned_data, actor=signed_in(self.request.user)
        )


# --- Switching the current service center ------------------------------------------------------


class SwitchCommunityView(View):
    """Change the current community; the choice is remembered for the next sign-in."""

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access = get_access(request)
        try:
            community_id = int(request.POST.get("community", ""))
        except ValueError:
            raise Http404 from None
        community = next((c for c in access.communities if c.pk == community_id), None)
        if community is None:
            raise Http404
        services.switch_community(request.user, community)
        request.session[COMMUNITY_SESSION_KEY] = community.pk
        messages.success(request, _("Switched to %(name)s.") % {"name": community.name})
        # Records of the previous community are not visible here any more: go to the list level.
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("home")
        return HttpResponseRedirect(_list_level(target))


def _list_level(path: str) -> str:
    """/org/zones/12/edit/ → /org/zones/ so a switch never lands on another community's record."""
    parts = [p for p in path.split("?")[0].split("/") if p]
    for index, part in enumerate(parts):
        if part.isdigit():
            return "/" + "/".join(parts[:index]) + "/"
    return path
