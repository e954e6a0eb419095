"""Facet counts maintained on write, so that a list's counts cost an indexed read whatever
the number of releases.

Each release has its keys (FacetKey): every filter value that selects it. A filter on a term
or a structure selects its whole subtree, so a release's keys are its terms and source with
all their ancestors; then its tags, its year and its language. Each key also exists in the
release's language ("field.ru"): lists in a language count and list among its releases
alone, so a list in a language with one filter is one key too. FacetCount holds, for every
key and every pair of keys of different facets in the same language (or both in none), how
many visible releases have them: with no filter chosen or one, every facet's counts are
one read. With more, or with a search, counts are
made over the results when they are few (LIMIT), and not shown otherwise.

Visibility is a query on time: a scheduled release goes live without a save. FacetCount
counts the releases published up to the watermark; reads add those that went live since,
and the next write moves them in. Everything here is exact after every change; `recount()`
builds it all from scratch (generate_releases, the `recount_facets` command, tree moves)."""

import collections
import io
import itertools

from django.apps import apps as global_apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.utils import timezone

# A facet's name is its filter's name (press.filters.ReleaseFilters).
TERM_FACETS = {"field": "fields_of_work", "meeting": "meetings", "country": "countries"}
FACETS = ("field", "meeting", "country", "source", "tag", "year", "language")
# A language's key is its place in settings.RELEASE_LANGUAGES: append new languages there.
LANGUAGE_KEYS = {code: number for number, (code, _name) in enumerate(settings.RELEASE_LANGUAGES)}


def in_language(facet, language):
    """The facet among the releases in one language: "field.ru"."""
    return f"{facet}.{language}"


def _language_of(facet):
    return facet.partition(".")[2]


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
    """{release id: {(facet, key)}} for these (id, source_id, published_at, language) rows."""
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
    for pk, source, published_at, language in releases:
        keys[pk].update(("source", node) for node in structures.get(source, (source,)))
        if published_at is not None:
            # The year as the year filter reads it: in the site's time zone.
            keys[pk].add(("year", timezone.localtime(published_at).year))
        if language in LANGUAGE_KEYS:
            keys[pk].update([(in_language(facet, language), key) for facet, key in keys[pk]])
            keys[pk].add(("language", LANGUAGE_KEYS[language]))
    return keys


def _is_counted(status, published_at, until):
    return status == "published" and published_at is not None and published_at <= until


def _pairs(keys):
    """The FacetCount rows one release adds to."""
    for facet, key in keys:
        yield ("", 0, facet, key)
    for (filter_facet, filter_key), (facet, key) in itertools.permutations(keys, 2):
        if filter_facet != facet and _language_of(filter_facet) == _language_of(facet):
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


def _insert_keys(m, keys, counted, dates):
    """FacetKey rows, many a statement (model instances cost more than the insert)."""
    rows = [
        (pk, facet, key, pk in counted, dates[pk])
        for pk, release_keys_ in keys.items()
        for facet, key in release_keys_
    ]
    table = connection.ops.quote_name(m["FacetKey"]._meta.db_table)
    columns = '(release_id, facet, "key", counted, published_at)'
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) > 1000:  # COPY: ten times faster
            text = "".join(
                f"{pk}\t{facet}\t{key}\t{'t' if counted else 'f'}\t"
                f"{published_at.isoformat() if published_at else chr(92) + 'N'}\n"
                for pk, facet, key, counted, published_at in rows
            )
            cursor.copy_expert(f"COPY {table} {columns} FROM STDIN", io.StringIO(text))
            return
        for start in range(0, len(rows), 1000):
            batch = rows[start : start + 1000]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            cursor.execute(
                f'INSERT INTO {table} (release_id, facet, "key", counted, published_at) '
                f"VALUES {values}",
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
        old_counted, old_dates = set(), {}
        for pk, facet, key, counted, published_at in (
            m["FacetKey"]
            .objects.filter(release_id__in=ids)
            .values_list("release_id", "facet", "key", "counted", "published_at")
        ):
            old[pk].add((facet, key))
            old_dates[pk] = published_at
            if counted:
                old_counted.add(pk)
        rows = (
            m["PressRelease"]
            .objects.filter(pk__in=ids)
            .values_list("pk", "source_id", "published_at", "language", "status")
        )
        rows = list(rows)
        new = release_keys(m, [row[:4] for row in rows])
        new_counted = {pk for pk, _, published_at, _, status in rows
                       if _is_counted(status, published_at, now)}  # fmt: skip
        dates = {pk: published_at for pk, _, published_at, _, _ in rows}
        delta = collections.Counter()
        changed = []
        for pk in ids:
            if pk in old_counted:
                delta.subtract(dict.fromkeys(_pairs(old[pk]), 1))
            if pk in new_counted:
                delta.update(_pairs(new[pk]))
            same = (old[pk], pk in old_counted, old_dates.get(pk)) == (
                new.get(pk, set()),
                pk in new_counted,
                dates.get(pk),
            )
            if not same:
                changed.append(pk)
        _add(m, delta)
        # Only the releases whose keys changed are rewritten: most saves change none.
        m["FacetKey"].objects.filter(release_id__in=changed).delete()
        _insert_keys(m, {pk: new[pk] for pk in changed if pk in new}, new_counted, dates)


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
            .values_list("pk", "source_id", "published_at", "language", "status")
        )
        last = 0
        while batch := list(releases.filter(pk__gt=last)[:BATCH]):
            last = batch[-1][0]
            keys = release_keys(m, [row[:4] for row in batch])
            counted = {pk for pk, _, published_at, _, status in batch
                       if _is_counted(status, published_at, now)}  # fmt: skip
            _insert_keys(m, keys, counted, {row[0]: row[2] for row in batch})
        keys_table = connection.ops.quote_name(m["FacetKey"]._meta.db_table)
        counts_table = connection.ops.quote_name(m["FacetCount"]._meta.db_table)
        same_language = f"{_language_sql('a.facet')} = {_language_sql('b.facet')}"
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
                f"ON b.release_id = a.release_id AND b.facet <> a.facet AND {same_language} "
                'WHERE a.counted GROUP BY a.facet, a."key", b.facet, b."key"'
            )
    refresh_statistics(m)


def refresh_statistics(m=None):
    """Fresh planner statistics for the rewritten tables, and (outside a transaction) the
    facet keys' visibility map, as autovacuum would set them later: until then PostgreSQL
    plans went_live() as a scan of every key (30,000 pages read a list page at 100,000
    releases, against 240 after)."""
    if connection.vendor != "postgresql":
        return
    m = m or _models(global_apps)
    keys_table = connection.ops.quote_name(m["FacetKey"]._meta.db_table)
    counts_table = connection.ops.quote_name(m["FacetCount"]._meta.db_table)
    with connection.cursor() as cursor:
        if connection.in_atomic_block:  # VACUUM cannot run in a transaction
            cursor.execute(f"ANALYZE {keys_table}")
        else:
            cursor.execute(f"VACUUM ANALYZE {keys_table}")
        cursor.execute(f"ANALYZE {counts_table}")


def _language_sql(column):
    """SQL for _language_of(column): what follows the dot, or ''."""
    if connection.vendor == "postgresql":
        return f"split_part({column}, '.', 2)"
    dot = f"instr({column}, '.')"
    return f"CASE WHEN {dot} > 0 THEN substr({column}, {dot} + 1) ELSE '' END"


# --- reading ---------------------------------------------------------------------------


def went_live():
    """{release id: (publication time, keys)} of the releases that went live since the last
    write (scheduled ones, whose time came without a save): few, found by the release
    listing index. One query."""
    m = _models(global_apps)
    releases = m["PressRelease"].objects.filter(
        status="published",
        published_at__lte=timezone.now(),
        published_at__gt=Subquery(m["FacetWatermark"].objects.values("counted_until")[:1]),
    )
    late = {}
    for pk, facet, key, published_at in (
        m["FacetKey"]
        .objects.filter(release_id__in=releases.values("pk"), counted=False)
        .values_list("release_id", "facet", "key", "published_at")
    ):
        late.setdefault(pk, (published_at, set()))[1].add((facet, key))
    return late


class Ids(list):
    """Release ids in list order, which a Paginator slices like a queryset's."""

    def values_list(self, *fields, flat=False):
        return self


class Listing:
    """The ids of the visible releases that have all these keys, newest first, by the
    FacetKey listing index, driven by the first key (give the rarest first). Sliced by a
    Paginator like a queryset of ids."""

    def __init__(self, keys, count=None, late=None):
        self.keys = list(keys)
        self._count = count
        self._went_live = late  # went_live(), when the caller has it already

    def count(self, cap=None):
        """How many; with three keys or more, counted up to `cap` when not given."""
        if self._count is None:
            if len(self.keys) <= 2:  # a value, or a pair of values: counts kept on write
                pair = (("", 0), *self.keys) if len(self.keys) == 1 else tuple(self.keys)
                self._count = stored_counts([], [pair], late=self._went_live)[1][pair]
            else:
                counted = self._counted()
                self._count = (counted[:cap] if cap else counted).count() + len(self._late())
        return self._count

    def __len__(self):
        return self.count()

    def _late(self):
        if self._went_live is None:
            self._went_live = went_live()
        return sorted(
            ((published_at, pk) for pk, (published_at, keys) in self._went_live.items()
             if all(key in keys for key in self.keys)),
            reverse=True,
        )  # fmt: skip

    def values_list(self, *fields, flat=False):
        return self

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        late = self._late()
        # Those that went live since the last write are newer than all the counted ones.
        ids = [pk for _, pk in late[start:stop]]
        if stop is None or len(ids) < stop - start:
            skip = max(0, start - len(late))
            ids += list(
                self._counted()[skip : None if stop is None else skip + stop - start - len(ids)]
            )
        return ids

    def all_upto(self, limit):
        """Every id, newest first, when there are at most `limit`; None otherwise. Reads
        each key's entries from the listing index and intersects them: no lookup per release,
        so a rare combination of common values costs little. One or two queries."""
        m = _models(global_apps)
        parts = [
            m["FacetKey"]
            .objects.filter(facet=facet, key=key, counted=True)
            .values_list("release_id", "published_at")
            .order_by()
            for facet, key in self.keys
        ]
        rows = parts[0].intersection(*parts[1:]) if len(parts) > 1 else parts[0]
        rows = list(rows[: limit + 1])
        late = self._late()
        if len(rows) + len(late) > limit:
            return None
        rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
        self._count = len(rows) + len(late)
        return Ids([pk for _, pk in late] + [pk for pk, _ in rows])

    def _counted(self):
        m = _models(global_apps)
        (facet, key), *others = self.keys
        rows = m["FacetKey"].objects.filter(facet=facet, key=key, counted=True)
        for other_facet, other_key in others:
            rows = rows.filter(
                Exists(
                    m["FacetKey"].objects.filter(
                        release_id=OuterRef("release_id"), facet=other_facet, key=other_key
                    )
                )
            )
        return rows.order_by("-published_at", "-release_id").values_list("release_id", flat=True)


def stored_counts(filter_keys, pairs=(), late=None, unfiltered_facets=None):
    """{(filter_facet, filter_key): Counter{(facet, key): count}} for each of these filter
    values (('', 0) is no filter: only its `unfiltered_facets`, when given), live at this
    moment; and {pair: count} of these pairs of keys. Two queries."""
    m = _models(global_apps)
    wanted = Q()
    for filter_facet, filter_key in filter_keys:
        if (filter_facet, filter_key) == ("", 0) and unfiltered_facets is not None:
            wanted |= Q(filter_facet="", filter_key=0, facet__in=sorted(unfiltered_facets))
        else:
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
    for _, keys in (went_live() if late is None else late).values():
        for filter_value, counter in counts.items():
            if filter_value == ("", 0):
                counter.update(keys)
            elif filter_value in keys:
                language = _language_of(filter_value[0])
                counter.update(
                    k for k in keys if k[0] != filter_value[0] and _language_of(k[0]) == language
                )
        for pair in found:
            if pair[0] in (("", 0), *keys) and pair[1] in keys:
                found[pair] += 1
    return counts, found


def _intersection(keys):
    """The ids of the counted releases that have all these keys, as a subquery."""
    model = _models(global_apps)["FacetKey"]
    parts = [
        model.objects.filter(facet=facet, key=key, counted=True).values("release_id").order_by()
        for facet, key in keys
    ]
    return parts[0].intersection(*parts[1:]) if len(parts) > 1 else parts[0]


def counts_of_intersections(key_sets, late):
    """[Counter{(facet, key): count}] of the releases that have all the keys of each set (of
    two keys or more), in one query; `late` is went_live()."""
    if not key_sets:
        return []
    model = _models(global_apps)["FacetKey"]
    queries = [
        model.objects.filter(release_id__in=_intersection(keys))
        .values("facet", "key")
        .annotate(n=Count("id"), part=Value(number))
        .values_list("facet", "key", "n", "part")
        .order_by()
        for number, keys in enumerate(key_sets)
    ]
    counters = [collections.Counter() for _ in key_sets]
    for facet, key, count, number in queries[0].union(*queries[1:], all=True):
        counters[number][facet, key] += count
    for _, keys in late.values():
        for counter, wanted in zip(counters, key_sets, strict=True):
            if all(key in keys for key in wanted):
                counter.update(keys)
    return counters


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
