"""A press officer's rights as one table: each row is one action on one release (of the
officer's own structure, of a unit below it, or of another structure; a draft or published)
and whether the officer may do it. Each action is tried for real, through the admin, and
judged by its effect on the database (or by what the answer shows), not by a status code
alone. The officer works for the Mission in Kosovo and may not publish."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from press.models import Contact, PressRelease, ReleaseAttachment, ReleaseImage
from structures.models import Structure
from taxonomy.models import Term
from tests.factories import make_release, make_structure, make_term
from tests.press.test_editorial import form_data, image_file, saved_versions, user_in

pytestmark = pytest.mark.django_db

OWN, SUB, OTHER = "own structure", "sub-unit", "other structure"
DRAFT, LIVE = PressRelease.Status.DRAFT, PressRelease.Status.PUBLISHED
TITLE = "Mission opens office"


def admin_url(view, *args):
    return reverse(f"admin:press_pressrelease_{view}", args=args)


@pytest.fixture
def office(client):
    """The officer, signed in, and the three structures: their own, one below it, and
    another under the same parent."""
    operations = make_structure("Field operations", kind=Structure.Kind.INFORMATION_PAGE)
    kosovo = make_structure("Mission in Kosovo", parent=operations)
    structures = {
        OWN: kosovo,
        SUB: make_structure("Regional Centre Prizren", parent=kosovo),
        OTHER: make_structure("Mission to Serbia", parent=operations),
    }
    officer = user_in("Press officer", kosovo, username="kosovo-officer")
    client.force_login(officer)
    return {"client": client, "structures": structures, "officer": officer}


def edit(release, **changes):
    """The change form of this release as its editor would send it, with some changes."""
    fields = {"slug": release.slug, "title": release.title}
    return form_data(release.source, **{**fields, **changes})


# --- the actions: each tries one thing and says whether it happened ---------------------------


def view(client, release):
    page = client.get(admin_url("change", release.pk))
    return page.status_code == 200 and release.title in page.content.decode()


def preview(client, release):
    page = client.get(reverse("press:preview", args=[release.pk]))
    return page.status_code == 200 and release.title in page.content.decode()


def history(client, release):
    page = client.get(admin_url("history", release.pk))
    return page.status_code == 200 and release.title in page.content.decode()


def change(client, release):
    client.post(admin_url("change", release.pk), edit(release, title="Changed by the officer"))
    release.refresh_from_db()
    return release.title == "Changed by the officer"


def delete(client, release):
    client.post(admin_url("delete", release.pk), {"post": "yes"})
    bulk = {"action": "delete_selected", "_selected_action": [release.pk], "post": "yes"}
    client.post(admin_url("changelist"), bulk)
    return not PressRelease.objects.filter(pk=release.pk).exists()


def publish(client, release):
    """Any change of state: a draft published, a live release withdrawn or unpublished,
    through the form's publishing buttons or the list's actions."""
    before = release.status
    if before == DRAFT:
        client.post(admin_url("change", release.pk), edit(release, _action="publish"))
        actions = ["publish_selected"]
    else:
        withdraw = edit(release, _action="withdraw", withdrawal_reason="Wrong venue.")
        client.post(admin_url("change", release.pk), withdraw)
        actions = ["unpublish_selected"]
    for action in actions:
        client.post(admin_url("changelist"), {"action": action, "_selected_action": [release.pk]})
    release.refresh_from_db()
    return release.status != before


def revert(client, release):
    """Bring back an earlier revision of the release, in the same state as now."""
    first_title = release.title
    _, first = saved_versions(release, {}, {"title": "Second version"})
    url = reverse("admin:press_pressrelease_revision", args=[release.pk, first.pk])
    client.post(url, edit(release, title=first_title))
    release.refresh_from_db()
    return release.title == first_title


def recover(client, release):
    """Bring back the release after a publisher deleted it."""
    saved_versions(release, {})
    pk = release.pk
    release.delete()
    version = Version.objects.get_deleted(PressRelease).get(object_id=str(pk))
    url = reverse("admin:press_pressrelease_recover", args=[version.pk])
    client.post(url, edit(release))
    return PressRelease.objects.filter(pk=pk).exists()


def contacts(client, release):
    """Change a media contact that this release names."""
    contact = Contact.objects.create(name="Ana Spokes", email="ana@example.org", role="Spokes")
    release.contacts.add(contact)
    url = reverse("admin:press_contact_change", args=[contact.pk])
    client.post(url, {"name": "Someone else", "email": "ana@example.org", "role": "Spokes"})
    contact.refresh_from_db()
    return contact.name == "Someone else"


def translation_form(client, release):
    """Save one of the officer's own drafts as a translation of this release."""
    own = Structure.objects.get(name="Mission in Kosovo")
    mine = make_release("Мисија отвара канцеларију", source=own, status=DRAFT, language="sr")
    client.post(admin_url("change", mine.pk), edit(mine, language="ru", translation_of=release.pk))
    mine.refresh_from_db()
    return mine.translation_of_id == release.pk


def translation_choices(client, release):
    """The translation field's search offers this release."""
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": release.title,
            "app_label": "press",
            "model_name": "pressrelease",
            "field_name": "translation_of",
        },
    )
    return found.status_code == 200 and str(release.pk) in [
        result["id"] for result in found.json()["results"]
    ]


def inline_upload(prefix, field, upload, **fields):
    def attempt(client, release):
        data = edit(release, **{f"{prefix}-TOTAL_FORMS": "1"})
        data.update({f"{prefix}-0-{name}": value for name, value in fields.items()})
        data[f"{prefix}-0-{field}"] = upload()
        client.post(admin_url("change", release.pk), data)
        return release.images.exists() or release.attachments.exists()

    return attempt


images = inline_upload(
    "images", "image", image_file, alt_text="An office", licence="editorial", position="0"
)
attachments = inline_upload(
    "attachments",
    "file",
    lambda: SimpleUploadedFile("report.pdf", b"%PDF-1.7 report"),
    title="Report",
    position="0",
)

ACTIONS = {
    "view": view,
    "preview": preview,
    "history": history,
    "change": change,
    "delete": delete,
    "publish": publish,
    "revert": revert,
    "recover": recover,
    "contacts": contacts,
    "translation form": translation_form,
    "translation choices": translation_choices,
    "image upload": images,
    "attachment upload": attachments,
}

# action, whose release, its state, may the officer do it?
MATRIX = [
    ("view", OWN, DRAFT, True),
    ("view", OWN, LIVE, True),
    ("view", SUB, DRAFT, True),
    ("view", SUB, LIVE, True),
    ("view", OTHER, DRAFT, False),
    ("view", OTHER, LIVE, False),  # in the admin; its public page is public
    ("preview", OWN, DRAFT, True),
    ("preview", OWN, LIVE, True),
    ("preview", SUB, DRAFT, True),
    ("preview", SUB, LIVE, True),
    ("preview", OTHER, DRAFT, False),
    ("preview", OTHER, LIVE, False),
    ("history", OWN, DRAFT, True),
    ("history", OWN, LIVE, True),
    ("history", SUB, DRAFT, True),
    ("history", SUB, LIVE, True),
    ("history", OTHER, DRAFT, False),
    ("history", OTHER, LIVE, False),
    ("change", OWN, DRAFT, True),
    ("change", OWN, LIVE, False),  # the edit would go live without a publisher
    ("change", SUB, DRAFT, True),
    ("change", SUB, LIVE, False),
    ("change", OTHER, DRAFT, False),
    ("change", OTHER, LIVE, False),
    ("delete", OWN, DRAFT, True),
    ("delete", OWN, LIVE, False),
    ("delete", SUB, DRAFT, True),
    ("delete", SUB, LIVE, False),
    ("delete", OTHER, DRAFT, False),
    ("delete", OTHER, LIVE, False),
    ("publish", OWN, DRAFT, False),
    ("publish", OWN, LIVE, False),
    ("publish", SUB, DRAFT, False),
    ("publish", SUB, LIVE, False),
    ("publish", OTHER, DRAFT, False),
    ("publish", OTHER, LIVE, False),
    ("revert", OWN, DRAFT, True),
    ("revert", OWN, LIVE, False),
    ("revert", SUB, DRAFT, True),
    ("revert", SUB, LIVE, False),
    ("revert", OTHER, DRAFT, False),
    ("revert", OTHER, LIVE, False),
    ("recover", OWN, DRAFT, True),
    ("recover", OWN, LIVE, False),  # it would come back live
    ("recover", SUB, DRAFT, True),
    ("recover", SUB, LIVE, False),
    ("recover", OTHER, DRAFT, False),
    ("recover", OTHER, LIVE, False),
    ("contacts", OWN, DRAFT, True),
    ("contacts", OWN, LIVE, False),  # the contact is shown on a live page
    ("contacts", SUB, DRAFT, True),
    ("contacts", SUB, LIVE, False),
    ("contacts", OTHER, DRAFT, False),
    ("contacts", OTHER, LIVE, False),
    ("translation form", OWN, DRAFT, True),
    ("translation form", OWN, LIVE, True),
    ("translation form", SUB, DRAFT, True),
    ("translation form", SUB, LIVE, True),
    ("translation form", OTHER, DRAFT, False),  # its title would show in the form
    ("translation form", OTHER, LIVE, False),  # it would link into another body's page
    ("translation choices", OWN, DRAFT, True),
    ("translation choices", OWN, LIVE, True),
    ("translation choices", SUB, DRAFT, True),
    ("translation choices", SUB, LIVE, True),
    ("translation choices", OTHER, DRAFT, False),
    ("translation choices", OTHER, LIVE, False),
    ("image upload", OWN, DRAFT, True),
    ("image upload", OWN, LIVE, False),
    ("image upload", SUB, DRAFT, True),
    ("image upload", SUB, LIVE, False),
    ("image upload", OTHER, DRAFT, False),
    ("image upload", OTHER, LIVE, False),
    ("attachment upload", OWN, DRAFT, True),
    ("attachment upload", OWN, LIVE, False),
    ("attachment upload", SUB, DRAFT, True),
    ("attachment upload", SUB, LIVE, False),
    ("attachment upload", OTHER, DRAFT, False),
    ("attachment upload", OTHER, LIVE, False),
]


@pytest.mark.parametrize(
    "action, whose, state, allowed",
    MATRIX,
    ids=[f"{action}-{whose}-{state}" for action, whose, state, _ in MATRIX],
)
def test_press_officer(office, action, whose, state, allowed):
    release = make_release(TITLE, source=office["structures"][whose], status=state)
    assert ACTIONS[action](office["client"], release) is allowed


def test_the_matrix_covers_every_action_for_every_release():
    cells = {(action, whose, state) for action, whose, state, _ in MATRIX}
    assert len(cells) == len(MATRIX)  # no cell twice
    every = {(a, w, s) for a in ACTIONS for w in (OWN, SUB, OTHER) for s in (DRAFT, LIVE)}
    assert cells == every


# --- contacts that no release names, and the trees -------------------------------------------


def test_press_officer_changes_a_contact_no_release_names(office):
    contact = Contact.objects.create(name="New contact", email="new@example.org")
    url = reverse("admin:press_contact_change", args=[contact.pk])
    office["client"].post(url, {"name": "New contact, corrected", "email": "new@example.org"})
    contact.refresh_from_db()
    assert contact.name == "New contact, corrected"


def move_first_to_last(client, model, first, second):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    client.post(
        url, {"cmd": "move_node", "position": "right", "cut_item": first.pk, "pasted_on": second.pk}
    )
    return [node.pk for node in first.parent.get_children()] == [second.pk, first.pk]


TREES = [
    (Structure, lambda parent: make_structure(parent=parent), None, False),
    (Term, lambda parent: make_term(parent=parent), None, False),
    (Structure, lambda parent: make_structure(parent=parent), "change_structure", True),
    (Term, lambda parent: make_term(parent=parent), "change_term", True),
]


@pytest.mark.parametrize(
    "model, make, permission, allowed",
    TREES,
    ids=[f"move-{m._meta.model_name}-{'with ' + p if p else 'officer'}" for m, _, p, _a in TREES],
)
def test_press_officer_moves_trees_only_with_the_tree_permission(
    office, model, make, permission, allowed
):
    if permission:
        office["officer"].user_permissions.add(Permission.objects.get(codename=permission))
    parent = make_term("Parent") if model is Term else make_structure("Parent")
    first, second = make(parent), make(parent)
    assert move_first_to_last(office["client"], model, first, second) is allowed


def test_uploads_stay_with_their_release(office):
    """Nothing uploaded through a refused form is kept."""
    theirs = make_release(TITLE, source=office["structures"][OTHER], status=DRAFT)
    images(office["client"], theirs)
    attachments(office["client"], theirs)
    assert not ReleaseImage.objects.exists() and not ReleaseAttachment.objects.exists()
