"""BIL-03: a run for a month that already holds lines not made by a run — a paid repair's
one-off bill, an approved waiver, a late fee — plans and bills as usual (re-runs too)."""

import datetime as dt
from decimal import Decimal

import pytest

from wuye.billing.services.issuing import execute_run
from wuye.billing.services.oneoff import bill_one_off
from wuye.billing.services.runs import confirm_run, preview_run
from wuye.billing.tests.factories import FeeItemFactory, FeeStandardFactory
from wuye.estate.tests.factories import UnitFactory


@pytest.mark.django_db
def test_runs_ignore_keys_they_did_not_make(community_a, mgr_a):
    home = UnitFactory(community=community_a, gross_area=Decimal("100.00"))
    item = FeeItemFactory(community=community_a, calculation="fixed_unit")
    FeeStandardFactory(community=community_a, fee_item=item, effective_from=dt.date(2020, 1, 1))
    today = dt.date.today()
    bill_one_off(home, lines=[("人工费", Decimal("30"))], key="wo1r0", note="有偿维修", actor=mgr_a)
    run = preview_run(
        community=community_a, period=today.replace(day=1), months=1, fee_items=[item], actor=mgr_a
    )
    assert run.preview["lines"] == 1
    confirm_run(run, actor=mgr_a, enqueue=False)
    execute_run(run)
    again = preview_run(
        community=community_a, period=today.replace(day=1), months=1, fee_items=[item], actor=mgr_a
    )
    assert again.preview["lines"] == 0 and again.preview["skipped"] == 1
