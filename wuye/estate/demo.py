"""Demo registry (房产与住户档案) of the three demo service centers.

阳光花园 gets about 2,000 units, 翠湖苑 about 800 and 金桂苑 about 100, with their owners,
families and tenants, parking, vehicles, meters, facilities, vendors and outside contacts.

Everything is derived from running indexes through a small stable hash, so every install gets
the same data. The large tables go through bulk_create, so the fields that save() would compute
(Building.sort_key, Unit.code, Person.pinyin and initials) are set here. A community that
already has units is left alone.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache

from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.core.pinyin import pinyin_and_initials
from wuye.org.choices import DepartmentKind
from wuye.org.models import Community, Department, Zone

from . import services
from .choices import (
    BuildingKind,
    ContactKind,
    FacilityKind,
    FacilityStatus,
    Gender,
    LiaisonChannel,
    MeterKind,
    MeterScope,
    RelationRole,
    SpaceKind,
    UnitStatus,
    UnitUse,
    VendorCategory,
)
from .models import (
    Building,
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    UnitRelation,
    Vehicle,
    Vendor,
)

BATCH = 500
CENT = Decimal("0.01")
MASK64 = (1 << 64) - 1


def _h(*parts: int) -> int:
    """A stable pseudo-random 32-bit number for a tuple of integers (no global random state)."""
    x = 0x9E3779B97F4A7C15
    for part in parts:
        x = ((x ^ (part & MASK64)) * 0xBF58476D1CE4E5B9) & MASK64
        x ^= x >> 31
        x = (x * 0x94D049BB133111EB) & MASK64
        x ^= x >> 29
    return x & 0xFFFFFFFF


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@cache
def _pinyin(name: str) -> tuple[str, str]:
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
        return _h(self.salt, n, k)

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
        birthday = dt.date(year, 1, 1) + dt.timedelta(days=r(n, 5) % 365)
        id_number = ""
        if not kid and r(n, 6) % 100 < id_share:
            id_number = self._id_number(n, birthday, male)
        elif not kid and r(n, 7) % 100 >= 20:
            birthday = None
        lunar = birthday is not None and (r(n, 8) % 100 < (45 if birthday.year < 1965 else 4))
        if not workplace and not kid and r(n, 9) % 100 < 35:
            workplace = "已退休" if year < 1963 else WORKPLACES[r(n, 10) % len(WORKPLACES)]
        pinyin, initials = _pinyin(name)
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
            r = _h(self.salt, k, 77)
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


# --- what each community has --------------------------------------------------------------


@dataclass(frozen=True)
class BuildingSpec:
    number: str
    kind: str
    zone: str
    floors: int  # above ground
    entrances: int  # 0 when the building has none (shops, car park)
    per_floor: int  # units per floor and entrance
    completed: dt.date
    handover: dt.date  # the day most of its units were handed over
    use: str = UnitUse.RESIDENTIAL
    name: str = ""
    basement: int = 0
    levels: tuple = ()  # floors holding units when not 1..floors, e.g. (-1, -2)


def _residential(numbers, kind, zone, floors, entrances, per_floor, completed, handover):
    basement = 1 if kind == BuildingKind.HIGH_RISE else 0
    return [
        BuildingSpec(
            str(n), kind, zone, floors, entrances, per_floor, completed, handover, basement=basement
        )
        for n in numbers
    ]


HIGH, MULTI = BuildingKind.HIGH_RISE, BuildingKind.MULTI_STOREY
A1 = (dt.date(2019, 3, 15), dt.date(2019, 6, 28))  # phase 1: completed, handed over
A2 = (dt.date(2020, 6, 30), dt.date(2020, 10, 18))  # phase 2
BUILDINGS = {
    "A": [
        *_residential([1, 2], HIGH, "A1", 33, 3, 4, *A1),
        *_residential([3], HIGH, "A1", 26, 2, 4, *A1),
        *_residential([4], HIGH, "A2", 26, 2, 4, *A1),
        *_residential([5, 6], HIGH, "A2", 33, 2, 4, *A1),
        *_residential([7, 8, 9, 10], MULTI, "A3", 6, 3, 2, *A2),
        BuildingSpec(
            "S", BuildingKind.SHOPS, "A4", 1, 0, 38, *A1, use=UnitUse.SHOP, name="沿街商铺"
        ),
        BuildingSpec(
            "P",
            BuildingKind.CAR_PARK,
            "A2",
            0,
            0,
            40,
            *A1,
            use=UnitUse.STORAGE,
            name="地下车库储藏间",
            basement=2,
            levels=(-1, -2),
        ),
    ],  # fmt: skip
    "B": [
        *_residential(
            range(1, 5), MULTI, "B1", 6, 3, 2, dt.date(2015, 9, 30), dt.date(2016, 5, 20)
        ),
        *_residential([5, 6], HIGH, "B2", 18, 2, 4, dt.date(2016, 6, 30), dt.date(2016, 12, 18)),
        *_residential([7, 8], HIGH, "B2", 24, 2, 4, dt.date(2016, 6, 30), dt.date(2016, 12, 18)),
    ],
    "C": [
        *_residential(
            range(1, 5), MULTI, "C1", 6, 2, 2, dt.date(2008, 10, 10), dt.date(2009, 4, 18)
        ),
        BuildingSpec(
            "S",
            BuildingKind.SHOPS,
            "C1",
            1,
            0,
            4,
            dt.date(2008, 10, 10),
            dt.date(2009, 4, 18),
            use=UnitUse.SHOP,
            name="沿街商铺",
        ),
    ],  # fmt: skip
}
HANDOVER_UNTIL = {"A": dt.date(2021, 12, 31), "B": dt.date(2017, 12, 31), "C": dt.date(2010, 6, 30)}
SALT = {"A": 1, "B": 2, "C": 3}
CODES = {"A": "YGHY", "B": "CHY", "C": "JGY"}

# (name, underground, location, number prefix, [(kind, count, % with a holder)])
PARKING = {
    "A": [
        ("地面停车场", False, "东门内侧及环湖路沿线", "D",
         [(SpaceKind.PUBLIC, 30, 0), (SpaceKind.LEASED, 90, 88)]),
        ("地下车库一层", True, "1–6栋地下，南门坡道进出", "B1",
         [(SpaceKind.OWNED, 170, 88), (SpaceKind.LEASED, 80, 80), (SpaceKind.PUBLIC, 10, 0)]),
        ("地下车库二层", True, "由地下一层坡道下行", "B2",
         [(SpaceKind.CIVIL_DEFENCE, 100, 60), (SpaceKind.OWNED, 70, 85), (SpaceKind.LEASED, 50, 70)]),
    ],
    "B": [
        ("地面停车场", False, "小区内环路两侧", "D",
         [(SpaceKind.PUBLIC, 20, 0), (SpaceKind.LEASED, 60, 85)]),
        ("地下车库", True, "5–8栋地下，西门坡道进出", "B1",
         [(SpaceKind.OWNED, 100, 85), (SpaceKind.LEASED, 50, 75), (SpaceKind.CIVIL_DEFENCE, 30, 60)]),
    ],
    "C": [
        ("地面停车场", False, "楼间道路划线车位", "D",
         [(SpaceKind.PUBLIC, 10, 0), (SpaceKind.LEASED, 30, 85)]),
    ],
}  # fmt: skip
EXTRA_VEHICLES = {"A": 20, "B": 10, "C": 8}

SHOP_BUSINESSES = [
    "阳光便利店", "老杭帮面馆", "益康大药房", "美佳美发", "洁雅干洗店", "鲜果时光水果店",
    "麦香烘焙坊", "家家乐生鲜超市", "小太阳文具店", "悦读书屋", "康乐口腔诊所", "安心家政服务",
    "萌宠宠物店", "茗香茶叶店", "邻里快递驿站", "童趣舞蹈培训", "川味麻辣烫", "街角咖啡",
    "好运彩票站", "明亮眼镜店", "喜乐母婴店", "百味熟食店", "顺心五金店", "惠民菜场",
]  # fmt: skip

# (category, name, contact, phone, address)
VENDORS = [
    (VendorCategory.ELEVATOR, "浙江恒升电梯工程有限公司", "钱立新", "0571-86012345", "杭州市拱墅区丰潭路 380 号"),
    (VendorCategory.GARBAGE, "杭州洁城环境服务有限公司", "郑海波", "0571-85233610", "杭州市江南区工业园 12 号"),
    (VendorCategory.GREENING, "杭州青禾园林绿化工程有限公司", "林晓峰", "0571-87651208", "杭州市余杭区良渚街道 66 号"),
    (VendorCategory.FIRE, "浙江安盾消防技术服务有限公司", "韩建军", "0571-88317119", "杭州市滨江区江南大道 1288 号"),
    (VendorCategory.WATER, "杭州清泉供水设备维护有限公司", "孙志明", "0571-86952010", "杭州市西湖区文三路 90 号"),
    (VendorCategory.PEST, "杭州康卫有害生物防治有限公司", "曹丽华", "0571-85806622", "杭州市上城区秋涛路 201 号"),
    (VendorCategory.CLEANING, "杭州高洁外墙清洗有限公司", "彭宏伟", "0571-86677321", "杭州市萧山区金城路 455 号"),
]  # fmt: skip
VENDOR_CATEGORIES = {
    "A": [v[0] for v in VENDORS],
    "B": [
        VendorCategory.ELEVATOR,
        VendorCategory.GARBAGE,
        VendorCategory.GREENING,
        VendorCategory.FIRE,
        VendorCategory.WATER,
    ],
    "C": [VendorCategory.GARBAGE, VendorCategory.FIRE],
}

# (kind, organization, contact, phone, address, note)
CONTACTS = {
    "A": [
        (ContactKind.HOUSING_BUREAU, "江南区住房和城乡建设局", "周建明", "0571-87061234", "江南区政务服务中心 3 楼", "物业管理科"),
        (ContactKind.RESIDENTS_COMMITTEE, "阳光社区居民委员会", "陈丽华", "0571-87062201", "阳光大道 86 号", "社区书记"),
        (ContactKind.POLICE, "江南区公安分局阳光派出所", "王志强", "0571-87063110", "阳光大道 20 号", "社区民警，每周三上午驻点"),
        (ContactKind.STREET_OFFICE, "阳光街道办事处", "刘海燕", "0571-87060001", "阳光大道 1 号", "城管科"),
        (ContactKind.WATER, "杭州市水务集团江南营业所", "朱国强", "0571-86990110", "江南区滨河路 18 号", "停水通知与抢修"),
        (ContactKind.POWER, "国网杭州供电公司江南供电服务中心", "孙卫东", "95598", "江南区电力路 5 号", "配电房与计划停电"),
        (ContactKind.GAS, "杭州天然气有限公司江南分公司", "何晓东", "0571-86996777", "江南区燃气路 9 号", "入户安检与抢修"),
        (ContactKind.TELECOM, "中国电信江南营业厅", "杨婷婷", "0571-10000", "阳光大道 120 号", "光纤与弱电井"),
        (ContactKind.OWNERS_COMMITTEE, "阳光花园业主委员会", "黄国庆", "13857106688", "阳光花园会所 2 楼", "业委会主任"),
        (ContactKind.DEVELOPER, "阳光置业发展有限公司", "林德明", "0571-88886600", "江南区阳光大道 99 号", "维修保修期问题对接"),
    ],
    "B": [
        (ContactKind.HOUSING_BUREAU, "湖滨区住房和城乡建设局", "吴振华", "0571-87151234", "湖滨区行政中心 5 楼", "物业管理科"),
        (ContactKind.RESIDENTS_COMMITTEE, "翠湖社区居民委员会", "徐秀英", "0571-87152208", "翠湖路 10 号", "社区主任"),
        (ContactKind.POLICE, "湖滨区公安分局翠湖派出所", "马勇", "0571-87153110", "翠湖路 2 号", "社区民警"),
        (ContactKind.WATER, "杭州市水务集团湖滨营业所", "胡斌", "0571-86990220", "湖滨区滨湖路 6 号", ""),
        (ContactKind.POWER, "国网杭州供电公司湖滨供电服务中心", "郭鹏", "95598", "湖滨区电力路 8 号", ""),
        (ContactKind.GAS, "杭州天然气有限公司湖滨分公司", "高丽", "0571-86996778", "湖滨区燃气路 3 号", ""),
        (ContactKind.OWNERS_COMMITTEE, "翠湖苑业主委员会", "罗建华", "13957126600", "翠湖苑 3 栋架空层", "业委会主任"),
    ],
    "C": [
        (ContactKind.RESIDENTS_COMMITTEE, "金桂社区居民委员会", "梁春梅", "0571-87069906", "金桂街 3 号", "社区书记"),
        (ContactKind.POLICE, "江南区公安分局阳光派出所", "谢宁", "0571-87063111", "阳光大道 20 号", "金桂苑片区民警"),
        (ContactKind.WATER, "杭州市水务集团江南营业所", "朱国强", "0571-86990110", "江南区滨河路 18 号", ""),
        (ContactKind.HOUSING_BUREAU, "江南区住房和城乡建设局", "周建明", "0571-87061234", "江南区政务服务中心 3 楼", "老旧小区改造"),
    ],
}  # fmt: skip
# (organization, days ago, channel, staff username, subject, content, follow-up)
LIAISONS = {
    "A": [
        ("阳光花园业主委员会", 3, LiaisonChannel.MEETING, "mgr_a", "业委会月度例会",
         "通报 5 栋电梯维修进展，讨论使用专项维修资金更换 1、2 栋电梯钢丝绳。", "整理维修资金使用方案，下次例会表决"),
        ("杭州市水务集团江南营业所", 6, LiaisonChannel.PHONE, "tech_a", "计划停水通知：主管网阀门更换",
         "下周二 9:00–16:00 阳光大道主管网阀门更换，小区全区停水。", "提前两天张贴停水通知并推送业主群"),
        ("江南区公安分局阳光派出所", 11, LiaisonChannel.VISIT, "sec_a", "协查电动车被盗",
         "7 栋车棚电动车被盗，配合民警调取 2 号门岗及车棚监控。", "车棚加装一路监控"),
        ("阳光社区居民委员会", 18, LiaisonChannel.MEETING, "css_a", "联合开展消防安全宣传",
         "商定本月在南门广场开展消防宣传和灭火器演示。", "准备展板与灭火器演示器材"),
        ("国网杭州供电公司江南供电服务中心", 25, LiaisonChannel.PHONE, "tech_a", "配电房年度预防性试验",
         "供电公司安排 2 号配电房预防性试验，需停电约 4 小时。", "确认停电时段，通知受影响楼栋"),
        ("江南区住房和城乡建设局", 40, LiaisonChannel.DOCUMENT, "mgr_a", "报送物业服务项目备案信息",
         "报送年度物业服务项目信息及电梯、消防设施台账。", ""),
        ("杭州天然气有限公司江南分公司", 52, LiaisonChannel.PHONE, "csr_a", "燃气入户安检安排",
         "燃气公司下月分楼栋入户安检，需物业协助通知住户。", "按楼栋排期张贴通知"),
    ],
    "B": [
        ("翠湖苑业主委员会", 8, LiaisonChannel.MEETING, "mgr_b", "讨论地下车库照明改造",
         "业委会同意将地下车库照明更换为 LED 感应灯。", "提交改造报价"),
        ("湖滨区公安分局翠湖派出所", 20, LiaisonChannel.VISIT, "sec_b", "出租房屋登记核查",
         "民警核查出租房屋及租户登记情况。", "补登记 3 户租户信息"),
        ("杭州市水务集团湖滨营业所", 35, LiaisonChannel.PHONE, "tech_b", "二次供水水箱清洗",
         "协调水箱清洗后的水质检测。", ""),
    ],
    "C": [
        ("金桂社区居民委员会", 14, LiaisonChannel.MEETING, "mgr_a", "老旧小区改造意见征集",
         "居委会召集业主代表征集外立面与管网改造意见。", "汇总意见报街道"),
    ],
}  # fmt: skip

STREETS = {
    "A": ["南门广场", "中心景观道", "环湖步道", "一区内环路", "二区内环路", "三区林荫道", "商业街", "东门车道"],
    "B": ["东门广场", "翠湖环路", "东区内环路", "西区内环路", "湖边步道"],
    "C": ["金桂街入口", "小区主路", "楼间道路"],
}  # fmt: skip
RECREATION = {
    "A": ["儿童游乐场", "一区健身器材区", "二区健身器材区", "篮球场", "羽毛球场", "老年活动室", "湖心凉亭"],
    "B": ["儿童游乐场", "健身器材区", "湖边凉亭"],
    "C": ["健身器材区"],
}  # fmt: skip
SIGNS = {
    "A": ["南门小区总平面导视图", "东门小区总平面导视图", "地下车库入口导向牌", "地下车库出口导向牌",
          "一区楼栋指示牌", "二区楼栋指示牌", "三区楼栋指示牌", "商业街导视牌", "消防通道禁停标识", "泳池安全须知牌"],
    "B": ["东门小区总平面导视图", "西门小区总平面导视图", "地下车库入口导向牌", "东区楼栋指示牌", "西区楼栋指示牌"],
    "C": ["小区总平面导视图", "消防通道禁停标识"],
}  # fmt: skip
GATES = {"A": ["南门", "东门"], "B": ["东门", "西门"], "C": ["大门"]}


# --- the seed -----------------------------------------------------------------------------


def seed(*, out, password):
    for key in ("A", "B", "C"):
        community = Community.objects.filter(code=CODES[key]).first()
        if community is None or Unit.objects.filter(community=community).exists():
            continue
        _Seeder(key, community).run()
    communities = {c.code: c for c in Community.objects.filter(code__in=CODES.values())}
    counts = [
        (communities[code].name, Unit.objects.filter(community=communities[code]).count())
        for code in CODES.values()
        if code in communities
    ]
    units = ", ".join(
        f"{n:,} {'units ' if i == 0 else ''}in {name}" for i, (name, n) in enumerate(counts)
    )
    out.write(
        f"  estate: {units}; {Person.objects.count():,} residents, "
        f"{ParkingSpace.objects.count():,} parking spaces, {Vehicle.objects.count():,} vehicles, "
        f"{Meter.objects.count():,} meters, {Facility.objects.count():,} facilities"
    )


class _Seeder:
    """Everything of one community, in dependency order."""

    def __init__(self, key, community):
        self.key = key
        self.salt = SALT[key]
        self.community = community
        self.today = timezone.localdate()
        self.zones = {z.code: z for z in Zone.objects.filter(community=community)}
        self.engineering = Department.objects.filter(
            community=community, kind=DepartmentKind.ENGINEERING
        ).first()
        self.people = People(community, self.salt)
        self.relations: list[UnitRelation] = []
        self.occupants: list[tuple[Person, Unit]] = []  # owners living in their unit
        self.tenants: list[tuple[Person, Unit]] = []
        self.since: dict[int, dt.date] = {}  # id(owner) → owner of the flat since
        self.building_by_number: dict[str, Building] = {}
        self.unit_list: list[Unit] = []
        self.vendors: dict[str, Vendor] = {}

    def r(self, *parts):
        return _h(self.salt, *parts)

    def _order(self, length, salt):
        """0..length-1 in a stable shuffled order."""
        return sorted(range(length), key=lambda k: self.r(k, salt))

    def run(self):
        self.buildings()
        self.units()
        self.residents()
        self.parking()
        self.vendors_and_facilities()
        self.meters()
        self.contacts()

    # buildings and units

    def buildings(self):
        rows = []
        for spec in BUILDINGS[self.key]:
            building = Building(
                community=self.community,
                number=spec.number,
                name=spec.name,
                kind=spec.kind,
                zone=self.zones.get(spec.zone),
                floors=spec.floors,
                basement_floors=spec.basement,
                completed_on=spec.completed,
                sort_key=Building.sort_key_for(spec.number),
            )
            rows.append(building)
            self.building_by_number[spec.number] = building
        Building.objects.bulk_create(rows, batch_size=BATCH)

    def units(self):
        for b_index, spec in enumerate(BUILDINGS[self.key]):
            building = self.building_by_number[spec.number]
            levels = spec.levels or range(1, spec.floors + 1)
            entrances = range(1, spec.entrances + 1) if spec.entrances else [0]
            for entrance in entrances:
                for floor in levels:
                    for position in range(1, spec.per_floor + 1):
                        self.unit_list.append(
                            self._unit(b_index, spec, building, entrance, floor, position)
                        )
        Unit.objects.bulk_create(self.unit_list, batch_size=BATCH)

    def _unit(self, b_index, spec, building, entrance, floor, position):
        number = str(abs(floor) * (1000 if floor < 0 else 100) + position)
        code = f"{spec.number}-{entrance}-{number}"
        use = spec.use
        if spec.kind == BuildingKind.CAR_PARK and floor == -2 and position <= 12:
            use = UnitUse.GARAGE
        gross = self._gross_area(b_index, spec, position, use)
        ratio = Decimal(7800 + self.r(b_index, position, 2) % 400) / Decimal(10000)
        inner = (gross * ratio).quantize(CENT, rounding=ROUND_DOWN)
        roll = self.r(b_index, entrance, floor + 100, position, 3) % 1000
        status = self._status(use, roll)
        if self.key == "A" and code == "3-2-1501":
            status = UnitStatus.OCCUPIED  # the unit of the journey tests
        handover = None
        if status != UnitStatus.UNSOLD:
            until = HANDOVER_UNTIL[self.key]
            late = self.r(b_index, entrance, floor + 100, position, 4)
            days = 0 if late % 100 < 70 else late % max((until - spec.handover).days, 1)
            handover = spec.handover + dt.timedelta(days=days)
        note = ""
        if status == UnitStatus.DECORATING:
            finish = self.today + dt.timedelta(days=20 + roll % 100)
            note = f"装修备案，预计 {finish:%Y-%m} 完工"
        elif use == UnitUse.SHOP and status == UnitStatus.UNSOLD:
            note = "开发商持有，招租中"
        elif use == UnitUse.SHOP and status == UnitStatus.RENTED:
            note = f"经营：{self._business(number)}"
        elif use == UnitUse.SHOP and status == UnitStatus.OCCUPIED:
            note = f"业主自营：{self._business(number)}"
        return Unit(
            community=self.community,
            building=building,
            entrance=entrance,
            number=number,
            floor=floor,
            gross_area=gross,
            inner_area=inner,
            use=use,
            status=status,
            handover_date=handover,
            developer_held=status == UnitStatus.UNSOLD,
            code=code,
            note=note,
        )

    def _gross_area(self, b_index, spec, position, use):
        jitter = Decimal(self.r(b_index, position, 1) % 400) / 100
        if use == UnitUse.SHOP:
            base = Decimal(42 + self.r(b_index, position, 5) % 140)
        elif use == UnitUse.STORAGE:
            base = Decimal(6 + self.r(b_index, position, 5) % 8)
        elif use == UnitUse.GARAGE:
            base = Decimal(18 + self.r(b_index, position, 5) % 12)
        elif spec.per_floor == 4:  # 一梯四户: big corner flats, smaller middle ones
            base = Decimal([126, 89, 92, 136][position - 1])
        else:
            base = Decimal(96 + self.r(b_index, 6) % 18)
        return _money(base + jitter)

    @staticmethod
    def _status(use, roll):
        if use == UnitUse.RESIDENTIAL:
            table = [(25, "unsold"), (85, "vacant"), (125, "handed_over"), (175, "decorating"),
                     (265, "rented")]  # fmt: skip
        elif use == UnitUse.SHOP:
            table = [(80, "unsold"), (180, "vacant"), (680, "rented")]
        else:  # storage rooms and garages
            table = [(250, "unsold"), (300, "vacant")]
        for limit, status in table:
            if roll < limit:
                return UnitStatus(status)
        return UnitStatus.OCCUPIED

    # people and their relations

    def _relate(self, unit, person, role, start, **extra):
        self.relations.append(
            UnitRelation(
                community=self.community,
                unit=unit,
                person=person,
                role=role,
                start_date=start,
                **extra,
            )
        )

    def residents(self):
        storage_units = []
        for i, unit in enumerate(self.unit_list):
            if unit.status == UnitStatus.UNSOLD:
                continue
            if unit.use == UnitUse.RESIDENTIAL:
                self._household(i, unit)
            elif unit.use == UnitUse.SHOP:
                self._shop(i, unit)
            else:
                storage_units.append((i, unit))
        # Storage rooms and garages belong to owners of flats.
        order = self._order(len(self.occupants), 41)
        for k, (_i, unit) in enumerate(storage_units):
            person, _flat = self.occupants[order[k % len(order)]]
            start = max(unit.handover_date, self.since[id(person)])
            self._relate(unit, person, RelationRole.OWNER, start)
        Person.objects.bulk_create(self.people.items, batch_size=BATCH)
        UnitRelation.objects.bulk_create(self.relations, batch_size=BATCH)

    def _household(self, i, unit):
        people = self.people
        r = self.r(i, 20)
        start = unit.handover_date
        male = r % 100 < 55
        if unit.status == UnitStatus.OCCUPIED and self.r(i, 21) % 100 < 2:
            # Sold on: the first owner's relation ends, the buyer's starts.
            sold_on = start + dt.timedelta(days=400 + self.r(i, 22) % 900)
            seller = people.make(male=not male, born=(1960, 1985))
            self._relate(
                unit,
                seller,
                RelationRole.OWNER,
                start,
                end_date=sold_on - dt.timedelta(days=1),
                end_reason="二手房出售",
            )
            start = sold_on
        owner = people.make(male=male, born=(1962, 1992))
        household = r // 100 % 100
        co_owned = household >= 82
        spouse = None
        if co_owned or (unit.status == UnitStatus.OCCUPIED and household >= 30):
            spouse = people.make(male=not male, born=(1962, 1992), id_share=60)
        if co_owned:
            self._relate(unit, owner, RelationRole.OWNER, start, share=Decimal("50.00"))
            self._relate(unit, spouse, RelationRole.OWNER, start, share=Decimal("50.00"))
        else:
            self._relate(unit, owner, RelationRole.OWNER, start)
        if unit.status == UnitStatus.RENTED:
            self._tenants(i, unit)
            return
        if unit.status != UnitStatus.OCCUPIED:
            return
        self.occupants.append((owner, unit))
        self.since[id(owner)] = start
        if spouse is not None and not co_owned:
            self._relate(unit, spouse, RelationRole.FAMILY, start, relationship="配偶")
        if spouse is not None and household >= 60:
            father = owner if male else spouse
            for k in range(1 + self.r(i, 23) % 2):
                child = people.make(
                    male=self.r(i, 24, k) % 2 == 0,
                    born=(2005, 2019),
                    surname=father.name[0],
                    phone=False,
                )
                self._relate(unit, child, RelationRole.FAMILY, start, relationship="子女")
        if 90 <= household < 98 or (spouse is None and self.r(i, 25) % 100 < 6):
            parent_male = self.r(i, 26) % 2 == 0
            parent = people.make(
                male=parent_male,
                born=(1950, 1960),
                surname=owner.name[0] if parent_male else "",
                id_share=50,
                phone=self.r(i, 27) % 100 < 70,
            )
            label = "父亲" if parent_male else "母亲"
            self._relate(unit, parent, RelationRole.FAMILY, start, relationship=label)
        if spouse is None and owner.birthday and owner.birthday.year < 1966:
            owner.note = "独居，请定期探访"
            names = GIVEN_M if self.r(i, 28) % 2 else GIVEN_F
            child = names[self.r(i, 29) % len(names)]
            owner.emergency_contact = f"{owner.name[0]}{child}（子女）"
            owner.emergency_phone = f"1{3 + self.r(i, 36) % 6}{self.r(i, 37) % 10**9:09d}"

    def _tenants(self, i, unit, workplace=""):
        people = self.people
        # A current lease of one or two years, ending between 9 days and two years from now.
        days = 365 * (1 + self.r(i, 30) % 2)
        start = self.today - dt.timedelta(days=1 + self.r(i, 31) % (days - 11))
        end = start + dt.timedelta(days=days - 1)
        if self.r(i, 32) % 100 < 12:
            moved_out = start - dt.timedelta(days=1 + self.r(i, 33) % 40)
            earlier = max(unit.handover_date, moved_out - dt.timedelta(days=364))
            previous = people.make(male=self.r(i, 34) % 2 == 0, born=(1975, 2000), id_share=85)
            self._relate(
                unit,
                previous,
                RelationRole.TENANT,
                earlier,
                end_date=moved_out,
                end_reason="租期届满退租",
            )
        tenant = people.make(
            male=self.r(i, 35) % 100 < 55, born=(1975, 2000), id_share=85, workplace=workplace
        )
        self._relate(unit, tenant, RelationRole.TENANT, start, end_date=end)
        self.tenants.append((tenant, unit))

    def _shop(self, i, unit):
        owner = self.people.make(male=self.r(i, 40) % 100 < 60, born=(1960, 1985))
        self._relate(unit, owner, RelationRole.OWNER, unit.handover_date)
        if unit.status == UnitStatus.RENTED:
            self._tenants(i, unit, workplace=self._business(unit.number))
        elif unit.status == UnitStatus.OCCUPIED:
            owner.workplace = self._business(unit.number)

    def _business(self, number):
        return SHOP_BUSINESSES[(int(number) + self.salt * 7) % len(SHOP_BUSINESSES)]

    # parking and vehicles

    def parking(self):
        spaces = []
        areas = []
        for a_index, (name, underground, location, prefix, kinds) in enumerate(PARKING[self.key]):
            area = ParkingArea(
                community=self.community, name=name, underground=underground, location=location
            )
            areas.append(area)
            n = 0
            for kind, count, held in kinds:
                for _ in range(count):
                    n += 1
                    spaces.append((area, a_index, prefix, n, kind, held))
        ParkingArea.objects.bulk_create(areas, batch_size=BATCH)

        # Holders: owned spaces go to owners living here, the others to any resident.
        residents = self.occupants + self.tenants
        owner_iter = iter([self.occupants[k] for k in self._order(len(self.occupants), 50)])
        any_iter = iter([residents[k] for k in self._order(len(residents), 52)])
        taken: set[int] = set()

        def next_from(iterator):
            for person, unit in iterator:
                if person.pk not in taken:
                    taken.add(person.pk)
                    return person, unit
            return None, None

        rows = []
        for area, a_index, prefix, n, kind, held in spaces:
            size = None
            if area.underground:
                size = Decimal("13.80") if n % 10 == 0 else Decimal("12.50")
            person = unit = None
            note = ""
            if held and self.r(a_index, n, 51) % 100 < held:
                person, unit = next_from(owner_iter if kind == SpaceKind.OWNED else any_iter)
            elif kind == SpaceKind.OWNED:
                note = "开发商持有，待售"
            elif kind == SpaceKind.CIVIL_DEFENCE:
                note = "人防车位，可办理租用"
            elif kind == SpaceKind.PUBLIC:
                note = "无障碍车位" if area.underground and n % 5 == 0 else "访客临时停车"
            rows.append(
                ParkingSpace(
                    community=self.community,
                    area=area,
                    number=f"{prefix}-{n:03d}",
                    kind=kind,
                    size=size,
                    unit=unit,
                    person=person,
                    note=note,
                )
            )
        ParkingSpace.objects.bulk_create(rows, batch_size=BATCH)

        plates = Plates(self.salt)
        vehicles = []

        def vehicle(person, unit, space, k):
            plate, new_energy = plates.next()
            brands = NEV_BRANDS if new_energy else BRANDS
            vehicles.append(
                Vehicle(
                    community=self.community,
                    plate=plate,
                    brand=brands[self.r(k, 60) % len(brands)],
                    colour=COLOURS[self.r(k, 61) % len(COLOURS)],
                    person=person,
                    unit=unit,
                    space=space,
                    is_active=self.r(k, 62) % 100 != 0,
                )
            )

        k = 0
        for space in rows:
            if space.person is None:
                continue
            vehicle(space.person, space.unit, space, k)
            k += 1
            if self.r(k, 63) % 100 < 8:  # a second car, parked outside
                vehicle(space.person, space.unit, None, k)
                k += 1
        for _ in range(EXTRA_VEHICLES[self.key]):
            person, unit = next_from(any_iter)
            if person is None:
                break
            vehicle(person, unit, None, k)
            k += 1
        Vehicle.objects.bulk_create(vehicles, batch_size=BATCH)

    # meters

    def meters(self):
        if self.key not in ("A", "B"):
            return
        rows = []
        serial = 0
        replace = None
        for unit in self.unit_list:
            if unit.use != UnitUse.RESIDENTIAL:
                continue
            serial += 1
            installed = unit.building.completed_on
            for kind, letter, where in (
                (MeterKind.WATER, "W", "管道井"),
                (MeterKind.ELECTRICITY, "E", "电表箱"),
            ):
                meter = Meter(
                    community=self.community,
                    kind=kind,
                    scope=MeterScope.UNIT,
                    unit=unit,
                    serial=f"{letter}-{self.key}-{serial:06d}",
                    installed_on=installed,
                    location=f"{unit.floor}层{where}",
                )
                rows.append(meter)
                if self.key == "A" and unit.code == "2-1-1203" and kind == MeterKind.WATER:
                    replace = meter
        public = 0
        for spec in BUILDINGS[self.key]:
            if spec.use != UnitUse.RESIDENTIAL:
                continue
            building = self.building_by_number[spec.number]
            high = spec.kind == BuildingKind.HIGH_RISE
            public += 1
            rows.append(
                Meter(
                    community=self.community,
                    kind=MeterKind.ELECTRICITY,
                    scope=MeterScope.BUILDING,
                    building=building,
                    serial=f"E-{self.key}-B{int(spec.number):02d}",
                    multiplier=Decimal("10") if high else Decimal("1"),
                    installed_on=spec.completed,
                    location="一层配电间" if high else "一单元楼道配电箱",
                )
            )
            if high:
                rows.append(
                    Meter(
                        community=self.community,
                        kind=MeterKind.WATER,
                        scope=MeterScope.BUILDING,
                        building=building,
                        serial=f"W-{self.key}-B{int(spec.number):02d}",
                        installed_on=spec.completed,
                        location="二次供水泵房出水管",
                    )
                )
        completed = BUILDINGS[self.key][0].completed
        community_meters = [
            (MeterKind.WATER, "W", 1, "1", "南门市政进水总表井"),
            (MeterKind.WATER, "W", 2, "1", "绿化及景观用水"),
            (MeterKind.ELECTRICITY, "E", 1, "40", "1号配电房变压器总表"),
            (MeterKind.ELECTRICITY, "E", 2, "40", "2号配电房变压器总表"),
            (MeterKind.ELECTRICITY, "E", 3, "10", "地下车库照明及排风"),
        ]
        if self.key == "A":
            community_meters.append((MeterKind.WATER, "W", 3, "1", "会所游泳池补水"))
        for kind, letter, n, multiplier, location in community_meters:
            rows.append(
                Meter(
                    community=self.community,
                    kind=kind,
                    scope=MeterScope.COMMUNITY,
                    serial=f"{letter}-{self.key}-Z{n:02d}",
                    multiplier=Decimal(multiplier),
                    installed_on=completed,
                    location=location,
                )
            )
        Meter.objects.bulk_create(rows, batch_size=BATCH)
        if replace is not None:
            services.replace_meter(
                replace,
                new_serial=f"W-{self.key}-900001",
                old_final_reading=Decimal("612.40"),
                new_initial_reading=Decimal("0"),
                replaced_on=dt.date(2024, 9, 12),
                reason="表盘卡滞，计量不准",
                actor=None,
            )

    # vendors and facilities

    def vendors_and_facilities(self):
        year = self.today.year
        rows = []
        for k, (category, name, contact, phone, address) in enumerate(VENDORS):
            if category not in VENDOR_CATEGORIES[self.key]:
                continue
            if category == VendorCategory.GARBAGE and self.key == "A":
                # One contract running out soon, for the reminders.
                end = self.today + dt.timedelta(days=26)
                start = end - dt.timedelta(days=364)
            else:
                month = 1 + k * 5 % 12
                start = dt.date(year - 1 - k % 2, month, 1)
                end = dt.date(start.year + 3, month, 1) - dt.timedelta(days=1)
            vendor = Vendor(
                community=self.community,
                name=name,
                category=category,
                contact_name=contact,
                phone=phone,
                contract_start=start,
                contract_end=end,
                address=address,
            )
            rows.append(vendor)
            self.vendors[category] = vendor
        Vendor.objects.bulk_create(rows, batch_size=BATCH)

        v = self.vendors.get
        facilities = []

        def add(kind, code, name, **extra):
            extra.setdefault("installed_on", BUILDINGS[self.key][0].completed)
            facilities.append(
                Facility(
                    community=self.community,
                    kind=kind,
                    code=code,
                    name=name,
                    custodian=self.engineering,
                    **extra,
                )
            )

        # Elevators: two per entrance of every high-rise, inspections spread over a year.
        lift = 0
        for spec in BUILDINGS[self.key]:
            if spec.kind != BuildingKind.HIGH_RISE:
                continue
            building = self.building_by_number[spec.number]
            for entrance in range(1, spec.entrances + 1):
                for car in (1, 2):
                    lift += 1
                    number = int(spec.number)
                    repair = self.key == "A" and (number, entrance, car) == (5, 2, 2)
                    add(
                        FacilityKind.ELEVATOR,
                        f"DT-{number:02d}-{entrance}-{car}",
                        f"{spec.number}栋{entrance}单元{car}号电梯",
                        building=building,
                        location=f"{spec.number}栋{entrance}单元电梯厅",
                        vendor=v(VendorCategory.ELEVATOR),
                        registration_number=(
                            f"3110330100{spec.completed.year}{self.salt}{lift:05d}"
                        ),
                        next_inspection=self.today + dt.timedelta(days=5 + lift * 131 % 358),
                        installed_on=spec.completed,
                        status=FacilityStatus.REPAIR if repair else FacilityStatus.NORMAL,
                        note="曳引机异响，已报维保单位检修" if repair else "",
                    )
        # Pumps
        if self.key != "C":
            for n in range(1, 5 if self.key == "A" else 3):
                add(
                    FacilityKind.PUMP,
                    f"BF-{n:02d}",
                    f"生活给水变频泵{n}号",
                    location="地下车库一层二次供水泵房",
                    vendor=v(VendorCategory.WATER),
                    note="一用一备，每月切换" if n <= 2 else "",
                )
            base = 4 if self.key == "A" else 2
            for n in (1, 2):
                add(
                    FacilityKind.PUMP,
                    f"BF-{base + n:02d}",
                    f"消防水泵{n}号",
                    location="地下车库一层消防泵房",
                    vendor=v(VendorCategory.FIRE),
                )
            for n in range(1, 5 if self.key == "A" else 3):
                add(
                    FacilityKind.PUMP,
                    f"BF-{base + 2 + n:02d}",
                    f"集水井潜污泵{n}号",
                    location=f"地下车库{n}号集水井",
                )
        # Fire systems: yearly inspection
        fire = [("火灾自动报警系统", "消防控制室"), ("室内消火栓系统", "全区")]
        if self.key != "C":
            fire += [("自动喷水灭火系统", "地下车库"), ("防排烟系统", "高层楼栋及地下车库")]
        if self.key == "A":
            fire += [("消防控制室", "会所一层")]
        for n, (name, location) in enumerate(fire, start=1):
            add(
                FacilityKind.FIRE,
                f"XF-{n:02d}",
                name,
                location=location,
                vendor=v(VendorCategory.FIRE),
                next_inspection=self.today + dt.timedelta(days=30 + n * 47 % 300),
            )
        # Street lights and manholes
        streets = STREETS[self.key]
        lights = {"A": 48, "B": 24, "C": 10}[self.key]
        for n in range(1, lights + 1):
            broken = n == 17
            add(
                FacilityKind.STREET_LIGHT,
                f"LD-{n:03d}",
                f"庭院灯{n}号",
                location=streets[n % len(streets)],
                status=FacilityStatus.REPAIR if broken else FacilityStatus.NORMAL,
                note="灯头损坏，已申购配件" if broken else "",
            )
        numbers = [s.number for s in BUILDINGS[self.key] if s.number.isdigit()]
        kinds = ["雨水井", "污水井", "雨水井", "化粪池", "电力井", "通信井"]
        for n in range(1, {"A": 36, "B": 18, "C": 8}[self.key] + 1):
            near = numbers[n % len(numbers)]
            add(
                FacilityKind.MANHOLE,
                f"JG-{n:03d}",
                f"{kinds[n % len(kinds)]}{n}号",
                building=self.building_by_number[near],
                location=f"{near}栋{'东南西北'[n % 4]}侧",
            )
        if self.key == "A":
            add(
                FacilityKind.POOL,
                "YC-01",
                "室外游泳池",
                location="会所南侧",
                vendor=v(VendorCategory.WATER),
                next_inspection=dt.date(year + (self.today.month > 5), 5, 31),
                note="每年 6–9 月开放，开放前完成水质检测",
            )
        for n, name in enumerate(RECREATION[self.key], start=1):
            add(FacilityKind.RECREATION, f"YL-{n:02d}", name, location=name)
        for n, name in enumerate(SIGNS[self.key], start=1):
            add(FacilityKind.SIGNAGE, f"BS-{n:02d}", name)
        n = 0
        for gate in GATES[self.key]:
            n += 1
            add(FacilityKind.BULLETIN, f"GG-{n:02d}", f"{gate}公告栏", location=gate)
        for number in numbers:
            n += 1
            add(
                FacilityKind.BULLETIN,
                f"GG-{n:02d}",
                f"{number}栋公告栏",
                building=self.building_by_number[number],
                location=f"{number}栋一单元门厅",
            )
        Facility.objects.bulk_create(facilities, batch_size=BATCH)

    # outside contacts

    def contacts(self):
        rows = {}
        for kind, organization, name, phone, address, note in CONTACTS[self.key]:
            rows[organization] = ExternalContact(
                community=self.community,
                organization=organization,
                kind=kind,
                contact_name=name,
                phone=phone,
                address=address,
                note=note,
            )
        ExternalContact.objects.bulk_create(rows.values(), batch_size=BATCH)
        wanted = {log[3] for log in LIAISONS[self.key]}
        users = {u.username: u for u in get_user_model().objects.filter(username__in=wanted)}
        logs = [
            LiaisonLog(
                community=self.community,
                contact=rows[organization],
                date=self.today - dt.timedelta(days=days),
                channel=channel,
                subject=subject,
                content=content,
                staff=users.get(staff),
                follow_up=follow_up,
            )
            for organization, days, channel, staff, subject, content, follow_up in LIAISONS[
                self.key
            ]
        ]
        LiaisonLog.objects.bulk_create(logs, batch_size=BATCH)
