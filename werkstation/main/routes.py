"""Home, about, language choice and one dashboard per role."""

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from .. import matching_bridge
from ..access import public, roles
from ..auth.sessions import safe_next
from ..extensions import db
from ..i18n import remember_language
from ..models import Business, Jobseeker, Placement, User, Vacancy
from ..phones import display_phone, normalise_phone, phone_link
from ..settings.store import cooperative_phone, cooperative_place
from ..vocabulary import ROLES, STAFF_ROLES, WORKING_STAGES, JobseekerStatus, Role, Stage, VacancyStatus

bp = Blueprint("main", __name__)


@bp.route("/")
@public
def index():
    """What Werkstation is, for businesses, jobseekers and staff."""
    return render_template("main/index.html")


@bp.route("/over")
@public
def about():
    """About Werkstation and the data it uses (ESCO, GeoNames attribution)."""
    return render_template("main/about.html")


@bp.route("/cooperatie")
@public
def cooperative():
    """Where the cooperative is, when it is open, how to reach it and what a placement costs a business."""
    config, phone = current_app.config, cooperative_phone()
    name, address = cooperative_place()
    return render_template(
        "main/cooperative.html", name=name, address=address, phone=display_phone(phone),
        whatsapp=config["COOPERATIVE_WHATSAPP"], hours=config["COOPERATIVE_HOURS"],
        walk_in=config["COOPERATIVE_WALK_IN"], trial_cost=config["COOPERATIVE_TRIAL_COST_PER_HOUR"],
        fee_percent=config["COOPERATIVE_FEE_PERCENT"],
        whatsapp_link="https://wa.me/" + (normalise_phone(config["COOPERATIVE_WHATSAPP"]) or "").lstrip("+"),
        phone_link=phone_link(phone),
    )


@bp.route("/taal/<lang>")
@public
def set_language(lang):
    """Switch language, then go back; a logged-in person's next logins and messages follow the choice."""
    if lang in current_app.config["LANGUAGES"]:
        remember_language(lang)
    return redirect(safe_next(request.args.get("next")) or url_for("main.index"))


@bp.route("/dashboard")
@roles(*ROLES)
def dashboard():
    """Each role's start page, listing the user's own objects."""
    if current_user.role == Role.BUSINESS:
        business = current_user.business
        waiting = db.session.scalar(
            select(func.count()).select_from(Placement).join(Vacancy)
            .where(Vacancy.business_id == business.id, Placement.stage == Stage.PROPOSED,
                   Placement.business_response.is_(None),
                   # a paused or closed vacancy's proposals stand still: the business cannot answer them now
                   Vacancy.status.not_in((VacancyStatus.PAUSED, VacancyStatus.CLOSED)))
        )
        return render_template("main/dashboard_business.html", business=business, vacancies=business.vacancies,
                               waiting=waiting)
    if current_user.role == Role.JOBSEEKER:
        profile = db.session.scalar(select(Jobseeker).where(Jobseeker.user_id == current_user.id))
        placements = profile.placements if profile else []
        return render_template("main/dashboard_jobseeker.html", profile=profile, placements=placements)
    counts = {
        "vacancies": db.session.scalar(select(func.count()).select_from(Vacancy).where(Vacancy.status == VacancyStatus.OPEN)),
        "jobseekers": db.session.scalar(
            select(func.count()).select_from(Jobseeker).where(Jobseeker.status == JobseekerStatus.AVAILABLE)
        ),
        "businesses": db.session.scalar(select(func.count()).select_from(Business)),
        "unreviewed": matching_bridge.unreviewed_count(),
        "placements": db.session.scalar(
            select(func.count()).select_from(Placement).where(Placement.stage.in_(WORKING_STAGES))
        ),
    }
    vacancies = db.session.scalars(
        select(Vacancy).where(Vacancy.status == VacancyStatus.OPEN).order_by(Vacancy.created_at.desc()).limit(20)
    ).all()
    staff_users = []
    if current_user.role == Role.ADMIN:
        staff_users = db.session.scalars(select(User).where(User.role.in_(STAFF_ROLES)).order_by(User.email)).all()
    return render_template("main/dashboard_staff.html", counts=counts, vacancies=vacancies, staff_users=staff_users)
