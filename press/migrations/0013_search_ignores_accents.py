from django.db import migrations

# Search folds accents (Priština ~ Pristina, Dačić ~ Dacic): an English configuration that
# passes words through unaccent first. unaccent is a trusted extension (PostgreSQL 13+):
# the site's database owner may create it. PostgreSQL only, like 0002.

# The trigger of 0002, building the vector with the given text search configuration.
TRIGGER = """
CREATE OR REPLACE FUNCTION press_release_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('{config}', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('{config}', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('{config}', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
UPDATE press_pressrelease SET title = title;
"""
FORWARD = (
    """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION osce_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION osce_english
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
    + TRIGGER.format(config="osce_english")
)
BACKWARD = TRIGGER.format(config="english") + "DROP TEXT SEARCH CONFIGURATION osce_english;\n"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("press", "0012_officers_delete_drafts")]
    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
