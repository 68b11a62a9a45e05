"""The Berichten page, the header count, the staff call list and the list of messages that could not be sent."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select, update

from .. import audit
from ..access import roles
from ..extensions import db
from ..forms import ButtonForm
from ..models import Jobseeker, utcnow
from ..outbox.models import MAILBOX_ONLY, Channel, Message, MessageKind, MessageStatus, shown_body
from ..persistence import commit, save_or_back
from ..vocabulary import ROLES, STAFF_ROLES, Role

bp = Blueprint("messages", __name__)

INBOX_LIMIT = 100
# About the account itself, not about work: folded below the messages about vacancies and proposals.
ACCOUNT_KINDS = MAILBOX_ONLY | {MessageKind.PASSWORD_CHANGED, MessageKind.PASSWORD_HELP, MessageKind.EMAIL_CHANGED,
                                MessageKind.EXISTING_ACCOUNT}
VISIBLE = (MessageStatus.SENT, MessageStatus.DONE, MessageStatus.QUEUED, MessageStatus.SENDING)


def mine():
    """Messages meant for the current user: to their account, to their profile, or to their business."""
    conditions = [Message.recipient_user_id == current_user.id]
    if current_user.role == Role.JOBSEEKER:
        profile = select(Jobseeker.id).where(Jobseeker.user_id == current_user.id).scalar_subquery()
        conditions.append((Message.jobseeker_id == profile) & Message.recipient_user_id.is_(None))
    if current_user.role == Role.BUSINESS and current_user.business_id is not None:
        conditions.append((Message.business_id == current_user.business_id) & Message.recipient_user_id.is_(None)
                          & Message.jobseeker_id.is_(None))
    return or_(*conditions)


def unread_count() -> int:
    """New messages for the header (only people's own messages; staff work from the call list)."""
    if not current_user.is_authenticated:
        return 0
    return db.session.scalar(
        select(func.count()).select_from(Message).where(mine(), Message.read_at.is_(None),
                                                        Message.status.in_(VISIBLE))
    ) or 0


@bp.app_context_processor
def header_helpers():
    return {"unread_messages": unread_count}


@bp.route("/berichten")
@roles(*ROLES)
def inbox():
    """Everything Werkstation sent to me, newest first; opening the page marks them as read."""
    rows = db.session.scalars(
        select(Message).where(mine(), Message.status.in_(VISIBLE))
        .order_by(Message.created_at.desc(), Message.id.desc()).limit(INBOX_LIMIT)
    ).all()
    new_ids = {m.id for m in rows if m.read_at is None}
    if new_ids:
        db.session.execute(update(Message).where(Message.id.in_(new_ids)).values(read_at=utcnow()),
                           execution_options={"synchronize_session": False})
        commit()
    return render_template("messages/inbox.html", rows=[m for m in rows if m.kind not in ACCOUNT_KINDS],
                           account_rows=[m for m in rows if m.kind in ACCOUNT_KINDS], new_ids=new_ids,
                           shown_body=shown_body, shows_link=lambda m: m.link and m.kind not in ACCOUNT_KINDS)


@bp.route("/medewerker/bellijst")
@roles(*STAFF_ROLES)
def call_list():
    """People without e-mail: who to phone, the number, and the text to read out."""
    rows = db.session.scalars(
        select(Message).where(Message.channel == Channel.CALL_LIST, Message.status == MessageStatus.QUEUED)
        .order_by(Message.created_at, Message.id)
    ).all()
    return render_template("messages/call_list.html", rows=rows)


@bp.route("/medewerker/bellijst/<int:message_id>/gedaan", methods=["POST"])
@roles(*STAFF_ROLES)
def call_done(message_id):
    """Staff phoned the person and read the message out."""
    form = ButtonForm.pressed()
    message = db.get_or_404(Message, message_id)
    if message.channel != Channel.CALL_LIST:
        abort(404)
    if message.status == MessageStatus.QUEUED:
        message.status = MessageStatus.DONE
        message.done_at = utcnow()
        message.done_by_id = current_user.id
        audit.record("message.called", message, jobseeker_id=message.jobseeker_id, kind=message.kind)
        return save_or_back(form, url_for("messages.call_list"),
                            _l("Gedaan. Het bericht staat niet meer op de bellijst."))
    return redirect(url_for("messages.call_list"))


@bp.route("/medewerker/berichten")
@roles(*STAFF_ROLES)
def outbox_status():
    """E-mails that could not be sent after every try, and how many wait."""
    failed = db.session.scalars(
        select(Message).where(Message.status == MessageStatus.FAILED).order_by(Message.created_at.desc())
    ).all()
    counts = dict(db.session.execute(
        select(Message.status, func.count()).where(Message.channel == Channel.EMAIL).group_by(Message.status)
    ).all())
    return render_template("messages/outbox_status.html", failed=failed, counts=counts)


@bp.route("/medewerker/berichten/<int:message_id>/opnieuw", methods=["POST"])
@roles(*STAFF_ROLES)
def retry(message_id):
    """Staff fixed the address or the mail server: try a failed e-mail again."""
    form = ButtonForm.pressed()
    message = db.get_or_404(Message, message_id)
    if message.status == MessageStatus.FAILED:
        message.status = MessageStatus.QUEUED
        message.tries = 0
        message.next_attempt_at = utcnow()
        audit.record("message.retry", message, jobseeker_id=message.jobseeker_id, kind=message.kind)
        return save_or_back(form, url_for("messages.outbox_status"), _l("Het bericht wordt opnieuw verstuurd."))
    return redirect(url_for("messages.outbox_status"))
