"""BIL-16 unit statement (page, PDF, Excel) and BIL-13 door-to-door collection visits."""

import io
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wuye.billing.models import CollectionAppointment
from wuye.billing.services.counter import collect_payment
from wuye.billing.tests.factories import BillFactory, BillLineFactory
from wuye.estate.tests.factories import UnitFactory

D = Decimal


@pytest.mark.django_db
def test_statement_shows_bills_payments_balance_and_prepayment(community_a, csh_a, login):
    """BIL-16: billed 400, paid 250 (+50 kept ahead) → owed 150, prepayment 50; PDF and Excel too."""
    home = UnitFactory(community=community_a)
    for n in (1, 2):
        bill = BillFactory(community=community_a, unit=home, total=D("200.00"))
        BillLineFactory(community=community_a, bill=bill, amount=D("200.00"), billing_key=f"st{n}")
    collect_payment(
        unit=home, amount=D("250"), channel="cash", cashier=csh_a, idempotency_key=uuid.uuid4().hex
    )
    collect_payment(
        unit=home,
        amount=D("50"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=uuid.uuid4().hex,
        purpose="top_up",
    )
    client = login(csh_a)
    page = client.get(reverse("billing:statement", args=[home.pk])).content.decode()
    assert 'data-testid="statement-owed">¥150.00<' in page and "¥50.00" in page
    pdf = client.get(reverse("billing:statement", args=[home.pk]), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    workbook = load_workbook(
        io.BytesIO(
            client.get(reverse("billing:statement", args=[home.pk]), {"format": "xlsx"}).content
        )
    )
    assert [s.title for s in workbook.worksheets][:2] == ["账单", "收款"]
    bills = [[c.value for c in row] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert sorted(row[5] for row in bills) == [0, 150]


@pytest.mark.django_db
def test_collection_visits_are_planned_and_their_outcome_recorded(
    community_a, csh_a, make_staff, login
):
    """BIL-13: a visit with an assignee; a promise needs its date; the list filters by outcome."""
    home = UnitFactory(community=community_a)
    client = login(csh_a)
    data = {
        "unit": home.code,
        "scheduled_for": "2026-12-01T10:00",
        "assignee": csh_a.pk,
        "outcome": "promised",
        "contact": "业主本人",
    }
    response = client.post(reverse("billing:collectionappointment_add"), data)
    assert response.status_code == 400 and not CollectionAppointment.objects.exists()
    response = client.post(
        reverse("billing:collectionappointment_add"), {**data, "promised_date": "2026-12-10"}
    )
    assert response.status_code == 302
    visit = CollectionAppointment.objects.get()
    assert visit.assignee == csh_a and str(visit.promised_date) == "2026-12-10"
    listed = client.get(
        reverse("billing:collectionappointment_list"), {"outcome": "promised"}
    ).content.decode()
    assert home.code in listed or str(home) in listed
    assert (
        login(make_staff(community_a, "TECH"))
        .get(reverse("billing:collectionappointment_list"))
        .status_code
        == 403
    )
