"""Greetings (COM-03): the settings (festivals, birthdays, templates) and what was sent."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.errors import DomainError
from wuye.core.views import AccessMixin

from .. import forms
from ..models import GreetingLog
from ..services import greetings

RECENT = 30


class GreetingsView(AccessMixin, TemplateView):
    """The community's greetings: what is sent on which occasion, and the latest sent."""

    template_name = "community/greetings.html"
    permission = "community.greeting.view"
    title = gettext_lazy("Greetings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settings = greetings.settings_for(self.access.community)
        context["settings"] = settings
        context["can_change"] = self.access.has("community.greeting.change")
        context.setdefault(
            "form",
            forms.GreetingSettingsForm(
                initial={
                    "is_active": settings.is_active,
                    "festivals": settings.festivals,
                    "festival_template": settings.festival_template_id,
                    "birthdays": settings.birthdays,
                    "birthday_template": settings.birthday_template_id,
                },
                community=self.access.community,
            ),
        )
        context["sent"] = (
            GreetingLog.objects.for_access(self.access)
            .select_related("person", "campaign")
            .order_by("-id")[:RECENT]
        )
        return context

    def post(self, request):
        if not self.access.has("community.greeting.change"):
            raise PermissionDenied
        form = forms.GreetingSettingsForm(request.POST, community=self.access.community)
        if form.is_valid():
            try:
                greetings.save_settings(
                    community=self.access.community, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Greeting settings saved."))
                return redirect("community:greetings")
        return self.render_to_response(self.get_context_data(form=form), status=400)
