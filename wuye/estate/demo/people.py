"""Made-up people and plates of the demo: names, phones and ID numbers from running indexes
through a small stable hash (no global random state), so every install gets the same ones."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from wuye.core.pinyin import pinyin_and_initials

from ..choices import Gender
from ..models import Person

BATCH = 500
CENT = Decimal("0.01")
MASK64 = (1 << 64) - 1


def stable_hash(*parts: int) -> int:
    """A stable pseudo-random 32-bit number for a tuple of integers (no global random state)."""
    x = 0x9E3779B97F4A7C15
    for part in parts:
        x = ((x ^ (part & MASK64)) * 0xBF58476D1CE4E5B9) & MASK64
        x ^= x >> 31
        x = (x * 0x94D049BB133111EB) & MASK64
        x ^= x >> 29
    return x & 0xFFFFFFFF


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@cache
def cached_pinyin(name: str) -> tuple[str, str]:
    return pinyin_and_initials(name)


# --- names, phones, ID numbers ------------------------------------------------------------

# Roughly by frequency; picking min(a, b) of two draws favours the common ones.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_M = [
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
    "飞", "鑫", "波", "宁", "健", "建国", "建华", "建军", "志强", "志明", "国强", "国庆", "海涛",
    "晓东", "俊杰", "文博", "宏伟", "振华", "立新", "卫东", "永刚", "德明", "鹏飞", "旭东",
    "文杰", "嘉伟", "晨阳", "浩", "宇", "凯", "毅", "锋", "亮", "晓峰", "海波",
]  # fmt: skip
GIVEN_F = [
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "洁", "琳", "颖", "倩", "蕾",
    "秀英", "桂英", "海燕", "雪梅", "丽华", "美玲", "晓燕", "婷婷", "文静", "慧敏", "秀兰",
    "玉兰", "春梅", "晓红", "丽娟", "淑芬", "雅琴", "月华", "红梅", "丹丹", "佳慧", "晓丽",
    "雪", "莉", "萍",
]  # fmt: skip
KID_M = [
    "子轩", "浩然", "宇轩", "梓豪", "俊熙", "一诺", "铭泽", "睿", "博文", "子墨", "思远",
    "天佑", "皓轩", "嘉懿", "奕辰", "沐阳",
]  # fmt: skip
KID_F = [
    "梓涵", "欣怡", "诗涵", "雨欣", "可馨", "若曦", "思琪", "梦瑶", "子萱", "语桐", "佳怡",
    "芷若", "安琪", "心怡", "雨桐", "一宁",
]  # fmt: skip
WORKPLACES = [
    "浙江大学", "杭州市第一人民医院", "浙江省人民医院", "杭州银行江南支行", "江南区实验小学",
    "杭州地铁运营有限公司", "国网杭州供电公司", "阿里巴巴（中国）有限公司", "网易（杭州）网络有限公司",
    "杭州海康威视数字技术股份有限公司", "浙江省建工集团", "中国移动杭州分公司", "个体经营",
    "自由职业",
]  # fmt: skip
# 139 is left to the staff accounts of the org demo.
PHONE_PREFIXES = [
    "138", "137", "136", "135", "158", "159", "150", "151", "152", "186", "187", "188", "189",
    "133", "153", "180", "181", "182", "183", "131", "132", "155", "156", "185", "130",
]  # fmt: skip
# Area codes that stdnum's place database accepts for every birth year from 1950 to 2000.
REGIONS = [
    "330122", "330127", "330122", "330127", "332822", "332823", "330100", "330200",
    "320121", "340121", "360121", "430121", "510122", "412721", "362322", "340621",
]  # fmt: skip
ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def check_digit(body: str) -> str:
    """The 18th character of a resident ID number (GB 11643-1999, ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(body, ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


class People:
    """The people of one community: each is made from its running index."""

    def __init__(self, community, salt):
        self.community = community
        self.salt = salt
        self.items: list[Person] = []
        self.id_numbers: set[str] = set()

    def _r(self, n, k):
        return stable_hash(self.salt, n, k)

    def make(self, *, male, born, surname="", id_share=70, phone=True, workplace="", note=""):
        """A new person born in the years `born` = (first, last)."""
        n = len(self.items)
        r = self._r
        if not surname:
            surname = SURNAMES[min(r(n, 1) % len(SURNAMES), r(n, 2) % len(SURNAMES))]
        kid = born[0] > 2000
        names = (KID_M if male else KID_F) if kid else (GIVEN_M if male else GIVEN_F)
        name = surname + names[r(n, 3) % len(names)]
        year = born[0] + r(n, 4) % (born[1] - born[0] + 1)
        birthday: dt.date | None = dt.date(year, 1, 1) + dt.timedelta(days=r(n, 5) % 365)
        id_number = ""
        if not kid and r(n, 6) % 100 < id_share:
            id_number = self._id_number(n, birthday, male)
        elif not kid and r(n, 7) % 100 >= 20:
            birthday = None
        lunar = birthday is not None and (r(n, 8) % 100 < (45 if birthday.year < 1965 else 4))
        if not workplace and not kid and r(n, 9) % 100 < 35:
            workplace = "已退休" if year < 1963 else WORKPLACES[r(n, 10) % len(WORKPLACES)]
        pinyin, initials = cached_pinyin(name)
        person = Person(
            community=self.community,
            name=name,
            gender=Gender.MALE if male else Gender.FEMALE,
            phone=self._phone(n) if phone else "",
            id_number=id_number,
            birthday=birthday,
            birthday_lunar=lunar,
            workplace=workplace,
            note=note,
            pinyin=pinyin,
            initials=initials,
        )
        self.items.append(person)
        return person

    def _phone(self, n):
        prefix = PHONE_PREFIXES[n % len(PHONE_PREFIXES)]
        # 7919 is prime to 10**8, so no two people of a community share a tail.
        tail = (n * 7919 + self.salt * 10_000_019 + 2_468_013) % 10**8
        return f"{prefix}{tail:08d}"

    def _id_number(self, n, birthday, male):
        region = REGIONS[self._r(n, 11) % len(REGIONS)]
        sequence = (self._r(n, 12) % 470 + 10) * 2 + (1 if male else 0)  # odd for men
        while True:
            body = f"{region}{birthday:%Y%m%d}{sequence:03d}"
            number = body + check_digit(body)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number
            sequence = (sequence + 2) % 1000


# --- plates -------------------------------------------------------------------------------

PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O
OTHER_CITIES = ["浙B", "浙C", "浙F", "浙G", "苏E", "沪A", "皖A", "赣A", "鄂A", "豫A"]
BRANDS = [
    "大众 朗逸", "丰田 凯美瑞", "本田 雅阁", "日产 轩逸", "别克 GL8", "宝马 3系", "奔驰 C级",
    "奥迪 A4L", "吉利 星越L", "长安 CS75", "哈弗 H6", "大众 帕萨特", "丰田 RAV4荣放",
    "本田 CR-V", "领克 03", "马自达 CX-5",
]  # fmt: skip
NEV_BRANDS = [
    "比亚迪 汉", "比亚迪 秦PLUS DM-i", "比亚迪 宋PLUS", "特斯拉 Model Y", "特斯拉 Model 3",
    "理想 L7", "蔚来 ES6", "小鹏 P7", "问界 M7", "五菱 宏光MINI EV", "极氪 001", "小米 SU7",
]  # fmt: skip
COLOURS = ["白色", "白色", "黑色", "黑色", "银色", "灰色", "蓝色", "红色", "棕色", "绿色"]


class Plates:
    """Unique plates of one community, in the ordinary and the new-energy forms."""

    def __init__(self, salt):
        self.salt = salt
        self.seen: set[str] = set()
        self.count = 0

    def next(self):
        """(plate, new_energy)"""
        while True:
            k = self.count
            self.count += 1
            r = stable_hash(self.salt, k, 77)
            city = "浙A" if r % 100 < 88 else OTHER_CITIES[(r >> 8) % len(OTHER_CITIES)]
            digits = (k * 7919 + self.salt * 104_729 + 13_579) % 100_000
            letter = PLATE_LETTERS[(r >> 12) % len(PLATE_LETTERS)]
            letter2 = PLATE_LETTERS[(r >> 17) % len(PLATE_LETTERS)]
            style = (r >> 22) % 20
            new_energy = style < 5
            if new_energy:  # small new-energy car: 浙AD12345
                kind = "D" if style < 4 else "F"
                second = letter if style % 2 else str(digits % 10)
                plate = f"{city}{kind}{second}{digits // 10:04d}"
            elif style < 10:  # 浙A3K8P2 style
                plate = f"{city}{digits % 10}{letter}{digits // 10 % 100:02d}{letter2}"
            elif style < 14:  # 浙AB1234
                plate = f"{city}{letter}{digits % 10000:04d}"
            else:  # 浙A12345
                plate = f"{city}{digits:05d}"
            if plate not in self.seen:
                self.seen.add(plate)
                return plate, new_energy
