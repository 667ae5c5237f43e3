"""QUA-07, CSD-9: a subcontractor's month scored against its scorecard, deductions tied to the
month's findings about its work, the evaluation sheet PDF."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from wuye.core.errors import DomainError
from wuye.estate.tests.factories import VendorFactory
from wuye.org.tests.factories import DepartmentFactory
from wuye.quality.models import CheckStandard, EvaluationDeduction, VendorEvaluation
from wuye.quality.services import checks, vendors
from wuye.quality.tests.factories import CheckEntryFactory, QualityCheckFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def cleaning_vendor(community_a, make_staff, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 3, 9, 0, tzinfo=SHANGHAI))
    qc = make_staff(community_a, "QC")
    checks.install_standards(community_a, actor=qc)
    vendor = VendorFactory(community=community_a, name="洁美保洁公司", category="cleaning")
    scorecard = CheckStandard.objects.get(community=community_a, name="保洁外包月度考评表")
    return {"qc": qc, "vendor": vendor, "scorecard": scorecard}


@pytest.mark.django_db
def test_qua07_monthly_score_with_deductions_tied_to_findings(cleaning_vendor, community_a, login):
    qc, vendor, scorecard = (cleaning_vendor[k] for k in ("qc", "vendor", "scorecard"))
    # November's spot check of the cleaning department found the lobby wet.
    department = DepartmentFactory(community=community_a, kind="CLN", name="保洁部")
    check = QualityCheckFactory(
        community=community_a, department=department, checked_on=dt.date(2026, 11, 12)
    )
    wet = CheckEntryFactory(
        community=community_a, quality_check=check, passed=False, remark="大堂地面有水渍"
    )
    client = login(qc)
    started = client.post(
        "/api/v1/vendor-evaluations/",
        {"vendor": vendor.pk, "month": "2026-11-01", "standard": scorecard.pk},
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    evaluation = VendorEvaluation.objects.get()
    assert [e.pk for e in vendors.month_findings(evaluation)["entries"]] == [wet.pk]
    clean, bins = scorecard.items.order_by("position")[:2]
    vendors.deduct(
        evaluation, actor=qc, item=clean, points=Decimal("5"), reason="大堂水渍", check_entry=wet
    )
    vendors.deduct(evaluation, actor=qc, item=bins, points=Decimal("3.5"), reason="垃圾满溢")
    # 100 points, 8.5 taken off → 91.5; the wet lobby is no longer offered.
    assert vendors.score_of(evaluation) == Decimal("91.5")
    assert vendors.month_findings(evaluation)["entries"] == []
    with pytest.raises(DomainError) as refused:  # 30 − 5 = 25 left on the item
        vendors.deduct(evaluation, actor=qc, item=clean, points=Decimal("26"), reason="x")
    assert refused.value.field == "points"
    finished = client.post(
        f"/api/v1/vendor-evaluations/{evaluation.pk}/finish/",
        {"summary": "大堂保洁需加强"},
        content_type="application/json",
    )
    assert finished.status_code == 200 and finished.json()["score"] == "91.5"
    pdf = client.get(f"/quality/subcontractors/{evaluation.pk}/sheet/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = client.get(f"/quality/subcontractors/{evaluation.pk}/", headers=ZH).content.decode()
    assert "91.5" in page and "大堂水渍" in page


@pytest.mark.django_db
def test_qua07_one_evaluation_a_month_on_the_right_scorecard(
    cleaning_vendor, community_a, community_b
):
    qc, vendor, scorecard = (cleaning_vendor[k] for k in ("qc", "vendor", "scorecard"))
    elevator_card = CheckStandard.objects.get(community=community_a, name="电梯维保月度考评表")
    spot = CheckStandard.objects.get(community=community_a, name="保洁品质检查标准")
    base = {"community": community_a, "actor": qc, "vendor": vendor, "month": dt.date(2026, 11, 1)}
    for change, field in (
        ({"standard": elevator_card}, "standard"),
        ({"standard": spot}, "standard"),
        ({"standard": scorecard, "month": dt.date(2027, 1, 1)}, "month"),
        ({"standard": scorecard, "vendor": VendorFactory(community=community_b)}, "vendor"),
    ):
        with pytest.raises(DomainError) as refused:
            vendors.start_evaluation(**{**base, **change})
        assert refused.value.field == field
    vendors.start_evaluation(**base, standard=scorecard)
    with pytest.raises(DomainError):
        vendors.start_evaluation(**base, standard=scorecard)
    assert VendorEvaluation.objects.count() == 1 and not EvaluationDeduction.objects.exists()
