"""QUA-11, AST-7: the excellent-community evaluation checklist — every item of the standard,
each assessed and its evidence attached, the readiness score and the gaps."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wuye.core.errors import DomainError
from wuye.quality.excellence import EXCELLENCE_ITEMS
from wuye.quality.models import ExcellenceEvidence, ExcellenceReview
from wuye.quality.services import excellence

ZH = {"Accept-Language": "zh-hans"}


@pytest.mark.django_db
def test_qua11_readiness_from_the_items_assessed_and_the_evidence(community_a, make_staff, login):
    assistant = make_staff(community_a, "AST")
    client = login(assistant)
    started = client.post(
        "/api/v1/excellence-reviews/",
        {"year": 2026, "level": "city"},
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    review = ExcellenceReview.objects.get()
    assert review.items.count() == len(EXCELLENCE_ITEMS)
    total = sum(points for *_rest, points in EXCELLENCE_ITEMS)
    items = {item.code: item for item in review.items.all()}
    # Two items assessed: A01 fully (4 of 4), C01 partly (3 of 5).
    assessed = client.post(
        f"/api/v1/excellence-reviews/{review.pk}/assess/",
        {"item": items["A01"].pk, "awarded": "4"},
        content_type="application/json",
    )
    assert assessed.status_code == 200, assessed.content
    excellence.assess_item(review, actor=assistant, item=items["C01"], awarded=Decimal("3"))
    with pytest.raises(DomainError) as refused:
        excellence.assess_item(review, actor=assistant, item=items["A02"], awarded=Decimal("5"))
    assert refused.value.field == "awarded"
    ready = excellence.readiness(review)
    expected = (Decimal(7) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert ready["score"] == expected
    assert len(ready["gaps"]) == len(EXCELLENCE_ITEMS)
    # Evidence: a PDF attached to A01; a file that is neither PDF nor picture is refused.
    pdf = SimpleUploadedFile("contract.pdf", b"%PDF-1.4 contract", content_type="application/pdf")
    attached = client.post(
        f"/api/v1/excellence-reviews/{review.pk}/attach/",
        {"item": items["A01"].pk, "title": "物业服务合同", "document": pdf},
    )
    assert attached.status_code == 200, attached.content
    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = client.post(
        f"/api/v1/excellence-reviews/{review.pk}/attach/",
        {"item": items["A02"].pk, "title": "档案", "document": fake},
    )
    assert refused.status_code == 400
    assert ExcellenceEvidence.objects.count() == 1
    assert len(excellence.readiness(review)["gaps"]) == len(EXCELLENCE_ITEMS) - 1
    page = client.get(f"/quality/excellence/{review.pk}/", headers=ZH).content.decode()
    assert f"{expected}%" in page and "物业服务合同" in page
    evidence = ExcellenceEvidence.objects.get()
    assert client.get(f"/quality/excellence/evidence/{evidence.pk}/").status_code == 200
    # The same year and level once.
    again = client.post(
        "/api/v1/excellence-reviews/",
        {"year": 2026, "level": "city"},
        content_type="application/json",
    )
    assert again.status_code == 400
