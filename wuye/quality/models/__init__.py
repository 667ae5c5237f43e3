from .checkins import CheckIn, Finding, ItemResult
from .plans import ChecklistItem, Checkpoint, InspectionPlan, InspectionTask, PlanStop

__all__ = [
    "CheckIn",
    "ChecklistItem",
    "Checkpoint",
    "Finding",
    "InspectionPlan",
    "InspectionTask",
    "ItemResult",
    "PlanStop",
]
