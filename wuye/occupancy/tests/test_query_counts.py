"""PLT-10 for occupancy: every list — pages and API — runs the same number of queries whatever
the number of rows it shows (no query per row). Each is counted with a few rows and with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.occupancy.tests import factories as f

FACTORIES = [
    f.ReleasePassFactory,
    f.ParkingAgreementFactory,
    f.MunicipalRequestFactory,
    f.VacantInspectionFactory,
    f.KeyHoldingFactory,
    f.DecorationPermitFactory,
    f.HandoverDefectFactory,
    f.MoveInFactory,
    f.ListingViewingFactory,
    f.ListingPhotoFactory,
    f.ServiceOrderFactory,
]

PAGES = [
    "occupancy:releasepass_list",
    "occupancy:parkingagreement_list",
    "occupancy:municipalrequest_list",
    "occupancy:vacantunit_list",
    "occupancy:vacantinspection_list",
    "occupancy:decorationpermit_list",
    "occupancy:handover_list",
    "occupancy:handoverdefect_list",
    "occupancy:movein_list",
    "occupancy:movein_board",
    "occupancy:listing_list",
    "occupancy:paidservice_list",
    "occupancy:serviceorder_list",
]

API = [
    "release-passes",
    "parking-agreements",
    "municipal-requests",
    "vacant-units",
    "vacant-inspections",
    "keys-held",
    "decoration-permits",
    "handovers",
    "handover-defects",
    "move-ins",
    "listings",
    "paid-services",
    "service-orders",
]


def add(community, count):
    for _ in range(count):
        for factory in FACTORIES:
            factory(community=community)


def counts(client):
    found = {}
    for url in [reverse(name) for name in PAGES] + [f"/api/v1/{path}/" for path in API]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url] = len(captured.captured_queries)
    return found


@pytest.mark.django_db
def test_occupancy_lists_do_not_query_per_row(community_a, mgr_a, login):
    client = login(mgr_a)
    add(community_a, 2)
    few = counts(client)
    add(community_a, 6)
    many = counts(client)
    assert many == few
