"""The API side of `wuye.core.commands`: one POST action per declared command.

`@command_actions(COMMANDS)` on a scoped viewset adds `POST <records>/{id}/<command>/` for every
command: the record is read through the caller's scope, the body is checked against the command's
own form (JSON types first, then the form: the page's Chinese messages), the same service runs,
and the answer is the record as the list shows it. The schema of each body is made from the same
form, so the API, its schema and the page cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ..access import get_access
from ..commands import Command, Commands, NoInput
from .base import body_for_form, validated_form
from .fields import form_serializer

# What an action answers when it is not the record: command name → (serializer class, status).
Answers = dict[str, tuple[Any, int]]


def command_actions(
    commands: Commands, *, answers: Answers | None = None
) -> Callable[[type], type]:
    """Add one POST action per command to a viewset of `commands.model`."""
    answers = answers or {}

    def decorate(viewset: type) -> type:
        perms = dict(getattr(viewset, "extra_action_perms", {}))
        uploads = dict(getattr(viewset, "upload_actions", {}))
        for command in commands:
            name = command.api_name or command.name
            setattr(viewset, name, _action(command, viewset, answers.get(command.name)))
            # Reading the record needs its view permission; the command's own permission and
            # the service's rules decide the rest.
            perms.setdefault(name, "view")
            if command.files:
                uploads[name] = command.files
        viewset.extra_action_perms = perms  # type: ignore[attr-defined]
        viewset.upload_actions = uploads  # type: ignore[attr-defined]
        return viewset

    return decorate


def run_command(command: Command, target: Any, request: Request, body: Any = None) -> Any:
    """Check the body against the command's form (JSON types first, then the form: a 400
    naming every bad field with the page's messages) and run its service; the result.
    `body` replaces the request's (e.g. with a header's value added)."""
    access = get_access(request)
    if not command.allowed(access):
        raise exceptions.PermissionDenied()
    # A command that takes nothing reads no body (a client may send none, or an empty form).
    data: Any = {}
    if command.form is not NoInput:
        incoming = request.data if body is None else body
        data = body_for_form(command.form(target=target, access=access), incoming)
    files = (request.FILES or None) if command.files else None
    form = validated_form(command.bind(data, files, target=target, access=access))
    return command.execute(target, form, actor=request.user)


def _action(command: Command, viewset: type, answer: tuple[Any, int] | None) -> Any:
    def run(self: Any, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        result = run_command(command, target, request)
        if answer is not None:
            serializer_class, code = answer
            return Response(serializer_class(result).data, status=code)
        # The record as the list shows it; one the caller no longer sees (he gave it back)
        # is answered as he left it.
        visible = self.get_queryset().filter(pk=target.pk).first()
        if visible is None and isinstance(result, type(target)):
            visible = result
        return Response(self.get_serializer(visible or target).data, status=status.HTTP_200_OK)

    run.__name__ = command.api_name or command.name
    run.__doc__ = str(command.api_doc or command.label)
    if command.form is NoInput:
        request_body: Any = None
    elif command.files:
        request_body = {
            "application/json": form_serializer(command.form),
            "multipart/form-data": form_serializer(command.form, files=True),
        }
    else:
        request_body = form_serializer(command.form)
    responses: Any = (
        {answer[1]: answer[0]} if answer is not None else getattr(viewset, "serializer_class", None)
    )
    # extend_schema goes on the action (as `@extend_schema` above `@action`).
    routed = action(detail=True, methods=["post"], url_path=command.api_path or command.name)(run)
    return extend_schema(request=request_body, responses=responses)(routed)
