from django.db import migrations

# Each release is stemmed in its own language (press.search.CONFIGS holds the same names for
# queries). French, German, Italian and Spanish fold accents before stemming, as English
# does (0013): élection ~ election. Russian does not: unaccent turns й into и, which would
# keep the Russian stemmer from recognising endings such as -ый, -ий.
LANGUAGES = {"fr": "french", "de": "german", "it": "italian", "es": "spanish"}

CONFIGS = "".join(
    f"""
CREATE TEXT SEARCH CONFIGURATION osce_{name} (COPY = {name});
ALTER TEXT SEARCH CONFIGURATION osce_{name}
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {name}_stem;
"""
    for name in LANGUAGES.values()
) + "CREATE TEXT SEARCH CONFIGURATION osce_russian (COPY = russian);\n"

CASE = (
    "CASE NEW.language "
    + " ".join(f"WHEN '{code}' THEN 'osce_{name}'" for code, name in LANGUAGES.items())
    + " WHEN 'ru' THEN 'osce_russian' ELSE 'osce_english' END::regconfig"
)

FORWARD = CONFIGS + f"""
CREATE OR REPLACE FUNCTION press_release_search_vector() RETURNS trigger AS $$
DECLARE
  config regconfig := {CASE};
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector(config, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(config, coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector(config, coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER press_release_search_vector ON press_pressrelease;
CREATE TRIGGER press_release_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, body, language ON press_pressrelease
  FOR EACH ROW EXECUTE FUNCTION press_release_search_vector();
UPDATE press_pressrelease SET title = title WHERE language <> 'en';
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION press_release_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('osce_english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('osce_english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('osce_english', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER press_release_search_vector ON press_pressrelease;
CREATE TRIGGER press_release_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, body ON press_pressrelease
  FOR EACH ROW EXECUTE FUNCTION press_release_search_vector();
UPDATE press_pressrelease SET title = title WHERE language <> 'en';
""" + "".join(
    f"DROP TEXT SEARCH CONFIGURATION osce_{name};\n"
    for name in [*LANGUAGES.values(), "russian"]
)


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("press", "0023_six_release_languages")]
    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
