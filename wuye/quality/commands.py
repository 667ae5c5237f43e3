"""The actions on inspection tasks, each declared once for the page and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import forms
from .choices import TaskAction
from .models import InspectionTask
from .services import checkins

TASK_COMMANDS = Commands(
    InspectionTask,
    (
        Command(
            name=TaskAction.CHECK_IN,
            form=forms.CheckInForm,
            permission="quality.task.check_in",
            run=checkins.check_in,
            done=_("Checked in."),
            api_path="check-in",
            api_doc="Check in at the checkpoint `code` names (multipart with `photo`); each item "
            "of its checklist in `result_<item id>` (passed/failed, or the number read) and "
            "`remark_<item id>`.",
        ),
    ),
)
