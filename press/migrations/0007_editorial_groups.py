from django.contrib.auth.management import create_permissions
from django.db import migrations

PRESS_OFFICER = [
    "press.add_pressrelease", "press.change_pressrelease", "press.view_pressrelease",
    "press.add_releaseimage", "press.change_releaseimage", "press.delete_releaseimage",
    "press.view_releaseimage", "press.add_releaseattachment", "press.change_releaseattachment",
    "press.delete_releaseattachment", "press.view_releaseattachment",
    "press.add_contact", "press.change_contact", "press.view_contact",
    "taggit.add_tag", "taggit.view_tag", "taxonomy.view_term", "structures.view_structure",
]
PUBLISHER = PRESS_OFFICER + ["press.publish_pressrelease", "press.delete_pressrelease"]
GROUPS = {"Press officer": PRESS_OFFICER, "Publisher": PUBLISHER}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0006_editorial_workflow"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("taxonomy", "0003_updated_at"),
        ("structures", "0004_editors"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
