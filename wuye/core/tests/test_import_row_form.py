"""PLT-07: import row forms with a clean cache give exactly what Django's own cleaning gives,
row after row; and pinyin for names is the same from one conversion, cached or not."""

import datetime as dt
from decimal import Decimal

from django import forms
from pypinyin import Style, lazy_pinyin

from wuye.core.importing import RowForm
from wuye.core.pinyin import pinyin_and_initials


class SampleRowForm(RowForm):
    name = forms.CharField(max_length=4)
    area = forms.DecimalField(decimal_places=2, required=False)
    day = forms.DateField(required=False)
    flag = forms.BooleanField(required=False)
    tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)

    def clean_name(self):
        # Not idempotent: must see the field's own value on every row, never its own result.
        return self.cleaned_data["name"] + "!"


ROWS = [
    {"name": "张三", "area": "89.50", "day": "2020-06-30", "flag": True, "tags": ["a"]},
    {"name": "张三", "area": "89.50", "day": "2020-06-30", "flag": True, "tags": ["a"]},
    {"name": "太长的名字", "area": "abc", "day": "2020-13-45", "flag": False},
    {"name": "太长的名字", "area": "abc", "day": "2020-13-45", "flag": False},
    {"name": "李四", "area": "", "day": "", "flag": 1},
    {"name": "李四", "area": "1", "day": "2020-06-30", "flag": "false"},
]


def test_cached_cleaning_gives_what_django_gives_for_every_row():
    cache = {}
    for data in ROWS:
        plain, cached = SampleRowForm(data=data), SampleRowForm(data=data, clean_cache=cache)
        assert plain.is_valid() == cached.is_valid()
        assert plain.cleaned_data == cached.cleaned_data
        assert plain.errors.get_json_data() == cached.errors.get_json_data()
    valid = SampleRowForm(data=ROWS[1], clean_cache=cache)
    assert valid.is_valid()
    assert valid.cleaned_data == {
        "name": "张三!",
        "area": Decimal("89.50"),
        "day": dt.date(2020, 6, 30),
        "flag": True,
        "tags": ["a"],
    }
    # A bad row gets its own messages each time: errors are never taken from the cache.
    bad = SampleRowForm(data=ROWS[3], clean_cache=cache)
    assert set(bad.errors) == {"name", "area", "day"}
    assert ("name", str, "张三") in cache and ("area", str, "abc") not in cache


def test_pinyin_from_one_conversion_matches_the_first_letter_style():
    for name in [
        "王小明",
        "欧阳娜娜",
        "单雄信",
        "A座张三",
        "张 三",
        "Ｍａｒｙ李",
        "重庆银行行长",
        "",
    ]:
        text = name.strip()
        full = "".join(lazy_pinyin(text, errors="default")).lower().replace(" ", "")
        initials = "".join(
            p[:1] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")
        )
        expected = (full[:200], initials.lower().replace(" ", "")[:50]) if text else ("", "")
        assert pinyin_and_initials(name) == expected
        assert pinyin_and_initials(name) == expected  # the cached answer is the same
    assert pinyin_and_initials("王小明") == ("wangxiaoming", "wxm")
