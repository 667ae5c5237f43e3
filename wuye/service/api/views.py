"""The customer-service REST API: the same scoping, FilterSets, forms and services as the
pages. An order changes only through its actions (POST work-orders/{id}/{action}/)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.access import get_access
from wuye.core.api.base import RolePermission, ScopedReadOnlyViewSet, ScopedViewSet, bind_form
from wuye.core.api.commands import command_actions
from wuye.core.api.fields import form_serializer
from wuye.org.models import signed_in

from .. import filtersets, forms, services
from ..commands import (
    DUTY_COMMANDS,
    FORWARD_COMMANDS,
    ORDER_COMMANDS,
    VISIT_COMMANDS,
    WARRANTY_COMMANDS,
)
from ..models import (
    Category,
    DutyLog,
    Escalation,
    KnowledgeArticle,
    ReceptionLog,
    ReturnVisit,
    TimeLimit,
    WarrantyClaim,
    WorkOrder,
)
from . import serializers


def _body(request, serializer_class):
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


@command_actions(
    ORDER_COMMANDS,
    answers={"note": (serializers.WorkOrderEventSerializer, status.HTTP_201_CREATED)},
)
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
    # Photos and documents at registration, photos of the work done: as on the pages.
    # The actions' uploads (complete: photos) come with the commands.
    upload_actions = {"create": ("photos", "attachments")}
    extra_action_perms = {"events": "view"}

    def save_form(self, form):
        access = get_access(self.request)
        data = dict(form.cleaned_data)
        # Every file sent (a form field holds only the last one); the service checks each.
        data["photos"] = self.request.FILES.getlist("photos")
        data["attachments"] = self.request.FILES.getlist("attachments")
        person, _units = services.find_reporter(access.community, data.get("reporter_phone", ""))
        return services.register_order(
            community=access.community, actor=signed_in(self.request.user), reporter=person, **data
        )

    @extend_schema(responses=serializers.WorkOrderEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def events(self, request, pk=None):
        events = self.get_object().events.select_related("created_by")
        return Response(serializers.WorkOrderEventSerializer(events, many=True).data)


@command_actions(VISIT_COMMANDS)
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


class ReceptionLogViewSet(ScopedViewSet):
    """The front desk's reception log (SRV-08), written with the page's form."""

    queryset = ReceptionLog.objects.all()
    serializer_class = serializers.ReceptionLogSerializer
    filterset_class = filtersets.ReceptionLogFilterSet
    form_class = forms.ReceptionLogForm
    perm_prefix = "service.reception"
    ordering_fields = ["visited_at"]


class KnowledgeArticleViewSet(ScopedViewSet):
    """The FAQ knowledge base (SRV-09): search with `q` (text, pinyin or initials);
    GET faq-suggestions/?text=… gives the answers for what a caller says."""

    queryset = KnowledgeArticle.objects.all()
    serializer_class = serializers.KnowledgeArticleSerializer
    filterset_class = filtersets.KnowledgeArticleFilterSet
    form_class = forms.KnowledgeArticleForm
    perm_prefix = "service.faq"

    def save_form(self, form):
        return services.save_article(
            form.instance if form.instance.pk else None,
            actor=signed_in(self.request.user),
            community=get_access(self.request).community,
            **form.cleaned_data,
        )


class FaqSuggestionViewSet(viewsets.ViewSet):
    """GET faq-suggestions/?text=…: the FAQ answers for what a caller says (SRV-09), as on the
    intake screen — figures of a search, not a list of records."""

    permission_classes = [RolePermission]
    pagination_class = None  # the few best answers, not pages of records

    def get_required_permission(self):
        return "service.faq.view"

    @extend_schema(
        parameters=[OpenApiParameter("text", str, description="What the caller says")],
        responses=serializers.KnowledgeArticleSerializer(many=True),
    )
    def suggest(self, request):
        articles = services.suggest_articles(
            get_access(request).community, request.query_params.get("text", "")
        )
        return Response(serializers.KnowledgeArticleSerializer(articles, many=True).data)


@command_actions(
    DUTY_COMMANDS, answers={"acknowledge": (serializers.DutyLogSerializer, status.HTTP_200_OK)}
)
class DutyLogViewSet(ScopedReadOnlyViewSet):
    """Duty logs (SRV-07). POST duty-logs/ takes a shift (desk, date, shift); the actions write,
    settle a matter, hand over, acknowledge and review."""

    queryset = DutyLog.objects.all()
    serializer_class = serializers.DutyLogSerializer
    filterset_class = filtersets.DutyLogFilterSet
    perm_prefix = "service.duty"
    prefetch = ("items",)
    http_method_names = ["get", "post", "head", "options"]
    # The services decide who may write, hand over, acknowledge and review (the person on
    # duty, the incoming person, a reviewer); another community's log is a 404 first.
    extra_action_perms = {"create": "change"}

    def respond(self, log, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=log.pk)).data, code)

    @extend_schema(
        request=form_serializer(forms.DutyLogOpenForm), responses=serializers.DutyLogSerializer
    )
    def create(self, request, *args, **kwargs):
        # The page's form: the same checks and words.
        form = bind_form(forms.DutyLogOpenForm, request)
        log = services.open_duty_log(
            community=get_access(request).community,
            actor=signed_in(request.user),
            **form.cleaned_data,
        )
        return self.respond(log, status.HTTP_201_CREATED)


@command_actions(WARRANTY_COMMANDS)
class WarrantyClaimViewSet(ScopedReadOnlyViewSet):
    """Warranty defects forwarded to the developer (SRV-10): POST warranty-claims/ forwards an
    order under warranty; POST warranty-claims/{id}/close/ confirms or rejects."""

    queryset = WarrantyClaim.objects.all()
    serializer_class = serializers.WarrantyClaimSerializer
    filterset_class = filtersets.WarrantyClaimFilterSet
    perm_prefix = "service.warranty"
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"create": "view"}

    @extend_schema(
        request=form_serializer(forms.WarrantyClaimForm),
        responses=serializers.WarrantyClaimSerializer,
    )
    def create(self, request, *args, **kwargs):
        access = get_access(request)
        forward = FORWARD_COMMANDS["forward"]
        if not forward.allowed(access):
            raise exceptions.PermissionDenied()
        form = bind_form(forms.WarrantyClaimForm, request, access=access)
        claim = forward.execute(form.cleaned_data.pop("order"), form, actor=request.user)
        return Response(self.get_serializer(claim).data, status.HTTP_201_CREATED)
