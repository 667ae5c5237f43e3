"""PLT-07: Excel export of every list, with exactly the filtered rows."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook


def rows_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.mark.django_db
def test_staff_export_contains_the_filtered_rows_with_chinese_headers(
    community_a, org_a, make_staff, mgr_a, login
):
    """PLT-07: the export is the filtered list, all pages, with the table's Chinese headers."""
    for n in range(30):
        make_staff(
            community_a, "CSR" if n < 27 else "TECH", username=f"e{n:02d}", name=f"导出员{n:02d}"
        )
    client = login(mgr_a)
    rows = rows_of(client.get(reverse("org:staff_list"), {"post": "CSR", "export": "xlsx"}))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["姓名", "用户名", "手机号"]
    assert len(body) == 27  # more than one page of the HTML list
    assert {r[0] for r in body} == {f"导出员{n:02d}" for n in range(27)}
    assert all(r[4] == "客服专员" for r in body)  # after 工号


@pytest.mark.parametrize(
    "url_name",
    ["org:department_list", "org:zone_list", "org:delegation_list", "org:community_list"],
)
@pytest.mark.django_db
def test_every_list_exports(url_name, community_a, org_a, mgr_a, login):
    """PLT-07: every list page offers the export, and it opens in Excel."""
    rows = rows_of(login(mgr_a).get(reverse(url_name), {"export": "xlsx"}))
    assert rows and all(isinstance(h, str) and h for h in rows[0])


@pytest.mark.django_db
def test_export_respects_the_community_scope(community_a, community_b, make_staff, mgr_a, login):
    """PLT-01/PLT-07: another community's rows never reach an export."""
    make_staff(community_b, "CSR", username="foreign", name="外小区员工")
    rows = rows_of(login(mgr_a).get(reverse("org:staff_list"), {"export": "xlsx"}))
    assert "外小区员工" not in {r[0] for r in rows}


@pytest.mark.django_db
def test_export_follows_the_sort_and_refuses_invalid_filters(community_a, make_staff, mgr_a, login):
    """PLT-07: the file is sorted like the screen; a broken filter exports nothing, not everything."""
    for n in range(3):
        make_staff(community_a, "CSR", username=f"sort{n}", name=f"排序{n}")
    client = login(mgr_a)
    rows = rows_of(
        client.get(
            reverse("org:staff_list"), {"post": "CSR", "sort": "-username", "export": "xlsx"}
        )
    )
    assert [r[1] for r in rows[1:]] == ["sort2", "sort1", "sort0"]
    rows = rows_of(
        client.get(reverse("org:staff_list"), {"department": "999999", "export": "xlsx"})
    )
    assert rows[1:] == []


def test_sheet_names_excel_refuses_are_cleaned():
    from wuye.core.excel import sheet_title

    assert sheet_title("收据本/支票簿") == "收据本-支票簿"
    assert sheet_title("a[b]:c*d?e\\f") == "a-b--c-d-e-f"
    assert len(sheet_title("长" * 40)) == 31 and sheet_title("") == "Sheet"
