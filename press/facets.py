"""Facet counts maintained on write, so that a list's counts cost an indexed read whatever
the number of releases.

Each release has its keys (FacetKey): every filter value that selects it. A filter on a term
or a structure selects its whole subtree, so a release's keys are its terms and source with
all their ancestors; then its tags and its year. FacetCount holds, for every key and every
pair of keys of different facets, how many visible releases have them: with no filter
chosen or one, every facet's counts are one read. With more, or with a search, counts are
made over the results when they are few (LIMIT), and not shown otherwise.

Visibility is a query on time: a scheduled release goes live without a save. FacetCount
counts the releases published up to the watermark; reads add those that went live since,
and the next write moves them in. Everything here is exact after every change; `recount()`
builds it all from scratch (generate_releases, the `recount_facets` command, tree moves)."""

import collections
import itertools

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models import Count, Q, Subquery
from django.utils import timezone

# A facet's name is its filter's name (press.filters.ReleaseFilters).
TERM_FACETS = {"field": "fields_of_work", "meeting": "meetings", "country": "countries"}
FACETS = ("field", "meeting", "country", "source", "tag", "year")
LIMIT = 1000  # results counted on the fly at most; beyond, counts are not shown
BATCH = 5000


def _models(apps):
    return {
        name: apps.get_model(app, name)
        for app, name in [
            ("press", "PressRelease"),
            ("press", "TaggedRelease"),
            ("press", "FacetKey"),
            ("press", "FacetCount"),
            ("press", "FacetWatermark"),
            ("taxonomy", "Term"),
            ("structures", "Structure"),
        ]
    }


def _lineages(model):
    """{node id: (the node and its ancestors' ids)}, from one query over a small tree."""
    parents = dict(model.objects.values_list("id", "parent_id"))
    lineages = {}
    for node in parents:
        chain, current = [], node
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        lineages[node] = tuple(chain)
    return lineages


def release_keys(m, releases):
    """{release id: {(facet, key)}} for these (id, source_id, published_at) rows."""
    ids = [row[0] for row in releases]
    keys = {pk: set() for pk in ids}
    terms, structures = _lineages(m["Term"]), _lineages(m["Structure"])
    for facet, field in TERM_FACETS.items():
        through = m["PressRelease"]._meta.get_field(field).remote_field.through
        links = through.objects.filter(pressrelease_id__in=ids)
        for release, term in links.values_list("pressrelease_id", "term_id"):
            keys[release].update((facet, node) for node in terms.get(term, (term,)))
    tagged = m["TaggedRelease"].objects.filter(content_object_id__in=ids)
    for release, tag in tagged.values_list("content_object_id", "tag_id"):
        keys[release].add(("tag", tag))
    for pk, source, published_at in releases:
        keys[pk].update(("source", node) for node in structures.get(source, (source,)))
        if published_at is not None:
            # The year as the year filter reads it: in the site's time zone.
            keys[pk].add(("year", timezone.localtime(published_at).year))
    return keys


def _is_counted(status, published_at, until):
    return status == "published" and published_at is not None and published_at <= until


def _pairs(keys):
    """The FacetCount rows one release adds to."""
    for facet, key in keys:
        yield ("", 0, facet, key)
    for (filter_facet, filter_key), (facet, key) in itertools.permutations(keys, 2):
        if filter_facet != facet:
            yield (filter_facet, filter_key, facet, key)


def _add(m, delta):
    """Add each delta to its FacetCount row, creating it: one statement a batch."""
    rows = [(*row, change) for row, change in delta.items() if change]
    table = connection.ops.quote_name(m["FacetCount"]._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            cursor.execute(
                f'INSERT INTO {table} (filter_facet, filter_key, facet, "key", "count") '
                f'VALUES {values} ON CONFLICT (filter_facet, filter_key, facet, "key") '
                f'DO UPDATE SET "count" = {table}."count" + excluded."count"',
                [value for row in batch for value in row],
            )


def sync(release_ids, apps=global_apps):
    """Bring these releases' keys and counts up to date with the database, and move in the
    releases that went live since the last write. Idempotent; call after any change."""
    m = _models(apps)
    with transaction.atomic():
        watermark = m["FacetWatermark"].objects.select_for_update().first()
        if watermark is None:  # never counted: count everything
            return recount(apps)
        now = timezone.now()
        went_live = m["PressRelease"].objects.filter(
            status="published", published_at__gt=watermark.counted_until, published_at__lte=now
        )
        ids = set(release_ids) | set(went_live.values_list("pk", flat=True))
        watermark.counted_until = now
        watermark.save(update_fields=["counted_until"])
        if not ids:
            return
        old = collections.defaultdict(set)
        old_counted = set()
        for pk, facet, key, counted in (
            m["FacetKey"]
            .objects.filter(release_id__in=ids)
            .values_list("release_id", "facet", "key", "counted")
        ):
            old[pk].add((facet, key))
            if counted:
                old_counted.add(pk)
        rows = (
            m["PressRelease"]
            .objects.filter(pk__in=ids)
            .values_list("pk", "source_id", "published_at", "status")
        )
        rows = list(rows)
        new = release_keys(m, [row[:3] for row in rows])
        new_counted = {pk for pk, _, published_at, status in rows
                       if _is_counted(status, published_at, now)}  # fmt: skip
        delta = collections.Counter()
        for pk in ids:
            if pk in old_counted:
                delta.subtract(dict.fromkeys(_pairs(old[pk]), 1))
            if pk in new_counted:
                delta.update(_pairs(new[pk]))
        _add(m, delta)
        m["FacetKey"].objects.filter(release_id__in=ids).delete()
        m["FacetKey"].objects.bulk_create(
            m["FacetKey"](release_id=pk, facet=facet, key=key, counted=pk in new_counted)
            for pk, keys in new.items()
            for facet, key in keys
        )


def recount(apps=global_apps):
    """Every release's keys and every count, from scratch."""
    m = _models(apps)
    with transaction.atomic():
        m["FacetWatermark"].objects.all().delete()
        now = timezone.now()
        m["FacetWatermark"].objects.create(counted_until=now)
        m["FacetKey"].objects.all().delete()
        m["FacetCount"].objects.all().delete()
        releases = (
            m["PressRelease"]
            .objects.order_by("pk")
            .values_list("pk", "source_id", "published_at", "status")
        )
        last = 0
        while batch := list(releases.filter(pk__gt=last)[:BATCH]):
            last = batch[-1][0]
            keys = release_keys(m, [row[:3] for row in batch])
            counted = {pk for pk, _, published_at, status in batch
                       if _is_counted(status, published_at, now)}  # fmt: skip
            m["FacetKey"].objects.bulk_create(
                (
                    m["FacetKey"](release_id=pk, facet=facet, key=key, counted=pk in counted)
                    for pk, release_keys_ in keys.items()
                    for facet, key in release_keys_
                ),
                batch_size=BATCH,
            )
        keys_table = connection.ops.quote_name(m["FacetKey"]._meta.db_table)
        counts_table = connection.ops.quote_name(m["FacetCount"]._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO {counts_table} (filter_facet, filter_key, facet, "key", "count") '
                f"SELECT '', 0, facet, \"key\", COUNT(*) FROM {keys_table} "
                'WHERE counted GROUP BY facet, "key"'
            )
            cursor.execute(
                f'INSERT INTO {counts_table} (filter_facet, filter_key, facet, "key", "count") '
                'SELECT a.facet, a."key", b.facet, b."key", COUNT(*) '
                f"FROM {keys_table} a JOIN {keys_table} b "
                "ON b.release_id = a.release_id AND b.facet <> a.facet "
                'WHERE a.counted GROUP BY a.facet, a."key", b.facet, b."key"'
            )


# --- reading ---------------------------------------------------------------------------


def stored_counts(filter_keys, pairs=()):
    """{(filter_facet, filter_key): Counter{(facet, key): count}} for each of these filter
    values (('', 0) is no filter), live at this moment; and {pair: count} of these pairs of
    keys. Two queries."""
    m = _models(global_apps)
    wanted = Q()
    for filter_facet, filter_key in filter_keys:
        wanted |= Q(filter_facet=filter_facet, filter_key=filter_key)
    for (filter_facet, filter_key), (facet, key) in pairs:
        wanted |= Q(filter_facet=filter_facet, filter_key=filter_key, facet=facet, key=key)
    counts = {filter_value: collections.Counter() for filter_value in filter_keys}
    found = {pair: 0 for pair in pairs}
    rows = m["FacetCount"].objects.filter(wanted, count__gt=0)
    for filter_facet, filter_key, facet, key, count in rows.values_list(
        "filter_facet", "filter_key", "facet", "key", "count"
    ):
        if (filter_facet, filter_key) in counts:
            counts[filter_facet, filter_key][facet, key] += count
        if ((filter_facet, filter_key), (facet, key)) in found:
            found[(filter_facet, filter_key), (facet, key)] += count
    # Releases that went live since the last write (scheduled ones): few, by the index.
    went_live = m["PressRelease"].objects.filter(
        status="published",
        published_at__lte=timezone.now(),
        published_at__gt=Subquery(m["FacetWatermark"].objects.values("counted_until")[:1]),
    )
    late = collections.defaultdict(set)
    for pk, facet, key in (
        m["FacetKey"]
        .objects.filter(release_id__in=went_live.values("pk"), counted=False)
        .values_list("release_id", "facet", "key")
    ):
        late[pk].add((facet, key))
    for keys in late.values():
        for filter_value, counter in counts.items():
            if filter_value == ("", 0) or filter_value in keys:
                counter.update(k for k in keys if k[0] != filter_value[0])
        for pair in found:
            if pair[0] in keys and pair[1] in keys:
                found[pair] += 1
    return counts, found


def counts_among(ids):
    """Counter{(facet, key): count} of these releases, one query."""
    rows = (
        _models(global_apps)["FacetKey"]
        .objects.filter(release_id__in=ids)
        .values_list("facet", "key")
        .annotate(count=Count("id"))
        .order_by()
    )
    return collections.Counter({(facet, key): count for facet, key, count in rows})
