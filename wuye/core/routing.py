from django.urls import path


def crud(prefix, name, list_view, detail_view, edit_view, delete_view=None):
    """The URL patterns of a model's pages: list, add, detail, edit (and delete)."""
    patterns = [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"{prefix}/add/", edit_view.as_view(), name=f"{name}_add"),
        path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", edit_view.as_view(), name=f"{name}_edit"),
    ]
    if delete_view is not None:
        patterns.append(
            path(f"{prefix}/<int:pk>/delete/", delete_view.as_view(), name=f"{name}_delete")
        )
    return patterns
