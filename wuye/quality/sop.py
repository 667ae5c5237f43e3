"""The standard operating procedure (SOP) of each kind of emergency (QUA-08, MGR-10): its
steps in order, each with the minutes from the report it must be done within, when the rule
has a limit (e.g. elevator entrapment: rescuers on site within 30 minutes; every emergency
reported to the company within 2 hours)."""

from .choices import IncidentKind

# kind → [(code, step, minutes or None)]
REPORT_TO_COMPANY = ("report", "向公司报告", 120)

SOPS: dict[str, list[tuple[str, str, int | None]]] = {
    IncidentKind.FIRE: [
        ("confirm", "确认火情，拨打119报警", 5),
        ("evacuate", "启动应急广播，组织人员疏散", 10),
        ("fight", "启用消防设施进行初期扑救", 10),
        ("guide", "清理消防通道，引导消防车进场", 15),
        REPORT_TO_COMPANY,
        ("aftermath", "配合调查，清点损失", None),
    ],
    IncidentKind.ELEVATOR: [
        ("comfort", "通过对讲安抚被困人员，告知救援已在途中", 5),
        ("call_vendor", "通知电梯维保单位", 10),
        ("on_site", "救援人员到达现场", 30),
        ("rescue", "解救被困人员，确认人员安全", None),
        REPORT_TO_COMPANY,
        ("inspect", "维保单位检查电梯后恢复运行或停用", None),
    ],
    IncidentKind.TYPHOON: [
        ("warn", "发布防台风通知", None),
        ("secure", "加固高空及户外物品，疏通排水设施", None),
        ("standby", "抢险人员、物资就位", None),
        ("patrol", "台风期间加强巡查，记录险情", None),
        REPORT_TO_COMPANY,
        ("restore", "灾后清理，恢复设施", None),
    ],
    IncidentKind.SECURITY: [
        ("protect", "保护现场，控制事态", 10),
        ("police", "拨打110报警", 15),
        ("evidence", "调取监控，登记事件经过", None),
        REPORT_TO_COMPANY,
        ("follow", "配合公安机关处理", None),
    ],
    IncidentKind.OUTAGE: [
        ("contact", "联系供水、供电单位，了解原因和恢复时间", 30),
        ("notice", "通知受影响住户", 30),
        ("standby", "启用备用设施（发电机、水箱）", None),
        REPORT_TO_COMPANY,
        ("restore", "恢复供应并通知住户", None),
    ],
    IncidentKind.OTHER: [
        ("handle", "现场处置", None),
        REPORT_TO_COMPANY,
    ],
}
