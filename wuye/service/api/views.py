"""The customer-service REST API: the same scoping, FilterSets, forms and services as the
pages. An order changes only through its actions (POST work-orders/{id}/{action}/)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.access import get_access
from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.forms import restrict_queryset

from .. import filtersets, forms, services
from ..models import Category, Escalation, ReturnVisit, TimeLimit, WorkOrder
from . import serializers


def _body(request, serializer_class):
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


class WorkOrderViewSet(ScopedViewSet):
    """Work orders (SRV-01..03). POST registers one with the intake form's fields (`unit` takes
    the id or "3-2-1501"); the actions move it along the one transition map — an action its
    status does not allow is a 400 that says so."""

    queryset = WorkOrder.objects.all()
    serializer_class = serializers.WorkOrderSerializer
    filterset_class = filtersets.WorkOrderFilterSet
    form_class = forms.WorkOrderForm
    perm_prefix = "service.order"
    related = ("unit", "category__parent__parent")
    http_method_names = ["get", "post", "head", "options"]
    ordering_fields = ["created_at", "completion_due", "number"]
    extra_action_perms = {
        "dispatch_order": "view",
        "reassign": "view",
        "accept": "view",
        "arrive": "view",
        "complete": "view",
        "pause": "view",
        "resume": "view",
        "cancel": "view",
        "reopen": "view",
        "return_order": "view",
        "note": "view",
        "events": "view",
    }

    def save_form(self, form):
        access = get_access(self.request)
        data = dict(form.cleaned_data)
        person, _units = services.find_reporter(access.community, data.get("reporter_phone", ""))
        return services.register_order(
            community=access.community, actor=self.request.user, reporter=person, **data
        )

    def respond(self, order, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=order.pk)).data, code)

    def _assignee(self, user_id):
        access = get_access(self.request)
        user = restrict_queryset(get_user_model().objects.all(), access).filter(pk=user_id).first()
        if user is None:
            raise exceptions.ValidationError(
                {"assignee": [_("Choose a member of this service center's staff.")]}
            )
        return user

    @extend_schema(request=serializers.AssignSerializer, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"], url_path="dispatch")
    def dispatch_order(self, request, pk=None):
        order = self.get_object()
        data = _body(request, serializers.AssignSerializer)
        order = services.dispatch_order(
            order,
            assignee=self._assignee(data["assignee"]),
            actor=request.user,
            note=data["note"],
        )
        return self.respond(order)

    @extend_schema(request=serializers.AssignSerializer, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        order = self.get_object()
        data = _body(request, serializers.AssignSerializer)
        order = services.reassign_order(
            order,
            assignee=self._assignee(data["assignee"]),
            actor=request.user,
            note=data["note"],
        )
        return self.respond(order)

    @extend_schema(request=None, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self.respond(services.accept_order(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def arrive(self, request, pk=None):
        return self.respond(services.arrive_order(self.get_object(), actor=request.user))

    @extend_schema(
        request=serializers.CompleteSerializer, responses=serializers.WorkOrderSerializer
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        order = self.get_object()
        data = _body(request, serializers.CompleteSerializer)
        return self.respond(services.complete_order(order, actor=request.user, **data))

    def _with_note(self, request, service):
        order = self.get_object()
        data = _body(request, serializers.NoteSerializer)
        return self.respond(service(order, actor=request.user, note=data["note"]))

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request, pk=None):
        return self._with_note(request, services.pause_order)

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._with_note(request, services.resume_order)

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._with_note(request, services.cancel_order)

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._with_note(request, services.reopen_order)

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.WorkOrderSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_order(self, request, pk=None):
        return self._with_note(request, services.return_order)

    @extend_schema(
        request=serializers.NoteSerializer, responses=serializers.WorkOrderEventSerializer
    )
    @action(detail=True, methods=["post"])
    def note(self, request, pk=None):
        order = self.get_object()
        data = _body(request, serializers.NoteSerializer)
        event = services.add_note(order, actor=request.user, note=data["note"])
        return Response(serializers.WorkOrderEventSerializer(event).data, status.HTTP_201_CREATED)

    @extend_schema(responses=serializers.WorkOrderEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        events = self.get_object().events.select_related("created_by")
        return Response(serializers.WorkOrderEventSerializer(events, many=True).data)


class ReturnVisitViewSet(ScopedReadOnlyViewSet):
    """Return visits (SRV-04); POST return-visits/{id}/record/ with the result — a score under 4
    reopens the order."""

    queryset = ReturnVisit.objects.all()
    serializer_class = serializers.ReturnVisitSerializer
    filterset_class = filtersets.ReturnVisitFilterSet
    perm_prefix = "service.visit"
    related = ("order",)
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"record": "change"}
    ordering_fields = ["due_date"]

    @extend_schema(
        request=serializers.VisitResultSerializer, responses=serializers.ReturnVisitSerializer
    )
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        visit = self.get_object()
        data = _body(request, serializers.VisitResultSerializer)
        visit = services.record_visit(visit, actor=request.user, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=visit.pk)).data)


class EscalationViewSet(ScopedReadOnlyViewSet):
    """Escalations taken (SRV-03), newest first."""

    queryset = Escalation.objects.all()
    serializer_class = serializers.EscalationSerializer
    filterset_class = filtersets.EscalationFilterSet
    perm_prefix = "service.escalation"


class CategoryViewSet(ScopedViewSet):
    """The three-level work-order category tree."""

    queryset = Category.objects.all()
    serializer_class = serializers.CategorySerializer
    filterset_class = filtersets.CategoryFilterSet
    form_class = forms.CategoryForm
    perm_prefix = "service.setup"


class TimeLimitViewSet(ScopedViewSet):
    """Time limits per category (or the service center's default) and priority, in minutes."""

    queryset = TimeLimit.objects.all()
    serializer_class = serializers.TimeLimitSerializer
    filterset_class = filtersets.TimeLimitFilterSet
    form_class = forms.TimeLimitForm
    perm_prefix = "service.setup"
