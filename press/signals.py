"""What a change to a release makes stale: its page, the pages that list it (the lists, the
pages of its terms, structures and tags, with their ancestors), and the pages that link it.
A release that leaves the public site is purged hard: gone at once, no grace."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from mptt.signals import node_moved

from osce_site.cache import LISTS, TREES, purge
from osce_site.text import strip_control_characters
from structures.models import Structure
from taxonomy.models import Term

from .models import Contact, PressRelease, ReleaseAttachment, ReleaseImage, TaggedRelease


def release_keys(release):
    """The release and everything whose page lists it, as stored now."""
    terms = Term.objects.filter(
        pk__in=[
            *release.fields_of_work.values_list("pk", flat=True),
            *release.meetings.values_list("pk", flat=True),
            *release.countries.values_list("pk", flat=True),
        ]
    )
    return {
        release,
        LISTS,
        *Term.objects.get_queryset_ancestors(terms, include_self=True),
        *Structure.objects.filter(pk=release.source_id).get_ancestors(include_self=True),
        *release.tags.all(),
    }


def _remember_old_state(sender, instance, raw=False, **kwargs):
    """Before a save: what the release's old version appears on, and whether it was public."""
    old = None if raw or instance.pk is None else PressRelease.objects.filter(pk=instance.pk)
    old = old.only("pk", "source_id", "status", "published_at").first() if old else None
    instance._old_keys = release_keys(old) if old else set()
    instance._was_public = bool(old and old.is_public)


def _purge_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: nothing to look up yet, everything may change
        purge(TREES)
        return
    left = getattr(instance, "_was_public", False) and not instance.is_public
    purge(*getattr(instance, "_old_keys", ()), *release_keys(instance), hard=left)


def _purge_deleted(sender, instance, **kwargs):
    purge(instance, LISTS, hard=True)


def _purge_links(field):
    """A classification added or removed, from either side: the releases, and the pages of
    those terms, structures or contacts (removed ones too, which still list them)."""
    relation = PressRelease._meta.get_field(field)

    def handler(sender, instance, action, reverse, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if reverse:  # e.g. term.releases_by_field.add(release)
            targets = relation.related_model.objects.filter(pk=instance.pk)
            releases = getattr(instance, relation.remote_field.related_name).all()
            if pk_set is not None:
                releases = releases.model.objects.filter(pk__in=pk_set)
        else:
            releases = [instance]
            targets = getattr(instance, field).all()
            if pk_set is not None:
                targets = relation.related_model.objects.filter(pk__in=pk_set)
        nodes = list(targets)
        manager = relation.related_model.objects
        if nodes and hasattr(manager, "get_queryset_ancestors"):
            nodes = manager.get_queryset_ancestors(targets, include_self=True)
        purge(LISTS, *releases, *nodes)

    return handler


def _purge_tagging(sender, instance, raw=False, **kwargs):
    if raw:
        purge(TREES)
        return
    purge(f"pressrelease-{instance.content_object_id}", f"tag-{instance.tag_id}", LISTS)


def _purge_release_part(sender, instance, raw=False, **kwargs):
    purge(TREES if raw else f"pressrelease-{instance.release_id}", LISTS)


def _purge_contact(sender, instance, **kwargs):
    purge(instance)


def connect():
    from taggit.models import Tag

    # Whatever saves them (forms, the importer, the shell), these rows hold no control
    # characters, which would break feeds and sitemaps.
    for model in (PressRelease, ReleaseImage, ReleaseAttachment, Contact, Tag):
        pre_save.connect(strip_control_characters, sender=model, dispatch_uid=f"text-{model}")
    uid = "purge-release"
    pre_save.connect(_remember_old_state, sender=PressRelease, dispatch_uid=f"{uid}-pre")
    post_save.connect(_purge_saved, sender=PressRelease, dispatch_uid=f"{uid}-save")
    post_delete.connect(_purge_deleted, sender=PressRelease, dispatch_uid=f"{uid}-delete")
    for field in ("fields_of_work", "meetings", "countries", "structures", "contacts"):
        through = getattr(PressRelease, field).through
        m2m_changed.connect(
            _purge_links(field), sender=through, dispatch_uid=f"{uid}-{field}", weak=False
        )
    for model, handler in (
        (TaggedRelease, _purge_tagging),
        (ReleaseImage, _purge_release_part),
        (ReleaseAttachment, _purge_release_part),
        (Contact, _purge_contact),
    ):
        label = model._meta.label
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-{label}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-{label}-delete")


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


def _sync_moved(sender, instance, **kwargs):
    """A moved term or structure changes which releases its old and new ancestors select:
    those of its subtree are counted again (not all: a recount takes minutes at 100,000)."""
    from . import facets

    facets.sync(list(instance.releases_using_subtree().values_list("pk", flat=True)))


def _delete_sign_in(sender, instance, **kwargs):
    """A journalist taken off the list loses their sign-in account with the record."""
    get_user_model().objects.filter(pk=instance.user_id).delete()


def connect_journalists():
    from .models import Journalist

    post_delete.connect(_delete_sign_in, sender=Journalist, dispatch_uid="journalist-account")


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
    for model in (Term, Structure):
        node_moved.connect(_sync_moved, sender=model, dispatch_uid=f"facets-moved-{model}")
