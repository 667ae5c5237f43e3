from .plans import ChecklistItem, Checkpoint, InspectionPlan, InspectionTask, PlanStop

__all__ = ["ChecklistItem", "Checkpoint", "InspectionPlan", "InspectionTask", "PlanStop"]
