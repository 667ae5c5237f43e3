"""What each demo community has: its buildings, parking, vendors, outside contacts and
facilities (A = 阳光花园, B = 翠湖苑, C = 金桂苑)."""

import datetime as dt
from dataclasses import dataclass

from ..choices import BuildingKind, ContactKind, LiaisonChannel, SpaceKind, UnitUse, VendorCategory

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
