"""The platform's settings and records: the role matrix, the audit trail, the system status and
the workday calendar."""

import datetime as dt

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ..audit import log_entries_for
from ..calendar import workday_checker
from ..filtersets import EventFilterSet, LogEntryFilterSet
from ..forms import CalendarForm
from ..jobs import status_summary
from ..models import CalendarDay, Event
from ..roles import PERMISSIONS, CompanyRole, Post
from ..services import delete_calendar_day, save_calendar_day
from .mixins import AccessMixin


class RolesView(AccessMixin, TemplateView):
    template_name = "core/roles.html"
    permission = "core.roles.view"
    title = gettext_lazy("Roles and permissions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posts = list(Post)
        context["posts"] = posts
        context["company_roles"] = [CompanyRole.ADMIN.label, CompanyRole.VIEWER.label]
        # One group per app, in the order the apps registered their permissions.
        groups: dict[str, dict] = {}
        for p in PERMISSIONS.values():
            app = p.code.split(".", 1)[0]
            if app not in groups:
                groups[app] = {"app": apps.get_app_config(app).verbose_name, "rows": []}
            groups[app]["rows"].append(
                {
                    "code": p.code,
                    "label": p.label,
                    # Company administrators hold everything; viewers what the matrix lets
                    # them see.
                    "cells": [post in p.posts for post in posts] + [True, p.hq_viewer],
                }
            )
        context["groups"] = list(groups.values())
        context["columns"] = len(posts) + 3
        context["my_posts"] = self.access.posts
        return context


class AuditView(AccessMixin, TemplateView):
    template_name = "core/audit.html"
    permission = "core.audit.view"
    title = gettext_lazy("Audit trail")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tab = self.request.GET.get("tab", "events")
        context["tab"] = tab
        if tab == "changes":
            filterset = LogEntryFilterSet(
                self.request.GET, queryset=log_entries_for(self.access), request=self.request
            )
        else:
            filterset = EventFilterSet(
                self.request.GET,
                queryset=Event.objects.for_access(self.access).select_related("actor"),
                request=self.request,
            )
        context["filter"] = filterset
        page = Paginator(filterset.qs, 50).get_page(self.request.GET.get("page"))
        if tab == "changes":
            for entry in page:
                entry.changed_fields = _changed_fields(entry)
        context["page"] = page
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


def _changed_fields(entry: LogEntry) -> list[tuple[str, str, str]]:
    """An auditlog entry's changes as (the field's name in words, before, after)."""
    model = entry.content_type.model_class()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        label = name
        if model is not None:
            try:
                label = str(getattr(model._meta.get_field(name), "verbose_name", name))
            except FieldDoesNotExist:
                label = str(_("other detail"))
        before, after = (list(values) + ["", ""])[:2]
        rows.append((label, before, after))
    return rows


class StatusView(AccessMixin, TemplateView):
    template_name = "core/status.html"
    permission = "core.status.view"
    title = gettext_lazy("System status")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(status_summary())
        return context


class CalendarView(AccessMixin, TemplateView):
    """Workdays (used by time limits counted in working hours): the official holidays and
    adjusted working days of a year, and the company's corrections — e.g. next year's schedule
    once the State Council publishes it."""

    template_name = "core/calendar.html"
    permission = "core.calendar.view"
    title = gettext_lazy("Workday calendar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = timezone.localdate().year
        year = min(max(year, 2000), 2100)
        company = self.access.community.company_id
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        is_workday = workday_checker(start, end, company)
        days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        context.update(
            year=year,
            # The days that differ from an ordinary week: holidays on weekdays, working weekends.
            special=[(d, is_workday(d)) for d in days if is_workday(d) != (d.weekday() < 5)],
            corrections=CalendarDay.objects.filter(day__range=(start, end))
            .filter(Q(company__isnull=True) | Q(company_id=company))
            .select_related("company"),
            can_change=self.access.has("core.calendar.change"),
        )
        context.setdefault("form", CalendarForm())
        return context

    def post(self, request):
        if not self.access.has("core.calendar.change"):
            raise PermissionDenied
        company = self.access.community.company
        if "delete" in request.POST:
            delete_calendar_day(company, request.POST.get("delete"), actor=request.user)
            return redirect(f"{reverse('core:calendar')}?year={request.POST.get('year', '')}")
        form = CalendarForm(request.POST)
        if form.is_valid():
            day = save_calendar_day(company, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('core:calendar')}?year={day.day.year}")
        return self.render_to_response(self.get_context_data(form=form), status=400)
