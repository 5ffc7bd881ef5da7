default_app_config = "forked_apps.catalogue.apps.CatalogueConfig"
