from .assessments import (
    Assessment,
    AssessmentItem,
    DepartmentAssessment,
    TrainingAttendance,
    TrainingSession,
)
from .checkins import CheckIn, Finding, ItemResult
from .checks import CheckEntry, CheckStandard, QualityCheck, SignBoard, StandardItem
from .excellence import ExcellenceEvidence, ExcellenceItem, ExcellenceReview
from .incidents import Incident, IncidentLog, IncidentStep
from .maintenance import Certificate, MaintenancePlan, MaintenanceRecord
from .plans import ChecklistItem, Checkpoint, InspectionPlan, InspectionTask, PlanStop
from .vendors import EvaluationDeduction, VendorEvaluation

__all__ = [
    "ExcellenceEvidence",
    "ExcellenceItem",
    "ExcellenceReview",
    "EvaluationDeduction",
    "VendorEvaluation",
    "Assessment",
    "AssessmentItem",
    "DepartmentAssessment",
    "TrainingAttendance",
    "TrainingSession",
    "Incident",
    "IncidentLog",
    "IncidentStep",
    "Certificate",
    "MaintenancePlan",
    "MaintenanceRecord",
    "CheckEntry",
    "CheckStandard",
    "QualityCheck",
    "SignBoard",
    "StandardItem",
    "CheckIn",
    "ChecklistItem",
    "Checkpoint",
    "Finding",
    "InspectionPlan",
    "InspectionTask",
    "ItemResult",
    "PlanStop",
]
