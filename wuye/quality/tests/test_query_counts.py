"""PLT-10 for quality: every list — pages and API — runs the same number of queries whatever
the number of rows it shows (no query per row). Each is counted with a few rows and with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.quality.tests import factories as f

FACTORIES = [
    f.ChecklistItemFactory,
    f.PlanStopFactory,
    f.InspectionTaskFactory,
    f.FindingFactory,
    f.CheckEntryFactory,
    f.SignBoardFactory,
    f.MaintenanceRecordFactory,
    f.CertificateFactory,
    f.IncidentStepFactory,
    f.IncidentLogFactory,
    f.AssessmentFactory,
    f.DepartmentAssessmentFactory,
    f.TrainingAttendanceFactory,
    f.EvaluationDeductionFactory,
    f.ExcellenceEvidenceFactory,
]
PAGES = [
    "quality:checkpoint_list",
    "quality:checklistitem_list",
    "quality:inspectionplan_list",
    "quality:inspectiontask_list",
    "quality:finding_list",
    "quality:qualitycheck_list",
    "quality:checkstandard_list",
    "quality:standarditem_list",
    "quality:signboard_list",
    "quality:maintenanceplan_list",
    "quality:maintenancerecord_list",
    "quality:certificate_list",
    "quality:incident_list",
    "quality:assessmentitem_list",
    "quality:assessment_list",
    "quality:departmentassessment_list",
    "quality:trainingsession_list",
    "quality:vendorevaluation_list",
    "quality:excellencereview_list",
]
API = [
    "checkpoints",
    "checklist-items",
    "inspection-plans",
    "inspection-tasks",
    "quality-checks",
    "check-standards",
    "standard-items",
    "sign-boards",
    "maintenance-plans",
    "maintenance-records",
    "certificates",
    "incidents",
    "assessment-items",
    "assessments",
    "training-sessions",
    "vendor-evaluations",
    "excellence-reviews",
]


def counts(client):
    found = {}
    for url in [reverse(name) for name in PAGES] + [f"/api/v1/{path}/" for path in API]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url] = len(captured.captured_queries)
    return found


@pytest.mark.django_db
def test_quality_lists_do_not_query_per_row(community_a, mgr_a, login):
    client = login(mgr_a)
    for _ in range(2):
        for factory in FACTORIES:
            factory(community=community_a)
    few = counts(client)
    for _ in range(6):
        for factory in FACTORIES:
            factory(community=community_a)
    assert counts(client) == few
