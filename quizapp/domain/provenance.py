"""What a source claims to be versus what is known of it, and how the app names it."""

# verified: matched against the outlet's own page; copy: a third party's copy of the
# outlet's report (its wording may not be the outlet's); unverified: no known original.
STATUSES = ("verified", "copy", "unverified")
DEFAULT_STATUS = "unverified"


def _untranslated(message):
    return message


def provenance_label(outlet, status, gettext=_untranslated):
    """Name a source for learners: the outlet only when the page is known to be its own."""
    if status == "verified":
        return outlet
    if status == "copy":
        return gettext("A copy of a %(outlet)s report") % {"outlet": outlet}
    # Anything not known to be verified or a copy is named as unverified: never flatter.
    return gettext("An unverified page in %(outlet)s style") % {"outlet": outlet}
