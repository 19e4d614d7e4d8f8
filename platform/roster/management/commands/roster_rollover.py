"""roster_rollover <school> <first year>: move every class up into the next academic year.

Without --apply it prints the preview (each class, where it goes, how many students move or
graduate) and changes nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from roster import services
from roster.models import AcademicYear
from schools.models import School


class Command(BaseCommand):
    help = "Move a school's classes up into the next academic year (preview unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("school", help="the school's short name (slug)")
        parser.add_argument("start_year", type=int, help="the year to leave, e.g. 2026")
        parser.add_argument("--apply", action="store_true", help="make the change")

    def handle(self, *args, school, start_year, apply, **options):
        school = School.objects.select_related("district__region").filter(slug=school).first()
        if school is None:
            raise CommandError(_("No school with this short name."))
        year = AcademicYear.for_region(school.district.region, start_year)
        plan = (services.rollover if apply else services.plan_rollover)(school, year)
        for move in plan.moves:
            target = _("graduates") if move.graduates else move.target_name
            self.stdout.write(f"{move.source.name} -> {target}: {move.students}")
        self.stdout.write(
            _("%(year)s -> %(next)s: %(moving)s move up, %(graduating)s graduate.")
            % {
                "year": plan.from_year,
                "next": plan.to_year,
                "moving": plan.moving,
                "graduating": plan.graduating,
            }
        )
        if not apply:
            self.stdout.write(_("Preview only: run again with --apply to make the change."))
