"""The platform's default file storage (STORAGES["default"]): public media under MEDIA_ROOT,
and the files of registered private prefixes under SECURITY_PRIVATE_MEDIA_ROOT, where no
web server serves them (issue 24, finding 4).

Third-party models such as Wagtail's documents and django-helpdesk's attachments store their
files through the default storage with a fixed `upload_to`; routing their prefix here keeps
them out of `/media/` without a migration of someone else's model. Apps register a prefix in
their AppConfig.ready():

    from security.storage import register_private_prefix
    register_private_prefix("helpdesk/")

Their files are then served only by a permission-checked view (Wagtail's document serve
view, `security.private_files.serve_private_file`)."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join
from django.utils.deconstruct import deconstructible

_private_prefixes = set()


def register_private_prefix(prefix):
    """Files whose storage name starts with `prefix` ("helpdesk/") are private."""
    _private_prefixes.add(prefix.lstrip("/"))


def private_prefixes():
    return tuple(
        sorted(set(getattr(settings, "SECURITY_PRIVATE_MEDIA_PREFIXES", ())) | _private_prefixes)
    )


def is_private_name(name):
    return str(name).replace("\\", "/").lstrip("/").startswith(private_prefixes())


class NoPublicURL(NotImplementedError):
    """A private file has no URL. NotImplementedError is what Wagtail's document view expects
    of a storage without URLs (it then streams the file); templates render it as empty."""

    silent_variable_failure = True


@deconstructible
class MediaStorage(FileSystemStorage):
    """FileSystemStorage that puts private prefixes under the private root and gives them no
    URL (a template cannot link one to the public)."""

    def _private(self):
        return FileSystemStorage(
            location=str(Path(settings.SECURITY_PRIVATE_MEDIA_ROOT)),
            base_url=None,
            file_permissions_mode=self.file_permissions_mode,
            directory_permissions_mode=self.directory_permissions_mode,
        )

    def path(self, name):
        if is_private_name(name):
            return safe_join(str(Path(settings.SECURITY_PRIVATE_MEDIA_ROOT)), name)
        return super().path(name)

    def _save(self, name, content):
        if is_private_name(name):
            # Saved relative to the private root, so the returned name stays "helpdesk/…".
            return self._private()._save(name, content)
        return super()._save(name, content)

    def url(self, name):
        if is_private_name(name):
            raise NoPublicURL("private files are served through permission-checked views")
        return super().url(name)
