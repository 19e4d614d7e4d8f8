"""The two search backends behind search.service: the database (Wagtail's database search
backend over search.models.SearchEntry) and Elasticsearch (search.documents)."""
