"""`flask rematch` and `flask learn`: keep suggestions fresh and learn from staff decisions."""

import json

import click

from .. import matching_bridge
from ..extensions import db
from .routes import bp


@bp.cli.command("rematch")
def rematch_command():
    """Re-score every open vacancy against every available jobseeker."""
    n = matching_bridge.rematch_all()
    db.session.commit()
    click.echo(f"Rematched: {n} suggestions stored (model {matching_bridge.active_matcher().model_version}).")


@bp.cli.command("learn")
@click.option("--seed", default=0, show_default=True, help="Seed for the held-out fold split.")
@click.option("--rematch/--no-rematch", default=True, show_default=True, help="Re-score everything when the learned model is used.")
def learn_command(seed, rematch):
    """Fit the scorer on staff decisions and placement outcomes; use it only if it beats the model in use."""
    result = matching_bridge.learn(random_state=seed)
    report = result.report
    click.echo(f"Examples: {report.get('n_pairs', 0)} ({report.get('n_positive', 0)} positive), "
               f"held-out folds: {report.get('folds', 0)}")
    if "learned_roc_auc" in report:
        click.echo(f"ROC AUC on held-out decisions: learned {report['learned_roc_auc']:.3f}, "
                   f"model in use ({report['baseline']}) {report['default_roc_auc']:.3f}")
    if report.get("note"):
        click.echo(f"Note: {report['note']}")
    if result.used:
        if rematch:
            matching_bridge.rematch_all()
        db.session.commit()
        click.echo(f"Learned model beats {report['baseline']}: now using {result.model_version}.")
    else:
        db.session.rollback()
        click.echo(f"Learned model does not beat {report['baseline']}: keeping the current model.")
    click.echo(json.dumps(report, sort_keys=True))
