"""Marking views that answer anonymous visitors on purpose.

The probing suite (tests/security) requests every URL pattern as an anonymous visitor and
fails on a 2xx answer from a view that is not marked public, so a new view without a
permission check is caught. Mark a deliberately public view with its reason:

    from security.public import public_view

    @public_view("the feed of a site's published news")
    def news_feed(request): ...

Class-based views: decorate the result of as_view() in urls.py, or the class with
`public_view(reason)(MyView)` (it sets the attribute on the class)."""


def public_view(reason):
    if not reason:
        raise ValueError("say why the view is public")

    def mark(view):
        view.security_public_reason = str(reason)
        return view

    return mark


def public_reason(view):
    """The reason a resolved view callback is public, or None."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "cls", None)):
        reason = getattr(candidate, "security_public_reason", None)
        if reason:
            return reason
    return None
