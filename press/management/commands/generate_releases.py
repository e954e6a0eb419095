import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from tqdm import tqdm

from osce_site.cache import TREES, purge
from press import facets
from press.models import PressRelease, TaggedRelease
from structures.models import Structure
from taxonomy.models import Term

SLUG_PREFIX = "generated-"
TAG_POOL = [
    "elections", "election observation", "media freedom", "youth", "gender",
    "human trafficking", "border security", "cybersecurity", "water", "national minorities",
    "policing", "rule of law", "ministerial council", "roma and sinti", "environment",
    "small arms", "tolerance", "training", "conference", "anniversary", "project",
    "civil society", "judiciary", "migration", "energy security", "climate",
]  # fmt: skip
ACTIONS = [
    "hosts workshop on", "trains officials in", "supports dialogue on", "publishes report on",
    "launches project on", "holds conference on", "welcomes progress on", "calls for action on",
]  # fmt: skip
SENTENCES = [
    "Participants from government institutions, civil society and international partners "
    "took part in the event.",
    "The activity is part of a multi-year project funded by several participating States.",
    "Experts presented good practices and discussed how to apply them in the host country.",
    "The event concluded with recommendations that will guide further co-operation.",
    "Local authorities welcomed the support and committed to continue the reforms.",
    "The OSCE has supported work in this area for more than a decade.",
    "Further sessions are planned in the regions over the coming months.",
    "The discussions focused on implementation of existing OSCE commitments.",
]
FIRST_DAY = datetime.datetime(1995, 1, 1, tzinfo=datetime.UTC)


class Command(BaseCommand):
    help = (
        "Create N synthetic press releases for load tests, spread over the real terms and "
        "structures. The same seed gives the same releases."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier generated releases first."
        )

    def handle(self, count, seed, batch_size, replace, **options):
        if count < 1:
            raise CommandError("Give a positive number of releases.")
        generated = PressRelease.objects.filter(slug__startswith=SLUG_PREFIX)
        if generated.exists():
            if not replace:
                raise CommandError("Generated releases exist already; add --replace.")
            generated.delete()

        sources = list(Structure.objects.exclude(kind=Structure.Kind.INFORMATION_PAGE))
        fields = list(Term.objects.fields_of_work())
        countries = list(Term.objects.countries())
        if not (sources and fields and countries):
            raise CommandError("Load the trees first: manage.py load_demo.")
        tags = [Tag.objects.get_or_create(name=name, defaults={"slug": name.replace(" ", "-")})[0]
                for name in TAG_POOL]  # fmt: skip

        rng = random.Random(seed)
        # Up to the start of today, not now: the same seed gives the same dates all day.
        today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        span = (today - FIRST_DAY).total_seconds()
        with tqdm(total=count, unit="release") as progress:
            for start in range(0, count, batch_size):
                size = min(batch_size, count - start)
                with transaction.atomic():
                    self._create_batch(rng, start, size, span, sources, fields, countries, tags)
                progress.update(size)
        facets.recount()  # bulk inserts send no signals
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # the new releases' statistics too
                cursor.execute("ANALYZE")
        purge(TREES)  # every page may list the new releases
        self.stdout.write(self.style.SUCCESS(f"Created {count} releases (seed {seed})."))

    def _create_batch(self, rng, start, size, span, sources, fields, countries, tags):
        releases = []
        picks = []
        for number in range(start, start + size):
            field_terms = rng.sample(fields, rng.randint(1, 3))
            country_terms = rng.sample(countries, rng.randint(0, 2))
            place = country_terms[0].name if country_terms else "Vienna"
            title = f"OSCE {rng.choice(ACTIONS)} {field_terms[0].name.lower()} in {place}"
            paragraphs = rng.sample(SENTENCES, 4)
            releases.append(
                PressRelease(
                    title=title,
                    slug=f"{SLUG_PREFIX}{number + 1}",
                    status=PressRelease.Status.DRAFT
                    if rng.random() < 0.03
                    else PressRelease.Status.PUBLISHED,
                    published_at=FIRST_DAY + datetime.timedelta(seconds=rng.random() * span),
                    place=place.upper(),
                    source=rng.choice(sources),
                    summary=f"{title}. {paragraphs[0]}",
                    body="".join(f"<p>{text}</p>" for text in paragraphs),
                )
            )
            picks.append((field_terms, country_terms, rng.sample(tags, rng.randint(0, 3))))
        PressRelease.objects.bulk_create(releases)

        field_link = PressRelease.fields_of_work.through
        country_link = PressRelease.countries.through
        field_link.objects.bulk_create(
            field_link(pressrelease_id=release.pk, term_id=term.pk)
            for release, (terms, _, _) in zip(releases, picks, strict=True)
            for term in terms
        )
        country_link.objects.bulk_create(
            country_link(pressrelease_id=release.pk, term_id=term.pk)
            for release, (_, terms, _) in zip(releases, picks, strict=True)
            for term in terms
        )
        TaggedRelease.objects.bulk_create(
            TaggedRelease(content_object_id=release.pk, tag_id=tag.pk)
            for release, (_, _, release_tags) in zip(releases, picks, strict=True)
            for tag in release_tags
        )
