from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse(f"dummy on {request.site.hostname}")


urlpatterns = [path("", hello, name="hello")]
