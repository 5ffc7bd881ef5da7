default_app_config = "forked_apps.search.apps.SearchConfig"
