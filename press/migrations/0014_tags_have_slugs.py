"""Tags saved before tag slugs had a fallback may have an empty slug ("!!!"), which no
address can hold: give each one the fallback slug, numbered like taggit numbers taken slugs."""

from django.db import migrations


def give_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.filter(slug=""):
        slug, i = "tag", 0
        while slug in taken:
            i += 1
            slug = f"tag_{i}"
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0013_search_ignores_accents"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_slugs, migrations.RunPython.noop)]
