from django import forms

from cidb.incidents import vocab

from . import decode, importer


class ImportForm(forms.Form):
    file = forms.FileField(help_text="cidb JSON or JSON Lines, CSV, a STIX 2.1 bundle or VERIS.")
    format = forms.ChoiceField(
        choices=[(f, "Detect" if f == "auto" else f.upper()) for f in importer.FORMATS],
        initial="auto",
    )
    status = forms.ChoiceField(
        choices=vocab.choices(vocab.STATUSES),
        initial="draft",
        help_text="For records whose file does not give a status.",
    )
    dry_run = forms.BooleanField(required=False, initial=True, label="Check only (dry run)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            decode.check_size(upload.size)  # before reading a byte of it
        except decode.DecodeError as exc:
            raise forms.ValidationError(exc.problem.message) from None
        return upload
