from django.urls import path

from shop.eligibility import views

app_name = "eligibility"

hr = "hr/<int:employer_pk>/"

urlpatterns = [
    path("hr/", views.HRIndexView.as_view(), name="hr-index"),
    path(hr, views.HRDashboardView.as_view(), name="hr-dashboard"),
    path(f"{hr}roster/", views.RosterView.as_view(), name="hr-roster"),
    path(f"{hr}roster/add/", views.EmployeeAddView.as_view(), name="hr-employee-add"),
    path(f"{hr}roster/import/", views.RosterImportView.as_view(), name="hr-roster-import"),
    path(f"{hr}roster/import/columns/", views.RosterColumnsView.as_view(), name="hr-roster-import-columns"),
    path(f"{hr}roster/template.csv", views.RosterTemplateView.as_view(), name="hr-roster-template"),
    path(f"{hr}roster/<int:pk>/edit/", views.EmployeeEditView.as_view(), name="hr-employee-edit"),
    path(f"{hr}roster/<int:pk>/end/", views.EmployeeEndView.as_view(), name="hr-employee-end"),
    path(f"{hr}roster/<int:pk>/invite/", views.EmployeeInviteView.as_view(), name="hr-employee-invite"),
    path(f"{hr}invitations/", views.InvitationListView.as_view(), name="hr-invitations"),
    path(f"{hr}join-requests/", views.JoinRequestListView.as_view(), name="hr-join-requests"),
    path(
        f"{hr}join-requests/<int:pk>/", views.JoinRequestDecideView.as_view(), name="hr-join-request-decide"
    ),
    path("accounts/employer/", views.MyEmployerView.as_view(), name="my-employer"),
    path("accounts/employer/join/", views.JoinRequestCreateView.as_view(), name="join-request"),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation-accept"),
]
