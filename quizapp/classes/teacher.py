"""Teachers' views of their classes: list, create, rename, assign quizzes, the gradebook."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.auth.access import teacher_required
from quizapp.classes import bp, services
from quizapp.classes.access import ID, class_or_404
from quizapp.classes.forms import AssignForm, ClassNameForm, UnassignForm
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz

PREFIX = "/teach/classes"


@bp.get(f"{PREFIX}/")
@teacher_required
def index():
    """List the teacher's classes and offer to make one."""
    return _index(ClassNameForm())


def _index(form, status=200):
    return render_template("classes/index.html", form=form,
                           classes=services.teacher_classes(current_user)), status


@bp.post(f"{PREFIX}/")
@teacher_required
def create():
    """Make a class with a fresh join code."""
    form = ClassNameForm()
    if not form.validate():
        return _index(form, 400)
    school_class = services.create_class(current_user, form.name.data)
    db.session.commit()
    flash(_("Class made. Its code is %(code)s.", code=school_class.join_code), "info")
    return redirect(url_for("classes.show", class_id=school_class.id))


@bp.get(f"{PREFIX}/<{ID}:class_id>")
@teacher_required
def show(class_id):
    """Show a class: its code, name, assigned quizzes and the forms that change them."""
    school_class = class_or_404(class_id)
    return _show(school_class, ClassNameForm(name=school_class.name), AssignForm())


def _show(school_class, rename_form, assign_form, status=200):
    assigned = services.assigned_quizzes(school_class)
    assign_form.quiz_id.choices = [(q.id, q.title) for q in
                                   services.assignable_quizzes(school_class)]
    return render_template("classes/show.html", school_class=school_class,
                           rename_form=rename_form, assign_form=assign_form,
                           assigned=assigned, unassign_form=UnassignForm()), status


@bp.post(f"{PREFIX}/<{ID}:class_id>/rename")
@teacher_required
def rename(class_id):
    """Give the class a new name."""
    school_class = class_or_404(class_id)
    form = ClassNameForm()
    if not form.validate():
        return _show(school_class, form, AssignForm(formdata=None), 400)
    services.rename_class(school_class, form.name.data)
    db.session.commit()
    flash(_("Class renamed."), "info")
    return redirect(url_for("classes.show", class_id=class_id))


@bp.post(f"{PREFIX}/<{ID}:class_id>/assign")
@teacher_required
def assign(class_id):
    """Assign one of the teacher's quizzes, or a bundled one, to the class."""
    school_class = class_or_404(class_id)
    form = AssignForm()
    if form.validate():
        quiz = db.session.get(Quiz, form.quiz_id.data)
        try:
            if quiz is None:
                raise services.ClassError("That quiz cannot be assigned to this class.")
            services.assign_quiz(school_class, quiz)
        except services.ClassError as error:
            form.quiz_id.errors.append(_(str(error)))
        else:
            db.session.commit()
            flash(_("%(title)s is assigned to the class.", title=quiz.title), "info")
            return redirect(url_for("classes.show", class_id=class_id))
    rename_form = ClassNameForm(formdata=None, name=school_class.name)
    return _show(school_class, rename_form, form, 400)


@bp.post(f"{PREFIX}/<{ID}:class_id>/unassign")
@teacher_required
def unassign(class_id):
    """Take a quiz off the class; the attempts already made stay."""
    school_class = class_or_404(class_id)
    form = UnassignForm()
    if not form.validate() or not services.unassign_quiz(school_class, form.quiz_id.data):
        flash(_("That quiz is not assigned to this class: nothing changed."), "error")
        return redirect(url_for("classes.show", class_id=class_id))
    db.session.commit()
    flash(_("The quiz is no longer assigned; attempts already made are kept."), "info")
    return redirect(url_for("classes.show", class_id=class_id))


@bp.get(f"{PREFIX}/<{ID}:class_id>/gradebook")
@teacher_required
def gradebook(class_id):
    """Show learners by assigned quizzes, each cell the attempt that counts."""
    school_class = class_or_404(class_id)
    if services.hand_in_overdue(school_class):
        db.session.commit()
    quizzes, rows = services.gradebook(school_class)
    return render_template("classes/gradebook.html", school_class=school_class,
                           quizzes=quizzes, rows=rows)
