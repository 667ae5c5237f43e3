"""The actions on release passes, each declared once for the page and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands
from wuye.estate.models import Unit

from . import forms
from .choices import (
    AgreementAction,
    DefectAction,
    HandoverAction,
    InspectionAction,
    KeyAction,
    ListingAction,
    MoveInAction,
    PassAction,
    PermitAction,
    RequestAction,
    ServiceOrderAction,
    VacantAction,
)
from .models import (
    DecorationInspection,
    DecorationPermit,
    Handover,
    HandoverDefect,
    KeyHolding,
    Listing,
    MoveIn,
    MunicipalRequest,
    ParkingAgreement,
    ReleasePass,
    ServiceOrder,
)
from .services import (
    decoration,
    handover,
    movein,
    municipal,
    parking,
    passes,
    vacant,
    valueadded,
)


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


REQUEST_COMMANDS = Commands(
    MunicipalRequest,
    (
        Command(
            name=RequestAction.FORWARD,
            form=forms.ForwardRequestForm,
            permission="occupancy.municipal.change",
            run=municipal.forward_request,
            done=_("Request %(number)s forwarded."),
            done_values=_number,
        ),
        Command(
            name=RequestAction.COMPLETE,
            form=forms.CompleteRequestForm,
            permission="occupancy.municipal.change",
            run=municipal.complete_request,
            done=_("Request %(number)s recorded as opened."),
            done_values=_number,
        ),
        Command(
            name=RequestAction.CANCEL,
            form=forms.CancelRequestForm,
            permission="occupancy.municipal.change",
            run=municipal.cancel_request,
            done=_("Request %(number)s cancelled."),
            done_values=_number,
        ),
    ),
)


def _unit(target, result):
    return {"unit": target.code}


VACANT_COMMANDS = Commands(
    Unit,
    (
        Command(
            name=VacantAction.INSPECT,
            form=forms.VacantInspectionForm,
            permission="occupancy.vacant.change",
            run=vacant.record_inspection,
            done=_("Inspection of %(unit)s recorded."),
            done_values=_unit,
            api_path="inspect",
        ),
        Command(
            name=VacantAction.RECEIVE_KEYS,
            form=forms.ReceiveKeysForm,
            permission="occupancy.vacant.change",
            run=vacant.receive_keys,
            done=_("Keys of %(unit)s received."),
            done_values=_unit,
            api_path="receive-keys",
        ),
    ),
)

KEY_COMMANDS = Commands(
    KeyHolding,
    (
        Command(
            name=KeyAction.RETURN,
            form=forms.ReturnKeysForm,
            permission="occupancy.vacant.change",
            run=vacant.return_keys,
            done=_("Keys returned."),
            api_name="return_keys",
        ),
    ),
)


PERMIT_COMMANDS = Commands(
    DecorationPermit,
    (
        Command(
            name=PermitAction.APPROVE,
            form=forms.ReviewPermitForm,
            permission="occupancy.decoration.approve",
            run=decoration.approve_permit,
            done=_("Decoration %(number)s approved."),
            done_values=_number,
        ),
        Command(
            name=PermitAction.REJECT,
            form=forms.RejectPermitForm,
            permission="occupancy.decoration.approve",
            run=decoration.reject_permit,
            done=_("Decoration %(number)s rejected."),
            done_values=_number,
        ),
        Command(
            name=PermitAction.ISSUE,
            form=forms.IssuePermitForm,
            permission="billing.payment.change",  # the deposit is money at the counter
            run=decoration.issue_permit,
            done=_("Deposit held; permit %(number)s issued."),
            done_values=_number,
        ),
        Command(
            name=PermitAction.ADD_WORKER,
            form=forms.AddWorkerForm,
            permission="occupancy.decoration.change",
            run=decoration.add_worker,
            done=_("Worker added to %(number)s."),
            done_values=_number,
            api_path="add-worker",
        ),
        Command(
            name=PermitAction.INSPECT,
            form=forms.PatrolForm,
            permission="occupancy.decoration.patrol",
            run=decoration.inspect_permit,
            done=_("Patrol of %(number)s recorded."),
            done_values=_number,
        ),
        Command(
            name=PermitAction.COMPLETE,
            form=forms.CompletePermitForm,
            permission="occupancy.decoration.approve",
            run=decoration.complete_permit,
            done=_("Completion of %(number)s recorded."),
            done_values=_number,
        ),
        Command(
            name=PermitAction.REFUND,
            permission="billing.refund.change",
            run=decoration.request_deposit_refund,
            done=_("Deposit refund of %(number)s requested from finance."),
            done_values=_number,
            api_name="request_refund",
        ),
    ),
)

INSPECTION_COMMANDS = Commands(
    DecorationInspection,
    (
        Command(
            name=InspectionAction.RECTIFIED,
            form=forms.RectifiedForm,
            permission="occupancy.decoration.patrol",
            run=decoration.mark_rectified,
            done=_("Notice put right."),
        ),
    ),
)


MOVE_IN_COMMANDS = Commands(
    MoveIn,
    (
        Command(
            name=MoveInAction.ARRIVE,
            permission="occupancy.movein.change",
            run=movein.arrive,
            done=_("%(number)s: the owner is being served."),
            done_values=_number,
        ),
        Command(
            name=MoveInAction.DEPOSIT,
            form=forms.MoveInDepositForm,
            permission="billing.payment.change",  # money at the counter
            run=movein.collect_move_in_deposit,
            done=_("Deposit held for %(number)s."),
            done_values=_number,
        ),
        Command(
            name=MoveInAction.COMPLETE,
            form=forms.CompleteMoveInForm,
            permission="occupancy.movein.change",
            run=movein.complete_move_in,
            done=_("Move-in %(number)s completed."),
            done_values=_number,
            api_doc="The checklist; each meter of the unit is read in `reading_<meter id>`.",
        ),
        Command(
            name=MoveInAction.CANCEL,
            form=forms.CancelMoveInForm,
            permission="occupancy.movein.change",
            run=movein.cancel_move_in,
            done=_("Move-in %(number)s cancelled."),
            done_values=_number,
        ),
    ),
)


HANDOVER_COMMANDS = Commands(
    Handover,
    (
        Command(
            name=HandoverAction.ROUND,
            form=forms.HandoverRoundForm,
            permission="occupancy.handover.change",
            run=handover.record_round,
            done=_("Round recorded."),
            api_doc="An inspection round; each item checked in `check_<item id>`: passed or failed.",
        ),
        Command(
            name=HandoverAction.DEFECT,
            form=forms.HandoverDefectForm,
            permission="occupancy.handover.change",
            run=handover.record_defect,
            done=_("Defect recorded and forwarded to the developer."),
            opens_result=True,
        ),
        Command(
            name=HandoverAction.ACCEPT,
            form=forms.AcceptHandoverForm,
            permission="occupancy.handover.accept",
            run=handover.accept_handover,
            done=_("Handover %(number)s accepted."),
            done_values=_number,
        ),
    ),
)

DEFECT_COMMANDS = Commands(
    HandoverDefect,
    (
        Command(
            name=DefectAction.RECHECK,
            form=forms.RecheckDefectForm,
            permission="occupancy.handover.change",
            run=handover.recheck_defect,
            done=_("Re-inspection recorded."),
        ),
    ),
)


LISTING_COMMANDS = Commands(
    Listing,
    (
        Command(
            name=ListingAction.VIEWING,
            form=forms.ViewingForm,
            permission="occupancy.listing.change",
            run=valueadded.record_viewing,
            done=_("Viewing recorded."),
        ),
        Command(
            name=ListingAction.CLOSE,
            form=forms.CloseDealForm,
            permission="occupancy.listing.change",
            run=valueadded.close_deal,
            done=_("Deal on %(number)s closed."),
            done_values=_number,
        ),
        Command(
            name=ListingAction.WITHDRAW,
            form=forms.WithdrawListingForm,
            permission="occupancy.listing.change",
            run=valueadded.withdraw_listing,
            done=_("Listing %(number)s withdrawn."),
            done_values=_number,
        ),
    ),
)

SERVICE_ORDER_COMMANDS = Commands(
    ServiceOrder,
    (
        Command(
            name=ServiceOrderAction.CANCEL,
            form=forms.CancelServiceOrderForm,
            permission="service.order.dispatch",  # its work order is cancelled with it
            run=valueadded.cancel_service_order,
            done=_("Order %(number)s cancelled; its bill and work order were cancelled."),
            done_values=_number,
        ),
    ),
)
