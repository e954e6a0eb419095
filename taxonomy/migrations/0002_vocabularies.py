from django.db import migrations

VOCABULARIES = [
    ("fields-of-work", "Fields of work"),
    ("meetings", "Meetings and conferences"),
    ("countries", "Countries"),
]


def create_vocabularies(apps, schema_editor):
    """The three vocabulary roots every site needs; each is its own tree."""
    Term = apps.get_model("taxonomy", "Term")
    next_tree_id = (Term.objects.order_by("-tree_id").values_list("tree_id", flat=True).first() or 0) + 1
    for code, name in VOCABULARIES:
        if not Term.objects.filter(vocabulary=code, parent=None).exists():
            Term.objects.create(
                name=name, slug=code, vocabulary=code, kind="vocabulary",
                lft=1, rght=2, tree_id=next_tree_id, level=0,
            )
            next_tree_id += 1


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(create_vocabularies, migrations.RunPython.noop)]
