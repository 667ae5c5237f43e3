"""PLT-07: Excel import — preview with row-level Chinese errors, then all-or-nothing commit."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from wuye.core.models import ImportBatch
from wuye.org.models import Membership, User

HEADERS = ["用户名", "姓名", "手机号", "岗位", "部门", "片区", "入职日期", "在岗", "邮箱", "工号"]


def xlsx(rows, headers=HEADERS, name="staff.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


GOOD_ROWS = [
    ["zhaoliu", "赵六", "13800000001", "客服专员", "客服部", "一区、二区", "2026-03-01", "是", ""],
    [
        "sunqi",
        "孙七",
        "１３８ ００００ ０００２",
        "TECH",
        "工程部",
        "",
        None,
        "",
        "sunqi@example.com",
    ],
    [None, None, None, None, None, None, None, None, None],  # blank row: skipped
    [" zhouba ", "周八", 13800000003, "收费员", "客服部", "二区", None, "否", None],
]


def upload(client, file):
    return client.post(reverse("core:import_upload", args=["org.staff"]), {"file": file})


@pytest.fixture
def importer_client(org_a, mgr_a, login):
    return login(mgr_a)


@pytest.mark.django_db
def test_happy_path_previews_then_commits_every_row(importer_client, community_a, org_a):
    """PLT-07: upload → preview (nothing saved) → confirm → all rows saved, normalized."""
    response = upload(importer_client, xlsx(GOOD_ROWS))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.total_rows == 3 and batch.error_count == 0
    assert not User.objects.filter(username__in=["zhaoliu", "sunqi", "zhouba"]).exists()
    preview = importer_client.get(response["Location"]).content.decode()
    assert "赵六" in preview and "导入全部 3 行" in preview
    response = importer_client.post(response["Location"], {"action": "commit"})
    assert response.status_code == 302
    staff = {
        m.user.username: m
        for m in Membership.objects.filter(community=community_a).select_related("user")
    }
    assert staff["zhaoliu"].post == "CSR"
    assert {z.name for z in staff["zhaoliu"].zones.all()} == {"一区", "二区"}
    assert staff["sunqi"].user.phone == "13800000002"  # full-width digits normalized
    assert staff["zhouba"].post == "CSH" and staff["zhouba"].is_active is False
    assert not staff["zhouba"].user.has_usable_password()
    batch.refresh_from_db()
    assert batch.status == "committed"


@pytest.mark.django_db
def test_row_errors_name_the_row_and_column_in_chinese(importer_client, community_a):
    """PLT-07: every bad row is listed with its Excel row number and column; nothing saved."""
    rows = [
        ["ok1", "正常", "13800000001", "客服专员", "客服部", "", "", "", ""],
        ["bad1", "手机错", "12345", "客服专员", "客服部", "", "", "", ""],
        ["bad2", "岗位错", "", "董事长", "客服部", "", "", "", ""],
        ["bad3", "", "", "客服专员", "不存在部", "", "2026-13-45", "", ""],
        ["ok1", "重复", "", "客服专员", "", "", "", "", ""],
    ]
    response = upload(importer_client, xlsx(rows))
    batch = ImportBatch.objects.get()
    assert set(batch.errors) == {"3", "4", "5", "6"}
    assert "手机号" in batch.errors["3"]
    assert "岗位" in batch.errors["4"]
    assert {"姓名", "部门", "入职日期"} <= set(batch.errors["5"])
    assert "第 2 行" in " ".join(batch.errors["6"]["__all__"])
    page = importer_client.get(response["Location"]).content.decode()
    assert 'data-testid="commit"' not in page
    assert "手机号" in page and "11 位" in page
    # Trying to commit anyway changes nothing.
    importer_client.post(response["Location"], {"action": "commit"})
    assert not User.objects.filter(username__startswith="ok").exists()
    assert not User.objects.filter(username__startswith="bad").exists()


@pytest.mark.django_db
def test_commit_is_all_or_nothing_when_the_database_changed(
    importer_client, community_a, make_staff
):
    """PLT-07: a row that became invalid after the preview rolls back every other row."""
    response = upload(
        importer_client,
        xlsx(
            [
                ["first", "甲", "", "客服专员", "", "", "", "", ""],
                ["second", "乙", "", "客服专员", "", "", "", "", ""],
            ]
        ),
    )
    make_staff(community_a, "CSR", username="second")  # someone added it by hand meanwhile
    importer_client.post(response["Location"], {"action": "commit"})
    assert not User.objects.filter(username="first").exists()
    batch = ImportBatch.objects.get()
    assert batch.status == "preview"
    assert "3" in batch.errors


@pytest.mark.django_db
def test_reimporting_the_same_file_reports_duplicates_and_changes_nothing(
    importer_client, community_a
):
    """PLT-07: re-importing the same file does not duplicate anyone."""
    first = upload(importer_client, xlsx(GOOD_ROWS[:2]))
    importer_client.post(first["Location"], {"action": "commit"})
    count = Membership.objects.count()
    second = upload(importer_client, xlsx(GOOD_ROWS[:2]))
    batch = ImportBatch.objects.latest("pk")
    assert batch.error_count == 2
    importer_client.post(second["Location"], {"action": "commit"})
    assert Membership.objects.count() == count


def _garbage(size):
    return os.urandom(size)


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("staff.csv", b"a,b,c\n1,2,3\n"), "只能导入 .xlsx"),
        (SimpleUploadedFile("staff.xlsx", b""), "空文件"),
        (SimpleUploadedFile("staff.xlsx", b"this is not a zip at all" * 100), "不是有效的"),
        (SimpleUploadedFile("huge.xlsx", b"\0" * (10 * 1024 * 1024)), "文件过大"),
        ("missing-column", "缺少必填列"),
        ("header-only", "没有数据行"),
        ("empty-sheet", "没有表头"),
    ],
)
@pytest.mark.django_db
def test_unusable_files_get_a_clear_message_and_change_nothing(file, message, importer_client):
    """PLT-07: wrong type, empty, damaged, 10 MB garbage, missing column — clear message, no rows."""
    if file == "missing-column":
        file = xlsx([["u1", "甲", "", ""]], headers=["用户名", "姓名", "手机号", "部门"])
    elif file == "header-only":
        file = xlsx([])
    elif file == "empty-sheet":
        file = xlsx([], headers=[])
    response = upload(importer_client, file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not User.objects.exclude(username="mgr_a").exists()


@pytest.mark.django_db
def test_ten_megabytes_of_random_bytes_named_xlsx(importer_client, settings):
    """PLT-07: a large garbage file is refused without reading it as a workbook."""
    settings.IMPORT_MAX_BYTES = 20 * 1024 * 1024
    response = upload(
        importer_client, SimpleUploadedFile("random.xlsx", _garbage(10 * 1024 * 1024))
    )
    assert response.status_code == 400
    assert "不是有效的" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_template_has_the_chinese_headers(importer_client):
    """PLT-07: the downloadable template carries exactly the importer's headers, plus instructions."""
    response = importer_client.get(reverse("core:import_template", args=["org.staff"]))
    workbook = load_workbook(io.BytesIO(response.content))
    first = workbook.worksheets[0]
    assert [c.value for c in next(first.iter_rows(max_row=1))] == HEADERS
    assert first.max_row == 1  # no example rows that could be imported by mistake
    notes = workbook.worksheets[1]
    assert notes.max_row == len(HEADERS) + 1


@pytest.mark.django_db
def test_import_needs_the_import_permission(community_a, make_staff, login):
    """PLT-03/PLT-07: a cashier cannot import staff."""
    client = login(make_staff(community_a, "CSH"))
    assert client.get(reverse("core:import_upload", args=["org.staff"])).status_code == 403
    assert upload(client, xlsx(GOOD_ROWS)).status_code == 403


@pytest.mark.django_db
def test_discard_forgets_the_rows(importer_client):
    """PLT-07: a discarded upload keeps no rows and imports nothing."""
    response = upload(importer_client, xlsx(GOOD_ROWS))
    importer_client.post(response["Location"], {"action": "discard"})
    batch = ImportBatch.objects.get()
    assert batch.status == "discarded" and batch.rows == []
    assert importer_client.post(response["Location"], {"action": "commit"}).status_code == 302
    assert not User.objects.filter(username="zhaoliu").exists()
