"""Plugin content through search.registry (with its permission hook), indexing tasks that can
run twice, and the search_rebuild / search_health commands."""

from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from wagtail.documents.models import Document
from wagtail.models import CollectionViewRestriction

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.models import School, SchoolSiteSettings
from search import indexing, tasks
from search.models import SearchEntry
from search.registry import SearchDocument, SearchSource, search_registry

from .conftest import find


def document_of(doc):
    """A school's documents are searchable on its site; documents in a collection with a view
    restriction are private."""
    school = School.objects.filter(collection=doc.collection).first()
    if school is None:
        return None
    restricted = CollectionViewRestriction.objects.filter(collection=doc.collection).exists()
    return SearchDocument(
        site_id=school.site_id,
        language="kk",
        title=doc.title,
        text=f"{doc.title} құжаты",
        url=doc.url,
        public=not restricted,
    )


def staff_of_the_school(user, doc):
    return School.objects.for_user(user).filter(collection=doc.collection).exists()


@pytest.fixture
def documents_source():
    source = SearchSource(
        name="documents",
        model="wagtaildocs.Document",
        document=document_of,
        kind="document",
        kind_label="Documents",
        can_view=staff_of_the_school,
    )
    search_registry.register_source(source)
    yield source
    search_registry.unregister_source("documents")


def make_document(school, title, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = Document(title=title, collection=school.collection)
        doc.file.save("plan.txt", ContentFile(b"plan"), save=False)
        doc.save()
    return doc


def test_plugin_content_respects_site_and_permission_hook(
    client, school_a, school_b, documents_source, django_capture_on_commit_callbacks
):
    make_document(school_a, "Оқу жоспары", django_capture_on_commit_callbacks)
    make_document(school_b, "Оқу жоспары Б", django_capture_on_commit_callbacks)
    response, titles = find(client, school_a, "жоспарлар")
    assert titles == ["Оқу жоспары"]
    assert response.context["results"].hits[0].kind == "document"

    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=school_a.collection, restriction_type="login"
        )
        doc = Document.objects.get(title="Оқу жоспары")
        doc.save()  # re-index as private
    assert SearchEntry.objects.get(key=f"documents:{doc.pk}").public is False
    assert find(client, school_a, "жоспарлар")[1] == []  # anonymous: nothing private

    outsider = UserFactory(email="outsider@example.kz")
    client.force_login(outsider)
    assert find(client, school_a, "жоспарлар")[1] == []

    teacher = UserFactory(email="teacher-a@example.kz")
    assign_role(teacher, Role.TEACHER, school=school_a)
    client.force_login(teacher)
    assert find(client, school_a, "жоспарлар")[1] == ["Оқу жоспары"]
    # ...and never school B's private documents through school A's search.
    assert find(client, school_b, "жоспарлар")[1] == ["Оқу жоспары Б"]

    with django_capture_on_commit_callbacks(execute=True):
        doc.delete()
    assert not SearchEntry.objects.filter(key=f"documents:{doc.pk}").exists()


def test_plugin_content_only_where_the_plugin_is_enabled(
    client, school_a, school_b, django_capture_on_commit_callbacks
):
    source = SearchSource(
        name="dummy_documents",
        model="wagtaildocs.Document",
        document=document_of,
        kind="document",
        plugin="dummy_plugin",  # off by default (tests/plugins/dummy_plugin)
    )
    search_registry.register_source(source)
    try:
        make_document(school_a, "Оқу жоспары", django_capture_on_commit_callbacks)
        make_document(school_b, "Оқу жоспары Б", django_capture_on_commit_callbacks)
        assert find(client, school_a, "жоспарлар")[1] == []
        site_settings = SchoolSiteSettings.for_site(school_a.site)
        site_settings.plugin_states = {"dummy_plugin": True}
        site_settings.save()
        assert find(client, school_a, "жоспарлар")[1] == ["Оқу жоспары"]
        assert find(client, school_b, "жоспарлар")[1] == []  # still off on school B
    finally:
        search_registry.unregister_source("dummy_documents")


def test_publishing_indexes_through_a_task_after_commit(
    school_a, make_page, django_capture_on_commit_callbacks
):
    page = make_page(school_a, "kk", "Кесте", "Сабақ кестесі.")
    key = f"page:{page.pk}"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.title = "Жаңа кесте"
        page.save_revision().publish()
    # Nothing happens inside the editor's transaction: a rolled-back publish indexes nothing.
    assert SearchEntry.objects.get(key=key).display_title == "Кесте"
    for callback in callbacks:
        callback()  # the commit: the indexing task runs (eagerly in tests)
    assert SearchEntry.objects.get(key=key).display_title == "Жаңа кесте"


def test_tasks_are_idempotent(school_a, make_page):
    page = make_page(school_a, "kk", "Кесте", "Сабақ кестесі.")
    first = tasks.index_page.delay(page.pk).get()
    second = tasks.index_page.delay(page.pk).get()
    assert first == second == f"page:{page.pk}"
    assert SearchEntry.objects.filter(key=f"page:{page.pk}").count() == 1
    tasks.remove_page.delay(page.pk)
    tasks.remove_page.delay(page.pk)
    assert not SearchEntry.objects.filter(key=f"page:{page.pk}").exists()


def test_search_rebuild_restores_the_index_with_progress(client, school_a, make_page):
    make_page(school_a, "kk", "Кесте", "Сабақ кестесі.")
    SearchEntry.objects.all().delete()
    assert find(client, school_a, "кестелер")[1] == []
    out = StringIO()
    call_command("search_rebuild", stdout=out)
    assert "pages:" in out.getvalue() and "%" in out.getvalue()
    assert find(client, school_a, "кестелер")[1] == ["Кесте"]
    assert indexing.rebuild() == SearchEntry.objects.count()


def test_search_health_reports(school_a, make_page):
    make_page(school_a, "kk", "Кесте", "Сабақ кестесі.")
    out = StringIO()
    call_command("search_health", stdout=out)
    assert "database: 1 page entries" in out.getvalue()
    assert "BAD" not in out.getvalue()
    assert "not configured" in out.getvalue()
    SearchEntry.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("search_health", stdout=StringIO())
