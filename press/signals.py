from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from mptt.signals import node_moved

from osce_site.cache import bump_content_version
from osce_site.text import strip_control_characters


def connect():
    """Every model the public pages show bumps the content version when it changes, and
    has its text cleaned of control characters before it is saved."""
    from taggit.models import Tag

    from structures.models import Chairpersonship, Structure, StructureName
    from taxonomy.models import Term

    from .models import Contact, PressRelease, ReleaseAttachment, ReleaseImage, TaggedRelease

    for model in (
        PressRelease, ReleaseImage, TaggedRelease, Contact,
        Term, Structure, StructureName, Chairpersonship,
    ):  # fmt: skip
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-save-{model}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"bump-del-{model}")
    for field in ("fields_of_work", "meetings", "countries", "structures", "contacts"):
        through = getattr(PressRelease, field).through
        m2m_changed.connect(bump_content_version, sender=through, dispatch_uid=f"bump-{field}")
    node_moved.connect(bump_content_version, dispatch_uid="bump-moved")
    # Whatever saves them (forms, the importer, the shell), these rows hold no control
    # characters: the models of releases and of the trees, and what pages show with them.
    for model in (
        PressRelease, ReleaseImage, ReleaseAttachment, Contact, Tag,
        Term, Structure, StructureName, Chairpersonship,
    ):  # fmt: skip
        pre_save.connect(strip_control_characters, sender=model, dispatch_uid=f"text-{model}")
