"""PLT-06/PLT-08, SRV-01: files sent to the work-order API are kept (checked as on the pages)
or refused with a 400 — never dropped silently (they were, in a multipart registration)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wuye.service.models import WorkOrder, WorkOrderAttachment, WorkOrderPhoto
from wuye.service.tests.factories import WorkOrderFactory

API = "/api/v1/work-orders/"


def png(name="leak.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name="quote.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


ORDER = {"unit": "3-2-1501", "kind": "repair", "channel": "hotline", "description": "漏水"}


@pytest.mark.django_db
def test_a_multipart_registration_keeps_every_photo_and_document(
    community_a, dsp_a, login, unit_3_2_1501
):
    """PLT-06: photos and documents of a multipart POST are stored with the order, all of
    them (the form field holds only the last one)."""
    client = login(dsp_a)
    response = client.post(
        API, {**ORDER, "photos": [png("a.png"), png("b.png")], "attachments": [pdf()]}
    )
    assert response.status_code == 201, response.content
    order = WorkOrder.objects.get(pk=response.json()["id"])
    assert order.unit == unit_3_2_1501
    assert WorkOrderPhoto.objects.filter(order=order, stage="report").count() == 2
    assert WorkOrderAttachment.objects.filter(order=order).count() == 1


@pytest.mark.django_db
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_saved(
    community_a, dsp_a, login, unit_3_2_1501
):
    """PLT-06: a "photo" that is no picture, a document that is no PDF/Word/Excel, or a file
    under a name the operation does not take: 400 naming the field, no order."""
    client = login(dsp_a)
    fake = SimpleUploadedFile("x.png", b"not a picture", content_type="image/png")
    for files, field in (
        ({"photos": [png(), fake]}, "photos"),
        ({"attachments": [SimpleUploadedFile("x.pdf", b"MZ...")]}, "attachments"),
        ({"receipt": [png()]}, "receipt"),
    ):
        response = client.post(API, {**ORDER, **files})
        assert response.status_code == 400, response.content
        assert field in response.json()["error"]["fields"]
    assert not WorkOrder.objects.exists()
    response = client.post(API, {**ORDER, "photos": "leak.png"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "wrong_type"
    assert list(response.json()["error"]["fields"]) == ["photos"]


@pytest.mark.django_db
def test_completion_photos_are_kept_and_other_actions_take_no_files(
    community_a, tech_a, login, unit_3_2_1501
):
    """SRV-02/PLT-06: the technician's completion photos are kept, as on the phone page; an
    action that takes no file refuses a multipart body (415) instead of ignoring its file."""
    order = WorkOrderFactory(
        community=community_a, unit=unit_3_2_1501, status="arrived", assignee=tech_a
    )
    client = login(tech_a)
    response = client.post(f"{API}{order.pk}/complete/", {"result": "换了阀门", "photos": [png()]})
    assert response.status_code == 200, response.content
    assert WorkOrderPhoto.objects.filter(order=order, stage="done").count() == 1
    response = client.post(f"{API}{order.pk}/note/", {"note": "x", "photos": [png()]})
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
