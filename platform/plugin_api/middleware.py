"""A disabled plugin's public URLs answer 404 on that site."""

from django.http import Http404

from .registry import plugin_registry


class PluginSiteGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not match.namespaces:
            return None
        label = match.namespaces[0]
        if label in plugin_registry and not plugin_registry.is_enabled_for_request(label, request):
            raise Http404
        return None
