from django.contrib.auth.management import create_permissions
from django.db import migrations

# Publishers accredit journalists and read the embargo logs; press officers may look them up.
PUBLISHER = [
    "press.add_journalist", "press.change_journalist", "press.delete_journalist",
    "press.view_journalist", "press.view_embargoview", "press.view_embargoevent",
]
PRESS_OFFICER = ["press.view_journalist", "press.view_embargoview", "press.view_embargoevent"]
GROUPS = {"Publisher": PUBLISHER, "Press officer": PRESS_OFFICER}


def permissions(apps, codes):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label="press", codename=code.split(".")[1])
        for code in codes
    ]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need them now.
    app_config = apps.get_app_config("press")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codes in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(*permissions(apps, codes))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codes in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*permissions(apps, codes))


class Migration(migrations.Migration):
    dependencies = [("press", "0021_embargo")]
    operations = [migrations.RunPython(grant, revoke)]
