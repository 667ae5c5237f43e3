"""The finance office's registers (FIN-10): seal uses, and receipt and cheque books whose
numbers are each used or voided once; gaps found when a book is taken back or looked at.
Nothing here is deleted: a wrong entry stays and a new one explains it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can, require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.org.models import Community, Membership, User

from ..choices import BookStatus, NumberStatus
from ..models import BookNumber, NumberedBook, Seal, SealUse
from ..models.registers import MAX_BOOK_NUMBERS


def _member(community: Community, user: User | None, field: str) -> None:
    if (
        user is None
        or not Membership.objects.filter(community=community, user=user, is_active=True).exists()
    ):
        raise DomainError(_("Choose a member of staff of this service center."), field=field)


@transaction.atomic
def log_seal_use(
    *,
    community: Community,
    actor: User,
    seal: Seal,
    document: str,
    purpose: str,
    applicant: User,
    approver: User,
    copies: int = 1,
    used_at: dt.datetime | None = None,
) -> SealUse:
    require(actor, community, "finance.seal.change", _("You may not log seal uses."))
    if seal.community_id != community.pk:
        raise DomainError(_("Choose a seal of this service center."), field="seal")
    if not seal.is_active:
        raise DomainError(_("This seal is no longer in use."), field="seal")
    _member(community, applicant, "applicant")
    _member(community, approver, "approver")
    if approver.pk == applicant.pk:
        raise DomainError(_("Someone other than the applicant approves."), field="approver")
    if not actor_can(approver, community, "finance.seal.change") and not actor_can(
        approver, community, "finance.book.change"
    ):
        raise DomainError(
            _("The approver must be the manager or the finance office."), field="approver"
        )
    if copies < 1:
        raise DomainError(_("At least one copy."), field="copies")
    now = timezone.now()
    if used_at is not None and used_at > now + dt.timedelta(minutes=5):
        raise DomainError(_("A seal use is logged when it happens, not ahead."), field="used_at")
    use = SealUse.objects.create(
        community=community,
        seal=seal,
        document=document.strip(),
        purpose=purpose.strip(),
        copies=copies,
        applicant=applicant,
        approver=approver,
        used_at=used_at or now,
        created_by=actor,
    )
    record_event(verb="seal.used", actor=actor, community=community, target=use)
    return use


def _overlapping(community: Community, kind: str, series: str, first: int, last: int) -> Any:
    return NumberedBook.objects.filter(
        community=community,
        kind=kind,
        series=series,
        first_number__lte=last,
        last_number__gte=first,
    )


@transaction.atomic
def add_book(
    *,
    community: Community,
    actor: User,
    kind: str,
    first_number: int,
    last_number: int,
    series: str = "",
    account: str = "",
) -> NumberedBook:
    """A book received from the printer or the bank; its range may not overlap another's."""
    require(actor, community, "finance.book.change", _("You may not keep receipt books."))
    series = series.strip().upper()
    if last_number < first_number:
        raise DomainError(_("The last number is below the first."), field="last_number")
    if last_number - first_number + 1 > MAX_BOOK_NUMBERS:
        raise DomainError(
            _("A book holds at most %(count)d numbers.") % {"count": MAX_BOOK_NUMBERS},
            field="last_number",
        )
    # The community's row stands for its registers while a range is checked and saved.
    Community.objects.select_for_update().filter(pk=community.pk).values_list("pk").first()
    clash = _overlapping(community, kind, series, first_number, last_number).first()
    if clash is not None:
        raise DomainError(
            _("These numbers overlap %(book)s.") % {"book": clash}, field="first_number"
        )
    book = NumberedBook.objects.create(
        community=community,
        kind=kind,
        series=series,
        first_number=first_number,
        last_number=last_number,
        account=account.strip(),
        created_by=actor,
    )
    record_event(verb="book.added", actor=actor, community=community, target=book)
    return book


def _lock(book: NumberedBook) -> NumberedBook:
    return (
        NumberedBook.objects.select_for_update(of=("self",))
        .select_related("community")
        .get(pk=book.pk)
    )


@transaction.atomic
def issue_book(
    book: NumberedBook, *, actor: User, holder: User, issued_on: dt.date
) -> NumberedBook:
    book = _lock(book)
    require(actor, book.community, "finance.book.change", _("You may not keep receipt books."))
    if book.status != BookStatus.IN_STOCK:
        raise DomainError(_("Only a book in the safe is issued."))
    _member(book.community, holder, "holder")
    if issued_on > timezone.localdate():
        raise DomainError(_("The date has not come yet."), field="issued_on")
    book.status, book.holder, book.issued_on = BookStatus.ISSUED, holder, issued_on
    book.save(update_fields=["status", "holder", "issued_on", "updated_at"])
    record_event(
        verb="book.issued",
        actor=actor,
        community=book.community,
        target=book,
        message=holder.display_name,
    )
    return book


@transaction.atomic
def record_number(
    book: NumberedBook,
    *,
    actor: User,
    number: int,
    status: str,
    used_on: dt.date,
    amount: Decimal | None = None,
    party: str = "",
    note: str = "",
) -> BookNumber:
    """A number used (for whom, how much) or voided; a number is recorded once."""
    book = _lock(book)
    community = book.community
    require(actor, community, "finance.book.change", _("You may not keep receipt books."))
    if book.status != BookStatus.ISSUED:
        raise DomainError(_("Numbers are recorded while the book is issued."))
    if not book.first_number <= number <= book.last_number:
        raise DomainError(
            _("This book holds the numbers %(first)d–%(last)d.")
            % {"first": book.first_number, "last": book.last_number},
            field="number",
        )
    if status not in NumberStatus.values:
        raise DomainError(_("Choose used or voided."), field="status")
    if used_on > timezone.localdate() or (book.issued_on and used_on < book.issued_on):
        raise DomainError(_("The date is outside the time the book was issued."), field="used_on")
    if status == NumberStatus.USED and amount is None:
        raise DomainError(_("Give the amount written on it."), field="amount")
    if amount is not None and amount < 0:
        raise DomainError(_("The amount cannot be negative."), field="amount")
    if status == NumberStatus.VOIDED and not note.strip():
        raise DomainError(_("Say why the number is voided."), field="note")
    existing = BookNumber.objects.filter(book=book, number=number).first()
    if existing is not None:
        raise DomainError(
            _("Number %(number)s is already recorded as %(status)s on %(date)s.")
            % {
                "number": f"{book.series}{number}",
                "status": existing.get_status_display(),
                "date": existing.used_on,
            },
            field="number",
        )
    try:
        with transaction.atomic():
            entry = BookNumber.objects.create(
                community=community,
                book=book,
                number=number,
                status=status,
                used_on=used_on,
                amount=amount,
                party=party.strip(),
                note=note.strip(),
                created_by=actor,
            )
    except IntegrityError as exc:  # the same number recorded at the same moment
        raise DomainError(_("This number is already recorded."), field="number") from exc
    record_event(
        verb="book.number",
        actor=actor,
        community=community,
        target=book,
        message=f"{book.series}{number} {entry.get_status_display()}",
    )
    return entry


def gaps(book: NumberedBook) -> list[int]:
    """Numbers skipped: below the highest number recorded, yet not recorded (a book taken back
    counts all of its numbers)."""
    recorded = set(book.numbers.values_list("number", flat=True))
    if book.status == BookStatus.RETURNED:
        top = book.last_number
    elif recorded:
        top = max(recorded)
    else:
        return []
    return [n for n in range(book.first_number, top + 1) if n not in recorded]


@transaction.atomic
def return_book(book: NumberedBook, *, actor: User, returned_on: dt.date) -> list[int]:
    """The holder hands the book back; the numbers never recorded are listed (the stubs must be
    found for them) and told in the audit trail."""
    book = _lock(book)
    require(actor, book.community, "finance.book.change", _("You may not keep receipt books."))
    if book.status != BookStatus.ISSUED:
        raise DomainError(_("Only an issued book is taken back."))
    if returned_on > timezone.localdate() or (book.issued_on and returned_on < book.issued_on):
        raise DomainError(
            _("The date is outside the time the book was issued."), field="returned_on"
        )
    book.status, book.returned_on = BookStatus.RETURNED, returned_on
    book.save(update_fields=["status", "returned_on", "updated_at"])
    missing = gaps(book)
    record_event(
        verb="book.returned",
        actor=actor,
        community=book.community,
        target=book,
        message=_("%(count)d numbers not recorded") % {"count": len(missing)} if missing else "",
    )
    return missing


def books_with_gaps(books: Any) -> Any:
    """The books in which a number is missing below the highest recorded (all of a book taken
    back), counted in SQL."""
    books = books.annotate(recorded=Count("numbers"), highest=Max("numbers__number"))
    return books.filter(
        Q(status=BookStatus.RETURNED, recorded__lt=F("last_number") - F("first_number") + 1)
        | Q(highest__isnull=False, recorded__lt=F("highest") - F("first_number") + 1)
    ).order_by("kind", "series", "first_number")  # an aggregate query drops Meta.ordering
