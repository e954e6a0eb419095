from django.db import migrations, models


def count(apps, schema_editor):
    """Lists in a language count their releases by keys of their own ("field.ru")."""
    from press import facets

    facets.recount(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0026_verbose_names_translatable"),
        ("taxonomy", "0004_translated_names"),
        ("structures", "0005_translated_names"),
    ]

    operations = [
        migrations.AlterField(
            model_name="facetkey", name="facet", field=models.CharField(max_length=16)
        ),
        migrations.AlterField(
            model_name="facetcount",
            name="filter_facet",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AlterField(
            model_name="facetcount", name="facet", field=models.CharField(max_length=16)
        ),
        migrations.RunPython(count, migrations.RunPython.noop),
    ]
