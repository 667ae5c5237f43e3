"""The actions on inspection tasks and on the office's checks, each declared once for the page
and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands, NoInput

from . import forms
from .choices import (
    AssessmentAction,
    CheckAction,
    EvaluationAction,
    ExcellenceAction,
    IncidentAction,
    PlanAction,
    TaskAction,
    TrainingAction,
)
from .models import (
    Assessment,
    ExcellenceReview,
    Incident,
    InspectionTask,
    MaintenancePlan,
    QualityCheck,
    TrainingSession,
    VendorEvaluation,
)
from .services import (
    assessments,
    checkins,
    checks,
    excellence,
    incidents,
    maintenance,
    vendors,
)

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

CHECK_COMMANDS = Commands(
    QualityCheck,
    (
        Command(
            name=CheckAction.RECORD,
            form=forms.EntryForm,
            permission="quality.check.change",
            run=checks.record_entry,
            done=_("Recorded."),
            api_doc="Record one entry (multipart with `photo`): on a spot or safety check an "
            "`item` of its standard, `passed` yes/no and, failed, the `deduction` and the "
            "`remark`; on a night check the `post` visited, `on_duty` yes/no, the `remark`, "
            "the `corrective_action` and `rectify` to open a work order.",
        ),
        Command(
            name=CheckAction.RECORD_SIGN,
            form=forms.SignEntryForm,
            permission="quality.check.change",
            run=checks.record_entry,
            done=_("Recorded."),
            api_path="record-sign",
            api_doc="Record a `sign_board` looked at and its `condition`; damaged or missing "
            "needs the `remark` and a `photo`, and opens a rectification work order.",
        ),
        Command(
            name=CheckAction.FINISH,
            form=forms.FinishForm,
            permission="quality.check.change",
            run=checks.finish_check,
            done=_("The check is finished."),
            api_doc="Finish the check once every item of its standard is recorded; its score "
            "is kept.",
        ),
    ),
)

MAINTENANCE_COMMANDS = Commands(
    MaintenancePlan,
    (
        Command(
            name=PlanAction.RECORD,
            form=forms.MaintenanceRecordForm,
            permission="quality.maintenance.record",
            run=maintenance.record_maintenance,
            done=_("Maintenance recorded: next due %(next)s."),
            done_values=lambda plan, record: {"next": f"{record.next_due:%Y-%m-%d}"},
            api_doc="Record a maintenance done (multipart with `photo`): `done_on`, "
            "`technician`, `work`, `parts` one per line, `cost`; the plan's next due date "
            "moves on from it.",
        ),
    ),
)

INCIDENT_COMMANDS = Commands(
    Incident,
    (
        Command(
            name=IncidentAction.COMPLETE_STEP,
            form=forms.StepForm,
            permission="quality.incident.handle",
            run=incidents.complete_step,
            done=_("Step done."),
            api_path="complete-step",
            api_doc="Mark a `step` of the SOP done now, with a `note`.",
        ),
        Command(
            name=IncidentAction.NOTE,
            form=forms.IncidentNoteForm,
            permission="quality.incident.handle",
            run=incidents.add_note,
            done=_("Added to the timeline."),
            api_doc="Add `text` to the timeline.",
        ),
        Command(
            name=IncidentAction.NOTIFY_RESIDENTS,
            form=forms.ResidentNoticeForm,
            permission="quality.incident.handle",
            run=incidents.notify_residents,
            done=_("%(count)d residents notified by SMS."),
            done_values=lambda incident, count: {"count": count},
            api_path="notify-residents",
            api_doc="An outage: send `text` by SMS to the owners and tenants of `buildings`.",
        ),
        Command(
            name=IncidentAction.CLOSE,
            form=forms.CloseIncidentForm,
            permission="quality.incident.close",
            run=incidents.close_incident,
            done=_("The emergency is closed."),
            api_doc="Close with the report (`cause`, `handling`, `result`) once every step "
            "is done.",
        ),
    ),
)

ASSESSMENT_COMMANDS = Commands(
    Assessment,
    (
        Command(
            name=AssessmentAction.CONFIRM,
            form=forms.AssessmentReviewForm,
            permission="quality.assessment.view",
            run=assessments.confirm_assessment,
            done=_("Confirmed: it counts in the month's assessment."),
            api_doc="The department head (or the manager) confirms it, with a `note`.",
        ),
        Command(
            name=AssessmentAction.REJECT,
            form=forms.AssessmentReviewForm,
            permission="quality.assessment.view",
            run=assessments.reject_assessment,
            done=_("Rejected."),
            api_doc="The department head (or the manager) rejects it, saying why in `note`.",
        ),
    ),
)

TRAINING_COMMANDS = Commands(
    TrainingSession,
    (
        Command(
            name=TrainingAction.SIGN_IN,
            form=NoInput,
            permission="quality.training.view",
            run=assessments.sign_in,
            done=_("Signed in."),
            api_path="sign-in",
            api_doc="The caller signs in at the session, on its day.",
        ),
        Command(
            name=TrainingAction.ADD_ATTENDEES,
            form=forms.AttendeesForm,
            permission="quality.training.change",
            run=assessments.add_attendees,
            done=_("%(count)d attendees added."),
            done_values=lambda session, count: {"count": count},
            api_path="add-attendees",
            api_doc="Sign in the `staff` who attended (from a paper sheet).",
        ),
    ),
)

EVALUATION_COMMANDS = Commands(
    VendorEvaluation,
    (
        Command(
            name=EvaluationAction.DEDUCT,
            form=forms.ScorecardDeductionForm,
            permission="quality.vendor.change",
            run=vendors.deduct,
            done=_("Points deducted."),
            api_doc="Deduct `points` from a scorecard `item` for a `reason`, linked to the "
            "`check_entry` or inspection `finding` behind it.",
        ),
        Command(
            name=EvaluationAction.FINISH,
            form=forms.FinishForm,
            permission="quality.vendor.change",
            run=vendors.finish_evaluation,
            done=_("The evaluation is finished."),
            api_doc="Finish the month's evaluation; its score is kept.",
        ),
    ),
)

EXCELLENCE_COMMANDS = Commands(
    ExcellenceReview,
    (
        Command(
            name=ExcellenceAction.ASSESS,
            form=forms.AssessItemForm,
            permission="quality.excellence.change",
            run=excellence.assess_item,
            done=_("Item assessed."),
            api_doc="The points expected (`awarded`) on an `item`, with a `note`.",
        ),
        Command(
            name=ExcellenceAction.ATTACH,
            form=forms.EvidenceForm,
            permission="quality.excellence.change",
            run=excellence.attach_evidence,
            done=_("Evidence attached."),
            api_doc="Attach a `document` (PDF or photo, multipart) titled `title` to an `item`.",
        ),
    ),
)
