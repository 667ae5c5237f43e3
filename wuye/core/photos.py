"""Photos taken in the field (work orders, inspections): checked to be real pictures before
anything is saved, and served back only as pictures."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable

from django.core.files.base import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .errors import DomainError

PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
MAX_PHOTO_BYTES = 10 * 1024 * 1024


def clean_photos(files: Iterable[File] | None, *, field: str = "photos") -> list[File]:
    """Every uploaded file must be a real picture (JPEG, PNG or WebP, at most 10 MB): anything
    else is refused (on `field`) before anything is saved, so nothing but images is ever served
    back."""
    files = list(files or [])
    for upload in files:
        name = getattr(upload, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if not (
            extension in PHOTO_TYPES
            and upload.size <= MAX_PHOTO_BYTES
            and _picture_kind(upload) == PHOTO_TYPES[extension]
        ):
            raise DomainError(
                _("“%(name)s” is not a photo (JPEG, PNG or WebP up to 10 MB).") % {"name": name},
                field=field,
            )
    return files


def _picture_kind(upload: File) -> str | None:
    """The picture's real type read by Pillow (image/png…), or None if it is not a picture."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = (image.format or "").lower()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return f"image/{kind}"


def photo_response(image: FieldFile) -> FileResponse:
    """A stored photo as a response, sandboxed; anything that is not a picture is not served
    (only pictures were ever accepted)."""
    extension = (image.name or "").rsplit(".", 1)[-1].lower()
    content_type = PHOTO_TYPES.get(extension)
    if content_type is None:
        raise Http404
    response = FileResponse(image.open("rb"), content_type=content_type)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


MAX_DRAWING_BYTES = 20 * 1024 * 1024


def clean_documents(
    files: Iterable[File] | None, *, field: str = "attachments", message: str = ""
) -> list[File]:
    """Documents handed in: each a PDF or a photo (at most 20 MB), checked by its content, not
    its name; anything else is refused before anything is saved."""
    files = list(files or [])
    for upload in files:
        name = getattr(upload, "name", "") or ""
        if name.lower().endswith(".pdf") and upload.size <= MAX_DRAWING_BYTES:
            upload.seek(0)
            head = upload.read(5)
            upload.seek(0)
            if head == b"%PDF-":
                continue
        elif clean_photos([upload], field=field):
            continue
        raise DomainError(
            (message or _("“%(name)s” is not a PDF or a picture (up to 20 MB).")) % {"name": name},
            field=field,
        )
    return files


def clean_drawings(files: Iterable[File] | None, *, field: str = "drawings") -> list[File]:
    """Drawings handed in: each a PDF or a photo of the drawing (`clean_documents`)."""
    return clean_documents(
        files,
        field=field,
        message=_("“%(name)s” is not a PDF or a photo of the drawing (up to 20 MB)."),
    )


def document_response(stored: FieldFile) -> FileResponse:
    """A stored drawing: a picture shown as a photo, a PDF downloaded (never shown inline)."""
    if (stored.name or "").lower().endswith(".pdf"):
        return FileResponse(
            stored.open("rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=(stored.name or "drawing.pdf").rsplit("/", 1)[-1],
        )
    return photo_response(stored)


def photo_data_uri(stored: FieldFile, *, size: int = 480) -> str:
    """A stored photo, shrunk to fit `size` pixels, as a data: URL for a PDF (which fetches
    nothing else); "" when it is missing or unreadable."""
    if not stored:
        return ""
    try:
        with stored.open("rb") as handle, Image.open(handle) as image:
            picture = image.convert("RGB")
            picture.thumbnail((size, size))
            buffer = io.BytesIO()
            picture.save(buffer, "JPEG", quality=80)
    except (OSError, UnidentifiedImageError, ValueError):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
