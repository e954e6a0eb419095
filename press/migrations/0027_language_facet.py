from django.db import migrations


def count(apps, schema_editor):
    """Lists in a language count their releases by a facet key of their own."""
    from press import facets

    facets.recount(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0026_verbose_names_translatable"),
        ("taxonomy", "0004_translated_names"),
        ("structures", "0005_translated_names"),
    ]

    operations = [migrations.RunPython(count, migrations.RunPython.noop)]
