from django.apps import AppConfig


class StructuresConfig(AppConfig):
    name = "structures"
    verbose_name = "Structures and institutions"

    def ready(self):
        from osce_site.signals import connect_tree_models

        connect_tree_models(
            self.get_model("Structure"),
            self.get_model("StructureName"),
            self.get_model("Chairpersonship"),
        )
