"""The reader's comment form, which the page's form and the widget parse with.

The form checks what a browser can get wrong (a missing field, an address
that is not one, too many characters) and gives the message to show next to
the field. The posting service's ``well_formed`` step checks the same rules
again and stays the authority: whatever it refuses comes back as a
``ValidationFailed`` naming the field, and ``add_failure`` puts that message
next to the field too.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core import validators
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from civility.abuse.bots import form_timestamp
from civility.errors import CivilityError
from civility.i18n import error_message

from .steps import EMAIL_MAX, NAME_MAX, email_required
from .submission import Door, Submission


def comment_max_chars() -> int:
    return int(getattr(settings, "CIVILITY_COMMENT_MAX_CHARS", 2000))


class CommentForm(forms.Form):
    author_name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        error_messages={"required": _("Please give your name.")},
    )
    # Optional, as on the seed's form: required only when the reader asks to be
    # told the outcome or the site asks everyone (steps.email_required).
    author_email = forms.EmailField(
        label=_("Email"),
        max_length=EMAIL_MAX,
        required=False,
        error_messages={
            "required": _("Please give your email address; it is never shown."),
            "invalid": _("Please give a valid email address, like name@example.com."),
        },
    )
    # strip=False: the comment is stored exactly as written (never edited);
    # only an all-blank comment is refused, in clean_text.
    text = forms.CharField(
        label=_("Comment"),
        strip=False,
        error_messages={
            "required": _("Please write your comment."),
            "max_length": _(
                "Please shorten your comment to %(limit_value)s characters at most "
                "(it has %(show_value)s)."
            ),
        },
    )

    # "E-mail me when a moderator decides" (comments/notifications.py).
    notify = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text_max = comment_max_chars()
        # The limit is a setting, read per form so tests and sites can change it.
        self.fields["text"].max_length = self.text_max
        self.fields["text"].validators.append(validators.MaxLengthValidator(self.text_max))
        self.name_max = NAME_MAX
        self.email_max = EMAIL_MAX

    @property
    def issued_token(self) -> str:
        """A fresh signed timestamp for each rendering (abuse/bots.py)."""
        return form_timestamp()

    @property
    def text_max_display(self) -> str:
        # "2,000" in English; grouped as the interface language writes numbers.
        return number_format(self.text_max, force_grouping=True)

    @property
    def email_required(self) -> bool:
        """Whether the e-mail is asked of everyone (the notify box asks for it too)."""
        return email_required(False)

    def clean(self):
        data = super().clean()
        if (
            not data.get("author_email")
            and "author_email" not in self.errors
            and email_required(data.get("notify", False))
        ):
            if self.email_required:
                self.add_error(
                    "author_email", self.fields["author_email"].error_messages["required"]
                )
            else:
                self.add_error(
                    "author_email",
                    forms.ValidationError(
                        _("Please give your email address, so we can tell you the outcome."),
                        code="required",
                    ),
                )
        return data

    def errors_in_order(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in the form's order; the
        errors about no field first, pointing at the form's first field."""
        found = [("id_author_name", str(e)) for e in self.non_field_errors()]
        for name in ("author_name", "author_email", "text", "notify"):
            found += [(f"id_{name}", str(e)) for e in self.errors.get(name, ())]
        return found

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(self.fields["text"].error_messages["required"])
        return text

    def submission(
        self, door: Door, article, *, ip: str | None, reader=None, sender=None
    ) -> Submission:
        """The valid form as the posting service's input (call after ``is_valid``)."""
        data = self.cleaned_data
        return Submission(
            door=door,
            article=article,
            author_name=data["author_name"],
            author_email=data["author_email"],
            text=data["text"],
            notify=data.get("notify", False),
            reader=reader,
            ip_address=ip,
            sender=sender,
        )

    def add_failure(self, error: CivilityError) -> None:
        """Show an error raised by the actions next to its field (or above the form)."""
        field = error.field if error.field in self.fields else None
        # In the page's language, by the error's code (civility/i18n.py).
        self.add_error(field, error_message(error))
