from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Taxonomy"

    def ready(self):
        from osce_site.signals import purge_trees_on_change

        purge_trees_on_change(self.get_model("Term"))
