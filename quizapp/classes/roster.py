"""Teachers' view of a class's roster: rename, remove, restore and merge learners."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from quizapp.auth.access import teacher_required
from quizapp.classes import bp, services
from quizapp.classes.access import ID, class_or_404
from quizapp.classes.forms import ConfirmForm, LearnerNameForm, MergeForm
from quizapp.extensions import db

ENTRY_URL = f"/teach/classes/<{ID}:class_id>/roster/<{ID}:entry_id>"


def _forms(entries, failed=None):
    """Return each entry's rename and merge forms, keyed by entry id; `failed` replaces one."""
    forms = {}
    for entry in entries:
        prefix = f"e{entry.id}"
        merge = MergeForm(formdata=None, prefix=f"{prefix}-merge")
        merge.into.choices = [(other.id, other.display_name) for other in entries
                              if other.id != entry.id]
        forms[entry.id] = {
            "rename": LearnerNameForm(formdata=None, prefix=f"{prefix}-name",
                                      display_name=entry.display_name),
            "merge": merge,
        }
    if failed is not None:
        entry_id, name, form = failed
        if name == "merge":
            form.into.choices = forms[entry_id]["merge"].into.choices
        forms[entry_id][name] = form
    return forms


def _roster(school_class, failed=None, status=200):
    entries = services.roster(school_class)
    return render_template("classes/roster.html", school_class=school_class, entries=entries,
                           forms=_forms(entries, failed), confirm=ConfirmForm()), status


def _entry_or_404(school_class, entry_id):
    entry = services.entry_in_class(school_class, entry_id)
    if entry is None:
        abort(404)
    return entry


def _back(class_id):
    return redirect(url_for("classes.roster", class_id=class_id))


@bp.get(f"/teach/classes/<{ID}:class_id>/roster")
@teacher_required
def roster(class_id):
    """List the class's learners with the forms that change them."""
    return _roster(class_or_404(class_id))


@bp.post(f"{ENTRY_URL}/rename")
@teacher_required
def rename_learner(class_id, entry_id):
    """Change the name the teacher sees for a learner."""
    school_class = class_or_404(class_id)
    entry = _entry_or_404(school_class, entry_id)
    form = LearnerNameForm(prefix=f"e{entry.id}-name")
    if not form.validate():
        return _roster(school_class, (entry.id, "rename", form), 400)
    services.rename_entry(entry, form.display_name.data)
    db.session.commit()
    flash(_("Learner renamed to %(name)s.", name=entry.display_name), "info")
    return _back(class_id)


@bp.post(f"{ENTRY_URL}/remove")
@teacher_required
def remove_learner(class_id, entry_id):
    """Take a learner off the roster; their attempts stay, marked removed."""
    school_class = class_or_404(class_id)
    entry = _entry_or_404(school_class, entry_id)
    if ConfirmForm().validate():
        services.remove_entry(entry)
        db.session.commit()
        flash(_("%(name)s was removed; their attempts are kept.", name=entry.display_name),
              "info")
    return _back(class_id)


@bp.post(f"{ENTRY_URL}/restore")
@teacher_required
def restore_learner(class_id, entry_id):
    """Put a removed learner back on the roster."""
    school_class = class_or_404(class_id)
    entry = _entry_or_404(school_class, entry_id)
    if ConfirmForm().validate():
        services.restore_entry(entry)
        db.session.commit()
        flash(_("%(name)s is back on the roster.", name=entry.display_name), "info")
    return _back(class_id)


@bp.post(f"{ENTRY_URL}/merge")
@teacher_required
def merge_learner(class_id, entry_id):
    """Fold a learner's entry into another that is the same person."""
    school_class = class_or_404(class_id)
    entry = _entry_or_404(school_class, entry_id)
    form = MergeForm(prefix=f"e{entry.id}-merge")
    if form.validate():
        into = services.entry_in_class(school_class, form.into.data)
        try:
            if into is None:
                raise services.ClassError("Choose a learner of this class.")
            services.merge_entries(entry, into)
        except services.ClassError as error:
            form.into.errors.append(_(str(error)))
        else:
            db.session.commit()
            flash(_("%(name)s was merged into %(into)s.", name=entry.display_name,
                    into=into.display_name), "info")
            return _back(class_id)
    return _roster(school_class, (entry.id, "merge", form), 400)
