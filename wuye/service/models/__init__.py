"""The customer-service center (客户服务中心): work orders with their timeline, categories and
time limits, return visits and escalations (SRV-01..04), duty logs and reception, the FAQ and
warranty claims — one module per topic, every model importable from here."""

from .duty import DutyItem, DutyLog, DutyReview, ReceptionLog
from .escalations import Escalation
from .knowledge import ArticleRevision, KnowledgeArticle
from .orders import (
    FIELD_POSTS,
    WorkOrder,
    WorkOrderAttachment,
    WorkOrderEvent,
    WorkOrderManager,
    WorkOrderPhoto,
    WorkOrderQuerySet,
    is_field_staff,
)
from .policy import Category, ServicePolicy, TimeLimit
from .visits import ReturnVisit
from .warranty import WarrantyClaim

__all__ = [
    "FIELD_POSTS",
    "ArticleRevision",
    "Category",
    "DutyItem",
    "DutyLog",
    "DutyReview",
    "Escalation",
    "KnowledgeArticle",
    "ReceptionLog",
    "ReturnVisit",
    "ServicePolicy",
    "TimeLimit",
    "WarrantyClaim",
    "WorkOrder",
    "WorkOrderAttachment",
    "WorkOrderEvent",
    "WorkOrderManager",
    "WorkOrderPhoto",
    "WorkOrderQuerySet",
    "is_field_staff",
]
