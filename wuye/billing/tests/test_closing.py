"""BIL-12: daily closing (日清日结) — totals by channel, counted cash, finance confirmation,
the day lock, the bank deposit, and the daily collection report."""

import io
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wuye.billing import closing
from wuye.billing.models import DailyClosing
from wuye.billing.services.counter import collect_payment, void_payment
from wuye.billing.tests.factories import BillFactory, BillLineFactory, monthly_fee
from wuye.core.errors import DomainError
from wuye.estate.tests.factories import UnitFactory

D = Decimal


@pytest.fixture
def day_of_work(community_a, csh_a):
    """Two units owing 300.00 each; the cashier takes 300 cash, 200 by WeChat, 50 cash then voided."""
    units = []
    for n in range(2):
        home = UnitFactory(community=community_a)
        monthly_fee(community_a)
        bill = BillFactory(community=community_a, unit=home, total=D("300.00"))
        BillLineFactory(
            community=community_a, bill=bill, amount=D("300.00"), billing_key=f"k{home.pk}"
        )
        units.append(home)

    def pay(home, amount, channel):
        return collect_payment(
            unit=home,
            amount=D(amount),
            channel=channel,
            cashier=csh_a,
            idempotency_key=uuid.uuid4().hex,
        )

    pay(units[0], "300", "cash")
    pay(units[1], "200", "wechat")
    mistake = pay(units[1], "50", "cash")
    void_payment(mistake, reason="收错", actor=csh_a)
    return units


@pytest.mark.django_db
def test_day_totals_by_channel_leave_out_voided_payments(community_a, csh_a, day_of_work):
    """BIL-12: the system's totals per channel for the cashier's day."""
    totals, count = closing.day_totals(community_a, csh_a, timezone.localdate())
    assert totals == {"cash": D("300.00"), "wechat": D("200.00")} and count == 2


@pytest.mark.django_db
def test_a_difference_needs_an_explanation(community_a, csh_a, day_of_work):
    """BIL-12: counted cash ≠ system cash must be explained; the difference is recorded."""
    with pytest.raises(DomainError):
        closing.submit_closing(
            community=community_a,
            cashier=csh_a,
            day=timezone.localdate(),
            counted_cash=D("290"),
            actor=csh_a,
        )
    done = closing.submit_closing(
        community=community_a,
        cashier=csh_a,
        day=timezone.localdate(),
        counted_cash=D("290"),
        explanation="找零多找 10 元",
        actor=csh_a,
    )
    assert done.difference == D("-10.00") and done.system_cash == D("300.00")


@pytest.mark.django_db
def test_a_closed_day_is_locked_and_finance_confirms_it(
    community_a, csh_a, day_of_work, make_staff
):
    """BIL-12: after closing, no payment or void for that day; finance confirms; the bank deposit follows."""
    fin = make_staff(community_a, "FIN")
    day = timezone.localdate()
    submitted = closing.submit_closing(
        community=community_a, cashier=csh_a, day=day, counted_cash=D("300"), actor=csh_a
    )
    with pytest.raises(DomainError):
        collect_payment(
            unit=day_of_work[1],
            amount=D("10"),
            channel="cash",
            cashier=csh_a,
            idempotency_key=uuid.uuid4().hex,
        )
    posted = day_of_work[0].payments.get(status="posted")
    with pytest.raises(DomainError):
        void_payment(posted, reason="日结后作废", actor=fin)
    with pytest.raises(DomainError):
        closing.confirm_closing(submitted, actor=csh_a)  # not his own
    with pytest.raises(DomainError):
        closing.record_bank_deposit(
            submitted, amount=D("300"), reference="B001", date=day, actor=fin
        )
    confirmed = closing.confirm_closing(submitted, actor=fin)
    assert confirmed.status == "confirmed" and confirmed.confirmed_by == fin
    with pytest.raises(DomainError):
        closing.record_bank_deposit(
            confirmed, amount=D("400"), reference="B001", date=day, actor=fin
        )
    banked = closing.record_bank_deposit(
        confirmed, amount=D("300"), reference="B001", date=day, actor=fin
    )
    assert banked.bank_amount == D("300.00")


@pytest.mark.django_db
def test_a_returned_closing_opens_the_day_again(community_a, csh_a, day_of_work, make_staff):
    """BIL-12: finance can return a closing with a reason; the cashier corrects and closes again."""
    fin = make_staff(community_a, "FIN")
    day = timezone.localdate()
    submitted = closing.submit_closing(
        community=community_a, cashier=csh_a, day=day, counted_cash=D("300"), actor=csh_a
    )
    closing.return_closing(submitted, reason="微信到账核对不符", actor=fin)
    assert not closing.is_locked(community_a, csh_a, day)
    again = closing.submit_closing(
        community=community_a, cashier=csh_a, day=day, counted_cash=D("300"), actor=csh_a
    )
    assert again.pk == submitted.pk and again.status == "submitted"


@pytest.mark.django_db
def test_close_day_page_and_daily_report(community_a, csh_a, day_of_work, make_staff, login):
    """BIL-12: the cashier closes on the page; the daily report shows totals as page, Excel and PDF."""
    client = login(csh_a)
    page = client.get(reverse("billing:close_day")).content.decode()
    assert "300.00" not in page  # a blind count: the system's cash is shown after submitting
    response = client.post(
        reverse("billing:close_day"), {"counted_cash": "300.00", "_community": community_a.pk}
    )
    assert response.status_code == 302
    assert DailyClosing.objects.get().status == "submitted"
    fin_client = login(make_staff(community_a, "FIN"))
    report = fin_client.get(reverse("billing:daily_report")).content.decode()
    assert 'data-testid="report-total">¥500.00<' in report
    workbook = load_workbook(
        io.BytesIO(fin_client.get(reverse("billing:daily_report"), {"format": "xlsx"}).content)
    )
    rows = [[c.value for c in row] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert sorted(r[3] for r in rows) == [200, 300]
    pdf = fin_client.get(reverse("billing:daily_report"), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    closing_page = fin_client.post(
        reverse("billing:dailyclosing_detail", args=[DailyClosing.objects.get().pk]),
        {"action": "confirm", "_community": community_a.pk},
    )
    assert closing_page.status_code == 302 and DailyClosing.objects.get().status == "confirmed"
