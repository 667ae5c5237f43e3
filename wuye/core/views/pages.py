"""The platform's own pages everyone uses: the workbench, search, notifications, error pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ..menu import HOME_CARDS, LANDINGS
from ..models import Notification
from ..notifications import mark_read
from ..search import search
from .mixins import AccessMixin


class HomeView(AccessMixin, TemplateView):
    template_name = "core/home.html"
    permission = "core.home.view"
    title = gettext_lazy("Workbench")

    def get_template_names(self):
        htmx = getattr(self.request, "htmx", None)
        if htmx and htmx.target == "home-cards":
            return ["core/home.html#cards"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        # Each post lands on its own work: a technician on his task list (the workbench stays
        # one click away for anyone, with ?workbench).
        if not getattr(request, "htmx", None) and "workbench" not in request.GET:
            for landing in LANDINGS:
                url = landing(self.access)
                if url:
                    return redirect(url)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cards = []
        for provider in HOME_CARDS:
            cards.extend(provider(self.access))
        # A post's own work first (a card's "order", lower first); the rest as registered.
        cards.sort(key=lambda card: card.get("order", 50))
        context["cards"] = cards
        context["now"] = timezone.localtime()
        return context


# --- Error pages ----------------------------------------------------------------------------


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)


class SearchView(AccessMixin, TemplateView):
    """Search from the header: names, pinyin or initials, phones, plates, units as spoken."""

    template_name = "core/search.html"
    permission = "core.search.view"
    title = gettext_lazy("Search")

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()
        self.results = search(self.query, self.access)
        exact = [r for r in self.results if r.exact]
        if len(exact) == 1 and not request.GET.get("all") and not getattr(request, "htmx", None):
            # “3-2-1501” at the counter: straight to the unit card.
            return redirect(exact[0].url)
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if getattr(self.request, "htmx", None):
            return ["core/search.html#results"]
        return [self.template_name]

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        groups: dict[str, list] = {}
        for result in self.results:
            groups.setdefault(result.kind, []).append(result)
        context.update(query=self.query, groups=groups, count=len(self.results))
        return context


class NotificationsView(AccessMixin, TemplateView):
    """The signed-in person's notifications in this service center, newest first."""

    template_name = "core/notifications.html"
    permission = "core.home.view"
    title = gettext_lazy("Notifications")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        assert user.is_authenticated  # AccessMixin lets only signed-in people in
        context["notifications"] = Notification.objects.filter(
            user=user, community=self.access.community
        )[:100]
        return context

    def post(self, request):
        mark_read(request.user, self.access.community)
        return redirect("core:notifications")


class NotificationOpenView(AccessMixin, View):
    """Open a notification: a POST (the list's buttons) marks it read and follows its link.

    Only one's own. Reading is not writing, so there is no GET: a link preview, a prefetch or a
    colleague's browser history must not mark anything read."""

    model = Notification
    permission = "core.home.view"

    def post(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, community=self.access.community)
        if notification.user_id != request.user.pk:
            raise PermissionDenied  # a colleague's notification
        mark_read(request.user, self.access.community, ids=[notification.pk])
        target = notification.url
        if not target or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}
        ):
            target = reverse("core:notifications")
        return redirect(target)
