from django.db import migrations

# Search folds accents (Priština ~ Pristina, Dačić ~ Dacic): an English configuration that
# passes words through unaccent first. unaccent is a trusted extension (PostgreSQL 13+):
# the site's database owner may create it. PostgreSQL only, like 0002.
FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION osce_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION osce_english
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE OR REPLACE FUNCTION press_release_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('osce_english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('osce_english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('osce_english', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
UPDATE press_pressrelease SET title = title;
"""
BACKWARD = """
CREATE OR REPLACE FUNCTION press_release_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
UPDATE press_pressrelease SET title = title;
DROP TEXT SEARCH CONFIGURATION IF EXISTS osce_english;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("press", "0012_officers_delete_drafts")]
    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
