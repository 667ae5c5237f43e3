"""REG-07: import a 20,000-row units-and-owners file on SQLite (limit 20 s for upload + commit).

Prints rows/s, the time of each phase, the ratio to the limit and the peak memory (RSS).
"""

import io
import resource
import sys
import time

from common import report, setup_django

setup_django()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from wuye.core.access import Access  # noqa: E402
from wuye.core.importing import commit_import, get_importer, parse_upload  # noqa: E402
from wuye.estate.models import Person, Unit, UnitRelation  # noqa: E402
from wuye.org.models import Community, Company, Membership, User  # noqa: E402

ROWS = 20_000
LIMIT_S = 20
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "洋",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
]


def build_file():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(
        [
            "楼栋",
            "单元",
            "房号",
            "楼层",
            "建筑面积",
            "套内面积",
            "用途",
            "状态",
            "交付日期",
            "开发商持有",
            "业主姓名",
            "手机号",
            "证件类型",
            "证件号码",
            "人员类型",
            "产权比例",
        ]
    )
    n = 0
    building = 0
    while n < ROWS:
        building += 1
        for entrance in (1, 2):
            for floor in range(1, 34):
                for position in range(1, 5):
                    if n >= ROWS:
                        break
                    name = SURNAMES[n % 20] + GIVEN[(n // 20) % 16] + GIVEN[(n // 320) % 16]
                    sheet.append(
                        [
                            str(building),
                            str(entrance),
                            f"{floor}{position:02d}",
                            floor,
                            "89.50",
                            "72.30",
                            "住宅",
                            "已入住",
                            "2020-06-30",
                            "否",
                            name,
                            f"13{n % 10}{n:08d}",
                            "",
                            "",
                            "业主",
                            "",
                        ]
                    )
                    n += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
user = User.objects.create_user("bench_mgr", company=company, last_community=community)
Membership.objects.create(community=community, user=user, post="MGR")
access = Access(user=user, community=community, communities=[community], posts=frozenset({"MGR"}))
importer = get_importer("estate.units")

data = build_file()
t0 = time.perf_counter()
batch = parse_upload(importer, SimpleUploadedFile("bench.xlsx", data), access=access, actor=user)
t1 = time.perf_counter()
assert batch.error_count == 0, list(batch.errors.items())[:3]
saved = commit_import(batch, access=access, actor=user)
t2 = time.perf_counter()
assert saved == ROWS and Unit.objects.count() == ROWS and Person.objects.count() == ROWS
assert UnitRelation.objects.count() == ROWS

total = t2 - t1 + (t1 - t0)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"upload + validate + preview: {t1 - t0:.1f} s; commit (re-validate + save): {t2 - t1:.1f} s")
print(f"rows/s: {ROWS / total:,.0f}; peak memory (RSS): {peak_mb:,.0f} MB")
ok = report(f"import of {ROWS:,} unit rows", total, "s", LIMIT_S)
sys.exit(0 if ok else 1)
