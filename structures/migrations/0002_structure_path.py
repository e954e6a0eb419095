from django.db import migrations, models


def fill_paths(apps, schema_editor):
    Structure = apps.get_model("structures", "Structure")
    paths = {}
    for node in Structure.objects.order_by("tree_id", "lft"):
        paths[node.pk] = f"{paths[node.parent_id]}/{node.slug}" if node.parent_id else node.slug
        Structure.objects.filter(pk=node.pk).update(path=paths[node.pk])


class Migration(migrations.Migration):
    dependencies = [("structures", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="structure",
            name="path",
            field=models.CharField(default="", editable=False, max_length=1000),
            preserve_default=False,
        ),
        migrations.RunPython(fill_paths, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="structure",
            name="path",
            field=models.CharField(editable=False, max_length=1000, unique=True),
        ),
    ]
