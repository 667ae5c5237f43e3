from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.access import get_access
from wuye.core.api.base import ScopedViewSet

from .. import services
from ..filtersets import (
    CommunityFilterSet,
    DelegationFilterSet,
    DepartmentFilterSet,
    StaffFilterSet,
    ZoneFilterSet,
)
from ..forms import CommunityForm, DelegationForm, DepartmentForm, StaffForm, ZoneForm
from ..models import Community, Delegation, Department, Membership, Zone, signed_in
from .serializers import (
    CommunitySerializer,
    DelegationSerializer,
    DepartmentSerializer,
    StaffSerializer,
    ZoneSerializer,
)


class CommunityViewSet(ScopedViewSet):
    """Service centers the caller may see; only the current one can be edited."""

    queryset = Community.objects.all()
    serializer_class = CommunitySerializer
    filterset_class = CommunityFilterSet
    form_class = CommunityForm
    perm_prefix = "org.community"
    related = ("company",)
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_object(self):
        obj = super().get_object()
        if (
            self.action in ("update", "partial_update")
            and obj != get_access(self.request).community
        ):
            raise exceptions.PermissionDenied(_("Switch to this service center before editing it."))
        return obj

    def save_form(self, form):
        return services.update_community(
            form.instance, values=form.cleaned_data, actor=signed_in(self.request.user)
        )


class DepartmentViewSet(ScopedViewSet):
    queryset = Department.objects.all()
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilterSet
    form_class = DepartmentForm
    perm_prefix = "org.department"
    related = ("head",)


class ZoneViewSet(ScopedViewSet):
    queryset = Zone.objects.all()
    serializer_class = ZoneSerializer
    filterset_class = ZoneFilterSet
    form_class = ZoneForm
    perm_prefix = "org.zone"
    related = ("responsible",)


class StaffViewSet(ScopedViewSet):
    """Staff posts of the current service center (one row per person and post)."""

    queryset = Membership.objects.all()
    serializer_class = StaffSerializer
    filterset_class = StaffFilterSet
    form_class = StaffForm
    perm_prefix = "org.staff"
    related = ("user", "department")
    prefetch = ("zones",)

    def save_form(self, form):
        access = get_access(self.request)
        if form.instance is None:
            return services.create_staff(
                community=access.community,
                data=form.cleaned_data,
                actor=signed_in(self.request.user),
            )
        return services.update_staff(
            form.instance, data=form.cleaned_data, actor=signed_in(self.request.user)
        )

    def perform_destroy(self, instance):
        services.remove_staff(instance, actor=signed_in(self.request.user))


class DelegationViewSet(ScopedViewSet):
    """Acting-manager delegations. Never edited: revoke and grant anew."""

    queryset = Delegation.objects.all()
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    form_class = DelegationForm
    perm_prefix = "org.delegation"
    related = ("delegator", "delegate", "revoked_by")
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"revoke": "change"}

    def save_form(self, form):
        data = form.cleaned_data
        return services.grant_delegation(
            community=get_access(self.request).community,
            delegator=data["delegator"],
            delegate=data["delegate"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            reason=data["reason"],
            actor=signed_in(self.request.user),
        )

    @extend_schema(request=None, responses=DelegationSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        delegation = services.revoke_delegation(self.get_object(), actor=request.user)
        return Response(self.get_serializer(delegation).data)
