"""The actions on release passes, each declared once for the page and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import forms
from .choices import AgreementAction, PassAction
from .models import ParkingAgreement, ReleasePass
from .services import parking, passes


def _number(target, result):
    return {"number": target.number}


PASS_COMMANDS = Commands(
    ReleasePass,
    (
        Command(
            name=PassAction.APPROVE,
            form=forms.ApprovePassForm,
            permission="occupancy.pass.approve",
            run=passes.approve_pass,
            done=_("Pass %(number)s approved."),
            done_values=_number,
        ),
        Command(
            name=PassAction.REJECT,
            form=forms.RejectPassForm,
            permission="occupancy.pass.approve",
            run=passes.reject_pass,
            done=_("Pass %(number)s rejected."),
            done_values=_number,
        ),
        Command(
            name=PassAction.CANCEL,
            form=forms.CancelPassForm,
            permission="occupancy.pass.change",
            run=passes.cancel_pass,
            done=_("Pass %(number)s cancelled."),
            done_values=_number,
        ),
        Command(
            name=PassAction.VERIFY,
            form=forms.VerifyPassForm,
            permission="occupancy.pass.verify",
            run=passes.verify_pass,
            done=_("Pass %(number)s let out."),
            done_values=_number,
        ),
    ),
)


AGREEMENT_COMMANDS = Commands(
    ParkingAgreement,
    (
        Command(
            name=AgreementAction.CANCEL,
            form=forms.CancelAgreementForm,
            permission="occupancy.parking.change",
            run=parking.cancel_agreement,
            done=_("Agreement %(number)s cancelled; its unpaid bills were cancelled."),
            done_values=_number,
        ),
    ),
)
