from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Taxonomy"

    def ready(self):
        from osce_site.signals import connect_tree_models

        connect_tree_models(self.get_model("Term"))
