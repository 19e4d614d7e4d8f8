"""Anonymous visitors get news pages from the page cache; a comment that becomes (or stops
being) public must show at once, so every change of a comment invalidates its site's pages."""

from django.db import transaction

from schools.page_cache import invalidate_site_pages


def comment_changed(sender, instance, **kwargs):
    page_id = instance.page_id
    transaction.on_commit(lambda: _invalidate(page_id))


def _invalidate(page_id):
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        invalidate_site_pages(page)
