from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from schools.backups import RestoreError, database_holds_schools, restore_backup


class Command(BaseCommand):
    help = "Restore a platform backup written by backup_create into this database."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds schools (everything in it is lost).",
        )

    def handle(self, *args, archive, force=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        if database_holds_schools() and not force:
            raise CommandError(
                "This database already holds schools; restore into a fresh database, or pass "
                "--force to replace everything in it."
            )
        try:
            manifest = restore_backup(path)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
