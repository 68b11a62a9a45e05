"""Commands: `flask --app werkstation purge`, `backup PATH`, `restore PATH`."""

from datetime import datetime

import click

from .routes import bp


@bp.cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Only count; change nothing.")
@click.option("--now", "now_text", metavar="YYYY-MM-DD", help="Act as if it is this date (UTC), for checks.")
def purge_command(dry_run, now_text):
    """Retention: notices for inactive profiles, anonymise after the grace period, delete old audit events."""
    from ..retention import purge

    now = datetime.fromisoformat(now_text) if now_text else None
    report = purge(now, dry_run=dry_run)
    click.echo(("Dry run: " if dry_run else "") + report.summary())


@bp.cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup_command(path):
    """Write a consistent copy of the database to PATH (SQLite: online backup; PostgreSQL: pg_dump)."""
    from ..backup import backup

    written = backup(path)
    click.echo(f"Backup written to {written}")


@bp.cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask; replace the current data.")
def restore_command(path, yes):
    """Replace the database's contents with the backup at PATH."""
    from ..backup import restore

    if not yes:
        click.confirm("This replaces every row in the current database. Continue?", abort=True)
    restore(path)
    click.echo(f"Restored from {path}")
