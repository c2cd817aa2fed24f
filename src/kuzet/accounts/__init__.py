"""Accounts: who may do what in Kuzet.

    roles.py        Role (viewer < editor < reviewer < admin), role_of, has_role,
                    can_see_confidential, is_public — the one place roles are decided
    models.py       Profile (a user's role), ApiToken (hashed, one per user)
    services.py     create_user, set_role, reset_password, issue_token, user_for_token
    middleware.py   bearer tokens for the API, the private-instance gate, headers
    decorators.py   role_required: views check the role, refused attempts are logged
    views.py        login (password, then a TOTP code when set up), logout,
                    two-factor set-up, API token, password change, users (admins)

What a role may *see* is decided in :mod:`kuzet.workspace.access` (which reads
:mod:`.roles`); what it may *change* is checked by the views and services of the
review workflow (:mod:`kuzet.store.review`).
"""
