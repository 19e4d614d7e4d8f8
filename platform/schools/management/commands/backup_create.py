from django.core.management.base import BaseCommand, CommandError

from schools.backups import create_backup, export_school
from schools.models import School


class Command(BaseCommand):
    help = "Write a backup of the platform (database and media), or export one school's site."

    def add_arguments(self, parser):
        parser.add_argument("--school", help="Export only this school (its short name).")
        parser.add_argument("--directory", help="Where to write; BACKUP_DIR by default.")

    def handle(self, *args, school=None, directory=None, **options):
        if school:
            try:
                target = export_school(School.objects.get(slug=school), directory)
            except School.DoesNotExist as error:
                raise CommandError(f"No school with the short name {school!r}.") from error
        else:
            target = create_backup(directory)
        self.stdout.write(str(target))
