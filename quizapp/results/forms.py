"""Forms of the results pages."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length


class AcceptForm(FlaskForm):
    """Accept one typed answer as right."""

    answer = HiddenField(validators=[DataRequired(), Length(max=200)])
