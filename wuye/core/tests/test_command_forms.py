"""A page posts the command it runs in its `action` field: no command's form may have a field
of that name, or the page would post that field's text as the command (and answer 404)."""

import importlib

from django.apps import apps

from wuye.core.commands import Commands


def test_no_command_form_has_a_field_named_action():
    offenders = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wuye."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.commands")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, Commands):
                offenders += [
                    f"{config.label}.{command.name}: {command.form.__name__}"
                    for command in value
                    if "action" in command.form.base_fields
                ]
    assert not offenders, offenders
