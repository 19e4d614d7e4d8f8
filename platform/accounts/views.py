from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def my_roles(request):
    assignments = request.user.role_assignments.select_related("school", "district", "region")
    return render(request, "accounts/my_roles.html", {"assignments": assignments})
