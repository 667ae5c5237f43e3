"""Generic views every module's pages are built from, and the platform's own pages.

The building blocks apps use are importable from here (`from wuye.core.views import
ObjectListView`); the platform's pages live in the topic modules: `pages` (workbench, search,
notifications, error pages), `system` (roles, audit, status, calendar) and `imports`.
"""

from .lists import PAGE_SIZES, BatchAction, ObjectListView
from .lookups import LookupView
from .mixins import AccessMixin, ScopedObjectMixin
from .objects import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    StoredFileView,
    crud_views,
)

__all__ = [
    "PAGE_SIZES",
    "AccessMixin",
    "BatchAction",
    "LookupView",
    "ObjectDeleteView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectListView",
    "ScopedObjectMixin",
    "StoredFileView",
    "crud_views",
]
