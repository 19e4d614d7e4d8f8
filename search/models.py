"""The search index's own table: one row per searchable thing (a page in one language, or an
item of plugin content), holding what every backend needs.

Rows are built by search.indexing from the live pages and the registered sources. The
database backend searches them through Wagtail's search backend (SQLite FTS5 or PostgreSQL
full text): ``title`` and ``body`` hold the *analysed* text (stems and folded forms, see
search.analysis), so the engine only matches terms. What is shown to visitors lives in
``display_title`` / ``display_text``. The same rows feed Elasticsearch (search.documents)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site
from wagtail.search import index


class SearchEntry(index.Indexed, models.Model):
    key = models.CharField(_("key"), max_length=120, unique=True)  # "page:42", "<source>:<pk>"
    source = models.CharField(_("source"), max_length=60, db_index=True)  # "page" or a source
    kind = models.CharField(_("type"), max_length=40)
    language = models.CharField(_("language"), max_length=8)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    # The territory of the school that owns the site (empty for portals and the platform),
    # so that portal search filters without joins.
    region_id = models.IntegerField(null=True, blank=True)
    district_id = models.IntegerField(null=True, blank=True)
    public = models.BooleanField(_("public"), default=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.CharField(_("URL"), max_length=1000)
    display_title = models.CharField(_("title"), max_length=500)
    display_text = models.TextField(_("text"), blank=True)
    title = models.TextField(blank=True)  # analysed display_title
    body = models.TextField(blank=True)  # analysed display_text
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("site"),
        index.FilterField("region_id"),
        index.FilterField("district_id"),
        index.FilterField("public"),
        index.FilterField("year"),
        index.FilterField("date"),
        index.FilterField("key"),
        index.FilterField("source"),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["language", "site", "kind"]),
            # portal scopes: a district's or a region's schools, always in one language
            models.Index(fields=["language", "district_id"], name="mektep_search_lang_district"),
            models.Index(fields=["language", "region_id"], name="mektep_search_lang_region"),
        ]

    def __str__(self):
        return self.display_title


class SearchWord(models.Model):
    """The vocabulary of indexed titles and texts, per language, for "did you mean"."""

    language = models.CharField(max_length=8)
    word = models.CharField(max_length=60)
    length = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="unique_search_word")
        ]
        indexes = [models.Index(fields=["language", "length"])]

    def __str__(self):
        return self.word
