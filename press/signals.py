from django.db.models.signals import m2m_changed, post_delete, post_save
from mptt.signals import node_moved

from osce_site.cache import bump_content_version


def connect():
    """Every model the public pages show bumps the content version when it changes."""
    from structures.models import Chairpersonship, Structure, StructureName
    from taxonomy.models import Term

    from .models import Contact, PressRelease, ReleaseImage, TaggedRelease

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


def _sync_release(sender, instance, **kwargs):
    from . import facets

    facets.sync([instance.pk])


def _sync_tagged(sender, instance, **kwargs):
    from . import facets

    facets.sync([instance.content_object_id])


def _sync_links(sender, instance, action, reverse, pk_set, **kwargs):
    from . import facets

    if action == "post_clear" and reverse:  # a term's releases, no longer known: all again
        facets.recount()
    elif action.startswith("post_"):
        # From a term's side (term.releases_by_field.add(...)), the releases are pk_set.
        facets.sync(pk_set or () if reverse else [instance.pk])


def _recount(sender, **kwargs):
    from . import facets

    facets.recount()


def connect_facets():
    """Facet counts follow every change of what a release is found by (press.facets)."""
    from structures.models import Structure
    from taxonomy.models import Term

    from .models import PressRelease, TaggedRelease

    post_save.connect(_sync_release, sender=PressRelease, dispatch_uid="facets-save")
    post_delete.connect(_sync_release, sender=PressRelease, dispatch_uid="facets-delete")
    post_save.connect(_sync_tagged, sender=TaggedRelease, dispatch_uid="facets-tag")
    post_delete.connect(_sync_tagged, sender=TaggedRelease, dispatch_uid="facets-untag")
    for field in ("fields_of_work", "meetings", "countries"):
        through = getattr(PressRelease, field).through
        m2m_changed.connect(_sync_links, sender=through, dispatch_uid=f"facets-{field}")
    m2m_changed.connect(_sync_links, sender=TaggedRelease, dispatch_uid="facets-tags")
    # A moved term or structure changes which releases its ancestors select: rare, so all
    # is counted again.
    for model in (Term, Structure):
        node_moved.connect(_recount, sender=model, dispatch_uid=f"facets-moved-{model}")
