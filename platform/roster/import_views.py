"""Admin screens to import a school's students (with parents) from an e-journal's XLSX/CSV
export, after a dry run that lists every row's problem, and to export them in the same
columns. The uploaded file is kept under the private root between the preview and the
import, so the admin never uploads it twice."""

import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .admin_views import roster_schools
from .importer import ImportFileError, export_students_csv, import_students

TOKEN_CHARS = set("0123456789abcdef")


def _upload_dir():
    path = Path(settings.SECURITY_PRIVATE_MEDIA_ROOT) / "roster-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ImportForm(forms.Form):
    school = forms.ModelChoiceField(label=gettext_lazy("School"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("File (XLSX or CSV)"),
        help_text=gettext_lazy(
            "Columns: Фамилия, Имя, Отчество, ИИН, Дата рождения, Пол, Класс and, for a "
            "parent, ФИО родителя, ИИН родителя, Кем приходится (Kazakh or English headings "
            "work too)."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = roster_schools(user)
        if self.fields["school"].queryset.count() == 1:
            self.fields["school"].initial = self.fields["school"].queryset.first()


def _school_or_404(request, pk):
    school = roster_schools(request.user).filter(pk=pk).first()
    if school is None:
        raise Http404
    return school


def import_students_view(request):
    if not roster_schools(request.user).exists():
        raise PermissionDenied
    context = {}
    if request.method == "POST" and request.POST.get("token"):
        # Second step: the admin saw the preview and confirms.
        token = request.POST["token"]
        school = _school_or_404(request, request.POST.get("school"))
        path = _upload_dir() / f"{token}.upload"
        if not (set(token) <= TOKEN_CHARS and len(token) == 32 and path.exists()):
            messages.error(request, _("The uploaded file has expired: upload it again."))
            return redirect("roster_import")
        with path.open("rb") as handle:
            try:
                report = import_students(school, handle, apply=True)
            except ImportFileError as error:
                messages.error(request, str(error))
                return redirect("roster_import")
        if report.applied:
            path.unlink(missing_ok=True)
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
            return redirect("roster_students:index")
        context.update(report=report, school=school, token=token)
        form = ImportForm(user=request.user)
    else:
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            token = secrets.token_hex(16)
            path = _upload_dir() / f"{token}.upload"
            upload = form.cleaned_data["file"]
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                with path.open("rb") as handle:
                    report = import_students(form.cleaned_data["school"], handle, apply=False)
            except ImportFileError as error:
                path.unlink(missing_ok=True)
                form.add_error("file", str(error))
            else:
                context.update(report=report, school=form.cleaned_data["school"], token=token)
    context["form"] = form
    return TemplateResponse(request, "roster/admin/import.html", context)


def export_students_view(request, school_id):
    school = _school_or_404(request, school_id)
    response = HttpResponse(
        ContentFile(export_students_csv(school).encode("utf-8")),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="students-{school.slug}.csv"'
    return response
