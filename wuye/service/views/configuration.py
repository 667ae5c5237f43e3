"""Categories, time limits and the service center's service policy."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.views import (
    AccessMixin,
    crud_views,
)

from .. import filtersets, forms, services, tables
from ..models import (
    Category,
    TimeLimit,
)

# --- Categories, time limits, settings ---------------------------------------------------------------

(CategoryListView, CategoryDetailView, CategoryEditView, CategoryDeleteView) = crud_views(
    Category,
    "service.setup",
    filterset=filtersets.CategoryFilterSet,
    table=tables.CategoryTable,
    form=forms.CategoryForm,
    related=("parent__parent", "department"),
    detail_fields=["name", "parent", "level", "department", "is_safety", "is_active", "sort"],
)

(TimeLimitListView, TimeLimitDetailView, TimeLimitEditView, TimeLimitDeleteView) = crud_views(
    TimeLimit,
    "service.setup",
    filterset=filtersets.TimeLimitFilterSet,
    table=tables.TimeLimitTable,
    form=forms.TimeLimitForm,
    related=("category__parent__parent",),
)


class ServicePolicyView(AccessMixin, TemplateView):
    """Working hours, return visits and reminders, with the defaults stated until changed."""

    template_name = "service/policy.html"
    permission = "service.setup.view"
    title = gettext_lazy("Customer-service settings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = services.policy_for(self.access.community)
        context["saved"] = policy.pk is not None
        context["can_change"] = self.access.has("service.setup.change")
        context["grade"] = self.access.community.get_service_grade_display()
        context["defaults"] = services.grade_table(self.access.community.service_grade)
        context.setdefault("form", forms.ServicePolicyForm(instance=policy))
        return context

    def post(self, request):
        if not self.access.has("service.setup.change"):
            raise PermissionDenied
        policy = services.policy_for(self.access.community)
        form = forms.ServicePolicyForm(request.POST, instance=policy)
        if form.is_valid():
            services.save_policy(
                community=self.access.community, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("Customer-service settings saved."))
            return redirect("service:policy")
        return self.render_to_response(self.get_context_data(form=form), status=400)
