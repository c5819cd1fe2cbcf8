"""Views of importing and exporting question files: upload, preview, confirm, download."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.auth.access import teacher_required
from quizapp.authoring.access import can_change, changeable_set_or_404, visible_set_or_404
from quizapp.bank.models import QuestionSet
from quizapp.domain.interchange.reading import FILE_TYPES, FORMATS, LABELS, guess_format
from quizapp.edge import accepts_upload
from quizapp.extensions import db
from quizapp.interchange import bp, services
from quizapp.interchange.forms import GUESS, ConfirmForm, ImportForm, NewSetImportForm
from quizapp.interchange.models import ImportUpload


def _read_form(form):
    """Return the Reading of the uploaded file, or None after putting errors on the form."""
    upload = form.file.data
    fmt = form.format.data if form.format.data != GUESS else guess_format(upload.filename or "")
    if fmt is None:
        form.format.errors.append(_("Choose the file's format: its name does not tell."))
        return None
    return services.read_upload(upload.read(), fmt, current_user)


def _upload_page(form, question_set=None, reading=None, status=200):
    return render_template("interchange/upload.html", form=form, question_set=question_set,
                           reading=reading, labels=LABELS), status


def _take_upload(form, question_set):
    """Read a posted file; keep it and go to its preview, or show what is wrong."""
    if not form.validate():
        return _upload_page(form, question_set, status=400)
    reading = _read_form(form)
    if reading is None:
        return _upload_page(form, question_set, status=400)
    if not reading.ok:
        form.file.errors.append(_("This file cannot be imported: nothing was imported."))
        return _upload_page(form, question_set, reading, status=400)
    title = form.title.data if question_set is None else ""
    upload = services.keep_upload(reading, current_user, form.file.data.filename or "",
                                  question_set, title)
    db.session.commit()
    return redirect(url_for("interchange.preview", upload_id=upload.id))


@bp.route("/import", methods=["GET", "POST"])
@accepts_upload
@teacher_required
def import_new():
    """Take a question file for a new set of the current teacher."""
    form = NewSetImportForm()
    if request.method == "POST":
        return _take_upload(form, None)
    return _upload_page(form)


@bp.route("/<int:set_id>/import", methods=["GET", "POST"])
@accepts_upload
@teacher_required
def import_into(set_id):
    """Take a question file to add to one of the current teacher's sets."""
    question_set = changeable_set_or_404(set_id)
    form = ImportForm()
    if request.method == "POST":
        return _take_upload(form, question_set)
    return _upload_page(form, question_set)


def _own_upload_or_404(upload_id):
    """Return the current teacher's kept upload; anyone else's is a 404."""
    upload = db.get_or_404(ImportUpload, upload_id)
    if upload.owner_id != current_user.id:
        abort(404)
    return upload


@bp.route("/imports/<int:upload_id>", methods=["GET", "POST"])
@teacher_required
def preview(upload_id):
    """Show what a kept upload holds; on confirm, import it all."""
    upload = _own_upload_or_404(upload_id)
    question_set = db.session.get(QuestionSet, upload.set_id) if upload.set_id else None
    if question_set is not None:
        changeable_set_or_404(question_set.id)
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        try:
            question_set, added = services.confirm_upload(upload, current_user)
        except services.ImportProblem as problem:
            db.session.rollback()
            flash(str(problem), "error")
            return redirect(url_for("interchange.preview", upload_id=upload_id))
        db.session.commit()
        flash(_("Imported %(n)s questions into %(title)s.", n=len(added),
                title=question_set.title), "success")
        return redirect(url_for("interchange.export", set_id=question_set.id))
    counts = {}
    for item in upload.questions:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    return render_template("interchange/preview.html", upload=upload, form=form,
                           question_set=question_set, counts=counts,
                           label=LABELS.get(upload.format, upload.format))


@bp.get("/<int:set_id>/export")
@teacher_required
def export(set_id):
    """Offer the set in every format, saying what each loses; with ?format=, download it."""
    question_set = visible_set_or_404(set_id)
    fmt = request.args.get("format")
    if fmt is None:
        return _export_page(question_set)
    if fmt not in FORMATS:
        abort(404)
    try:
        result = services.export_set(question_set, fmt)
    except services.ImportProblem as problem:
        flash(str(problem), "error")
        return redirect(url_for("interchange.export", set_id=set_id))
    return _download(question_set, result, fmt)


def _export_page(question_set):
    """Render the export page: each format, and what it would lose of this set."""
    exports, problem = {}, None
    try:
        exports = services.export_losses(question_set)
    except services.ImportProblem as error:
        problem = str(error)
    return render_template("interchange/export.html", question_set=question_set,
                           exports=exports, problem=problem,
                           labels=LABELS,
                           may_change=can_change(question_set, current_user))


def _download(question_set, result, fmt):
    """Send the exported text as a file; headers say how much the format lost."""
    suffix, mimetype = FILE_TYPES[fmt]
    response = make_response(result.text.encode("utf-8"))
    response.mimetype = mimetype
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = \
        f'attachment; filename="{question_set.slug}{suffix}"'
    # A script downloading the file learns what was lost without the page.
    response.headers["X-Quizapp-Export-Losses"] = str(len(result.losses))
    return response
