"""Services: functions over a Session and plain values, shared by the CLI and the window.

The caller owns the transaction (`with db.sessions.begin() as s:`), so one user action is one
commit and a failure anywhere leaves the database as it was.
"""
