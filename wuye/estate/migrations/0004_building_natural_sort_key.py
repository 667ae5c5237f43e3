import re

from django.db import migrations


def natural_sort_keys(apps, schema_editor):
    """Buildings named with digits and letters (2栋, A10) sort by their number too."""
    Building = apps.get_model("estate", "Building")
    for building in Building.objects.only("pk", "number", "sort_key").iterator():
        digits = re.search(r"\d+", building.number or "")
        key = min(int(digits.group(0)), 99999) if digits else 100000
        if key != building.sort_key:
            Building.objects.filter(pk=building.pk).update(sort_key=key)


class Migration(migrations.Migration):
    dependencies = [("estate", "0003_ordering_by_community_id")]

    operations = [migrations.RunPython(natural_sort_keys, migrations.RunPython.noop)]
