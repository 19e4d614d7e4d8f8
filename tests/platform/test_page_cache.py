"""The anonymous page cache keeps only what may be shared between visitors."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.views.decorators.cache import cache_control, never_cache

import pytest

from schools.page_cache import AnonymousPageCacheMiddleware

pytestmark = pytest.mark.django_db


def _serve(view, path="/kk/", user=None, method="get"):
    """Two requests through the middleware; returns how many reached the view."""
    calls = []

    def counted(request):
        calls.append(request)
        return view(request)

    middleware = AnonymousPageCacheMiddleware(counted)
    for _ in range(2):
        request = getattr(RequestFactory(), method)(path, HTTP_HOST="school-a.localhost")
        request.user = user or AnonymousUser()
        request.site = _serve.site
        middleware(request)
    return len(calls)


@pytest.fixture(autouse=True)
def _site(school_a, settings):
    settings.PAGE_CACHE_SECONDS = 300
    _serve.site = school_a.site


def test_a_plain_page_is_served_from_the_cache():
    assert _serve(lambda request: HttpResponse("page")) == 1


@pytest.mark.parametrize(
    "view",
    [
        never_cache(lambda request: HttpResponse("fresh")),
        cache_control(private=True)(lambda request: HttpResponse("mine")),
        cache_control(no_cache=True)(lambda request: HttpResponse("revalidate")),
    ],
    ids=["never_cache", "private", "no-cache"],
)
def test_responses_that_forbid_shared_caching_are_not_kept(view):
    assert _serve(view) == 2


def test_cookies_errors_queries_posts_and_members_are_not_cached(admin_a):
    def with_cookie(request):
        response = HttpResponse("cookie")
        response.set_cookie("seen", "1")
        return response

    assert _serve(with_cookie) == 2
    assert _serve(lambda request: HttpResponse("missing", status=404)) == 2
    assert _serve(lambda request: HttpResponse("search"), path="/kk/?q=1") == 2
    assert _serve(lambda request: HttpResponse("post"), method="post") == 2
    assert _serve(lambda request: HttpResponse("member"), user=admin_a) == 2
