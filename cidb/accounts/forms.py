from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from .models import User


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=True, help_text="For password resets.")

    class Meta:
        model = User
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this e-mail address already exists.")
        return email


class ThrottledLoginMixin:
    """Say clearly when log-ins are paused (see cidb.accounts.throttle) instead of
    the generic "wrong password" the backend's refusal would give."""

    def clean(self):
        from .throttle import locked_message

        username = self.data.get("username", "") if hasattr(self, "data") else ""
        message = locked_message(self.request, str(username))
        if message:
            raise forms.ValidationError(message, code="locked")
        return super().clean()


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass
