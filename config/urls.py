"""URL wiring: the admin, the language switcher, and each app's pages.

English pages live at the root (/), Italian ones under /it/, so that a shared link names
its language and the site answers at / without a redirect.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from quizzes.teacher_forms import AdminLoginForm, LoginForm
from quizzes.views import accounts, site, student

# Both login forms check the username's length (see quizzes.teacher_forms.LoginForm).
admin.site.login_form = AdminLoginForm
LOGIN = auth_views.LoginView.as_view(authentication_form=LoginForm)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", site.healthz, name="healthz"),
    path("robots.txt", site.robots, name="robots"),
    # Outside the language prefixes: the student's language picks the join page's.
    path("j/<str:code>/", site.join_link, name="join_link"),
]
# The home page, then the quiz pages: they are what a class requests at the same minute, and Django
# tries patterns in order (none of these prefixes overlap).
urlpatterns += i18n_patterns(
    path("", student.home, name="home"),
    path("", include("quizzes.urls")),
    path("admin/", admin.site.urls),
    path("accounts/login/", LOGIN, name="login"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/signup/done/", accounts.signup_done, name="signup_done"),
    path("accounts/password_reset/", accounts.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    prefix_default_language=False,
)
