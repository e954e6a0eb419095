from django.db import migrations


def permission_and_group(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    delete = Permission.objects.get(content_type__app_label="press", codename="delete_pressrelease")
    return delete, Group.objects.filter(name="Press officer").first()


def let_officers_delete_drafts(apps, schema_editor):
    # The rights per structure limit them to their own drafts (press.rights.can_change).
    delete, officers = permission_and_group(apps)
    if officers:
        officers.permissions.add(delete)


def forbid(apps, schema_editor):
    delete, officers = permission_and_group(apps)
    if officers:
        officers.permissions.remove(delete)


class Migration(migrations.Migration):
    dependencies = [("press", "0011_undated_drafts")]
    operations = [migrations.RunPython(let_officers_delete_drafts, forbid)]
