"""Private files (form attachments, admission documents, signed receipts): stored outside
MEDIA_ROOT, with no URL of their own, served only by a view that checked permission.

    from security.private_files import PrivateStorage, serve_private_file

    class Application(models.Model):
        scan = models.FileField(storage=PrivateStorage(), upload_to="admissions/%Y/%m/")

    def scan_view(request, pk):
        application = get_object_or_404(Application.objects.for_user(request.user), pk=pk)
        return serve_private_file(request, application.scan, purpose="admissions review",
                                  record=application)
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible

from . import access_log
from .media import harden_file_response


def private_root():
    return Path(settings.SECURITY_PRIVATE_MEDIA_ROOT)


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A file system storage outside MEDIA_ROOT, without a base URL: `.url()` raises, so a
    template cannot link a private file to the public."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", str(private_root()))
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    def url(self, name):
        raise PermissionDenied("private files are served through permission-checked views")


def serve_private_file(request, field_file, purpose=None, record=None, allowed=True, filename=None):
    """Stream a private file as a download after the caller checked permission (pass
    `allowed=False` to refuse). Reads of personal records go to the access log. `filename`:
    the name the browser saves it under (the stored name when not given)."""
    if not allowed or not request.user.is_authenticated:
        raise PermissionDenied
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    if purpose:
        access_log.record(request, record if record is not None else field_file.instance, purpose)
    response = FileResponse(
        handle, as_attachment=True, filename=filename or Path(field_file.name).name
    )
    response["Cache-Control"] = "private, no-store"
    return harden_file_response(response)
