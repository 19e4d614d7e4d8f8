from django.db import migrations


def load(apps, schema_editor):
    from schools.reference import load_regions

    load_regions(apps.get_model("mektep_schools", "Region"))


class Migration(migrations.Migration):
    dependencies = [("mektep_schools", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
