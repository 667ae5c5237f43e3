"""One declared command per action: its form, its permission, its service call.

An action on a record (dispatch a work order, complete it, collect a payment…) is declared once
as a `Command`. The page (`CommandView`) and the API (`wuye.core.api.commands.command_actions`)
both bind the same form — so both give the same Chinese field errors — and both run the same
service call with the form's cleaned values as plain typed keyword arguments. A new app declares
its commands in `<app>/commands.py` and never writes a second validation for the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from .errors import DomainError
from .forms import restrict_choice_fields
from .models import restricted
from .views import AccessMixin

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django_stubs_ext import StrPromise

    from .access import Access


class CommandForm(forms.Form):
    """The input of one command. It knows the record it acts on (`target`) and the caller's
    access; every choice of a scoped model is restricted to the caller's community."""

    def __init__(self, *args: Any, target: Any = None, access: Access | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.target = target
        self.access = access
        restrict_choice_fields(self.fields, access)

    def arguments(self) -> dict[str, Any]:
        """The service call's keyword arguments: the cleaned values, every file of a file field
        (a form field keeps only the last one; the service checks each)."""
        values = dict(self.cleaned_data)
        for name, form_field in self.fields.items():
            if isinstance(form_field, forms.FileField):
                values[name] = self.files.getlist(name) if self.files else []
        return values


class NoInput(CommandForm):
    """A command that takes nothing but the record (accept, arrive…)."""


@dataclass(frozen=True)
class Command:
    """One action on one kind of record.

    `run(target, *, actor, **arguments)` calls the service; `arguments` are the form's cleaned
    values. `permission`, when given, is checked before the form is even read (the service
    checks it again: it is the service's rule). `done` words the result for the page: it is
    formatted with `done_values(target, result)`. `opens_result`: the command makes another
    record (a refund, a claim, the next shift's log) and the page goes to it. `api_name` is the
    API action's method name and `api_path` its URL segment (both default to `name`).
    `label` defaults to the name's own label when the name is a choice (`OrderAction.CLOSE`).
    """

    name: str
    run: Callable[..., Any]
    label: str | StrPromise = ""
    form: type[CommandForm] = NoInput
    permission: str = ""
    done: str | StrPromise = ""
    done_values: Callable[[Any, Any], dict[str, Any]] | None = None
    opens_result: bool = False
    api_name: str = ""
    api_path: str = ""
    api_doc: str = ""

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(
            name
            for name, form_field in self.form.base_fields.items()
            if isinstance(form_field, forms.FileField)
        )

    def allowed(self, access: Access) -> bool:
        return not self.permission or access.has(self.permission)

    def bind(self, data: Any, files: Any, *, target: Any, access: Access | None) -> CommandForm:
        return self.form(data, files, target=target, access=access)

    def execute(self, target: Any, form: CommandForm, *, actor: Any) -> Any:
        """Run the service with the valid form's values (the caller validated it)."""
        return self.run(target, actor=actor, **form.arguments())

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", getattr(self.name, "label", self.name))

    def message(self, target: Any, result: Any) -> str:
        values = self.done_values(target, result) if self.done_values else {}
        return str(self.done) % values if values else str(self.done)


@dataclass(frozen=True)
class Commands:
    """The commands of one model, in the order the page shows them."""

    model: type[models.Model]
    items: tuple[Command, ...] = field(default_factory=tuple)

    def __iter__(self) -> Iterator[Command]:
        return iter(self.items)

    def get(self, name: str) -> Command | None:
        return next((c for c in self.items if c.name == name), None)

    def __getitem__(self, name: str) -> Command:
        command = self.get(name)
        if command is None:
            raise KeyError(name)
        return command

    def names(self) -> list[str]:
        return [c.name for c in self.items]


def form_messages(form: forms.BaseForm) -> list[str]:
    """A form's error messages as plain texts for a message after a redirect, away from the
    fields: each names its field (“实收金额：请输入一个数字。”)."""
    texts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        texts += [f"{label}：{m}" if label else str(m) for m in errors]
    return texts


def submit_form(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], Any],
    *,
    back: str,
    done: Callable[[Any], str],
    goto: Callable[[Any], str],
) -> HttpResponse:
    """A page's POST of a form that is not on its record's page (the counter's side forms, a
    bill's waiver request): refused input, or a refusal by the service, goes `back` with its
    messages; done, `done(result)` is said and the page goes to `goto(result)`."""
    if not form.is_valid():
        for error in form_messages(form):
            messages.error(request, error)
        return redirect(back)
    try:
        result = run(form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(back)
    messages.success(request, done(result))
    return redirect(goto(result))


class CommandMixin:
    """A page that takes its record's commands by POST: `action` names the command. Used by
    `CommandView` and by detail pages whose own POST runs their record's commands."""

    commands: Commands
    access: Access
    request: HttpRequest

    def form_data(self, command: Command, request: HttpRequest) -> Any:
        """The posted values for the command's form (a hook for a page's extra inputs)."""
        return request.POST

    def run_command(self, request: HttpRequest, target: Any) -> HttpResponse:
        command = self.commands.get(request.POST.get("action", ""))
        if command is None:
            raise Http404
        if not command.allowed(self.access):
            raise PermissionDenied
        form = command.bind(
            self.form_data(command, request), request.FILES, target=target, access=self.access
        )
        if not form.is_valid():
            return self.command_invalid(command, target, form)
        try:
            result = command.execute(target, form, actor=request.user)
        except DomainError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, str(exc.message))
                return self.command_invalid(command, target, form)
            messages.error(request, str(exc.message))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, command.message(target, result))
            done = self.command_done(command, target, result)
            if done is None and command.opens_result:
                done = redirect(result.get_absolute_url())
            return done or redirect(self.back(target))
        return redirect(self.back(target))

    def back(self, target: Any) -> str:
        """Where the page goes after a command: `next` when it is on this site, else the
        record's page."""
        back = self.request.POST.get("next") or target.get_absolute_url()
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={self.request.get_host()}):
            back = target.get_absolute_url()
        return back

    def command_invalid(self, command: Command, target: Any, form: CommandForm) -> HttpResponse:
        """A refused input: its messages, and back (a page with the form inline may show the
        form again instead)."""
        messages.error(self.request, "；".join(form_messages(form)))
        return redirect(self.back(target))

    def command_done(self, command: Command, target: Any, result: Any) -> HttpResponse | None:
        """A response other than going back, e.g. when the record is no longer the caller's
        to see, or the command made another record to look at."""
        return None


class CommandPageMixin(CommandMixin):
    """A record's own page whose forms post its commands (`ObjectDetailView` + this): POST
    runs the named command on the page's record; a refused form is shown again in place, with
    its errors, under the context name `page_forms` gives its command (a command not named
    there goes back with its messages)."""

    page_forms: dict[str, str] = {}
    object: Any

    if TYPE_CHECKING:  # the detail view's, which this mixin is combined with

        def get_object(self, queryset: Any = None) -> Any: ...

        def get_context_data(self, **kwargs: Any) -> dict[str, Any]: ...

        def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse: ...

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.run_command(request, self.object)

    def command_invalid(self, command: Command, target: Any, form: CommandForm) -> HttpResponse:
        key = self.page_forms.get(command.name)
        if key is None:
            return super().command_invalid(command, target, form)
        context = self.get_context_data(object=target, **{key: form})
        return self.render_to_response(context, status=400)


class CommandView(CommandMixin, AccessMixin, View):
    """POST one command of `commands` on one record read through the caller's scope."""

    permission: str | None = None
    model: type[models.Model]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        commands = getattr(cls, "commands", None)
        if commands is not None:
            cls.model = commands.model  # the record its URL's id names (the isolation walk)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = get_object_or_404(restricted(self.commands.model, self.access), pk=pk)
        return self.run_command(request, target)
