"""The platform's URLs plus two views without permission checks, to prove the probing suite
catches them (test_probing.test_a_new_view_without_permission_check_fails_the_probe)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from accounts.models import User
from mektep.urls import urlpatterns as platform_urlpatterns


def leaky_user(request, pk):
    return HttpResponse(get_object_or_404(User, pk=pk).last_name)


def unmarked(request):
    return HttpResponse("no data, but no permission check and no public mark")


urlpatterns = [
    path("leaky/user/<int:pk>/", leaky_user),
    path("leaky/unmarked/", unmarked),
    *platform_urlpatterns,
]
