"""Qt item models over app listings."""
