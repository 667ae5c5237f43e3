"""The access rules every page starts from: signed in, in a community, holding the permission;
and for pages about one model, rows only from the community's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import get_access
from ..models import restricted
from ..roles import PERMISSIONS

if TYPE_CHECKING:
    from django.views.generic.base import ContextMixin, View
    from django_stubs_ext import StrPromise

    from ..access import Access

    class _Page(ContextMixin, View):
        """What a page mixin is mixed into: a Django view with a context."""

else:
    _Page = object


class AccessMixin(_Page):
    """Signed in, in a community, and holding `permission` — or no page."""

    permission: str | None = None
    title: str | StrPromise = ""
    access: Access

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.access = get_access(request)
        if self.access.refused_community:
            raise PermissionDenied
        if self.access.community is None:
            return render(request, "core/no_community.html", status=403)
        # A form opened in one community and submitted after a switch (another tab) is refused
        # rather than saved into the community now selected.
        posted = request.POST.get("_community") if request.method == "POST" else None
        if posted and posted != str(self.access.community.pk):
            messages.error(
                request,
                _(
                    "The service center was switched in another window; nothing was saved. Check and submit again."
                ),
            )
            return redirect(request.get_full_path())
        permission = self.get_permission()
        if permission and not self.access.has(permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_permission(self):
        return self.permission

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class ScopedObjectMixin(AccessMixin):
    """Pages about one model. Rows come only from `Model.objects.for_access` (community scope).

    `perm_prefix` is "app.thing"; actions are view / change / delete. `url_base` is
    "app:thing" for the URL names thing_list, thing_detail, thing_add, thing_edit, thing_delete.
    """

    model: type[models.Model]  # set by every page class
    perm_prefix = ""
    url_base = ""
    action = "view"
    related: tuple[str, ...] = ()  # select_related for lists and details
    prefetch: tuple[str | Prefetch, ...] = ()

    def get_permission(self):
        return f"{self.perm_prefix}.{self.action}"

    def get_queryset(self):
        return restricted(self.model, self.access, related=self.related, prefetch=self.prefetch)

    def url(self, suffix, *args):
        return reverse(f"{self.url_base}_{suffix}", args=args)

    # The page actions this model offers at all (e.g. ("view",) for records written only by a
    # service, like payments); the matrix then decides who may use them.
    page_actions: tuple[str, ...] = ("view", "change", "delete")

    def can(self, action):
        """Whether the matrix grants this action on the model (False when it has no such action)."""
        code = f"{self.perm_prefix}.{action}"
        return action in self.page_actions and code in PERMISSIONS and self.access.has(code)

    def list_crumb(self):
        return (self.model._meta.verbose_name_plural, self.url("list"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opts"] = self.model._meta
        context["url_base"] = self.url_base
        context["can_change"] = self.can("change")
        context["can_delete"] = self.can("delete")
        return context
