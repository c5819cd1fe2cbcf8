"""A teacher's own sources: add by pasting or uploading, describe, edit the text, delete."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.auth.access import teacher_required
from quizapp.domain.articles import ArticleError, from_pasted_text, from_upload
from quizapp.domain.bankschema import SOURCE, FieldError
from quizapp.edge import accepts_upload
from quizapp.extensions import db
from quizapp.sources import services, teach_bp
from quizapp.sources.access import changeable_source_or_404, visible_source_or_404
from quizapp.sources.forms import BodyForm, ConfirmForm, DetailsForm, PasteForm, UploadForm


@teach_bp.get("/")
@teacher_required
def index():
    """List the teacher's sources (an admin's: everyone's) and the bundled ones."""
    return render_template("teach_sources/index.html",
                           sources=services.teacher_sources(current_user),
                           bundled=services.bundled_sources())


def _saved(source, warnings=()):
    """Commit, say what happened and open the new source's page."""
    db.session.commit()
    flash(_("The source is saved. Check its text below."), "success")
    for warning in warnings:
        flash(_(warning), "warning")
    return redirect(url_for("teach_sources.show", source_id=source.id))


@teach_bp.route("/new", methods=["GET", "POST"])
@teacher_required
def new():
    """Add a source from pasted text."""
    form = PasteForm()
    if form.validate_on_submit():
        try:
            draft = from_pasted_text(form.text.data)
        except ArticleError as error:
            form.text.errors.append(error.format(_))
        else:
            source = services.add_source(current_user, draft.body, form.details(),
                                         trimmed=(form.trimmed.data or "").strip())
            return _saved(source)
    return render_template("teach_sources/new.html", form=form), 400 if form.errors else 200


def _fill_from_draft(form, draft):
    """Return the form's details, with blank ones taken from the page; errors on the form."""
    details = form.details()
    for name in ("headline", "outlet"):
        details[name] = details[name] or getattr(draft, name) or ""
        limit = SOURCE[name].max_length
        if not details[name]:
            form[name].errors.append(_("The page does not say it: type it."))
        elif len(details[name]) > limit:
            form[name].errors.append(_("Use at most %(max)d characters.", max=limit))
    if details["published"] is None and draft.published is not None:
        details["published"], details["date_precision"] = draft.published, draft.date_precision
    if details["url"] is None:
        details["url"] = _page_url(draft.url)
    return details


def _page_url(url):
    """Return the address a page gives for itself, when it is a usable http(s) one."""
    try:
        return SOURCE["url"].read("url", url) if url else None
    except FieldError:
        return None


@teach_bp.route("/upload", methods=["GET", "POST"])
@teacher_required
@accepts_upload
def upload():
    """Add a source from an uploaded .txt or .html file, its article extracted offline."""
    form = UploadForm()
    if form.validate_on_submit():
        try:
            draft = from_upload(form.file.data.read(), form.file.data.filename or "")
        except ArticleError as error:
            form.file.errors.append(error.format(_))
        else:
            details = _fill_from_draft(form, draft)
            if not form.errors:
                source = services.add_source(current_user, draft.body, details,
                                             trimmed=draft.trimmed or "")
                return _saved(source, draft.warnings)
    return render_template("teach_sources/upload.html", form=form), 400 if form.errors else 200


@teach_bp.get("/<int:source_id>")
@teacher_required
def show(source_id):
    """Show a source as the teacher checks it: its text, what was trimmed, its versions."""
    return _show(visible_source_or_404(source_id))


def _show(source):
    """Render the teacher's page of `source`."""
    return render_template("teach_sources/show.html", source=source,
                           cited=services.citing_count(source),
                           latest=services.latest_version(source),
                           earlier=services.versions_of(source), form=ConfirmForm())


@teach_bp.route("/<int:source_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit(source_id):
    """Change what is said about a source: outlet, headline, date, address, provenance."""
    source = changeable_source_or_404(source_id)
    form = DetailsForm(obj=source)
    if not form.is_submitted():
        form.published.data = _date_text(source)
    if form.validate_on_submit():
        services.describe_source(source, form.details())
        db.session.commit()
        flash(_("The details are saved."), "success")
        return redirect(url_for("teach_sources.show", source_id=source.id))
    return render_template("teach_sources/edit.html", form=form, source=source), \
        400 if form.errors else 200


def _date_text(source):
    """Return a source's date as the form writes it: 2024, 2024-03 or 2024-03-14."""
    if source.published is None or source.date_precision == "unknown":
        return ""
    text = source.published.isoformat()
    return {"year": text[:4], "month": text[:7]}.get(source.date_precision, text)


@teach_bp.route("/<int:source_id>/text", methods=["GET", "POST"])
@teacher_required
def text(source_id):
    """Edit a source's text: in place while nothing cites it, else as a new version."""
    source = changeable_source_or_404(source_id)
    latest = services.latest_version(source)
    if latest.id != source.id:
        flash(_("A newer version of this source exists: edit that one."), "warning")
        return redirect(url_for("teach_sources.text", source_id=latest.id))
    form = BodyForm(data={"text": source.body})
    cited = services.citing_count(source)
    if form.validate_on_submit():
        try:
            body = from_pasted_text(form.text.data).body
        except ArticleError as error:
            form.text.errors.append(error.format(_))
        else:
            saved = services.edit_body(source, body)
            db.session.commit()
            flash(_("Questions cite the old text, so it is kept; this is version %(number)d.",
                    number=saved.version) if saved.id != source.id
                  else _("The text is saved."), "success")
            return redirect(url_for("teach_sources.show", source_id=saved.id))
    return render_template("teach_sources/text.html", form=form, source=source, cited=cited), \
        400 if form.errors else 200


@teach_bp.post("/<int:source_id>/delete")
@teacher_required
def delete(source_id):
    """Delete a source that no question cites."""
    source = changeable_source_or_404(source_id)
    if not ConfirmForm().validate_on_submit():
        flash(_("Nothing was deleted: reload the page and try again."), "error")
        return redirect(url_for("teach_sources.show", source_id=source.id))
    try:
        services.delete_source(source)
    except services.SourceInUse as error:
        flash(_("This source cannot be deleted: questions cite it (%(count)d passages). "
                "Their learners' attempts still point at it.", count=error.count), "error")
        return _show(source), 409
    db.session.commit()
    flash(_("The source is deleted."), "success")
    return redirect(url_for("teach_sources.index"))
